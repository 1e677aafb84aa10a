"""The claims stage alone: ``extract_claims`` over the example documents, parsed once beforehand.

    PYTHONPATH=. python benchmarks/claims.py [--rounds 7] [--model en_core_web_sm]

One core pinned. The documents are read, parsed and given their mentions and relations first (as
the extract stage does); then every round runs ``extract_claims`` over all of them and the fastest
round is reported, so the figure is the rules' own cost, not spaCy's parse.
"""

from __future__ import annotations

import argparse
import os
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--model", default="en_core_web_sm")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    from extract import corpus  # benchmarks/extract.py: the example documents, read and structured

    from declass.pipeline.claims import extract_claims
    from declass.pipeline.extract import load_nlp
    from declass.pipeline.extract.mentions import find_relations, to_mentions
    from declass.pipeline.extract.nlp import parse

    docs = corpus(1)  # each example once
    parsed = []
    for doc, sdoc in zip(docs, parse(load_nlp(args.model), [d.clean_text for d in docs], batch_size=16), strict=True):
        doc.mentions = to_mentions(doc, sdoc)
        doc.relations = find_relations(doc, sdoc, doc.mentions)
        parsed.append((doc, sdoc))
    words = sum(len(d.clean_text.split()) for d in docs)
    best, claims = float("inf"), 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        claims = sum(len(extract_claims(doc, sdoc)) for doc, sdoc in parsed)
        best = min(best, time.perf_counter() - t0)
    print(f"{len(docs)} documents, {words} words, {claims} claims")
    print(f"extract_claims: {best * 1000:.0f} ms (fastest of {args.rounds} rounds) = {words / best:,.0f} words/s")


if __name__ == "__main__":
    main()
