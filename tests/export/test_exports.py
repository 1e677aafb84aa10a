"""Every export format round-trips: written from a real store, read back by its own library."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from declass.export import export
from declass.export.ftm import read_ftm


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_export_round_trips(export_store, tmp_path: Path, fmt: str, reader) -> None:
    path = tmp_path / f"g.{fmt}"
    with open(path, "wb") as fh:
        n = export(export_store, fmt, fh)
    g = reader(path)
    assert g.number_of_nodes() == n >= 5
    labels = {d.get("label") for _, d in g.nodes(data=True)}
    assert "Aleksei Alekseyevich Kandaurov" in labels and "NTS" in labels
    kand = next(n for n, d in g.nodes(data=True) if d.get("label") == "Aleksei Alekseyevich Kandaurov")
    nts = next(n for n, d in g.nodes(data=True) if d.get("label") == "NTS")
    edge = g.get_edge_data(kand, nts)
    assert edge is not None and "member_of" in edge["predicates"] and int(edge["claims"]) == 1


def test_ftm_export_reads_back_as_followthemoney_entities(export_store) -> None:
    buf = io.StringIO()
    n = export(export_store, "ftm", buf)
    buf.seek(0)
    proxies = read_ftm(buf)
    assert len(proxies) == n
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
    assert {"Person", "Organization", "Address", "Document", "Documentation", "Membership", "UnknownLink"} <= set(by_schema)
    kand = next(p for p in by_schema["Person"] if "Aleksei Alekseyevich Kandaurov" in p.get("name"))
    assert {"Kandourov", "Aleksei Privalov"} <= set(kand.get("alias"))  # OCR spelling and pseudonym
    member = next(m for m in by_schema["Membership"] if m.first("member") == kand.id)
    assert member.first("role") == "member_of" and member.first("status") == "stated"
    assert member.first("summary").startswith("In September 1950 the governing committee was composed")
    belik = next(p for p in by_schema["Person"] if "Zoran Afanasyevich Belik" in p.get("name"))
    links = by_schema["UnknownLink"]
    removal = [x.first("status") for x in links if x.first("subject") == belik.id and x.first("role") == "removed_from"]
    assert sorted(removal) == ["believed", "stated"]  # "It is believed that the removal of Belik…"
    ids = {p.id for p in proxies}
    assert all(d.first("document") in ids and d.first("entity") in ids for d in by_schema["Documentation"])
    assert len(ids) == len(proxies)  # deterministic, unique ids


@pytest.mark.parametrize(
    "table, column, expected",
    [
        ("entities", "name", "Aleksei Alekseyevich Kandaurov"),
        ("mentions", "text", "Kandourov"),
        ("claims", "predicate", "member_of"),
        ("documents", "title", "<script>alert('xss')</script> test"),
    ],
)
def test_csv_export_round_trips(export_store, table: str, column: str, expected: str) -> None:
    buf = io.StringIO()
    n = export(export_store, "csv", buf, table=table)
    buf.seek(0)
    rows = list(csv.DictReader(buf))
    assert len(rows) == n > 0
    assert expected in {r[column] for r in rows}


def test_jsonl_export_has_every_kind(export_store) -> None:
    buf = io.StringIO()
    n = export(export_store, "jsonl", buf)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(records) == n
    kinds = {r["kind"] for r in records}
    assert kinds == {"document", "entity", "mention", "claim"}
    memo = next(r for r in records if r["kind"] == "document" and r["source_path"].endswith("hostile-memo.txt"))
    assert "<script>" in memo["clean_text"]  # exports keep the text as it is; only HTML escapes


def test_export_command_writes_file(export_store, tmp_path: Path) -> None:
    from declass.cli import app

    out = tmp_path / "e.graphml"
    result = CliRunner().invoke(app, ["export", "graphml", "-o", str(out), "--db", export_store.url])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() >= 5
    bad = CliRunner().invoke(app, ["export", "pdf", "--db", export_store.url])
    assert bad.exit_code != 0
