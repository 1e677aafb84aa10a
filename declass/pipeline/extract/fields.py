"""People and bodies named in form fields and memo headers.

The statistical model finds almost nothing on short lines without sentence context, yet every JFK
record opens with the NARA identification form, whose ORIGINATOR, FROM, TO and SUBJECTS fields
name the writer, the addressee and the people the record is about, in capitals and often surname
first ("SCHLESINGER, ARTHUR JR"); OCR prints the values either beside their labels
("FROM : MCCONE, JOHN") or as a column after all the labels ("STATE / DEAN RUSK / THE PRESIDENT").
Memo headers (``MEMORANDUM FOR:``, ``FROM:``, ``THROUGH:``, ``ATTENTION:``) name people the same way.

This stage reads the values by label and position on ``Document.text`` (whose line breaks the clean
text no longer has), types each by its shape, and adds a mention per name with its true offsets:

* a person: ``SURNAME, GIVEN [I.] [JR]`` or ``GIVEN [I.] SURNAME`` in capitals, or one surname
  in capitals in a FROM/TO field; ``norm`` is the canonical form ("Arthur Schlesinger Jr."), the
  mention keeps the printed form;
* a body: an agency code of the form (``LBJ``), referring to the body it names (``attrs["refers"]``)
  unless the code is itself a known body's name (``NARA``);
* nothing: a post or a file ("THE PRESIDENT", "DIRECTOR"), an empty value ("N/A", "NONE"), debris.

It never invents a mention the page does not print. Labels and value words live in
``declass/data/field_labels.tsv``. Pure: a function of the document, no store access.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from typing import Any

from wordfreq import zipf_frequency

from declass.model import Document, Mention, make_id
from declass.pipeline.extract import gazetteer, plausible
from declass.types import wordlists

__all__ = ["FieldName", "add_field_mentions", "field_names", "form_pages", "person_norm"]

_NAME_LABELS = ("PERSON", "ORG", "LOC", "GPE", "ACRONYM")
_SUFFIXES = {"JR": "Jr.", "SR": "Sr.", "II": "II", "III": "III"}
_TOKEN = re.compile(r"[^\s,]+,?")
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’\-]*[A-Z]$|[A-Z]$")
_INITIAL = re.compile(r"[A-Z]\.?$")
# A census name whose English text frequency (Zipf) exceeds log10 of its bearers' share by this
# much is a word first ("cost" 10.2, "south" 9.7, "record" 10.2; "dean" 7.4, "belmont" 8.3).
_WORD_OVER_NAME = 9.0
_FORM_MIN = 3  # form labels on a page that make it the identification form


@dataclass(frozen=True, slots=True)
class FieldName:
    """A name read from a field: its span in ``Document.text``, label, canonical form, field."""

    start: int
    end: int
    label: str  # PERSON | ORG
    norm: str
    field: str  # the label it was printed under, or "column" (the form's value column)


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    """kind -> {form: value} from ``field_labels.tsv``."""
    out: dict[str, dict[str, str]] = {}
    for line in wordlists.lines("field_labels.tsv"):
        kind, form, *rest = line.split("\t")
        out.setdefault(kind, {})[form.strip()] = rest[0].strip() if rest else ""
    return out


@functools.cache
def _label_line() -> re.Pattern[str]:
    """A line starting with a label and a colon (or its OCR forms ";" and a stray "_")."""
    labels = sorted(_table()["label"], key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, label.split())) for label in labels)
    return re.compile(rf"(?:^|(?<=\s))[\W_]{{0,3}}(?P<label>(?i:{alts}))(?![A-Za-z])\s*'?\s*[:;]")


def _words(value: str) -> str:
    return re.sub(r"\s+", " ", value.upper()).strip(" .,;:")


def _nothing(value: str) -> bool:
    """A post, a file or an empty value: no name."""
    v = _words(value)
    return v in _table()["role"] or v in _table()["none"] or v in _table()["label"]


def _census_name(word: str) -> bool:
    """A census name (the census lists every given name) that is not foremost an English word: its
    text frequency is not far above what its bearers' share explains (DEAN, JORDAN; not COST, FILE)."""
    share = wordlists.census_names().get(word.lower(), 0.0)
    return share > 0 and zipf_frequency(word.lower(), "en") - math.log10(share) < _WORD_OVER_NAME


def _given(word: str) -> bool:
    """A given name in capitals: a known one, or a census name."""
    w = word.strip(",.")
    return len(w) >= 2 and w.isalpha() and not _nothing(w) and (plausible.is_given(w) or _census_name(w))


def _surname(word: str) -> bool:
    """A word in capitals that may be a surname: letters, not a label, post, body or place."""
    w = word.strip(",.")
    if len(w) < 2 or not _CAPS_WORD.match(w) or _nothing(w) or w in _table()["agency"]:
        return False
    title = w[:1] + w[1:].lower()
    return not (w in gazetteer.acronyms() or w in gazetteer.orgs() or title in gazetteer.places() or w in gazetteer.places())


def _suffix(word: str) -> str | None:
    return _SUFFIXES.get(word.strip(",.").upper())


def person_norm(given: list[str], surname: str, suffix: str | None = None) -> str:
    """The canonical form of a name printed in capitals: "Arthur Schlesinger Jr.", "John McCone"."""

    def true(word: str) -> str:
        w = word.strip(",")
        if _INITIAL.match(w):
            return w[0] + "."
        parts = re.split(r"([\-'’])", w.lower())
        cased = "".join(p[:1].upper() + p[1:] for p in parts)
        return "Mc" + cased[2:3].upper() + cased[3:] if cased.startswith("Mc") and len(cased) > 3 else cased

    return " ".join([*(true(g) for g in given), true(surname), *([suffix] if suffix else [])])


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]


def _surname_first(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, norm) of every ``SURNAME, GIVEN [I.] [JR]`` among the tokens of a value."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks) - 1:
        word, nxt = toks[i][2], toks[i + 1][2]
        # "EPE, BAYO, ALBERTO": BAYO opens the next name, it is no given name of EPE's
        opens_next = nxt.endswith(",") and i + 2 < len(toks) and _given(toks[i + 2][2])
        if not (word.endswith(",") and _surname(word) and _given(nxt) and _CAPS_WORD.match(nxt.strip(",.")) and not opens_next):
            i += 1
            continue
        given, j, suffix = [nxt.strip(",")], i + 2, None
        if nxt.endswith(","):
            suffix = _suffix(toks[j][2]) if j < len(toks) else None
            j += suffix is not None
        while suffix is None and j < len(toks):
            w = toks[j][2]
            if (s := _suffix(w)) is not None:
                suffix, j = s, j + 1
                break
            starts_name = w.endswith(",") and j + 1 < len(toks) and _given(toks[j + 1][2])
            if starts_name or not (_INITIAL.match(w.strip(",")) or (_given(w) and _CAPS_WORD.match(w.strip(",.")))):
                break
            given.append(w.strip(","))
            j += 1
            if w.endswith(","):
                break
        end = toks[j - 1][1] - (1 if toks[j - 1][2].endswith(",") else 0)
        found.append((toks[i][0], end, person_norm(given, word.strip(","), suffix)))
        i = j
    return found


def _given_first(toks: list[tuple[int, int, str]], strict: bool) -> tuple[int, int, str] | None:
    """A whole value that is ``GIVEN [I.|MIDDLE] SURNAME [JR]`` in capitals ("DEAN RUSK", "S. J.
    PAPICH"); ``strict`` (a column line, no label): every full word a census name."""
    words = [t[2].strip(",") for t in toks]
    suffix = _suffix(words[-1]) if len(words) > 2 else None
    body = words[:-1] if suffix else words
    if not 2 <= len(body) <= 4 or not all(_CAPS_WORD.match(w.rstrip(".")) for w in body):
        return None
    *given, surname = body
    if _INITIAL.match(surname) or not _surname(surname) or not all(_INITIAL.match(g) or _given(g) for g in given):
        return None
    if not any(not _INITIAL.match(g) for g in given) and len(given) < 2:
        return None  # "J. SMITH" alone is too thin; "S. J. PAPICH" is a name
    if strict and (not _census_name(surname) or all(_INITIAL.match(g) for g in given)):
        return None
    end = toks[-1][1] - (1 if toks[-1][2].endswith(",") else 0)
    return toks[0][0], end, person_norm(given, surname, suffix)


def _typed(doc: Document, start: int, end: int, kind: str) -> list[FieldName]:
    """The names of one field value: ``kind`` is its label's (party, body, subject) or "column"."""
    text = doc.text
    value = text[start:end]
    lead = len(value) - len(value.lstrip(" \t_—-~'‘’\"“.:;|*"))
    trail = len(value.rstrip(" \t_—-~'‘’\"“.:;|*,"))
    start, end = start + lead, start + max(trail, lead)
    value = text[start:end]
    if not value or _nothing(value):
        return []
    agency = _table()["agency"].get(_words(value))
    if agency and kind in ("party", "body", "column"):
        return [FieldName(start, end, "ORG", agency, "")]
    toks = _tokens(text, start, end)
    if not toks or kind == "body":
        return []
    found = [FieldName(a, b, "PERSON", n, "") for a, b, n in _surname_first(toks)]
    if found or kind == "subject":
        return found
    if (name := _given_first(toks, strict=kind == "column")) is not None:
        return [FieldName(name[0], name[1], "PERSON", name[2], "")]
    if kind == "party" and len(toks) == 1 and _surname(w := toks[0][2].strip(",.")) and len(w) >= 4:
        # one surname in capitals (FBI forms: "FROM : KEAY", "TO : BELMONT"): a census surname, or
        # a word the record also prints as a name word in lower case ("Keay")
        if _census_name(w) or re.search(rf"\b{w[0]}{w[1:].lower()}\b", text):
            return [FieldName(toks[0][0], toks[0][1] - toks[0][2].endswith(","), "PERSON", person_norm([], w), "")]
    return []


def form_pages(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of the pages that print the NARA identification form (three of its labels)."""
    forms = [re.compile(r"\b" + r"\s+".join(map(re.escape, f.split())) + r"\b") for f in _table()["form"]]
    return [(p.start, p.end) for p in doc.pages if sum(bool(rx.search(doc.text, p.start, p.end)) for rx in forms) >= _FORM_MIN]


def field_names(doc: Document) -> list[FieldName]:
    """Every name printed in a labelled field or in the value column of the identification form."""
    text = doc.text
    kinds = {label: kind for label, kind in _table()["label"].items()}
    out: list[FieldName] = []
    forms = form_pages(doc)
    for line in re.finditer(r"[^\n\f]+", text):
        labels = list(_label_line().finditer(text, line.start(), line.end()))
        if not labels:
            if any(a <= line.start() < b for a, b in forms):
                out += [replace(n, field="column") for n in _typed(doc, line.start(), line.end(), "column")]
            continue
        for i, m in enumerate(labels):
            stop = labels[i + 1].start() if i + 1 < len(labels) else line.end()
            label = re.sub(r"\s+", " ", m.group("label").upper())
            kind = kinds.get(label, "other")
            if kind != "other":
                out += [replace(n, field=label) for n in _typed(doc, m.end(), stop, kind)]
    return [n for n in out if doc.in_clean(n.start) and doc.in_clean(n.end)]


def add_field_mentions(doc: Document) -> Document:
    """Add a mention per field name; a model mention overlapping one is replaced by it."""
    names = field_names(doc)
    if not names:
        return doc
    new: list[Mention] = []
    for n in names:
        attrs: dict[str, Any] = {"rule": "form_field", "field": n.field}
        code = doc.text[n.start : n.end]
        if n.label == "ORG" and code not in gazetteer.orgs() and code not in gazetteer.acronyms():
            # "LBJ" alone would be the President: the code refers to the body; a code that is a
            # known body's own name ("NARA") resolves as printed, with the other mentions of it
            attrs["refers"] = n.norm
        para = doc.paragraph_at(doc.to_clean(n.start))
        new.append(
            Mention(
                id=make_id(doc.id, n.start, n.end, n.label),
                doc_id=doc.id,
                label=n.label,
                text=doc.text[n.start : n.end],
                start=n.start,
                end=n.end,
                page=doc.page_at(n.start),
                paragraph=para.index if para else None,
                norm=n.norm,
                attrs=attrs,
            )
        )
    kept = [m for m in doc.mentions if not (m.label in _NAME_LABELS and any(n.start < m.end and m.start < n.end for n in new))]
    doc.mentions = sorted(kept + new, key=lambda m: (m.start, m.end))
    return doc
