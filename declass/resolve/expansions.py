"""An acronym beside two different expansions in one document: it can stand for one of them only.

A report prints "AF" with "Air Force" and with "the Armed Forces": both spell A-F, and
``acronym_initials`` joins the acronym to each, so the two bodies became one entity through it
(jfk-corpus, main at 7f9059f: "AF", 7 mentions in one record). Two expansions of the same initials
whose names are not alike (:func:`declass.resolve.compare.name_similarity` below 0.8, the bar for
comparing names at all) are two bodies: a negative judgement between them, so the acronym joins
the one it is scored nearest to and the other stays apart. Within one document, before clusters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from declass.resolve import compare as c
from declass.resolve.nodes import Node
from declass.resolve.scoring import Verdict

# The name similarity above which two expansions may be one name printed two ways.
SAME_EXPANSION = 0.8


def distinct_expansions(nodes: Sequence[Node], scored: Sequence[tuple[int, int, Verdict]]) -> list[tuple[int, int, Verdict]]:
    """Negative judgements between the different expansions one acronym of the document was joined to."""
    targets: dict[int, list[int]] = defaultdict(list)
    for i, j, v in scored:
        if v.same and v.rule == "acronym_initials":
            acr, other = (i, j) if nodes[i].acronym else (j, i)
            targets[acr].append(other)
    out: list[tuple[int, int, Verdict]] = []
    done: set[tuple[int, int]] = set()
    for others in targets.values():
        for k, x in enumerate(others):
            for y in others[k + 1 :]:
                pair = (min(x, y), max(x, y))
                if pair in done:
                    continue
                ns = c.name_similarity(nodes[x].key, nodes[y].key)
                if ns < SAME_EXPANSION:
                    done.add(pair)
                    features = {"name_similarity": round(ns, 3), "acronym_initials": 1.0}
                    out.append((*pair, Verdict(False, 0.0, "distinct_expansions", features)))
    return out
