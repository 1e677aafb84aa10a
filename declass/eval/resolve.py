"""Evaluate resolution on gold mentions: HIPE spans as mentions, Wikidata QIDs as the truth.

Resolution is measured apart from extraction: the gold spans (with their type) are the mentions,
and mentions linked to the same QID form one gold cluster across documents (NIL spans are left out
of the scoring, though they are resolved). Reported: B-cubed and pairwise precision/recall/F1,
for declass and for a plain baseline (exact normalised-string match) in the same run. With
``folds`` > 1 the thresholds are tuned on the training folds and measured on the test fold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import product
from pathlib import Path
from typing import Any

from declass.eval.gold import GoldDocument, folds, read_gold
from declass.model import Mention, make_id
from declass.resolve import resolve
from declass.resolve.scoring import DEFAULT_CONFIG, ResolveConfig
from declass.types.names import name_key

GOLD_TYPES = {"pers": "PERSON", "loc": "LOC", "org": "ORG", "PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}
GRID_SAME_DOC = (0.5, 0.6, 0.7, 0.8, 0.9)
GRID_CROSS_DOC = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def gold_mentions(docs: Sequence[GoldDocument]) -> tuple[list[Mention], dict[str, str]]:
    """Mentions from gold spans of resolvable types, and mention id -> QID for linked ones."""
    mentions, truth = [], {}
    for d in docs:
        for s in d.spans:
            label = GOLD_TYPES.get(s.type)
            if label is None:
                continue
            mid = make_id(d.id, s.start, s.end, label)
            mentions.append(Mention(mid, d.id, label, s.text, s.start, s.end, 1))
            if s.qid:
                truth[mid] = s.qid
    return mentions, truth


def bcubed(pred: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall, F1 over the mentions that have a gold cluster.

    Linear in mentions: a mention's precision is |its predicted cluster & its gold cluster| / |its
    predicted cluster|, and every mention of one (predicted, gold) cell has the same value, so the
    sums run over the cells (counted once) instead of intersecting sets per mention."""
    ids = [m for m in truth if m in pred]
    cells = Counter((pred[m], truth[m]) for m in ids)
    pred_size = Counter(pred[m] for m in ids)
    gold_size = Counter(truth[m] for m in ids)
    p = sum(n * n / pred_size[pc] for (pc, _), n in cells.items())
    r = sum(n * n / gold_size[gc] for (_, gc), n in cells.items())
    n = len(ids) or 1
    return _prf(p / n, r / n)


def pairwise(pred: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall, F1: pairs of mentions put together, against pairs that belong together.

    Counted, not listed: a cluster of n mentions holds n(n-1)/2 pairs, and the pairs both put
    together are those within one (predicted, gold) cell, so the cost is linear in mentions."""
    ids = [m for m in truth if m in pred]

    def pairs(counts: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts)

    tp = pairs(Counter((pred[m], truth[m]) for m in ids).values())
    pp, gp = pairs(Counter(pred[m] for m in ids).values()), pairs(Counter(truth[m] for m in ids).values())
    return _prf(tp / pp if pp else 1.0, tp / gp if gp else 1.0)


def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def predict(mentions: list[Mention], config: ResolveConfig) -> dict[str, str]:
    """Mention id -> entity id from declass resolution."""
    _, entities = resolve(mentions, config=config, context=False)
    return {m: e.id for e in entities for m in e.mention_ids}


def baseline(mentions: list[Mention]) -> dict[str, str]:
    """Mention id -> cluster by exact normalised string (type + folded name key)."""
    return {m.id: f"{m.label}:{name_key(m.text, m.label)}" for m in mentions}


def score(pred: dict[str, str], truth: dict[str, str]) -> dict[str, dict[str, float]]:
    return {"bcubed": bcubed(pred, truth), "pairwise": pairwise(pred, truth)}


def tune(docs: Sequence[GoldDocument]) -> ResolveConfig:
    """The thresholds with the best B-cubed F1 on these documents."""
    mentions, truth = gold_mentions(docs)
    best, best_f1 = DEFAULT_CONFIG, -1.0
    for same_doc, cross_doc in product(GRID_SAME_DOC, GRID_CROSS_DOC):
        cfg = replace(DEFAULT_CONFIG, same_doc=same_doc, cross_doc=cross_doc)
        f1 = bcubed(predict(mentions, cfg), truth)["f1"]
        if f1 > best_f1:
            best, best_f1 = cfg, f1
    return best


def evaluate_resolution(path: str | Path, k: int = 1) -> dict[str, Any]:
    """Cross-validated figures for declass and the baseline (k=1: default thresholds, all documents)."""
    docs = read_gold(path)
    runs: list[dict[str, Any]] = []
    for train, test in folds(docs, k):
        cfg = tune(train) if k > 1 else DEFAULT_CONFIG
        mentions, truth = gold_mentions(test)
        runs.append(
            {
                "config": {"same_doc": cfg.same_doc, "cross_doc": cfg.cross_doc},
                "declass": score(predict(mentions, cfg), truth),
                "baseline": score(baseline(mentions), truth),
                "mentions": len(mentions),
                "linked": len(truth),
            }
        )

    def mean(system: str, metric: str) -> dict[str, float]:
        vals = [r[system][metric] for r in runs]
        return {key: round(sum(v[key] for v in vals) / len(vals), 4) for key in ("precision", "recall", "f1")}

    mentions, truth = gold_mentions(docs)
    return {
        "gold": str(path),
        "documents": len(docs),
        "mentions": len(mentions),
        "linked_mentions": len(truth),
        "gold_entities": len(set(truth.values())),
        "folds": k,
        "declass": {m: mean("declass", m) for m in ("bcubed", "pairwise")},
        "baseline": {m: mean("baseline", m) for m in ("bcubed", "pairwise")},
        "runs": runs,
    }
