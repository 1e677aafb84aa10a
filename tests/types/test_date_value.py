"""The date value: bounds, precision, windows, stored forms and dates found inside longer text."""

from __future__ import annotations

import pytest

from declass.errors import QueryError
from declass.types.dates import OPEN_END, OPEN_START, DateValue, month_number, parse_date, window


@pytest.mark.parametrize(
    ("text", "norm", "precision", "earliest", "latest"),
    [
        ("10 NOV 50", "1950-11-10", "day", "1950-11-10", "1950-11-10"),
        ("September 1950", "1950-09", "month", "1950-09-01", "1950-09-30"),
        ("NOVEMEER 1950", "1950-11", "month", "1950-11-01", "1950-11-30"),  # OCR-damaged month
        ("Octaher 1962", "1962-10", "month", "1962-10-01", "1962-10-31"),
        ("early 1949", "1949", "year", "1949-01-01", "1949-04-30"),
        ("1947 or 1948", "1947/1948", "year", "1947-01-01", "1948-12-31"),
        ("the 1940s", "1940/1949", "decade", "1940-01-01", "1949-12-31"),
        ("the late 1940s", "1940/1949", "decade", "1947-01-01", "1949-12-31"),
    ],
)
def test_parse_gives_bounds_and_precision(text: str, norm: str, precision: str, earliest: str, latest: str) -> None:
    value = DateValue.parse(text)
    assert value is not None
    assert (value.norm, value.precision, value.earliest, value.latest) == (norm, precision, earliest, latest)


def test_two_digit_year_against_reference() -> None:
    assert DateValue.parse("10 NOV 50", "1949-01-01") == DateValue.parse("10 NOV 1850")
    assert DateValue.parse("10 NOV 50", "1978-06-29") == DateValue.parse("10 NOV 1950")


def test_attrs_round_trip_is_the_stored_shape() -> None:
    for text in ("early 1949", "1947 or 1948", "Carly in May 1950", "10 NOV 50"):
        attrs = parse_date(text)
        value = DateValue.from_attrs(attrs)
        assert value is not None and value.to_attrs() == attrs
    assert DateValue.from_attrs({"precision": "year"}) is None
    assert DateValue.from_attrs(None) is None


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("Nov.", 11),
        ("SEPT", 9),
        ("febr", 2),
        ("NOVEMEER", 11),
        ("Sepiezter", 9),
        ("Mayor", None),
        ("Marcus", None),
        ("soon", None),
    ],
)
def test_month_number_reads_abbreviations_and_ocr_damage(word: str, month: int | None) -> None:
    assert month_number(word) == month


def test_lenient_month_reading_for_text_beside_a_day() -> None:
    assert month_number("Maren") is None and month_number("Maren", lenient=True) == 3
    assert month_number("Juno", lenient=True) == 6


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("& February 1965", "1965-02"),
        ("10NOV50 CABLE SEC", "1950-11-10"),
        ("7/17/1963", "1963-07-17"),  # headers print the US order
        ("approved through the period 31 Maren 1960. A ot et", "1960-03-31"),
        ("November 14, 1962", "1962-11-14"),
        ("in the 1940s he lived", "1940/1949"),
        ("from 1924-25 in Paris", "1924/1925"),
        ("1947, 1948 and 1949", "1947/1949"),
        ("born 1913 in Kiev", "1913"),
    ],
)
def test_find_a_date_inside_longer_text(text: str, norm: str) -> None:
    value = DateValue.find(text)
    assert value is not None and value.norm == norm


def test_find_without_years_keeps_day_and_month_dates() -> None:
    assert DateValue.find("FILE 1963", years=False) is None
    assert DateValue.find("2/30/1963", years=False) is None  # no such day
    found = DateValue.find("DATE: 17 JULY 1963", years=False)
    assert found is not None and found.norm == "1963-07-17"


@pytest.mark.parametrize(
    ("norm", "earliest", "latest", "precision"),
    [
        ("1950-11", "1950-11-01", "1950-11-30", "month"),
        ("1950-11-10", "1950-11-10", "1950-11-10", "day"),
        ("1947/1948", "1947-01-01", "1948-12-31", "year"),
        ("1940/1949", "1940-01-01", "1949-12-31", "decade"),
        ("../1949", OPEN_START, "1949-12-31", "year"),
        ("1949-03/..", "1949-03-01", OPEN_END, "month"),
    ],
)
def test_from_norm_reads_stored_dates_and_claim_times(norm: str, earliest: str, latest: str, precision: str) -> None:
    value = DateValue.from_norm(norm)
    assert value is not None
    assert (value.norm, value.earliest, value.latest, value.precision) == (norm, earliest, latest, precision)


@pytest.mark.parametrize("norm", ["1950/1949", "x/1949", "1950-02-30", "..", ""])
def test_from_norm_refuses_what_is_not_a_date(norm: str) -> None:
    assert DateValue.from_norm(norm) is None


def test_window_bounds_of_any_precision() -> None:
    assert window("1946", "1954") == ("1946-01-01", "1954-12-31")
    assert window("March 1950", None) == ("1950-03-01", OPEN_END)
    assert window(None, "1950-02") == (OPEN_START, "1950-02-28")
    with pytest.raises(QueryError, match="not a date"):
        window("soon", None)


def test_overlap_and_membership_in_a_window() -> None:
    forties = DateValue.parse("the 1940s")
    assert forties is not None
    assert forties.overlaps("1946", "1954") and not forties.within("1946", "1954")
    assert not forties.overlaps("1950", None)
    either = DateValue.parse("1947 or 1948")
    assert either is not None and either.within("1946", "1954") and either.overlaps(None, "1947")
    day = DateValue.parse("10 NOV 50")
    assert day is not None and day.contains("1950-11-10") and not day.contains("1950-11-11")
    until = DateValue.from_norm("../1949")
    assert until is not None and until.overlaps("1900", "1901") and not until.overlaps("1950", "1960")
