"""The trace's answers on the dev gold (issue 10, resolve12): which entity a query of several words
means, and passages that run on into the next paragraph.

Built from what the records print: 124-10284-10155 ("one BAYO. ... regarding him. He" / "stated,
however, ... "General" ALBERTOABAYO who ... assisted in the CASTRO revolution"), where extraction
made "Alberto" a place and "BAYO" a person, and 176-10036-10135 ("Dieu" a person, "Hue" a place).
"""

from __future__ import annotations

from declass.model import Entity
from declass.timeline import _widen, runs_on
from declass.trace import _best_fit_first, query_fit


def _entity(name: str, etype: str, *variants: str) -> Entity:
    return Entity(id=name.lower(), type=etype, name=name, variants={v: 1 for v in (name, *variants)})


def test_a_full_name_query_prefers_the_person_bearing_its_surname() -> None:
    alberto, bayo, epe = (
        _entity("Alberto", "LOC", "ALBERTO"),
        _entity("Bayo", "PERSON", "BAYO"),
        _entity("Bayo Epe", "PERSON", "EPE, BAYO"),
    )
    assert query_fit("Alberto Bayo", bayo) == 2
    assert query_fit("Alberto Bayo", epe) == 1  # printed surname first: its surname is Epe
    assert query_fit("Alberto Bayo", alberto) == 0
    ranked = _best_fit_first("Alberto Bayo", [(alberto, 90.0), (bayo, 90.0), (epe, 85.5)])
    assert [e.name for e, _ in ranked] == ["Bayo", "Alberto", "Bayo Epe"]


def test_a_personal_name_query_prefers_a_person_over_a_place() -> None:
    hue, dieu = _entity("Hue", "LOC"), _entity("Dieu", "PERSON")
    ranked = _best_fit_first("Dieu Hue", [(hue, 90.0), (dieu, 90.0)])
    assert ranked[0][0].name == "Dieu"


def test_an_exact_match_or_a_one_word_query_keeps_its_order() -> None:
    hue, dieu = _entity("Hue", "LOC"), _entity("Dieu", "PERSON")
    assert _best_fit_first("Hue", [(hue, 100.0), (dieu, 70.0)])[0][0].name == "Hue"
    assert query_fit("Hue", dieu) == 0
    far = _entity("Dieu Hue Tran", "PERSON")
    # Outside the ambiguity margin the better score stays first.
    assert _best_fit_first("Alberto Bayo", [(hue, 95.0), (far, 80.0)])[0][0].name == "Hue"


def test_a_paragraph_without_a_final_stop_runs_on() -> None:
    assert runs_on("These companies are: 2q 0")
    assert runs_on("no background information is available regarding him. He")
    assert not runs_on("The Bureau will be advised.")
    assert not runs_on('He said "no."')


def test_a_passage_crosses_into_the_next_paragraph_only_where_the_sentence_runs_on() -> None:
    first = "It has been rumored that he will be replaced by one BAYO. No background is available regarding him. He"
    second = (
        ' stated, however, that he may be identical with the son of "General" ALBERTO BAYO'
        " who assisted in the CASTRO revolution. Other news."
    )
    text = first + "\n\n" + second
    start = first.index("It")
    s, e = _widen(text, start, first.index("BAYO.") + 5, 200, 400, 0, len(first))
    assert "CASTRO revolution" in text[s:e] and "Other news" not in text[s:e]
    closed = first[:-3] + "."
    text = closed + "\n\n" + second
    s, e = _widen(text, 0, closed.index("BAYO.") + 5, 200, 400, 0, len(closed))
    assert e <= len(closed)  # a paragraph ending its sentence keeps the passage within it


def test_a_cryptonym_printed_with_one_letter_misread_in_its_own_document_is_quoted() -> None:
    # 104-10172-10248 prints AELADLE three times as extraction found it, and AELAOLE, AELARLE,
    # AELSDLE in the sentences that say what AELADLE did.
    from declass.trace_printed import own_document_pattern, printed_pattern

    aeladle = _entity("AELADLE", "ORG")
    text = "REVIEW WITH AELAOLE AGAIN, AELARLE DESIRED, AELADLE CN HIS GWN, AXLADLE, AELAZI, aelaole, AELADLE-2"
    pattern = own_document_pattern(aeladle)
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer(text)] == ["AELAOLE", "AELARLE", "AELADLE"]
    exact = printed_pattern(aeladle)
    assert exact is not None and [m.group(0) for m in exact.finditer(text)] == ["AELADLE"]
    # A six-letter word is too short to tell apart from another cryptonym (AMWHIP / AMCHIP).
    amwhip = _entity("AMWHIP", "ORG")
    short = own_document_pattern(amwhip)
    assert short is not None and not short.search("AMCHIP")
