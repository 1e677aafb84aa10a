"""``declass eval entities GOLD_DIR``: entity-level precision/recall, purity and trace answers on
hand-annotated records (dev and held-out parts reported separately)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from declass.cli.common import DbOption, Format, FormatOption, console, handle_errors, print_json, settings_for
from declass.cli.eval_cmd import eval_app
from declass.eval.entities import DEFAULT_SAMPLES, evaluate_entities

WIDTHS = (10, 5, 6, 7, 7, 8, 7, 7, 7)  # columns of the per-type table


@eval_app.command("entities")
@handle_errors
def eval_entities_command(
    gold: Annotated[Path, typer.Argument(help="Directory of gold records (*.yaml), or one with dev/ and heldout/")],
    samples: Annotated[
        list[Path] | None,
        typer.Option("--samples", help="Where the records' source files are (repeatable; default ../shared/samples, examples)"),
    ] = None,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes for the ingest")] = 1,
    details: Annotated[bool, typer.Option("--details", help="Also list misses and spurious entities per record")] = False,
    fmt: FormatOption = Format.text,
) -> None:
    """Ingest the gold records into a temporary store (or --db) and score the entities found.

    Example:  declass eval entities tests/fixtures/gold --samples ../shared/samples
    """
    roots = samples or [Path(s) for s in DEFAULT_SAMPLES]
    with tempfile.TemporaryDirectory(prefix="declass-eval-") as tmp:
        url = db or f"sqlite:///{tmp}/eval.db"
        result = evaluate_entities(gold, settings_for(url, workers=workers), samples=roots)
    if db is None:
        result["db"] = "(temporary)"
    if fmt == Format.json:
        print_json(result)
        return
    for error in result["errors"]:
        _line(f"gold record skipped: {error}")
    for reason in result["failed"].values():
        console.print(f"ingest failed: {reason}", highlight=False)
    for name, part in result["parts"].items():
        _print_part(name, part, details)


def _line(text: str) -> None:
    console.print(text, highlight=False, soft_wrap=True, markup=False)


def _names(names: list[str]) -> str:
    return "; ".join(" ".join(n.split()) for n in names)


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.1%}"


def _print_part(name: str, part: dict[str, Any], details: bool) -> None:
    t = part["trace"]
    console.print(f"\n[bold]{name}[/]: {part['records']} records", highlight=False)
    if part["missing"]:
        console.print(f"  missing sources: {', '.join(part['missing'])}", highlight=False)
    head = ("type", "gold", "found", "recall", "stored", "correct", "prec.", "canon.", "splits")
    _line("  " + " ".join(f"{h:>{w}}" if i else f"{h:<{w}}" for i, (h, w) in enumerate(zip(head, WIDTHS, strict=True))))
    for etype, row in part["types"].items():
        cells = [etype, row["gold"], row["found"], _pct(row["recall"])]
        cells += [row["stored"], row["correct"], _pct(row["precision"])] if "stored" in row else ["", "", ""]
        cells += [row["canonical"], row["splits"]]
        _line("  " + " ".join(f"{c:>{w}}" if i else f"{c:<{w}}" for i, (c, w) in enumerate(zip(cells, WIDTHS, strict=True))))
    p = part["purity"]
    console.print(f"  purity {p['purity']:.1%} over {p['entities']} entities; {p['mixed']} mix gold entities", highlight=False)
    for mix in p["mixed_examples"]:
        _line(f"    mixed: {' | '.join(mix)}")
    console.print(
        f"  trace: {t['answered']}/{t['questions']} answered ({_pct(t['share']).strip()}), {t['cited']} cited the record",
        highlight=False,
    )
    if not details:
        return
    for q in part["questions"]:
        if not q["answered"]:
            why = "not found" if q["entity"] is None else "record not cited" if not q["cited"] else "answer not shown"
            _line(f"    unanswered [{q['record']}] trace {q['trace']!r} -> {q['entity']!r}: {why}")
    for rec in part["per_record"]:
        for etype, row in rec["types"].items():
            if row["missed"]:
                _line(f"    {rec['record']} {etype} missed: {_names(row['missed'])}")
            if row.get("spurious"):
                _line(f"    {rec['record']} {etype} spurious: {_names(row['spurious'])}")
