"""Must-merge and must-not-merge cases, on mentions taken from the sample reports."""

from __future__ import annotations

import pytest

from declass.model import Entity, Mention, make_id
from declass.resolve import resolve
from declass.types.confusion import similarity, weighted_distance
from declass.types.names import fold, parse_person


def entity_of(entities: list[Entity], mentions: list[Mention], text: str) -> Entity:
    ids = {m.id for m in mentions if m.text == text}
    assert ids, text
    found = [e for e in entities if ids & set(e.mention_ids)]
    assert len(found) == 1, (text, [e.name for e in found])
    return found[0]


def same(entities: list[Entity], mentions: list[Mention], a: str, b: str) -> bool:
    return entity_of(entities, mentions, a).id == entity_of(entities, mentions, b).id


@pytest.fixture(scope="module")
def resolved(nts_mentions, nts_relations, liaison_mentions):  # type: ignore[no-untyped-def]
    mentions = nts_mentions + liaison_mentions
    judgements, entities = resolve(mentions, nts_relations)
    return mentions, judgements, entities


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Belik", "Zoran Afanasyevich Belik"),
        ("Makayev", "Ivan Alekseyevich Makayev"),
        ("Tretyakov", "Vladimir Aleksandrovich Tretyakov"),
        ("Kandaurov", "Aleksei Alekseyevich Kandaurov"),
        ("Kandourov", "Kandaurov"),
        ("Tretyckov", "Tretyakov"),
        ("Daidalakov", "Viktor M. Baidalakov"),
        ("Kellner", "Konstantin Aleksandrovich Kellner"),
    ],
)
def test_short_and_ocr_forms_merge_with_the_full_name_in_one_document(resolved, short, full):  # type: ignore[no-untyped-def]
    mentions, _, entities = resolved
    assert same(entities, mentions, short, full)


def test_kassianov_is_most_likely_the_member_list_massianov_with_a_confidence(resolved):  # type: ignore[no-untyped-def]
    mentions, _, entities = resolved
    e = entity_of(entities, mentions, "Kassianov")
    assert "Mikha L Massianov" in e.variants
    assert e.name == "Mikha L. Kassianov"
    assert 0.6 <= e.attrs["confidence"] < 0.95


@pytest.mark.parametrize("variant", ["MTS", "HTS", "WTS", "NTC", "NTE", "LTS", "UTS", "MTC"])
def test_ocr_damaged_acronyms_merge_into_the_frequent_defined_form(resolved, variant):  # type: ignore[no-untyped-def]
    mentions, _, entities = resolved
    e = entity_of(entities, mentions, variant)
    assert e.name == "NTS"
    assert e.id == entity_of(entities, mentions, "NTS").id


def test_acronym_expansion_and_translation_are_one_organisation(resolved):  # type: ignore[no-untyped-def]
    mentions, _, entities = resolved
    assert same(entities, mentions, "NTS", "Natsionalno-Trudovio Soyuz")
    assert same(entities, mentions, "NTS", "National Labor Union")


def test_a_defined_acronym_keeps_its_own_form(resolved):  # type: ignore[no-untyped-def]
    mentions, _, entities = resolved
    assert not same(entities, mentions, "MSM", "NTS")
    assert same(entities, mentions, "MSM", "Natsionalyny Soyuz Molodezhy")


@pytest.mark.parametrize(("a", "b"), [("MGB", "MVD"), ("MGB", "NKGB"), ("MVD", "GRU"), ("MGB", "GRU")])
def test_distinct_soviet_bodies_stay_apart(resolved, a, b):  # type: ignore[no-untyped-def]
    mentions, _, entities = resolved
    assert not same(entities, mentions, a, b)


def test_known_distinct_bodies_are_a_negative_judgement(resolved):  # type: ignore[no-untyped-def]
    _, judgements, _ = resolved
    negs = {tuple(sorted(j.evidence["forms"])) for j in judgements if j.rule == "known_distinct" and j.same is False}
    assert ("MGB", "MVD") in negs


def test_different_middle_initials_are_a_doubt_shown_not_a_merge(resolved):  # type: ignore[no-untyped-def]
    mentions, judgements, entities = resolved
    assert not same(entities, mentions, "Viktor I. Baidalakov", "Viktor M. Baidalakov")
    doubt = [j for j in judgements if j.rule == "middle_conflict"]
    assert doubt and doubt[0].same is None and doubt[0].score < 0.75
    shown = entity_of(entities, mentions, "Viktor I. Baidalakov").attrs["doubts"]
    assert any(d["rule"] == "middle_conflict" for d in shown)


def test_shared_given_name_alone_does_not_merge(resolved):  # type: ignore[no-untyped-def]
    mentions, _, entities = resolved
    assert not same(entities, mentions, "Aleksei V. Batyan", "Aleksei Alekseyevich Kandaurov")
    assert not same(entities, mentions, "Vladimir Saveliev", "Vladimir Aleksandrovich Tretyakov")


def test_an_alias_is_a_link_inside_one_person_not_a_renaming(resolved):  # type: ignore[no-untyped-def]
    mentions, judgements, entities = resolved
    e = entity_of(entities, mentions, "Aleksei Privalov")
    assert e.name == "Aleksei Alekseyevich Kandaurov"
    assert e.aliases == ["Aleksei Privalov"]
    assert "Aleksei Privalov" not in e.variants
    assert e.attrs["alias_evidence"][0]["relation"] == "alias"


def _doc(doc_id: str, text: str, forms: list[str], label: str = "PERSON") -> list[Mention]:
    out = []
    for form in forms:
        start = text.index(form)
        while start >= 0:
            out.append(Mention(make_id(doc_id, start, form), doc_id, label, form, start, start + len(form), 1))
            start = text.find(form, start + len(form))
    return out


def test_cia_surname_first_form_nickname_and_surname_are_one_person() -> None:
    text = "SUBJECT: MORGAN, Edward P.\n1. Edward P. Morgan met the source. Later Ed Morgan said that Morgan would travel."
    ms = _doc("memo", text, ["MORGAN, Edward P.", "Edward P. Morgan", "Ed Morgan", "Morgan would"])
    ms = [m if m.text != "Morgan would" else Mention(m.id, m.doc_id, m.label, "Morgan", m.start, m.start + 6, 1) for m in ms]
    _, entities = resolve(ms)
    assert len(entities) == 1
    assert entities[0].name == "Edward P. Morgan"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vladimir Aleksandrovich Tretyakov", "Vladimir Tretiakov"),
        ("Vladimir Aleksandrovich Tretyakov", "Vladimir Tret'yakov"),
        ("Hikolai Rozdovsky", "Nikolai Rozdovskii"),
        ("Aleksandr Generalov", "Alexandr Generalov"),
        ("Mikhail Kassianov", "Mihail Kassianov"),
    ],
)
def test_transliteration_variants_merge_across_documents(a: str, b: str) -> None:
    ms = _doc("d1", f"Report: {a} arrived.", [a]) + _doc("d2", f"Memo: {b} left.", [b])
    _, entities = resolve(ms)
    assert len(entities) == 1


def test_same_surname_different_given_names_across_documents_stay_apart() -> None:
    ms = _doc("d1", "Ivan Makayev spoke.", ["Ivan Makayev"]) + _doc("d2", "Petr Makayev spoke.", ["Petr Makayev"])
    judgements, entities = resolve(ms)
    assert len(entities) == 2
    assert any(j.rule == "given_conflict" and j.same is False for j in judgements)


def test_surname_alone_in_another_document_needs_context() -> None:
    a = _doc("d1", "Ivan Alekseyevich Makayev of NTS met Tretyakov.", ["Ivan Alekseyevich Makayev", "Tretyakov"])
    b = _doc("d2", "Makayev wrote to the editors.", ["Makayev"])
    c = _doc("d3", "Makayev met Tretyakov again.", ["Makayev", "Tretyakov"])
    _, entities = resolve(a + b)
    assert len([e for e in entities if "Makayev" in e.name]) == 2
    _, entities = resolve(a + c)
    assert len([e for e in entities if "Makayev" in e.name]) == 1


def test_entity_ids_are_stable_across_runs(nts_mentions, nts_relations) -> None:  # type: ignore[no-untyped-def]
    _, first = resolve(nts_mentions, nts_relations)
    _, second = resolve(list(reversed(nts_mentions)), nts_relations)
    assert sorted((e.id, e.name) for e in first) == sorted((e.id, e.name) for e in second)


def test_overrides_merge_split_and_rename_are_reapplied(nts_mentions, nts_relations) -> None:  # type: ignore[no-untyped-def]
    _, entities = resolve(nts_mentions, nts_relations)
    bat = entity_of(entities, nts_mentions, "Batyan")
    bel = entity_of(entities, nts_mentions, "Belik")
    short = [m.id for m in nts_mentions if m.text == "Belik"]
    rest = [m for m in bel.mention_ids if m not in short]
    overrides = [
        {"action": "merge", "args": {"left": bat.mention_ids[0], "right": rest[0]}},
        {"action": "split", "args": {"mentions": short, "rest": sorted(set(bat.mention_ids) | set(rest))}},
        {"action": "rename", "args": {"anchor": short[0], "name": "Belik (unclear)"}},
    ]
    _, again = resolve(nts_mentions, nts_relations, overrides=overrides)
    assert same(again, nts_mentions, "Batyan", "Zoran Afanasyevich Belik")
    assert not same(again, nts_mentions, "Belik", "Zoran Afanasyevich Belik")
    assert entity_of(again, nts_mentions, "Belik").name == "Belik (unclear)"


def test_incremental_resolution_joins_new_mentions_to_existing_entities(nts_mentions, nts_relations) -> None:  # type: ignore[no-untyped-def]
    _, entities = resolve(nts_mentions, nts_relations)
    new = _doc("later", "Vladimir Aleksandrovich Tretiakov and Ivan Makayev of the NTS.", ["Vladimir Aleksandrovich Tretiakov"])
    judgements, changed = resolve(new, existing=entities)
    tret = entity_of(entities, nts_mentions, "Tretyakov")
    joined = [e for e in changed if new[0].id in e.mention_ids]
    assert joined and joined[0].id == tret.id and set(tret.mention_ids) < set(joined[0].mention_ids)


@pytest.mark.parametrize(
    ("a", "b", "cheaper_than"),
    [("baidalakov", "daidalakov", "kaidalakov"), ("nts", "mts", "kts"), ("kassianov", "kassianov", "x"), ("dorn", "dom", "dox")],
)
def test_ocr_confusions_cost_less_than_other_edits(a: str, b: str, cheaper_than: str) -> None:
    assert weighted_distance(a, b) < max(1.0, weighted_distance(a, cheaper_than))


def test_transliteration_folding() -> None:
    assert fold("Tretyakov") == fold("Tretiakov") == fold("Tret'yakov")
    assert fold("Rozdovsky") == fold("Rozdovskii") == fold("Rozdovskiy")
    assert fold("Aleksandr") == fold("Alexandr") and fold("Kharkov") == fold("Harkov")
    assert parse_person("MORGAN, Edward P.") == parse_person("Edward P. Morgan")
    assert similarity(fold("Kandaurov"), fold("Kandourov")) > 0.9
