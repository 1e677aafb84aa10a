"""The store's override methods on both backends: ids, history newest first, undo kept as history,
mentions a reviewer added; and the extract stage's suppression on hand-made documents."""

from __future__ import annotations

import pytest

from declass.errors import InputError, NotFound
from declass.model import Document, Mention, Page, Relation, make_id
from declass.pipeline.extract.suppress import suppress
from declass.resolve.corrections import ADDED_BY, Corrections, added_mention, mention_key
from declass.store import open_store
from declass.types.suppression import SuppressedForm

TEXT = "SUBJECT: Kandaurov\nCOUNTRY : Venezuela\n\nThe Subject met Belik in Venezuela.\n"


def _mention(doc: str, text: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Mention(make_id(doc, start, start + len(text), label), doc, label, text, start, start + len(text), 1)


def _doc() -> Document:
    doc = Document(id="d" * 64, source_path="memo.txt", media_type="text/plain", text=TEXT, clean_text=TEXT)
    doc.pages = [Page(1, 0, len(TEXT))]
    doc.mentions = [
        _mention(doc.id, "SUBJECT", "PERSON"),
        _mention(doc.id, "Kandaurov", "PERSON"),
        _mention(doc.id, "Venezuela", "LOC"),
        _mention(doc.id, "Subject", "PERSON"),
        _mention(doc.id, "Belik", "PERSON"),
        _mention(doc.id, "Venezuela", "LOC", nth=1),
    ]
    return doc


def test_suppress_drops_forms_in_their_context_only() -> None:
    doc = _doc()
    subject, kandaurov = doc.mentions[0], doc.mentions[1]
    doc.relations = [Relation("alias", subject.id, kandaurov.id)]
    forms = frozenset({SuppressedForm("subject", "label"), SuppressedForm("VENEZUELA", "label")})
    assert suppress(doc, forms) == 1  # "SUBJECT:" is a label; "The Subject met" and "COUNTRY : Venezuela" are not
    assert [m.text for m in doc.mentions] == ["Kandaurov", "Venezuela", "Subject", "Belik", "Venezuela"]
    assert doc.relations == []
    assert suppress(doc, frozenset({SuppressedForm("  belik ")})) == 1 and "Belik" not in [m.text for m in doc.mentions]
    assert suppress(doc, frozenset()) == 0


def test_override_methods(store_url: str) -> None:
    store = open_store(store_url)
    first = store.add_override("merge", {"left": "a", "right": "b"}, reviewer="ann", reason="same man")
    second = store.add_override("rename", {"anchor": "a", "name": "X"})
    assert second > first
    store.set_override_affected(first, 7)
    assert [o["id"] for o in store.override_history()] == [second, first]
    row = store.undo_override(first, "bob")
    assert (row["undone_by"], row["affected"], row["reviewer"], row["reason"]) == ("bob", 7, "ann", "same man")
    assert [o["id"] for o in store.list_overrides()] == [second]
    assert [o["id"] for o in store.list_overrides(include_undone=True)] == [first, second]
    with pytest.raises(InputError, match="already undone by bob"):
        store.undo_override(first, "bob")
    with pytest.raises(NotFound):
        store.get_override(10_000)
    store.close()


def test_added_mentions_are_stored_once_and_left_out_when_undone(store_url: str) -> None:
    store = open_store(store_url)
    doc = _doc()
    store.add_document(doc)
    start = TEXT.index("Belik")
    args = {"mention": mention_key(doc.id, start - 4, start + 5, "PERSON"), "doc": doc.id, "start": start - 4,
            "end": start + 5, "label": "PERSON", "text": TEXT[start - 4 : start + 5], "page": 1}  # fmt: skip
    oid = store.add_override("add_mention", args, reviewer="ann")
    corrections = Corrections.load(store)
    assert store.add_mentions([added_mention(oid, args)]) == 0  # load() stored it already
    (m,) = store.get_mentions([args["mention"]])
    assert (m.text, m.attrs[ADDED_BY]) == ("met Belik", oid)
    assert args["mention"] in {x.id for x in corrections.mentions(store, store.iter_mentions())}
    store.undo_override(oid, "ann")
    assert args["mention"] not in {x.id for x in Corrections.load(store).mentions(store, store.iter_mentions())}
    store.close()
