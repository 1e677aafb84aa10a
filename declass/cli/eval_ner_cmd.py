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
    folds: Annotated[
        int, typer.Option("--folds", "-k", help="Cross-validation folds by document for tuning the domain layer")
    ] = 5,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline (default: setting spacy_model)")] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Micro P/R/F1, strict and fuzzy, per type: plain model baseline vs cross-validated declass.

    Example:  declass eval ner ../shared/eval/HIPE-2022-v2.1-hipe2020-dev-en.tsv --folds 5
    """
    from declass.eval.ner import evaluate

    result = evaluate(gold, k=folds, model=model or settings_for().spacy_model)
    if fmt is Format.json:
        print_json(result)
        return
    _print(result)


def _print(r: dict[str, Any]) -> None:
    console.print(
        f"{r['gold']}: {r['documents']} documents, {r['gold_spans']} gold spans; model {r['model']}; {r['folds']}-fold CV"
    )
    for regime in ("strict", "fuzzy"):
        table = Table(title=f"{regime} (micro F1; P/R for the cross-validated run)")
        for col in ("type", "baseline", "default", "CV P", "CV R", "CV F1"):
            table.add_column(col, justify="left" if col == "type" else "right")
        for key, cv in r["cross_validated"][regime].items():
            base = r["baseline"][regime].get(key, {"f1": 0.0})
            default = r["default"][regime].get(key, {"f1": 0.0})
            table.add_row(key, f"{base['f1']:.3f}", f"{default['f1']:.3f}", f"{cv['p']:.3f}", f"{cv['r']:.3f}", f"{cv['f1']:.3f}")
        console.print(table)
    console.print("configuration chosen per fold (tuned on the other folds): " + "; ".join(sorted(set(r["chosen"]))))
