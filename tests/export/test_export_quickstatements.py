"""QuickStatements export: statements, qualifiers, per-article references, id policy, normalisation."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.export import QUICKSTATEMENTS_CSV, QUICKSTATEMENTS_TSV, ExportOptions, export_quickstatements
from builder.export.collect import collect_model
from builder.export.mapping import DEFAULT_ALIGNMENT, DEFAULT_ID_LIST, load_mapping
from builder.export.model import Claim, Entity, ExportModel, Snak, StringValue
from builder.export.qs_check import check_batch, check_csv, check_line, csv_to_v1
from builder.export.quickstatements import STRING_MAX, TERM_MAX, to_csv, to_v1
from builder.export.reconciled_ids import COLUMNS as RECONCILED_COLUMNS
from builder.export.reconciled_ids import RECONCILED_FILE, Reconciled, ReconciledIds
from builder.namespaces import CPS_ID

FIXTURES = Path(__file__).parents[1] / "fixtures" / "export"
ALIGNMENT = (FIXTURES / "ontology.ttl", DEFAULT_ALIGNMENT)
T = "\t"
ID_PATTERN = re.compile(r"(?<![A-Za-z0-9])!?[SPQ][1-9][0-9]*(?![0-9])")


def verified_ids() -> set[str]:
    with DEFAULT_ID_LIST.open(encoding="utf-8") as handle:
        return {row["id"] for row in csv.DictReader(handle, delimiter="\t")}


def all_absent(dataset: Path) -> ReconciledIds:
    """Every entity of a dataset reconciled by hand and found absent from Wikidata: what an editor's
    import-ids records before `--create-new-items` may create anything."""
    from builder.rdfload import load_store

    iris = {q.subject.value for q in load_store(dataset) if q.subject.value.startswith(CPS_ID)}
    return ReconciledIds({i: Reconciled(i, "", None, date(2026, 12, 1), "", True) for i in iris})


def write_all_absent(dataset: Path, curation: Path) -> ExportOptions:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(RECONCILED_COLUMNS)
    for record in all_absent(dataset).records.values():
        writer.writerow(record.row())
    curation.mkdir(parents=True, exist_ok=True)
    (curation / RECONCILED_FILE).write_text(buffer.getvalue(), encoding="utf-8")
    return ExportOptions(alignment=ALIGNMENT, curation_dir=curation, create_new_items=True)


def created_model(path: Path, mapping=None) -> ExportModel:
    return collect_model(path, mapping or load_mapping(ALIGNMENT), all_absent(path), create_new_items=True)


@pytest.fixture(scope="module")
def batch() -> list[str]:
    return list(to_v1(created_model(FIXTURES / "graph.trig")).lines)


def lines_about(batch: list[str], label: str) -> list[str]:
    """The command lines of the CREATE block whose label is ``label``."""
    start = batch.index(f'LAST{T}Len{T}"{label}"')
    end = next((i for i in range(start, len(batch)) if batch[i] == "CREATE"), len(batch))
    return batch[start:end]


TRIBUNE_REF = (f'S123{T}Q47596{T}S577{T}+2021-02-07T00:00:00Z/11{T}S813{T}+2021-02-08T00:00:00Z/11{T}'
               f'S854{T}"https://example.org/tribune/cps-ctu-deal"{T}S1476{T}en:"CPS and CTU reach a tentative deal"'
               f'{T}S2093{T}"Claire Kaplan"{T}S2093{T}"Hannah Leone"')


def test_created_person_gets_terms_and_p31_but_no_position_without_an_item(batch: list[str]) -> None:
    block = lines_about(batch, "Janice Jackson")
    assert f'LAST{T}Den{T}"Chief Executive Officer of Chicago Public Schools"' in block
    assert f'LAST{T}Aen{T}"Jackson"' in block
    # Only the Tribune's reference identifies its source (URL, publisher item); WTTW's gives none.
    assert f"LAST{T}P31{T}Q5{T}{TRIBUNE_REF}" in block
    assert not any(f"{T}P39{T}" in line or "somevalue" in line or "P1932" in line for line in block)


def test_verified_entities_are_addressed_by_id_without_terms(batch: list[str]) -> None:
    assert f"Q1297{T}P6{T}Q56486914{T}{TRIBUNE_REF}" in batch
    assert not any(line.startswith(f"Q5095804{T}") for line in batch)  # its chairperson has no item
    assert not any(re.match(r"Q\d+\t[LDA]en\t", line) for line in batch)
    assert f'LAST{T}Len{T}"Lori Lightfoot"' not in batch


def test_membership_no_post_holding_states_is_held() -> None:
    model = created_model(FIXTURES / "graph.trig")
    reasons = [h.reason for h in model.held if h.subject.endswith("Jesse_Sharkey") and h.property == "P463"]
    assert reasons == ["member of: no post holding states it"]


def test_unaligned_class_gets_no_invented_p31_and_an_item_without_statements_is_not_created(batch) -> None:
    assert f'LAST{T}Len{T}"Office of the Mayor of Chicago"' not in batch
    warnings = created_model(FIXTURES / "graph.trig").warnings
    assert any("Office_of_the_Mayor> (Office of the Mayor of Chicago): no class aligned" in w for w in warnings)
    assert any("Office_of_the_Mayor> (Office of the Mayor of Chicago): reconciled as absent" in w for w in warnings)


def test_every_line_passes_the_checker_and_csv_says_the_same(tmp_path: Path) -> None:
    options = write_all_absent(FIXTURES / "graph.trig", tmp_path / "curation")
    result = export_quickstatements(FIXTURES / "graph.trig", tmp_path, options=options)
    tsv = (tmp_path / QUICKSTATEMENTS_TSV).read_text(encoding="utf-8")
    table = (tmp_path / QUICKSTATEMENTS_CSV).read_text(encoding="utf-8")
    assert "CREATE" in tsv and check_batch(tsv) == [] and check_csv(table) == []
    commands, _ = csv_to_v1(table)
    assert sorted(commands) == sorted(tsv.splitlines())
    assert any("P31" in w and "Office_of_the_Mayor" in w for w in result.warnings)


def test_only_verified_ids_and_never_p642(tmp_path: Path) -> None:
    options = write_all_absent(FIXTURES / "graph.trig", tmp_path / "curation")
    export_quickstatements(FIXTURES / "graph.trig", tmp_path, options=options)
    allowed = verified_ids() - {"P642"}
    for name in (QUICKSTATEMENTS_TSV, QUICKSTATEMENTS_CSV):
        text = (tmp_path / name).read_text(encoding="utf-8")
        found = {
            m.lstrip("!").replace("S", "P", 1) if m.lstrip("!")[0] == "S" else m
            for m in ID_PATTERN.findall(re.sub(r'"[^"\n]*"', '""', text))
        }
        assert found and found <= allowed, found - allowed


def test_reexport_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    options = write_all_absent(FIXTURES / "graph.trig", tmp_path / "curation")
    export_quickstatements(FIXTURES / "graph.trig", first, options=options)
    export_quickstatements(FIXTURES / "graph.trig", second, options=options)
    for name in (QUICKSTATEMENTS_TSV, QUICKSTATEMENTS_CSV, "to-reconcile.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_mapping_comes_from_the_ontology_not_the_code(tmp_path: Path) -> None:
    """Re-aligning cps:headOfGovernment in the ontology changes the exported property."""
    ontology = (FIXTURES / "ontology.ttl").read_text(encoding="utf-8")
    realigned = tmp_path / "ontology.ttl"
    realigned.write_text(ontology.replace("skos:exactMatch wd:P6 ", "skos:exactMatch wd:P488 "), encoding="utf-8")
    lines = to_v1(created_model(FIXTURES / "graph.trig", load_mapping((realigned, DEFAULT_ALIGNMENT)))).lines
    assert not any(line.startswith(f"Q1297{T}P6{T}") for line in lines)
    assert any(line.startswith(f"Q1297{T}P488{T}Q56486914{T}") for line in lines)


NASTY_LABEL = 'Parents "for" Schools\t|| Chicago | North\nside */'


def test_values_that_would_break_v1_are_normalised_with_a_warning() -> None:
    entity = Entity(source="https://w3id.org/cpskg/id/organization/P", qid=None, label=NASTY_LABEL,
                    aliases=(f"{'long ' * 60}end",))
    batch = to_v1(ExportModel((entity,)))
    assert check_batch(batch.text()) == []
    label = next(line for line in batch.lines if f"{T}Len{T}" in line).split(T)[2]
    assert label == '"Parents “for” Schools // Chicago / North side * /"'
    alias = next(line for line in batch.lines if f"{T}Aen{T}" in line).split(T)[2]
    assert len(alias) - 2 <= TERM_MAX and alias.endswith('…"')
    assert len(batch.warnings) == 2


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_checker_never_crashes(line: str) -> None:
    assert isinstance(check_line(line), list)


@settings(max_examples=300, deadline=None)
@given(label=st.text(min_size=1), value=st.text(min_size=1))
def test_normalised_output_always_passes(label: str, value: str) -> None:
    model = ExportModel(
        (
            Entity(
                source="https://w3id.org/cpskg/id/x",
                qid=None,
                label=label,
                description=value,
                aliases=(value,),
                claims=(Claim("P1932", StringValue(value), qualifiers=(Snak("P1932", StringValue(label)),)),),
            ),
        )
    )
    assert check_batch(to_v1(model).text()) == []
    assert check_csv(to_csv(model).text()) == []


def test_string_limit_matches_checker() -> None:
    line = f'Q1{T}P1932{T}"{"x" * STRING_MAX}"'
    assert check_line(line) == []


def test_failed_export_leaves_previous_files_untouched(tmp_path: Path) -> None:
    """A dataset that does not parse: error naming the file and line, earlier export byte-identical."""
    from builder.errors import InputError

    export_quickstatements(FIXTURES / "graph.trig", tmp_path, ALIGNMENT)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    broken = tmp_path.parent / "broken.trig"
    broken.write_text('<https://w3id.org/cpskg/graph/a> { <s> <p> "unterminated }\n', encoding="utf-8")
    with pytest.raises(InputError, match="broken.trig"):
        export_quickstatements(broken, tmp_path, ALIGNMENT)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_unverified_same_as_is_ignored_and_other_labels_become_aliases(tmp_path: Path) -> None:
    """An owl:sameAs to an id outside the verified list must not address an item: the entity waits to be
    reconciled (by default) or, reconciled as absent, is created with its other labels as aliases."""
    trig = """
    @prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix schema: <http://schema.org/> .
    <https://w3id.org/cpskg/graph/article/a> {
      <https://w3id.org/cpskg/id/article/a> a schema:NewsArticle ; schema:url <https://example.org/a> .
      <https://w3id.org/cpskg/id/organization/U> a cps:LabourUnion ; rdfs:label "Example Teachers Union"@en ;
        owl:sameAs <http://www.wikidata.org/entity/Q99999999> . }
    <https://w3id.org/cpskg/graph/article/b> {
      <https://w3id.org/cpskg/id/organization/U> rdfs:label "Example Teachers' Union"@en . }"""
    path = tmp_path / "unverified.trig"
    path.write_text(trig, encoding="utf-8")
    default = collect_model(path, load_mapping(ALIGNMENT))
    assert default.entities == () and [h.reason for h in default.held] == ["no Wikidata id: not reconciled yet"]
    lines = to_v1(created_model(path)).lines
    assert "Q99999999" not in "\n".join(lines)
    assert lines[:5] == (
        "CREATE",
        f'LAST{T}Len{T}"Example Teachers Union"',
        f'LAST{T}Den{T}"labour union"',
        f'LAST{T}Aen{T}"Example Teachers\' Union"',
        f'LAST{T}P31{T}Q178790{T}S854{T}"https://example.org/a"',
    )


def test_reference_url_only_when_the_article_has_one_and_unstated_metadata_is_left_out(tmp_path: Path) -> None:
    """schema:url -> S854 when present (never invented otherwise); a date, title or author the graph does not
    mark as stated in the text is not written, and an article with nothing identifying gives no block."""
    trig = """
    @prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/cpskg/graph/article/a> {
      <https://w3id.org/cpskg/id/article/a> a schema:NewsArticle ; schema:datePublished "2021-02-01"^^xsd:date ;
        schema:url <https://news.example/2021/02/01/story> ; schema:headline "Story" .
      <https://w3id.org/cpskg/id/person/A> a cps:Person ; rdfs:label "Ann Example"@en . }
    <https://w3id.org/cpskg/graph/article/b> {
      <https://w3id.org/cpskg/id/article/b> a schema:NewsArticle ; schema:datePublished "2021-02-02"^^xsd:date .
      <https://w3id.org/cpskg/id/person/A> a cps:Person . }"""
    path = tmp_path / "url.trig"
    path.write_text(trig, encoding="utf-8")
    model = created_model(path)
    [p31] = [line for line in to_v1(model).lines if f"{T}P31{T}" in line]
    assert p31 == f'LAST{T}P31{T}Q5{T}S854{T}"https://news.example/2021/02/01/story"'
    assert any(w.startswith("<https://w3id.org/cpskg/id/article/b>: no reference identifies") for w in model.warnings)


def test_a_flat_graph_is_refused_rather_than_exported_without_references(tmp_path: Path) -> None:
    from builder.errors import InputError

    flat = tmp_path / "flat.ttl"
    flat.write_text(
        "<https://w3id.org/cpskg/id/person/A> a <https://w3id.org/cpskg/ontology#Person> .\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="named graph per article"):
        collect_model(flat, load_mapping(ALIGNMENT))


def test_description_equal_to_label_is_left_out(tmp_path: Path) -> None:
    """Wikibase refuses an item whose description equals its label."""
    trig = """
    @prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix schema: <http://schema.org/> .
    <https://w3id.org/cpskg/graph/article/a> {
      <https://w3id.org/cpskg/id/article/a> a schema:NewsArticle ; schema:url <https://example.org/a> .
      <https://w3id.org/cpskg/id/organization/N> a cps:Newspaper ; rdfs:label "The Daily"@en ;
        schema:description "the daily"@en . }"""
    path = tmp_path / "same.trig"
    path.write_text(trig, encoding="utf-8")
    model = created_model(path)
    assert model.entities[0].description is None
    assert any("description equals the label" in w for w in model.warnings)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)


@settings(max_examples=60, deadline=None)
@given(label=_TEXT, alias=_TEXT, headline=_TEXT)
def test_any_text_in_the_graph_exports_to_valid_batches(tmp_path_factory, label, alias, headline) -> None:
    """Labels, aliases and headlines of any Unicode text (written as real TriG by pyoxigraph) give
    batches that pass the V1 checker, and JSON documents that keep the text apart from whitespace."""
    import json

    import pyoxigraph as ox

    from builder.export.model import plain_text
    from builder.export.wikibase_json import to_documents

    ids = "https://w3id.org/cpskg/id/"
    graph = ox.NamedNode("https://w3id.org/cpskg/graph/article/a")
    person, article = ox.NamedNode(ids + "person/X"), ox.NamedNode(ids + "article/a")

    def quad(s, p, o):
        return ox.Quad(s, ox.NamedNode(p), o, graph)

    rdf, rdfs, schema = (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://schema.org/",
    )
    quads = [
        quad(person, rdf + "type", ox.NamedNode("https://w3id.org/cpskg/ontology#Person")),
        quad(person, rdfs + "label", ox.Literal(label, language="en")),
        quad(person, "http://www.w3.org/2004/02/skos/core#altLabel", ox.Literal(alias, language="en")),
        quad(article, rdf + "type", ox.NamedNode(schema + "NewsArticle")),
        quad(article, schema + "headline", ox.Literal(headline)),
        quad(article, schema + "datePublished", ox.Literal("2021-02-07", datatype=ox.NamedNode(XSD_DATE))),
        quad(article, schema + "url", ox.NamedNode("https://example.org/a")),
    ]
    path = tmp_path_factory.mktemp("any") / "any.trig"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    model = created_model(path)
    assert check_batch(to_v1(model).text()) == []
    assert check_csv(to_csv(model).text()) == []
    documents, _ = to_documents(model, {})
    expected = plain_text(label)
    if not expected:  # a blank label is no label: not exported, and said so
        assert documents == [] and any("no English label" in w for w in model.warnings)
        return
    [document] = json.loads(json.dumps(documents))
    if len(expected) <= TERM_MAX:
        assert document["labels"]["en"]["value"] == expected
    else:
        assert len(document["labels"]["en"]["value"]) <= TERM_MAX


XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def test_relation_aligned_to_a_non_item_property_is_not_exported(tmp_path: Path) -> None:
    ontology = (FIXTURES / "ontology.ttl").read_text(encoding="utf-8")
    realigned = tmp_path / "ontology.ttl"
    realigned.write_text(ontology.replace("skos:exactMatch wd:P108", "skos:exactMatch wd:P2093"), encoding="utf-8")
    model = collect_model(FIXTURES / "graph.trig", load_mapping((realigned, DEFAULT_ALIGNMENT)))
    assert not any(c.property == "P2093" for e in model.entities for c in e.claims)
    assert any("employer> is aligned to P2093, which does not take an item" in w for w in model.warnings)
