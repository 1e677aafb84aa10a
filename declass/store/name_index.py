"""Keys of the entity name index: which stored entities a typed name may mean, by index probes.

Each name, variant and alias of an entity is split into words. A word gives its transliteration
fold (``w:tretiakov``, :func:`declass.types.names.fold`), the OCR blocking keys of resolution
(skeleton prefix and suffix, :func:`declass.types.names.word_keys`: "Daidalakov" and
"Baidalakov" share them) and, for words of ``MIN_DELETE_LEN`` letters or more, the fold with one
letter deleted (``d:``): two spellings one edit apart always share one of those, even where the
edit breaks the skeleton keys of a short name, and its first ``PREFIX_LEN`` letters (``p:``), so
a typed prefix ("Alek") still finds the name. A whole name also gives its joined fold
(``n:nts`` for "NTS" and "N.T.S."). A query's keys are made the same way; entities sharing keys with it are
the candidates, ranked by how many they share, and :mod:`declass.trace` scores them with RapidFuzz.

Lookup is exact equality on indexed keys, never a scan: the store's cost per query does not grow
with the number of entities, only with the number sharing a key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from declass.types.names import fold, word_keys

MIN_WORD_LEN = 3  # shorter words ("V.", "of", "de") give keys only when a name has nothing longer
MIN_DELETE_LEN = 4
PREFIX_LEN = 4
MAX_WORD_LEN = 40
MAX_KEY_LEN = 120
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)


def _words(text: str) -> list[str]:
    words = [w for w in (fold(t) for t in _SPLIT.split(text)) if w]
    long = [w for w in words if len(w) >= MIN_WORD_LEN]
    return [w[:MAX_WORD_LEN] for w in (long or words)]


def name_keys(text: str) -> set[str]:
    """The index keys of one name as printed or typed."""
    words = _words(text)
    keys: set[str] = set()
    for w in words:
        keys.add("w:" + w)
        keys.update(word_keys(w))
        if len(w) >= PREFIX_LEN:
            keys.add("p:" + w[:PREFIX_LEN])
        if len(w) >= MIN_DELETE_LEN:
            keys.update("d:" + w[:i] + w[i + 1 :] for i in range(len(w)))
            keys.add("d:" + w)
    if words:
        keys.add("n:" + "".join(words))
    return {k[:MAX_KEY_LEN] for k in keys}


def entity_keys(names: Iterable[str]) -> set[str]:
    """The index keys of an entity: those of its name, variants and aliases together."""
    keys: set[str] = set()
    for name in names:
        keys |= name_keys(name)
    return keys
