"""Disagreements over a value: claims grouped by what must agree, one disagreement per conflict.

Two claims conflict over a value when they are about the same thing with the same stance, measure the
same kind of value (a day; or a quantity of the same unit and counted thing) and give different values,
attributed to different claimants. The *key* of such a conflict is (about, stance, measure); every claim
with that key belongs to it, and a key holds a conflict exactly when its claims give at least two values
and come from at least two claimants (then some pair differs in both). So claims are joined through a
dict keyed by the key, never pair by pair, and a conflict is ONE `cps:Disagreement`, its IRI minted from
the key, naming all its claims.

The per-article map (builder.claims) groups the article's own claims this way; the reduce
(`link_value_conflicts`, over all article graphs) groups the claims of every article in one pass over the
quads, so a conflict that spans articles is the same node as a conflict inside one. Each graph that holds
claims of a conflict states the disagreement, its label, its own claims (`cps:hasClaim`) and grounds the
disagreement in its own claims' mentions; the union names all claims. The label names the claimants of
the whole conflict, so every graph gives the disagreement the same single label: where an article's map
labelled it from that article's claimants alone, the reduce replaces that label.

Pairwise `cps:contradicts` links are made only where the text sets two claims against each other (a
contrast or a denial, builder.claims): between articles they would grow with the square of the claims
about one thing, while the disagreement already names them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from builder.emit import mint
from builder.emit.terms import RDF_TYPE, RDFS_LABEL, QuadSink, sort_quads
from builder.extract import rules
from builder.namespaces import CPS_GRAPH, GAF, PROV, SCHEMA, SEM
from builder.ontology import type_closure
from builder.vocab import CPS

__all__ = ["ConflictLinks", "as_store", "conflict_label", "has_conflict", "link_value_conflicts",
           "value_disagreement_iri",
           "value_key"]

RULE_CONFLICT = rules.register(
    "claims-conflicting-values", "Claims about the same thing that give different values (a different "
    "quantity of the same measured thing, a different day) or opposite stances contradict each other and "
    "form a disagreement.")
LABEL_NAMES = 3  # claimants named in a label; the rest are counted ("and 12 others"), so labels stay short


def value_key(about: str, stance: str, day: bool, unit_text: str | None = None, counted: str | None = None):
    """What must agree between two claims for their values to be comparable."""
    measure = ("day",) if day else ("quantity", unit_text or "", counted or "")
    return (about, stance, *measure)


def value_disagreement_iri(key: tuple) -> ox.NamedNode:
    return mint.fact_iri("disagreement", "disagreement", "value", *key)


def has_conflict(members: Iterable[tuple[str, object]]) -> bool:
    """(claimant, value) pairs: some two differ in both iff there are two values and two claimants."""
    claimants, values = set(), set()
    for claimant, value in members:
        claimants.add(claimant)
        values.add(value)
        if len(claimants) > 1 and len(values) > 1:
            return True
    return False


def conflict_label(claimant_labels: Iterable[str]) -> str:
    names = sorted(set(claimant_labels))
    if len(names) > LABEL_NAMES + 1:
        shown = ", ".join(names[:LABEL_NAMES])
        return f"Disagreement between {shown} and {len(names) - LABEL_NAMES} others"
    if len(names) > 1:
        return f"Disagreement between {', '.join(names[:-1])} and {names[-1]}"
    return f"Disagreement between {names[0]} and others" if names else "Disagreement"


@dataclass
class ConflictLinks:
    """What the reduce changes: quads to add and quads (stale partial labels) to remove."""

    added: list[ox.Quad] = field(default_factory=list)
    removed: list[ox.Quad] = field(default_factory=list)


@dataclass
class _Claim:
    graphs: set = field(default_factory=set)  # the article graphs that state the claim


def _decimal(text: str):
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def as_store(source: ox.Store | Iterable[ox.Quad]) -> ox.Store:
    """The linking reads through a store's indexes; quads given as a list are put in an in-memory one."""
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    store.extend(source)
    return store


def _last(quads: Iterable[ox.Quad]):
    """The object that the last of these quads in the canonical order gives (graph, then object): where
    graphs disagree on a single-valued property, the same one wins whatever the store's own order."""
    return max(quads, key=lambda q: (q.graph_name.value, str(q.object)), default=None)


def link_value_conflicts(source: ox.Store | Iterable[ox.Quad]) -> ConflictLinks:
    """Claims found through the store's predicate index (never a scan of every quad), grouped by key: one
    disagreement per conflicting key. Linear in the claims (plus sorting what it returns)."""
    store = as_store(source)
    claim_class = ox.NamedNode(str(CPS.Claim))
    about_p, stance_p = ox.NamedNode(str(CPS.about)), ox.NamedNode(str(CPS.stance))
    attributed_p, day_p = ox.NamedNode(str(PROV.wasAttributedTo)), ox.NamedNode(str(SEM.hasTimeStamp))
    quantity_p, value_p = ox.NamedNode(str(CPS.claimedQuantity)), ox.NamedNode(str(SCHEMA.value))
    unit_p, counted_p, denoted_p = ox.NamedNode(str(SCHEMA.unitText)), ox.NamedNode(str(CPS.countedThing)), \
        ox.NamedNode(str(GAF.denotedBy))
    begin_p, end_p = ox.NamedNode(str(SEM.hasBeginTimeStamp)), ox.NamedNode(str(SEM.hasEndTimeStamp))

    def objects(subject, predicate) -> list[ox.Quad]:
        return list(store.quads_for_pattern(subject, predicate, None, None))

    def value_of(subject, predicate) -> str | None:
        quad = _last(objects(subject, predicate))
        return None if quad is None else quad.object.value

    claims: dict[str, _Claim] = defaultdict(_Claim)
    for quad in store.quads_for_pattern(None, RDF_TYPE, claim_class, None):
        claims[quad.subject.value].graphs.add(quad.graph_name.value)
    groups: dict[tuple, list[tuple[str, str, object]]] = defaultdict(list)  # key -> (claim, claimant, value)
    for iri in sorted(claims):
        subject = ox.NamedNode(iri)
        about, stance = value_of(subject, about_p), value_of(subject, stance_p)
        claimant = value_of(subject, attributed_p)
        if about is None or stance is None or claimant is None:
            continue
        day, quantity = value_of(subject, day_p), value_of(subject, quantity_p)
        if day is None:  # a claimed interval ("Sunday and Monday") compares as 'first/last'
            begin, end = value_of(subject, begin_p), value_of(subject, end_p)
            day = f"{begin}/{end}" if begin is not None and end is not None else None
        if day is not None:
            key, value = value_key(about, stance, True), day
        elif quantity is not None and (amount := value_of(ox.NamedNode(quantity), value_p)) is not None:
            measured = ox.NamedNode(quantity)
            key = value_key(about, stance, False, value_of(measured, unit_p), value_of(measured, counted_p))
            value = _decimal(amount)
        else:
            continue
        groups[key].append((iri, claimant, value))

    closure = type_closure()
    sinks: dict[str, QuadSink] = {}
    removed: list[ox.Quad] = []
    for key, members in groups.items():
        if not has_conflict((claimant, value) for _, claimant, value in members):
            continue
        node = value_disagreement_iri(key)
        label = conflict_label(min({q.object.value for q in objects(ox.NamedNode(c), RDFS_LABEL)} or {c})
                               for _, c, _ in members)
        for iri, _, _ in members:
            for graph in sorted(claims[iri].graphs):
                graph_node = ox.NamedNode(graph)
                article_id = graph.removeprefix(f"{CPS_GRAPH}article/")
                sink = sinks.get(article_id) or sinks.setdefault(article_id, QuadSink(article_id, closure))
                sink.add_type(node, CPS.Disagreement)
                sink.label(node, label)
                sink.add(node, CPS.hasClaim, ox.NamedNode(iri))
                for mention in store.quads_for_pattern(ox.NamedNode(iri), denoted_p, None, graph_node):
                    sink.ground(node, mention.object, RULE_CONFLICT, 0.7)
                removed.extend(q for q in store.quads_for_pattern(node, RDFS_LABEL, None, graph_node)
                               if q.object.value != label)
    added = sort_quads({q for sink in sinks.values() for q in sink.quads() if q not in store})
    return ConflictLinks(added=added, removed=sort_quads(set(removed)))
