"""Relations found by extraction as claims: an alias relation becomes ``alias_of``, a role relation
``holds_role``, when no rule already made the same claim from the parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from declass.pipeline.claims.args import time_of

if TYPE_CHECKING:
    from declass.pipeline.claims.context import ClaimContext


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
