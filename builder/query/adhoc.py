"""Your own SPARQL: `cpskg sparql` runs any query, from an argument, a file or standard input.

The canned queries (builder.query.queries) need a catalogue header; a researcher's own query does not. A header
is still read when the text has one, so a query written for the catalogue runs here with its declared
parameter types. A parameter the header does not declare takes its type from how the value is written,
in the Turtle way: `<http://…>` or a known prefix (`person:Jesse_Sharkey`) is an IRI, `2021-02-07` a
date, `42` an integer, `4.5` a decimal, and anything else a string (write `"42"` for the string 42).
Either way the value becomes an RDF term through pyoxigraph's constructors and is bound, never pasted.

SELECT answers print as `cpskg query` prints them (table, csv, json); ASK as `true`/`false` (or SPARQL
JSON); CONSTRUCT and DESCRIBE as sorted N-Triples or Turtle, so that their output diffs well.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError
from builder.query.queries import (
    CannedQuery,
    Parameter,
    mask_comments_and_strings,
    parse_query_text,
)

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# SPARQL Update keywords at the start of an operation: refused, the dataset is read-only
_UPDATE = re.compile(r"(?:^|;)\s*(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AdhocQuery:
    query: CannedQuery  # the text with its (possibly empty) header, as the runners take it
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE


def read_query_source(text: str | None, file: Path | None, stdin=None) -> tuple[str, str]:
    """The query text and where it came from: `-` or no argument reads standard input."""
    if text is not None and file is not None:
        raise InputError("give the query either as an argument or with --file, not both")
    if file is not None:
        try:
            return Path(file).read_text(encoding="utf-8"), str(file)
        except FileNotFoundError:
            raise InputError("the query file does not exist", file=str(file)) from None
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read the query file: {error}", file=str(file)) from None
    if text is None or text == "-":
        stream = stdin if stdin is not None else sys.stdin
        if stream.isatty():
            raise InputError("no query given: pass it as an argument, with --file, or on standard input")
        return stream.read(), "<stdin>"
    return text, "<argument>"


def prepare(text: str, origin: str, params: dict[str, str]) -> AdhocQuery:
    """Parse the header (if any), type the undeclared parameters, and check the query form."""
    if not text.strip():
        raise InputError("the query is empty", file=origin)
    masked = mask_comments_and_strings(text)
    if _UPDATE.search(masked) and not _FORM.search(masked):
        raise InputError("SPARQL Update is not run: the dataset is read-only (write a query)", file=origin)
    form = _FORM.search(masked)
    if not form:
        raise InputError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE", file=origin)
    query = parse_query_text(text, Path(origin), name=origin, require_header=False)
    declared = {p.name for p in query.parameters}
    extra = tuple(Parameter(name, infer_type(value), value, "given on the command line")
                  for name, value in params.items() if name not in declared)
    if extra and form.group(1).upper() != "SELECT":
        raise InputError("parameters are bound into SELECT queries only (pyoxigraph binds projected variables)",
                         file=origin)
    query = replace(query, parameters=query.parameters + extra)
    if extra:
        from builder.query.queries import check_parameters_projected

        check_parameters_projected(text, list(query.parameters), Path(origin))
    return AdhocQuery(query, form.group(1).upper())


def infer_type(value: str) -> str:
    """The parameter type a value is written in (see the module docstring)."""
    if value.startswith("<") and value.endswith(">"):
        return "iri"
    if _DATE.match(value):
        return "date"
    if _INTEGER.match(value):
        return "integer"
    if _DECIMAL.match(value):
        return "decimal"
    prefix, colon, local = value.partition(":")
    if colon and not local.startswith("//") and re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", prefix):
        from builder.namespaces import PREFIXES

        if prefix in PREFIXES or prefix == "id":
            return "iri"
    if re.match(r"^(?:https?|urn):", value):
        return "iri"
    return "string"


def string_value(value: str) -> str:
    """`"42"` → `42`: the quotes only say that a value that looks like a number is a string."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def run_local(adhoc: AdhocQuery, out_dir: Path, params: dict[str, str]):
    """Run on the embedded store; a SELECT gives a QueryResult, ASK a bool, a graph query sorted triples."""
    from builder.query.sparql_run import run_oxigraph, syntax_message, with_union_graph
    from builder.query.store import load_store

    bindings = adhoc.query.bindings({k: string_value(v) for k, v in params.items()})
    store = load_store(out_dir)
    if adhoc.form == "SELECT":
        return run_oxigraph(store, adhoc.query, bindings)
    try:
        answer = with_union_graph(store).query(adhoc.query.text)
    except SyntaxError as error:
        raise InputError(f"SPARQL syntax error: {syntax_message(error)}", file=str(adhoc.query.path)) from None
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    return sorted(set(answer), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def format_boolean(value: bool, output_format: str) -> str:
    if output_format == "json":
        return '{"head": {}, "boolean": ' + ("true" if value else "false") + "}\n"
    return ("true" if value else "false") + "\n"


def format_triples(triples: list, output_format: str) -> str:
    """Sorted N-Triples (`ntriples`, and `csv` which has no graph form), or Turtle with the project prefixes."""
    ntriples = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
    if output_format not in ("turtle", "table"):
        return ntriples
    # rdflib's Turtle writer sorts subjects and writes only the prefixes it uses: a stable, diffable answer
    # (pyoxigraph's writer emits every prefix given, in hash order)
    import rdflib

    from builder.namespaces import PREFIXES

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=ntriples, format="nt")
    return graph.serialize(format="turtle")


def run_remote(adhoc: AdhocQuery, url: str, params: dict[str, str], *, timeout: float):
    """Run on a SPARQL 1.1 endpoint: SELECT and ASK as SPARQL JSON, graph queries as N-Triples."""
    from builder.query.sparql_run import endpoint_json, run_endpoint

    bindings = adhoc.query.bindings({k: string_value(v) for k, v in params.items()})
    if adhoc.form == "SELECT":
        return run_endpoint(url, adhoc.query, bindings, timeout=timeout)
    if adhoc.form == "ASK":
        answer = endpoint_json(url, adhoc.query.text, timeout=timeout)
        if not isinstance(answer.get("boolean"), bool):
            raise InputError(f"the SPARQL endpoint {url} did not answer the ASK query with a boolean")
        return answer["boolean"]
    return sorted(set(_remote_triples(url, adhoc.query.text, timeout)),
                  key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _remote_triples(url: str, text: str, timeout: float) -> list:
    """A graph query's answer as N-Triples, through the same deadline-bound exchange as every endpoint call."""
    from builder.query.sparql_run import endpoint_answer

    answer = endpoint_answer(url, text, "application/n-triples", timeout=timeout)
    try:
        return list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise InputError(f"the SPARQL endpoint {url} did not answer with N-Triples: {error}") from None
