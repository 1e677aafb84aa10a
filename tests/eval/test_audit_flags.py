"""The name checks of ``declass audit``, on names the jfk-corpus and issue 10 show."""

from __future__ import annotations

import pytest

from declass.eval.audit import agent_numbers, audit, given_conflict, name_keys, person_given
from declass.eval.audit_flags import damaged, non_entity
from declass.model import Entity


@pytest.mark.parametrize(
    ("name", "etype", "reason"),
    [
        ("Subject", "PERSON", "form word"),
        ("Subjcct", "PERSON", "OCR form of 'subject'"),
        ("Top Secret", "PERSON", "form word"),
        ("Headquarters", "PERSON", "form word"),
        ("Counsel", "PERSON", "form word"),
        ("UNEVALUATED", "ORG", "form word"),
        ("Agency", "ORG", "form word"),
        ("Havana y. Subject", "PERSON", "not a person: 'subject' is no part of a name"),
        ("Prague Station", "PERSON", "not a person: 'station' is no part of a name"),
        ("l. Oe &. Oi", "PERSON", "debris: one- and two-letter fragments"),
        ("=. t. a. -. Se", "PERSON", "debris: one- and two-letter fragments"),
        ("2. Ho Ho", "PERSON", "debris: one- and two-letter fragments"),
        ("Cee Se", "PERSON", "debris: short fragments only"),
        ("ge", "ORG", "debris: a fragment of three letters or fewer, not in capitals"),
        ("OO", "ORG", "debris: one letter repeated"),
        ("-- ..", "LOC", "empty name"),
        ("13-00000 #", "LOC", "debris: no letters"),
    ],
)
def test_non_entities_are_flagged(name: str, etype: str, reason: str) -> None:
    assert non_entity(name, etype) == reason


@pytest.mark.parametrize(
    ("name", "etype"),
    [
        ("Fidel Castro", "PERSON"),
        ("Vladimir Aleksandrovich Tretyakov", "PERSON"),
        ("Ho Chi Minh", "PERSON"),
        ("CIA", "ORG"),
        ("NTS", "ORG"),
        ("U.S.", "LOC"),
        ("D.C.", "LOC"),
        ("Mexico City", "LOC"),
    ],
)
def test_real_names_are_not_non_entities(name: str, etype: str) -> None:
    assert non_entity(name, etype) is None


@pytest.mark.parametrize(
    ("name", "etype", "reason"),
    [
        ("Lee i. Harvey Oswald", "PERSON", "lower-case word 'i.'"),
        ("Fidel ». Castro", "PERSON", "debris character"),
        ("Guy 003620 Vitale", "PERSON", "digits in name"),
        ("Amfauna-14", "PERSON", "cryptonym not in capitals"),
        ("Os\x02wald", "PERSON", "debris character"),
        ("Mario Mm", "PERSON", "two-letter fragment 'Mm'"),
        ("Aatl- Castro", "PERSON", "word cut at a hyphen 'Aatl-'"),
        ("Anbassador Thompson", "PERSON", "OCR-damaged title 'Anbassador' (ambassador)"),
        ("National Security Files\nAGENCY", "ORG", "line break or repeated spaces inside"),
    ],
)
def test_damaged_names_are_flagged(name: str, etype: str, reason: str) -> None:
    assert damaged(name, etype) == reason


@pytest.mark.parametrize(
    ("name", "etype"),
    [
        ("Manuel F. Artime Buesa", "PERSON"),
        ("Jorge Barcello Villagran Alvarez", "PERSON"),
        ("Peter J. Di Gerveno", "PERSON"),
        ("Balmes Nieves Hidalgo Jr.", "PERSON"),
        ("General Walter Bedell Smith", "PERSON"),
        ("AMLASH-1", "ORG"),
        ("AMLASH-1", "PERSON"),  # an agent number names an individual
        ("AMTRUNK-10", "PERSON"),
        ("WH/FI", "ORG"),
        ("Alpha 66", "ORG"),
    ],
)
def test_well_formed_names_are_not_damaged(name: str, etype: str) -> None:
    assert damaged(name, etype) is None


def test_different_given_names_conflict_but_middle_names_and_ocr_do_not() -> None:
    assert given_conflict(["Fidel Castro", "Agapito Robledo Castro"]) == ("Fidel Castro", "Agapito Robledo Castro")
    assert given_conflict(["Lee Harvey Oswald", "Harvey Oswald", "Oswald"]) is None
    assert given_conflict(["Nikolai Peyk", "Eikolai Peyk"]) is None
    assert given_conflict(["E. Howard Hunt", "Howard Hunt"]) is None
    assert given_conflict(["William K. Harvey", "HARVEY, Mrs."]) is None  # a title, not a given name


def test_given_name_of_surname_first_capitals() -> None:
    assert person_given("HIDALGO, Jr., Balmes Nieves") == "balmes"
    assert person_given("MORGAN, Edward P.") == "edward"
    assert person_given("Castro") is None


def test_agent_numbers_distinguish_individuals() -> None:
    assert agent_numbers(["AMFAUNA-1", "AMFAUNA-3", "AMFAUNA/14", "AMFAUNA-39", "AMFAUNA"]) == {"AMFAUNA": {"1", "3", "14", "39"}}
    assert agent_numbers(["AMMUG/1", "AMMUG-1"]) == {"AMMUG": {"1"}}


def test_name_keys_join_forms_of_one_name_only() -> None:
    assert name_keys("E. Howard Hunt", "PERSON") == name_keys("Howard Hunt", "PERSON")
    assert name_keys("HIDALGO, Balmes", "PERSON") == name_keys("Balmes Hidalgo", "PERSON")
    assert name_keys("Castro", "PERSON") == set()  # a surname alone is no full name
    assert name_keys("U.S.", "LOC") == name_keys("US", "LOC")
    assert name_keys("AMWEST/1", "ORG") != name_keys("AMWEST/2", "ORG")


class _Store:
    """Just enough of a store for the audit: entities of one type, most mentioned first."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = sorted(entities, key=lambda e: -len(e.mention_ids))

    def list_entities(self, *, type: str, limit: int, offset: int) -> list[Entity]:
        return [e for e in self.entities if e.type == type][offset : offset + limit]


def _entity(eid: str, etype: str, name: str, variants: dict[str, int]) -> Entity:
    mentions = [f"{eid}-{i}" for i in range(sum(variants.values()))]
    return Entity(eid, etype, name, variants=variants, mention_ids=mentions, doc_ids=["d"])


def test_audit_report_flags_and_counts() -> None:
    store = _Store(
        [
            _entity("p1", "PERSON", "Viktor M. Baidalakov", {"Viktor M. Baidalakov": 2}),
            _entity("p2", "PERSON", "Viktor I. Baidalakov", {"Viktor I. Baidalakov": 1}),
            _entity("p3", "PERSON", "Subject", {"Subject": 5, "Subjcct": 1}),
            _entity("p4", "PERSON", "Yuri Nosenko", {"Yuri Nosenko": 3}),
            _entity("p5", "PERSON", "Fidel Castro", {"Fidel Castro": 4, "Agapito Robledo Castro": 1}),
            _entity("o1", "ORG", "AMFAUNA-1", {"AMFAUNA-1": 2, "AMFAUNA-14": 1}),
            _entity("o2", "ORG", "NOSENKO", {"NOSENKO": 2}),
            _entity("o3", "ORG", "ge", {"ge": 1}),
        ]
    )
    report = audit(store, types=["PERSON", "ORG"], top=100)  # type: ignore[arg-type]
    flags = {r["name"]: [f["flag"] for f in r["flags"]] for t in report["types"].values() for r in t["top"]}
    assert flags == {
        "Subject": ["non_entity"],
        "Fidel Castro": ["merged"],
        "Yuri Nosenko": [],
        "Viktor M. Baidalakov": ["split"],
        "Viktor I. Baidalakov": ["split"],
        "AMFAUNA-1": ["merged"],
        "NOSENKO": ["wrong_type"],
        "ge": ["non_entity"],
    }
    person = report["types"]["PERSON"]["counts"]
    assert person["entities"] == 5 and person["mentions"] == 17 and person["singletons"] == 1
    assert person["junk_in_top"] == 1 and person["merged_in_top"] == 1 and person["split_in_top"] == 2
    assert report["types"]["ORG"]["counts"]["junk_share"] == round(2 / 3, 4)
    assert report["types"]["ORG"]["counts"]["agent_merges"] == 1 and person["agent_merges"] == 0


def test_the_extraction_data_file_is_used() -> None:
    # Rows of declass/data/non_entities.tsv that the audit's own form words do not hold.
    assert non_entity("AIRTEL", "ORG") == "cable (non_entities.tsv)"
    assert non_entity("13-00000", "LOC") is not None  # a page marker: no letters
    assert non_entity("Fidel Castro", "PERSON") is None
