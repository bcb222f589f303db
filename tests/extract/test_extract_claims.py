"""Claims and disagreements: the four contested points of the seeds, the cross-article disagreement about
the day of the final offer, the researcher's question "who said what about the final offer, and when?",
and engineer B's own articles."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from extraction_support import ARTICLES, ask, graph_of, load_sidecar, rows
from test_extract_events import OWN, own, seeds

from builder.ingest.articles import ingest_article
from builder.merge.claims import link_conflicting_claims

P = "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"


def disagreements(store) -> list[dict]:
    """Each disagreement with its two claims: claimant, stance, text, claimed value or day, graph."""
    return rows(store, P + """SELECT ?dis ?a ?b ?wa ?wb ?sa ?sb ?ta ?tb ?va ?vb ?da ?db ?g WHERE { GRAPH ?g {
        ?dis a cps:Disagreement ; cps:hasClaim ?a, ?b . FILTER(STR(?a) < STR(?b))
        { ?a cps:contradicts ?b } UNION { ?b cps:contradicts ?a } }
        GRAPH ?ga { ?a prov:wasAttributedTo/rdfs:label ?wa ; cps:stance ?sa ; cps:claimText ?ta .
        OPTIONAL { ?a cps:claimedQuantity/schema:value ?va } OPTIONAL { ?a sem:hasTimeStamp ?da } }
        GRAPH ?gb { ?b prov:wasAttributedTo/rdfs:label ?wb ; cps:stance ?sb ; cps:claimText ?tb .
        OPTIONAL { ?b cps:claimedQuantity/schema:value ?vb } OPTIONAL { ?b sem:hasTimeStamp ?db } } }""")


def pairs(store) -> set[tuple]:
    return {frozenset({(r["wa"], r["sa"].rsplit("#")[-1]), (r["wb"], r["sb"].rsplit("#")[-1])})
            for r in disagreements(store)}


def test_2019_gap_38_vs_100_million():
    found = [r for r in disagreements(seeds()) if r.get("va") and r.get("vb")]
    values = {frozenset({(r["wa"], Decimal(r["va"])), (r["wb"], Decimal(r["vb"]))}) for r in found}
    assert frozenset({("Chicago Teachers Union", Decimal(38_000_000)),
                      ("Chicago Public Schools", Decimal(100_000_000))}) in values


def test_sticking_point_resolved_mayor_yes_union_no():
    expected = frozenset({("Lori Lightfoot", "AffirmsStance"), ("Chicago Teachers Union", "DeniesStance")})
    assert expected in pairs(seeds())
    texts = {r["ta"] + " | " + r["tb"] for r in disagreements(seeds()) if "sticking" in r["ta"]}
    assert any("one of the big three sticking points had been resolved" in t for t in texts)


def test_ceo_walked_away_union_yes_jackson_no():
    store = seeds()
    assert frozenset({("Chicago Teachers Union", "AffirmsStance"), ("Janice Jackson", "DeniesStance")}) in pairs(store)
    # the counter-claim of CPS officials contradicts the union's claim as well
    assert frozenset({("Chicago Teachers Union", "AffirmsStance"), ("Chicago Public Schools", "AffirmsStance")}) \
        in pairs(store)
    about = rows(store, """SELECT DISTINCT ?c WHERE { GRAPH ?g { ?claim a cps:Claim ; cps:about ?e ;
        prov:wasAttributedTo/rdfs:label "Janice Jackson"@en . ?e a ?c } }""")
    assert "https://w3id.org/cpskg/ontology#WalkAway" in {r["c"] for r in about}


def test_final_offer_day_disagreement_between_outlets():
    """One disagreement over the day, naming both outlets' claims; each outlet's graph holds its own side
    (its claim under the disagreement, grounded in its own words) and the same single label."""
    found = rows(seeds(), P + """SELECT ?dis ?g ?who ?day ?label WHERE { GRAPH ?g {
        ?dis a cps:Disagreement ; rdfs:label ?label ; cps:hasClaim ?claim .
        ?claim sem:hasTimeStamp ?day ; prov:wasAttributedTo/rdfs:label ?who ; gaf:denotedBy ?m .
        ?dis gaf:denotedBy ?m } }""")
    assert {(r["who"], r["day"]) for r in found} >= {("Struggle - La Lucha", "2021-02-04"),
                                                     ("CBS Chicago", "2021-02-05")}
    assert len({r["dis"] for r in found}) == 1
    assert {r["g"].rsplit("/", 1)[-1] for r in found} == {"2021-02-05-struggle-final-offer",
                                                          "2021-02-07-cbs-tentative-deal"}
    assert {r["label"] for r in found} == {"Disagreement between CBS Chicago and Struggle - La Lucha"}


def test_who_said_what_about_the_final_offer_and_when():
    """The researcher's question, answered from the graph alone: claims about the final offer and quotations
    and statements in the same articles that speak of it, with who, what and when."""
    answer = rows(seeds(), P + """SELECT ?who ?what ?when ?article WHERE {
        GRAPH ?g { ?offer a cps:FinalOffer }
        GRAPH ?g2 { ?claim a cps:Claim ; cps:about ?offer ; prov:wasAttributedTo/rdfs:label ?who ;
                    cps:claimText ?what ; gaf:denotedBy/nif:referenceContext ?article .
                    OPTIONAL { ?claim sem:hasTimeStamp ?when } } }""")
    said = {(r["who"], r.get("when")) for r in answer}
    assert ("Struggle - La Lucha", "2021-02-04") in said and ("CBS Chicago", "2021-02-05") in said


def test_cross_article_linking_is_idempotent_and_adds_nothing_without_conflict():
    quads = list(seeds())
    assert link_conflicting_claims(quads) == [], "the assembled dataset already holds every link"
    without = [q for q in quads if "final-offer" not in q.graph_name.value]
    assert link_conflicting_claims(without) == []


@pytest.mark.parametrize("name", OWN)
def test_own_article_disagreements(name):
    store, expect = own(name)
    found = disagreements(store)
    for want in expect["disagreements"]:
        claimants = set(want["claimants"])
        match = [r for r in found if {r["wa"], r["wb"]} == claimants]
        assert match, (want, [(r["wa"], r["wb"]) for r in found])
        if "values" in want:
            assert {Decimal(match[0]["va"]), Decimal(match[0]["vb"])} == {Decimal(str(v)) for v in want["values"]}
        if "stances" in want:
            by_who = {match[0]["wa"]: match[0]["sa"], match[0]["wb"]: match[0]["sb"]}
            assert [by_who[c].rsplit("#")[-1] for c in want["claimants"]] == want["stances"]


def test_claims_are_grounded_and_attributed_to_agents():
    store = seeds()
    assert not ask(store, """ASK { GRAPH ?g { ?c a cps:Claim . FILTER NOT EXISTS { ?c gaf:denotedBy ?m ;
        prov:wasGeneratedBy ?r ; cps:confidence ?x } } }""")
    assert not ask(store, """ASK { GRAPH ?g { ?c a cps:Claim ; prov:wasAttributedTo ?p .
        FILTER NOT EXISTS { ?p a schema:Person } FILTER NOT EXISTS { ?p a schema:Organization } } }""")


def test_no_disagreement_without_conflicting_values(tmp_path):
    """Regression: two parties reporting the SAME figure do not disagree."""
    article, _ = load_sidecar(ARTICLES / "b-sacramento-final-offer.yaml")
    (tmp_path / "same.txt").write_text(article.text.replace("$9.5 million apart", "$14 million apart"),
                                       encoding="utf-8")
    same = ingest_article(tmp_path, replace(article.meta, file="same.txt"))
    assert not [r for r in disagreements(graph_of([same])) if r.get("va")]
    assert [r for r in disagreements(graph_of([article])) if r.get("va")]
