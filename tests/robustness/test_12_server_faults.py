"""bad-inputs #12: reloading the same data into a server twice gives the same triple count; a server that
is down, slow or answers 401/500 gives a clear error, bounded retries, and nothing marked as loaded.

tests/query/test_server.py covers the fixture dataset loaded twice, 500/401 on every request, a server that is
down and a slow *query*. This file adds: a real build's graphs loaded twice with `cpskg load`; `cpskg
serve` started twice on the same store folder; a server that accepts the first graph and then fails;
and a slow server on the Graph Store PUT, where each attempt times out and the retries stay bounded.
"""

from __future__ import annotations

import http.server
import signal
import subprocess
import time
from contextlib import contextmanager

import pyoxigraph as ox
import pytest
from conftest import free_port, loopback_server, running_oxigraph

from builder.query.server import RETRIES, RETRY_PAUSE_S, wait_until_listening
from builder.query.sparql_run import endpoint_json
from tests.corpus_factory import make_corpus
from tests.robustness.promises import ARTICLE, CPSKG, assert_clear_error, cli_build, cpskg

COUNT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def counts(url: str) -> dict[str, int]:
    rows = endpoint_json(url, COUNT, timeout=10)["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("built")
    corpus = make_corpus(root, {"first": ARTICLE.encode(), "second": ARTICLE.replace("Monday", "Friday").encode()})
    result = cli_build(corpus, root / "output")
    assert result.exit_code == 0, result.output
    local = {}
    for quad in ox.parse(path=str(root / "output" / "cpskg.trig"), format=ox.RdfFormat.TRIG):
        local[quad.graph_name.value] = local.get(quad.graph_name.value, 0) + 1
    return root / "output", local


def test_a_built_dataset_loaded_twice_has_the_same_counts(built, tmp_path):
    out, local = built
    with running_oxigraph(tmp_path / "store") as server:
        for attempt in range(2):
            result = cpskg("load", "--endpoint", server.query_url, "--out", out)
            assert result.exit_code == 0, result.output
            assert counts(server.query_url) == local, f"load {attempt + 1}"


def test_serve_started_twice_on_one_store_folder_serves_the_same_counts(built, tmp_path):
    out, local = built
    for attempt in range(2):
        port = free_port()
        process = subprocess.Popen([CPSKG, "serve", "--port", str(port), "--location", str(tmp_path / "store"),
                                    "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_until_listening(port, process, timeout=60)
            served = counts(f"http://127.0.0.1:{port}/query")
            # the served store also holds the VoID description (with the endpoint) in a graph of its own
            assert served.pop("https://w3id.org/cpskg/graph/void", 0) > 0, f"start {attempt + 1}"
            assert served == local, f"start {attempt + 1}"
        finally:
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=30) == 0


@contextmanager
def flaky_store(accept: int, status: int = 500, delay: float = 0.0):
    """A loopback Graph Store that answers 204 to the first `accept` PUTs, then `status` (after `delay`)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append(self.path)
            if delay:
                time.sleep(delay)
            code = 204 if len(seen) <= accept else status
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET = do_PUT

        def log_message(self, *args):
            pass

    with loopback_server(Handler) as url:
        yield url, seen


def test_a_server_failing_after_the_first_graph_reports_nothing_loaded(built):
    out, local = built
    with flaky_store(accept=1) as (url, seen):
        result = cpskg("load", "--endpoint", url, "--out", out)
    assert_clear_error(result, file="",
                       reason=r"Graph Store PUT of <https://w3id\.org/cpskg/graph/article/second>.*HTTP 500")
    assert result.stdout == "", "no graph may be reported as loaded"
    assert len(seen) == 1 + RETRIES, seen


def test_a_slow_store_times_out_with_bounded_retries(built):
    out, _ = built
    timeout = 1.0
    with flaky_store(accept=0, status=204, delay=timeout + 2) as (url, seen):
        started = time.monotonic()
        result = cpskg("load", "--endpoint", url, "--out", out, "--timeout", str(timeout))
        elapsed = time.monotonic() - started
    assert_clear_error(result, file="", reason=r"Graph Store PUT of <.*> to .* failed: .*timed out")
    assert result.stdout == ""
    assert len(seen) == RETRIES
    pauses = sum(RETRY_PAUSE_S * attempt for attempt in range(1, RETRIES))
    assert elapsed < RETRIES * timeout + pauses + 5, f"{elapsed:.1f} s for {RETRIES} attempts"
