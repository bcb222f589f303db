"""An event reported by two articles carries one date and one status; each report's version is a claim
(issue 15: the final offer shared by two seed articles carried "proposed" and "rejected" and two days)."""

from __future__ import annotations

import re

import pyoxigraph as ox

from builder.merge.conflicts import link_value_conflicts
from builder.merge.event_versions import event_versions
from builder.query.sparql_run import run_quality_checks

PREFIXES = """@prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <http://schema.org/> .
"""
ID = "https://w3id.org/cpskg/id/"


def _article(n: int, published: str, status: str, day: str) -> str:
    """Article n, published on `published` by Outlet{n}: the offer has `status` and was made on `day`."""
    return f"""<https://w3id.org/cpskg/graph/article/a{n}> {{
      <{ID}article/a{n}> schema:publisher <{ID}organization/Outlet{n}> ; schema:datePublished "{published}"^^xsd:date .
      <{ID}organization/Outlet{n}> rdfs:label "Outlet{n}"@en .
      <{ID}event/offer> a cps:Event, cps:Offer ; rdfs:label "Final offer (talks)"@en ;
          cps:eventStatus cps:{status} ; cps:offerStatus cps:{status} ;
          sem:hasTimeStamp "{day}"^^xsd:date ; cps:timeExpression "day {n}" ;
          gaf:denotedBy <{ID}article/a{n}#char=0,5> .
    }}
"""


def _union(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def _apply(quads: list[ox.Quad]) -> list[ox.Quad]:
    versions = event_versions(quads)
    removed = set(versions.removed)
    return [q for q in quads if q not in removed] + versions.added


SPARQL_PREFIXES = "".join(f"PREFIX {name} <{iri}>\n" for name, iri in
                          re.findall(r"@prefix (\w+:) <([^>]+)>", PREFIXES))


def _values(store: ox.Store, query: str) -> set[str]:
    return {row[0].value for row in store.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)}


def _version_violations(quads: list[ox.Quad]) -> list:
    store = ox.Store()
    store.extend(quads)
    return [v for v in run_quality_checks(store) if v.check == "qc/event-versions-violation"]


def test_two_reports_give_the_event_one_status_and_one_date_and_each_version_is_a_claim():
    # the later report has not heard of the rejection the earlier one reports
    quads = list(ox.parse(PREFIXES + _article(1, "2021-02-05", "RejectedStatus", "2021-02-04")
                          + _article(2, "2021-02-07", "ProposedStatus", "2021-02-05"), format=ox.RdfFormat.TRIG))
    merged = _apply(quads)
    union = _union(merged + link_value_conflicts(merged).added)
    offer = f"<{ID}event/offer>"
    # the most definite status; the day of the earliest report (one report each: a tie)
    assert _values(union, f"SELECT ?s WHERE {{ {offer} cps:eventStatus ?s }}") == {
        "https://w3id.org/cpskg/ontology#RejectedStatus"}
    assert _values(union, f"SELECT ?s WHERE {{ {offer} cps:offerStatus ?s }}") == {
        "https://w3id.org/cpskg/ontology#RejectedStatus"}
    assert _values(union, f"SELECT ?d WHERE {{ {offer} sem:hasTimeStamp ?d }}") == {"2021-02-04"}
    assert _values(union, f"SELECT ?d WHERE {{ {offer} cps:timeExpression ?d }}") == {"day 1"}
    # each version is a claim of its outlet, as of its report's day
    statuses = _values(union, f"""SELECT ?x WHERE {{ ?c cps:about {offer} ; cps:claimedStatus ?s ; cps:asOf ?d ;
        prov:wasAttributedTo ?who . BIND(CONCAT(STR(?who), " ", STR(?s), " ", STR(?d)) AS ?x) }}""")
    assert statuses == {f"{ID}organization/Outlet1 https://w3id.org/cpskg/ontology#RejectedStatus 2021-02-05",
                        f"{ID}organization/Outlet2 https://w3id.org/cpskg/ontology#ProposedStatus 2021-02-07"}
    days = _values(union, f"SELECT ?d WHERE {{ ?c cps:about {offer} ; sem:hasTimeStamp ?d }}")
    assert days == {"2021-02-04", "2021-02-05"}
    # the two days conflict: one disagreement names both day claims
    assert len(_values(union, "SELECT ?c WHERE { ?d a cps:Disagreement ; cps:hasClaim ?c }")) == 2
    # the quality check finds nothing left; before the merge it found both defects
    assert _version_violations(merged) == []
    assert len(_version_violations(quads)) == 2


def test_reports_that_agree_are_left_alone():
    quads = list(ox.parse(PREFIXES + _article(1, "2021-02-05", "ProposedStatus", "2021-02-04")
                          + _article(2, "2021-02-07", "ProposedStatus", "2021-02-04"), format=ox.RdfFormat.TRIG))
    versions = event_versions(quads)
    assert versions.added == [] and versions.removed == []
