"""In-domain gold records: one YAML file per hand-annotated record (``tests/fixtures/gold/``).

A record lists its people, organisations, places and cryptonyms (a canonical name and the variants
as printed) and a few factual questions for the trace. The format is documented in
``tests/fixtures/gold/README.md``. Names are compared by :func:`match_key`, which is deliberately
independent of the pipeline's own name normalisation: the instrument must not share the bugs of
what it measures.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from declass.errors import EvalError
from declass.types import wordlists

# Gold section -> entity type of the store. Cryptonyms are matched against any stored type.
SECTIONS = {"people": "PERSON", "organisations": "ORG", "places": "LOC", "cryptonyms": "CRYPTONYM"}
# Leading words that are titles (titles.tsv) or descriptions, not part of a name ("Mr. Win Scott",
# "Case Officer X", "the Agency"); "cok" is how OCR prints "Col." in a gold record.
_LEADING = wordlists.titles(lower=True, names=False) | {"the", "prime", "cok", "case", "officer", "agent", "special", "project"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\ufffe\x02\u200b"), None)


@dataclass(slots=True)
class GoldEntity:
    """One real-world entity of a record: type, canonical name, variants as printed."""

    type: str  # PERSON | ORG | LOC | CRYPTONYM
    name: str
    variants: list[str] = field(default_factory=list)
    note: str | None = None

    @property
    def key(self) -> str:
        """The entity's identity across records: type and canonical name."""
        return f"{self.type}:{self.name}"

    def keys(self) -> set[str]:
        """Match keys of the canonical name and every variant."""
        return {k for k in (match_key(s) for s in [self.name, *self.variants]) if k}

    def words(self) -> set[str]:
        """Every word of the canonical name and the variants, as folded by :func:`match_key`."""
        return {w for k in self.keys() for w in k.split()}


@dataclass(slots=True)
class GoldQuestion:
    """A fact the trace of ``trace`` should show, citing record ``cite``."""

    question: str
    trace: str
    answers: list[str]
    cite: str


@dataclass(slots=True)
class GoldRecord:
    """One annotated record: where its source file is, its entities and questions."""

    record: str
    source: str
    path: Path
    kind: str = ""
    entities: list[GoldEntity] = field(default_factory=list)
    questions: list[GoldQuestion] = field(default_factory=list)

    def of_type(self, etype: str) -> list[GoldEntity]:
        """The gold entities of one type."""
        return [e for e in self.entities if e.type == etype]


def match_key(text: str) -> str:
    """A comparison form of a name: accents, case, punctuation, possessives, leading titles and
    word order folded ("HIDALGO, Jr., Balmes Nieves" = "Balmes Nieves Hidalgo Jr.")."""
    t = unicodedata.normalize("NFKD", text.translate(_INVISIBLE))
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = re.sub(r"['’]\s?s\b", "", t)
    words = re.sub(r"[^\w]+", " ", t).split()
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return " ".join(sorted(words))


def answer_form(text: str) -> str:
    """A comparison form for answer text: case-folded, invisible characters dropped, spaces collapsed."""
    return " ".join(text.translate(_INVISIBLE).casefold().split())


def read_record(path: Path) -> GoldRecord:
    """Read one record file. Raises EvalError naming the file and the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise EvalError(f"{path}: cannot read gold record ({exc})") from exc
    if not isinstance(data, dict) or not data.get("record") or not data.get("source"):
        raise EvalError(f"{path}: a gold record needs 'record' and 'source'")
    rec = GoldRecord(record=str(data["record"]), source=str(data["source"]), path=path, kind=str(data.get("kind") or ""))
    for section, etype in SECTIONS.items():
        for item in data.get(section) or []:
            rec.entities.append(_entity(path, etype, item))
    for item in data.get("questions") or []:
        if not isinstance(item, dict) or not all(item.get(k) for k in ("question", "trace", "answer", "cite")):
            raise EvalError(f"{path}: a question needs question, trace, answer and cite: {item!r}")
        answers = item["answer"] if isinstance(item["answer"], list) else [item["answer"]]
        rec.questions.append(
            GoldQuestion(str(item["question"]), str(item["trace"]), [str(a) for a in answers], str(item["cite"]))
        )
    return rec


def _entity(path: Path, etype: str, item: Any) -> GoldEntity:
    if not isinstance(item, dict) or not item.get("name"):
        raise EvalError(f"{path}: every entity needs a name: {item!r}")
    variants = item.get("variants") or []
    if not isinstance(variants, list):
        raise EvalError(f"{path}: variants of {item['name']!r} must be a list")
    return GoldEntity(etype, str(item["name"]), [str(v) for v in variants], item.get("note"))


def read_part(directory: Path, errors: list[str] | None = None) -> list[GoldRecord]:
    """Every ``*.yaml`` record of one directory, sorted by record id. With ``errors``, a record
    that cannot be read is reported there and skipped instead of raising EvalError."""
    records = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            records.append(read_record(path))
        except EvalError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
    return sorted(records, key=lambda r: r.record)


def read_gold_dir(directory: str | Path, errors: list[str] | None = None) -> dict[str, list[GoldRecord]]:
    """Parts of a gold directory: ``dev`` and ``heldout`` when it has them, else one part named
    after the directory (``errors``: see :func:`read_part`). Raises EvalError when there is no
    record file at all."""
    root = Path(directory)
    if not root.is_dir():
        raise EvalError(f"{root}: not a directory of gold records")
    subdirs = [d for d in sorted(root.iterdir()) if d.is_dir() and any(d.glob("*.yaml"))]
    if not subdirs and not any(root.glob("*.yaml")):
        raise EvalError(f"{root}: no *.yaml gold records found")
    return {d.name: read_part(d, errors) for d in subdirs} if subdirs else {root.name: read_part(root, errors)}
