"""Corrections on a real store: each is an override with reviewer, reason and the mentions it
changed; each survives re-resolution (``declass resolve``) and can be undone."""

from __future__ import annotations

from typing import Any

import pytest

from declass.errors import InputError, NotFound
from declass.resolve import manage, resolve_store
from tests.review.conftest import named, owner

JFK = "104-10006-10247.pdf"
NTS_REPORT = "CIA-RDP82-00457R006100750010-5.txt"


def test_merge_is_recorded_survives_resolve_and_undo(store: Any) -> None:
    a, b = named(store, "Central Committee"), named(store, "Central Committee of the CPSU")
    r = manage.merge_entities(store, a.id, b.id, reviewer="ann", reason="the same body")
    assert owner(store, a.mention_ids[0]).id == owner(store, b.mention_ids[0]).id
    row = store.get_override(r["override"])
    assert (row["action"], row["reviewer"], row["reason"], row["affected"]) == ("merge", "ann", "the same body", 2)
    resolve_store(store)
    assert owner(store, a.mention_ids[0]).id == owner(store, b.mention_ids[0]).id
    manage.undo(store, r["override"], "bob")
    assert owner(store, a.mention_ids[0]).id != owner(store, b.mention_ids[0]).id
    resolve_store(store)
    assert owner(store, a.mention_ids[0]).id != owner(store, b.mention_ids[0]).id
    history = store.override_history()
    assert history[0]["id"] == r["override"] and history[0]["undone_by"] == "bob"
    with pytest.raises(InputError, match="already undone by bob"):
        manage.undo(store, r["override"], "bob")


def test_split_takes_the_misread_name_out(store: Any) -> None:
    e = named(store, "Mikha L. Kassianov")
    misread = [m.id for m in store.get_mentions(e.mention_ids) if m.text == "Mikha L Massianov"]
    r = manage.split_entity(store, e.id, misread, reviewer="ann")
    assert r["affected"] == len(misread) == 1
    resolve_store(store)
    other = next(m for m in e.mention_ids if m not in misread)
    assert owner(store, misread[0]).id != owner(store, other).id
    with pytest.raises(InputError, match="some but not all"):
        manage.split_entity(store, owner(store, misread[0]).id, misread, reviewer="ann")


def test_rename_and_retype_survive_resolve(store: Any) -> None:
    e = named(store, "Soviet Embassy")
    assert e.type == "ORG"  # resolution types an embassy as an organisation (issue 10)
    manage.rename_entity(store, e.id, "Soviet Embassy, New Delhi", reviewer="ann")
    manage.retype_entity(store, e.id, "LOC", reviewer="ann", reason="the building, as a place")
    resolve_store(store)
    now = owner(store, e.mention_ids[0])
    assert (now.name, now.type, now.attrs["auto_type"]) == ("Soviet Embassy, New Delhi", "LOC", "ORG")
    with pytest.raises(InputError, match="PERSON, ORG, LOC"):
        manage.retype_entity(store, now.id, "DATE", reviewer="ann")


def test_not_an_entity_as_a_form_label_spares_the_prose(store: Any) -> None:
    venezuela = named(store, "Venezuela")
    label = [m for m in store.get_mentions(venezuela.mention_ids) if m.text == "VENEZUELA"]
    texts = store.text_slices([(m.doc_id, m.end, m.end + 4) for m in label])
    at_colon = [m for m in label if texts[(m.doc_id, m.end, m.end + 4)].lstrip().startswith(":")]
    assert len(at_colon) == 1
    r = manage.mark_not_entity(store, at_colon[0].id, "label", reviewer="ann", reason="COUNTRY field label")
    assert r["affected"] == 1
    assert owner(store, at_colon[0].id) is None
    kept = owner(store, next(m for m in venezuela.mention_ids if m != at_colon[0].id))
    assert len(kept.mention_ids) == len(venezuela.mention_ids) - 1
    assert resolve_store(store)["suppressed"] == 1 and owner(store, at_colon[0].id) is None
    assert store.get_mentions([at_colon[0].id]), "the evidence stays stored"


def test_not_an_entity_everywhere_removes_the_entity_and_undo_restores_it(store: Any) -> None:
    archives = named(store, "Archives")
    r = manage.mark_not_entity(store, archives.mention_ids[0], reviewer="ann")
    assert r["affected"] == 1 and owner(store, archives.mention_ids[0]) is None
    assert not [e for e in store.list_entities(name="Archives") if e.name == "Archives"]
    manage.undo(store, r["override"], "ann")
    assert owner(store, archives.mention_ids[0]).name == "Archives"


def test_wrong_type_relabels_one_mention(store: Any) -> None:
    # an ORG mention of the record (its mistyped "Tor" is no longer extracted)
    tor = next(m for m in store.iter_mentions(doc_id=store.get_document(JFK).id) if m.label == "ORG" and m.text != "Archives")
    manage.set_mention_type(store, tor.id, "PERSON", reviewer="ann")
    resolve_store(store)
    assert owner(store, tor.id).type == "PERSON"
    with pytest.raises(NotFound):
        manage.set_mention_type(store, "0" * 16, "PERSON", reviewer="ann")


def test_added_mention_survives_reextraction(store: Any, tmp_path: Any) -> None:
    from declass.ingest import ingest_paths
    from declass.settings import Settings

    doc = store.get_document(JFK)
    start = doc.text.index("Roman Fedorovich DEDKOV")
    r = manage.add_mention(store, doc.id, start, start + len("Roman Fedorovich DEDKOV"), "PERSON", reviewer="ann")
    mid = r["args"]["mention"]
    assert owner(store, mid).name.upper().endswith("DEDKOV")
    with pytest.raises(InputError, match="already a PERSON mention"):
        manage.add_mention(store, doc.id, start, start + len("Roman Fedorovich DEDKOV"), "PERSON", reviewer="ann")
    store.mark_pending("extract", [doc.id])  # the next run extracts the document again: its mentions are rewritten
    ingest_paths(store, [], Settings(db=store.url, workers=1, extract=True))
    assert owner(store, mid) is not None and owner(store, mid).name.upper().endswith("DEDKOV")


def test_suppressed_form_is_not_extracted_again(store: Any) -> None:
    from declass.ingest import ingest_paths
    from declass.settings import Settings

    doc = store.get_document(JFK)
    archives = next(m for m in doc.mentions if m.text == "Archives")
    manage.mark_not_entity(store, archives.id, reviewer="ann")
    store.mark_pending("extract", [doc.id])
    ingest_paths(store, [], Settings(db=store.url, workers=1, extract=True))
    again = store.get_document(doc.id)
    assert again.mentions and not [m for m in again.mentions if m.text == "Archives"]


def test_undo_of_not_an_entity_brings_back_the_mentions_extraction_dropped(store: Any) -> None:
    from declass.ingest import ingest_paths
    from declass.settings import Settings

    doc = store.get_document(JFK)
    archives = next(m for m in doc.mentions if m.text == "Archives")
    r = manage.mark_not_entity(store, archives.id, reviewer="ann")
    store.mark_pending("extract", [doc.id])
    ingest_paths(store, [], Settings(db=store.url, workers=1, extract=True))  # extracted while suppressed
    assert not [m for m in store.get_document(doc.id).mentions if m.text == "Archives"]
    undone = manage.undo(store, r["override"], "ann")
    assert undone["reextract"] == 1 and doc.id in store.pending_documents("extract")
    ingest_paths(store, [], Settings(db=store.url, workers=1, extract=True))
    back = [m for m in store.get_document(doc.id).mentions if m.text == "Archives"]
    assert back and owner(store, back[0].id) is not None and not store.pending_documents("extract")


@pytest.mark.slow
@pytest.mark.postgres
def test_corrections_on_a_shared_postgresql_store(pg_url: str, tmp_path: Any) -> None:
    from webstore import build_store

    pg = build_store(tmp_path, pg_url)
    a, b = named(pg, "Central Committee"), named(pg, "Central Committee of the CPSU")
    merge = manage.merge_entities(pg, a.id, b.id, reviewer="ann")
    archives = named(pg, "Archives")
    assert manage.mark_not_entity(pg, archives.mention_ids[0], reviewer="bob")["affected"] == 1
    assert resolve_store(pg)["suppressed"] == 1
    assert owner(pg, a.mention_ids[0]).id == owner(pg, b.mention_ids[0]).id and owner(pg, archives.mention_ids[0]) is None
    manage.undo(pg, merge["override"], "bob")
    assert owner(pg, a.mention_ids[0]).id != owner(pg, b.mention_ids[0]).id
    assert [(o["action"], o["reviewer"], o["undone_by"]) for o in pg.override_history()] == [
        ("not_entity", "bob", None),
        ("merge", "ann", "bob"),
    ]
    pg.close()
