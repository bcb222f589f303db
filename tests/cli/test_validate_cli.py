"""`cpskg validate` and the validator's contract: one line per result, exit codes, strict reading, the union
of named graphs, the ontology axioms mixed into the data, deterministic order."""

from __future__ import annotations

from pathlib import Path

import rdflib
from click.testing import CliRunner
from rdflib.namespace import SH
from rdflib.term import Literal, URIRef

from builder.cli.main import main
from builder.validate.shacl import (
    SHAPES_NS,
    Result,
    compact,
    format_result,
    read_rdf,
    validate_file,
    validate_graph,
)

EXAMPLES = Path(__file__).parents[1] / "shapes"
BASE = EXAMPLES / "base.ttl"
ID = "https://w3id.org/cpskg/id/"
PREFIX_LINES = """\
@prefix cps: <https://w3id.org/cpskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""


def base_plus(tmp_path: Path, *examples: Path, name: str = "data.ttl") -> Path:
    """One Turtle file holding the base graph and the examples (re-declaring prefixes is valid Turtle)."""
    target = tmp_path / name
    target.write_text("\n".join(p.read_text(encoding="utf-8") for p in (BASE, *examples)), encoding="utf-8")
    return target


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_conforming_file_prints_no_result_and_exits_0(tmp_path):
    result = run(str(base_plus(tmp_path, EXAMPLES / "valid" / "events.ttl")))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "conforms: 0 violations, 0 warnings, 0 infos" in result.stderr


def test_violations_print_one_tab_separated_line_each_and_exit_1(tmp_path):
    result = run(str(base_plus(tmp_path, EXAMPLES / "invalid" / "spans.ttl")))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 14  # the 14 results that tests/shapes/invalid/spans.ttl declares
    assert all(len(line.split("\t")) == 5 for line in lines)
    # The anchor check is focused on the article context and names the span in its message.
    article = compact(URIRef(ID + "article/sample-article"))
    span = ID + "article/sample-article#char=30,37"
    expected = (f"Violation\t{article}\tnif:anchorOf\tcpsh:AnchorMatchesTextShape\tspan {span}: "
                "its nif:anchorOf differs from the context text at offsets 30-37")
    assert expected in lines, result.stdout
    assert "14 violations of the SHACL shapes" in result.stderr
    assert "cpsh:" not in result.stderr, "results are printed once, on stdout"


def test_the_fast_validator_prints_the_same_lines_and_exit_code(tmp_path):
    data = str(base_plus(tmp_path, EXAMPLES / "invalid" / "spans.ttl"))
    reference, fast = run(data), run("--validator", "fast", data)
    assert (fast.exit_code, fast.stdout) == (reference.exit_code, reference.stdout)
    assert fast.stdout.count("\n") == 14


def test_the_fast_validator_reads_as_strictly(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = run("--validator", "fast", str(broken))
    assert result.exit_code == 2 and "broken.ttl:1:" in result.stderr, result.stderr


def test_warnings_alone_exit_0_but_are_printed(tmp_path):
    snippet = tmp_path / "rule.ttl"
    snippet.write_text(PREFIX_LINES + '<https://w3id.org/cpskg/id/rule/undescribed> a cps:ExtractionRule ;'
                       ' rdfs:label "undescribed"@en .\n', encoding="utf-8")
    result = run(str(base_plus(tmp_path, snippet)))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Warning\t")
    assert "cpsh:ExtractionRule-comment" in result.stdout
    assert "0 violations, 1 warning, 0 infos" in result.stderr


def test_missing_file_exits_2_naming_it(tmp_path):
    missing = tmp_path / "nothing.trig"
    result = run(str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.stderr


def test_syntax_error_exits_2_with_line_and_column(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(PREFIX_LINES + "<http://example.org/a b> rdfs:label \"x\" .\n", encoding="utf-8")
    result = run(str(broken))
    assert result.exit_code == 2
    assert f"{broken}:5:" in result.stderr


def test_iri_that_rdflib_would_accept_is_refused(tmp_path):
    """rdflib parses `<a b>` leniently; validation must read as strictly as the build writes."""
    lenient = tmp_path / "space.nt"
    lenient.write_text('<http://example.org/a b> <http://example.org/p> "x" .\n', encoding="utf-8")
    assert run(str(lenient)).exit_code == 2


def test_unknown_suffix_exits_2(tmp_path):
    other = tmp_path / "data.owx"
    other.write_text("<Ontology/>", encoding="utf-8")
    result = run(str(other))
    assert result.exit_code == 2
    assert "suffix" in result.stderr


def test_json_ld_is_read_too(tmp_path):
    doc = tmp_path / "one.jsonld"
    doc.write_text('{"@id": "https://w3id.org/cpskg/id/person/X", "@type": "https://w3id.org/cpskg/ontology#Person"}',
                   encoding="utf-8")
    result = run(str(doc))
    assert result.exit_code == 1  # a person without label and grounding
    assert "cpsh:Person-label" in result.stdout


def test_default_file_is_output_cpskg_trig(tmp_path, monkeypatch):
    (tmp_path / "output").mkdir()
    trig = "<https://w3id.org/cpskg/graph/article/sample-article> {\n" + _turtle_body(BASE) + "\n}\n"
    (tmp_path / "output" / "cpskg.trig").write_text(_prefixes(BASE) + trig, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 0, result.output
    assert "output/cpskg.trig: conforms" in result.stderr


def test_the_union_of_named_graphs_is_validated(tmp_path):
    """A person labelled in one article's graph and grounded in another's is one valid person; pySHACL on a
    Dataset would check each graph alone and report a missing label."""
    person = "<https://w3id.org/cpskg/id/person/Split_Person>"
    trig = tmp_path / "split.trig"
    trig.write_text(
        _prefixes(BASE)
        + "<https://w3id.org/cpskg/graph/article/sample-article> {\n" + _turtle_body(BASE) + "\n"
        + f"{person} a cps:Person ; gaf:denotedBy <https://w3id.org/cpskg/id/article/sample-article#char=30,38> ;"
          " prov:wasGeneratedBy <https://w3id.org/cpskg/id/rule/sample-rule> ; cps:confidence 0.5 .\n}\n"
        + f"<https://w3id.org/cpskg/graph/article/other> {{ {person} rdfs:label \"Split Person\"@en . }}\n",
        encoding="utf-8",
    )
    from_file = validate_file(trig)
    assert from_file.results == ()
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    from_dataset = validate_graph(dataset)
    assert from_dataset.results == ()
    assert from_dataset.triples == from_file.triples == len(read_rdf(BASE)) + 5


def test_ontology_axioms_let_class_targets_reach_subclasses(tmp_path):
    """Without the ontology, a node typed only cps:LabourUnion escapes the organisation shape."""
    snippet = tmp_path / "local.ttl"
    snippet.write_text(PREFIX_LINES + "<https://w3id.org/cpskg/id/organization/Nameless> a cps:UnionLocal .\n",
                       encoding="utf-8")
    data = read_rdf(BASE) + read_rdf(snippet)
    with_ontology = {(r.source_shape, r.focus_node) for r in validate_graph(data).results}
    nameless = URIRef(ID + "organization/Nameless")
    assert (URIRef(SHAPES_NS + "Organization-label"), nameless) in with_ontology
    assert (URIRef(SHAPES_NS + "Grounded-denotedBy"), nameless) in with_ontology
    without_ontology = validate_graph(data, ontology_path=None).results
    assert nameless not in {r.focus_node for r in without_ontology}


def test_validate_graph_leaves_its_input_untouched():
    data = read_rdf(BASE)
    before = len(data)
    validate_graph(data)
    assert len(data) == before


def test_results_are_sorted_violations_first_and_deterministically(tmp_path):
    path = base_plus(tmp_path, EXAMPLES / "invalid" / "provenance.ttl")
    first = validate_file(path).results
    assert first == validate_file(path).results
    assert list(first) == sorted(first)
    severities = [r.severity for r in first]
    assert severities == sorted(severities, key=lambda s: s != SH.Violation)
    assert severities[-1] == SH.Warning


def test_format_result_is_one_line_with_compact_names():
    result = Result(
        severity=SH.Violation,
        focus_node=URIRef("https://w3id.org/cpskg/ontology#Person"),
        result_path=URIRef("http://schema.org/name"),
        source_shape=URIRef(SHAPES_NS + "Person-label"),
        message="first line\nsecond\tline",
        constraint=SH.MinCountConstraintComponent,
    )
    assert format_result(result) == "Violation\tcps:Person\tschema:name\tcpsh:Person-label\tfirst line second line"


def test_format_result_keeps_unknown_iris_and_literals_readable():
    result = Result(
        severity=SH.Warning,
        focus_node=Literal("a\tb"),
        result_path=None,
        source_shape=URIRef("http://example.org/shape"),
        message="m",
        constraint=SH.SPARQLConstraintComponent,
    )
    assert format_result(result) == 'Warning\t"a\\tb"\t-\t<http://example.org/shape>\tm'
    tagged = Literal("x", lang="en")
    typed = Literal("2021-02-07", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    assert (compact(tagged), compact(typed)) == ('"x"@en', '"2021-02-07"^^xsd:date')


def _prefixes(path: Path) -> str:
    return "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines()
                   if line.startswith("@prefix") or line.startswith("@base"))


def _turtle_body(path: Path) -> str:
    """The triples of a Turtle file without its directives, to be wrapped in a TriG graph block."""
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("@"))
