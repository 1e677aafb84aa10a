"""The name trace on the two seed reports.

Two stores:

* ``seeded`` — the real read/structure stages and the real SQL store, with mentions from the claim
  tests' gazetteer, real claims, and entities grouped by a hand-written key (a stand-in for
  resolution). It checks the trace itself.
* ``ingested`` — ``declass ingest examples/crest`` end to end with extraction and resolution. The
  acceptance tests of the issue run on it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from declass.errors import Ambiguous
from declass.model import Entity, make_id
from declass.pipeline import process
from declass.pipeline.claims import extract_claims
from declass.records import Dossier, DossierClaim
from declass.settings import Settings
from declass.store import Store, open_store
from declass.timeline import _sentence, _widen
from declass.trace import PASSAGE_CHARS, dossier_for, find_entities, trace
from declass.trace_render import to_json, to_markdown
from tests.conftest import CREST
from tests.pipeline.claim_helpers import gazetteer_mentions, nlp

# Stand-in for resolution: surface form -> entity key.
KEYS = [
    (r"Belik", "Zoran Afanasyevich Belik"),
    (r"Kand[ao]urov", "Aleksei Alekseyevich Kandaurov"),
    (r"Trety[ac]kov", "Vladimir Aleksandrovich Tretyakov"),
    (r"Batyan", "Aleksei V. Batyan"),
    (r"Makayev", "Ivan Alekseyevich Makayev"),
    (r"[BD]aidalakov", "Viktor Baidalakov"),
    (r"^(?:[NMHWLU]T[SCE]|Natsionalno-Trudovio Soyuz)$", "NTS"),
]


def _key(text: str) -> str:
    for pattern, key in KEYS:
        if re.search(pattern, text):
            return key
    return text


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'd.db'}")
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for path in sorted(CREST.glob("*.txt")):
        doc = process(str(path), path.read_bytes())
        sdoc = nlp()(doc.clean_text)
        doc.mentions = gazetteer_mentions(doc, sdoc)
        doc.claims = extract_claims(doc, sdoc)
        store.add_document(doc)
        for m in doc.mentions:
            groups[(_key(m.text), "ORG" if m.label == "ACRONYM" else m.label)].append(m)
    entities = []
    for (key, label), ms in groups.items():
        variants: dict[str, int] = defaultdict(int)
        for m in ms:
            variants[m.text] += 1
        entities.append(
            Entity(
                id=make_id("entity", label, key),
                type=label,
                name=key,
                variants=dict(variants),
                mention_ids=[m.id for m in ms],
                doc_ids=sorted({m.doc_id for m in ms}),
            )
        )
    store.replace_entities(entities)
    return store


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from declass.ingest import ingest_paths

    url = f"sqlite:///{tmp_path_factory.mktemp('ingested') / 'd.db'}"
    store = open_store(url)
    ingest_paths(store, [CREST], Settings(db=url, workers=1, extract=True))
    return store


def _claims(d: Dossier, predicate: str) -> list[DossierClaim]:
    return d.claims.get(predicate, [])


# -- the trace over the seeded store -------------------------------------------------------------
def test_lookup_tolerates_ocr_and_transliteration(seeded: Store) -> None:
    for query in ("Tretiakov", "Tret'yakov", "Tretyckov", "Kandourov", "Belik"):
        found = find_entities(seeded, query)
        assert found, query
    assert find_entities(seeded, "Tretiakov")[0][0].name == "Vladimir Aleksandrovich Tretyakov"
    assert find_entities(seeded, "MTS")[0][0].name == "NTS"


def test_ambiguous_name_lists_ranked_candidates(seeded: Store) -> None:
    with pytest.raises(Ambiguous) as info:
        trace(seeded, "Aleksei")  # Batyan, Kandaurov and Privalov are all Aleksei
    assert len(info.value.candidates) >= 3
    picked = {trace(seeded, "Aleksei", pick=n).entity.name for n in (1, 2, 3)}
    assert {"Aleksei V. Batyan", "Aleksei Alekseyevich Kandaurov", "Aleksei Privalov"} <= picked


def test_belik_dossier(seeded: Store) -> None:
    d = trace(seeded, "Belik")
    assert d.entity.name == "Zoran Afanasyevich Belik"
    chief = [r for r in d.roles if r.role == "chief" and r.organisation == "NTS"]
    assert chief and chief[0].until == "1949"
    assert any(c.subject == "Aleksei V. Batyan" for c in _claims(d, "replaced"))
    assert any(c.subject == "Vladimir Aleksandrovich Tretyakov" for c in _claims(d, "recommended"))
    assert any(r.role == "chief of counter-intelligence" for r in d.roles)
    removed = _claims(d, "removed_from")
    assert any("Tretyakov" in c.text for c in removed)
    assert any("old" in (c.value or "") for c in _claims(d, "described_as"))


def test_kandaurov_dossier(seeded: Store) -> None:
    d = trace(seeded, "Kandaurov")
    assert {v.text for v in d.variants} >= {"Kandaurov", "Kandourov", "Aleksei Alekseyevich Kandaurov"}
    assert any(a.name == "Aleksei Privalov" for a in d.aliases)
    assert any(r.predicate == "member_of" and r.role == "governing committee" and r.time == "1950-09" for r in d.roles)
    agent = _claims(d, "agent_of")
    assert agent and agent[0].hedge == "suspected"
    assert any("Posev" in (c.value or "") for c in _claims(d, "authored"))
    assert any(c.time == "1950-05" for c in _claims(d, "threatened"))
    assert any(ev.time == "1950-05" and ev.predicate == "threatened" for ev in d.timeline)


def test_nts_dossier_lists_variants_members_and_officers(seeded: Store) -> None:
    d = trace(seeded, "NTS")
    assert {"NTS", "MTS", "HTS", "WTS", "NTC"} <= {v.text for v in d.variants}
    members = {c.subject for c in _claims(d, "member_of")}
    assert {"Aleksei Alekseyevich Kandaurov", "Vasili Bacholdin", "Hikolai Rozdovsky"} <= members
    officers = {c.subject for c in _claims(d, "holds_role")}
    assert {"Zoran Afanasyevich Belik", "Viktor Baidalakov"} <= officers


def test_mvd_dossier_is_distinct_from_mgb_and_gru(seeded: Store) -> None:
    d = trace(seeded, "MVD")
    assert {v.text for v in d.variants} == {"MVD"}
    assert any(c.value == "300000 USD" for c in _claims(d, "paid"))
    assert _claims(d, "liaison_with")
    merger = [ev for ev in d.timeline if ev.predicate == "merged_into"]
    assert merger and merger[0].time == "1953" and merger[0].speaker == "officer_comment"


def test_markdown_has_footnoted_citations(seeded: Store) -> None:
    md = to_markdown(trace(seeded, "Kandaurov"))
    assert md.startswith("## Aleksei Alekseyevich Kandaurov (PERSON)")
    assert "[^1]" in md and re.search(r"^\[\^1\]: \[CIA-RDP82-00457R006100750010-5, p\. \d, ¶ \d+\]", md, re.M)


def test_json_is_serialisable(seeded: Store) -> None:
    data = json.loads(json.dumps(to_json(trace(seeded, "MVD")), default=str))
    assert data["entity"]["name"] == "MVD" and "paid" in data["claims"]


def test_cli_trace_and_timeline(seeded: Store) -> None:
    from declass.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["trace", "Belik", "--db", seeded.url, "--format", "markdown"])
    assert out.exit_code == 0, out.output
    assert "chief" in out.output
    out = runner.invoke(app, ["timeline", "--db", seeded.url, "--format", "json", "--from", "1946", "--to", "1953"])
    assert out.exit_code == 0, out.output
    times = [e["time"] for e in json.loads(out.output)]
    assert "1953" in times and times == sorted(times, key=lambda t: t.replace("../", ""))
    out = runner.invoke(app, ["trace", "Zzyzx", "--db", seeded.url])
    assert out.exit_code == 3


# -- acceptance, end to end ---------------------------------------------------------------------
def test_acceptance_belik(ingested: Store) -> None:
    d = trace(ingested, "Belik")
    assert any(r.role == "chief" and (r.until or "").startswith("1949") for r in d.roles)
    assert any("Batyan" in c.subject for c in _claims(d, "replaced"))
    assert any("Tretyakov" in c.subject for c in _claims(d, "recommended"))
    assert any("counter-intelligence" in (r.role or "") for r in d.roles)
    assert any("Tretyakov" in c.text for c in _claims(d, "removed_from"))
    assert any("old" in (c.value or "") for c in _claims(d, "described_as"))


def test_acceptance_kandaurov(ingested: Store) -> None:
    d = trace(ingested, "Kandaurov")
    assert any("Privalov" in a.name for a in d.aliases)
    assert any(r.predicate == "member_of" and r.time == "1950-09" for r in d.roles)
    assert any(c.hedge == "suspected" for c in _claims(d, "agent_of"))
    assert any("Posev" in (c.value or "") for c in _claims(d, "authored"))
    assert any(c.time == "1950-05" for c in _claims(d, "threatened"))


def test_acceptance_nts(ingested: Store) -> None:
    d = trace(ingested, "NTS")
    assert len(d.variants) >= 4
    assert _claims(d, "member_of") and _claims(d, "holds_role")


def test_acceptance_mvd(ingested: Store) -> None:
    d = trace(ingested, "MVD")
    assert not {"MGB", "GRU"} & {v.text for v in d.variants}
    assert _claims(d, "paid") and _claims(d, "liaison_with")
    assert any(ev.predicate == "merged_into" and ev.time == "1953" for ev in d.timeline)


def test_trace_reads_each_thing_once_and_never_a_whole_document(ingested: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[str, int] = defaultdict(int)

    def counted(name: str):
        real = getattr(ingested, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    for name in ("iter_mentions", "mentions_with_owners", "iter_claims", "paragraph_spans", "text_slices"):
        monkeypatch.setattr(ingested, name, counted(name))
    monkeypatch.setattr(ingested, "get_document", lambda ref: pytest.fail(f"the trace loaded document {ref}"))
    d = trace(ingested, "NTS")
    # The mentions of the documents shown are read once, with their owners (mentions_with_owners).
    assert calls == {"mentions_with_owners": 1, "iter_claims": 1, "paragraph_spans": 1, "text_slices": 1}
    sentences = [ev for ev in d.timeline if ev.kind == "sentence"]
    assert {ev.time for ev in sentences} >= {"1949", "1949-06"}  # "Until early 1949 ...", "In June 1949, ..."
    printed = {p.name: " ".join(p.read_text().split()) for p in CREST.glob("*.txt")}
    for ev in sentences:
        assert ev.citation is not None and ev.citation.quote == ev.text
        assert any(ev.text in text for text in printed.values())


def test_passages_quote_the_sentences_naming_the_entity(ingested: Store) -> None:
    d = trace(ingested, "Kandaurov")
    assert d.passages, "the dossier quotes where the archive names Kandaurov"
    printed = {p.name: " ".join(p.read_text().split()) for p in CREST.glob("*.txt")}
    variants = {v.text for v in d.variants}
    for p in d.passages:
        assert any(p.quote in text for text in printed.values())  # verbatim, whitespace folded
        assert any(v in p.quote for v in variants)  # each passage names the entity as printed
        assert p.document and p.page >= 1
    # "the organisation is suspected ... Kandaurov ... Soviet agent": the hedged sentence is quoted
    assert any("suspect" in p.quote for p in d.passages)
    md = to_markdown(d)
    assert "### Passages" in md and d.passages[0].quote in md
    assert to_json(d)["passages"][0]["quote"] == d.passages[0].quote


# A JFK report as OCR prints it (176-10036-10027): stops inside sentences, the fact after the name.
CASTRO = (
    "Castro is not blinded to the need for Cuba to maintain good relations. 'Castro was planning, "
    "according to the report, to go to Moscow for the May Day celebrations. He was planning, "
    "however, to remain in Moscow only. three days. It was his intention to tell Khrushchev that "
    "the USSR must assist Cuba. 3. Information from the same source was disseminated."
)


def test_a_short_passage_is_widened_by_the_next_sentence_within_the_cap() -> None:
    rel = CASTRO.index("'Castro")
    s, e = _sentence(CASTRO, rel)
    assert CASTRO[s:e].endswith("celebrations.")  # the sentence alone does not say how long
    ws, we = _widen(CASTRO, s, e, 150, 300)
    quote = CASTRO[ws:we]
    assert "May Day" in quote and "three days" in quote  # "only. three days": a stop the text runs on after
    assert we - ws <= 300 and quote.endswith(".")  # whole sentences, within the cap
    assert _widen(CASTRO, s, e, 0, 300) == (s, e)  # long enough, and not cut mid-sentence: unchanged


def test_passages_are_widened_but_distinct(ingested: Store) -> None:
    d = trace(ingested, "Kandaurov")
    spans = sorted((p.doc_id, p.start, p.end) for p in d.passages)
    for (d1, _, e1), (d2, s2, _) in zip(spans, spans[1:], strict=False):
        assert d1 != d2 or s2 >= e1, "no two passages of a document overlap"
    assert all(len(p.quote) <= PASSAGE_CHARS for p in d.passages)


def test_a_dossier_reads_only_the_documents_it_shows(ingested: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost of a dossier is bounded by ``max_documents``, not by the entity's size: only the
    mentions and claims of the documents shown are read; the variant counts stay the entity's own."""
    entity = next(e for e in ingested.list_entities(limit=500) if len(set(e.doc_ids)) == 2)
    assert len(dossier_for(ingested, entity).documents) == 2
    read: list[list[str]] = []
    real = ingested.mentions_with_owners  # the dossier's read of its documents' mentions

    def recorded(doc_ids):
        read.append(sorted(doc_ids))
        return real(doc_ids)

    monkeypatch.setattr(ingested, "mentions_with_owners", recorded)
    monkeypatch.setattr(ingested, "iter_mentions", lambda **kw: pytest.fail(f"mentions read past the documents shown: {kw}"))
    d = dossier_for(ingested, entity, max_documents=1)
    first = sorted(entity.doc_ids)[0]
    assert read == [[first]]
    assert [doc.id for doc in d.documents] == [first]
    assert "showing the first 1 of 2 documents" in d.notes
    assert all(c.citation is None or c.citation.doc_id == first for cs in d.claims.values() for c in cs)
    assert sum(v.count for v in d.variants) == d.mention_count


def test_listing_entities_without_members_and_by_exact_name(ingested: Store) -> None:
    some = ingested.list_entities(type="ORG", limit=5)
    bare = ingested.list_entities(type="ORG", limit=5, members=False)
    assert [e.id for e in bare] == [e.id for e in some] and all(e.mention_ids for e in some)
    assert all(e.mention_ids == [] for e in bare) and [e.attrs for e in bare] == [e.attrs for e in some]
    nts = trace(ingested, "NTS").entity
    exact = ingested.list_entities(name=nts.name, exact=True, members=False)
    assert nts.id in [e.id for e in exact] and all(e.name.lower() == nts.name.lower() for e in exact)
    assert not ingested.list_entities(name=nts.name[:-1], exact=True)


def test_a_dossier_needs_only_the_members_in_the_documents_it_shows(ingested: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """dossier_for finds the entity's own mentions among the shown documents' mentions (their
    owners, read anyway for co-mentions), not in the entity's whole member list: given the entity
    without its members, every part of the dossier is the same as with them."""
    from dataclasses import replace

    checked = 0
    for entity in ingested.list_entities(limit=60):
        for shown in (200, 1):
            full = dossier_for(ingested, entity, max_documents=shown)
            bare = dossier_for(ingested, replace(entity, mention_ids=[]), max_documents=shown)
            whole, slim = full.to_dict(), bare.to_dict()
            whole.pop("entity"), slim.pop("entity")
            assert slim == whole, (entity.name, shown)
            checked += bool(full.passages or full.claims)
    assert checked >= 20


def test_the_trace_reads_the_entity_without_its_member_list(ingested: Store) -> None:
    """The chosen entity comes without its members (hundreds of thousands for the largest entity
    of a large archive); the dossier's count is the stored one, in the text and JSON output."""
    d = trace(ingested, "NTS")
    whole = ingested.get_entity(d.entity.id)
    assert d.entity.mention_ids == [] and len(whole.mention_ids) > 1
    assert d.mention_count == len(whole.mention_ids) == to_json(d)["entity"]["mentions"]
    assert f"{d.mention_count} mentions in" in to_markdown(d)


def test_records_printing_the_name_are_searched_only_when_all_its_own_are_shown(
    ingested: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The full-text search for records that print the name without a mention of it runs only
    when the dossier shows every document of the entity's own: an entity cut to the first N of
    its documents has more marked records than it shows."""
    import declass.trace as trace_module

    calls: list[str] = []
    real = trace_module.printed_elsewhere

    def recorded(store: Store, entity: Entity, *args: object) -> list:  # type: ignore[type-arg]
        calls.append(entity.id)
        return real(store, entity, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(trace_module, "printed_elsewhere", recorded)
    entity = next(e for e in ingested.list_entities(limit=200) if len(set(e.doc_ids)) >= 2)
    cut = dossier_for(ingested, entity, max_documents=1, elsewhere=5)
    assert calls == [] and "showing the first 1 of" in " ".join(cut.notes)
    dossier_for(ingested, entity, max_documents=200, elsewhere=5)
    assert calls == [entity.id]
