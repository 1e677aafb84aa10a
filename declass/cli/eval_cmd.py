"""``declass eval``: measure extraction and resolution against gold data (HIPE TSV, CoNLL BIO)."""

from __future__ import annotations

import typer

from declass.cli.common import app

eval_app = typer.Typer(
    help="Evaluate extraction (`eval ner`), resolution (`eval resolve`) and entities on annotated records (`eval entities`).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")
