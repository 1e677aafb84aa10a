"""Score a store's most-mentioned entities against a hand-labelled list of a corpus.

Issue 10 measures "junk in the top 100" by hand: of the 100 most-mentioned entities of each type,
how many are not entities, carry a damaged name, have the wrong type or merge different things.
``declass audit`` guesses that from the names; this module counts it from labels a person wrote
(``tests/fixtures/audit/main-*-{person,org,loc}.tsv``), so that a later store of the same corpus can
be scored against them without reading the list again.

A label file has one row per entity, tab-separated: rank, name, mentions, documents, label, note,
and optionally the printed variants as JSON (lines starting with ``#`` are comments). Labels are
keyed by the canonical name with its whitespace collapsed: a store whose entity carries a name no
row has counts it as **unlabelled**, reported by name and never guessed, because a changed
canonical name may be a repair or new damage and only a reader can tell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from declass.errors import EvalError
from declass.model import Entity
from declass.store import Store

#: the labels a row may carry; the first is a good entity, the next three are junk for the target
LABELS = ("ok", "non_entity", "damaged", "wrong_type", "merged")
JUNK_LABELS = ("non_entity", "damaged", "wrong_type")
TYPES = ("PERSON", "ORG", "LOC")
DEFAULT_TOP = 100


@dataclass(frozen=True)
class Label:
    """One hand label: the entity's canonical name, its label and the labeller's note."""

    name: str
    label: str
    note: str
    rank: int


def label_key(name: str) -> str:
    """The key a label is found by: the canonical name with whitespace collapsed (case kept, since
    "Amfauna-14" and "AMFAUNA-14" are a damaged and a good form of one cryptonym)."""
    return " ".join(name.split())


def type_of(path: Path) -> str:
    """The entity type a label file is for, from its name (``...-person.tsv`` is PERSON)."""
    stem = path.stem.rsplit("-", 1)[-1].upper()
    if stem not in TYPES:
        raise EvalError(f"{path}: a label file is named ...-person.tsv, ...-org.tsv or ...-loc.tsv")
    return stem


def read_labels(path: Path) -> dict[str, Label]:
    """The labels of one file, by :func:`label_key`. Raises EvalError naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read label file ({exc})") from exc
    labels: dict[str, Label] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 6 or not cells[0].isdigit():
            raise EvalError(f"{path}:{number}: a label row is rank, name, mentions, documents, label, note[, variants]")
        name, label, note = cells[1], cells[4], cells[5]
        if label not in LABELS:
            raise EvalError(f"{path}:{number}: unknown label {label!r} (one of {', '.join(LABELS)})")
        key = label_key(name)
        if key in labels:
            raise EvalError(f"{path}:{number}: {name!r} is labelled twice")
        labels[key] = Label(name=key, label=label, note=note, rank=int(cells[0]))
    if not labels:
        raise EvalError(f"{path}: no labelled rows")
    return labels


def score_top(entities: Sequence[Entity], labels: dict[str, Label], top: int = DEFAULT_TOP) -> dict[str, Any]:
    """Counts of the first ``top`` entities (most mentioned first) by their hand label.

    ``junk`` is non-entities, damaged names and wrong types (the issue's target); ``merged`` is
    counted apart. ``junk_share`` is over the labelled entities; ``junk_range`` bounds the share
    of the whole top: the unlabelled all good, or all junk."""
    rows = list(entities[:top])
    counts: Counter[str] = Counter()
    junk: list[dict[str, Any]] = []
    unlabelled: list[str] = []
    for rank, e in enumerate(rows, start=1):
        hit = labels.get(label_key(e.name))
        if hit is None:
            counts["unlabelled"] += 1
            unlabelled.append(label_key(e.name))
            continue
        counts[hit.label] += 1
        if hit.label != "ok":
            junk.append({"rank": rank, "name": hit.name, "label": hit.label, "note": hit.note})
    n_junk = sum(counts[lab] for lab in JUNK_LABELS)
    labelled = len(rows) - counts["unlabelled"]
    return {
        "top": len(rows),
        "labelled": labelled,
        "unlabelled": counts["unlabelled"],
        "counts": {lab: counts[lab] for lab in LABELS},
        "junk": n_junk,
        "junk_share": round(n_junk / labelled, 4) if labelled else None,
        "junk_range": [round(n_junk / len(rows), 4), round((n_junk + counts["unlabelled"]) / len(rows), 4)] if rows else None,
        "not_ok": junk,
        "unlabelled_names": unlabelled,
    }


def score_store(store: Store, paths: Iterable[Path], top: int = DEFAULT_TOP) -> dict[str, Any]:
    """Score the store's ``top`` most-mentioned entities of each labelled type (one file per type)."""
    report: dict[str, Any] = {}
    for path in paths:
        etype = type_of(path)
        if etype in report:
            raise EvalError(f"{path}: a second label file for {etype}")
        labels = read_labels(path)
        entities = store.list_entities(type=etype, limit=top, members=False)
        report[etype] = {"labels": str(path), "labelled_rows": len(labels), **score_top(entities, labels, top)}
    return report
