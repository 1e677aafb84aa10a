"""``declass eval labels FILE...``: a store's most-mentioned entities scored against hand labels
(the junk share of the top 100 that issue 10 sets targets for, counted from a person's reading)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from declass.cli.common import DbOption, Format, FormatOption, console, handle_errors, print_json, store_for
from declass.cli.eval_cmd import eval_app
from declass.eval.labels import DEFAULT_TOP, JUNK_LABELS, score_store


@eval_app.command("labels")
@handle_errors
def eval_labels_command(
    files: Annotated[list[Path], typer.Argument(help="Label files, one per type (...-person.tsv, ...-org.tsv, ...-loc.tsv)")],
    top: Annotated[int, typer.Option("--top", help="How many of the most-mentioned entities to score per type")] = DEFAULT_TOP,
    unlabelled: Annotated[bool, typer.Option("--unlabelled", help="List the names no label row has")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Count the store's top entities of each type by their hand label: ok, junk (non-entity,
    damaged, wrong type), merged, and unlabelled (a name no row has: reported, never guessed).

    Example:  declass eval labels tests/fixtures/audit/main-7f9059f-*.tsv --db sqlite:///corpus.db
    """
    with store_for(db) as store:
        report = score_store(store, files, top)
    if fmt == Format.json:
        print_json(report)
        return
    for etype, part in report.items():
        _print_type(etype, part, unlabelled)


def _line(text: str) -> None:
    console.print(text, highlight=False, soft_wrap=True, markup=False)


def _print_type(etype: str, part: dict[str, Any], unlabelled: bool) -> None:
    c = part["counts"]
    share = "-" if part["junk_share"] is None else f"{part['junk_share']:.1%}"
    low, high = part["junk_range"] or (0.0, 0.0)
    _line(f"{etype}: top {part['top']}, {part['labelled']} labelled, {part['unlabelled']} unlabelled ({part['labels']})")
    _line(
        f"  ok {c['ok']}; junk {part['junk']} ({share} of the labelled; {low:.1%}-{high:.1%} of the top): "
        + ", ".join(f"{c[lab]} {lab}" for lab in JUNK_LABELS)
        + f"; merged {c['merged']}"
    )
    for row in part["not_ok"]:
        _line(f"  {row['rank']:>4}  {row['name']}  [{row['label']}: {row['note']}]")
    if unlabelled and part["unlabelled_names"]:
        _line("  unlabelled: " + "; ".join(part["unlabelled_names"]))
