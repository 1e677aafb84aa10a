"""Scale benchmark for resolution: a synthetic corpus of person mentions with known truth.

Names are Zipfian over generated given names, patronymics and surnames; mentions are full names,
initial forms or surname only, with injected OCR confusions and transliteration variants. Reports
wall time, peak memory (max RSS of a fresh process per size) and B-cubed F1 at each size, so growth is visible.

    PYTHONPATH=. python benchmarks/resolve.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

from declass.eval.resolve import bcubed
from declass.model import Mention
from declass.resolve import resolve

SYL = ["ka", "ro", "va", "li", "mi", "to", "se", "na", "bo", "de", "ru", "ga", "po", "zo", "ve", "ni", "sta", "pe", "kra", "lo"]
SUFFIX = ["ov", "ev", "in", "sky", "enko", "ovich"]
OCR = {"n": "m", "m": "n", "b": "d", "d": "b", "e": "c", "c": "e", "o": "0", "l": "1", "h": "n", "g": "c", "s": "5"}
TRANSLIT = [("y", "i"), ("ks", "x"), ("kh", "h"), ("sky", "skii"), ("ya", "ia"), ("yu", "iu")]


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYL) for _ in range(n))


def make_corpus(n_mentions: int, seed: int = 7) -> tuple[list[Mention], dict[str, str]]:
    """Mentions in documents of ~12 mentions; truth maps mention id -> person id."""
    rng = random.Random(seed)
    n_people = max(50, n_mentions // 8)
    givens = [_word(rng, 2).capitalize() for _ in range(300)]
    surnames = sorted({(_word(rng, rng.choice((2, 3))) + rng.choice(SUFFIX)).capitalize() for _ in range(n_people)})
    people = []
    for pid in range(n_people):
        people.append((rng.choice(givens), rng.choice(givens) + "ovich", surnames[pid % len(surnames)], f"p{pid}"))
    cum, total = [], 0.0
    for r in range(n_people):  # Zipfian popularity, as cumulative weights (O(log n) per draw)
        total += 1.0 / (r + 1) ** 0.9
        cum.append(total)
    mentions, truth = [], {}
    doc, in_doc, cast = 0, 0, rng.choices(people, cum_weights=cum, k=4)
    for i in range(n_mentions):
        if in_doc >= 12:
            doc, in_doc, cast = doc + 1, 0, rng.choices(people, cum_weights=cum, k=4)
        given, patr, surname, pid = rng.choice(cast)
        form = rng.random()
        text = (
            f"{given} {patr} {surname}"
            if form < 0.35
            else f"{given[0]}. {surname}"
            if form < 0.5
            else f"{given} {surname}"
            if form < 0.7
            else surname
        )
        if rng.random() < 0.08:  # transliteration variant
            a, b = rng.choice(TRANSLIT)
            text = text.replace(a, b)
        if rng.random() < 0.08:  # one OCR confusion
            pos = [k for k, ch in enumerate(text) if ch.lower() in OCR and k > 0]
            if pos:
                k = rng.choice(pos)
                text = text[:k] + OCR[text[k].lower()] + text[k + 1 :]
        mid = f"m{i:08d}"
        mentions.append(Mention(mid, f"d{doc:07d}", "PERSON", text, in_doc * 40, in_doc * 40 + len(text), 1))
        truth[mid] = pid
        in_doc += 1
    return mentions, truth


def run(size: int) -> dict[str, float]:
    mentions, truth = make_corpus(size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    judgements, entities = resolve(mentions, context=False)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    del before
    pred = {m: e.id for e in entities for m in e.mention_ids}
    f1 = bcubed(pred, truth)
    return {
        "mentions": size,
        "seconds": round(wall, 1),
        "peak_mb": round(peak / 2**20),
        "judgements": len(judgements),
        "entities": len(entities),
        "true_entities": len(set(truth.values())),
        **{f"b3_{k}": v for k, v in f1.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one)))
        return
    print("| mentions | seconds | peak RSS MB | judgements | entities | true entities | B3 P | B3 R | B3 F1 |")  # noqa: E501
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"| {r['mentions']:,} | {r['seconds']} | {r['peak_mb']} | {r['judgements']:,} | {r['entities']:,} "
            f"| {r['true_entities']:,} "
            f"| {r['b3_precision']} | {r['b3_recall']} | {r['b3_f1']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
