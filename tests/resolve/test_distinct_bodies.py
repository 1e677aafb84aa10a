"""Bodies one letter apart stay apart (``data/distinct_orgs.txt``): the CIA directorates DDI, DDO and
DDP, as the jfk-corpus records print them (DDO 31 mentions in one record, DDP in three), and the
executive departments and armed services named "Department of X" / "U.S. X"."""

from __future__ import annotations

import pytest

from declass.model import Mention, make_id
from declass.resolve import resolve


def _mentions(forms: list[str]) -> list[Mention]:
    out = []
    for i, form in enumerate(forms):
        doc = f"doc{i % 2}"
        start = 100 * i
        out.append(Mention(make_id(doc, start, start + len(form), "ORG"), doc, "ORG", form, start, start + len(form), 1))
    return out


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("DDI", "DDO"),
        ("DDO", "DDP"),
        ("DDI", "DDP"),
        ("Department of Defense", "Department of Justice"),
        ("U.S. Army", "U.S. Navy"),
        ("MGB", "MVD"),
    ],
)
def test_bodies_one_letter_or_one_word_apart_stay_apart(a: str, b: str) -> None:
    mentions = _mentions([a, b, a, b])
    _, entities = resolve(mentions)
    of = {m.text: next(e.id for e in entities if m.id in e.mention_ids) for m in mentions}
    assert of[a] != of[b]
