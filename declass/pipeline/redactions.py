"""Stage 4, redactions: blanked boxes, 25X exemption codes and withheld pages, with their places.

Works on ``doc.text`` (boxes and codes are found wherever they are printed, boilerplate included:
a 25X code standing alone in the margin is still the exemption of the passage beside it).

Meaning of the codes: 25X1-25X9 are the categories of E.O. 12958 §3.4(b) (E.O. 13526 §3.3(b)).
Suffixed forms (25X1A, 25X1C) and the truncated "25X" are not defined by the order: they are kept
raw with ``meaning=None``; :func:`base_code` names the category they extend for a caller who wants
to infer it.
"""

from __future__ import annotations

import re
from collections import Counter

from declass.model import Document, Redaction
from declass.pipeline import patterns as P

CATEGORIES_25X = {
    "25X1": "human sources and intelligence sources or methods",
    "25X2": "weapons of mass destruction",
    "25X3": "cryptologic systems",
    "25X4": "weapons technology",
    "25X5": "war plans",
    "25X6": "foreign relations or foreign government information",
    "25X7": "protection of the President and officials",
    "25X8": "emergency preparedness and vulnerabilities",
    "25X9": "violation of a statute, treaty or international agreement",
}
_BASE = re.compile(r"25X[1-9]")


def normalise_code(raw: str) -> str:
    """The code without spaces and with OCR's I/l read as 1: "25 XI" -> "25X1"."""
    code = re.sub(r"\s+", "", raw)
    return code[:3] + code[3:4].replace("I", "1").replace("l", "1") + code[4:]


def base_code(code: str) -> str | None:
    """The order's category a (possibly suffixed) code extends: "25X1A" -> "25X1"; None for "25X"."""
    m = _BASE.match(normalise_code(code))
    return m.group(0) if m else None


def find_redactions(doc: Document) -> Document:
    """Record every box, exemption code and withheld-pages notice, in text order."""
    text = doc.text
    found: list[Redaction] = [r for r in doc.redactions if r.kind == "scan"]  # found on page images by read
    for m in P.BOX.finditer(text):
        found.append(Redaction(kind="box", page=doc.page_at(m.start()), start=m.start(), end=m.end()))
    for m in P.CODE_25X.finditer(text):
        raw = m.group(0)
        found.append(
            Redaction(
                kind="code",
                page=doc.page_at(m.start()),
                start=m.start(),
                end=m.end(),
                code=raw,
                meaning=CATEGORIES_25X.get(normalise_code(raw)),
            )
        )
    for m in P.WITHHELD_PAGES.finditer(text):
        n = int(m.group("n")) if m.group("n") else 1
        found.append(Redaction(kind="pages", page=doc.page_at(m.start()), start=m.start(), end=m.end(), pages_withheld=n))
    doc.redactions = sorted(found, key=lambda r: (r.start, r.end))
    return doc


def counts_by_page(doc: Document) -> dict[int, Counter[str]]:
    """Redactions per page and kind: {page: Counter({"box": 3, "code": 2})}; pages without any omitted."""
    out: dict[int, Counter[str]] = {}
    for r in doc.redactions:
        out.setdefault(r.page, Counter())[r.kind] += 1
    return out


def counts(doc: Document) -> Counter[str]:
    """Redactions in the document by kind, plus "pages_withheld": the number of pages withheld."""
    total: Counter[str] = Counter(r.kind for r in doc.redactions)
    total["pages_withheld"] = sum(r.pages_withheld or 0 for r in doc.redactions)
    return total
