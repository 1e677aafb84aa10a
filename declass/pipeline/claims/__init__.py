"""Stage 6, claims: cited statements (subject, predicate, object or value, time, place, hedge).

``extract_claims(doc, sdoc)`` reads the parse that extraction already made of ``doc.clean_text``
and the mentions and relations it found, and returns :class:`~declass.model.Claim` objects, each
with a :class:`~declass.model.Citation` (document, page, paragraph, offsets into ``doc.text`` and
the sentence quoted verbatim from the clean text).

The package:

* :mod:`.context` — :class:`ClaimContext`, the per-document lookups and the one place a claim is
  recorded;
* :mod:`.args` — who a clause is about, when, where, and what a pronoun means;
* :mod:`.hedges` — how sure the source is (the hedge values are ``declass.model.Hedge``);
* :mod:`.rules` — :class:`~.rules.Rule` (a pattern and its handler, declared together),
  :class:`~.rules.Family` and :class:`~.rules.RuleSet`, which runs them over a parse;
* one module per rule family: :mod:`.roles`, :mod:`.acts`, :mod:`.authors`, :mod:`.orgs`;
* :func:`from_relations` — alias and role relations from extraction as claims.

This stage imports spaCy, an exception to "only ``pipeline/extract`` imports spaCy": it needs
``DependencyMatcher`` to find predicate triggers in the parse. It never loads a model;
extraction loads it once and hands over each parsed Doc.

A subject hidden behind a redaction box (``[ ] intelligence apparatus exist ...``) becomes
``subject="redacted"``, never the nearest named entity.
"""

from __future__ import annotations

from typing import Any

from declass.model import HEDGES, PREDICATES, Claim, Document
from declass.pipeline.claims import acts, authors, orgs, roles
from declass.pipeline.claims.args import time_of
from declass.pipeline.claims.context import ClaimContext
from declass.pipeline.claims.rules import RuleSet

__all__ = ["PREDICATES", "HEDGES", "RULES", "extract_claims", "ClaimContext"]

# Every claim rule. Within a family, rules run in the order they are declared at one trigger, so
# the first of two rules making the same claim wins; no rule of one family makes a claim another
# family's rule can make at the same trigger, so the order of the families does not matter.
RULES = RuleSet(roles.RULES, acts.RULES, authors.RULES, orgs.RULES)


def extract_claims(doc: Document, sdoc: Any) -> list[Claim]:
    """Claims of one document from its parse ``sdoc`` (over ``doc.clean_text``) and its mentions.

    Pure: reads ``doc`` and ``sdoc`` and returns new claims without modifying either. Never
    raises on noisy text; a sentence the rules cannot read yields no claims.
    """
    if not len(sdoc):
        return []
    ctx = ClaimContext(doc, sdoc)
    RULES.apply(ctx)
    from_relations(ctx)
    ctx.claims.sort(key=lambda c: (c.citation.start if c.citation else 0, c.predicate, c.id))
    return ctx.claims


def from_relations(ctx: ClaimContext) -> None:
    """Alias and role relations found by extraction become alias_of and holds_role claims when
    no rule already made the same claim."""
    by_id = {m.id: m for _, _, m in ctx.mentions}
    have = {(c.predicate, c.subject, c.object) for c in ctx.claims}
    have_roles = {(c.subject, (c.value or "").lower()) for c in ctx.claims if c.predicate == "holds_role"}
    for rel in ctx.doc.relations:
        src = by_id.get(rel.source)
        tgt = by_id.get(rel.target) if rel.target else None
        if src is None:
            continue
        cs = ctx.clean_start(src)
        span = ctx.sdoc.char_span(cs, cs + 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        trigger = span[0]
        if rel.kind == "alias" and tgt is not None and ("alias_of", src.id, tgt.id) not in have:
            ctx.add("alias_of", trigger, src, obj=tgt, value=rel.value or "alias", attrs={"from_relation": True})
        elif rel.kind == "role" and rel.value and (src.id, rel.value.lower()) not in have_roles:
            time, tattrs = time_of(ctx, trigger)
            ctx.add("holds_role", trigger, src, obj=tgt, value=rel.value, time=time, attrs={**tattrs, "from_relation": True})
