"""The search query language: words, "phrases", prefix*, AND / OR / NOT, parentheses and field filters.

``parse_search`` turns what a user typed into a :class:`ParsedQuery`: a small boolean tree of terms
and the field filters (``classification:SECRET``, ``date:1950..1955``...). Terms keep the shape the
backends already understand (``{"words": [...], "phrase": bool, "prefix": bool}``); the tree is
turned into a backend's match syntax by :func:`declass.store.sql_search.SearchMixin` through the
:class:`~declass.store.search_query.SearchDialect` methods, so no user text ever reaches FTS5's or
``to_tsquery``'s own syntax. A malformed query (a dangling operator, an unclosed parenthesis, a bad
date) raises :class:`~declass.errors.QueryError` with a message saying what to change; the web page
shows it next to the search box.

Precedence, as in most search engines: ``NOT`` (or a leading ``-``) binds tightest, then ``AND``
(also implied between neighbouring terms), then ``OR``. Only upper-case ``AND``/``OR``/``NOT`` are
operators; ``and`` is a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from declass.errors import QueryError

MAX_TERMS = 16
WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(
    r'(?P<field>[A-Za-z_]+):(?:"(?P<fq>[^"]*)"|(?P<fv>[^\s()"]*))'
    r'|"(?P<phrase>[^"]*)"'
    r"|(?P<paren>[()])"
    r"|(?P<word>[^\s()]+)"
)
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_YES = {"yes", "true", "1", "y"}
_NO = {"no", "false", "0", "n"}
# Field name as typed -> filter name (the keyword arguments of Store.search).
FIELDS = {
    "classification": "classification",
    "class": "classification",
    "collection": "collection",
    "doctype": "doc_type",
    "doc_type": "doc_type",
    "date": "date",
    "entity": "entity",
    "mentions": "type",
    "has": "has",
    "redacted": "has_redactions",
}


class QuerySyntaxError(QueryError):
    """A query the language cannot read (the message says what to change); the web view then
    searches its plain words instead and shows the message."""


Node = tuple[Any, ...]  # ("term", term) | ("and", [nodes]) | ("or", [nodes]) | ("not", node)


@dataclass
class ParsedQuery:
    """A parsed query: the boolean tree (None when only filters or nothing was typed) and the filters."""

    tree: Node | None
    filters: dict[str, Any] = field(default_factory=dict)

    def terms(self) -> list[dict[str, Any]]:
        """The terms that must or may match (not the excluded ones), in the order typed."""
        out: list[dict[str, Any]] = []

        def walk(node: Node | None) -> None:
            if node is None or node[0] == "not":
                return
            if node[0] == "term":
                out.append(node[1])
            else:
                for child in node[1]:
                    walk(child)

        walk(self.tree)
        return out


def _term(text: str, *, phrase: bool) -> list[dict[str, Any]]:
    """The terms of one token: a quoted phrase, or the words of a bare token (``x*`` a prefix)."""
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return []
    if phrase:
        return [{"words": words, "phrase": len(words) > 1, "prefix": False}]
    terms = [{"words": [w], "phrase": False, "prefix": False} for w in words]
    if text.endswith("*") and len(words[-1]) >= 2:
        terms[-1]["prefix"] = True
    return terms


def _field(name: str, value: str, filters: dict[str, Any]) -> None:
    """Record one field filter in ``filters`` (raises QueryError for a value that cannot work)."""
    key = FIELDS[name.lower()]
    value = value.strip()
    if not value:
        raise QuerySyntaxError(f"{name}: needs a value, e.g. {name}:{_EXAMPLES[key]}")
    if key == "classification":
        filters[key] = value.upper()
    elif key == "collection":
        filters[key] = value.lower()
    elif key == "doc_type":
        filters[key] = re.sub(r"[\s-]+", "_", value.lower())
    elif key == "type":
        filters[key] = value.upper()
    elif key == "entity":
        filters[key] = value
    elif key == "date":
        lo, sep, hi = value.partition("..")
        if not sep:
            hi = lo
        for part in (lo, hi):
            if part and not _DATE.fullmatch(part):
                raise QuerySyntaxError(f"date:{value} is not a date: use 1950, 1950-03 or 1950-03-14, or a range 1950..1955")
        if not lo and not hi:
            raise QuerySyntaxError("date:.. needs a year on at least one side, e.g. date:1950..1955")
        if lo:
            filters["date_from"] = lo
        if hi:
            filters["date_to"] = hi
    elif key == "has":
        if value.lower() not in ("redactions", "redaction", "redacted"):
            raise QuerySyntaxError(f"has:{value} is not known: use has:redactions")
        filters["has_redactions"] = True
    else:  # redacted:yes|no
        if value.lower() not in _YES | _NO:
            raise QuerySyntaxError(f"redacted:{value} is not known: use redacted:yes or redacted:no")
        filters["has_redactions"] = value.lower() in _YES


_EXAMPLES = {
    "classification": "SECRET",
    "collection": "crest",
    "doc_type": "memorandum",
    "type": "PERSON",
    "entity": "Kandaurov",
    "date": "1950..1955",
    "has": "redactions",
    "has_redactions": "yes",
}


def _tokens(query: str) -> list[tuple[str, Any]]:
    """(kind, value) tokens: ``term`` (a term dict), ``op`` (AND/OR/NOT), ``(``, ``)``, ``field``."""
    out: list[tuple[str, Any]] = []
    for m in _TOKEN.finditer(query):
        if m.group("field") is not None and m.group("field").lower() in FIELDS:
            out.append(("field", (m.group("field"), m.group("fq") if m.group("fq") is not None else m.group("fv"))))
            continue
        if m.group("phrase") is not None:
            out.extend(("term", t) for t in _term(m.group("phrase"), phrase=True))
        elif m.group("paren"):
            out.append((m.group("paren"), None))
        else:
            raw = m.group(0)
            if raw in ("AND", "OR", "NOT"):
                out.append(("op", raw))
            elif raw.startswith("-") and WORD.search(raw):
                out.append(("op", "NOT"))
                out.extend(("term", t) for t in _term(raw[1:], phrase=False))
            else:
                out.extend(("term", t) for t in _term(raw, phrase=False))
    return out


class _Parser:
    """Recursive descent over the tokens: or := and (OR and)*; and := unary (AND? unary)*; unary := NOT unary | primary."""

    def __init__(self, tokens: list[tuple[str, Any]], filters: dict[str, Any]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.filters = filters

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, Any]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        node = self.or_expr()
        if self.peek() is not None:  # only a stray ")" stops the top level early
            raise QuerySyntaxError("a ')' has no matching '(': remove it or add the '('")
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.take()
            parts.append(self.and_expr())
        if len(parts) == 1:
            return parts[0]
        if any(p is None for p in parts):
            raise QuerySyntaxError("OR needs words on both sides, e.g. Kandaurov OR Kandourov")
        if any(p is not None and p[0] == "not" for p in parts):
            raise QuerySyntaxError("NOT cannot stand alone on one side of OR: write 'a OR b NOT c' or '(a OR b) NOT c'")
        return ("or", parts)

    def and_expr(self) -> Node | None:
        parts: list[Node] = []
        while True:
            tok = self.peek()
            if tok is None or tok == ("op", "OR") or tok[0] == ")":
                break
            if tok == ("op", "AND"):
                self.take()
                nxt = self.peek()
                if not parts or nxt is None or nxt[0] in (")",) or nxt == ("op", "OR") or nxt == ("op", "AND"):
                    raise QuerySyntaxError("AND needs words on both sides, e.g. NTS AND Caracas")
                continue
            node = self.unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else ("and", parts)

    def unary(self) -> Node | None:
        kind, value = self.take()
        if (kind, value) == ("op", "NOT"):
            nxt = self.peek()
            if nxt is None or nxt[0] in (")", "op", "field"):
                raise QuerySyntaxError("NOT needs a word or phrase after it, e.g. NTS NOT Kandaurov")
            inner = self.unary()
            if inner is None:
                raise QuerySyntaxError("NOT needs a word or phrase after it, e.g. NTS NOT Kandaurov")
            return ("not", inner)
        if kind == "term":
            return ("term", value)
        if kind == "field":
            if self.depth:
                raise QuerySyntaxError(f"{value[0]}: filters apply to the whole query; move them out of the parentheses")
            _field(value[0], value[1], self.filters)
            return None
        if kind == "(":
            self.depth += 1
            inner = self.or_expr()
            if self.peek() is None or self.peek()[0] != ")":  # type: ignore[index]
                raise QuerySyntaxError("a '(' is never closed: add the ')'")
            self.take()
            self.depth -= 1
            if inner is None:
                raise QuerySyntaxError("empty parentheses: put words inside them or remove them")
            return inner
        raise QuerySyntaxError("a ')' has no matching '(': remove it or add the '('")


def _count_terms(node: Node | None) -> int:
    if node is None:
        return 0
    if node[0] == "term":
        return 1
    if node[0] == "not":
        return _count_terms(node[1])
    return sum(_count_terms(c) for c in node[1])


def _check(node: Node | None) -> None:
    """Reject trees no full-text index can answer: nothing but exclusions."""
    if node is None:
        return
    if node[0] == "not" or (node[0] == "and" and all(c[0] == "not" for c in node[1])):
        raise QuerySyntaxError(
            "a query of only NOT terms would match almost everything: add a word to find, e.g. NTS NOT Kandaurov"
        )
    if node[0] in ("and", "or"):
        for child in node[1]:
            if child[0] != "not":
                _check(child)


def parse_search(query: str) -> ParsedQuery:
    """Parse a query typed by a user; raises QueryError (with what to change) when it is malformed."""
    filters: dict[str, Any] = {}
    tree = _Parser(_tokens(query), filters).parse()
    _check(tree)
    if _count_terms(tree) > MAX_TERMS:
        raise QuerySyntaxError(f"the query has {_count_terms(tree)} words and phrases; the limit is {MAX_TERMS}")
    return ParsedQuery(tree, filters)


def plain_words(query: str) -> str:
    """The words, phrases and prefixes of any text as a query without operators or filters."""
    parts = []
    for t in lenient_terms(query):
        parts.append('"' + " ".join(t["words"]) + '"' if t["phrase"] else t["words"][0] + ("*" if t["prefix"] else ""))
    return " ".join(parts)


def lenient_terms(query: str) -> list[dict[str, Any]]:
    """The words and phrases of any text, ignoring operators, fields and syntax (never raises)."""
    terms: list[dict[str, Any]] = []
    for kind, value in _tokens(query):
        if kind == "term":
            terms.append(value)
    return terms[:MAX_TERMS]
