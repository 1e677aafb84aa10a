"""Hedges and negation: how sure the source is of a statement, read from the sentence.

A claim keeps its hedge: "Kandaurov is suspected of having been a Soviet agent" is not the same
fact as "Kandaurov was a Soviet agent". The hedge of a predicate is the cue nearest to it on the
path from its trigger word up to the root of the parse, so "allegedly" in a relative clause does
not hedge the main clause. Works on duck-typed spaCy tokens (``lemma_``, ``lower_``, ``dep_``,
``head``, ``children``); it needs no model and does not import spaCy.
"""

from __future__ import annotations

import re
from typing import Any

from declass.model import Hedge

# Verbs whose passive or "it is ..." use hedges the clause below them.
VERB_CUES: dict[str, Hedge] = {
    "believe": "believed",
    "think": "believed",
    "consider": "believed",
    "suspect": "suspected",
    "allege": "alleged",
    "claim": "alleged",
    "rumor": "rumored",
    "rumour": "rumored",
    "report": "reported",
    "say": "reported",
    "inform": "reported",
    "deny": "denied",
}
# Adverbs that hedge the verb they modify. "probably", "apparently" have no hedge of their own in
# the model's vocabulary; they are read as "believed", the nearest degree of certainty.
ADVERB_CUES: dict[str, Hedge] = {
    "reportedly": "reported",
    "allegedly": "alleged",
    "supposedly": "alleged",
    "purportedly": "alleged",
    "reputedly": "rumored",
    "rumoredly": "rumored",
    "apparently": "believed",
    "probably": "believed",
    "possibly": "believed",
    "presumably": "believed",
}
# Whole-sentence phrases, used when the parse gives no cue on the path (OCR-broken sentences).
PHRASE_CUES: list[tuple[re.Pattern[str], Hedge]] = [
    (re.compile(r"\b(?:rumou?r(?:ed)?|hearsay)\b", re.I), "rumored"),
    (re.compile(r"\bdenie[sd]\b|\bdeny\b", re.I), "denied"),
    (re.compile(r"\bis suspected\b|\bsuspected of\b", re.I), "suspected"),
    (re.compile(r"\bunconfirmed\b|\ballegedly\b", re.I), "alleged"),
    (re.compile(r"\b(?:it is|are|is) believed\b|\bgeneral opinion\b", re.I), "believed"),
    (
        re.compile(r"\baccording to\b|\breportedly\b|\breports? (?:have|has) been received\b|\bit (?:was|is) reported\b", re.I),
        "reported",
    ),
]
NEGATORS = {"not", "never", "n't", "no"}


def _passive_or_expletive(tok: Any) -> bool:
    """Whether a cue verb is used as a hedge ("is believed", "it was reported"), not as an act."""
    deps = {c.dep_ for c in tok.children}
    if "auxpass" in deps or "nsubjpass" in deps:
        return True
    return tok.tag_ in ("VBN",) and tok.dep_ in ("acl", "amod")


def hedge_of_token(trigger: Any, *, include_self: bool = True) -> Hedge | None:
    """The hedge nearest to ``trigger`` on its path to the root, or None when there is none."""
    tok = trigger
    first = True
    for _ in range(40):  # the path to the root is short; the bound guards malformed parses
        if include_self or not first:
            for child in tok.children:
                if child.dep_ == "advmod" and child.lower_ in ADVERB_CUES:
                    return ADVERB_CUES[child.lower_]
                if child.dep_ == "prep" and child.lower_ == "according":
                    return "reported"
            cue = VERB_CUES.get(tok.lemma_.lower())
            if cue and (_passive_or_expletive(tok) or tok.lemma_.lower() == "deny"):
                return cue
            if tok.lower_ in ("opinion", "rumor", "rumour", "hearsay") and tok.dep_ in ("attr", "nsubj"):
                return "believed" if tok.lower_ == "opinion" else "rumored"
        first = False
        if tok.head is tok:
            break
        tok = tok.head
    return None


def hedge_of_text(text: str) -> Hedge:
    """The hedge of a whole sentence from its wording alone; "stated" when nothing hedges it."""
    for pattern, hedge in PHRASE_CUES:
        if pattern.search(text):
            return hedge
    return "stated"


def hedge_for(trigger: Any, sentence_text: str) -> Hedge:
    """The hedge of a predicate: from the parse when it gives one, else from the wording."""
    found = hedge_of_token(trigger)
    if found:
        return found
    # The parse of OCR text often detaches the cue; trust the wording only for strong phrases.
    text_hedge = hedge_of_text(sentence_text)
    return text_hedge if text_hedge in ("rumored", "denied") else "stated"


def is_negated(trigger: Any) -> bool:
    """Whether the predicate at ``trigger`` (or its copula/auxiliary) is negated."""
    toks = [trigger]
    if trigger.dep_ in ("attr", "acomp", "oprd") and trigger.head is not trigger:
        toks.append(trigger.head)
    for tok in toks:
        for child in tok.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATORS):
                return True
    return False
