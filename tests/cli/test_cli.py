"""The command line end to end, as a user runs it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from declass.cli import app
from tests.conftest import CREST, EXAMPLES

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    """Exit code and what a user sees; for --format json, stdout alone (what a script reads)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout if "json" in args else result.output


def test_ingest_reingest_and_show(sqlite_url: str) -> None:
    code, out = _run("ingest", str(EXAMPLES), "--db", sqlite_url, "--workers", "2", "--no-extract")
    assert code == 1  # two broken JFK files are in the examples on purpose
    assert "13 ingested, 2 failed" in out
    assert "104-10215-10129.pdf: empty file (0 bytes)" in out
    code, out = _run("ingest", str(EXAMPLES), "--db", sqlite_url, "--no-extract", "--format", "json")
    data = json.loads(out)
    statuses = [o["status"] for o in data["outcomes"]]
    assert statuses.count("unchanged") == 13 and statuses.count("ingested") == 0
    assert data["summary"]["documents"] == 13
    code, out = _run("show", "CIA-RDP82-00457R006100750010-5.txt", "--db", sqlite_url)
    assert code == 0
    assert "Belik" in out
    code, out = _run("show", "CIA-RDP82-00457R006100750010-5.txt", "--db", sqlite_url, "--format", "json")
    doc = json.loads(out)
    assert set(doc) >= {"id", "metadata", "pages", "redactions", "redaction_counts", "paragraphs", "sightings"}
    assert any("Zoran Afanasyevich Belik" in p["text"] for p in doc["paragraphs"])


def test_docs_lists_and_filters(sqlite_url: str) -> None:
    _run("ingest", str(CREST), "--db", sqlite_url, "--no-extract")
    code, out = _run("docs", "--db", sqlite_url, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2
    assert {"id", "number", "title", "classification", "doc_type", "doc_date", "page_count", "redaction_count"} <= set(rows[0])
    code, out = _run("docs", "--db", sqlite_url, "--collection", "nowhere", "--format", "json")
    assert json.loads(out) == []


def test_unknown_document_is_one_line_and_exit_3(sqlite_url: str) -> None:
    _run("ingest", str(CREST), "--db", sqlite_url, "--no-extract")
    code, out = _run("show", "no-such-doc", "--db", sqlite_url)
    assert code == 3
    assert "no document matches 'no-such-doc'" in out


def test_bad_store_url_is_a_clear_error(tmp_path) -> None:
    code, out = _run("docs", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db")
    assert code == 2
    assert "cannot open or migrate store" in out


def _commands() -> list[list[str]]:
    import typer.main

    group = typer.main.get_command(app)
    out = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        out.extend([[name, sub] for sub in subs] if subs else [[name]])
    return out


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_help_has_an_example(command: list[str]) -> None:
    code, out = _run(*command, "--help")
    assert code == 0
    assert "Example" in out
