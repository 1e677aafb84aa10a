"""A person's canonical name keeps the casing a mention's norm or variant gives it (issue 10).

The corpus store named John McCone "John A. Mccone": his mentions print "JOHN A. McCONE" and
"MCCONE, JOHN" (norm "John McCone", 104-10326-10045 and the McCone notes of 177-10001-10445), and
title-casing the capitals lost the inner capital. The same holds for "DeMohrenschildt", "O'Neill".
"""

from __future__ import annotations

from collections import Counter

from declass.resolve.naming import canonical_name, person_name, respelled


def test_the_norm_spells_a_name_in_capitals() -> None:
    assert person_name(Counter({"MCCONE, JOHN": 1}), ["John McCone"]) == "John McCone"
    assert canonical_name("PERSON", Counter({"MCCONE, JOHN": 2}), spellings=["John McCone"]) == "John McCone"


def test_a_variant_in_mixed_case_spells_the_others() -> None:
    assert respelled(["John", "Mccone"], ["JOHN MCCONE", "McCone"]) == ["John", "McCone"]
    assert respelled(["Patrick", "O'neill"], ["Patrick O'Neill"]) == ["Patrick", "O'Neill"]
    # Capitals after a prefix are no spelling ("McCONE"), nor is a word in capitals.
    assert respelled(["John", "Mccone"], ["JOHN A. McCONE", "MCCONE"]) == ["John", "Mccone"]
