"""Resolving folder A, then folder B, gives the same entities as one full run over both."""

from __future__ import annotations

from pathlib import Path

from declass.model import Document, Entity, Mention, Relation
from declass.resolve import resolve_store
from declass.store import open_store
from declass.store.base import Store

from .conftest import LIAISON_REPORT, NTS_REPORT
from .test_quality import mention

# Forms of the JFK records that an incremental pass decided differently from a full one: a bare
# surname whose meaning changes when a later folder names a second bearer, cryptonyms, a title.
LATER = [
    mention("jfk-1", "Fidel Castro", n=0),
    mention("jfk-1", "CIA", "ORG", n=1),
    mention("jfk-2", "Castro", n=0),
    mention("jfk-2", "CIA", "ORG", n=1),
    mention("jfk-3", "Raul Castro", n=0),
    mention("jfk-3", "AMLASH-1", "CRYPTONYM", n=1),
    mention("jfk-4", "AMLASH/1", "ORG", n=0),
    mention("jfk-4", "Castro", n=1),
    mention("jfk-4", "KUBARK", "ORG", n=2, refers="CIA", rule="coref_known"),
    mention("jfk-5", "Tretiakov", n=0),
    mention("jfk-5", "Vladimir Aleksandrovich Tretiakov", n=1),
]


Folder = list[tuple[str, list[Mention], list[Relation], Path | None]]


def add(store: Store, doc_id: str, mentions: list[Mention], relations: list[Relation], path: Path | None) -> None:
    text = path.read_text(encoding="utf-8") if path else " " * 2000
    doc = Document(doc_id, str(path or doc_id), "text/plain", text=text, clean_text=text, mentions=mentions, relations=relations)
    store.add_document(doc)


def folders(nts: list[Mention], rels: list[Relation], liaison: list[Mention]) -> list[Folder]:
    by_doc: dict[str, list[Mention]] = {}
    for m in LATER:
        by_doc.setdefault(m.doc_id, []).append(m)
    a = [(nts[0].doc_id, nts, rels, NTS_REPORT), ("jfk-1", by_doc["jfk-1"], [], None), ("jfk-2", by_doc["jfk-2"], [], None)]
    b = [(liaison[0].doc_id, liaison, [], LIAISON_REPORT)] + [(d, by_doc[d], [], None) for d in ("jfk-3", "jfk-4", "jfk-5")]
    return [a, b]


def entities(store: Store) -> set[tuple[str, str, tuple[str, ...]]]:
    rows: list[Entity] = store.list_entities(limit=10_000)
    return {(e.type, e.name, tuple(sorted(e.mention_ids))) for e in rows}


def test_incremental_runs_give_the_entities_of_a_full_run(tmp_path: Path, nts_mentions, nts_relations, liaison_mentions) -> None:  # type: ignore[no-untyped-def]
    parts = folders(nts_mentions, nts_relations, liaison_mentions)
    inc = open_store(f"sqlite:///{tmp_path / 'inc.db'}")
    for part in parts:
        for doc_id, ms, rs, path in part:
            add(inc, doc_id, ms, rs, path)
        resolve_store(inc, doc_ids=[d for d, *_ in part])
    full = open_store(f"sqlite:///{tmp_path / 'full.db'}")
    for part in parts:
        for doc_id, ms, rs, path in part:
            add(full, doc_id, ms, rs, path)
    resolve_store(full)
    got, want = entities(inc), entities(full)
    assert got == want
    castro = [e for e in inc.list_entities(limit=10_000) if e.name == "Castro"]
    # After folder B names a second Castro, the bare surname is no longer Fidel's: a surname entity.
    assert castro and castro[0].attrs.get("surname_only") is True
    assert {p["name"] for p in castro[0].attrs.get("possibly", [])} == {"Fidel Castro", "Raul Castro"}
    inc.close()
    full.close()


def test_a_run_without_new_mentions_changes_nothing(tmp_path: Path, nts_mentions, nts_relations) -> None:  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    add(store, nts_mentions[0].doc_id, nts_mentions, nts_relations, NTS_REPORT)
    resolve_store(store)
    before = entities(store)
    add(store, "empty", [], [], None)
    assert resolve_store(store, doc_ids=["empty"])["entities"] == 0
    assert entities(store) == before
    store.close()
