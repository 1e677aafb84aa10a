"""An entity's member list is read from the covering index ``(entity_id, mention_id)``
(migration 0008), not by one table lookup per member."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from declass.model import Entity
from declass.store import open_store
from tests.store.test_store import _doc


def test_members_are_read_from_the_covering_index(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    doc = _doc()
    store.add_document(doc)
    mentions = list(store.iter_mentions(doc_id=doc.id))
    assert len(mentions) == 2
    store.replace_entities([Entity(id="e1", type="PERSON", name="Belik", mention_ids=[m.id for m in mentions], doc_ids=[doc.id])])
    assert store.get_entity("e1").mention_ids == sorted(m.id for m in mentions)
    with store.engine.connect() as conn:
        plan = conn.execute(text("EXPLAIN QUERY PLAN SELECT mention_id FROM entity_members WHERE entity_id = 'e1'")).all()
    assert "COVERING INDEX ix_entity_members_entity_mention" in " ".join(str(r[-1]) for r in plan)


def test_an_entity_without_members_and_its_members_by_page(store_url: str) -> None:
    """``get_entity(members=False)`` leaves the member list in the store; ``entity_member_ids``
    reads it a page at a time, in id order, on both backends: the entity page and the trace
    never load the whole list of a large entity."""
    store = open_store(store_url)
    doc = _doc()
    store.add_document(doc)
    ids = sorted(m.id for m in store.iter_mentions(doc_id=doc.id))
    store.replace_entities([Entity(id="e1", type="PERSON", name="Belik", mention_ids=ids, doc_ids=[doc.id])])
    bare = store.get_entity("e1", members=False)
    assert bare.mention_ids == [] and bare.doc_ids == [doc.id] and bare.name == "Belik"
    pages = [store.entity_member_ids("e1", limit=1, offset=k) for k in range(len(ids) + 1)]
    assert pages == [[i] for i in ids] + [[]]
    assert store.entity_member_ids("e1", limit=10) == ids == store.get_entity("e1").mention_ids
