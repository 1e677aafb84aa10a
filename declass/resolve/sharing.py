"""Sharing corrections between stores: ``declass overrides export`` / ``import`` (JSON Lines).

A store's row ids mean nothing elsewhere; its mention ids are hashes of natural keys, but a reader
cannot check them. So each exported correction names every mention by its natural key: the
document's sha256, the offsets into the document's original text, the label, and the text as
printed (checked on import). A correction made on one store therefore applies to any store
holding the same documents, whatever order they were ingested in.

One line per correction in force, oldest first::

    {"action": "merge", "args": {"left": {"doc": "28b8…", "start": 812, "end": 821, "label": "PERSON",
     "text": "Kandaurov"}, "right": {...}}, "reviewer": "ann", "reason": null, "created_at": "2026-12-02T03:30:00+00:00"}

Import skips a line whose documents the store lacks, or that is already in force, saying why.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from declass.errors import InputError
from declass.model import Mention
from declass.resolve.corrections import ACTIONS, mention_key
from declass.resolve.manage import rebuild_entities
from declass.store.base import Store

# args keys holding one mention id / a list of mention ids, per action.
ONE = {"merge": ("left", "right"), "rename": ("anchor",), "retype": ("anchor",), "not_entity": ("mention",),
       "mention_type": ("mention",), "judge": ("left", "right"), "keep": ("anchor",)}  # fmt: skip
MANY = {"split": ("mentions", "rest")}
DROPPED = ("entities", "entity")  # entity ids: derived from the clustering, recomputed on import


def _ids(action: str, args: dict[str, Any]) -> set[str]:
    out = {args[k] for k in ONE.get(action, ()) if args.get(k)}
    for k in MANY.get(action, ()):
        out.update(args.get(k, []))
    return out


def _ref(m: Mention) -> dict[str, Any]:
    return {"doc": m.doc_id, "start": m.start, "end": m.end, "label": m.label, "text": m.text}


def export_rows(store: Store) -> Iterator[dict[str, Any]]:
    """The store's corrections in force as JSON-ready dicts with natural keys, oldest first."""
    overrides = store.list_overrides()
    wanted = set().union(*(_ids(ov["action"], ov["args"]) for ov in overrides)) if overrides else set()
    refs = {m.id: _ref(m) for m in store.get_mentions(wanted)}
    for ov in overrides:
        action, args = ov["action"], dict(ov["args"])
        for k in DROPPED:
            args.pop(k, None)
        for k in ONE.get(action, ()):
            if args.get(k):
                args[k] = refs.get(args[k], {"missing": args[k]})
        for k in MANY.get(action, ()):
            args[k] = [refs.get(m, {"missing": m}) for m in args.get(k, [])]
        yield {
            "action": action,
            "args": args,
            "reviewer": ov["reviewer"],
            "reason": ov["reason"],
            "created_at": ov["created_at"].isoformat() if ov["created_at"] else None,
        }


def export_overrides(store: Store, out: IO[str]) -> int:
    """Write the corrections in force as JSON Lines; returns how many."""
    n = 0
    for row in export_rows(store):
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


@dataclass(slots=True)
class ImportReport:
    """What ``declass overrides import`` did: corrections added, and lines skipped with the reason."""

    added: int = 0
    skipped: list[str] = field(default_factory=list)


def _local(ref: Any, where: str) -> str:
    if not isinstance(ref, dict) or not {"doc", "start", "end", "label"} <= set(ref):
        raise InputError(where, "a mention must be {doc, start, end, label, text}")
    return mention_key(ref["doc"], ref["start"], ref["end"], ref["label"])


def _localise(row: dict[str, Any], where: str) -> tuple[str, dict[str, Any], list[tuple[str, Any]]]:
    action, args = row.get("action"), dict(row.get("args") or {})
    if action not in ACTIONS:
        raise InputError(where, f"unknown action {action!r}")
    refs: list[tuple[str, Any]] = []
    for k in ONE.get(action, ()):
        if args.get(k) is not None:
            refs.append((_local(args[k], where), args[k]))
            args[k] = refs[-1][0]
    for k in MANY.get(action, ()):
        ids = []
        for ref in args.get(k, []):
            refs.append((_local(ref, where), ref))
            ids.append(refs[-1][0])
        args[k] = ids
    if action == "add_mention":
        args["mention"] = mention_key(args["doc"], args["start"], args["end"], args["label"])
    return action, args, refs


def import_overrides(store: Store, lines: Iterable[str], source: str = "-") -> ImportReport:
    """Add the corrections of a JSON Lines export to ``store`` and re-assemble its entities once."""
    report = ImportReport()
    in_force = {(ov["action"], json.dumps(ov["args"], sort_keys=True)) for ov in store.list_overrides()}
    for n, line in enumerate(lines, start=1):
        where = f"{source}:{n}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            action, args, refs = _localise(row, where)
        except (ValueError, KeyError, TypeError, InputError) as exc:
            report.skipped.append(f"{where}: {exc.reason if isinstance(exc, InputError) else f'not a correction: {exc}'}")
            continue
        found = {m.id: m for m in store.get_mentions([mid for mid, _ in refs])}
        missing = [ref for mid, ref in refs if mid not in found]
        if action == "add_mention" and not store.has_document(args["doc"]):
            missing.append(args)
        if missing:
            m = missing[0]
            doc = str(m.get("doc"))[:12]
            report.skipped.append(f"{where}: no mention {m.get('text')!r} at {m.get('start')}-{m.get('end')} of document {doc}")
            continue
        changed = [(mid, ref) for mid, ref in refs if ref.get("text") is not None and found[mid].text != ref["text"]]
        if changed:
            mid, ref = changed[0]
            report.skipped.append(f"{where}: the mention at {ref['start']} reads {found[mid].text!r}, not {ref['text']!r}")
            continue
        key = (action, json.dumps(args, sort_keys=True))
        if key in in_force:
            report.skipped.append(f"{where}: already in force")
            continue
        in_force.add(key)
        store.add_override(action, args, reviewer=row.get("reviewer"), reason=row.get("reason"))
        report.added += 1
    if report.added:
        rebuild_entities(store)
    return report
