"""Issue 18, errors and clients: every failure is one line with its documented code, never a traceback
with exit 1; control characters never reach a terminal raw or make a written file invalid; `--timeout` is
a total deadline, also for an answer sent one byte at a time.

Real loopback servers (a garbling one, a trickling one, a silent one), a real pseudo-terminal, a real
SIGINT to the process group as a terminal's Ctrl-C sends it, a real non-root user.
"""

from __future__ import annotations

import csv
import json
import os
import pty
import signal
import socket
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import free_port

from tests.corpus_factory import PROJECT, entry, make_corpus
from tests.robustness.promises import ARTICLE, CPSKG, CURATION, assert_clear_error, cli_build, cpskg

ESC = "\x1b"
QUOTE_WITH_ESC = f"“We are close{ESC}]0;owned{ESC}\\ to a deal{ESC}[2J,” CTU President Jesse Sharkey said on Sunday."


@pytest.fixture(scope="module")
def escaped_build(tmp_path_factory) -> Path:
    """A dataset whose publisher's name and a quotation hold ESC sequences (title change, clear screen)."""
    root = tmp_path_factory.mktemp("esc")
    plain = "“We are close to a deal,” CTU President Jesse Sharkey said on Sunday."
    article = "By Dana Reyes\n\n" + ARTICLE.replace(plain, QUOTE_WITH_ESC)
    listed = entry("esc", "Chicago", publisher=f"Example{ESC}[31m News")
    listed["authors"] = [{"value": "Dana Reyes", "how": "stated", "evidence": "By Dana Reyes"}]
    corpus = make_corpus(root, {"esc": article.encode()}, entries=[listed])
    result = cli_build(corpus, root / "output")
    assert result.exit_code == 0, result.output
    return root / "output"


def test_every_written_file_stays_valid_with_esc_in_the_text(escaped_build):
    out = escaped_build
    for svg in sorted((out / "docs").glob("*.svg")):
        ET.parse(svg)  # raises on a control character XML 1.0 forbids
    assert "\u241b[31m News" in (out / "docs" / "whos-who.svg").read_text(), "the publisher is drawn, ESC as ␛"
    for name in ("build-report.json", "cpskg.jsonld", "wikidata/entities.json"):
        json.loads((out / name).read_text(encoding="utf-8"))
    with open(out / "wikidata" / "quickstatements.csv", newline="", encoding="utf-8") as stream:
        assert list(csv.reader(stream))
    for line in (out / "wikidata" / "quickstatements.tsv").read_text(encoding="utf-8").splitlines():
        assert ESC not in line


def query_on_a_terminal(out: Path, *args: str) -> str:
    leader, follower = pty.openpty()
    process = subprocess.Popen([CPSKG, "query", *args, "--out", str(out)], stdout=follower, stderr=subprocess.PIPE,
                               cwd=PROJECT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0, process.stderr.read()
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("output_format", ["table", "csv", "json"])
def test_control_characters_are_escaped_on_a_terminal(escaped_build, output_format):
    shown = query_on_a_terminal(escaped_build, "quotations_by_person", "--param", "person=Jesse Sharkey",
                                "--format", output_format)
    assert ESC not in shown
    assert ("\\u001b" if output_format == "json" else "\\x1b") in shown
    if output_format == "json":
        json.loads(shown.replace("\r\n", "\n"))


def test_piped_csv_keeps_the_exact_text(escaped_build):
    done = subprocess.run([CPSKG, "query", "quotations_by_person", "--param", "person=Jesse Sharkey", "--format",
                           "csv", "--out", str(escaped_build)], capture_output=True, text=True, cwd=PROJECT)
    assert f"close{ESC}]0;owned{ESC}\\ to a deal" in done.stdout


# -- endpoints that misbehave ------------------------------------------------------------------------

@contextmanager
def raw_server(respond):
    """A loopback TCP server; `respond(connection)` writes whatever bytes it likes."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            connection.settimeout(30)
            try:
                connection.recv(65536)
                respond(connection, stop)
            except OSError:
                pass
            finally:
                connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/query"
    finally:
        stop.set()
        thread.join(timeout=10)
        listener.close()


def answer(body: bytes, content_type: str = "application/sparql-results+json", status: str = "200 OK"):
    def respond(connection, stop):
        connection.sendall(f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                           "Connection: close\r\n\r\n".encode() + body)
    return respond


GARBLED = {
    "an HTML page": (answer(b"<html><body>Welcome to nginx!</body></html>", "text/html"),
                     r"did not answer with SPARQL JSON results \(HTTP 200, text/html\): '<html><body>Welcome"),
    "JSON without results": (answer(b'{"hello": "world"}'), r"did not answer with SPARQL JSON results.*hello"),
    "a binding with a bad IRI": (answer(json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
        {"x": {"type": "uri", "value": "not an iri at all"}}]}}).encode()), r"not SPARQL JSON|did not answer with"),
    "a binding of an unknown type": (answer(json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
        {"x": {"type": "gremlin", "value": "x"}}]}}).encode()), r"did not answer with SPARQL JSON results"),
    "bytes that are not HTTP": (lambda c, s: c.sendall(b"SSH-2.0-OpenSSH_9.6\r\n"),
                                r"cannot reach the SPARQL endpoint"),
    "an ESC sequence in an error page": (answer(f"boom{ESC}[2J".encode(), "text/plain", "500 Oops"),
                                         r"answered HTTP 500 Oops: 'boom\\x1b\[2J'$"),
    "a closed connection": (lambda c, s: None, r"cannot reach the SPARQL endpoint"),
}


@pytest.mark.parametrize("case", sorted(GARBLED))
def test_a_garbled_answer_is_one_line_exit_2_showing_what_came_back(case):
    respond, reason = GARBLED[case]
    with raw_server(respond) as url:
        result = cpskg("query", "articles_overview", "--endpoint", url, "--timeout", "10")
    assert_clear_error(result, file="", reason=reason)
    assert ESC not in result.stderr


def trickle(connection, stop):
    """Headers at once, then the body one byte every 0.2 s: each read gets data well within any timeout."""
    body = b'{"head": {"vars": []}, "results": {"bindings": []}}' + b" " * 10_000
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                       b"Content-Length: %d\r\n\r\n" % len(body))
    for byte in body:
        if stop.is_set():
            return
        connection.sendall(bytes([byte]))
        time.sleep(0.2)


def test_query_timeout_is_a_total_deadline_for_a_trickled_answer():
    with raw_server(trickle) as url:
        started = time.monotonic()
        result = cpskg("query", "articles_overview", "--endpoint", url, "--timeout", "2")
        elapsed = time.monotonic() - started
    assert_clear_error(result, file="", reason=r"did not answer within 2 s \(a total deadline")
    assert elapsed < 5, f"{elapsed:.1f} s for a 2 s deadline"


def test_load_timeout_holds_for_a_trickled_answer(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ARTICLE.encode()})
    assert cli_build(corpus, tmp_path / "output").exit_code == 0
    with raw_server(trickle) as url:
        started = time.monotonic()
        result = cpskg("load", "--endpoint", url, "--out", tmp_path / "output", "--timeout", "1")
        elapsed = time.monotonic() - started
    assert_clear_error(result, file="", reason=r"Graph Store PUT of <.*> to .* failed: timed out \(no complete answer "
                                               r"within 1 s\)")
    assert elapsed < 3 * 1 + 1.5 + 4, f"{elapsed:.1f} s for 3 attempts of 1 s"


# -- Ctrl-C, serve --location, a read-only install -------------------------------------------------

def silent(connection, stop):
    stop.wait(30)


def test_ctrl_c_exits_130_with_one_line():
    with raw_server(silent) as url:
        process = subprocess.Popen([CPSKG, "query", "articles_overview", "--endpoint", url, "--timeout", "60"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT,
                                   start_new_session=True)
        time.sleep(3)
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert stderr == "cpskg: interrupted\n"


def test_ctrl_c_during_a_parallel_build_is_one_line(tmp_path):
    from bench.generate import generate_corpus

    corpus = generate_corpus(tmp_path / "corpus", 40)
    process = subprocess.Popen([CPSKG, "build", "--quiet", "--jobs", "2", "--corpus", str(corpus), "--out",
                                str(tmp_path / "output"), "--curation", str(CURATION)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=PROJECT, start_new_session=True)
    time.sleep(4)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr[-3000:]
    assert stderr == "cpskg: interrupted\n"
    assert not (tmp_path / "output").exists()


def test_serve_location_dot_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n")
    output = tmp_path / "output"
    assert cli_build(make_corpus(tmp_path, {"a": ARTICLE.encode()}), output).exit_code == 0
    done = subprocess.run([CPSKG, "serve", "--location", ".", "--out", str(output), "--port", str(free_port())],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"cpskg: error: {tmp_path}: exists and is not an Oxigraph store; refusing to replace it " \
                          "(choose another --location)\n"


def test_a_non_root_user_builds_with_a_read_only_install_and_a_cold_cache():
    """pyLODE wrote its background-ontology pickle into its own package folder: a PermissionError traceback
    for anyone who cannot write site-packages, whenever the cpskg cache was cold."""
    if os.getuid() != 0:
        pytest.skip("needs root to run the build as another user")
    import importlib.util

    package = Path(importlib.util.find_spec("pylode").origin).parent
    before = sorted(p.name for p in package.rglob("*"))
    with tempfile.TemporaryDirectory() as scratch:
        os.chmod(scratch, 0o777)
        corpus = make_corpus(Path(scratch), {"a": ARTICLE.encode()})
        for path in [Path(scratch), *Path(scratch).rglob("*")]:
            os.chmod(path, 0o777 if path.is_dir() else 0o666)
        env = {**os.environ, "CPSKG_CACHE_DIR": "off", "HOME": scratch}
        done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", CPSKG, "build",
                               "--quiet", "--corpus", str(corpus), "--out", f"{scratch}/output", "--curation",
                               str(CURATION)], capture_output=True, text=True, cwd=scratch, env=env, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        assert (Path(scratch) / "output" / "docs" / "ontology.html").is_file()
    assert sorted(p.name for p in package.rglob("*")) == before, "the build wrote into pyLODE's package folder"


def test_empty_out_with_a_previous_build_in_the_working_folder_is_refused(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ARTICLE.encode()}, sources_text=yaml.safe_dump(
        {"articles": [entry("a", "Chicago")]}))
    done = subprocess.run([CPSKG, "build", "--corpus", str(corpus), "--out", "", "--curation", str(CURATION)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and done.stderr == "cpskg: error: --out is empty: give the output folder (it is " \
                                                  "replaced whole by each build)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


# -- the reconciliation service answers every request -----------------------------------------------

@pytest.fixture(scope="module")
def reconcile_url():
    from builder.reconcile.index import build_index
    from builder.reconcile.service import ReconcileHandler, ReconciliationServer

    server = ReconciliationServer(build_index(PROJECT / "output" / "cpskg.ttl"), port=0)
    previous, ReconcileHandler.timeout = ReconcileHandler.timeout, 2  # a half-sent body: 408 after 2 s
    server.start_in_thread()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        ReconcileHandler.timeout = previous


def raw_exchange(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        connection.sendall(request)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
        return received


def form_post(queries: str, *, length: int | None = None) -> bytes:
    import urllib.parse

    body = ("queries=" + urllib.parse.quote(queries)).encode()
    return (b"POST /reconcile HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length)) + body


@pytest.mark.parametrize(("request_bytes", "status"), [
    (form_post("[" * 100_000 + "]" * 100_000), b"400"),                        # JSON nested past the recursion limit
    (form_post('{"q0": {"query": "x"}}', length=10_000), b"408"),              # a body that never arrives in full
    (form_post('{"q0": {"query": "x", "limit": "many"}}'), b"400"),
    (form_post('{"q0": {"query": "x", "properties": 5}}'), b"400"),
    (b"GET /suggest/entity?prefix=x&cursor=99999999999999999999999 HTTP/1.1\r\nHost: x\r\n\r\n", b"200"),
])
def test_every_malformed_reconciliation_request_gets_an_http_answer(reconcile_url, request_bytes, status):
    received = raw_exchange(reconcile_url, request_bytes)
    assert received.startswith(b"HTTP/1.1 " + status), received[:200]
