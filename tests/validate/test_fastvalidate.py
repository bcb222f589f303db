"""The fast SHACL path (builder.validate.fastvalidate) reports exactly what pySHACL, the reference, reports.

Every must-fail and must-pass example of tests/shapes/ (with the shared base graph) is validated by both
engines and the sorted result lists must be equal: same focus node, path, source shape, constraint
component, severity, message and sh:value, and as many results of each.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from builder.validate import fastvalidate
from builder.validate import shacl as validate

EXAMPLES = Path(__file__).parents[1] / "shapes"
BASE = EXAMPLES / "base.ttl"
EXAMPLE_FILES = sorted((EXAMPLES / "invalid").glob("*.ttl")) + sorted((EXAMPLES / "valid").glob("*.ttl"))
XSD = "http://www.w3.org/2001/XMLSchema#"


def both(turtle_files: list[Path], extra: str = "") -> tuple[validate.ValidationReport, validate.ValidationReport]:
    graph = rdflib.Graph()
    quads: list[ox.Quad] = []
    for path in turtle_files:
        graph += validate.read_rdf(path)
        quads += ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    if extra:
        graph.parse(data=extra, format="turtle")
        quads += ox.parse(extra.encode(), format=ox.RdfFormat.TURTLE)
    return validate.validate_graph(graph), fastvalidate.validate_quads(quads)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_results_as_pyshacl(example: Path):
    reference, fast = both([BASE, example])
    assert fast.results == reference.results
    assert fast.conforms == reference.conforms
    if example.parent.name == "invalid":
        assert not fast.conforms


def test_the_examples_exist():
    assert len(EXAMPLE_FILES) >= 10


def test_declared_integer_subtypes_survive_the_store():
    # An Oxigraph store keeps "-3"^^xsd:nonNegativeInteger as "-3"^^xsd:integer; the fast path must still
    # see the declared type (a datatype violation because -3 is not a nonNegativeInteger, and one because
    # 5 was declared xsd:int) and report the value as declared.
    assert XSD + "nonNegativeInteger" in fastvalidate.NORMALISED_DATATYPES
    extra = """
    @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/cpskg/id/article/sample-article#char=2,5>
        nif:beginIndex "-3"^^xsd:nonNegativeInteger ;
        nif:endIndex "5"^^xsd:int .
    """
    reference, fast = both([BASE], extra)
    assert fast.results == reference.results
    datatype_results = [r for r in fast.results if r.constraint == rdflib.SH.DatatypeConstraintComponent]
    assert {str(r.value.datatype) for r in datatype_results} == {XSD + "nonNegativeInteger", XSD + "int"}


def test_five_article_build_agrees_with_pyshacl():
    from builder.pipeline import assemble

    project = Path(__file__).resolve().parents[2]
    quads = assemble(project / "corpus", project / "curation").quads
    graph = rdflib.Graph()
    for triple in {q.triple for q in quads}:
        graph.add(tuple(validate.to_rdflib(t) for t in (triple.subject, triple.predicate, triple.object)))
    assert fastvalidate.validate_quads(quads).results == validate.validate_graph(graph).results


def test_ontology_support_is_what_the_reference_mixes_in():
    ours = {tuple(validate.to_rdflib(t) for t in (x.subject, x.predicate, x.object))
            for x in fastvalidate.ontology_support()}
    assert ours == set(validate.vocabulary_triples(validate.DEFAULT_ONTOLOGY))


def test_unsupported_features_are_refused_not_skipped(tmp_path: Path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""
    @prefix sh: <http://www.w3.org/ns/shacl#> .
    @prefix ex: <http://example.org/> .
    ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ] .
    """, encoding="utf-8")
    with pytest.raises(fastvalidate.UnsupportedShapes):
        fastvalidate.compile_shapes(shapes)
