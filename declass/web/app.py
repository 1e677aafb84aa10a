"""The web app: ``create_app(settings, store, review=False)`` builds it; ``declass serve`` runs it.

Every HTML page has a JSON twin under ``/api/...`` built from the same view function. Security
invariants (tested in ``tests/web/test_security.py`` and ``tests/web/test_review_security.py``):

* read-only unless ``review``: only GET and HEAD are served (405 otherwise), request bodies are
  refused (413). With ``review`` (``declass serve --review``) POST is served on ``/api/review/*``
  only, with a JSON body of at most ``MAX_REVIEW_BODY`` bytes, and only with the CSRF token of the
  browser session (header ``X-CSRF-Token``; an HMAC of the session cookie, shown in every page's
  forms) and from no other site (``Origin`` / ``Sec-Fetch-Site``); the reviewer's name is a
  required field of every write (see :mod:`declass.web.views.review`);
* with a token configured every request needs it: ``Authorization: Bearer TOKEN``, or ``?token=TOKEN``
  once, which sets an HttpOnly cookie and redirects to the same URL without the token;
* text from documents is only ever inserted by Jinja2 autoescaping, never marked safe; a strict
  Content-Security-Policy forbids inline script;
* files are served only from ``static/`` and as page images rendered from a document's own
  recorded source path after its sha256 matches — never from a path named in the request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from declass.errors import DeclassError
from declass.settings import Settings
from declass.store.base import Store

HERE = Path(__file__).parent
TOKEN_COOKIE = "declass_token"
MAX_URL_CHARS = 4096
MAX_BODY_BYTES = 0  # read-only: no request bodies
MAX_REVIEW_BODY = 16_384  # a correction is a few ids and a reason
SESSION_COOKIE = "declass_session"
CSRF_HEADER = "x-csrf-token"
REVIEW_PREFIX = "/api/review/"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def is_api(request: Request) -> bool:
    """Whether a request is for the JSON API (errors are then JSON too)."""
    return request.url.path.startswith("/api/")


class GuardMiddleware(BaseHTTPMiddleware):
    """Read-only (or review writes only), size limits, token check, CSRF, security headers."""

    def __init__(self, app: Any, token: str | None, review: bool = False, csrf_secret: bytes = b"") -> None:
        super().__init__(app)
        self.token = token
        self.review = review
        self.csrf_secret = csrf_secret or secrets.token_bytes(32)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        write = request.method == "POST" and self.review and request.url.path.startswith(REVIEW_PREFIX)
        if request.method not in ("GET", "HEAD") and not write:
            if not self.review:
                message = (
                    "this server is read-only: only GET and HEAD are allowed (start it with `declass serve --review` to correct)"
                )
            else:
                message = f"only GET and HEAD, and POST to {REVIEW_PREFIX}..., are allowed"
            return _error(request, 405, message, {"Allow": "GET, HEAD" + (", POST" if self.review else "")})
        if len(str(request.url)) > MAX_URL_CHARS:
            return _error(request, 414, f"request URL longer than {MAX_URL_CHARS} characters")
        length = request.headers.get("content-length")
        limit = MAX_REVIEW_BODY if write else MAX_BODY_BYTES
        if request.headers.get("transfer-encoding") or (length and length.strip() not in ("", "0") and not write):
            return _error(request, 413, "request bodies are not accepted (read-only server)")
        if write and (not length or not length.strip().isdigit() or int(length) > limit):
            return _error(request, 413, f"a correction is a JSON body of 1-{limit} bytes with a Content-Length")
        if self.token:
            denied = self._check_token(request)
            if denied is not None:
                return denied
        session = request.cookies.get(SESSION_COOKIE, "")
        fresh = not session or len(session) > 64
        if fresh:
            session = secrets.token_urlsafe(24)
        request.state.csrf = self.csrf_for(session) if self.review else None
        if write:
            refused = self._check_write(request, session, fresh)
            if refused is not None:
                return refused
        response = await call_next(request)
        if self.review and fresh:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", secure=request.url.scheme == "https")
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def csrf_for(self, session: str) -> str:
        """The CSRF token of a browser session: an HMAC of its cookie under this server's secret."""
        return hmac.new(self.csrf_secret, session.encode(), hashlib.sha256).hexdigest()

    def _check_write(self, request: Request, session: str, fresh: bool) -> Response | None:
        """Refuse a write from another site or without the session's CSRF token."""
        site = request.headers.get("sec-fetch-site")
        origin = request.headers.get("origin")
        if site not in (None, "same-origin", "none") or (origin and origin != f"{request.url.scheme}://{request.url.netloc}"):
            return _error(request, 403, "cross-site write refused")
        supplied = request.headers.get(CSRF_HEADER, "")
        if fresh or not supplied or not hmac.compare_digest(supplied.encode(), self.csrf_for(session).encode()):
            return _error(
                request, 403, "missing or wrong CSRF token: reload the page (API clients: GET /api/review/session first)"
            )
        return None

    def _check_token(self, request: Request) -> Response | None:
        assert self.token
        supplied = request.query_params.get("token")
        if supplied is not None:
            if not hmac.compare_digest(supplied.encode(), self.token.encode()):
                return _error(request, 401, "invalid token", {"WWW-Authenticate": "Bearer"})
            rest = [(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True) if k != "token"]
            target = same_site_path(request.url.path) + ("?" + urlencode(rest) if rest else "")
            redirect = RedirectResponse(target, status_code=303)
            redirect.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
            return redirect
        auth = request.headers.get("authorization", "")
        candidate = auth[7:].strip() if auth.lower().startswith("bearer ") else request.cookies.get(TOKEN_COOKIE, "")
        if candidate and hmac.compare_digest(candidate.encode(), self.token.encode()):
            return None
        return _error(
            request,
            401,
            "a token is required: send 'Authorization: Bearer TOKEN' or open any page with ?token=TOKEN",
            {"WWW-Authenticate": "Bearer"},
        )


def same_site_path(path: str) -> str:
    """A redirect target that stays on this server: ``//host/x`` or ``/\\host/x`` would leave it."""
    return "/" + path.lstrip("/\\")


ERROR_BODY = {
    "title": "ErrorBody",
    "type": "object",
    "properties": {"error": {"type": "string", "title": "Error"}, "status": {"type": "integer", "title": "Status"}},
    "required": ["error", "status"],
}


def document_404s(app: FastAPI) -> None:
    """Describe in the OpenAPI document the 404 that every route with a path parameter can return.

    A document or entity reference that matches nothing raises ``NotFound``, which
    :func:`create_app` maps to 404 with the JSON error body ``{"error", "status"}``.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schema.setdefault("components", {}).setdefault("schemas", {}).setdefault("ErrorBody", ERROR_BODY)
        for path, operations in schema.get("paths", {}).items():
            if "{" not in path:
                continue
            for operation in operations.values():
                operation.setdefault("responses", {}).setdefault(
                    "404",
                    {
                        "description": "No document or entity matches the reference",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                    },
                )
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if is_api(request) or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    templates: Jinja2Templates | None = getattr(request.app.state, "templates", None)
    if templates is None:
        return PlainTextResponse(message, status_code=status, headers=headers)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers
    )


def create_app(settings: Settings, store: Store, *, review: bool = False) -> FastAPI:
    """The web app over one store. Read-only unless ``review`` (corrections allowed, see the module
    docstring); requires ``settings.token`` on every request if set."""
    from declass.web.views import documents, entities, graph, search, timeline
    from declass.web.views import review as review_views

    app = FastAPI(
        title="declass",
        description="Search and browsing of a declass store; with `declass serve --review`, corrections under "
        "/api/review. Every HTML page has a JSON twin under /api.",
        version="0.1.0",
        docs_url=None,  # Swagger UI loads its script from a CDN, which the offline app and its CSP refuse
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.review = review
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True, undefined=jinja2.ChainableUndefined
    )
    templates = Jinja2Templates(env=env)
    templates.env.globals["app_title"] = "declass"
    app.state.templates = templates
    templates.env.globals["review_enabled"] = review
    app.add_middleware(GuardMiddleware, token=settings.token, review=review)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(DeclassError)
    async def _declass_error(request: Request, exc: DeclassError) -> Response:
        return _error(request, exc.http_status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg')}")
        return _error(request, 422, "invalid request: " + "; ".join(parts))

    for module in (search, documents, entities, graph, timeline, review_views):
        app.include_router(module.router)
    document_404s(app)
    return app
