"""The claim rules: ``DependencyMatcher`` patterns that find a predicate's trigger word, and one
handler per pattern that reads the trigger's arguments from the parse.

A pattern only anchors a rule (a lemma in a syntactic position); the handler decides, with the
document's mentions, whether there is a claim and who it is about. A handler that cannot find a
named subject makes no claim: precision matters more than recall for a cited dossier.

The handlers live in one module per predicate family: :mod:`~declass.pipeline.claim_roles`
(roles and membership), :mod:`~declass.pipeline.claim_acts` (acts between parties),
:mod:`~declass.pipeline.claim_authors` (writings and aliases) and
:mod:`~declass.pipeline.claim_orgs` (organisations and places). The order of :data:`PATTERNS` is
the order rules run at one trigger, so the first of two rules making the same claim wins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.matcher import DependencyMatcher

from declass.pipeline import claim_acts, claim_authors, claim_orgs, claim_roles
from declass.pipeline.claim_acts import CONTACT_VERBS
from declass.pipeline.claim_args import time_of
from declass.pipeline.claim_orgs import UNIT_NOUNS
from declass.pipeline.claim_roles import MEMBER_NOUNS, ROLE_NOUNS

if TYPE_CHECKING:
    from declass.pipeline.claims import ClaimContext

PAY_VERBS = ["pay", "give", "turn", "hand", "transfer", "send", "subsidize", "fund", "finance", "allocate", "provide"]
LIST_VERBS = ["compose", "include", "consist", "comprise"]


def _anchor(attrs: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"RIGHT_ID": "t", "RIGHT_ATTRS": attrs}]


def _with_child(attrs: dict[str, Any], rel: str, child_attrs: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"RIGHT_ID": "t", "RIGHT_ATTRS": attrs},
        {"LEFT_ID": "t", "REL_OP": rel, "RIGHT_ID": "c", "RIGHT_ATTRS": child_attrs},
    ]


PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "copula": [_with_child({"LEMMA": "be"}, ">", {"DEP": {"IN": ["attr", "acomp"]}, "POS": {"IN": ["NOUN", "PROPN", "ADJ"]}})],
    "appos_role": [_anchor({"DEP": "appos", "LOWER": {"IN": ROLE_NOUNS + MEMBER_NOUNS}})],
    "made_role": [_with_child({"LEMMA": {"IN": ["make", "appoint", "name", "elect"]}}, ">", {"DEP": "oprd"})],
    "position": [
        _anchor(
            {
                "LOWER": {"IN": ["position", "post", "duties", "office", "job", "title"]},
                "DEP": {"IN": ["dobj", "pobj", "nsubjpass"]},
            }
        )
    ],
    "replace": [_anchor({"LEMMA": {"IN": ["replace", "supersede", "succeed"]}, "POS": "VERB"})],
    "grow_out": [_with_child({"LEMMA": "grow"}, ">", {"LOWER": "out"})],
    "remove": [_anchor({"LEMMA": {"IN": ["remove", "dismiss", "expel", "oust", "fire", "relieve"]}, "POS": "VERB"})],
    "removal": [_anchor({"LOWER": {"IN": ["removal", "dismissal", "expulsion", "ouster"]}})],
    "recommendation": [_anchor({"LOWER": {"IN": ["recommendation", "recommendations"]}})],
    "recommend": [_anchor({"LEMMA": "recommend", "POS": "VERB"})],
    "recruit": [_anchor({"LEMMA": "recruit", "POS": "VERB"})],
    "pay": [_anchor({"LEMMA": {"IN": PAY_VERBS}, "POS": "VERB"})],
    "receive": [_anchor({"LEMMA": "receive", "POS": "VERB"})],
    "threaten": [_anchor({"LEMMA": "threaten", "POS": "VERB"})],
    "threat": [_anchor({"LOWER": {"IN": ["threat", "threats"]}, "DEP": "dobj"})],
    "cooperate": [_anchor({"LEMMA": {"IN": ["cooperate", "collaborate", "co-operate"]}})],
    "act_orders": [_with_child({"LEMMA": "act"}, ">", {"LOWER": "on"})],
    "suspect": [_anchor({"LEMMA": "suspect", "POS": "VERB"})],
    "author": [_anchor({"LOWER": {"IN": ["author", "writer"]}})],
    "write": [_anchor({"LEMMA": {"IN": ["write", "author", "publish"]}, "POS": "VERB"})],
    "pseudonym": [_anchor({"LOWER": {"IN": ["pseudonym", "alias", "nickname", "pen-name", "cryptonym"]}})],
    "contact": [_anchor({"LEMMA": {"IN": list(CONTACT_VERBS)}, "POS": "VERB"})],
    "found": [_anchor({"LEMMA": {"IN": ["found", "establish", "create"]}, "POS": "VERB"})],
    "become": [_anchor({"LEMMA": {"IN": ["become", "rename"]}, "POS": {"IN": ["VERB", "AUX"]}})],
    "merger": [_anchor({"LOWER": {"IN": ["merger", "merging", "amalgamation"]}})],
    "merge": [_anchor({"LEMMA": "merge", "POS": "VERB"})],
    "unit_of": [_with_child({"LOWER": {"IN": UNIT_NOUNS}}, ">", {"LOWER": "of", "DEP": "prep"})],
    "subordinate": [_anchor({"LOWER": {"IN": ["subordinate", "subordinated", "affiliate", "branch"]}})],
    "in_place": [_with_child({"POS": {"IN": ["PROPN", "NOUN"]}}, ">", {"LOWER": "in", "DEP": "prep"})],
    "reside": [_anchor({"LEMMA": {"IN": ["live", "reside", "settle"]}, "POS": "VERB"})],
    "exist": [_anchor({"LEMMA": {"IN": ["exist", "operate"]}, "POS": "VERB"})],
    "member_as": [_anchor({"LOWER": {"IN": MEMBER_NOUNS}, "DEP": "pobj"})],
    "liaison": [_anchor({"LOWER": "liaison"})],
    # No POS constraint: the tagger reads "include:" before a list of names as a noun.
    "list": [_anchor({"LEMMA": {"IN": LIST_VERBS}}), _anchor({"LOWER": {"IN": ["include", "includes", "included"]}})],
}

_MATCHERS: dict[int, DependencyMatcher] = {}


def _matcher(vocab: Any) -> DependencyMatcher:
    """One matcher per vocabulary, built on first use (workers build their own)."""
    key = id(vocab)
    if key not in _MATCHERS:
        matcher = DependencyMatcher(vocab)
        for name, patterns in PATTERNS.items():
            matcher.add(name, patterns)
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def apply(ctx: ClaimContext) -> None:
    """Run every rule over the parse, in text order."""
    sdoc = ctx.sdoc
    matches = _matcher(sdoc.vocab)(sdoc)
    seen: set[tuple[str, int]] = set()
    for match_id, token_ids in sorted(matches, key=lambda m: m[1][0]):
        name = sdoc.vocab.strings[match_id]
        trigger = sdoc[token_ids[0]]
        if (name, trigger.i) in seen:
            continue
        seen.add((name, trigger.i))
        HANDLERS[name](ctx, trigger)


HANDLERS: dict[str, Callable[[ClaimContext, Any], None]] = {
    **claim_roles.HANDLERS,
    **claim_acts.HANDLERS,
    **claim_authors.HANDLERS,
    **claim_orgs.HANDLERS,
}


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
