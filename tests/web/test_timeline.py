"""The web timeline is a view over ``declass.timeline``: same events as the CLI, no mention scan."""

from __future__ import annotations

import pytest

from declass.timeline import build_timeline
from declass.web.views.timeline import timeline_data


def test_timeline_page_reads_no_mentions_and_no_documents(
    web_store, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_store, "iter_mentions", lambda **kw: pytest.fail("the timeline page scanned mentions"))
    monkeypatch.setattr(web_store, "get_document", lambda ref: pytest.fail("the timeline page loaded a document"))
    everything = timeline_data(web_store, None, None, None, 100, 0)
    assert {e["kind"] for e in everything["events"]} == {"claim", "document"}
    nts = timeline_data(web_store, ids["nts"], None, None, 100, 0)
    first = nts["events"][0]
    assert (first["date"], first["predicate"], first["subject"]) == ("1924/1925", "succeeded", "NTS")


def test_timeline_page_shows_the_cli_events_in_the_cli_order(web_store, ids: dict[str, str]) -> None:
    ent = web_store.get_entity(ids["belik"])
    page = timeline_data(web_store, ent.id, "1949", "1950-06", 100, 0)
    cli = build_timeline(web_store, mention_ids=ent.mention_ids, doc_ids=ent.doc_ids, date_from="1949", date_to="1950-06")
    claims = [(e["date"], e["predicate"]) for e in page["events"] if e["kind"] == "claim"]
    assert claims == [(e.time, e.predicate) for e in cli if e.kind == "claim"]
    assert ("../1949", "holds_role") in claims  # "Until early 1949 ... chief of NTS": may fall in 1949
    assert all(e["date"][:4] in ("1949", "1950") or e["date"].startswith("../") for e in page["events"])
