"""The quality report of a store: ``declass audit``.

Per entity type, the most-mentioned entities with flags an archivist acts on:

* ``non_entity`` - the name is a form word, marking or OCR debris ("Subject", "Top Secret", "ge");
* ``damaged`` - a real name carrying stray tokens, digits, bad case or debris ("Fidel ». Castro");
* ``wrong_type`` - a person's surname in capitals filed as an organisation ("NOSENKO"), a place
  filed as a person;
* ``merged`` - the entity's own variants conflict: different given names ("Fidel Castro" and
  "Agapito Robledo Castro"), different cryptonym agent numbers (AMFAUNA-1 and AMFAUNA-14), a woman
  named by her patronymic with the bare masculine surname, organisation names differing in a
  word, a place with the larger place it lies in (:mod:`declass.eval.audit_merged`);
* ``split`` - the same full name is also the name or a variant of other entities of the type.

Plus the counts: entities, mentions, the share of singletons (one mention) and the share of junk
(non-entity, damaged or wrong type) in the top N. The report reads the store and writes nothing. The checks on
single names live in :mod:`declass.eval.audit_flags`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from declass.eval.audit_corpus import Corpus
from declass.eval.audit_flags import TITLE_WORDS, common_words, damaged, known_orgs, known_places, non_entity
from declass.eval.audit_merged import place_within, woman_and_bare_surname, word_conflict
from declass.model import Entity
from declass.pipeline.extract import gazetteer
from declass.resolve.compare import damaged_given
from declass.store import Store
from declass.store.base import paged
from declass.types import wordlists
from declass.types.names import fold, given_group

TYPES = ("PERSON", "ORG", "LOC")
DEFAULT_TOP = 100
TITLES = wordlists.titles(lower=True)  # dropped in front of a name (data/titles.tsv)
_AGENT = re.compile(r"^([A-Za-z]{2}[A-Za-z]{2,})\s?[-/]\s?(\d{1,3})$")
JUNK = ("non_entity", "damaged", "wrong_type")  # the flags counted as junk in the top N
SAME_GIVEN = 80.0  # RapidFuzz ratio at or above which two given names are one name with OCR damage


def _words(name: str) -> list[str]:
    """Letter words of a name, case-folded, leading titles dropped."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", name)]
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


def person_given(name: str) -> str | None:
    """The given name of a person name as printed: "Fidel Castro" -> fidel, "HIDALGO, Balmes" ->
    balmes; None for a surname alone or an initial. A common English word is no given name
    ("CHAYES, Legal [Adviser]", "REUTEMAN, As")."""
    common = common_words()
    if "," in name:
        surname, _, rest = name.partition(",")
        words = [w for w in _words(rest) if w not in common]
        given = next((w for w in words if w not in TITLES and w not in ("jr", "sr")), None)
        return given if given and len(given) > 1 and _words(surname) else None
    words = [w for w in _words(name) if w not in common]
    return words[0] if len(words) >= 2 and len(words[0]) > 1 else None


def given_conflict(variants: Iterable[str]) -> tuple[str, str] | None:
    """Two variants whose given names differ (neither names the other's given name, not an OCR
    variant of it), or None."""
    forms = [(v, person_given(v), set(_words(v))) for v in variants]
    named = [(v, g, ws) for v, g, ws in forms if g]
    for i, (va, ga, wa) in enumerate(named):
        for vb, gb, wb in named[i + 1 :]:
            if ga == gb or ga in wb or gb in wa or ga.startswith(gb) or gb.startswith(ga):  # type: ignore[union-attr,arg-type]
                continue
            if fuzz.ratio(ga, gb) >= SAME_GIVEN or damaged_given(ga, gb) or given_group(fold(ga)) == given_group(fold(gb)):  # type: ignore[arg-type]
                continue  # an OCR form of the other: "Fidsi CASTRO" for Fidel
            return va, vb
    return None


def agent_numbers(variants: Iterable[str]) -> dict[str, set[str]]:
    """Cryptonym word -> the distinct agent numbers among the variants ("AMFAUNA-1", "AMFAUNA/14")."""
    found: dict[str, set[str]] = defaultdict(set)
    for v in variants:
        m = _AGENT.match(v.strip())
        if m:
            found[m.group(1).upper()].add(str(int(m.group(2))))
    return found


def name_keys(name: str, etype: str) -> set[str]:
    """Keys under which two entities hold "the same name": a person's full name (two or more words
    besides initials, in any order), an organisation's or place's letters ("U.S." = "US")."""
    if etype == "PERSON":
        words = [w for w in _words(name) if len(w) > 1]
        return {" ".join(sorted(words))} if len(words) >= 2 else set()
    # Digits stay: AMWEST/1 and AMWEST/2 are different agents, not one name.
    letters = "".join(re.findall(r"[^\W_]+", name.casefold()))
    letters = re.sub(r"^the", "", letters)
    return {letters} if len(letters) >= 2 else set()


def wrong_type(entity: Entity, surnames: dict[str, str]) -> str | None:
    """Why an entity seems filed under the wrong type: an organisation named by a person's surname
    in capitals ("NOSENKO") or by a known place ("MEXICO"), a person named like a known place."""
    folded = " ".join(entity.name.split()).casefold()
    if entity.type in ("ORG", "PERSON") and folded in known_places():
        return "a known place"
    if entity.type == "ORG" and gazetteer.country_of(entity.name) is not None:
        return "a country"
    if entity.type in ("ORG", "LOC") and " " not in folded and folded.capitalize() in gazetteer.given_names():
        return "a given name"
    if entity.type == "LOC" and folded.rstrip(".") in {t.casefold() for t in gazetteer.titles()} | TITLE_WORDS:
        return "a title"
    if entity.type == "LOC" and folded.split()[-1:] in (["embassy"], ["consulate"], ["government"], ["ministry"]):
        return "an organisation"
    if entity.type == "ORG" and entity.name.isupper() and " " not in entity.name.strip():
        if folded in surnames and folded not in known_orgs():
            return f"surname of the person {surnames[folded]!r}"
    return None


def person_surnames(store: Store) -> dict[str, str]:
    """Folded surname -> a full name, over the stored PERSON entities that look like real people
    (two words or more, a given name or initial in title case, no flag on the name, a surname of
    four letters or more)."""
    people = paged(lambda limit, offset: store.list_entities(type="PERSON", limit=limit, offset=offset))
    return surnames_of(e.name for e in people)


def surnames_of(names: Iterable[str]) -> dict[str, str]:
    """Folded surname -> the first full name bearing it, of the person names that look like real
    people (see :func:`person_surnames`)."""
    out: dict[str, str] = {}
    for name in names:
        words = name.split()
        if len(words) < 2 or len(words[-1]) < 4 or not re.fullmatch(r"[A-Z](?:\.|[a-z]{2,})", words[0]):
            continue
        if non_entity(name, "PERSON") or damaged(name, "PERSON"):
            continue
        out.setdefault(words[-1].casefold(), name)
    return out


def entity_flags(
    entity: Entity, partners: list[Entity], surnames: dict[str, str] | None = None, corpus: Corpus | None = None
) -> list[dict[str, str]]:
    """The flags of one entity (see the module docstring), each with a detail for the user; with
    ``corpus``, also what the rest of the store shows (:mod:`declass.eval.audit_corpus`)."""
    flags = []
    why = non_entity(entity.name, entity.type)
    if why:
        flags.append({"flag": "non_entity", "detail": why})
    else:
        why = damaged(entity.name, entity.type)
        if why:
            flags.append({"flag": "damaged", "detail": why})
    why = wrong_type(entity, surnames or {})
    if why:
        flags.append({"flag": "wrong_type", "detail": why})
    if corpus is not None:
        flags += [f for f in corpus.flags(entity) if f["flag"] not in {g["flag"] for g in flags}]
    variants = [entity.name, *entity.variants]
    numbers = set().union(*agent_numbers(variants).values()) if variants else set()
    if len(numbers) > 1:
        examples = ", ".join(sorted(v for v in variants if _AGENT.match(v.strip()))[:4])
        flags.append({"flag": "merged", "detail": f"agent numbers {', '.join(sorted(numbers, key=int))} ({examples})"})
    if entity.type == "PERSON":
        pair = given_conflict(variants)
        if pair:
            flags.append({"flag": "merged", "detail": f"given names differ: {pair[0]!r} / {pair[1]!r}"})
        elif pair := woman_and_bare_surname(variants):
            detail = f"a woman's name and the bare masculine surname: {pair[0]!r} / {pair[1]!r}"
            flags.append({"flag": "merged", "detail": detail})
    elif entity.type == "ORG" and (pair := word_conflict(variants)):
        flags.append({"flag": "merged", "detail": f"names differ in a word: {pair[0]!r} / {pair[1]!r}"})
    elif entity.type == "LOC" and (pair := place_within(variants)):
        flags.append({"flag": "merged", "detail": f"a place and the place it lies in: {pair[0]!r} / {pair[1]!r}"})
    if partners:
        names = "; ".join(f"{' '.join(p.name.split())} ({len(p.mention_ids)})" for p in partners[:3])
        flags.append(
            {
                "flag": "split",
                "detail": f"same name in {len(partners)} other entit{'y' if len(partners) == 1 else 'ies'}: {names}",
            }
        )
    return flags


def _entities(store: Store, etype: str) -> list[Entity]:
    return list(paged(lambda limit, offset: store.list_entities(type=etype, limit=limit, offset=offset)))


def audit_type(
    store: Store,
    etype: str,
    top: int = DEFAULT_TOP,
    surnames: dict[str, str] | None = None,
    *,
    entities: list[Entity] | None = None,
    corpus: Corpus | None = None,
) -> dict[str, Any]:
    """Counts and the flagged top ``top`` entities of one type (``surnames``: see
    :func:`person_surnames`; ``entities``: the type's stored entities, most mentioned first, when
    already read; ``corpus``: every entity of the store, for the corpus-wide checks)."""
    if entities is None:
        entities = _entities(store, etype)
    by_key: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        for key in set().union(*(name_keys(n, etype) for n in [e.name, *e.variants])):
            by_key[key].append(e)
    rows: list[dict[str, Any]] = []
    for rank, e in enumerate(entities[:top], start=1):
        keys = set().union(*(name_keys(n, etype) for n in [e.name, *e.variants]))
        seen: dict[str, Entity] = {}
        for key in sorted(keys):
            for other in by_key[key]:
                if other.id != e.id:
                    seen.setdefault(other.id, other)
        partners = sorted(seen.values(), key=lambda p: -len(p.mention_ids))
        rows.append(
            {
                "rank": rank,
                "id": e.id,
                "name": e.name,
                "mentions": len(e.mention_ids),
                "documents": len(e.doc_ids),
                "flags": entity_flags(e, partners, surnames, corpus),
            }
        )
    mentions = sum(len(e.mention_ids) for e in entities)
    singletons = sum(len(e.mention_ids) == 1 for e in entities)
    # Over every entity, not only the top: the target is that none merges two agents.
    agent_merges = sum(len(set().union(*agent_numbers([e.name, *e.variants]).values())) > 1 for e in entities)

    def share(flag: str | tuple[str, ...]) -> int:
        names = (flag,) if isinstance(flag, str) else flag
        return sum(any(f["flag"] in names for f in r["flags"]) for r in rows)

    counts = {
        "entities": len(entities),
        "mentions": mentions,
        "singletons": singletons,
        "singleton_share": round(singletons / len(entities), 4) if entities else 0.0,
        "top": len(rows),
        "junk_in_top": share(JUNK),
        "junk_share": round(share(JUNK) / len(rows), 4) if rows else 0.0,
        "non_entity_in_top": share("non_entity"),
        "damaged_in_top": share("damaged"),
        "wrong_type_in_top": share("wrong_type"),
        "merged_in_top": share("merged"),
        "split_in_top": share("split"),
        "agent_merges": agent_merges,
    }
    return {"type": etype, "counts": counts, "top": rows}


def audit(store: Store, *, types: Iterable[str] = TYPES, top: int = DEFAULT_TOP) -> dict[str, Any]:
    """The quality report of the store for the given types (see the module docstring)."""
    types = list(types)
    stored = {t: _entities(store, t) for t in TYPES}  # every type: the evidence of the corpus-wide checks
    surnames = surnames_of(e.name for e in stored["PERSON"]) if "ORG" in types else {}
    corpus = Corpus(e for es in stored.values() for e in es)
    report = {t: audit_type(store, t, top, surnames, entities=stored.get(t), corpus=corpus) for t in types}
    entities = sum(r["counts"]["entities"] for r in report.values())
    singletons = sum(r["counts"]["singletons"] for r in report.values())
    return {
        "entities": entities,
        "mentions": sum(r["counts"]["mentions"] for r in report.values()),
        "singleton_share": round(singletons / entities, 4) if entities else 0.0,
        "types": report,
    }
