"""Identifiers, dates, markings and header fields parsed from the real examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from declass.model import Document
from declass.pipeline.metadata import parse_date
from tests.pipeline.conftest import EXAMPLES, JFK_GOOD, LIAISON, NTS


def test_nts_information_report(docs: dict[Path, Document]) -> None:
    meta = docs[NTS].metadata
    assert meta.number == "CIA-RDP82-00457R006100750010-5"
    assert meta.identifiers[0].scheme == "cia_rdp" and meta.identifiers[0].page == 2
    assert meta.release_date == "2003-12-22"
    assert meta.classification == "SECRET"
    assert meta.classification_markings == ["SECRET", "CHCRUT"]
    assert meta.date_distributed == "1950-11-10"
    assert meta.pages_stated == 7
    assert meta.pages_withheld == 3
    assert meta.doc_type == "information_report"
    assert meta.unevaluated is True
    assert meta.subject == "MTS (Mational Workers Union)"
    assert meta.country == "Moncount"  # as printed: the OCR lost "Venezuela"
    assert meta.collection == "crest"
    assert meta.fields == {
        "COUNTRY": "Moncount",
        "SUBJECT": "MTS (Mational Workers Union)",
        "DATE DISTR.": "10 NOV 50",
        "NO. OF PAGES": "7",
    }


def test_liaison_excerpt_has_only_its_markings(docs: dict[Path, Document]) -> None:
    meta = docs[LIAISON].metadata
    assert meta.classification == "SECRET"
    assert meta.identifiers == [] and meta.release_date is None and meta.collection is None
    assert meta.unevaluated is False and meta.pages_withheld == 0


@pytest.mark.parametrize("path", JFK_GOOD, ids=lambda p: p.stem)
def test_jfk_record_number_from_file_name(docs: dict[Path, Document], path: Path) -> None:
    meta = docs[path].metadata
    assert meta.number == path.stem
    assert meta.identifiers[0].scheme == "jfk_record"
    assert meta.collection == "jfk"


def test_jfk_record_number_located_in_text(docs: dict[Path, Document]) -> None:
    doc = docs[EXAMPLES / "jfk" / "104-10110-10242.pdf"]
    ident = doc.metadata.identifiers[0]
    assert (ident.page, doc.text[ident.start : ident.end]) == (1, "104-10110-10242")
    damaged = docs[EXAMPLES / "jfk" / "104-10171-10033.pdf"].metadata.identifiers
    assert [i.value for i in damaged] == ["104-10171-10033"]  # "104- 40171- 10033" is the same number


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        (
            "104-10110-10242",
            {"doc_type": "memorandum", "subject": "Manuel F. ARTIME Buesa", "doc_date": "1963-07-18", "classification": "SECRET"},
        ),
        ("104-10131-10010", {"doc_type": "memorandum", "subject": "SWENSON, Harold Francis", "doc_date": "1965-07-01"}),
        (
            "104-10179-10167",
            {"doc_type": "memorandum", "subject": "Radio Switch Equipment for Demolition", "doc_date": "1963-01-03"},
        ),
        (
            "104-10186-10088",
            {
                "doc_type": "information_report",
                "country": "Cuba",
                "classification": "SECRET",
                "caveats": ["NOFORN"],
                "unevaluated": True,
            },
        ),
        ("104-10216-10075", {"doc_type": "dispatch", "release_date": None}),  # banner year OCR'd as "2028"
        (
            "176-10036-10116",
            {
                "doc_type": "cable",
                "doc_date": "1963-07-17",
                "date_distributed": "1963-07-17",
                "pages_stated": 2,
                "unevaluated": True,
            },
        ),
        ("104-10065-10028", {"classification": "SECRET", "classification_markings": ["SECRE I"], "release_date": "2025"}),
    ],
)
def test_jfk_header_metadata(docs: dict[Path, Document], stem: str, expected: dict[str, object]) -> None:
    meta = docs[EXAMPLES / "jfk" / f"{stem}.pdf"].metadata
    assert {k: getattr(meta, k) for k in expected} == expected


def test_jfk_report_numbers(docs: dict[Path, Document]) -> None:
    ids = docs[EXAMPLES / "jfk" / "104-10186-10088.pdf"].metadata.identifiers
    assert ("report_no", "CS-311/01258-65") in [(i.scheme, i.value) for i in ids]


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("10 NOV 50", "1950-11-10"),
        ("17 JULY 1963", "1963-07-17"),
        ("7/17/1963", "1963-07-17"),
        ("& February 1965", "1965-02"),
        ("2/30/1963", None),  # no such day
        ("soon", None),
        ("November 14, 1962", "1962-11-14"),  # US order with the day after the month
        ("10NOV50 CABLE", "1950-11-10"),
        ("approved through the period 31 Maren 1960. A", "1960-03-31"),  # OCR-damaged month beside a day
        ("FILE 1963", None),  # a bare number in a header is not a date
    ],
)
def test_parse_header_date(printed: str, iso: str | None) -> None:
    assert parse_date(printed) == iso


def _corpus_record(number: str) -> Document:
    from tests.conftest import ROOT
    from tests.pipeline.conftest import load

    path = ROOT.parent / "shared" / "samples" / "jfk-corpus" / f"{number}.pdf"
    if not path.is_file():
        pytest.skip(f"no development corpus at {path.parent}")
    return load(path)


def test_a_title_and_subjects_printed_below_their_labels_are_their_values() -> None:
    # the NARA form: "TITLE :" / "CIA REORGANIZATION" / "DATE :" and "SUBJECTS :" / "> COVERT ACTION ..."
    meta = _corpus_record("157-10002-10056").metadata
    assert meta.fields["TITLE"] == "CIA REORGANIZATION"
    assert meta.subject == "CIA REORGANIZATION"
    assert meta.fields["SUBJECTS"] == "COVERT ACTION PARAMILITARY WARFARE CUBA POLICY CONTROL"


def test_an_empty_label_followed_by_another_label_stays_empty() -> None:
    # "TITLE:" / "DATE:" / "PAGES:" ... with the values in a column further down: no value is guessed
    meta = _corpus_record("177-10002-10069").metadata
    assert "TITLE" not in meta.fields and "SUBJECTS" not in meta.fields
