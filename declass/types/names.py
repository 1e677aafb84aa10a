"""Names: clean a surface form, parse a person's name, and fold transliteration variants.

Everything here is a pure function of a string. ``fold`` is the comparison key: two spellings a
reader would call "the same transliteration" (Tretyakov, Tretiakov, Tret'yakov; -sky/-skii/-skiy;
ks/x; kh/h; e/ye; yu/iu; ya/ia; ts/tz; doubled letters) fold to one string.

Every folder of names calls these (nothing else folds a name):

- ``fold(word)``: one word; ``fold_name(text)``: a whole name word by word, single spaces. The
  readers rank and compare typed names with ``fold_name`` (it replaces ``trace.name_form``):
  "Kassianov"/"Kasianov" and "Tret'yakov"/"Tretiakov" give one string.
- ``name_key(text, label)``: the exact-match key of resolution (parsed, titles and articles dropped).
- ``name_keys(text)`` / ``entity_keys(names)``: the keys of the store's entity name index.
- ``lookup_key(text)``: the stored ``entities.name_key`` column that search terms match with LIKE
  (lower case, not folded).
- ``Name(text, label)``: the value holding all of them (``.folded``, ``.skeleton``, ``.key``,
  ``.index_keys``, ``.lookup``, ``.person``) and comparing (``.same``, ``.similarity``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from declass.types import wordlists
from declass.types.confusion import similarity, skeleton

# Titles (data/titles.tsv), lower case: dropped anywhere in a parsed name; those that are also
# surnames or name words ("King", "Major", "Bishop") only in front of one.
TITLES = wordlists.titles(names=False, lower=True)
_NAME_TITLES = wordlists.titles(lower=True) - TITLES
_ARTICLES = frozenset({"the", "a", "an"})
# Family names printed first by their own naming system (Vietnamese, data/family_names.txt): such a
# name is never rotated as "SURNAME, Given" ("DIEU, HUE" is the nun Dieu Hue, a speck for a comma).
_FAMILY_FIRST = frozenset(row.lower() for row in wordlists.lines("family_names.txt") if "\t" not in row)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Lower-case words that may sit inside a name: Spanish, Portuguese, Dutch, German, Arabic particles.
PARTICLES = frozenset("van von de du la le di da del der den st ter ten al el bin ibn las los das dos y e".split())


def is_particle(word: str) -> bool:
    """Whether a word is a surname particle ("van", "de", "al") that may be written in lower case."""
    return word.lower() in PARTICLES


# Nicknames and cross-language equivalents: every spelling in a group names the same given name.
_NICKNAME_GROUPS = [" ".join(group).lower() for group in wordlists.given_name_groups()]  # data/given_names.txt


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_HYPHEN_BREAK = re.compile(r"[-¬]\s*\n\s*|¬\s*")
_APOSTROPHES = re.compile(r"['’ʼʹ`´ь]")
_VOWEL_I = re.compile(r"(?<=[aeiou])i(?=[aeiou])|^i(?=[aeou])")
_DOUBLE = re.compile(r"(.)\1+")


def clean(text: str) -> str:
    """The surface form with line-end hyphens joined, whitespace collapsed and a possessive dropped."""
    text = _HYPHEN_BREAK.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(' \t,;:.!?"“”()[]')
    return re.sub(r"['’]s$", "", text)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """A transliteration-folded key of one word: lower case, no accents, no soft sign."""
    w = _APOSTROPHES.sub("", _strip_accents(word.lower()))
    w = w.replace("shch", "sch").replace("kh", "h").replace("x", "ks").replace("tz", "ts").replace("ck", "k")
    w = w.replace("ph", "f").replace("w", "v").replace("j", "i").replace("y", "i")
    w = _VOWEL_I.sub("", w)
    w = _DOUBLE.sub(r"\1", w)  # ii, ss, nn: skii == sky, Kassianov == Kasianov
    return re.sub(r"[^a-z0-9]", "", w)


_GIVEN_GROUP: dict[str, str] = {}
for _group in _NICKNAME_GROUPS:
    _words = _group.split()
    for _w in _words:
        _GIVEN_GROUP.setdefault(fold(_w), fold(_words[0]))


def given_group(name: str) -> str:
    """The canonical given name of a folded given name or nickname (itself when unknown)."""
    return _GIVEN_GROUP.get(name, name)


def is_known_given(name: str) -> bool:
    """Whether a folded word is a given name or nickname from the table."""
    return name in _GIVEN_GROUP


# The endings of a Russian patronymic (NOTES.md), also read by extraction's name patterns: "-yevich",
# "-ievich", "-yevna" and "-inichna" end in one of these.
PATRONYMIC_ENDINGS = "ovich|evich|ich|ovna|evna|ichna"
_PATRONYMIC = re.compile(rf"(?:{PATRONYMIC_ENDINGS})$")


def is_patronymic(folded: str) -> bool:
    """Whether a folded word looks like a Russian patronymic (-ovich, -evna...)."""
    return len(folded) > 5 and bool(_PATRONYMIC.search(folded))


@dataclass(frozen=True, slots=True)
class PersonName:
    """A parsed personal name: folded given name, middle names or initials, surname; display form."""

    given: str | None
    middle: tuple[str, ...]
    surname: str
    display: str

    @property
    def parts(self) -> int:
        """How many name parts are known: the richer form is the better canonical name."""
        return (self.given is not None) + len(self.middle) + bool(self.surname)


def _title_case(word: str) -> str:
    if " " in word:  # a particle and its surname: "DE GAULLE" -> "De Gaulle", "del Bosque" kept
        return " ".join(w.capitalize() if w.isupper() else w for w in word.split())
    return word if len(word) == 1 else (word.capitalize() if word.isupper() or word.islower() else word)


_LETTER = re.compile(r"[^\W\d_]")


def _name_tokens(text: str) -> list[str]:
    """The words of a name, without OCR debris: quotes at a word's edge, tokens with no letter ("»", "003620", "&") and,
    beside capitalised words, stray lower-case single letters ("Lee i. Harvey Oswald")."""
    tokens = [t.strip("-'’‘,;:\"“”„") for t in re.split(r"[\s.]+", text)]  # quotes of OCR: DIEU “HUEY
    tokens = [t for t in tokens if t and _LETTER.search(t) and fold(t)]
    if any(t[0].isupper() for t in tokens):
        tokens = [t for t in tokens if not (len(t) == 1 and t.islower())] or tokens
    return tokens


@lru_cache(maxsize=200_000)
def parse_person(text: str) -> PersonName:
    """Parse "Edward P. Morgan", "MORGAN, Edward P.", "Ed Morgan", "Mikha L Massianov"."""
    text = clean(text)
    surname_first = False
    head_words = 1  # how many leading words are the surname ("LOPEZ MATEOS, Adolfo": two)
    if "," in text:
        head, _, tail = text.partition(",")
        # "JOHN F, KENNEDY": a comma after a middle initial is its stop misread, not "SURNAME, Given".
        initial_stop = len(head.split()) == 2 and len(head.split()[-1]) == 1
        family_first = head.strip().lower() in _FAMILY_FIRST
        if head.strip() and tail.strip() and len(head.split()) <= 2 and not initial_stop and not family_first:
            text, surname_first = f"{head.strip()} {tail.strip()}", True
            head_tokens = _name_tokens(head)
            if not any(t.capitalize() in wordlists.given_names() for t in head_tokens):  # "Fidel CASTRO, Raul CASTRO": two people
                head_words = max(1, len(head_tokens))
    tokens = _name_tokens(text)
    tokens = [t for t in tokens if t.lower().strip(".") not in TITLES] or tokens
    if not surname_first and len(tokens) > 1 and not tokens[0].isupper() and tokens[0].lower() in _NAME_TITLES:
        tokens = tokens[1:]  # "King Hussein", "Major Smith"; but "Maurice Bishop", "KING, Martin"
    tokens = [t for t in tokens if t.lower().strip(".,") not in _SUFFIXES] or tokens  # "KING, JR.": the surname is King
    if (
        not surname_first
        and len(tokens) > 1
        and tokens[0].isupper()
        and len(tokens[0]) > 1
        and not all(t.isupper() for t in tokens)
        and tokens[0].lower() not in _FAMILY_FIRST
    ):
        surname_first = True  # CIA style: "MORGAN Edward P"; "LOPEZ MATEOS Adolfo": both capitals
        head_words = next(i for i, t in enumerate(tokens) if not (t.isupper() and len(t) > 1))
    if surname_first:
        # The surname words go last, in their order: "Adolfo Lopez Mateos", as running text prints it.
        head_words = min(head_words, len(tokens) - 1) or 1
        tokens = tokens[head_words:] + tokens[:head_words]
    # "Van Buren", "de Gaulle": a particle belongs to the surname that follows it.
    while len(tokens) > 2 and tokens[-2].lower() in PARTICLES:
        tokens = [*tokens[:-2], f"{tokens[-2]} {tokens[-1]}"]
    if not tokens:
        return PersonName(None, (), "", text)
    display = " ".join(_title_case(t) + ("." if len(t) == 1 else "") for t in tokens)
    folded = [fold(t) for t in tokens]
    if len(tokens) == 2 and tokens[0].lower() in PARTICLES:
        folded = [fold(" ".join(tokens))]
    if len(folded) == 1:
        if is_known_given(folded[0]):
            return PersonName(folded[0], (), "", display)
        return PersonName(None, (), folded[0], display)
    return PersonName(folded[0], tuple(folded[1:-1]), folded[-1], display)


def name_key(text: str, label: str) -> str:
    """The exact-match key of a mention: folded words, articles and titles dropped."""
    if label == "PERSON":
        p = parse_person(text)
        return " ".join([p.given or "", *p.middle, p.surname]).strip()
    words = [w for w in re.split(r"[\s.,]+", clean(text)) if w]
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    return " ".join(fold(w) for w in words)


def is_acronym(text: str) -> bool:
    """Whether a surface form is an acronym: 2-6 capitals or digits, no spaces ("NTS", "MGB")."""
    t = clean(text).replace(".", "")
    return 2 <= len(t) <= 6 and t.isupper() and t.isalnum()


def initials(text: str) -> str:
    """The capital initials of a multi-word expansion: "Natsionalno-Trudovoi Soyuz" -> "NTS"."""
    words = [w for w in re.split(r"[\s\-]+", clean(text)) if w and w.lower() not in {"of", "the", "and", "for", "de", "la"}]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


KEY_LEN = 3


def word_keys(word: str) -> list[str]:
    """Blocking keys of one folded word: skeleton prefix and suffix (the whole for short words)."""
    sk = skeleton(word)
    if not sk:
        return ["=" + word] if word else []
    if len(sk) <= KEY_LEN:
        return [f"={sk}"]
    return [f"<{sk[:KEY_LEN]}", f">{sk[-KEY_LEN:]}"]


# --- Keys of the entity name index ---------------------------------------------------------------
# Each name, variant and alias of an entity is split into words. A word gives its transliteration
# fold (``w:tretiakov``), the OCR blocking keys of resolution (skeleton prefix and suffix,
# :func:`word_keys`: "Daidalakov" and "Baidalakov" share them) and, for words of
# ``MIN_DELETE_LEN`` letters or more, the fold with one letter deleted (``d:``): two spellings one
# edit apart always share one of those, even where the edit breaks the skeleton keys of a short
# name, and its first ``PREFIX_LEN`` letters (``p:``), so a typed prefix ("Alek") still finds the
# name. A whole name also gives its joined fold (``n:nts`` for "NTS" and "N.T.S."). A query's keys
# are made the same way; entities sharing keys with it are the candidates, ranked by how many they
# share. Lookup is exact equality on indexed keys, never a scan: the store's cost per query does
# not grow with the number of entities, only with the number sharing a key.

MIN_WORD_LEN = 3  # shorter words ("V.", "of", "de") give keys only when a name has nothing longer
MIN_DELETE_LEN = 4
PREFIX_LEN = 4
MAX_WORD_LEN = 40
MAX_KEY_LEN = 120
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)
_SPLIT_KEEP_SOFT_SIGN = re.compile(r"[^\w'’ʼʹ`´]+", re.UNICODE)  # "Tret'yakov" is one word


def folded_words(text: str) -> list[str]:
    """The transliteration folds of a name's words, in order ("Tret'yakov, V." -> tretiakov, v)."""
    return [w for w in (fold(t) for t in _SPLIT_KEEP_SOFT_SIGN.split(text)) if w]


def fold_name(text: str) -> str:
    """A whole name folded word by word, single spaces: the form names are ranked and compared in.

    "Mikhail Kassianov" and "Mikhail Kasianov" give the same string, as do "Tret'yakov" and
    "Tretiakov"; readers compare typed names with this (not with their own folding).
    """
    return " ".join(folded_words(text))


def _index_words(text: str) -> list[str]:
    words = [w for w in (fold(t) for t in _SPLIT.split(text)) if w]
    long = [w for w in words if len(w) >= MIN_WORD_LEN]
    return [w[:MAX_WORD_LEN] for w in (long or words)]


def name_keys(text: str) -> set[str]:
    """The index keys of one name as printed or typed."""
    words = _index_words(text)
    keys: set[str] = set()
    for w in words:
        keys.add("w:" + w)
        keys.update(word_keys(w))
        if len(w) >= PREFIX_LEN:
            keys.add("p:" + w[:PREFIX_LEN])
        if len(w) >= MIN_DELETE_LEN:
            keys.update("d:" + w[:i] + w[i + 1 :] for i in range(len(w)))
            keys.add("d:" + w)
    if words:
        keys.add("n:" + "".join(words))
    return {k[:MAX_KEY_LEN] for k in keys}


def entity_keys(names: Iterable[str]) -> set[str]:
    """The index keys of an entity: those of its name, variants and aliases together."""
    keys: set[str] = set()
    for name in names:
        keys |= name_keys(name)
    return keys


def lookup_key(text: str) -> str:
    """The stored ``entities.name_key`` column: lower case, letters and digits, single spaces.

    Search terms are matched against it with LIKE as typed, so it is deliberately not folded.
    """
    out = "".join(ch.lower() if ch.isalnum() else " " for ch in text)
    return " ".join(out.split())


# --- The name value --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """A name as printed, with every key declass compares it by (one place for all of them).

    ``Name("Tret'yakov, Vladimir", "PERSON")``: ``.folded`` "tretiakov vladimir", ``.key``
    "vladimir tretiakov" (the resolution key: parsed, titles dropped), ``.index_keys`` (the name
    index), ``.lookup`` (the stored search column), ``.skeleton`` (the OCR skeleton of each word).
    """

    text: str
    label: str = "PERSON"

    @property
    def cleaned(self) -> str:
        """The surface form with line-end hyphens joined and a possessive dropped (:func:`clean`)."""
        return clean(self.text)

    @property
    def words(self) -> list[str]:
        """The folded words in printed order."""
        return folded_words(self.cleaned)

    @property
    def folded(self) -> str:
        """The whole name folded word by word (:func:`fold_name`)."""
        return fold_name(self.cleaned)

    @property
    def skeleton(self) -> str:
        """The OCR skeleton of each folded word: "Daidalakov" and "Baidalakov" give one string."""
        return " ".join(skeleton(w) for w in self.words)

    @property
    def key(self) -> str:
        """The exact-match key of resolution for this label (:func:`name_key`)."""
        return name_key(self.text, self.label)

    @property
    def person(self) -> PersonName | None:
        """The parsed personal name, for a PERSON."""
        return parse_person(self.text) if self.label == "PERSON" else None

    @property
    def index_keys(self) -> set[str]:
        """The keys of the entity name index (:func:`name_keys`)."""
        return name_keys(self.text)

    @property
    def lookup(self) -> str:
        """The stored ``entities.name_key`` form (:func:`lookup_key`)."""
        return lookup_key(self.text)

    def same(self, other: Name) -> bool:
        """Whether two names of one label have the same resolution key ("Ed Morgan", "MORGAN, Edward")."""
        return self.label == other.label and bool(self.key) and self.key == other.key

    def similarity(self, other: Name) -> float:
        """0..1: how alike the folded names are, OCR confusions costing less (:func:`similarity`)."""
        return similarity(self.folded, other.folded)
