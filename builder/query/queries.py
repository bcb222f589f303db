"""The canned-query catalogue: `.rq` files with a header, and their named, typed parameters.

A canned query is one file, `queries/<noun>_<qualifier>.rq` (quality checks: `queries/qc/<check>-violation.rq`),
that starts with a comment header in the Wikidata Query Service / grlc style:

    #title: Quotations of a person
    #+ summary: Every quotation of one speaker, with the date said and the article.
    #+ description: Longer text; may be repeated, lines are joined with a space.
    #+ param: person string "Jesse Sharkey" — the speaker's label, compared exactly
    #+ ordered: true
    #+ needs: internet

Parameter syntax (documented for users in queries/README.md):
`#+ param: NAME TYPE DEFAULT — DOC`, where NAME is the SPARQL variable (`?NAME` in the query body), TYPE is
one of `iri`, `string`, `date`, `integer`, `decimal`, and DEFAULT is written as a value for that type:
a JSON-style double-quoted string for `string`, a full `<IRI>` or a prefixed name with a prefix of
`builder.namespaces.PREFIXES` for `iri`, a bare `YYYY-MM-DD`, integer or decimal otherwise.

Values become RDF terms here, once, through pyoxigraph constructors (which reject malformed IRIs), and are
then bound by the runners (`builder.query.sparql_run`): they are never pasted into query text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError
from builder.namespaces import CPS_ID, PREFIXES, XSD
from builder.resources import data_path

PARAMETER_TYPES = ("iri", "string", "date", "integer", "decimal")

# `#+ param: name type default — doc`; the separator before the doc may be an em dash or `--`.
_PARAM_LINE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)\s+(?P<default>\"(?:[^\"\\]|\\.)*\"|\S+)"
    r"\s*(?:(?:—|--)\s*(?P<doc>.*))?$"
)
_HEADER_LINE = re.compile(r"^#(?P<plus>\+)?\s*(?P<key>[a-z]+)\s*:\s?(?P<value>.*)$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str  # as written in the header, converted with `to_term` like a user value
    doc: str

    def to_term(self, value: str, *, origin: str) -> ox.NamedNode | ox.Literal:
        """Convert a user-supplied value (or the header default) to the RDF term that gets bound."""
        return parameter_term(self.type, value, origin=f"{origin}: parameter {self.name!r}")


@dataclass(frozen=True)
class CannedQuery:
    name: str  # `posts_by_person`, or `qc/label-missing-violation` for a quality check
    path: Path
    text: str
    title: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...] = ()
    ordered: bool = False
    needs: tuple[str, ...] = ()

    @property
    def is_quality_check(self) -> bool:
        return self.name.startswith("qc/")

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise InputError(f"unknown parameter {name!r} for query {self.name} (known: {known})")

    def bindings(self, overrides: dict[str, str] | None = None) -> dict[str, ox.NamedNode | ox.Literal]:
        """Every parameter as an RDF term: the user's value where given, the header default otherwise."""
        overrides = dict(overrides or {})
        for name in overrides:
            self.parameter(name)  # raises InputError for an unknown name
        terms: dict[str, ox.NamedNode | ox.Literal] = {}
        for parameter in self.parameters:
            if parameter.name in overrides:
                terms[parameter.name] = parameter.to_term(overrides[parameter.name], origin=self.name)
            else:
                terms[parameter.name] = parameter.to_term(parameter.default, origin=str(self.path))
        return terms


def parameter_term(kind: str, value: str, *, origin: str) -> ox.NamedNode | ox.Literal:
    """A typed RDF term from a textual value; InputError (naming `origin`) when the value is not valid."""
    try:
        if kind == "iri":
            return ox.NamedNode(expand_iri(value))
        if kind == "string":
            return ox.Literal(value)
        if kind == "date":
            day = dt.date.fromisoformat(value)  # rejects 2021-02-30 and datetimes
            return ox.Literal(day.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
        if kind == "integer":
            if not _INTEGER.match(value):
                raise ValueError("not an integer")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(str(XSD.integer)))
        if kind == "decimal":
            if not _DECIMAL.match(value):
                raise ValueError("not a decimal")
            return ox.Literal(_canonical_decimal(Decimal(value)), datatype=ox.NamedNode(str(XSD.decimal)))
    except (ValueError, InvalidOperation) as error:
        raise InputError(f"{origin}: {value!r} is not a valid {kind}: {error}") from None
    raise InputError(f"{origin}: unknown parameter type {kind!r} (known: {', '.join(PARAMETER_TYPES)})")


def expand_iri(value: str) -> str:
    """`<http://…>`, `http://…`, `urn:…` or a prefixed name (`person:Jesse_Sharkey`) → the full IRI string.

    The prefixed form is a convenience for the command line, expanded with the project's prefix map plus
    `id:` for the instance base (`id:person/Jesse_Sharkey`); it is not SPARQL's PN_LOCAL grammar, so `/`
    needs no escaping. A bare `word:rest` with an unknown prefix is refused rather than taken as an IRI of
    scheme `word` (a mistyped prefix would otherwise match nothing, silently). The result is checked by
    the caller through `pyoxigraph.NamedNode`, which rejects spaces, quotes and other non-IRI characters.
    """
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    prefix, colon, local = value.partition(":")
    prefixes = {**PREFIXES, "id": CPS_ID}
    if colon and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value) or value.startswith("urn:"):
        return value
    raise ValueError(f"unknown prefix {prefix!r}: write a full IRI in <…> or use one of "
                     + ", ".join(sorted(prefixes)))


def _canonical_decimal(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text if "." in text else text + ".0"


def parse_query_file(path: Path, name: str, *, require_header: bool = True) -> CannedQuery:
    """Read one `.rq` file and its header. Header errors name the file and line (InputError)."""
    return parse_query_text(path.read_text(encoding="utf-8"), path, name, require_header=require_header)


def parse_query_text(text: str, path: Path, name: str, *, require_header: bool = True) -> CannedQuery:
    """A query and its header. Without `require_header` (a researcher's own query, a folder of queries that
    is not the catalogue) a missing `#title:` or `#+ summary:` is allowed: the title is the name."""
    fields: dict[str, list[str]] = {}
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break  # the header is the leading block of comment lines
        match = _HEADER_LINE.match(line)
        if not match:
            continue  # a plain comment inside the header block
        key, value = match["key"], match["value"].strip()
        if key == "param":
            parameters.append(_parse_parameter(value, path, number))
        else:
            fields.setdefault(key, []).append(value)
    if not require_header:
        fields.setdefault("title", [name])
        fields.setdefault("summary", [""])
    for required in ("title", "summary"):
        if not fields.get(required):
            marker = "#title:" if required == "title" else f"#+ {required}:"
            raise InputError(f"the query header has no {marker!r} line", file=str(path))
    check_parameters_projected(text, parameters, path)
    ordered = " ".join(fields.get("ordered", ["false"])).lower()
    if ordered not in ("true", "false"):
        raise InputError(f"'#+ ordered:' must be true or false, not {ordered!r}", file=str(path))
    return CannedQuery(
        name=name,
        path=path,
        text=text,
        title=" ".join(fields["title"]),
        summary=" ".join(fields["summary"]),
        description=" ".join(fields.get("description", [])),
        parameters=tuple(parameters),
        ordered=ordered == "true",
        needs=tuple(word for value in fields.get("needs", []) for word in value.replace(",", " ").split()),
    )


def check_parameters_projected(text: str, parameters: list[Parameter], path: Path) -> None:
    """Each parameter must be a variable of the outermost SELECT clause.

    pyoxigraph's substitution (SEP-0007) only binds projected variables, and the bound value is returned
    as a column; requiring the same of every query keeps the three binding paths equivalent.
    """
    masked = mask_comments_and_strings(text)
    select = re.search(r"\bSELECT\b", masked, re.IGNORECASE)
    where = outer_where_brace(text, origin=str(path)) if parameters else 0
    clause = masked[select.end(): where] if select else ""
    for parameter in parameters:
        if not re.search(r"[?$]" + re.escape(parameter.name) + r"\b", clause):
            raise InputError(f"parameter {parameter.name!r} must be projected: add ?{parameter.name} to the SELECT "
                             "clause (and to GROUP BY when grouping)", file=str(path))


def _parse_parameter(value: str, path: Path, line: int) -> Parameter:
    match = _PARAM_LINE.match(value)
    if not match or match["type"] not in PARAMETER_TYPES:
        raise InputError(
            "expected '#+ param: NAME TYPE DEFAULT — DOC' with TYPE one of " + ", ".join(PARAMETER_TYPES),
            file=str(path), position=str(line),
        )
    default = match["default"]
    if match["type"] == "string":
        if not default.startswith('"'):
            raise InputError("a string default must be double-quoted", file=str(path), position=str(line))
        default = json.loads(default)
    parameter = Parameter(match["name"], match["type"], default, (match["doc"] or "").strip())
    parameter.to_term(parameter.default, origin=f"{path}:{line}")  # a bad default fails at load time
    return parameter


_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def outer_where_brace(text: str, *, origin: str = "query") -> int:
    """Offset of the `{` opening the outermost WHERE group, skipping comments, strings and IRIs."""
    masked = mask_comments_and_strings(text)
    match = _WHERE_BRACE.search(masked)
    if not match:
        raise InputError("the query has no 'WHERE {' to bind parameters into (write the WHERE keyword)",
                         file=origin)
    return match.end() - 1


def mask_comments_and_strings(text: str) -> str:
    """Same length as `text`, with comment, string and IRI contents blanked so that keywords in them vanish."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
        elif c in "\"'":
            quote = text[i: i + 3] if text[i: i + 3] in ('"""', "'''") else c
            end = i + len(quote)
            while end < n and not text.startswith(quote, end):
                end += 2 if text[end] == "\\" else 1
            end = min(n, end + len(quote))
        elif c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            end = i + re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]).end()
        else:
            i += 1
            continue
        for j in range(i, end):
            if out[j] != "\n":
                out[j] = " "
        i = end
    return "".join(out)


@dataclass
class Catalogue:
    """All canned queries under one directory, by name."""

    directory: Path
    queries: dict[str, CannedQuery] = field(default_factory=dict)

    def get(self, name: str) -> CannedQuery:
        key = name.removesuffix(".rq")
        if key not in self.queries:
            raise InputError(f"no canned query named {name!r} in {self.directory} "
                             f"(try one of: {', '.join(sorted(self.canned()))})")
        return self.queries[key]

    def canned(self) -> dict[str, CannedQuery]:
        return {name: query for name, query in sorted(self.queries.items()) if not query.is_quality_check}

    def quality_checks(self) -> dict[str, CannedQuery]:
        return {name: query for name, query in sorted(self.queries.items()) if query.is_quality_check}


def default_queries_dir() -> Path:
    """The packaged `queries/`."""
    return data_path("queries")


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """The catalogue of `directory` (default: the project's queries/). Only the project's own catalogue must
    have a header on every query (its README table is generated from them); a researcher's folder of plain
    `.rq` files is listed under the file names."""
    directory = Path(directory) if directory else default_queries_dir()
    if not directory.is_dir():
        raise InputError("the queries directory does not exist", file=str(directory))
    strict = directory.resolve() == default_queries_dir().resolve()
    catalogue = Catalogue(directory)
    for path in sorted(directory.glob("*.rq")):
        catalogue.queries[path.stem] = parse_query_file(path, path.stem, require_header=strict)
    for path in sorted(directory.glob("qc/*-violation.rq")):
        name = f"qc/{path.stem}"
        catalogue.queries[name] = parse_query_file(path, name, require_header=strict)
    return catalogue
