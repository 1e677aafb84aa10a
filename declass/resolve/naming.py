"""Canonical names: the display name of an entity, chosen from the forms its mentions print.

The name is always one of the printed forms (cleaned and displayed), never assembled from the
debris of several. A person is named by the most complete *well-formed* variant: every word a
capitalised word or a capital initial, no stray letters or digits, no OCR debris. An organisation
or place is named by its most frequent well-formed form, or its acronym when that is as frequent.
Cryptonyms are written in capitals (``AMFAUNA-14``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from declass.model import Mention
from declass.resolve.damage import damaged_given_word, title_fragment
from declass.types.names import TITLES, clean, is_acronym, is_particle, name_key, parse_person
from declass.types.wordlists import census_names, given_names, lines

# A name word: "Edward", "P.", "O'Neill", "Smith-Jones", "McCone", "DeMohrenschildt", "MORGAN,".
_WORD = re.compile(r"^(?:[A-Z][a-z]*\.?|[A-Z][a-z]+(?:['’\-][A-Za-z][a-z]+)+|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]{2,},?)$")
_ORG_DEBRIS = re.compile(r"(?:^|\s)[^\w\s]+(?:\s|$)|\d{3,}|\s\w\s|^\w\s|\s\w$")


def name_text(mention: Mention) -> str:
    """The name a mention gives, which resolution compares (the surface form stays in ``text``).

    A referring word gives its referent's name ("Subject" -> "MORGAN, Edward P.", extraction's
    ``attrs["refers"]``); a country form the country's name (``attrs["country"]``: "U.S." -> United
    States); a titled name the name without its title ("Senor Manuel Artime", ``attrs["title"]``);
    an acronym that extraction read as an OCR form of a known one ("CLA", ``norm`` CIA) that acronym.
    """
    attrs = mention.attrs
    norm = mention.norm
    if norm and norm != mention.text and mention.label in _ACRONYM_LABELS and _is_acronym(mention.text) and _is_acronym(norm):
        return norm
    if not attrs:
        return mention.text  # the common case, kept cheap: called for every mention several times
    for key in ("refers", "country"):
        value = attrs.get(key)
        if isinstance(value, str) and value.strip():
            return value
    title = attrs.get("title")
    text = mention.text
    if isinstance(title, str) and title and text.lower().startswith(title.lower()) and len(text) > len(title):
        rest = text[len(title) :].lstrip(" .")
        return rest or text
    return text


_ACRONYM_LABELS = frozenset({"ORG", "ACRONYM"})


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 8 and text.isalpha() and text.isupper()


@lru_cache(maxsize=1)
def _place_forms() -> dict[str, str]:
    """Name key of a printed place form -> the place's first form (``declass/data/place_variants.tsv``)."""
    index: dict[str, str] = {}
    for line in lines("place_variants.tsv"):
        name, _, forms = line.partition("\t")
        for form in (name, *forms.split("|")):
            if form.strip():
                index[name_key(form, "LOC")] = name
    return index


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Common English words that are no part of a person's name (``declass/data/common_words.txt``),
    less the given names: "As", "Taught", "Legal" joined to a name from the line before."""
    words = {w.casefold() for line in lines("common_words.txt") for w in line.split()}
    return frozenset(words - {g.casefold() for g in given_names()})


@lru_cache(maxsize=100_000)
def compared_text(text: str, etype: str) -> str:
    """The form of a name that resolution compares: a place's printed variant as the place's first
    form ("Habana" -> "Havana", "Fla." -> "Florida"); a person's name without common words joined
    to it ("CHAYES, Legal" -> "CHAYES", "Taught Nikonov" -> "Nikonov"). The printed form stays the
    mention's text and a variant of the entity."""
    if etype == "LOC":
        return _place_forms().get(name_key(text, "LOC"), text)
    if etype != "PERSON":
        return text
    tokens = text.split()
    kept = [t for t in tokens if len(t.strip(".,'’")) < 2 or t.strip(".,'’").casefold() not in not_name_words()]
    if len(kept) == len(tokens) or not any(len(t.strip(".,'’")) >= 2 for t in kept):
        return text
    return " ".join(kept).strip(" ,")


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", clean(text)) if w]


@lru_cache(maxsize=100_000)
def well_formed_person(text: str) -> bool:
    """A printed person name with nothing but name words: "Lee Harvey Oswald", "MORGAN, Edward P.".

    Not: "Lee i. Harvey Oswald" (a stray lower-case letter), "K \\nThie" or "Q Ladd Keay" (a capital
    letter without its stop before a name in lower case: debris of the line before, a routing
    mark, not an initial), "Fidel ». Castro", "Guy 003620 Vitale"
    (a token without letters), "Castro," with a trailing initial as surname, a surname without a
    vowel ("Baumgardner JFK"), or more than five words.
    """
    words = [w.rstrip(",") for w in _words(text)]
    words = [w for w in words if w.lower().strip(".") not in TITLES]
    if not words or len(words) > 5 or _bare_letter(text):
        return False
    for w in words:
        if is_particle(w):
            continue
        if not _WORD.match(w):
            return False
    person = parse_person(text)
    # A surname needs a vowel as printed: "Baumgardner JFK" is a name and the banner's initials.
    printed = person.display.split()[-1:] or [""]
    return len(person.surname) >= 2 and bool(re.search(r"[aeiouyAEIOUY]", printed[0]))


# A capital letter without its stop, then a name in lower case: "K \nThie", "Q Ladd Keay". In a
# cable in capitals ("J EDGAR HOOVER") stops are dropped and the letter is an initial.
_BARE_LETTER = re.compile(r"^[A-Z]\s+[A-Z][a-z]")


def _bare_letter(text: str) -> bool:
    return bool(_BARE_LETTER.match(text.strip()))


def _known_given(text: str) -> bool:
    """The given name is a known one, an initial or absent: "Fidel Castro", not "Fidsi Castro"."""
    given = parse_person(text).given
    return not given or len(given) == 1 or given.capitalize() in given_names()


def damaged_first_word(text: str) -> bool:
    """Whether a printed person name starts (after its titles) with debris taken for a given name:
    an OCR form of a known given name ("Rodert Wortsc Godden") or a rank cut short ("Genera
    Carter"). Such a form is never the entity's name while another form is printed."""
    words = parse_person(text).display.split()
    if len(words) < 2:
        return False
    first = words[0]
    return damaged_given_word(first) is not None or title_fragment(first) is not None


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    """Given names and surnames the data files know (census lists, ``persons.txt``), lower case."""
    return frozenset([*census_names(), *(g.casefold() for g in given_names()), *(p.casefold() for p in lines("persons.txt"))])


@lru_cache(maxsize=100_000)
def known_name_words(text: str) -> int:
    """How many words of a printed name are known given names or surnames: between two forms printed
    as often, "Allen Dulles" (2) is the name and "Allen Dullss" (1) its OCR damage."""
    return sum(w.strip(".,'’").casefold() in _known_names() for w in parse_person(text).display.split())


# A name word whose casing no title-casing gives: "McCone", "DeMohrenschildt", "O'Neill".
_MIXED_CASE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z]['’][A-Z][a-z]+")


def respelled(words: list[str], spellings: Iterable[str]) -> list[str]:
    """The words of a display name, each spelt as a mixed-case form of it in ``spellings`` (the
    variants and the mentions' ``norm``) when there is one: title-casing "McCONE" gives "Mccone",
    the norm "John McCone" extraction gave the form "MCCONE, JOHN" spells it right."""
    cased: dict[str, str] = {}
    for s in spellings:
        for w in re.split(r"[\s,;()]+", s):
            w = w.strip(".")
            if _MIXED_CASE.fullmatch(w):
                cased.setdefault(w.casefold(), w)
    if not cased:
        return words
    return [cased.get(w.casefold(), w) for w in words]


def person_name(texts: Counter[str], spellings: Iterable[str] = ()) -> str:
    """The display form of the most complete well-formed variant of a person whose first word is
    no debris of a given name or a title (:func:`damaged_first_word`), then one with a known
    given name over an OCR-damaged one, then the most frequent; its words spelt in mixed case as
    a variant or a mention's norm spells them (:func:`respelled`)."""

    def rank(t: str) -> tuple[bool, bool, int, bool, int, int, int, str]:
        whole = well_formed_person(t)
        first = not (whole and damaged_first_word(t))
        return (whole, first, parse_person(t).parts, _known_given(t), texts[t], known_name_words(t), len(t), t)

    best = max(texts, key=rank)
    words = parse_person(best).display.split()
    if len(words) >= 2 and (_bare_letter(best) or title_fragment(words[0]) is not None):
        words = words[1:]  # the only form prints debris or a cut rank before the name: never a given name
    # Spell the surname as the cluster mostly does: "Mikha L. Massianov" + 3x "Kassianov".
    surnames: Counter[str] = Counter()
    for t, n in texts.items():
        p = parse_person(t)
        shown = p.display.split()
        if shown and p.surname and well_formed_person(t):
            surnames[shown[-1]] += n
    if surnames and words:
        words[-1] = max(surnames, key=lambda s: (surnames[s], known_name_words(s), s == words[-1], s))
    return " ".join(respelled(words, [*texts, *spellings]))


def _display_org(text: str) -> str:
    shown = re.sub(r"\s+", " ", text).strip(' \t,;:!?"“”()[]')
    if shown.count("(") > shown.count(")"):
        # "... Estudiantil (DRE)" keeps its closing parenthesis; "... Estudiantil (DRE" cut at a
        # line end loses the open one.
        shown = shown + ")" if text.rstrip().endswith(")") else re.sub(r"\s*\([^)]*$", "", shown)
    return re.sub(r"^(?:the|The|THE) ", "", shown)


def org_name(texts: Counter[str]) -> str:
    """An organisation's or place's most frequent well-formed form, or its acronym when as frequent."""
    shown: Counter[str] = Counter()
    for t, n in texts.items():
        shown[_display_org(t) or t.strip()] += n
    clean_forms = [t for t in shown if not _ORG_DEBRIS.search(t) and any(c.isupper() for c in t[:1])]
    pool0 = clean_forms or list(shown)
    acronyms = [t for t in pool0 if is_acronym(t)]
    top = max(shown[t] for t in pool0)
    pool = acronyms if acronyms and max(shown[t] for t in acronyms) * 2 >= top else pool0
    return max(pool, key=lambda t: (shown[t], len(t), t))


@lru_cache(maxsize=1)
def _places_as_listed() -> dict[str, str]:
    """Folded place name -> the place as the gazetteer writes it (``places.txt``, ``countries.tsv``)."""
    listed = [*lines("places.txt"), *(line.split("\t")[0] for line in lines("countries.tsv"))]
    return {p.casefold(): p for p in listed}


def place_name(texts: Counter[str]) -> str:
    """A place's name as :func:`org_name` chooses it, in proper case when printed only in capitals
    (cables: "ROME", "SAO PAULO" -> "Rome", "Sao Paulo"): a form printed in proper case, else the
    gazetteer's spelling, else each word capitalised; a short acronym ("USSR", "D.C.") is kept."""
    name = org_name(texts)
    if not name.isupper():
        return name
    proper = [t for t in texts if t.casefold() == name.casefold() and not t.isupper()]
    if proper:
        return max(proper, key=lambda t: (texts[t], t))
    listed = _places_as_listed().get(name.casefold())
    if listed:
        return listed
    if is_acronym(name) and len(name) <= 4:
        return name
    words = name.lower().split()
    return " ".join(w if i and is_particle(w) else w.capitalize() for i, w in enumerate(words))


def canonical_name(etype: str, texts: Counter[str], *, cryptonym: str | None = None, spellings: Iterable[str] = ()) -> str:
    """The canonical name of an entity of ``etype`` whose mentions print ``texts``.

    ``cryptonym`` is the canonical cryptonym when the entity is one: it is the name as such.
    ``spellings`` are the mentions' normal forms (``norm``), whose casing a person's name keeps.
    """
    if cryptonym:
        return cryptonym
    if etype == "PERSON":
        return person_name(texts, spellings)
    if etype == "LOC":
        return place_name(texts)
    return org_name(texts)
