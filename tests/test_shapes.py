"""The SHACL shapes, tested with must-pass and must-fail examples (the W3C data-shapes test layout).

Every example in tests/shapes/valid/ and tests/shapes/invalid/ is validated together with
tests/shapes/base.ttl, a small valid graph (an article, its text, a few grounded agents) that examples refer
to. Each invalid example names, in header lines

    # expect: <source shape> <focus node> [value=<value node>]

exactly the results it must produce (shapes as `cpsh:Name`, nodes relative to https://w3id.org/cpskg/id/ or
as `cps:Name`), and the test asserts that set in both directions, not merely that validation fails.
Coverage tests make sure every shape is tripped by an invalid example, every targeted shape has a focus
node in a valid one, and every property shape sees an accepted value.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import URIRef

from builder.namespaces import CPS_ID
from builder.validate import (
    DEFAULT_ONTOLOGY,
    DEFAULT_SHAPES,
    SHAPES_NS,
    format_result,
    read_rdf,
    validate_graph,
    validate_ontology,
)

EXAMPLES = Path(__file__).parent / "shapes"
BASE = EXAMPLES / "base.ttl"
VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))
ONTOLOGY_EXAMPLES = EXAMPLES / "ontology"

EXPECT_LINE = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)(?:\s+value=(\S+))?\s*$")

Expectation = tuple[URIRef, URIRef, URIRef | None]


def expected_results(path: Path) -> set[Expectation]:
    """The (source shape, focus node, value) triples an invalid example declares in `# expect:` lines; the
    value (`value=<iri>`) is given where the focus node alone is ambiguous (context-focused SPARQL checks
    report the offending span as the value)."""
    expected = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = EXPECT_LINE.match(line)
        if match:
            shape, focus, value = match.groups()
            expected.add((expand_shape(shape), expand_focus(focus), expand_focus(value) if value else None))
    return expected


def expand_shape(token: str) -> URIRef:
    assert token.startswith("cpsh:"), f"shapes are written cpsh:Name, got {token}"
    return URIRef(SHAPES_NS + token.removeprefix("cpsh:"))


def expand_focus(token: str) -> URIRef:
    if token.startswith("<") and token.endswith(">"):
        return URIRef(urljoin(CPS_ID, token[1:-1]))
    if token.startswith("cps:"):
        return URIRef("https://w3id.org/cpskg/ontology#" + token.removeprefix("cps:"))
    raise AssertionError(f"focus nodes are written <relative-iri> or cps:Name, got {token}")


@functools.cache
def parsed(path: Path) -> rdflib.Graph:
    """Each example parsed once per session; callers combine graphs with `+`, which copies."""
    return read_rdf(path)


def with_base(path: Path) -> rdflib.Graph:
    return parsed(BASE) + parsed(path)


def found(report, expected: set[Expectation]) -> set[Expectation]:
    """The report's results in the form of the expectations: with the value only where one is expected."""
    with_value = {(shape, focus) for shape, focus, value in expected if value is not None}
    return {
        (r.source_shape, r.focus_node, r.value if (r.source_shape, r.focus_node) in with_value else None)
        for r in report.results
    }


def listing(report) -> str:
    return "\n".join(format_result(result) for result in report.results) or "(no results)"


def test_base_graph_is_valid_on_its_own():
    report = validate_graph(parsed(BASE))
    assert report.results == (), listing(report)


@pytest.mark.parametrize("example", VALID, ids=lambda p: p.name)
def test_valid_example_conforms_without_any_result(example: Path):
    report = validate_graph(with_base(example))
    assert report.conforms, listing(report)
    assert report.results == (), listing(report)


@pytest.mark.parametrize("example", INVALID, ids=lambda p: p.name)
def test_invalid_example_trips_exactly_the_declared_shapes(example: Path):
    expected = expected_results(example)
    assert expected, f"{example.name} declares no '# expect: <shape> <focus>' line"
    report = validate_graph(with_base(example))
    actual = found(report, expected)
    assert actual == expected, (
        f"only expected: {sorted(expected - actual)}\n"
        f"only actual: {sorted(actual - expected)}\n{listing(report)}"
    )
    assert not report.conforms


# ---------------------------------------------------------------------------------------------------------
# Coverage: every shape has a must-pass and a must-fail example


def shapes_graph() -> rdflib.Graph:
    return parsed(DEFAULT_SHAPES)


def reportable_shapes(shapes: rdflib.Graph) -> set[URIRef]:
    """Shapes that can appear as sh:sourceShape: property shapes used by a node shape, and node shapes with
    targets that carry constraints of their own (sh:sparql, sh:or …) besides their property shapes."""
    property_shapes = {o for o in shapes.objects(None, SH.property) if isinstance(o, URIRef)}
    structural = {RDF.type, SH.property, SH.targetClass, SH.targetSubjectsOf, SH.targetNode,
                  SH.targetObjectsOf, SH.target, RDFS.comment, RDFS.label, SH.message, SH.severity}
    targeted = {s for s in shapes.subjects() if isinstance(s, URIRef) and str(s).startswith(SHAPES_NS)
                and any((s, p, None) in shapes for p in (SH.targetClass, SH.targetSubjectsOf))}
    with_own_constraints = {s for s in targeted if set(shapes.predicates(s)) - structural}
    return property_shapes | with_own_constraints


def targeted_node_shapes(shapes: rdflib.Graph) -> set[URIRef]:
    return {s for s in shapes.subjects(RDF.type, SH.NodeShape)
            if any((s, p, None) in shapes for p in (SH.targetClass, SH.targetSubjectsOf))}


def test_every_reportable_shape_is_tripped_by_an_invalid_example():
    tripped = {shape for example in INVALID for shape, _focus, _value in expected_results(example)}
    missing = reportable_shapes(shapes_graph()) - tripped
    assert not missing, f"shapes without a must-fail example: {sorted(missing)}"


def test_every_node_shape_has_a_focus_node_in_a_valid_example():
    """A shape whose targets never occur in a valid example is not shown to accept anything."""
    shapes = shapes_graph()
    ontology = parsed(DEFAULT_ONTOLOGY)
    examples = [parsed(example) + ontology for example in [BASE, *VALID]]
    unexercised = set()
    for shape in targeted_node_shapes(shapes):
        # SHACL instance semantics: an instance of the class or of a subclass of it.
        classes = {sub for cls in shapes.objects(shape, SH.targetClass)
                   for sub in ontology.transitive_subjects(RDFS.subClassOf, cls)}
        properties = set(shapes.objects(shape, SH.targetSubjectsOf))
        if not any(any(data.subjects(RDF.type, c)) for data in examples for c in classes) and not any(
            any(data.subjects(p, None)) for data in examples for p in properties
        ):
            unexercised.add(shape)
    assert not unexercised, f"node shapes with no focus node in tests/shapes/valid/: {sorted(unexercised)}"


def test_every_property_shape_sees_a_value_in_a_valid_example():
    """Must-pass examples show an accepted value for every property shape, not only that absence is fine.
    (A property shape shared by several node shapes counts once: it is one constraint.)"""
    shapes = shapes_graph()
    ontology = parsed(DEFAULT_ONTOLOGY)
    examples = [parsed(BASE) + parsed(example) + ontology for example in VALID]
    seen, used = set(), set()
    for node_shape in targeted_node_shapes(shapes):
        classes = {sub for cls in shapes.objects(node_shape, SH.targetClass)
                   for sub in ontology.transitive_subjects(RDFS.subClassOf, cls)}
        properties = set(shapes.objects(node_shape, SH.targetSubjectsOf))
        for property_shape in shapes.objects(node_shape, SH.property):
            used.add(property_shape)
            path = shapes.value(property_shape, SH.path)
            for data in examples:
                focus_nodes = {s for c in classes for s in data.subjects(RDF.type, c)}
                focus_nodes |= {s for p in properties for s in data.subjects(p, None)}
                if any((focus, path, None) in data for focus in focus_nodes):
                    seen.add(property_shape)
                    break
    assert not used - seen, f"property shapes without a value in tests/shapes/valid/: {sorted(used - seen)}"


# ---------------------------------------------------------------------------------------------------------
# The ontology-style shapes


def test_ontology_has_a_label_and_a_definition_on_every_term():
    report = validate_ontology(DEFAULT_ONTOLOGY)
    assert report.results == (), listing(report)


def test_ontology_shapes_catch_a_term_without_definition_or_label():
    example = ONTOLOGY_EXAMPLES / "undocumented-terms.ttl"
    report = validate_ontology(example)
    expected = expected_results(example)
    assert found(report, expected) == expected, listing(report)


def test_ontology_shapes_ignore_standard_terms_declared_for_alignment():
    """schema:Person declared with a label only (an alignment stub) is not a cps: term to document."""
    example = ONTOLOGY_EXAMPLES / "documented-terms.ttl"
    report = validate_ontology(example)
    assert report.results == (), listing(report)


# ---------------------------------------------------------------------------------------------------------
# The built dataset


BUILT = Path(__file__).parent.parent / "output" / "cpskg.trig"


@pytest.mark.skipif(not BUILT.exists(), reason="output/cpskg.trig is not built yet")
def test_every_instance_of_the_built_dataset_is_checked_by_some_shape():
    """"A shape for every class the data uses": every typed node of the output is a focus node of at least
    one class-targeted shape (its class or a superclass of it is targeted)."""
    ontology = parsed(DEFAULT_ONTOLOGY)
    data = read_rdf(BUILT) - ontology  # the instances, not the ontology's own graph that the TriG also holds
    shapes = shapes_graph()
    targeted = set(shapes.objects(None, SH.targetClass))
    covered = {sub for cls in targeted for sub in ontology.transitive_subjects(RDFS.subClassOf, cls)} | targeted
    unchecked = {str(node) for node in set(data.subjects(RDF.type, None))
                 if not any(cls in covered for cls in data.objects(node, RDF.type))}
    assert not unchecked, f"{len(unchecked)} typed nodes no shape targets, e.g. {sorted(unchecked)[:5]}"


@pytest.mark.skipif(not BUILT.exists(), reason="output/cpskg.trig is not built yet")
def test_built_dataset_conforms():
    report = validate_graph(read_rdf(BUILT))
    assert report.conforms, listing(report)


# ---------------------------------------------------------------------------------------------------------
# The anchor check agrees with Python's slicing for any text


CONTEXT = URIRef(CPS_ID + "article/any-text")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
CPS = rdflib.Namespace("https://w3id.org/cpskg/ontology#")
XSD_NNI = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def span_graph(text: str, begin: int, end: int, anchor: str) -> tuple[rdflib.Graph, URIRef]:
    graph = rdflib.Graph()
    mention = URIRef(f"{CONTEXT}#char={begin},{end}")
    graph.add((CONTEXT, RDF.type, NIF.Context))
    graph.add((CONTEXT, NIF.isString, rdflib.Literal(text)))
    graph.add((mention, RDF.type, CPS.Mention))
    graph.add((mention, NIF.beginIndex, rdflib.Literal(str(begin), datatype=XSD_NNI)))
    graph.add((mention, NIF.endIndex, rdflib.Literal(str(end), datatype=XSD_NNI)))
    graph.add((mention, NIF.anchorOf, rdflib.Literal(anchor)))
    graph.add((mention, NIF.referenceContext, CONTEXT))
    return graph, mention


@st.composite
def text_and_span(draw):
    # Any code points but surrogates (not encodable), astral characters, line separators and NUL included.
    text = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
    begin = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(begin + 1, len(text)))
    return text, begin, end


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_span())
def test_anchor_check_matches_code_point_slicing(case):
    text, begin, end = case
    graph, _mention = span_graph(text, begin, end, text[begin:end])
    assert validate_graph(graph).results == (), listing(validate_graph(graph))
    wrong, mention = span_graph(text, begin, end, text[begin:end] + "x")
    report = validate_graph(wrong)
    assert {(r.source_shape, r.focus_node, r.value) for r in report.results} == {
        (URIRef(SHAPES_NS + "AnchorMatchesTextShape"), CONTEXT, mention)
    }, listing(report)
