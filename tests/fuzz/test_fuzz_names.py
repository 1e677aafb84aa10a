"""Fuzz: the name parser, the name comparisons and the pairwise scoring never fail and stay in range."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from declass.model import Mention, make_id
from declass.resolve import compare as c
from declass.resolve.nodes import build_nodes
from declass.resolve.scoring import score_nodes
from declass.types.names import clean, initials, is_acronym, name_key, parse_person
from tests.fuzz.strategies import any_text, names

FEATURES = (c.surname_similarity, c.given_agreement, c.middle_conflict, c.gender_conflict, c.short_form)


@given(st.one_of(any_text, names))
def test_parse_person_always_gives_a_name(text: str) -> None:
    p = parse_person(text)
    assert isinstance(p.surname, str) and isinstance(p.display, str)
    assert p.given is None or isinstance(p.given, str)
    assert 0 <= p.parts <= 1 + len(p.middle) + 1
    assert isinstance(name_key(text, "PERSON"), str) and isinstance(name_key(text, "ORG"), str)
    assert isinstance(clean(text), str) and isinstance(initials(text), str) and isinstance(is_acronym(text), bool)


@given(names, names)
def test_name_features_are_between_0_and_1(a: str, b: str) -> None:
    pa, pb = parse_person(a), parse_person(b)
    for feature in FEATURES:
        assert 0.0 <= feature(pa, pb) <= 1.0, feature.__name__
    assert 0.0 <= c.name_similarity(a, b) <= 1.0
    assert c.surname_similarity(pa, pb) == c.surname_similarity(pb, pa)
    assert c.given_agreement(pa, pb) == c.given_agreement(pb, pa)


@given(names)
def test_a_name_agrees_with_itself(a: str) -> None:
    p = parse_person(a)
    if p.given:
        assert c.given_agreement(p, p) == 1.0
    assert c.gender_conflict(p, p) == 0.0 and c.middle_conflict(p, p) == 0.0


def _node(text: str, label: str, doc: str):  # type: ignore[no-untyped-def]
    m = Mention(make_id(doc, 0, len(text), label), doc, label, text, 0, len(text), 1)
    nodes = build_nodes([m])
    return nodes[0] if nodes else None


@given(names, names, st.sampled_from(["PERSON", "ORG", "LOC", "ACRONYM", "CRYPTONYM"]), st.booleans())
def test_scoring_any_two_names_gives_a_bounded_verdict(a: str, b: str, label: str, same_doc: bool) -> None:
    na, nb = _node(a, label, "doc-a"), _node(b, label, "doc-a" if same_doc else "doc-b")
    if na is None or nb is None:
        return  # nothing left of the name after cleaning: it is not resolved at all
    verdict = score_nodes(na, nb, same_doc=same_doc, context={"x"}, other={"x", "y"})
    if verdict is not None:
        assert verdict.same in (True, False, None)
        assert 0.0 <= verdict.score <= 1.0 and verdict.rule
        assert all(isinstance(v, float) for v in verdict.features.values())
