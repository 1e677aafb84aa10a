"""OCR-confusion-weighted edit distance, and the skeleton key that blocking builds on it.

A typewriter scan confuses letters of similar shape: N/M/H/W/II, B/D/8, C/G/E, rn/m, cl/d, li/h,
l/1/I, O/0, S/5, e/c. Substituting one of those costs less than an arbitrary edit, so
"Baidalakov"/"Daidalakov" are closer than "Baidalakov"/"Kaidalakov". Inputs are lower case
(callers pass :func:`declass.types.names.fold` output or lowered acronyms).

The confusions come from the one table ``declass/data/ocr_confusions.tsv``; besides the costs and
the skeleton, this module derives the two capital-letter forms of it that the stages use:
:func:`upper_confusable` (OCR variants of acronyms) and :func:`upper_classes` (the character
classes of OCR-tolerant markings).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from declass.types import wordlists

# One table (``declass/data/ocr_confusions.tsv``); each user derives what it needs from it here.
_TABLE = wordlists.ocr_confusions()
# (a, b, cost): single-character confusions in lower-case words; symmetric.
_PAIRS = [(r.a, r.b, r.cost) for r in _TABLE if r.cost is not None and len(r.a) == len(r.b) == 1]
# (a, b, cost): a multi-character run printed as another (either way round).
_MULTI = [(r.a, r.b, r.cost) for r in _TABLE if r.cost is not None and (len(r.a) > 1 or len(r.b) > 1)]

SUB_COST: dict[tuple[str, str], float] = {}
for _a, _b, _c in _PAIRS:
    SUB_COST[(_a, _b)] = SUB_COST[(_b, _a)] = _c


def sub_cost(a: str, b: str) -> float:
    """The cost of reading character ``a`` where ``b`` was printed (0 equal, 1 unrelated)."""
    if a == b:
        return 0.0
    return SUB_COST.get((a, b), 1.0)


# Multi-character confusions indexed by the last characters of both sides, so the dynamic
# programme only looks at them where they can apply.
_MULTI_BY_END: dict[tuple[str, str], list[tuple[int, int, str, str, float]]] = {}
for _x, _y, _c in _MULTI:
    for _p, _q in ((_x, _y), (_y, _x)):
        _MULTI_BY_END.setdefault((_p[-1], _q[-1]), []).append((len(_p), len(_q), _p, _q, _c))


@lru_cache(maxsize=500_000)
def weighted_distance(a: str, b: str) -> float:
    """Levenshtein distance where OCR confusions cost less than 1 (insert/delete cost 1)."""
    n, m = len(a), len(b)
    rows = [[float(j) for j in range(m + 1)]]
    get_sub, multi = SUB_COST.get, _MULTI_BY_END
    for i in range(1, n + 1):
        prev = rows[-1]
        cur = [float(i)] + [0.0] * m
        ai = a[i - 1]
        for j in range(1, m + 1):
            bj = b[j - 1]
            diag = prev[j - 1] + (0.0 if ai == bj else get_sub((ai, bj), 1.0))
            best = min(prev[j] + 1.0, cur[j - 1] + 1.0, diag)
            runs = multi.get((ai, bj))
            if runs:
                for lp, lq, p, q, c in runs:
                    if i >= lp and j >= lq and a[i - lp : i] == p and b[j - lq : j] == q:
                        best = min(best, rows[i - lp][j - lq] + c)
            cur[j] = best
        rows.append(cur)
    return rows[n][m]


def similarity(a: str, b: str, *, floor: float = 0.0) -> float:
    """1 - weighted distance / longer length; 0.0 quickly when plain Levenshtein rules it out."""
    if a == b:
        return 1.0
    longest = max(len(a), len(b))
    if not longest:
        return 0.0
    # Prefilter: a name needing more plain edits than this is not an OCR or spelling variant.
    # (Confusions of two letters, rn/m, count as two plain edits: hence the floor of 2.)
    budget = max(2, min(longest // 3, int((1.0 - floor) * longest / 0.3) + 1))
    if Levenshtein.distance(a, b, score_cutoff=budget) > budget:
        return 0.0
    return max(0.0, 1.0 - weighted_distance(a, b) / longest)


_SKELETON_MULTI = [(r.a, r.b) for r in _TABLE if r.skeleton and len(r.a) > 1]
_SKELETON_CLASS = str.maketrans({r.b: r.a for r in _TABLE if r.skeleton and len(r.a) == len(r.b) == 1})
_VOWELS = re.compile(r"[aeiouy]")
_REPEAT = re.compile(r"(.)\1+")


@lru_cache(maxsize=500_000)
def skeleton(word: str) -> str:
    """Consonant skeleton with confusable letters in one class: "Baidalakov" == "Daidalakov"."""
    w = word.lower()
    for p, q in _SKELETON_MULTI:
        w = w.replace(p, q)
    w = _VOWELS.sub("", w.translate(_SKELETON_CLASS))
    return _REPEAT.sub(r"\1", w)


# Capitals: the "upper" rows either way round (acronyms and markings), the "oneway" rows as written.
_UPPER_PAIRS = frozenset(
    p for r in _TABLE if r.upper and not r.oneway and len(r.a) == len(r.b) == 1 for p in ((r.a, r.b), (r.b, r.a))
)


def upper_confusable(a: str, b: str) -> bool:
    """Whether capitals ``a`` and ``b`` (one character each) are a scan confusion: "N"/"M", "B"/"8"."""
    return (a.lower(), b.lower()) in _UPPER_PAIRS


def upper_classes() -> dict[str, str]:
    """Capital letter -> the characters a scan prints for it, the letter first ("N" -> "NMHWUL").

    Built from the table: the "upper" rows either way round in capitals, then the "oneway" rows
    (a capital read as a character that is not read back as it: "S" printed as "$").
    """
    classes: dict[str, str] = {}

    def add(key: str, ch: str) -> None:
        cls = classes.setdefault(key, key)
        if ch not in cls:
            classes[key] = cls + ch

    for x, y in sorted(_UPPER_PAIRS, key=lambda p: _ORDER[p]):
        if x.isalpha():
            add(x.upper(), y.upper())
    for r in _TABLE:
        if r.oneway:
            add(r.a, r.b)
    return classes


# File order of the pairs, so the classes list the closest confusions first.
_ORDER = {p: i for i, r in enumerate(_TABLE) for p in ((r.a, r.b), (r.b, r.a))}
