"""Cross-article claim linking joins on keys: one disagreement per conflict, naming all its claims, with one
label (issue 13: one disagreement per pair of claims and a second label made every generated corpus of 100
or more articles fail the shapes)."""

from __future__ import annotations

import pyoxigraph as ox

from builder.merge.conflicts import conflict_label, has_conflict, link_value_conflicts

PREFIXES = """@prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/cpskg/id/> .
"""


def _article(n: int, outlet: str, day: str) -> str:
    """Article n: its outlet claims the final offer was made on `day`."""
    return f"""<https://w3id.org/cpskg/graph/article/a{n}> {{
      <https://w3id.org/cpskg/id/claim/c{n}> a cps:Claim ; cps:about <https://w3id.org/cpskg/id/event/offer> ;
          cps:stance cps:AffirmsStance ; prov:wasAttributedTo <https://w3id.org/cpskg/id/organization/{outlet}> ;
          sem:hasTimeStamp "{day}"^^xsd:date ; gaf:denotedBy <https://w3id.org/cpskg/id/article/a{n}#char=0,9> .
      <https://w3id.org/cpskg/id/organization/{outlet}> rdfs:label "{outlet}"@en .
    }}
"""


def _quads(text: str) -> list[ox.Quad]:
    return list(ox.parse(PREFIXES + text, format=ox.RdfFormat.TRIG))


def test_many_articles_one_disagreement_naming_every_claim_with_one_label():
    days = ["2021-02-04", "2021-02-05", "2021-02-04", "2021-02-11", "2021-02-05", "2021-02-18"]
    quads = _quads("".join(_article(n, f"Outlet{n}", day) for n, day in enumerate(days)))
    links = link_value_conflicts(quads)
    union = ox.Store()
    union.extend(quads + links.added)
    rows = list(union.query("""PREFIX cps: <https://w3id.org/cpskg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?d ?claim ?label WHERE { GRAPH ?g { ?d a cps:Disagreement ; cps:hasClaim ?claim ;
        rdfs:label ?label } }"""))
    assert len({r["d"] for r in rows}) == 1
    assert {r["claim"].value.rsplit("/", 1)[-1] for r in rows} == {f"c{n}" for n in range(len(days))}
    assert {r["label"].value for r in rows} == {"Disagreement between Outlet0, Outlet1, Outlet2 and 3 others"}
    # each article's graph states its own side, grounded in its own mention
    for n in range(len(days)):
        graph = ox.NamedNode(f"https://w3id.org/cpskg/graph/article/a{n}")
        grounded = {q.object.value for q in links.added if q.graph_name == graph
                    and q.predicate.value.endswith("#denotedBy")}
        assert grounded == {f"https://w3id.org/cpskg/id/article/a{n}#char=0,9"}
    assert link_value_conflicts(quads + links.added).added == []


def test_the_same_day_from_every_outlet_is_no_disagreement():
    quads = _quads("".join(_article(n, f"Outlet{n}", "2021-02-04") for n in range(4)))
    assert link_value_conflicts(quads).added == []


def test_a_partial_label_of_an_article_is_replaced_by_the_conflicts_label():
    quads = _quads(_article(1, "Outlet1", "2021-02-04") + _article(2, "Outlet2", "2021-02-05"))
    first = link_value_conflicts(quads)
    node = next(q.subject for q in first.added if q.predicate.value.endswith("#hasClaim"))
    stale = ox.Quad(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    ox.Literal("Disagreement between Outlet1 and others", language="en"),
                    ox.NamedNode("https://w3id.org/cpskg/graph/article/a1"))
    again = link_value_conflicts([*quads, *first.added, stale])
    assert again.removed == [stale] and again.added == []


def test_conflict_needs_two_values_and_two_claimants():
    assert not has_conflict([("A", 1), ("A", 2)])
    assert not has_conflict([("A", 1), ("B", 1)])
    assert has_conflict([("A", 1), ("A", 2), ("B", 1)])
    assert conflict_label(["B", "A"]) == "Disagreement between A and B"
    assert conflict_label(["C", "B", "A"]) == "Disagreement between A, B and C"
