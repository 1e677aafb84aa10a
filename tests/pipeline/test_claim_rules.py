# ruff: noqa: E501  (real sentences quoted whole)
"""The claim rule machinery: a rule is its pattern and its handler declared together, families join
into one rule set, and the context maps offsets with the document's own ``to_clean``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest

from declass.model import HEDGES, Claim, Document, Hedge, Mention, make_id
from declass.pipeline import process
from declass.pipeline.claims import RULES, ClaimContext, acts, authors, extract_claims, orgs, roles
from declass.pipeline.claims.args import add_all, norm_date, object_refs, only_mentions, pobj, subject_refs
from declass.pipeline.claims.context import ClaimContext as Ctx
from declass.pipeline.claims.hedges import ADVERB_CUES, PHRASE_CUES, VERB_CUES
from declass.pipeline.claims.rules import Family, RuleSet, anchor
from tests.pipeline.claim_helpers import gazetteer_mentions, make_doc, nlp

ROOT = Path(__file__).resolve().parents[2]
NTS = (ROOT / "examples/crest/CIA-RDP82-00457R006100750010-5.txt").read_text()
# JFK 104-10119-10040 (memorandum of 22 November 1968), p. 2. No rule reads "had contacts with".
ITKIN = "Itkin also claims to have had personal contacts with Luis Gutierrez, Consul General of El Salvador, and with a number of other people who had Guatemalan contacts."

# JFK 104-10326-10045 (a cable in capitals; truecased here as extraction truecases it before parsing).
OSWALD = "UPI reporter is about to file a story based on local research and an interview with a retired Marine officer who claimed to be Lee Harvey Oswald's commander in Japan that Oswald was recruited by CIA while stationed with the Marines in Japan in the 1950s."

CONTACTS = Family("contacts")


@CONTACTS.rule("had_contacts", anchor({"LOWER": {"IN": ["contact", "contacts"]}, "DEP": "dobj"}))
def h_had_contacts(ctx: ClaimContext, noun: Any) -> None:
    """ "X had personal contacts with Y" -> contacted(X, Y)."""
    verb = noun.head
    if verb.lemma_ != "have":
        return
    others = only_mentions(object_refs(ctx, pobj(noun, "with"), ("PERSON", "ORG", "ACRONYM")))
    if others:
        add_all(ctx, "contacted", noun, subject_refs(ctx, verb), others)


def _with_names(text: str, names: dict[str, str]) -> tuple[Document, Any]:
    """``make_doc`` plus mentions for names the claim tests' gazetteer lacks (the last occurrence)."""
    doc, sdoc = make_doc(text)
    for name, label in names.items():
        s = text.rindex(name)
        doc.mentions.append(Mention(make_id(doc.id, s, s + len(name), label), doc.id, label, name, s, s + len(name), 1, 0))
    doc.mentions.sort(key=lambda m: m.start)
    return doc, sdoc


def _itkin() -> tuple[Document, Any]:
    return _with_names(ITKIN, {"Itkin": "PERSON", "Luis Gutierrez": "PERSON"})


def _readable(doc: Document, claims: list[Claim]) -> list[tuple[str, str, str | None]]:
    by_id = {m.id: m.text for m in doc.mentions}
    return [(c.predicate, by_id.get(c.subject, c.subject), by_id.get(c.object or "")) for c in claims]


def test_a_rule_added_in_one_family_runs_beside_the_others() -> None:
    doc, sdoc = _itkin()
    before = _readable(doc, extract_claims(doc, sdoc))
    assert ("contacted", "Itkin", "Luis Gutierrez") not in before
    ctx = Ctx(doc, sdoc)
    RuleSet(roles.RULES, acts.RULES, authors.RULES, orgs.RULES, CONTACTS).apply(ctx)
    after = _readable(doc, ctx.claims)
    assert ("contacted", "Itkin", "Luis Gutierrez") in after
    assert after == [("contacted", "Itkin", "Luis Gutierrez")]
    claim = next(c for c in ctx.claims if c.predicate == "contacted")
    assert claim.attrs["trigger"] == "contacts" and claim.citation is not None and claim.citation.quote == ITKIN


def test_an_added_family_leaves_the_other_rules_claims_alone() -> None:
    doc, sdoc = make_doc(NTS, unevaluated=True)
    plain, extended = Ctx(doc, sdoc), Ctx(doc, sdoc)
    RULES.apply(plain)
    RuleSet(roles.RULES, acts.RULES, authors.RULES, orgs.RULES, CONTACTS).apply(extended)
    assert len(plain.claims) > 40
    assert [c.id for c in extended.claims] == [c.id for c in plain.claims]  # same claims, same order


def test_a_rule_name_declared_twice_is_refused() -> None:
    twin = Family("twin")
    twin.rule("pay", anchor({"LEMMA": "pay"}))(h_had_contacts)
    with pytest.raises(ValueError, match="'pay' declared twice"):
        RuleSet(acts.RULES, twin)
    with pytest.raises(ValueError, match="no pattern"):
        twin.rule("empty")


def test_rules_at_one_trigger_run_in_declaration_order() -> None:
    """ "merging" is both a "merger" noun and a "merge" verb to the patterns; merger is declared first."""
    names = [r.name for r in orgs.RULES]
    assert names.index("merger") < names.index("merge") and names.index("unit_of") < names.index("subordinate")
    assert [r.name for r in RULES.rules][: len(roles.RULES)] == [r.name for r in roles.RULES]
    assert RULES["pay"].handler is acts.h_pay and RULES["pay"].family == "acts"


def test_context_maps_mentions_with_the_documents_to_clean() -> None:
    path = ROOT / "examples/crest/CIA-RDP82-00457R006100750010-5.txt"
    doc = process(str(path), path.read_bytes())
    assert len(doc.clean_map) > 10  # banners and classification lines removed
    sdoc = nlp()(doc.clean_text)
    doc.mentions = gazetteer_mentions(doc, sdoc)  # names found in the original text, banners included
    ctx = Ctx(doc, sdoc)
    inside = [(cs, ce, m) for cs, ce, m in ctx.mentions if doc.in_clean(m.start) and doc.in_clean(m.end)]
    assert len(inside) > 100
    assert all(doc.clean_text[cs:ce] == m.text for cs, ce, m in inside)
    removed = [m for m in doc.mentions if not doc.in_clean(m.start)]
    assert removed  # a name in a removed banner line clamps to the end of the run before it
    for m in removed:
        run = max((s for s in doc.clean_map if s.orig <= m.start), key=lambda s: s.orig)
        assert ctx.to_clean(m.start) == run.clean + run.length == doc.to_clean(m.start)


def test_the_hedge_list_is_the_models() -> None:
    assert HEDGES == get_args(Hedge) and HEDGES[0] == "stated"
    cues = {*VERB_CUES.values(), *ADVERB_CUES.values(), *(h for _, h in PHRASE_CUES)}
    assert cues == set(HEDGES) - {"stated"}  # every hedge but "stated" has a cue, and no cue is outside the list
    from declass.trace_render import HEDGE_MARK

    assert list(HEDGE_MARK) == list(HEDGES)  # the dossier has a reading for each hedge


def test_a_decade_without_norm_is_dated() -> None:
    """A DATE mention extraction left without ``norm`` ("the 1950s", as OCR printed it in the corpus)."""
    assert norm_date("THE \n1950S") == "1950/1959"
    assert norm_date("1940s") == "1940/1949"
    assert norm_date("August 27, 1963") == "1963-08-27"  # the month alone before the shared date parser
    assert norm_date("reports of 1949 and 1950") == "1949/1950"  # years inside longer words still read
    # The spaCy DATE mention "the 1950s" carries no norm here; before, no date at all was read.
    doc, sdoc = _with_names(OSWALD, {"Oswald": "PERSON", "CIA": "ACRONYM"})
    recruited = [c for c in extract_claims(doc, sdoc) if c.predicate == "recruited"]
    assert [(c.time, c.attrs["time_text"], c.attrs["object_text"]) for c in recruited] == [("1950/1959", "the 1950s", "Oswald")]
