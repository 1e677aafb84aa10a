"""Estimated totals (issue 14 item 2): when a search's walk stops at its bound, the total is
estimated from how much of the index the walk covered (SQLite: its rowid range) or from the
planner's statistics (PostgreSQL), labelled "about N"; without an estimate it stays a lower bound
("N+"). Checked against the exact count of the same store, on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import declass.store.sql_search as sql_search
from benchmarks.search_build import bulk_load
from declass.store import open_store
from declass.store.search_query import SearchDialect
from declass.web.views.search import count_label
from tests.conftest import fresh_pg_database

DOCS = 300


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def synthetic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The search benchmark's synthetic archive (report-like paragraphs, Zipf-weighted names), small."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('estimate') / 's.db'}"
    else:
        url = request.getfixturevalue("pg_url_module")
    store = open_store(url)
    bulk_load(store, DOCS, seed=3)
    store = open_store(url)  # the SQLite loader closed the store's connections
    if store.dialect_name == "sqlite":
        store.rebuild_search_index()
    yield store
    store.close()


@pytest.fixture(scope="module")
def pg_url_module() -> Iterator[str]:
    """A fresh PostgreSQL database for this module's store (``pg_url`` is made per test)."""
    with fresh_pg_database() as url:
        yield url


def _exact(store, word: str, limit: int = 5, **filters: str):
    """The search with every bound raised above the archive's size: its count is exact."""
    with pytest.MonkeyPatch.context() as m:
        for name in ("MAX_CANDIDATES", "MAX_FILTERED_CANDIDATES", "MAX_HITS"):
            m.setattr(sql_search, name, 10 * DOCS * 5)
        m.setattr(type(store._sql), "max_candidates", 10 * DOCS * 5)
        return store.search(word, fuzzy=False, limit=limit, **filters)


def test_a_cut_off_total_is_estimated_close_to_the_exact_count(synthetic, monkeypatch: pytest.MonkeyPatch) -> None:
    word = "report"
    exact = _exact(synthetic, word)
    assert exact.total_exact and exact.total_kind == "exact" and exact.total_estimate is None and exact.total > DOCS // 2
    monkeypatch.setattr(sql_search, "MAX_CANDIDATES", 100)
    cut = synthetic.search(word, fuzzy=False, limit=20)
    assert not cut.total_exact and cut.total_kind == "estimated"
    assert cut.total < exact.total and cut.total_estimate is not None
    assert 0.6 * exact.total <= cut.total_estimate <= min(1.5 * exact.total, DOCS)
    assert count_label(cut.total, cut.total_exact, cut.total_estimate).startswith("about ")
    assert [r.id for r in cut.results] and cut.to_dict()["total_kind"] == "estimated"


def test_a_filtered_total_is_estimated_from_the_documents_that_pass(synthetic, monkeypatch: pytest.MonkeyPatch) -> None:
    word = "report"
    exact = _exact(synthetic, word, classification="SECRET")
    assert exact.total_exact and exact.total > DOCS // 20
    monkeypatch.setattr(sql_search, "MAX_FILTERED_CANDIDATES", 150)
    cut = synthetic.search(word, classification="SECRET", fuzzy=False, limit=5)
    assert cut.total_kind == "estimated" and cut.total < exact.total
    assert 0.5 * exact.total <= cut.total_estimate <= 2 * exact.total


def test_without_an_estimate_the_total_is_a_lower_bound(synthetic, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql_search, "MAX_CANDIDATES", 100)
    monkeypatch.setattr(type(synthetic._sql), "estimate_scale", SearchDialect.estimate_scale)
    cut = synthetic.search("report", fuzzy=False, limit=20)
    assert cut.total_kind == "lower bound" and cut.total_estimate is None
    assert count_label(cut.total, cut.total_exact, cut.total_estimate) == f"{cut.total:,}+"


def test_estimates_are_shown_with_two_significant_figures() -> None:
    assert count_label(354, False, 12_345) == "about 12,000"
    assert count_label(354, False, 987_654) == "about 990,000"
    assert count_label(20, False, 87) == "about 87"
    assert count_label(12_000, True, None) == "12,000"


def test_a_small_sample_gives_no_estimate(synthetic, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer than ESTIMATE_SAMPLE matches walked are too few to scale up: a lower bound."""
    monkeypatch.setattr(sql_search, "MAX_CANDIDATES", sql_search.ESTIMATE_SAMPLE - 1)
    cut = synthetic.search("report", fuzzy=False, limit=20)
    assert not cut.total_exact and cut.total_kind == "lower bound" and cut.total_estimate is None


NOT_QUERIES = ["report NOT meeting", "(report OR source) NOT military", "report NOT (meeting OR radio) classification:SECRET"]


def _ranked(res) -> list[tuple[str, float]]:
    return [(r.id, round(r.score, 6)) for r in res.results]


def test_not_drops_the_excluded_from_the_wanted_matches_as_the_backends_own_not(synthetic, monkeypatch) -> None:
    """``a NOT b`` walks a's matches and drops the paragraphs that also hold b (SQLite: ``a AND b``
    over the walked range, not FTS5's NOT, which advanced b's list of millions of rows for every
    row of a): the same documents, order, scores and exact totals as the backend's own NOT."""
    from sqlalchemy import event

    statements: list[str] = []
    event.listen(synthetic.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    for query in NOT_QUERIES:
        statements.clear()
        walked = _exact(synthetic, query)
        assert any("x AS MATERIALIZED" in st for st in statements) == (synthetic.dialect_name == "sqlite")
        with monkeypatch.context() as m:
            m.setattr(type(synthetic._sql), "excluding_walk", False)
            own = _exact(synthetic, query)
        assert walked.total_kind == own.total_kind == "exact", query
        assert walked.total == own.total and 0 < own.total < _exact(synthetic, query.split(" NOT ")[0]).total, query
        assert _ranked(walked) == _ranked(own), query


def test_a_cut_not_walk_keeps_its_total_honest(synthetic, monkeypatch) -> None:
    """Cut after a few of a's matches, ``a NOT b`` shows only true matches and says its total is
    estimated or a lower bound (an exact total only when every match was walked)."""
    for query in NOT_QUERIES:
        exact = _exact(synthetic, query, limit=100)
        monkeypatch.setattr(sql_search, "MAX_FILTERED_CANDIDATES", 120)
        cut = synthetic.search(query, fuzzy=False, limit=5)
        assert cut.results and {r.id for r in cut.results} <= {r.id for r in exact.results}, query
        if cut.total_exact:
            assert cut.total == exact.total, query
        else:
            assert cut.total_kind in ("estimated", "lower bound") and cut.total <= exact.total, query
            assert cut.total_estimate is None or 0.4 * exact.total <= cut.total_estimate <= 2.5 * exact.total, query
