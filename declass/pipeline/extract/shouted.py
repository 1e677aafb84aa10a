"""Words of shouted lines (cables, teletypes, information telegrams) that the truecaser must not
take for names, and names it must not take for words.

The truecaser (``truecase.py``) writes an English word of a line in capitals in lower case and
every other word in Title case, which the statistical model then reads as a name. Read from the
batch-2 dev records (a cable, an information telegram in capitals) and the jfk-corpus lists, three
classes go wrong that way:

* **OCR-damaged English words** (:func:`near_english`): "NATLONALIST", "GOVERNMERT", "INVOLVEQ",
  "LETNAMESE", "BENEPICTAL", "ADVIGE" are one or two typewriter-scan confusions from an English
  word; Title-cased they became "Letnamese Natlonalist" (ORG), "Advige" (PERSON). Such a word is
  an English word, unless the document prints it as a name in a line that is not shouted;
* **forms the lexicon lacks** (:func:`english_form`): present participles ("HAVING",
  "INCLUDING": the lemmatizer's tables list base forms);
* **routing and address lists** (:func:`routing_runs`): station codes of a cable heading ("MEXI
  LIMA PACY GUAT") and the commands of a dissemination line ("CINCPAC PACAF ARPAC PACFLT",
  ``data/routing_codes.txt``) are no entities: two or more in a run are written in lower case;

Pure functions of the text and the data files (read through ``declass.types.wordlists``).
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from wordfreq import zipf_frequency

from declass.pipeline.extract.patterns import canonical, english
from declass.types import wordlists
from declass.types.confusion import weighted_distance

COST_PER_LETTER = 0.15  # OCR-weighted edits allowed per letter ("NATLONALIST" 0.2 of 1.65)
MIN_LETTERS = 6  # shorter words in capitals are too often names, codes or abbreviations
# Below this length a surname is often one edit from a word ("MORALES"/morals, "BARKER"/banker):
# only one close confusion of the scan (c/g, l/i, rn/m) is allowed there ("ADVIGE": advice).
LONG_WORD = 8
SHORT_BUDGET = 0.3
# A word the wordfreq English list knows at all (Zipf 1: once per 100 million words) is a word or a
# name of its own ("MARTINEZ" 3.7, "ROSSELLI" 1.6, "HARKINS" 2.4); scan damage is unknown there (0).
KNOWN_ZIPF = 1.0
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SPECKS = re.compile(r"[\s_|:;‘’'“”\"«»-]*")


@functools.cache
def routing_codes() -> frozenset[str]:
    """Station codes and command abbreviations of routing and dissemination lines (capitals)."""
    return frozenset(w for line in wordlists.lines("routing_codes.txt") for w in line.split())


def english_form(word: str, lexicon: frozenset[str] | set[str]) -> bool:
    """:func:`~declass.pipeline.extract.patterns.english`, and a present participle of an English
    verb ("HAVING", "INCLUDING", "CHECKING", "PLANNING"), which the lexicon's base forms lack."""
    w = word.lower()
    if english(w, lexicon):
        return True
    if not w.endswith("ing") or len(w) < 5:
        return False
    stem = w[:-3]
    forms = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.append(stem[:-1])  # PLANNING -> plan
    return any(english(s, lexicon) for s in forms if len(s) >= 3)


@functools.cache
def _index(lexicon: frozenset[str]) -> dict[tuple[int, str], tuple[str, ...]]:
    """Lexicon words by (length, first three letters) and (length, "-" + last three letters): a
    damaged word keeps one end intact ("NATLONALIST", "LETNAMESE", "CLEUTENANT"), so only the words
    sharing an end are compared (a full scan of the lexicon cost 30 ms a word)."""
    out: dict[tuple[int, str], list[str]] = {}
    for w in lexicon:
        if w.isalpha() and w.islower() and len(w) >= MIN_LETTERS - 1:
            out.setdefault((len(w), w[:3]), []).append(w)
            out.setdefault((len(w), "-" + w[-3:]), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _budget(n: int) -> float:
    return COST_PER_LETTER * n if n >= LONG_WORD else SHORT_BUDGET


@functools.cache
def _near(low: str, lexicon: frozenset[str]) -> bool:
    n = len(low)
    index = _index(lexicon)
    candidates = {w for length in (n - 1, n, n + 1) for key in (low[:3], "-" + low[-3:]) for w in index.get((length, key), ())}
    found = process.extract(low, candidates, scorer=Levenshtein.distance, score_cutoff=2, limit=25)
    return any(weighted_distance(low, cand) <= _budget(n) for cand, _, _ in found)


def near_english(word: str, lexicon: frozenset[str] | set[str]) -> bool:
    """A word of :data:`MIN_LETTERS` letters or more, not English itself, within
    :data:`COST_PER_LETTER` OCR-weighted edits per letter of an English word of the lexicon
    (``data/ocr_confusions.tsv``; :data:`SHORT_BUDGET` below :data:`LONG_WORD` letters), and
    unknown to the ``wordfreq`` English list (names are in it: "MARTINEZ", "ROSSELLI"):
    "NATLONALIST" (nationalist), "GOVERNMERT", "INVOLVEQ", "ADVIGE" (advice). Callers
    first rule out known names, places and bodies; decisions are cached per word."""
    low = word.lower()
    if len(low) < MIN_LETTERS or not low.isalpha() or english_form(low, lexicon):
        return False
    if zipf_frequency(low, "en") >= KNOWN_ZIPF:
        return False
    return _near(low, canonical(lexicon if isinstance(lexicon, frozenset) else frozenset(lexicon)))


@functools.cache
def _places() -> tuple[str, ...]:
    """Known places and country names of one word, lower case (``places.txt``, ``countries.tsv``)."""
    forms = (*wordlists.lines("places.txt"), *(f for row in wordlists.lines("countries.tsv") for f in row.split("\t")[0:2]))
    return tuple(sorted({f.lower() for form in forms for f in form.split("|") if f.isalpha() and len(f) >= MIN_LETTERS}))


@functools.cache
def near_place(word: str) -> bool:
    """A word within the budget of :func:`near_english` of a known place of one word: the scan's
    "VLETNAM" is Vietnam, not the English word "vietnam" damaged (a place first, then a word)."""
    low = word.lower()
    if len(low) < MIN_LETTERS or not low.isalpha():
        return False
    found = process.extract(low, _places(), scorer=Levenshtein.distance, score_cutoff=2, limit=10)
    return any(weighted_distance(low, p) <= _budget(len(low)) for p, _, _ in found)


def printed_names(text: str, shouted: list[tuple[int, int]]) -> frozenset[str]:
    """Words (case-folded) the text prints in Title case inside a sentence of a line that is not
    shouted ("… met Morales in …"): names of the document, which a shouted line keeps as names
    however near an English word they are. ``shouted`` are the (start, end) of the shouted lines."""
    out: set[str] = set()
    pos = 0
    for a, b in [*shouted, (len(text), len(text))]:
        for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b", text[pos:a]):
            out.add(m.group().casefold())
        pos = b
    return frozenset(out)


def routing_runs(text: str, start: int, end: int, lexicon: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """(start, end) of the routing or address lists in ``text[start:end]`` (a shouted line): runs of
    words separated only by spaces and specks, each a routing code of ``data/routing_codes.txt`` or
    a short word of four letters or fewer that is not English (an unlisted or damaged code: "PaCy"),
    with two routing codes or more in the run."""
    out: list[tuple[int, int]] = []
    codes = routing_codes()
    run: list[re.Match[str]] = []
    listed = 0

    def close() -> None:
        if listed >= 2:
            out.append((run[0].start(), run[-1].end()))

    prev_end = start
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        is_code = word.upper() in codes
        fits = is_code or (len(word) <= 4 and not english(word, lexicon))
        joined = bool(run) and _SPECKS.fullmatch(text[prev_end : m.start()]) is not None
        if not (fits and joined):
            close()
            run, listed = [], 0
        if fits:
            run.append(m)
            listed += is_code
        prev_end = m.end()
    close()
    return out
