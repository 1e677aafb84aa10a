"""``declass overrides export`` / ``import``: corrections made on one store apply to another holding
the same documents, matched by document sha256 and offsets, never by row ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner
from webstore import build_store

from declass.cli import app
from declass.resolve import manage
from tests.review.conftest import named, owner

runner = CliRunner()


def _correct(store: Any) -> dict[str, str]:
    a, b = named(store, "Central Committee"), named(store, "Central Committee of the CPSU")
    manage.merge_entities(store, a.id, b.id, reviewer="ann", reason="the same body")
    archives = named(store, "Archives")
    manage.mark_not_entity(store, archives.mention_ids[0], reviewer="ann")
    embassy = named(store, "Soviet Embassy")
    manage.rename_entity(store, embassy.id, "Soviet Embassy, New Delhi", reviewer="bob")
    return {"a": a.mention_ids[0], "b": b.mention_ids[0], "archives": archives.mention_ids[0], "embassy": embassy.mention_ids[0]}


def test_export_names_mentions_by_document_and_offsets(store: Any) -> None:
    _correct(store)
    from io import StringIO

    from declass.resolve.sharing import export_overrides

    out = StringIO()
    assert export_overrides(store, out) == 3
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["action"] for r in rows] == ["merge", "not_entity", "rename"]
    left = rows[0]["args"]["left"]
    assert set(left) == {"doc", "start", "end", "label", "text"} and len(left["doc"]) == 64
    assert store.get_document(left["doc"]).text[left["start"] : left["end"]] == left["text"]
    assert "entities" not in rows[0]["args"] and rows[0]["reviewer"] == "ann" and rows[0]["reason"] == "the same body"


def test_import_applies_corrections_to_another_store(store: Any, tmp_path: Path) -> None:
    ids = _correct(store)
    jsonl = tmp_path / "corrections.jsonl"
    result = runner.invoke(app, ["overrides", "export", "-o", str(jsonl), "--db", store.url])
    assert result.exit_code == 0, result.output
    other = build_store(tmp_path / "other")
    assert owner(other, ids["a"]).id != owner(other, ids["b"]).id
    result = runner.invoke(app, ["overrides", "import", str(jsonl), "--db", other.url])
    assert result.exit_code == 0, result.output
    assert "imported 3 correction(s), skipped 0" in result.output
    assert owner(other, ids["a"]).id == owner(other, ids["b"]).id
    assert owner(other, ids["archives"]) is None
    assert owner(other, ids["embassy"]).name == "Soviet Embassy, New Delhi"
    assert [o["reviewer"] for o in other.list_overrides()] == ["ann", "ann", "bob"]
    again = runner.invoke(app, ["overrides", "import", str(jsonl), "--db", other.url])
    assert "imported 0 correction(s), skipped 3" in again.output and "already in force" in again.output
    other.close()


def test_import_skips_what_the_store_does_not_hold(store: Any, tmp_path: Path) -> None:
    _correct(store)
    from io import StringIO

    from declass.resolve.sharing import export_overrides, import_overrides

    out = StringIO()
    export_overrides(store, out)
    lines = out.getvalue().splitlines()
    foreign = json.loads(lines[0])
    foreign["args"]["left"]["doc"] = "0" * 64
    moved = json.loads(lines[2])
    moved["args"]["anchor"]["text"] = "Soviet Consulate"
    other = build_store(tmp_path / "other")
    report = import_overrides(other, [json.dumps(foreign), "not json", json.dumps(moved), lines[1]], "c.jsonl")
    assert report.added == 1
    assert (
        report.skipped[0].startswith(f"c.jsonl:1: no mention {foreign['args']['left']['text']!r} at ")
        and "Central Committee" in report.skipped[0]
        and "document 000000000000" in report.skipped[0]
    )
    assert report.skipped[1].startswith("c.jsonl:2: not a correction")
    assert report.skipped[2].startswith("c.jsonl:3: the mention at") and "not 'Soviet Consulate'" in report.skipped[2]
    other.close()


def test_overrides_list_shows_history_newest_first(store: Any) -> None:
    _correct(store)
    result = runner.invoke(app, ["overrides", "list", "--db", store.url])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert "bob: renamed entity" in lines[0] and "'Archives' is not an entity" in lines[1] and "ann: merged entities" in lines[2]
