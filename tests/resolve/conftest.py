"""Mentions built by hand from the sample reports (real surface forms at their real offsets), and the
builders of mentions as records print them that the resolution tests share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from declass.model import Entity, Mention, Relation, make_id
from tests.seed import NTS_FULL_NAMES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "crest"
NTS_REPORT = EXAMPLES / "CIA-RDP82-00457R006100750010-5.txt"
LIAISON_REPORT = EXAMPLES / "CIA-soviet-liaison-foreign-communist-parties.txt"

NTS_FORMS = {
    "PERSON": [
        *NTS_FULL_NAMES,
        "Tretyakov",
        "Tretyckov",
        "Kandaurov",
        "Kandourov",
        "Kassianov",
        "Belik",
        "Batyan",
        "Makayev",
        "Daidalakov",
        "Kellner",
    ],
    "ACRONYM": ["NTS", "MTS", "HTS", "WTS", "NTC", "NTE", "MTC", "LTS", "UTS", "MSM", "ROVS"],
    "ORG": ["Natsionalno-Trudovio Soyuz", "National Labor Union", "Natsionalyny Soyuz Molodezhy", "Soviet Embassy"],
    "LOC": ["Venezuela", "Caracas"],
}
LIAISON_FORMS = {
    "ACRONYM": ["MGB", "MVD", "NKGB", "GRU", "CPSU"],
    "ORG": ["Comintern", "Central Committee"],
    "LOC": ["Moscow", "China"],
}


def find_mentions(path: Path, forms: dict[str, list[str]], doc_id: str | None = None) -> list[Mention]:
    """Every whole-word occurrence of the forms in the file, longest forms first, no overlaps."""
    text = path.read_text(encoding="utf-8")
    doc_id = doc_id or path.stem
    taken: list[tuple[int, int]] = []
    out = []
    pairs = sorted(((f, label) for label, fs in forms.items() for f in fs), key=lambda p: -len(p[0]))
    for form, label in pairs:
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Mention(make_id(doc_id, m.start(), m.end(), label), doc_id, label, form, m.start(), m.end(), page=1))
    return sorted(out, key=lambda m: m.start)


def mention(doc: str, text: str, label: str = "PERSON", n: int = 0, **attrs: object) -> Mention:
    """A mention of ``text`` in document ``doc``, the ``n``-th there (at offset 100 * n)."""
    start = 100 * n
    return Mention(make_id(doc, start, label, text), doc, label, text, start, start + len(text), page=1, attrs=dict(attrs))


def printed(label: str = "PERSON", **docs: Sequence[str | tuple[str, str]]) -> list[Mention]:
    """The mentions of records as they print them: per document (the keyword is its id) its forms in
    order, each a ``label`` unless written (form, label); the k-th form of a document is
    ``mention(doc, form, label, n=k)``. One line per record instead of one :func:`mention` per form."""
    out: list[Mention] = []
    for doc, forms in docs.items():
        for k, form in enumerate(forms):
            text, lab = (form, label) if isinstance(form, str) else form
            out.append(mention(doc, text, lab, n=k))
    return out


def entity_with(entities: list[Entity], m: Mention) -> Entity:
    """The one entity that holds mention ``m``."""
    found = [e for e in entities if m.id in e.mention_ids]
    assert len(found) == 1, m.text
    return found[0]


def relation(mentions: list[Mention], kind: str, source: str, target: str, nth: int = 0) -> Relation:
    """A relation between the first (or nth) mentions of two surface forms."""
    src = [m for m in mentions if m.text == source][nth]
    tgt = min((m for m in mentions if m.text == target), key=lambda m: abs(m.start - src.start))
    return Relation(kind, src.id, tgt.id, None, src.doc_id, min(src.start, tgt.start), max(src.end, tgt.end))


@pytest.fixture(scope="session")
def nts_mentions() -> list[Mention]:
    return find_mentions(NTS_REPORT, NTS_FORMS)


@pytest.fixture(scope="session")
def nts_relations(nts_mentions: list[Mention]) -> list[Relation]:
    return [
        relation(nts_mentions, "acronym", "MTS", "Natsionalno-Trudovio Soyuz"),
        relation(nts_mentions, "translation", "Natsionalno-Trudovio Soyuz", "National Labor Union"),
        relation(nts_mentions, "acronym", "MSM", "Natsionalyny Soyuz Molodezhy"),
        relation(nts_mentions, "alias", "Kandourov", "Aleksei Privalov"),
    ]


@pytest.fixture(scope="session")
def liaison_mentions() -> list[Mention]:
    return find_mentions(LIAISON_REPORT, LIAISON_FORMS)
