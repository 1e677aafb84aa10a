"""Score one candidate pair of nodes from the features in :mod:`declass.resolve.compare`.

The result is a verdict (same / different / unsure), a score in [0, 1], the rule that decided and
the feature values, which become the judgement's evidence. The weights are few and explicit so a
user can follow the arithmetic; the thresholds that turn scores into merges live in
:class:`ResolveConfig` and are tuned by ``declass eval resolve``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from declass.resolve import compare as c
from declass.resolve.nodes import Node
from declass.types.names import initials


@dataclass(frozen=True, slots=True)
class ResolveConfig:
    """Thresholds: a score at or above ``same_doc``/``cross_doc`` merges; above ``unsure`` is kept as a doubt."""

    same_doc: float = 0.6
    cross_doc: float = 0.75
    unsure: float = 0.4
    max_block: int = 24
    window: int = 8


DEFAULT_CONFIG = ResolveConfig()


@dataclass(slots=True)
class Verdict:
    """The outcome of comparing two nodes."""

    same: bool | None
    score: float
    rule: str
    features: dict[str, float]


def _round(features: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in features.items()}


def score_person(a: Node, b: Node, *, same_doc: bool, context: float) -> Verdict | None:
    """Compare two person nodes: surname, given name, middle initials, context."""
    pa, pb = a.person, b.person
    if pa is None or pb is None or not pa.surname or not pb.surname:
        return None
    sn = c.surname_similarity(pa, pb)
    if sn < 0.8:
        return None
    f = {"surname_similarity": sn}
    if c.gender_conflict(pa, pb):
        return Verdict(False, 0.0, "gender_conflict", _round({**f, "gender_conflict": 1.0}))
    g = c.given_agreement(pa, pb)
    f["given_agreement"] = g
    if g == 0.0:
        return Verdict(False, 0.0, "given_conflict", _round(f))
    short = c.short_form(pa, pb)
    if short:
        f["short_form"] = short
    if same_doc:
        f["same_document"] = 1.0
        score = sn * (0.95 if g == 0.5 else g)
    else:
        f["shared_context"] = context
        score = sn * (0.55 + 0.45 * context) if g == 0.5 else sn * g * (0.85 + 0.15 * context)
    rule = "short_form" if short else ("same_name" if sn == 1.0 and g == 1.0 else "name_variant")
    if short and (c.feminine_full_name(pa, pb) or c.feminine_full_name(pb, pa)):
        # "DEDKOV" beside "Vilasa Nikolayevna DEDKOV": as likely her husband; a doubt, never a merge.
        f["feminine_full_name"] = 1.0
        return Verdict(None, round(score * 0.6, 3), "feminine_full_name", _round(f))
    if c.middle_conflict(pa, pb):
        f["middle_conflict"] = 1.0
        return Verdict(None, round(score * 0.6, 3), "middle_conflict", _round(f))
    return Verdict(True, round(score, 3), rule, _round(f))


def _protected(node: Node) -> bool:
    """A known body, or an acronym defined in the text as itself, keeps its own form."""
    return node.body is not None or (node.defined is not None and node.defined == node.acronym)


def score_org(a: Node, b: Node, *, same_doc: bool, context: float) -> Verdict | None:
    """Compare two organisation or place nodes: gazetteer, acronyms, folded names."""
    if a.key == b.key:
        return Verdict(True, 1.0, "same_name", {"name_similarity": 1.0})
    if a.exact_only or b.exact_only:
        return None
    if a.body is not None and b.body is not None:
        if a.body == b.body:
            return Verdict(True, 1.0, "known_same", {"known_same": 1.0})
        return Verdict(False, 0.0, "known_distinct", {"known_distinct": 1.0})
    if a.acronym and b.acronym:
        if not same_doc:
            return None
        var, dom = (a, b) if (a.count, b.anchor) < (b.count, a.anchor) else (b, a)
        if var.defined and dom.defined and var.defined != dom.defined:
            return Verdict(False, 0.0, "defined_distinct", {"acronym_initials": 0.0})
        if _protected(var):
            return None
        supports = var.defined is not None and var.defined == dom.acronym  # "MTS (Natsionalno-Trudovoi Soyuz)"
        if dom.count < 2 * var.count and not supports:
            return None
        av = c.acronym_variant(var.acronym or "", dom.acronym or "")
        if av < 0.6:
            return None
        f = {"acronym_variant": av, "same_document": 1.0}
        score = 0.5 + 0.45 * av
        if supports:
            f["acronym_initials"] = 1.0
            score = max(score, 0.95)
        return Verdict(True, round(score, 3), "acronym_variant", _round(f))
    if a.acronym or b.acronym:
        acr, other = (a, b) if a.acronym else (b, a)
        if same_doc and c.acronym_initials(acr.acronym or "", initials(other.text)):
            return Verdict(True, 0.75, "acronym_initials", {"acronym_initials": 1.0, "same_document": 1.0})
        return None
    if c.same_country_form(a.key, b.key) or c.same_country_form(b.key, a.key):
        return Verdict(True, 0.95, "country_form", {"same_country_form": 1.0})
    ns = c.name_similarity(a.key, b.key)
    if ns < 0.8:
        return None
    if c.letter_qualifier(a.text, b.text):
        # "SR Division" / "ER Division": the letters are the name; OCR damage is in the shared word.
        return Verdict(False, 0.0, "letter_qualifier", {"name_similarity": round(ns, 3), "letter_qualifier": 1.0})
    if c.different_word(a.key, b.key):
        # A negative judgement, so that a damaged form between them ("Eest Germany") joins one only.
        return Verdict(False, 0.0, "different_word", {"name_similarity": round(ns, 3), "different_word": 1.0})
    f = {"name_similarity": ns}
    if same_doc:
        f["same_document"] = 1.0
        return Verdict(True, round(ns, 3), "name_variant", _round(f))
    f["shared_context"] = context
    return Verdict(True, round(ns * (0.9 + 0.1 * context), 3), "name_variant", _round(f))


def score_cryptonym(a: Node, b: Node) -> Verdict | None:
    """Compare two cryptonym nodes: the word may be OCR-damaged, the agent number must be equal."""
    if a.crypt is None or b.crypt is None:
        return None
    word = c.cryptonym_word(a.crypt, b.crypt)
    if word < 0.9:
        return None
    f = {"cryptonym_word": word}
    if c.agent_conflict(a.crypt, b.crypt):
        return Verdict(False, 0.0, "agent_conflict", _round({**f, "agent_conflict": 1.0}))
    return Verdict(True, round(word, 3), "same_name" if word == 1.0 else "name_variant", _round(f))


def score_nodes(
    a: Node, b: Node, *, same_doc: bool, context: Collection[str] = (), other: Collection[str] = ()
) -> Verdict | None:
    """Compare two nodes of one type; ``context``/``other``: what else each one's document mentions."""
    if a.type != b.type:
        return None
    if a.exact_only or b.exact_only:
        return score_cryptonym(a, b)
    ctx = 0.0 if same_doc else c.shared_context(context, other)
    if a.type == "PERSON":
        return score_person(a, b, same_doc=same_doc, context=ctx)
    return score_org(a, b, same_doc=same_doc, context=ctx)
