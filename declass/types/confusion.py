"""OCR-confusion-weighted edit distance, and the skeleton key that blocking builds on it.

A typewriter scan confuses letters of similar shape: N/M/H/W/II, B/D/8, C/G/E, rn/m, cl/d, li/h,
l/1/I, O/0, S/5, e/c. Substituting one of those costs less than an arbitrary edit, so
"Baidalakov"/"Daidalakov" are closer than "Baidalakov"/"Kaidalakov". Inputs are lower case
(callers pass :func:`declass.types.names.fold` output or lowered acronyms).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# (a, b, cost): single-character confusions; symmetric.
_PAIRS = [
    ("n", "m", 0.3),
    ("n", "h", 0.3),
    ("m", "h", 0.4),
    ("n", "w", 0.4),
    ("m", "w", 0.4),
    ("h", "w", 0.5),
    ("n", "u", 0.5),
    ("b", "d", 0.3),
    ("b", "8", 0.2),
    ("d", "8", 0.3),
    ("c", "g", 0.3),
    ("c", "e", 0.3),
    ("g", "e", 0.4),
    ("l", "1", 0.2),
    ("l", "i", 0.2),
    ("1", "i", 0.2),
    ("o", "0", 0.2),
    ("s", "5", 0.2),
    ("s", "f", 0.4),
    ("a", "o", 0.5),
    ("a", "c", 0.5),
    ("a", "e", 0.5),
    ("o", "c", 0.5),
    ("e", "o", 0.5),
    ("l", "t", 0.5),
    ("i", "t", 0.5),
    ("r", "n", 0.5),
    ("u", "v", 0.4),
    ("y", "v", 0.5),
]
# (a, b, cost): a multi-character run printed as another (either way round).
_MULTI = [
    ("rn", "m", 0.3),
    ("cl", "d", 0.3),
    ("li", "h", 0.3),
    ("ii", "n", 0.3),
    ("in", "m", 0.4),
    ("vv", "w", 0.3),
    ("ri", "n", 0.4),
]

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


_SKELETON_MULTI = [("rn", "m"), ("cl", "d"), ("li", "h"), ("ii", "n"), ("vv", "w")]
_SKELETON_CLASS = str.maketrans(
    {"m": "n", "h": "n", "w": "n", "d": "b", "8": "b", "g": "c", "1": "l", "0": "o", "5": "s", "f": "s", "t": "l"}
)
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
