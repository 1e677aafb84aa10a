"""``declass eval``: measure extraction and resolution against gold data (HIPE TSV, CoNLL BIO)."""

from __future__ import annotations

import typer

from declass.cli.common import app

eval_app = typer.Typer(
    help="Evaluate extraction (`eval ner`) and resolution (`eval resolve`) against gold files.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")
