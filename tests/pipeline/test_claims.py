# ruff: noqa: E501  (real sentences of the seed reports, quoted whole)
"""Claims on the real sentences of the two seed reports (mentions from a gazetteer, see helpers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from declass.model import Claim, Document
from declass.pipeline.claims import PREDICATES, extract_claims
from tests.pipeline.claim_helpers import make_doc, nlp

ROOT = Path(__file__).resolve().parents[2]
NTS = (ROOT / "examples/crest/CIA-RDP82-00457R006100750010-5.txt").read_text()
LIAISON = (ROOT / "examples/crest/CIA-soviet-liaison-foreign-communist-parties.txt").read_text()


def claims_of(text: str, **kw: object) -> tuple[Document, list[Claim]]:
    doc, sdoc = make_doc(text, **kw)  # type: ignore[arg-type]
    return doc, extract_claims(doc, sdoc)


def readable(doc: Document, claims: list[Claim]) -> list[tuple[str, str, str | None, str | None, str | None, str]]:
    """(predicate, subject text, object text, value, time, hedge) — what a user would read."""
    by_id = {m.id: m.text for m in doc.mentions}
    return [(c.predicate, by_id.get(c.subject, c.subject), by_id.get(c.object or ""), c.value, c.time, c.hedge) for c in claims]


@pytest.fixture(scope="module")
def nts() -> tuple[Document, list[Claim]]:
    return claims_of(NTS, unevaluated=True)


@pytest.fixture(scope="module")
def liaison() -> tuple[Document, list[Claim]]:
    return claims_of(LIAISON)


def find(doc: Document, claims: list[Claim], predicate: str, subject: str, obj: str | None = None) -> list[Claim]:
    by_id = {m.id: m.text for m in doc.mentions}
    return [
        c
        for c in claims
        if c.predicate == predicate
        and by_id.get(c.subject, c.subject) == subject
        and (obj is None or by_id.get(c.object or "") == obj)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Until early 1949 Zoran Afanasyevich Belik was chief of NTS in Venezuela.",
            ("holds_role", "Zoran Afanasyevich Belik", "NTS", "chief", "../1949", "stated"),
        ),
        (
            "Belik was replaced by Batyan and given the position of NTE chief of counter-intelligence in compensation.",
            ("replaced", "Batyan", "Belik", None, None, "stated"),
        ),
        (
            "Belik was replaced by Batyan and given the position of NTE chief of counter-intelligence in compensation.",
            ("holds_role", "Belik", "NTE", "chief of counter-intelligence", None, "stated"),
        ),
        (
            "Kandaurov is suspected of having been a Soviet agent for some time.",
            ("agent_of", "Kandaurov", None, "Soviet", None, "suspected"),
        ),
        (
            "Kassianov and Tretyakov are believed to have agreed to cooperate with the Soviets.",
            ("cooperates_with", "Tretyakov", None, "Soviets", None, "believed"),
        ),
        (
            "These articles have greatly upset NTS leaders as the author of them was Kandourov, writing under his pseudonym of Aleksei Privalov.",
            ("alias_of", "Kandourov", "Aleksei Privalov", "pseudonym", None, "stated"),
        ),
        (
            "In 1949 Tretyakov reportedly received orders from Viktor I. Baidalakov, international chief of NTS, to recruit Russians for undercover work.",
            ("tried_to_recruit", "Tretyakov", None, "Russians", "1949", "reported"),
        ),
        (
            "In 1949 Tretyakov reportedly received orders from Viktor I. Baidalakov, international chief of NTS, to recruit Russians for undercover work.",
            ("holds_role", "Viktor I. Baidalakov", "NTS", "international chief", "1949", "reported"),
        ),
        (
            "Then General Konstantin Aleksandrovich Kellner approached Tretyckov and Belik asking for assistance.",
            ("contacted", "Konstantin Aleksandrovich Kellner", "Belik", None, None, "stated"),
        ),
        (
            'A person called "Vera" allegedly carried the threats to Kassianov.',
            ("threatened", "Kassianov", "Vera", "threats", None, "alleged"),
        ),
        (
            "Ivan Alekseyevich Makayev, who took an active part in the formation of the Union, has been made Secretary-Treasurer.",
            ("holds_role", "Ivan Alekseyevich Makayev", None, "Secretary-Treasurer", None, "stated"),
        ),
        (
            "In 1946, when the NKGB became the MGB, the First Directorate became the First Chief Directorate.",
            ("renamed", "NKGB", "MGB", None, "1946", "stated"),
        ),
        (
            "Since the merger of the MVD and MGB in 1953, the foreign intelligence directorate has been the Second Chief Directorate of the MVD.",
            ("merged_into", "MGB", "MVD", None, "1953", "stated"),
        ),
        (
            "The Foreign Directorate of the Central Committee of the CPSU does not have any intelligence functions.",
            ("part_of", "Foreign Directorate", "Central Committee", None, None, "stated"),
        ),
    ],
)
def test_sentence_yields_claim(sentence: str, expected: tuple[str, ...]) -> None:
    doc, claims = claims_of(sentence)
    assert expected in readable(doc, claims)


def test_belik_removed_from_that_post_by_tretyakov(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    removed = [c for c in find(doc, claims, "removed_from", "Belik") if c.attrs.get("agent_text") == "Tretyakov"]
    assert removed and removed[0].value == "chief of counter-intelligence"  # "that post", resolved


def test_belik_removal_is_believed_caused_by_dissension(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    assert any(c.hedge == "believed" for c in find(doc, claims, "removed_from", "Belik", "WTS"))


def test_he_is_an_old_emigrant_resolves_to_belik(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    described = find(doc, claims, "described_as", "Belik")
    assert described and "old" in (described[0].value or "")


def test_tretyakov_recommended_belik_replacement(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    rec = find(doc, claims, "recommended", "Tretyakov", "Belik")
    assert rec and rec[0].citation and rec[0].citation.quote.startswith("However, upon the recommendation of Tretyakov")


def test_governing_committee_list_gives_membership_in_september_1950(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    kandaurov = find(doc, claims, "member_of", "Aleksei Alekseyevich Kandaurov")
    committee = [c for c in kandaurov if c.value == "governing committee"]
    assert committee and committee[0].time == "1950-09"
    inactive = find(doc, claims, "member_of", "Hikolai Rozdovsky")
    assert inactive and inactive[0].value == "member (inactive)"


def test_they_resolves_to_the_new_members(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    accepted = {c.attrs["subject_text"] for c in claims if c.predicate == "member_of" and c.attrs.get("how") == "accept"}
    assert accepted == {"Vasili Bacholdin", "Eikolai Peyk"}


def test_threat_of_may_1950_is_reported(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    threatened = find(doc, claims, "threatened", "Kandaurov")
    assert threatened and threatened[0].time == "1950-05" and threatened[0].hedge == "reported"


def test_kandourov_authored_posev_articles_under_pseudonym(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    authored = find(doc, claims, "authored", "Kandourov")
    assert authored and "Posev" in (authored[0].value or "")
    assert authored[0].attrs["pseudonym_text"] == "Aleksei Privalov"


def test_unevaluated_report_marks_every_claim(nts: tuple[Document, list[Claim]]) -> None:
    _, claims = nts
    assert claims and all(c.unevaluated for c in claims)


def test_citation_quotes_the_sentence_at_its_offsets(nts: tuple[Document, list[Claim]]) -> None:
    doc, claims = nts
    for c in claims:
        assert c.citation is not None
        assert doc.text[c.citation.start : c.citation.end] == c.citation.quote


def test_claim_ids_are_deterministic() -> None:
    sentence = "Belik was replaced by Batyan."
    assert [c.id for c in claims_of(sentence)[1]] == [c.id for c in claims_of(sentence)[1]]


def test_redacted_subject_is_not_the_nearest_entity(liaison: tuple[Document, list[Claim]]) -> None:
    doc, claims = liaison
    exist = [
        c for c in claims if c.citation and "intelligence apparatus exist" in c.citation.quote and c.predicate == "located_in"
    ]
    assert exist and exist[0].subject == "redacted"


def test_mvd_pays_subsidies_and_carries_liaison(liaison: tuple[Document, list[Claim]]) -> None:
    doc, claims = liaison
    paid = find(doc, claims, "paid", "MVD")
    assert any(c.attrs.get("about") == "subsidies" for c in paid)
    assert any(c.value == "300000 USD" and c.time == "1947/1948" for c in paid)
    assert find(doc, claims, "liaison_with", "MVD")


def test_officer_comment_is_its_own_speaker(liaison: tuple[Document, list[Claim]]) -> None:
    doc, claims = liaison
    merger = find(doc, claims, "merged_into", "MGB", "MVD")
    assert merger and merger[0].speaker == "officer_comment" and merger[0].time == "1953"
    assert all(c.speaker == "source" for c in find(doc, claims, "paid", "MVD"))


def test_comment_paragraph_kind_sets_speaker() -> None:
    doc, claims = claims_of("In 1946 the NKGB became the MGB.", comment=True)
    assert claims and claims[0].speaker == "officer_comment"


def test_negation_is_kept() -> None:
    doc, claims = claims_of("Belik was not replaced by Batyan.")
    assert claims and claims[0].negated


def test_every_predicate_has_a_template() -> None:
    _, nts_claims = claims_of(NTS)
    assert {c.predicate for c in nts_claims} <= set(PREDICATES)


@pytest.mark.slow
def test_jfk_samples_do_not_crash() -> None:
    from declass.errors import InputError
    from declass.pipeline import process
    from tests.pipeline.claim_helpers import gazetteer_mentions

    ran = 0
    for pdf in sorted((ROOT / "examples/jfk").glob("*.pdf")):
        try:
            doc = process(str(pdf), pdf.read_bytes())
        except InputError:
            continue  # scanned pages without a text layer
        sdoc = nlp()(doc.clean_text)
        if not doc.mentions:
            doc.mentions = gazetteer_mentions(doc, sdoc) if doc.clean_text == doc.text else []
        for c in extract_claims(doc, sdoc):
            assert c.citation is not None and c.citation.doc_id == doc.id
        ran += 1
    assert ran


def test_every_pattern_has_one_handler() -> None:
    """Each rule is one object holding its patterns and its handler; every family's rules are in
    the rule set once (a name declared twice would make one rule run another's handler)."""
    from declass.pipeline.claims import RULES, acts, authors, orgs, roles

    families = [roles.RULES, acts.RULES, authors.RULES, orgs.RULES]
    assert {r.name for r in RULES.rules} == {r.name for f in families for r in f}
    assert sum(len(f) for f in families) == len(RULES)  # no pattern handled by two families
    for r in RULES.rules:
        assert r.patterns and all(p[0]["RIGHT_ID"] == "t" for p in r.patterns)  # the trigger is node "t"
        assert callable(r.handler) and r.family in r.handler.__module__
