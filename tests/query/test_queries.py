"""Canned queries: catalogue rules, engine agreement, expected results, quality checks, output formats.

Expected results of the canned queries on the built dataset live in tests/expected/queries/NAME.json
(SPARQL 1.1 JSON results), compared as multisets, or as ordered lists for `#+ ordered: true` queries.
Regenerate them after a reviewed change of the data with:

    CPSKG_REGENERATE=1 .venv/bin/pytest tests/query/test_queries.py -k expected
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import QUERIES_MINI, ROOT

from builder.query.catalogue import main as catalogue_main
from builder.query.catalogue import render_catalogue, updated_readme
from builder.query.queries import load_catalogue
from builder.query.results import compare, from_json, to_json
from builder.query.sparql_run import run_oxigraph, run_quality_checks, run_rdflib
from builder.query.store import rdflib_from_trig, store_from_trig

CPS = "https://w3id.org/cpskg/ontology#"
EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "queries"
OUTPUT_TRIG = ROOT / "output" / "cpskg.trig"
CATALOGUE = load_catalogue()
LOCAL_QUERIES = [name for name, q in CATALOGUE.canned().items() if "internet" not in q.needs]


@pytest.fixture(scope="module")
def mini():
    return store_from_trig(QUERIES_MINI), rdflib_from_trig(QUERIES_MINI)


@pytest.fixture(scope="module")
def built():
    if not OUTPUT_TRIG.is_file():
        pytest.fail(f"{OUTPUT_TRIG} is missing: run `make build` (the dataset is committed)")
    return store_from_trig(OUTPUT_TRIG)


@pytest.fixture(scope="module")
def built_rdflib(built):
    return rdflib_from_trig(OUTPUT_TRIG)


def rows(result, *variables):
    """The chosen columns as tuples of plain values ('' for unbound), for readable assertions."""
    index = [result.variables.index(v) for v in variables]
    return [tuple("" if row[i] is None else row[i].value for i in index) for row in result.rows]


def run(store, name, **params):
    query = CATALOGUE.get(name)
    return run_oxigraph(store, query, query.bindings(params))


# --- the catalogue ---------------------------------------------------------------------------------


def test_at_least_twelve_canned_queries_named_noun_qualifier():
    assert len(CATALOGUE.canned()) >= 12
    for name in CATALOGUE.canned():
        assert re.fullmatch(r"[a-z]+_[a-z_]+", name), name


@pytest.mark.parametrize("name", sorted(CATALOGUE.queries))
def test_every_query_has_a_full_header_and_declares_its_order(name):
    query = CATALOGUE.get(name)
    assert query.title and query.summary
    if not query.is_quality_check:
        assert query.description
    has_order_by = re.search(r"^ORDER BY", query.text, re.MULTILINE) is not None
    assert query.ordered == (has_order_by and not query.is_quality_check), "ordered: true iff ORDER BY"


def test_the_federated_example_is_marked_and_refused_locally(cpskg_cli, mini_out_dir):
    assert CATALOGUE.get("entities_wikidata_federated").needs == ("internet",)
    result = cpskg_cli("query", "entities_wikidata_federated", "--out", str(mini_out_dir))
    assert result.exit_code == 2 and "--endpoint" in result.stderr


# --- engines agree ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LOCAL_QUERIES)
def test_pyoxigraph_and_rdflib_agree_on_the_fixture(mini, name):
    query = CATALOGUE.get(name)
    oxigraph, rdflib_ = (run_oxigraph(mini[0], query, query.bindings()), run_rdflib(mini[1], query, query.bindings()))
    difference = compare(oxigraph, rdflib_, ordered=query.ordered)
    assert not difference, difference.render(oxigraph.variables)


@pytest.mark.slow
@pytest.mark.parametrize("name", LOCAL_QUERIES)
def test_pyoxigraph_and_rdflib_agree_on_the_built_dataset(built, built_rdflib, name):
    query = CATALOGUE.get(name)
    oxigraph = run_oxigraph(built, query, query.bindings())
    difference = compare(oxigraph, run_rdflib(built_rdflib, query, query.bindings()), ordered=query.ordered)
    assert not difference, difference.render(oxigraph.variables)


# --- reviewed answers on the hand-checked fixture (tests/fixtures/queries-mini.trig) ----------------


def test_posts_count_the_articles_that_report_a_holding(mini):
    assert rows(run(mini[0], "posts_by_person"), "personLabel", "role", "organizationLabel", "articles") == [
        ("Jesse Sharkey", "https://w3id.org/cpskg/ontology#PresidentRole", "Chicago Teachers Union", "2"),
        ("Robert Bloch", "https://w3id.org/cpskg/ontology#GeneralCounselRole", "Chicago Teachers Union", "1"),
    ]


def test_the_timeline_is_in_date_order_across_both_negotiations(mini):
    assert rows(run(mini[0], "events_timeline"), "date", "eventLabel") == [
        ("2019-10-17", "2019 strike"), ("2021-02-07", "CPS offer on vaccinations"), ("2021-02-07", "tentative deal")]


def test_only_the_strike_is_reported_by_two_articles(mini):
    assert rows(run(mini[0], "events_multiple_articles"), "eventLabel", "articles") == [("2019 strike", "2")]


def test_the_disputed_gap_has_one_claim_per_side(mini):
    assert rows(run(mini[0], "claims_disputed"), "claimantLabel", "claimText") == [
        ("Chicago Public Schools", "they are $100 million dollars apart"),
        ("Chicago Teachers Union", "the two sides are $38 million apart")]


def test_an_offer_lists_who_made_it_and_its_term_with_the_quantity(mini):
    assert rows(run(mini[0], "offers_made"), "firstDate", "kind", "proposerLabel", "recipientLabel", "terms") == [
        ("2021-02-07", CPS + "Offer", "Chicago Public Schools", "Chicago Teachers Union", "1")]
    assert rows(run(mini[0], "offer_terms"), "topic", "value", "unit") == [
        ("https://w3id.org/cpskg/ontology#VaccinationTopic", "1500", "vaccinations per week")]


def test_the_return_schedule_puts_staff_before_students(mini):
    assert rows(run(mini[0], "return_schedule"), "date", "gradeBand", "group") == [
        ("2021-02-22", "K-5", "https://w3id.org/cpskg/ontology#StaffGroup"),
        ("2021-03-01", "K-5", "https://w3id.org/cpskg/ontology#StudentsGroup")]


def test_provenance_gives_the_exact_span_of_each_mention(mini):
    result = run(mini[0], "provenance_of_fact", fact="id:person/Jesse_Sharkey")
    text = {a: s.value for a, s in ((str(q.subject.value), q.object) for q in mini[0].quads_for_pattern(
        None, ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"), None))}
    spans = rows(result, "article", "begin", "end", "words")
    assert len(spans) == 2
    for article, begin, end, words in spans:
        assert text[article][int(begin):int(end)] == words == "Jesse Sharkey"


def test_agents_linked_to_an_organisation_include_post_holders_and_members(mini):
    result = run(mini[0], "agents_linked_to_organization", organization="id:organization/Chicago_Teachers_Union")
    assert rows(result, "agentLabel", "link") == [
        ("Jesse Sharkey", "http://www.w3.org/ns/org#hasMembership"),
        ("Jesse Sharkey", "http://www.w3.org/ns/org#memberOf"),
        ("Robert Bloch", "http://www.w3.org/ns/org#hasMembership")]


def test_quantities_keep_the_reporter_and_the_words(mini):
    assert rows(run(mini[0], "quantities_reported"), "value", "reportedByLabel", "words")[:1] == [
        ("38000000", "Chicago Teachers Union", "$38 million")]


# --- expected results on the built dataset ----------------------------------------------------------


@pytest.mark.parametrize("name", LOCAL_QUERIES)
def test_expected_results_on_the_built_dataset(built, name):
    query = CATALOGUE.get(name)
    actual = run_oxigraph(built, query, query.bindings())
    path = EXPECTED / f"{name}.json"
    if os.environ.get("CPSKG_REGENERATE") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_json(actual), encoding="utf-8")
    if not path.is_file():
        pytest.fail(f"no expected result {path}; review the output and run with CPSKG_REGENERATE=1")
    expected = from_json(json.loads(path.read_text(encoding="utf-8")))
    difference = compare(expected, actual, ordered=query.ordered)
    regenerate = "CPSKG_REGENERATE=1 .venv/bin/pytest tests/query/test_queries.py -k expected"
    assert not difference, f"{difference.render(expected.variables)}\nafter reviewing, regenerate: {regenerate}"


def test_there_is_no_expected_file_without_a_query():
    assert {p.stem for p in EXPECTED.glob("*.json")} <= set(LOCAL_QUERIES)


def test_the_built_dataset_passes_every_quality_check(built):
    violations = run_quality_checks(built)
    assert not violations, "\n".join(v.render() for v in violations)


# --- quality checks: the fixture passes, each defect trips exactly its own check ---------------------

CLEAN = """
@prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix schema: <http://schema.org/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix id: <https://w3id.org/cpskg/id/> . @prefix wd: <http://www.wikidata.org/entity/> .
<https://w3id.org/cpskg/graph/article/a> {
  id:article\\/a a schema:NewsArticle, nif:Context ; nif:isString "Mayor Lori Lightfoot spoke." .
  <https://w3id.org/cpskg/id/article/a#char=6,20> a cps:Mention ; nif:referenceContext id:article\\/a ;
      nif:beginIndex 6 ; nif:endIndex 20 ; nif:anchorOf "Lori Lightfoot" .
  id:person\\/Lori_Lightfoot a cps:Person, schema:Person ; rdfs:label "Lori Lightfoot"@en ;
      schema:sameAs wd:Q56486914 ; gaf:denotedBy <https://w3id.org/cpskg/id/article/a#char=6,20> .
  %s
}
"""

ID = "https://w3id.org/cpskg/id/"
DEFECTS = {
    "qc/mention-anchor-violation": (
        '<https://w3id.org/cpskg/id/article/a#char=0,5> nif:referenceContext id:article\\/a ; '
        'nif:beginIndex 0 ; nif:endIndex 5 ; nif:anchorOf "Lori " .',
        ID + "article/a#char=0,5"),
    # an article published as excerpts (no nif:isString), in its own graph: the mention is checked against
    # its sentence (the graph of article a closes first; the template closes the graph of article b)
    "qc/excerpt-anchor-violation": (
        '} <https://w3id.org/cpskg/graph/article/b> { '
        'id:article\\/b a nif:Context ; nif:beginIndex 0 ; nif:endIndex 27 . '
        '<https://w3id.org/cpskg/id/article/b#char=0,27> nif:referenceContext id:article\\/b ; '
        'nif:beginIndex 0 ; nif:endIndex 27 ; nif:anchorOf "Mayor Lori Lightfoot spoke." . '
        '<https://w3id.org/cpskg/id/article/b#char=6,20> nif:referenceContext id:article\\/b ; '
        'nif:beginIndex 6 ; nif:endIndex 20 ; nif:anchorOf "Lori Lightfoo!" ; '
        'nif:sentence <https://w3id.org/cpskg/id/article/b#char=0,27> .',
        ID + "article/b#char=6,20"),
    "qc/mention-offsets-violation": (
        '<https://w3id.org/cpskg/id/article/a#char=20,99> nif:referenceContext id:article\\/a ; '
        'nif:beginIndex 20 ; nif:endIndex 99 .',
        ID + "article/a#char=20,99"),
    "qc/label-missing-violation": (
        "id:person\\/Nobody a cps:Person ; gaf:denotedBy <https://w3id.org/cpskg/id/article/a#char=6,20> .",
        ID + "person/Nobody"),
    "qc/grounding-missing-violation": (
        'id:quotation\\/q a schema:Quotation ; schema:text "spoke" .', ID + "quotation/q"),
    "qc/wikidata-unverified-violation": (
        "id:person\\/Lori_Lightfoot owl:sameAs <http://www.wikidata.org/entity/Q4115189> .",
        ID + "person/Lori_Lightfoot"),
    "qc/graph-article-violation": (
        # a second article graph b, and in graph a a fact grounded by a mention of article b
        "id:person\\/Lori_Lightfoot gaf:denotedBy <https://w3id.org/cpskg/id/article/b#char=0,4> . }\n"
        "<https://w3id.org/cpskg/graph/article/b> { id:article\\/b a schema:NewsArticle ; nif:isString \"Lori\" . "
        "<https://w3id.org/cpskg/id/article/b#char=0,4> a cps:Mention ; nif:referenceContext id:article\\/b ; "
        'nif:beginIndex 0 ; nif:endIndex 4 ; nif:anchorOf "Lori" .',
        ID + "person/Lori_Lightfoot"),
    "qc/quotation-text-violation": (
        'id:quotation\\/q a schema:Quotation ; schema:text "Lori Lightfoot resigned" ; '
        "gaf:denotedBy <https://w3id.org/cpskg/id/article/a#char=6,20> .",
        ID + "quotation/q"),
    "qc/iri-undescribed-violation": (
        # a claim about an event that no triple describes
        'id:claim\\/c a cps:Claim ; cps:about id:event\\/gone ; '
        "gaf:denotedBy <https://w3id.org/cpskg/id/article/a#char=6,20> .",
        ID + "event/gone"),
    "qc/confidence-multiple-violation": (
        # a person read by two rules of different certainty, both confidences left on the node
        "id:person\\/Lori_Lightfoot cps:confidence 0.95, 0.7 .",
        ID + "person/Lori_Lightfoot"),
    "qc/event-versions-violation": (
        # two reports' statuses on the event itself, instead of one status and a claim per version
        'id:event\\/e a cps:Event ; rdfs:label "Strike"@en ; cps:eventStatus cps:PlannedStatus , cps:OccurredStatus ; '
        "gaf:denotedBy <https://w3id.org/cpskg/id/article/a#char=6,20> .",
        ID + "event/e"),
    "qc/person-label-duplicate-violation": (
        'id:person\\/L_Lightfoot a schema:Person ; rdfs:label "lori lightfoot" ; '
        "gaf:denotedBy <https://w3id.org/cpskg/id/article/a#char=6,20> .",
        ID + "person/L_Lightfoot"),
}


def _store(extra: str) -> ox.Store:
    store = ox.Store()
    store.load(("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n" + CLEAN % extra).encode(), format=ox.RdfFormat.TRIG)
    return store


def test_the_clean_example_and_the_fixture_pass_every_check(mini):
    assert run_quality_checks(_store("")) == []
    assert run_quality_checks(mini[0]) == []


def test_every_check_has_a_defect_example():
    assert set(DEFECTS) == set(CATALOGUE.quality_checks())


@pytest.mark.parametrize("check", sorted(DEFECTS))
def test_each_defect_trips_exactly_its_own_check(check):
    extra, focus = DEFECTS[check]
    violations = run_quality_checks(_store(extra))
    assert {v.check for v in violations} == {check}
    assert any(ox.NamedNode(focus) in v.row.values() for v in violations), [v.render() for v in violations]


# --- output formats through the CLI -------------------------------------------------------------------


def test_table_output_is_aligned_and_uses_prefixed_names(cpskg_cli, mini_out_dir):
    result = cpskg_cli("query", "posts_by_person", "--out", str(mini_out_dir))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "personLabel", "role", "organizationLabel", "firstAsOf", "lastAsOf", "articles", "person", "organization"]
    assert "cps:PresidentRole" in lines[2] and "<https://" not in result.stdout
    assert lines[2].index("cps:PresidentRole") == lines[0].index("role")
    assert lines[-1] == "(2 rows)"


def test_csv_output_follows_the_sparql_csv_format(cpskg_cli, mini_out_dir):
    result = cpskg_cli("query", "quotations_by_person", "--format", "csv", "--out", str(mini_out_dir))
    assert result.exit_code == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[1][table[0].index("text")] == "We’re deeply disappointed,"
    assert table[1][table[0].index("article")] == "https://w3id.org/cpskg/id/article/fixture-2021-02-07-deal"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_json_output_round_trips_to_the_same_result(cpskg_cli, mini_out_dir, mini, engine):
    result = cpskg_cli("query", "events_timeline", "--format", "json", "--engine", engine, "--out", str(mini_out_dir))
    assert result.exit_code == 0, result.stderr
    parsed = from_json(json.loads(result.stdout))
    assert not compare(run(mini[0], "events_timeline"), parsed, ordered=True)


def test_an_unknown_query_and_a_missing_dataset_exit_2(cpskg_cli, tmp_path):
    assert cpskg_cli("query", "no_such_query", "--out", str(tmp_path)).exit_code == 2
    result = cpskg_cli("query", "posts_by_person", "--out", str(tmp_path))
    assert result.exit_code == 2 and "cpskg build" in result.stderr


# --- the README catalogue ---------------------------------------------------------------------------


def test_the_readme_catalogue_is_current():
    assert catalogue_main(["--check"]) == 0, "run `python -m builder.query.catalogue` to regenerate it"


def test_the_catalogue_lists_every_query_and_check():
    text = render_catalogue(CATALOGUE)
    for name in CATALOGUE.queries:
        assert f"[`{name}`](queries/{name}.rq)" in text


def test_updating_replaces_only_the_text_between_the_markers():
    readme = "# T\nbefore\n<!-- catalogue:start -->\nSTALE-TEXT\n<!-- catalogue:end -->\nafter\n"
    updated = updated_readme(readme, CATALOGUE)
    assert updated.startswith("# T\nbefore\n<!-- catalogue:start -->\n")
    assert updated.endswith("<!-- catalogue:end -->\nafter\n")
    assert "STALE-TEXT" not in updated and updated_readme(updated, CATALOGUE) == updated


@pytest.mark.parametrize("name", sorted(CATALOGUE.queries))
def test_every_query_parses_with_rdflib_too(name):
    """The federated query cannot run offline; at least its syntax is checked by a second parser."""
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(CATALOGUE.get(name).text)


def test_verified_ids_are_read_from_the_id_column_and_checked(tmp_path):
    from builder.errors import InputError
    from builder.query.sparql_run import verified_wikidata_ids

    tsv = tmp_path / "wikidata-ids.tsv"
    tsv.write_text("kind\tlabel\tid\nitem\tA\tQ5\nproperty\tB\tP39\nitem\tA again\tQ5\n", encoding="utf-8")
    assert verified_wikidata_ids(tsv) == "P39 Q5"
    tsv.write_text("kind\tlabel\tid\nitem\tA\tQ5\" || true || \"\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not a Wikidata id") as caught:
        verified_wikidata_ids(tsv)
    assert caught.value.position == "2"


def test_the_cli_fills_the_verified_ids_of_a_check_from_curation(cpskg_cli, mini_out_dir):
    """The fixture links two entities to ids that curation/wikidata-ids.tsv lists: no violation."""
    result = cpskg_cli("query", "qc/wikidata-unverified-violation", "--format", "csv", "--out", str(mini_out_dir))
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    result = cpskg_cli("query", "qc/wikidata-unverified-violation", "--param", "verified_ids=Q5095804",
                       "--format", "csv", "--out", str(mini_out_dir))
    assert [line.split(",")[1] for line in result.stdout.splitlines()[1:]] == ["http://www.wikidata.org/entity/Q56486914"]


@pytest.mark.parametrize("check", sorted(DEFECTS))
def test_each_check_finds_the_same_rows_on_rdflib(check):
    """The checks are portable SPARQL: rdflib (set union of the graphs) reports what pyoxigraph reports."""
    import rdflib

    from builder.query.sparql_run import curated_overrides, default_curation_dir

    text = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n" + CLEAN % DEFECTS[check][0]
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=text, format="trig")
    query = CATALOGUE.get(check)
    bindings = query.bindings(curated_overrides(query, default_curation_dir()))
    oxigraph = run_oxigraph(_store(DEFECTS[check][0]), query, bindings)
    assert oxigraph.rows
    assert not compare(oxigraph, run_rdflib(dataset, query, bindings), ordered=False)


def test_list_names_every_query_with_its_parameters(cpskg_cli):
    result = cpskg_cli("query", "--list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert names == list(CATALOGUE.queries)
    assert "quotations_by_person [--param person=<string>]" in result.stdout
