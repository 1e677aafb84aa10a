"""The trace's passages where a record prints the name but extraction missed it, and its budget.

The printed lines below are verbatim from the text layers of two JFK records (104-10065-10028,
the LIEMPTY notes; 104-10225-10035, an AMMUG-1 cable). The store tests ingest the LIEMPTY notes
and the Carlos Luna memo (104-10131-10010) from ``examples/jfk`` with the real pipeline.
"""

from __future__ import annotations

import pytest

from declass.errors import NotFound
from declass.model import Entity
from declass.settings import Settings
from declass.store import Store, open_store
from declass.trace import PASSAGE_CHARS, SOLE_PASSAGE_CHARS, dossier_for, trace
from declass.trace_printed import elsewhere_pattern, printed_pattern, surname_of
from declass.trace_render import to_json, to_markdown
from declass.trace_text import TEXT_TYPE
from tests.conftest import ROOT

JFK = ROOT / "examples" / "jfk"
LIEMPTY = "SCANTLING's true name is Juan N. FRAIS-RAMIRREZ. (Contract agent)"
AMMUG = (
    "DECEMBER 65 AMMUG/ 1 uvsD AS STATUS COVER INTER -UNEVER SITY COMMITTEE ... PRODUCE 2X¥ INFO THAT "
    "AMMUG/1 CONNECTED ... SEvERal OTHER CREDIT CHECKS SINCE aMMUG/| EMPLOYED BY SCHEAFFE3 ... AMMUG-14"
)


def _entity(name: str, etype: str = "PERSON") -> Entity:
    return Entity(id="e", type=etype, name=name, variants={name: 1}, mention_ids=[], doc_ids=[])


def test_a_person_is_printed_by_the_surname_in_capitals_or_title_case() -> None:
    scantling = _entity("Oliver G. Scantling")
    assert surname_of(scantling) == "Scantling"
    pattern = printed_pattern(scantling)
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer(LIEMPTY + " Scantling said; a scantling of wood")] == [
        "SCANTLING",
        "Scantling",
    ]  # the lower-case common noun is no name


def test_a_cryptonym_is_printed_with_its_agent_number_whatever_the_hyphen_became() -> None:
    pattern = printed_pattern(_entity("AMMUG-1"))
    assert pattern is not None
    # "AMMUG/ 1" and "AMMUG/1" are agent 1; "aMMUG/|" has lost its number and AMMUG-14 is another agent.
    assert [m.group(0) for m in pattern.finditer(AMMUG)] == ["AMMUG/ 1", "AMMUG/1"]
    bare = printed_pattern(_entity("AMMUG", "CRYPTONYM"))
    assert bare is not None and [m.group(0) for m in bare.finditer("AMMUG RECORDS; AMMUG/1 SAID")] == ["AMMUG"]


@pytest.mark.parametrize("name", ["Angleton", "Lee", "AMLASH", "Fidel Ca"])
def test_names_without_a_printed_surname(name: str) -> None:
    # One word (a surname entity is found by its mentions), or a cut surname of three letters or fewer.
    assert surname_of(_entity(name)) is None


# 176-10036-10134 (a CIA information telegram), verbatim: the bare "THAO" is the only mention.
THAO = 'SUBJECT © PHAM NGOC THAO., AND TUYEN .GROUP ... "PHAM: Naoc THAO; STRATEGIC HAMLET" INSPECTOR FOR" NGO DIN: NHU'


def test_a_surname_only_entity_is_printed_by_its_name_and_a_given_name_alone_is_not() -> None:
    thao = Entity(id="e", type="PERSON", name="Thao", variants={"THAO": 1}, attrs={"surname_only": True})
    assert surname_of(thao) == "Thao"
    pattern = printed_pattern(thao)
    assert pattern is not None and [m.group(0) for m in pattern.finditer(THAO)] == ["THAO", "THAO"]
    carlos = Entity(id="e", type="PERSON", name="Carlos", variants={}, attrs={"surname_only": True, "given_name_only": True})
    assert surname_of(carlos) is None


def _ingested(tmp_path_factory: pytest.TempPathFactory, name: str, paths: list[str]) -> Store:
    """A fresh store holding the records ingested with the real pipeline."""
    from declass.ingest import ingest_paths

    url = f"sqlite:///{tmp_path_factory.mktemp(name) / 'd.db'}"
    store = open_store(url)
    ingest_paths(store, paths, Settings(db=url, workers=1, extract=True, ocr="never"))
    return store


@pytest.fixture(scope="module")
def jfk_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    # and a cable (104-10006-10247) naming the Soviet Embassy, as the LIEMPTY notes do
    names = ("104-10065-10028", "104-10131-10010", "104-10006-10247")
    return _ingested(tmp_path_factory, "printed", [str(JFK / f"{n}.pdf") for n in names])


@pytest.mark.slow
def test_the_trace_quotes_a_surname_extraction_missed(jfk_store: Store) -> None:
    d = trace(jfk_store, "Scantling")
    assert d.entity.name == "Oliver G. Scantling"
    printed = [p for p in d.passages if "true name is Juan N. FRAIS-RAMIRREZ" in p.quote]
    assert printed and printed[0].document == "104-10065-10028" and printed[0].page >= 1
    text = jfk_store.get_document(printed[0].doc_id).text
    assert " ".join(text[printed[0].start : printed[0].end].split()) == printed[0].quote  # cited verbatim
    assert all(len(p.quote) <= SOLE_PASSAGE_CHARS for p in d.passages)
    assert sum(v.count for v in d.variants) == d.mention_count  # printed forms are no mentions


@pytest.mark.slow
def test_a_record_naming_the_entity_once_is_quoted_further(jfk_store: Store) -> None:
    d = trace(jfk_store, "Carlos Luna")
    [passage] = [p for p in d.passages if p.document == "104-10131-10010"]
    # "He replaced Lt. Cok Francisco RAMIREZ": what the memo says of him, five lines after his name.
    assert "LUNA" in passage.quote and "RAMIREZ" in passage.quote
    assert PASSAGE_CHARS < len(passage.quote) <= SOLE_PASSAGE_CHARS


@pytest.mark.slow
def test_passages_of_a_well_named_entity_stay_within_the_usual_cap(jfk_store: Store) -> None:
    d = trace(jfk_store, "Alvarez", pick=1)
    several = [p for p in d.passages if p.document == "104-10065-10028"]
    assert len(several) > 1 and all(len(p.quote) <= PASSAGE_CHARS for p in several)
    assert len({(p.start, p.end) for p in several}) == len(several)


@pytest.fixture(scope="module")
def oswald_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The LIEMPTY notes, where extraction marks OSWALD only as a bare surname that resolution
    keeps apart from Lee Harvey Oswald (no full name there), a cable naming LEE HARVEY OSWALD,
    and the radio-switch memo (104-10179-10167), which names Gay Alpern twice."""
    corpus = ROOT.parent / "shared" / "samples" / "jfk-corpus"
    paths = [str(JFK / "104-10065-10028.pdf"), str(corpus / "104-10326-10045.pdf"), str(JFK / "104-10179-10167.pdf")]
    return _ingested(tmp_path_factory, "elsewhere", paths)


@pytest.mark.slow
def test_the_trace_by_name_cites_a_record_printing_the_name_without_a_mention(oswald_store: Store) -> None:
    d = trace(oswald_store, "Oswald")
    assert d.entity.name == "Lee Harvey Oswald"
    listed = {doc.number: doc.mentions for doc in d.documents}
    assert listed.get("104-10065-10028") == 0  # cited, with no mention of him there
    quoted = [p.quote for p in d.passages if p.document == "104-10065-10028"]
    assert any("OSWALD was taken" in q and "LIMITED basehouse" in q for q in quoted)
    assert any("printed, not marked, in 1 more document" in n for n in d.notes)
    assert sum(v.count for v in d.variants) == d.mention_count  # printed forms are no mentions
    # The entity page (no name lookup) lists only the entity's own documents.
    assert "104-10065-10028" not in {doc.number for doc in dossier_for(oswald_store, d.entity).documents}


@pytest.mark.slow
def test_a_name_no_entity_carries_is_answered_by_text_matches(jfk_store: Store) -> None:
    # The LIEMPTY notes print "(Jorge Barcello VILLAGRAn Alvarez )" and extraction marks no
    # mention of Villagran (the notes' OSWALD, the example this test had first, is now a mention).
    d = trace(jfk_store, "Villagran")
    assert d.entity.type == TEXT_TYPE and d.entity.id == "" and d.mention_count == 0
    [passage] = [p for p in d.passages if p.document == "104-10065-10028"]
    assert "Jorge Barcello VILLAGRAn" in passage.quote and passage.page >= 1
    text = jfk_store.get_document(passage.doc_id).text
    assert " ".join(text[passage.start : passage.end].split()) == passage.quote  # cited verbatim
    assert any("text matches" in n and "not an entity" in n for n in d.notes)
    assert to_json(d)["entity"]["text_match"] is True
    assert "(text matches, not an entity)" in to_markdown(d) and "### Text matches" in to_markdown(d)
    with pytest.raises(NotFound, match="no entity matches"):
        trace(jfk_store, "Zqxwvbjk")  # printed nowhere: still not found


@pytest.mark.slow
def test_what_a_memo_says_of_a_name_it_gives_twice_is_quoted(oswald_store: Store) -> None:
    d = trace(oswald_store, "Alpern")
    quoted = [p.quote for p in d.passages if p.document == "104-10179-10167"]
    # "Mr.(Alpesn) Audio Operations Branchy-recommends two companies ... These gompanics are:
    # a.(Motorola, Chicago, Illinois": the companies are in the next paragraph.
    assert any("recommends two companies" in q and "Motorola" in q for q in quoted)
    assert all(len(q) <= SOLE_PASSAGE_CHARS for q in quoted)


def test_a_place_is_searched_elsewhere_by_its_name_an_acronym_is_not() -> None:
    found = elsewhere_pattern(_entity("Cuba", "LOC"))
    assert found is not None and found[0] == "Cuba"
    cable = "AnD THAT CUBA TRAINING OF SO-CALLED REVOLOTIONSAIES ... the Cuban Embassy; cuba"
    assert [m.group(0) for m in found[1].finditer(cable)] == ["CUBA"]
    assert elsewhere_pattern(_entity("CIA", "ORG")) is None
    mexico = elsewhere_pattern(_entity("Mexico City", "LOC"))
    assert mexico is not None and [m.group(0) for m in mexico[1].finditer("MEXICO\nCITY and Mexico City")] == [
        "MEXICO\nCITY",
        "Mexico City",
    ]
