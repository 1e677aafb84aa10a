"""Cryptonyms as resolution sees them: a digraph + word (AMFAUNA) and an optional agent number.

An agent number identifies an individual, as MGB and MVD are different bodies: AMFAUNA-1 and
AMFAUNA-14 are two people, a cannot-link, however alike the strings are. The word itself may be
damaged by OCR (AMFAUNA / AMFAIINA / ANFAUNA) and still names the same programme or agent, so words
are compared with the OCR-confusion distance while numbers must be equal.

Extraction may put ``attrs["crypt"]`` (the word) and ``attrs["agent"]`` (the number) on a
CRYPTONYM mention; when it does not, the surface form is parsed here. The canonical form is in
capitals: ``AMFAUNA-14``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from declass.model import Mention
from declass.resolve.naming import name_text
from declass.types import wordlists

# "AMFAUNA-14", "AMFAUNA 14", "AMCLOCK/1", "AMCARBON=-1", "AMLASH~1" (OCR of the hyphen).
_DIGIT = re.compile(r"\d")
_FORM = re.compile(r"^\s*([A-Za-z]{4,})(?:\s*[-/~=–—]+\s*|\s+)?(\d{1,3})?\s*$")


@dataclass(frozen=True, slots=True)
class Cryptonym:
    """A parsed cryptonym: the word in capitals and the agent number, if any."""

    word: str
    agent: int | None

    @property
    def canonical(self) -> str:
        """The display form: capitals, hyphen before the agent number."""
        return self.word if self.agent is None else f"{self.word}-{self.agent}"

    @property
    def key(self) -> str:
        """The exact-match key of the form (lower case, like other name keys)."""
        return self.canonical.lower()


@lru_cache(maxsize=1)
def digraphs() -> frozenset[str]:
    """The known two-letter cryptonym prefixes from ``declass/data/cryptonym_digraphs.txt``."""
    return frozenset(w for line in wordlists.lines("cryptonym_digraphs.txt") for w in line.split())


@lru_cache(maxsize=100_000)
def parse_cryptonym(text: str) -> Cryptonym | None:
    """The cryptonym a surface form spells ("AMFAUNA-14" -> AMFAUNA, 14), or None if it is not one."""
    m = _FORM.match(text)
    if m is None:
        return None
    return Cryptonym(m.group(1).upper(), int(m.group(2)) if m.group(2) else None)


def mention_cryptonym(mention: Mention) -> Cryptonym | None:
    """The cryptonym of a mention: extraction's attributes when present, else its parsed text.

    A CRYPTONYM mention always is one; a PERSON or ORG mention only when it is written in capitals
    with a known digraph and an agent number ("AMFAUNA-14" tagged PERSON by the generic model).
    """
    if mention.label != "CRYPTONYM" and not _DIGIT.search(mention.text) and "crypt" not in mention.attrs:
        return None  # only a CRYPTONYM, or a form with an agent number, is one: the common case, kept cheap
    word = mention.attrs.get("crypt")
    if isinstance(word, str) and word.strip():
        agent = mention.attrs.get("agent")
        number = int(agent) if isinstance(agent, int | str) and str(agent).isdigit() else None
        return Cryptonym(word.strip().upper(), number)
    written = name_text(mention).strip()
    parsed = parse_cryptonym(written)
    if parsed is None:
        return None
    if mention.label == "CRYPTONYM":
        return parsed
    if parsed.agent is not None and written[:2].isupper() and written[:2] in digraphs() and written.split("-")[0].isupper():
        return parsed
    return None

