"""One entity per real thing, and no more: surnames, given-name forms, titles, countries."""

from __future__ import annotations

from typer.testing import CliRunner

from declass.cli import app
from declass.model import Document
from declass.resolve import resolve, resolve_store
from declass.store import open_store

from .conftest import entity_with, mention, printed


def test_a_bare_surname_with_several_bearers_stays_a_labelled_surname_entity() -> None:
    # The baseline gave 220 "Castro" mentions in 59 records to "Agapito Robledo Castro".
    ms = printed(d1=["Agapito Robledo Castro"], d2=["Fidel Castro", "Fidel Castro"], d3=["Castro"], d4=["Castro", ("CIA", "ORG")])
    judgements, entities = resolve(ms)
    castro = entity_with(entities, ms[3])
    assert castro.id == entity_with(entities, ms[4]).id
    assert castro.attrs["surname_only"] is True and castro.name == "Castro"
    assert {p["name"] for p in castro.attrs["possibly"]} == {"Fidel Castro", "Agapito Robledo Castro"}
    assert castro.attrs["possibly"][0]["name"] == "Fidel Castro"  # the most mentioned first
    assert entity_with(entities, ms[0]).id != castro.id != entity_with(entities, ms[1]).id
    assert any(j.rule == "surname_only" and j.same is None for j in judgements)


def test_a_bare_surname_joins_the_only_bearer_when_the_documents_share_a_name() -> None:
    ms = printed(d1=["E. Howard Hunt", "Artime"], d2=["Howard Hunt"], d3=["Hunt", "Artime"])
    judgements, entities = resolve(ms)
    hunt = entity_with(entities, ms[0])
    assert hunt.id == entity_with(entities, ms[2]).id == entity_with(entities, ms[3]).id
    assert hunt.name == "E. Howard Hunt" and "surname_only" not in hunt.attrs
    (j,) = [j for j in judgements if j.rule == "unique_full_name"]
    assert j.evidence["features"]["shared_context"] > 0 and j.evidence["candidates"] == ["E. Howard Hunt"]


def test_the_same_document_naming_the_person_is_evidence_enough() -> None:
    ms = printed(d1=["Agapito Robledo Castro", "Castro"], d2=["Fidel Castro"])
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id == entity_with(entities, ms[1]).id != entity_with(entities, ms[2]).id


def test_different_middle_initials_stay_a_doubt_not_a_merge() -> None:
    forms = ["Viktor I. Baidalakov", "Viktor M. Baidalakov", "Baidalakov"]
    ms = [mention(f"d{i}", f, n=0) for i, f in enumerate(forms)]
    judgements, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id != entity_with(entities, ms[1]).id
    assert any(j.rule == "middle_conflict" and j.same is None for j in judgements)
    assert entity_with(entities, ms[2]).attrs.get("surname_only") is True  # two bearers: not attached


def test_a_title_from_extraction_is_kept_as_an_attribute_not_a_name() -> None:
    ms = [mention("d1", "Senor Manuel Artime", n=0, title="Senor"), mention("d2", "Manuel Artime", n=0)]
    _, entities = resolve(ms)
    e = entity_with(entities, ms[0])
    assert e.id == entity_with(entities, ms[1]).id and e.name == "Manuel Artime" and e.attrs["titles"] == ["Senor"]


def test_country_forms_from_extraction_are_one_place() -> None:
    forms = ["US", "U.S.", "USA", "the United States", "United States"]
    ms = [mention(f"d{i}", f, "LOC", n=0, country="United States") for i, f in enumerate(forms)]
    ms.append(mention("d9", "Cuba", "LOC", n=0, country="Cuba"))
    _, entities = resolve(ms)
    us = entity_with(entities, ms[0])
    assert us.name == "United States" and set(us.variants) == set(forms)
    assert entity_with(entities, ms[-1]).id != us.id


def test_why_shows_the_surname_evidence_and_the_candidates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'x.db'}"
    store = open_store(url)
    ms = printed(d1=["Fidel Castro"], d2=["Raul Castro"], d3=["Castro"])
    for d in ("d1", "d2", "d3"):
        own = [m for m in ms if m.doc_id == d]
        store.add_document(Document(d, d, "text/plain", text=" " * 500, clean_text=" " * 500, mentions=own))
    resolve_store(store)
    (castro,) = [e for e in store.list_entities(limit=50) if e.name == "Castro"]
    store.close()
    out = CliRunner().invoke(app, ["entity", castro.id, "--why", "--db", url]).output
    assert "surname only" in out and "possibly also: Fidel Castro" in out.replace("\n", " ")
    assert "Raul Castro" in out


def test_of_several_bearers_the_only_one_sharing_names_with_the_document_is_evidence() -> None:
    ms = printed(
        d1=["Fidel Castro", "Kennedy"],
        d2=["Agapito Robledo Castro", "Lopez Mateos"],
        d3=["Castro", "Kennedy"],
        d4=["Castro"],
    )
    judgements, entities = resolve(ms)
    assert entity_with(entities, ms[4]).id == entity_with(entities, ms[0]).id  # d3 also names Kennedy
    alone = entity_with(entities, ms[6])
    assert alone.attrs["surname_only"] is True and alone.id != entity_with(entities, ms[0]).id
    assert any(j.rule == "only_bearer_in_context" and j.same for j in judgements)


def test_a_surname_printed_as_debris_is_not_chained_across_documents() -> None:
    ms = printed(d1=["ho"], d2=["ho"], d3=["Carlos Ho"], d4=["Geddes"], d5=["Geddes"])
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id != entity_with(entities, ms[1]).id
    assert entity_with(entities, ms[3]).id == entity_with(entities, ms[4]).id


def test_a_bare_surname_of_many_records_does_not_attach_to_one_damaged_full_name_printed_once() -> None:
    # jfk-corpus: "BATISTA, Yeireano" printed once; "Batista" alone in six records, sharing names with it.
    full = printed(d0=["BATISTA, Yeireano", "Fidel Castro"])
    bare = [m for k in (1, 2, 3) for m in (mention(f"d{k}", "Batista", n=0), mention(f"d{k}", "Fidel Castro", n=1))]
    _, entities = resolve(full + bare)
    surname = entity_with(entities, bare[0])
    assert surname.id != entity_with(entities, full[0]).id and surname.attrs["surname_only"] is True
    assert [p["name"] for p in surname.attrs["possibly"]] == ["Yeireano Batista"]
    assert len({entity_with(entities, m).id for m in bare[::2]}) == 1
    # A known given name, or a full name printed twice, still takes them (evidence as before).
    for form in ("BATISTA, Fulgencio", "BATISTA, Yeireano"):
        twice = [mention("d0", form, n=0), mention("d0", "Yeireano BATISTA" if "Yei" in form else form, n=2)]
        _, entities = resolve(full[1:] + twice + bare)
        assert entity_with(entities, bare[0]).id == entity_with(entities, twice[0]).id, form
