"""A W3C Reconciliation Service API 0.2 endpoint for the graph's people and organisations.

OpenRefine (or any client of the API) sends names; the service answers with candidate entities, scored
so that an exact name or alias scores highest, and `match: true` only when exactly one entity has an
exact name or alias match. Names are compared after normalisation: Unicode compatibility form, accents
and case removed, honorifics and middle initials dropped ("Dr. Janice K. Jackson" ~ "Janice Jackson").

Standard library HTTP server on loopback; every response carries CORS headers (preflight included);
errors are HTTP status codes with a JSON body. Ids are the entity IRIs relative to the instance base
(`person/Janice_Jackson`), so `identifierSpace` + id is the IRI and the `view` template resolves it.
"""

from __future__ import annotations

import difflib
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import click

from builder.errors import InputError
from builder.export.collect import EXPORTED_ROOT_CLASSES, load_dataset, read_entity_facts
from builder.export.mapping import WikidataMapping, load_mapping
from builder.namespaces import CPS_ID, CPS_ONTOLOGY, SCHEMA_IRI, WD_ENTITY

HONORIFICS = frozenset(
    {
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "professor",
        "rev",
        "hon",
        "sir",
        "dame",
        "jr",
        "sr",
    }
)
EXACT_SCORE = 100.0
NORMALISED_SCORE = 95.0
# Below this a fuzzy similarity is noise (two unrelated two-word names share ~30 % of their letters).
FUZZY_FLOOR = 50.0
MAX_LIMIT = 100
DEFAULT_LIMIT = 5
MAX_BODY = 1 << 20
CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$.]{0,63}")


def normalise_name(name: str) -> str:
    """Lower-case words without accents, punctuation, honorifics or single-letter initials."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)*", plain)
    kept = [w for w in words if w not in HONORIFICS and len(w) > 1]
    return " ".join(kept or words)


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    names: tuple[str, ...]  # label first, then aliases
    types: tuple[tuple[str, str], ...]  # (type id, type name), most specific first
    all_types: frozenset[str]
    description: str | None
    wikidata: str | None
    values: dict[str, frozenset[str]]  # property id -> ids and names of its values


class ReconciliationIndex:
    def __init__(self, candidates: list[Candidate], type_names: dict[str, str]):
        self.candidates = sorted(candidates, key=lambda c: c.id)
        self.type_names = type_names
        self.by_id = {c.id: c for c in self.candidates}

    # -- matching -------------------------------------------------------------------------------
    def score(self, query: str, candidate: Candidate) -> tuple[float, bool]:
        """(score 0-100, exact?) of a candidate for a query text."""
        folded = " ".join(query.split()).casefold()
        if any(folded == n.casefold() for n in candidate.names):
            return EXACT_SCORE, True
        wanted = normalise_name(query)
        normalised = [normalise_name(n) for n in candidate.names]
        if wanted and wanted in normalised:
            return NORMALISED_SCORE, True
        best = max((difflib.SequenceMatcher(None, wanted, n).ratio() for n in normalised), default=0.0)
        tokens = set(wanted.split())
        overlap = max(
            (len(tokens & set(n.split())) / len(tokens | set(n.split())) for n in normalised if n),
            default=0.0,
        )
        return round(90.0 * max(best, overlap), 2), False

    def reconcile(self, query: dict) -> list[dict]:
        text = query.get("query")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("each query needs a non-empty `query` string")
        limit = query.get("limit", DEFAULT_LIMIT)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ValueError("`limit` must be a positive integer")
        wanted_types = self.query_types(query.get("type"))
        properties = query.get("properties") or []
        if not isinstance(properties, list):
            raise ValueError("`properties` must be a list of {pid, v}")

        scored = []
        for candidate in self.candidates:
            if wanted_types and not (wanted_types & candidate.all_types):
                continue
            score, exact = self.score(text, candidate)
            bonus = self.property_bonus(properties, candidate)
            if score < FUZZY_FLOOR and not bonus:
                continue
            scored.append((min(EXACT_SCORE, score + bonus), exact, candidate))
        scored.sort(key=lambda item: (-item[0], item[2].id))
        exact_count = sum(1 for _, exact, _ in scored if exact)
        results = []
        for score, exact, candidate in scored[: min(limit, MAX_LIMIT)]:
            result = {
                "id": candidate.id,
                "name": candidate.name,
                "score": score,
                "match": exact and exact_count == 1,
                "type": [{"id": t, "name": n} for t, n in candidate.types],
            }
            if candidate.description:
                result["description"] = candidate.description
            results.append(result)
        return results

    def query_types(self, requested: object) -> set[str]:
        if requested is None:
            return set()
        names = requested if isinstance(requested, list) else [requested]
        if not all(isinstance(n, str) for n in names):
            raise ValueError("`type` must be a type id or a list of type ids")
        return {n.removeprefix(CPS_ONTOLOGY) for n in names}

    def property_bonus(self, properties: list, candidate: Candidate) -> float:
        """Up to 10 points per property whose value names or identifies one of the candidate's values."""
        bonus = 0.0
        for item in properties:
            if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
                raise ValueError("each property needs `pid` and `v`")
            values = item["v"] if isinstance(item["v"], list) else [item["v"]]
            known = candidate.values.get(item["pid"], frozenset())
            for value in values:
                text = value.get("id") if isinstance(value, dict) else value
                if isinstance(text, str) and (text in known or normalise_name(text) in known):
                    bonus += 10.0
                    break
        return bonus

    def manifest(self, base_url: str) -> dict:
        return {
            "versions": ["0.2"],
            "name": "cpskg: people, organisations and places of the CPS-CTU negotiations news graph",
            "identifierSpace": CPS_ID,
            "schemaSpace": CPS_ONTOLOGY,
            "view": {"url": CPS_ID + "{{id}}"},
            "defaultTypes": [{"id": t, "name": self.type_names.get(t, t)} for t in ("Person", "Organization")],
            "preview": {"url": base_url + "/preview?id={{id}}", "width": 400, "height": 120},
        }


def _local(iri: str, base: str) -> str:
    return iri[len(base) :] if iri.startswith(base) else iri


def build_index(dataset: Path, mapping: WikidataMapping | None = None) -> ReconciliationIndex:
    """The people, organisations and places of a dataset, with names, aliases, types and property values."""
    mapping = mapping or load_mapping()
    store = load_dataset(dataset)
    facts = read_entity_facts(store)
    # People and organisations (what the export exports) and places (a city named in a column).
    roots = {*EXPORTED_ROOT_CLASSES, SCHEMA_IRI + "Place"}
    type_names = {_local(t, CPS_ONTOLOGY): label for t, label in mapping.labels.items() if t.startswith(CPS_ONTOLOGY)}
    relations = _relation_values(store, mapping, facts)
    candidates = []
    for iri, entry in facts.items():
        closure = set(entry.types) | {s for t in entry.types for s in mapping.superclasses.get(t, ())}
        if not (roots & closure) or entry.label is None or not iri.startswith(CPS_ID):
            continue
        own = [t for t in entry.types if t.startswith(CPS_ONTOLOGY)]
        specific = sorted(t for t in own if not any(t in mapping.superclasses.get(o, ()) for o in own if o != t))
        wikidata = next((w[len(WD_ENTITY) :] for w in sorted(entry.same_as) if w.startswith(WD_ENTITY)), None)
        candidates.append(
            Candidate(
                id=_local(iri, CPS_ID),
                name=entry.label,
                names=(entry.label, *sorted(entry.aliases - {entry.label})),
                types=tuple(
                    (
                        _local(t, CPS_ONTOLOGY),
                        type_names.get(_local(t, CPS_ONTOLOGY), _local(t, CPS_ONTOLOGY)),
                    )
                    for t in specific
                ),
                all_types=frozenset(_local(t, CPS_ONTOLOGY) for t in closure),
                description=min(entry.descriptions) if entry.descriptions else None,
                wikidata=wikidata,
                values=relations.get(iri, {}),
            )
        )
    return ReconciliationIndex(candidates, type_names)


def _relation_values(store, mapping: WikidataMapping, facts) -> dict[str, dict[str, frozenset[str]]]:
    """Entity -> property -> {value id, normalised value name}, under both the cps: name and the P-id."""
    values: dict[str, dict[str, set[str]]] = {}
    query = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }"
    mapped = set(mapping.exact) | set(mapping.close)
    for row in store.query(query, use_default_graph_as_union=True):
        predicate = row["p"].value
        if predicate not in mapped or not predicate.startswith(CPS_ONTOLOGY):
            continue
        obj = row["o"].value
        keys = {_local(predicate, CPS_ONTOLOGY)} | set(mapping.ids(predicate, kind="P"))
        names = {_local(obj, CPS_ID)} | {normalise_name(n) for n in ([facts[obj].label] if obj in facts else []) if n}
        for key in keys:
            values.setdefault(row["s"].value, {}).setdefault(key, set()).update(names)
    return {s: {k: frozenset(v) for k, v in props.items()} for s, props in values.items()}


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
        try:
            action()
        except HttpError as error:
            self.fail(error)

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
        elif url.path not in ENDPOINT_PATHS:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no such resource: {url.path}")
        elif "queries" in params:
            self.send_json(self.answer(params["queries"][0]), params)
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
        if "queries" not in form:
            raise HttpError(HTTPStatus.BAD_REQUEST, "missing form field `queries`")
        self.send_json(self.answer(form["queries"][0]))

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

    def preview(self, params: dict[str, list[str]]) -> None:
        from html import escape

        candidate = self.server.index.by_id.get(params.get("id", [""])[0])
        if candidate is None:
            raise HttpError(HTTPStatus.NOT_FOUND, "no entity with that id")
        types = ", ".join(name for _, name in candidate.types)
        wikidata = (
            f'<p>Wikidata: <a href="{WD_ENTITY}{candidate.wikidata}">{candidate.wikidata}</a></p>'
            if candidate.wikidata
            else ""
        )
        html = (
            f'<html><body><p><a href="{escape(CPS_ID + candidate.id)}">{escape(candidate.name)}</a>'
            f" ({escape(types)})</p><p>{escape(candidate.description or '')}</p>{wikidata}</body></html>"
        )
        self.send_body(HTTPStatus.OK, html.encode(), "text/html; charset=utf-8")


class ReconciliationServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, index: ReconciliationIndex, host: str = "127.0.0.1", port: int = 0, verbose: bool = False):
        if host not in ("127.0.0.1", "localhost", "::1"):
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
    @click.option(
        "--data",
        "dataset",
        type=click.Path(path_type=Path),
        default=Path("output/cpskg.trig"),
        show_default=True,
        help="The built dataset (TriG).",
    )
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
