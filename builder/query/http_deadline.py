"""One HTTP request with a total deadline and a size cap, for `cpskg query --endpoint` and `cpskg load`.

A socket timeout bounds each wait for a packet, not the request: a server that sends one byte a second
keeps urllib (and SPARQLWrapper on top of it) reading forever. Here a timer shuts the socket down when the
deadline passes, wherever the request is (connecting, sending, reading the status line, headers or body),
and the reader gives up with TimeoutError. Bodies over `max_bytes` are refused rather than buffered.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

MAX_ANSWER_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class AnswerTooLarge(Exception):
    pass


def request(url: str, *, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None,
            deadline_s: float, max_bytes: int = MAX_ANSWER_BYTES) -> Answer:
    """Send one request and read the whole answer within `deadline_s` seconds, or raise TimeoutError.

    Other failures raise OSError (refused, reset) or http.client.HTTPException (not HTTP at all).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    started = time.monotonic()
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=deadline_s)
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        sock = connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    timer = threading.Timer(deadline_s, expire)
    timer.daemon = True
    timer.start()
    try:
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        chunks, total = [], 0
        while True:
            chunk = response.read1(65536)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise AnswerTooLarge(f"an answer over {max_bytes} bytes")
            chunks.append(chunk)
            if expired.is_set():
                break
        if expired.is_set():
            raise TimeoutError(f"no complete answer within {deadline_s:g} s")
        return Answer(response.status, response.reason, response.getheader("Content-Type") or "", b"".join(chunks),
                      tuple(response.getheaders()))
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set() or time.monotonic() - started >= deadline_s:
            raise TimeoutError(f"no complete answer within {deadline_s:g} s") from None
        raise error
    finally:
        timer.cancel()
        connection.close()
