"""Cryptonyms: a two-letter digraph and a word (AMLASH, LIENVOY), an agent number apart (AMLASH-1).

Canonical form in capitals; ``attrs["crypt"]`` is the word, ``attrs["agent"]`` the number (an agent
number identifies one person: AMFAUNA-1 and AMFAUNA-14 are two). Known cryptonyms and indicators,
each with the public source naming it, are in ``declass/data/cryptonyms.tsv``; unknown ones are
typed by form: a numbered one is an agent (kind ``person``), else kind ``unknown``.

:func:`find_cryptonyms` finds them in a text as printed: damaged separators and digits
("AMLASH-~1", "AMBANG-}"), glued to a hyphen or a plural "s" ("JMWAVE-was", "JMWAVEs"), a known one
split in two by the OCR ("PBR UMEN"), further agent numbers listed after one ("LIEMPTY-6 & 8"). A
known cryptonym that is also an English word (LIMITED, OXCART) counts only where the capitals mark
it, in a line written in lower case. Pure.
"""

from __future__ import annotations

import re
from typing import Any

from declass.pipeline.extract import gazetteer, patterns

# "AMLASH", "AMFAUNA-14", "AMFAUNA/3", "AMLASH-l" (OCR l for 1), "AMCARBON=-1", "AMLASH-~1",
# "AMCARBON~-1", "AMCLOCK,’1", "AMBANG-}", "LIHUFF/!", "AMCLOCK/i" (a bracket, a "!" or an "i" for
# 1): digraph + word, agent number apart. A bare word may be glued to a hyphen and a lower-case
# word ("JMWAVE-was") or to a plural or possessive "s" ("JMWAVEs").
CRYPTONYM = re.compile(
    r"\b(?P<word>[A-Z]{5,})"
    r"(?:(?:[-/=–—]{1,2}|[-=]?~-?|,[’']) ?(?P<agent>[\dlIO]{1,3}|[}\]|!i](?![\d}\]|!]))(?![\w-])|(?=s?(?:[^\w-]|$)|-[a-z]))"
)
_OCR_DIGIT = str.maketrans("lIO}]|!i", "11011111")
# After a separator these, alone, are a damaged 1, never a letter ("AMBANG-}", "LIHUFF/!", "AMCLOCK/i")
_BRACKET_ONE = frozenset("}]|!i")
# "LIEMPTY-6 §& 8", "AMCANOE-2, 3 and 4": further agents of the same cryptonym ("§&" is OCR of "&").
_MORE_AGENTS = re.compile(r"\s*(?:,|§?&|and|or)\s*(?P<agent>\d{1,3})(?![\w/-])")
_MONTH = re.compile(r"\s*(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)", re.I)  # "AMLASH-1, 2 MAY"
# Two capital words with one space between them ("PBR UMEN"; the second may have been truecased
# with its shouted line, "PBR Umen"): a known cryptonym split by the OCR.
_SPLIT = re.compile(r"\b(?=(?P<a>[A-Z]{2,})[ ](?P<b>[A-Z](?:[A-Z]+|[a-z]+))\b)")
_LOWER_SHARE = 0.5  # a line this much in lower-case letters is written in lower case
_USES = 3  # a short-worded cryptonym printed this often in a document is used as one


def cryptonym_parts(text: str) -> tuple[str, str | None] | None:
    """(cryptonym in capitals, agent number or None) of a printed cryptonym, or None.

    "AMFAUNA-14" -> ("AMFAUNA", "14"); "AMFAUNA/l4" -> ("AMFAUNA", "14"); an agent number identifies
    one person, so it is kept apart from the word, never dropped.
    """
    m = CRYPTONYM.fullmatch(text.strip())
    if m is None:
        return None
    printed = m["agent"] or ""
    if not has_number(printed):
        return m["word"], None  # no number, or "AMLASH-I" with no digit printed at all
    return m["word"], printed.translate(_OCR_DIGIT).lstrip("0") or "0"


def has_number(agent: str | None) -> bool:
    """Whether the printed agent part of a cryptonym is a number: a digit, or a lone bracket read
    for 1 ("AMBANG-}", "LIHUFF/!", "AMCLOCK/i"); "AMLASH-I", with only a capital letter, is not."""
    if not agent:
        return False
    return any(c.isdigit() for c in agent) or agent in _BRACKET_ONE


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


def english_form(word: str, lexicon: frozenset[str]) -> bool:
    """``word`` is an English word, inflected ("BELYING", "QUERIED", "CALLING") or not: what the
    lexicon's own test (plural and past endings) misses is tried here."""
    if patterns.english(word, lexicon):
        return True
    w = word.lower()
    stems: set[str] = set()
    if w.endswith("ing"):
        stems |= {w[:-3], w[:-3] + "e"}
        if w.endswith("ying"):
            stems.add(w[:-4] + "ie")  # belying -> belie
        if len(w) > 5 and w[-4] == w[-5]:
            stems.add(w[:-4])  # running -> run
    if w.endswith("ied"):
        stems.add(w[:-3] + "y")
    if w.endswith("ly"):
        stems.add(w[:-2])
    if w.endswith(("er", "or")):
        stems |= {w[:-2], w[:-1]}
    return any(len(s) >= 4 and s in lexicon for s in stems)


def is_cryptonym(
    word: str, numbered: bool, lexicon: frozenset[str], *, marked: bool = True, agents: frozenset[str] = frozenset()
) -> bool:
    """A capitalised word that is a cryptonym by the known list or by form: a digraph and an
    English word (AMSPELL, LIENVOY), or any non-English word with an agent number (AHLASH-1, an OCR
    variant of AMLASH-1). A digraph alone is not enough: BETANCOURT, CARRILLO, BELIEVES, BELYING are
    not. A word of three letters after the digraph (AMMUG; WOMEN, an English plural the lexicon
    lacks) needs the use: the document uses it as a cryptonym elsewhere (``agents``: with an agent
    number, in a slug line, or often; :func:`find_cryptonyms`). A known
    cryptonym that is an English word (LIMITED) needs ``marked``: its capitals must stand out from
    lower-case text."""
    if known_cryptonym(word):
        return marked or not english_form(word, lexicon)
    if english_form(word, lexicon) or (word[:1] + word[1:].lower()) in gazetteer.given_names():
        return False
    if numbered:
        return True
    rest = word[2:]
    return word[:2] in gazetteer.digraphs() and patterns.english(rest, lexicon) and (len(rest) > 3 or word in agents)


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


def lower_case_line(text: str, offset: int) -> bool:
    """Whether the line around ``offset`` is written in lower case (most of its letters), where a
    word in capitals is marked as a name; in a cable all in capitals nothing is marked."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    letters = [c for c in text[start : end if end >= 0 else len(text)] if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) >= _LOWER_SHARE * len(letters)


Found = tuple[int, int, dict[str, Any]]


def find_cryptonyms(text: str, lexicon: frozenset[str], known: frozenset[str]) -> list[Found]:
    """The cryptonyms of a text as (start, end, attributes): forms matched by :data:`CRYPTONYM`,
    known cryptonyms split in two by the OCR, and agent numbers listed after a numbered one (the
    span of "8" in "LIEMPTY-6 & 8" is the agent LIEMPTY-8). ``known`` are names that are no
    cryptonym however they look (known organisations and acronyms)."""
    found: list[Found] = []
    matches = list(CRYPTONYM.finditer(text))
    agents = _used_as_cryptonyms(text, matches)
    line_marks: dict[int, bool] = {}  # line start -> lower_case_line: judged once per line
    for m in matches:
        word, numbered = m["word"], has_number(m["agent"])
        end = m.end() if numbered else m.end("word")
        line = text.rfind("\n", 0, m.start()) + 1
        if (marked := line_marks.get(line)) is None:
            marked = line_marks[line] = lower_case_line(text, m.start())
        if word in known or not is_cryptonym(word, numbered, lexicon, marked=marked, agents=agents):
            continue
        attrs = cryptonym_attrs(text[m.start() : end])
        found.append((m.start(), end, attrs))
        if numbered:
            found.extend(_listed_agents(text, end, attrs["crypt"]))
    taken = [(s, e) for s, e, _ in found]
    for m in _SPLIT.finditer(text):
        joined, end = m["a"] + m["b"].upper(), m.end("b")
        if len(joined) >= 5 and not any(s < end and m.start() < e for s, e in taken):
            if known_cryptonym(joined) and not known_cryptonym(m["a"]) and not known_cryptonym(m["b"].upper()):
                found.append((m.start(), end, cryptonym_attrs(joined)))
    return sorted(found, key=lambda f: f[0])


def _used_as_cryptonyms(text: str, matches: list[re.Match[str]]) -> frozenset[str]:
    """Words the document uses as cryptonyms: printed with an agent number ("AMMUG/1"), against a
    slash as in a slug line ("JMZIP/Operational", "TYPIC/AMSPELL"), or three times and more."""
    counts: dict[str, int] = {}
    used: set[str] = set()
    for m in matches:
        word = m["word"]
        counts[word] = counts.get(word, 0) + 1
        slashed = text[m.start() - 1 : m.start()] == "/" or text[m.end("word") : m.end("word") + 1] == "/"
        if has_number(m["agent"]) or slashed or counts[word] >= _USES:
            used.add(word)
    return frozenset(used)


def _listed_agents(text: str, pos: int, crypt: str) -> list[Found]:
    """Agent numbers listed after a numbered cryptonym ending at ``pos``, each the agent of the
    same cryptonym; a number followed by a month is a date ("AMLASH-1, 2 MAY 63")."""
    out: list[Found] = []
    while (m := _MORE_AGENTS.match(text, pos)) is not None and not _MONTH.match(text, m.end()):
        attrs = cryptonym_attrs(f"{crypt}-{m['agent']}")
        out.append((m.start("agent"), m.end("agent"), {**attrs, "listed": True}))
        pos = m.end()
    return out


def digits_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The digits of a listed agent number's span, which the tokenizer may have widened ("8)")."""
    m = re.search(r"\d+", text[start:end])
    return (start + m.start(), start + m.end()) if m else (start, end)
