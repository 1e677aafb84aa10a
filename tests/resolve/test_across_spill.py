"""The cross-document step in bounded memory (issue 13): candidate pairs deduplicated per block
give the pairs of a corpus-wide set of pairs seen, in the same order, and the step yields its
judgements as it makes them instead of holding them all with their evidence."""

from __future__ import annotations

import dataclasses
import json
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from benchmarks.resolve import make_corpus
from declass.model import Judgement, Mention
from declass.resolve.blocking import candidate_pairs
from declass.resolve.blockwise import ProfileSpill, across_spilled
from declass.resolve.nodes import Profile
from declass.resolve.resolver import _contexts, across_documents, iter_across_documents, judge_documents, profile_keys, sort_key
from declass.resolve.scoring import DEFAULT_CONFIG
from declass.resolve.slim import Interner, slim_profiles
from tests.resolve.conftest import mention
from tests.resolve.test_incremental import LATER

T = TypeVar("T")


def _seen_set_pairs(
    items: Sequence[T], keys: Callable[[T], Iterable[Hashable]], order: Callable[[T], str], max_block: int, window: int
) -> list[tuple[int, int]]:
    """The reference: every block's pairs in block order, the repeats dropped by one set of all pairs."""
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in set(keys(item)):
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    out = []
    for members in blocks.values():
        if len(members) > max_block:
            members = sorted(members, key=lambda i: order(items[i]))
            pairs = [(a, b) for k, a in enumerate(members) for b in members[k + 1 : k + 1 + window]]
        else:
            pairs = [(a, b) for k, a in enumerate(members) for b in members[k + 1 :]]
        for a, b in pairs:
            pair = (min(a, b), max(a, b))
            if pair not in seen:
                seen.add(pair)
                out.append(pair)
    return out


def _profiles(size: int, *more: Mention) -> list[Profile]:
    mentions, _ = make_corpus(size)
    mentions += more
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    out: list[Profile] = []
    for doc in sorted(by_doc):
        out += judge_documents([(by_doc[doc], {})])[2]
    return out


@pytest.mark.parametrize(("max_block", "window"), [(24, 8), (4, 2), (2, 1)])
def test_pairs_deduplicated_per_block_are_those_of_a_set_of_all_pairs(max_block: int, window: int) -> None:
    """3,000 synthetic mentions' profiles: their keys overlap (prefix and suffix keys of one surname,
    several surnames' keys), and with small blocks most blocks are oversized (sorted windows)."""
    profiles = _profiles(3000)
    order = lambda p: sort_key(p.best)  # noqa: E731
    want = _seen_set_pairs(profiles, profile_keys, order, max_block, window)
    got = list(candidate_pairs(profiles, profile_keys, order, max_block=max_block, window=window))
    keys = [set(profile_keys(p)) for p in profiles]
    assert len(want) > 500
    assert sum(len(keys[a] & keys[b]) > 1 for a, b in want) > 100  # pairs that several blocks make
    assert got == want


def test_the_step_yields_its_judgements_without_holding_them() -> None:
    """The same judgements, in order, as the list; held one at a time, the step's peak is a
    fraction of the list's (which keeps every judgement with its evidence dictionaries)."""
    profiles = _profiles(3000)
    list(slim_profiles(profiles, set(), Interner()))
    context = _contexts(profiles)
    tracemalloc.start()
    try:
        want = across_documents(profiles, context, DEFAULT_CONFIG)
        listed = tracemalloc.get_traced_memory()[1]
        del want
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        shown = [(j.left, j.right, j.same, j.score, j.rule) for j in iter_across_documents(profiles, context, DEFAULT_CONFIG)]
        streamed = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    again = across_documents(profiles, context, DEFAULT_CONFIG)
    assert len(again) > 1000
    assert shown == [(j.left, j.right, j.same, j.score, j.rule) for j in again]
    assert streamed < listed / 2


# Embassies named without their city (chained by the places of their records), and a bare acronym
# that another record spells out: the groups the step reads whole besides surnames and names.
EMBASSIES = [
    mention("e1", "the Soviet Embassy", "ORG", n=0),
    mention("e1", "New Delhi", "LOC", n=1),
    mention("e2", "Soviet Embassy", "ORG", n=0),
    mention("e2", "Mexico City", "LOC", n=1),
    mention("e3", "Soviet Embassy", "ORG", n=0),
    mention("e3", "Mexico City", "LOC", n=1),
    mention("e4", "Soviet Embassy", "ORG", n=0),
    mention("e5", "DRE", "ORG", n=0),
    mention("e6", "DRE", "ORG", n=0),
    mention("e7", "Directorio Revolucionario Estudiantil", "ORG", n=0),
    mention("e7", "DRE", "ORG", n=1),
    # jfk-corpus: "AF" printed four times and "Air Force" once in one record, so "AF" is the best
    # node and "Air Force", which spells it out, another: its text must survive slimming.
    *(mention("e8", "AF", "ORG", n=k) for k in range(4)),
    mention("e8", "Air Force", "ORG", n=4),
    mention("e9", "AF", "ORG", n=0),
    # jfk-corpus: forms of one body with no acronym among them, slimmed (the step reads no text of them).
    mention("e10", "the United Btates Government", "ORG", n=0),
    mention("e10", "United States Government", "ORG", n=1),
    mention("e10", "U.S. Government", "ORG", n=2),
]


def _shown(js: Iterable[Judgement]) -> list[tuple[object, ...]]:
    return [(j.left, j.right, j.same, j.score, j.rule, json.dumps(j.evidence, sort_keys=True)) for j in js]


@pytest.mark.parametrize(("max_block", "window"), [(24, 8), (3, 2)])
def test_the_step_over_spilled_profiles_makes_the_judgements_of_the_step_over_all(  # type: ignore[no-untyped-def]
    nts_mentions, liaison_mentions, tmp_path: Path, max_block: int, window: int
) -> None:
    """The NTS and liaison reports (organisations, places, acronyms), the JFK forms (bare surnames,
    titles), embassies and 3,000 synthetic person mentions, slimmed as bounded resolution keeps them:
    spilled document by document and read back a group or a block at a time, the same judgements
    with the same evidence in the same order; with small blocks most of them are oversized."""
    config = dataclasses.replace(DEFAULT_CONFIG, max_block=max_block, window=window)
    profiles = _profiles(3000, *nts_mentions, *liaison_mentions, *LATER, *EMBASSIES)
    list(slim_profiles(profiles, set(), Interner()))
    want = _shown(iter_across_documents(profiles, _contexts(profiles), config))
    spill = ProfileSpill(tmp_path)
    by_doc: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles:
        by_doc[p.doc].append(p)
    for doc_profiles in by_doc.values():
        spill.add(doc_profiles)
    got = _shown(across_spilled(spill, config))
    spill.close()
    rules = {row[4] for row in want}
    assert len(want) > 500 and rules >= {"same_name", "same_surname", "surname_only", "name_variant", "known_expansion"}
    assert [row[5] for row in want if row[4] == "same_name" and "Soviet Embassy" in row[5]]
    assert got == want
