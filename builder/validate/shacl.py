"""SHACL validation of the knowledge graph and of the ontology, with pySHACL as the reference engine.

Choices worth knowing:

- **The union graph is validated, not each named graph.** Every relation lives in the named graph of the
  article that states it, but an entity's label may come from another article than the relation that
  points at it; the shapes describe the merged dataset (`output/cpskg.ttl`). pySHACL, handed an
  `rdflib.Dataset`, would validate each named graph on its own, so a dataset is merged first.
- **The ontology's `rdfs:subClassOf` axioms and the types of its individuals are mixed into the working
  copy of the data.** SHACL's class targets and `sh:class` follow `rdfs:subClassOf` *in the data graph*;
  with the axioms present, `sh:targetClass cps:Organization` reaches a node typed only `cps:LabourUnion`,
  whether or not the build materialised its superclass types; with the individuals' types present,
  `sh:class cps:Role` accepts `cps:PresidentRole`, so closed value lists live only in the ontology. Only
  these triples are added (a few hundred), never labels or definitions, so no ontology term becomes a
  focus node of a data shape. Pass `ontology_path=None` to validate exactly what is in the data.
- **`inference="none"`, `advanced=True`**: the build materialises types itself (fast, on pyoxigraph);
  advanced mode enables SHACL-AF SPARQL targets, which the ontology shapes use.
- **`conforms` means "no sh:Violation"**: warnings and infos are reported but do not fail a build.

Files are read strictly with pyoxigraph (rdflib accepts IRIs that strict parsers reject), then copied
into rdflib for pySHACL.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from builder.errors import InputError
from builder.namespaces import OWL, PREFIXES, RDF, RDFS, SH, XSD, split_iri
from builder.ontology import ONTOLOGY_PATH
from builder.rdfload import read_quads
from builder.resources import data_path

DEFAULT_SHAPES = data_path("shapes", "cpskg-shapes.ttl")
DEFAULT_ONTOLOGY_SHAPES = data_path("shapes", "ontology-shapes.ttl")
DEFAULT_ONTOLOGY = ONTOLOGY_PATH

SHAPES_NS = "https://w3id.org/cpskg/shapes#"
# The shapes' own prefix is added for reports only: it is not a prefix of the published data.
REPORT_PREFIXES: dict[str, str] = {**PREFIXES, "cpsh": SHAPES_NS, "sh": str(SH)}

# Most severe first, so a sorted report leads with what fails the build.
SEVERITY_RANK = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}



@functools.total_ordering
@dataclass(frozen=True)
class Result:
    """One SHACL validation result, with rdflib terms as pySHACL reports them."""

    severity: URIRef
    focus_node: Node
    result_path: Node | None
    source_shape: Node
    message: str
    constraint: URIRef
    value: Node | None = None  # sh:value: the offending value, or the offending span of a context

    def sort_key(self) -> tuple:
        return (
            SEVERITY_RANK.get(self.severity, len(SEVERITY_RANK)),
            self.focus_node.n3(),
            self.result_path.n3() if self.result_path is not None else "",
            self.source_shape.n3(),
            self.constraint.n3(),
            self.message,
            self.value.n3() if self.value is not None else "",
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    @property
    def is_violation(self) -> bool:
        return self.severity == SH.Violation


@dataclass(frozen=True)
class ValidationReport:
    """All results, sorted deterministically (severity, focus node, path, shape, constraint, message, value)."""

    results: tuple[Result, ...] = field(default_factory=tuple)
    triples: int = 0

    @property
    def conforms(self) -> bool:
        return not any(result.is_violation for result in self.results)

    @property
    def violations(self) -> tuple[Result, ...]:
        return tuple(result for result in self.results if result.is_violation)

    def counts(self) -> dict[str, int]:
        """Results per severity, by local name (Violation, Warning, Info), every severity present."""
        counted = Counter(local_name(result.severity) for result in self.results)
        return {local_name(severity): counted.get(local_name(severity), 0) for severity in SEVERITY_RANK}


# ---------------------------------------------------------------------------------------------------------
# Validation


def validate_graph(
    data: rdflib.Graph | rdflib.Dataset,
    shapes_path: Path = DEFAULT_SHAPES,
    ontology_path: Path | None = DEFAULT_ONTOLOGY,
) -> ValidationReport:
    """Validate the union of `data` against the shapes. `data` itself is never modified."""
    return _validate_own_copy(union_graph(data), Path(shapes_path), ontology_path)


def validate_file(
    path: Path,
    shapes_path: Path = DEFAULT_SHAPES,
    ontology_path: Path | None = DEFAULT_ONTOLOGY,
) -> ValidationReport:
    """Read a .ttl/.trig/.nt/.nq/.jsonld/.rdf file strictly and validate the union of its graphs."""
    return _validate_own_copy(read_rdf(Path(path)), Path(shapes_path), ontology_path)


def validate_ontology(
    path: Path = DEFAULT_ONTOLOGY, shapes_path: Path = DEFAULT_ONTOLOGY_SHAPES
) -> ValidationReport:
    """Check the ontology document itself: every cps: term has an English label and a definition."""
    ontology = read_rdf(Path(path))
    return _run_pyshacl(ontology, Path(shapes_path), triples=len(ontology))


def _validate_own_copy(data: rdflib.Graph, shapes_path: Path, ontology_path: Path | None) -> ValidationReport:
    """`data` is a copy nobody else holds: the ontology's triples are added to it, pySHACL works in place."""
    triples = len(data)
    if ontology_path is not None:
        for triple in vocabulary_triples(Path(ontology_path)):
            data.add(triple)
    return _run_pyshacl(data, shapes_path, triples=triples)


def _run_pyshacl(working: rdflib.Graph, shapes_path: Path, triples: int) -> ValidationReport:
    import pyshacl  # imported here: ~0.4 s, and only validation needs it

    _conforms, report_graph, _text = pyshacl.validate(
        working,
        shacl_graph=load_shapes(shapes_path),
        inference="none",
        advanced=True,
        inplace=True,
        allow_infos=True,
        allow_warnings=True,
    )
    # A property shape shared by two node shapes (a furniture paragraph is both a nif:Paragraph and a
    # cps:PageFurniture) yields the same result twice; it is one problem, reported once.
    return ValidationReport(results=tuple(sorted(set(read_results(report_graph)))), triples=triples)


def read_results(report_graph: rdflib.Graph) -> Iterable[Result]:
    # Only the report's own results: results nested under sh:detail (why an sh:node or sh:or value shape
    # failed) explain a top-level result and are not problems of their own.
    for report in report_graph.subjects(RDF.type, SH.ValidationReport):
        for node in report_graph.objects(report, SH.result):
            yield _result(report_graph, node)


def _result(report_graph: rdflib.Graph, node: Node) -> Result:
    messages = sorted(str(m) for m in report_graph.objects(node, SH.resultMessage))
    return Result(
        severity=report_graph.value(node, SH.resultSeverity),
        focus_node=report_graph.value(node, SH.focusNode),
        result_path=report_graph.value(node, SH.resultPath),
        source_shape=report_graph.value(node, SH.sourceShape),
        message=" / ".join(messages),
        constraint=report_graph.value(node, SH.sourceConstraintComponent),
        value=report_graph.value(node, SH.value),
    )


# ---------------------------------------------------------------------------------------------------------
# Reading graphs


def union_graph(data: rdflib.Graph | rdflib.Dataset) -> rdflib.Graph:
    """A fresh rdflib Graph holding every triple of `data`, from all its named graphs."""
    merged = rdflib.Graph()
    if isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        for s, p, o, _graph in data.quads((None, None, None, None)):
            merged.add((s, p, o))
    else:
        for triple in data:
            merged.add(triple)
    return merged


def read_rdf(path: Path) -> rdflib.Graph:
    """`read_quads`, as the union of the file's graphs in an rdflib Graph."""
    graph = rdflib.Graph()
    for quad in read_quads(path):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise InputError(f"RDF-star triple terms are not supported: {term}")


@functools.lru_cache(maxsize=8)
def _load_shapes_cached(path: Path, mtime_ns: int) -> rdflib.Graph:
    return read_rdf(path)


def load_shapes(path: Path) -> rdflib.Graph:
    """The shapes graph, parsed once per file version (tests validate hundreds of small graphs)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as err:
        raise InputError(f"shapes file not found: {err.strerror}", file=str(path)) from err
    return _load_shapes_cached(path.resolve(), mtime)


@functools.lru_cache(maxsize=4)
def _vocabulary_triples_cached(path: Path, mtime_ns: int) -> tuple[tuple[Node, Node, Node], ...]:
    ontology = read_rdf(path)
    own = str(PREFIXES["cps"])
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    subclass = {
        (s, RDFS.subClassOf, o)
        for s, o in ontology.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    }
    # Individuals of the ontology's own classes: roles, topics, statuses, stances, knowledge modes.
    individuals = {
        (s, RDF.type, c)
        for s, c in ontology.subject_objects(RDF.type)
        if isinstance(s, URIRef) and str(s).startswith(own) and c in classes and s not in classes
    }
    return tuple(sorted(subclass | individuals))


def vocabulary_triples(ontology_path: Path) -> tuple[tuple[Node, Node, Node], ...]:
    """What the shapes need from the ontology: named-class `rdfs:subClassOf` axioms (restrictions left
    out) and the `rdf:type` of the ontology's own individuals (cps:PresidentRole a cps:Role …)."""
    try:
        mtime = ontology_path.stat().st_mtime_ns
    except OSError as err:
        raise InputError(f"ontology not found: {err.strerror}", file=str(ontology_path)) from err
    return _vocabulary_triples_cached(ontology_path.resolve(), mtime)


# ---------------------------------------------------------------------------------------------------------
# Formatting


def local_name(iri: Node) -> str:
    value = str(iri)
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def compact(term: Node | None) -> str:
    """A short readable form: `prefix:local` for the known namespaces (longest match), else N-Triples form."""
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        split = split_iri(str(term), REPORT_PREFIXES)
        if split is not None:
            return f"{split[0]}:{split[1]}"
    if isinstance(term, Literal):
        return _literal(term)
    return term.n3()


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _literal(literal: Literal) -> str:
    """N-Triples-style escaping (a tab or newline in a value stays visible and keeps the line whole),
    `xsd:string` left implicit, other datatypes compacted."""
    quoted = '"' + str(literal).translate(_ESCAPES) + '"'
    if literal.language:
        return f"{quoted}@{literal.language}"
    if literal.datatype is not None and str(literal.datatype) != str(XSD.string):
        return f"{quoted}^^{compact(literal.datatype)}"
    return quoted


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_result(result: Result) -> str:
    """`SEVERITY<TAB>focus<TAB>path<TAB>shape<TAB>message`, on one line whatever the message holds."""
    return "\t".join(
        (
            local_name(result.severity),
            _one_line(compact(result.focus_node)),
            _one_line(compact(result.result_path)),
            _one_line(compact(result.source_shape)),
            _one_line(result.message),
        )
    )


def format_summary(report: ValidationReport) -> str:
    counts = report.counts()
    verdict = "conforms" if report.conforms else "does NOT conform"
    parts = ", ".join(f"{n} {severity.lower()}{'s' if n != 1 else ''}" for severity, n in counts.items())
    return f"{verdict}: {parts} ({report.triples} triples)"
