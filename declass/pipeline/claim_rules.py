"""The claim rules: ``DependencyMatcher`` patterns that find a predicate's trigger word, and one
handler per pattern that reads the trigger's arguments from the parse.

A pattern only anchors a rule (a lemma in a syntactic position); the handler decides, with the
document's mentions, whether there is a claim and who it is about. A handler that cannot find a
named subject makes no claim: precision matters more than recall for a cited dossier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from spacy.matcher import DependencyMatcher

from declass.model import Mention
from declass.pipeline.claim_args import (
    AGENTS,
    PLACES,
    Ref,
    agent_of,
    child,
    conjuncts,
    np_mention,
    phrase,
    pobj,
    refs,
    subject_tokens,
    time_of,
)

if TYPE_CHECKING:
    from declass.pipeline.claims import ClaimContext

ROLE_NOUNS = [
    "chief",
    "head",
    "leader",
    "director",
    "secretary",
    "treasurer",
    "secretary-treasurer",
    "president",
    "chairman",
    "officer",
    "representative",
    "rezident",
    "editor",
    "commander",
    "deputy",
    "commissar",
    "minister",
    "ambassador",
    "consul",
    "attache",
    "organizer",
    "organiser",
    "delegate",
    "founder",
]
MEMBER_NOUNS = ["member", "members", "collaborator", "collaborators"]
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
DESCRIPTOR_NOUNS = [
    "emigrant",
    "emigre",
    "refugee",
    "citizen",
    "national",
    "veteran",
    "officer",
    "agent",
    "general",
    "colonel",
    "major",
    "captain",
    "lieutenant",
]
PAY_VERBS = ["pay", "give", "turn", "hand", "transfer", "send", "subsidize", "fund", "finance", "allocate", "provide"]
MONEY_WORDS = {"money", "funds", "subsidy", "subsidies", "payment", "payments", "sum"}
CONTACT_VERBS = {"meet": "met", "contact": "contacted", "approach": "contacted", "visit": "contacted"}
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


# -- helpers ---------------------------------------------------------------------------------
def _add_all(
    ctx: ClaimContext, predicate: str, trigger: Any, subjects: Sequence[Ref], objects: Sequence[Ref] | None = None, **kw: Any
) -> None:
    time, tattrs = time_of(ctx, trigger)
    kw.setdefault("time", time)
    attrs = {**tattrs, **kw.pop("attrs", {})}
    objs: Sequence[Ref | None] = objects or [None]  # no object: one claim per subject
    for s in subjects:
        for o in objs:
            if isinstance(o, str):  # a redacted object carries no mention
                ctx.add(
                    predicate,
                    trigger,
                    s,
                    value=kw.get("value") or "redacted",
                    attrs=attrs,
                    **{k: v for k, v in kw.items() if k != "value"},
                )
            else:
                ctx.add(predicate, trigger, s, obj=o, attrs=attrs, **kw)


def _subjects(ctx: ClaimContext, verb: Any, labels: tuple[str, ...] = AGENTS) -> list[Ref]:
    out: list[Ref] = []
    for s in subject_tokens(verb):
        out.extend(refs(ctx, s, labels))
    return out


def _objs(ctx: ClaimContext, tok: Any | None, labels: tuple[str, ...] = AGENTS) -> list[Ref]:
    return refs(ctx, tok, labels) if tok is not None else []


def _mentions(refs_: Sequence[Ref]) -> list[Mention]:
    return [r for r in refs_ if isinstance(r, Mention)]


def _context_org(ctx: ClaimContext, tok: Any) -> Mention | None:
    """The organisation a paragraph is about: the last ORG/ACRONYM named before ``tok``."""
    found = ctx.mentions_in(max(tok.sent.start_char - 1500, 0), tok.idx, ("ORG", "ACRONYM"))
    return found[-1] if found else None


def _last_role(ctx: ClaimContext, subject: Mention) -> tuple[str | None, str | None]:
    """The role and organisation most recently claimed for a person ("removed from that post")."""
    for c in reversed(ctx.claims):
        if c.predicate == "holds_role" and c.attrs.get("subject_text") and c.subject == subject.id:
            return c.value, c.object
    for c in reversed(ctx.claims):
        if c.predicate == "holds_role" and c.attrs.get("subject_text") == subject.text:
            return c.value, c.object
    return None, None


def _object_mention(ctx: ClaimContext, mention_id: str | None) -> Mention | None:
    for _, _, m in ctx.mentions:
        if m.id == mention_id:
            return m
    return None


def _role_text(noun: Any) -> str:
    """ "international chief" from "international chief of NTS"; compounds that name the
    organisation ("NTE chief") are left out, they are the object."""
    parts = [c for c in noun.lefts if c.dep_ in ("amod", "compound") and not c.text.isupper()]
    words = [t.text for t in sorted([*parts, noun], key=lambda t: t.i)]
    role = " ".join(words).replace(" - ", "-")
    of = pobj(noun, "of")
    if of is not None and of.pos_ == "NOUN" and not of.text.isupper():
        prep = of.head
        role += " of " + prep.doc[prep.i + 1 : prep.right_edge.i + 1].text
    return role.replace(" - ", "-").replace(" -", "-").replace("- ", "-")


def _org_of(ctx: ClaimContext, noun: Any) -> Mention | None:
    """The organisation of a role noun: "chief of NTS", "NTE chief of counter-intelligence"."""
    of = pobj(noun, "of")
    if of is not None:
        m = np_mention(ctx, of, ("ORG", "ACRONYM"))
        if m is not None:
            return m
    for c in noun.lefts:
        if c.dep_ in ("compound", "nmod", "poss"):
            m = ctx.mention_at(c, ("ORG", "ACRONYM"))
            if m is not None:
                return m
    return None


# -- handlers --------------------------------------------------------------------------------
def h_copula(ctx: ClaimContext, be: Any) -> None:
    """X is chief of Y / a member of Y / a Soviet agent / the Embassy's source / an "old" emigrant."""
    attr = child(be, "attr", "acomp")
    if attr is None:
        return
    subjects = _subjects(ctx, be, ("PERSON", "ORG", "ACRONYM"))
    noun = attr.lower_
    if not subjects:
        # "the author of them was Kandourov": the copula's attribute is the person.
        return
    if noun in ROLE_NOUNS:
        org = _org_of(ctx, attr)
        _add_all(
            ctx, "holds_role", attr, subjects, [org] if org else None, value=_role_text(attr), place=_place_in(ctx, attr, be)
        )
    elif noun in MEMBER_NOUNS:
        org = _org_of(ctx, attr) or _context_org(ctx, be)
        desc = " ".join(t.text for t in attr.lefts if t.dep_ in ("amod", "advmod") or t.lower_ == "most")
        _add_all(ctx, "member_of", attr, subjects, [org] if org else None, value=(desc + " " + attr.text).strip())
    elif noun in ("agent", "agents", "informant", "source"):
        owner = child(attr, "poss")
        org = np_mention(ctx, owner, AGENTS) if owner is not None else _org_of(ctx, attr)
        side = " ".join(t.text for t in attr.lefts if t.dep_ in ("amod", "compound"))
        pred = "agent_of" if noun.startswith("agent") else "cooperates_with"
        _add_all(ctx, pred, attr, subjects, [org] if org else None, value=(side or phrase(attr)) if not org else None)
    elif noun in DESCRIPTOR_NOUNS:
        toks = [t for t in attr.subtree if t.dep_ != "det"]
        value = attr.doc[toks[0].i : toks[-1].i + 1].text if toks else attr.text
        _add_all(ctx, "described_as", attr, _mentions(subjects), value=value)
    elif be.lemma_ == "be" and attr.pos_ == "PROPN":
        pass  # "X is Y" between names is an identity claim for resolution, not a fact to cite


def _place_in(ctx: ClaimContext, *toks: Any) -> Mention | None:
    """A place named by "in"/"at" anywhere under the given tokens ("chief of NTS in Venezuela")."""
    for tok in toks:
        for c in tok.subtree:
            if c.dep_ == "prep" and c.lower_ in ("in", "at") and c.head.dep_ not in ("relcl", "acl"):
                for g in c.children:
                    m = np_mention(ctx, g, PLACES)
                    if m is not None:
                        return m
    return None


def h_appos_role(ctx: ClaimContext, noun: Any) -> None:
    """ "Viktor I. Baidalakov, international chief of NTS" -> holds_role."""
    person = np_mention(ctx, noun.head, ("PERSON",))
    if person is None:
        return
    org = _org_of(ctx, noun)
    if noun.lower_ in MEMBER_NOUNS:
        _add_all(ctx, "member_of", noun, [person], [org] if org else None, value=noun.text)
    else:
        _add_all(ctx, "holds_role", noun, [person], [org] if org else None, value=_role_text(noun))


def h_made_role(ctx: ClaimContext, verb: Any) -> None:
    """ "Makayev ... has been made Secretary-Treasurer" -> holds_role."""
    role = child(verb, "oprd")
    subjects = _subjects(ctx, verb, ("PERSON",)) or _objs(ctx, child(verb, "dobj"), ("PERSON",))
    if role is None or not subjects:
        return
    org = _org_of(ctx, role)
    _add_all(ctx, "holds_role", verb, subjects, [org] if org else None, value=phrase(role))


def h_position(ctx: ClaimContext, noun: Any) -> None:
    """ "given the position of NTE chief of counter-intelligence", "assumed the duties of chief"."""
    role_tok = pobj(noun, "of")
    verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun.head.head
    if role_tok is None or verb.lemma_ not in ("give", "assume", "take", "hold", "offer", "occupy", "appoint", "fill"):
        return
    receivers = _objs(ctx, child(verb, "dative") or pobj(verb, "to"), ("PERSON",)) or _subjects(ctx, verb, ("PERSON",))
    org = _org_of(ctx, role_tok)
    _add_all(
        ctx,
        "holds_role",
        noun,
        receivers,
        [org] if org else None,
        value=_role_text(role_tok),
        attrs={"how": f"{verb.lemma_} {noun.lower_}"},
    )


def h_replace(ctx: ClaimContext, verb: Any) -> None:
    """ "Belik was replaced by Batyan" -> replaced(Batyan, Belik)."""
    by = agent_of(verb)
    if by is not None:  # passive
        new, old = _objs(ctx, by, ("PERSON", "ORG", "ACRONYM")), _subjects(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    else:
        new, old = (
            _subjects(ctx, verb, ("PERSON", "ORG", "ACRONYM")),
            _objs(ctx, child(verb, "dobj"), ("PERSON", "ORG", "ACRONYM")),
        )
    pred = "succeeded" if verb.lemma_ == "succeed" else "replaced"
    _add_all(ctx, pred, verb, new, _mentions(old) or None) if old else None


def h_grow_out(ctx: ClaimContext, verb: Any) -> None:
    """ "the NTS grew out of the NSM" -> succeeded(NTS, NSM)."""
    out = child(verb, "prep", "prt", lower=("out",))
    src = pobj(out, "of") if out is not None else None
    _add_all(
        ctx, "succeeded", verb, _subjects(ctx, verb, ("ORG", "ACRONYM")), _mentions(_objs(ctx, src, ("ORG", "ACRONYM"))) or None
    )


def _removed(ctx: ClaimContext, trigger: Any, who: Sequence[Ref], post_tok: Any | None, by: Sequence[Ref]) -> None:
    for person in _mentions(who):
        value, org = None, None
        if post_tok is not None:
            org = np_mention(ctx, pobj(post_tok, "of") or post_tok, ("ORG", "ACRONYM"))
            value = " ".join(t.text for t in post_tok.subtree if t.dep_ not in ("det",) and t.i <= post_tok.i)
            if post_tok.lower_ in ("post", "position", "office") and any(c.lower_ in ("that", "this") for c in post_tok.children):
                last_value, last_org = _last_role(ctx, person)
                value = last_value or value
                org = org or _object_mention(ctx, last_org)
        attrs = {"agent": by[0].id, "agent_text": by[0].text} if by and isinstance(by[0], Mention) else {}
        _add_all(ctx, "removed_from", trigger, [person], [org] if org else None, value=value, attrs=attrs)


def h_remove(ctx: ClaimContext, verb: Any) -> None:
    """ "Tretyakov later had Belik removed from that post" -> removed_from(Belik, agent Tretyakov)."""
    frm = pobj(verb, "from")
    by_tok = agent_of(verb)
    dobj = child(verb, "dobj")
    if dobj is not None:  # active: "X removed Y"
        who, by = _objs(ctx, dobj, ("PERSON",)), _subjects(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    else:  # passive, or causative "had Y removed" (Y is the subject of the small clause)
        who = _subjects(ctx, verb, ("PERSON",))
        by = _objs(ctx, by_tok, AGENTS) if by_tok is not None else []
        if not by and verb.dep_ == "ccomp" and verb.head.lemma_ in ("have", "get"):
            by = _subjects(ctx, verb.head, AGENTS)
    _removed(ctx, verb, who, frm, by)


def h_removal(ctx: ClaimContext, noun: Any) -> None:
    """ "the removal of Belik from the chief post of WTS" -> removed_from(Belik, WTS)."""
    who = _objs(ctx, pobj(noun, "of"), ("PERSON",)) or _objs(ctx, child(noun, "poss"), ("PERSON",))
    _removed(ctx, noun, who, pobj(noun, "from"), [])


def h_recommendation(ctx: ClaimContext, noun: Any) -> None:
    """ "upon the recommendation of Tretyakov, Belik's [removal] was [ordered]" -> recommended."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("upon", "on", "at", "following", "after", "by"):
        return  # "the recommendations of X are a weighty factor" states no act of recommending
    recommenders = _mentions(_objs(ctx, pobj(noun, "of"), ("PERSON", "ORG", "ACRONYM")) or _objs(ctx, child(noun, "poss")))
    clause = noun.head.head
    if not recommenders or clause is None:
        return
    targets: list[Ref] = []
    for s in subject_tokens(clause):
        found = refs(ctx, s, ("PERSON",))
        targets.extend(found or [m for t in s.subtree if (m := ctx.mention_at(t, ("PERSON",))) is not None])
    names = {r.text for r in recommenders}
    targets = [t for t in _mentions(targets) if t.text not in names]
    skip = {t.i for t in noun.head.subtree} if noun.dep_ == "pobj" else {t.i for t in noun.subtree}
    skip |= {t.i for c in clause.children if c.dep_ in ("advmod", "punct") for t in c.subtree}
    what = " ".join(t.text for t in clause.subtree if t.i not in skip).replace(" 's", "'s").strip(" ,.")
    _add_all(ctx, "recommended", noun, recommenders, targets or None, value=what[:200] or None, attrs={"action": clause.lemma_})


def h_recommend(ctx: ClaimContext, verb: Any) -> None:
    _add_all(ctx, "recommended", verb, _subjects(ctx, verb), _mentions(_objs(ctx, child(verb, "dobj"))) or None)


def h_recruit(ctx: ClaimContext, verb: Any) -> None:
    """Finite "X recruited Y" -> recruited; "orders ... to recruit", "tried to recruit" -> tried_to_recruit."""
    dobj = child(verb, "dobj")
    targets: Sequence[Ref] = _objs(ctx, dobj, ("PERSON", "ORG", "ACRONYM")) if dobj is not None else []
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
        subjects = _objs(ctx, by) if by is not None else []
        patients = [t for s in subject_tokens(verb) for t in refs(ctx, s, ("PERSON", "ORG", "ACRONYM"))]
        targets, value = _mentions(patients), value or (phrase(subject_tokens(verb)[0]) if subject_tokens(verb) else None)
    else:
        subjects = _subjects(ctx, verb)
    _add_all(ctx, pred, verb, subjects, _mentions(targets) or None, value=value, attrs=attrs)


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
    recipients = _mentions(_objs(ctx, to_tok, ("ORG", "ACRONYM", "PERSON")))
    through = pobj(verb, "through", "via")
    payers = _objs(ctx, through, ("ORG", "ACRONYM")) if through is not None else []
    channel = bool(payers)
    if not payers:
        payers = [s for s in _subjects(ctx, verb, ("ORG", "ACRONYM", "PERSON"))]
    if not payers and verb.dep_ == "ccomp":  # "Stalin personally directed that $300,000 be given"
        payers = _subjects(ctx, verb.head, ("PERSON", "ORG", "ACRONYM"))
    if not recipients:
        prev = [c for c in ctx.claims if c.predicate == "paid" and c.object and c.value == amount]
        recipient = _object_mention(ctx, prev[-1].object) if prev else None
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
    _add_all(
        ctx,
        "paid",
        verb,
        payers,
        recipients or None,
        value=amount,
        place=_place_in(ctx, verb),
        time=time,
        attrs={**tattrs, **attrs},
    )


def h_receive(ctx: ClaimContext, verb: Any) -> None:
    """ "X received $N from Y" -> received; "received orders from Y" -> subordinate_to is not
    inferred (one order is not a chain of command)."""
    amount, _ = _money(ctx, verb)
    if amount is None or amount in MONEY_WORDS:
        return
    _add_all(ctx, "received", verb, _subjects(ctx, verb), _mentions(_objs(ctx, pobj(verb, "from"))) or None, value=amount)


def h_threaten(ctx: ClaimContext, verb: Any) -> None:
    """ "Kassianov, Tretyakov, and Kandaurov had been threatened with reprisals" -> threatened."""
    by = agent_of(verb)
    dobj = child(verb, "dobj")
    if dobj is not None:
        victims, threateners = _objs(ctx, dobj, ("PERSON", "ORG", "ACRONYM")), _subjects(ctx, verb)
    else:
        victims = _subjects(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
        threateners = _objs(ctx, by) if by is not None else []
    with_ = pobj(verb, "with")
    value = " ".join(t.text for t in with_.subtree) if with_ is not None else None
    _add_all(ctx, "threatened", verb, victims, _mentions(threateners) or None, value=value)


def h_threat(ctx: ClaimContext, noun: Any) -> None:
    """ "A person called "Vera" allegedly carried the threats to Kassianov" -> threatened(Kassianov)."""
    verb = noun.head
    victims = _objs(ctx, pobj(noun, "to") or pobj(verb, "to"), ("PERSON",))
    carriers = _mentions(_subjects(ctx, verb, ("PERSON",)))
    if not carriers:
        for s in subject_tokens(verb):
            carriers.extend(m for t in s.subtree if (m := ctx.mention_at(t, ("PERSON",))) is not None)
    _add_all(ctx, "threatened", noun, victims, carriers[:1] or None, value=noun.text, attrs={"carrier": True} if carriers else {})


def h_cooperate(ctx: ClaimContext, verb: Any) -> None:
    """ "Kassianov and Tretyakov are believed to have agreed to cooperate with the Soviets"."""
    with_ = pobj(verb, "with")
    if with_ is None:
        return
    partners = _mentions(_objs(ctx, with_))
    value = None if partners else phrase(with_)
    # "unless they cooperated" states a condition, not a fact.
    if verb.dep_ == "advcl" and child(verb, "mark", lower=("unless", "if")) is not None:
        return
    _add_all(ctx, "cooperates_with", verb, _subjects(ctx, verb, ("PERSON", "ORG", "ACRONYM")), partners or None, value=value)


def h_act_orders(ctx: ClaimContext, verb: Any) -> None:
    """ "Kandaurov, acting on the orders of the Soviet Embassy, ..." -> cooperates_with."""
    orders = pobj(verb, "on")
    if orders is None or orders.lower_ not in ("orders", "order", "instructions", "behalf"):
        return
    whose = _mentions(_objs(ctx, pobj(orders, "of")))
    subjects = (
        _subjects(ctx, verb)
        if verb.dep_ not in ("acl", "advcl")
        else refs(ctx, verb.head if verb.head.pos_ in ("PROPN", "NOUN") else verb, AGENTS) or _subjects(ctx, verb)
    )
    _add_all(ctx, "cooperates_with", verb, subjects, whose or None, attrs={"how": "acting on the orders of"})


def h_suspect(ctx: ClaimContext, verb: Any) -> None:
    """ "Kandaurov is suspected of having been a Soviet agent" -> agent_of, hedge suspected."""
    of = pobj(verb, "of")
    if of is None:
        return
    attr = child(of, "attr") or of
    if attr.lower_ not in ("agent", "agents", "informant", "spy"):
        return
    subjects = _subjects(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    side = " ".join(t.text for t in attr.lefts if t.dep_ in ("amod", "compound"))
    org = _org_of(ctx, attr)
    duration = pobj(of, "for")
    attrs = {"duration": phrase(duration)} if duration is not None else {}
    _add_all(ctx, "agent_of", attr, subjects, [org] if org else None, value=side or None, hedge="suspected", attrs=attrs)


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
    authors = _mentions(refs(ctx, attr, ("PERSON",))) if attr is not None and attr is not noun else []
    if not authors:
        authors = _mentions(_subjects(ctx, be, ("PERSON",)))
    of = pobj(noun, "of")
    work = None
    if of is not None:
        work = _antecedent_phrase(ctx, noun) if of.lower_ in ("them", "it", "these", "this") else phrase(of)
    pseud = _pseudonym_in(ctx, noun.sent)
    attrs = {"pseudonym": pseud.id, "pseudonym_text": pseud.text} if pseud is not None else {}
    _add_all(ctx, "authored", noun, authors, None, value=work, attrs=attrs)


def h_write(ctx: ClaimContext, verb: Any) -> None:
    """ "X wrote articles", "writing under his pseudonym of Y" (the pseudonym is an alias_of)."""
    dobj = child(verb, "dobj")
    if dobj is None:
        return
    _add_all(ctx, "authored", verb, _mentions(_subjects(ctx, verb, ("PERSON", "ORG"))), None, value=phrase(dobj))


def h_pseudonym(ctx: ClaimContext, noun: Any) -> None:
    """ "his pseudonym of Aleksei Privalov" -> alias_of(Kandourov, Aleksei Privalov)."""
    name_tok = pobj(noun, "of") or child(noun, "appos")
    alias = np_mention(ctx, name_tok, ("PERSON", "ORG", "CRYPTONYM")) if name_tok is not None else None
    if alias is None:
        return
    owner = child(noun, "poss")
    persons = _mentions(refs(ctx, owner, ("PERSON",))) if owner is not None else []
    if not persons:
        persons = ctx.mentions_in(noun.sent.start_char, noun.idx, ("PERSON",))[-1:]
    _add_all(ctx, "alias_of", noun, [p for p in persons if p.id != alias.id], [alias], value=noun.lower_)


def h_contact(ctx: ClaimContext, verb: Any) -> None:
    """ "Kellner approached Tretyckov and Belik" -> contacted."""
    dobj = child(verb, "dobj")
    others = _mentions(_objs(ctx, dobj, ("PERSON", "ORG", "ACRONYM"))) if dobj is not None else []
    if not others:
        others = _mentions(_objs(ctx, pobj(verb, "with"), ("PERSON", "ORG", "ACRONYM")))
    if others:
        _add_all(ctx, CONTACT_VERBS[verb.lemma_], verb, _subjects(ctx, verb), others, place=_place_in(ctx, verb))


def h_found(ctx: ClaimContext, verb: Any) -> None:
    """ "the NSM, which was founded in 1924-25 in Pernik, Bulgaria" -> founded(NSM)."""
    if verb.lemma_ == "create" and not verb.tag_ == "VBN":
        return
    dobj = child(verb, "dobj")
    if dobj is not None:
        orgs, founders = _objs(ctx, dobj, ("ORG", "ACRONYM")), _subjects(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    else:
        orgs = _subjects(ctx, verb, ("ORG", "ACRONYM"))
        by = agent_of(verb)
        founders = _objs(ctx, by) if by is not None else []
    _add_all(
        ctx,
        "founded",
        verb,
        orgs,
        _mentions(founders) or None,
        place=_place_in(ctx, verb, *(g for g in verb.subtree if g.dep_ == "pobj")),
    )


def h_become(ctx: ClaimContext, verb: Any) -> None:
    """ "In 1946, when the NKGB became the MGB" -> renamed(NKGB, MGB)."""
    new_tok = child(verb, "attr", "oprd", "dobj")
    if new_tok is None:
        return
    olds = [s for s in _subjects(ctx, verb, ("ORG", "ACRONYM")) if isinstance(s, Mention)]
    if verb.lemma_ == "rename" and child(verb, "dobj") is not None:
        olds = _mentions(_objs(ctx, child(verb, "dobj"), ("ORG", "ACRONYM")))
        new_tok = child(verb, "oprd") or pobj(verb, "as", "to")
    new = np_mention(ctx, new_tok, ("ORG", "ACRONYM")) if new_tok is not None else None
    if new is not None:
        _add_all(ctx, "renamed", verb, olds, [new])


def h_merger(ctx: ClaimContext, noun: Any) -> None:
    """ "the merger of the MVD and MGB in 1953" -> merged_into(MGB, MVD): the body named first
    absorbs the others, as CIA reports word it ("merger of the MVD and MGB")."""
    of = pobj(noun, "of")
    if of is None:
        return
    parts = [m for t in conjuncts(of) if (m := np_mention(ctx, t, ("ORG", "ACRONYM"))) is not None]
    if len(parts) >= 2:
        _add_all(ctx, "merged_into", noun, parts[1:], [parts[0]], attrs={"reading": "merger of A and B: B merged into A"})


def h_merge(ctx: ClaimContext, verb: Any) -> None:
    into = pobj(verb, "into", "with")
    target = _mentions(_objs(ctx, into, ("ORG", "ACRONYM")))
    _add_all(ctx, "merged_into", verb, _subjects(ctx, verb, ("ORG", "ACRONYM")), target or None) if target else None


def h_unit_of(ctx: ClaimContext, unit: Any) -> None:
    """ "the Foreign Directorate of the Central Committee" -> part_of."""
    part = ctx.mention_at(unit, ("ORG", "ACRONYM"))
    whole_tok = pobj(unit, "of")
    whole = np_mention(ctx, whole_tok, ("ORG", "ACRONYM")) if whole_tok is not None else None
    if part is None or whole is None or part.id == whole.id:
        return
    _add_all(ctx, "part_of", unit, [part], [whole])


def h_subordinate(ctx: ClaimContext, tok: Any) -> None:
    """ "X is subordinate to Y", "NTS in Venezuela, an affiliate of the international organization"."""
    if tok.lower_.startswith("subordinat"):
        target = pobj(tok, "to")
        subjects = _subjects(ctx, tok.head if tok.dep_ in ("acomp", "attr") else tok, ("ORG", "ACRONYM"))
        _add_all(ctx, "subordinate_to", tok, subjects, _mentions(_objs(ctx, target, ("ORG", "ACRONYM"))) or None)
        return
    whole = _mentions(_objs(ctx, pobj(tok, "of"), ("ORG", "ACRONYM")))
    part = np_mention(ctx, tok.head, ("ORG", "ACRONYM")) if tok.dep_ == "appos" else None
    if part is not None and whole:
        _add_all(ctx, "part_of", tok, [part], whole)


def h_in_place(ctx: ClaimContext, noun: Any) -> None:
    """ "NTS in Venezuela", "MTC headquarters in Caracas" -> located_in."""
    org = ctx.mention_at(noun, ("ORG", "ACRONYM"))
    if org is None and noun.lower_ in UNIT_NOUNS:
        org = np_mention(ctx, noun, ("ORG", "ACRONYM"))
    place_tok = pobj(noun, "in")
    place = np_mention(ctx, place_tok, PLACES) if place_tok is not None else None
    if org is None or place is None:
        return
    _add_all(ctx, "located_in", noun, [org], [place], time=None)


def h_reside(ctx: ClaimContext, verb: Any) -> None:
    place = _place_in(ctx, verb)
    if place is not None:
        _add_all(ctx, "resides_in", verb, _mentions(_subjects(ctx, verb, ("PERSON",))), [place])


def h_exist(ctx: ClaimContext, verb: Any) -> None:
    """ "[ ] intelligence apparatus exist within foreign Communist parties" -> located_in, with a
    redacted subject when the name of what exists was withheld."""
    where = pobj(verb, "within", "in", "inside")
    if where is None:
        return
    place = np_mention(ctx, where, ("LOC", "ORG", "ACRONYM"))
    subjects = _subjects(ctx, verb)
    if not subjects:
        return
    value = None if place else phrase(where)
    subj_tok = subject_tokens(verb)
    attrs = {"what": phrase(subj_tok[0])} if subj_tok else {}
    _add_all(ctx, "located_in", verb, subjects, [place] if place else None, value=value, attrs=attrs)


def h_member_as(ctx: ClaimContext, noun: Any) -> None:
    """ "They were accepted as members of the NTS in May 1950" -> member_of."""
    prep = noun.head
    if prep.lower_ != "as":
        return
    verb = prep.head
    org = _org_of(ctx, noun) or _context_org(ctx, noun)
    _add_all(
        ctx, "member_of", verb, _mentions(_subjects(ctx, verb, ("PERSON",))), [org] if org else None, attrs={"how": verb.lemma_}
    )


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
    partners = _mentions(_objs(ctx, partner_tok, ("ORG", "ACRONYM"))) if partner_tok is not None else []
    value = None
    if not partners:
        m = re.search(r"(?:foreign|local) Communist [Pp]art(?:y|ies)", noun.sent.text)
        value = m.group(0) if m else None
        if value and body.text.lower() in value.lower():
            return  # "the local Communist Party liaison representative": the party is the partner
    _add_all(ctx, "liaison_with", noun, [body], partners or None, value=value)


# Words separated by mandatory spaces: no nested optional repeats (no catastrophic backtracking).
_NAME_LINE = re.compile(r"^[\s>*-]*[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*)*[ \t]*$")


def h_list(ctx: ClaimContext, verb: Any) -> None:
    """ "In September 1950 the governing committee was composed of the following:" and
    "Members who appear to be inactive include:" followed by lines of names -> member_of."""
    text = ctx.text
    colon = text.find(":", verb.idx, verb.sent.end_char + 2)
    if colon < 0 or "\n" not in text[colon : colon + 4]:
        return
    # Name lines follow until the first line of prose.
    end = colon + 1
    for line in text[colon + 1 :].split("\n"):
        if line.strip() and not _NAME_LINE.match(line.strip()):
            break
        end += len(line) + 1
    names = ctx.mentions_in(colon + 1, end, ("PERSON",))
    group = next(iter(subject_tokens(verb)), None)
    if group is None:  # the parse of "Members who appear to be inactive include:" varies
        group = next(
            (t for t in verb.sent if t.i < verb.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")), None
        )
    if not names or group is None:
        return
    org = np_mention(ctx, group, ("ORG", "ACRONYM")) or _context_org(ctx, verb)
    status = " ".join(t.text for t in group.subtree if t.dep_ in ("acomp",))
    value = " ".join(t.text for t in group.subtree if t.dep_ not in ("det",) and t.i <= group.i and not t.text.isupper())
    if group.lower_.endswith("embers"):
        value = "member" + (f" ({status})" if status else "")
    _add_all(ctx, "member_of", verb, list(names), [org] if org else None, value=value, attrs={"list": True})


HANDLERS: dict[str, Callable[[ClaimContext, Any], None]] = {
    "copula": h_copula,
    "appos_role": h_appos_role,
    "made_role": h_made_role,
    "position": h_position,
    "replace": h_replace,
    "grow_out": h_grow_out,
    "remove": h_remove,
    "removal": h_removal,
    "recommendation": h_recommendation,
    "recommend": h_recommend,
    "recruit": h_recruit,
    "pay": h_pay,
    "receive": h_receive,
    "threaten": h_threaten,
    "threat": h_threat,
    "cooperate": h_cooperate,
    "act_orders": h_act_orders,
    "suspect": h_suspect,
    "author": h_author,
    "write": h_write,
    "pseudonym": h_pseudonym,
    "contact": h_contact,
    "found": h_found,
    "become": h_become,
    "merger": h_merger,
    "merge": h_merge,
    "unit_of": h_unit_of,
    "subordinate": h_subordinate,
    "in_place": h_in_place,
    "reside": h_reside,
    "exist": h_exist,
    "member_as": h_member_as,
    "liaison": h_liaison,
    "list": h_list,
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
