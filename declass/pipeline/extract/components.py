"""The domain layer: spaCy components registered by name, run after the statistical ``ner``.

Each is a ``doc -> doc`` callable that edits ``doc.ents`` and records what it found in
``doc.user_data["declass"]``: ``attrs`` (per character span: rule, norm...) and ``links``
(acronym, translation, alias pairs of character spans) that :mod:`.mentions` turns into relations.

    declass_values       money with escaped dollar signs, date ranges, "10 NOV 50", 201 file numbers, cryptonyms
    declass_names        patronymic, initial and surname-first names, name-list lines, alias cues
    declass_gazetteer    intelligence and party bodies, places, OCR variants of acronyms, acronym definitions
    declass_consistency  document-level labels (PERSON elsewhere is not GPE here), surname and fuzzy re-use

Invariant: the Doc text is ``Document.clean_text`` (possibly truecased: same length), so character
offsets here are clean-text offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from declass.pipeline.extract import bodies as named_bodies
from declass.pipeline.extract import family, gazetteer, patterns, perdoc
from declass.pipeline.extract.cryptonyms import find_cryptonyms
from declass.pipeline.extract.shapes import (
    ACRONYM_DEF,
    ACRONYM_FIRST,
    GIVEN_CAPS,
    PARTS,
    TRANSLATION,
    body_names,
    canonical_acronym,
    given_caps,
    name_initials,
    trim_name,
)
from declass.types.dates import MONTH_WORD as _MONTH
from declass.types.dates import YEAR as _YEAR
from declass.types.dates import parse_date

KEY = "declass"
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "MONEY")


def info(doc: Doc) -> dict[str, Any]:
    """The per-document record of the domain layer (created on first use)."""
    data: dict[str, Any] = doc.user_data.setdefault(KEY, {"attrs": {}, "links": []})
    return data


def lexicon_of(nlp: Language) -> frozenset[str]:
    """English words known to the pipeline's lemmatizer tables (empty if it has none)."""
    words: set[str] = set()
    if "lemmatizer" in nlp.component_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            for values in lookups.get_table("lemma_index").values():
                words.update(values)
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(words | set(STOP_WORDS))


def put(doc: Doc, spans: Iterable[Span], override: bool = True) -> list[Span]:
    """Add spans to ``doc.ents``; with ``override`` they replace overlapping entities, else they
    only fill gaps. Returns the spans actually placed."""
    new: list[Span] = []
    taken: set[int] = set()
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        idx = set(range(s.start, s.end))
        if s.end > s.start and not idx & taken:
            new.append(s)
            taken |= idx
    if not new:
        return []  # reading and re-setting doc.ents each build every span: skipped when nothing changes
    old = list(doc.ents)
    if override:
        keep = [e for e in old if not set(range(e.start, e.end)) & taken]
        placed = new
    else:
        used = {i for e in old for i in range(e.start, e.end)}
        keep = old
        placed = [s for s in new if not set(range(s.start, s.end)) & used]
        if not placed:
            return placed
    doc.ents = sorted(keep + placed, key=lambda s: s.start)
    return placed


def span(doc: Doc, start: int, end: int, label: str, rule: str, **attrs: Any) -> Span | None:
    """A character span snapped to tokens, with its rule recorded."""
    s = doc.char_span(start, end, label=label, alignment_mode="expand")
    if s is None or not s.text.strip():
        return None
    info(doc)["attrs"][(s.start_char, s.end_char)] = {"rule": rule, **attrs}
    return s


# --- values -------------------------------------------------------------------------------------

DATE_PATTERNS = [
    re.compile(rf"\b\d{{1,2}}\s+{_MONTH}\s+(?:\d{{4}}|\d{{2}})\b", re.I),  # 10 NOV 50, 29 JUN 1978
    re.compile(rf"\b(?:between\s+|from\s+)?{_YEAR}\s+(?:or|and|to)\s+{_YEAR}\b"),  # 1947 or 1948
    re.compile(rf"\b{_YEAR}-\d\d\b(?![-\d])"),  # 1924-25
    re.compile(rf"\b(?:[Ee]arly|[Cc]arly|[Mm]id|[Ll]ate)[\s-]+(?:in\s+)?(?:{_MONTH}\s+)?{_YEAR}\b"),
]
MONEY_ESCAPED = re.compile(r"\\?\$\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s+(?:thousand|million|billion))?|\\?\$\s?\d+(?:\.\d+)?")


@Language.factory("declass_values", requires=["doc.ents"], assigns=["doc.ents"])
def make_values(nlp: Language, name: str) -> Any:
    """Dates, money, 201 file numbers and cryptonyms the generic model misses or mislabels."""
    lexicon = lexicon_of(nlp)
    known = frozenset(gazetteer.orgs()) | gazetteer.acronyms()

    def values(doc: Doc) -> Doc:
        text = perdoc.text(doc)
        found: list[Span] = []
        for pattern in DATE_PATTERNS:
            for m in pattern.finditer(text):
                if parse_date(m.group()) is not None or m.group()[:2].isdigit():
                    if s := span(doc, m.start(), m.end(), "DATE", "date_pattern"):
                        found.append(s)
        for m in MONEY_ESCAPED.finditer(text):
            if s := span(doc, m.start(), m.end(), "MONEY", "money_pattern"):
                found.append(s)
        for m in patterns.FILE_NUMBER.finditer(text):
            if s := span(doc, m.start(), m.end(), "FILE_NUMBER", "file_201", norm=m.group()):
                found.append(s)
        for start, end, attrs in find_cryptonyms(text, lexicon, known):
            if s := span(doc, start, end, "CRYPTONYM", "cryptonym", **attrs):
                found.append(s)
        put(doc, found, override=True)
        return doc

    return values


# --- names --------------------------------------------------------------------------------------

_LIST_LINE = re.compile(r"[^\n]+")
_LIST_PREFIX = re.compile(r"^[\s>*•\-–]*")


@Language.factory("declass_names", requires=["doc.ents"], assigns=["doc.ents"])
def make_names(nlp: Language, name: str) -> Any:
    """Person names by shape: name lists, patronymics, initials, surname-first, given name and a
    surname in capitals, alias targets."""
    lexicon = lexicon_of(nlp)

    def names(doc: Doc) -> Doc:
        text = perdoc.text(doc)
        found: list[Span] = []
        for line in _LIST_LINE.finditer(text):
            body_start = line.start() + len(_LIST_PREFIX.match(line.group()).group())  # type: ignore[union-attr]  # the prefix may be empty: it always matches
            toks = [
                (m.start() + body_start, m.end() + body_start, m.group())
                for m in re.finditer(r"\S+", text[body_start : line.end()])
            ]
            parts = patterns.split_name_list([t for _, _, t in toks])
            for a, b in parts or []:
                if s := span(doc, toks[a][0], toks[b - 1][1], "PERSON", "name_list"):
                    found.append(s)
        for rule, pattern in (
            ("patronymic", patterns.PATRONYMIC_NAME),
            ("initials", patterns.INITIAL_NAME),
            ("surname_first", patterns.SURNAME_FIRST),
        ):
            for m in pattern.finditer(text):
                start = m.start()
                if rule == "initials" and m["g"].rstrip(".") in patterns.TITLES:
                    start = m.end("g") + 1
                head = m.group().split(",")[0].split()[0]
                if head in gazetteer.orgs() or head in gazetteer.places():
                    continue
                given = m.group().split(",")[1].split()[0] if rule == "surname_first" else ""
                if given in gazetteer.titles():
                    continue  # "Samuel G. WISE, Counsel in the Embassy": a title, not a given name
                if given and given not in gazetteer.given_names() and patterns.english(given, lexicon):
                    continue  # "REUTEMAN, As", "CHAYES, / Legal Adviser": an English word, not a given name
                if s := span(doc, start, m.end(), "PERSON", rule):
                    found.append(s)
        for m in GIVEN_CAPS.finditer(text):
            if given_caps(m["g"], m["s"], lexicon):
                if s := span(doc, m.start(), m.end(), "PERSON", "given_caps"):
                    found.append(s)
        for m in patterns.ALIAS_CUE.finditer(text):
            if s := span(doc, m.start("name"), m.end("name"), "PERSON", "alias_target"):
                found.append(s)
                info(doc)["links"].append(
                    ("alias_cue", (m.start(), m.start("name")), (s.start_char, s.end_char), m.group().strip())
                )
        ranges, shorts = family.names_and_shorts(text, lexicon)  # "NGO DINH NHU", then "NHU" alone
        found += [s for a, b in ranges if (s := span(doc, a, b, "PERSON", "family_first"))]
        put(doc, found, override=True)
        put(doc, [s for a, b in family.short_ranges(doc, shorts) if (s := span(doc, a, b, "PERSON", "family_short"))])
        return doc

    return names


# --- gazetteer ----------------------------------------------------------------------------------


@Language.factory("declass_gazetteer", requires=["doc.ents"], assigns=["doc.ents"])
def make_gazetteer(nlp: Language, name: str) -> Any:
    """Known bodies and places; OCR variants of acronyms in the document; acronym definitions."""
    matcher = PhraseMatcher(nlp.vocab)
    orgs, places = gazetteer.orgs(), gazetteer.places()
    matcher.add("ORG", [nlp.make_doc(t) for t in orgs])
    matcher.add("GPE", [nlp.make_doc(t) for t in places])
    lexicon = lexicon_of(nlp)

    def gazetteer_component(doc: Doc) -> Doc:
        text = perdoc.text(doc)
        data = info(doc)
        found: list[Span] = []
        covering: list[Span] = []
        ents = doc.ents  # built on every access: once, not once per match (long windows)
        for match_id, start, end in matcher(doc):
            label = nlp.vocab.strings[match_id]
            s = Span(doc, start, end, label=label)
            norm = orgs.get(s.text) if label == "ORG" else None
            data["attrs"][(s.start_char, s.end_char)] = {"rule": "gazetteer", **({"norm": norm} if norm else {})}
            found.append(s)
            if len(s) > 1 and _covers(s, ents):
                covering.append(s)  # "Alpha 66" over the model's PERSON "Alpha" and CARDINAL "66"
        # Acronyms spelled right somewhere in this document; their one-letter OCR variants elsewhere.
        texts, acronyms = perdoc.token_texts(doc), gazetteer.acronyms()  # texts, not Token objects
        present = {t for t in texts if t in acronyms}
        for m in ACRONYM_DEF.finditer(text):
            offset, name = trim_name(m["name"], m["acr"])
            present.add(canonical_acronym(m["acr"], present, name))
        for i, w in enumerate(texts):
            if 2 <= len(w) <= 5 and w.isupper() and w.isalpha() and w not in acronyms and w.lower() not in lexicon:
                canon = canonical_acronym(w, present)
                if canon != w and canon in present:
                    s = Span(doc, i, i + 1, label="ORG")
                    data["attrs"][(s.start_char, s.end_char)] = {"rule": "ocr_variant", "norm": canon, "ocr_variant_of": canon}
                    found.append(s)
        bodies = [b for b in (span(doc, a0, a1, "ORG", "body_head") for a0, a1 in body_names(text, lexicon)) if b is not None]
        # An ordinal or nationality the model saw inside a body's name is part of it ("First" in
        # "First Chief Directorate", "Israeli" in "Israeli Intelligence Service").
        parts = [e for e in doc.ents if e.label_ in PARTS and any(b.start <= e.start and e.end <= b.end for b in bodies)]
        if parts:
            doc.ents = [e for e in doc.ents if e not in parts]
        found += bodies
        # Known bodies as printed (capitals, wrapped) and "Office of X" shapes (extract/bodies.py).
        model = [(e.start_char, e.end_char, e.label_) for e in ents]
        for a0, a1, rule, known in named_bodies.found(text, lexicon):
            if (b := span(doc, a0, a1, "ORG", rule, **({"norm": known} if known else {}))) is not None:
                found.append(b)
                if named_bodies.wins(text, (b.start_char, b.end_char), model):
                    covering.append(b)
        defs: list[Span] = []
        for m in ACRONYM_DEF.finditer(text):
            acr = m["acr"]
            offset, name = trim_name(m["name"], acr)
            if not name or name_initials(name.split())[:1] not in (acr[0], canonical_acronym(acr, present, name)[0]):
                continue
            canon = canonical_acronym(acr, present, name)
            n0 = m.start("name") + offset
            name_span = span(doc, n0, n0 + len(name), "ORG", "acronym_definition", norm=canon)
            acr_span = span(doc, m.start("acr"), m.end("acr"), "ACRONYM", "acronym_definition", norm=canon)
            tr_span = span(doc, m.start("tr"), m.end("tr"), "ORG", "acronym_definition", norm=canon) if m["tr"] else None
            if name_span is None or acr_span is None:
                continue
            defs += [s for s in (name_span, acr_span, tr_span) if s is not None]
            data["links"].append(
                ("acronym", (acr_span.start_char, acr_span.end_char), (name_span.start_char, name_span.end_char), canon)
            )
            if tr_span is not None:
                data["links"].append(
                    ("translation", (name_span.start_char, name_span.end_char), (tr_span.start_char, tr_span.end_char), None)
                )
        for m in ACRONYM_FIRST.finditer(text):
            acr = m["acr"]
            canon = canonical_acronym(acr, present)
            a = span(doc, m.start("acr"), m.end("acr"), "ACRONYM", "acronym_definition", norm=canon)
            e = span(doc, m.start("exp"), m.end("exp"), "ORG", "acronym_definition", norm=canon)
            if a is not None and e is not None:
                defs += [a, e]
                data["links"].append(("acronym", (a.start_char, a.end_char), (e.start_char, e.end_char), canon))
        for m in TRANSLATION.finditer(text):
            words = m["name"].split()
            foreign = sum(w.lower() not in lexicon for w in words)
            if foreign * 2 < len(words) or "(" in m["tr"]:
                continue
            a = span(doc, m.start("name"), m.end("name"), "ORG", "translation")
            b = span(doc, m.start("tr"), m.end("tr"), "ORG", "translation")
            if a is not None and b is not None:
                defs += [a, b]
                data["links"].append(("translation", (a.start_char, a.end_char), (b.start_char, b.end_char), None))
        # Model entities win over the plain gazetteer where they overlap, except exact relabels.
        by_range = {(e.start, e.end): e for e in doc.ents}
        exact = [s for s in found if (s.start, s.end) in by_range] + covering
        put(doc, exact, override=True)
        put(doc, found, override=False)
        put(doc, defs, override=True)
        return doc

    return gazetteer_component


def _covers(s: Span, ents: Iterable[Span]) -> bool:
    """A known name of several words holds every entity it overlaps (and at least one): the model
    read its words apart ("Alpha" PERSON, "66" CARDINAL), so the known name wins over them."""
    inside = [e for e in ents if e.start < s.end and s.start < e.end]
    return bool(inside) and all(s.start <= e.start and e.end <= s.end for e in inside)


# --- consistency --------------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
RELABEL_FROM = {"GPE", "LOC", "ORG", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}


@Language.factory(
    "declass_consistency",
    default_config={"fuzzy": 85, "split_lists": True},
    requires=["doc.ents"],
    assigns=["doc.ents"],
)
def make_consistency(nlp: Language, name: str, fuzzy: int, split_lists: bool) -> Any:
    """One label per name in a document: a token sequence that is a PERSON elsewhere is a PERSON
    here; bare surnames (and close OCR variants of them, ``fuzzy`` >= score) are the person."""
    lexicon = lexicon_of(nlp)
    gaz = frozenset(gazetteer.orgs()) | gazetteer.places()

    def consistency(doc: Doc) -> Doc:
        data = info(doc)
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        names = {_POSSESSIVE.sub("", e.text) for e in persons}
        surnames = {
            e[-1].text for e in persons if len(e) > 1 and patterns.TITLE_TOKEN_RE.match(e[-1].text) and len(e[-1].text) > 3
        }
        surnames -= gaz
        names -= gaz
        changed: list[Span] = []
        for e in doc.ents:
            if e.label_ in RELABEL_FROM:
                bare = _POSSESSIVE.sub("", e.text)
                if bare in names or bare in surnames:
                    s = Span(doc, e.start, e.end, label="PERSON")
                    data["attrs"].setdefault((s.start_char, s.end_char), {"rule": "consistency"})
                    changed.append(s)
        put(doc, changed, override=True)
        filled: list[Span] = []
        in_ent = {i for e in doc.ents for i in range(e.start, e.end)}
        for i, w in enumerate(perdoc.token_texts(doc)):  # texts, not Token objects: one per token
            if i in in_ent or len(w) < 4 or not patterns.TITLE_TOKEN_RE.match(w) or w in gaz:
                continue
            rule = None
            if w in surnames:
                rule = "surname"
            elif fuzzy and len(w) >= 6 and w.lower() not in lexicon:
                best = max((fuzz.ratio(w, s) for s in surnames), default=0)
                if best >= fuzzy:
                    rule = "surname_fuzzy"
            if rule:
                s = Span(doc, i, i + 1, label="PERSON")
                data["attrs"][(s.start_char, s.end_char)] = {"rule": rule}
                filled.append(s)
        if fuzzy:
            for e in doc.ents:
                if e.label_ in RELABEL_FROM and len(e) == 1 and e.text.lower() not in lexicon and e.text not in gaz:
                    if max((fuzz.ratio(e.text, s) for s in surnames), default=0) >= fuzzy:
                        s = Span(doc, e.start, e.end, label="PERSON")
                        data["attrs"][(s.start_char, s.end_char)] = {"rule": "surname_fuzzy"}
                        filled.append(s)
        put(doc, filled, override=True)
        if split_lists:
            pieces: list[Span] = []
            for e in doc.ents:
                if e.label_ == "PERSON" and "\n" in e.text:
                    lines = [ln for ln in e.text.split("\n")]
                    if patterns.is_name_list_block(lines):
                        pos = e.start_char
                        for ln in lines:
                            stripped = ln.strip()
                            if stripped:
                                a = pos + ln.index(stripped)
                                if piece := span(doc, a, a + len(stripped), "PERSON", "line_split"):
                                    pieces.append(piece)
                            pos += len(ln) + 1
            put(doc, pieces, override=True)
        return doc

    return consistency


# declass_orgs (extract/orgs.py) adds unit names and drops ORG debris; declass_retype (extract/retype.py)
# types ORG and place spans by use; declass_repair (extract/repair.py) mends name spans; declass_filters
# (extract/filters.py): form labels and filler out; declass_places (extract/placenames.py): places in
# capitals, damaged by a letter, or by head word; declass_propagate (extract/propagate.py) runs last:
# the surnames of the names that survived the filters, printed elsewhere in the document. These six
# are registered by nlp.py.
DOMAIN_COMPONENTS = (
    "declass_values",
    "declass_names",
    "declass_gazetteer",
    "declass_consistency",
    "declass_orgs",
    "declass_retype",
    "declass_repair",
    "declass_filters",
    "declass_places",
    "declass_propagate",
)
