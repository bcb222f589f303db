"""Posts and affiliations (W3C ORG): cps:Post, cps:PostHolding, the direct relations and the
organisation-side property each role implies, checked with SPARQL on the seeds and on own articles."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from extraction_support import ARTICLES, OWN_ARTICLES, ask, graph_of, load_sidecar, rows, seed_articles, seed_graph

CPS = "https://w3id.org/cpskg/ontology#"

HOLDING = """ASK { GRAPH ?g {
  ?h a cps:PostHolding , org:Membership ; org:member ?p ; org:organization ?o ; org:role ?role ; cps:post ?post ;
     gaf:denotedBy ?m ; prov:wasGeneratedBy ?rule ; cps:confidence ?c .
  ?post a cps:Post ; org:postIn ?o ; org:role ?role ; org:heldBy ?p ; gaf:denotedBy ?m2 .
  ?p org:holds ?post ; cps:positionHeld ?post ; rdfs:label ?pl .
  ?o rdfs:label ?ol .
  ?m nif:anchorOf ?anchor . }
  FILTER(STR(?pl) = ?person && STR(?ol) = ?organization) }"""


def holds(store: ox.Store, person: str, role: str, organization: str) -> bool:
    return ask(store, HOLDING, person=ox.Literal(person), organization=ox.Literal(organization),
               role=ox.NamedNode(CPS + role))


SEED_POSTS = [
    ("Janice Jackson", "ChiefExecutiveOfficerRole", "Chicago Public Schools"),
    ("Jesse Sharkey", "PresidentRole", "Chicago Teachers Union"),
    ("Stacy Davis Gates", "VicePresidentRole", "Chicago Teachers Union"),
    ("Robert Bloch", "GeneralCounselRole", "Chicago Teachers Union"),
    ("LaTanya McDade", "ChiefEducationOfficerRole", "Chicago Public Schools"),
    ("Lori Lightfoot", "MayorRole", "City of Chicago"),
    ("Robert Bruno", "ProfessorRole", "University of Illinois Urbana-Champaign"),
    ("Allison Arwady", "HeadRole", "Chicago Department of Public Health"),
    ("Dan Montgomery", "PresidentRole", "Illinois Federation of Teachers"),
    ("Chris Tye", "ReporterRole", "CBS Chicago"),
    ("Dana Kozlov", "ReporterRole", "CBS Chicago"),
]


@pytest.mark.parametrize("person, role, organization", SEED_POSTS)
def test_seed_posts(person, role, organization):
    assert holds(seed_graph(), person, role, organization)


def test_with_an_organisation_is_an_affiliation_not_a_post():
    """ "Daniel Suhr, with the Liberty Justice Center" states an affiliation; no post is stated (issue 15)."""
    store = seed_graph()
    assert ask(store, "ASK { GRAPH ?g { id:person\\/Daniel_Suhr schema:affiliation ?o . ?o rdfs:label ?l "
                      "FILTER(STR(?l) = 'Liberty Justice Center') } }")
    assert not ask(store, "ASK { GRAPH ?g { ?post org:heldBy id:person\\/Daniel_Suhr } }")


def test_a_post_is_one_instance_whoever_reports_it_and_holdings_are_dated_by_publication():
    store = seed_graph()
    found = rows(store, """SELECT DISTINCT ?post ?g ?asOf WHERE { GRAPH ?g {
        ?h org:member id:person\\/Janice_Jackson ; org:role cps:ChiefExecutiveOfficerRole ; cps:post ?post ;
           cps:asOf ?asOf } }""")
    assert len({r["post"] for r in found}) == 1
    published = {f"https://w3id.org/cpskg/graph/article/{a.id}": a.meta.published.isoformat() for a in seed_articles()}
    assert len(found) == 4  # 2019 strike, 2021-02-01, 2021-02-02, 2021-02-07
    assert all(r["asOf"] == published[r["g"]] for r in found)


def test_roles_imply_the_organisation_side_property_the_ontology_names():
    store = seed_graph()
    assert ask(store, "ASK { GRAPH ?g { id:organization\\/Chicago_Public_Schools cps:chiefExecutiveOfficer "
                      "id:person\\/Janice_Jackson } }")
    assert ask(store, "ASK { GRAPH ?g { id:organization\\/Chicago_Teachers_Union cps:chairperson "
                      "id:person\\/Jesse_Sharkey } }")
    assert ask(store, "ASK { GRAPH ?g { id:place\\/Chicago cps:headOfGovernment id:person\\/Lori_Lightfoot } }")
    assert ask(store, "ASK { GRAPH ?g { id:person\\/Janice_Jackson cps:employer "
                      "id:organization\\/Chicago_Public_Schools } }")
    assert ask(store, "ASK { GRAPH ?g { id:person\\/Stacy_Davis_Gates cps:memberOf "
                      "id:organization\\/Chicago_Teachers_Union } }")
    # A vice president implies no organisation-side property: none is invented.
    assert not ask(store, "ASK { GRAPH ?g { id:organization\\/Chicago_Teachers_Union ?p "
                          "id:person\\/Stacy_Davis_Gates } }")


def test_a_title_without_an_organisation_stays_a_job_title():
    store = seed_graph()
    assert ask(store, "ASK { GRAPH ?g { id:person\\/Joseph_Williams schema:jobTitle 'parent organizer'@en } }")
    assert not ask(store, "ASK { GRAPH ?g { id:person\\/Joseph_Williams org:holds ?post } }")


@pytest.mark.parametrize("name", OWN_ARTICLES)
def test_own_article_posts(name):
    article, expect = load_sidecar(ARTICLES / f"{name}.yaml")
    store = graph_of([article])
    for post in expect["posts"]:
        assert holds(store, post["person"], post["role"], post["organization"]), post
    for job in expect.get("job_titles", []):
        assert ask(store, "ASK { GRAPH ?g { ?p rdfs:label ?l ; schema:jobTitle ?t } "
                          "FILTER(STR(?l) = ?person && STR(?t) = ?title) }",
                   person=ox.Literal(job["person"]), title=ox.Literal(job["title"])), job
    holdings = rows(store, "SELECT (COUNT(DISTINCT ?h) AS ?n) WHERE { GRAPH ?g { ?h a cps:PostHolding } }")
    assert int(holdings[0]["n"]) == len(expect["posts"]), "no post beyond the expected ones"
