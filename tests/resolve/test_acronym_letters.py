"""Two acronyms of one document are one body only one OCR error apart (issue 10, trace14).

104-10048-10124 and 104-10308-10062 print CAC (the Caribbean Admission Center) twice and GOC (the
Government of Cuba) once: G/C and O/A are both typewriter confusions, so the weighted distance of
the two was small and GOC joined CAC as its "OCR variant" (hand labels main-7f9059f-org.tsv, rank
48). A variant the scan made differs in one letter: MTS, HTS for NTS; CLA for CIA.
"""

from __future__ import annotations

import pytest

from declass.resolve.compare import acronym_variant


@pytest.mark.parametrize(("variant", "dominant"), [("GOC", "CAC"), ("MGB", "MVD"), ("HTC", "NTS")])
def test_two_letters_apart_is_another_acronym(variant: str, dominant: str) -> None:
    assert acronym_variant(variant, dominant) == 0.0


@pytest.mark.parametrize(("variant", "dominant"), [("MTS", "NTS"), ("HTS", "NTS"), ("CLA", "CIA")])
def test_one_misread_letter_is_a_variant(variant: str, dominant: str) -> None:
    assert acronym_variant(variant, dominant) >= 0.6
