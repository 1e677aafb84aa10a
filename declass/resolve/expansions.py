"""An acronym beside two different expansions in one document: it can stand for one of them only.

A report prints "AF" with "Air Force" and with "the Armed Forces": both spell A-F, and
``acronym_initials`` joins the acronym to each, so the two bodies became one entity through it
(jfk-corpus, main at 7f9059f: "AF", 7 mentions in one record). Two expansions of the same initials
whose names are not alike (:func:`declass.resolve.compare.name_similarity` below 0.8, the bar for
comparing names at all) are two bodies: a negative judgement between them, so the acronym joins
the one it is scored nearest to and the other stays apart. Within one document, before clusters.

Across documents, an acronym printed alone ("DRE" in three records) joins the body another record
spells it out as ("Directorio Revolucionario Estudiantil (DRE)"), when the corpus spells it out as
one body only (:func:`known_expansion_judgements`, rule ``known_expansion``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from declass.model import Judgement
from declass.resolve import compare as c
from declass.resolve.nodes import Node, Profile
from declass.resolve.scoring import Verdict
from declass.types.names import initials

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


def expansion_keys(p: Profile) -> dict[str, set[str]]:
    """Acronym -> the name keys of the forms that spell it out in one profile ("DRE" -> the key of
    "Directorio Revolucionario Estudiantil"): a form whose initials are the acronym's letters."""
    acronyms = {n.acronym for n in p.nodes if n.acronym}
    out: dict[str, set[str]] = {}
    if not acronyms:
        return out  # nothing to spell out (and a slimmed profile's other forms keep no texts)
    for n in p.nodes:
        if n.acronym is None and n.person is None and n.crypt is None:
            letters = initials(n.text)
            if letters in acronyms:
                out.setdefault(letters, set()).add(n.key)
    return out


def known_expansion_judgements(bare: Mapping[str, Sequence[Profile]], profiles: Sequence[Profile]) -> list[Judgement]:
    """Judgements joining the profiles of a bare acronym (``bare``: acronym -> its profiles, first one
    chained to the others) to the one body the corpus spells it out as: "DRE" alone in three records,
    "Directorio Revolucionario Estudiantil (DRE)" in another. Two expansions that are not one name
    (AF: Air Force, Armed Forces) leave the bare acronym alone: nothing says which it means."""
    spelled: dict[str, list[tuple[Profile, set[str]]]] = defaultdict(list)
    for p in profiles:
        if p.type == "ORG" and len(p.nodes) > 1:
            for acr, keys in expansion_keys(p).items():
                if acr in bare:
                    spelled[acr].append((p, keys))
    out: list[Judgement] = []
    for acr, found in spelled.items():
        first_keys = sorted(found[0][1])
        one_body = all(any(c.name_similarity(k, f) >= SAME_EXPANSION for k in keys for f in first_keys) for _, keys in found[1:])
        members = bare[acr]
        target = found[0][0]
        if not one_body or not members or any(m is target for m in members):
            continue
        ev: dict[str, Any] = {
            "features": {"known_expansion": c.known_expansion(1)},
            "docs": sorted({members[0].doc, target.doc}),
            "forms": [members[0].best.text, target.best.text],
            "expansion": first_keys[0],
        }
        out.append(Judgement(members[0].anchor, target.anchor, True, 0.9, "known_expansion", ev))
    return out
