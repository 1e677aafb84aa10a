"""Words per second per core: the whole extract stage vs bare ``en_core_web_sm`` ``nlp.pipe``.

    PYTHONPATH=. python benchmarks/extract.py [--words 60000] [--model en_core_web_sm]
    PYTHONPATH=. python benchmarks/extract.py --long FILE [--chars 200000]


Both run in this process on one core over the same clean text (CREST and JFK samples repeated).
The stage includes truecasing, the domain components, mention and relation building; the bare run
is the statistical pipeline with all its default components. Target: ratio >= 0.8.

Then the CPU time of each part of the stage (:func:`component_times`): the truecaser, the
tokenizer, every pipe of the loaded pipeline (spaCy's and declass's) and the steps after the parse
(mentions, form fields, coreference, relations, claims), one document at a time, so spaCy's pipes
run unbatched there and take a larger share than in the stage itself.

``--long FILE`` times the long-document path instead (issue 11): pass 1 of the ingest writer
(``extract_to_spill``: window by window, facts spilled) over the first ``--chars`` of the file, read
and structured as an ingest does; then the same again after ``load_nlp.cache_clear`` (as the
ingest frees the pipeline after a long document), then bare ``nlp.pipe`` over the same windows'
text, one window at a time. Characters per second of each, and our rate over the bare one.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def corpus(words: int) -> list:
    from declass.errors import InputError
    from declass.model import Document
    from declass.pipeline import process

    base = []
    for p in sorted((ROOT / "examples").glob("*/*")):
        if p.suffix in (".txt", ".pdf"):
            try:
                base.append(process(str(p), p.read_bytes()))
            except InputError:  # scanned PDFs without a text layer
                continue
    base = [d for d in base if d.clean_text.strip()]
    docs: list[Document] = []
    total = 0
    while total < words:
        for d in base:
            docs.append(
                Document(
                    id=f"{d.id}-{len(docs)}",
                    source_path=d.source_path,
                    media_type=d.media_type,
                    text=d.text,
                    clean_text=d.clean_text,
                    clean_map=d.clean_map,
                    pages=d.pages,
                    paragraphs=d.paragraphs,
                    metadata=d.metadata,
                )
            )
            total += len(d.clean_text.split())
    return docs


def _bare(model: str) -> Any:
    """The statistical pipeline alone, with all its default components (no declass component)."""
    import spacy

    from declass.pipeline.extract.nlp import FALLBACKS

    try:
        return spacy.load(model)
    except OSError:
        import importlib

        return importlib.import_module(FALLBACKS[model][0]).load()


def component_times(docs: list, model: str) -> dict[str, float]:
    """CPU seconds of each part of the extract stage over ``docs``, one document at a time."""
    from collections import defaultdict

    from declass.pipeline.claims import extract_claims
    from declass.pipeline.extract import load_nlp
    from declass.pipeline.extract.coref import coreference
    from declass.pipeline.extract.fields import add_field_mentions
    from declass.pipeline.extract.mentions import find_relations, to_mentions
    from declass.pipeline.extract.nlp import lexicon_of_cached
    from declass.pipeline.extract.truecase import truecase

    nlp = load_nlp(model)
    lexicon = lexicon_of_cached(nlp)
    spent: dict[str, float] = defaultdict(float)
    for d in docs:
        t0 = time.process_time()

        def tick(name: str) -> None:
            nonlocal t0
            now = time.process_time()
            spent[name] += now - t0
            t0 = now

        sdoc = nlp.make_doc(truecase(d.clean_text, lexicon))
        tick("truecase + tokenizer")
        for name, proc in nlp.pipeline:
            sdoc = proc(sdoc)
            tick(name)
        d.mentions = to_mentions(d, sdoc)
        add_field_mentions(d)
        coreference(d)
        d.relations = find_relations(d, sdoc, d.mentions)
        tick("mentions, fields, coref, relations")
        d.claims = extract_claims(d, sdoc)
        tick("claims")
    return dict(spent)


def long_rate(path: Path, chars: int, model: str) -> None:
    """Characters per second of pass 1 of a long document, again after a reload, and of bare spaCy."""
    import tempfile

    from declass.pipeline import process
    from declass.pipeline.extract import extract_to_spill, load_nlp
    from declass.pipeline.extract import windows as windowing

    data = path.read_bytes()[:chars] if chars else path.read_bytes()
    spill_dir = tempfile.mkdtemp(prefix="declass-bench-")
    times = []
    for run in ("pass 1", "pass 1 after cache_clear"):
        doc = process(str(path), data)
        load_nlp(model)
        t0 = time.perf_counter()
        spill = extract_to_spill(doc, model, directory=spill_dir)
        seconds = time.perf_counter() - t0
        times.append(seconds)
        spill.discard()
        n = len(doc.clean_text)
        print(f"{run + ':':26s}{n / seconds:8.0f} chars/s  ({n} chars, {spill.windows} windows, {seconds:.1f}s)", flush=True)
        load_nlp.cache_clear()
    texts, start = [], 0
    for end in windowing.cut_points(doc):
        texts.append(doc.clean_text[start:end])
        start = end
    bare = _bare(model)
    list(bare.pipe(["A warm-up sentence."]))
    t0 = time.perf_counter()
    for text in texts:
        list(bare.pipe([text]))
    t_bare = time.perf_counter() - t0
    print(f"{'bare nlp.pipe:':26s}{n / t_bare:8.0f} chars/s  ({t_bare:.1f}s)")
    print(f"ratio pass 1 / bare:      {t_bare / times[0]:.2f} (after cache_clear: {t_bare / times[1]:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=60000)
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--long", type=Path, default=None, help="time the long-document path over this file")
    ap.add_argument("--chars", type=int, default=200_000, help="with --long: its first N bytes (0: all)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    if args.long is not None:
        long_rate(args.long, args.chars, args.model)
        return

    from declass.pipeline.extract import extract, load_nlp

    docs = corpus(args.words)
    texts = [d.clean_text for d in docs]
    words = sum(len(t.split()) for t in texts)
    bare = _bare(args.model)
    load_nlp(args.model)
    list(bare.pipe(texts[:4]))  # warm up both
    extract(docs[:4], args.model)
    t0 = time.perf_counter()
    list(bare.pipe(texts, batch_size=16))
    t_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = extract(docs, args.model)
    t_stage = time.perf_counter() - t0
    mentions = sum(len(d.mentions) for d in out)
    print(f"corpus: {len(docs)} documents, {words} words; pipeline {bare.pipe_names}")
    print(f"bare nlp.pipe:    {words / t_bare:8.0f} words/s  ({t_bare:.1f}s)")
    print(f"extract stage:    {words / t_stage:8.0f} words/s  ({t_stage:.1f}s, {mentions} mentions)")
    print(f"ratio stage/bare: {t_bare / t_stage:.2f}")
    spent = component_times(docs, args.model)
    total = sum(spent.values())
    print("CPU per part, one document at a time:")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:36s}{seconds:7.2f} s {100 * seconds / total:5.1f}%")
    after = ("mentions, fields, coref, relations", "claims")
    declass = sum(s for n, s in spent.items() if n.startswith("declass_") or n in after)
    print(f"  {'declass components and later steps':36s}{declass:7.2f} s {100 * declass / total:5.1f}%")


if __name__ == "__main__":
    main()
