"""Surface patterns of the domain layer: names, name lists, OCR variants of acronyms. Pure."""

from __future__ import annotations

import re

from declass.pipeline.extract import gazetteer
from declass.pipeline.patterns import FILE_201 as FILE_NUMBER  # noqa: F401  (one 201-number pattern, used by components)
from declass.types import wordlists
from declass.types.confusion import upper_confusable
from declass.types.dates import MONTH_WORD
from declass.types.names import PATRONYMIC_ENDINGS

NAME = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
PATRONYMIC_RE = re.compile(rf"^[A-Z][a-z]+(?:{PATRONYMIC_ENDINGS})$")
SURNAME_RE = re.compile(r"(?:ov|ev|yev|in|yn|sky|skiy|skii|ski|ova|eva|ina|skaya|enko|uk|yuk|ik|yan|ian|dze|shvili)$")
INITIAL_RE = re.compile(r"^[A-Z]\.?$")
TITLE_TOKEN_RE = re.compile(rf"^{NAME}$")
# Every title of data/titles.tsv, also those beginning place names ("St"): a line holding one is no
# list of names, and an initials name does not start with one.
TITLES = wordlists.titles(places=True)

# "Zoran Afanasyevich Belik", "Konstantin Aleksandrovich Kellner"
PATRONYMIC_NAME = re.compile(rf"\b{NAME}\s+[A-Z][a-z]+(?:{PATRONYMIC_ENDINGS})\s+{NAME}\b")
# "Aleksei V. Batyan", "Viktor I. Baidalakov", "Edward P. Morgan"
INITIAL_NAME = re.compile(rf"\b(?P<g>{NAME})\s+(?:[A-Z]\.\s*){{1,2}}\s*{NAME}\b")
# "MORGAN, Edward P." (CIA memoranda write the surname first in capitals)
# ... but not a dateline or a style: "VIENNA, August 3", "LEYDEN, Feb.", "BRINK, Esquire"
_NOT_GIVEN = rf"(?!{MONTH_WORD}\b|Esq)"
# "OSWALD, Lee Harvey": a second given name (group m) kept when it is a name (components.py)
SURNAME_FIRST = re.compile(
    rf"\b[A-Z]{{3,}}(?:[-'][A-Z]+)?,\s+{_NOT_GIVEN}[A-Z][a-z]+(?P<m>[ \t]+[A-Z][a-z]+)?(?:\s+[A-Z]\.(?!\w))?"
)
# "writing under his pseudonym of Aleksei Privalov", "X, alias Y", "X aka Y", "X @ Y"
ALIAS_CUE = re.compile(
    r"(?:under\s+(?:his|her|the)\s+(?:pseudonym|alias|cover\s+name|nom\s+de\s+plume|name)(?:\s+of)?"
    r"|(?:,\s*)?\b(?:alias|aka|a\.k\.a\.|also\s+known\s+as|true\s+name)\b:?|\s@)\s+"
    rf"(?P<name>{NAME}(?:\s+[A-Z]\.)?(?:\s+{NAME}){{0,2}}|[A-Z]{{2,}}(?:-\d+)?(?:\s+[A-Z]{{2,}}){{0,2}})"
)


def confusable(a: str, b: str) -> bool:
    """Same length, one position differs, and that pair of capitals is a known scan confusion
    (data/ocr_confusions.tsv): maps MTS/HTS/WTS/NTC/NTE to NTS."""
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and upper_confusable(*diff[0])


def english(word: str, lexicon: frozenset[str] | set[str]) -> bool:
    """``word`` (any case) or its stem without a plural or past ending is in the lexicon
    ("GROUPS", "INQUIRIES", "INDICTED")."""
    w = word.lower()
    stems = {w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith(("es", "ed")) else w}
    if w.endswith("ies"):
        stems.add(w[:-3] + "y")
    if w.endswith("ed"):
        stems.add(w[:-1])
    return w in lexicon or any(s in lexicon for s in stems if len(s) >= 3)


_LEXICONS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def canonical(lexicon: frozenset[str]) -> frozenset[str]:
    """The first lexicon seen equal to ``lexicon``: the key for caches by lexicon.

    A cache keyed by a frozenset finds its entry by hash and then compares the sets; for the same
    object that is an identity test, for an equal copy a comparison of all 83,000 words (17 ms). A
    pipeline loaded again (``load_nlp.cache_clear`` after a long document, or another
    ``load_nlp`` call form) brings such a copy, and every cached word then cost that. One
    comparison per new lexicon object here, identity afterwards."""
    known = _LEXICONS.get(id(lexicon))
    if known is not None and known[0] is lexicon:
        return known[1]
    same = next((first for _, first in _LEXICONS.values() if first == lexicon), lexicon)
    _LEXICONS[id(lexicon)] = (lexicon, same)  # the object is kept, so its id is not reused
    return same


def is_name_token(tok: str) -> bool:
    return bool(TITLE_TOKEN_RE.match(tok) or INITIAL_RE.match(tok))


def split_name_list(tokens: list[str]) -> list[tuple[int, int]] | None:
    """Token index ranges of the people in a line that is only names, or None if it is not one.

    "Aleksei V. Batyan Vladimir Aleksandrovich Tretyakov" -> [(0, 3), (3, 6)]: each person is a
    given name, any initials or patronymic, then a surname.
    """
    if not 2 <= len(tokens) <= 12 or not all(is_name_token(t) for t in tokens):
        return None
    if INITIAL_RE.match(tokens[0]) or INITIAL_RE.match(tokens[-1]):
        return None
    stripped = [t.rstrip(".") for t in tokens]
    if any(t in gazetteer.places() or t in gazetteer.orgs() or t in TITLES for t in stripped):
        return None
    evidence = sum(
        1
        for t in stripped
        if t in gazetteer.given_names() or PATRONYMIC_RE.match(t) or INITIAL_RE.match(t) or SURNAME_RE.search(t)
    )
    if evidence < max(1, len(tokens) // 2):
        return None
    spans = []
    i, n = 0, len(tokens)
    while i < n:
        start = i
        i += 1
        while i < n and (INITIAL_RE.match(tokens[i]) or PATRONYMIC_RE.match(tokens[i])):
            i += 1
        if i < n:
            i += 1
        spans.append((start, i))
    return spans


def is_name_list_block(lines: list[str]) -> bool:
    """Lines that are each a list of whole names ("Aleksei V. Batyan" / "Vladimir A. Tretyakov").

    A name wrapped at a line end ("William" / "Murphy", newspaper columns) is one person, so a
    line of a single token never makes a block a list.
    """
    filled = [ln.split() for ln in lines if ln.strip()]
    return len(filled) >= 2 and all(len(toks) >= 2 and split_name_list(toks) for toks in filled)
