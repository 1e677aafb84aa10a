"""Compiled patterns for the markings of declassified documents, shared by structure, metadata and
redactions.

Every pattern is compiled once at import. OCR damage is tolerated through character classes built
from the typewriter-scan confusions of the one table ``declass/data/ocr_confusions.tsv`` (N/M/H/W,
B/D/8, C/G/E, l/1/I, O/0, S/5, e/c; :func:`declass.types.confusion.upper_classes`) rather than
through per-line fuzzy matching, which keeps a page linear to scan.
"""

from __future__ import annotations

import re

from declass.types.confusion import upper_classes

# Letter -> OCR-tolerant character class for upper-case markings, derived from the one confusion
# table (declass/data/ocr_confusions.tsv).
_OCR_UPPER = upper_classes()


def ocr_word(word: str, sep: str = r"[-=. ]?") -> str:
    """A regex for an upper-case word tolerant of OCR confusions and of letter-spacing (S-E-C-R-E-T)."""
    parts = []
    for ch in word:
        if ch == " ":
            parts.append(r"\s*")
            continue
        cls = _OCR_UPPER.get(ch, ch)
        parts.append("[" + re.escape(cls) + "]" if len(cls) > 1 else re.escape(cls))
    return _join(parts, sep)


def _join(parts: list[str], sep: str) -> str:
    out: list[str] = []
    for i, p in enumerate(parts):
        if p == r"\s*":
            out.append(r"\s*")
            continue
        if i and parts[i - 1] != r"\s*":
            out.append(sep)
        out.append(p)
    return "".join(out)


# --- Classification and caveats -------------------------------------------------------------
# Ordered from highest to lowest: a document's classification is the highest marking found.
CLASSIFICATION_ORDER = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "RESTRICTED", "UNCLASSIFIED")
CLASSIFICATION_RANK = {name: rank for rank, name in enumerate(CLASSIFICATION_ORDER)}

_CLASS_ALTS = [
    ("TOP SECRET", ocr_word("TOP") + r"\s*" + ocr_word("SECRET")),
    ("UNCLASSIFIED", ocr_word("UNCLASSIFIED")),
    ("SECRET", ocr_word("SECRE") + r"[-=. ]?[TI1]"),
    ("CONFIDENTIAL", ocr_word("CONFIDENTIAL")),
    ("RESTRICTED", ocr_word("RESTRICTED")),
]
CLASSIFICATION = re.compile(
    "(?<![A-Za-z])(?:" + "|".join(f"(?P<c{i}>{rx})" for i, (_, rx) in enumerate(_CLASS_ALTS)) + ")(?![A-Za-z])"
)


def classification_name(match: re.Match[str]) -> str:
    """The canonical level named by a CLASSIFICATION match."""
    for i, (name, _) in enumerate(_CLASS_ALTS):
        if match.group(f"c{i}"):
            return name
    raise ValueError("not a classification match")


CAVEATS = (
    ("NOFORN", re.compile(r"\bNOFORN\b|\bNO\s*FORE[I(]?GN\s*DISSE[MN]\b|NOT\s+RELEASABLE\s+TO\s+FOREIGN\s+NATIONALS")),
    ("CONTROLLED DISSEM", re.compile(r"\bCONTROLLED\s*DISSE[MN]\b")),
    ("NO DISSEM ABROAD", re.compile(r"\bNO\s+DISSEM\s+ABROAD\b")),
    ("WNINTEL", re.compile(r"\bWNINTEL\b")),
    ("ORCON", re.compile(r"\bORCON\b")),
    ("LIMDIS", re.compile(r"\bLIMDIS\b")),
    ("EYES ONLY", re.compile(r"\bEYES\s+ONLY\b")),
    ("RYBAT", re.compile(r"\bRYBAT\b")),
)
CAVEAT_ANY = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in CAVEATS))

# --- Release stamps and identifiers ------------------------------------------------------------
# Approved For Release 2003/12/22 : CIA-RDP82-00457R006100750010-5 (and OCR-damaged variants).
RELEASE_STAMP = re.compile(
    r"(?:Sanitized\s+Copy\s+)?A\s?[pP][pP]r[o0]v[ec]d\s*F[o0]r\s*R[ec][l1I][ec]a[s5][ec]"
    r"(?:\s*@\s*\d{2}-Yr)?"  # "Approved For Release @ 50-Yr 2013/..."
    r"\s*(?P<date>[\dOoIl]{4}\s*/\s*[\dOoIl]{2}\s*/\s*[\dOoIl]{2})?\s*[:;.]?\s*"
    r"(?P<rdp>C[I1l]A\s*-?\s*RDP[\dOoIl\s-]{2,4}[\dOoIl\s-]{5,7}[A-Z][\dOoIl\s.]{9,16}-\s*[\dOoIl])?"
)
# CIA-RDP82-00457R006100750010-5, CIA-RDP79T00975A000100010001-1; OCR adds spaces and dots.
RDP_NUMBER = re.compile(r"C[I1l]A\s*-?\s*RDP\s*\d{2}\s*(?:-|[A-Z])\s*\d{5}\s*[A-Z]\s*\d[\d.\s]{10,14}?\s*-\s*\d")
JFK_RECORD = re.compile(r"(?<![\d-])(1\d\d)-\s?(\d{5})-\s?(\d{5})(?![\d-])")
JFK_RECORD_FILENAME = re.compile(r"(?<!\d)(1\d\d)-(\d{5})-(\d{5})(?!\d)")
REPORT_NO = re.compile(
    r"\b(?:FIELD\s+)?REPORT\s*'?\s*NO\.?\s*[:.]?\s*[-—–]*\s*(?P<value>[A-Z]{1,5}[-_\s]?[\dO]{1,4}\s*/\s*[\dO,\s]{3,12}(?:-\d{2})?)",
    re.IGNORECASE,
)
TDCS_NO = re.compile(r"\b(?P<value>TDCS\s*-?\s*[\dO]{1,3}\s*/\s*[\dO]{3}\s*,\s*[\dO]{3})")
CD_NO = re.compile(r"^\W*CD\s+NO\.?\s*:?\s*(?P<value>[A-Z]{0,3}[-\s]?\d[\w/-]{2,})", re.MULTILINE)

# --- JFK banners and page markers ----------------------------------------------------------------
JFK_BANNER = re.compile(
    r"(?P<year>\d{4})?\s*RELEASE\s+UNDER\s+THE\s+PRESIDENT\s+JOHN\s+F\.?"
    r"(?:\s+KENNEDY\s+ASSASSINATION\s+RECORDS\s+ACT\s+OF\s+1992\]?)?"
)
# The tail of a banner that OCR split over two lines ("JOHN F. \n ... \n KENNEDY ASSASSINATION ...").
JFK_BANNER_TAIL = re.compile(r"KENNEDY\s+ASSASSINATION\s+RECORDS\s+ACT\s+OF\s+1992\]?")
JFK_PAGE_MARKER = re.compile(r"(?<![\d-])1[34](?:-| |- )0{5}(?![\d-])")
DASH_PAGE_MARKER = re.compile(r"^[ \t#]*-[ \t]?(?P<n>\d{1,3})[ \t]?-[ \t]*$", re.MULTILINE)
PAGE_WORD_MARKER = re.compile(
    r"^\W*Page\s+(?:\d{1,3}|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\s*$", re.IGNORECASE | re.MULTILINE
)

# --- Margin codes, letterheads, control lines, stamps ------------------------------------------
# 25X1..25X9, suffixed forms (25X1A, 25X1C) and the truncated "25X"; OCR writes 1 as I or l.
CODE_25X = re.compile(r"(?<![\w/])25\s?X(?:[1-9Il](?:[A-E]\d?)?)?(?![\w/])")
MARGIN_CODE_LINE = re.compile(r"^[ \t#>*-]*(?:" + CODE_25X.pattern + r"[ \t]*)+")
TRAILING_CODE = re.compile(r"(?<=[.;:\]\)\"'])(?:[ \t]+" + CODE_25X.pattern + r")+[ \t]*$")
LETTERHEAD = re.compile(
    ocr_word("CENTRAL", sep="") + r"\s*" + ocr_word("INTELLIGENCE", sep="") + r"\s*" + ocr_word("AGENCY", sep="")
)
CONTROL_LINE = re.compile(
    r"\bE\s?2\s*,?\s*IMPDET\b(?:\s*,?\s*CL\s*BY\s*:?\s*\d{4,7})?"
    r"|\bCL\s+BY\s*:?\s*\d{5,7}\b"
    r"|\bGROUP\s*1\s+Exclu\w*\s+fr\w*\s+automat\w*[^\n\f]*"
    r"|\bExclu\w*\s+fr\w*\s+automat\w*\s+downgrad\w*[^\n\f]*",
    re.IGNORECASE,
)
RETURN_STAMP = re.compile(r"RETURN\s*T[O0S]\s*[CG][I1l]A|(?i:[BZ]?ackground\s+Use\s+Only\.?|Do\s+No[ti]\s+Reproduce)")
WITHHELD_PAGES = re.compile(
    r"Next\s+(?P<n>\d{1,3})\s+Page\s*\(?s?\)?\s+In\s+Document\s+(?:Exempt|Denied)|^\W*(?P<one>Page\s+Denied)\W*$",
    re.IGNORECASE | re.MULTILINE,
)
BOX = re.compile(r"\[[ \t_]{0,4}\]")
UNEVALUATED = re.compile(r"UNEVALUATED\s+INFORMATION", re.IGNORECASE)

# Key words of the Espionage Act warning block; its OCR is often too damaged for a regex
# ("APPECTING THE GATTORIAL DEFENSE ... THE EDIONACE ACT"), so lines are scored by fuzzy hits.
ESPIONAGE_KEYWORDS = (
    "MATERIAL",
    "CONTAINS",
    "INFORMATION",
    "AFFECTING",
    "NATIONAL",
    "DEFENSE",
    "UNITED",
    "STATES",
    "WITHIN",
    "MEANING",
    "ESPIONAGE",
    "TRANSMISSION",
    "REVELATION",
    "MANNER",
    "UNAUTHORIZED",
    "PERSON",
    "PROHIBITED",
    "REPRODUCTION",
    "FORM",
)
ESPIONAGE_DISTINCT = frozenset({"ESPIONAGE", "TRANSMISSION", "REVELATION", "UNAUTHORIZED", "PROHIBITED"})

# --- Markdown -----------------------------------------------------------------------------------
MD_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+")
MD_BULLET = re.compile(r"[ \t]*(?:[-*+]|>)[ \t]+")
MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
MD_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")

WORD = re.compile(r"[A-Za-z]{4,}")
# A personality (201) file number: 201-79764, 201-349956, 201-1452333 (5 to 8 digits; the corpus
# prints 5, 6 and 7). OCR debris may touch it on the left ("°-201-727418", "¢i201-301693"), never a
# digit; a trailing hyphen or digit means a longer number.
FILE_201 = re.compile(r"(?<!\d)201-\d{5,8}(?![\d-])")

# Header field labels. Distinctive labels count without a colon when printed in capitals at the
# start of a line ("DATE DISTR. 10 NOV 50"); any label counts when followed by a colon.
_STRICT_LABELS = (
    r"DATE\s+DISTR\.?",
    r"NO[.,]?\s*(?:OF\s+)?PAGES",
    r"NO[.,]?\s*OF\s+ENCLS\.?",
    r"SUPPLEMENT\s+TO\s+REPORT\s+NO\.?",
    r"CD\s+NO\.?",
    r"(?:FIELD\s+)?REPORT\s*'?\s*NO\.?",
    r"DATE\s+OF\s+INFO\.?",
    r"PLACE\s+ACQUIRED",
    r"PLACE\s*&\s*DATE\s+ACQ\.?",
    r"MEMORANDUM\s+FOR",
    r"SUBJECT",
    r"COUNTRY",
    r"RECORD\s+NUMBER",
    r"RECORD\s+SERIES",
    r"AGENCY\s+FILE\s+NUMBER",
    r"ORIGINATOR",
    r"DOCUMENT\s+TYPE",
    r"CURRENT\s+STATUS",
    r"DATE\s+OF\s+LAST\s+REVIEW",
    r"OPENING\s+CRITERIA",
    r"RESTRICTIONS",
    r"CLASSIFICATION",
    r"REFERENCES?",
)
_COLON_LABELS = _STRICT_LABELS + (
    r"FROM",
    r"TO",
    r"DATE",
    r"ATTENTION",
    r"VIA",
    r"TITLE",
    r"PAGES",
    r"SUBJECTS",
    r"COMMENTS",
    r"SF\s*#",
)
FIELD_STRICT = re.compile(r"^[\W_]{0,3}(?P<label>" + "|".join(_STRICT_LABELS) + r")(?![A-Za-z])\s*'?\s*[:;]?")
# At a line start a colon may be OCR'd as ";" or " 3 "; within a line only a real colon counts.
FIELD_COLON = re.compile(r"^[\W_]{0,3}(?P<label>(?i:" + "|".join(_COLON_LABELS) + r"))\s*'?\s*(?:[:;]|\s3\s)")
FIELD_INLINE = re.compile(
    r"(?<=\s)(?P<label>(?i:" + "|".join(_COLON_LABELS) + r"))\s*:"
    r"|(?<=\s)(?P<label2>(?i:DATE\s+DISTR\.?|(?:FIELD\s+)?REPORT\s*'?\s*NO\.|NO\.\s*(?:OF\s+)?PAGES|DATE\s+OF\s+INFO\.?|PLACE\s*&\s*DATE\s+ACQ\.?))"
)
