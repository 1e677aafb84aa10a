"""Names: clean a surface form, parse a person's name, and fold transliteration variants.

Everything here is a pure function of a string. ``fold`` is the comparison key: two spellings a
reader would call "the same transliteration" (Tretyakov, Tretiakov, Tret'yakov; -sky/-skii/-skiy;
ks/x; kh/h; e/ye; yu/iu; ya/ia; ts/tz; doubled letters) fold to one string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from declass.types.confusion import skeleton

TITLES = frozenset(
    "mr mrs ms miss dr gen general col colonel capt captain maj major lt lieutenant sgt citizen count "
    "sir esq prof professor rev comrade madame mme mlle monsieur herr frau admiral adm senator sen "
    "president gov governor hon judge father mister".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset(
    {"van", "von", "de", "du", "la", "le", "di", "da", "del", "der", "st", "ter", "ten", "al", "el", "bin", "ibn"}
)



def is_particle(word: str) -> bool:
    """Whether a word is a surname particle ("van", "de", "al") that may be written in lower case."""
    return word.lower() in _PARTICLES


# Nicknames and cross-language equivalents: every spelling in a group names the same given name.
_NICKNAME_GROUPS = [
    "edward ed eddie ted ned",
    "william bill will billy willy wm",
    "robert bob rob bobby bert",
    "james jim jimmy jas",
    "joseph joe jos iosif osip",
    "john jack johnny ivan jno",
    "michael mike mikhail misha",
    "richard dick rick",
    "thomas tom tommy thos",
    "anthony tony anton",
    "charles chuck charlie chas karl",
    "david dave",
    "daniel dan danny",
    "samuel sam",
    "benjamin ben",
    "frederick fred",
    "henry harry hank",
    "lawrence larry",
    "peter pete pyotr petr",
    "stephen steven steve stepan",
    "alexander alex aleksandr sasha alexandr",
    "vladimir volodya",
    "nikolai nicholas nick kolya nikolay",
    "ivan vanya",
    "dmitri dmitry dima",
    "konstantin kostya constantine",
    "aleksei alexei alexey alyosha aleksey",
    "anatoli anatoly tolya",
    "yuri yury yura georgi george",
    "viktor victor vitya",
    "pavel paul pasha",
    "sergei sergey sergius",
    "yevgeni evgeni eugene zhenya",
    "grigori gregory grisha",
    "boris borya",
    "andrei andrew andrey",
    "vasili vasily basil vasya",
    "fyodor theodore fedor fedya",
    "yakov jacob yasha",
    "leonid lenya",
    "margaret peggy maggie",
    "elizabeth liz beth betty",
    "catherine kate ekaterina katya",
    "maria mary masha",
]


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


_PATRONYMIC = re.compile(r"(ovich|evich|ich|ovna|evna|ichna|inichna)$")


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
    return word if len(word) == 1 else (word.capitalize() if word.isupper() or word.islower() else word)


_LETTER = re.compile(r"[^\W\d_]")


def _name_tokens(text: str) -> list[str]:
    """The words of a name, without OCR debris: tokens with no letter ("»", "003620", "&") and,
    beside capitalised words, stray lower-case single letters ("Lee i. Harvey Oswald")."""
    tokens = [t.strip("-'’,;:") for t in re.split(r"[\s.]+", text)]
    tokens = [t for t in tokens if t and _LETTER.search(t) and fold(t)]
    if any(t[0].isupper() for t in tokens):
        tokens = [t for t in tokens if not (len(t) == 1 and t.islower())] or tokens
    return tokens


@lru_cache(maxsize=200_000)
def parse_person(text: str) -> PersonName:
    """Parse "Edward P. Morgan", "MORGAN, Edward P.", "Ed Morgan", "Mikha L Massianov"."""
    text = clean(text)
    surname_first = False
    if "," in text:
        head, _, tail = text.partition(",")
        if head.strip() and tail.strip() and len(head.split()) <= 2:
            text, surname_first = f"{head.strip()} {tail.strip()}", True
    tokens = _name_tokens(text)
    tokens = [t for t in tokens if t.lower().strip(".") not in TITLES] or tokens
    tokens = [t for t in tokens if t.lower().strip(".,") not in _SUFFIXES] or tokens  # "KING, JR.": the surname is King
    if (
        not surname_first
        and len(tokens) > 1
        and tokens[0].isupper()
        and len(tokens[0]) > 1
        and not all(t.isupper() for t in tokens)
    ):
        surname_first = True  # CIA style: "MORGAN Edward P"
    if surname_first:
        tokens = tokens[1:] + tokens[:1]
    # "Van Buren", "de Gaulle": a particle belongs to the surname that follows it.
    while len(tokens) > 2 and tokens[-2].lower() in _PARTICLES:
        tokens = [*tokens[:-2], f"{tokens[-2]} {tokens[-1]}"]
    if not tokens:
        return PersonName(None, (), "", text)
    display = " ".join(_title_case(t) + ("." if len(t) == 1 else "") for t in tokens)
    folded = [fold(t) for t in tokens]
    if len(tokens) == 2 and tokens[0].lower() in _PARTICLES:
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
