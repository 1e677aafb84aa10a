"""Fuzz: exports round-trip any text — written, parsed back by their reader, same content."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from declass.export import export
from declass.export.graphfile import xml_safe
from declass.export.tables import FORMULA_STARTS, protect_cell, read_csv, unprotect_cell
from declass.model import Entity, make_id
from declass.store import Store, open_store
from tests.fuzz.strategies import any_text, names

cells = st.one_of(any_text, names, st.sampled_from(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "'"]))


@given(cells)
def test_csv_cells_round_trip_and_never_start_a_formula(value: str) -> None:
    value = value.replace("\x00", "")  # the csv module refuses NUL; the store never holds it either
    protected = protect_cell(value)
    assert not protected.startswith(FORMULA_STARTS)
    buf = io.StringIO()
    csv.writer(buf).writerow([protected])
    buf.seek(0)
    (back,) = next(csv.reader(buf))
    assert unprotect_cell(back) == value


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path: Path = tmp_path_factory.mktemp("fuzz-export") / "x.db"
    return open_store(f"sqlite:///{path}")


@settings(max_examples=20)  # each example writes a store and three files
@given(st.lists(names.filter(lambda s: s.strip() != ""), min_size=1, max_size=4, unique=True))
def test_entity_names_round_trip_through_csv_graphml_and_gexf(store: Store, entity_names: list[str]) -> None:
    entity_names = [n.replace("\r", "") for n in entity_names]
    ents = [Entity(make_id("entity", i, n), "PERSON", n, {n: 1}, [], [], []) for i, n in enumerate(entity_names)]
    store.replace_entities(ents)  # full replace: each example starts from its own entities
    buf = io.StringIO()
    export(store, "csv", buf, table="entities")
    buf.seek(0)
    assert sorted(r["name"] for r in read_csv(buf)) == sorted(entity_names)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = io.BytesIO()
        export(store, fmt, out)
        out.seek(0)
        g = reader(out)
        assert sorted(d["label"] for _, d in g.nodes(data=True)) == sorted(xml_safe(n) for n in entity_names)
