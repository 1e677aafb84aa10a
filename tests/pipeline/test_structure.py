"""Pages, boilerplate, clean text and paragraphs over the real examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from declass.model import Document
from tests.pipeline.conftest import ALL_GOOD, JFK_GOOD, LIAISON, NTS


def _para(doc: Document, number: str):
    return next(p for p in doc.paragraphs if p.number == number)


def test_text_pages_split_at_printed_markers(docs: dict[Path, Document]) -> None:
    nts = docs[NTS]
    assert [(p.number, p.label) for p in nts.pages] == [(1, None), (2, "-2-"), (3, "-3-")]
    assert nts.text[nts.pages[1].start :].startswith("SECRET\n\n25X1A\n\n# CENTRAL INTELLIGENCE AGENCY")
    # the footer of page 2 (release stamp) stays on page 2; page 3 opens with its own banner
    assert "Approved For Release" in nts.text[nts.pages[1].start : nts.pages[1].end]
    assert nts.text[nts.pages[2].start :].startswith("SECRET\n\n#### CENTRAL INTELLICENCE ACENCY")
    liaison = docs[LIAISON]
    assert [p.label for p in liaison.pages] == ["-2-", "-3-"]  # an excerpt starting on page 2
    assert liaison.text[liaison.pages[1].start :].startswith("SECRET\n\n25X1\n\n-3-")


def test_pages_are_contiguous_and_cover_the_text(docs: dict[Path, Document]) -> None:
    for doc in docs.values():
        assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
        for a, b in zip(doc.pages, doc.pages[1:], strict=False):
            assert b.start in (a.end, a.end + 1)  # +1: the form feed between PDF pages


@pytest.mark.parametrize("path", JFK_GOOD, ids=lambda p: p.stem)
def test_jfk_pages_labelled_by_marker(docs: dict[Path, Document], path: Path) -> None:
    doc = docs[path]
    labels = {p.label for p in doc.pages if p.label}
    # 104-10171-10033 prints its marker as "14 000WO"; 176-10036-10116 has none
    if path.stem not in ("104-10171-10033", "176-10036-10116"):
        assert labels & {"14 00000", "13-00000", "14-00000"}, labels
    assert any(b.kind == "jfk_banner" for b in doc.boilerplate)
    assert "RELEASE UNDER THE PRESIDENT" not in doc.clean_text


def test_boilerplate_kinds_in_nts_report(docs: dict[Path, Document]) -> None:
    nts = docs[NTS]
    kinds = [(b.page, b.kind, b.text.strip()) for b in nts.boilerplate]
    assert (2, "release_stamp", "### Approved For Release 2003/12/22: CIA-RDP82-00457R006100750010-5") in kinds
    assert (3, "classification", "CHCRUT") in kinds  # OCR-damaged SECRET at the bottom of the page
    assert (2, "page_marker", "-2-") in kinds and (3, "page_marker", "-3-") in kinds
    assert (3, "banner", "#### CENTRAL INTELLICENCE ACENCY") in kinds
    assert (1, "banner", "RETURN TO GIA") in kinds
    assert [b.page for b in nts.boilerplate if b.kind == "warning"] == [1]  # the Espionage Act block
    assert sum(b.kind == "classification" for b in nts.boilerplate) == 4
    for b in nts.boilerplate:
        assert nts.text[b.start : b.end] == b.text


def test_boilerplate_excluded_from_clean_text(docs: dict[Path, Document]) -> None:
    nts = docs[NTS]
    clean = nts.clean_text
    assert "Approved For Release" not in clean
    assert not re.search(r"^\s*(SECRET|CHCRUT|-\d-|25X1A?)\s*$", clean, re.MULTILINE)
    assert "CENTRAL INTELL" not in clean and "EDIONACE" not in clean and "RETURN TO GIA" not in clean
    assert "Next 3 Page(s)" not in clean
    liaison = docs[LIAISON].clean_text
    assert "SECRET" not in liaison and "25X1" not in liaison
    assert "[ ]" in liaison  # boxes are reading text: they show where words were withheld


def test_markdown_markup_removed(docs: dict[Path, Document]) -> None:
    clean = docs[NTS].clean_text
    assert "#" not in clean and "|" not in clean and "\n- " not in clean and not clean.startswith("- ")
    assert "COUNTRY Moncount" in clean  # table cells joined by a space
    assert "$50,000" in docs[LIAISON].clean_text and "\\$" not in docs[LIAISON].clean_text


@pytest.mark.parametrize("path", ALL_GOOD, ids=lambda p: p.stem)
def test_every_clean_word_maps_to_the_same_word_in_the_original(docs: dict[Path, Document], path: Path) -> None:
    doc = docs[path]
    # a word re-joined across a line end keeps its hyphen and break (or pdfium's \x02) in the
    # original; in Markdown the backslash of an escape ("\$50,000") is not reading text
    removed = r"-[ \t]*\n\s*|\x02" if path.suffix == ".pdf" else r"-\n|\\(?=[!-/:-@\[-`{-~])"
    for m in re.finditer(r"\S+", doc.clean_text):
        orig = doc.text[doc.to_original(m.start()) : doc.to_original(m.end())]
        assert re.sub(removed, "", orig) == m.group(0), (m.group(0), orig)


def test_segments_copy_the_original(docs: dict[Path, Document]) -> None:
    for doc in docs.values():
        for seg in doc.clean_map:
            assert doc.clean_text[seg.clean : seg.clean + seg.length] == doc.text[seg.orig : seg.orig + seg.length]


def test_dehyphenation_across_line_ends(docs: dict[Path, Document]) -> None:
    doc = docs[next(p for p in JFK_GOOD if p.stem == "104-10110-10242")]
    assert "technicians are making the installation" in doc.clean_text  # "techni\x02cians" in the text layer
    memo = docs[next(p for p in JFK_GOOD if p.stem == "104-10179-10167")]
    assert "fre~" in memo.text  # a tilde is not a hyphen: left as printed


def test_paragraph_numbers_of_nts_report(docs: dict[Path, Document]) -> None:
    numbers = [p.number for p in docs[NTS].paragraphs if p.number]
    assert numbers == ["1", "2", "4", "5", "5.a", "5.b", "5.c", "5.d", "6", "7", "8", "9", "10", "11", "12", "13"]


def test_paragraph_continues_across_page_break(docs: dict[Path, Document]) -> None:
    nts = docs[NTS]
    nine = _para(nts, "9")
    assert nine.page == 2 and nts.page_at(nine.end - 1) == 3
    text = nts.clean_text[nine.clean_start : nine.clean_end]
    assert "refugees in Venezuela are traitors to the liberation of Russia" in text
    assert text.endswith("condemning Kandaurov's articles.")


def test_paragraph_kinds_and_offsets(docs: dict[Path, Document]) -> None:
    nts = docs[NTS]
    kinds = {nts.clean_text[p.clean_start : p.clean_end]: p.kind for p in nts.paragraphs}
    assert kinds["NTS IN VENEZUELA:"] == "heading"
    assert kinds["DATE DISTR. 10 NOV 50"] == "form"
    assert kinds["Aleksandr Generalov Vladimir Saveliev Mikha L Massianov"] == "list"
    comment = [p for p in docs[LIAISON].paragraphs if p.kind == "comment"]
    assert len(comment) == 1 and "Under the old NKGB" in docs[LIAISON].clean_text[comment[0].clean_start : comment[0].clean_end]
    assert [p.page for p in docs[LIAISON].paragraphs if p.number] == [1, 1, 1, 1, 1, 2, 2, 2, 2]
    for doc in docs.values():
        for p in doc.paragraphs:
            assert doc.to_original(p.clean_start) == p.start
            assert doc.text[p.start : p.end].split()[-1].endswith(doc.clean_text[p.clean_start : p.clean_end].split()[-1][-3:])


def test_espionage_warning_only_where_printed(docs: dict[Path, Document]) -> None:
    warnings = {p.stem: [b.text[:20] for b in d.boilerplate if b.kind == "warning"] for p, d in docs.items()}
    assert warnings.pop(NTS.stem) == ["A STATE OF THE STA V"]
    assert warnings.pop("104-10186-10088") == ["Thts material contei"]
    assert not any(warnings.values())  # long OCR'd body paragraphs mentioning the "United States" are kept
