"""What a reviewer's corrections do to resolution: the one reading of the ``overrides`` table.

Actions (``overrides.action``) and their ``args``; mention ids are ``make_id(doc sha256, start,
end, label)``, so they are natural keys and an exported correction applies to any store holding
the same documents (``declass overrides export``):

* ``merge`` {left, right: mention ids} -- two entities are one;
* ``split`` {entity, mentions, rest} -- these mentions are someone else;
* ``rename`` {entity, anchor, name} -- the entity holding ``anchor`` is called ``name``;
* ``retype`` {entity, anchor, type} -- the entity holding ``anchor`` is a PERSON / ORG / LOC;
* ``not_entity`` {form, context, mention} -- the surface form is no entity (in ``context``,
  :mod:`declass.types.suppression`): left out of every entity, and dropped by later extraction;
* ``mention_type`` {mention, label} -- one mention has the wrong type;
* ``add_mention`` {mention, doc, start, end, label, text, page} -- extraction missed it;
* ``judge`` {left, right, same} -- a review-queue decision on a pair: same (a merge) or not
  (kept apart), a user judgement the clustering applies before any automatic one;
* ``keep`` {entity, anchor, flag} -- an audit flag looked at and dismissed (no effect on entities).

Only overrides not undone are read (:meth:`Store.list_overrides`). Merge, split and judge become
the cluster overrides of :func:`declass.resolve.clusters.assemble`; the others are applied here,
to the mentions before resolution and to the entities after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from declass.model import Entity, Mention, make_id
from declass.types.suppression import AFTER_CHARS, CONTEXTS, SuppressedForm, form_key, suppressed

if TYPE_CHECKING:
    from declass.store.base import Store

ACTIONS = ("merge", "split", "rename", "retype", "not_entity", "mention_type", "add_mention", "judge", "keep")
ENTITY_TYPES = ("PERSON", "ORG", "LOC")
MENTION_LABELS = ("PERSON", "ORG", "LOC", "ACRONYM", "CRYPTONYM")
# attrs key of a mention a reviewer added: the id of the override that added it.
ADDED_BY = "added_by_override"


def forms_of(overrides: Iterable[dict[str, Any]]) -> frozenset[SuppressedForm]:
    """The suppressed forms of the ``not_entity`` overrides among ``overrides``."""
    return frozenset(
        SuppressedForm(ov["args"]["form"], ov["args"].get("context", "any"))
        for ov in overrides
        if ov.get("action") == "not_entity" and ov["args"].get("context", "any") in CONTEXTS
    )


def suppressed_forms(store: Store) -> frozenset[SuppressedForm]:
    """The store's "not an entity" forms in force: what the ingest hands to extraction."""
    return forms_of(store.list_overrides())


def added_mention(override_id: int, args: dict[str, Any]) -> Mention:
    """The mention an ``add_mention`` override stands for."""
    return Mention(
        id=args["mention"],
        doc_id=args["doc"],
        label=args["label"],
        text=args["text"],
        start=args["start"],
        end=args["end"],
        page=args.get("page", 1),
        attrs={ADDED_BY: override_id},
    )


def mention_key(doc: str, start: int, end: int, label: str) -> str:
    """The id of the mention at these offsets: the same in every store holding the document."""
    return make_id(doc, start, end, label)


@dataclass(slots=True)
class Corrections:
    """The overrides in force, read once, and what applying them did."""

    overrides: list[dict[str, Any]]
    suppressed: dict[int, int] = field(default_factory=dict)  # not_entity override id -> mentions left out
    left_out: list[str] = field(default_factory=list)  # ids of the mentions "not an entity" left out

    @classmethod
    def load(cls, store: Store) -> Corrections:
        """Read the overrides in force; store again any mention a reviewer added that a re-extraction
        of its document removed (the mention table is rewritten per document)."""
        overrides = store.list_overrides()
        added = [added_mention(ov["id"], ov["args"]) for ov in overrides if ov["action"] == "add_mention"]
        if added:
            store.add_mentions(added)
        return cls(overrides)

    @property
    def forms(self) -> frozenset[SuppressedForm]:
        return forms_of(self.overrides)

    def mentions(self, store: Store, mentions: Iterable[Mention]) -> list[Mention]:
        """The stored mentions as the reviewers corrected them: suppressed forms left out, wrong types
        relabelled, added mentions of undone overrides left out."""
        active = {ov["id"] for ov in self.overrides}
        labels = {ov["args"]["mention"]: ov["args"]["label"] for ov in self.overrides if ov["action"] == "mention_type"}
        by_form = {
            (form_key(ov["args"]["form"]), ov["args"].get("context", "any")): ov["id"]
            for ov in self.overrides
            if ov["action"] == "not_entity"
        }
        forms = self.forms
        keys = {f.key for f in forms}
        out, candidates = [], []
        for m in mentions:
            added = m.attrs.get(ADDED_BY)
            if added is not None and added not in active:
                continue
            if m.id in labels:
                m = replace(m, label=labels[m.id], attrs={**m.attrs, "typed_by": "reviewer"})
            if form_key(m.text) in keys:
                candidates.append(m)
            else:
                out.append(m)
        after = store.text_slices((m.doc_id, m.end, m.end + AFTER_CHARS) for m in candidates) if candidates else {}
        counts: Counter[int] = Counter()
        self.left_out = []
        for m in candidates:
            hit = suppressed(forms, m.text, after.get((m.doc_id, m.end, m.end + AFTER_CHARS), ""))
            if hit is None or m.attrs.get(ADDED_BY) is not None:  # a reviewer's own mention stays
                out.append(m)
            else:
                counts[by_form[(hit.key, hit.context)]] += 1
                self.left_out.append(m.id)
        self.suppressed = dict(counts)
        return out

    def cluster_overrides(self) -> list[dict[str, Any]]:
        """The overrides as :func:`~declass.resolve.clusters.assemble` reads them: a queue decision
        ``judge`` becomes a merge (same) or a two-mention split (kept apart)."""
        out = []
        for ov in self.overrides:
            if ov["action"] == "judge":
                a = ov["args"]
                if a.get("same"):
                    out.append({**ov, "action": "merge", "args": {"left": a["left"], "right": a["right"]}})
                else:
                    out.append({**ov, "action": "split", "args": {"mentions": [a["left"]], "rest": [a["right"]]}})
            elif ov["action"] in ("merge", "split", "rename"):
                out.append(ov)
        return out

    def retype(self, entities: Sequence[Entity]) -> list[Entity]:
        """Entities with the types reviewers gave them (the latest ``retype`` of an anchor wins)."""
        types = {ov["args"]["anchor"]: ov["args"]["type"] for ov in self.overrides if ov["action"] == "retype"}
        if types:
            for e in entities:
                chosen = [types[m] for m in e.mention_ids if m in types]
                if chosen and chosen[-1] != e.type:
                    e.attrs["auto_type"], e.type = e.type, chosen[-1]
        return list(entities)
