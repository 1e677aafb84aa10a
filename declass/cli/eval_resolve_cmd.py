"""``declass eval resolve GOLD.tsv``: B-cubed and pairwise scores of resolution, next to a baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from declass.cli.common import Format, FormatOption, console, handle_errors, print_json
from declass.cli.eval_cmd import eval_app
from declass.eval.resolve import evaluate_resolution


@eval_app.command("resolve")
@handle_errors
def eval_resolve_command(
    gold: Annotated[Path, typer.Argument(help="HIPE TSV with NEL-LIT links (QIDs are the gold clusters)")],
    folds: Annotated[int, typer.Option("--folds", help="Cross-validate: tune thresholds on K-1 folds, measure on the rest")] = 1,
    fmt: FormatOption = Format.text,
) -> None:
    """Measure entity resolution on gold mentions against Wikidata links, with an exact-match baseline.

    Example:  declass eval resolve ../shared/eval/HIPE-2022-v2.1-hipe2020-dev-en.tsv --folds 5
    """
    result = evaluate_resolution(gold, folds)
    if fmt == Format.json:
        print_json(result)
        return
    console.print(
        f"{result['documents']} documents, {result['mentions']} mentions, {result['linked_mentions']} linked to "
        f"{result['gold_entities']} entities; folds={result['folds']}",
        highlight=False,
    )
    console.print(f"{'system':<10} {'metric':<9} {'P':>7} {'R':>7} {'F1':>7}")
    for system in ("baseline", "declass"):
        for metric in ("bcubed", "pairwise"):
            s = result[system][metric]
            console.print(f"{system:<10} {metric:<9} {s['precision']:>7.4f} {s['recall']:>7.4f} {s['f1']:>7.4f}", highlight=False)
