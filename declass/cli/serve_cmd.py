"""``declass serve``: the web app, read-only unless ``--review``. Loopback by default; any other
address needs a token (so every write beyond loopback carries it too)."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from declass.cli.common import DbOption, app, err_console, handle_errors, settings_for
from declass.errors import ConfigError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# A token guarding a server others can reach must not be guessable: `secrets.token_urlsafe()`
# gives 43 characters; 16 distinct-enough characters is the floor.
MIN_TOKEN_CHARS = 16
MIN_TOKEN_DISTINCT = 6


def token_problem(token: str | None) -> str | None:
    """Why a token is too weak to guard a non-loopback bind, or None when it will do."""
    if not token or not token.strip():
        return "give --token (or set DECLASS_TOKEN)"
    if token != token.strip():
        return "the token starts or ends with white space"
    if len(token) < MIN_TOKEN_CHARS:
        return f"the token has {len(token)} characters; use at least {MIN_TOKEN_CHARS}"
    if len(set(token)) < MIN_TOKEN_DISTINCT:
        return f"the token uses only {len(set(token))} distinct characters"
    return None


def is_loopback(host: str) -> bool:
    """Whether a bind address is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
@handle_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback requires --token")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="TCP port")] = DEFAULT_PORT,
    token: Annotated[
        str | None, typer.Option(help="Token every request must carry (env DECLASS_TOKEN)", show_default=False)
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Allow corrections (merge, split, not an entity, queue decisions, undo)")
    ] = False,
) -> None:
    """Serve the search, document, entity, graph, timeline and review pages (read-only without --review).

    Example:  declass serve --db sqlite:///declass.db --review   then open http://127.0.0.1:8000/review/queue
    """
    import uvicorn

    from declass.store import open_store
    from declass.web.app import create_app

    settings = settings_for(db, token=token)
    if not is_loopback(host) and (problem := token_problem(settings.token)):
        raise ConfigError(
            f"--host {host} is reachable from other machines: {problem} "
            "(e.g. --token \"$(python3 -c 'import secrets; print(secrets.token_urlsafe())')\")"
        )
    store = open_store(settings.db)
    url = f"http://{host}:{port}/" + (f"?token={settings.token}" if settings.token else "")
    mode = "review mode: corrections allowed" if review else "read-only"
    err_console.print(f"serving {settings.db} at {url}  ({mode}; Ctrl-C to stop)")
    try:
        uvicorn.run(
            create_app(settings, store, review=review),
            host=host,
            port=port,
            log_level="warning",
            limit_concurrency=64,
            timeout_keep_alive=5,
            server_header=False,
        )
    finally:
        store.close()
