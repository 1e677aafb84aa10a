"""Claim rules about what a person is: roles, membership, descriptions, and losing or handing
over a post (holds_role, member_of, agent_of, described_as, replaced, removed_from).

Rules of the ``roles`` family (:mod:`declass.pipeline.claims.rules`); each reads one trigger's
arguments from the parse and makes no claim without a named subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from declass.model import Mention
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
    subject_refs,
    subject_tokens,
)
from declass.pipeline.claims.rules import Family, anchor, with_child
from declass.types import wordlists

if TYPE_CHECKING:
    from declass.pipeline.claims.context import ClaimContext


# The one-word heads of data/roles.tsv: a post held (holds_role) and membership (member_of), the
# latter also plural ("members of the NTS").
ROLE_NOUNS = list(wordlists.role_words("post"))
MEMBER_NOUNS = [w for m in wordlists.role_words("member") for w in (m, m + "s")]


# What a person is described as: these words, and every military rank of data/titles.tsv ("a colonel").
DESCRIPTOR_NOUNS = [
    "emigrant",
    "emigre",
    "refugee",
    "citizen",
    "national",
    "veteran",
    "officer",
    "agent",
    *sorted(wordlists.titles(classes=("rank",), lower=True)),
]
LIST_VERBS = ["compose", "include", "consist", "comprise"]

RULES = Family("roles")


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


@RULES.rule(
    "copula", with_child({"LEMMA": "be"}, ">", {"DEP": {"IN": ["attr", "acomp"]}, "POS": {"IN": ["NOUN", "PROPN", "ADJ"]}})
)
def h_copula(ctx: ClaimContext, be: Any) -> None:
    """X is chief of Y / a member of Y / a Soviet agent / the Embassy's source / an "old" emigrant."""
    attr = child(be, "attr", "acomp")
    if attr is None:
        return
    subjects = subject_refs(ctx, be, ("PERSON", "ORG", "ACRONYM"))
    noun = attr.lower_
    if not subjects:
        # "the author of them was Kandourov": the copula's attribute is the person.
        return
    if noun in ROLE_NOUNS:
        org = org_of(ctx, attr)
        add_all(ctx, "holds_role", attr, subjects, [org] if org else None, value=_role_text(attr), place=place_in(ctx, attr, be))
    elif noun in MEMBER_NOUNS:
        org = org_of(ctx, attr) or _context_org(ctx, be)
        desc = " ".join(t.text for t in attr.lefts if t.dep_ in ("amod", "advmod") or t.lower_ == "most")
        add_all(ctx, "member_of", attr, subjects, [org] if org else None, value=(desc + " " + attr.text).strip())
    elif noun in ("agent", "agents", "informant", "source"):
        owner = child(attr, "poss")
        org = np_mention(ctx, owner, AGENTS) if owner is not None else org_of(ctx, attr)
        side = " ".join(t.text for t in attr.lefts if t.dep_ in ("amod", "compound"))
        pred = "agent_of" if noun.startswith("agent") else "cooperates_with"
        add_all(ctx, pred, attr, subjects, [org] if org else None, value=(side or phrase(attr)) if not org else None)
    elif noun in DESCRIPTOR_NOUNS:
        toks = [t for t in attr.subtree if t.dep_ != "det"]
        value = attr.doc[toks[0].i : toks[-1].i + 1].text if toks else attr.text
        add_all(ctx, "described_as", attr, only_mentions(subjects), value=value)
    elif be.lemma_ == "be" and attr.pos_ == "PROPN":
        pass  # "X is Y" between names is an identity claim for resolution, not a fact to cite


@RULES.rule("appos_role", anchor({"DEP": "appos", "LOWER": {"IN": ROLE_NOUNS + MEMBER_NOUNS}}))
def h_appos_role(ctx: ClaimContext, noun: Any) -> None:
    """ "Viktor I. Baidalakov, international chief of NTS" -> holds_role."""
    person = np_mention(ctx, noun.head, ("PERSON",))
    if person is None:
        return
    org = org_of(ctx, noun)
    if noun.lower_ in MEMBER_NOUNS:
        add_all(ctx, "member_of", noun, [person], [org] if org else None, value=noun.text)
    else:
        add_all(ctx, "holds_role", noun, [person], [org] if org else None, value=_role_text(noun))


@RULES.rule("made_role", with_child({"LEMMA": {"IN": ["make", "appoint", "name", "elect"]}}, ">", {"DEP": "oprd"}))
def h_made_role(ctx: ClaimContext, verb: Any) -> None:
    """ "Makayev ... has been made Secretary-Treasurer" -> holds_role."""
    role = child(verb, "oprd")
    subjects = subject_refs(ctx, verb, ("PERSON",)) or object_refs(ctx, child(verb, "dobj"), ("PERSON",))
    if role is None or not subjects:
        return
    org = org_of(ctx, role)
    add_all(ctx, "holds_role", verb, subjects, [org] if org else None, value=phrase(role))


@RULES.rule(
    "position",
    anchor(
        {"LOWER": {"IN": ["position", "post", "duties", "office", "job", "title"]}, "DEP": {"IN": ["dobj", "pobj", "nsubjpass"]}}
    ),
)
def h_position(ctx: ClaimContext, noun: Any) -> None:
    """ "given the position of NTE chief of counter-intelligence", "assumed the duties of chief"."""
    role_tok = pobj(noun, "of")
    verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun.head.head
    if role_tok is None or verb.lemma_ not in ("give", "assume", "take", "hold", "offer", "occupy", "appoint", "fill"):
        return
    receivers = object_refs(ctx, child(verb, "dative") or pobj(verb, "to"), ("PERSON",)) or subject_refs(ctx, verb, ("PERSON",))
    org = org_of(ctx, role_tok)
    add_all(
        ctx,
        "holds_role",
        noun,
        receivers,
        [org] if org else None,
        value=_role_text(role_tok),
        attrs={"how": f"{verb.lemma_} {noun.lower_}"},
    )


@RULES.rule("replace", anchor({"LEMMA": {"IN": ["replace", "supersede", "succeed"]}, "POS": "VERB"}))
def h_replace(ctx: ClaimContext, verb: Any) -> None:
    """ "Belik was replaced by Batyan" -> replaced(Batyan, Belik)."""
    by = agent_of(verb)
    if by is not None:  # passive
        new, old = object_refs(ctx, by, ("PERSON", "ORG", "ACRONYM")), subject_refs(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    else:
        new, old = (
            subject_refs(ctx, verb, ("PERSON", "ORG", "ACRONYM")),
            object_refs(ctx, child(verb, "dobj"), ("PERSON", "ORG", "ACRONYM")),
        )
    pred = "succeeded" if verb.lemma_ == "succeed" else "replaced"
    add_all(ctx, pred, verb, new, only_mentions(old) or None) if old else None


def _removed(ctx: ClaimContext, trigger: Any, who: Sequence[Ref], post_tok: Any | None, by: Sequence[Ref]) -> None:
    for person in only_mentions(who):
        value, org = None, None
        if post_tok is not None:
            org = np_mention(ctx, pobj(post_tok, "of") or post_tok, ("ORG", "ACRONYM"))
            value = " ".join(t.text for t in post_tok.subtree if t.dep_ not in ("det",) and t.i <= post_tok.i)
            if post_tok.lower_ in ("post", "position", "office") and any(c.lower_ in ("that", "this") for c in post_tok.children):
                last_value, last_org = _last_role(ctx, person)
                value = last_value or value
                org = org or object_mention(ctx, last_org)
        attrs = {"agent": by[0].id, "agent_text": by[0].text} if by and isinstance(by[0], Mention) else {}
        add_all(ctx, "removed_from", trigger, [person], [org] if org else None, value=value, attrs=attrs)


@RULES.rule("remove", anchor({"LEMMA": {"IN": ["remove", "dismiss", "expel", "oust", "fire", "relieve"]}, "POS": "VERB"}))
def h_remove(ctx: ClaimContext, verb: Any) -> None:
    """ "Tretyakov later had Belik removed from that post" -> removed_from(Belik, agent Tretyakov)."""
    frm = pobj(verb, "from")
    by_tok = agent_of(verb)
    dobj = child(verb, "dobj")
    if dobj is not None:  # active: "X removed Y"
        who, by = object_refs(ctx, dobj, ("PERSON",)), subject_refs(ctx, verb, ("PERSON", "ORG", "ACRONYM"))
    else:  # passive, or causative "had Y removed" (Y is the subject of the small clause)
        who = subject_refs(ctx, verb, ("PERSON",))
        by = object_refs(ctx, by_tok, AGENTS) if by_tok is not None else []
        if not by and verb.dep_ == "ccomp" and verb.head.lemma_ in ("have", "get"):
            by = subject_refs(ctx, verb.head, AGENTS)
    _removed(ctx, verb, who, frm, by)


@RULES.rule("removal", anchor({"LOWER": {"IN": ["removal", "dismissal", "expulsion", "ouster"]}}))
def h_removal(ctx: ClaimContext, noun: Any) -> None:
    """ "the removal of Belik from the chief post of WTS" -> removed_from(Belik, WTS)."""
    who = object_refs(ctx, pobj(noun, "of"), ("PERSON",)) or object_refs(ctx, child(noun, "poss"), ("PERSON",))
    _removed(ctx, noun, who, pobj(noun, "from"), [])


@RULES.rule("member_as", anchor({"LOWER": {"IN": MEMBER_NOUNS}, "DEP": "pobj"}))
def h_member_as(ctx: ClaimContext, noun: Any) -> None:
    """ "They were accepted as members of the NTS in May 1950" -> member_of."""
    prep = noun.head
    if prep.lower_ != "as":
        return
    verb = prep.head
    org = org_of(ctx, noun) or _context_org(ctx, noun)
    add_all(
        ctx,
        "member_of",
        verb,
        only_mentions(subject_refs(ctx, verb, ("PERSON",))),
        [org] if org else None,
        attrs={"how": verb.lemma_},
    )


# Words separated by mandatory spaces: no nested optional repeats (no catastrophic backtracking).
_NAME_LINE = re.compile(r"^[\s>*-]*[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*)*[ \t]*$")


# No POS constraint on the second pattern: the tagger reads "include:" before a list of names as a noun.
@RULES.rule("list", anchor({"LEMMA": {"IN": LIST_VERBS}}), anchor({"LOWER": {"IN": ["include", "includes", "included"]}}))
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
    add_all(ctx, "member_of", verb, list(names), [org] if org else None, value=value, attrs={"list": True})
