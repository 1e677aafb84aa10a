"""Entity extraction on the two CREST seed reports: the values a user would check."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from declass.model import Document, Mention, make_id
from declass.pipeline import process
from tests.seed import NTS_COMMITTEE

ROOT = Path(__file__).resolve().parents[2]
NTS = ROOT / "examples/crest/CIA-RDP82-00457R006100750010-5.txt"
LIAISON = ROOT / "examples/crest/CIA-soviet-liaison-foreign-communist-parties.txt"

pytestmark = pytest.mark.slow  # loads the spaCy model


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    from declass.pipeline.extract import extract

    out = extract([process(str(p), p.read_bytes()) for p in (NTS, LIAISON)])
    return {"nts": out[0], "liaison": out[1]}


def _persons(doc: Document) -> set[str]:
    return {m.text for m in doc.mentions if m.label == "PERSON"}


def _by_id(doc: Document) -> dict[str, Mention]:
    return {m.id: m for m in doc.mentions}


@pytest.mark.parametrize("name", NTS_COMMITTEE)
def test_committee_and_members_are_persons_with_exact_spans(docs: dict[str, Document], name: str) -> None:
    doc = docs["nts"]
    hits = [m for m in doc.mentions if m.label == "PERSON" and m.text == name]
    assert hits, f"{name} not found; persons: {sorted(_persons(doc))}"
    m = hits[0]
    assert doc.text[m.start : m.end] == name
    assert m.id == make_id(doc.id, m.start, m.end, "PERSON")
    assert m.page >= 1 and m.sentence is not None and m.paragraph is not None


def test_name_list_line_is_two_people_not_one(docs: dict[str, Document]) -> None:
    persons = _persons(docs["nts"])
    assert not any("Batyan Vladimir" in p or "Kandaurov Zoran" in p for p in persons)


def test_surnames_are_persons_not_places_or_orgs(docs: dict[str, Document]) -> None:
    doc = docs["nts"]
    labels = {m.label for m in doc.mentions if m.text in ("Tretyakov", "Belik")}
    assert labels == {"PERSON"}


def test_pseudonym_is_an_alias_of_kandourov(docs: dict[str, Document]) -> None:
    doc = docs["nts"]
    ids = _by_id(doc)
    aliases = [(ids[r.source].text, ids[r.target].text) for r in doc.relations if r.kind == "alias" and r.target]
    assert ("Kandourov", "Aleksei Privalov") in aliases
    assert ids[next(r.target for r in doc.relations if r.kind == "alias")].label == "PERSON"  # type: ignore[index]


def test_nts_acronym_definition_links_name_and_translation(docs: dict[str, Document]) -> None:
    doc = docs["nts"]
    ids = _by_id(doc)
    acr = [r for r in doc.relations if r.kind == "acronym" and ids[r.source].text == "MTS" and r.target]
    assert acr and ids[acr[0].target].text == "Natsionalno-Trudovio Soyuz"  # type: ignore[index]
    assert ids[acr[0].source].label == "ACRONYM" and ids[acr[0].source].norm == "NTS"
    tr = [(ids[r.source].text, ids[r.target].text) for r in doc.relations if r.kind == "translation" and r.target]
    assert ("Natsionalno-Trudovio Soyuz", "National Labor Union") in tr


def test_ocr_variants_of_nts_normalise_to_nts(docs: dict[str, Document]) -> None:
    norms = {m.text: m.norm for m in docs["nts"].mentions if m.label == "ORG" and m.text in ("HTS", "WTS", "NTE", "LTS")}
    assert norms and set(norms.values()) == {"NTS"}


@pytest.mark.parametrize(("key", "place"), [("liaison", "Moscow"), ("nts", "Caracas"), ("nts", "Venezuela")])
def test_places_are_loc(docs: dict[str, Document], key: str, place: str) -> None:
    assert {m.label for m in docs[key].mentions if m.text == place} == {"LOC"}


def test_escaped_dollars_are_money(docs: dict[str, Document]) -> None:
    # the OCR escape "\\$" is dropped by the structure stage's clean text, or kept before it lands
    money = {m.text.lstrip("\\"): m.norm for m in docs["liaison"].mentions if m.label == "MONEY"}
    assert money == {"$300,000": "300000 USD", "$50,000": "50000 USD"}
    m = next(m for m in docs["liaison"].mentions if m.norm == "300000 USD")
    assert m.attrs["currency"] == "USD" and m.attrs["amount"] == "300000"


def test_year_alternative_is_a_range(docs: dict[str, Document]) -> None:
    m = next(m for m in docs["liaison"].mentions if m.label == "DATE" and m.text == "1947 or 1948")
    assert m.norm == "1947/1948" and m.attrs["range"] is True and m.attrs["precision"] == "year"


@pytest.mark.parametrize(
    ("text", "norm", "precision"),
    [("10 NOV 50", "1950-11-10", "day"), ("March 1950", "1950-03", "month"), ("early 1949", "1949", "year")],
)
def test_report_dates_normalised(docs: dict[str, Document], text: str, norm: str, precision: str) -> None:
    m = next(m for m in docs["nts"].mentions if m.label == "DATE" and m.text == text)
    assert (m.norm, m.attrs["precision"]) == (norm, precision)


@pytest.mark.parametrize(
    ("person", "role", "org"),
    [("Ivan Alekseyevich Makayev", "Secretary-Treasurer", None), ("Viktor I. Baidalakov", "international chief of NTS", "NTS")],
)
def test_roles_tied_to_persons(docs: dict[str, Document], person: str, role: str, org: str | None) -> None:
    doc = docs["nts"]
    ids = _by_id(doc)
    roles = {(ids[r.source].text, r.value): (ids[r.target].norm if r.target else None) for r in doc.relations if r.kind == "role"}
    assert (person, role) in roles
    assert roles[person, role] == org


def test_soviet_bodies_stay_distinct(docs: dict[str, Document]) -> None:
    norms = {m.norm for m in docs["liaison"].mentions if m.label == "ORG"}
    assert {"MGB", "MVD", "GRU", "NKGB", "CPSU", "Comintern"} <= norms | {"CPSU"}
    assert {"MGB", "MVD", "GRU", "NKGB", "Comintern"} <= norms


def test_offsets_point_into_original_text(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_extraction_is_deterministic_and_picklable(docs: dict[str, Document]) -> None:
    from declass.pipeline.extract import extract

    again = extract([process(str(NTS), NTS.read_bytes())])[0]
    assert [m.id for m in again.mentions] == [m.id for m in docs["nts"].mentions]
    assert pickle.loads(pickle.dumps(again)).mentions == again.mentions


def test_cables_cryptonyms_and_file_numbers() -> None:
    from declass.pipeline.extract import extract_text

    text = "SECRET PRIORITY DIR CITE MEXI 7025\nAMLASH-1 MET LIENVOY CONTACT. SUBJECT HAS 201-289248 FILE.\n"
    mentions = extract_text([text])[0]
    got = {(m.label, m.text) for m in mentions}
    assert ("CRYPTONYM", "AMLASH-1") in got and ("CRYPTONYM", "LIENVOY") in got
    assert ("FILE_NUMBER", "201-289248") in got


def test_surname_first_memo_subject() -> None:
    from declass.pipeline.extract import extract_text

    mentions = extract_text(["SUBJECT: MORGAN, Edward P.\n\nThe Director of Security met Ed Morgan in Washington."])[0]
    assert ("PERSON", "MORGAN, Edward P.") in {(m.label, m.text) for m in mentions}


@pytest.mark.parametrize(
    ("lines", "is_list"),
    [
        (["Aleksei V. Batyan", "Vladimir Aleksandrovich Tretyakov"], True),
        (["William", "Murphy"], False),  # a name wrapped at the end of a newspaper line: one person
        (["Mary Ann", "Long"], False),
    ],
)
def test_only_whole_name_lines_are_split_as_a_list(lines: list[str], is_list: bool) -> None:
    from declass.pipeline.extract.patterns import is_name_list_block

    assert is_name_list_block(lines) is is_list


@pytest.mark.parametrize("text", ["VIENNA, August 3.", "LEYDEN, Feb. 2.", "JOHN BRINK, Esquire"])
def test_datelines_and_styles_are_not_surname_first_names(text: str) -> None:
    from declass.pipeline.extract.patterns import SURNAME_FIRST

    assert SURNAME_FIRST.search(text) is None


def test_title_after_a_comma_is_not_a_given_name() -> None:
    from declass.pipeline.extract import extract_text

    # 104-10051-10106 '6. Samuel G. WISE, "Counsel in the American Embassy in Moscow" who'
    mentions = extract_text(['6. Samuel G. WISE, "Counsel in the American Embassy in Moscow" who is referred to above'])[0]
    persons = {m.text for m in mentions if m.label == "PERSON"}
    assert "Samuel G. WISE" in persons and not any("Counsel" in p for p in persons)


def test_shouted_plurals_are_english_words() -> None:
    from declass.pipeline.extract.nlp import lexicon_of_cached, load_nlp
    from declass.pipeline.extract.truecase import truecase

    # 104-10192-10229, a cable: "STATED AIM OF BOTH GROUPS IS TO SHOW"
    line = "RAGING OF EXPOSING ACTIVITIES. STATED AIM OF BOTH GROUPS IS TO SHOW FACE OF CASTRO\n"
    out = truecase(line, lexicon_of_cached(load_nlp()))
    assert "both groups is" in out and "Castro" in out


def test_stalin_and_posev_are_not_places(docs: dict[str, Document]) -> None:
    # "Stalin personally directed that $300,000 be given"; "the international MTS newspaper, Posev"
    assert {m.label for m in docs["liaison"].mentions if m.text == "Stalin"} == {"PERSON"}
    assert {m.label for m in docs["nts"].mentions if m.text == "Posev"} == {"ORG"}


# --- issue 10 on snippets of the jfk-corpus records (named by record number) ----------------------

CORPUS_SNIPPETS = {
    # 104-10163-10019, a memorandum on a Cuban official's contacts
    "azcue": "a. Esubio AZCUE, born about 1912, is presently employed as a consul at the Cuban Embassy in "
    "Mexico City. AZCUE is a long time friend of Subject. They met during the mid-1950's when both were "
    "involved in revolutionary activities.",
    # 104-10106-10325
    "agency": "MONCURE's CIA relationship was exposed in various legal circles in New York. The Agency "
    "wanted to avoid MONCURE's having to contradict Mr. and Mrs. Itkin.",
    # 104-10078-10014, first page: the NARA identification form under the release banner
    "nara": "104-10078-10014 | 2025 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT "
    "OF 1992 \nAGENCY \nRECORD NUMBER \nRECORD SERIES \nAGENCY FILE NUMBER \nAGENCY ORIGINATOR \nFROM \nTO "
    "\nTITLE \nDATE \nPAGES \nSUBJECTS \nDOCUMENT TYPE \nCLASSIFICATION \n",
    # 104-10048-10124
    "ambend": "Subsequent developments revealed that AMCARBON-1 could not contact AMBEND-1, and thus "
    "AMBEND-1's return to the United States did not cause the publicity stir that was anticipated. "
    "In UFGW-2555, dated 13 September 1963, Headquarters suggested that JMWAVE might be able to "
    "discredit Carlos BANDIN of the MRR Splinter Group.",
}


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Mention]]:
    from declass.pipeline.extract import extract_text

    return dict(zip(CORPUS_SNIPPETS, extract_text(list(CORPUS_SNIPPETS.values())), strict=True))


def _forms(mentions: list[Mention], *labels: str) -> set[str]:
    return {m.text for m in mentions if m.label in labels}


def _plain(mentions: list[Mention]) -> list[Mention]:
    """Mentions that are names of their own (not a coreference like "the Agency" for the CIA)."""
    return [m for m in mentions if "refers" not in m.attrs]


def test_form_words_and_generic_nouns_are_not_entities(corpus: dict[str, list[Mention]]) -> None:
    assert "Subject" not in _forms(_plain(corpus["azcue"]), "PERSON", "ORG", "LOC")
    agency = _plain(corpus["agency"])
    assert "Agency" not in _forms(agency, "ORG", "PERSON") | {m.text.removeprefix("The ") for m in agency}
    # "the Agency" is kept only as a reference to the CIA (coreference), never as an entity "Agency"
    assert {m.attrs["refers"] for m in corpus["agency"] if m.text == "Agency"} <= {"CIA"}
    assert "Headquarters" not in _forms(corpus["ambend"], "PERSON", "ORG")


def test_capitalised_surnames_are_persons(corpus: dict[str, list[Mention]]) -> None:
    persons = _forms(corpus["azcue"], "PERSON")
    assert {"Esubio AZCUE", "AZCUE"} <= persons
    assert "AZCUE" not in _forms(corpus["azcue"], "ORG")
    assert "Carlos BANDIN" in _forms(corpus["ambend"], "PERSON")


def test_identification_form_and_banner_are_not_entities(corpus: dict[str, list[Mention]]) -> None:
    assert _forms(corpus["nara"], "PERSON", "ORG", "LOC", "ACRONYM", "CRYPTONYM") == set()


def test_agents_and_countries_carry_their_parts(corpus: dict[str, list[Mention]]) -> None:
    crypts = {m.text: m for m in corpus["ambend"] if m.label == "CRYPTONYM"}
    assert (crypts["AMBEND-1"].attrs["crypt"], crypts["AMBEND-1"].attrs["agent"]) == ("AMBEND", "1")
    assert crypts["AMCARBON-1"].norm == "AMCARBON-1"
    (us,) = [m for m in corpus["ambend"] if m.label == "LOC" and "United States" in m.text]
    assert us.attrs["country"] == "United States"
