"""The loopback front of `cpskg serve`: what Oxigraph's own server does not refuse, refused here.

`cpskg serve` runs `oxigraph serve-read-only` on a private loopback port and puts this small HTTP proxy
on the public one; every query has a total time limit, past which it is cancelled also when its client
has gone. A query reaches Oxigraph only if:

- it comes as GET `?query=` or as POST with `Content-Type: application/sparql-query`: a form POST
  (`application/x-www-form-urlencoded`), which any web page can send to 127.0.0.1 without a CORS
  preflight, is refused (415), and no CORS header is sent unless `--cors-origin` names the origin;
- it is at most MAX_QUERY_BYTES long and nested at most MAX_NESTING groups deep (5,000 nested `{`
  in 10 KB crashed Oxigraph's parser and with it the server);
- it has no SERVICE clause, unless `--allow-federation` (a read-only server would otherwise fetch any
  address a query names, from inside the machine's network).

SPARQL applies `\\uXXXX` escapes before parsing, so the checks read the query with them applied. Other
paths (the query page, its scripts) are passed through for GET only, except an instance's path
(`/id/person/X`), which this proxy answers itself with the Linked Data view (builder/query/ldview.py).
A query past the time limit is cancelled by restarting Oxigraph (builder/query/oxigraph_child.py).
Measured cost: see the README.
"""

from __future__ import annotations

import http.client
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from builder.query.oxigraph_child import OxigraphChild

MAX_QUERY_BYTES = 64 * 1024
MAX_NESTING = 64
SPARQL_QUERY_TYPE = "application/sparql-query"
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
               "proxy-authenticate", "content-length"}


class Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_query(text: str, *, allow_federation: bool) -> None:
    """Refused unless the query is within the size and nesting limits and, unless allowed, has no SERVICE."""
    from builder.query.queries import mask_comments_and_strings

    if len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"query over {MAX_QUERY_BYTES} bytes")
    unescaped = _ESCAPE.sub(lambda m: _char(m.group(1) or m.group(2)), text)
    masked = mask_comments_and_strings(unescaped)
    depth = deepest = 0
    for char in masked:
        if char in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})":
            depth -= 1
    if deepest > MAX_NESTING:
        raise Refused(HTTPStatus.BAD_REQUEST, f"query nested {deepest} groups deep, over the limit of {MAX_NESTING}")
    if not allow_federation and re.search(r"\bSERVICE\b", masked, re.IGNORECASE):
        raise Refused(HTTPStatus.FORBIDDEN, "SERVICE (a federated query) is refused: this server reaches no other "
                                            "server unless started with --allow-federation")


def _char(hex_digits: str) -> str:
    code = int(hex_digits, 16)
    return chr(code) if code < 0x110000 else "\ufffd"


class ProxyHandler(BaseHTTPRequestHandler):
    server: SparqlProxy
    protocol_version = "HTTP/1.1"
    timeout = 30  # for a request to arrive

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass

    def refuse(self, status: HTTPStatus, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self._cors_headers()
        self.end_headers()
        self.wfile.write(body)

    def _cors_headers(self) -> None:
        origin = self.headers.get("Origin")
        if origin and origin in self.server.cors_origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def do_OPTIONS(self) -> None:  # noqa: N802 (stdlib naming)
        origin = self.headers.get("Origin")
        if origin not in self.server.cors_origins:
            return self.refuse(HTTPStatus.FORBIDDEN, "cross-origin requests are not allowed (see --cors-origin)")
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self.guarded(self.get)

    def do_POST(self) -> None:  # noqa: N802
        self.guarded(self.post)

    def do_other(self) -> None:
        self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not allowed: the server is read-only")

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_other  # noqa: N815

    def guarded(self, action) -> None:
        try:
            try:
                action()
            except Refused as refusal:
                self.close_connection = True
                self.refuse(refusal.status, refusal.message)
            except (OSError, http.client.HTTPException) as error:
                self.close_connection = True
                self.refuse(HTTPStatus.BAD_GATEWAY, f"the store did not answer: {error}")
        except OSError:
            self.close_connection = True  # the client has gone

    def get(self) -> None:
        url = urlsplit(self.path)
        if len(self.path) > MAX_QUERY_BYTES * 3 + 1024:
            raise Refused(HTTPStatus.REQUEST_URI_TOO_LONG, "request URI too long")
        if url.path.startswith("/id/") and self.server.linked_data is not None:
            self.linked_data(url.path)
            return
        if url.path == "/query":
            params = parse_qs(url.query, keep_blank_values=True)
            queries = params.get("query", [])
            if len(queries) != 1:
                raise Refused(HTTPStatus.BAD_REQUEST, "give exactly one `query` parameter")
            check_query(queries[0], allow_federation=self.server.allow_federation)
        self.forward(None)

    def post(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/query":
            raise Refused(HTTPStatus.METHOD_NOT_ALLOWED, "POST is accepted on /query only: the server is read-only")
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != SPARQL_QUERY_TYPE:
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                          f"POST a query with Content-Type: {SPARQL_QUERY_TYPE} (or use GET ?query=); form posts "
                          "are refused because any web page can send them to 127.0.0.1")
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        if int(length) > MAX_QUERY_BYTES:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"query over {MAX_QUERY_BYTES} bytes")
        body = self.rfile.read(int(length))
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, "the query is not UTF-8") from None
        check_query(text, allow_federation=self.server.allow_federation)
        self.forward(body)

    def linked_data(self, path: str) -> None:
        """GET on an instance's path (`/id/person/X`): its description, in the format the Accept header asks
        for (builder/query/ldview.py); 404 for an IRI the dataset does not describe, 406 for no format."""
        from urllib.parse import unquote

        from builder.namespaces import CPS_ID
        from builder.query.ldview import describe, negotiate, render

        media = negotiate(self.headers.get("Accept"))
        if media is None:
            raise Refused(HTTPStatus.NOT_ACCEPTABLE, "available: text/turtle, application/ld+json, "
                                                     "application/n-triples, text/html")
        description = describe(self.server.linked_data.store(), CPS_ID + unquote(path[len("/id/"):]))
        if not description:
            raise Refused(HTTPStatus.NOT_FOUND, f"the dataset says nothing about {CPS_ID}{path[len('/id/'):]}")
        body = render(description, media)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Vary", "Accept")
        self.send_header("Content-Length", str(len(body)))
        self._cors_headers()
        self.end_headers()
        self.wfile.write(body)

    def forward(self, body: bytes | None) -> None:
        from builder.query.http_deadline import request

        child = self.server.child
        port = child.port
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP | {"host", "origin"}}
        try:
            answer = request(f"http://127.0.0.1:{port}{self.path}", method=self.command, body=body, headers=headers,
                             deadline_s=self.server.query_timeout)
        except TimeoutError:
            child.restart(port)  # the only way to stop Oxigraph evaluating it (builder/oxigraph_child.py)
            limit = self.server.query_timeout
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"the query ran past the time limit of {limit:g} s and was cancelled") from None
        self.send_response(answer.status, answer.reason)
        for name, value in answer.headers:
            if name.lower() not in _HOP_BY_HOP and not name.lower().startswith("access-control-"):
                self.send_header(name, value)
        self._cors_headers()
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)


class SparqlProxy(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True  # a restart at once on the same port, despite connections in TIME_WAIT

    def __init__(self, port: int, child: OxigraphChild | None, *, query_timeout: float,
                 allow_federation: bool = False, cors_origins: tuple[str, ...] = ()):
        super().__init__(("127.0.0.1", port), ProxyHandler)
        self.child = child
        self.query_timeout = query_timeout
        self.allow_federation = allow_federation
        self.cors_origins = frozenset(cors_origins)
        self.linked_data: LinkedDataSource | None = None  # set by `serve`: answers GET /id/… itself

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="sparql-proxy", daemon=True)
        thread.start()
        return thread


class LinkedDataSource:
    """The served dataset, read once into an in-memory store for the Linked Data view (the first GET on an
    /id/ path loads it; SPARQL queries go to Oxigraph as before)."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self._store = None
        self._lock = threading.Lock()

    def store(self):
        with self._lock:
            if self._store is None:
                from builder.query.store import load_store

                self._store = load_store(self.out_dir)
            return self._store
