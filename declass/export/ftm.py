"""FollowTheMoney entities (JSON lines), ready for ``ftm`` tools and Aleph (``alephclient write-entities``).

Mapping: PERSON -> Person, ORG -> Organization, LOC -> Address; each stored document -> Document
(title, file name, date, clean text); an entity named in a document -> Documentation (role
"mentioned", with a quote); a claim between two exported entities -> Membership (``member_of``
from a person/organisation to an organisation) or UnknownLink (anything else), carrying the
predicate, hedge and citation in ``role``/``status``/``summary``. Ids are deterministic.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import IO, Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from declass.export.tables import iter_documents, iter_entities
from declass.store.base import Store

SCHEMA_FOR = {"PERSON": "Person", "ORG": "Organization", "LOC": "Address"}
MEMBERSHIP_PREDICATES = {"member_of", "member", "works_for", "employed_by", "officer_of", "leader_of", "head_of"}


def _proxy(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id("declass", *key)
    return proxy


def _write(out: IO[str], proxy: EntityProxy) -> None:
    out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def write_ftm(store: Store, out: IO[str]) -> int:
    """Write FtM entities as JSON lines; returns how many were written."""
    n = 0
    doc_proxy: dict[str, str] = {}
    for d in iter_documents(store):
        p = _proxy("Document", "document", d["id"])
        p.add("title", d.get("title") or d.get("number") or d["id"])
        p.add("fileName", str(d.get("source_path") or d.get("file") or "").rsplit("/", 1)[-1] or None)
        p.add("date", d.get("doc_date"))
        p.add("recordId" if "recordId" in p.schema.properties else "keywords", d.get("number"))
        p.add("keywords", [v for v in (d.get("classification"), d.get("doc_type"), d.get("collection")) if v])
        try:
            doc = store.get_document(d["id"])
            p.add("bodyText", doc.clean_text)
            p.add("mimeType", doc.media_type)
        except Exception:  # noqa: BLE001 - a summary without its text is still worth exporting
            pass
        doc_proxy[d["id"]] = p.id  # type: ignore[assignment]
        _write(out, p)
        n += 1
    entity_proxy: dict[str, EntityProxy] = {}
    entity_of_mention: dict[str, str] = {}
    for e in iter_entities(store):
        schema = SCHEMA_FOR.get(e.type)
        if schema is None:
            continue
        p = _proxy(schema, "entity", e.id)
        if schema == "Address":
            p.add("full", e.name)
        else:
            p.add("name", e.name)
            p.add("alias", [v for v in [*e.variants, *e.aliases] if v != e.name])
        entity_proxy[e.id] = p
        for mid in e.mention_ids:
            entity_of_mention[mid] = e.id
        _write(out, p)
        n += 1
    docs_of: dict[str, dict[str, str]] = defaultdict(dict)  # entity -> doc -> a surface form
    for m in store.iter_mentions():
        eid = entity_of_mention.get(m.id)
        if eid and m.doc_id not in docs_of[eid]:
            docs_of[eid][m.doc_id] = m.text
    for eid, docs in docs_of.items():
        for doc_id, surface in docs.items():
            if doc_id not in doc_proxy:
                continue
            link = _proxy("Documentation", "documentation", eid, doc_id)
            link.add("document", doc_proxy[doc_id])
            link.add("entity", entity_proxy[eid].id)
            link.add("role", "mentioned")
            link.add("summary", f"named as {surface!r}")
            _write(out, link)
            n += 1
    for c in store.iter_claims():
        a, b = entity_of_mention.get(c.subject), entity_of_mention.get(c.object or "")
        if not a or not b or a == b:
            continue
        pa, pb = entity_proxy[a], entity_proxy[b]
        if c.predicate in MEMBERSHIP_PREDICATES and pb.schema.name == "Organization" and pa.schema.is_a("LegalEntity"):
            link = _proxy("Membership", "claim", c.id)
            link.add("member", pa.id)
            link.add("organization", pb.id)
        else:
            link = _proxy("UnknownLink", "claim", c.id)
            link.add("subject", pa.id)
            link.add("object", pb.id)
        link.add("role", c.predicate + (" (negated)" if c.negated else ""))
        link.add("status", c.hedge)
        if c.time:
            link.add("date", c.time.split("/")[0], quiet=True)
        link.add("summary", c.citation.quote if c.citation else None)
        link.add("description", f"{c.hedge}; speaker: {c.speaker}" + ("; unevaluated information" if c.unevaluated else ""))
        link.add("recordId", c.id)
        _write(out, link)
        n += 1
    return n


def read_ftm(lines: IO[str]) -> list[Any]:
    """Read FtM JSON lines back into entity proxies (used by the round-trip test)."""
    return [model.get_proxy(json.loads(line)) for line in lines if line.strip()]
