"""Resolution: judgements within each document, then across documents, then clusters.

1. Mentions become nodes (one per distinct form per document); mentions of one node are judged
   the same by rule ``same_form``. Textual relations from extraction (alias, acronym, translation)
   become judgements of their own kind.
2. Within a document, nodes blocked together are scored (:mod:`declass.resolve.scoring`). A short
   form ("Belik", "Daidalakov") that fits several different full names goes to the nearest
   preceding one; the others are kept as doubts (``same=None``).
3. The within-document clusters (profiles) are compared across documents, with the other names
   each document mentions as context.
4. Clusters are the connected components of positive judgements (:mod:`declass.resolve.clusters`).

Steps 2 and 3 are maps over independent work (one document's nodes; one candidate pair with its
context) run through a ``mapper``: the built-in ``map`` here, partitions of it as Dask tasks with
``declass resolve --cluster`` (:func:`declass.cluster.partition_mapper`). A mapper must return the
results in input order, so the judgements, and the clusters, are the same either way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any

from declass.model import Judgement, Mention, Relation
from declass.resolve.blocking import candidate_pairs, word_keys
from declass.resolve.clusters import UnionFind
from declass.resolve.countries import country_form
from declass.resolve.expansions import distinct_expansions, known_expansion_judgements
from declass.resolve.given import attach_given_names
from declass.resolve.local import chain_by_place, document_places, is_local_body
from declass.resolve.nodes import Node, Profile, best_node, build_nodes, mark_definitions
from declass.resolve.reorder import reordered_pairs
from declass.resolve.scoring import DEFAULT_CONFIG, ResolveConfig, Verdict, score_nodes
from declass.resolve.surnames import surname_judgements
from declass.types.confusion import skeleton

# An ordered map: f applied to every item, results in input order (the built-in map is one).
Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]

SHORT_SKELETON = 4  # skeleton length up to which a surname also gets a two-class key within a document
RELATION_RULES = {"alias": "alias", "acronym": "acronym_definition", "translation": "translation"}


def node_keys(node: Node) -> list[str]:
    """Within-document blocking keys of a node."""
    if node.crypt is not None:
        return crypt_keys(node)
    if node.person is not None:
        if not node.person.surname:
            return []
        keys = [f"P{k}" for k in word_keys(node.person.surname)]
        sk = skeleton(node.person.surname)
        if 3 <= len(sk) <= SHORT_SKELETON:
            # A short surname with one error inside (Alpesn / Alpern: "lpsn" / "lpn") keeps neither
            # the prefix nor the suffix key; in one document, its first two classes meet.
            keys.append(f"P2{sk[:2]}")
        return keys
    if node.acronym:
        return [f"A{len(node.acronym)}", f"I{node.acronym}"]
    keys = [f"I{''.join(w[0] for w in node.key.split()).upper()}", f"#{country_form(node.key)}"]  # its acronym, its country forms
    for word in node.key.split():
        if len(word) >= 4:
            keys += [f"{node.type[0]}{k}" for k in word_keys(word)]
    return keys


def crypt_keys(node: Node) -> list[str]:
    """Blocking keys of a cryptonym: its skeleton, digraph + length, and the word without its digraph
    (so AMCIOCK meets AMCLOCK, and ANFAUNA meets AMFAUNA)."""
    word = node.crypt.word if node.crypt is not None else node.key.upper()
    return [f"C{k}" for k in word_keys(word.lower())] + [f"CD{word[:2]}{len(word)}", f"CW{word[2:]}"]


def profile_keys(p: Profile) -> list[str]:
    """Cross-document blocking keys of a profile: exact keys of its forms, skeleton of its name."""
    keys = [f"#{p.type}:{country_form(n.key)}" for n in p.nodes if n.person is None]
    keys += sorted({f"B{n.body}" for n in p.nodes if n.body is not None})  # forms of one known body meet
    best = p.best
    if best.crypt is not None:
        return keys + crypt_keys(best)
    if best.person is not None:
        return keys + [f"P{k}" for k in word_keys(best.person.surname)]
    words = [w for w in best.key.split() if len(w) >= 4]
    for word in words[:1] + words[-1:]:
        keys += [f"{p.type[0]}{k}" for k in word_keys(word)]
    return keys


def sort_key(node: Node) -> str:
    """Order inside an oversized block: surname first, so variants of one name sit together."""
    if node.person is not None:
        return f"{node.person.surname}|{node.person.given or ''}"
    return node.key


def _judgement(a: Node, b: Node, v: Verdict) -> Judgement:
    ev: dict[str, Any] = {"features": v.features, "docs": sorted({a.doc, b.doc}), "forms": [a.text, b.text]}
    return Judgement(a.anchor, b.anchor, v.same, v.score, v.rule, ev)


def form_judgements(nodes: Iterable[Node]) -> list[Judgement]:
    """Mentions of one form in one document are one name: chained judgements, one evidence each."""
    out = []
    for node in nodes:
        if node.count > 1:
            ev = {"docs": [node.doc], "forms": [node.text]}
            out += [Judgement(node.anchor, m, True, 1.0, "same_form", ev) for m in node.mention_ids[1:]]
    return out


def relation_judgements(relations: Iterable[Relation], known: dict[str, Mention]) -> list[Judgement]:
    """Alias, acronym and translation links stated in the text, with their source span."""
    out = []
    for r in relations:
        rule = RELATION_RULES.get(r.kind)
        if rule and r.target and r.source in known and r.target in known:
            forms = [known[r.source].text, known[r.target].text]
            ev = {"docs": [r.doc_id], "span": [r.start, r.end], "relation": r.kind, "value": r.value, "forms": forms}
            out.append(Judgement(r.source, r.target, True, 1.0, rule, ev))
    return out


def within_document(nodes: list[Node], config: ResolveConfig) -> tuple[list[Judgement], list[Profile]]:
    """Judge the nodes of one document against each other; return judgements and profiles."""
    scored: list[tuple[int, int, Verdict]] = []
    for i, j in candidate_pairs(nodes, node_keys, sort_key, max_block=config.max_block, window=config.window):
        v = score_nodes(nodes[i], nodes[j], same_doc=True)
        if v is not None and (v.same is False or v.score >= config.unsure):
            scored.append((i, j, v))
    done = {(i, j) for i, j, _ in scored}
    scored += [t for t in reordered_pairs(nodes) if (t[0], t[1]) not in done]  # "PHAM: Naoc THAO"
    _settle_ambiguous_short_forms(nodes, scored, config)
    scored += distinct_expansions(nodes, scored)  # "AF" beside "Air Force" and "the Armed Forces"
    judgements = [_judgement(nodes[i], nodes[j], v) for i, j, v in scored]
    uf = UnionFind()
    for i, j, v in scored:
        if v.same is False:
            uf.forbid(str(i), str(j))
    for i, j, v in sorted(scored, key=lambda t: -t[2].score):
        if v.same and v.score >= config.same_doc:
            uf.union(str(i), str(j))
    groups: dict[str, list[Node]] = defaultdict(list)
    for i, node in enumerate(nodes):
        groups[uf.find(str(i))].append(node)
    profiles = [Profile(g[0].doc, g[0].type, g, best_node(g)) for g in groups.values()]
    return judgements, profiles


def _parts(node: Node) -> int:
    return node.person.parts if node.person is not None else 0


def _settle_ambiguous_short_forms(nodes: list[Node], scored: list[tuple[int, int, Verdict]], config: ResolveConfig) -> None:
    """A surname-only form matching several different full names joins the nearest preceding one."""
    full_same = UnionFind()
    for i, j, v in scored:
        if v.same and v.score >= config.same_doc and "short_form" not in v.features:
            full_same.union(str(i), str(j))
    options: dict[int, list[int]] = defaultdict(list)  # short node -> indexes into scored
    for k, (i, j, v) in enumerate(scored):
        if v.same and v.score >= config.same_doc and "short_form" in v.features:
            short = i if _parts(nodes[i]) <= _parts(nodes[j]) else j
            options[short].append(k)
    for short, ks in options.items():
        targets = {full_same.find(str(scored[k][1] if scored[k][0] == short else scored[k][0])) for k in ks}
        if len(targets) < 2:
            continue

        def distance(k: int, short: int = short) -> tuple[int, int, float]:
            i, j, v = scored[k]
            other = nodes[j if i == short else i]
            gap = nodes[short].first - other.first
            return (0 if gap >= 0 else 1, abs(gap), -v.score)  # preceding first, then nearest

        keep = min(ks, key=distance)
        for k in ks:
            if k != keep:
                i, j, v = scored[k]
                v.features["ambiguous"] = 1.0
                scored[k] = (i, j, Verdict(None, v.score, "ambiguous_short_form", v.features))


def _strong(p: Profile) -> bool:
    """A name precise enough that an exact match across documents is a merge (not a bare surname)."""
    best = p.best
    if best.person is None:
        return True
    return best.person.given is not None and len(best.person.given) > 1 and bool(best.person.surname)


def across_documents(
    profiles: list[Profile], context: dict[str, frozenset[str]], config: ResolveConfig, mapper: Mapper = map
) -> list[Judgement]:
    """The judgements of :func:`iter_across_documents`, as a list."""
    return list(iter_across_documents(profiles, context, config, mapper))


def iter_across_documents(
    profiles: list[Profile], context: dict[str, frozenset[str]], config: ResolveConfig, mapper: Mapper = map
) -> Iterator[Judgement]:
    """Judge within-document clusters of different documents against each other, yielding each
    judgement as it is made (bounded resolution spills them: none is held with its evidence).

    Profiles with the same precise name (full person name, organisation or place name) are chained
    by ``same_name``; one representative per name, plus every imprecise profile (initials), is then
    compared through blocking, with the union of its documents' names as context. Bare surnames are
    judged by :func:`~declass.resolve.surnames.surname_judgements` (attached only with evidence).
    """
    surname_js, surname_only = surname_judgements(profiles, context, config.cross_doc)
    yield from surname_js
    del surname_js
    groups: dict[tuple[str, str], list[Profile]] = defaultdict(list)
    reps: list[Profile] = []
    rep_ctx: list[frozenset[str]] = []
    for k, p in enumerate(profiles):
        if k in surname_only:
            continue
        if _strong(p):
            groups[(p.type, p.best.key)].append(p)
        else:
            reps.append(p)
            rep_ctx.append(context.get(p.doc, frozenset()))
    places = document_places(profiles)
    rep_places: list[frozenset[str] | None] = [None] * len(reps)  # set for a local body (an embassy)
    for (etype, key), same in groups.items():
        local = etype == "ORG" and is_local_body(key)
        # "Soviet Embassy" of New Delhi and of Mexico City: one body only where the records share a city.
        for members in chain_by_place(same, places, context) if local else [same]:
            yield from same_name_judgements(members)
            reps.append(members[0])
            rep_ctx.append(group_context(members, context))
            rep_places.append(frozenset().union(*(places.get(m.doc, frozenset()) for m in members)) if local else None)
    # "DRE" alone in some records, "Directorio Revolucionario Estudiantil (DRE)" in another.
    bare = {same[0].best.acronym or "": same for (etype, _), same in groups.items() if etype == "ORG" and len(same[0].nodes) == 1}
    yield from known_expansion_judgements({k: v for k, v in bare.items() if k}, profiles)
    bests = [p.best for p in reps]

    def pairs() -> Iterable[tuple[Node, Node, frozenset[str]]]:
        blocks = candidate_pairs(reps, profile_keys, lambda p: sort_key(p.best), max_block=config.max_block, window=config.window)
        for i, j in blocks:
            a, b = reps[i], reps[j]
            if a.doc != b.doc and not places_apart(rep_places[i], rep_places[j], places.get(a.doc), places.get(b.doc)):
                yield bests[i], bests[j], (rep_ctx[i] & rep_ctx[j]) - {a.context_token(), b.context_token()}

    yield from (jg for jg in mapper(partial(cross_pair, config=config), pairs()) if jg is not None)


def same_name_judgements(members: Sequence[Profile]) -> Iterator[Judgement]:
    """``same_name`` judgements chaining the profiles of one precise name to the first of them."""
    first = members[0]
    for other in members[1:]:
        ev: dict[str, Any] = {
            "features": {"name_similarity": 1.0},
            "docs": sorted({first.doc, other.doc}),
            "forms": [first.best.text, other.best.text],
        }
        yield Judgement(first.anchor, other.anchor, True, 1.0, "same_name", ev)


def group_context(members: Sequence[Profile], context: dict[str, frozenset[str]]) -> frozenset[str]:
    """The names the documents of a group's first 20 profiles mention: its context across documents."""
    if len(members) == 1:  # one document's names: its own set, shared, not a copy per name
        return context.get(members[0].doc, frozenset())
    ctx: set[str] = set()
    for m in members[:20]:
        ctx |= context.get(m.doc, frozenset())
    return frozenset(ctx)


def places_apart(
    pi: frozenset[str] | None, pj: frozenset[str] | None, doc_i: frozenset[str] | None, doc_j: frozenset[str] | None
) -> bool:
    """A local body (``pi``/``pj``: the places of its records) and a name of another record with
    no place in common (``doc_i``/``doc_j``: the places of each one's own record): nothing says one body."""
    if pi is None and pj is None:
        return False
    return not (pi or doc_i or frozenset()) & (pj or doc_j or frozenset())


def cross_pair(pair: tuple[Node, Node, frozenset[str]], config: ResolveConfig) -> Judgement | None:
    """The judgement of two profiles' best nodes across documents, given the names their documents share."""
    a, b, shared = pair
    v = score_nodes(a, b, same_doc=False, context=shared, other=shared)
    if v is None or (v.same is not False and v.score < config.unsure):
        return None
    if v.same and v.score < config.cross_doc:
        v = Verdict(None, v.score, v.rule, v.features)
    return _judgement(a, b, v)


def judge_documents(
    docs: Sequence[tuple[Sequence[Mention], dict[str, str]]], config: ResolveConfig = DEFAULT_CONFIG
) -> tuple[list[Judgement], list[Judgement], list[Profile]]:
    """Step 1-2 for a group of whole documents (their mentions and acronym expansions), pure.

    Returns the ``same_form`` judgements, the scored same-document judgements (below the
    same-document threshold they are doubts) and the profiles. One call per group of documents is
    what :func:`judge` maps, so a worker given a partition of documents builds their nodes itself.
    """
    forms: list[Judgement] = []
    scores: list[Judgement] = []
    profiles: list[Profile] = []
    for mentions, expansions in docs:
        nodes = build_nodes(list(mentions))
        mark_definitions(nodes, expansions)
        forms += form_judgements(nodes)
        js, ps = within_document(nodes, config) if nodes else ([], [])
        for jg in [*js, *attach_given_names(ps)]:
            if jg.same and jg.score < config.same_doc:
                jg.same = None
            scores.append(jg)
        profiles += ps
    return forms, scores, profiles


def judge(
    mentions: Sequence[Mention], relations: Sequence[Relation] = (), config: ResolveConfig = DEFAULT_CONFIG, mapper: Mapper = map
) -> tuple[list[Judgement], list[Profile]]:
    """Every automatic judgement over a set of mentions, and the within-document profiles."""
    by_id = {m.id: m for m in mentions}
    expansions = {r.source: by_id[r.target].text for r in relations if r.kind == "acronym" and r.target in by_id}
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    # Documents in id order, as the nodes of build_nodes are: the judgements come in the same order.
    docs = ((ms, {m.id: expansions[m.id] for m in ms if m.id in expansions}) for ms in (by_doc[d] for d in sorted(by_doc)))
    form_js: list[Judgement] = []
    same_doc_scores: list[Judgement] = []
    profiles: list[Profile] = []
    for forms, js, ps in mapper(partial(_judge_one, config=config), docs):
        form_js += forms
        same_doc_scores += js
        profiles += ps
    judgements = form_js + relation_judgements(relations, by_id)
    _merge_relation_profiles(profiles, judgements)
    context = _contexts(profiles)
    judgements += same_doc_scores + across_documents(profiles, context, config, mapper)
    return judgements, profiles


def _judge_one(
    doc: tuple[Sequence[Mention], dict[str, str]], config: ResolveConfig
) -> tuple[list[Judgement], list[Judgement], list[Profile]]:
    """One document through :func:`judge_documents` (the item :func:`judge` maps)."""
    return judge_documents([doc], config)


def _contexts(profiles: list[Profile]) -> dict[str, frozenset[str]]:
    ctx: dict[str, set[str]] = defaultdict(set)
    for p in profiles:
        ctx[p.doc].add(p.context_token())
    return {doc: frozenset(tokens) for doc, tokens in ctx.items()}


def _merge_relation_profiles(profiles: list[Profile], judgements: list[Judgement]) -> None:
    """Profiles joined by an acronym or translation link in the text compare across documents as one."""
    rel = [j for j in judgements if j.rule in ("acronym_definition", "translation")]
    if not rel:
        return
    owner = {m: k for k, p in enumerate(profiles) for n in p.nodes for m in n.mention_ids}
    uf = UnionFind()
    for j in rel:
        if j.left in owner and j.right in owner:
            uf.union(str(owner[j.left]), str(owner[j.right]))
    groups: dict[str, list[int]] = defaultdict(list)
    for k in range(len(profiles)):
        groups[uf.find(str(k))].append(k)
    for ks in groups.values():
        if len(ks) > 1:
            nodes = [n for k in ks for n in profiles[k].nodes]
            merged = Profile(profiles[ks[0]].doc, profiles[ks[0]].type, nodes, best_node(nodes))
            for k in ks:
                profiles[k] = merged
    profiles[:] = list({id(p): p for p in profiles}.values())  # merged groups share one Profile: keep it once
