"""Named bodies by the shape of their name, and known bodies as the records print them.

The statistical model finds "Office of Security" or "Department of State" only some of the time,
and never "DEPARTMENT OF STATE" on a letterhead or "Covert\\nAction Staff" wrapped at a line end.
Three general shapes of a body's name, each a pure function of the text (clean-text offsets):

* :func:`known_bodies` - a name of several words of ``data/orgs.tsv`` printed as listed, in
  capitals, or with a line break or several spaces between its words;
* :func:`of_bodies` - a head noun that takes an "of" complement and the capitalised name after
  it: ``Department/Ministry/Office/Bureau/Directorate/Division/University/Embassy/... of X``
  ("Office of Current Intelligence", "Ministry of Foreign Affairs", "University of Habana",
  "Communist Party of the Soviet Union"); the name after "of" is one to four capitalised words
  (connectors "and", "for", "the" inside), not a person's title or a date;
* :func:`and_bodies` - two English words joined by "and" before a head noun ("Assessment and
  Evaluation Staff", "Operational Approval and Support Division");
* :func:`unit_numbers` - a numbered military unit ("II Corps", "1st Division", "Seventh Fleet");
* :func:`acronym_offices` - a known agency's acronym, a place or English words, and an office noun
  ("FBI New York Office", "CIA Historical Office");
* :func:`foreign_bodies` - a Spanish, Portuguese or French head noun of ``foreign_org_heads.txt``
  and the capitalised words after it, with their connectives and a date ("Directorio
  Revolucionario Estudiantil", "Movimiento 30 de Noviembre", "Segundo Frente del Escambray"),
  which the model reads as a person and a place. One word of the name must be no English word
  ("Union Committee", "Front Office" are English and left to the other shapes).

What these would wrongly catch was read on the jfk-corpus (ranks 1-300 of the ORG list and the
matches of each shape over the 200 texts): a post is no body ("Director of Security", "Chief of
Station": the heads here are bodies, not posts), nor is a month or a numbered paragraph after
"of" ("Office of 12 May"), nor a head in lower case ("the office of the Chief").
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from declass.pipeline.extract import gazetteer
from declass.pipeline.extract.patterns import english
from declass.types import wordlists

# Head nouns that name a body with an "of" complement (written for declass).
OF_HEADS = (
    "Department",
    "Ministry",
    "Office",
    "Bureau",
    "Directorate",
    "Division",
    "University",
    "Embassy",
    "Consulate",
    "Legation",
    "Library",
    "Institute",
    "Academy",
    "Federation",
    "Party",
    "Commission",
    "Committee",
    "Council",
    "Chamber",
    "Bank",
    "Court",
    "Government",
)
_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{3,}"
_LINK = r"(?:and|for|of|the|de|del|la)"
_OF = re.compile(
    rf"\b(?P<head>{'|'.join(OF_HEADS)})[ \t]+of[ \t]+(?:the[ \t]+)?"
    rf"(?P<name>(?:{_WORD})(?:[ \t]+(?:{_LINK}[ \t]+)?(?:{_WORD})){{0,3}})"
)
_ORDINAL_WORDS = "First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth"
_UNIT = re.compile(
    rf"\b(?:(?:[IVX]{{1,4}}|\d{{1,2}}(?:st|nd|rd|th))|{_ORDINAL_WORDS})[ \t]+"
    r"(?:Corps|Army|Fleet|Division|Brigade|Regiment|Battalion|Air[ \t]+Force)\b"
)
_OFFICE_NOUNS = ("Office", "Field Office", "Station", "Division", "Staff", "Laboratory")
# Words after "of" that end the name: the records' months and posts are not names of bodies.
NOT_NAME = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Mr", "Mrs", "Miss", "Chief", "Director", "Deputy",
        "Subject", "Source", "Attorney", "Attorneys", "This", "That", "These", "Those", "His", "Her", "Their", "Our",
    }
)  # fmt: skip


@functools.cache
def _known() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every multi-word name of ``orgs.tsv`` (longest first; any run of spaces or
    one line break between the words, any case), and each name as listed and in capitals ->
    its canonical."""
    forms = sorted((f for f in gazetteer.orgs() if len(f.split()) > 1), key=len, reverse=True)
    bodies = [r"[ \t]*\n?[ \t]*".join(re.escape(w) for w in f.split()) for f in forms]
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w-])", re.IGNORECASE)
    table = {f: gazetteer.orgs()[f] for f in forms}
    table.update({f.upper(): gazetteer.orgs()[f] for f in forms if f.upper() not in table})
    return pattern, table


@functools.cache
def capitals() -> frozenset[str]:
    """The multi-word known bodies in capitals ("DEPARTMENT OF STATE"): a name, not a form line."""
    return frozenset(" ".join(f.upper().split()) for f in gazetteer.orgs() if " " in f)


def known_bodies(text: str) -> list[tuple[int, int, str]]:
    """Character ranges and canonical names of the multi-word known bodies of ``orgs.tsv`` printed
    as listed, all in capitals ("DEPARTMENT OF STATE") or wrapped over a line end ("Covert\\nAction
    Staff"); another case ("department of state", "White house") is not the name."""
    pattern, table = _known()
    out = []
    for m in pattern.finditer(text):
        printed = " ".join(m.group().split())
        if printed in table:
            out.append((m.start(), m.end(), table[printed]))
    return out


def of_bodies(text: str, lexicon: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of ``[Modifier] Head of [the] Name`` bodies ("Office of Current
    Intelligence", "University of Habana", "Communist Party of the Soviet Union"): the name is
    capitalised words, cut before a month, a post or a determiner; up to two capitalised English
    words or nationality adjectives just before the head belong to it."""
    out = []
    for m in _OF.finditer(text):
        words = []
        for w in re.finditer(r"\S+", m["name"]):
            if w.group() in NOT_NAME:
                break
            words.append(w)
        while words and re.fullmatch(_LINK, words[-1].group()):
            words.pop()
        if not words:
            continue
        start = m.start()
        for _ in range(2):
            before = re.search(r"([A-Z][a-z]+)[ \t]+$", text[max(0, start - 30) : start])
            if before is None:
                break
            word = before.group(1)
            if not (word.lower() in lexicon or gazetteer.country_of(word)) or word.lower() in _STOP:
                break
            start -= len(before.group())
        out.append((start, m.start("name") + words[-1].end()))
    return out


_STOP = frozenset({"the", "this", "that", "a", "an", "and", "of", "to", "in", "for", "by", "from", "with", "at", "on"})


def unit_numbers(text: str) -> list[tuple[int, int]]:
    """Character ranges of numbered military units ("II Corps", "1st Division", "Seventh Fleet")."""
    return [(m.start(), m.end()) for m in _UNIT.finditer(text)]


def acronym_offices(text: str, lexicon: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of an agency's office named by its known acronym, one to three capitalised
    words (a place or English words) and an office noun ("FBI New York Office", "CIA Historical
    Office"): a field office or a staff of a body the gazetteer knows."""
    out = []
    for m in _ACR_OFFICE.finditer(text):
        if m["acr"] not in gazetteer.acronyms():
            continue
        words = m["mid"].split()
        place = " ".join(words) in gazetteer.places()
        if place or all(w.lower() in lexicon for w in words):
            out.append((m.start(), m.end()))
    return out


_ACR_OFFICE = re.compile(
    rf"\b(?P<acr>[A-Z]{{2,5}})[ \t]+(?P<mid>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){{0,2}})[ \t]+(?:{'|'.join(_OFFICE_NOUNS)})\b"
)


def and_bodies(text: str, lexicon: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of a body named by two English words joined by "and" and a head noun of
    ``org_heads.txt`` ("Assessment and Evaluation Staff", "Cover and Commercial Staff",
    "Operational Approval and Support Division"), which the model cuts at the "and"."""
    out = []
    for m in _and().finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        core = [w.group().lower() for w in words[:-1] if w.group() != "and"]
        lead = next(i for i, w in enumerate(words) if w.group() == "and") - 1  # words before the "and"
        for k in range(lead + 1):  # drop leading words that are no English ("CI/Qperational")
            if all(w in lexicon for w in core[k:]):
                out.append((m.start() + words[k].start(), m.end()))
                break
    return out


@functools.cache
def _and() -> re.Pattern[str]:
    heads = "|".join(sorted(gazetteer.body_heads(), key=len, reverse=True))
    word = r"[A-Z][a-z]+[ \t]+"
    return re.compile(rf"\b(?:{word}){{0,2}}?{word}and[ \t]+(?:{word}){{1,2}}?(?P<head>{heads})\b")


def found(text: str, lexicon: frozenset[str]) -> list[tuple[int, int, str, str | None]]:
    """Every body of the shapes above: (start, end, rule, canonical or None)."""
    out: list[tuple[int, int, str, str | None]] = [(a, b, "gazetteer", c) for a, b, c in known_bodies(text)]
    shapes = (
        *of_bodies(text, lexicon),
        *and_bodies(text, lexicon),
        *unit_numbers(text),
        *acronym_offices(text, lexicon),
        *foreign_bodies(text, lexicon),
    )
    for rng in shapes:
        out.append((*rng, "body_shape", None))
    return out


_CAP = r"[A-ZÀ-Ý][a-zà-ÿ]+|[A-ZÀ-Ý]{2,}"
_CAPITALISED = re.compile(rf"(?<![\w'’-])(?:{_CAP})(?![\w'’-])")
_JOIN = r"[ \t]+(?:\|[ \t]+)?|[ \t]*\n[ \t]*"  # a space (a scanned rule "|" inside), or one line end; no blank line
_ROMANCE_LINKS = r"de|del|da|do|dos|das|des|du|y|e|et|para|por|pro|pour|la|las|los|el|le|les|l'"
# The name after a head: capitalised words, each maybe after connectives ("de la"), or a day and
# month ("30 de Noviembre", "26 de Julio").
_FOREIGN_TAIL = re.compile(
    rf"(?:(?:{_JOIN})(?:(?i:{_ROMANCE_LINKS})(?:{_JOIN}))*(?:\d{{1,2}}[ \t]+de[ \t]+)?(?:{_CAP})(?![\w'’-])){{1,6}}"
)
_LINK_WORD = re.compile(_ROMANCE_LINKS)
_ANY_WORD = re.compile(r"[^\W\d_][\w'’]*")
_ORDINALS = frozenset(
    {"primer", "primero", "primera", "segundo", "segunda", "tercer", "tercero", "tercera", "premier", "deuxieme"}
)


@functools.cache
def foreign_heads() -> frozenset[str]:
    """Spanish, Portuguese and French head nouns of bodies (``foreign_org_heads.txt``), title case."""
    return frozenset(wordlists.lines("foreign_org_heads.txt"))


def _plain(word: str) -> str:
    """The word in title case without accent marks ("COMITÉ" -> "Comite")."""
    return unicodedata.normalize("NFKD", word.title()).encode("ascii", "ignore").decode()


def _near(word: str, forms: frozenset[str]) -> bool:
    """``word`` is one of ``forms``, or (seven letters or more) one of them with one letter read
    wrong by the scan ("JIVENTUD" for JUVENTUD, "SECUNDO" for SEGUNDO)."""
    if word in forms:
        return True
    if len(word) < 7:
        return False
    return any(len(f) == len(word) and sum(a != b for a, b in zip(f, word, strict=True)) == 1 for f in forms)


def foreign_bodies(text: str, lexicon: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of bodies named in Spanish, Portuguese or French: a head noun, an ordinal
    before it ("Segundo Frente"), the capitalised words after it with their connectives ("del",
    "de la", "y") and a date ("30 de Noviembre"). The name ends before an English word that is no
    Romance-shaped one, place, month or word after a connective ("BANCO NACIONAL DE CUBA WOULD" ->
    "BANCO NACIONAL DE CUBA"; "Popular", "20 de Mayo", "del Pueblo" stay) and must hold a word of
    four letters or more that is no English."""
    out = []
    for m in _CAPITALISED.finditer(text):
        head = _plain(m.group())
        if head not in foreign_heads() and (english(head, lexicon) or not _near(head, foreign_heads())):
            continue  # a misread head is no English word ("Institute", "Organization")
        tail = _FOREIGN_TAIL.match(text, m.end())
        if tail is None:
            continue
        end, foreign, linked = m.end(), False, False
        for w in _ANY_WORD.finditer(text, m.end(), tail.end()):
            plain = _plain(w.group()).lower()
            if _LINK_WORD.fullmatch(plain):
                linked = True
                continue
            dated = re.search(r"\d[ \t]+de[ \t]+$", text[max(0, w.start() - 8) : w.start()]) is not None
            place = w.group().title() in gazetteer.places() or gazetteer.country_of(w.group().title()) is not None
            if plain in lexicon and not (_ROMANCE.search(plain) or linked or dated or place):
                break
            if len(w.group()) <= 3 and w.group().isupper() and not m.group().isupper():
                break  # an acronym after a title-case name: the next of a list ("Rescate MRR Accion")
            end, linked = w.end(), False
            foreign = foreign or (plain not in lexicon and len(plain) >= 4)
        if not foreign:
            continue
        start = m.start()
        before = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, start - 20) : start])
        if before is not None and _near(before.group(1).lower(), _ORDINALS):
            start -= len(before.group())
        out.append((start, end))
    return out


# Endings of Spanish and Portuguese adjectives that English shares ("popular", "general", "social"):
# such a word in a body's name is the name's, not the next sentence's.
_ROMANCE = re.compile(r"(?:al|ar|ico|ica|ista|ano|ana|ario|aria|ivo|iva)$")


def wins(text: str, body: tuple[int, int], ents: list[tuple[int, int, str]]) -> bool:
    """Whether a body found here replaces the model's entities ``(start, end, label)`` it overlaps:
    it holds every one of them ("University of" ORG + "Habana" GPE), or the one it overlaps is the
    body with a place or a dotted abbreviation before it, an edge the model ran over ("D.C.
    DEPARTMENT OF STATE" on a letterhead: the place ends the address line above)."""
    a, b = body
    # a leading "the" of the model's span is no part of the name ("the Communist Party")
    ents = [(e0 + 4 if text[e0 : e0 + 4].lower() == "the " else e0, e1, lab) for e0, e1, lab in ents]
    inside = [e for e in ents if e[0] < b and a < e[1]]
    if not inside:
        return False
    if all(a <= e0 and e1 <= b for e0, e1, _ in inside):
        return True
    if len(inside) != 1 or inside[0][1] != b or inside[0][0] >= a:
        return False
    edge = text[inside[0][0] : a].strip(" \t,;:")
    place = edge in gazetteer.places() or gazetteer.country_of(edge) is not None
    return bool(edge) and (place or _ABBREV.fullmatch(edge) is not None)


_ABBREV = re.compile(r"(?:[A-Z]\.){1,3}")


# --- what is no body: headings and the holders of a post (used by extract/filters.py) ---------------

_ABSTRACT = ("ion", "ing", "ment", "ity", "ance", "ence", "ness")


def heading(words: list[str], lexicon: frozenset[str]) -> bool:
    """Title-case English words with no head noun of a body that read as a heading or a topic, not
    a name: the last word a plural common noun ("Radio Switch Equipment for Demolition Firing
    Purposes", "Training Camps and Operational Bases", "First Two Meetings") or the first an
    abstract noun or a verb form ("Coming Visit", "Functioning of the Congress", "Proliferation of
    Nuclear Weapons"). A body's name ends in a head ("Armed Forces", "Special Group") or is known."""
    core = [re.sub(r"(?:'s|’s|')$", "", w) for w in words if w.lower() not in _LINKS]
    if len(core) < 2:
        return False
    if any(w in gazetteer.org_heads() for w in core):
        return False
    titled = all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in core)
    if not titled or not all(english(w, lexicon) for w in core):
        return plural_tail(words, lexicon)  # "CIA Contacts", "Cparational Expenses"
    last, first = core[-1].lower(), core[0].lower()
    plural = last.endswith("s") and not last.endswith("ss") and last[:-1] in lexicon
    return plural or (first.endswith(_ABSTRACT) and len(first) > 5)


def plural_tail(words: list[str], lexicon: frozenset[str]) -> bool:
    """Words with no head noun and no connector that end in the plural of an English common noun,
    after an acronym, a word in capitals or OCR debris: what someone has or does, not a body's
    name ("CIA Contacts", "Cparational Expenses", "MIRO'e Views"). One long word in capitals
    before the plural is a programme's name the mention carries ("REDSKIN Agents", whose
    programme the trace asks for) and stays. The
    jfk-corpus store had 20 such model bodies, none a body; a body's name ends in its head ("CIA
    Staff") or holds a connector ("Board of Foreign Scholarships"); a known body's name the scan
    damaged stays ("Unitek Motions", United Nations in 157-10002-10056)."""
    bare = [w.strip(".,;:!?\"'’“”()") for w in words]
    bare = [w for w in bare if w]
    if len(bare) < 2 or any(w.lower() in _LINKS or w[:1].islower() for w in bare):
        return False
    heads = gazetteer.org_heads()
    if any(w in heads or w.title() in heads for w in bare):
        return False
    last = bare[-1]
    if not (last[:1].isupper() and last[1:].islower() and last.isalpha() and len(last) > 3):
        return False
    if len(bare) == 2 and bare[0].isupper() and bare[0].isalpha() and len(bare[0]) >= 5 and bare[0] not in gazetteer.orgs():
        return False  # a programme's people: "REDSKIN Agents" carries the name of REDSKIN (104-10120-10378)
    low = last.lower()
    if low == "headquarters":
        return False  # singular in use: "G-2 Headquarters" is a body
    if not (low.endswith("s") and not low.endswith("ss") and low[:-1] in lexicon):
        return False
    return not near_known(" ".join(bare))


def near_known(name: str) -> bool:
    """A known body's name of several words (``orgs.tsv``) that the scan damaged, one edit in four
    letters at most ("Unitek Motions": United Nations)."""
    forms = _multiword_forms()
    budget = max(1, len(name) // 4)
    return process.extractOne(name, forms, scorer=Levenshtein.distance, score_cutoff=budget) is not None


@functools.cache
def _multiword_forms() -> tuple[str, ...]:
    return tuple(sorted(f for f in gazetteer.orgs() if " " in f))


def people_group(words: list[str]) -> bool:
    """A body's name followed by the plural of a post ("Section Chiefs", "Station Chiefs", "Case
    Officers"; the one-word posts of ``roles.tsv``) names the people who hold it, not a body."""
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    last = words[-1].lower()
    return any(last in (p + "s", p + "es", p[:-1] + "ies") for p in _posts())


@functools.cache
def _posts() -> frozenset[str]:
    return frozenset(wordlists.role_words("post"))


_LINKS = frozenset({"of", "and", "for", "the", "on", "in", "to", "at"})
