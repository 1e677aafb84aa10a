"""The JSON API and HTML pages, in-process through httpx (FastAPI TestClient)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

NTS = "CIA-RDP82-00457R006100750010-5.txt"


def test_search_finds_ocr_variant_through_expansion(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "Kandourov"}).json()
    assert "kandaurov" in data["expansions"]["kandourov"]
    files = [r["file"] for r in data["results"]]
    assert NTS in files and "hostile-memo.txt" in files  # the memo only spells it "Kandaurov"
    hit = next(r for r in data["results"] if r["file"] == NTS)
    marked = [hit["snippet"][s:e] for s, e in hit["highlights"]]
    assert {"Kandourov", "Kandaurov"} & set(marked)


def test_search_without_fuzzy_matches_exact_words_only(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "Kandourov", "fuzzy": "false"}).json()
    assert data["expansions"] == {} and [r["file"] for r in data["results"]] == [NTS]


@pytest.mark.parametrize(
    "q, expected",
    [
        ('"National Labor Union"', NTS),
        ("Kandaur*", NTS),
        ("Caracas Tretyakov", "hostile-memo.txt"),
    ],
)
def test_search_phrase_prefix_and_all_words(client: TestClient, q: str, expected: str) -> None:
    files = [r["file"] for r in client.get("/api/search", params={"q": q}).json()["results"]]
    assert expected in files


def test_search_facets_and_filters(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "Tretyakov"}).json()
    facets = data["facets"]
    assert {"value": "SECRET", "count": 1} in facets["classification"]
    assert any(f["value"] == "ent-tretyakov" for f in facets["entity"])
    filtered = client.get("/api/search", params={"q": "Tretyakov", "doc_type": "memorandum"}).json()
    assert [r["file"] for r in filtered["results"]] == ["hostile-memo.txt"]
    by_entity = client.get("/api/search", params={"entity": "ent-batyan"}).json()
    assert [r["file"] for r in by_entity["results"]] == [NTS]
    dated = client.get("/api/search", params={"date_from": "1951", "date_to": "1951-12"}).json()
    assert [r["file"] for r in dated["results"]] == ["hostile-memo.txt"]
    jfk = client.get("/api/search", params={"collection": "jfk"}).json()
    assert jfk["total"] >= 1 and all(r["collection"] == "jfk" for r in jfk["results"])


def test_search_pagination(client: TestClient) -> None:
    first = client.get("/api/search", params={"limit": 2}).json()
    second = client.get("/api/search", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] >= 4
    assert first["next_offset"] == 2 and first["prev_offset"] is None and second["prev_offset"] == 0
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


@pytest.mark.parametrize(
    "params, status",
    [
        ({"limit": 100000}, 422),
        ({"limit": 0}, 422),
        ({"offset": -1}, 422),
        ({"offset": 10**9}, 422),
        ({"q": "x" * 501}, 422),
        ({"date_from": "last tuesday"}, 422),
        ({"limit": "many"}, 422),
    ],
)
def test_out_of_bounds_requests_get_clear_4xx(client: TestClient, params: dict, status: int) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == status
    assert r.json()["error"].startswith("invalid request:")


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "AND OR NOT",
        "NEAR(a b)",
        "((((",
        "*",
        "-",
        "col:value",
        "'; DROP TABLE documents; --",
        "\u0000",
        "ё Кандауров",
        "a" * 500,
    ],
)
def test_malformed_queries_never_error(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text
    assert isinstance(r.json()["results"], list)


def test_document_json_twin(client: TestClient) -> None:
    data = client.get(f"/api/documents/{NTS}").json()
    assert data["file"] == NTS and data["metadata"]["classification"] == "SECRET"
    links = [s for p in data["paragraphs"] for s in p["segments"] if s["kind"] == "mention" and s["entity_id"] == "ent-kandaurov"]
    assert {s["text"] for s in links} == {"Kandaurov", "Kandourov"}
    assert data["page_images"] == {"available": False, "reason": "the source is not a PDF"}


def test_document_page_links_entities_and_numbers_paragraphs(client: TestClient) -> None:
    html = client.get(f"/documents/{NTS}").text
    assert 'href="/entities/ent-kandaurov"' in html
    assert 'id="p-0"' in html and 'id="p-5"' in html


def test_redactions_show_code_and_meaning(client: TestClient, web_store) -> None:
    from declass.model import Redaction

    doc = web_store.get_document("hostile-memo.txt")
    at = doc.text.index("[ ]")
    doc.redactions = [
        Redaction(
            kind="box", page=1, start=at, end=at + 3, code="25X1", meaning="human sources and intelligence sources or methods"
        )
    ]
    web_store.add_document(doc)
    html = client.get("/documents/hostile-memo.txt").text
    assert 'class="redaction"' in html and "25X1" in html and "human sources and intelligence sources or methods" in html


def test_pdf_page_rendered_when_source_matches(client: TestClient) -> None:
    data = client.get("/api/documents/104-10006-10247.pdf").json()
    assert data["page_images"]["available"] is True
    r = client.get(data["pages"][0]["image"])
    assert r.status_code == 200 and r.headers["content-type"] == "image/png" and r.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/documents/{data['id']}/pages/9999.png").status_code == 404


def test_pdf_page_refused_when_source_changed(client: TestClient, web_store, tmp_path) -> None:
    from webstore import JFK_PDF

    from declass.pipeline import process

    copy = tmp_path / "moved.pdf"
    copy.write_bytes(JFK_PDF.read_bytes())
    doc = process(str(copy), copy.read_bytes())
    doc.id = "f" * 64  # pretend the file on disk no longer matches what was ingested
    web_store.add_document(doc)
    data = client.get(f"/api/documents/{'f' * 64}").json()
    assert data["page_images"]["available"] is False and "sha256" in data["page_images"]["reason"]
    assert client.get(f"/documents/{'f' * 64}/pages/1.png").status_code == 404
    html = client.get(f"/documents/{'f' * 64}").text
    assert "Original pages cannot be shown" in html


def test_entity_dossier_cites_paragraphs(client: TestClient) -> None:
    data = client.get("/api/entities/ent-kandaurov", params={"limit": 3}).json()
    assert data["name"] == "Aleksei Alekseyevich Kandaurov" and data["type"] == "PERSON"
    assert {v["text"] for v in data["variants"]} == {"Kandaurov", "Kandourov"}
    assert len(data["mentions"]) == 3 and data["next_offset"] == 3
    m = data["mentions"][0]
    assert m["url"].startswith("/documents/") and "#p-" in m["url"]
    s, e = m["quote"]["mark"]
    assert m["quote"]["text"][s:e] == m["text"]
    assert {c["predicate"] for c in data["claims"]} == {"member_of", "associate_of"}
    html = client.get("/entities/ent-kandaurov").text
    assert "Kandourov" in html and "#p-" in html


def test_entities_list_graph_and_timeline(client: TestClient) -> None:
    ents = client.get("/api/entities", params={"type": "PERSON"}).json()["entities"]
    assert "Aleksei Alekseyevich Kandaurov" in [e["name"] for e in ents] and {e["type"] for e in ents} == {"PERSON"}
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert {"ent-kandaurov", "ent-nts", "ent-tretyakov"} <= ids and "ent-caracas" not in ids
    claim_edges = [e for e in graph["edges"] if e["claims"]]
    assert {e["hedges"] for e in claim_edges} == {"stated", "suspected"}
    assert all(-1.01 <= n["x"] <= 1.01 for n in graph["nodes"])
    tl = client.get("/api/timeline", params={"entity": "ent-kandaurov"}).json()
    assert [e["date"] for e in tl["events"]][:2] == ["1950-05", "1950-09"]
    assert tl["events"][0]["hedge"] == "suspected"
    for page in ("/graph", "/timeline", "/entities", "/search?q=NTS"):
        assert client.get(page).status_code == 200


def test_unknown_things_are_404(client: TestClient) -> None:
    assert client.get("/api/documents/nope-nope").status_code == 404
    assert client.get("/api/entities/nope").status_code == 404
    r = client.get("/documents/nope-nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "no document matches" in r.text


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/search", "/api/documents/{ref}", "/api/entities/{entity_id}", "/api/graph", "/api/timeline"} <= set(paths)
