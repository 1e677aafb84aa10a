"""The one exception hierarchy of declass.

    DeclassError                 base: anything the user can act on
    ├── InputError               a file cannot be read or parsed (names the file and the reason)
    ├── StoreError               the store cannot be opened, migrated or written
    │   └── NotFound             a document, entity or mention reference matches nothing
    │       └── Ambiguous        a reference matches several things; ``candidates`` lists them
    ├── ConfigError              a setting has an invalid value
    ├── QueryError               a search or listing request is out of bounds (too long, page too big)
    └── EvalError                a gold file cannot be read for evaluation

The CLI turns each into a one-line message and an exit code; the web app maps them to HTTP statuses.
Built-in exceptions are for programming errors only.
"""

from __future__ import annotations


class DeclassError(Exception):
    """Base of every error the user can act on."""

    exit_code = 2
    http_status = 500


class InputError(DeclassError):
    """Raised when an input file cannot be read, decoded or parsed."""

    http_status = 400

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Crosses process boundaries (ingest workers): rebuild from both fields.
        return (InputError, (self.path, self.reason))


class StoreError(DeclassError):
    """Raised when the store cannot be opened, migrated or written."""


class NotFound(StoreError):
    """Raised when a reference (document, entity, mention) matches nothing."""

    exit_code = 3
    http_status = 404


class Ambiguous(NotFound):
    """Raised when a reference matches several things; ``candidates`` lists them, best first."""

    http_status = 409

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates

    def __reduce__(self) -> tuple[type[Ambiguous], tuple[str, list[str]]]:
        return (Ambiguous, (str(self), self.candidates))


class ConfigError(DeclassError):
    """Raised when a setting has an invalid value."""

    http_status = 400


class EvalError(DeclassError):
    """Raised when a gold file for evaluation cannot be read."""

    http_status = 400


class QueryError(DeclassError):
    """Raised when a search or listing request is out of bounds (query too long, page too large)."""

    http_status = 400
