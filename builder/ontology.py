"""The cpskg ontology as the build uses it: loading, and the class and property closures.

The build materialises the standard superclass types of every typed instance, so that a user who knows
only schema.org finds every person with `?p a schema:Person`, and a SEM user finds every offer with
`?e a sem:Event`. Reasoning over each article graph (owlrl) is far too slow (toolchain notes: ~340 s for
100k triples); the hierarchy itself is tiny, so it is closed once here and the build does plain dict
lookups afterwards.

All IRIs in and out of this module are plain strings, so that callers on pyoxigraph (`NamedNode.value`)
and on rdflib (`str(URIRef)`) use the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, URIRef

from builder.namespaces import CPS_ONTOLOGY, OWL, RDF, RDFS, SKOS, WD_ENTITY
from builder.resources import data_path
from builder.vocab import CPS

ONTOLOGY_PATH = data_path("ontology", "cpskg.ttl")
ONTOLOGY_IRI = "https://w3id.org/cpskg/ontology"

_CLASS_TYPES = (OWL.Class, RDFS.Class)
_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """The parsed ontology, shared by every caller: treat it as read-only."""
    graph = Graph()
    graph.parse(ONTOLOGY_PATH, format="turtle")
    return graph


def _declared(graph: Graph, types: Iterable[URIRef]) -> set[str]:
    return {str(s) for kind in types for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def _direct_parents(graph: Graph, link: URIRef, equivalence: URIRef) -> dict[str, set[str]]:
    """Direct super-terms along `link`; an equivalence counts as a link in both directions."""
    parents: dict[str, set[str]] = {}
    for child, parent in graph.subject_objects(link):
        if isinstance(child, URIRef) and isinstance(parent, URIRef):
            parents.setdefault(str(child), set()).add(str(parent))
    for left, right in graph.subject_objects(equivalence):
        if isinstance(left, URIRef) and isinstance(right, URIRef):
            parents.setdefault(str(left), set()).add(str(right))
            parents.setdefault(str(right), set()).add(str(left))
    return parents


def _transitive_closure(terms: Iterable[str], parents: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    """For each term, every term reachable through `parents`, the term itself excluded (cycles allowed)."""
    closure: dict[str, frozenset[str]] = {}
    for term in sorted(set(terms) | set(parents)):
        seen: set[str] = set()
        stack = list(parents.get(term, ()))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack.extend(parents.get(current, ()))
        seen.discard(term)
        closure[term] = frozenset(seen)
    return closure


def _hierarchy(types: Iterable[URIRef], link: URIRef, equivalence: URIRef) -> dict[str, frozenset[str]]:
    graph = load_ontology()
    return _transitive_closure(_declared(graph, types), _direct_parents(graph, link, equivalence))


@lru_cache(maxsize=1)
def type_closure() -> dict[str, frozenset[str]]:
    """For every class of the ontology (cps: and the declared standard ones), all its superclasses.

    Transitive over rdfs:subClassOf and owl:equivalentClass, the class itself excluded, standard
    superclasses included: `type_closure()[CPS.FinalOffer]` holds cps:Offer, cps:Event and sem:Event.
    """
    return _hierarchy(_CLASS_TYPES, RDFS.subClassOf, OWL.equivalentClass)


@lru_cache(maxsize=1)
def subproperty_closure() -> dict[str, frozenset[str]]:
    """For every property of the ontology, all its superproperties (itself excluded).

    Transitive over rdfs:subPropertyOf and owl:equivalentProperty: `cps:hasStep` gives sem:hasSubEvent.
    """
    return _hierarchy(_PROPERTY_TYPES, RDFS.subPropertyOf, OWL.equivalentProperty)


def superclasses(class_iri: str) -> frozenset[str]:
    """All superclasses of a class (itself excluded); empty for a class the ontology does not know."""
    return type_closure().get(str(class_iri), frozenset())


def superproperties(property_iri: str) -> frozenset[str]:
    """All superproperties of a property (itself excluded); empty for an unknown property."""
    return subproperty_closure().get(str(property_iri), frozenset())


@lru_cache(maxsize=1)
def wikidata_matches() -> dict[str, tuple[tuple[str, str], ...]]:
    """For every ontology term aligned to Wikidata, its (match, Wikidata id) pairs, exact matches first.

    `match` is "exact" or "close"; the id is the bare `Q…`/`P…`. The exporter maps classes and properties
    through this table instead of hard-coding ids.
    """
    graph = load_ontology()
    found: dict[str, set[tuple[str, str]]] = {}
    for predicate, match in ((SKOS.exactMatch, "exact"), (SKOS.closeMatch, "close")):
        for term, target in graph.subject_objects(predicate):
            if isinstance(target, URIRef) and str(target).startswith(WD_ENTITY):
                found.setdefault(str(term), set()).add((match, str(target)[len(WD_ENTITY):]))
    return {term: tuple(sorted(pairs)) for term, pairs in sorted(found.items())}


@lru_cache(maxsize=1)
def organization_properties() -> dict[str, str]:
    """Role IRI → the organisation-side property its holder implies (CEO role → cps:chiefExecutiveOfficer)."""
    graph = load_ontology()
    link = CPS.organizationProperty
    return {str(role): str(prop) for role, prop in sorted(graph.subject_objects(link))}


def cps_terms() -> frozenset[str]:
    """Every term defined in the cps: namespace (classes, properties, individuals, concept schemes)."""
    graph = load_ontology()
    return frozenset(
        str(s) for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(CPS_ONTOLOGY)
    )


def ontology_quads() -> list[ox.Quad]:
    """The ontology as the quads of its own named graph, published in the TriG and JSON-LD beside the article
    graphs so that labels of roles, statuses and topics and the class hierarchy are queryable with the data
    (the union Turtle stays data-only). The ontology has no blank nodes, so its quads round-trip exactly."""
    from builder.emit.mint import ontology_graph_iri
    from builder.emit.terms import sort_quads

    graph = ontology_graph_iri()
    triples = ox.parse(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    if any(isinstance(term, ox.BlankNode) for q in quads for term in (q.subject, q.object)):
        raise ValueError("the ontology must not use blank nodes: they would not round-trip through the TriG")
    return sort_quads(quads)
