"""The same search behaviour on SQLite FTS5 and PostgreSQL full-text."""

from __future__ import annotations

from pathlib import Path

import pytest
from webstore import MEMO, NTS, build_store, entity_id

from declass.errors import QueryError
from declass.store.search_query import make_snippet, parse_query


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path):
    url = None if request.param == "sqlite" else request.getfixturevalue("pg_url")
    store = build_store(tmp_path, url)
    yield store
    store.close()


def test_search_behaves_the_same_on_both_backends(any_store) -> None:
    res = any_store.search("Kandourov")
    assert {r.file for r in res.results} == {NTS, MEMO}
    assert res.expansions == {"kandourov": ["kandaurov"]}
    assert any_store.search('"National Labor Union"').total == 1
    assert any_store.search("Kandaur*", fuzzy=False).total == 2
    assert any_store.search("Tretyakov", doc_type="memorandum").total == 1
    assert any_store.search("").total == 4
    kandaurov = entity_id(any_store, "Aleksei Alekseyevich Kandaurov")
    tretyakov = entity_id(any_store, "Vladimir Aleksandrovich Tretyakov")
    assert kandaurov in {f.value for f in any_store.search("Tretyakov").facets["entity"]}
    assert [r.file for r in any_store.search("Tretyakov", entity=tretyakov).results] == [NTS]


def test_reindexing_a_document_does_not_duplicate_hits(any_store) -> None:
    doc = any_store.get_document(MEMO)
    any_store.add_document(doc)
    any_store.add_document(doc)
    res = any_store.search("onerror", fuzzy=False)
    assert res.total == 1 and res.results[0].hits == 1


def test_limits_raise_query_error(any_store) -> None:
    for kwargs in ({"limit": 0}, {"limit": 101}, {"offset": -1}):
        with pytest.raises(QueryError):
            any_store.search("x", **kwargs)
    with pytest.raises(QueryError):
        any_store.search("x" * 501)


@pytest.mark.parametrize(
    "query, expected",
    [
        ('"a b" cd*', [(["a", "b"], True, False), (["cd"], False, True)]),
        ('"unbalanced quote', [(["unbalanced"], False, False), (["quote"], False, False)]),
        ("NEAR(x,y)", [(["near"], False, False), (["x"], False, False), (["y"], False, False)]),
        ("!!! ***", []),
    ],
)
def test_parse_query_never_passes_syntax_through(query: str, expected: list) -> None:
    assert [(t["words"], t["phrase"], t["prefix"]) for t in parse_query(query)] == expected


def test_snippet_marks_matches() -> None:
    text, marks = make_snippet("The NTS in Venezuela is weak. " * 3, [("venezuela", False)])
    assert [text[s:e] for s, e in marks] == ["Venezuela"] * 3


def test_common_words_rank_a_capped_candidate_set(any_store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond MAX_CANDIDATES matching paragraphs only the first are scored; the total says it is a lower bound."""
    import declass.store.sql_search as sql_search

    full = any_store.search("NTS", fuzzy=False)
    assert full.total_exact is True and full.total >= 1
    monkeypatch.setattr(sql_search, "MAX_CANDIDATES", 3)
    capped = any_store.search("NTS", fuzzy=False)
    assert capped.total_exact is False and capped.results
    filtered = any_store.search("NTS", fuzzy=False, collection="crest")  # filters always see every match
    assert filtered.total_exact is True and [r.file for r in filtered.results] == [NTS]
