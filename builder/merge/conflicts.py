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

__all__ = ["ConflictLinks", "conflict_label", "has_conflict", "link_value_conflicts", "value_disagreement_iri",
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
    graphs: set = field(default_factory=set)
    about: str | None = None
    stance: str | None = None
    claimant: str | None = None
    day: str | None = None
    begin: str | None = None  # a claimed interval ("Sunday and Monday"): its first and last day
    end: str | None = None
    quantity: str | None = None

    @property
    def when(self) -> str | None:
        """The claimed day, or the claimed interval as 'first/last', the value two claims compare."""
        if self.day is not None:
            return self.day
        return f"{self.begin}/{self.end}" if self.begin is not None and self.end is not None else None


def _decimal(text: str):
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def link_value_conflicts(quads: Iterable[ox.Quad]) -> ConflictLinks:
    """One pass over the quads of every article graph, an index of claims by key, one disagreement per
    conflicting key. Linear in the quads (plus sorting what it returns)."""
    quads = quads if isinstance(quads, list) else list(quads)
    claim_class, about_p, stance_p = str(CPS.Claim), str(CPS.about), str(CPS.stance)
    attributed_p, day_p, quantity_p = str(PROV.wasAttributedTo), str(SEM.hasTimeStamp), str(CPS.claimedQuantity)
    begin_p, end_p = str(SEM.hasBeginTimeStamp), str(SEM.hasEndTimeStamp)
    value_p, unit_p, counted_p = str(SCHEMA.value), str(SCHEMA.unitText), str(CPS.countedThing)
    denoted_p, label_p, type_p = str(GAF.denotedBy), RDFS_LABEL.value, RDF_TYPE.value

    claims: dict[str, _Claim] = defaultdict(_Claim)
    quantities: dict[str, dict[str, str]] = defaultdict(dict)
    labels: dict[str, set[str]] = defaultdict(set)  # subject -> labels (all graphs)
    graph_labels: dict[tuple[str, str], list[ox.Quad]] = defaultdict(list)  # (graph, subject) -> label quads
    mentions: dict[tuple[str, str], list[ox.NamedNode]] = defaultdict(list)  # (graph, claim) -> mentions
    for quad in quads:
        s, p, o = quad.subject.value, quad.predicate.value, quad.object
        if p == type_p:
            if o.value == claim_class:
                claims[s].graphs.add(quad.graph_name.value)
        elif p == about_p:
            claims[s].about = o.value
        elif p == stance_p:
            claims[s].stance = o.value
        elif p == attributed_p:
            claims[s].claimant = o.value
        elif p == day_p:
            claims[s].day = o.value
        elif p == begin_p:
            claims[s].begin = o.value
        elif p == end_p:
            claims[s].end = o.value
        elif p == quantity_p:
            claims[s].quantity = o.value
        elif p in (value_p, unit_p, counted_p):
            quantities[s][p] = o.value
        elif p == label_p:
            labels[s].add(o.value)
            graph_labels[quad.graph_name.value, s].append(quad)
        elif p == denoted_p:
            mentions[quad.graph_name.value, s].append(o)

    groups: dict[tuple, list[tuple[str, str, object]]] = defaultdict(list)  # key -> (claim, claimant, value)
    for iri, claim in claims.items():
        if not claim.graphs or claim.about is None or claim.stance is None or claim.claimant is None:
            continue  # `claims` also holds subjects that merely use a claim property
        if claim.when is not None:
            key, value = value_key(claim.about, claim.stance, True), claim.when
        elif claim.quantity is not None and value_p in quantities.get(claim.quantity, {}):
            quantity = quantities[claim.quantity]
            key = value_key(claim.about, claim.stance, False, quantity.get(unit_p), quantity.get(counted_p))
            value = _decimal(quantity[value_p])
        else:
            continue
        groups[key].append((iri, claim.claimant, value))

    closure = type_closure()
    sinks: dict[str, QuadSink] = {}
    removed: list[ox.Quad] = []
    for key, members in groups.items():
        if not has_conflict((claimant, value) for _, claimant, value in members):
            continue
        node = value_disagreement_iri(key)
        label = conflict_label(min(labels.get(c, {c}), default=c) for _, c, _ in members)
        for iri, _, _ in members:
            for graph in claims[iri].graphs:
                article_id = graph.removeprefix(f"{CPS_GRAPH}article/")
                sink = sinks.get(article_id) or sinks.setdefault(article_id, QuadSink(article_id, closure))
                sink.add_type(node, CPS.Disagreement)
                sink.label(node, label)
                sink.add(node, CPS.hasClaim, ox.NamedNode(iri))
                for mention in mentions.get((graph, iri), ()):
                    sink.ground(node, mention, RULE_CONFLICT, 0.7)
                removed.extend(q for q in graph_labels.get((graph, node.value), ()) if q.object.value != label)
    existing = set(quads)
    added = sort_quads({q for sink in sinks.values() for q in sink.quads()} - existing)
    return ConflictLinks(added=added, removed=sort_quads(set(removed)))
