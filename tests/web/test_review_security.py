"""Review mode's refusals: writes off without --review, CSRF token of the session on every write,
no cross-site writes, a reviewer's name, a bounded body, the server token when one is set."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from reviewing import csrf, post, review_client
from webstore import entity_id

TOKEN = "Zq3-_vT9pL0aXw7bR2mK"


@pytest.fixture
def store(fresh_store: Any) -> Any:
    return fresh_store


def _merge_body(store: Any) -> dict[str, str]:
    return {"entity": entity_id(store, "Central Committee"), "other": entity_id(store, "Central Committee of the CPSU")}


def test_writes_are_off_without_review(client: TestClient, web_store: Any) -> None:
    r = client.post("/api/review/merge", json={"reviewer": "ann", **_merge_body(web_store)})
    assert r.status_code == 405 and "--review" in r.json()["error"]
    assert web_store.list_overrides() == []


def test_write_without_csrf_token_is_refused(store: Any) -> None:
    with review_client(store) as c:
        csrf(c)
        r = c.post("/api/review/merge", json={"reviewer": "ann", **_merge_body(store)})
        assert r.status_code == 403 and "CSRF" in r.json()["error"]
        assert post(c, "merge", "0" * 64, **_merge_body(store)).status_code == 403
    assert store.list_overrides() == []


def test_csrf_token_of_another_session_is_refused(store: Any) -> None:
    with review_client(store) as mallory, review_client(store) as victim:
        stolen = csrf(mallory)
        csrf(victim)
        assert post(victim, "merge", stolen, **_merge_body(store)).status_code == 403
        fresh = review_client(store)  # no session cookie at all: the token alone is not enough
        assert post(fresh, "merge", stolen, **_merge_body(store)).status_code == 403
    assert store.list_overrides() == []


@pytest.mark.parametrize(
    "headers", [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}]
)
def test_cross_site_write_is_refused(store: Any, headers: dict[str, str]) -> None:
    with review_client(store) as c:
        token = csrf(c)
        r = c.post(
            "/api/review/merge", json={"reviewer": "ann", **_merge_body(store)}, headers={"X-CSRF-Token": token, **headers}
        )
        assert r.status_code == 403 and "cross-site" in r.json()["error"]
    assert store.list_overrides() == []


@pytest.mark.parametrize("reviewer", [None, "", "   ", "<script>", "a\nb", "x" * 81])
def test_write_needs_a_reviewer_name(store: Any, reviewer: str | None) -> None:
    with review_client(store) as c:
        token = csrf(c)
        body = {**_merge_body(store), **({"reviewer": reviewer} if reviewer is not None else {})}
        r = c.post("/api/review/merge", json=body, headers={"X-CSRF-Token": token})
        assert r.status_code == 422 and "reviewer" in r.json()["error"]
    assert store.list_overrides() == []


def test_oversized_or_chunked_body_is_refused(store: Any) -> None:
    with review_client(store) as c:
        token = csrf(c)
        r = c.post(
            "/api/review/rename", json={"reviewer": "ann", "entity": "x", "name": "y" * 20_000}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 413
        chunks = iter([b'{"reviewer": "ann"}'])
        r = c.post("/api/review/rename", content=chunks, headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
        assert r.status_code == 413
    assert store.list_overrides() == []


def test_only_review_paths_take_writes(store: Any) -> None:
    with review_client(store) as c:
        token = csrf(c)
        assert c.post("/api/search", json={}, headers={"X-CSRF-Token": token}).status_code == 405
        assert c.put("/api/review/merge", json={}, headers={"X-CSRF-Token": token}).status_code == 405
        assert c.delete("/api/review/undo", headers={"X-CSRF-Token": token}).status_code == 405


def test_token_is_required_for_writes_when_configured(store: Any) -> None:
    with review_client(store, token=TOKEN) as c:
        assert c.get("/api/review/session").status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        token = csrf(c, headers=auth)
        body = {"reviewer": "ann", **_merge_body(store)}
        assert c.post("/api/review/merge", json=body, headers={"X-CSRF-Token": token}).status_code == 401
        r = c.post("/api/review/merge", json=body, headers={"X-CSRF-Token": token, **auth})
        assert r.status_code == 200 and store.list_overrides()[0]["reviewer"] == "ann"


def test_serve_review_beyond_loopback_needs_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from declass.cli import app

    monkeypatch.delenv("DECLASS_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--review", "--host", "0.0.0.0", "--db", "sqlite:///:memory:"])
    assert result.exit_code == 2 and "--token" in result.output


def test_reviewer_text_is_escaped_in_the_history(store: Any) -> None:
    with review_client(store) as c:
        token = csrf(c)
        r = post(c, "merge", token, reason="<img src=x onerror=alert(1)>", **_merge_body(store))
        assert r.status_code == 200
        html = c.get("/review/history").text
        assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
