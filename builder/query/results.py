"""Query results in one engine-neutral shape, their SPARQL result formats, and their comparison.

Whatever ran the query (pyoxigraph, rdflib, a remote endpoint), the answer becomes a `QueryResult` of
pyoxigraph terms, so results from the three paths compare exactly and print identically. Formats:
`table` (aligned, IRIs shortened with the project prefixes), `csv` (SPARQL 1.1 Query Results CSV) and
`json` (SPARQL 1.1 Query Results JSON, also the format of the expected-result files in tests/).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from builder.namespaces import RDF, XSD, split_iri
from builder.terminal import escape_controls

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = tuple[Term | None, ...]

XSD_STRING = str(XSD.string)
RDF_LANG_STRING = str(RDF.langString)


@dataclass(frozen=True)
class QueryResult:
    variables: tuple[str, ...]
    rows: tuple[Row, ...]

    def keys(self) -> list[tuple[str, ...]]:
        """Each row as canonical N-Triples forms ('' for unbound): the unit of comparison."""
        return [tuple(comparison_key(term) for term in row) for row in self.rows]


_INTEGER_TYPES = {str(XSD[name]) for name in (
    "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_DECIMAL = str(XSD.decimal)


def comparison_key(term: Term | None) -> str:
    """The N-Triples form, with numbers written canonically; the unit in which results are compared.

    Engines keep different forms of the same number. pyoxigraph stores `1500.0`^^xsd:decimal as `1500`
    (rdflib keeps `1500.0`), and an Oxigraph store keeps no integer subtype: `"5"^^xsd:nonNegativeInteger`
    comes back as `"5"^^xsd:integer` (measured with pyoxigraph 0.5.13). Both denote the same value in XSD,
    so integers of every built-in subtype compare as xsd:integer and decimals by value.
    """
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and (term.datatype.value in _INTEGER_TYPES or term.datatype.value == _DECIMAL):
        try:
            number = Decimal(term.value.strip())
        except InvalidOperation:
            return str(term)
        datatype = _DECIMAL if term.datatype.value == _DECIMAL else str(XSD.integer)
        return str(ox.Literal(format(number.normalize(), "f"), datatype=ox.NamedNode(datatype)))
    return str(term)


def from_oxigraph(solutions: ox.QuerySolutions) -> QueryResult:
    variables = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(solution[v] for v in variables) for solution in solutions)
    return QueryResult(variables, rows)


def from_rdflib(result) -> QueryResult:
    variables = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(rdflib_to_oxigraph(row[i]) for i in range(len(variables))) for row in result)
    return QueryResult(variables, rows)


def rdflib_to_oxigraph(term) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected rdflib term {term!r}")


def oxigraph_to_rdflib(term: Term):
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    # normalize=False: rdflib must not rewrite the lexical form the user or the header gave
    return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)


def from_json(document: dict) -> QueryResult:
    """SPARQL 1.1 Query Results JSON (a parsed document) → QueryResult."""
    variables = tuple(document["head"]["vars"])
    rows = tuple(
        tuple(json_to_term(binding[v]) if v in binding else None for v in variables)
        for binding in document["results"]["bindings"]
    )
    return QueryResult(variables, rows)


def json_to_term(value: dict) -> Term:
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if kind in ("literal", "typed-literal"):  # "typed-literal": the SPARQL 1.0-era JSON some servers send
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    raise ValueError(f"unknown term type {kind!r} in SPARQL JSON results")


def term_to_json(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    value: dict = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        value["datatype"] = term.datatype.value
    return value


def to_json(result: QueryResult) -> str:
    document = {
        "head": {"vars": list(result.variables)},
        "results": {
            "bindings": [
                {var: term_to_json(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
                for row in result.rows
            ]
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as their plain values, blank nodes as `_:id`, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else ("_:" + t.value if isinstance(t, ox.BlankNode) else t.value)
                         for t in row])
    return buffer.getvalue()


def shorten(term: Term | None, *, width: int = 80) -> str:
    """A compact, readable cell: prefixed names for IRIs, the lexical form for plain and common literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return prefixed_name(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    text = escape_controls(term.value)  # ESC, newline … written visibly, never sent raw to a terminal
    if len(text) > width:
        text = text[: width - 1] + "…"
    if term.language:
        return f"{text}@{term.language}"
    return text


def prefixed_name(iri: str) -> str:
    split = split_iri(iri)
    return f"{split[0]}:{split[1]}" if split else f"<{iri}>"


def to_table(result: QueryResult) -> str:
    header = list(result.variables)
    cells = [[shorten(term) for term in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(r) for r in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


FORMATTERS = {"table": to_table, "csv": to_csv, "json": to_json}


@dataclass(frozen=True)
class Difference:
    only_expected: list[tuple[str, ...]]
    only_actual: list[tuple[str, ...]]
    order_differs: bool = False

    def __bool__(self) -> bool:
        return bool(self.only_expected or self.only_actual or self.order_differs)

    def render(self, variables: tuple[str, ...]) -> str:
        out = []
        for label, rows in (("only in expected", self.only_expected), ("only in actual", self.only_actual)):
            for row in rows:
                out.append(f"{label}: " + ", ".join(f"?{v}={c}" for v, c in zip(variables, row, strict=True)))
        if self.order_differs and not out:
            out.append("same rows, different order (the query is ordered)")
        return "\n".join(out)


def compare(expected: QueryResult, actual: QueryResult, *, ordered: bool) -> Difference:
    """Multiset comparison of rows (N-Triples forms), plus row order when the query orders its results."""
    if set(expected.variables) != set(actual.variables):
        return Difference([("variables",) + expected.variables], [("variables",) + actual.variables])
    # align columns by name: engines may list projected variables in any order for SELECT *
    index = [actual.variables.index(v) for v in expected.variables]
    actual_keys = [tuple(row[i] for i in index) for row in actual.keys()]
    expected_keys = expected.keys()
    missing = Counter(expected_keys) - Counter(actual_keys)
    extra = Counter(actual_keys) - Counter(expected_keys)
    return Difference(
        sorted(missing.elements()),
        sorted(extra.elements()),
        order_differs=ordered and not missing and not extra and expected_keys != actual_keys,
    )
