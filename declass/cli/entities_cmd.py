"""``declass entities``, ``entity``, ``merge``, ``split``, ``rename``, ``resolve``: resolved entities and their evidence."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from declass.cli.common import (
    ClusterOption,
    DbOption,
    Format,
    FormatOption,
    app,
    console,
    handle_errors,
    print_json,
    settings_for,
    store_for,
)
from declass.resolve import resolve_store
from declass.resolve.manage import entity_summary, explain_entity, merge_entities, rename_entity, split_entity


@app.command("entities")
@handle_errors
def entities_command(
    type: Annotated[str | None, typer.Option("--type", "-t", help="PERSON, ORG or LOC")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only entities mentioned in this document id")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Only entities whose name contains this")] = None,
    limit: Annotated[int, typer.Option(help="How many, most mentioned first")] = 50,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """List resolved entities: canonical name, type, variants with counts, aliases, documents.

    Example:  declass entities --type PERSON --name kandaurov
    """
    with store_for(db) as store:
        rows = [entity_summary(e) for e in store.list_entities(type=type, doc_id=doc, name=name, limit=limit)]
    if fmt == Format.json:
        print_json(rows)
        return
    for r in rows:
        variants = ", ".join(f"{v} ({n})" for v, n in r["variants"].items())
        aka = f"  aka {', '.join(r['aliases'])}" if r["aliases"] else ""
        console.print(
            f"[bold]{r['id']}[/]  {r['type']:<6} {r['name']}  {r['mentions']} mentions in {len(r['documents'])} docs{aka}",
            highlight=False,
        )
        console.print(f"    variants: {variants}", highlight=False)


@app.command("entity")
@handle_errors
def entity_command(
    entity_id: Annotated[str, typer.Argument(help="Entity id (see `declass entities`)")],
    why: Annotated[bool, typer.Option("--why", help="Show every merge with its rule, score, features and documents")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Show one entity; with --why, the evidence of every merge and every doubt.

    Example:  declass entity 234beac3e0ac992b --why
    """
    with store_for(db) as store:
        data = explain_entity(store, entity_id)
    if fmt == Format.json:
        print_json(data if why else entity_summary_from(data))
        return
    console.print(f"[bold]{data['name']}[/] ({data['type']}, {data['id']}) confidence {data['confidence']}", highlight=False)
    console.print(f"  variants: {', '.join(f'{v} ({n})' for v, n in data['variants'].items())}", highlight=False)
    if data["aliases"]:
        console.print(f"  aliases: {', '.join(data['aliases'])}", highlight=False)
    console.print(f"  documents: {', '.join(data['documents'])}", highlight=False)
    if data.get("surname_only"):
        console.print("  surname only: no evidence ties it to one full name", highlight=False)
        if data["possibly"]:
            shown = ", ".join(f"{p['name']} ({p['id']})" for p in data["possibly"])
            console.print(f"  possibly also: {shown}", highlight=False)
    if not why:
        return
    for r in data["attrs"].get("retyped", []):
        console.print(f"  typed {r['to']}, not {r['from']}, by the corpus: {r['form']!r} is {r['why']}", highlight=False)
    for title, rows in (("merged because", data["merges"]), ("kept apart / doubtful", data["kept_apart"])):
        if rows:
            console.print(f"[bold]{title}:[/]")
        for j in rows:
            forms = " = ".join(j["forms"] or [j["left"], j["right"]])
            console.print(
                f"  {forms}  ({j['rule']}, score {j['score']}, {j['source']}) in {', '.join(j['documents'] or [])}",
                highlight=False,
            )
            for f in j["features"]:
                console.print(f"      {f['name']}={f['value']}: {f['explanation']}", highlight=False)
            if "relation" in j:
                console.print(f"      stated in the text ({j['relation']}) at {j['span']}", highlight=False)
            if "candidates" in j:
                console.print(f"      full names with this surname: {', '.join(j['candidates'])}", highlight=False)


def entity_summary_from(data: dict[str, Any]) -> dict[str, Any]:
    """The summary keys of an explained entity."""
    keys = ("id", "name", "type", "mentions", "documents", "variants", "aliases", "confidence", "surname_only", "possibly")
    return {k: data[k] for k in keys if k in data}


ReviewerOption = Annotated[str | None, typer.Option("--reviewer", help="Who makes the correction (shown in the history)")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (shown in the history)")]


@app.command("merge")
@handle_errors
def merge_command(a: str, b: str, db: DbOption = None, reviewer: ReviewerOption = None, reason: ReasonOption = None) -> None:
    """Merge two entities (stored as an override, re-applied after re-resolution).

    Example:  declass merge 234beac3e0ac992b 9f1c0a7d2e4b5c61 --reviewer ann
    """
    with store_for(db) as store:
        r = merge_entities(store, a, b, reviewer=reviewer, reason=reason)
    console.print(f"merged {a} and {b} (correction #{r['override']}, {r['affected']} mention(s) changed)")


@app.command("split")
@handle_errors
def split_command(
    entity: str,
    mentions: Annotated[list[str], typer.Argument(help="Mention ids to take out")],
    db: DbOption = None,
    reviewer: ReviewerOption = None,
    reason: ReasonOption = None,
) -> None:
    """Split mentions out of an entity into their own (stored as an override).

    Example:  declass split 234beac3e0ac992b MENTION_ID   (mention ids: declass entity ID --format json)
    """
    with store_for(db) as store:
        r = split_entity(store, entity, mentions, reviewer=reviewer, reason=reason)
    console.print(f"split {len(mentions)} mention(s) out of {entity} (correction #{r['override']})")


@app.command("rename")
@handle_errors
def rename_command(
    entity: str, name: str, db: DbOption = None, reviewer: ReviewerOption = None, reason: ReasonOption = None
) -> None:
    """Give an entity a canonical name (stored as an override).

    Example:  declass rename 63259699bc465531 "NTS (Natsionalno-Trudovoi Soyuz)"
    """
    with store_for(db) as store:
        r = rename_entity(store, entity, name, reviewer=reviewer, reason=reason)
    console.print(f"renamed {entity} to {name!r} (correction #{r['override']})")


@app.command("resolve")
@handle_errors
def resolve_command(db: DbOption = None, cluster: ClusterOption = None, fmt: FormatOption = Format.text) -> None:
    """Re-resolve every mention of the corpus into entities (manual overrides are re-applied).

    With `--cluster` the judging runs as Dask tasks over partitions of blocks; the result is the same.

    Example:  declass resolve --db sqlite:///crest.db
    """
    settings = settings_for(db, cluster=cluster)
    with store_for(db) as store:
        if settings.cluster:
            from declass.cluster import resolve_on_cluster

            stats = resolve_on_cluster(store, settings.cluster, settings.workers)
        else:
            stats = resolve_store(store)
    if fmt == Format.json:
        print_json(stats)
    else:
        left_out = f"; {stats['suppressed']} left out as not an entity" if stats.get("suppressed") else ""
        console.print(
            f"{stats['mentions']} mentions -> {stats['entities']} entities ({stats['judgements']} judgements{left_out})"
        )
