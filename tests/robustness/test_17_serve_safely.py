"""Issue 18, the server: `cpskg serve` is safe on 127.0.0.1.

A real `cpskg serve` (proxy + Oxigraph child) on a real build: form posts and other methods refused, the
10 KB query of 5,000 nested groups refused (it killed the server), SERVICE refused unless
`--allow-federation` (a loopback server records whether it was called), a query past the time limit
cancelled inside Oxigraph also after its client has gone (the child's CPU time stops growing), the child
killed with its parent on SIGKILL, and an immediate restart on the same port.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import free_port, loopback_server

from builder.query.server import wait_until_listening
from tests.corpus_factory import PROJECT, make_corpus
from tests.robustness.promises import ARTICLE, CPSKG, cli_build

EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUERY_TIMEOUT = 2


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("serve")
    corpus = make_corpus(root, {"a": ARTICLE.encode(), "b": ARTICLE.replace("Monday", "Friday").encode()})
    assert cli_build(corpus, root / "output").exit_code == 0
    return root / "output"


@contextmanager
def serving(out: Path, port: int, *extra: str):
    process = subprocess.Popen([CPSKG, "serve", "--port", str(port), "--location", str(out.parent / "store"),
                                "--out", str(out), "--query-timeout", str(QUERY_TIMEOUT), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
    try:
        wait_until_listening(port, process, timeout=60)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(out):
    port = free_port()
    with serving(out, port) as process:
        yield port, process


def call(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 30) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def get_query(port: int, query: str, **kwargs):
    return call(port, "GET", "/query?query=" + urllib.parse.quote(query),
                headers={"Accept": "application/sparql-results+json"}, **kwargs)


def test_get_and_sparql_query_posts_are_answered(server):
    port, _ = server
    assert get_query(port, "ASK { ?s ?p ?o }")[0] == 200
    status, _, body = call(port, "POST", "/query", b"ASK { ?s ?p ?o }",
                           {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and b"true" in body


@pytest.mark.parametrize(("method", "path", "content_type", "status"), [
    ("POST", "/query", "application/x-www-form-urlencoded", 415),  # what any web page can send to 127.0.0.1
    ("POST", "/query", "text/plain", 415),
    ("POST", "/update", "application/sparql-update", 405),
    ("PUT", "/store?default", "application/n-triples", 405),
    ("DELETE", "/store?default", "", 405),
])
def test_form_posts_and_writes_are_refused(server, method, path, content_type, status):
    port, _ = server
    body = b"query=" + urllib.parse.quote(EXPENSIVE).encode() if "form" in content_type else b"<a:a> <a:b> <a:c> ."
    got, headers, _ = call(port, method, path, body, {"Content-Type": content_type, "Origin": "http://evil.example"})
    assert got == status
    assert "Access-Control-Allow-Origin" not in headers


def test_the_deeply_nested_query_is_refused_and_the_server_lives(server):
    port, process = server
    nested = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    status, _, body = get_query(port, nested)
    assert status == 400 and b"nested 5000 groups deep" in body
    assert process.poll() is None and get_query(port, "ASK {}")[0] == 200


def test_an_oversized_query_is_refused(server):
    port, _ = server
    status, _, _ = call(port, "POST", "/query", b"ASK {} #" + b"x" * 70_000,
                        {"Content-Type": "application/sparql-query"})
    assert status == 413


@contextmanager
def recording_server():
    calls: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            calls.append(self.path)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    with loopback_server(Handler, "/sparql") as url:
        yield url, calls


@pytest.mark.parametrize("spelling", ["SERVICE", "service", "\\u0053ERVICE"])
def test_service_is_refused_without_allow_federation(server, spelling):
    port, _ = server
    with recording_server() as (url, calls):
        status, _, body = get_query(port, f"SELECT * WHERE {{ {spelling} <{url}> {{ ?s ?p ?o }} }}")
    assert status == 403 and b"--allow-federation" in body
    assert calls == []


def test_service_reaches_out_with_allow_federation(out, tmp_path):
    port = free_port()
    with recording_server() as (url, calls), serving(out, port, "--allow-federation"):
        get_query(port, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert calls, "the federated query never reached the other server"


def child_of(process: subprocess.Popen) -> int:
    children = []
    for task in Path(f"/proc/{process.pid}/task").iterdir():  # a restarted child is the keeper thread's
        try:
            children += (task / "children").read_text().split()
        except FileNotFoundError:
            continue  # a request thread that just ended
    assert len(children) == 1, children
    return int(children[0])


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_query_past_the_time_limit_is_cancelled_even_when_its_client_has_gone(server):
    """Oxigraph's own --timeout-s let this query run 19 s, and an abandoned one as long (measured)."""
    port, process = server
    started = time.monotonic()
    status, _, body = get_query(port, EXPENSIVE, timeout=60)
    assert status == 503 and b"ran past the time limit of 2 s and was cancelled" in body
    assert time.monotonic() - started < QUERY_TIMEOUT + 4
    status, _, body = get_query(port, "ASK {}")
    assert status == 200, body
    # abandoned: the client sends the query and goes away at once
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(f"GET /query?query={urllib.parse.quote(EXPENSIVE)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        time.sleep(0.5)
    running = child_of(process)
    time.sleep(QUERY_TIMEOUT + 2)
    assert not Path(f"/proc/{running}").exists() or running != child_of(process), "the query was never cancelled"
    oxigraph = child_of(process)
    before = cpu_seconds(oxigraph)
    time.sleep(2)
    assert cpu_seconds(oxigraph) - before < 0.5, "a query is still running"
    assert get_query(port, "ASK {}")[0] == 200


def test_the_child_dies_with_a_sigkilled_parent_and_the_port_is_free_at_once(out):
    port = free_port()
    with serving(out, port) as process:
        for _ in range(5):
            assert get_query(port, "ASK {}")[0] == 200  # connections left in TIME_WAIT
        oxigraph = child_of(process)
        process.kill()
        process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while Path(f"/proc/{oxigraph}").exists() and time.monotonic() < deadline:
            state = Path(f"/proc/{oxigraph}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state == "Z":
                break
            time.sleep(0.1)
        state = Path(f"/proc/{oxigraph}/stat").read_text().rsplit(")", 1)[1].split()[0] \
            if Path(f"/proc/{oxigraph}").exists() else "gone"
        assert state in ("Z", "gone"), f"the Oxigraph child is still {state} after its parent was killed"
    with serving(out, port) as again:  # an immediate restart on the same port
        assert again.poll() is None and get_query(port, "ASK {}")[0] == 200


def test_cors_only_for_the_configured_origin(out):
    port = free_port()
    with serving(out, port, "--cors-origin", "http://localhost:3000"):
        _, allowed, _ = call(port, "GET", "/query?query=ASK%7B%7D", headers={"Origin": "http://localhost:3000"})
        _, other, _ = call(port, "GET", "/query?query=ASK%7B%7D", headers={"Origin": "http://evil.example"})
    assert allowed.get("Access-Control-Allow-Origin") == "http://localhost:3000"
    assert "Access-Control-Allow-Origin" not in other
