"""A real Oxigraph server on loopback: Graph Store loading, canned queries over HTTP, failures, `cpskg serve`."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import QUERIES_MINI, ROOT, cpskg_executable, free_port, misbehaving_server, running_oxigraph

from builder.errors import InputError
from builder.query.queries import load_catalogue
from builder.query.results import compare
from builder.query.server import RETRIES, load_dataset, put_graph, stop_process, store_url_for
from builder.query.sparql_run import run_endpoint, run_oxigraph
from builder.query.store import load_store, named_graph_counts, store_from_trig

pytestmark = pytest.mark.server

CATALOGUE = load_catalogue()
LOCAL_QUERIES = [name for name, q in CATALOGUE.canned().items() if "internet" not in q.needs]
MINI_GRAPHS = named_graph_counts(store_from_trig(QUERIES_MINI))


@pytest.fixture(scope="module")
def loaded_server(oxigraph_server, tmp_path_factory):
    """The session server with the query fixture loaded through `load_dataset` (Graph Store PUT)."""
    out = tmp_path_factory.mktemp("mini-output")
    (out / "cpskg.trig").write_bytes(QUERIES_MINI.read_bytes())
    load_dataset(out, oxigraph_server.query_url)
    return oxigraph_server


def server_total(server) -> int:
    url = server.query_url + "?query=" + urllib.request.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


# --- loading ----------------------------------------------------------------------------------------


def test_load_reports_each_graph_with_matching_counts_and_loading_twice_changes_nothing(
        cpskg_cli, loaded_server, mini_out_dir):
    before = server_total(loaded_server)
    assert before == sum(MINI_GRAPHS.values())
    for _ in range(2):
        result = cpskg_cli("load", "--endpoint", loaded_server.query_url, "--out", str(mini_out_dir))
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert [line.split()[-1].strip("<>") for line in lines[:-1]] == list(MINI_GRAPHS)
        assert all(line.startswith("ok") for line in lines[:-1])
        assert lines[-1] == f"loaded {len(MINI_GRAPHS)} named graphs, {sum(MINI_GRAPHS.values())} triples"
        assert server_total(loaded_server) == before


def test_an_empty_body_is_never_sent(loaded_server):
    with pytest.raises(InputError, match="refusing to PUT an empty body"):
        put_graph(loaded_server.store_url, next(iter(MINI_GRAPHS)), b"  \n", timeout=5)
    assert server_total(loaded_server) == sum(MINI_GRAPHS.values())


def test_the_graph_store_url_is_derived_only_from_an_oxigraph_query_url():
    assert store_url_for("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    assert store_url_for("http://host/ds/query?x=1") == "http://host/ds/store"
    with pytest.raises(InputError, match="--store-url"):
        store_url_for("http://host/ds/sparql")


@pytest.mark.parametrize("status", [500, 401])
def test_a_failing_server_exits_2_and_nothing_is_reported_loaded(cpskg_cli, mini_out_dir, status):
    with misbehaving_server(status) as (url, requests):
        result = cpskg_cli("load", "--endpoint", url, "--out", str(mini_out_dir))
    assert result.exit_code == 2
    assert f"HTTP {status}" in result.stderr and url.replace("/query", "/store") in result.stderr
    assert "loaded" not in result.stdout and "ok" not in result.stdout
    # 5xx is retried a bounded number of times; 401 cannot get better by repeating it
    assert len(requests) == (RETRIES if status == 500 else 1)
    assert all(r.startswith("PUT /store?graph=https%3A%2F%2Fw3id.org%2Fcpskg%2Fgraph%2F") for r in requests)


def test_a_server_that_is_down_exits_2_with_the_url(cpskg_cli, mini_out_dir):
    url = f"http://127.0.0.1:{free_port()}/query"
    result = cpskg_cli("load", "--endpoint", url, "--out", str(mini_out_dir))
    assert result.exit_code == 2 and "failed" in result.stderr and "loaded" not in result.stdout
    result = cpskg_cli("query", "posts_by_person", "--endpoint", url)
    assert result.exit_code == 2 and f"cannot reach the SPARQL endpoint {url}" in result.stderr


# --- queries over HTTP ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", LOCAL_QUERIES)
def test_every_canned_query_gives_the_same_results_over_http(loaded_server, name):
    query = CATALOGUE.get(name)
    embedded = run_oxigraph(store_from_trig(QUERIES_MINI), query, query.bindings())
    remote = run_endpoint(loaded_server.query_url, query, query.bindings())
    difference = compare(embedded, remote, ordered=query.ordered)
    assert not difference, difference.render(embedded.variables)


@pytest.mark.parametrize("value, count", [("Jesse Sharkey", 1), ('nobody" || true || "', 0),
                                          ("x\\u0022 || true || \\u0022", 0), ("Robert Bloch", 1)])
def test_parameters_are_bound_over_http_too(cpskg_cli, loaded_server, value, count):
    result = cpskg_cli("query", "quotations_by_person", "--param", f"person={value}", "--format", "json",
                       "--endpoint", loaded_server.query_url)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["results"]["bindings"]) == count


@pytest.mark.parametrize("status", [500, 401])
def test_an_endpoint_answering_an_error_exits_2(cpskg_cli, status):
    with misbehaving_server(status) as (url, _):
        result = cpskg_cli("query", "posts_by_person", "--endpoint", url)
    assert result.exit_code == 2
    assert url in result.stderr and str(status) in result.stderr


def test_a_slow_endpoint_times_out_with_exit_2(cpskg_cli):
    with misbehaving_server(200, delay=4) as (url, _):
        started = time.monotonic()
        result = cpskg_cli("query", "posts_by_person", "--endpoint", url, "--timeout", "1")
    assert result.exit_code == 2 and url in result.stderr
    assert time.monotonic() - started < 4


def test_an_endpoint_answering_something_else_than_sparql_json_exits_2(cpskg_cli):
    with misbehaving_server(200) as (url, _):
        result = cpskg_cli("query", "posts_by_person", "--endpoint", url)
    assert result.exit_code == 2 and "SPARQL JSON" in result.stderr


# --- cpskg serve ------------------------------------------------------------------------------------


def test_serve_prints_the_query_url_answers_queries_and_stops_on_ctrl_c(tmp_path, mini_out_dir):
    port = free_port()
    process = subprocess.Popen(
        [cpskg_executable(), "serve", "--port", str(port), "--location", str(tmp_path / "store"),
         "--out", str(mini_out_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = process.stdout.readline()
        assert first.startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query"), process.stderr.read()
        query = CATALOGUE.get("posts_by_person")
        remote = run_endpoint(f"http://127.0.0.1:{port}/query", query, query.bindings())
        assert not compare(run_oxigraph(load_store(mini_out_dir), query, {}), remote, ordered=True)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        assert "server stopped" in process.stdout.read()
    finally:
        stop_process(process)
    with pytest.raises(OSError):  # the oxigraph child is gone with it
        urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2)


def test_serve_without_the_oxigraph_binary_exits_3(cpskg_cli, mini_out_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cpskg_cli("serve", "--out", str(mini_out_dir), "--location", str(tmp_path / "store"))
    assert result.exit_code == 3 and "pip install" in result.stderr


# --- the built dataset -------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_canned_query_on_the_built_dataset_is_the_same_over_http(tmp_path):
    out = ROOT / "output"
    if not (out / "cpskg.trig").is_file():
        pytest.fail("output/cpskg.trig is missing: run `make build` (the dataset is committed)")
    embedded_store = load_store(out)
    with running_oxigraph(tmp_path / "store") as server:
        loaded = load_dataset(out, server.query_url)
        assert all(graph.matches for graph in loaded) and len(loaded) == len(named_graph_counts(embedded_store))
        for name in LOCAL_QUERIES:
            query = CATALOGUE.get(name)
            embedded = run_oxigraph(embedded_store, query, query.bindings())
            difference = compare(embedded, run_endpoint(server.query_url, query, query.bindings()),
                                 ordered=query.ordered)
            assert not difference, f"{name}:\n" + difference.render(embedded.variables)


def test_serve_refuses_to_replace_a_folder_that_is_not_a_store(cpskg_cli, mini_out_dir, tmp_path):
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    result = cpskg_cli("serve", "--out", str(mini_out_dir), "--location", str(precious), "--port", str(free_port()))
    assert result.exit_code == 2 and "not an Oxigraph store" in result.stderr
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_serve_on_a_busy_port_exits_2(cpskg_cli, mini_out_dir, tmp_path, oxigraph_server):
    result = cpskg_cli("serve", "--out", str(mini_out_dir), "--location", str(tmp_path / "s"),
                       "--port", str(oxigraph_server.port))
    assert result.exit_code == 2 and f"127.0.0.1:{oxigraph_server.port}" in result.stderr


def test_load_sends_the_terms_as_published_not_as_a_store_normalises_them(tmp_path):
    from builder.query.store import graphs_from_trig

    trig = tmp_path / "cpskg.trig"
    trig.write_text('<https://w3id.org/cpskg/graph/article/a> { <http://e/m> <http://e/begin> '
                    '"5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> . }\n', encoding="utf-8")
    (triple,) = graphs_from_trig(trig)["https://w3id.org/cpskg/graph/article/a"]
    assert triple.object.datatype.value.endswith("#nonNegativeInteger")


def test_the_federated_query_joins_our_links_with_the_remote_labels(tmp_path):
    """The SERVICE call is real: a loopback Oxigraph stands in for query.wikidata.org (no internet in tests)."""
    from dataclasses import replace

    federated = CATALOGUE.get("entities_wikidata_federated")
    remote_triples = (
        "@prefix wd: <http://www.wikidata.org/entity/> . @prefix schema: <http://schema.org/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'wd:Q56486914 rdfs:label "Lori Lightfoot"@en, "Lori Lightfoot"@fr ;\n'
        '    schema:description "American politician"@en .\n'
        'wd:Q5095804 rdfs:label "Chicago Teachers Union"@en .\n'
    )
    with running_oxigraph(tmp_path / "wikidata") as wikidata:
        request = urllib.request.Request(wikidata.store_url + "?default", data=remote_triples.encode(), method="PUT",
                                         headers={"Content-Type": "text/turtle"})
        urllib.request.urlopen(request, timeout=10).close()
        text = federated.text.replace("<https://query.wikidata.org/sparql>", f"<{wikidata.query_url}>")
        assert text != federated.text
        result = run_oxigraph(store_from_trig(QUERIES_MINI), replace(federated, text=text), {})
    assert [(r[0].value, r[1].value, r[2].value if r[2] else "") for r in result.rows] == [
        ("Chicago Teachers Union", "Chicago Teachers Union", ""),
        ("Lori Lightfoot", "Lori Lightfoot", "American politician"),
    ]
