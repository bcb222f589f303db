"""The ontology: header, labels and definitions, the term contract, Wikidata ids, the generated namespace,
strict parsing and the superclass closure the build materialises."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Literal, Namespace, URIRef

import builder
from builder import ontology, vocabgen
from builder.namespaces import CPS_ONTOLOGY, ORG_IRI, PROV_IRI, SCHEMA_IRI, SEM_IRI, WD_ENTITY
from builder.vocab import CPS

REPO = Path(__file__).resolve().parent.parent
DESIGN_NOTES = REPO / "docs" / "design-notes.md"
WIKIDATA_IDS = REPO.parent / "shared" / "wikidata-ids.tsv"
DCT = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")


@pytest.fixture(scope="module")
def graph():
    return ontology.load_ontology()


def contract_terms() -> set[str]:
    """The cps: local names of the "Ontology term contract" section of docs/design-notes.md."""
    text = DESIGN_NOTES.read_text(encoding="utf-8")
    section = text.split("## Ontology term contract", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"\bcps:([A-Za-z][A-Za-z0-9]*)", section))


def test_header(graph):
    header = URIRef(ontology.ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in graph
    assert graph.value(header, OWL.versionInfo) == Literal(builder.__version__)
    assert graph.value(header, OWL.versionIRI) == URIRef(f"{ontology.ONTOLOGY_IRI}/{builder.__version__}")
    assert graph.value(header, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(header, VANN.preferredNamespacePrefix) == Literal("cps")
    for annotation in (DCT.creator, DCT.title, DCT.description, RDFS.comment):
        assert graph.value(header, annotation) is not None, annotation


def test_every_term_has_english_label_and_definition(graph):
    missing = []
    for term in sorted(ontology.cps_terms()):
        node = URIRef(term)
        labels = [o for o in graph.objects(node, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
        definitions = list(graph.objects(node, SKOS.definition)) + list(graph.objects(node, RDFS.comment))
        if len(labels) != 1 or not definitions:
            missing.append(term)
    assert missing == []


def test_every_term_is_typed(graph):
    """Classes and properties say what they are; individuals are named, typed skos:Concepts in one scheme."""
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, SKOS.ConceptScheme}
    untyped = []
    for term in sorted(ontology.cps_terms()):
        types = set(graph.objects(URIRef(term), RDF.type))
        if types & kinds:
            continue
        schemes = set(graph.objects(URIRef(term), SKOS.inScheme))
        top_of = set(graph.objects(URIRef(term), SKOS.topConceptOf))
        cps_types = {t for t in types if str(t).startswith(CPS_ONTOLOGY)}
        if not {SKOS.Concept, OWL.NamedIndividual} <= types or not cps_types or len(schemes) != 1:
            untyped.append(term)
        elif top_of != schemes:  # the schemes are flat lists: every member is a top concept
            untyped.append(term)
    assert untyped == []


def test_every_contract_term_is_defined():
    terms = contract_terms()
    assert len(terms) > 100, "the contract section of design-notes.md was not found or not parsed"
    assert sorted(t for t in terms if t not in CPS) == []
    assert {local[len(CPS_ONTOLOGY):] for local in ontology.cps_terms()} >= terms


def test_wikidata_ids_only_from_verified_list(graph):
    with WIKIDATA_IDS.open(encoding="utf-8") as handle:
        verified = {row["id"] for row in csv.DictReader(handle, delimiter="\t")}
    nodes = {str(node) for triple in graph for node in triple}
    used = {node[len(WD_ENTITY):] for node in nodes if node.startswith(WD_ENTITY)}
    assert used, "the ontology carries no Wikidata alignment"
    assert sorted(used - verified) == []
    assert "P642" not in used


def test_wikidata_property_alignment_for_the_exporter():
    matches = ontology.wikidata_matches()
    expected = {"positionHeld": "P39", "employer": "P108", "memberOf": "P463", "chairperson": "P488",
                "chiefExecutiveOfficer": "P169", "headOfGovernment": "P6", "asOf": "P585", "Person": "Q5",
                "LabourUnion": "Q178790", "Newspaper": "Q11032", "TelevisionStation": "Q1616075"}
    for local, wikidata_id in expected.items():
        assert wikidata_id in {i for _, i in matches[CPS_ONTOLOGY + local]}, local
    implied = ontology.organization_properties()
    assert implied[str(CPS.ChiefExecutiveOfficerRole)] == str(CPS.chiefExecutiveOfficer)
    assert implied[str(CPS.MayorRole)] == str(CPS.headOfGovernment)
    assert implied[str(CPS.PresidentRole)] == str(CPS.chairperson)


def test_vocab_module_is_current():
    current = (REPO / "builder" / "vocab.py").read_text(encoding="utf-8")
    assert current == vocabgen.render_vocab(), "run: python -m builder.vocabgen"


def test_vocab_namespace_is_closed():
    assert str(CPS.Person) == CPS_ONTOLOGY + "Person"
    with pytest.raises(AttributeError):
        CPS.Persn  # noqa: B018 - the attribute access is the test


def test_pyoxigraph_parses_strictly():
    quads = list(pyoxigraph.parse(path=str(ontology.ONTOLOGY_PATH), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology.load_ontology())


def test_type_closure_reaches_standard_superclasses():
    assert SCHEMA_IRI + "Person" in ontology.superclasses(str(CPS.Person))
    assert SEM_IRI + "Event" in ontology.superclasses(str(CPS.FinalOffer))
    assert str(CPS.Offer) in ontology.superclasses(str(CPS.FinalOffer))
    assert ORG_IRI + "Post" in ontology.superclasses(str(CPS.Post))
    assert PROV_IRI + "Plan" in ontology.superclasses(str(CPS.ExtractionRule))
    newspaper = ontology.superclasses(str(CPS.Newspaper))
    assert {SCHEMA_IRI + "Organization", ORG_IRI + "Organization", str(CPS.NewsOutlet)} <= newspaper
    assert str(CPS.Newspaper) not in newspaper
    assert ontology.superclasses("http://example.org/Unknown") == frozenset()


def test_every_cps_class_reaches_a_standard_class_or_is_a_documented_root():
    """Only n-ary helper classes may stand without a standard superclass (they have no counterpart)."""
    roots = {"Disagreement", "MetadataEvidence", "OfferTerm"}
    closure = ontology.type_closure()
    orphans = sorted(
        term[len(CPS_ONTOLOGY):] for term, supers in closure.items()
        if term.startswith(CPS_ONTOLOGY) and not any(not s.startswith(CPS_ONTOLOGY) for s in supers)
    )
    assert orphans == sorted(roots)


def test_transitive_closure_handles_equivalence_and_cycles():
    parents = {"a": {"b"}, "b": {"c", "a"}, "c": set()}
    closure = ontology._transitive_closure(["a", "b", "c", "d"], parents)
    assert closure == {
        "a": frozenset({"b", "c"}), "b": frozenset({"a", "c"}), "c": frozenset(), "d": frozenset()
    }


def test_subproperty_closure():
    assert SEM_IRI + "hasSubEvent" in ontology.superproperties(str(CPS.hasStep))
    assert ORG_IRI + "holds" in ontology.superproperties(str(CPS.positionHeld))
    assert PROV_IRI + "wasDerivedFrom" in ontology.superproperties(str(CPS.quotes))
