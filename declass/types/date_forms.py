"""The date grammar: the printed forms of a date, read into the ``Mention.attrs`` dict.

:mod:`declass.types.dates` wraps this in :class:`~declass.types.dates.DateValue`; import from
there. Each form is one anchored regex over the whole expression (after a leading "in", "on",
"about"...); ``parse_date`` tries ranges first, then single dates.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from rapidfuzz.distance import Levenshtein

_Attrs = dict[str, Any]

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS.update({"sept": 9, "febr": 2})
_FULL = {name.lower()[:3]: name.lower() for name in calendar.month_name if name}

# A month word as printed: its first three letters, then anything (validated by month_number).
MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# "Carly" is how OCR reads "Early" in the seed reports (C/E confusion).
_MOD = r"(?P<mod>early|carly|mid|middle|late|beginning of|end of|the end of|the beginning of)[\s-]+(?:in\s+|of\s+)?"
_LEAD = r"^(?:(?:in|on|of|by|since|until|till|during|about|around|circa|c\.|ca\.)\s+)?(?:the\s+)?"

_MOD_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_MOD_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def month_number(word: str, *, lenient: bool = False) -> int | None:
    """The month a printed month word names: "Nov." 11, "SEPT" 9, "NOVEMEER" 11 (OCR), "Mayor" None.

    The first three letters must be a month's. Then an abbreviation must be a prefix of the full
    name, and a longer word within OCR reach of it (one edit per three letters, for names of five
    letters or more). ``lenient`` takes any letters after the three ("31 Maren 1960", "Juno"):
    for text where a day or year beside the word already says it is a date.
    """
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS[w]
    full = _FULL.get(w[:3])
    if full is None or not w.isalpha():
        return None
    if lenient or full.startswith(w) or (len(full) >= 5 and Levenshtein.distance(w, full) <= len(full) // 3):
        return MONTHS[full]
    return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _ref_year(ref: str | None) -> int | None:
    if ref and re.match(r"\d{4}", ref):
        return int(ref[:4])
    return None


def _year(token: str, ref: str | None) -> int:
    """A 2- or 4-digit year; two digits resolve to the latest year not after ``ref`` (else 19xx)."""
    y = int(token)
    if len(token) >= 3:
        return y
    ry = _ref_year(ref)
    if ry is None:
        return 1900 + y
    century = ry - ry % 100
    year = century + y
    return year if year <= ry else year - 100


def _value(year: int, month: int | None = None, day: int | None = None, modifier: str | None = None) -> _Attrs | None:
    """One date of day, month or year precision, with its bounds."""
    try:
        if day is not None and month is not None:
            calendar.weekday(year, month, day)  # validates
            iso = f"{year:04d}-{month:02d}-{day:02d}"
            return {"norm": iso, "precision": "day", "earliest": iso, "latest": iso}
    except ValueError:
        return None
    if month is not None:
        if not 1 <= month <= 12:
            return None
        v: _Attrs = {
            "norm": f"{year:04d}-{month:02d}",
            "precision": "month",
            "earliest": f"{year:04d}-{month:02d}-01",
            "latest": f"{year:04d}-{month:02d}-{_last_day(year, month):02d}",
        }
        if modifier:
            lo, hi = _MOD_DAYS[modifier]
            v["modifier"] = modifier
            v["earliest"] = f"{year:04d}-{month:02d}-{lo:02d}"
            v["latest"] = f"{year:04d}-{month:02d}-{min(hi, _last_day(year, month)):02d}"
        return v
    v = {"norm": f"{year:04d}", "precision": "year", "earliest": f"{year:04d}-01-01", "latest": f"{year:04d}-12-31"}
    if modifier:
        lo, hi = _MOD_MONTHS[modifier]
        v["modifier"] = modifier
        v["earliest"] = f"{year:04d}-{lo:02d}-01"
        v["latest"] = f"{year:04d}-{hi:02d}-{_last_day(year, hi):02d}"
    return v


def _span(a: _Attrs, b: _Attrs) -> _Attrs:
    """A range from a to b (ISO 8601 interval notation ``a/b``)."""
    return {
        "norm": f"{a['norm']}/{b['norm']}",
        "precision": a["precision"],
        "earliest": a["earliest"],
        "latest": b["latest"],
        "range": True,
    }


def _modifier(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.lower()
    if raw in ("early", "carly") or "beginning" in raw:
        return "early"
    if raw in ("mid", "middle"):
        return "mid"
    return "late"


_P_DMY = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH_WORD}),?\s+(?P<y>\d{{4}}|\d{{2}})$", re.I)
_P_MDY = re.compile(rf"(?P<m>{MONTH_WORD})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$", re.I)
_P_MY = re.compile(rf"(?:{_MOD})?(?P<m>{MONTH_WORD}),?\s+(?:of\s+)?(?P<y>{YEAR}|'\d\d)$", re.I)
_P_Y = re.compile(rf"(?:{_MOD})?(?P<y>{YEAR})$", re.I)
_P_ISO = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
_P_NUM_DMY = re.compile(r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})$")
_P_YRANGE = re.compile(
    rf"(?:between\s+|from\s+)?(?P<a>{YEAR})\s*(?:-|–|—|or|and|to|until|through)\s*(?P<b>\d{{4}}|\d{{2}})$", re.I
)
_P_DECADE = re.compile(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<y>1[6-9]\d0|20\d0)'?s$", re.I)
_P_RANGE = re.compile(r"(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|until|through)\s+(?P<b>.+)$", re.I)
_P_OR = re.compile(r"(?P<a>.+?)\s+or\s+(?P<b>.+)$", re.I)
_RELATIVE = {
    "this year": ("year", 0),
    "last year": ("year", -1),
    "the previous year": ("year", -1),
    "the year before": ("year", -1),
    "next year": ("year", 1),
    "the following year": ("year", 1),
    "this month": ("month", 0),
    "last month": ("month", -1),
    "the previous month": ("month", -1),
    "next month": ("month", 1),
    "the following month": ("month", 1),
    "today": ("day", 0),
    "yesterday": ("day", -1),
    "tomorrow": ("day", 1),
}


def _relative(text: str, ref: str | None) -> _Attrs | None:
    spec = _RELATIVE.get(text.lower())
    if spec is None or ref is None or not re.match(r"\d{4}-\d{2}-\d{2}", ref):
        return None
    unit, delta = spec
    y, m, d = int(ref[:4]), int(ref[5:7]), int(ref[8:10])
    if unit == "year":
        v = _value(y + delta)
    elif unit == "month":
        total = y * 12 + (m - 1) + delta
        v = _value(total // 12, total % 12 + 1)
    else:
        import datetime as _dt

        day = _dt.date(y, m, d) + _dt.timedelta(days=delta)
        v = _value(day.year, day.month, day.day)
    if v is not None:
        v["relative"] = True
    return v


def _single(text: str, ref: str | None) -> _Attrs | None:
    t = text.strip().rstrip(".,;:")
    if m := _P_ISO.match(t):
        return _value(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := _P_NUM_DMY.match(t):
        return _value(int(m["y"]), int(m["m"]), int(m["d"]))
    if (m := _P_DMY.match(t)) and (month := month_number(m["m"])):
        return _value(_year(m["y"], ref), month, int(m["d"]))
    if (m := _P_MDY.match(t)) and (month := month_number(m["m"])):
        return _value(int(m["y"]), month, int(m["d"]))
    if (m := _P_MY.match(t)) and (month := month_number(m["m"])):
        return _value(_year(m["y"].lstrip("'"), ref), month, modifier=_modifier(m["mod"]))
    if m := _P_Y.match(t):
        return _value(int(m["y"]), modifier=_modifier(m["mod"]))
    if m := _P_DECADE.match(t):
        start = int(m["y"])
        v = _span(_value(start) or {}, _value(start + 9) or {})
        v["precision"] = "decade"
        if m["mod"]:
            mod = _modifier(m["mod"]) or "early"
            lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[mod]
            v["modifier"] = mod
            v["earliest"], v["latest"] = f"{start + lo}-01-01", f"{start + hi}-12-31"
        return v
    return _relative(t, ref)


def parse_date(text: str, ref: str | None = None) -> _Attrs | None:
    """Normalise a date expression; ``ref`` is the document date (ISO) for 2-digit years and
    relative expressions. None when the text is not a date we can place on a calendar."""
    t = re.sub(r"\s+", " ", text.strip())
    t = re.sub(_LEAD, "", t, flags=re.I)
    if not t:
        return None
    if m := _P_YRANGE.match(t):
        a, braw = int(m["a"]), m["b"]
        b = a - a % 100 + int(braw) if len(braw) == 2 else int(braw)
        if b > a:
            return _span(_value(a) or {}, _value(b) or {})
        return None
    for pattern in (_P_RANGE, _P_OR):
        if m := pattern.match(t):
            a_v, b_v = _single(m["a"], ref), _single(m["b"], ref)
            if a_v is None and b_v is not None and m["a"].strip().isdigit():
                # "between 3 and 5 May 1950": the first end borrows month and year from the second
                a_v = _single(f"{m['a'].strip()} {m['b'].strip().split(' ', 1)[-1]}", ref)
            if a_v and b_v and a_v["earliest"] <= b_v["earliest"]:
                return _span(a_v, b_v)
            return None
    return _single(t, ref)
