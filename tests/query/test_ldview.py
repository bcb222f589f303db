"""The Linked Data view of one IRI: description, content negotiation, HTML (issue 17)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from builder.query.ldview import describe, local_path, negotiate, render
from builder.query.store import load_store
from tests.corpus_factory import PROJECT

PERSON = "https://w3id.org/cpskg/id/person/Jesse_Sharkey"


@pytest.fixture(scope="module")
def store():
    return load_store(PROJECT / "output")


@pytest.mark.parametrize(("accept", "media"), [
    (None, "text/turtle"), ("", "text/turtle"), ("*/*", "text/turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/ld+json", "application/ld+json"), ("application/n-triples", "application/n-triples"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
    ("application/*", "application/ld+json"), ("image/png", None), ("text/turtle;q=0", None),
])
def test_negotiation_follows_the_accept_header_and_its_q_values(accept, media):
    assert negotiate(accept) == media


def test_the_description_holds_the_facts_the_labels_and_the_evidence(store):
    description = describe(store, PERSON)
    subjects = {t.subject.value for t in description.triples}
    assert PERSON in subjects
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert any(t.subject.value == PERSON and t.predicate == label for t in description.triples)
    anchors = [t for t in description.triples
               if t.predicate.value.endswith("#anchorOf") and "#char=" in t.subject.value]
    assert any(t.object.value == "Jesse Sharkey" for t in anchors)  # the words of a mention
    assert any("Sharkey" in t.object.value and len(t.object.value) > 40 for t in anchors)  # its sentence


def test_an_unknown_iri_has_an_empty_description(store):
    assert not describe(store, "https://w3id.org/cpskg/id/person/Nobody")


@pytest.mark.parametrize("media", ["text/turtle", "application/ld+json", "application/n-triples"])
def test_every_rdf_format_parses_back_to_the_same_triples(store, media):
    description = describe(store, PERSON)
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
           "application/n-triples": ox.RdfFormat.N_TRIPLES}[media]
    parsed = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(render(description, media), format=fmt)}
    assert parsed == set(description.triples)


def test_the_html_page_is_well_formed_and_links_related_entities_to_their_views(store):
    html = render(describe(store, PERSON), "text/html").decode("utf-8")
    body = html.split("\n", 1)[1]
    ET.fromstring(body.replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>")
                  .replace('href="https://w3id.org/cpskg/id/person/Jesse_Sharkey">',
                           'href="https://w3id.org/cpskg/id/person/Jesse_Sharkey"/>'))
    assert "<h1>Jesse Sharkey</h1>" in html and "<h2>Evidence</h2>" in html
    assert 'href="/id/organization/Chicago_Teachers_Union"' in html or 'href="/id/' in html


def test_only_instance_iris_have_a_local_path():
    assert local_path(PERSON) == "/id/person/Jesse_Sharkey"
    assert local_path("https://w3id.org/cpskg/ontology#Person") is None


# -- through `cpskg serve`: the IRI's path answers with content negotiation --------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    import subprocess

    from conftest import cpskg_executable, free_port

    from builder.query.server import stop_process

    port = free_port()
    location = tmp_path_factory.mktemp("ld-store") / "store"
    process = subprocess.Popen([cpskg_executable(), "serve", "--port", str(port), "--location", str(location),
                                "--out", str(PROJECT / "output")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout.readline().startswith("SPARQL endpoint:"), process.stderr.read()
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process)


def _get(url: str, accept: str | None):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.mark.server
@pytest.mark.parametrize(("accept", "media", "fmt"), [
    ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
])
def test_an_iri_path_answers_in_the_format_asked_for(served, store, accept, media, fmt):
    status, content_type, body = _get(served + "/id/person/Jesse_Sharkey", accept)
    assert status == 200 and content_type.startswith(media)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}
    assert triples == set(describe(store, PERSON).triples)


@pytest.mark.server
def test_a_browser_gets_the_html_page_and_unknown_iris_and_formats_are_refused(served):
    status, content_type, body = _get(served + "/id/person/Jesse_Sharkey",
                                      "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and content_type.startswith("text/html") and b"<h1>Jesse Sharkey</h1>" in body
    assert _get(served + "/id/person/Nobody", "text/turtle")[0] == 404
    assert _get(served + "/id/person/Jesse_Sharkey", "image/png")[0] == 406
    # the SPARQL endpoint is still there beside it
    status, _, body = _get(served + "/query?query=ASK%7B%7D", "application/sparql-results+json")
    assert status == 200 and b"boolean" in body


@pytest.mark.server
def test_the_served_void_names_the_sparql_endpoint(served):
    import urllib.parse

    query = ("PREFIX void: <http://rdfs.org/ns/void#> SELECT ?endpoint WHERE { GRAPH "
             "<https://w3id.org/cpskg/graph/void> { <https://w3id.org/cpskg/dataset> void:sparqlEndpoint ?endpoint } }")
    status, _, body = _get(served + "/query?query=" + urllib.parse.quote(query), "text/csv")
    assert status == 200 and body.decode().splitlines() == ["endpoint", served + "/query"]
