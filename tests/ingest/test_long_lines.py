"""Per-mention work on a long window is bounded (issue 11, remainder: why the long path was slow).

Each mention's page-furniture check read "the line it sits in": in a one-line text that line is the
whole 100,000-character window, searched by every line pattern for every mention (quadratic in the
window), and the records act named anywhere in it (a pattern of the NARA banner) made every mention
of the file furniture: 0 of its 600 names were kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from declass.pipeline import process
from declass.pipeline.extract import extract
from declass.pipeline.extract.mentions import MAX_LINE, _line_at
from tests.conftest import CREST, JFK

ACT = "These files were made public under the John F. Kennedy Assassination Records Act in 2017. "
SENTENCE = "The station reported that Kandaurov met Belik in Caracas on 3 May 1951. "


def _line_by_scan(text: str, c0: int) -> str:
    end = text.find("\n", c0)
    return text[text.rfind("\n", 0, c0) + 1 : end if end >= 0 else len(text)]


@pytest.mark.parametrize("path", [*sorted(JFK.glob("*.pdf"))[:3], *sorted(CREST.glob("*.txt"))], ids=lambda p: p.name[:30])
def test_the_line_of_an_offset_is_the_printed_line(path: Path) -> None:
    doc = process(str(path), path.read_bytes())
    text = doc.clean_text
    assert max(len(line) for line in text.split("\n")) <= MAX_LINE  # real lines: the bound never cuts one
    for c0 in range(0, len(text), 5):
        assert _line_at(text, c0) == _line_by_scan(text, c0)


def test_a_line_longer_than_the_bound_is_no_page_furniture() -> None:
    text = "x" * 10 + "\n" + "word " * (MAX_LINE // 4) + "\nshort line"
    long_line = text.index("word")
    assert _line_at(text, long_line + 5) == ""
    assert _line_at(text, 3) == "x" * 10 and _line_at(text, len(text) - 2) == "short line"


def test_the_act_named_in_a_one_line_text_leaves_its_names_alone() -> None:
    one_line = ACT + SENTENCE * 300  # 21,700 characters on one line: a one-line file, not a line of furniture
    printed = ACT.strip() + "\n" + "\n".join([SENTENCE.strip()] * 300)  # the same sentences printed one a line
    docs = [process("one-line.txt", one_line.encode()), process("printed.txt", printed.encode())]
    extract(docs)
    for doc in docs:
        names = [m.text for m in doc.mentions if m.label == "PERSON"]
        assert names.count("Kandaurov") == 300 and names.count("Belik") == 300, (doc.source_path, names[:6])
