"""Claim rules about organisations and places: founding, renaming, merging, structure and
location (founded, succeeded, renamed, merged_into, part_of, subordinate_to, located_in,
resides_in).

Rules of the ``orgs`` family (:mod:`declass.pipeline.claims.rules`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from declass.model import Mention
from declass.pipeline.claims.args import (
    PLACES,
    add_all,
    agent_of,
    child,
    conjuncts,
    np_mention,
    object_refs,
    only_mentions,
    phrase,
    place_in,
    pobj,
    subject_refs,
    subject_tokens,
)
from declass.pipeline.claims.rules import Family, anchor, with_child

if TYPE_CHECKING:
    from declass.pipeline.claims.context import ClaimContext


UNIT_NOUNS = [
    "directorate",
    "department",
    "section",
    "division",
    "branch",
    "committee",
    "headquarters",
    "rezidentura",
    "staff",
    "bureau",
    "administration",
    "service",
    "directorates",
]

RULES = Family("orgs")


@RULES.rule("grow_out", with_child({"LEMMA": "grow"}, ">", {"LOWER": "out"}))
def h_grow_out(ctx: ClaimContext, verb: Any) -> None:
    """ "the NTS grew out of the NSM" -> succeeded(NTS, NSM)."""
    out = child(verb, "prep", "prt", lower=("out",))
    src = pobj(out, "of") if out is not None else None
    add_all(
        ctx,
        "succeeded",
        verb,
        subject_refs(ctx, verb, ("ORG", "ACRONYM")),
        only_mentions(object_refs(ctx, src, ("ORG", "ACRONYM"))) or None,
    )


@RULES.rule("found", anchor({"LEMMA": {"IN": ["found", "establish", "create"]}, "POS": "VERB"}))
def h_found(ctx: ClaimContext, verb: Any) -> None:
    """ "the NSM, which was founded in 1924-25 in Pernik, Bulgaria" -> founded(NSM)."""
    if verb.lemma_ == "create" and not verb.tag_ == "VBN":
        return
    dobj = child(verb, "dobj")
    if dobj is not None:
        orgs, founders = object_refs(ctx, dobj, ("ORG", "ACRONYM")), subject_refs(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    else:
        orgs = subject_refs(ctx, verb, ("ORG", "ACRONYM"))
        by = agent_of(verb)
        founders = object_refs(ctx, by) if by is not None else []
    add_all(
        ctx,
        "founded",
        verb,
        orgs,
        only_mentions(founders) or None,
        place=place_in(ctx, verb, *(g for g in verb.subtree if g.dep_ == "pobj")),
    )


@RULES.rule("become", anchor({"LEMMA": {"IN": ["become", "rename"]}, "POS": {"IN": ["VERB", "AUX"]}}))
def h_become(ctx: ClaimContext, verb: Any) -> None:
    """ "In 1946, when the NKGB became the MGB" -> renamed(NKGB, MGB)."""
    new_tok = child(verb, "attr", "oprd", "dobj")
    if new_tok is None:
        return
    olds = [s for s in subject_refs(ctx, verb, ("ORG", "ACRONYM")) if isinstance(s, Mention)]
    if verb.lemma_ == "rename" and child(verb, "dobj") is not None:
        olds = only_mentions(object_refs(ctx, child(verb, "dobj"), ("ORG", "ACRONYM")))
        new_tok = child(verb, "oprd") or pobj(verb, "as", "to")
    new = np_mention(ctx, new_tok, ("ORG", "ACRONYM")) if new_tok is not None else None
    if new is not None:
        add_all(ctx, "renamed", verb, olds, [new])


@RULES.rule("merger", anchor({"LOWER": {"IN": ["merger", "merging", "amalgamation"]}}))
def h_merger(ctx: ClaimContext, noun: Any) -> None:
    """ "the merger of the MVD and MGB in 1953" -> merged_into(MGB, MVD): the body named first
    absorbs the others, as CIA reports word it ("merger of the MVD and MGB")."""
    of = pobj(noun, "of")
    if of is None:
        return
    parts = [m for t in conjuncts(of) if (m := np_mention(ctx, t, ("ORG", "ACRONYM"))) is not None]
    if len(parts) >= 2:
        add_all(ctx, "merged_into", noun, parts[1:], [parts[0]], attrs={"reading": "merger of A and B: B merged into A"})


@RULES.rule("merge", anchor({"LEMMA": "merge", "POS": "VERB"}))
def h_merge(ctx: ClaimContext, verb: Any) -> None:
    into = pobj(verb, "into", "with")
    target = only_mentions(object_refs(ctx, into, ("ORG", "ACRONYM")))
    add_all(ctx, "merged_into", verb, subject_refs(ctx, verb, ("ORG", "ACRONYM")), target or None) if target else None


@RULES.rule("unit_of", with_child({"LOWER": {"IN": UNIT_NOUNS}}, ">", {"LOWER": "of", "DEP": "prep"}))
def h_unit_of(ctx: ClaimContext, unit: Any) -> None:
    """ "the Foreign Directorate of the Central Committee" -> part_of."""
    part = ctx.mention_at(unit, ("ORG", "ACRONYM"))
    whole_tok = pobj(unit, "of")
    whole = np_mention(ctx, whole_tok, ("ORG", "ACRONYM")) if whole_tok is not None else None
    if part is None or whole is None or part.id == whole.id:
        return
    add_all(ctx, "part_of", unit, [part], [whole])


@RULES.rule("subordinate", anchor({"LOWER": {"IN": ["subordinate", "subordinated", "affiliate", "branch"]}}))
def h_subordinate(ctx: ClaimContext, tok: Any) -> None:
    """ "X is subordinate to Y", "NTS in Venezuela, an affiliate of the international organization"."""
    if tok.lower_.startswith("subordinat"):
        target = pobj(tok, "to")
        subjects = subject_refs(ctx, tok.head if tok.dep_ in ("acomp", "attr") else tok, ("ORG", "ACRONYM"))
        add_all(ctx, "subordinate_to", tok, subjects, only_mentions(object_refs(ctx, target, ("ORG", "ACRONYM"))) or None)
        return
    whole = only_mentions(object_refs(ctx, pobj(tok, "of"), ("ORG", "ACRONYM")))
    part = np_mention(ctx, tok.head, ("ORG", "ACRONYM")) if tok.dep_ == "appos" else None
    if part is not None and whole:
        add_all(ctx, "part_of", tok, [part], whole)


@RULES.rule("in_place", with_child({"POS": {"IN": ["PROPN", "NOUN"]}}, ">", {"LOWER": "in", "DEP": "prep"}))
def h_in_place(ctx: ClaimContext, noun: Any) -> None:
    """ "NTS in Venezuela", "MTC headquarters in Caracas" -> located_in."""
    org = ctx.mention_at(noun, ("ORG", "ACRONYM"))
    if org is None and noun.lower_ in UNIT_NOUNS:
        org = np_mention(ctx, noun, ("ORG", "ACRONYM"))
    place_tok = pobj(noun, "in")
    place = np_mention(ctx, place_tok, PLACES) if place_tok is not None else None
    if org is None or place is None:
        return
    add_all(ctx, "located_in", noun, [org], [place], time=None)


@RULES.rule("reside", anchor({"LEMMA": {"IN": ["live", "reside", "settle"]}, "POS": "VERB"}))
def h_reside(ctx: ClaimContext, verb: Any) -> None:
    place = place_in(ctx, verb)
    if place is not None:
        add_all(ctx, "resides_in", verb, only_mentions(subject_refs(ctx, verb, ("PERSON",))), [place])


@RULES.rule("exist", anchor({"LEMMA": {"IN": ["exist", "operate"]}, "POS": "VERB"}))
def h_exist(ctx: ClaimContext, verb: Any) -> None:
    """ "[ ] intelligence apparatus exist within foreign Communist parties" -> located_in, with a
    redacted subject when the name of what exists was withheld."""
    where = pobj(verb, "within", "in", "inside")
    if where is None:
        return
    place = np_mention(ctx, where, ("LOC", "ORG", "ACRONYM"))
    subjects = subject_refs(ctx, verb)
    if not subjects:
        return
    value = None if place else phrase(where)
    subj_tok = subject_tokens(verb)
    attrs = {"what": phrase(subj_tok[0])} if subj_tok else {}
    add_all(ctx, "located_in", verb, subjects, [place] if place else None, value=value, attrs=attrs)
