"""Domain coreference: the referring words of CIA memoranda, resolved to what they name.

A memorandum whose SUBJECT line names a person then calls them "Subject" ("Subject arrived in
Miami on 15 May"); KUBARK and "the Agency" are the CIA, ODENVY the FBI, PBRUMEN Cuba. The
generic model takes "Subject" for a person's name and the code names for organisations of their
own, which filled the entity list with a "Subject" of 600 mentions. This stage, run right after
the spaCy mentions are made, replaces such mentions: each keeps its surface form and span and
gets ``attrs["refers"]`` = the referent's name (and ``attrs["rule"]`` = ``coref_*``), so
resolution attaches it to the referent's entity. A referring word whose referent is unknown (no
person on the SUBJECT line) is not a name: any mention spaCy made of it is dropped.

Known code names live in ``declass/data/coref.tsv`` (and extraction's ``cryptonyms.tsv``), each
with its public source. Pure: a function of the document, no store access.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from declass.model import Document, Mention, make_id
from declass.pipeline.extract import gazetteer
from declass.types import wordlists
from declass.types.names import parse_person

__all__ = ["coreference", "known_forms", "subject_referent"]


# "Subject" as a noun for the memo's subject, with OCR variants seen in the JFK records; not the
# header label ("SUBJECT:"), not "Subject to the availability of funds", not "Subjects".
SUBJECT_WORD = re.compile(
    r"\b(?:Subject|Subjcct|Subjeet|Subjoct|Subjest|Subjesct|Sabject|Gubject|Bubject|Eubject)(?=(?:['’]s)?\b)(?!\s*[:;]|\s+(?:to|of)\b)"
)
SOURCE_WORD = re.compile(r"\b(?:Source|Sourcc|Souree)(?=(?:['’]s)?\b)(?!\s*[:;]|\s+(?:of|for|material|report)\b)")
_SUBJECT_LINE = re.compile(r"^[ \t>*]*(?:SUBJECT|SUBJ|Subject)\s*[:;.]\s*(?P<value>[^\n]{2,200})$", re.M)
_SOURCE_LINE = re.compile(r"^[ \t>*]*(?:SOURCE|Source)\s*[:;]\s*(?P<value>[^\n]{2,300})$", re.M)
# The CIA writes the surname first in capitals: "MORGAN, Edward P.", "JANIKOWSKI, Henryk Ignacy".
_SURNAME_FIRST = re.compile(r"\b[A-Z][A-Z'\-]{2,},\s*[A-Z][a-z]+(?:\s+[A-Z](?:[a-z]+|\.))*")
_CRYPTONYM = re.compile(r"\b[A-Z]{5,}[-/]\d{1,3}\b")
_NAMES = ("PERSON", "ORG", "LOC", "CRYPTONYM", "ACRONYM")
# A mention that is nothing but a referring word is never a name of its own ("Subject to ...").
_BARE_WORD = re.compile(rf"(?:{SUBJECT_WORD.pattern}|{SOURCE_WORD.pattern}|SUBJECT|SUBJ|SOURCE)(?:['’]s)?", re.I)


@lru_cache(maxsize=1)
def known_forms() -> tuple[tuple[str, str, str], ...]:
    """(form, label, referent) of every known code name and referring phrase.

    From ``coref.tsv``, and from extraction's list of known cryptonyms (``cryptonyms.tsv``: the
    bodies and countries it identifies, ``kind`` org or country with type ORG or LOC) when it
    is there, which then wins for a code name listed in both.
    """
    table: dict[str, tuple[str, str]] = {}
    for line in wordlists.lines("coref.tsv"):
        form, label, referent, *_ = line.split("\t")
        table[form.strip()] = (label.strip(), referent.strip())
    for word, known in gazetteer.cryptonyms().items():
        if known["kind"] in ("org", "country") and known["type"] in ("ORG", "LOC"):  # a station keeps its own name (JMWAVE)
            table[word] = (known["type"], known["refers"])
    return tuple((form, label, referent) for form, (label, referent) in sorted(table.items()))


@lru_cache(maxsize=1)
def _known_pattern() -> re.Pattern[str]:
    alts = []
    for form, _, _ in sorted(known_forms(), key=lambda f: -len(f[0])):
        if form.lower().startswith("the "):  # "the Agency": only the name is the mention
            alts.append(rf"(?<=\b[Tt]he ){re.escape(form[4:])}")
        else:
            alts.append(re.escape(form))
    return re.compile(rf"\b(?:{'|'.join(alts)})\b")


def _referent_of(form: str) -> tuple[str, str] | None:
    for known, label, referent in known_forms():
        if form == known or (known.lower().startswith("the ") and form == known[4:]):
            return label, referent
    return None


def _plausible_name(text: str) -> bool:
    """A person's name worth referring to: a surname of three letters or more, not a referring word."""
    if SUBJECT_WORD.fullmatch(text.strip()) or SOURCE_WORD.fullmatch(text.strip()):
        return False
    surname = parse_person(text).surname
    return len(surname) >= 3 and surname.isalpha()


def _line_referent(doc: Document, text: str, line: re.Match[str] | None) -> Mention | str | None:
    """The person a header line names: a person (or agent) mention on it, else a surname-first name."""
    if line is None:
        return None
    s, e = doc.to_original(line.start("value")), doc.to_original(line.end("value"))
    for m in doc.mentions:
        if s <= m.start < e and (m.label == "PERSON" or (m.label == "CRYPTONYM" and _CRYPTONYM.search(m.text))):
            if m.label == "CRYPTONYM" or _plausible_name(m.text):
                return m
    value = line.group("value")
    found = _SURNAME_FIRST.search(value) or _CRYPTONYM.search(value)
    return found.group() if found else None


def subject_referent(doc: Document) -> Mention | str | None:
    """Whom "Subject" means in this document: the person of its SUBJECT line, if it names one."""
    text = doc.clean_text or doc.text
    return _line_referent(doc, text, _SUBJECT_LINE.search(text))


def _source_referent(doc: Document) -> Mention | str | None:
    text = doc.clean_text or doc.text
    line = _SOURCE_LINE.search(text)
    ref = _line_referent(doc, text, line)
    return ref if ref is not None and (not isinstance(ref, Mention) or ref.label != "ORG") else None


def _new_mention(doc: Document, c0: int, c1: int, label: str, referent: Mention | str, rule: str) -> Mention:
    start, end = doc.to_original(c0), doc.to_original(c1)
    name = referent.text if isinstance(referent, Mention) else referent
    attrs: dict[str, Any] = {"rule": rule, "refers": name}
    if isinstance(referent, Mention):
        label = "CRYPTONYM" if referent.label == "CRYPTONYM" else label
        attrs["refers_mention"] = referent.id
        attrs.update({k: v for k, v in referent.attrs.items() if k in ("crypt", "agent")})
    elif _CRYPTONYM.fullmatch(name):
        label = "CRYPTONYM"
    para = doc.paragraph_at(c0)
    return Mention(
        id=make_id(doc.id, start, end, label),
        doc_id=doc.id,
        label=label,
        text=doc.text[start:end],
        start=start,
        end=end,
        page=doc.page_at(start),
        paragraph=para.index if para else None,
        attrs=attrs,
    )


def coreference(doc: Document) -> Document:
    """Replace the mentions of referring words and code names by mentions of what they refer to.

    Returns the document with ``mentions`` rewritten (sorted by offset); other fields untouched.
    """
    text = doc.clean_text or doc.text
    found: list[Mention] = []
    drop: list[tuple[int, int]] = []
    for pattern, referent, label, rule in (
        (SUBJECT_WORD, subject_referent(doc), "PERSON", "coref_subject"),
        (SOURCE_WORD, _source_referent(doc), "PERSON", "coref_source"),
    ):
        for m in pattern.finditer(text):
            if referent is None:
                drop.append((doc.to_original(m.start()), doc.to_original(m.end())))
            else:
                found.append(_new_mention(doc, m.start(), m.end(), label, referent, rule))
    for m in _known_pattern().finditer(text):
        known = _referent_of(m.group())
        if known is not None:
            found.append(_new_mention(doc, m.start(), m.end(), known[0], known[1], "coref_known"))
    # A code name printed with OCR damage ("RUBARK", "KUBARX") refers as the code name does:
    # extraction has already read it as that cryptonym (``ocr_variant_of``).
    for old in doc.mentions:
        known = _referent_of(old.attrs.get("ocr_variant_of") or "")
        if known is not None and not any(f.start < old.end and old.start < f.end for f in found):
            c0, c1 = doc.to_clean(old.start), doc.to_clean(old.end)
            found.append(_new_mention(doc, c0, c1, known[0], known[1], "coref_known"))
    spans = [(m.start, m.end) for m in found] + drop

    def replaced(m: Mention) -> bool:
        overlaps = any(s < m.end and m.start < e for s, e in spans)
        return m.label in _NAMES and (overlaps or bool(_BARE_WORD.fullmatch(m.text.strip())))

    if not found and not any(replaced(m) for m in doc.mentions):
        return doc
    kept = [m for m in doc.mentions if not replaced(m)]
    # A replaced spaCy mention lends its sentence index to the new one at the same place.
    sentence = {(m.start, m.end): m.sentence for m in doc.mentions}
    found = [replace(m, sentence=sentence.get((m.start, m.end))) for m in found]
    doc.mentions = sorted(kept + found, key=lambda m: (m.start, m.end))
    return doc
