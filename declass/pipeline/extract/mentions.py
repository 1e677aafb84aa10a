"""spaCy Doc -> declass Mentions and Relations (offsets into ``Document.text``).

A one-word PERSON that is a given name alone or a short run of capitals (:func:`lone_noise`) and
a short word in capitals only the model typed ORG, printed once in the document and not a known
body (``REO``, ``CSHB``, ``OQ``: on the dev gold such words were wrong 28 times in 32), are not
mentions; both are judged on the text as printed, before truecasing.

Label set (``model.EntityType``): PERSON, ORG, LOC (spaCy GPE, LOC and FAC), DATE,
MONEY, ACRONYM, CRYPTONYM, FILE_NUMBER. spaCy's NORP, CARDINAL, EVENT... are not kept; the
original spaCy label stays in ``attrs["spacy_label"]``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from typing import Any

from spacy.tokens import Doc

from declass.model import Document, Mention, Relation, make_id
from declass.pipeline.extract import filters, gazetteer, names, nonentities, perdoc
from declass.pipeline.extract.components import info
from declass.pipeline.extract.cryptonyms import digits_span
from declass.pipeline.money import parse_money
from declass.types.dates import parse_date

LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "DATE": "DATE",
    "MONEY": "MONEY",
    "ACRONYM": "ACRONYM",
    "CRYPTONYM": "CRYPTONYM",
    "FILE_NUMBER": "FILE_NUMBER",
}
_POSSESSIVE = re.compile(r"(?:'s|’s)$")


def to_mentions(doc: Document, sdoc: Doc, *, fac_as_loc: bool = True, strict_dates: bool = True) -> list[Mention]:
    """The entities of a parsed clean text as Mentions of ``doc``."""
    labels = dict(LABELS, FAC="LOC") if fac_as_loc else LABELS
    attrs_by_span: dict[tuple[int, int], dict[str, Any]] = info(sdoc)["attrs"]
    sent_starts = [s.start_char for s in sdoc.sents] if sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP") else [0]
    stext = perdoc.text(sdoc)  # Doc.text joins every token: once per doc
    ref = doc.metadata.doc_date or doc.metadata.date_distributed
    out: list[Mention] = []
    seen: set[str] = set()
    counts: Counter[str] | None = None  # words as printed, counted on first need
    for ent in sdoc.ents:
        label = labels.get(ent.label_)
        if label is None:
            continue
        c0, c1 = ent.start_char, ent.end_char
        raw = dict(attrs_by_span.get((c0, c1), {}))
        if label in ("PERSON", "ORG", "LOC") and (m := _POSSESSIVE.search(stext[c0:c1])):
            c1 -= len(m.group())
        if label in ("PERSON", "LOC"):
            cut = names.edges(stext[c0:c1])
            if cut is None:
                continue
            c0, c1 = c0 + cut[0], c0 + cut[1]
        if raw.get("listed"):  # the "8" of "LIEMPTY-6 & 8": an agent number (cryptonyms.py), no debris
            c0, c1 = digits_span(stext, c0, c1)
        elif label in nonentities.ALL and "refers" not in raw:
            kept = _entity_part(stext, c0, c1, label)
            if kept is None:
                continue
            c0, c1 = kept
        attrs: dict[str, Any] = {"spacy_label": ent.label_, "rule": raw.pop("rule", "model")}
        surface = stext[c0:c1]
        printed = doc.clean_text[c0:c1]  # as printed: the parsed text has shouted lines truecased
        titled = raw.get("title") or attrs["rule"] == "propagated"  # "Mr. HERBERT" and its repeats: a surname
        if label == "PERSON" and not titled and lone_noise(printed, attrs["rule"]):
            continue
        if label == "ORG" and attrs["rule"] == "model":
            counts = counts if counts is not None else filters.word_counts(doc.clean_text)
            if filters.lone_acronym(printed.strip(), counts, _known()):
                continue  # a short word in capitals printed once: OCR debris or a form code, not a body
        norm = raw.pop("norm", None)
        attrs.update(raw)
        if label == "DATE":
            value = parse_date(stext[c0:c1], ref)
            if value is None and strict_dates:
                continue
            if value is not None:
                norm = value.pop("norm")
                attrs.update(value)
        elif label == "MONEY":
            money = parse_money(stext[c0:c1])
            if money is None:
                continue
            norm = money["norm"]
            attrs.update(amount=money["amount"], currency=money["currency"])
        elif label == "ORG" and norm is None:
            norm = gazetteer.orgs().get(stext[c0:c1])
        elif label == "PERSON" and norm is None and (name := names.clean_name(surface)) != surface:
            norm = name
        if label in ("LOC", "CRYPTONYM"):  # PBHUMEN (OCR) names Cuba through its norm PBRUMEN
            # PBHUMEN names Cuba through its norm; so does an OCR-damaged country name ("Cubs", norm Cuba)
            if country := gazetteer.country_of(norm if label == "CRYPTONYM" and norm else surface) or (
                label == "LOC" and norm and gazetteer.country_of(norm)
            ):
                attrs["country"] = country
        start, end = doc.to_original(c0), doc.to_original(c1)
        text = doc.text[start:end]
        if not text.strip() or not any(ch.isalnum() for ch in text):
            continue
        mid = make_id(doc.id, start, end, label)
        if mid in seen:
            continue
        seen.add(mid)
        para = doc.paragraph_at(c0)
        out.append(
            Mention(
                id=mid,
                doc_id=doc.id,
                label=label,
                text=text,
                start=start,
                end=end,
                page=doc.page_at(start),
                paragraph=para.index if para else None,
                sentence=bisect.bisect_right(sent_starts, c0) - 1,
                norm=norm,
                attrs=attrs,
            )
        )
    out.sort(key=lambda m: (m.start, m.end))
    return out


_VOWELS = frozenset("AEIOUYaeiouy")


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(gazetteer.orgs()) | gazetteer.acronyms()


def lone_noise(printed: str, rule: str) -> bool:
    """A one-word PERSON mention that names no one: a given name alone ("Fidel", "JOHN": the gold
    records never count them, and they cannot be told apart across documents), or a lone word in
    capitals the model took for a name that has fewer than two vowels ("JFK", "XCOS", "MTGS").
    Surnames in capitals stay ("OSWALD", "KENNEDY"); English words in shouted lines were lower-cased
    by the truecaser before the model ran."""
    word = printed.strip()
    if " " in word or "\n" in word:
        return False
    if (word[:1] + word[1:].lower()) in gazetteer.given_names():
        return True
    if rule != "model" or not word.isupper():
        return False
    return sum(c in _VOWELS for c in word) < 2 or not word.isalpha()


# A longer "line" is a one-line file, never a printed line of page furniture (the corpus's longest
# clean-text line, a paragraph joined by the structure stage, is 5,139 characters).
MAX_LINE = 20_000


def _line_at(text: str, c0: int) -> str:
    """The text line holding offset ``c0``, for page-furniture patterns; "" for a line over
    :data:`MAX_LINE` characters (searching a whole one-line window for every mention was quadratic,
    and a banner somewhere in it made every mention of the line furniture)."""
    low = max(0, c0 - MAX_LINE - 1)
    start = text.rfind("\n", low, c0) + 1
    if start == 0 and low > 0:
        return ""
    end = text.find("\n", c0, start + MAX_LINE + 1)
    if end < 0:
        if len(text) > start + MAX_LINE:
            return ""
        end = len(text)
    return text[start:end]


def _entity_part(text: str, c0: int, c1: int, label: str) -> tuple[int, int] | None:
    """The range of ``text[c0:c1]`` that may be an entity: edge markings cut, None for a form
    word, marking, page furniture or OCR debris (``non_entities.tsv``)."""
    line = _line_at(text, c0)
    if nonentities.non_entity_class(text[c0:c1], label, line):
        return None
    kept = nonentities.trim(text[c0:c1], label)
    if kept is None:
        return None
    a, b = c0 + kept[0], c0 + kept[1]
    while b > a and text[b - 1] in ",;:":  # "WISE, Counsel" -> "WISE"
        b -= 1
    if (a, b) != (c0, c1) and nonentities.non_entity_class(text[a:b], label, line):
        return None
    return a, b


# --- relations ----------------------------------------------------------------------------------


def _role_regex() -> re.Pattern[str]:
    heads = "|".join(re.escape(r).replace(r"\-", "[- ]?").replace(r"\ ", r"\s+") for r in gazetteer.roles())
    mods = (
        r"(?:(?:international|national|foreign|local|regional|acting|former|assistant|deputy"
        r"|chief|general|first|second|third)\s+)*"
    )
    return re.compile(
        rf"\b{mods}(?:{heads})\b(?:\s+(?:of|for|in)\s+(?:the\s+)?(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,4}}))?", re.I
    )


_ROLE: re.Pattern[str] | None = None
_MADE = re.compile(
    r"\b(?:has\s+been\s+made|was\s+made|is\s+now|became|become|was\s+appointed|appointed|was\s+named|named|"
    r"elected|was\s+elected|served\s+as|serves\s+as|acting\s+as|given\s+the\s+(?:position|post)\s+of|position\s+of|post\s+of)\s+(?:the\s+|an?\s+)?",
    re.I,
)


def _mention_at(mentions: list[Mention], start: int, end: int, labels: tuple[str, ...]) -> Mention | None:
    for m in mentions:
        if m.label in labels and m.start < end and start < m.end:
            return m
    return None


def find_relations(doc: Document, sdoc: Doc, mentions: list[Mention]) -> list[Relation]:
    """Acronym, translation, alias and role relations between the mentions of one document."""
    global _ROLE
    if _ROLE is None:
        _ROLE = _role_regex()
    rels: list[Relation] = []
    by_clean: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        by_clean[(m.start, m.end)] = m

    def mention_for(clean: tuple[int, int], labels: tuple[str, ...] = ("PERSON", "ORG", "ACRONYM", "LOC")) -> Mention | None:
        return _mention_at(mentions, doc.to_original(clean[0]), doc.to_original(clean[1]), labels)

    for kind, a, b, value in info(sdoc)["links"]:
        if kind == "alias_cue":
            target = mention_for(b, labels=("PERSON",))
            if target is None:
                continue
            sent = sdoc.char_span(b[0], b[1], alignment_mode="expand")
            sent_start = sent.sent.start_char if sent is not None and sdoc.has_annotation("SENT_START") else max(0, a[0] - 300)
            before = [
                m
                for m in mentions
                if m.label == "PERSON" and doc.to_original(sent_start) <= m.start and m.end <= doc.to_original(a[0])
            ]
            if before:
                source = before[-1]
                rels.append(Relation("alias", source.id, target.id, value, doc.id, source.start, target.end))
            continue
        src, dst = mention_for(a), mention_for(b)
        if src is not None and dst is not None and src.id != dst.id:
            rels.append(Relation(kind, src.id, dst.id, value, doc.id, min(src.start, dst.start), max(src.end, dst.end)))
    rels += _roles(doc, sdoc, mentions)
    return rels


def _roles(doc: Document, sdoc: Doc, mentions: list[Mention]) -> list[Relation]:
    """ "X, international chief of NTS," / "X ... has been made Secretary-Treasurer" / "GRU rezident X"."""
    assert _ROLE is not None
    text = perdoc.text(sdoc)
    out: list[Relation] = []
    persons = [m for m in mentions if m.label == "PERSON"]
    orgs = [m for m in mentions if m.label in ("ORG", "ACRONYM")]
    has_sents = sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP")
    for sent in sdoc.sents if has_sents else [sdoc[:]]:
        s0, s1 = sent.start_char, sent.end_char
        for m in _ROLE.finditer(text, s0, s1):
            r0, r1 = m.start(), m.end()
            o0, o1 = doc.to_original(r0), doc.to_original(r1)
            # the organisation: named inside the role ("chief of NTS") or just before it ("NTE chief")
            org = next((o for o in orgs if o0 <= o.start and o.end <= o1), None)
            if org is None:
                org = next((o for o in orgs if 0 <= o0 - o.end <= 1), None)
            role_text = text[r0:r1]
            person: Mention | None = None
            prev = text[max(s0, r0 - 3) : r0]
            if re.search(r",\s*$", prev):  # apposition: "Baidalakov, international chief of NTS"
                person = next((p for p in reversed(persons) if 0 <= o0 - p.end <= 3), None)
            made = _MADE.search(text, max(s0, r0 - 50), r0)
            if person is None and made and re.fullmatch(r"(?:[A-Z]{2,6}\s+)?", text[made.end() : r0]):
                in_sent = [p for p in persons if doc.to_original(s0) <= p.start < o0]
                person = in_sent[0] if in_sent else None
            if person is None:  # title before the name: "rezident Ivanov", "Director of Security Smith"
                person = next((p for p in persons if 0 < p.start - o1 <= 1), None)
            if person is None:
                continue
            value = re.sub(r"\s+", " ", role_text).strip(" ,")
            out.append(
                Relation("role", person.id, org.id if org else None, value, doc.id, min(person.start, o0), max(person.end, o1))
            )
    return out
