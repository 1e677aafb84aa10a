"""Helpers for the review tests: a review-mode client over a fresh store, and its CSRF token."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from declass.settings import Settings
from declass.web.app import create_app


def review_client(store: Any, **settings: Any) -> TestClient:
    """A client of ``declass serve --review`` over ``store``."""
    return TestClient(create_app(Settings(**settings), store, review=True), follow_redirects=False)


def csrf(client: TestClient, **kw: Any) -> str:
    """Open a session (the client keeps its cookie) and return the session's CSRF token."""
    r = client.get("/api/review/session", **kw)
    assert r.status_code == 200, r.text
    return str(r.json()["csrf"])


def post(client: TestClient, action: str, token: str, **body: Any) -> Any:
    """A write as the page's script sends it."""
    return client.post(f"/api/review/{action}", json={"reviewer": "ann", **body}, headers={"X-CSRF-Token": token})
