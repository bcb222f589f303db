"""Post forms news copy uses beyond the seeds (issue 15): lower-case titles before the name with the
organisation implied by a common noun, titles after the name with a possessive or "of/at", a title set off
by a comma, the office behind "Mayor", and what is not a post ("X, with the Y"; a title with no employer
stated). The article is written here, about nothing in the benchmark."""

from __future__ import annotations

from functools import lru_cache

from extraction_support import article_of, ask, graph_of, rows

TEXT = (
    "SPRINGFIELD, Ill. — The Riverside Nurses Union and the Springfield School District met "
    "again on Tuesday, and Mayor Jane Ortiz urged both sides to settle.\n\n"
    "“We are ready,” said Alan Brooks. “We have been ready for weeks,” union president Maria Lopez said.\n\n"
    "Alan Brooks, the union's vice president of bargaining, said talks would resume Friday.\n\n"
    "“It is hard on everyone,” said Dana Wu, a cardiac nurse at the Lakeview Health Center.\n\n"
    "District chief operating officer Sam Reyes said the budget was fixed. Tom Hale said the same.\n\n"
    "A district spokesperson, Tom Hale, said the schools would stay open.\n\n"
    "Jon Park, General Counsel, said the contract was clear. “The law is on our side,” said Lee Chan, with "
    "the Workers Rights Center.\n")


@lru_cache(maxsize=1)
def posts() -> set[tuple[str, str, str, str]]:
    store = graph_of([article_of(TEXT)])
    found = rows(store, """SELECT ?who ?role ?org ?label WHERE { GRAPH ?g { ?post a cps:Post ; org:heldBy ?p ;
        org:role ?r ; org:postIn ?o ; rdfs:label ?label . ?p rdfs:label ?who . ?o rdfs:label ?org .
        BIND(STRAFTER(STR(?r), "#") AS ?role) } }""")
    return {(r["who"], r["role"], r["org"], r["label"]) for r in found}


def test_lower_case_titles_before_the_name_imply_the_organisation_by_a_common_noun():
    assert ("Maria Lopez", "PresidentRole", "Riverside Nurses Union", "president of Riverside Nurses Union") in posts()
    assert ("Sam Reyes", "OfficialRole", "Springfield School District",
            "chief operating officer of Springfield School District") in posts()


def test_the_mayor_is_the_mayor_of_the_dateline_city():
    assert ("Jane Ortiz", "MayorRole", "City of Springfield", "mayor of City of Springfield") in posts()


def test_titles_after_the_name_with_a_possessive_or_at():
    assert ("Alan Brooks", "VicePresidentRole", "Riverside Nurses Union",
            "vice president of bargaining of Riverside Nurses Union") in posts()
    assert ("Dana Wu", "MemberRole", "Lakeview Health Center", "cardiac nurse of Lakeview Health Center") in posts()


def test_a_title_set_off_by_a_comma():
    assert ("Tom Hale", "SpokespersonRole", "Springfield School District",
            "spokesperson of Springfield School District") in posts()


def test_posts_only_as_stated():
    """ "General Counsel" with no employer stated is a job title; "with the Y" is an affiliation."""
    people = {who for who, *_ in posts()}
    assert "Jon Park" not in people and "Lee Chan" not in people
    store = graph_of([article_of(TEXT)])
    assert ask(store, "ASK { GRAPH ?g { ?p rdfs:label ?l ; schema:jobTitle 'general counsel'@en "
                      "FILTER(STR(?l) = 'Jon Park') } }")
    assert ask(store, "ASK { GRAPH ?g { ?p rdfs:label ?l ; schema:affiliation ?o . ?o rdfs:label ?ol "
                      "FILTER(STR(?l) = 'Lee Chan' && STR(?ol) = 'Workers Rights Center') } }")


def test_a_later_reference_by_title_is_the_one_holder_of_a_post_there():
    text = ("The Riverside Nurses Union struck on Monday.\n\n"
            "“We had no choice,” said Rosa Imani, secretary of the Riverside Nurses Union.\n\n"
            "The head of the union said members would return on Friday. “We will be back,” "
            "the head of the union said.\n")
    store = graph_of([article_of(text)])
    found = rows(store, """SELECT ?label ?anchor WHERE { GRAPH ?g {
        ?post a cps:Post ; org:heldBy ?p ; rdfs:label ?label ; gaf:denotedBy ?m . ?m nif:anchorOf ?anchor .
        ?p rdfs:label ?who FILTER(STR(?who) = 'Rosa Imani') } }""")
    assert {(r["label"], r["anchor"]) for r in found} >= {
        ("secretary of Riverside Nurses Union", "Rosa Imani, secretary of the Riverside Nurses Union"),
        ("head of Riverside Nurses Union", "The head of the union")}
    speakers = rows(store, "SELECT ?who WHERE { GRAPH ?g { ?q schema:text 'We will be back' ; schema:creator ?c . "
                           "?c rdfs:label ?who } }")
    assert [r["who"] for r in speakers] == ["Rosa Imani"]


def test_a_title_qualified_before_its_organisation():
    text = "“Fares must fall,” said Ana Costa, vice-president external of the Dundas Students' Union.\n"
    store = graph_of([article_of(text)])
    assert ask(store, "ASK { GRAPH ?g { ?post a cps:Post ; rdfs:label ?l "
                      "FILTER(STRSTARTS(STR(?l), 'vice-president external of')) } }")


def test_a_body_member_and_a_company_only_by_its_name():
    """ "Metro Council member X" is a council member; "the company's vice president" is of an
    organisation whose name says it is a company, never of the council the article also names."""
    text = ("“Residents are angry,” Metro Council member Ana Ruiz said on Tuesday.\n\n"
            "The company's vice president of operations, Sam Reyes, said the offer was fair.\n")
    found = rows(graph_of([article_of(text)]), """SELECT ?label WHERE { GRAPH ?g { ?post a cps:Post ;
        rdfs:label ?label } }""")
    assert [r["label"] for r in found] == ["council member of Metro Council"]
