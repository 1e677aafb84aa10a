"""``declass eval ner GOLD``: extraction scored against HIPE TSV or CoNLL BIO gold data."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from declass.cli.common import Format, FormatOption, console, handle_errors, print_json, settings_for
from declass.cli.eval_cmd import eval_app


@eval_app.command("ner")
@handle_errors
def ner(
    gold: Annotated[str, typer.Argument(help="Gold file: HIPE-2022 TSV or CoNLL-2003 BIO")],
    folds: Annotated[int, typer.Option("--folds", "-k", help="Cross-validation folds by document for tuning the domain layer")] = 5,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline (default: setting spacy_model)")] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Micro P/R/F1, strict and fuzzy, per type: plain model baseline vs cross-validated declass."""
    from declass.eval.ner import evaluate

    result = evaluate(gold, k=folds, model=model or settings_for().spacy_model)
    if fmt is Format.json:
        print_json(result)
        return
    _print(result)


def _print(r: dict[str, Any]) -> None:
    console.print(f"{r['gold']}: {r['documents']} documents, {r['gold_spans']} gold spans; model {r['model']}; {r['folds']}-fold CV")
    for regime in ("strict", "fuzzy"):
        table = Table(title=f"{regime} (micro)")
        table.add_column("type")
        for run in ("baseline", "default", "cross_validated"):
            table.add_column(f"{run} P", justify="right")
            table.add_column("R", justify="right")
            table.add_column("F1", justify="right")
        for key in r["cross_validated"][regime]:
            row = [key]
            for run in ("baseline", "default", "cross_validated"):
                s = r[run][regime].get(key, {"p": 0, "r": 0, "f1": 0})
                row += [f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}"]
            table.add_row(*row)
        console.print(table)
    console.print("configurations chosen per fold (tuned on the other folds): " + "; ".join(sorted(set(r["chosen"]))))
