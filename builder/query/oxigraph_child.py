"""The `oxigraph serve-read-only` process behind `cpskg serve`: started on a private loopback port, killed
with its parent, and restarted to cancel a query that ran past the time limit.

Oxigraph's own `--timeout-s` is checked only between solutions: measured with 0.5.13, a COUNT over a
four-way cross product with `--timeout-s 2` answered after 19 s, and the same query from a client that had
gone kept a core busy for as long. A read-only store reopens in well under a second, so the proxy cancels
such a query by killing the process (SIGKILL) and starting a new one; queries running at that moment fail
with 503 and may be repeated.
"""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from builder.errors import InputError


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def die_with_parent() -> None:
    """In the child before exec: SIGKILL when the parent dies (Linux prctl PR_SET_PDEATHSIG), so a SIGKILL
    of `cpskg serve` does not leave Oxigraph serving."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass  # not Linux: `serve` still stops it in order on Ctrl-C and SIGTERM


class OxigraphChild:
    def __init__(self, binary: str, location: Path, query_timeout: float):
        self.binary, self.location, self.query_timeout = binary, location, query_timeout
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.restarts = 0
        self._requests: queue.Queue = queue.Queue()
        self._keeper: threading.Thread | None = None

    def start(self) -> None:

        self.port = free_port()
        command = [self.binary, "serve-read-only", "--location", str(self.location), "--bind",
                   f"127.0.0.1:{self.port}", "--timeout-s", str(max(1, round(self.query_timeout)))]
        # its own session: a terminal's Ctrl-C reaches `cpskg serve` only, which stops the child in order
        # its "Listening for requests at" line names the private port, which is no address for users
        self.process = subprocess.Popen(command, start_new_session=True, preexec_fn=die_with_parent,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_listening(self.port, self.process)

    def restart(self, port_seen: int) -> None:
        """Kill and start again, unless another thread already did since `port_seen` was read.

        Done by one long-lived keeper thread, never by the request thread that asks: PR_SET_PDEATHSIG fires
        when the *thread* that started the child ends, and request threads end with their request.
        """
        if self._keeper is None:
            with self.lock:
                if self._keeper is None:
                    self._keeper = threading.Thread(target=self._keep, name="oxigraph-keeper", daemon=True)
                    self._keeper.start()
        done = threading.Event()
        self._requests.put((port_seen, done))
        done.wait()

    def _keep(self) -> None:
        while True:
            port_seen, done = self._requests.get()
            try:
                with self.lock:
                    if self.port == port_seen:
                        self.process.kill()
                        self.process.wait()
                        self.restarts += 1
                        self.start()
            finally:
                done.set()

    def exited(self) -> bool:
        with self.lock:
            return self.process is not None and self.process.poll() is not None

    def stop(self) -> None:

        with self.lock:
            if self.process is not None:
                stop_process(self.process)


def stop_process(child: subprocess.Popen, grace_s: float = 10.0) -> None:
    """SIGTERM, wait, then SIGKILL if the process does not stop within `grace_s` seconds."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def wait_until_listening(port: int, child: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    """Poll the server's query URL until it answers; InputError if it dies or stays silent."""
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/query?query=" + urllib.parse.quote("ASK {}")
    while time.monotonic() < deadline:
        if child is not None and child.poll() is not None:
            raise InputError(f"the oxigraph server exited with code {child.returncode} "
                             f"(is port {port} already in use?)")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise InputError(f"the oxigraph server did not answer on 127.0.0.1:{port} within {timeout:g} s")
