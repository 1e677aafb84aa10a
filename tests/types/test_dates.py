"""Date and money normalisation over the forms found in the seed reports."""

from __future__ import annotations

import pytest

from declass.pipeline.money import parse_money
from declass.types.dates import parse_date


@pytest.mark.parametrize(
    ("text", "ref", "norm", "precision"),
    [
        ("10 NOV 50", None, "1950-11-10", "day"),
        ("29 JUN 1978", None, "1978-06-29", "day"),
        ("2003/12/22", None, "2003-12-22", "day"),
        ("March 3, 1790", None, "1790-03-03", "day"),
        ("In March 1950", None, "1950-03", "month"),
        ("September 1950", None, "1950-09", "month"),
        ("early 1949", None, "1949", "year"),
        ("in 1951", None, "1951", "year"),
        ("1947 or 1948", None, "1947/1948", "year"),
        ("1924-25", None, "1924/1925", "year"),
        ("between 1947 and 1949", None, "1947/1949", "year"),
        ("the 1940s", None, "1940/1949", "decade"),
        ("last year", "1950-11-10", "1949", "year"),
        ("yesterday", "1950-11-10", "1950-11-09", "day"),
    ],
)
def test_parse_date_normalises_to_iso(text: str, ref: str | None, norm: str, precision: str) -> None:
    value = parse_date(text, ref)
    assert value is not None
    assert (value["norm"], value["precision"]) == (norm, precision)


def test_early_year_bounds_first_third() -> None:
    value = parse_date("early 1949")
    assert value == {"norm": "1949", "precision": "year", "earliest": "1949-01-01", "latest": "1949-04-30", "modifier": "early"}


def test_ocr_carly_is_early() -> None:
    value = parse_date("Carly in May 1950")
    assert value is not None and value["norm"] == "1950-05" and value["modifier"] == "early"


def test_range_is_flagged() -> None:
    value = parse_date("1947 or 1948")
    assert value is not None and value["range"] is True and value["latest"] == "1948-12-31"


def test_two_digit_year_resolves_against_document_date() -> None:
    assert parse_date("10 NOV 50", "1949-01-01")["norm"] == "1850-11-10"  # type: ignore[index]
    assert parse_date("10 NOV 50", "1978-06-29")["norm"] == "1950-11-10"  # type: ignore[index]


@pytest.mark.parametrize("text", ["two years", "fifty per cent", "", "relative"])
def test_non_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


def test_relative_without_reference_is_none() -> None:
    assert parse_date("last year") is None


@pytest.mark.parametrize(
    ("text", "norm"),
    [("\\$300,000", "300000 USD"), ("\\$50,000", "50000 USD"), ("$1.5 million", "1500000 USD"), ("50,000 rubles", "50000 RUB")],
)
def test_parse_money(text: str, norm: str) -> None:
    money = parse_money(text)
    assert money is not None and money["norm"] == norm


def test_percent_is_not_money() -> None:
    assert parse_money("fifty per cent") is None
