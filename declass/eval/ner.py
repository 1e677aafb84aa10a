"""NER evaluation: micro precision/recall/F1, strict and fuzzy, overall and per type.

* strict: same span (character offsets) and same type; fuzzy: overlapping span and same type
  (one-to-one, greedy in text order), as in the HIPE scorer's two regimes.
* Our labels map to HIPE coarse types: PERSON->pers, LOC->loc, ORG->org, ACRONYM->org, DATE->time.
  MONEY, CRYPTONYM and FILE_NUMBER have no HIPE type and are not scored; HIPE ``prod`` (newspaper
  and book titles) is never produced, so its gold spans count as misses in "all". CoNLL types map
  PER->pers, LOC->loc, ORG->org, MISC->misc (never produced).
* Tuning is honest: with ``folds`` k >= 2 each configuration of the domain layer is scored on the
  other folds' documents and the best one predicts the held-out fold; predictions of all folds
  are pooled. The baseline is the plain statistical model with the same label mapping.

Only the extract package touches spaCy; this module calls :mod:`declass.pipeline.extract.tuning`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from declass.eval.gold import GoldDocument, folds, read_gold

HIPE_TYPES = {"PERSON": "pers", "LOC": "loc", "ORG": "org", "ACRONYM": "org", "DATE": "time"}
GOLD_TYPES = {"PER": "pers", "LOC": "loc", "ORG": "org", "MISC": "misc"}
CORE = ("pers", "loc", "org")

Spans = list[tuple[int, int, str]]


def gold_spans(doc: GoldDocument) -> Spans:
    """Gold spans with types normalised to HIPE coarse names."""
    return [(s.start, s.end, GOLD_TYPES.get(s.type, s.type.split(".")[0].lower())) for s in doc.spans]


def counts(gold: Spans, pred: Spans) -> Counter[tuple[str, str, str]]:
    """(regime, type, tp|fp|fn) counts for one document."""
    c: Counter[tuple[str, str, str]] = Counter()
    gold_set = set(gold)
    for s in pred:
        c["strict", s[2], "tp" if s in gold_set else "fp"] += 1
    for s in gold:
        if s not in set(pred):
            c["strict", s[2], "fn"] += 1
    used: set[int] = set()
    for g in sorted(gold):
        hit = next((i for i, p in enumerate(pred) if i not in used and p[2] == g[2] and p[0] < g[1] and g[0] < p[1]), None)
        if hit is None:
            c["fuzzy", g[2], "fn"] += 1
        else:
            used.add(hit)
            c["fuzzy", g[2], "tp"] += 1
    for i, p in enumerate(pred):
        if i not in used:
            c["fuzzy", p[2], "fp"] += 1
    return c


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def summarise(c: Counter[tuple[str, str, str]]) -> dict[str, Any]:
    """Micro scores: ``{regime: {"all"|"pers+loc+org"|type: {p, r, f1, tp, fp, fn}}}``."""
    types = sorted({t for _, t, _ in c})
    out: dict[str, Any] = {}
    for regime in ("strict", "fuzzy"):

        def tot(ts: Iterable[str], k: str, regime: str = regime) -> int:
            return sum(c[regime, t, k] for t in ts)

        table = {"all": prf(tot(types, "tp"), tot(types, "fp"), tot(types, "fn"))}
        table["pers+loc+org"] = prf(tot(CORE, "tp"), tot(CORE, "fp"), tot(CORE, "fn"))
        for t in types:
            table[t] = prf(c[regime, t, "tp"], c[regime, t, "fp"], c[regime, t, "fn"])
        out[regime] = table
    return out


def score(gold_docs: Sequence[GoldDocument], predictions: Sequence[Spans]) -> dict[str, Any]:
    """Micro P/R/F1 of predicted (start, end, hipe_type) spans against the gold documents."""
    total: Counter[tuple[str, str, str]] = Counter()
    for doc, pred in zip(gold_docs, predictions, strict=True):
        total += counts(gold_spans(doc), pred)
    return summarise(total)


def evaluate(path: str | Path, *, k: int = 5, model: str = "en_core_web_sm") -> dict[str, Any]:
    """Baseline and cross-validated domain-layer scores on a gold file (HIPE TSV or CoNLL)."""
    from declass.pipeline.extract import tuning  # spaCy lives behind the extract package

    docs = read_gold(path)
    grid = tuning.predict_grid([d.text for d in docs], [d.date for d in docs], model=model, hipe=HIPE_TYPES)
    per_doc = {name: [counts(gold_spans(d), preds[i]) for i, d in enumerate(docs)] for name, preds in grid.items()}
    index = {d.id: i for i, d in enumerate(docs)}
    pooled: Counter[tuple[str, str, str]] = Counter()
    chosen = []
    for train, test in folds(docs, k):

        def train_f1(name: str, train: list[GoldDocument] = train) -> float:
            c: Counter[tuple[str, str, str]] = sum((per_doc[name][index[d.id]] for d in train), Counter())
            return float(summarise(c)["strict"]["all"]["f1"])

        best = max((n for n in grid if n != tuning.BASELINE), key=lambda n: (train_f1(n), n == tuning.DEFAULT))
        chosen.append(best)
        for d in test:
            pooled += per_doc[best][index[d.id]]
    baseline: Counter[tuple[str, str, str]] = sum(per_doc[tuning.BASELINE], Counter())
    default: Counter[tuple[str, str, str]] = sum(per_doc[tuning.DEFAULT], Counter())
    return {
        "gold": str(path),
        "documents": len(docs),
        "gold_spans": sum(len(d.spans) for d in docs),
        "model": model,
        "folds": k,
        "baseline": summarise(baseline),
        "default": summarise(default),
        "cross_validated": summarise(pooled),
        "chosen": chosen,
        "configurations": len(grid) - 1,
    }
