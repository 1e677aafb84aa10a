"""Claim rules about writings and the names behind them (authored, alias_of).

Rules of the ``authors`` family (:mod:`declass.pipeline.claims.rules`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from declass.model import Mention
from declass.pipeline.claims.args import (
    add_all,
    child,
    np_mention,
    only_mentions,
    phrase,
    pobj,
    refs,
    subject_refs,
)
from declass.pipeline.claims.rules import Family, anchor

if TYPE_CHECKING:
    from declass.pipeline.claims.context import ClaimContext


RULES = Family("authors")


def _antecedent_phrase(ctx: ClaimContext, tok: Any) -> str | None:
    """ "them"/"these articles" -> the subject noun phrase of the previous sentence."""
    sent = tok.sent
    if sent.start == 0:
        return None
    prev = ctx.sdoc[sent.start - 1].sent
    for t in prev:
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN"):
            return " ".join(x.text for x in t.subtree if x.i < t.i + 6).strip(" ,")
    return None


def _pseudonym_in(ctx: ClaimContext, sent: Any) -> Mention | None:
    for t in sent:
        if t.lower_ in ("pseudonym", "alias", "nickname"):
            p = pobj(t, "of") or child(t, "appos")
            if p is not None:
                return np_mention(ctx, p, ("PERSON", "ORG"))
    return None


@RULES.rule("author", anchor({"LOWER": {"IN": ["author", "writer"]}}))
def h_author(ctx: ClaimContext, noun: Any) -> None:
    """ "the author of them was Kandourov, writing under his pseudonym of Aleksei Privalov"."""
    # "the author of them was Kandourov": the copula may hang off the sentence, not off "author".
    sent = noun.sent
    be = next((t for t in sent if t.lemma_ == "be" and noun.i < t.i <= noun.right_edge.i + 2), None)
    if be is None and noun.dep_ == "attr":
        be = noun.head
    if be is None:
        return
    attr = child(be, "attr", "nsubj")
    authors = only_mentions(refs(ctx, attr, ("PERSON",))) if attr is not None and attr is not noun else []
    if not authors:
        authors = only_mentions(subject_refs(ctx, be, ("PERSON",)))
    of = pobj(noun, "of")
    work = None
    if of is not None:
        work = _antecedent_phrase(ctx, noun) if of.lower_ in ("them", "it", "these", "this") else phrase(of)
    pseud = _pseudonym_in(ctx, noun.sent)
    attrs = {"pseudonym": pseud.id, "pseudonym_text": pseud.text} if pseud is not None else {}
    add_all(ctx, "authored", noun, authors, None, value=work, attrs=attrs)


@RULES.rule("write", anchor({"LEMMA": {"IN": ["write", "author", "publish"]}, "POS": "VERB"}))
def h_write(ctx: ClaimContext, verb: Any) -> None:
    """ "X wrote articles", "writing under his pseudonym of Y" (the pseudonym is an alias_of)."""
    dobj = child(verb, "dobj")
    if dobj is None:
        return
    add_all(ctx, "authored", verb, only_mentions(subject_refs(ctx, verb, ("PERSON", "ORG"))), None, value=phrase(dobj))


@RULES.rule("pseudonym", anchor({"LOWER": {"IN": ["pseudonym", "alias", "nickname", "pen-name", "cryptonym"]}}))
def h_pseudonym(ctx: ClaimContext, noun: Any) -> None:
    """ "his pseudonym of Aleksei Privalov" -> alias_of(Kandourov, Aleksei Privalov)."""
    name_tok = pobj(noun, "of") or child(noun, "appos")
    alias = np_mention(ctx, name_tok, ("PERSON", "ORG", "CRYPTONYM")) if name_tok is not None else None
    if alias is None:
        return
    owner = child(noun, "poss")
    persons = only_mentions(refs(ctx, owner, ("PERSON",))) if owner is not None else []
    if not persons:
        persons = ctx.mentions_in(noun.sent.start_char, noun.idx, ("PERSON",))[-1:]
    add_all(ctx, "alias_of", noun, [p for p in persons if p.id != alias.id], [alias], value=noun.lower_)
