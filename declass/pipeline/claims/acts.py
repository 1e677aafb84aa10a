"""Claim rules about acts between parties: recommending, recruiting, paying, threatening,
cooperating, meeting and liaison (recommended, recruited, paid, received, threatened,
cooperates_with, agent_of when suspected, met, contacted, liaison_with).

Rules of the ``acts`` family (:mod:`declass.pipeline.claims.rules`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from declass.pipeline.claims.args import (
    AGENTS,
    Ref,
    add_all,
    agent_of,
    child,
    np_mention,
    object_mention,
    object_refs,
    only_mentions,
    org_of,
    phrase,
    place_in,
    pobj,
    refs,
    subject_refs,
    subject_tokens,
    time_of,
)
from declass.pipeline.claims.rules import Family, anchor, with_child

if TYPE_CHECKING:
    from declass.pipeline.claims.context import ClaimContext


MONEY_WORDS = {"money", "funds", "subsidy", "subsidies", "payment", "payments", "sum"}


CONTACT_VERBS = {"meet": "met", "contact": "contacted", "approach": "contacted", "visit": "contacted"}
PAY_VERBS = ["pay", "give", "turn", "hand", "transfer", "send", "subsidize", "fund", "finance", "allocate", "provide"]

RULES = Family("acts")


@RULES.rule("recommendation", anchor({"LOWER": {"IN": ["recommendation", "recommendations"]}}))
def h_recommendation(ctx: ClaimContext, noun: Any) -> None:
    """ "upon the recommendation of Tretyakov, Belik's [removal] was [ordered]" -> recommended."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("upon", "on", "at", "following", "after", "by"):
        return  # "the recommendations of X are a weighty factor" states no act of recommending
    recommenders = only_mentions(
        object_refs(ctx, pobj(noun, "of"), ("PERSON", "ORG", "ACRONYM")) or object_refs(ctx, child(noun, "poss"))
    )
    clause = noun.head.head
    if not recommenders or clause is None:
        return
    targets: list[Ref] = []
    for s in subject_tokens(clause):
        found = refs(ctx, s, ("PERSON",))
        targets.extend(found or [m for t in s.subtree if (m := ctx.mention_at(t, ("PERSON",))) is not None])
    names = {r.text for r in recommenders}
    targets = [t for t in only_mentions(targets) if t.text not in names]
    skip = {t.i for t in noun.head.subtree} if noun.dep_ == "pobj" else {t.i for t in noun.subtree}
    skip |= {t.i for c in clause.children if c.dep_ in ("advmod", "punct") for t in c.subtree}
    what = " ".join(t.text for t in clause.subtree if t.i not in skip).replace(" 's", "'s").strip(" ,.")
    add_all(ctx, "recommended", noun, recommenders, targets or None, value=what[:200] or None, attrs={"action": clause.lemma_})


@RULES.rule("recommend", anchor({"LEMMA": "recommend", "POS": "VERB"}))
def h_recommend(ctx: ClaimContext, verb: Any) -> None:
    add_all(ctx, "recommended", verb, subject_refs(ctx, verb), only_mentions(object_refs(ctx, child(verb, "dobj"))) or None)


@RULES.rule("recruit", anchor({"LEMMA": "recruit", "POS": "VERB"}))
def h_recruit(ctx: ClaimContext, verb: Any) -> None:
    """Finite "X recruited Y" -> recruited; "orders ... to recruit", "tried to recruit" -> tried_to_recruit."""
    dobj = child(verb, "dobj")
    targets: Sequence[Ref] = object_refs(ctx, dobj, ("PERSON", "ORG", "ACRONYM")) if dobj is not None else []
    value = phrase(dobj) if dobj is not None and not targets else None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    pred = "tried_to_recruit" if infinitive or verb.head.lemma_ in ("try", "attempt", "seek", "plan", "order") else "recruited"
    purpose = pobj(verb, "for")
    attrs = {"purpose": phrase(purpose)} if purpose is not None else {}
    on_behalf = pobj(verb, "on")
    if on_behalf is not None:
        org = np_mention(ctx, pobj(on_behalf, "of") or on_behalf, ("ORG", "ACRONYM"))
        if org is not None:
            attrs["on_behalf_of"], attrs["on_behalf_of_text"] = org.id, org.text
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):  # "X was recruited (by Y)"
        by = agent_of(verb)
        subjects = object_refs(ctx, by) if by is not None else []
        patients = [t for s in subject_tokens(verb) for t in refs(ctx, s, ("PERSON", "ORG", "ACRONYM"))]
        targets, value = only_mentions(patients), value or (phrase(subject_tokens(verb)[0]) if subject_tokens(verb) else None)
    else:
        subjects = subject_refs(ctx, verb)
    add_all(ctx, pred, verb, subjects, only_mentions(targets) or None, value=value, attrs=attrs)


def _money(ctx: ClaimContext, verb: Any) -> tuple[str | None, Any | None]:
    """The amount paid at ``verb``: a MONEY mention in the clause, else the money the previous
    sentence named ("This money was paid ...")."""
    for tok in verb.subtree:
        m = ctx.mention_at(tok, ("MONEY",))
        if m is not None:
            return (m.norm or m.text), tok
    words = [t for t in verb.children if t.dep_ in ("dobj", "nsubjpass", "pobj") and t.lower_ in MONEY_WORDS]
    words += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.lower_ in MONEY_WORDS]
    if not words:
        return None, None
    if any(c.lower_ == "this" for c in words[0].children):
        prev_paid = [c for c in ctx.claims if c.predicate == "paid" and c.citation and c.value]
        if prev_paid:
            return prev_paid[-1].value, words[0]
        sent = verb.sent
        earlier = ctx.mentions_in(max(sent.start_char - 600, 0), sent.start_char, ("MONEY",))
        if earlier:
            return earlier[-1].norm or earlier[-1].text, words[0]
    return words[0].text, words[0]


@RULES.rule("pay", anchor({"LEMMA": {"IN": PAY_VERBS}, "POS": "VERB"}))
def h_pay(ctx: ClaimContext, verb: Any) -> None:
    """ "The local MVD rezidentura turns over the money to ...", "$300,000 be given to the CCP",
    "This money was paid through the MVD rezidentura in China" -> paid."""
    if verb.lemma_ == "turn" and child(verb, "prt", "prep", lower=("over",)) is None:
        return
    amount, _ = _money(ctx, verb)
    if amount is None:
        return
    to_tok = pobj(verb, "to") or child(verb, "dative")
    if to_tok is not None and to_tok.dep_ == "dative":
        to_tok = child(to_tok, "pobj") or to_tok
    over = child(verb, "prep", "prt", lower=("over",))
    if to_tok is None and over is not None:
        to_tok = pobj(over, "to")
        for c in over.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                to_tok = child(c, "pobj")
    recipients = only_mentions(object_refs(ctx, to_tok, ("ORG", "ACRONYM", "PERSON")))
    through = pobj(verb, "through", "via")
    payers = object_refs(ctx, through, ("ORG", "ACRONYM")) if through is not None else []
    channel = bool(payers)
    if not payers:
        payers = [s for s in subject_refs(ctx, verb, ("ORG", "ACRONYM", "PERSON"))]
    if not payers and verb.dep_ == "ccomp":  # "Stalin personally directed that $300,000 be given"
        payers = subject_refs(ctx, verb.head, ("PERSON", "ORG", "ACRONYM"))
    if not recipients:
        prev = [c for c in ctx.claims if c.predicate == "paid" and c.object and c.value == amount]
        recipient = object_mention(ctx, prev[-1].object) if prev else None
        recipients = [recipient] if recipient else []
    attrs: dict[str, Any] = {"channel": True} if channel else {}
    para = ctx.paragraph(verb.idx)
    if re.search(r"subsid", ctx.text[para.clean_start : verb.idx] if para else verb.sent.text, re.I):
        attrs["about"] = "subsidies"
    time, tattrs = time_of(ctx, verb)
    if time is None and verb.sent.start > 0:
        # "[ ] the CCP once requested $50,000 ... in 1947 or 1948. When the request reached Moscow,
        # Stalin directed that $300,000 be given": the payment answers the dated request.
        prev = ctx.sdoc[verb.sent.start - 1].sent
        dates = ctx.mentions_in(prev.start_char, prev.end_char, ("DATE",))
        if len(dates) == 1 and re.search(r"\brequest", verb.sent.text, re.I):
            time, tattrs = dates[0].norm, {"time_text": dates[0].text, "time_from_previous_sentence": True}
    if time is None:
        prev_paid = [c for c in ctx.claims if c.predicate == "paid" and c.value == amount and c.time]
        if prev_paid:
            time, tattrs = prev_paid[-1].time, {"time_from_previous_sentence": True}
    add_all(
        ctx,
        "paid",
        verb,
        payers,
        recipients or None,
        value=amount,
        place=place_in(ctx, verb),
        time=time,
        attrs={**tattrs, **attrs},
    )


@RULES.rule("receive", anchor({"LEMMA": "receive", "POS": "VERB"}))
def h_receive(ctx: ClaimContext, verb: Any) -> None:
    """ "X received $N from Y" -> received; "received orders from Y" -> subordinate_to is not
    inferred (one order is not a chain of command)."""
    amount, _ = _money(ctx, verb)
    if amount is None or amount in MONEY_WORDS:
        return
    add_all(
        ctx, "received", verb, subject_refs(ctx, verb), only_mentions(object_refs(ctx, pobj(verb, "from"))) or None, value=amount
    )


@RULES.rule("threaten", anchor({"LEMMA": "threaten", "POS": "VERB"}))
def h_threaten(ctx: ClaimContext, verb: Any) -> None:
    """ "Kassianov, Tretyakov, and Kandaurov had been threatened with reprisals" -> threatened."""
    by = agent_of(verb)
    dobj = child(verb, "dobj")
    if dobj is not None:
        victims, threateners = object_refs(ctx, dobj, ("PERSON", "ORG", "ACRONYM")), subject_refs(ctx, verb)
    else:
        victims = subject_refs(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
        threateners = object_refs(ctx, by) if by is not None else []
    with_ = pobj(verb, "with")
    value = " ".join(t.text for t in with_.subtree) if with_ is not None else None
    add_all(ctx, "threatened", verb, victims, only_mentions(threateners) or None, value=value)


@RULES.rule("threat", anchor({"LOWER": {"IN": ["threat", "threats"]}, "DEP": "dobj"}))
def h_threat(ctx: ClaimContext, noun: Any) -> None:
    """ "A person called "Vera" allegedly carried the threats to Kassianov" -> threatened(Kassianov)."""
    verb = noun.head
    victims = object_refs(ctx, pobj(noun, "to") or pobj(verb, "to"), ("PERSON",))
    carriers = only_mentions(subject_refs(ctx, verb, ("PERSON",)))
    if not carriers:
        for s in subject_tokens(verb):
            carriers.extend(m for t in s.subtree if (m := ctx.mention_at(t, ("PERSON",))) is not None)
    add_all(ctx, "threatened", noun, victims, carriers[:1] or None, value=noun.text, attrs={"carrier": True} if carriers else {})


@RULES.rule("cooperate", anchor({"LEMMA": {"IN": ["cooperate", "collaborate", "co-operate"]}}))
def h_cooperate(ctx: ClaimContext, verb: Any) -> None:
    """ "Kassianov and Tretyakov are believed to have agreed to cooperate with the Soviets"."""
    with_ = pobj(verb, "with")
    if with_ is None:
        return
    partners = only_mentions(object_refs(ctx, with_))
    value = None if partners else phrase(with_)
    # "unless they cooperated" states a condition, not a fact.
    if verb.dep_ == "advcl" and child(verb, "mark", lower=("unless", "if")) is not None:
        return
    add_all(ctx, "cooperates_with", verb, subject_refs(ctx, verb, ("PERSON", "ORG", "ACRONYM")), partners or None, value=value)


@RULES.rule("act_orders", with_child({"LEMMA": "act"}, ">", {"LOWER": "on"}))
def h_act_orders(ctx: ClaimContext, verb: Any) -> None:
    """ "Kandaurov, acting on the orders of the Soviet Embassy, ..." -> cooperates_with."""
    orders = pobj(verb, "on")
    if orders is None or orders.lower_ not in ("orders", "order", "instructions", "behalf"):
        return
    whose = only_mentions(object_refs(ctx, pobj(orders, "of")))
    subjects = (
        subject_refs(ctx, verb)
        if verb.dep_ not in ("acl", "advcl")
        else refs(ctx, verb.head if verb.head.pos_ in ("PROPN", "NOUN") else verb, AGENTS) or subject_refs(ctx, verb)
    )
    add_all(ctx, "cooperates_with", verb, subjects, whose or None, attrs={"how": "acting on the orders of"})


@RULES.rule("suspect", anchor({"LEMMA": "suspect", "POS": "VERB"}))
def h_suspect(ctx: ClaimContext, verb: Any) -> None:
    """ "Kandaurov is suspected of having been a Soviet agent" -> agent_of, hedge suspected."""
    of = pobj(verb, "of")
    if of is None:
        return
    attr = child(of, "attr") or of
    if attr.lower_ not in ("agent", "agents", "informant", "spy"):
        return
    subjects = subject_refs(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    side = " ".join(t.text for t in attr.lefts if t.dep_ in ("amod", "compound"))
    org = org_of(ctx, attr)
    duration = pobj(of, "for")
    attrs = {"duration": phrase(duration)} if duration is not None else {}
    add_all(ctx, "agent_of", attr, subjects, [org] if org else None, value=side or None, hedge="suspected", attrs=attrs)


@RULES.rule("contact", anchor({"LEMMA": {"IN": list(CONTACT_VERBS)}, "POS": "VERB"}))
def h_contact(ctx: ClaimContext, verb: Any) -> None:
    """ "Kellner approached Tretyckov and Belik" -> contacted."""
    dobj = child(verb, "dobj")
    others = only_mentions(object_refs(ctx, dobj, ("PERSON", "ORG", "ACRONYM"))) if dobj is not None else []
    if not others:
        others = only_mentions(object_refs(ctx, pobj(verb, "with"), ("PERSON", "ORG", "ACRONYM")))
    if others:
        add_all(ctx, CONTACT_VERBS[verb.lemma_], verb, subject_refs(ctx, verb), others, place=place_in(ctx, verb))


@RULES.rule("liaison", anchor({"LOWER": "liaison"}))
def h_liaison(ctx: ClaimContext, noun: Any) -> None:
    """ "through the MVD liaison channel", "liaison with the foreign Communist parties"."""
    body = None
    # "the MVD liaison channel": MVD and liaison are both compounds of "channel".
    around = [*noun.lefts, noun.head, *(noun.head.lefts if noun.dep_ == "compound" else [])]
    for c in around:
        if c is not noun:
            body = body or ctx.mention_at(c, ("ORG", "ACRONYM"))
    if body is None:
        return
    partner_tok = pobj(noun, "with")
    partners = only_mentions(object_refs(ctx, partner_tok, ("ORG", "ACRONYM"))) if partner_tok is not None else []
    value = None
    if not partners:
        m = re.search(r"(?:foreign|local) Communist [Pp]art(?:y|ies)", noun.sent.text)
        value = m.group(0) if m else None
        if value and body.text.lower() in value.lower():
            return  # "the local Communist Party liaison representative": the party is the partner
    add_all(ctx, "liaison_with", noun, [body], partners or None, value=value)
