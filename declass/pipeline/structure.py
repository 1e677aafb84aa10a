"""Stage 2, structure: pages, boilerplate, clean text and paragraphs.

Invariants (see ``declass.model``): ``doc.text`` is never modified; every span is an offset pair
into it. The clean text is assembled from copied runs of the original (``Segment``) plus a few
synthetic separators (a space between joined lines and table cells, a blank line between
paragraphs), which :meth:`Document.to_original` maps to the end of the preceding run. Every word
of the clean text therefore lies inside one segment, except a word re-joined across a line-end
hyphen, whose two halves are two adjacent segments.

The stage is one linear pass over the lines plus a constant number of regex searches per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from declass.model import Boilerplate, Document, Page, Paragraph, Segment
from declass.pipeline import patterns as P

PARAGRAPH_SEPARATOR = "\n\n"
# Non-blank lines at each end of a page where a damaged banner ("CHCRUT") is looked for.
_EDGE_LINES = 6
# The Espionage Act warning is a few hundred characters even when OCR runs it into one line.
_WARNING_MAX_CHARS = 700
_LINE = re.compile(r"[^\n\f]*")
_NUMBER = re.compile(r"^\(?(?P<n>[1-9]\d?)\s?[.,)]\s+(?:(?P<l>[a-h])[.)]\s+)?(?=\S)")
_LETTER = re.compile(r"^\(?(?P<l>[a-h])[.)]\s*(?=[A-Z(\[\"])")
_COMMENT = re.compile(r"^(?:\[[ \t]*\][ \t]*)*(?:(?:Headquarters|Field|Source|Station)\s+)?Comment\s*[:.]", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?:;\"')\]]\s*$")
_DISTRIBUTION_WORDS = re.compile(r"\b(?:STATE|NAVY|ARMY|AIR|FBI|NSRB|DISTRIBUTION|OSI|ONE)\b")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    page: int  # 0-based index into doc.pages once pages are known
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # boilerplate (kind, start, end)


@dataclass(slots=True)
class _Content:
    """The reading content of one line: original ranges, each with the joiner placed before it."""

    ranges: list[tuple[int, int, str]]
    heading: bool = False
    bullet: bool = False
    table: bool = False


def _paged(doc: Document) -> bool:
    """Whether ``read`` gave the document its physical pages: a PDF or a scan (image file)."""
    return doc.media_type == "application/pdf" or doc.media_type.startswith("image/")


def structure(doc: Document) -> Document:
    """Find pages, boilerplate, clean text and paragraphs of a document read by ``read``."""
    text = doc.text
    lines = _lines(text)
    for line in lines:
        line.spans = _strict_spans(text, line.start, line.end)
    if _paged(doc):
        _label_pdf_pages(doc, lines)
    else:
        doc.pages = _text_pages(text, lines)
    _assign_pages(doc, lines)
    _edge_spans(doc, lines)
    for line in lines:
        line.spans = _extend_to_line(text, line)
    doc.boilerplate = [
        Boilerplate(kind=k, page=doc.pages[line.page].number, start=s, end=e, text=text[s:e])
        for line in lines
        for (k, s, e) in line.spans
    ]
    _build_clean(doc, lines)
    return doc


def _lines(text: str) -> list[_Line]:
    """Every line of the text (split at newlines and form feeds) as offsets."""
    lines = []
    start = 0
    for m in re.finditer(r"[\n\f]", text):
        lines.append(_Line(start, m.start(), 0))
        start = m.end()
    lines.append(_Line(start, len(text), 0))
    return lines


# --- Boilerplate -----------------------------------------------------------------------------------


def _is_junk(fragment: str) -> bool:
    """True when what is left of a line beside a marking is OCR debris, not words."""
    return P.WORD.search(fragment) is None and not re.search(r"\d{3}", fragment)


def _strict_spans(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Boilerplate recognised on one line by exact (OCR-tolerant) patterns."""
    line = text[start:end]
    if not line.strip():
        return []
    spans: list[tuple[str, int, int]] = []

    def add(kind: str, s: int, e: int) -> None:
        if e > s and not any(s < e2 and s2 < e for _, s2, e2 in spans):
            spans.append((kind, start + s, start + e))

    m: re.Match[str] | None
    for m in P.JFK_BANNER.finditer(line):
        s = m.start()
        prefix = line[:s]
        if prefix.strip() and _is_junk(re.sub(P.JFK_RECORD.pattern, "", prefix)) and len(prefix) < 30:
            s = 0  # the record number printed before the banner belongs to it
        add("jfk_banner", s, m.end())
    for m in P.JFK_BANNER_TAIL.finditer(line):
        add("jfk_banner", m.start(), m.end())
    for m in P.RELEASE_STAMP.finditer(line):
        add("release_stamp", m.start(), m.end())
    for m in P.WITHHELD_PAGES.finditer(line):
        add("withheld_notice", m.start(), m.end())
    for m in P.JFK_PAGE_MARKER.finditer(line):
        add("page_marker", m.start(), m.end())
    m = P.DASH_PAGE_MARKER.match(line) or P.PAGE_WORD_MARKER.search(line)
    if m:
        add("page_marker", m.start(), m.end())
    for m in P.CONTROL_LINE.finditer(line):
        add("control_line", m.start(), m.end())
    for m in P.RETURN_STAMP.finditer(line):
        add("banner", m.start(), m.end())
    m = P.LETTERHEAD.search(line)
    if m and _is_junk(line[: m.start()] + line[m.end() :]):
        add("banner", m.start(), m.end())
    m = P.CLASSIFICATION.search(line)
    if m and _is_junk(line[: m.start()]):
        e = m.end()
        caveat = P.CAVEAT_ANY.search(line, e)
        if caveat and _is_junk(line[e : caveat.start()]):
            e = caveat.end()
        rest = line[e:]
        for _, s2, e2 in spans:  # a control line may follow on the same line
            if s2 - start >= e:
                rest = line[e : s2 - start] + line[e2 - start :]
                break
        if _is_junk(rest):
            add("classification", m.start(), e)
    else:
        caveat = P.CAVEAT_ANY.search(line)
        if caveat and _is_junk(line[: caveat.start()] + line[caveat.end() :]):
            add("classification", caveat.start(), caveat.end())
    m = P.MARGIN_CODE_LINE.match(line)
    if m and m.group(0).strip():
        code = P.CODE_25X.search(line)
        if code:
            add("margin_code", code.start(), m.end())
    m = P.TRAILING_CODE.search(line)
    if m:
        add("margin_code", m.start(), m.end())
    if len(line) >= 40 and not spans and _is_espionage_warning(line):
        add("warning", 0, len(line))
    return sorted(spans, key=lambda s: s[1])


def _is_espionage_warning(line: str) -> bool:
    """Score a line against the Espionage Act warning; its OCR is too damaged for a plain regex.

    The key words must be dense (a fifth of the words), so a long body paragraph that mentions
    "national defense" and "information" is not taken for the warning.
    """
    if len(line) > _WARNING_MAX_CHARS:
        return False
    words = P.WORD.findall(line)
    hits: set[str] = set()
    hit_words = 0
    for word in words:
        found = process.extractOne(word.upper(), P.ESPIONAGE_KEYWORDS, scorer=ratio, score_cutoff=75)
        if found:
            hits.add(found[0])
            hit_words += 1
    return len(hits) >= 5 and bool(hits & P.ESPIONAGE_DISTINCT) and hit_words >= 0.2 * len(words)


def _fuzzy_classification(token: str) -> bool:
    """A standalone word at a page edge that OCR made of SECRET ("CHCRUT")."""
    return (
        5 <= len(token) <= 8
        and token.isalpha()
        and token.isupper()
        and token[-1] in "TI"
        and ("CR" in token or "RE" in token)
        and Levenshtein.normalized_similarity(token, "SECRET") >= 0.5
    )


def _edge_spans(doc: Document, lines: list[_Line]) -> None:
    """Second pass, with pages known: damaged classification banners at the top or bottom of a page."""
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        if doc.text[line.start : line.end].strip():
            by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        edge = page_lines[:_EDGE_LINES] + page_lines[-_EDGE_LINES:]
        for line in edge:
            if line.spans:
                continue
            raw = doc.text[line.start : line.end]
            token = raw.strip().lstrip("#>-* \t").strip()
            if _fuzzy_classification(token):
                s = line.start + raw.index(token)
                line.spans.append(("classification", s, s + len(token)))


def _extend_to_line(text: str, line: _Line) -> list[tuple[str, int, int]]:
    """Widen a line's boilerplate to the whole line when what remains is only OCR debris."""
    if not line.spans:
        return line.spans
    rest = []
    pos = line.start
    for _, s, e in line.spans:
        rest.append(text[pos:s])
        pos = e
    rest.append(text[pos : line.end])
    if "".join(rest).strip() and _is_junk("".join(rest)) and not P.BOX.search("".join(rest)):
        kind, s, e = line.spans[0]
        lead = len(text[line.start : line.end]) - len(text[line.start : line.end].lstrip())
        trail = len(text[line.start : line.end].rstrip())
        spans = list(line.spans)
        spans[0] = (kind, min(s, line.start + lead), e)
        k2, s2, e2 = spans[-1]
        spans[-1] = (k2, s2, max(e2, line.start + trail))
        return spans
    return line.spans


# --- Pages -----------------------------------------------------------------------------------------


def _marker(text: str, line: _Line) -> str | None:
    """The printed page marker when the line is one ("-2-", "13-00000")."""
    for kind, s, e in line.spans:
        if kind == "page_marker" and not P.PAGE_WORD_MARKER.match(text, line.start, line.end):
            return text[s:e].strip().lstrip("#").strip()
    return None


def _text_pages(text: str, lines: list[_Line]) -> list[Page]:
    """Split a text file at form feeds and printed page markers; label pages by their marker."""
    starts: list[int] = [0]
    labels: list[str | None] = [None]
    has_body = False
    for i, line in enumerate(lines):
        if line.start > 0 and text[line.start - 1] == "\f" and line.start != starts[-1]:
            starts.append(line.start)
            labels.append(None)
            has_body = False
        label = _marker(text, line)
        if label is None:
            if text[line.start : line.end].strip() and not line.spans:
                has_body = True
            continue
        if not has_body:
            labels[-1] = labels[-1] or label
            continue
        starts.append(_page_start(text, lines, i, is_dash=label.startswith("-")))
        labels.append(label)
        has_body = False
    pages = []
    for n, (s, label) in enumerate(zip(starts, labels, strict=False), start=1):
        e = starts[n] if n < len(starts) else len(text)
        if e > s and text[e - 1] == "\f":
            e -= 1
        pages.append(Page(number=n, start=s, end=e, label=label, has_text=bool(text[s:e].strip())))
    return pages


def _page_start(text: str, lines: list[_Line], marker: int, *, is_dash: bool) -> int:
    """Where the page headed by the marker at ``lines[marker]`` starts.

    A "-3-" marker sits in the page header, after the previous page's footer; the footer ends at
    the last release stamp of the boilerplate run, or after its first classification line when the
    run holds two (footer and header). A JFK "13-00000" marker is the first line of its page.
    """
    if not is_dash:
        return lines[marker].start
    run: list[_Line] = []
    for line in reversed(lines[:marker]):
        if not text[line.start : line.end].strip():
            continue
        if not line.spans:
            break
        run.append(line)
    run.reverse()
    if not run:
        return lines[marker].start
    kinds = [line.spans[0][0] for line in run]
    if "release_stamp" in kinds:
        cut = len(kinds) - kinds[::-1].index("release_stamp")
    elif kinds.count("classification") >= 2:
        cut = kinds.index("classification") + 1
    else:
        cut = 0
    return run[cut].start if cut < len(run) else lines[marker].start


def _label_pdf_pages(doc: Document, lines: list[_Line]) -> None:
    """PDF pages come from read; label each by the first page marker printed on it."""
    for line in lines:
        label = _marker(doc.text, line)
        if label is None:
            continue
        page = doc.pages[doc.page_at(line.start) - 1]
        if page.label is None:
            page.label = label


def _assign_pages(doc: Document, lines: list[_Line]) -> None:
    idx = 0
    for line in lines:
        while idx + 1 < len(doc.pages) and line.start >= doc.pages[idx + 1].start:
            idx += 1
        line.page = idx


# --- Clean text and paragraphs ---------------------------------------------------------------------


def _content(text: str, line: _Line, markdown: bool) -> _Content:
    """The reading ranges of a line: boilerplate, Markdown markup, escapes and soft hyphens removed."""
    pieces: list[tuple[int, int]] = []
    pos = line.start
    for _, s, e in line.spans:
        if s > pos:
            pieces.append((pos, s))
        pos = max(pos, e)
    if pos < line.end:
        pieces.append((pos, line.end))
    out = _Content(ranges=[])
    raw = text[line.start : line.end]
    if markdown and raw.lstrip().startswith("|") and not line.spans:
        out.table = True
        if P.MD_TABLE_RULE.match(raw):
            return out
        pieces = []
        pos = line.start
        for cell in raw.split("|"):
            pieces.append((pos, pos + len(cell)))
            pos += len(cell) + 1
    elif markdown and pieces and pieces[0][0] == line.start:
        s, e = pieces[0]
        m = P.MD_HEADING.match(text, s, e)
        if m:
            out.heading = True
        else:
            m = P.MD_BULLET.match(text, s, e)
            out.bullet = m is not None
        if m:
            pieces[0] = (m.end(), e)
    for s, e in pieces:
        # strip, then cut out Markdown escapes and pdfium's soft-hyphen marks (\x02)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        joiner = " "
        cuts = [c.start() for c in P.MD_ESCAPE.finditer(text, s, e)] if markdown else []
        cuts += [i for i in range(s, e) if text[i] == "\x02"] if "\x02" in text[s:e] else []
        for c in sorted(cuts):
            if c > s:
                out.ranges.append((s, c, joiner))
                joiner = ""
            s = c + 1
        if e > s:
            out.ranges.append((s, e, joiner))
    return out


class _Builder:
    """Accumulates clean text as copied runs of the original plus synthetic joiners."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[Segment] = []

    def synthetic(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def copy(self, start: int, end: int) -> None:
        last = self.segments[-1] if self.segments else None
        if last and last.clean + last.length == self.length and last.orig + last.length == start:
            last.length += end - start
        else:
            self.segments.append(Segment(self.length, start, end - start))
        self.parts.append(self.text[start:end])
        self.length += end - start

    def drop_last_char(self) -> None:
        """Remove a trailing line-end hyphen when a word is re-joined."""
        self.parts[-1] = self.parts[-1][:-1]
        self.length -= 1
        self.segments[-1].length -= 1


def _build_clean(doc: Document, lines: list[_Line]) -> None:
    text = doc.text
    markdown = not _paged(doc)
    b = _Builder(text)
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    first_line = ""
    last_char = ""
    top_number: str | None = None
    prev_page = 0

    def close() -> None:
        nonlocal current
        if current is not None:
            current.clean_end = b.length
            seg = b.segments[-1]
            current.end = seg.orig + seg.length
            current.kind, current.number = _classify(first_line, current, top_number)
            paragraphs.append(current)
        current = None

    for line in lines:
        content = _content(text, line, markdown)
        if not content.ranges:
            if content.table and not line.spans:
                continue  # a Markdown table rule: the table goes on
            if current is not None and (not text[line.start : line.end].strip() or line.spans):
                close()
            continue
        head = text[content.ranges[0][0] : content.ranges[0][1]]
        starts_new = (
            current is None
            or content.heading
            or content.bullet
            or content.table
            or (current is not None and current.kind == "heading")
            or _starts_paragraph(head, markdown)
        )
        if current is not None and not starts_new:
            _join_line(b, content, last_char)
        else:
            continuing = (
                current is None
                and paragraphs
                and line.page > prev_page
                and paragraphs[-1].kind in ("body", "comment", "list")
                and not _TERMINAL.search(last_char)
                and head[:1].islower()
            )
            if continuing:
                current = paragraphs.pop()
                _join_line(b, content, last_char)
            else:
                close()
                if b.length:
                    b.synthetic(PARAGRAPH_SEPARATOR)
                current = Paragraph(
                    index=len(paragraphs),
                    page=doc.pages[line.page].number,
                    start=content.ranges[0][0],
                    end=0,
                    clean_start=b.length,
                    clean_end=0,
                    kind="heading" if content.heading else "body",
                )
                first_line = head
                for i, (s, e, joiner) in enumerate(content.ranges):
                    if i and joiner:
                        b.synthetic(joiner)
                    b.copy(s, e)
                if content.table:
                    current.kind = "form"
                elif content.bullet and not _NUMBER.match(head) and not _LETTER.match(head):
                    current.kind = "list"
                n = _NUMBER.match(head)
                if n:
                    top_number = n.group("n")
        last_char = text[content.ranges[-1][1] - 1]
        prev_page = line.page
    close()
    doc.clean_text = "".join(b.parts)
    doc.clean_map = b.segments
    doc.paragraphs = paragraphs


def _join_line(b: _Builder, content: _Content, last_char: str) -> None:
    """Append a continuation line: re-join "coun-" + "try", else a single space."""
    first_start, _, _ = content.ranges[0]
    dehyphen = last_char == "-" and b.text[first_start].islower() and len(b.parts[-1]) > 1 and b.parts[-1][-2].islower()
    if dehyphen:
        b.drop_last_char()
    for i, (s, e, joiner) in enumerate(content.ranges):
        if i == 0 and not dehyphen:
            b.synthetic(" ")
        elif i and joiner:
            b.synthetic(joiner)
        b.copy(s, e)


def _starts_paragraph(head: str, markdown: bool) -> bool:
    """A numbered or lettered item opens a paragraph (a list item in Markdown); so does a header field in
    hard-wrapped (PDF) text."""
    if _NUMBER.match(head) or _LETTER.match(head):
        return True
    return not markdown and bool(P.FIELD_STRICT.match(head) or P.FIELD_COLON.match(head))


def _classify(first_line: str, para: Paragraph, top_number: str | None) -> tuple[str, str | None]:
    """The paragraph's kind and printed number ("5", "5.a") from its first line."""
    number = None
    rest = first_line
    m = _NUMBER.match(first_line)
    if m:
        number = m.group("n") + (f".{m.group('l')}" if m.group("l") else "")
        rest = first_line[m.end() :]
    else:
        m = _LETTER.match(first_line)
        if m:
            number = f"{top_number}.{m.group('l')}" if top_number else m.group("l")
            rest = first_line[m.end() :].lstrip()
    if _COMMENT.match(rest.lstrip()):
        return "comment", number
    if para.kind in ("heading", "form", "list"):
        return para.kind, number
    if number is None and (P.FIELD_STRICT.match(first_line) or P.FIELD_COLON.match(first_line)):
        return "form", number
    if number is None and len(_DISTRIBUTION_WORDS.findall(first_line)) >= 3:
        return "form", number
    letters = [c for c in first_line if c.isalpha()]
    if (
        number is None
        and len(first_line) <= 80
        and len(letters) >= 6
        and not any(c.islower() for c in letters)
        and para.clean_end - para.clean_start <= 82
    ):
        return "heading", number
    return "body", number
