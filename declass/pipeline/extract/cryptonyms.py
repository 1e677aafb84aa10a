"""Cryptonyms: a two-letter digraph and a word (AMLASH, LIENVOY), an agent number apart (AMLASH-1).

Canonical form in capitals; ``attrs["crypt"]`` is the word, ``attrs["agent"]`` the number (an agent
number identifies one person: AMFAUNA-1 and AMFAUNA-14 are two). Known cryptonyms and indicators,
each with the public source naming it, are in ``declass/data/cryptonyms.tsv``; unknown ones are
typed by form: a numbered one is an agent (kind ``person``), else kind ``unknown``. Pure.
"""

from __future__ import annotations

import re
from typing import Any

from declass.pipeline.extract import gazetteer, patterns

# "AMLASH", "AMFAUNA-14", "AMFAUNA/3", "AMLASH-l" (OCR l for 1): digraph + word, agent number apart
CRYPTONYM = re.compile(r"\b(?P<word>[A-Z]{5,})(?:(?:[-/=]|~ ?)(?P<agent>[\dlIO]{1,3}))?(?![\w-])")
_OCR_DIGIT = str.maketrans("lIO", "110")


def cryptonym_parts(text: str) -> tuple[str, str | None] | None:
    """(cryptonym in capitals, agent number or None) of a printed cryptonym, or None.

    "AMFAUNA-14" -> ("AMFAUNA", "14"); "AMFAUNA/l4" -> ("AMFAUNA", "14"); an agent number identifies
    one person, so it is kept apart from the word, never dropped.
    """
    m = CRYPTONYM.fullmatch(text.strip())
    if m is None:
        return None
    printed = m["agent"] or ""
    if not any(c.isdigit() for c in printed):
        return m["word"], None  # no number, or "AMLASH-I" with no digit printed at all
    return m["word"], printed.translate(_OCR_DIGIT).lstrip("0") or "0"


def known_cryptonym(word: str) -> str | None:
    """The known cryptonym ``word`` is, or an OCR variant of by one letter (PBHUMEN, AHLASH), else None."""
    crypts = gazetteer.cryptonyms()
    if word in crypts:
        return word
    if len(word) >= 6:
        for c in crypts:
            if len(c) == len(word) and sum(a != b for a, b in zip(c, word, strict=True)) == 1:
                return c
    return None


def is_cryptonym(word: str, numbered: bool, lexicon: frozenset[str]) -> bool:
    """A capitalised word that is a cryptonym by the known list or by form: a digraph and an
    English word (AMSPELL, LIENVOY), or any non-English word with an agent number (AHLASH-1, an OCR
    variant of AMLASH-1). A digraph alone is not enough: BETANCOURT, CARRILLO, BELIEVES are not."""
    if known_cryptonym(word):
        return True
    if patterns.english(word, lexicon) or (word[:1] + word[1:].lower()) in gazetteer.given_names():
        return False
    return numbered or (word[:2] in gazetteer.digraphs() and patterns.english(word[2:], lexicon))


def cryptonym_attrs(printed: str) -> dict[str, Any]:
    """norm, ``crypt`` and ``agent`` of a cryptonym, with its kind and type typed by the known list
    (``cryptonyms.tsv``) or else by form: a numbered one is an agent (a PERSON)."""
    parts = cryptonym_parts(printed)
    if parts is None:
        return {"norm": printed.upper()}
    printed_word, agent = parts
    crypt = known_cryptonym(printed_word) or printed_word
    known = gazetteer.cryptonyms().get(crypt)
    out: dict[str, Any] = {"norm": f"{crypt}-{agent}" if agent else crypt, "crypt": crypt}
    if crypt != printed_word:
        out["ocr_variant_of"] = crypt
    if agent:
        out["agent"] = agent
    if known:
        out.update(crypt_kind=known["kind"], crypt_type=known["type"], crypt_source=known["source"])
    elif agent:
        out.update(crypt_kind="person", crypt_type="PERSON")
    else:
        out["crypt_kind"] = "unknown"
    return out
