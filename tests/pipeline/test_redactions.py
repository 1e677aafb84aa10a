"""Boxes, 25X codes and withheld pages, counted by hand from the examples."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from declass.model import Document
from declass.pipeline.redactions import base_code, counts, counts_by_page, normalise_code
from tests.pipeline.conftest import JFK_GOOD, LIAISON, NTS


def test_liaison_boxes_and_codes_by_page(docs: dict[Path, Document]) -> None:
    doc = docs[LIAISON]
    # page "-2-": [ ] x2 in para 5, x1 in 7, x4 in 8, x1 in 9; 25X1 on the header line and after paras 5-9
    # page "-3-": [ ] x1, x2 (para 10), x1, x1 (para 11), x1 (para 12), x1 (comment); 25X1 x8 standing alone
    assert {p: dict(c) for p, c in counts_by_page(doc).items()} == {1: {"box": 8, "code": 6}, 2: {"box": 7, "code": 8}}
    assert counts(doc) == {"box": 15, "code": 14, "pages_withheld": 0}
    codes = [r for r in doc.redactions if r.kind == "code"]
    assert {r.code for r in codes} == {"25X1"}
    assert {r.meaning for r in codes} == {"human sources and intelligence sources or methods"}
    for r in doc.redactions:
        assert doc.text[r.start : r.end] in ("[ ]", "25X1")


def test_nts_suffixed_codes_and_withheld_pages(docs: dict[Path, Document]) -> None:
    doc = docs[NTS]
    codes = [(r.page, r.code, r.meaning) for r in doc.redactions if r.kind == "code"]
    assert codes == [
        (1, "25X1A", None),
        (1, "25X1A", None),
        (1, "25X1A", None),
        (1, "25X", None),
        (1, "25X1", "human sources and intelligence sources or methods"),  # in the distribution grid
        (2, "25X1A", None),
        (3, "25X1A", None),
        (3, "25X1", "human sources and intelligence sources or methods"),
    ]
    pages = [r for r in doc.redactions if r.kind == "pages"]
    assert [(r.page, r.pages_withheld, doc.text[r.start : r.end]) for r in pages] == [(3, 3, "Next 3 Page(s) In Document Exempt")]
    assert counts(doc)["pages_withheld"] == 3 and counts(doc)["box"] == 0


def test_jfk_scans_have_few_redaction_marks(docs: dict[Path, Document]) -> None:
    total: Counter[str] = sum((counts(docs[p]) for p in JFK_GOOD), start=Counter())
    assert total["code"] == 0 and total["pages"] == 0  # JFK releases blank passages without 25X marks


def test_code_helpers() -> None:
    assert normalise_code("25XI") == "25X1" and normalise_code("25 X1A") == "25X1A"
    assert base_code("25X1A") == "25X1" and base_code("25X6") == "25X6" and base_code("25X") is None
