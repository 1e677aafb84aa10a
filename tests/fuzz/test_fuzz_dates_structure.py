"""Fuzz: date parsing and the read + structure stages accept any text and keep their invariants."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from declass.errors import InputError
from declass.pipeline import metadata, read, redactions, structure
from declass.types.dates import parse_date
from tests.fuzz.strategies import any_text, document_text

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
date_like = st.lists(
    st.sampled_from(
        [
            "3",
            "May",
            "1951",
            "early",
            "mid-",
            "1950s",
            "between",
            "and",
            "or",
            "late",
            "Sept.",
            "the",
            "of",
            "/",
            "-",
            "'51",
            "20",
        ]
    ),
    max_size=6,
).map(" ".join)


@given(st.one_of(any_text, date_like), st.one_of(st.none(), st.sampled_from(["1951-05-03", "1963", "2001-12"])))
def test_parse_date_returns_none_or_a_calendar_value(text: str, ref: str | None) -> None:
    value = parse_date(text, ref)
    if value is None:
        return
    assert ISO.fullmatch(value["earliest"]) and ISO.fullmatch(value["latest"]), value
    assert value["earliest"] <= value["latest"]
    assert isinstance(value["norm"], str) and value["norm"]


def _invariants(doc) -> None:  # type: ignore[no-untyped-def]
    text, clean = doc.text, doc.clean_text
    for seg in doc.clean_map:
        assert clean[seg.clean : seg.clean + seg.length] == text[seg.orig : seg.orig + seg.length]
    for p in doc.pages:
        assert 0 <= p.start <= p.end <= len(text)
    last = -1
    for para in doc.paragraphs:
        assert 0 <= para.clean_start <= para.clean_end <= len(clean)
        assert 0 <= para.start <= para.end <= len(text)
        assert para.index > last
        last = para.index
    for r in doc.redactions:
        assert 0 <= r.start <= r.end <= len(text)
    offsets = [doc.to_original(i) for i in range(0, len(clean) + 1, max(1, len(clean) // 50))]
    assert offsets == sorted(offsets) and all(0 <= o <= len(text) for o in offsets)


@given(document_text, st.sampled_from(["memo.txt", "notes.md"]))
def test_the_structure_stage_keeps_its_offset_invariants(text: str, name: str) -> None:
    try:
        doc = read.read(name, text.encode("utf-8", "surrogatepass"))
    except InputError:
        return  # empty, binary-looking or undecodable: refused with a reason, as designed
    assert "\x02" not in doc.text and "\u00ad" not in doc.text
    doc = redactions.find_redactions(metadata.describe(structure.structure(doc)))
    _invariants(doc)
