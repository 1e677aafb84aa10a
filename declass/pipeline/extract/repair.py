"""Repairs of name spans the statistical model gets wrong in typed records (component ``declass_repair``).

* a title before or at the start of a PERSON span goes to attrs ``title`` and out of the span
  ("Senor AZCUE" -> "AZCUE", title "Senor"; "Lt. Col. Causes" -> "Causes", title "Lt. Col.");
* a name wrapped at a line end is joined: an initial or a lone given name at the end of a line with
  the surname first on the next ("Carlos" / "PRADO" -> "Carlos\\nPRADO", attrs ``wrapped``);
* a surname in capitals that the model took for an ORG is a PERSON (CIA memoranda write surnames in
  capitals: "AZCUE is a long time friend", "the request for CHAYES' clearance"): one capitalised
  non-English word of 4+ letters with vowels, not a known body, in a line that is not shouted;
* a PERSON or ORG span that is exactly a known place or country is a place ("MEXICO", "Habana").

Runs after ``declass_consistency`` and before ``declass_filters``. Invariant: the Doc text is
``Document.clean_text``; attrs are keyed by clean-text character ranges.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, nonentities, patterns
from declass.pipeline.extract.components import info, lexicon_of, put
from declass.pipeline.extract.filters import english
from declass.pipeline.extract.truecase import is_shouted

_INITIAL = re.compile(r"^[A-Z]\.$")
_VOWELS = frozenset("AEIOUY")


def _is_title(token: str) -> bool:
    return token.rstrip(".") in gazetteer.titles()


def untitled(doc: Doc, ent: Span) -> tuple[int, str | None]:
    """The first token of the name in ``ent`` and the title printed in or just before it."""
    i = ent.start
    while i < ent.end - 1 and _is_title(doc[i].text):
        i += 1
    if i > ent.start:
        return i, doc[ent.start : i].text
    j = ent.start
    while j > 0 and _is_title(doc[j - 1].text) and "\n" not in doc[j - 1].whitespace_:
        j -= 1
    return i, (doc[j : ent.start].text if j < ent.start else None)


def _surname_like(tok: str, lexicon: frozenset[str]) -> bool:
    """A token that can be a surname on its own: capitalised, not English, not a place, body or title."""
    if not tok.isalpha() or len(tok) < 2 or english(tok, lexicon) or _is_title(tok):
        return False
    title = tok[:1] + tok[1:].lower()
    if title in gazetteer.places() or tok in gazetteer.orgs() or title in gazetteer.orgs():
        return False
    if nonentities.non_entity_class(tok, "PERSON") is not None:
        return False
    return (tok.isupper() and len(tok) >= 3) or bool(patterns.TITLE_TOKEN_RE.match(tok))


def wrapped_end(doc: Doc, start: int, end: int, lexicon: frozenset[str]) -> int:
    """The end token of a PERSON span ``doc[start:end]`` with its surname joined from the next line,
    or ``end`` when the name is not wrapped."""
    last = doc[end - 1]
    k = end
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k >= len(doc) or k + 1 < len(doc) and doc[k + 1].text in (",", "-", "/"):
        return end
    gap = doc.text[last.idx + len(last.text) : doc[k].idx]
    if gap.count("\n") != 1 or gap.strip():
        return end
    nxt = doc[k].text
    if not _surname_like(nxt, lexicon):
        return end
    if any(e.start == k and len(e) > 1 for e in doc.ents):
        return end  # the next line starts a name of its own (a list of people)
    given = end - start == 1 and last.text in gazetteer.given_names()
    if _INITIAL.match(last.text) or (given and nxt.isupper()):
        return k + 1
    return end


def caps_person(doc: Doc, ent: Span, lexicon: frozenset[str]) -> bool:
    """An ORG span that is one capitalised surname in a mixed-case line ("AZCUE", "CHAYES")."""
    if len(ent) != 1:
        return False
    w = ent.text
    if not (w.isupper() and w.isalpha() and len(w) >= 4) or sum(c in _VOWELS for c in w) < 2:
        return False
    if w in gazetteer.orgs() or w in gazetteer.acronyms() or w in gazetteer.cryptonyms() or english(w, lexicon):
        return False
    if nonentities.non_entity_class(w, "PERSON") is not None:
        return False
    line_start = doc.text.rfind("\n", 0, ent.start_char) + 1
    line_end = doc.text.find("\n", ent.end_char)
    return not is_shouted(doc.text[line_start : line_end if line_end >= 0 else len(doc.text)])


def _place(text: str) -> bool:
    t = " ".join(text.split())
    return t in gazetteer.places() or (t[:1] + t[1:].lower()) in gazetteer.places() or gazetteer.country_of(t) is not None


@Language.factory("declass_repair", requires=["doc.ents"], assigns=["doc.ents"])
def make_repair(nlp: Language, name: str) -> Any:
    """Titles out of names, wrapped names joined, capitalised surnames PERSON, places LOC."""
    lexicon = lexicon_of(nlp)

    def repair(doc: Doc) -> Doc:
        attrs = info(doc)["attrs"]
        changed: list[Span] = []
        for e in doc.ents:
            old: dict[str, Any] = attrs.get((e.start_char, e.end_char), {})
            if e.label_ in ("PERSON", "ORG") and _place(e.text):
                changed.append(Span(doc, e.start, e.end, label="GPE"))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "place_relabel"}
            elif e.label_ == "PERSON":
                start, title = untitled(doc, e)
                end = wrapped_end(doc, start, e.end, lexicon)
                if (start, end) == (e.start, e.end) and title is None:
                    continue
                s = Span(doc, start, end, label="PERSON")
                new = {**old, "rule": old.get("rule", "title" if start > e.start else "model")}
                if title:
                    new["title"] = title
                if end > e.end:
                    new.update(rule="line_wrap", wrapped=True)
                attrs[(s.start_char, s.end_char)] = new
                changed.append(s)
            elif e.label_ == "ORG" and caps_person(doc, e, lexicon):
                changed.append(Span(doc, e.start, e.end, label="PERSON"))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "caps_person"}
        put(doc, changed, override=True)
        return doc

    return repair
