"""Recognition and resolution of people, organisations and places (issue 4, first half).

Two kinds of evidence: the seeds, checked with SPARQL over the graph the build makes of them, and
articles written for these tests about other negotiations (tests/articles/*.txt, expected facts in the
sidecar .yaml next to each), which the general rules must handle without any curation.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from extraction_support import (
    ARTICLES,
    OWN_ARTICLES,
    ROOT,
    article_of,
    ask,
    graph_of,
    load_sidecar,
    registry,
    rows,
    seed_articles,
    seed_graph,
)

from builder.emit.mint import entity_iri
from builder.errors import InputError
from builder.resolve.registry import load_registry, verified_item_ids


@pytest.fixture(scope="module", params=OWN_ARTICLES)
def own(request):
    article, expect = load_sidecar(ARTICLES / f"{request.param}.yaml")
    return article, expect, graph_of([article])


def entity(kind: str, name: str) -> ox.NamedNode:
    return entity_iri(kind, name)


def mention_count(store: ox.Store, node: ox.NamedNode) -> int:
    found = rows(store, "SELECT (COUNT(DISTINCT ?m) AS ?n) "
                        "WHERE { GRAPH ?g { ?e gaf:denotedBy ?m . ?m a cps:Mention } }",
                 e=node)
    return int(found[0]["n"])


# ----------------------------------------------------------------------------------------------------------
# Own articles


def test_own_article_people_are_found_without_the_registry(own):
    article, expect, store = own
    for name in expect["people"]:
        assert registry().lookup(name) is None, f"{name} must not need curation"
        assert ask(store, "ASK { GRAPH ?g { ?p a cps:Person , schema:Person ; rdfs:label ?l ; gaf:denotedBy ?m } "
                          "FILTER(STR(?l) = ?name) }", name=ox.Literal(name)), name


def test_own_article_furniture_yields_nothing(own):
    article, expect, store = own
    for name in expect["absent"]:
        assert not ask(store, "ASK { GRAPH ?g { ?e rdfs:label ?l ; gaf:denotedBy ?m } FILTER(CONTAINS(STR(?l), ?n)) }",
                       n=ox.Literal(name)), name


def test_own_article_organisations_and_places_are_typed_by_their_names(own):
    article, expect, store = own
    for kind, key in (("organization", "organizations"), ("place", "places")):
        for name, cls in expect[key].items():
            node = entity(kind, name)
            assert ask(store, "ASK { GRAPH ?g { ?e a ?c ; rdfs:label ?l ; gaf:denotedBy ?m } }",
                       e=node, c=ox.NamedNode(f"https://w3id.org/cpskg/ontology#{cls}")), (name, cls)


def test_own_article_variants_resolve_to_one_instance_with_every_mention(own):
    article, expect, store = own
    for name, count in expect["mentions"].items():
        assert mention_count(store, entity("person", name)) == count, name
    people = rows(store, "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?p a cps:Person ; rdfs:label ?l } }")
    assert sorted(r["l"] for r in people) == sorted(set(expect["people"])), "no other person may appear"


# ----------------------------------------------------------------------------------------------------------
# Seeds


def test_lightfoot_is_one_entity_in_all_five_articles_including_the_glued_spelling():
    store = seed_graph()
    lightfoot = entity("person", "Lori Lightfoot")
    graphs = rows(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e gaf:denotedBy ?m } }", e=lightfoot)
    assert len(graphs) == 5
    anchors = {r["a"] for r in rows(store, "SELECT ?a WHERE { GRAPH ?g { ?e gaf:denotedBy ?m . ?m nif:anchorOf ?a } }",
                                    e=lightfoot)}
    assert {"Lori Lightfoot", "Lightfoot", "LoriLightfoot", "the mayor"} <= {a if a != "The mayor" else "the mayor"
                                                                             for a in anchors}
    assert ask(store, "ASK { GRAPH ?g { ?e owl:sameAs wd:Q56486914 } }", e=lightfoot)
    others = rows(store, "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a cps:Person ; rdfs:label ?l } "
                         "FILTER(CONTAINS(STR(?l), 'Lightfoot')) }")
    assert [r["p"] for r in others] == [lightfoot.value]


def test_jackson_variants_with_honorific_and_middle_initial_are_one_person():
    store = seed_graph()
    jackson = entity("person", "Janice Jackson")
    anchors = {r["a"] for r in rows(store, "SELECT ?a WHERE { GRAPH ?g { ?e gaf:denotedBy ?m . ?m nif:anchorOf ?a } }",
                                    e=jackson)}
    assert {"Janice K. Jackson", "Janice Jackson", "Jackson"} <= anchors
    assert not ask(store, "ASK { GRAPH ?g { ?p a cps:Person ; rdfs:label ?l } FILTER(?l != 'Janice Jackson'@en "
                          "&& CONTAINS(STR(?l), 'Jackson')) }")


PATTERN_PEOPLE = ["Robert Bruno", "Dan Montgomery", "Joseph Williams", "Daniel Suhr", "Robert Bloch",
                  "LaTanya McDade", "Stacy Davis Gates", "Allison Arwady", "Dana Kozlov", "Chris Tye",
                  "Jesse Sharkey", "Janice Jackson"]


@pytest.mark.parametrize("name", PATTERN_PEOPLE)
def test_people_the_registry_does_not_list_are_found_by_patterns(name):
    assert registry().lookup(name) is None
    assert ask(seed_graph(), "ASK { GRAPH ?g { ?p a cps:Person ; rdfs:label ?l ; gaf:denotedBy ?m ; "
                             "prov:wasGeneratedBy ?r . ?m a cps:Mention } FILTER(STR(?l) = ?n) }", n=ox.Literal(name))


def test_nothing_comes_from_page_furniture():
    store = seed_graph()
    for name in ("Melissa Vozar", "Baltimore County Public Library", "Jose Guillen", "Clarence Thomas",
                 "Suder Elementary", "W.R. Meadows"):
        assert not ask(store, "ASK { GRAPH ?g { ?e rdfs:label ?l } FILTER(CONTAINS(STR(?l), ?n)) }",
                       n=ox.Literal(name)), name
    for article in seed_articles():
        excluded = [(p.begin, p.end) for p in article.paragraphs if p.role != "content"]
        graph = ox.NamedNode(f"https://w3id.org/cpskg/graph/article/{article.id}")
        # Metadata evidence (a publisher named in an outlet promo line) is the one thing furniture may ground.
        for row in rows(store, "SELECT ?b ?e WHERE { GRAPH ?g { ?x gaf:denotedBy ?m . ?m nif:beginIndex ?b ; "
                               "nif:endIndex ?e } FILTER NOT EXISTS { GRAPH ?g { ?ev cps:evidence ?m } } }",
                        g=graph):
            begin, end = int(row["b"]), int(row["e"])
            assert not any(b <= begin and end <= e for b, e in excluded), (article.id, begin, end)


def test_every_mention_anchor_equals_the_text_at_its_offsets():
    articles = list(seed_articles()) + [load_sidecar(ARTICLES / f"{n}.yaml")[0] for n in OWN_ARTICLES]
    store = graph_of(articles)
    texts = {a.id: a.text for a in articles}
    found = rows(store, "SELECT ?c ?b ?e ?a WHERE { GRAPH ?g { ?m a cps:Mention ; nif:beginIndex ?b ; "
                        "nif:endIndex ?e ; nif:anchorOf ?a ; nif:referenceContext ?c } }")
    assert len(found) > 200
    for row in found:
        text = texts[row["c"].rsplit("/", 1)[1]]
        assert text[int(row["b"]):int(row["e"])] == row["a"], row


def test_registry_organisations_carry_aliases_and_only_verified_wikidata_ids():
    store = seed_graph()
    assert ask(store, "ASK { GRAPH ?g { id:organization\\/Chicago_Teachers_Union a cps:LabourUnion ; "
                      "skos:altLabel 'CTU'@en ; owl:sameAs wd:Q5095804 } }")
    assert ask(store, "ASK { GRAPH ?g { id:organization\\/Chicago_Public_Schools a cps:SchoolDistrict ; "
                      "skos:altLabel 'CPS'@en } }")
    verified = verified_item_ids(ROOT / "curation" / "wikidata-ids.tsv")
    linked = rows(store, "SELECT DISTINCT ?q WHERE { GRAPH ?g { ?e owl:sameAs ?q } }")
    assert linked and all(r["q"].rsplit("/", 1)[1] in verified for r in linked)
    assert not ask(store, "ASK { GRAPH ?g { id:organization\\/Chicago_Public_Schools owl:sameAs ?q } }")


def _registry_dir(tmp_path: Path, entities: list[dict]) -> Path:
    (tmp_path / "wikidata-ids.tsv").write_text(
        (ROOT / "curation" / "wikidata-ids.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "entities.yaml").write_text(yaml.safe_dump({"entities": entities}), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("entities, message", [
    ([{"name": "Example Union", "kind": "organization", "class": "LabourUnion", "wikidata": "Q123456789"}],
     "not in curation/wikidata-ids.tsv"),
    ([{"name": "Example Union", "kind": "organization", "class": "TradeGuild"}], "not a class"),
    ([{"name": "Jane Roe", "kind": "person", "class": "LabourUnion"}], "does not fit"),
    ([{"name": "A Union", "kind": "organization", "class": "LabourUnion", "abbreviations": ["AU"]},
      {"name": "B Union", "kind": "organization", "class": "LabourUnion", "abbreviations": ["AU"]}], "names both"),
])
def test_registry_refuses_curation_slips(tmp_path, entities, message):
    with pytest.raises(InputError, match=message):
        load_registry(_registry_dir(tmp_path, entities))


def test_the_registry_is_parsed_once_per_content_and_reread_after_an_edit(tmp_path):
    union = {"name": "Example Union", "kind": "organization", "class": "LabourUnion"}
    folder = _registry_dir(tmp_path, [union])
    first = load_registry(folder)
    assert load_registry(folder) is first  # the same bytes: parsed once per process
    _registry_dir(tmp_path, [{**union, "abbreviations": ["EXU"]}])
    edited = load_registry(folder)
    assert edited is not first and edited.lookup("EXU") is not None and first.lookup("EXU") is None
    (folder / "entities.yaml").write_text("entities: [", encoding="utf-8")
    with pytest.raises(InputError, match="malformed YAML"):  # errors are raised each time, never cached
        load_registry(folder)
    with pytest.raises(InputError, match="malformed YAML"):
        load_registry(folder)


def test_a_person_named_by_two_own_articles_is_one_instance_with_mentions_in_both():
    articles = [load_sidecar(ARTICLES / f"{n}.yaml")[0]
                for n in ("long-beach-tentative-agreement", "minneapolis-custodians-contract")]
    store = graph_of(articles)
    graphs = rows(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e gaf:denotedBy ?m . ?m a cps:Mention } }",
                  e=entity("person", "Dolores Whitcombe"))
    assert len(graphs) == 2


def test_the_city_as_an_actor_is_the_dateline_citys_government_and_as_a_place_is_nothing():
    """'the city will respond' names the city government; 'families in the city' names no actor."""
    text = ("SPRINGFIELD — Teachers and the city met Monday. The city’s offer fell short, "
            "union leaders said, and families in the city are waiting.\n")
    article = article_of(text)
    store = graph_of([article])
    anchors = rows(store, "SELECT ?a ?b WHERE { GRAPH ?g { ?e gaf:denotedBy ?m . ?m nif:anchorOf ?a ; "
                          "nif:beginIndex ?b } }", e=entity("organization", "City of Springfield"))
    assert sorted((r["a"], int(r["b"])) for r in anchors) == [("The city", text.index("The city")),
                                                              ("the city", text.index("the city"))]
    assert ask(store, "ASK { GRAPH ?g { ?e a cps:CityGovernment ; rdfs:label 'City of Springfield'@en } }",
               e=entity("organization", "City of Springfield"))
    seed_anchors = rows(seed_graph(), "SELECT ?a WHERE { GRAPH ?g { ?e gaf:denotedBy ?m . ?m nif:anchorOf ?a } }",
                        e=entity("organization", "City of Chicago"))
    assert {r["a"] for r in seed_anchors} >= {"the city", "The city"}


def test_every_registry_entry_holds_something_the_text_cannot_give():
    """The registry stays minimal: an entry needs an abbreviation, an alias, a verified id or a note saying
    why it is curated; a person needs more than a name (patterns find people by their context)."""
    entries = yaml.safe_load((ROOT / "curation" / "entities.yaml").read_text(encoding="utf-8"))["entities"]
    for entry in entries:
        assert any(entry.get(key) for key in ("abbreviations", "aliases", "wikidata", "note")), entry["name"]
        if entry["kind"] == "person":
            assert entry.get("wikidata") or entry.get("aliases") or entry.get("note"), entry["name"]
