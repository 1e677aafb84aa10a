"""Candidate pairs: which names are worth comparing at all. Never all pairs.

Each item gets a few blocking keys; items sharing a key are candidates. Keys are built on the
OCR skeleton (:func:`declass.types.confusion.skeleton`) of the folded name, as its first and
last ``KEY_LEN`` consonant classes: a single OCR error or transliteration change leaves at least
one of the two intact. A block larger than ``max_block`` is not compared all-pairs: its items are
sorted by name and each is compared with its ``window`` neighbours (sorted neighbourhood), so the
cost stays linear in the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import TypeVar

from declass.types.names import KEY_LEN, word_keys

__all__ = ["KEY_LEN", "block_pairs", "candidate_pairs", "word_keys"]

T = TypeVar("T")

DEFAULT_MAX_BLOCK = 24
DEFAULT_WINDOW = 8


def candidate_pairs(
    items: Sequence[T],
    keys: Callable[[T], Iterable[Hashable]],
    sort_key: Callable[[T], str],
    *,
    max_block: int = DEFAULT_MAX_BLOCK,
    window: int = DEFAULT_WINDOW,
) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of items sharing a blocking key, each pair once."""

    def ordered(members: list[int]) -> list[int]:
        return sorted(members, key=lambda i: sort_key(items[i]))

    return block_pairs([keys(item) for item in items], ordered, max_block=max_block, window=window)


def block_pairs(
    item_keys: Sequence[Iterable[Hashable]],
    ordered: Callable[[list[int]], list[int]],
    *,
    max_block: int = DEFAULT_MAX_BLOCK,
    window: int = DEFAULT_WINDOW,
) -> Iterator[tuple[int, int]]:
    """:func:`candidate_pairs` given each item's keys, and ``ordered`` (called for an oversized
    block only) sorting a block's members: the items themselves need not be in memory.

    A pair sharing several keys is yielded by the first block (in order of the keys' first use)
    that pairs it. That is decided per pair from the two items' block numbers (and, for an
    oversized block, their ranks in its sorted order), not by a set of every pair yielded so
    far: across a corpus that set held one tuple per candidate pair (issue 13).
    """
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    number: dict[Hashable, int] = {}
    item_blocks: list[tuple[int, ...]] = []
    for i, keys in enumerate(item_keys):
        mine = []
        for key in set(keys):
            blocks[key].append(i)
            mine.append(number.setdefault(key, len(number)))
        item_blocks.append(tuple(mine))
    del number
    ranks: dict[int, dict[int, int]] = {}  # oversized block number -> item -> rank in its sorted order

    def paired_before(a: int, b: int, here: int) -> bool:
        """Whether a block before ``here`` already paired a and b."""
        for block in item_blocks[a]:
            if block < here and block in item_blocks[b]:
                rank = ranks.get(block)
                if rank is None or abs(rank[a] - rank[b]) <= window:
                    return True
        return False

    for here, members in enumerate(blocks.values()):
        if len(members) < 2:
            continue
        if len(members) <= max_block:
            pairs: Iterable[tuple[int, int]] = ((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
        else:
            order = ordered(members)
            ranks[here] = {i: r for r, i in enumerate(order)}
            pairs = ((a, b) for k, a in enumerate(order) for b in order[k + 1 : k + 1 + window])
        for a, b in pairs:
            if not paired_before(a, b, here):
                yield (a, b) if a < b else (b, a)
