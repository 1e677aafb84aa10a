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


def test_snippet_marks_prefixes_and_inflections_but_not_longer_words() -> None:
    """A prefix marks every word it starts; a word of 4+ letters marks its inflections (the
    stemming backends match them) but not a longer word that merely starts with its stem."""
    body = "Reports reported by the reporters; a reportedly weak reportage. Tretyakov, Tretyakova, Kan, Kandaurov."
    words = [("report", False), ("tret", True), ("kan", False)]
    text, marks = make_snippet(body, words)
    marked = [text[s:e] for s, e in marks]
    assert marked == ["Reports", "reported", "reporters", "reportage", "Tretyakov", "Tretyakova", "Kan"]
    assert make_snippet(body, [("weak", False)])[1] == [[text.index("weak"), text.index("weak") + 4]]


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


def files(res) -> list[str]:
    return sorted(r.file for r in res.results)


def test_query_language_on_both_backends(any_store) -> None:
    both = sorted([NTS, MEMO])
    assert files(any_store.search("Kandaurov OR Belik")) == both
    assert files(any_store.search("Kandaurov NOT Tretyakov")) == [NTS]  # the memo names both
    assert files(any_store.search("Kandaurov -Tretyakov")) == [NTS]
    assert files(any_store.search("(Kandaurov OR Belik) NOT Tretyakov")) == [NTS]
    assert files(any_store.search('"National Labor Union" OR onerror', fuzzy=False)) == both
    assert files(any_store.search("Kandaur* classification:SECRET", fuzzy=False)) == [NTS]
    assert files(any_store.search("Kandaurov doctype:memorandum")) == [MEMO]
    assert files(any_store.search("Kandaurov date:1951")) == [MEMO]
    assert files(any_store.search("Kandaurov date:1950..1950-12")) == [NTS]
    assert files(any_store.search("Kandaurov collection:crest")) == [NTS]
    assert files(any_store.search('Kandaurov entity:"Vladimir Aleksandrovich Tretyakov"')) == [NTS]
    assert any_store.search("doctype:memorandum").total == 1  # filters alone browse
    assert any_store.search("has:redactions").total == 4
    assert any_store.search("redacted:no").total == 0
    # A keyword filter wins over the same field typed in the query.
    assert files(any_store.search("Kandaurov doctype:memorandum", doc_type="information_report")) == [NTS]


def test_malformed_query_raises_a_clear_query_error(any_store) -> None:
    for query, message in (("Kandaurov AND", "AND needs words"), ("(NTS", "never closed"), ("entity:Nobodyov", "no entity")):
        with pytest.raises(QueryError, match=message):
            any_store.search(query)


def test_did_you_mean_offers_the_variant_with_more_hits(any_store) -> None:
    """ "Kandourov" (an OCR form printed once) is searched with "Kandaurov" and offers it; the
    better-attested spelling offers nothing."""
    res = any_store.search("Kandourov")
    assert res.suggestion == "Kandaurov"
    assert any_store.search("Kandaurov").suggestion is None
    assert any_store.search("Kandourov Tretyakov").suggestion == "Kandaurov Tretyakov"
    assert any_store.search("Kandourov", fuzzy=False).suggestion is None


def test_only_rare_words_are_expanded(any_store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Index statistics choose the expansion: a word (or variant) at RARE_PARAGRAPHS matches or
    more is common; a common variant of a rare word is suggested, not searched."""
    import declass.store.search_expand as search_expand

    assert any_store.search("Kandaurov").expansions == {"kandaurov": ["kandourov"]}
    with any_store.engine.connect() as conn:
        counts = any_store._expander.counts(conn, ["kandaurov", "kandourov"])
    assert counts["kandourov"] < counts["kandaurov"]
    monkeypatch.setattr(search_expand, "RARE_PARAGRAPHS", counts["kandaurov"] + 1)
    any_store._expander.invalidate()
    assert any_store.search("Kandourov").expansions == {"kandourov": ["kandaurov"]}
    monkeypatch.setattr(search_expand, "RARE_PARAGRAPHS", counts["kandourov"] + 1)
    any_store._expander.invalidate()
    common = any_store.search("Kandaurov")
    assert common.expansions == {} and files(common) == sorted([NTS, MEMO])
    rare = any_store.search("Kandourov")
    assert rare.expansions == {} and rare.suggestion == "Kandaurov" and files(rare) == [NTS]
    any_store._expander.invalidate()


def test_capped_count_is_labelled_on_both_backends(any_store, monkeypatch: pytest.MonkeyPatch) -> None:
    import declass.store.sql_search as sql_search
    from declass.web.views.search import count_label

    monkeypatch.setattr(sql_search, "MAX_FILTERED_CANDIDATES", 1)
    capped = any_store.search("Kandaurov", classification="SECRET", fuzzy=False)
    assert capped.total_exact is False and capped.total >= 1
    assert count_label(capped.total, capped.total_exact) == f"{capped.total}+"
    exact = any_store.search("Kandaurov", fuzzy=False)
    assert exact.total_exact is True and count_label(12000, True) == "12,000"


def test_search_page_shows_errors_suggestions_and_capped_counts(client, monkeypatch: pytest.MonkeyPatch) -> None:
    import declass.store.sql_search as sql_search

    bad = client.get("/search", params={"q": "(Kandaurov OR Tretyakov"})
    assert bad.status_code == 200 and "never closed" in bad.text and "plain words instead" in bad.text
    plain = client.get("/api/search", params={"q": "Kandaurov Tretyakov"}).json()
    assert client.get("/api/search", params={"q": "(Kandaurov OR Tretyakov"}).json()["total"] == plain["total"] >= 1
    api = client.get("/api/search", params={"q": "NTS AND"}).json()
    assert api["notice"].startswith("AND needs words on both sides") and api["query"] == "NTS AND"
    assert api["total"] == client.get("/api/search", params={"q": "NTS"}).json()["total"]
    assert client.get("/api/search", params={"q": "(((("}).json()["total"] == 0
    page = client.get("/search", params={"q": "Kandourov"})
    assert page.status_code == 200 and "Did you mean" in page.text and "q=Kandaurov" in page.text
    assert "How to search" in page.text and "classification:SECRET" in page.text
    monkeypatch.setattr(sql_search, "MAX_CANDIDATES", 3)
    capped = client.get("/search", params={"q": "NTS", "fuzzy": "false"})
    label = capped.text.split('class="total">', 1)[1].split("<", 1)[0]
    assert label.endswith("+") and "only the first matches are ranked" in capped.text


def test_common_terms_are_required_but_not_weighed(any_store, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's bm25 counts every match of every term first (its IDF), so a term matching
    SCORED_PARAGRAPHS or more paragraphs is left out of the score ("some", or "none" when no
    term is selective); PostgreSQL's ts_rank always weighs every term. The matches, totals and
    hit counts stay the same either way."""
    from declass.store import search_rank
    from declass.store.search_syntax import parse_search

    sqlite = any_store.dialect_name == "sqlite"
    queries = ["Kandaurov NTS", "NTS", '"National Labor Union"', "(Kandaurov OR Belik) NOT Tretyakov", "NTS collection:crest"]
    weighed = {q: any_store.search(q) for q in queries}
    with any_store.engine.connect() as conn:
        kandaurov = any_store._expander.count(conn, any_store._sql.any_of(["kandaurov"]), 1000)
        nts = any_store._expander.count(conn, any_store._sql.any_of(["nts"]), 1000)
    assert nts > kandaurov >= 1
    monkeypatch.setattr(search_rank, "SCORED_PARAGRAPHS", kandaurov + 1)

    def scoring(query: str) -> tuple[str, dict]:
        params: dict = {}
        with any_store.engine.connect() as conn:
            parts = search_rank.match_expression(any_store._expander, any_store._sql, conn, parse_search(query).tree, False)[3]
            return search_rank.scoring(any_store._expander, any_store._sql, conn, parts, params), params

    mode, params = scoring("Kandaurov NTS")
    assert mode == ("some" if sqlite else "all")
    assert not sqlite or ("kandaurov" in params["score_match"] and "nts" not in params["score_match"])
    assert scoring("NTS")[0] == ("none" if sqlite else "all")
    assert scoring("Kandaurov")[0] == "all"
    for query, before in weighed.items():
        after = any_store.search(query)
        assert files(after) == files(before) and after.total == before.total, query
        assert sorted(r.hits for r in after.results) == sorted(r.hits for r in before.results), query
    some = any_store.search("Kandaurov NTS", fuzzy=False)
    assert all(r.score > 0 for r in some.results)  # the selective term is still weighed


def test_a_cut_walk_keeps_every_candidates_score(any_store, monkeypatch: pytest.MonkeyPatch) -> None:
    """When only some terms are weighed (SQLite: a common term beside a selective one), bm25 is
    computed over the candidates' rowid range only; its IDF still counts the whole table, so a
    paragraph scores the same whether the walk was cut after it or not, on both backends,
    filtered or not, and the selective term is weighed up to the last candidate."""
    import declass.store.sql_search as sql_search
    from declass.store import search_rank

    with any_store.engine.connect() as conn:
        kandaurov = any_store._expander.count(conn, any_store._sql.any_of(["kandaurov"]), 1000)
    monkeypatch.setattr(search_rank, "SCORED_PARAGRAPHS", kandaurov + 1)  # NTS is "common"
    fetched: list[dict] = []
    real = search_rank.fetch_hits

    def spy(*args, **kwargs):
        rows, scored, walk = real(*args, **kwargs)  # (and how far the walk went, for the estimate)
        fetched.append({(r[0], r[1]): r[2] for r in rows})
        return rows, scored, walk

    monkeypatch.setattr(search_rank, "fetch_hits", spy)
    for query, filters in (("Kandaurov OR NTS", {}), ("Kandaurov OR NTS", {"collection": "crest"})):
        any_store.search(query, fuzzy=False, **filters)
        full = fetched[-1]
        assert len(full) >= 3 and any(score > 0 for score in full.values()), query
        for bound in range(1, len(full)):
            monkeypatch.setattr(sql_search, "MAX_CANDIDATES", bound)
            monkeypatch.setattr(sql_search, "MAX_FILTERED_CANDIDATES", bound)
            any_store.search(query, fuzzy=False, limit=1, **filters)
            cut = fetched[-1]
            assert cut and all(full[key] == score for key, score in cut.items()), (query, bound)
        monkeypatch.setattr(sql_search, "MAX_CANDIDATES", 1000)
        monkeypatch.setattr(sql_search, "MAX_FILTERED_CANDIDATES", 1000)


def test_consecutive_searches_on_one_connection_see_only_their_own_matches(any_store) -> None:
    """Searches on the pool's reused connections: nothing of one search's matches is left in the
    next (the ranking is one fetched statement, with no per-connection state)."""
    wide = any_store.search("Kandaurov OR NTS OR Tretyakov OR onerror", fuzzy=False)
    assert files(wide) == sorted([NTS, MEMO])
    for _ in range(3):  # the pool hands out the connections that already hold the tables
        one = any_store.search("onerror", fuzzy=False)
        assert files(one) == [MEMO] and one.total == 1
        assert any_store.search("Kandaurov NOT Tretyakov").total == 1
        assert any_store.search("Nobodyword", fuzzy=False).total == 0


def test_filtered_search_walks_a_bounded_prefix_but_never_shows_a_short_page(any_store, monkeypatch) -> None:
    """With filters, SQLite examines the first MAX_FILTERED_CANDIDATES matches whether they pass
    or not (a bounded walk, the total then a lower bound); when that leaves fewer documents than
    the page shows, every match is walked, so the right document is found whichever comes first
    in the index. PostgreSQL gives the same answers."""
    import declass.store.sql_search as sql_search

    for filters, expected in (({"collection": "crest"}, [NTS]), ({"doc_type": "memorandum"}, [MEMO])):
        exact = any_store.search("Kandaurov", fuzzy=False, **filters)
        assert files(exact) == expected and exact.total == 1 and exact.total_exact is True
    monkeypatch.setattr(sql_search, "MAX_FILTERED_CANDIDATES", 1)
    for filters, expected in (({"collection": "crest"}, [NTS]), ({"doc_type": "memorandum"}, [MEMO])):
        bounded = any_store.search("Kandaurov", fuzzy=False, limit=1, **filters)
        assert files(bounded) == expected and bounded.total_exact is False, filters


def test_sampled_facet_counts_are_labelled(any_store, monkeypatch: pytest.MonkeyPatch) -> None:
    """When more documents match than the entity facets count (FACET_SAMPLE), the result says
    so and the page shows it beside those facets; document facets over a capped set say so too."""
    import declass.store.sql_search as sql_search
    from declass.web.views.search import facet_notes

    full = any_store.search("Kandaurov")
    assert full.total == 2 and full.entity_facet_sample is None and facet_notes(full) == {}
    monkeypatch.setattr(sql_search, "FACET_SAMPLE", 1)
    sampled = any_store.search("Kandaurov")
    assert sampled.entity_facet_sample == 1 and sampled.total == 2
    assert facet_notes(sampled) == {"entity": "in the best 1 documents", "type": "in the best 1 documents"}
    monkeypatch.setattr(sql_search, "MAX_CANDIDATES", 1)
    capped = any_store.search("Kandaurov", fuzzy=False)
    assert capped.total_exact is False and facet_notes(capped)["classification"] == f"in the {capped.total:,} ranked documents"


def test_search_page_labels_sampled_facets(client, monkeypatch: pytest.MonkeyPatch) -> None:
    import declass.store.sql_search as sql_search

    assert "facet-note" not in client.get("/search", params={"q": "Kandaurov"}).text
    monkeypatch.setattr(sql_search, "FACET_SAMPLE", 1)
    page = client.get("/search", params={"q": "Kandaurov"})
    assert '<span class="facet-note">(in the best 1 documents)</span>' in page.text
    assert client.get("/api/search", params={"q": "Kandaurov"}).json()["facet_notes"]["entity"] == "in the best 1 documents"


def test_matching_entities_panel_on_both_backends(any_store) -> None:
    """The entities whose names contain the query word or its variants, most mentioned first,
    looked up through each backend's name_key access path; the type filter applies to them."""
    kandaurov = entity_id(any_store, "Aleksei Alekseyevich Kandaurov")
    found = any_store.search("Kandourov").entities
    assert kandaurov in [e.id for e in found]
    assert [e.mentions for e in found] == sorted((e.mentions for e in found), reverse=True)
    assert any_store.search("Kandourov", type="ORG").entities == []
    assert any_store.search("Zzyzxq").entities == []


def test_search_page_labels_an_estimated_count(client, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cut-off total with an estimate reads "about N" on the page and ``total_kind`` in the JSON
    (the sample bound lowered so that the four-document store can be cut off at all)."""
    import declass.store.sql_search as sql_search

    monkeypatch.setattr(sql_search, "MAX_CANDIDATES", 1)
    monkeypatch.setattr(sql_search, "ESTIMATE_SAMPLE", 1)
    api = client.get("/api/search", params={"q": "Soviet", "fuzzy": "false"}).json()
    assert api["total_kind"] == "estimated" and api["total_exact"] is False
    assert api["total"] < api["total_estimate"] <= api["documents_total"]
    assert api["total_label"] == f"about {api['total_estimate']}"
    page = client.get("/search", params={"q": "Soviet", "fuzzy": "false"})
    label = page.text.split('class="total">', 1)[1].split("<", 1)[0]
    assert label == api["total_label"] and "an estimate from the first" in page.text


def test_a_review_merge_shows_in_the_next_search_of_every_process(any_store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The browse page's entity facet and the entity forms behind expansion are cached until the
    store changes; a merge in the review (an entity write, which raises the entities'
    generation) shows in this process's next search at once, and in another process's (a second
    store on the same database) at its next version check, on both backends."""
    from declass.resolve.manage import merge_entities
    from declass.store import open_store, search_expand

    a, b = entity_id(any_store, "Aleksandr Generalov"), entity_id(any_store, "Aleksei V. Batyan")
    other = open_store(str(any_store.engine.url.render_as_string(hide_password=False)))
    for store in (any_store, other):
        facet = {f.value: f.count for f in store.search("").facets["entity"]}
        assert facet[a] == facet[b] == 1
        forms = store._expander._entity_forms("baty")
        assert any("Batyan" in row[0] for row in forms)
    merge_entities(any_store, a, b, reviewer="test", reason="one man")
    monkeypatch.setattr(search_expand, "VOCAB_TTL_S", 0.0)  # the other process's next check is now
    for store in (any_store, other):
        kept = {f.value for f in store.search("").facets["entity"]} & {a, b}
        assert len(kept) == 1 and store.get_entity(kept.pop()).mention_ids  # the merged one, not a stale one
        fresh = search_expand.Expander(store.engine, store._sql)
        assert store._expander._entity_forms("baty") == fresh._entity_forms("baty")
    other.close()
