"""What bounded resolution keeps of a profile (issue 13): slimmed profiles give the cross-document
step the same judgements as whole ones, and keep no texts or mention ids it does not read."""

from __future__ import annotations

import copy
import json

import pytest

from benchmarks.resolve import make_corpus
from declass.model import Judgement, Mention
from declass.resolve.nodes import Profile
from declass.resolve.resolver import _contexts, across_documents, judge_documents
from declass.resolve.scoring import DEFAULT_CONFIG
from declass.resolve.slim import GONE, Interner, slim_profiles

from .test_incremental import LATER


def _profiles(mentions: list[Mention]) -> list[Profile]:
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    out: list[Profile] = []
    for doc in sorted(by_doc):
        out += judge_documents([(by_doc[doc], {})])[2]
    return out


def _shown(js: list[Judgement]) -> list[tuple[object, ...]]:
    return [(j.left, j.right, j.same, j.score, j.rule, json.dumps(j.evidence, sort_keys=True)) for j in js]


def test_slimmed_profiles_are_judged_across_documents_as_whole_ones(nts_mentions, liaison_mentions) -> None:  # type: ignore[no-untyped-def]
    """The NTS and liaison reports (organisations, places, acronyms), the JFK forms (bare surnames,
    titles) and 3,000 synthetic person mentions (OCR and transliteration variants)."""
    synthetic, _ = make_corpus(3000)
    whole = _profiles([*nts_mentions, *liaison_mentions, *LATER, *synthetic])
    slim = copy.deepcopy(whole)
    anchors = list(slim_profiles(slim, set(), Interner()))
    want = across_documents(whole, _contexts(whole), DEFAULT_CONFIG)
    got = across_documents(slim, _contexts(slim), DEFAULT_CONFIG)
    assert len(want) > 500 and {j.rule for j in want} >= {"same_name", "same_surname"}
    assert _shown(got) == _shown(want)
    nodes = sum(len(p.nodes) for p in slim)
    assert len(anchors) == len(slim) < nodes / 2  # only best anchors: one id per profile to index
    assert {x for j in got for x in (j.left, j.right)} <= set(anchors)
    others = [n for p in slim for n in p.nodes if n is not p.best and not any(o.acronym for o in p.nodes)]
    assert others and all(not n.texts and set(n.mention_ids) == {GONE} for n in others)
    # An acronym's profile keeps its forms' texts (the forms spelling it out are read by their
    # initials across documents: "AF" and "Air Force" of a jfk-corpus record), not their ids.
    spelled = [n for p in slim for n in p.nodes if n is not p.best and any(o.acronym for o in p.nodes)]
    assert spelled and all(n.texts and set(n.mention_ids) == {GONE} for n in spelled)
    assert [n.count for p in slim for n in p.nodes] == [n.count for p in whole for n in p.nodes]


def test_a_slimmed_node_refuses_writes_and_a_named_mention_keeps_its_profile_whole(nts_mentions) -> None:  # type: ignore[no-untyped-def]
    profiles = _profiles(nts_mentions)
    big = max(profiles, key=lambda p: len(p.nodes))
    other = next(n for n in big.nodes if n is not big.best)
    named = other.mention_ids[-1]
    small = next(p for p in profiles if p is not big and len(p.nodes) > 1)
    anchors = set(slim_profiles([big, small], {named}, Interner()))
    assert named in other.mention_ids and other.anchor in anchors and other.texts  # a relation may join it
    rest = next(n for n in small.nodes if n is not small.best)
    with pytest.raises(TypeError):
        rest.texts[rest.key] += 1
    with pytest.raises(AttributeError):
        rest.titles.add("president")  # type: ignore[attr-defined]
