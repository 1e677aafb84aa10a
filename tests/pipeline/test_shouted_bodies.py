"""Bodies' names in shouted lines (issue 10, organisations): the truecaser writes a body's name
in capitals in Title case (``truecase.shouted_bodies``) rather than as lower-case English words,
so the body shapes and the model read it as one body.

Each line is cut from a jfk-corpus record (``/work/shared/samples/jfk-corpus/``) named in the
comment; the class is also seen in the dev gold (batch 1: 194-10012-10030 "British service", shouted
in a cable; batch 2: 176-10036-10134 "MINISTRY OF NATIONAL DEFENSE"; batch 3: 176-10036-10135
"GOVERNMENT OF VITNAM", "U.S: EMBASSY"), though OCR damage keeps most of these out of reach.
"""

from __future__ import annotations

import pytest

from declass.pipeline.extract import extract_text
from declass.pipeline.extract.nlp import lexicon_of_cached, load_nlp
from declass.pipeline.extract.truecase import shouted_bodies, truecase


def _bodies(line: str) -> list[str]:
    return [line[a:b] for a, b in shouted_bodies(line, 0, len(line))]


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("WITH LONG : RECORDS OF SERVICE TO THE GOVERNMENT OF VIETNAM (GVN)", "GOVERNMENT OF VIETNAM"),  # 176-10036-10099
        ("OCC: PROFESSOR SF HISTORY AT UNIVERSITY OF MARYLAND, RETIRED", "UNIVERSITY OF MARYLAND"),  # 104-10014-10064
        ("SPACE BELOW FOR EXCLUSIVE USE OF THE OFFICE OF PERSONNEL", "OFFICE OF PERSONNEL"),  # 104-10131-10014
        ("THE COMMUNIST PARTY OF HAITI, (PARTY OF POPULAR ACCORD):", "PARTY OF POPULAR ACCORD"),  # 104-10186-10308
        ("RA VICTORY FOR CUBAN CONSULATE, SHOT IN ARM TO FACINGG", "CUBAN CONSULATE"),  # 104-10236-10053
        ("DEPARTMENT, RUSSIAN FOREIGN INTELLIGENCE SERVICE (SVRR)", "RUSSIAN FOREIGN INTELLIGENCE SERVICE"),  # 104-10326-10092
        ("SOURCE OFFICIAL BRITISH SERVICE FROM A SOURCE DESCRIBED AS", "BRITISH SERVICE"),  # 176-10036-10051
        ("ESTABLISHMENT AMBUO DELEGATION HERE CORRECT. JAMAICAN GOVT WANTS NOT", "JAMAICAN GOVT"),  # 104-10236-10053
        ("TO THE FBI NEW YORK OFFICE AND THE", "FBI NEW YORK OFFICE"),  # the shape of 124-10326-10149's field office
    ],
)
def test_a_body_in_capitals_is_found(line: str, body: str) -> None:
    assert body in _bodies(line)


@pytest.mark.parametrize(
    "line",
    [
        "WITH WHOM ROME STATION HAS BEEN IN CONTACT SINCE",  # a station: no body in the dev gold
        "MIAMI DRAFTED TWO POLICE OFFICERS FOR THE",  # a verb between place and head
        "VIETNAM AUTHORITIES. ORDERED POLICE TO",  # a full stop ends a name
        "THAN THE ISSUING OFFICE OR THE AGENCY",  # no place, nationality or acronym before the head
        "TO THE GOVERNMENT OF THE\nUNITED STATES",  # no name word after "of" on the line
        "TYPE OF FACILITY REQUESTED",
    ],
)
def test_no_body_without_its_shape(line: str) -> None:
    assert _bodies(line) == []


def test_the_truecased_line_keeps_the_name_in_title_case() -> None:
    lexicon = lexicon_of_cached(load_nlp())
    line = "WITH LONG : RECORDS OF SERVICE TO THE GOVERNMENT OF VIETNAM AND THE CUBAN CONSULATE"
    out = truecase(line, lexicon)
    assert len(out) == len(line)
    assert "Government of Vietnam" in out and "Cuban Consulate" in out
    assert "records of service" in out  # the English words around stay lower case


@pytest.mark.parametrize(
    ("line", "org"),
    [
        ("SPACE BELOW FOR EXCLUSIVE USE OF THE OFFICE OF PERSONNEL", "OFFICE OF PERSONNEL"),
        ("WITH LONG : RECORDS OF SERVICE TO THE GOVERNMENT OF VIETNAM (GVN)", "GOVERNMENT OF VIETNAM"),
        ("RA VICTORY FOR CUBAN CONSULATE, SHOT IN ARM TO FACINGG", "CUBAN CONSULATE"),
    ],
)
def test_the_pipeline_types_the_shouted_body_org(line: str, org: str) -> None:
    assert org in [m.text for m in extract_text([line])[0] if m.label == "ORG"]
