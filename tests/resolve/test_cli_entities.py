"""The entity commands end to end on a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from declass.cli import app
from declass.model import Document, Mention, Relation
from declass.store import open_store

from .conftest import NTS_REPORT


@pytest.fixture()
def db(tmp_path: Path, nts_mentions: list[Mention], nts_relations: list[Relation]) -> str:
    url = f"sqlite:///{tmp_path / 'declass.db'}"
    text = NTS_REPORT.read_text(encoding="utf-8")
    doc_id = nts_mentions[0].doc_id
    store = open_store(url)
    store.add_document(
        Document(
            id=doc_id,
            source_path=str(NTS_REPORT),
            media_type="text/plain",
            text=text,
            clean_text=text,
            mentions=nts_mentions,
            relations=nts_relations,
        )
    )
    store.close()
    return url


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def entities(db: str) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(run("entities", "--db", db, "--format", "json", "--limit", "500"))


def by_name(rows: list[dict], name: str) -> dict:  # type: ignore[type-arg]
    return next(r for r in rows if r["name"] == name)


def test_resolve_then_list_and_explain(db: str) -> None:
    run("resolve", "--db", db)
    rows = entities(db)
    nts = by_name(rows, "NTS")
    assert nts["type"] == "ORG" and nts["variants"]["MTS"] >= 5
    kand = by_name(rows, "Aleksei Alekseyevich Kandaurov")
    assert kand["aliases"] == ["Aleksei Privalov"]
    why = json.loads(run("entity", kand["id"], "--why", "--db", db, "--format", "json"))
    rules = {m["rule"] for m in why["merges"]}
    assert {"alias", "short_form", "name_variant"} <= rules
    text = run("entity", kand["id"], "--why", "--db", db)
    assert "Kandaurov = Kandourov" in text and "OCR confusions" in text


def test_manual_merge_split_rename_survive_re_resolution(db: str) -> None:
    run("resolve", "--db", db)
    rows = entities(db)
    batyan, belik = by_name(rows, "Aleksei V. Batyan"), by_name(rows, "Zoran Afanasyevich Belik")
    run("merge", batyan["id"], belik["id"], "--db", db)
    merged = [r for r in entities(db) if "Batyan" in r["variants"] and "Belik" in r["variants"]]
    assert len(merged) == 1
    run("rename", merged[0]["id"], "Batyan-Belik", "--db", db)
    run("resolve", "--db", db)  # overrides are re-applied
    again = by_name(entities(db), "Batyan-Belik")
    assert "Zoran Afanasyevich Belik" in again["variants"]
    store = open_store(db)
    ent = store.get_entity(again["id"])
    short = [m.id for m in store.iter_mentions() if m.text == "Belik" and m.id in ent.mention_ids]
    store.close()
    run("split", again["id"], *short, "--db", db)
    run("resolve", "--db", db)
    rows = entities(db)
    assert any(r["variants"] == {"Belik": len(short)} for r in rows), [
        (r["name"], r["variants"]) for r in rows if "Belik" in r["variants"]
    ]
