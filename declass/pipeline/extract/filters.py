"""Precision filters: entity spans that are form furniture, not names, are trimmed or dropped.

Scanned forms (the JFK personnel history forms) print field labels in capitals with a hint in
parentheses, and fill empty fields with "NA": ``1. FULL NAME (Last-First-Middle) 2. RELATIONSHIP
3. CITIZENSHIP (Country) ... NA NA``. The statistical model takes many of these for ORG or PERSON.
The component ``declass_filters`` runs last, on PERSON, ORG and ACRONYM entities only:

* a span inside a field hint (a parenthesis starting with a capital, right after an ALL-CAPS label
  word or a long ALL-CAPS word that is not a known body) is dropped;
* an unbalanced parenthesis cuts the span ("CITIZENSHIP (Country" -> "CITIZENSHIP");
* a span made only of label words is dropped: ALL-CAPS English words (the truecaser's lexicon,
  with plural and past endings: GROUPS, INDICTED)
  and connectors, none of them a known body or acronym from the gazetteer ("RELATIONSHIP",
  "CAUSE OF DEATH"; CIA, MGB, NTS stay);
* a span made only of filler ("NA", "N/A", "None", "Unknown") is dropped;
* connectors at the end of a span are cut ("Tolson FROM" -> "Tolson", "Activities.of");
* a common word before a name is cut ("Taught NIKONOV", "As REUTEMAN": English, and printed in
  lower case elsewhere in the document);
* a PERSON span running over line ends is cut before a line that starts with an English word
  ("James\nAngleton\nMemo");
* a name the model alone found that has no known given name and is made of capitals with an
  English word, a known place or a body among them is a shouted phrase, not a name ("QUARTER S.
  JOB", "CLIN JAPAN", "OSWALDSAND CIA"), as is one with a lower-case word that is no name particle
  (the truecaser lower-cased it as English: "Se ewe");
* one capitalised English word alone is no name when the document also prints it in lower case
  ("Intelligence", "Bulletin", "Project": a common noun by use), unless it is a known name, place
  or body, or a word of a longer name in the document ("Hunt" after "E. Howard Hunt"). The lexicon
  alone cannot tell: it lists surnames too (Belmont, Scott, Castro).

Real capitalised names survive because they are not English words (ARTIME, cryptonyms are their
own label) or carry a lower-case part ("MORGAN, Edward P."). Shouted lines (cables) are truecased
before the model runs, so their English words are already lower case here.

Invariant: the Doc text is ``Document.clean_text`` (character offsets are clean-text offsets).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from declass.pipeline.extract import bodies, debris, gazetteer, ocrwords, pagequality, perdoc, placecheck, plausible
from declass.pipeline.extract.components import info, lexicon_of
from declass.pipeline.extract.patterns import english
from declass.types import wordlists

LABELS = frozenset({"PERSON", "ORG", "ACRONYM"})
FILLER = frozenset({"na", "n/a", "n.a.", "none", "unknown"})
CONNECTORS = frozenset({"OF", "OR", "AND", "&", "TO", "IN", "BY", "FOR", "THE", "AT", "ON", "/", "-"})
# An ALL-CAPS word right before a parenthesis: "NAME (Last-First-Middle)", "GRADE(If Federal Service)",
# "FULL -; (Laat-Firat-Middle)", "ADDRESS ,\n(No., Street, City and State)".
HINT = re.compile(r"\b(?P<word>[A-Z][A-Z'’]+)[^\w(]{0,4}(?P<hint>\([A-Z][^()\n]{0,80}\))")
_EDGE = "\"'’“”.,;:!?|*_~-–—"


def is_filler(tokens: list[str]) -> bool:
    """Every token is a form filler ("NA", "N/A", "None", "Unknown")."""
    return bool(tokens) and all(t.strip(_EDGE).lower() in FILLER for t in tokens)


def is_label_word(token: str, lexicon: frozenset[str], known: frozenset[str]) -> bool:
    """An ALL-CAPS English word or connector that is not a known body ("RELATIONSHIP", "OF")."""
    w = token.strip(_EDGE)
    w = re.sub(r"(?:'S|’S)$", "", w)
    if w in CONNECTORS or token in CONNECTORS:
        return True
    if len(w) < 2 or not w.isupper() or not w.replace("'", "").replace("’", "").isalpha() or w in known:
        return False
    if not any(c in "AEIOUY" for c in w):
        return False  # unpronounceable: an acronym (RCMP, VHF), even when the lexicon lists it
    title = w[:1] + w[1:].lower()
    if title in gazetteer.places() or title in gazetteer.given_names():
        return False  # HAITI, MORGAN: names that happen to be in the word list
    return english(w, lexicon)


def hint_spans(text: str, lexicon: frozenset[str], known: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of field hints: the parenthesis after an ALL-CAPS label word."""
    out = []
    for m in HINT.finditer(text):
        word = m["word"]
        # a label word, or a long capitalised word (an OCR-damaged one: "ADORESS"), not a body
        label = is_label_word(word, lexicon, known) or (len(word) >= 6 and word not in known)
        # a hint explains the field in ordinary words: not an acronym definition "(NTS)"
        if label and any(c.islower() for c in m["hint"]):
            out.append((m.start("hint"), m.end("hint")))
    return out


def balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The longest piece of ``text[start:end]`` without an unmatched parenthesis."""
    cuts, stack = [], []
    for i in range(start, end):
        if text[i] == "(":
            stack.append(i)
        elif text[i] == ")":
            if stack:
                stack.pop()
            else:
                cuts.append(i)
    cuts = sorted(cuts + stack)
    if not cuts:
        return start, end
    bounds = [start - 1, *cuts, end]
    pieces = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    a, b = max(pieces, key=lambda p: len(text[p[0] : p[1]].strip()))
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " \t\n,;:-":
        b -= 1
    return a, b


_TAIL = re.compile(r"(?:[\s.,;:]+(?:of|from|to|and|for|in|on|at|by|with|the))+[\s.,;:]*$", re.I)


def _without_tail(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without connectors at its end ("Tolson FROM", "Activities.of")."""
    m = _TAIL.search(text, start, end)
    return (start, m.start()) if m and m.start() > start else (start, end)


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")


def lone_acronym(word: str, counts: Counter[str], known: frozenset[str]) -> bool:
    """A word in capitals (2-8 characters) printed once (``counts``: the document's words as
    printed, :func:`word_counts`) and not a known body."""
    return bool(_ACRONYM.fullmatch(word)) and word not in known and counts[word] < 2


def word_counts(text: str) -> Counter[str]:
    """How often each word (letters and digits) is printed in ``text``."""
    return Counter(re.findall(r"[A-Za-z0-9]+", text))


PARTICLES = frozenset("de del la las los y e van von der den da di du le dos das bin ibn al el".split())


def shouted_phrase(words: list[str], lexicon: frozenset[str], known: frozenset[str]) -> bool:
    """Words of a PERSON span that are no name: capitals with an English word, a known place or a
    body among them and no given name, or a lower-case word that is no particle."""
    words = [w.strip(_EDGE) for w in words]
    words = [w for w in words if w.replace("'", "").isalpha()]
    if len(words) < 2 or any((w[:1] + w[1:].lower()) in gazetteer.given_names() for w in words):
        return False
    if any(w.islower() and len(w) > 1 and w not in PARTICLES for w in words):  # "a." is a list marker
        return True
    shouted = all(w.isupper() for w in words)
    for w in words:
        title = w[:1] + w[1:].lower()
        if w in known or title in gazetteer.places() or gazetteer.country_of(title):
            return True  # "CLIN JAPAN", truecased to "Clin Japan" in a cable
        if shouted and len(w) > 2 and english(w, lexicon) and title not in gazetteer.persons():
            return True
    return False


def wrapped_tail(text: str, start: int, end: int, lexicon: frozenset[str]) -> int:
    """The end of a PERSON span that runs over line ends, cut before the first line whose first
    word is English and no given name ("James\nAngleton\nMemo" -> "James\nAngleton")."""
    pos = text.find("\n", start, end)
    while pos >= 0:
        rest = text[pos:end].split()
        word = rest[0].strip(_EDGE) if rest else ""
        if word and word[:1].isalpha() and english(word, lexicon) and word.title() not in gazetteer.given_names():
            return pos
        pos = text.find("\n", pos + 1, end)
    return end


def common_head(words: list[str], lexicon: frozenset[str], common: frozenset[str]) -> bool:
    """The first of two or more words of a PERSON span is a common word by use, not a given name:
    English, printed in lower case elsewhere in the document ("Taught NIKONOV", "As REUTEMAN",
    "Legal CHAYES"); given names and their short forms stay ("Will", "Win")."""
    if len(words) < 2:
        return False
    w = words[0]
    if not (w[:1].isupper() and w[1:].islower() and w.isalpha()) or w.lower() not in common:
        return False
    if w in gazetteer.given_names() or w in _nicknames() or w in gazetteer.titles():
        return False
    return english(w, lexicon)


@functools.cache
def _nicknames() -> frozenset[str]:
    return frozenset(w for group in wordlists.given_name_groups() for w in group)


def lone_word(word: str, lexicon: frozenset[str], name_words: frozenset[str], common: frozenset[str]) -> bool:
    """One capitalised English word printed in lower case elsewhere in the document (``common``)
    that is neither a known name, place or body nor a word of a longer name there (``name_words``,
    lower case)."""
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return False
    if word.lower() in name_words or word.lower() not in common:
        return False
    if word in gazetteer.given_names() or word in gazetteer.places() or word in gazetteer.persons():
        return False
    return word not in gazetteer.orgs() and english(word, lexicon)


def keep(
    text: str, start: int, end: int, hints: list[tuple[int, int]], lexicon: frozenset[str], known: frozenset[str]
) -> tuple[int, int] | None:
    """The character range to keep of an entity span, or None to drop it."""
    if any(h0 <= start and end <= h1 for h0, h1 in hints):
        return None
    start, end = balanced(text, start, end)
    start, end = _without_tail(text, start, end)
    tokens = text[start:end].split()
    if " ".join(tokens) in bodies.capitals():
        return start, end  # "DEPARTMENT OF STATE": a known body in capitals, not form labels
    if not tokens or is_filler(tokens) or all(is_label_word(t, lexicon, known) for t in tokens):
        return None
    return start, end


_GAP = re.compile(r"[ \t]{1,3}(?:[°·•*~][ \t]{1,3})?|:[ \t]{1,2}")


def _join_split_names(doc: Doc, ents: list[Span], attrs: dict[tuple[int, int], Any]) -> list[Span]:
    """Two PERSON spans the model cut apart inside one name are one: the first ends in a given
    name, the second follows on the same line after a space, a colon or a speck of OCR debris and
    starts with a word that is no given name ("Jose Ricardo" + "Rabel Ortega", "Jose Ricardo:
    Rabel Hunez", "Manuel ° Gomez")."""
    out: list[Span] = []
    text = perdoc.text(doc)  # Doc.text joins every token on each access: once per doc, not once per entity
    for e in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == e.label_ == "PERSON"
            and plausible.is_given(next((t.text for t in reversed(prev) if any(c.isalpha() for c in t.text)), ""))
            and not plausible.is_given(e[0].text)
            and not plausible.is_weak(e[0].text)
            and _GAP.fullmatch(text[prev.end_char : e.start_char])
        ):
            joined = Span(doc, prev.start, e.end, label="PERSON")
            attrs.setdefault((joined.start_char, joined.end_char), {"rule": "name_joined"})
            out[-1] = joined
            continue
        if e.label_ == "PERSON" and not plausible.is_given(e[0].text) and not plausible.is_weak(e[0].text):
            e = _with_given_before(doc, text, e, out[-1].end if out else 0, attrs)
        out.append(e)
    return out


def _with_given_before(doc: Doc, text: str, e: Span, free: int, attrs: dict[tuple[int, int], Any]) -> Span:
    """A surname span with the known given name printed just before it that the model left out
    ("Manuel ° Gomez": the model found "Gomez" only); ``free`` is the first token no entity holds."""
    for k in (e.start - 1, e.start - 2):
        if k < free or k < 0:
            return e
        tok = doc[k]
        if tok.text in gazetteer.given_names() and _GAP.fullmatch(text[tok.idx + len(tok.text) : e.start_char]):
            joined = Span(doc, k, e.end, label="PERSON")
            attrs.setdefault((joined.start_char, joined.end_char), {"rule": "name_joined"})
            return joined
    return e


CONTEXT_WORDS = 6  # words each side of a span that tell prose from an OCR field of debris
_QUOTES = '"“”„«»'


def _plausible_part(text: str, kept: tuple[int, int], ev: plausible.Evidence, *, titled: bool = False) -> tuple[int, int] | None:
    """The part of a model PERSON span that is a plausible name (:func:`plausible.keep_name`);
    ``titled``: printed after a form of address or rank ("Mr. HERBERT")."""
    toks = [(m.start() + kept[0], m.end() + kept[0]) for m in re.finditer(r"\S+", text[kept[0] : kept[1]])]
    around = text[max(0, kept[0] - 80) : kept[0]].split()[-CONTEXT_WORDS:] + text[kept[1] : kept[1] + 80].split()[:CONTEXT_WORDS]
    clean = plausible.clean_context(around, ev.lexicon)
    quoted = text[kept[0] - 1 : kept[0]] in _QUOTES and text[kept[1] : kept[1] + 1] in _QUOTES if kept[0] else False
    rng = plausible.keep_name([text[a:b] for a, b in toks], ev, clean=clean, quoted=quoted, titled=titled) if toks else None
    if rng is None:
        return None
    if _house_number(text, toks[rng[0]][0]) and text[toks[rng[1] - 1][0] : toks[rng[1] - 1][1]].strip(".,") in _address_words():
        return None  # "423 Furnald Hall", "539 NE 70th Street": an address
    return toks[rng[0]][0], toks[rng[1] - 1][1]


_NUMBER_BEFORE = re.compile(r"\b\d{1,5}[A-Za-z]?\s+$")


def _house_number(text: str, start: int) -> bool:
    return bool(_NUMBER_BEFORE.search(text[max(0, start - 8) : start]))


@functools.cache
def _address_words() -> frozenset[str]:
    """Words that end a street address (``address_words.txt``: Hall, Street, Avenue, Calle...)."""
    return frozenset(wordlists.lines("address_words.txt"))


@Language.factory("declass_filters", requires=["doc.ents"], assigns=["doc.ents"])
def make_filters(nlp: Language, name: str) -> Any:
    """Drop or trim PERSON/ORG/ACRONYM spans that are form labels, field hints or filler."""
    lexicon = lexicon_of(nlp)
    known = frozenset(gazetteer.orgs()) | gazetteer.acronyms()

    def filters(doc: Doc) -> Doc:
        text = perdoc.text(doc)
        hints = hint_spans(text, lexicon, known)
        attrs = info(doc)["attrs"]
        doc.ents = _join_split_names(doc, list(doc.ents), attrs)
        ents: list[Span] = []
        name_words = frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)
        common = perdoc.lower_words(doc)
        record = debris.RecordWords(functools.partial(word_counts, text))
        evidence = plausible.Evidence(
            lexicon,
            plausible.name_evidence(
                text,
                [
                    (e.text.split(), attrs.get((e.start_char, e.end_char), {}).get("rule", "model"))
                    for e in doc.ents
                    if e.label_ == "PERSON"
                ],
            ),
            common,
        )
        persons = [
            (e.start_char, e.end_char, attrs.get((e.start_char, e.end_char), {}).get("rule", "model"))
            for e in doc.ents
            if e.label_ == "PERSON"
        ]
        damaged_names = pagequality.damaged_lone_names(text, persons, lexicon, evidence.names)
        for e in doc.ents:
            if (e.start_char, e.end_char) in damaged_names:
                continue  # an unknown word on a damaged page: "UCTEREST", "CUULQ", "Sains"
            if (e := ocrwords.trim_span(doc, e, attrs, lexicon, evidence.names)) is None:  # type: ignore[assignment]
                continue  # OCR damage of English words: "Ucterest", "NNN ScORET", "Februszy"
            if e.label_ in placecheck.PLACE_LABELS and (e.start_char, e.end_char) not in attrs:
                if placecheck.implausible_place(e.text, lexicon, common):
                    continue
            if e.label_ == "ORG" and (e.start_char, e.end_char) not in attrs and placecheck.debris_words(e.text):
                continue  # a model ORG with debris inside a word: "@LTHHELD", "C8@ae", "SR/O/#H Pt"
            if (e.start_char, e.end_char) not in attrs and debris.model_debris(e.label_, e.text, lexicon, record):
                continue  # runs of fragments, one-off damaged places: "SF ONS", "WHE SECRE BIE", "Dapzart"
            if e.label_ not in LABELS:
                ents.append(e)
                continue
            titled = e.label_ == "PERSON" and bool(attrs.get((e.start_char, e.end_char), {}).get("title"))
            kept = keep(text, e.start_char, e.end_char, hints, lexicon, known)
            if kept is None and titled and all(map(ocrwords.census_name, e.text.split())):
                kept = (e.start_char, e.end_char)  # "President KENNEDY", "Mr. HERBERT": a name after a title
            if kept is None:
                continue
            if e.label_ == "PERSON" and "\n" in text[kept[0] : kept[1]]:
                kept = (kept[0], wrapped_tail(text, kept[0], kept[1], lexicon))
                kept = (kept[0], len(text[: kept[1]].rstrip()))
                if kept[1] <= kept[0]:
                    continue
            piece = text[kept[0] : kept[1]]
            if e.label_ == "PERSON" and common_head(piece.split(), lexicon, common):
                first = re.match(r"\S+\s+", piece)
                kept = (kept[0] + first.end(), kept[1]) if first else kept
                piece = text[kept[0] : kept[1]]
            by_model = (e.start_char, e.end_char) not in attrs  # domain rules record theirs
            rule = attrs.get((e.start_char, e.end_char), {}).get("rule", "model")
            if e.label_ == "PERSON" and rule in plausible.MODEL_RULES:
                kept = _plausible_part(text, kept, evidence, titled=titled)
                if kept is None:
                    continue
                piece = text[kept[0] : kept[1]]
                if given := plausible.repaired_given(piece.split(), evidence):
                    printed = piece.split()[0]
                    repaired = {"norm": " ".join([given, *piece.split()[1:]]), "given_repaired": f"{printed} -> {given}"}
                    attrs[kept] = {**attrs.get(kept, {"rule": rule}), **repaired}
            if e.label_ != "ACRONYM" and " " not in piece and lone_word(piece, lexicon, name_words, common):
                continue
            if e.label_ == "PERSON" and by_model and shouted_phrase(piece.split(), lexicon, known):
                continue
            if e.label_ == "ORG" and _house_number(text, kept[0]) and piece.split()[-1].strip(".,") in _address_words():
                continue  # "539 NE 70th Street": an address, as for PERSON spans
            if e.label_ == "ORG" and by_model and bodies.people_group(piece.split()):
                continue
            if e.label_ == "ORG" and by_model and bodies.heading(piece.split(), lexicon):
                if re.sub(r"^[Tt]he\s+", "", piece) not in known:
                    continue
            if kept != (e.start_char, e.end_char):
                s = doc.char_span(kept[0], kept[1], label=e.label_, alignment_mode="contract")
                if s is None or not s.text.strip():
                    continue
                if (e.start_char, e.end_char) in attrs:
                    attrs.setdefault((s.start_char, s.end_char), attrs[(e.start_char, e.end_char)])
                e = s
            ents.append(e)
        doc.ents = ents
        return doc

    return filters
