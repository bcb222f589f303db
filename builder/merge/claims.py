"""Contradictions between claims of different articles (the reduce step after the per-article map).

The in-article claims and disagreements are found by `builder.extract.claims`; this module only compares
the claims the map has already put into the articles' graphs.
"""

from __future__ import annotations

import pyoxigraph as ox

from builder.emit.terms import QuadSink, sort_quads
from builder.extract.claims import RULE_CONFLICT, disagreement_iri
from builder.namespaces import CPS_GRAPH, GAF_IRI
from builder.ontology import type_closure
from builder.vocab import CPS


def link_conflicting_claims(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Contradictions between claims of DIFFERENT articles (same event, different day or different value of
    the same measured thing): each claim's graph states that it contradicts the other and holds the
    disagreement, grounded in its own claim's mentions. Returns only the new quads."""
    store = ox.Store()
    store.extend(quads)
    query = """
    PREFIX cps: <https://w3id.org/cpskg/ontology#>
    PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
    PREFIX schema: <http://schema.org/>
    SELECT DISTINCT ?ga ?a ?gb ?b WHERE {
      GRAPH ?ga { ?a a cps:Claim ; cps:about ?x ; cps:stance ?s ; <http://www.w3.org/ns/prov#wasAttributedTo> ?pa }
      GRAPH ?gb { ?b a cps:Claim ; cps:about ?x ; cps:stance ?s ; <http://www.w3.org/ns/prov#wasAttributedTo> ?pb }
      FILTER (?ga != ?gb && ?pa != ?pb && STR(?a) < STR(?b))
      {
        GRAPH ?ga { ?a sem:hasTimeStamp ?da } GRAPH ?gb { ?b sem:hasTimeStamp ?db } FILTER (?da != ?db)
      } UNION {
        GRAPH ?ga { ?a cps:claimedQuantity ?qa . ?qa schema:value ?va ; schema:unitText ?u ; cps:countedThing ?c }
        GRAPH ?gb { ?b cps:claimedQuantity ?qb . ?qb schema:value ?vb ; schema:unitText ?u ; cps:countedThing ?c }
        FILTER (?va != ?vb)
      }
    }"""
    sinks: dict[str, QuadSink] = {}
    closure = type_closure()
    for row in store.query(query):
        ga, a, gb, b = row["ga"], row["a"], row["gb"], row["b"]
        node = disagreement_iri((a.value, b.value))
        for graph, own, other in ((ga, a, b), (gb, b, a)):
            article_id = graph.value.removeprefix(f"{CPS_GRAPH}article/")
            sink = sinks.setdefault(article_id, QuadSink(article_id, closure))
            sink.add(own, CPS.contradicts, other)
            sink.add_type(node, CPS.Disagreement)
            sink.label(node, "Disagreement between reports")
            for claim in (a, b):
                sink.add(node, CPS.hasClaim, claim)
            for quad in store.quads_for_pattern(own, ox.NamedNode(GAF_IRI + "denotedBy"), None, graph):
                sink.ground(node, quad.object, RULE_CONFLICT, 0.7)
    existing = set(quads)
    return sort_quads(q for sink in sinks.values() for q in sink.quads() if q not in existing)
