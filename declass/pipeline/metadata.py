"""Stage 3, metadata: identifiers, dates, markings, form and header fields of a structured document.

Reads ``doc.text`` (the original) and the boilerplate found by ``structure``; raw markings and
header fields are kept beside every interpretation. Header fields are looked for on the first two
pages only, where the forms print them.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from rapidfuzz.distance import Hamming

from declass.model import Document, Identifier, Metadata
from declass.pipeline import patterns as P
from declass.types import dates

_HEADER_PAGES = 2
# The JFK banner names the year of its release; OCR damage ("2028") is rejected outside this range.
_JFK_RELEASE_YEARS = range(1993, 2026)

# A date standing alone on a line near the top of page 1 ("10 NOV 50", "-17 July 1963-").
_DATE_LINE = re.compile(r"^\W{0,3}" + dates.DMY_IN_TEXT.pattern + r"\W{0,3}$", re.IGNORECASE)

_DOC_TYPES = (
    (
        "information_report",
        re.compile(r"INFORMATION\s+REPORT|REPORT\s+NO\.[^\n]*\n(?:[^\n]*\n){0,12}[^\n]*UNEVALUATED\s+INFORMATION"),
    ),
    (
        "cable",
        re.compile(r"INFORMATION\s+TELEGRAM|\bCABLE\s+SEC\b|\bCITE\s+[A-Z]{3,}\s*\d|\bIN\s+\d{5}\b[^\n]*\bCITE\b", re.IGNORECASE),
    ),
    ("dispatch", re.compile(r"\bD[I1]?[S5]?PATCH\b|DISPAITCH|\bDISPATCH\s+SYMBOL")),
    ("memorandum", re.compile(r"\bMEMORANDUM\s+(?:FOR|TO)\b|\bMEMORANDUM\s+FOR\s+THE\s+RECORD\b", re.IGNORECASE)),
    (
        "letter",
        re.compile(
            r"^\s*Dear\s+(?:Sir|Mr|Mrs|Ms|Dr|General|Colonel)\b[^\n]*\n(?:.*\n)*?.*\b(?:Sincerely|Yours\s+truly)\b", re.MULTILINE
        ),
    ),
)


def describe(doc: Document) -> Document:
    """Fill ``doc.metadata`` from the text, the boilerplate and the file name."""
    meta = Metadata()
    text = doc.text
    header_end = doc.pages[min(_HEADER_PAGES, len(doc.pages)) - 1].end if doc.pages else len(text)
    header = text[:header_end]
    meta.fields = _fields(header)
    meta.identifiers = _identifiers(doc)
    _markings(doc, meta)
    meta.release_date = _release_date(doc)
    meta.doc_type = _doc_type(header, meta.fields)
    meta.subject = _first(meta.fields, "SUBJECT") or _first(meta.fields, "TITLE")
    meta.country = _first(meta.fields, "COUNTRY")
    meta.date_distributed = parse_date(_first(meta.fields, "DATE DISTR.") or "")
    meta.doc_date = _doc_date(doc, meta.fields)
    pages = _first(meta.fields, "NO. OF PAGES") or _first(meta.fields, "PAGES")
    if pages and (m := re.match(r"\s*(\d{1,4})\b", pages)):
        meta.pages_stated = int(m.group(1))
    meta.unevaluated = P.UNEVALUATED.search(text) is not None
    meta.pages_withheld = sum(int(m.group("n")) if m.group("n") else 1 for m in P.WITHHELD_PAGES.finditer(text))
    meta.collection = _collection(doc, meta)
    doc.metadata = meta
    return doc


def _first(fields: dict[str, str], label: str) -> str | None:
    value = fields.get(label)
    return value or None


# --- Header fields ---------------------------------------------------------------------------------


def _canonical_label(raw: str) -> str:
    """One spelling per label: "NO, OF PAGES" -> "NO. OF PAGES", "Date" -> "DATE"."""
    label = re.sub(r"\s+", " ", raw.upper().replace(",", ".")).strip()
    label = re.sub(r"^NO\.? ?(OF )?PAGES$", "NO. OF PAGES", label)
    label = re.sub(r"^NO\.? ?OF ENCLS\.?$", "NO. OF ENCLS.", label)
    label = re.sub(r"^DATE DISTR\.?$", "DATE DISTR.", label)
    label = re.sub(r"^(FIELD )?REPORT ?'? ?NO\.?$", r"\1REPORT NO.", label)
    label = re.sub(r"^PLACE ?& ?DATE ACQ\.?$", "PLACE & DATE ACQ.", label)
    label = re.sub(r"^(CD|SUPPLEMENT TO REPORT) NO$", r"\1 NO.", label)
    return re.sub(r"\s*#$", " #", label).replace("REFERENCE", "REFERENCES").replace("REFERENCESS", "REFERENCES")


def _clean_value(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip(" \t.:;,|_-—=")
    tokens = value.split(" ")
    while tokens and not re.search(r"[A-Za-z0-9]", tokens[-1], re.ASCII):
        tokens.pop()  # trailing OCR debris such as "٠."
    return " ".join(tokens).strip(" .:;,|_-")


# Labels whose value the forms often print on the line below ("TITLE :" / "CIA REORGANIZATION",
# "SUBJECTS :" / "ANTI-CASTRO ACTIVITIES"): an empty one takes the next line if it holds no label.
_VALUE_BELOW = frozenset({"TITLE", "SUBJECT", "SUBJECTS"})


def _fields(header: str) -> dict[str, str]:
    """Raw header fields as printed ("DATE DISTR." -> "10 NOV 50"); the first occurrence wins."""
    fields: dict[str, str] = {}
    below: str | None = None  # a label of _VALUE_BELOW printed with no value on its line
    for raw_line in re.split(r"[\n\f]", header):
        line = raw_line.replace("|", "  ").lstrip("#> \t")
        if not line.strip():
            continue
        if below is not None and not (P.FIELD_COLON.match(line) or P.FIELD_STRICT.match(line) or P.FIELD_INLINE.search(line)):
            if (value := _clean_value(line)) and re.search(r"[A-Za-z]{3}", value):
                fields[below] = value
        below = None
        if line.startswith("- "):
            continue
        labels: list[tuple[int, int, str]] = []
        m = P.FIELD_COLON.match(line) or P.FIELD_STRICT.match(line)
        if m:
            labels.append((m.start("label"), m.end(), m.group("label")))
        for m in P.FIELD_INLINE.finditer(line, labels[0][1] if labels else 0):
            label = m.group("label") or m.group("label2")
            labels.append((m.start("label") if m.group("label") else m.start("label2"), m.end(), label))
        for i, (_, end, raw_label) in enumerate(labels):
            stop = labels[i + 1][0] if i + 1 < len(labels) else len(line)
            label = _canonical_label(raw_label)
            if label not in fields:
                fields[label] = _clean_value(line[end:stop])
                if not fields[label] and label in _VALUE_BELOW and i == len(labels) - 1:
                    below = label
    return {k: v for k, v in fields.items() if v}


# --- Identifiers -----------------------------------------------------------------------------------


def _normalise_digits(value: str) -> str:
    return re.sub(r"\s|\.", "", value).replace("O", "0").replace("o", "0").replace("l", "1").replace("I", "1")


def _identifiers(doc: Document) -> list[Identifier]:
    """Document numbers, primary first: the CIA-RDP number, else the JFK record number."""
    text = doc.text
    found: list[Identifier] = []
    seen: set[tuple[str, str]] = set()

    def add(scheme: str, value: str, start: int | None = None, end: int | None = None) -> None:
        if (scheme, value) in seen:
            return
        seen.add((scheme, value))
        page = doc.page_at(start) if start is not None else None
        found.append(Identifier(scheme=scheme, value=value, page=page, start=start, end=end))

    for m in P.RDP_NUMBER.finditer(text):
        raw = m.group(0)
        value = "CIA-RDP" + _normalise_digits(raw.split("RDP", 1)[1]).lstrip("-")
        add("cia_rdp", value, m.start(), m.end())
    name = PurePath(doc.source_path).name
    file_record = P.JFK_RECORD_FILENAME.search(name)
    records = [(m, "-".join(m.groups())) for m in P.JFK_RECORD.finditer(text)]
    if file_record:
        value = "-".join(file_record.groups())
        # the number printed on the page, even when OCR damaged a digit or two ("104-40171-10033")
        at = next((m for m, v in records if Hamming.distance(v, value) <= 2), None)
        add("jfk_record", value, at.start() if at else None, at.end() if at else None)
        records = [(m, v) for m, v in records if Hamming.distance(v, value) > 2]
    for m, value in records:
        add("jfk_record", value, m.start(), m.end())
    for rx in (P.REPORT_NO, P.TDCS_NO):
        for m in rx.finditer(text):
            value = re.sub(r"\s+", "", m.group("value")).replace("_", "-").rstrip(",")
            add("report_no", value, m.start("value"), m.end("value"))
    for m in P.CD_NO.finditer(text):
        add("cd_no", m.group("value").strip(), m.start("value"), m.end("value"))
    for m in P.FILE_201.finditer(text):
        add("file_201", m.group(0), m.start(), m.end())
    return found


def _collection(doc: Document, meta: Metadata) -> str | None:
    kinds = {b.kind for b in doc.boilerplate}
    first = meta.identifiers[0].scheme if meta.identifiers else None
    if first == "cia_rdp" or (first != "jfk_record" and "release_stamp" in kinds):
        return "crest"
    if first == "jfk_record" or "jfk_banner" in kinds:
        return "jfk"
    return None


# --- Markings and dates -----------------------------------------------------------------------------


def _markings(doc: Document, meta: Metadata) -> None:
    """Classification (highest marking found), raw markings and caveats."""
    levels: list[str] = []
    for bp in doc.boilerplate:
        if bp.kind != "classification":
            continue
        m = P.CLASSIFICATION.search(bp.text)
        caveat = P.CAVEAT_ANY.search(bp.text)
        for raw in (m.group(0) if m else None, caveat.group(0) if caveat else None):
            if raw and raw not in meta.classification_markings:
                meta.classification_markings.append(raw)
        if not m and not caveat:
            raw = bp.text.strip()
            if raw not in meta.classification_markings:
                meta.classification_markings.append(raw)
        if m:
            levels.append(P.classification_name(m))
        elif caveat is None:
            levels.append("SECRET")  # a damaged banner accepted by the fuzzy page-edge rule
    stated = meta.fields.get("CLASSIFICATION")
    if stated and (m := P.CLASSIFICATION.search(stated.upper())):
        levels.append(P.classification_name(m))
        meta.classification_markings.append(stated)
    if levels:
        meta.classification = min(levels, key=lambda name: P.CLASSIFICATION_RANK[name])
    for name, rx in P.CAVEATS:
        if any(rx.search(bp.text) for bp in doc.boilerplate if bp.kind == "classification") or rx.search(
            doc.text[: doc.pages[0].end] if doc.pages else ""
        ):
            meta.caveats.append(name)


def _release_date(doc: Document) -> str | None:
    """ISO date of the CREST release stamp; for a JFK banner, the release year as printed."""
    for bp in doc.boilerplate:
        if bp.kind == "release_stamp":
            m = P.RELEASE_STAMP.search(bp.text)
            if m and m.group("date"):
                y, mo, d = (int(_normalise_digits(x)) for x in m.group("date").split("/"))
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    return f"{y:04d}-{mo:02d}-{d:02d}"
    for bp in doc.boilerplate:
        if bp.kind == "jfk_banner":
            m = P.JFK_BANNER.search(bp.text)
            if m and m.group("year") and int(m.group("year")) in _JFK_RELEASE_YEARS:
                return m.group("year")
    return None


def parse_date(value: str) -> str | None:
    """A header date as ISO: "10 NOV 50" -> "1950-11-10", "7/17/1963", "February 1965" -> "1965-02".

    The first day or month date among the other words of a header field
    (:meth:`declass.types.dates.DateValue.find`): two-digit years are 19xx, impossible days are
    refused, and a bare year is not taken (in a header it is as often a file number).
    """
    found = dates.DateValue.find(value, years=False)
    return found.norm if found else None


def _doc_date(doc: Document, fields: dict[str, str]) -> str | None:
    """The date the document bears: a DATE field, else a date standing alone near the top of page 1."""
    if fields.get("DATE") and (iso := parse_date(fields["DATE"])):
        return iso
    if not doc.pages:
        return None
    top = doc.text[doc.pages[0].start : doc.pages[0].end].split("\n")[:25]
    for line in top:
        m = _DATE_LINE.match(line.strip())
        if m:
            return parse_date(m.group(0))
    return None


def _doc_type(header: str, fields: dict[str, str]) -> str | None:
    """The form of the document, from its printed title or header words."""
    title = fields.get("TITLE", "")
    if re.search(r"INFORMATION\s+(?:TELEGRAM|CABLE)", title, re.IGNORECASE):
        return "cable"
    for name, rx in _DOC_TYPES:
        if rx.search(header):
            return name
    if "MEMORANDUM FOR" in fields:
        return "memorandum"
    return None
