"""What a researcher finds next to the data: summary, VoID/DCAT description, JSON-LD, pictures, progress."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from builder.cli import main
from builder.pictures import _rows
from builder.progress import Progress
from tests.corpus_factory import PROJECT

VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
DATASET = "https://w3id.org/cpskg/dataset"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", "--corpus", str(PROJECT / "corpus"), "--out", str(out),
                                       "--curation", str(PROJECT / "curation"), "--json"])
    assert result.exit_code == 0, result.output
    return out, json.loads(result.output.strip().splitlines()[-1])


def dataset_quads(out: Path) -> set[ox.Quad]:
    """The data of the TriG: its article graphs, without the ontology's own graph published beside them."""
    return {q for q in ox.parse(path=str(out / "cpskg.trig"), format=ox.RdfFormat.TRIG)
            if q.graph_name.value != "https://w3id.org/cpskg/graph/ontology"}


def test_json_summary_agrees_with_the_report(built):
    out, summary = built
    report = json.loads((out / "build-report.json").read_text())
    for key in ("articles", "entities", "facts", "quads", "named_graphs"):
        assert summary[key] == report["totals"][key]
    assert summary["violations"] == 0 and summary["rdfc10_sha256"] == report["rdfc10_sha256"]
    assert summary["entities"] > 10 and summary["facts"] > 10


def test_void_description_counts_what_is_in_the_data(built):
    out, summary = built
    void = {t for t in ox.parse(path=str(out / "void.ttl"), format=ox.RdfFormat.TURTLE)}

    def value(predicate: str) -> str:
        (term,) = [t.object for t in void if t.subject.value == DATASET and t.predicate.value == predicate]
        return term.value

    union = {q.triple for q in dataset_quads(out)}
    assert int(value(VOID + "triples")) == len(union)
    # void:entities counts every grounded instance (people and organisations, and the n-ary facts)
    assert int(value(VOID + "entities")) == summary["entities"] + summary["facts"]
    assert int(value(VOID + "properties")) == len({t.predicate for t in union})
    assert value(DCT + "license") == "https://creativecommons.org/licenses/by/4.0/"
    assert value(DCT + "identifier") == f"rdfc10-sha256:{summary['rdfc10_sha256']}"
    sources = {t.object.value for t in void if t.predicate.value == DCT + "source"}
    assert len(sources) == summary["articles"]
    # every source has its publication date and publisher in the description
    for source in sources:
        described = {t.predicate.value for t in void if t.subject.value == source}
        assert {DCT + "issued", DCT + "publisher"} <= described


def test_jsonld_is_the_same_dataset_in_both_libraries(built):
    out, _ = built
    expected = set(ox.parse(path=str(out / "cpskg.trig"), format=ox.RdfFormat.TRIG))  # data and ontology graph
    assert set(ox.parse(path=str(out / "cpskg.jsonld"), format=ox.RdfFormat.JSON_LD)) == expected
    rdflib_dataset = rdflib.Dataset()
    rdflib_dataset.parse(out / "cpskg.jsonld", format="json-ld")
    named = [q for q in rdflib_dataset.quads((None, None, None, None)) if q[3] is not None
             and str(q[3]).startswith("https://w3id.org/cpskg/graph/")]
    assert len(named) == len(expected)
    context = json.loads((out / "context.jsonld").read_text())["@context"]
    assert context["schema"] == "http://schema.org/" and context["person"].endswith("/id/person/")


def test_pictures_are_drawn_from_the_graph(built):
    out, _ = built
    store = ox.Store()
    store.extend(dataset_quads(out))
    whos_who = (out / "docs" / "whos-who.svg").read_text()
    ET.fromstring(whos_who)  # well-formed SVG
    people = {row["personLabel"].value for row in _rows(store, "posts_by_person")}
    assert people and all(person in whos_who for person in people)
    timeline = (out / "docs" / "timeline.svg").read_text()
    ET.fromstring(timeline)
    for row in _rows(store, "events_timeline")[:10]:
        assert row["date"].value in timeline


def test_progress_bar_reports_articles_per_second():
    stream = io.StringIO()
    progress = Progress(stream=stream, enabled=True)
    progress.start(3)
    for _ in range(3):
        progress.advance()
    progress.finish()
    assert "3/3 articles" in stream.getvalue() and "articles/s" in stream.getvalue()
    silent = io.StringIO()
    quiet = Progress(stream=silent, enabled=False)
    quiet.start(2)
    quiet.advance()
    quiet.finish()
    assert silent.getvalue() == ""


# -- issue 17: VoID/DCAT says where to download each distribution, and when it was modified --------------


def test_every_distribution_has_a_download_url_and_the_turtle_dump_is_the_data_dump():
    import pyoxigraph as ox

    from builder.describe import DUMP_BASE

    store = ox.Store()
    store.load(path=str(PROJECT / "output" / "void.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(
        "PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/> "
        "SELECT ?title ?url WHERE { ?d dcat:distribution ?x . ?x dct:title ?title ; dcat:downloadURL ?url }"))
    by_file = {r["title"].value.removeprefix("output/"): r["url"].value for r in rows}
    assert by_file == {name: DUMP_BASE + name for name in ("cpskg.ttl", "cpskg.trig", "cpskg.jsonld")}
    for name in by_file:
        assert (PROJECT / "output" / name).is_file()
    dump = list(store.query("PREFIX void: <http://rdfs.org/ns/void#> SELECT ?u WHERE { ?d void:dataDump ?u }"))
    assert [r["u"].value for r in dump] == [DUMP_BASE + "cpskg.ttl"]


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "2021-02-07"), ({"SOURCE_DATE_EPOCH": ""}, "2021-02-07"),
    ({"SOURCE_DATE_EPOCH": "1700000000"}, "2023-11-14"), ({"SOURCE_DATE_EPOCH": "0"}, "1970-01-01"),
])
def test_modified_is_source_date_epoch_when_set_else_the_newest_article(environ, expected):
    from datetime import date

    from builder.describe import modified_date

    published = [date(2019, 10, 29), date(2021, 2, 7), date(2021, 2, 1)]
    assert modified_date(published, environ).isoformat() == expected


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "99999999999999"])
def test_a_malformed_source_date_epoch_is_exit_2_before_any_work(tmp_path, value):
    completed = subprocess.run([str(Path(sys.executable).parent / "cpskg"), "build", "--quiet", "--out",
                                str(tmp_path / "out")], cwd=PROJECT, capture_output=True, text=True,
                               env={**os.environ, "SOURCE_DATE_EPOCH": value}, timeout=120)
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and "SOURCE_DATE_EPOCH" in completed.stderr
    assert not (tmp_path / "out").exists()


def test_the_ontology_graph_makes_role_labels_and_the_class_hierarchy_queryable():
    from builder.store import load_store

    store = load_store(PROJECT / "output")
    rows = list(store.query("""
        PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?roleLabel WHERE { ?post org:role ?role . ?role rdfs:label ?roleLabel }"""))
    assert len(rows) >= 5 and all(r["roleLabel"].language == "en" for r in rows)
    unions = store.query("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <http://schema.org/>
        PREFIX cps: <https://w3id.org/cpskg/ontology#>
        ASK { cps:LabourUnion rdfs:subClassOf+ schema:Organization }""")
    assert bool(unions)
