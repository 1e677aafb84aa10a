"""The search query language parser: operators, precedence, field filters and clear errors."""

from __future__ import annotations

import pytest

from declass.errors import QueryError
from declass.store.search_syntax import parse_search


def words(node):
    """A readable form of a parsed tree: words, phrases as tuples, prefixes ending in '*'."""
    kind = node[0]
    if kind == "term":
        t = node[1]
        return tuple(t["words"]) if t["phrase"] else t["words"][0] + ("*" if t["prefix"] else "")
    if kind == "not":
        return ("NOT", words(node[1]))
    return (kind.upper(), *[words(c) for c in node[1]])


@pytest.mark.parametrize(
    "query, tree",
    [
        ("Kandaurov", "kandaurov"),
        ("NTS Caracas", ("AND", "nts", "caracas")),
        ("NTS AND Caracas", ("AND", "nts", "caracas")),
        ("a OR b c", ("OR", "a", ("AND", "b", "c"))),
        ("a b OR c", ("OR", ("AND", "a", "b"), "c")),
        ("NTS NOT Kandaurov", ("AND", "nts", ("NOT", "kandaurov"))),
        ("NTS -Kandaurov", ("AND", "nts", ("NOT", "kandaurov"))),
        ("(Kandaurov OR Tretyakov) NOT emigre", ("AND", ("OR", "kandaurov", "tretyakov"), ("NOT", "emigre"))),
        ('"National Labor Union" Kandaur*', ("AND", ("national", "labor", "union"), "kandaur*")),
        ("NEAR(x,y)", ("AND", "near", ("AND", "x", "y"))),
        ("and or not", ("AND", "and", "or", "not")),  # lower case: words, not operators
    ],
)
def test_operators_and_precedence(query: str, tree) -> None:
    assert words(parse_search(query).tree) == tree


def test_field_filters_are_taken_out_of_the_words() -> None:
    parsed = parse_search(
        'Kandaurov classification:"top secret" collection:CREST doctype:"information report" date:1950..1955-06 '
        "has:redactions entity:Tretyakov mentions:cryptonym"
    )
    assert words(parsed.tree) == "kandaurov"
    assert parsed.filters == {
        "classification": "TOP SECRET",
        "collection": "crest",
        "doc_type": "information_report",
        "date_from": "1950",
        "date_to": "1955-06",
        "has_redactions": True,
        "entity": "Tretyakov",
        "type": "CRYPTONYM",
    }
    assert parse_search("date:1952").filters == {"date_from": "1952", "date_to": "1952"}
    assert parse_search("date:..1949 redacted:no").filters == {"date_to": "1949", "has_redactions": False}
    only_filters = parse_search("classification:SECRET")
    assert only_filters.tree is None and only_filters.filters == {"classification": "SECRET"}


def test_unknown_fields_and_stray_punctuation_are_words() -> None:
    assert words(parse_search("note:Kandaurov").tree) == ("AND", "note", "kandaurov")
    assert words(parse_search('"unbalanced quote').tree) == ("AND", "unbalanced", "quote")
    assert parse_search("!!! ***").tree is None


@pytest.mark.parametrize(
    "query, message",
    [
        ("Kandaurov AND", "AND needs words on both sides"),
        ("AND Kandaurov", "AND needs words on both sides"),
        ("OR Kandaurov", "OR needs words on both sides"),
        ("Kandaurov OR", "OR needs words on both sides"),
        ("NTS NOT", "NOT needs a word or phrase after it"),
        ("NOT Kandaurov", "only NOT terms"),
        ("a OR NOT b", "NOT cannot stand alone on one side of OR"),
        ("(Kandaurov OR Tretyakov", "a '(' is never closed"),
        ("Kandaurov)", "a ')' has no matching '('"),
        ("NTS ()", "empty parentheses"),
        ("date:1950s", "date:1950s is not a date"),
        ("date:..", "needs a year on at least one side"),
        ("has:photos", "use has:redactions"),
        ("redacted:maybe", "use redacted:yes or redacted:no"),
        ("classification:", "classification: needs a value"),
        ("(NTS classification:SECRET)", "filters apply to the whole query"),
        (" ".join(f"w{i}" for i in range(17)), "the limit is 16"),
    ],
)
def test_malformed_queries_say_what_to_change(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_search(query)
