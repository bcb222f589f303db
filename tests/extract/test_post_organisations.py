"""Posts and organisations named through another organisation (issue 15): a post in the last organisation
of a possessive chain ("secretary of X's Y branch"), a union's local named by its place after the
union's possessive, a local named with its international ("Local 88 of the Y Workers"; "X United-Y Local
88"). The article is written here, about nothing in the benchmark."""

from __future__ import annotations

from functools import lru_cache

from extraction_support import article_of, graph_of, rows

TEXT = (
    "DENTON, Texas — Members of the Prairie Nurses Federation (PNF) walked out on Monday at Denton General "
    "Hospital.\n\n"
    "“We asked for a fair deal,” said Carla Ruiz, secretary of PNF's North Denton branch.\n\n"
    "Ben Ode, president of PNF’s Lakeside local, said his members would join on Tuesday.\n\n"
    "Local 88 of the Allied Hospital Workers backs the strike, and Denton Residents United-AHW Local 412 "
    "said it would send pickets.\n")


@lru_cache(maxsize=1)
def _graph():
    return graph_of([article_of(TEXT)])


def _posts() -> set[tuple[str, str]]:
    found = rows(_graph(), """SELECT ?who ?org WHERE { GRAPH ?g { ?post a cps:Post ; org:heldBy ?p ;
        org:postIn ?o . ?p rdfs:label ?who . ?o rdfs:label ?org } }""")
    return {(r["who"], r["org"]) for r in found}


def _organisations() -> dict[str, set[str]]:
    found = rows(_graph(), """SELECT ?label ?alt WHERE { GRAPH ?g { ?o a cps:Organization ; rdfs:label ?label .
        OPTIONAL { ?o skos:altLabel ?alt } } }""")
    names: dict[str, set[str]] = {}
    for r in found:
        names.setdefault(r["label"], set()).update([r["alt"]] if "alt" in r else [])
    return names


def test_a_post_lies_in_the_last_organisation_of_a_possessive_chain():
    posts = _posts()
    assert any(who == "Carla Ruiz" and org.startswith("North Denton branch of") for who, org in posts), posts
    assert not any(who == "Carla Ruiz" and "branch" not in org for who, org in posts), posts


def test_a_local_named_by_its_place_after_its_union_is_an_organisation_with_the_union_as_written():
    lakeside = [names for label, names in _organisations().items() if label.startswith("Lakeside local of")]
    assert lakeside and "PNF Lakeside local" in lakeside[0], _organisations()
    assert any(who == "Ben Ode" and org.startswith("Lakeside local of") for who, org in _posts())


def test_a_local_and_its_international_are_two_organisations():
    names = _organisations()
    assert "Local 88 of the Allied Hospital Workers" in names and "Allied Hospital Workers" in names
    assert "Denton Residents United-AHW Local 412" in names


APPOSITIONS = (
    "AUSTIN, Texas — Cooks at the Lone Star Grand Hotel and the Capitol Riverside Hotel struck on Friday.\n\n"
    "“We are tired,” said Rosa Vela, a line cook at the Lone Star Grand for 12 years and chair of the union's "
    "kitchen committee.\n\n"
    "The strike has the support of the Austin Tenants Union, whose president, Omar Said, spoke at the rally.\n")


def test_a_short_form_after_at_names_the_organisation_whose_name_it_begins_and_titles_chain_past_a_duration():
    store = graph_of([article_of(APPOSITIONS)])
    found = rows(store, """SELECT ?who ?org ?label WHERE { GRAPH ?g { ?post a cps:Post ; org:heldBy ?p ;
        org:postIn ?o ; rdfs:label ?label . ?p rdfs:label ?who . ?o rdfs:label ?org } }""")
    posts = {(r["who"], r["org"]) for r in found}
    assert ("Rosa Vela", "Lone Star Grand Hotel") in posts
    # the second title of the same apposition ("... for 12 years and chair of ...") is read too
    assert any(r["who"] == "Rosa Vela" and r["label"].startswith("chair of") for r in found), found


def test_whose_title_refers_to_the_organisation_before_it():
    store = graph_of([article_of(APPOSITIONS)])
    found = rows(store, """SELECT ?org WHERE { GRAPH ?g { ?post a cps:Post ; org:heldBy ?p ; org:postIn ?o .
        ?p rdfs:label "Omar Said"@en . ?o rdfs:label ?org } }""")
    assert [r["org"] for r in found] == ["Austin Tenants Union"]


def test_a_mayor_without_a_dateline_governs_the_city_the_local_bodies_are_named_after():
    text = ("Teachers of the Maplewood City School District voted to strike, the Maplewood Education "
            "Association said.\n\nMayor Ada Finch said the city would help.\n")
    found = rows(graph_of([article_of(text)]), """SELECT ?org WHERE { GRAPH ?g { ?post a cps:Post ;
        org:heldBy ?p ; org:postIn ?o . ?p rdfs:label "Ada Finch"@en . ?o rdfs:label ?org } }""")
    assert [r["org"] for r in found] == ["City of Maplewood"]


def test_a_title_without_an_organisation_in_a_press_release_is_the_publishers():
    text = ("Agreement reached with porters\n\nThe Harbourside Hospitals Trust and the porters' union reached a "
            "deal today.\n\nNia Amadi, Chief Operating Officer, said the trust was pleased.\n")
    article = article_of(text, publisher="Harbourside Hospitals Trust")
    found = rows(graph_of([article]), """SELECT ?org WHERE { GRAPH ?g { ?post a cps:Post ;
        org:heldBy ?p ; org:postIn ?o . ?p rdfs:label "Nia Amadi"@en . ?o rdfs:label ?org } }""")
    assert [r["org"] for r in found] == ["Harbourside Hospitals Trust"]


def test_a_clipped_name_is_the_organisation_it_abbreviates():
    text = ("Lakeview Grad Workers end strike\n\nMembers of Lakeview Graduate Workers United returned on "
            "Monday, and Lakeview Grad Workers said the deal was fair.\n")
    labels = {r["l"] for r in rows(graph_of([article_of(text)]), """SELECT ?l WHERE { GRAPH ?g {
        ?o a cps:Organization ; rdfs:label ?l } }""")}
    assert "Lakeview Graduate Workers United" in labels and "Lakeview Grad Workers" not in labels


def test_a_health_system_is_an_organisation_and_an_acronym_before_and_is_no_part_of_its_name():
    text = ("DULUTH — Nurses at Lakeshore Regional Medical Center ratified a contract, the Lakeshore Nurses "
            "Association (LNA) said.\n\nIn a joint statement, the LNA and Lakeshore Health said the deal was fair.\n")
    labels = {r["l"] for r in rows(graph_of([article_of(text)]), """SELECT ?l WHERE { GRAPH ?g {
        ?o a cps:Organization ; rdfs:label ?l } }""")}
    assert "Lakeshore Health" in labels and not any(" and " in label for label in labels), labels


def _posts_of(text: str) -> set[tuple[str, str, str]]:
    found = rows(graph_of([article_of(text)]), """SELECT ?who ?org ?label WHERE { GRAPH ?g { ?post a cps:Post ;
        org:heldBy ?p ; org:postIn ?o ; rdfs:label ?label . ?p rdfs:label ?who . ?o rdfs:label ?org } }""")
    return {(r["who"], r["org"], r["label"]) for r in found}


def test_titles_that_say_the_kind_of_their_organisation_and_a_workplace_in_a_relative_clause():
    text = ("LEEDS — Staff at the University of Aire and teachers at Kirkgate Academy walked out with the "
            "Aire Valley School Board's support workers.\n\n"
            "“We are exhausted,” said Ada Lowe, a lecturer in history. Director of education Dr. Paul Kerr said "
            "the board would respond.\n\n"
            "Porter Sam Hill, who has worked on the night shift at Aire General Infirmary for 9 years, said he "
            "was angry. “Enough,” said Mia Dunn, a maths teacher.\n")
    orgs = {(who, org) for who, org, _ in _posts_of(text)}
    assert ("Ada Lowe", "University of Aire") in orgs
    assert ("Paul Kerr", "Aire Valley School Board") in orgs
    assert ("Sam Hill", "Aire General Infirmary") in orgs
    assert ("Mia Dunn", "Kirkgate Academy") in orgs


def test_an_unnamed_branch_is_the_branch_of_the_union_at_the_employer():
    text = ("Lecturers at the University of Westmoor began a marking boycott on Monday, the University and "
            "College Union said.\n\nBranch secretary Ivo Marsh said the University and College Union would "
            "not back down. The branch says the university can afford the pension.\n")
    store = graph_of([article_of(text)])
    posts = {(who, org) for who, org, _ in _posts_of(text)}
    assert ("Ivo Marsh", "Westmoor branch of the University and College Union") in posts
    spans = rows(store, """SELECT ?anchor WHERE { GRAPH ?g { ?o rdfs:label
        "Westmoor branch of the University and College Union"@en ; gaf:denotedBy ?m . ?m nif:anchorOf ?anchor } }""")
    assert {r["anchor"] for r in spans} >= {"Branch", "The branch"}


def test_a_students_union_by_its_kind_and_an_institution_named_both_ways_are_one_each():
    text = ("Staff at Westmoor University walked out on Monday.\n\nThe University of Westmoor said classes "
            "would go ahead. Students' union president Lena Fox said students backed the staff.\n")
    posts = {(who, org) for who, org, _ in _posts_of(text)}
    assert ("Lena Fox", "students' union of the University of Westmoor") in posts, posts
    labels = {r["l"] for r in rows(graph_of([article_of(text)]), """SELECT ?l WHERE { GRAPH ?g {
        ?o a cps:Organization ; rdfs:label ?l } }""")}
    assert "Westmoor University" not in labels and "University of Westmoor" in labels


def test_a_workers_title_without_an_organisation_is_the_employers_not_the_acronym_unions():
    text = ("YORK — Porters at Ouse Valley Hospitals NHS Foundation Trust struck on Monday. GMB says talks failed.\n\n"
            "Ouse Valley Hospitals NHS Foundation Trust said wards were safe. GMB says it will strike again.\n\n"
            "Staff nurse Ruth Abara said the porters were right.\n")
    posts = {(who, org) for who, org, _ in _posts_of(text)}
    assert ("Ruth Abara", "Ouse Valley Hospitals NHS Foundation Trust") in posts, posts


def test_a_board_named_by_its_owners_kind_is_that_owners():
    text = ("YORK — Ouse Valley Hospitals NHS Foundation Trust reached a deal with porters.\n\n"
            "The Trust Board approved the agreement on Monday.\n")
    labels = {r["l"] for r in rows(graph_of([article_of(text)]), """SELECT ?l WHERE { GRAPH ?g {
        ?o a cps:Organization ; rdfs:label ?l } }""")}
    assert "Trust Board of Ouse Valley Hospitals NHS Foundation Trust" in labels, labels
