"""An entity named by a bare surname is labelled so even when debris of a fuller form joined it.

124-10326-10098 prints the FBI routing list "Tolson ... Ladd ... KEAY"; extraction read one
mention "Q Ladd Keay" and resolution joined it to KEAY, whose best-formed name is the bare "Keay".
Unlabelled, the trace never looked for KEAY in the other records (trace_printed.surname_of), and
124-10326-10099, which prints "FROM: KEAY" on its NARA form, was not cited (batch 4 of the gold).
"""

from __future__ import annotations

from declass.model import Entity
from declass.resolve.clusters import _mark_surname_only


def _person(name: str, *mentions: str) -> tuple[Entity, dict[str, str]]:
    shown = {f"m{i}": text for i, text in enumerate(mentions)}
    return Entity(id=name.lower(), type="PERSON", name=name, mention_ids=sorted(shown)), shown


def test_a_bare_surname_name_is_labelled_though_a_debris_form_joined_it() -> None:
    keay, shown = _person("Keay", "KEAY", "Q Ladd Keay")
    _mark_surname_only([keay], shown)
    assert keay.attrs.get("surname_only") is True and not keay.attrs.get("given_name_only")


def test_a_full_name_or_a_given_name_alone_is_labelled_as_before() -> None:
    hunt, shown = _person("E. Howard Hunt", "E. Howard Hunt", "Hunt")
    _mark_surname_only([hunt], shown)
    assert "surname_only" not in hunt.attrs
    john, shown = _person("John", "John", "John F. Q")
    _mark_surname_only([john], shown)
    assert "surname_only" not in john.attrs  # a given name alone is no surname
    thao, shown = _person("Thao", "THAO")
    _mark_surname_only([thao], shown)
    assert thao.attrs.get("surname_only") is True
