"""A W3C Reconciliation Service API 0.2 endpoint for the graph's people, organisations and places.

OpenRefine (or any client of the API) sends names; the service answers with candidate entities from
builder.reconcile.index (exact name or alias highest, `match` only for one unambiguous exact match).

Standard library HTTP server on loopback; every response carries CORS headers (preflight included);
errors are HTTP status codes with a JSON body. Ids are the entity IRIs relative to the instance base with
the first `/` written `:` (`person:Janice_Jackson`): clients percent-encode ids into the `view` and
`preview` templates, and an id without `/` survives that; `/view/ID` redirects to the IRI. Data extension
(builder.reconcile.extend) adds the posts, organisations, Wikidata ids and article counts of a match.
"""

from __future__ import annotations

import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import click

from builder.errors import InputError
from builder.export import dataset_option
from builder.namespaces import WD_ENTITY
from builder.reconcile.index import ReconciliationIndex, build_index

MAX_BODY = 1 << 20
SUGGEST_PAGE = 10
CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$.]{0,63}")

# -- HTTP ------------------------------------------------------------------------------------------

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
}
ENDPOINT_PATHS = ("/", "/reconcile")


class HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class ReconcileHandler(BaseHTTPRequestHandler):
    server: ReconciliationServer
    protocol_version = "HTTP/1.1"
    timeout = 10  # seconds for a request (line, headers, body) to arrive: a half-sent body is answered 408

    # -- plumbing -------------------------------------------------------------------------------
    def send_body(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        for name, value in CORS_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, document: object, params: dict[str, list[str]] | None = None) -> None:
        body = json.dumps(document, ensure_ascii=False, sort_keys=True)
        callback = (params or {}).get("callback", [None])[0]
        if callback is not None:  # JSONP, which OpenRefine used for GET requests
            if not CALLBACK.fullmatch(callback):
                raise HttpError(HTTPStatus.BAD_REQUEST, "invalid JSONP callback name")
            self.send_body(HTTPStatus.OK, f"{callback}({body});".encode(), "application/javascript; charset=utf-8")
        else:
            self.send_body(HTTPStatus.OK, body.encode(), "application/json; charset=utf-8")

    def fail(self, error: HttpError) -> None:
        body = json.dumps({"status": error.status.value, "error": error.message}).encode()
        self.send_body(error.status, body, "application/json; charset=utf-8")

    def handle_safely(self, action) -> None:
        """Every request gets an HTTP answer: a malformed one 400 (nested too deep, a value of the wrong
        type), a body that does not arrive in time 408, a fault of ours 500; never a closed connection."""
        try:
            try:
                action()
            except HttpError as error:
                self.fail(error)
            except TimeoutError:
                self.close_connection = True
                self.fail(HttpError(HTTPStatus.REQUEST_TIMEOUT, f"the request did not arrive within {self.timeout} s"))
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError, UnicodeError) as error:
                self.fail(HttpError(HTTPStatus.BAD_REQUEST, f"malformed request: {type(error).__name__}: {error}"))
            except Exception as error:  # noqa: BLE001 (a server answers; the message names the fault)
                self.fail(HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(error).__name__}: {error}"))
        except OSError:
            self.close_connection = True  # the client has gone; nothing to answer to

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        if self.server.verbose:
            super().log_message(format, *args)

    # -- methods --------------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:  # CORS preflight
        self.send_body(HTTPStatus.NO_CONTENT, b"", "text/plain")

    def do_GET(self) -> None:
        self.handle_safely(self.get)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self.handle_safely(self.post)

    def refuse(self) -> None:
        self.fail(HttpError(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not supported"))

    do_PUT = do_DELETE = do_PATCH = refuse

    def get(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/preview":
            self.preview(params)
        elif url.path.startswith("/view/"):
            self.view(unquote(url.path.removeprefix("/view/")))
        elif url.path == "/properties":
            self.send_json(self.propose(params), params)
        elif url.path.startswith("/suggest/"):
            self.suggest(url.path.removeprefix("/suggest/"), params)
        elif url.path not in ENDPOINT_PATHS:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no such resource: {url.path}")
        elif "queries" in params:
            self.send_json(self.answer(params["queries"][0]), params)
        elif "extend" in params:
            self.send_json(self.extend(params["extend"][0]), params)
        else:
            self.send_json(self.server.index.manifest(self.server.base_url), params)

    def post(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no such resource: {url.path}")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise HttpError(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        if int(length) > MAX_BODY:
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {MAX_BODY} bytes")
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type not in ("application/x-www-form-urlencoded", ""):
            raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the form field `queries` url-encoded")
        try:
            form = parse_qs(self.rfile.read(int(length)).decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise HttpError(HTTPStatus.BAD_REQUEST, "the body is not UTF-8") from None
        if "queries" in form:
            self.send_json(self.answer(form["queries"][0]))
        elif "extend" in form:
            self.send_json(self.extend(form["extend"][0]))
        else:
            raise HttpError(HTTPStatus.BAD_REQUEST, "missing form field `queries` (or `extend`)")

    def answer(self, raw: str) -> dict:
        try:
            queries = json.loads(raw)
        except json.JSONDecodeError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"`queries` is not JSON: {error}") from None
        if not isinstance(queries, dict) or not queries:
            raise HttpError(HTTPStatus.BAD_REQUEST, "`queries` must be an object of named queries")
        answers = {}
        for key, query in queries.items():
            if not isinstance(query, dict):
                raise HttpError(HTTPStatus.BAD_REQUEST, f"query {key!r} is not an object")
            try:
                answers[key] = {"result": self.server.index.reconcile(query)}
            except ValueError as error:
                raise HttpError(HTTPStatus.BAD_REQUEST, f"query {key!r}: {error}") from None
        return answers

    def extend(self, raw: str) -> dict:
        from builder.reconcile.extend import extend

        try:
            return extend(json.loads(raw), self.server.index.extension)
        except json.JSONDecodeError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"`extend` is not JSON: {error}") from None
        except ValueError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, str(error)) from None

    def propose(self, params: dict[str, list[str]]) -> dict:
        from builder.reconcile.extend import propose

        limit = params.get("limit", [None])[0]
        if limit is not None and not limit.isdigit():
            raise HttpError(HTTPStatus.BAD_REQUEST, "`limit` must be a non-negative integer")
        return propose(params.get("type", [None])[0], int(limit) if limit is not None else None)

    def view(self, identifier: str) -> None:
        """A 303 See Other to the entity's IRI: the `view` template's target, whatever encoding the client used."""
        from builder.reconcile.index import entity_iri

        if identifier not in self.server.index.by_id:
            raise HttpError(HTTPStatus.NOT_FOUND, "no entity with that id")
        self.send_response(HTTPStatus.SEE_OTHER)
        for name, value in CORS_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Location", entity_iri(identifier))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def suggest(self, kind: str, params: dict[str, list[str]]) -> None:
        """Suggest API: `prefix` (required), `type` for entities, `cursor` to page through results."""
        if "prefix" not in params:
            raise HttpError(HTTPStatus.BAD_REQUEST, "missing parameter `prefix`")
        prefix, cursor = params["prefix"][0], params.get("cursor", ["0"])[0]
        if not cursor.isdigit():
            raise HttpError(HTTPStatus.BAD_REQUEST, "`cursor` must be a non-negative integer")
        index = self.server.index
        if kind == "entity":
            found = index.suggest_entities(prefix, params.get("type", [None])[0])
        elif kind == "type":
            found = index.suggest_types(prefix)
        elif kind == "property":
            found = index.suggest_properties(prefix)
        else:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no suggest service for {kind!r}")
        start = int(cursor)
        self.send_json({"result": found[start : start + SUGGEST_PAGE]}, params)

    def preview(self, params: dict[str, list[str]]) -> None:
        from html import escape

        from builder.reconcile.index import entity_iri

        candidate = self.server.index.by_id.get(params.get("id", [""])[0])
        if candidate is None:
            raise HttpError(HTTPStatus.NOT_FOUND, "no entity with that id")
        types = ", ".join(name for _, name in candidate.types)
        wikidata = (
            f'<p>Wikidata: <a href="{WD_ENTITY}{candidate.wikidata}">{candidate.wikidata}</a></p>'
            if candidate.wikidata
            else ""
        )
        facts = self.server.index.extension.get(candidate.id, {})
        listed = "".join(
            f"<li>{escape(name)}: {escape(', '.join(_shown(v) for v in facts[key]))}</li>"
            for key, name in (("post", "posts"), ("postIn", "in"), ("postHolder", "posts held by"),
                              ("alias", "also called"), ("articles", "articles"))
            if facts.get(key)
        )
        html = (
            f'<html><body><p><a href="{escape(entity_iri(candidate.id))}">{escape(candidate.name)}</a>'
            f" ({escape(types)})</p><p>{escape(candidate.description or '')}</p>"
            f"{f'<ul>{listed}</ul>' if listed else ''}{wikidata}</body></html>"
        )
        self.send_body(HTTPStatus.OK, html.encode(), "text/html; charset=utf-8")


def _shown(value: dict) -> str:
    return str(value.get("name", value.get("str", value.get("int", ""))))


class ReconciliationServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, index: ReconciliationIndex, host: str = "127.0.0.1", port: int = 0, verbose: bool = False):
        if host not in ("127.0.0.1", "localhost"):  # IPv4 loopback: the server is AF_INET
            raise InputError(f"the reconciliation service binds to loopback only, not {host!r}")
        super().__init__((host, port), ReconcileHandler)
        self.index = index
        self.verbose = verbose

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="reconcile", daemon=True)
        thread.start()
        return thread


def make_reconcile_command(reports_errors) -> click.Command:
    @click.command(name="reconcile")
    @dataset_option
    @click.option(
        "--port",
        type=click.IntRange(0, 65535),
        default=8765,
        show_default=True,
        help="Port on 127.0.0.1 (0: any free port).",
    )
    @click.option("--verbose", is_flag=True, help="Log every request.")
    @reports_errors
    def reconcile_command(dataset: Path, port: int, verbose: bool) -> None:
        """Serve the W3C Reconciliation API 0.2 (for OpenRefine) on 127.0.0.1 until interrupted."""
        if not dataset.is_file():
            raise InputError("no dataset: run `cpskg build` first", file=str(dataset))
        try:
            server = ReconciliationServer(build_index(dataset), port=port, verbose=verbose)
        except OSError as error:
            raise InputError(f"cannot listen on 127.0.0.1:{port}: {error.strerror}") from error
        click.echo(
            f"reconciliation service for {len(server.index.candidates)} entities at "
            f"{server.base_url}/reconcile (Ctrl-C to stop)"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()

    return reconcile_command
