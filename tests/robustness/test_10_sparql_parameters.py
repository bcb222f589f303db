"""bad-inputs #10: a SPARQL parameter such as `nobody" || true || "` or `x\\u0022 || true || \\u0022`: no extra
rows, no update executed.

tests/query/test_query_params.py and tests/query/test_server.py show that hostile string values return no rows on
each engine. This file adds what they leave open: values that try to smuggle an UPDATE (`DROP ALL`,
`DELETE WHERE`) out of the string or out of an IRI, sent through `cpskg query` to a real read-WRITE
Oxigraph server holding the data; the server's triple count is the same afterwards and the rows are
those of a value that matches nothing. IRI-typed values that try to close the `<...>` are refused with
exit 2 before any request is made.
"""

from __future__ import annotations

import json

import pytest
from conftest import QUERIES_MINI, running_oxigraph

from builder.query.sparql_run import endpoint_json
from tests.robustness.promises import cpskg

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
STRING_ATTACKS = [
    '"} ; DELETE WHERE { ?s ?p ?o } ; SELECT * WHERE { "',
    "\\u0022 } ; DROP ALL ; SELECT * WHERE { \\u0022",
    "nobody\" . } } ; DROP ALL ; #",
    "x\\\" || true || \\\"",
    "x'} ; DROP ALL ; #",
]
IRI_ATTACKS = [
    "<https://w3id.org/cpskg/id/person/x> } ; DROP ALL ; #",
    "https://w3id.org/cpskg/id/person/x> } ; DROP ALL ; SELECT * WHERE { <x",
    "person:x\\u003E } ; DROP ALL ; #",
    "<https://w3id.org/cpskg/id/person/x\n>",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    (out / "cpskg.trig").write_bytes(QUERIES_MINI.read_bytes())
    with running_oxigraph(tmp_path_factory.mktemp("store")) as running:
        loaded = cpskg("load", "--endpoint", running.query_url, "--out", out)
        assert loaded.exit_code == 0, loaded.output
        yield running


def server_triples(server) -> int:
    return int(endpoint_json(server.query_url, COUNT, timeout=10)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("value", STRING_ATTACKS)
def test_a_string_value_cannot_smuggle_an_update(server, value):
    before = server_triples(server)
    assert before > 0
    result = cpskg("query", "quotations_by_person", "--param", f"person={value}", "--format", "json",
                   "--endpoint", server.query_url)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []
    assert server_triples(server) == before


@pytest.mark.parametrize("value", IRI_ATTACKS)
def test_an_iri_value_that_closes_the_brackets_is_refused(server, value):
    before = server_triples(server)
    result = cpskg("query", "provenance_of_fact", "--param", f"fact={value}", "--endpoint", server.query_url)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("cpskg: error: ") and "fact" in result.stderr
    assert "Traceback" not in result.output
    assert server_triples(server) == before


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("value", STRING_ATTACKS)
def test_the_embedded_engines_return_no_rows_either(tmp_path, engine, value):
    (tmp_path / "cpskg.trig").write_bytes(QUERIES_MINI.read_bytes())
    result = cpskg("query", "quotations_by_person", "--param", f"person={value}", "--format", "json",
                   "--engine", engine, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []
    assert (tmp_path / "cpskg.trig").read_bytes() == QUERIES_MINI.read_bytes()


def test_the_same_query_with_a_real_name_does_return_rows(server):
    """Without this, 'no rows' above could mean the query never matches anything."""
    result = cpskg("query", "quotations_by_person", "--param", "person=Jesse Sharkey", "--format", "json",
                   "--endpoint", server.query_url)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["results"]["bindings"]) >= 1
