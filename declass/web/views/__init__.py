"""One views module per page group. Each route builds a plain dict once and serves it twice: as
HTML through a template at ``/<page>`` and as JSON at ``/api/<page>``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from declass.store.base import Store

MAX_LIMIT = 100
MAX_OFFSET = 10_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (1-{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Items to skip (0-{MAX_OFFSET})")]
ShortText = Annotated[str | None, Query(max_length=120)]
IsoDate = Annotated[
    str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")
]


def store_of(request: Request) -> Store:
    """The store the app was created with."""
    return request.app.state.store  # type: ignore[no-any-return]


def render(request: Request, template: str, data: dict[str, Any]) -> HTMLResponse:
    """Render a page template with the same data its JSON twin returns."""
    templates = request.app.state.templates
    context = {"data": data, "page_url": _page_url(request), "csrf": getattr(request.state, "csrf", None)}
    return templates.TemplateResponse(request, template, context)  # type: ignore[no-any-return]


def _page_url(request: Request) -> Any:
    """A function building this page's URL with some query parameters changed (for pagination, facets)."""
    from urllib.parse import urlencode

    def build(**changes: Any) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "token"}
        for k, v in changes.items():
            if v is None or v == "":
                params.pop(k, None)
            else:
                params[k] = str(v)
        if "offset" not in changes:
            params.pop("offset", None)
        return request.url.path + ("?" + urlencode(params) if params else "")

    return build
