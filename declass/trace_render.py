"""Rendering a Dossier: rich text for the terminal, Markdown for a research note, JSON for scripts.

Every claim carries its citation as ``[document number, p. N, ¶ M]`` (M is the paragraph number
as printed, else its position); in Markdown the citations are footnotes.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from declass.model import Citation
from declass.records import Dossier, DossierCitation, DossierClaim, Role
from declass.trace_text import is_text_match

HEDGE_MARK = {
    "stated": "",
    "reported": "reportedly",
    "alleged": "allegedly",
    "believed": "believed",
    "suspected": "suspected",
    "rumored": "rumored",
    "denied": "denied",
}


def cite(c: Citation | None, numbers: dict[str, str] | None = None) -> str:
    """``[CIA-RDP82-00457R006100750010-5, p. 2, ¶ 4]``."""
    if not c:
        return ""
    number = (c.document if isinstance(c, DossierCitation) else "") or (numbers or {}).get(c.doc_id, c.doc_id[:12])
    para = c.paragraph_number or (str(c.paragraph + 1) if c.paragraph is not None else None)
    return f"[{number}, p. {c.page}" + (f", ¶ {para}" if para else "") + "]"


def _qualifiers(item: DossierClaim) -> str:
    bits = [HEDGE_MARK.get(item.hedge, item.hedge)]
    if item.speaker == "officer_comment":
        bits.append("officer's comment")
    if item.unevaluated:
        bits.append("unevaluated")
    if item.time:
        bits.append(item.time)
    return ", ".join(b for b in bits if b)


def span(r: Role) -> str:
    """When a role held: "until 1949", "from 1950", "1950-09"."""
    if r.from_ and r.until:
        return f"{r.from_} – {r.until}"
    if r.until:
        return f"until {r.until}"
    if r.from_:
        return f"from {r.from_}"
    return r.time or ""


def to_json(d: Dossier) -> dict[str, Any]:
    """The dossier as JSON-ready data (stable keys)."""
    data = d.to_dict()
    data["entity"] = {
        "id": d.entity.id,
        "name": d.entity.name,
        "type": d.entity.type,
        "mentions": d.mention_count,
        "documents": len(d.documents),
        "text_match": is_text_match(d.entity),  # no entity: the passages are full-text matches
    }
    return data


def _numbers(d: Dossier) -> dict[str, str]:
    return {doc.id: doc.number for doc in d.documents}


def to_markdown(d: Dossier) -> str:
    """A research-note section with footnoted citations."""
    numbers = _numbers(d)
    notes: list[str] = []
    note_ids: dict[str, int] = {}

    def fn(c: Citation | None, quote: bool = True) -> str:
        if not c:
            return ""
        key = f"{c.doc_id}:{c.start}:{c.end}"
        if key not in note_ids:
            note_ids[key] = len(notes) + 1
            q = " ".join((c.quote or "").split())
            notes.append(f"[^{note_ids[key]}]: {cite(c, numbers)}" + (f' "{q}"' if quote and q else ""))
        return f"[^{note_ids[key]}]"

    e = d.entity
    if is_text_match(e):
        out = [f"## {e.name} (text matches, not an entity)", "", f"Printed in {len(d.documents)} document(s)."]
    else:
        out = [f"## {e.name} ({e.type})", "", f"{d.mention_count} mentions in {len(d.documents)} document(s)."]
    if d.variants:
        out += [
            "",
            "**Names as printed:** " + "; ".join(f"{v.text} ({v.count}×, {', '.join(v.documents)})" for v in d.variants),
        ]
    if d.aliases:
        out += ["", "**Aliases:** " + "; ".join(f"{a.name} ({a.source}){fn(a.citation)}" for a in d.aliases)]
    if d.roles:
        out += ["", "### Roles and affiliations", ""]
        for r in d.roles:
            when = span(r)
            org = f" — {r.organisation}" if r.organisation else ""
            hedge = f" ({r.hedge})" if r.hedge not in (None, "stated") else ""
            out.append(f"- {r.role or r.predicate}{org}{(', ' + when) if when else ''}{hedge}{fn(r.citation)}")
    if d.claims:
        out += ["", "### Claims", ""]
        for pred, items in d.claims.items():
            out.append(f"**{pred}**")
            out.append("")
            for it in items:
                q = _qualifiers(it)
                out.append(f"- {it.text}" + (f" *({q})*" if q else "") + fn(it.citation))
            out.append("")
    if d.timeline:
        out += ["### Timeline", ""]
        for ev in d.timeline:
            hedge = f" *({ev.hedge})*" if ev.hedge != "stated" else ""
            out.append(f"- **{ev.time}** {ev.text}{hedge}{fn(ev.citation)}")
        out.append("")
    if d.passages:
        out += ["### Text matches" if is_text_match(e) else "### Passages", ""]
        out += [f"- {p.quote}{fn(p, quote=False)}" for p in d.passages]
        out.append("")
    if d.co_mentions:
        out += ["### Named with", ""]
        out += [f"- {c.name} ({c.type}), strength {c.strength}, {len(c.documents)} doc(s)" for c in d.co_mentions[:15]]
        out.append("")
    if d.documents:
        out += ["### Documents", ""]
        out += [f"- {doc.number} — {doc.title}" + (f" ({doc.date})" if doc.date else "") for doc in d.documents]
        out.append("")
    if notes:
        out += ["", *notes]
    return "\n".join(out).rstrip() + "\n"


def print_text(d: Dossier, console: Console) -> None:
    """The dossier for the terminal, with rich tables."""
    numbers = _numbers(d)
    e = d.entity
    text = is_text_match(e)
    if text:
        console.print(f"[bold]{e.name}[/] — no entity; printed in {len(d.documents)} document(s)")
    else:
        console.print(f"[bold]{e.name}[/] ({e.type}) — {d.mention_count} mentions in {len(d.documents)} document(s)")
    if d.query and d.score < 100 and not text:
        console.print(f"[dim]matched {d.query!r} with score {d.score:.0f}[/]")
    if d.variants:
        console.print("[bold]Names as printed:[/] " + "; ".join(f"{v.text} ×{v.count}" for v in d.variants))
    for a in d.aliases:
        console.print(f"[bold]Alias:[/] {a.name} ({a.source}) {cite(a.citation, numbers)}", highlight=False)
    if d.roles:
        t = Table("role", "organisation", "when", "hedge", "source", title="Roles and affiliations", title_justify="left")
        for r in d.roles:
            when = span(r)
            t.add_row(r.role or r.predicate, r.organisation or "", when, r.hedge, cite(r.citation, numbers))
        console.print(t)
    for pred, items in d.claims.items():
        console.print(f"[bold]{pred}[/]")
        for it in items:
            q = _qualifiers(it)
            console.print(
                f"  • {it.text}" + (f" [italic]({q})[/]" if q else "") + f" [dim]{cite(it.citation, numbers)}[/]",
                highlight=False,
            )
    if d.timeline:
        t = Table("when", "event", "source", title="Timeline", title_justify="left")
        for ev in d.timeline:
            t.add_row(
                ev.time,
                ev.text + (f" ({ev.hedge})" if ev.hedge != "stated" else ""),
                cite(ev.citation, numbers),
            )
        console.print(t)
    if d.passages:
        title = "Text matches (search index, not an entity)" if text else "Passages naming it"
        t = Table("passage", "source", title=title, title_justify="left")
        for p in d.passages:
            t.add_row(p.quote, cite(p, numbers))
        console.print(t)
    if d.co_mentions:
        console.print("[bold]Named with:[/] " + ", ".join(f"{c.name} ({c.strength})" for c in d.co_mentions[:12]))
    for doc in d.documents:
        console.print(f"[dim]doc[/] {doc.number} — {doc.title}", highlight=False)
    for note in d.notes:
        console.print(f"[yellow]note:[/] {note}")
