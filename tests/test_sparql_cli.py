"""`cpskg sparql`: a researcher's own query, from an argument, a file or standard input (issue 17)."""

from __future__ import annotations

import json

import pytest
from conftest import QUERIES_MINI, misbehaving_server, running_oxigraph

from builder.store import load_store

PERSONS = ("PREFIX schema: <http://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
           "SELECT DISTINCT ?person ?label WHERE { ?person a schema:Person ; rdfs:label ?label } ORDER BY ?label")


def _person_count(out_dir) -> int:
    query = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <http://schema.org/Person> }"
    return int(next(iter(load_store(out_dir).query(query)))["n"].value)


def test_a_query_given_as_an_argument_prints_a_table_of_every_person(cpskg_cli, mini_out_dir):
    result = cpskg_cli("sparql", "--out", str(mini_out_dir), PERSONS)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["person", "label"]
    assert lines[-1] == f"({_person_count(mini_out_dir)} rows)"


def test_the_same_query_from_a_file_and_from_standard_input_gives_the_same_json(cpskg_cli, mini_out_dir, tmp_path):
    from click.testing import CliRunner

    from builder.cli import main

    path = tmp_path / "people.rq"
    path.write_text(PERSONS, encoding="utf-8")  # no catalogue header: allowed outside queries/
    by_file = cpskg_cli("sparql", "--out", str(mini_out_dir), "--file", str(path), "--format", "json")
    by_stdin = CliRunner().invoke(main, ["sparql", "--out", str(mini_out_dir), "--format", "json", "-"],
                                  input=PERSONS, catch_exceptions=False)
    assert by_file.exit_code == by_stdin.exit_code == 0
    assert by_file.stdout == by_stdin.stdout
    document = json.loads(by_file.stdout)
    assert document["head"]["vars"] == ["person", "label"]
    assert len(document["results"]["bindings"]) == _person_count(mini_out_dir)


@pytest.mark.parametrize(("value", "expected_type"), [
    ("<https://w3id.org/cpskg/id/person/X>", "iri"), ("person:X", "iri"), ("2021-02-07", "date"),
    ("42", "integer"), ("4.5", "decimal"), ('"42"', "string"), ("Jesse Sharkey", "string"),
    ("nobody:x", "string"), ("https://example.org/a", "iri"),
])
def test_an_undeclared_parameter_takes_its_type_from_how_it_is_written(value, expected_type):
    from builder.adhoc import infer_type

    assert infer_type(value) == expected_type


def test_a_string_parameter_is_bound_not_pasted(cpskg_cli, mini_out_dir):
    query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "SELECT ?name ?x WHERE { ?x rdfs:label ?l . FILTER(STR(?l) = ?name) }")
    everything = cpskg_cli("sparql", "--out", str(mini_out_dir), "--format", "csv", "--param",
                           'name=nobody" || true || "', query)
    assert everything.exit_code == 0, everything.stderr
    assert everything.stdout.splitlines() == ["name,x"]  # no row: the value stayed one literal


def test_ask_prints_true_or_false_and_sparql_json(cpskg_cli, mini_out_dir):
    yes = cpskg_cli("sparql", "--out", str(mini_out_dir), "ASK { ?s a <http://schema.org/Person> }")
    no = cpskg_cli("sparql", "--out", str(mini_out_dir), "--format", "json", "ASK { ?s a <urn:x:Nothing> }")
    assert (yes.exit_code, yes.stdout) == (0, "true\n")
    assert (no.exit_code, json.loads(no.stdout)) == (0, {"head": {}, "boolean": False})


def test_construct_prints_sorted_ntriples_and_turtle_that_parse_to_the_same_graph(cpskg_cli, mini_out_dir):
    import pyoxigraph as ox

    query = "CONSTRUCT { ?p a <http://schema.org/Person> } WHERE { ?p a <http://schema.org/Person> }"
    nt = cpskg_cli("sparql", "--out", str(mini_out_dir), "--format", "ntriples", query)
    ttl = cpskg_cli("sparql", "--out", str(mini_out_dir), query)
    assert nt.exit_code == ttl.exit_code == 0
    lines = nt.stdout.splitlines()
    assert lines == sorted(lines) and len(lines) == _person_count(mini_out_dir)
    from_nt = set(ox.parse(nt.stdout.encode(), format=ox.RdfFormat.N_TRIPLES))
    from_ttl = set(ox.parse(ttl.stdout.encode(), format=ox.RdfFormat.TURTLE))
    assert from_nt == from_ttl


@pytest.mark.parametrize(("query", "message"), [
    ("DELETE WHERE { ?s ?p ?o }", "SPARQL Update is not run"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL Update is not run"),
    ("   ", "the query is empty"),
    ("SELECT ?x WHERE { ?x ", "SPARQL syntax error"),
    ("hello", "not a SPARQL query"),
])
def test_what_is_not_a_read_query_exits_2_with_one_line(cpskg_cli, mini_out_dir, query, message):
    result = cpskg_cli("sparql", "--out", str(mini_out_dir), query)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert load_store(mini_out_dir)  # the dataset is untouched: it still loads


def test_a_missing_query_file_and_two_sources_exit_2(cpskg_cli, mini_out_dir, tmp_path):
    missing = cpskg_cli("sparql", "--out", str(mini_out_dir), "--file", str(tmp_path / "no.rq"))
    both = cpskg_cli("sparql", "--out", str(mini_out_dir), "--file", str(QUERIES_MINI), "ASK {}")
    assert missing.exit_code == both.exit_code == 2
    assert "does not exist" in missing.stderr and "not both" in both.stderr


@pytest.mark.server
def test_the_same_answers_come_from_a_real_oxigraph_server(cpskg_cli, mini_out_dir, tmp_path):
    from builder.server import load_dataset

    with running_oxigraph(tmp_path / "store") as server:  # its own server: the session's holds other tests' data
        load_dataset(mini_out_dir, server.query_url)
        _compare_local_and_remote(cpskg_cli, mini_out_dir, server.query_url)


def _compare_local_and_remote(cpskg_cli, mini_out_dir, url):
    for args in (("--format", "json", PERSONS), ("ASK { ?s a <http://schema.org/Person> }",),
                 ("--format", "ntriples", "CONSTRUCT { ?p a <http://schema.org/Person> } "
                                          "WHERE { ?p a <http://schema.org/Person> }")):
        local = cpskg_cli("sparql", "--out", str(mini_out_dir), *args)
        remote = cpskg_cli("sparql", "--endpoint", url, *args)
        assert local.exit_code == remote.exit_code == 0, remote.stderr
        assert local.stdout == remote.stdout


def test_an_endpoint_answering_500_exits_2(cpskg_cli):
    with misbehaving_server(500) as (url, _):
        result = cpskg_cli("sparql", "--endpoint", url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert result.exit_code == 2 and "HTTP 500" in result.stderr


def test_query_list_accepts_a_folder_of_queries_without_headers(cpskg_cli, tmp_path):
    (tmp_path / "people.rq").write_text(PERSONS, encoding="utf-8")
    result = cpskg_cli("query", "--queries", str(tmp_path), "--list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "people"


def test_the_project_catalogue_still_requires_a_header(tmp_path):
    from builder.errors import InputError
    from builder.queries import parse_query_file

    path = tmp_path / "x.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    with pytest.raises(InputError, match="no '#title:'"):
        parse_query_file(path, "x")
