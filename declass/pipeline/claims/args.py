"""Argument finding for claim rules: who a clause is about, when, where, and what a pronoun means.

Small functions over the dependency parse and the document's mentions (through
:class:`declass.pipeline.claims.ClaimContext`). They are heuristics tuned on CIA report prose and
say so: a pronoun resolves to the nearest person before it in the paragraph, a date attaches to
the predicate it is closest to in the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from declass.model import Mention
from declass.types.dates import DateValue

if TYPE_CHECKING:
    from declass.pipeline.claims import ClaimContext

AGENTS = ("PERSON", "ORG", "ACRONYM", "CRYPTONYM")
PLACES = ("LOC",)
PERSON_NOUNS = {
    "son",
    "daughter",
    "woman",
    "man",
    "person",
    "wife",
    "husband",
    "brother",
    "sister",
    "father",
    "mother",
    "officer",
    "agent",
    "source",
    "member",
    "individual",
    "volunteer",
    "candidate",
    "representative",
}
_REL_PRONOUNS = {"who", "which", "that", "whom"}
_PERSONAL = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}
_PLURAL = {"they", "them", "their", "themselves"}
_UNTIL = {"until", "till", "before", "to", "through"}
_FROM = {"since", "from", "after"}
Ref = Mention | str  # a mention, or "redacted"


# -- noun phrases ----------------------------------------------------------------------------
def phrase(tok: Any, *, stop: tuple[str, ...] = ("relcl", "acl", "appos", "punct", "cc", "conj")) -> str:
    """The noun phrase headed by ``tok`` without relative clauses and appositions."""
    toks = [tok]

    def walk(t: Any) -> None:
        for c in t.children:
            if (c.dep_ in stop and c.text != "-") or c.dep_ == "det":
                continue
            toks.append(c)
            walk(c)

    walk(tok)
    toks.sort(key=lambda t: t.i)
    return " ".join(t.text for t in toks).replace(" - ", "-").replace("' s", "'s").replace(" 's", "'s")


def np_mention(ctx: ClaimContext, tok: Any, labels: tuple[str, ...] = AGENTS) -> Mention | None:
    """The mention naming the noun phrase at ``tok``: on the token, else on its modifiers
    ("the MVD rezidentura" -> MVD, "Belik's removal" -> Belik)."""
    m = ctx.mention_at(tok, labels)
    if m is not None:
        return m
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "poss", "amod") and c.i < tok.i:
            m = ctx.mention_at(c, labels)
            if m is not None:
                return m
    return None


def conjuncts(tok: Any) -> list[Any]:
    """The token and the tokens coordinated with it ("Kassianov, Tretyakov, and Kandaurov")."""
    return [tok, *tok.conjuncts]


def refs(ctx: ClaimContext, tok: Any, labels: tuple[str, ...] = AGENTS) -> list[Ref]:
    """What the noun phrase at ``tok`` (and its conjuncts) refers to: mentions, resolved pronouns,
    or "redacted" when a redaction box stands where its name would be."""
    out: list[Ref] = []
    for t in conjuncts(tok):
        if t.lower_ in _PERSONAL or t.lower_ in _PLURAL:
            out.extend(resolve_pronoun(ctx, t))
            continue
        if t.lower_ in _REL_PRONOUNS and t.head.dep_ == "relcl":
            out.extend(refs(ctx, t.head.head, labels))
            continue
        m = np_mention(ctx, t, labels)
        if m is not None:
            out.append(m)
        elif ctx.box_before(t.left_edge.idx):
            out.append("redacted")
    return out


def resolve_pronoun(ctx: ClaimContext, tok: Any) -> list[Mention]:
    """Antecedents of a personal pronoun: the nearest person before it in the sentence, else the
    subject persons of the previous sentence, else the last person there. "they" takes all the
    coordinated subjects."""
    sent = tok.sent
    plural = tok.lower_ in _PLURAL
    if not plural:
        before = ctx.mentions_in(sent.start_char, tok.idx, ("PERSON",))
        if before:
            return [before[-1]]
    doc = tok.doc
    prev_end = sent.start
    for _ in range(2):  # look back at most two sentences
        if prev_end <= 0:
            break
        prev = doc[prev_end - 1].sent
        # The subject of the last clause that has one: "Vasili Bacholdin and Eikolai Peyk are ...".
        for s in reversed([t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN")]):
            found = [m for m in refs(ctx, s, ("PERSON",)) if isinstance(m, Mention)]
            if found:
                return found if plural else found[:1]
            if s.lemma_.lower() in PERSON_NOUNS:  # "The son reportedly had ...": an unnamed person
                return []
        persons = ctx.mentions_in(prev.start_char, prev.end_char, ("PERSON",))
        if persons:
            return persons if plural else persons[-1:]
        prev_end = prev.start
    return []


# -- clause arguments ------------------------------------------------------------------------
def subject_tokens(verb: Any) -> list[Any]:
    """Grammatical subject of a verb, inherited through xcomp, conj and relative clauses."""
    tok = verb
    for _ in range(6):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            if subj[0].lower_ in _REL_PRONOUNS and tok.dep_ == "relcl":
                return [tok.head]
            # "It is believed that ...": the expletive is no subject.
            if subj[0].lower_ == "it" and tok.dep_ == "ROOT":
                return []
            return subj
        if tok.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ in ("relcl", "acl") and tok.head is not tok:
            return [tok.head]
        break
    return []


def child(tok: Any, *deps: str, lower: tuple[str, ...] | None = None) -> Any | None:
    for c in tok.children:
        if c.dep_ in deps and (lower is None or c.lower_ in lower):
            return c
    return None


def pobj(tok: Any, *preps: str) -> Any | None:
    """The object of a preposition child (``by``, ``to``, ``of``...) of ``tok``."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return None


def agent_of(verb: Any) -> Any | None:
    return pobj(verb, "by")


# -- time and place --------------------------------------------------------------------------
def norm_date(text: str) -> str | None:
    """A fallback ISO normalisation for DATE mentions that extraction left without ``norm``."""
    value = DateValue.find(text)
    return value.norm if value else None


def _tree_distance(tok: Any, trigger: Any) -> int:
    """How far up from ``trigger`` one must go to reach an ancestor of ``tok`` (0: inside)."""
    chain = [trigger, *trigger.ancestors]
    index = {t.i: n for n, t in enumerate(chain)}
    for t in [tok, *tok.ancestors]:
        if t.i in index:
            return index[t.i]
    return 99


def time_of(ctx: ClaimContext, trigger: Any) -> tuple[str | None, dict[str, Any]]:
    """The date of the predicate at ``trigger`` as ISO or range, with from/until bounds when the
    date comes with "until", "since"..., and the date's precision."""
    sent = trigger.sent
    best: tuple[int, int, Mention, Any] | None = None
    for m in ctx.mentions_in(sent.start_char, sent.end_char, ("DATE",)):
        cs = ctx.clean_start(m)
        tok = ctx.sdoc.char_span(cs, cs + 1, alignment_mode="expand")
        if tok is None or not len(tok):
            continue
        head = tok.root
        # Use the date's head within its own phrase ("early 1949" -> 1949).
        dist = _tree_distance(head, trigger)
        key = (dist, abs(head.i - trigger.i))
        if best is None or key < best[:2]:
            best = (key[0], key[1], m, head)
    if best is None:
        return None, {}
    _, _, m, head = best
    value = m.norm or norm_date(m.text)
    if value is None:
        return None, {}
    attrs: dict[str, Any] = {"time_text": m.text}
    if m.attrs.get("precision"):
        attrs["time_precision"] = m.attrs["precision"]
    prep = next((t for t in [head, *head.ancestors][:3] if t.dep_ == "prep"), None)
    if prep is not None and prep.lower_ in _UNTIL:
        attrs["until"] = value
        return f"../{value}", attrs
    if prep is not None and prep.lower_ in _FROM:
        attrs["from"] = value
        return f"{value}/..", attrs
    return value, attrs


# -- shared by the rule families ------------------------------------------------------------
def add_all(
    ctx: ClaimContext, predicate: str, trigger: Any, subjects: Sequence[Ref], objects: Sequence[Ref] | None = None, **kw: Any
) -> None:
    """One claim per (subject, object) pair at ``trigger``, dated by :func:`time_of` unless ``time``
    is given; a "redacted" object becomes the claim's value."""
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


def subject_refs(ctx: ClaimContext, verb: Any, labels: tuple[str, ...] = AGENTS) -> list[Ref]:
    """What the subjects of ``verb`` refer to (see :func:`refs`)."""
    out: list[Ref] = []
    for s in subject_tokens(verb):
        out.extend(refs(ctx, s, labels))
    return out


def object_refs(ctx: ClaimContext, tok: Any | None, labels: tuple[str, ...] = AGENTS) -> list[Ref]:
    """What the noun phrase at ``tok`` refers to; nothing when there is no such token."""
    return refs(ctx, tok, labels) if tok is not None else []


def only_mentions(refs_: Sequence[Ref]) -> list[Mention]:
    """The named references, without "redacted"."""
    return [r for r in refs_ if isinstance(r, Mention)]


def object_mention(ctx: ClaimContext, mention_id: str | None) -> Mention | None:
    """The mention with this id (an earlier claim's object), if it is in the document."""
    for _, _, m in ctx.mentions:
        if m.id == mention_id:
            return m
    return None


def org_of(ctx: ClaimContext, noun: Any) -> Mention | None:
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


def place_in(ctx: ClaimContext, *toks: Any) -> Mention | None:
    """A place named by "in"/"at" anywhere under the given tokens ("chief of NTS in Venezuela")."""
    for tok in toks:
        for c in tok.subtree:
            if c.dep_ == "prep" and c.lower_ in ("in", "at") and c.head.dep_ not in ("relcl", "acl"):
                for g in c.children:
                    m = np_mention(ctx, g, PLACES)
                    if m is not None:
                        return m
    return None
