"""Records the readers assemble from the store: timeline events and the dossier of ``declass trace``.

They are derived views, recomputable at any time from the stored facts (:mod:`declass.model`), so
nothing here is ever written to the store. Every record is a slotted dataclass; ``to_dict`` gives the
JSON shape documented in docs/trace.md, which the CLI (``--format json``) and the web twins print.
Two keys are Python keywords and are spelled with a trailing underscore in code: ``Role.from_``
(JSON ``from``) and ``DossierClaim.as_`` (JSON ``as``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

from declass.model import Citation, Entity


@dataclass(slots=True)
class TimelineEvent:
    """One dated event: a dated claim, a dated sentence or a dated document, with its citation."""

    time: str  # as found: ISO date, range "1947/1948", open range "../1949"
    start: str  # sort key: earliest ISO date the event may fall on ("" when open)
    end: str  # latest ISO date ("" when open)
    precision: str  # day | month | year | decade | range
    text: str  # what happened, in words (a document event: its title)
    doc_id: str
    citation: Citation | None = None
    predicate: str | None = None
    claim_id: str | None = None
    hedge: str = "stated"
    speaker: str = "source"
    entity_ids: list[str] = field(default_factory=list)
    kind: str = "claim"  # claim | sentence | document
    subject: str | None = None  # a claim's sides, named as in ``text``
    object: str | None = None
    negated: bool = False


@dataclass(slots=True)
class DossierCitation(Citation):
    """A citation with the cited document's number (or file name), as the dossier prints it."""

    document: str = ""


@dataclass(slots=True)
class Candidate:
    """An entity the trace's query could mean, with its match score (0-100)."""

    id: str
    name: str
    type: str
    score: float


@dataclass(slots=True)
class Variant:
    """A name as printed, how often, and in which documents (numbers)."""

    text: str
    count: int
    documents: list[str]


@dataclass(slots=True)
class Alias:
    """Another name of the entity: from an ``alias_of`` claim (cited) or from resolution."""

    name: str
    source: str  # the claim's kind of alias ("pseudonym", "alias") or "resolution"
    citation: DossierCitation | None = None
    hedge: str | None = None


@dataclass(slots=True)
class Role:
    """A role or affiliation the entity holds (a claim it is the subject of)."""

    predicate: str
    role: str
    organisation: str | None
    from_: str | None
    until: str | None
    time: str | None
    hedge: str
    citation: DossierCitation | None


@dataclass(slots=True)
class DossierClaim:
    """A claim about the entity, read in words, with names for both sides."""

    id: str
    predicate: str
    text: str
    as_: str  # subject | object | place: the entity's part in the claim
    subject: str
    object: str | None
    value: str | None
    time: str | None
    hedge: str
    negated: bool
    speaker: str
    unevaluated: bool
    citation: DossierCitation | None


@dataclass(slots=True)
class CoMention:
    """An entity named in the same documents; strength 1 per shared document, +0.5 per shared paragraph."""

    id: str
    name: str
    type: str
    strength: float
    documents: list[str]  # document ids


@dataclass(slots=True)
class DossierDocument:
    """A document naming the entity, as listed in the dossier."""

    id: str
    number: str
    title: str | None
    date: str | None
    classification: str | None
    mentions: int  # mentions of the entity in it


_KEYWORDS = {"from_": "from", "as_": "as"}


def _json_keys(value: Any) -> Any:
    """``asdict`` output with the keyword fields renamed (``from_`` -> ``from``), order kept."""
    if isinstance(value, dict):
        return {_KEYWORDS.get(k, k): _json_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_keys(v) for v in value]
    return value


@dataclass(slots=True)
class Dossier:
    """Everything the archive says about one entity: the output of ``declass trace``."""

    entity: Entity  # loaded without its member list by the trace (see ``mention_count``)
    query: str = ""
    score: float = 100.0
    mention_count: int = 0  # the entity's mentions in the whole store, not only those shown
    candidates: list[Candidate] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    claims: dict[str, list[DossierClaim]] = field(default_factory=dict)  # predicate -> claims, in order
    co_mentions: list[CoMention] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    passages: list[DossierCitation] = field(default_factory=list)  # sentences naming the entity, cited
    documents: list[DossierDocument] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The dossier as JSON-ready data with the documented keys."""
        # Field by field: ``asdict`` deep-copies, and the entity's member lists can be long.
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "entity":
                data["entity"] = {g.name: getattr(value, g.name) for g in fields(value)}
            else:
                data[f.name] = _json_keys(_plain(value))
        return data


def _plain(value: Any) -> Any:
    """``asdict`` of a dataclass, or of each one in a list or dict of them."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
