"""The ``declass`` command line: a thin Typer app whose commands each call one library function.

Command groups live in sibling modules and register themselves on :data:`app` when imported
below. Every command that prints results takes ``--format json``; ``--db`` (or ``DECLASS_DB``)
selects the store everywhere. Errors from :mod:`declass.errors` become one line and an exit code.
"""

from __future__ import annotations

# Command modules register on ``app`` at import. Keep one line per module.
from declass.cli import audit_cmd as _audit_cmd  # noqa: F401
from declass.cli import docs_cmd as _docs_cmd  # noqa: F401
from declass.cli import entities_cmd as _entities_cmd  # noqa: F401
from declass.cli import eval_cmd as _eval_cmd  # noqa: F401
from declass.cli import eval_entities_cmd as _eval_entities_cmd  # noqa: F401
from declass.cli import eval_labels_cmd as _eval_labels_cmd  # noqa: F401
from declass.cli import eval_ner_cmd as _eval_ner_cmd  # noqa: F401
from declass.cli import eval_resolve_cmd as _eval_resolve_cmd  # noqa: F401
from declass.cli import export_cmd as _export_cmd  # noqa: F401
from declass.cli import ingest_cmd as _ingest_cmd  # noqa: F401
from declass.cli import overrides_cmd as _overrides_cmd  # noqa: F401
from declass.cli import serve_cmd as _serve_cmd  # noqa: F401
from declass.cli import status_cmd as _status_cmd  # noqa: F401
from declass.cli import trace_cmd as _trace_cmd  # noqa: F401
from declass.cli.common import app, main

__all__ = ["app", "main"]
