"""Dates: free-text dates as printed in reports and cables -> one value with bounds and precision.

Pure functions, no spaCy: the extract stage, metadata, claims and the readers all use them.

    "10 NOV 50"        -> 1950-11-10   precision day
    "In March 1950"    -> 1950-03      precision month
    "NOVEMEER 1950"    -> 1950-11      precision month (an OCR-damaged month name)
    "early 1949"       -> 1949         precision year, modifier early, earliest 1949-01-01 latest 1949-04-30
    "1947 or 1948"     -> 1947/1948    precision year, range
    "1924-25"          -> 1924/1925    precision year, range
    "1940s"            -> 1940/1949    precision decade
    "last year"        -> ref year - 1 precision year, relative (needs the document date)

The API (readers call these; nothing else parses a date):

- ``DateValue.parse(text, ref=None)``: the whole text is one date expression, else None.
- ``DateValue.find(text, ref=None)``: the first date inside longer text (a header field
  "& February 1965", "10NOV50 CABLE"), else None.
- ``DateValue.from_norm(norm)``: a stored ``norm`` or claim time back into a value
  ("1950-11", "1947/1948", open intervals "../1949" and "1949/..").
- ``DateValue.from_attrs(attrs)`` / ``value.to_attrs()``: the stored ``Mention.attrs`` shape.
- ``value.norm``, ``.precision`` (``Precision``: day | month | year | decade), ``.earliest`` / ``.latest`` (ISO
  days; ``OPEN_START`` / ``OPEN_END`` for an open end), ``.modifier``, ``.range``, ``.relative``.
- ``value.overlaps(lo, hi)`` (any day of the value in the window), ``value.within(lo, hi)`` (every
  day in it), ``value.contains(day)``; ``lo``/``hi`` are dates of any precision or None (open):
  ``--from 1946 --to 1954`` is the window 1946-01-01..1954-12-31 (:func:`window`).
- ``parse_date(text, ref) -> dict | None``: the same as ``DateValue.parse(...).to_attrs()``,
  the dict stored in ``Mention.attrs``: ``norm`` (ISO date, or a range ``start/end`` as in ISO
  8601 intervals), ``precision``, ``earliest``, ``latest`` and where they apply ``modifier``
  (early | mid | late), ``range`` (True) and ``relative`` (True: resolved against the reference).
- ``month_number(word)``, ``MONTH_WORD``, ``YEAR``: the month-name reading and the regex parts
  that extraction uses to spot dates.

Two-digit years are read as the latest year not after the reference date (1900s without one).
A month name is read by its first three letters and a spelling within OCR reach of the full name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from declass.errors import QueryError
from declass.types.date_forms import MONTH_WORD, MONTHS, YEAR, _Attrs, _span, _value, _year, month_number, parse_date

__all__ = [
    "DMY_IN_TEXT",
    "MONTHS",
    "MONTH_WORD",
    "OPEN_END",
    "OPEN_START",
    "PRECISIONS",
    "YEAR",
    "DateValue",
    "Precision",
    "month_number",
    "parse_date",
    "window",
]


# --- Finding a date inside longer text ----------------------------------------------------------
# In header fields and OCR'd lines the date comes with other words and loose spacing: "10NOV50",
# "10-Nov-1950", "7/17/1963" (US order), "& February 1965". Tried in this order; the first that
# reads as a calendar date wins.
DMY_IN_TEXT = re.compile(
    rf"(?<!\d)(?P<d>[0-3]?\d)\s*[-. ]?\s*(?P<m>{MONTH_WORD}),?\s*[-. ]?\s*(?P<y>\d{{4}}|\d{{2}})(?!\d)", re.I
)
_MDY_NUMERIC_IN_TEXT = re.compile(r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4})(?![\d/])")
_MY_IN_TEXT = re.compile(rf"(?P<m>{MONTH_WORD}),?\s+(?P<y>{YEAR})(?!\d)", re.I)
_YRANGE_IN_TEXT = re.compile(r"(?<!\d)(?P<a>1[6-9]\d\d|20\d\d)\s*-\s*(?P<b>\d\d)(?![\d-])")
_DECADE_IN_TEXT = re.compile(r"(?<!\d)(?:1[6-9]\d0|20\d0)'?s\b", re.I)
_YEAR_IN_TEXT = re.compile(rf"(?<![\d-]){YEAR}(?![\d-])")


def _find(text: str, ref: str | None, years: bool) -> _Attrs | None:
    for m in DMY_IN_TEXT.finditer(text):
        if (month := month_number(m["m"], lenient=True)) and (v := _value(_year(m["y"], ref), month, int(m["d"]))):
            return v
    for m in _MDY_NUMERIC_IN_TEXT.finditer(text):
        if v := _value(int(m["y"]), int(m["m"]), int(m["d"])):
            return v
    for m in _MY_IN_TEXT.finditer(text):
        if (month := month_number(m["m"], lenient=True)) and (v := _value(int(m["y"]), month)):
            return v
    whole = parse_date(text, ref)
    if whole and (years or whole["precision"] in ("day", "month")):
        return whole
    if not years:
        return None
    for rx in (_YRANGE_IN_TEXT, _DECADE_IN_TEXT):
        for m in rx.finditer(text):
            if v := parse_date(m.group(0), ref):
                return v
    found = [int(y) for y in _YEAR_IN_TEXT.findall(text)]
    if len(found) >= 2 and found[-1] > found[0]:
        return _span(_value(found[0]) or {}, _value(found[-1]) or {})  # "1947, 1948 and 1949"
    return _value(found[0]) if found else None


# --- Stored forms back into values -------------------------------------------------------------
Precision = Literal["day", "month", "year", "decade"]
PRECISIONS: tuple[Precision, ...] = ("day", "month", "year", "decade")  # finest first
OPEN_START = "0000-01-01"
OPEN_END = "9999-12-31"
_ISO_NORM = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


def _from_iso(part: str) -> _Attrs | None:
    m = _ISO_NORM.match(part.strip())
    if m is None:
        return None
    return _value(int(m["y"]), int(m["m"]) if m["m"] else None, int(m["d"]) if m["d"] else None)


def _from_norm(norm: str) -> _Attrs | None:
    left, sep, right = norm.strip().partition("/")
    if not sep:
        return _from_iso(left)
    a = None if left in ("", "..") else _from_iso(left)
    b = None if right in ("", "..") else _from_iso(right)
    if (a is None and left not in ("", "..")) or (b is None and right not in ("", "..")):
        return None
    known = a or b
    if known is None or (a and b and b["latest"] < a["earliest"]):
        return None
    v = {
        "norm": norm.strip(),
        "precision": known["precision"],
        "earliest": a["earliest"] if a else OPEN_START,
        "latest": b["latest"] if b else OPEN_END,
        "range": True,
    }
    if re.fullmatch(r"\d{3}0/\d{3}9", v["norm"]) and int(right) == int(left) + 9:
        v["precision"] = "decade"  # "1940/1949" is how a decade is stored
    return v


def window(lo: str | None, hi: str | None) -> tuple[str, str]:
    """The ISO days a ``--from lo --to hi`` window covers; a bound of any precision, None is open.

    ``window("1946", "1954")`` is ``("1946-01-01", "1954-12-31")``; an unreadable bound raises
    :class:`~declass.errors.QueryError` (a 400 on the web, a one-line message in the CLI).
    """
    start, end = OPEN_START, OPEN_END
    if lo:
        v = DateValue.parse(lo) or DateValue.from_norm(lo)
        if v is None:
            raise QueryError(f"not a date: {lo!r} (try 1946, 1950-03 or 10 NOV 1950)")
        start = v.earliest
    if hi:
        v = DateValue.parse(hi) or DateValue.from_norm(hi)
        if v is None:
            raise QueryError(f"not a date: {hi!r} (try 1946, 1950-03 or 10 NOV 1950)")
        end = v.latest
    return start, end


@dataclass(frozen=True, slots=True)
class DateValue:
    """One date as a document gives it: its normal form, precision and the days it may mean."""

    norm: str
    precision: Precision
    earliest: str
    latest: str
    modifier: str | None = None
    range: bool = False
    relative: bool = False

    @classmethod
    def from_attrs(cls, attrs: Mapping[str, Any] | None) -> DateValue | None:
        """The value a ``Mention.attrs`` (or ``parse_date`` dict) holds; None without ``norm``/bounds."""
        if not attrs or not attrs.get("norm") or not attrs.get("earliest") or not attrs.get("latest"):
            return None
        return cls(
            norm=str(attrs["norm"]),
            precision=cast(Precision, attrs["precision"]) if attrs.get("precision") in PRECISIONS else "day",
            earliest=str(attrs["earliest"]),
            latest=str(attrs["latest"]),
            modifier=attrs.get("modifier"),
            range=bool(attrs.get("range", False)),
            relative=bool(attrs.get("relative", False)),
        )

    @classmethod
    def parse(cls, text: str, ref: str | None = None) -> DateValue | None:
        """The whole ``text`` as one date expression; ``ref`` (ISO) places 2-digit years and "last year"."""
        return cls.from_attrs(parse_date(text, ref))

    @classmethod
    def find(cls, text: str, ref: str | None = None, *, years: bool = True) -> DateValue | None:
        """The first date inside longer text: day forms ("10NOV50", US "7/17/1963") first, then a
        month and year, the whole text as one expression, a range, a decade, a year.

        ``years=False`` keeps only day and month dates: in a header field a bare four-digit
        number is as often a file number as a year.
        """
        return cls.from_attrs(_find(text, ref, years))

    @classmethod
    def from_norm(cls, norm: str) -> DateValue | None:
        """A stored ``norm`` or claim time: "1950-11", "1947/1948", "../1949", "1949/.."."""
        return cls.from_attrs(_from_norm(norm))

    def to_attrs(self) -> dict[str, Any]:
        """The dict stored in ``Mention.attrs`` (only the flags that apply), as ``parse_date`` returns."""
        out: dict[str, Any] = {"norm": self.norm, "precision": self.precision, "earliest": self.earliest, "latest": self.latest}
        if self.modifier:
            out["modifier"] = self.modifier
        if self.range:
            out["range"] = True
        if self.relative:
            out["relative"] = True
        return out

    def contains(self, day: str) -> bool:
        """Whether the ISO day may be meant by this value."""
        return self.earliest <= day <= self.latest

    def overlaps(self, lo: str | None = None, hi: str | None = None) -> bool:
        """Whether any day of this value falls in the window ``lo``..``hi`` (see :func:`window`)."""
        start, end = window(lo, hi)
        return self.earliest <= end and self.latest >= start

    def within(self, lo: str | None = None, hi: str | None = None) -> bool:
        """Whether every day of this value falls in the window ``lo``..``hi``."""
        start, end = window(lo, hi)
        return start <= self.earliest and self.latest <= end
