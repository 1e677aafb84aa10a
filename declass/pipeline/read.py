"""Stage 1, read: file bytes -> Document with the original text and its pages.

Pure function of the bytes and the path (no store access). PDF pages are read from their text
layer with pypdfium2 and joined with form feeds; text and Markdown are decoded as UTF-8 (or UTF-16
when the file starts with its byte-order mark), with a reported fallback for other encodings.

Soft hyphens: pdfium reports a hyphen that the PDF producer inserted to break a word as the
control character ``\x02`` ("Os\x02wald"), and some text layers and text files carry U+00AD for
the same thing. Neither is a character of the document: :func:`normalise_soft_hyphens` removes
them inside a word and turns one before a line break into "-", which the structure stage then
joins like any line-end hyphen. This happens before any offset exists, so every stored offset is
an offset into the stored ``Document.text``; the evidence is the file itself (its sha256 is the
document id).
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from declass.errors import InputError
from declass.model import Document, Page, sha256_bytes

TEXT_SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}
PDF_SUFFIXES = {".pdf": "application/pdf"}
SUPPORTED_SUFFIXES = {**TEXT_SUFFIXES, **PDF_SUFFIXES}
PAGE_BREAK = "\f"
# Share of control characters above which "text" is taken for binary junk.
_MAX_CONTROL_SHARE = 0.05
# pdfium's marker for a producer-inserted hyphen, and the Unicode soft hyphen.
SOFT_HYPHENS = "\x02\u00ad"
_SOFT_AT_LINE_END = re.compile(f"[{SOFT_HYPHENS}]+(?=\n)")
_SOFT = re.compile(f"[{SOFT_HYPHENS}]+")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def media_type_for(path: str) -> str | None:
    """The media type declass reads a file as, or None when it skips the file."""
    return SUPPORTED_SUFFIXES.get(PurePath(path).suffix.lower())


def read(path: str, data: bytes) -> Document:
    """Turn a file's bytes into a Document with ``text`` and ``pages``; raises InputError."""
    media_type = media_type_for(path)
    if media_type is None:
        raise InputError(path, f"unsupported file type {PurePath(path).suffix or '(none)'!r}")
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    doc_id = sha256_bytes(data)
    if media_type == "application/pdf":
        texts = _pdf_pages(path, data)
        encoding = None
    else:
        text, encoding = _decode(path, data)
        texts = [text]
    doc = Document(id=doc_id, source_path=path, media_type=media_type, text="", size=len(data), encoding=encoding)
    _join_pages(doc, texts)
    if media_type == "application/pdf":
        if not any(p.has_text for p in doc.pages):
            raise InputError(path, f"PDF has no text layer on any of its {len(doc.pages)} page(s) (needs OCR)")
    elif encoding not in ("utf-8", "ascii"):
        doc.warnings.append(f"decoded as {encoding}, not UTF-8")
    return doc


def normalise_soft_hyphens(text: str) -> str:
    """Remove soft hyphens inside words ("Os\x02wald" -> "Oswald"); one before a line break becomes "-"."""
    if "\x02" not in text and "\u00ad" not in text:
        return text
    return _SOFT.sub("", _SOFT_AT_LINE_END.sub("-", text))


def _join_pages(doc: Document, texts: list[str]) -> None:
    parts: list[str] = []
    offset = 0
    for number, page_text in enumerate(texts, start=1):
        if number > 1:
            parts.append(PAGE_BREAK)
            offset += 1
        doc.pages.append(Page(number=number, start=offset, end=offset + len(page_text), has_text=bool(page_text.strip())))
        parts.append(page_text)
        offset += len(page_text)
    doc.text = "".join(parts)


def _decode(path: str, data: bytes) -> tuple[str, str]:
    if data.startswith(_UTF16_BOMS):
        try:
            return _checked(path, data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"starts with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary content (NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    return _checked(path, text), encoding


def _checked(path: str, text: str) -> str:
    """Decoded text with BOM and line ends normalised; raises InputError when it looks binary."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f")
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise InputError(path, f"undecodable: {controls} control characters in {len(text)}, likely binary")
    return normalise_soft_hyphens(text)


def _pdf_pages(path: str, data: bytes) -> list[str]:
    import pypdfium2 as pdfium  # local import keeps text-only runs light

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"corrupt or unreadable PDF ({exc})") from exc
    texts: list[str] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                raw = textpage.get_text_bounded()
                textpage.close()
            except pdfium.PdfiumError:
                raw = ""
            finally:
                page.close()
            texts.append(normalise_soft_hyphens(raw.replace("\r\n", "\n").replace("\r", "\n").replace(PAGE_BREAK, "\n")))
    finally:
        pdf.close()
    if not texts:
        raise InputError(path, "PDF has no pages")
    return texts
