"""The one document model of declass: every domain type lives here and nowhere else.

Invariants every stage relies on:

* ``Document.text`` is the original extracted text, never modified after ``read``. Pages of a PDF
  are joined with a form feed (``\\f``) so page boundaries survive in the text itself.
* Every span (page, paragraph, boilerplate, redaction, mention, claim source) carries offsets
  ``start``/``end`` into ``Document.text`` (half-open, Python slicing). Where a stage works on the
  clean text it converts with :meth:`Document.to_original` (and back with :meth:`Document.to_clean`).
* ``Document.clean_text`` is derived: the reading text with boilerplate removed and line-end hyphens
  joined. ``clean_map`` holds the segments that map it back to the original.
* Identifiers are deterministic hashes of natural keys (:func:`make_id`), so re-running a stage
  produces the same ids and re-ingest updates instead of duplicating.
"""

from __future__ import annotations

import bisect
import hashlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar, get_args, overload

T = TypeVar("T")

PIPELINE_VERSION = "1"

MediaType = Literal["text/plain", "text/markdown", "application/pdf", "image/tiff", "image/png", "image/jpeg"]
EntityType = Literal["PERSON", "ORG", "LOC", "DATE", "MONEY", "ACRONYM", "CRYPTONYM", "FILE_NUMBER"]
# Every claim predicate, with the sentence a claim of it reads as. The templates are the
# documentation (docs/trace.md) and the text the trace prints.
PREDICATES: dict[str, str] = {
    "member_of": "{subject} is a member of {object}",
    "holds_role": "{subject} holds the role {value} in {object}",
    "recommended": "{subject} recommended {object}",
    "replaced": "{subject} replaced {object}",
    "succeeded": "{subject} succeeded (grew out of) {object}",
    "removed_from": "{subject} was removed from {value} {object} (by {agent})",
    "recruited": "{subject} recruited {object}",
    "tried_to_recruit": "{subject} tried (or was ordered) to recruit {object}",
    "paid": "{subject} paid {value} to {object}",
    "received": "{subject} received {value} from {object}",
    "threatened": "{subject} was threatened ({value}) by {object}",
    "agent_of": "{subject} is an agent of {object}",
    "cooperates_with": "{subject} cooperates with {object}",
    "liaison_with": "{subject} carries liaison with {object}",
    "authored": "{subject} is the author of {value} (as {pseudonym})",
    "alias_of": "{subject} also goes by {object}",
    "located_in": "{subject} is located in {object}",
    "resides_in": "{subject} lives in {object}",
    "met": "{subject} met {object}",
    "contacted": "{subject} contacted {object}",
    "founded": "{subject} was founded (by {object})",
    "part_of": "{subject} is part of {object}",
    "subordinate_to": "{subject} is subordinate to {object}",
    "renamed": "{subject} became {object}",
    "merged_into": "{subject} merged into {object}",
    "described_as": "{subject} is described as {value}",
}

# How sure the source is of a claim, weakest commitment last: the one list of hedges (HEDGES holds
# its values in order; the claims stage and the web pages read it from here).
Hedge = Literal["stated", "reported", "alleged", "believed", "suspected", "rumored", "denied"]
HEDGES: tuple[Hedge, ...] = get_args(Hedge)


def make_id(*parts: object, length: int = 16) -> str:
    """A deterministic id from natural-key parts (sha256, hex, truncated)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


def sha256_bytes(data: bytes) -> str:
    """The sha256 hex digest of raw file bytes: a document's identity."""
    return hashlib.sha256(data).hexdigest()


class WordBoxes(Sequence[list[int]]):
    """A page's word boxes held flat: six 32-bit ints a word in one ``array('i')``.

    Reads as a sequence of ``[start, end, x0, y0, x1, y1]`` lists and compares equal to a list of
    them, so callers iterate it as before. Held as lists of six Python ints, the boxes were most of
    a long PDF's :class:`Document` (18 MB of 21 for 100 pages, about 330 bytes a word); flat they
    take 24 bytes a word. :meth:`tolist` gives the JSON form the store and the web page use.
    """

    __slots__ = ("_flat",)
    WIDTH = 6

    def __init__(self, boxes: Iterable[Sequence[int]] = ()) -> None:
        flat = array("i")
        for box in boxes:
            if len(box) != self.WIDTH:
                raise ValueError(f"a word box has {self.WIDTH} numbers, not {len(box)}: {list(box)!r}")
            flat.extend(box)
        self._flat = flat

    @classmethod
    def from_flat(cls, flat: array[int]) -> WordBoxes:
        """Boxes over an existing flat array (its length a multiple of six), without copying."""
        if len(flat) % cls.WIDTH:
            raise ValueError(f"a flat box array's length is a multiple of {cls.WIDTH}, not {len(flat)}")
        boxes = cls()
        boxes._flat = flat
        return boxes

    def __len__(self) -> int:
        return len(self._flat) // self.WIDTH

    def __iter__(self) -> Iterator[list[int]]:
        flat, w = self._flat, self.WIDTH
        for i in range(0, len(flat), w):
            yield flat[i : i + w].tolist()

    @overload
    def __getitem__(self, index: int) -> list[int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[int]]: ...
    def __getitem__(self, index: int | slice) -> list[int] | list[list[int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        if not -n <= index < n:
            raise IndexError("word box index out of range")
        i = (index % n) * self.WIDTH
        return self._flat[i : i + self.WIDTH].tolist()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordBoxes):
            return self._flat == other._flat
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(other) == len(self) and all(list(a) == b for a, b in zip(other, self, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like the list it stands for

    def __repr__(self) -> str:
        return f"WordBoxes({self.tolist()!r})"

    def tolist(self) -> list[list[int]]:
        """The boxes as plain lists (JSON-ready)."""
        return list(self)

    def shifted(self, offset: int) -> WordBoxes:
        """The same boxes with their text offsets moved by ``offset`` (page-relative -> document)."""
        flat = array("i", self._flat)
        for i in range(0, len(flat), self.WIDTH):
            flat[i] += offset
            flat[i + 1] += offset
        return WordBoxes.from_flat(flat)


@dataclass(slots=True)
class Page:
    """A physical page: a PDF page, an image (a TIFF frame), or a stretch of text between page breaks.

    ``source`` says where the reading text comes from; when OCR ran, the other reading (the
    original text layer, or the OCR that lost to it) is kept in ``alt_text`` as evidence. Word
    boxes are ``[start, end, x0, y0, x1, y1]``: offsets into ``Document.text`` and the box in
    1/10000 of the page image's width and height (top left origin), whatever its resolution.
    """

    number: int  # 1-based position in the document
    start: int
    end: int
    label: str | None = None  # printed marker such as "-2-" or "13-00000"
    has_text: bool = True
    source: str = "text"  # text (a text file) | layer (PDF text layer) | ocr (Tesseract) | none
    quality: float | None = None  # share of dictionary words in the reading text, 0-1
    confidence: float | None = None  # mean OCR word confidence, 0-100, where OCR ran
    alt_text: str | None = None  # the other reading: the original layer when OCR won, or the OCR
    alt_source: str | None = None  # layer | ocr
    alt_quality: float | None = None
    scan: dict[str, Any] = field(default_factory=dict)  # engine, version, lang, dpi, rotation, seconds, blank, error
    boxes: WordBoxes = field(default_factory=WordBoxes)

    def __post_init__(self) -> None:
        if not isinstance(self.boxes, WordBoxes):  # lists of [start, end, x0, y0, x1, y1], as stored
            self.boxes = WordBoxes(self.boxes)


@dataclass(slots=True)
class Paragraph:
    """A reading paragraph of the clean text, with its printed number when it has one."""

    index: int  # 0-based position in the document
    page: int
    start: int  # offsets into Document.text
    end: int
    clean_start: int  # offsets into Document.clean_text
    clean_end: int
    number: str | None = None  # "4", "5.a"
    kind: str = "body"  # body | heading | comment | list | form


@dataclass(slots=True)
class Boilerplate:
    """A repeated or administrative line kept as metadata and excluded from the clean text."""

    kind: str  # classification | release_stamp | jfk_banner | page_marker | margin_code | banner | control_line
    page: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Redaction:
    """A withheld passage: an empty box, an exemption code, or whole pages withheld."""

    kind: str  # box | code | pages | scan (a blacked-out rectangle on the page image)
    page: int
    start: int
    end: int
    code: str | None = None  # raw code as printed, e.g. "25X1", "25X1A"
    meaning: str | None = None  # the category's meaning where the order defines it
    pages_withheld: int | None = None
    box: list[int] | None = None  # kind "scan": [x0, y0, x1, y1] on the page image, in 1/10000 of its size


@dataclass(slots=True)
class Identifier:
    """A document number found in the text: CIA-RDP, JFK record number, report or CD number."""

    scheme: str  # cia_rdp | jfk_record | report_no | cd_no | file_201
    value: str
    page: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Metadata:
    """Descriptive metadata parsed from the document; raw markings are kept beside interpretations."""

    identifiers: list[Identifier] = field(default_factory=list)
    release_date: str | None = None  # ISO date from "Approved For Release 2003/12/22"
    classification: str | None = None  # highest marking found
    classification_markings: list[str] = field(default_factory=list)  # raw strings as printed
    caveats: list[str] = field(default_factory=list)  # NOFORN, CONTROLLED DISSEM...
    doc_type: str | None = None  # information_report | memorandum | cable | dispatch | letter
    subject: str | None = None
    country: str | None = None
    doc_date: str | None = None  # ISO
    date_distributed: str | None = None  # ISO
    pages_stated: int | None = None
    unevaluated: bool = False
    pages_withheld: int = 0
    collection: str | None = None  # crest | jfk | ...
    fields: dict[str, str] = field(default_factory=dict)  # raw header fields as printed

    @property
    def number(self) -> str | None:
        """The document's primary number (first identifier), used in citations."""
        return self.identifiers[0].value if self.identifiers else None


@dataclass(slots=True)
class Mention:
    """A span of text naming an entity or value, found by extraction. Raw evidence: immutable."""

    id: str
    doc_id: str
    label: str  # EntityType
    text: str  # surface form as printed
    start: int  # offsets into Document.text
    end: int
    page: int
    paragraph: int | None = None
    sentence: int | None = None
    norm: str | None = None  # normalised value: ISO date, "300000 USD", canonical acronym
    attrs: dict[str, Any] = field(default_factory=dict)  # precision, currency, role, source rule...


@dataclass(slots=True)
class Relation:
    """A textual link between two mentions: alias, acronym definition, role."""

    kind: str  # alias | acronym | role | translation
    source: str  # mention id
    target: str | None  # mention id, or None when value carries it
    value: str | None = None
    doc_id: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Entity:
    """One real person, organisation or place, assembled from resolved mentions."""

    id: str
    type: str
    name: str  # canonical name
    variants: dict[str, int] = field(default_factory=dict)  # surface form -> count
    aliases: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Judgement:
    """A pairwise decision that two mentions (or entities) are, or are not, the same."""

    left: str
    right: str
    same: bool | None  # True merge, False keep apart, None unsure
    score: float
    rule: str
    evidence: dict[str, Any] = field(default_factory=dict)
    source: str = "auto"  # auto | user


@dataclass(slots=True)
class Citation:
    """Where a fact comes from: document, page, paragraph and the verbatim quote."""

    doc_id: str
    page: int
    paragraph: int | None
    paragraph_number: str | None
    start: int
    end: int
    quote: str


@dataclass(slots=True)
class Claim:
    """A cited statement: subject, predicate, object or value, with time, place and hedge."""

    id: str
    doc_id: str
    subject: str  # mention id, or "redacted" for an unknown subject behind a redaction
    predicate: str
    object: str | None = None  # mention id
    value: str | None = None
    time: str | None = None  # ISO date or range "1947/1948"
    place: str | None = None  # mention id
    hedge: Hedge = "stated"
    negated: bool = False
    speaker: str = "source"  # source | officer_comment
    unevaluated: bool = False
    citation: Citation | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Segment:
    """One run of clean text copied from the original: clean[c:c+n] == text[o:o+n]."""

    clean: int
    orig: int
    length: int


@dataclass(slots=True)
class Document:
    """A structured document: the output of the pipeline for one input file."""

    id: str  # sha256 of the file bytes
    source_path: str
    media_type: str
    text: str
    size: int = 0
    encoding: str | None = None
    pages: list[Page] = field(default_factory=list)
    clean_text: str = ""
    clean_map: list[Segment] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    redactions: list[Redaction] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pipeline_version: str = PIPELINE_VERSION

    @property
    def title(self) -> str:
        """A human title: subject, else document number, else file name."""
        name = self.source_path.rsplit("/", 1)[-1]
        return self.metadata.subject or self.metadata.number or name

    def to_original(self, clean_offset: int) -> int:
        """Map an offset in ``clean_text`` to the offset in ``text``."""
        if not self.clean_map:
            return clean_offset
        i = max(bisect.bisect_right(self.clean_map, clean_offset, key=lambda s: s.clean) - 1, 0)
        seg = self.clean_map[i]
        return seg.orig + min(clean_offset - seg.clean, seg.length)

    def _segment_before(self, offset: int) -> int:
        """Index of the last clean-map run starting at or before an original offset (-1 if none).

        ``clean_map`` is in clean order, and the clean text copies the original in reading order,
        so it is also in original order: one bisect, no sorting.
        """
        return bisect.bisect_right(self.clean_map, offset, key=lambda s: s.orig) - 1

    def to_clean(self, offset: int) -> int:
        """Map an offset in ``text`` to the offset in ``clean_text`` (inverse of :meth:`to_original`).

        An offset inside removed text (boilerplate, a joined hyphen) clamps to the end of the
        preceding copied run, or to the start of the first one; :meth:`in_clean` tells them apart.
        """
        if not self.clean_map:
            return offset
        seg = self.clean_map[max(self._segment_before(offset), 0)]
        return seg.clean + min(max(offset - seg.orig, 0), seg.length)

    def in_clean(self, offset: int) -> bool:
        """Whether an offset in ``text`` lies in (or at the end of) a run copied to the clean text."""
        if not self.clean_map:
            return True
        i = self._segment_before(offset)
        return i >= 0 and offset - self.clean_map[i].orig <= self.clean_map[i].length

    def page_at(self, offset: int) -> int:
        """The 1-based page number containing an original-text offset.

        Pages are in text order: one bisect (a scan per mention grew with the page count of a
        1,000-page document), the scan only for an offset no page holds."""
        i = bisect.bisect_right(self.pages, offset, key=lambda p: p.start) - 1
        if i >= 0 and offset < self.pages[i].end:
            return self.pages[i].number
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return self.pages[-1].number if self.pages else 1

    def paragraph_at(self, clean_offset: int) -> Paragraph | None:
        """The paragraph containing a clean-text offset (paragraphs are in clean-text order: a bisect)."""
        i = bisect.bisect_right(self.paragraphs, clean_offset, key=lambda p: p.clean_start) - 1
        if i >= 0 and clean_offset < self.paragraphs[i].clean_end:
            return self.paragraphs[i]
        for para in self.paragraphs:
            if para.clean_start <= clean_offset < para.clean_end:
                return para
        return None


def to_dict(obj: Any) -> dict[str, Any]:
    """Serialise any model dataclass to plain JSON-ready data (word boxes as lists)."""
    return asdict(obj, dict_factory=_plain)


def _plain(items: list[tuple[str, Any]]) -> dict[str, Any]:
    return {k: v.tolist() if isinstance(v, WordBoxes) else v for k, v in items}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a model dataclass (recursively for Document) from :func:`to_dict` output."""
    if cls is Document:
        d = dict(data)
        d["pages"] = [Page(**p) for p in d.get("pages", [])]
        d["clean_map"] = [Segment(**s) for s in d.get("clean_map", [])]
        d["paragraphs"] = [Paragraph(**p) for p in d.get("paragraphs", [])]
        d["boilerplate"] = [Boilerplate(**b) for b in d.get("boilerplate", [])]
        d["redactions"] = [Redaction(**r) for r in d.get("redactions", [])]
        d["metadata"] = from_dict(Metadata, d.get("metadata") or {})
        d["mentions"] = [Mention(**m) for m in d.get("mentions", [])]
        d["relations"] = [Relation(**r) for r in d.get("relations", [])]
        d["claims"] = [from_dict(Claim, c) for c in d.get("claims", [])]
        return Document(**d)  # type: ignore[return-value]
    if cls is Metadata:
        meta = dict(data)
        meta["identifiers"] = [Identifier(**i) for i in meta.get("identifiers", [])]
        return Metadata(**meta)  # type: ignore[return-value]
    if cls is Claim:
        d = dict(data)
        if d.get("citation"):
            d["citation"] = Citation(**d["citation"])
        return Claim(**d)  # type: ignore[return-value]
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})
