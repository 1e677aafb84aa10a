"""The one timeline: event bounds, precision-aware windows and date order, on events as the
pipeline produces them."""

from __future__ import annotations

import pytest

from declass.errors import QueryError
from declass.model import Citation, Claim, Mention
from declass.timeline import events_from_claims, events_from_documents, in_window, mention_bounds, sort_key, time_bounds


def _claim(time: str, predicate: str = "holds_role", **attrs: str) -> Claim:
    return Claim(
        id=f"c-{time}",
        doc_id="d1",
        subject="m1",
        predicate=predicate,
        object="m2",
        value="chief",
        time=time,
        attrs={"subject_text": "Belik", "object_text": "NTS", **attrs},
        citation=Citation("d1", 1, 21, "6", 0, 10, "Until early 1949 Zoran Afanasyevich Belik was chief of NTS"),
    )


@pytest.mark.parametrize(
    "time, expected",
    [
        ("1950-09-10", ("1950-09-10", "1950-09-10", "day")),
        ("1950-02", ("1950-02-01", "1950-02-28", "month")),
        ("1950", ("1950-01-01", "1950-12-31", "year")),
        ("1947/1948", ("1947-01-01", "1948-12-31", "range")),
        ("../1949", ("", "1949-12-31", "range")),
        ("1949/..", ("1949-01-01", "", "range")),
        ("1940/1949", ("1940-01-01", "1949-12-31", "range")),  # a decade as stored
        ("early 1949", None),
    ],
)
def test_normalised_times_have_bounds_and_precision(time: str, expected: tuple[str, str, str] | None) -> None:
    assert time_bounds(time) == expected


def test_date_mentions_use_their_stored_bounds() -> None:
    # "early 1949" as extraction stores it: norm 1949, bounds January to April
    early = Mention("m9", "d1", "DATE", "early 1949", 0, 10, 1, norm="1949")
    early.attrs = {"precision": "year", "modifier": "early", "earliest": "1949-01-01", "latest": "1949-04-30"}
    assert mention_bounds(early) == ("1949-01-01", "1949-04-30", "year")
    bare = Mention("m8", "d1", "DATE", "May 1950", 0, 8, 1, norm="1950-05")
    assert mention_bounds(bare) == ("1950-05-01", "1950-05-31", "month")


def test_window_is_precision_aware() -> None:
    (year,) = events_from_claims([_claim("1950")])
    (until,) = events_from_claims([_claim("../1949")])
    assert in_window(year, "1950-06", None) and in_window(year, None, "1950-01")  # 1950 may fall in June
    assert not in_window(year, "1951", None) and not in_window(year, None, "1949-12")
    assert in_window(until, "1949-06", None) and not in_window(until, "1950", None)  # until 1949: may fall in June 1949
    with pytest.raises(QueryError):
        in_window(year, "sometime", None)


def test_claim_events_name_both_sides_and_sort_by_earliest_day() -> None:
    events = events_from_claims([_claim("1950-05"), _claim("../1949"), _claim("1947/1948"), _claim("1950-05-02")])
    events += events_from_documents([{"id": "d2", "doc_date": "1950-11-10", "title": "NTS in Venezuela", "number": None}])
    events.sort(key=sort_key)
    assert [e.time for e in events] == ["1947/1948", "../1949", "1950-05", "1950-05-02", "1950-11-10"]
    claim = events[0]
    assert (claim.kind, claim.subject, claim.object, claim.text) == ("claim", "Belik", "NTS", "Belik holds the role chief in NTS")
    assert (events[-1].kind, events[-1].text, events[-1].precision) == ("document", "NTS in Venezuela", "day")
