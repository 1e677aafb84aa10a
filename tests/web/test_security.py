"""Security model: escaping, no path traversal, read-only, token when exposed, size limits."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from declass.cli.serve_cmd import is_loopback
from declass.settings import Settings
from declass.web.app import create_app


def test_document_text_is_escaped(client: TestClient) -> None:
    html = client.get("/documents/hostile-memo.txt").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_search_snippets_and_titles_are_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": "onerror"}).text
    assert "<img src=x" not in html and "&lt;img src=x" in html
    html = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html


def test_security_headers(client: TestClient) -> None:
    r = client.get("/search")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/..%2f..%2fapp.py",
        "/static/%2e%2e/%2e%2e/settings.py",
        "/static//etc/passwd",
        "/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/documents/..%2F..%2F..%2Fetc%2Fpasswd/pages/1.png",
        "/documents/%2Fetc%2Fpasswd/pages/1.png",
        "/api/documents/..%2F..%2Fdeclass.db",
    ],
)
def test_no_path_traversal(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (404, 422), (path, r.status_code)
    assert b"root:" not in r.content and b"def create_app" not in r.content and b"SQLite format" not in r.content


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_read_only(client: TestClient, method: str) -> None:
    r = client.request(method, "/api/search")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"


def test_request_bodies_and_huge_urls_refused(client: TestClient) -> None:
    assert client.request("GET", "/api/search", content=b"x" * 10).status_code == 413
    assert client.get("/api/search", params={"entity": "e" * 5000}).status_code == 414


@pytest.fixture()
def guarded(web_store) -> TestClient:
    return TestClient(create_app(Settings(token="s3cret-token"), web_store), follow_redirects=False)


def test_token_required_when_configured(guarded: TestClient) -> None:
    assert guarded.get("/api/search").status_code == 401
    assert guarded.get("/api/search", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/static/style.css").status_code == 401
    assert guarded.get("/api/search", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200


def test_token_query_sets_cookie_and_redirects(guarded: TestClient) -> None:
    r = guarded.get("/search", params={"q": "NTS", "token": "s3cret-token"})
    assert r.status_code == 303 and r.headers["location"] == "/search?q=NTS"
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    assert guarded.get("/search", params={"q": "NTS"}).status_code == 200  # cookie kept by the client
    assert guarded.get("/search", params={"token": "nope"}).status_code == 401


@pytest.mark.parametrize(
    "host, loopback",
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)],
)
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_public_host_without_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from declass.cli import app

    monkeypatch.delenv("DECLASS_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", "sqlite:///:memory:"])
    assert result.exit_code != 0 and "--token" in result.output


# -- issue 11, item 7 -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["//evil.example/search", "/\\evil.example/search", "///evil.example/x", "//evil.example"])
def test_token_redirect_stays_on_this_server(guarded: TestClient, path: str) -> None:
    r = guarded.get("http://testserver" + path, params={"token": "s3cret-token"})  # the raw path, not a host
    assert r.status_code == 303
    location = r.headers["location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil.example" in location  # kept as a path on this server, not a host


@pytest.mark.parametrize("token", [" ", "x", "short-token", "aaaaaaaaaaaaaaaaaaaa", " padded-but-long-enough-token "])
def test_weak_tokens_are_refused_for_a_public_bind(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    from typer.testing import CliRunner

    from declass.cli import app

    monkeypatch.delenv("DECLASS_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--token", token, "--db", "sqlite:///:memory:"])
    assert result.exit_code == 2 and "reachable from other machines" in result.output


def test_strong_token_passes_the_check() -> None:
    from declass.cli.serve_cmd import token_problem

    assert token_problem("Zq3-_vT9pL0aXw7bR2mK") is None
    assert token_problem(None) is not None and token_problem("") is not None


def test_openapi_describes_the_404s_the_app_returns(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    with_params = {path: ops for path, ops in spec["paths"].items() if "{" in path}
    assert {"/api/documents/{ref}", "/api/entities/{entity_id}"} <= set(with_params)
    for path, ops in with_params.items():
        assert "404" in ops["get"]["responses"], path
    # and the app does answer 404 there, with the described body
    for url in ("/api/documents/0000000000ffffff", "/api/entities/nonexistent-entity"):
        r = client.get(url)
        assert r.status_code == 404 and set(r.json()) == {"error", "status"}
    schema = spec["components"]["schemas"]["ErrorBody"]
    assert set(schema["properties"]) == {"error", "status"}
