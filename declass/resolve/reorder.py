"""One name printed in two word orders within a document: "PHAM NGOC THAO" and "PHAM: Naoc THAO".

CIA memoranda print surnames first ("MORGAN, Edward P."), cables print Vietnamese and Chinese
names family name first, and OCR turns the comma into a colon or drops it: the parser then reads
"PHAM: Naoc THAO" as given name Naoc, surname Pham, and the name never meets "PHAM NGOC THAO"
(surname Thao) in blocking, which keys persons by surname. Here, within one document, two person
forms of three words or more made of the same words in another order (one word may be damaged
within one OCR confusion: Naoc / Ngoc) are judged one name (rule ``word_order``). Two-word names
are left out: "Juan Carlos" and "Carlos Juan" may be two people, and "CASTRO Fidel" parses already.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from declass.resolve import compare as c
from declass.resolve.nodes import Node
from declass.resolve.scoring import Verdict

MIN_WORDS = 3
SCORE = 0.9


def name_words(node: Node) -> tuple[str, ...]:
    """The folded words of a person node (given, middle names, surname), initials left out."""
    p = node.person
    if p is None or p.given is None or not p.surname:
        return ()
    return tuple(w for w in (p.given, *p.middle, p.surname) if len(w) > 1)


def reordered_pairs(nodes: list[Node]) -> Iterator[tuple[int, int, Verdict]]:
    """Pairs (i < j) of person nodes of one document that are one name in another word order."""
    words = {i: name_words(n) for i, n in enumerate(nodes)}
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, ws in words.items():
        if len(ws) >= MIN_WORDS:
            for w in set(ws):
                by_word[w].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in by_word.values():
        if len(members) <= 50:  # a word in every name of a list is no evidence: skip it
            for k, i in enumerate(members):
                for j in members[k + 1 :]:
                    shared[(i, j)] += 1
    for (i, j), n in sorted(shared.items()):
        a, b = words[i], words[j]
        if len(a) == len(b) and n >= len(a) - 1 and a[-1] != b[-1]:
            f = c.same_words(a, b)
            if f:
                yield i, j, Verdict(True, SCORE, "word_order", {"same_words": f, "same_document": 1.0})
