"""Words per second per core: the whole extract stage vs bare ``en_core_web_sm`` ``nlp.pipe``.

    PYTHONPATH=. python benchmarks/extract.py [--words 60000] [--model en_core_web_sm]

Both run in this process on one core over the same clean text (CREST and JFK samples repeated).
The stage includes truecasing, the domain components, mention and relation building; the bare run
is the statistical pipeline with all its default components. Target: ratio >= 0.8.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=60000)
    ap.add_argument("--model", default="en_core_web_sm")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    import spacy

    from declass.pipeline.extract import extract, load_nlp
    from declass.pipeline.extract.nlp import FALLBACKS

    docs = corpus(args.words)
    texts = [d.clean_text for d in docs]
    words = sum(len(t.split()) for t in texts)
    try:
        bare = spacy.load(args.model)
    except OSError:
        import importlib

        bare = importlib.import_module(FALLBACKS[args.model][0]).load()
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


if __name__ == "__main__":
    main()
