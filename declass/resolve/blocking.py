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

__all__ = ["KEY_LEN", "candidate_pairs", "word_keys"]

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
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in set(keys(item)):
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= max_block:
            pairs: Iterable[tuple[int, int]] = ((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
        else:
            ordered = sorted(members, key=lambda i: sort_key(items[i]))
            pairs = ((a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 : k + 1 + window])
        for a, b in pairs:
            pair = (a, b) if a < b else (b, a)
            if pair not in seen:
                seen.add(pair)
                yield pair
