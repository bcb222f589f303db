"""A fast SHACL path: the shapes compiled to SPARQL and run set-at-a-time on pyoxigraph.

pySHACL (builder.validate.shacl) walks focus node by focus node in Python over an rdflib graph; at a million
triples that takes hours. Here every constraint of every shape becomes one SPARQL SELECT that returns all
of its violations at once (`?this`, and `?value` where the constraint is about a value node), evaluated by
Oxigraph's engine over an in-memory store. The results are the same `validate.Result`s pySHACL gives —
same focus node, path, source shape, constraint component and severity, one per value node as SHACL
defines — and tests/test_fastvalidate.py checks that on every must-fail example. pySHACL stays the
reference.

Supported: targets `sh:targetClass` (through `rdfs:subClassOf*` in the data, like SHACL), `targetNode`,
`targetSubjectsOf`, `targetObjectsOf`; property shapes with a predicate or inverse path; the core
components `class`, `datatype` (lexical form checked too, like rdflib's ill-typed literals), `nodeKind`,
`minCount`, `maxCount`, `minLength`, `maxLength`, `pattern`, `languageIn`, `uniqueLang`, `in`, `hasValue`,
`min/maxInclusive`, `min/maxExclusive`, `equals`, `disjoint`, `lessThan(OrEquals)`, `node`, `or`, `and`,
`not`; SHACL-SPARQL `sh:sparql` SELECT constraints. Anything else raises `UnsupportedShapes` when the
shapes are compiled, never a silent pass (SHACL-AF custom targets included: use pySHACL for those).

SHACL-SPARQL constraints are run once over the whole graph with `$this` free and their rows kept for the
focus nodes of the shape: the same as pre-binding `$this` for queries whose pattern binds `$this` itself
(every constraint in shapes/), which is the usual set-at-a-time reading of SHACL-SPARQL.

Shape data is validated as one graph: the union of all named graphs (as builder.validate.shacl does), plus the
ontology's `rdfs:subClassOf` axioms and the types of its individuals.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from builder.errors import CpskgError
from builder.namespaces import RDF
from builder.rdfload import read_quads
from builder.validate.shacl import DEFAULT_ONTOLOGY, DEFAULT_SHAPES, Result, ValidationReport, to_rdflib

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode(str(RDF.type))
RDF_FIRST = ox.NamedNode(str(RDF.first))
RDF_REST = ox.NamedNode(str(RDF.rest))
RDF_NIL = ox.NamedNode(str(RDF.nil))
SUBCLASS_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
XSD = "http://www.w3.org/2001/XMLSchema#"

# How to check that a literal's lexical form is valid for its datatype: cast its string and see that the
# cast succeeds (Oxigraph fails a cast of an ill-typed lexical form, as rdflib flags it ill-typed).
_LEXICAL_CHECK = {
    XSD + name: (cast, bound)
    for name, cast, bound in [
        ("integer", "integer", ""), ("decimal", "decimal", ""), ("double", "double", ""), ("float", "float", ""),
        ("boolean", "boolean", ""), ("date", "date", ""), ("dateTime", "dateTime", ""), ("time", "time", ""),
        ("nonNegativeInteger", "integer", ">= 0"), ("positiveInteger", "integer", "> 0"),
        ("nonPositiveInteger", "integer", "<= 0"), ("negativeInteger", "integer", "< 0"),
        ("gYear", "gYear", ""), ("duration", "duration", ""),
    ]
}
_NODE_KIND = {
    "IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "!isLiteral({v})", "BlankNodeOrLiteral": "!isIRI({v})", "IRIOrLiteral": "!isBlank({v})",
}
_COMPARISONS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
_PAIR_COMPARISONS = {"lessThan": "<", "lessThanOrEquals": "<="}
SHADOW = "urn:x-cpskg-fastvalidate:"


def _normalised_datatypes() -> frozenset[str]:
    """The datatypes an Oxigraph store does not keep: it stores "14"^^xsd:nonNegativeInteger (and every
    other type derived from xsd:integer) as "14"^^xsd:integer, so neither DATATYPE() nor sameTerm() can
    see the declared type. Found by storing one literal of each candidate type and reading it back."""
    candidates = ["int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
                  "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
                  "normalizedString", "token", "language", "dateTimeStamp"]
    probe = ox.Store()
    predicate = ox.NamedNode(SHADOW + "probe")
    for name in candidates:
        probe.add(ox.Quad(ox.NamedNode(SHADOW + name), predicate, ox.Literal("1", datatype=ox.NamedNode(XSD + name))))
    kept = {q.subject.value.removeprefix(SHADOW) for q in probe
            if q.object.datatype.value == XSD + q.subject.value.removeprefix(SHADOW)}
    return frozenset(XSD + name for name in candidates if name not in kept)


NORMALISED_DATATYPES = _normalised_datatypes()


def shadow_predicate(predicate: ox.NamedNode) -> ox.NamedNode:
    return ox.NamedNode(f"{SHADOW}declared:{predicate.value}")


def shadow_datatype(datatype: ox.NamedNode) -> ox.NamedNode:
    return ox.NamedNode(f"{SHADOW}as:{datatype.value}")


# The value spaces of the integer types an Oxigraph store rewrites (inclusive bounds, None: unbounded).
_INTEGER_RANGES = {
    "nonNegativeInteger": (0, None), "positiveInteger": (1, None), "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1), "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1),
    "short": (-2**15, 2**15 - 1), "byte": (-128, 127), "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255),
}


def _well_typed(literal: ox.Literal) -> bool:
    low, high = _INTEGER_RANGES.get(literal.datatype.value.removeprefix(XSD), (None, None))
    number = _as_int(literal.value)
    return number is not None and (low is None or number >= low) and (high is None or number <= high)


def with_declared_datatypes(quads: Iterable[ox.Quad | ox.Triple]) -> Iterable[ox.Quad]:
    """The data as default-graph quads, plus, for each literal whose datatype the store would rewrite, a
    shadow triple `s <declared:p> "lexical"^^<as:datatype>` recording the declared type. An ill-typed one
    ("-3"^^xsd:nonNegativeInteger) is stored under the private datatype, so that, as in rdflib, it is no
    number and every comparison with it fails."""
    default = ox.DefaultGraph()
    for quad in quads:
        value = quad.object
        if isinstance(value, ox.Literal) and value.datatype.value in NORMALISED_DATATYPES:
            declared = ox.Literal(value.value, datatype=shadow_datatype(value.datatype))
            yield ox.Quad(quad.subject, quad.predicate, value if _well_typed(value) else declared, default)
            yield ox.Quad(quad.subject, shadow_predicate(quad.predicate), declared, default)
        else:
            yield ox.Quad(quad.subject, quad.predicate, value, default)


# Components whose results carry no sh:value (they are about the set of values, not one of them).
_NO_VALUE = {"minCount", "maxCount", "uniqueLang"}
# Parameters that are not constraints of their own (or are handled together with another parameter).
_NOT_CONSTRAINTS = {"path", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property",
                    "message", "severity", "deactivated", "name", "description", "order", "group", "flags",
                    "defaultValue", "prefixes", "declare", "select", "labelTemplate"}
_VALUE_COMPONENTS = {"class", "datatype", "nodeKind", "minLength", "maxLength", "pattern", "languageIn", "in",
                     "node", "or", "and", "not", "xone", *_COMPARISONS}


class UnsupportedShapes(CpskgError):
    """The shapes use a SHACL feature the fast path does not compile; validate with pySHACL instead."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SELECT returning `?this` (and `?value`, `?path`, template variables)."""

    query: str
    shape: ox.NamedNode | ox.BlankNode
    component: str
    path: ox.NamedNode | None
    severity: ox.NamedNode
    message: str | None
    focus_query: str | None = None  # SHACL-SPARQL: the rows are kept for these focus nodes only


def sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(SH + name)


class ShapesCompiler:
    def __init__(self, shapes: ox.Store):
        self.shapes = shapes

    # -- reading the shapes graph ------------------------------------------------------------------------

    def values(self, node, name: str) -> list:
        return sorted((q.object for q in self.shapes.quads_for_pattern(node, sh(name), None)), key=str)

    def value(self, node, name: str):
        found = self.values(node, name)
        return found[0] if found else None

    def rdf_list(self, head) -> list:
        items = []
        while head != RDF_NIL:
            items.append(next(self.shapes.quads_for_pattern(head, RDF_FIRST, None)).object)
            head = next(self.shapes.quads_for_pattern(head, RDF_REST, None)).object
        return items

    def parameters(self, shape) -> set[str]:
        return {q.predicate.value.removeprefix(SH) for q in self.shapes.quads_for_pattern(shape, None, None)
                if q.predicate.value.startswith(SH)}

    # -- compiling --------------------------------------------------------------------------------------

    def compile(self) -> list[Check]:
        checks: list[Check] = []
        node_shapes = {q.subject for q in self.shapes.quads_for_pattern(None, RDF_TYPE, sh("NodeShape"))}
        for predicate in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target"):
            node_shapes |= {q.subject for q in self.shapes.quads_for_pattern(None, sh(predicate), None)}
        for shape in sorted(node_shapes, key=str):
            targets = self.target_pattern(shape)
            if targets is None or self.is_deactivated(shape):
                continue
            checks += self.shape_checks(shape, targets, path=None)
            for property_shape in self.values(shape, "property"):
                if not self.is_deactivated(property_shape):
                    checks += self.shape_checks(property_shape, targets, path=self.path(property_shape))
        return checks

    def is_deactivated(self, shape) -> bool:
        flag = self.value(shape, "deactivated")
        return isinstance(flag, ox.Literal) and flag.value == "true"

    def target_pattern(self, shape) -> str | None:
        if self.values(shape, "target"):
            raise UnsupportedShapes(f"SHACL-AF custom target on {shape}: validate with pySHACL")
        patterns = [f"{{ ?this {SUBCLASS_PATH} {c} }}" for c in self.values(shape, "targetClass")]
        patterns += [f"{{ BIND({n} AS ?this) }}" for n in self.values(shape, "targetNode")]
        patterns += [f"{{ ?this {p} ?targetObject }}" for p in self.values(shape, "targetSubjectsOf")]
        patterns += [f"{{ ?targetSubject {p} ?this }}" for p in self.values(shape, "targetObjectsOf")]
        if not patterns:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(patterns) + " } }"

    def path(self, property_shape) -> tuple[str, ox.NamedNode]:
        path = self.value(property_shape, "path")
        if isinstance(path, ox.NamedNode):
            return str(path), path
        inverse = self.value(path, "inversePath") if isinstance(path, ox.BlankNode) else None
        if isinstance(inverse, ox.NamedNode):
            raise UnsupportedShapes(f"inverse path on {property_shape}: results would name a blank path node")
        raise UnsupportedShapes(f"complex property path on {property_shape}: validate with pySHACL")

    def shape_checks(self, shape, targets: str, path: tuple[str, ox.NamedNode] | None) -> list[Check]:
        """The checks of one shape's own constraints, for the focus nodes of `targets`."""
        parameters = self.parameters(shape)
        nested = {"property"} if path is not None else set()
        unknown = parameters - _NOT_CONSTRAINTS - _VALUE_COMPONENTS - nested - {
            "minCount", "maxCount", "uniqueLang", "hasValue", "equals", "disjoint", "sparql", *_PAIR_COMPARISONS}
        if unknown or nested & parameters:
            raise UnsupportedShapes(f"{shape} uses {sorted(unknown | (nested & parameters))}: validate with pySHACL")
        severity = self.value(shape, "severity") or sh("Violation")
        message = self.value(shape, "message")
        message_text = message.value if isinstance(message, ox.Literal) else None
        predicate, path_node = path if path else ("?this_is_no_path", None)
        # The value nodes: the focus node itself for a node shape, the path's objects for a property shape.
        values = f"?this {predicate} ?value ." if path else "BIND(?this AS ?value)"
        checks = []

        def add(component: str, where: str, *, distinct: bool = True, tail: str = "") -> None:
            select = "SELECT DISTINCT ?this ?value" if distinct else "SELECT ?this ?value"
            query = f"{select} WHERE {{ {targets} {where} }} {tail}"
            checks.append(Check(query, shape, component, path_node, severity, message_text))

        for name in sorted(parameters & _VALUE_COMPONENTS):
            for argument in self.values(shape, name):
                ok = self.value_condition(name, argument, "?value", ("?this", predicate) if path else None, shape)
                add(name, f"{values} FILTER(!COALESCE({ok}, false))")
        if path:
            for count in self.values(shape, "minCount"):
                if int(count.value) == 1:
                    add("minCount", f"FILTER NOT EXISTS {{ ?this {predicate} ?any }}")
                else:
                    add("minCount", f"OPTIONAL {{ ?this {predicate} ?any }}", distinct=False,
                        tail=f"GROUP BY ?this ?value HAVING (COUNT(DISTINCT ?any) < {int(count.value)})")
            for count in self.values(shape, "maxCount"):
                add("maxCount", f"?this {predicate} ?any", distinct=False,
                    tail=f"GROUP BY ?this ?value HAVING (COUNT(DISTINCT ?any) > {int(count.value)})")
            if any(flag.value == "true" for flag in self.values(shape, "uniqueLang")):
                add("uniqueLang", f"?this {predicate} ?any . FILTER(LANG(?any) != \"\")", distinct=False,
                    tail="GROUP BY ?this ?value (LANG(?any) AS ?language) HAVING (COUNT(DISTINCT ?any) > 1)")
            for other in self.values(shape, "equals"):
                add("equals", f"{{ {values} FILTER NOT EXISTS {{ ?this {other} ?value }} }} UNION "
                              f"{{ ?this {other} ?value FILTER NOT EXISTS {{ ?this {predicate} ?value }} }}")
            for other in self.values(shape, "disjoint"):
                add("disjoint", f"{values} ?this {other} ?value")
            for name, operator in _PAIR_COMPARISONS.items():
                for other in self.values(shape, name):
                    add(name, f"{values} ?this {other} ?other FILTER(!COALESCE(?value {operator} ?other, false))",
                        distinct=False)
        for expected in self.values(shape, "hasValue"):
            where = (f"FILTER NOT EXISTS {{ ?this {predicate} {expected} }}" if path
                     else f"FILTER(!sameTerm(?this, {expected}))")
            add("hasValue", where)
        for constraint in self.values(shape, "sparql"):
            checks.append(self.sparql_check(shape, constraint, targets, path_node, severity))
        return checks

    def sparql_check(self, shape, constraint, targets: str, path_node, severity) -> Check:
        select = self.value(constraint, "select")
        if not isinstance(select, ox.Literal):
            raise UnsupportedShapes(f"SPARQL constraint {constraint} has no sh:select")
        prefixes = "".join(
            f"PREFIX {self.value(d, 'prefix').value}: <{self.value(d, 'namespace').value}>\n"
            for source in self.values(constraint, "prefixes") for d in self.values(source, "declare"))
        query = prefixes + re.sub(r"\$(this|value|PATH|currentShape|shapesGraph)\b", r"?\1", select.value)
        message = self.value(constraint, "message") or self.value(shape, "message")
        constraint_severity = self.value(constraint, "severity") or severity
        return Check(query, shape, "SPARQL", path_node, constraint_severity,
                     message.value if isinstance(message, ox.Literal) else None,
                     focus_query=f"SELECT ?this WHERE {{ {targets} }}")

    def value_condition(self, name: str, argument, v: str, owner: tuple[str, str] | None = None,
                        shape=None) -> str:
        """A SPARQL expression, true when the value node `v` satisfies the constraint. `owner` is the focus
        variable and predicate the value was reached by (for the declared-datatype shadows)."""
        if name == "class":
            return f"EXISTS {{ {v} {SUBCLASS_PATH} {argument} }}"
        if name == "datatype":
            return self.datatype_condition(argument, v, owner)
        if name == "nodeKind":
            return _NODE_KIND[argument.value.removeprefix(SH)].format(v=v)
        if name in ("minLength", "maxLength"):
            operator = ">=" if name == "minLength" else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {operator} {int(argument.value)})"
        if name == "pattern":
            flags = self.value(shape, "flags") if shape is not None else None
            flags_text = ox.Literal(flags.value if flags is not None else "")
            return f"(!isBlank({v}) && REGEX(STR({v}), {ox.Literal(argument.value)}, {flags_text}))"
        if name == "languageIn":
            tags = " || ".join(f"langMatches(LANG({v}), {ox.Literal(t.value)})" for t in self.rdf_list(argument))
            return f"({tags or 'false'})"
        if name == "in":
            members = " || ".join(f"sameTerm({v}, {m})" for m in self.rdf_list(argument))
            return f"({members or 'false'})"
        if name in _COMPARISONS:
            return f"({v} {_COMPARISONS[name]} {argument})"
        if name == "node":
            return self.conforms(argument, v)
        if name == "not":
            return f"!{self.conforms(argument, v)}"
        if name in ("or", "and"):
            joined = (" || " if name == "or" else " && ").join(self.conforms(m, v) for m in self.rdf_list(argument))
            return f"({joined})"
        raise UnsupportedShapes(f"sh:{name} is not compiled by the fast path")

    def datatype_condition(self, datatype: ox.NamedNode, v: str, owner: tuple[str, str] | None) -> str:
        checks = [f"isLiteral({v})"]
        if datatype.value in NORMALISED_DATATYPES and owner:
            # The store holds the value as xsd:integer: the shadow triple says what was declared.
            this, predicate = owner
            shadow, declared = shadow_predicate(ox.NamedNode(predicate[1:-1])), shadow_datatype(datatype)
            checks.append(f"EXISTS {{ {this} {shadow} ?declared FILTER(DATATYPE(?declared) = {declared} && "
                          f"COALESCE(<{XSD}integer>(STR(?declared)) = {v}, false)) }}")
        else:
            checks.append(f"DATATYPE({v}) = {datatype}")
            if datatype.value == XSD + "string":
                checks.append(f"LANG({v}) = \"\"")
            if datatype.value == XSD + "integer" and owner:
                this, predicate = owner
                shadow = shadow_predicate(ox.NamedNode(predicate[1:-1]))
                checks.append(f"NOT EXISTS {{ {this} {shadow} ?declared FILTER("
                              f"COALESCE(<{XSD}integer>(STR(?declared)) = {v}, false)) }}")
        lexical = _LEXICAL_CHECK.get(datatype.value)
        if lexical:
            cast, bound = lexical
            converted = f"<{XSD}{cast}>(STR({v}))"
            check = f"{converted} {bound}" if bound else f"isLiteral({converted})"
            checks.append(f"COALESCE({check}, false)")
        return "(" + " && ".join(checks) + ")"

    def conforms(self, shape, v: str) -> str:
        """A SPARQL expression, true when node `v` conforms to `shape` (used by node, or, and, not)."""
        parameters = self.parameters(shape) - {"message", "severity", "name", "description", "flags"}
        value_components = sorted(parameters & _VALUE_COMPONENTS)
        parts = []
        if "path" in parameters:
            predicate, _ = self.path(shape)
            inner = " || ".join(f"!COALESCE({self.value_condition(n, a, '?inner', (v, predicate), shape)}, false)"
                                for n in value_components for a in self.values(shape, n))
            if inner:
                parts.append(f"NOT EXISTS {{ {v} {predicate} ?inner FILTER({inner}) }}")
            for count in self.values(shape, "minCount"):
                if int(count.value) > 1:
                    raise UnsupportedShapes(f"minCount above 1 inside {shape}: use pySHACL")
                parts.append(f"EXISTS {{ {v} {predicate} ?inner }}" if int(count.value) == 1 else "true")
            parts += [f"EXISTS {{ {v} {predicate} {expected} }}" for expected in self.values(shape, "hasValue")]
            unsupported = parameters - _VALUE_COMPONENTS - {"path", "minCount", "hasValue"}
        else:
            parts += [f"COALESCE({self.value_condition(n, a, v, None, shape)}, false)"
                      for n in value_components for a in self.values(shape, n)]
            parts += [f"sameTerm({v}, {expected})" for expected in self.values(shape, "hasValue")]
            unsupported = parameters - _VALUE_COMPONENTS - {"hasValue"}
        if unsupported:
            raise UnsupportedShapes(f"{shape} uses {sorted(unsupported)} inside sh:node/sh:or: use pySHACL")
        return "(" + (" && ".join(parts) or "true") + ")"


@functools.lru_cache(maxsize=4)
def _compiled(shapes_path: Path, mtime_ns: int) -> tuple[Check, ...]:
    store = ox.Store()
    store.bulk_load(path=str(shapes_path), format=ox.RdfFormat.TURTLE)
    return tuple(ShapesCompiler(store).compile())


def compile_shapes(shapes_path: Path = DEFAULT_SHAPES) -> tuple[Check, ...]:
    shapes_path = Path(shapes_path).resolve()
    return _compiled(shapes_path, shapes_path.stat().st_mtime_ns)


_ONTOLOGY_SUPPORT = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
CONSTRUCT { ?s ?p ?o } WHERE {
  { ?s rdfs:subClassOf ?o . BIND(rdfs:subClassOf AS ?p) FILTER(isIRI(?s) && isIRI(?o)) }
  UNION
  { ?s a ?o . ?o a owl:Class . BIND(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> AS ?p)
    FILTER(isIRI(?s) && STRSTARTS(STR(?s), "https://w3id.org/cpskg/ontology#"))
    FILTER NOT EXISTS { ?s a owl:Class } }
}"""


@functools.lru_cache(maxsize=4)
def _ontology_triples(path: Path, mtime_ns: int) -> tuple[ox.Triple, ...]:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return tuple(sorted(store.query(_ONTOLOGY_SUPPORT), key=str))


def ontology_support(ontology_path: Path = DEFAULT_ONTOLOGY) -> tuple[ox.Triple, ...]:
    """What the shapes need from the ontology (as builder.validate.shacl.vocabulary_triples): named-class
    `rdfs:subClassOf` axioms and the `rdf:type` of the ontology's own individuals."""
    ontology_path = Path(ontology_path).resolve()
    return _ontology_triples(ontology_path, ontology_path.stat().st_mtime_ns)


def union_store(quads: Iterable[ox.Quad | ox.Triple], ontology_path: Path | None = DEFAULT_ONTOLOGY) -> ox.Store:
    """An in-memory store whose default graph is the union of the data's graphs plus the ontology support."""
    store = ox.Store()
    store.bulk_extend(with_declared_datatypes(quads))
    if ontology_path is not None:
        store.bulk_extend(with_declared_datatypes(ontology_support(ontology_path)))
    return store


def validate_store(store: ox.Store, shapes_path: Path = DEFAULT_SHAPES, triples: int | None = None) -> ValidationReport:
    """Run every compiled check on the store's default graph."""
    results = []
    for check in compile_shapes(shapes_path):
        rows = store.query(check.query)
        focus = None if check.focus_query is None else {s["this"] for s in store.query(check.focus_query)}
        for row in rows:
            this = row["this"]
            if this is None or (focus is not None and this not in focus):
                continue
            results.append(_result(check, row, rows.variables, store))
    return ValidationReport(results=tuple(sorted(results)), triples=len(store) if triples is None else triples)


def validate_quads(quads: Iterable[ox.Quad | ox.Triple], shapes_path: Path = DEFAULT_SHAPES,
                   ontology_path: Path | None = DEFAULT_ONTOLOGY) -> ValidationReport:
    """Validate the union of the graphs of `quads` (what builder.validate.shacl.validate_graph does, fast)."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return validate_store(union_store(triples, ontology_path), shapes_path, triples=len(triples))


def validate_file(path: Path, shapes_path: Path = DEFAULT_SHAPES,
                  ontology_path: Path | None = DEFAULT_ONTOLOGY) -> ValidationReport:
    """Validate a file, read as strictly as the reference validator reads it (same errors, exit 2)."""
    return validate_quads(read_quads(Path(path)), shapes_path, ontology_path)


def _result(check: Check, row: ox.QuerySolution, variables: list[ox.Variable], store: ox.Store) -> Result:
    path = check.path
    if any(v.value == "path" for v in variables) and row["path"] is not None:
        path = row["path"]
    names = {v.value for v in variables}
    # sh:value: the value node for value constraints (the focus node itself for a node shape's), the
    # ?value column of a SPARQL constraint; none for counts.
    value = row["value"] if "value" in names and check.component not in _NO_VALUE else None
    if check.component == "SPARQL" and value is None:
        value = row["this"]  # SHACL-SPARQL: sh:value is the focus node when ?value is not selected
    if isinstance(value, ox.Literal) and isinstance(path, ox.NamedNode):
        value = _declared(store, row["this"], path, value)
    message = check.message or f"{check.component} constraint not satisfied"
    if check.component == "SPARQL" and check.message:
        message = re.sub(r"\{[?$](\w+)\}", lambda m: _lexical(row[m.group(1)]) if m.group(1) in
                         {v.value for v in variables} else m.group(0), check.message)
    return Result(
        severity=to_rdflib(check.severity),
        focus_node=to_rdflib(row["this"]),
        result_path=to_rdflib(path) if path is not None else None,
        source_shape=to_rdflib(check.shape),
        message=message,
        constraint=to_rdflib(sh(_component_iri(check.component))),
        value=to_rdflib(value) if value is not None else None,
    )


def _declared(store: ox.Store, this, path: ox.NamedNode, value: ox.Literal) -> ox.Literal:
    """The value as the data declared it (the store may have rewritten its datatype to xsd:integer)."""
    if value.datatype.value.startswith(f"{SHADOW}as:"):
        return ox.Literal(value.value, datatype=ox.NamedNode(value.datatype.value.removeprefix(f"{SHADOW}as:")))
    if value.datatype.value != XSD + "integer":
        return value
    for quad in store.quads_for_pattern(this, shadow_predicate(path), None):
        shadow = quad.object
        if _as_int(shadow.value) == _as_int(value.value):
            return ox.Literal(shadow.value, datatype=ox.NamedNode(shadow.datatype.value.removeprefix(f"{SHADOW}as:")))
    return value


def _as_int(lexical: str) -> int | None:
    try:
        return int(lexical.strip())
    except ValueError:
        return None


def _lexical(term) -> str:
    return "" if term is None else term.value


def _component_iri(component: str) -> str:
    return component[0].upper() + component[1:] + "ConstraintComponent"
