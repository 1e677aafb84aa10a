"""The name value: folds, keys and comparisons over spellings found in the seed reports."""

from __future__ import annotations

import pytest

from declass.types.names import Name, fold_name, lookup_key, name_keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mikhail Kassianov", "Mikhail Kasianov"),
        ("Tret'yakov", "Tretiakov"),
        ("Tretyakov", "TRETIAKOV"),
        ("Kolomeitsev", "Kolomeytsev"),
        ("Vladimir Khoroshevsky", "Vladimir Horoshevskii"),
    ],
)
def test_transliteration_variants_fold_equal(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)
    assert Name(a).same(Name(b))


def test_ocr_variants_share_skeleton_and_index_keys_but_are_not_the_same() -> None:
    baidalakov, damaged = Name("Baidalakov"), Name("Daidalakov")
    assert baidalakov.skeleton == damaged.skeleton
    assert baidalakov.index_keys & damaged.index_keys
    assert not baidalakov.same(damaged)
    assert baidalakov.similarity(damaged) > 0.9


def test_distinct_bodies_stay_apart() -> None:
    mvd, mgb = Name("MVD", "ORG"), Name("MGB", "ORG")
    assert not mvd.same(mgb)
    assert not mvd.index_keys & mgb.index_keys
    assert mvd.similarity(mgb) < 0.7


def test_cia_surname_first_is_the_same_person() -> None:
    memo = Name("MORGAN, Edward P.")
    assert memo.same(Name("Edward P. Morgan"))
    assert memo.key == "edvard p morgan"
    assert memo.person is not None and memo.person.display == "Edward P. Morgan"
    assert Name("NTS", "ORG").person is None


def test_words_and_lookup_forms() -> None:
    name = Name("Tret'yakov, V.")
    assert name.words == ["tretiakov", "v"]
    assert name.folded == "tretiakov v"
    assert name.lookup == lookup_key("Tret'yakov, V.") == "tret yakov v"  # the stored search column, unfolded
    assert name.index_keys == name_keys("Tret'yakov, V.")


def test_label_matters_for_sameness() -> None:
    assert not Name("Morgan", "PERSON").same(Name("Morgan", "ORG"))
    assert not Name("", "ORG").same(Name("", "ORG"))
