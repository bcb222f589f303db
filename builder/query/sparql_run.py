"""Run a canned query with bound parameters on pyoxigraph, rdflib or a remote SPARQL 1.1 endpoint.

Parameters are bound, never concatenated (DESIGN.md, bad-inputs.md #10):
- pyoxigraph: `Store.query(..., substitutions={Variable(name): term})` (SEP-0007 substitution);
- rdflib: `Graph.query(..., initBindings={name: term})`;
- a remote endpoint: a `VALUES ?name { term }` block opened at the start of the outermost `WHERE` group,
  written from terms that pyoxigraph already validated, in their N-Triples form, which escapes every `"`,
  `\\` and control character. Nothing the user typed reaches the query text any other way.

pyoxigraph binds only variables of the SELECT clause, so every parameter is projected (checked when a query
file is read) and the three bindings mean the same: the value is joined with the outermost WHERE group and
returned as a column. The engine-agreement tests check this for every canned query.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError
from builder.query.queries import CannedQuery, Catalogue, load_catalogue, outer_where_brace
from builder.query.results import QueryResult, from_json, from_oxigraph, from_rdflib, oxigraph_to_rdflib
from builder.resources import data_path
from builder.wikidata_ids import load_verified_ids

ENGINES = ("oxigraph", "rdflib")
DEFAULT_TIMEOUT_S = 30.0


def run_oxigraph(store: ox.Store, query: CannedQuery, bindings: dict[str, ox.NamedNode | ox.Literal]) -> QueryResult:
    """The query on the store's default graph: the de-duplicated union of the article graphs (see builder.query.store).

    A store holding only named graphs (built from quads by a caller) is queried on a copy with the union
    added; call `builder.query.store.add_union_graph(store)` once to avoid the copy when running many queries.
    """
    store = with_union_graph(store)
    substitutions = {ox.Variable(name): term for name, term in bindings.items()}
    try:
        solutions = store.query(query.text, substitutions=substitutions)
    except SyntaxError as error:
        raise InputError(f"SPARQL syntax error: {syntax_message(error)}", file=str(query.path)) from None
    return from_oxigraph(solutions)


def syntax_message(error: SyntaxError) -> str:
    """pyoxigraph's message on one line: the position and what was found, without the grammar's list of
    every character it expected (which spans several lines)."""
    text = " ".join(str(error).split())
    text = re.sub(r"expected one of .*", "unexpected input", text)
    return text[:200]


def with_union_graph(store: ox.Store) -> ox.Store:
    """`store` itself when its default graph holds the union, else a copy with the union added."""
    from builder.query.store import add_union_graph, has_default_graph

    if has_default_graph(store):
        return store
    copy = ox.Store()
    copy.bulk_extend(store)
    return add_union_graph(copy)


def run_rdflib(dataset, query: CannedQuery, bindings: dict[str, ox.NamedNode | ox.Literal]) -> QueryResult:
    init = {name: oxigraph_to_rdflib(term) for name, term in bindings.items()}
    return from_rdflib(dataset.query(query.text, initBindings=init))


def run_endpoint(url: str, query: CannedQuery, bindings: dict[str, ox.NamedNode | ox.Literal],
                 *, timeout: float = DEFAULT_TIMEOUT_S) -> QueryResult:
    """The query on any SPARQL 1.1 endpoint; down, HTTP error, timeout or a non-JSON answer → InputError."""
    return from_json(endpoint_json(url, with_values_block(query.text, bindings), timeout=timeout))


def endpoint_json(url: str, text: str, *, timeout: float = DEFAULT_TIMEOUT_S, credentials=None) -> dict:
    """POST the query (SPARQL 1.1 Protocol, `application/sparql-query`) and return the SPARQL JSON results.

    `timeout` is a total deadline for the whole exchange, also for an answer sent slowly
    (builder/http_deadline.py). Down, an HTTP error, the deadline, or an answer that is not SPARQL JSON
    results: InputError (exit 2) saying what came back.
    """
    answer = endpoint_answer(url, text, "application/sparql-results+json", timeout=timeout, credentials=credentials)
    try:
        document = json.loads(answer.body)
        check_results_json(document)
    except (ValueError, KeyError, TypeError):
        raise InputError(f"the SPARQL endpoint {url} did not answer with SPARQL JSON results (HTTP {answer.status}, "
                         f"{answer.content_type or 'no Content-Type'}): {_shown(answer.body)}") from None
    return document


def endpoint_answer(url: str, text: str, accept: str, *, timeout: float = DEFAULT_TIMEOUT_S, credentials=None):
    """POST the query and return the successful answer (builder.query.http_deadline.Answer) in the media type
    asked for; the deadline, a refusal, an answer too large or an HTTP error status: InputError (exit 2)."""
    import http.client

    from builder.query.credentials import request_with_credentials
    from builder.query.http_deadline import AnswerTooLarge

    headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept}
    try:
        answer = request_with_credentials(url, credentials, method="POST", body=text.encode("utf-8"),
                                          headers=headers, deadline_s=timeout)
    except TimeoutError:
        raise InputError(f"the SPARQL endpoint {url} did not answer within {timeout:g} s (a total deadline; "
                         "raise it with --timeout)") from None
    except AnswerTooLarge as error:
        raise InputError(f"the SPARQL endpoint {url} sent {error}: refused") from None
    except ValueError as error:
        raise InputError(str(error)) from None
    except (OSError, http.client.HTTPException) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise InputError(f"cannot reach the SPARQL endpoint {url}: {reason}") from None
    if not 200 <= answer.status < 300:
        raise InputError(f"the SPARQL endpoint {url} answered HTTP {answer.status} {answer.reason}: "
                         f"{_shown(answer.body)}")
    return answer


def check_results_json(document: object) -> None:
    """ValueError unless `document` is SPARQL 1.1 Query Results JSON whose every term can be read."""
    from builder.query.results import from_json

    if not isinstance(document, dict) or not isinstance(document.get("head"), dict):
        raise ValueError("no head")
    if "boolean" in document:
        if not isinstance(document["boolean"], bool):
            raise ValueError("boolean is not true or false")
        return
    variables = document["head"].get("vars")
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise ValueError("no head.vars")
    bindings = document["results"]["bindings"]
    if not isinstance(bindings, list) or not all(isinstance(b, dict) for b in bindings):
        raise ValueError("results.bindings is not a list of objects")
    from_json(document)  # every term: a known type, a valid IRI, a valid language tag


def _shown(body: bytes, limit: int = 160) -> str:
    """The start of what a server sent, on one line with control characters escaped."""
    from builder.terminal import escape_controls

    text = body.decode("utf-8", "replace").strip()
    if not text:
        return "an empty body"
    return "'" + escape_controls(text[:limit]) + ("…'" if len(text) > limit else "'")


def with_values_block(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with `VALUES ?name { term }` lines opened at the start of its outermost WHERE group."""
    if not bindings:
        return text
    position = outer_where_brace(text)
    block = "".join(f"\n  VALUES ?{name} {{ {_values_term(term)} }}" for name, term in bindings.items())
    return text[: position + 1] + block + text[position + 1:]


def _values_term(term: ox.NamedNode | ox.Literal) -> str:
    """The term in N-Triples form, rewritten so that every SPARQL parser reads back exactly the same term.

    N-Triples escapes `"`, `\\` and control characters, so the value cannot leave its literal. Two parser
    habits could still change the value: SPARQL 1.1 (§19.2) expands `\\uXXXX` before parsing, also where the
    backslash is itself escaped (a value `\\u0022` would come back as `"`), and rdflib reads `\\u` with up
    to eight hex digits (`\\u0001` followed by `0022` becomes one code point). So every code-point escape is
    written with eight digits (`\\U0000XXXX`), and a `u`/`U` after an escaped backslash as `\\U00000075`.
    """
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise TypeError("only validated IRIs and literals can be bound")
    text, out, i = str(term), [], 0
    while i < len(text):
        if text[i] != "\\":
            out.append(text[i])
            i += 1
        elif text[i + 1] == "u":  # pyoxigraph's \uXXXX for a control character
            out.append("\\U0000" + text[i + 2: i + 6])
            i += 6
        elif text[i + 1] == "U":
            out.append(text[i: i + 10])
            i += 10
        else:  # an ECHAR: \\ \" \n \r \t \b \f
            out.append(text[i: i + 2])
            i += 2
            if out[-1] == "\\\\" and text[i: i + 1] in ("u", "U"):
                out.append(f"\\U{ord(text[i]):08X}")
                i += 1
    return "".join(out)


@dataclass
class QueryRun:
    """What `cpskg query` needs: where to run and with which engine."""

    out_dir: Path
    engine: str = "oxigraph"
    endpoint: str | None = None
    timeout: float = DEFAULT_TIMEOUT_S

    def run(self, query: CannedQuery, overrides: dict[str, str] | None = None) -> QueryResult:
        overrides = {**curated_overrides(query, default_curation_dir()), **(overrides or {})}
        bindings = query.bindings(overrides)
        if self.endpoint:
            return run_endpoint(self.endpoint, query, bindings, timeout=self.timeout)
        if "internet" in query.needs:
            raise InputError(f"query {query.name} is federated (it calls a public endpoint): run it with "
                             "--endpoint on a SPARQL server that may reach the internet")
        if self.engine == "rdflib":
            from builder.query.store import load_rdflib

            return run_rdflib(load_rdflib(self.out_dir), query, bindings)
        if self.engine != "oxigraph":
            raise InputError(f"unknown engine {self.engine!r} (known: {', '.join(ENGINES)})")
        from builder.query.store import load_store

        return run_oxigraph(load_store(self.out_dir), query, bindings)


# --- quality checks -------------------------------------------------------------------------------

VERIFIED_IDS_PARAMETER = "verified_ids"


@dataclass(frozen=True)
class QcViolation:
    check: str  # e.g. qc/mention-anchor-violation
    title: str
    row: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | None]  # variable → term

    def render(self) -> str:
        from builder.query.results import shorten

        cells = ", ".join(f"?{k}={shorten(v)}" for k, v in self.row.items())
        return f"{self.check}: {self.title}: {cells}"


def verified_wikidata_ids(tsv_path: Path) -> str:
    """The ids of curation/wikidata-ids.tsv as one space-separated string (bound, not pasted)."""
    return " ".join(sorted(load_verified_ids(tsv_path).rows))


def default_curation_dir() -> Path:
    return data_path("curation")


def curated_overrides(query: CannedQuery, curation_dir: Path) -> dict[str, str]:
    """Parameter values that come from curation/: `verified_ids` from wikidata-ids.tsv."""
    if any(p.name == VERIFIED_IDS_PARAMETER for p in query.parameters):
        return {VERIFIED_IDS_PARAMETER: verified_wikidata_ids(Path(curation_dir) / "wikidata-ids.tsv")}
    return {}


def run_quality_checks(store: ox.Store, *, catalogue: Catalogue | None = None,
                       curation_dir: Path | None = None) -> list[QcViolation]:
    """Every `queries/qc/*-violation.rq` on the store; each returned row is one violation.

    A store that holds only named graphs (as the build assembles it) is checked on one copy with their union
    added as the default graph; the caller's store is not changed.
    """
    store = with_union_graph(store)
    catalogue = catalogue or load_catalogue()
    curation_dir = Path(curation_dir) if curation_dir else default_curation_dir()
    violations: list[QcViolation] = []
    for name, check in catalogue.quality_checks().items():
        result = run_oxigraph(store, check, check.bindings(curated_overrides(check, curation_dir)))
        parameters = {p.name for p in check.parameters}
        for row in result.rows:
            cells = {v: t for v, t in zip(result.variables, row, strict=True) if v not in parameters}
            violations.append(QcViolation(name, check.title, cells))
    return violations
