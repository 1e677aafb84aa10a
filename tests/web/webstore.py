"""A small real store for web and export tests: the CREST examples, one JFK PDF and a hostile text
file, ingested through the pipeline into SQLite, with hand-made mentions, entities and claims
standing in for the extraction and resolution stages (so tests do not need spaCy)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from declass.model import Citation, Claim, Document, Entity, Mention, Paragraph, make_id
from declass.pipeline import process
from declass.store import open_store
from declass.web.views.documents import to_clean

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
JFK_PDF = EXAMPLES / "jfk" / "104-10006-10247.pdf"
HOSTILE_TEXT = (
    "MEMORANDUM FOR THE RECORD\n\nSUBJECT: <script>alert('xss')</script> test\n\n"
    "1. The source <img src=x onerror=alert(1)> reported that Kandaurov met Tretyakov in Caracas.\n\n"
    "2. [ ] 25X1 withheld passage & more <b>bold</b> text.\n"
)

# (entity id, type, canonical name, regex of surface forms)
ENTITIES = [
    ("ent-kandaurov", "PERSON", "Aleksei Alekseyevich Kandaurov", r"Kand[ao]urov"),
    ("ent-tretyakov", "PERSON", "Vladimir Aleksandrovich Tretyakov", r"Tret(?:yakov|yckov)"),
    ("ent-batyan", "PERSON", "Aleksei V. Batyan", r"Batyan"),
    ("ent-makayev", "PERSON", "Ivan Alekseyevich Makayev", r"Makayev"),
    ("ent-nts", "ORG", "NTS", r"\b(?:NTS|MTS|HTS|UTS|NTC)\b"),
    ("ent-caracas", "LOC", "Caracas", r"Caracas"),
    ("ent-venezuela", "LOC", "Venezuela", r"Venezuela"),
]


def split_paragraphs(doc: Document) -> None:
    """Stand-in for the structure stage while it is a placeholder: paragraphs at blank lines."""
    if len(doc.paragraphs) > 1:
        return
    paras = []
    for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", doc.clean_text):
        start, end = m.start(), m.end()
        page = doc.page_at(doc.to_original(start))
        number = re.match(r"[-\s]*(\d{1,2})\.\s", m.group())
        paras.append(
            Paragraph(
                index=len(paras),
                page=page,
                start=doc.to_original(start),
                end=doc.to_original(end),
                clean_start=start,
                clean_end=end,
                number=number.group(1) if number else None,
            )
        )
    doc.paragraphs = paras


def add_mentions(doc: Document) -> None:
    for _eid, label, _name, pattern in ENTITIES:
        for m in re.finditer(pattern, doc.text):
            clean = to_clean(doc, m.start())
            para = doc.paragraph_at(clean) if clean is not None else None
            if para is None:
                continue  # in boilerplate removed from the clean text: extraction never sees it
            doc.mentions.append(
                Mention(
                    id=make_id(doc.id, m.start(), m.end(), label),
                    doc_id=doc.id,
                    label=label,
                    text=m.group(),
                    start=m.start(),
                    end=m.end(),
                    page=doc.page_at(m.start()),
                    paragraph=para.index if para else None,
                )
            )


def build_store(tmp: Path, url: str | None = None):
    """Copy the examples into ``tmp``, ingest them into ``url`` (default: SQLite in ``tmp``), add entities
    and claims; returns the open store."""
    src = tmp / "src"
    src.mkdir(parents=True, exist_ok=True)
    paths = []
    for p in sorted((EXAMPLES / "crest").glob("*.txt")) + [JFK_PDF]:
        shutil.copy(p, src / p.name)
        paths.append(src / p.name)
    hostile = src / "hostile-memo.txt"
    hostile.write_text(HOSTILE_TEXT)
    paths.append(hostile)
    store = open_store(url or f"sqlite:///{tmp / 'declass.db'}")
    docs = []
    for path in paths:
        doc = process(str(path), path.read_bytes())
        split_paragraphs(doc)
        if doc.metadata.collection is None:
            doc.metadata.collection = "jfk" if doc.media_type == "application/pdf" else "crest"
        if "00457R" in path.name:
            doc.metadata.classification = doc.metadata.classification or "SECRET"
            doc.metadata.doc_type = doc.metadata.doc_type or "information_report"
            doc.metadata.doc_date = doc.metadata.doc_date or "1950-11-10"
        elif path.name.startswith("hostile"):
            doc.metadata.doc_type = doc.metadata.doc_type or "memorandum"
            doc.metadata.doc_date = doc.metadata.doc_date or "1951-02-01"
        add_mentions(doc)
        if "00457R" in path.name:
            _add_claims(doc)
        store.add_document(doc)
        docs.append(doc)
    entities = []
    for eid, label, name, _pattern in ENTITIES:
        ms = [m for d in docs for m in d.mentions if re.fullmatch(_pattern, m.text)]
        if not ms:
            continue
        variants: dict[str, int] = {}
        for m in ms:
            variants[m.text] = variants.get(m.text, 0) + 1
        entities.append(
            Entity(
                id=eid,
                type=label,
                name=name,
                variants=variants,
                mention_ids=[m.id for m in ms],
                doc_ids=sorted({m.doc_id for m in ms}),
            )
        )
    store.replace_entities(entities)
    return store


def _add_claims(doc: Document) -> None:
    def first(pattern: str) -> Mention:
        return next(m for m in doc.mentions if re.fullmatch(pattern, m.text))

    kand, tret, nts = first(r"Kandaurov"), first(r"Tretyakov"), first(r"NTS")
    para = doc.paragraphs[kand.paragraph or 0]
    quote = doc.clean_text[para.clean_start : para.clean_end][:200]
    cite = Citation(
        doc_id=doc.id,
        page=kand.page,
        paragraph=para.index,
        paragraph_number=para.number,
        start=para.start,
        end=para.end,
        quote=quote,
    )
    doc.claims.append(
        Claim(
            id=make_id(doc.id, "c1"),
            doc_id=doc.id,
            subject=kand.id,
            predicate="member_of",
            object=nts.id,
            time="1950-09",
            hedge="stated",
            citation=cite,
            unevaluated=True,
        )
    )
    doc.claims.append(
        Claim(
            id=make_id(doc.id, "c2"),
            doc_id=doc.id,
            subject=kand.id,
            predicate="associate_of",
            object=tret.id,
            time="1950-05",
            hedge="suspected",
            citation=cite,
        )
    )
