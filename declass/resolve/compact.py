"""Judgements and clusters over compact integer ids: what bounded resolution keeps for the corpus.

:func:`declass.resolve.clusters.assemble` holds a :class:`~declass.model.Judgement` per decision
(ids, evidence dict, ~400 bytes) and a union-find keyed by mention id strings. Bounded resolution
(:mod:`declass.resolve.streaming`) keeps instead, for the whole corpus:

* :class:`JudgementLog`: per judgement its two mentions as integers (the mention's position in
  the stream of resolvable mentions), its verdict, score and rule: 19 bytes in arrays. Only what
  entities show is kept in full: the forms of a doubt (``same=None``) and an alias's evidence.
* :class:`IntUnionFind`: parent and size arrays (8 bytes a mention) and cannot-links between roots.

:func:`assemble_compact` applies the rules of ``assemble`` in the same order (overrides, then
cannot-links, then positives best score first, ties in judgement order), so the components and
the accepted judgements are the same.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any

from declass.model import Judgement
from declass.resolve.clusters import forbid_roots, move_cannot, override_judgements

SAME = {True: 1, False: 0, None: -1}
VERDICT = {1: True, 0: False, -1: None}


class IntUnionFind:
    """Disjoint sets over ``0..n-1`` with cannot-links between sets (see ``clusters.UnionFind``)."""

    def __init__(self, n: int = 0) -> None:
        self.parent = array("i", range(n))
        self.size = array("i", [1]) * n
        self.cannot: dict[int, set[int]] = {}

    def __len__(self) -> int:
        return len(self.parent)

    def add(self) -> int:
        """A new singleton set; its id."""
        self.parent.append(len(self.parent))
        self.size.append(1)
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def forbid(self, a: int, b: int) -> None:
        """Keep the sets of a and b apart from now on (no effect if already joined)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            forbid_roots(self.cannot, ra, rb)

    def union(self, a: int, b: int, *, force: bool = False) -> bool:
        """Join the sets of a and b; refused (False) when a cannot-link separates them, unless forced."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and rb in self.cannot.get(ra, ()):
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        move_cannot(self.cannot, ra, rb)
        return True


class JudgementLog:
    """Automatic judgements in arrays, in the order resolution made them."""

    def __init__(self) -> None:
        self.left = array("i")
        self.right = array("i")
        self.same = array("b")
        self.score = array("d")
        self.rule = array("H")
        self.rules: list[str] = []
        self._rule_ids: dict[str, int] = {}
        self.forms: dict[int, Any] = {}  # doubts: the forms they compare (shown on the entity)
        self.alias: dict[int, dict[str, Any]] = {}  # positive alias links: their evidence

    def __len__(self) -> int:
        return len(self.left)

    def append(self, j: Judgement, left: int, right: int) -> None:
        """Log one judgement whose mentions have the integer ids ``left`` and ``right``."""
        k = len(self.left)
        self.left.append(left)
        self.right.append(right)
        self.same.append(SAME[j.same])
        self.score.append(j.score)
        rid = self._rule_ids.get(j.rule)
        if rid is None:
            rid = self._rule_ids[j.rule] = len(self.rules)
            self.rules.append(j.rule)
        self.rule.append(rid)
        if j.same is None:
            self.forms[k] = j.evidence.get("forms")
        elif j.same and j.rule == "alias":
            self.alias[k] = j.evidence

    def extend(self, other: JudgementLog) -> None:
        """Append another log's judgements after these (their order kept)."""
        base = len(self.left)
        for rule in other.rules:
            if rule not in self._rule_ids:
                self._rule_ids[rule] = len(self.rules)
                self.rules.append(rule)
        remap = [self._rule_ids[r] for r in other.rules]
        self.left.extend(other.left)
        self.right.extend(other.right)
        self.same.extend(other.same)
        self.score.extend(other.score)
        self.rule.extend(array("H", (remap[r] for r in other.rule)))
        self.forms.update((base + k, v) for k, v in other.forms.items())
        self.alias.update((base + k, v) for k, v in other.alias.items())

    def judgement(self, k: int, ids: Callable[[int], str]) -> Judgement:
        """Judgement ``k`` again, with what entity building reads of it (ids, verdict, score, rule,
        the forms of a doubt, an alias's evidence)."""
        same = VERDICT[self.same[k]]
        evidence = self.alias.get(k, {}) if same else {"forms": self.forms.get(k)} if same is None else {}
        return Judgement(ids(self.left[k]), ids(self.right[k]), same, self.score[k], self.rules[self.rule[k]], evidence)

    def nbytes(self) -> int:
        """Bytes of the arrays (the side dictionaries of doubts and aliases not counted)."""
        return sum(a.itemsize * len(a) for a in (self.left, self.right, self.same, self.score, self.rule))


def assemble_compact(
    uf: IntUnionFind, log: JudgementLog, overrides: Sequence[dict[str, Any]], index: Callable[[str], int]
) -> array[int]:
    """Union-find from overrides and logged judgements, as ``clusters.assemble`` does; returns the
    indexes of the accepted positives, in the order they were accepted. ``index`` gives a mention
    id's integer (a new set for an id resolution did not see, as ``assemble`` adds it)."""
    for j in override_judgements(overrides):
        if j.same:
            uf.union(index(j.left), index(j.right), force=True)
        elif j.same is False:
            uf.forbid(index(j.left), index(j.right))
    same, left, right = log.same, log.left, log.right
    positives = []
    for k in range(len(log)):
        if same[k] == 0:
            uf.forbid(left[k], right[k])
        elif same[k] == 1:
            positives.append(k)
    # Best score first, ties in judgement order (a stable sort): assemble's order for automatic judgements.
    positives.sort(key=log.score.__getitem__, reverse=True)
    accepted = array("i")
    for k in positives:
        if uf.union(left[k], right[k]):
            accepted.append(k)
    return accepted
