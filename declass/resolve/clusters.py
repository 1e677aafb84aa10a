"""Clusters are the connected components of positive judgements, assembled when read.

Order of assembly, so that the outcome is deterministic and a user's word is final:
1. manual overrides in the order they were made (a merge joins even across a "keep apart";
   a split keeps the named mentions apart from the rest);
2. negative judgements become cannot-links between components;
3. positive judgements, best score first, join components unless a cannot-link forbids it.
Nothing is destroyed: undoing a merge is one more override, re-applied on every re-resolution.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from declass.model import Entity, Judgement, Mention, make_id
from declass.resolve.crypt import digraphs
from declass.resolve.naming import canonical_name, compared_text, name_text
from declass.resolve.nodes import cryptonym_of
from declass.types.names import PersonName, parse_person
from declass.types.wordlists import given_names


class UnionFind:
    """Disjoint sets over ids with cannot-links between sets."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}
        self.cannot: dict[str, set[str]] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def blocked(self, ra: str, rb: str) -> bool:
        """Whether a cannot-link separates two roots (cannot-sets always hold current roots)."""
        return rb in self.cannot.get(ra, ())

    def forbid(self, a: str, b: str) -> None:
        """Keep the sets of a and b apart from now on (no effect if already joined)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            forbid_roots(self.cannot, ra, rb)

    def union(self, a: str, b: str, *, force: bool = False) -> bool:
        """Join the sets of a and b; refused (False) when a cannot-link separates them, unless forced."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.blocked(ra, rb):
            return False
        if self.size.get(ra, 1) < self.size.get(rb, 1):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] = self.size.get(ra, 1) + self.size.get(rb, 1)
        move_cannot(self.cannot, ra, rb)
        return True


def forbid_roots(cannot: dict[Any, set[Any]], ra: Any, rb: Any) -> None:
    """Record a cannot-link between two distinct roots, both ways."""
    cannot.setdefault(ra, set()).add(rb)
    cannot.setdefault(rb, set()).add(ra)


def move_cannot(cannot: dict[Any, set[Any]], ra: Any, rb: Any) -> None:
    """After root ``rb`` joined ``ra``: its cannot-links become ``ra``'s, so every cannot-set stays
    keyed by current roots (shared by the union-find over ids and the one over integers)."""
    moved = cannot.pop(rb, None)
    if moved:
        mine = cannot.setdefault(ra, set())
        for other in moved:
            theirs = cannot[other]
            theirs.discard(rb)
            if other != ra:
                theirs.add(ra)
                mine.add(other)
        mine.discard(ra)
        mine.discard(rb)


def override_judgements(overrides: Sequence[dict[str, Any]]) -> list[Judgement]:
    """The user judgements a list of overrides stands for (rename changes no membership)."""
    out: list[Judgement] = []
    for ov in overrides:
        action, args = ov.get("action"), ov.get("args", {})
        ev = {"override": action, "args": args}
        if action == "merge":
            out.append(Judgement(args["left"], args["right"], True, 1.0, "user_merge", ev, "user"))
        elif action == "split":
            part, rest = list(args.get("mentions", [])), list(args.get("rest", []))
            sp, sr = set(part), set(rest)
            # A later split supersedes an earlier merge across its cut.
            out = [j for j in out if not ((j.left in sp and j.right in sr) or (j.left in sr and j.right in sp))]
            out += [Judgement(part[0], m, True, 1.0, "user_split", ev, "user") for m in part[1:]]
            out += [Judgement(rest[0], m, True, 1.0, "user_split", ev, "user") for m in rest[1:]]
            if part and rest:
                out.append(Judgement(part[0], rest[0], False, 1.0, "user_split", ev, "user"))
    return out


def assemble(
    mention_ids: Iterable[str], judgements: Sequence[Judgement], overrides: Sequence[dict[str, Any]] = ()
) -> tuple[UnionFind, list[int]]:
    """Union-find over mentions from overrides and judgements; also the indexes of accepted positives."""
    uf = UnionFind()
    for mid in mention_ids:
        uf.find(mid)
    for j in override_judgements(overrides):
        if j.same:
            uf.union(j.left, j.right, force=True)
        elif j.same is False:
            uf.forbid(j.left, j.right)
    for j in judgements:
        if j.same is False and j.left in uf.parent and j.right in uf.parent:
            uf.forbid(j.left, j.right)
    order = sorted(
        (i for i, j in enumerate(judgements) if j.same), key=lambda i: (judgements[i].source != "user", -judgements[i].score, i)
    )
    accepted = []
    for i in order:
        j = judgements[i]
        if j.left in uf.parent and j.right in uf.parent and uf.union(j.left, j.right, force=j.source == "user"):
            accepted.append(i)
    return uf, accepted


def entity_id(mention_ids: Sequence[str]) -> str:
    """Stable entity id: a hash of the lowest mention id of the cluster."""
    return make_id("entity", min(mention_ids))


def build_entities(
    mentions: dict[str, Mention],
    types: dict[str, str],
    uf: UnionFind,
    judgements: Sequence[Judgement],
    accepted: Sequence[int],
    overrides: Sequence[dict[str, Any]] = (),
    context: dict[str, list[str]] | None = None,
) -> list[Entity]:
    """Entities from the components: canonical name, variants, aliases (alias links kept apart), confidence, doubts."""
    members: dict[str, list[str]] = defaultdict(list)
    for mid in mentions:
        members[uf.find(mid)].append(mid)
    shown = {mid: compared_text(name_text(m), types[mid]) for mid, m in mentions.items()}
    names = UnionFind()  # components without alias edges: an entity's groups of names
    confidence: dict[str, float] = {}
    alias_evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in accepted:
        j = judgements[i]
        root = uf.find(j.left)
        confidence[root] = min(confidence.get(root, 1.0), j.score)
        if j.rule == "alias":
            alias_evidence[root].append({"left": j.left, "right": j.right, **j.evidence})
        else:
            names.union(j.left, j.right, force=True)
    for j in override_judgements(overrides):
        if j.same and j.left in mentions and j.right in mentions:
            names.union(j.left, j.right, force=True)  # a user's merge joins names, not aliases
    doubts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for j in judgements:
        if j.same is None and j.left in mentions and j.right in mentions:
            doubt = {"left": j.left, "right": j.right, "score": j.score, "rule": j.rule, "forms": j.evidence.get("forms")}
            doubts[uf.find(j.left)].append(doubt)
            if uf.find(j.right) != uf.find(j.left):
                doubts[uf.find(j.right)].append(doubt)
    renames = {ov["args"]["anchor"]: ov["args"]["name"] for ov in overrides if ov.get("action") == "rename"}
    entities = []
    for root, mids in members.items():
        mids.sort()
        groups: dict[str, list[str]] = defaultdict(list)
        for mid in mids:
            groups[names.find(mid)].append(mid)
        ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
        # The type most of its mentions have (an acronym link can join one ORG mention to a place).
        kinds = Counter(types[m] for m in mids)
        etype = max(kinds, key=lambda t: (kinds[t], t == types[mids[0]]))
        variants = Counter(mentions[m].text for m in ordered[0])  # surface forms, "Subject" included
        aliases = sorted({canonical_name(etype, Counter(shown[m] for m in g)) for g in ordered[1:]})
        crypts = Counter(c.canonical for m in ordered[0] if (c := cryptonym_of(mentions[m])) is not None)
        # The most frequent form, a known digraph first, then the shorter (OCR inserts: AMNCARBON-2).
        cryptonym = (
            max(crypts, key=lambda k: (k[:2] in digraphs(), crypts[k], -len(k), k))
            if crypts and sum(crypts.values()) * 2 > len(ordered[0])
            else None
        )
        given = Counter(shown[m] for m in ordered[0])
        norms = [n for m in ordered[0] if (n := mentions[m].norm)]
        name = canonical_name(etype, given, cryptonym=cryptonym, spellings=norms)
        attrs: dict[str, Any] = {"confidence": round(confidence.get(root, 1.0), 3)}
        if given != variants:  # "Subject", "KUBARK": the names they stand for, which later runs compare
            attrs["names"] = dict(given.most_common())
        retyped = {mentions[m].text: mentions[m].attrs["corpus_type"] for m in mids if "corpus_type" in mentions[m].attrs}
        if retyped:  # the type decided by the corpus: what the model said, and why (entity --why)
            attrs["retyped"] = [{"form": form, **ev} for form, ev in sorted(retyped.items())]
        titles = sorted({t for m in mids if isinstance(t := mentions[m].attrs.get("title"), str) and t})
        if titles:
            attrs["titles"] = titles
        if cryptonym:
            attrs["cryptonym"] = cryptonym
        renamed = [renames[m] for m in mids if m in renames]
        if renamed:
            attrs["auto_name"], name = name, renamed[-1]
        if alias_evidence.get(root):
            attrs["alias_evidence"] = alias_evidence[root]
        if doubts.get(root):
            attrs["doubts"] = doubts[root]
        if context is not None:
            attrs["context"] = sorted({t for m in mids for t in context.get(mentions[m].doc_id, [])})[:20]
        entities.append(
            Entity(
                id=entity_id(mids),
                type=etype,
                name=name,
                variants=dict(variants.most_common()),
                aliases=aliases,
                mention_ids=mids,
                doc_ids=sorted({mentions[m].doc_id for m in mids}),
                attrs=attrs,
            )
        )
    _mark_surname_only(entities, shown)
    entities.sort(key=lambda e: (-len(e.mention_ids), e.id))
    return entities


def _bare(p: PersonName) -> bool:
    return p.given is None and not p.middle and bool(p.surname)


def _mark_surname_only(entities: list[Entity], shown: dict[str, str]) -> None:
    """Label entities named by a bare surname, with the persons they are possibly also (their doubts)."""
    owner = {m: e for e in entities for m in e.mention_ids}
    for e in entities:
        if e.type != "PERSON" or "cryptonym" in e.attrs:
            continue
        people = [parse_person(shown[m]) for m in e.mention_ids]
        named = parse_person(e.name)
        if not all(_bare(p) for p in people):
            # Named by a bare surname all the same when that is its best-formed name: the fuller
            # forms are debris ("Q Ladd Keay" beside KEAY, a routing list read as one name).
            if " " in e.name.strip() or not _bare(named):
                continue
            people = [named]
        e.attrs["surname_only"] = True
        if all(" " not in p.display.strip() and p.display.strip().capitalize() in given_names() for p in people):
            e.attrs["given_name_only"] = True  # "Carlos" alone: no document named one Carlos to join
        possibly: dict[str, str] = {}
        for d in e.attrs.get("doubts", []):
            if d.get("rule") in ("surname_only", "feminine_full_name"):
                other = owner.get(d["right"] if owner.get(d["left"]) is e else d["left"])
                if other is not None and other.id != e.id:
                    possibly[other.id] = other.name
        if possibly:
            e.attrs["possibly"] = [{"id": k, "name": v} for k, v in possibly.items()]  # most mentioned first
