"""The claim rules: each a ``DependencyMatcher`` pattern that finds a predicate's trigger word,
declared together with the handler that reads the trigger's arguments from the parse.

A pattern only anchors a rule (a lemma in a syntactic position, the trigger token named ``"t"``);
the handler decides, with the document's mentions, whether there is a claim and who it is about.
A handler that cannot find a named subject makes no claim: precision matters more than recall for
a cited dossier.

Rules are declared in one module per predicate family, with the family's decorator::

    RULES = Family("orgs")

    @RULES.rule("reside", anchor({"LEMMA": {"IN": ["live", "reside", "settle"]}, "POS": "VERB"}))
    def h_reside(ctx: ClaimContext, verb: Any) -> None: ...

so a rule's pattern and its handler are written in one place. A :class:`RuleSet` joins the
families, builds one matcher per vocabulary and runs every rule over a parse in text order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.matcher import DependencyMatcher

if TYPE_CHECKING:
    from declass.pipeline.claims.context import ClaimContext

Pattern = list[dict[str, Any]]
Handler = Callable[["ClaimContext", Any], None]


def anchor(attrs: dict[str, Any]) -> Pattern:
    """A pattern of one token, the trigger, with these token attributes."""
    return [{"RIGHT_ID": "t", "RIGHT_ATTRS": attrs}]


def with_child(attrs: dict[str, Any], rel: str, child_attrs: dict[str, Any]) -> Pattern:
    """A trigger with these attributes and a token related to it by ``rel`` (``">"``: a child)."""
    return [
        {"RIGHT_ID": "t", "RIGHT_ATTRS": attrs},
        {"LEFT_ID": "t", "REL_OP": rel, "RIGHT_ID": "c", "RIGHT_ATTRS": child_attrs},
    ]


@dataclass(frozen=True, slots=True)
class Rule:
    """One claim rule: the patterns that anchor its trigger and the handler called at each trigger."""

    name: str  # unique across all families; the matcher's key
    patterns: tuple[Pattern, ...]
    handler: Handler
    family: str


class Family:
    """The rules of one module, in the order they are declared (the order they run at one trigger)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rules: list[Rule] = []

    def rule(self, name: str, *patterns: Pattern) -> Callable[[Handler], Handler]:
        """Decorator: register the decorated function as the handler of a rule with these patterns."""
        if not patterns:
            raise ValueError(f"claim rule {name!r} has no pattern")

        def register(handler: Handler) -> Handler:
            self.rules.append(Rule(name, tuple(patterns), handler, self.name))
            return handler

        return register

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


class RuleSet:
    """Rule families joined into one matcher: every rule, run over a parse in text order."""

    def __init__(self, *families: Family) -> None:
        self.rules: tuple[Rule, ...] = tuple(r for f in families for r in f)
        self._by_name: dict[str, Rule] = {}
        for r in self.rules:
            if r.name in self._by_name:
                raise ValueError(f"claim rule {r.name!r} declared twice ({self._by_name[r.name].family}, {r.family})")
            self._by_name[r.name] = r
        self._matchers: dict[int, DependencyMatcher] = {}

    def __len__(self) -> int:
        return len(self.rules)

    def __getitem__(self, name: str) -> Rule:
        return self._by_name[name]

    def matcher(self, vocab: Any) -> DependencyMatcher:
        """One matcher per vocabulary, built on first use (workers build their own)."""
        key = id(vocab)
        if key not in self._matchers:
            matcher = DependencyMatcher(vocab)
            for r in self.rules:
                matcher.add(r.name, list(r.patterns))
            self._matchers[key] = matcher
        return self._matchers[key]

    def apply(self, ctx: ClaimContext) -> None:
        """Run every rule over the parse, in text order of the triggers (rules at one trigger in
        declaration order); each rule runs at most once per trigger."""
        sdoc = ctx.sdoc
        matches = self.matcher(sdoc.vocab)(sdoc)
        seen: set[tuple[str, int]] = set()
        for match_id, token_ids in sorted(matches, key=lambda m: m[1][0]):
            name = sdoc.vocab.strings[match_id]
            trigger = sdoc[token_ids[0]]
            if (name, trigger.i) in seen:
                continue
            seen.add((name, trigger.i))
            self._by_name[name].handler(ctx, trigger)
