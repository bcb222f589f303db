"""HermiT (owlready2, Java) finds the ontology consistent with no unsatisfiable class, and does find
the problems planted in broken copies, so a passing run means something."""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
from rdflib import RDFS, Graph, URIRef

from builder.errors import EXIT_MISSING_COMPONENT, MissingComponent
from builder.namespaces import CPS_ONTOLOGY, XSD_IRI
from builder.ontology import ONTOLOGY_PATH
from builder.validate import reasoning
from builder.vocab import CPS

XSD_DATE = URIRef(XSD_IRI + "date")


def broken_copy(tmp_path: Path, extra_turtle: str) -> Path:
    path = tmp_path / "broken.ttl"
    path.write_text(ONTOLOGY_PATH.read_text(encoding="utf-8") + "\n" + extra_turtle, encoding="utf-8")
    return path


@pytest.mark.java
def test_ontology_is_consistent_without_unsatisfiable_classes():
    report = reasoning.check_consistency(ONTOLOGY_PATH)
    assert report.consistent
    assert report.unsatisfiable == ()
    assert report.ok
    # The only change made for HermiT is the documented one: the two xsd:date ranges.
    assert report.date_ranges_relaxed == (str(CPS.asOf), str(CPS.dateRetrieved), str(CPS.dateSaid))


@pytest.mark.java
def test_shared_instance_of_disjoint_classes_is_inconsistent(tmp_path):
    """cps:Person and cps:Organization are disjoint: one individual typed both must be caught."""
    path = broken_copy(tmp_path, "<urn:example:both> a cps:Person , cps:Organization .\n")
    report = reasoning.check_consistency(path)
    assert not report.consistent
    assert not report.ok


@pytest.mark.java
def test_unsatisfiable_class_is_named(tmp_path):
    path = broken_copy(tmp_path, "cps:PersonEvent a owl:Class ; rdfs:subClassOf cps:Person , cps:Event .\n")
    report = reasoning.check_consistency(path)
    assert report.consistent
    assert report.unsatisfiable == (CPS_ONTOLOGY + "PersonEvent",)
    assert "unsatisfiable class: https://w3id.org/cpskg/ontology#PersonEvent" in report.render()


def test_reasoner_copy_relaxes_only_date_ranges():
    graph = Graph().parse(ONTOLOGY_PATH, format="turtle")
    copy, relaxed = reasoning.reasoner_copy(graph)
    assert len(copy) == len(graph)
    assert not list(copy.triples((None, RDFS.range, XSD_DATE)))
    assert set(graph - copy) == {(CPS.asOf, RDFS.range, XSD_DATE), (CPS.dateRetrieved, RDFS.range, XSD_DATE),
                                 (CPS.dateSaid, RDFS.range, XSD_DATE)}
    assert relaxed == [str(CPS.asOf), str(CPS.dateRetrieved), str(CPS.dateSaid)]


def test_missing_java_is_a_missing_component(monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java-for-cpskg-test")
    with pytest.raises(MissingComponent) as caught:
        reasoning.check_consistency(ONTOLOGY_PATH)
    assert caught.value.exit_code == EXIT_MISSING_COMPONENT
    assert "default-jre-headless" in str(caught.value)


@pytest.mark.java
def test_cli_check_ontology_exit_codes(tmp_path):
    from click.testing import CliRunner

    from builder.cli.main import main

    runner = CliRunner()
    good = runner.invoke(main, ["check-ontology"])
    assert good.exit_code == 0, good.output
    assert "consistent" in good.output and "no unsatisfiable class" in good.output
    broken = broken_copy(tmp_path, "<urn:example:both> a cps:Person , cps:Organization .\n")
    bad = runner.invoke(main, ["check-ontology", "--ontology", str(broken)])
    assert bad.exit_code == 1
    assert "INCONSISTENT" in bad.output
