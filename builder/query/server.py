"""A real SPARQL server for the dataset (`cpskg serve`) and loading into any server (`cpskg load`).

`serve` bulk-loads output/cpskg.trig with `oxigraph load` into a persistent store directory, copies the
union of the article graphs into the default graph with `oxigraph update` (a set; Oxigraph's
`--union-default-graph` is a bag, see builder.query.store), then runs `oxigraph serve-read-only` on a private
loopback port behind builder/query/sparql_proxy.py on 127.0.0.1 (query size, nesting and time limits, no
SERVICE, no form posts), so canned queries run unchanged over HTTP. Ctrl-C stops the server and exits 0.

`load` pushes each article's named graph with SPARQL 1.1 Graph Store Protocol `PUT {store}?graph=<iri>`
(replace, hence idempotent; never Oxigraph's `lenient` option; an empty body is refused because PUT with
an empty body would silently empty the graph), then compares the server's triple count per graph with the
local count. The Graph Store URL is derived from the SPARQL query URL for Oxigraph (`…/query` →
`…/store`) and can be given explicitly (`--store-url`) for other servers (Fuseki: `…/ds/data`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError, MissingComponent
from builder.namespaces import VOID
from builder.query.oxigraph_child import stop_process, wait_until_listening  # noqa: F401  (re-exported)
from builder.query.sparql_run import DEFAULT_TIMEOUT_S, endpoint_json, with_values_block
from builder.query.store import as_ntriples, dataset_path, graphs_from_trig

DEFAULT_LOCATION = Path(".serve/store")
DEFAULT_PORT = 7878
RETRIES = 3
RETRY_PAUSE_S = 0.5
UNION_INTO_DEFAULT_GRAPH = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def oxigraph_binary() -> str:
    """The `oxigraph` command: next to this Python (the venv's bin/) first, then on PATH."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if not found:
        raise MissingComponent("the `oxigraph` server binary is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return found


def prepare_store(out_dir: Path, location: Path, endpoint: str | None = None) -> Path:
    """Load the dataset into a fresh store at `location` (built aside, then swapped in; the old one goes).

    With `endpoint` (what `cpskg serve` answers on), the dataset's VoID description is served too, in its
    own named graph, with `void:sparqlEndpoint` naming that endpoint: a client that finds the dataset can
    find where to query it.
    """
    trig = dataset_path(out_dir)
    location = Path(os.path.abspath(location))  # `--location .` has no name to put `.loading` after
    if location == location.parent:
        raise InputError("--location must be a folder for the store, not the root folder", file=str(location))
    staging = location.with_name(location.name + ".loading")
    for old in (location, staging):
        if old.exists():
            _check_replaceable(old)
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    steps = [["load", "--location", str(staging), "--file", str(trig)]]
    void = Path(out_dir) / "void.ttl"
    if endpoint is not None and void.is_file():
        described = staging.parent / (staging.name + ".void.nt")
        described.write_bytes(_void_with_endpoint(void, endpoint))
        steps.append(["load", "--location", str(staging), "--file", str(described), "--graph", VOID_GRAPH])
    steps.append(["update", "--location", str(staging), "--update", UNION_INTO_DEFAULT_GRAPH])
    for step in steps:
        completed = subprocess.run([oxigraph_binary(), *step], capture_output=True, text=True)
        if completed.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise InputError(f"oxigraph {step[0]} failed: {completed.stderr.strip() or completed.stdout.strip()}",
                             file=str(trig))
    if location.exists():
        shutil.rmtree(location)
    staging.rename(location)
    staging.with_name(staging.name + ".void.nt").unlink(missing_ok=True)
    return location


VOID_GRAPH = "https://w3id.org/cpskg/graph/void"


def _void_with_endpoint(void: Path, endpoint: str) -> bytes:
    """The VoID description plus `void:sparqlEndpoint <endpoint>` on the dataset, as N-Triples."""
    from builder.write.describe import DATASET

    triples = list(ox.parse(path=str(void), format=ox.RdfFormat.TURTLE))
    endpoint_property = ox.NamedNode(str(VOID.sparqlEndpoint))
    triples.append(ox.Triple(DATASET, endpoint_property, ox.NamedNode(endpoint)))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _check_replaceable(location: Path) -> None:
    """Only an empty folder or a previous Oxigraph (RocksDB) store may be replaced, never a mistyped folder."""
    if location.is_dir() and (not any(location.iterdir()) or (location / "CURRENT").is_file()):
        return
    raise InputError("exists and is not an Oxigraph store; refusing to replace it (choose another --location)",
                     file=str(location))


def serve(out_dir: Path, location: Path, port: int, announce, *, query_timeout: float = 30.0,
          allow_federation: bool = False, cors_origins: tuple[str, ...] = ()) -> int:
    """Run the read-only server until Ctrl-C (SIGINT) or SIGTERM; returns the exit code for the CLI.

    Oxigraph listens on a private loopback port and dies with this process (builder/oxigraph_child.py);
    builder/sparql_proxy.py serves the public port with the limits Oxigraph lacks and cancels a query past
    `query_timeout` by restarting Oxigraph.
    """
    from builder.query.oxigraph_child import OxigraphChild
    from builder.query.sparql_proxy import LinkedDataSource, SparqlProxy

    try:  # bound first, with SO_REUSEADDR: a restart at once on the same port works
        proxy = SparqlProxy(port, None, query_timeout=query_timeout, allow_federation=allow_federation,
                            cors_origins=cors_origins)
    except OSError as error:
        raise InputError(f"cannot listen on 127.0.0.1:{port}: {error.strerror} (choose another --port)") from None
    child = None
    stop = {"requested": False}
    started = False

    def request_stop(signum, frame):
        stop["requested"] = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        child = OxigraphChild(oxigraph_binary(), prepare_store(out_dir, location, f"http://127.0.0.1:{port}/query"),
                              query_timeout)
        child.start()
        proxy.child = child
        proxy.linked_data = LinkedDataSource(out_dir)
        proxy.start_in_thread()
        started = True
        announce(f"SPARQL endpoint: http://127.0.0.1:{port}/query  (query page: http://127.0.0.1:{port}/)")
        announce(f"Linked Data: http://127.0.0.1:{port}/id/… (e.g. /id/person/…; Turtle, JSON-LD, N-Triples, HTML)")
        announce("Press Ctrl-C to stop.")
        while not stop["requested"] and not child.exited():
            time.sleep(0.1)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if started:
            proxy.shutdown()
        proxy.server_close()
        if child is not None:
            child.stop()
    if stop["requested"]:
        announce("server stopped")
        return 0
    raise InputError(f"the oxigraph server exited unexpectedly with code {child.process.returncode}")


# --- cpskg load --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedGraph:
    graph: str
    local_triples: int
    server_triples: int

    @property
    def matches(self) -> bool:
        return self.local_triples == self.server_triples


def store_url_for(endpoint: str) -> str:
    """The Graph Store Protocol URL of an Oxigraph-style endpoint: the last path segment `query` → `store`."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"not an http(s) URL: {endpoint!r}")
    if not parts.path.endswith("/query"):
        raise InputError(f"cannot derive the Graph Store URL from {endpoint} (only an Oxigraph-style "
                         "…/query URL maps to …/store): give it with --store-url")
    return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + "store", query=""))


def load_dataset(out_dir: Path, endpoint: str, *, store_url: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT_S, credentials=None) -> list[LoadedGraph]:
    """PUT every named graph, then read back the server's counts. Raises InputError on any failure.

    Nothing is reported as loaded unless every PUT succeeded and every count was read back; on a failure
    the message says which graph failed (earlier graphs may have been replaced on the server already,
    which a re-run repairs because PUT replaces).
    """
    store_url = store_url or store_url_for(endpoint)
    graphs = graphs_from_trig(dataset_path(out_dir))
    if not graphs:
        raise InputError("the dataset has no named graphs to load", file=str(dataset_path(out_dir)))
    for graph, triples in graphs.items():
        put_graph(store_url, graph, as_ntriples(triples), timeout=timeout, credentials=credentials)
    return [LoadedGraph(graph, len(triples),
                        server_triple_count(endpoint, graph, timeout=timeout, credentials=credentials))
            for graph, triples in graphs.items()]


def put_graph(store_url: str, graph: str, body: bytes, *, timeout: float, credentials=None) -> None:
    if not body.strip():
        raise InputError(f"refusing to PUT an empty body to graph <{graph}> (it would empty the graph)")
    import http.client

    from builder.query.credentials import request_with_credentials

    target = f"{store_url}?graph={urllib.parse.quote(ox.NamedNode(graph).value, safe='')}"
    last_error = ""
    for attempt in range(1, RETRIES + 1):
        try:  # `timeout` bounds each attempt as a whole, also an answer sent slowly (builder/http_deadline.py)
            answer = request_with_credentials(target, credentials, method="PUT", body=body,
                                              headers={"Content-Type": "application/n-triples"}, deadline_s=timeout)
            if 200 <= answer.status < 300:
                return
            last_error = f"HTTP {answer.status} {answer.reason}"
            if answer.status < 500:  # 401, 403, 404, 415: repeating the same request cannot help
                break
        except TimeoutError:
            last_error = f"timed out (no complete answer within {timeout:g} s)"
        except (OSError, http.client.HTTPException) as error:
            last_error = getattr(error, "strerror", None) or str(error) or type(error).__name__
        if attempt < RETRIES:
            time.sleep(RETRY_PAUSE_S * attempt)
    raise InputError(f"Graph Store PUT of <{graph}> to {store_url} failed: {last_error}")


_COUNT_QUERY = "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph"


def server_triple_count(endpoint: str, graph: str, *, timeout: float, credentials=None) -> int:
    """Triples in one named graph of the server (the graph IRI bound as a VALUES term, not pasted)."""
    document = endpoint_json(endpoint, with_values_block(_COUNT_QUERY, {"graph": ox.NamedNode(graph)}),
                             timeout=timeout, credentials=credentials)
    bindings = document["results"]["bindings"]
    return int(bindings[0]["triples"]["value"]) if bindings else 0
