"""``declass audit``: the quality report of a store's entities (most mentioned, with flags)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from declass.cli.common import DbOption, Format, FormatOption, app, console, handle_errors, print_json, store_for
from declass.eval.audit import DEFAULT_TOP, TYPES, audit


@app.command("audit")
@handle_errors
def audit_command(
    types: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="PERSON, ORG or LOC (repeatable; default all three)")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="How many of the most-mentioned entities to check per type")] = DEFAULT_TOP,
    flagged: Annotated[bool, typer.Option("--flagged", help="List only the entities that carry a flag")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """List the most-mentioned entities of each type with flags: suspected non-entity, damaged or
    wrongly typed name, merged conflicting evidence, split candidate; and the counts (entities, mentions,
    singletons, junk in the top N).

    Example:  declass audit --type PERSON --top 50 --flagged
    """
    chosen = [t.upper() for t in types] if types else list(TYPES)
    unknown = [t for t in chosen if t not in TYPES]
    if unknown:
        raise typer.BadParameter(f"unknown type {unknown[0]!r}; choose from {', '.join(TYPES)}", param_hint="--type")
    with store_for(db) as store:
        report = audit(store, types=chosen, top=top)
    if fmt == Format.json:
        print_json(report)
        return
    _line(
        f"{report['entities']} entities, {report['mentions']} mentions; "
        f"{report['singleton_share']:.1%} of entities are singletons (one mention)"
    )
    for etype, part in report["types"].items():
        _print_type(etype, part, flagged)


def _line(text: str) -> None:
    console.print(text, highlight=False, soft_wrap=True, markup=False)


def _print_type(etype: str, part: dict[str, Any], flagged: bool) -> None:
    c = part["counts"]
    _line(
        f"\n{etype}: {c['entities']} entities, {c['mentions']} mentions, {c['singleton_share']:.1%} singletons, "
        f"{c['agent_merges']} merging different agent numbers"
    )
    _line(
        f"  top {c['top']}: junk {c['junk_in_top']} ({c['junk_share']:.1%}: {c['non_entity_in_top']} non-entity, "
        f"{c['damaged_in_top']} damaged, {c['wrong_type_in_top']} wrong type); "
        f"{c['merged_in_top']} merged; {c['split_in_top']} split candidates"
    )
    for row in part["top"]:
        if flagged and not row["flags"]:
            continue
        flags = "; ".join(f"{f['flag']}: {f['detail']}" for f in row["flags"])
        name = " ".join(row["name"].split())
        _line(f"  {row['rank']:>4} {row['mentions']:>6} {row['documents']:>4}  {name}" + (f"  [{flags}]" if flags else ""))
