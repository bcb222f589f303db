"""Shared fixtures: real Oxigraph servers on free loopback ports, and loopback servers that misbehave."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUERIES_MINI = FIXTURES / "queries-mini.trig"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class OxigraphServer:
    port: int
    process: subprocess.Popen

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def store_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"


@contextmanager
def running_oxigraph(location: Path):
    """`oxigraph serve` (read-write, so Graph Store PUT works) with the union default graph, then stopped."""
    from builder.query.server import oxigraph_binary, stop_process, wait_until_listening

    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        wait_until_listening(port, process)
        yield OxigraphServer(port, process)
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server for the session, empty at start; tests load what they need with `cpskg load`."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-store")) as server:
        yield server


@pytest.fixture()
def mini_out_dir(tmp_path) -> Path:
    """An output folder holding the hand-checked query fixture as cpskg.trig."""
    out = tmp_path / "output"
    out.mkdir()
    shutil.copyfile(QUERIES_MINI, out / "cpskg.trig")
    return out


class _StatusHandler(http.server.BaseHTTPRequestHandler):
    status = 500
    delay = 0.0
    requests: list[str]

    def _answer(self):
        self.requests.append(f"{self.command} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.delay:
            time.sleep(self.delay)
        body = f"status {self.status} from the test server\n".encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):  # keep pytest output clean
        pass


@contextmanager
def loopback_server(handler: type[http.server.BaseHTTPRequestHandler], path: str = "/query"):
    """`handler` served on a free 127.0.0.1 port in a background thread; yields the URL of `path` and stops
    the server (and closes its socket) on exit."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def misbehaving_server(status: int = 500, delay: float = 0.0):
    """A loopback HTTP server answering every request with `status` (after `delay` seconds)."""
    handler = type("Handler", (_StatusHandler,), {"status": status, "delay": delay, "requests": []})
    with loopback_server(handler) as url:
        yield url, handler.requests


@pytest.fixture()
def cpskg_cli():
    """Invoke `cpskg` in-process; returns click's Result (exit_code, output, stderr)."""
    from click.testing import CliRunner

    from builder.cli.main import main

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def cpskg_executable() -> str:
    return str(Path(sys.executable).parent / "cpskg")
