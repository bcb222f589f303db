"""The build end to end: deterministic, atomic, strictly re-readable, one named graph per article."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from builder import atomic
from builder.cli import main
from builder.errors import OutputError
from builder.pipeline import REPORT_FILE, TRIG_FILE, TURTLE_FILE, build
from builder.rdfio import TMP_PREFIX, rdfc10_hash
from tests.corpus_factory import PROJECT, snapshot

CORPUS = PROJECT / "corpus"
CURATION = PROJECT / "curation"
OUTPUT = PROJECT / "output"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    build(CORPUS, out, CURATION)
    return out


def test_two_builds_are_byte_identical(built, tmp_path):
    build(CORPUS, tmp_path, CURATION)
    assert snapshot(tmp_path) == snapshot(built)


def test_parallel_build_gives_identical_output(built, tmp_path):
    build(CORPUS, tmp_path, CURATION, jobs=2)
    assert snapshot(tmp_path) == snapshot(built)


def test_builds_with_other_hash_seeds_and_article_order_are_identical(built, tmp_path):
    """PYTHONHASHSEED and the order of sources.yaml must not change a byte."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    sources = (corpus / "sources.yaml").read_text(encoding="utf-8")
    head, *entries = sources.split("\n  - id: ")
    (corpus / "sources.yaml").write_text("\n  - id: ".join([head, *reversed(entries)]), encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-m", "builder", "build", "--corpus", str(corpus), "--out", str(out),
                    "--curation", str(CURATION)], check=True, env=env, capture_output=True, cwd=PROJECT)
    assert snapshot(out) == snapshot(built)


def test_the_reference_validator_passes_the_same_build(built, tmp_path):
    """The build validates with the fast path by default; pySHACL must agree that the seeds conform and
    give the same files but for the validator's name in the report."""
    build(CORPUS, tmp_path, CURATION, validator="pyshacl")
    fresh, fast = snapshot(tmp_path), snapshot(built)
    assert sorted(name for name in fresh if fresh[name] != fast[name]) == [REPORT_FILE]
    reference = json.loads((tmp_path / REPORT_FILE).read_text())["validation"]
    assert reference == {**json.loads((built / REPORT_FILE).read_text())["validation"], "validator": "pyshacl"}


def test_committed_output_is_what_the_build_produces(built):
    fresh, committed = snapshot(built), snapshot(OUTPUT)
    stale = sorted(name for name in fresh if committed.get(name) != fresh[name])
    assert not stale, f"output/ is stale in {stale}: run `make build` and commit output/"


def test_one_named_graph_per_article_and_strict_reparse(built):
    dataset = list(ox.parse(path=str(built / TRIG_FILE), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in dataset}
    report = json.loads((built / REPORT_FILE).read_text())
    ids = [a["id"] for a in report["articles"]]
    ontology = "https://w3id.org/cpskg/graph/ontology"
    assert graphs == {f"https://w3id.org/cpskg/graph/article/{i}" for i in ids} | {ontology}
    union = {q.triple for q in dataset if q.graph_name.value != ontology}  # the Turtle is the data only
    turtle = {q.triple for q in ox.parse(path=str(built / TURTLE_FILE), format=ox.RdfFormat.TURTLE)}
    assert turtle == union


def test_every_span_in_the_output_is_the_article_text_at_its_offsets(built):
    store = ox.Store()
    store.bulk_load(path=str(built / TRIG_FILE), format=ox.RdfFormat.TRIG)
    rows = list(store.query(f"""
        PREFIX nif: <{NIF}>
        SELECT ?span ?begin ?end ?anchor ?text WHERE {{
          ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ; nif:referenceContext ?ctx .
          ?ctx nif:isString ?text }}""", use_default_graph_as_union=True))
    assert len(rows) > 100
    for row in rows:
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert row["text"].value[begin:end] == row["anchor"].value, row["span"]


def test_report_hash_is_recomputed_from_the_files(built):
    report = json.loads((built / REPORT_FILE).read_text())
    quads = list(ox.parse(path=str(built / TRIG_FILE), format=ox.RdfFormat.TRIG))
    assert report["rdfc10_sha256"] == rdfc10_hash(quads)  # the hash covers everything the TriG holds
    ontology = [q for q in quads if q.graph_name.value == "https://w3id.org/cpskg/graph/ontology"]
    assert report["totals"]["quads"] == len(quads) - len(ontology)  # the counts are of the data
    assert report["totals"]["ontology_quads"] == len(ontology) > 500


def test_failed_build_leaves_output_byte_identical(built, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "articles" / "2021-02-07-cbs-tentative-deal.txt").write_bytes(b"caf\xe9 \x93bad\x94")
    before = snapshot(built)
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--out", str(built),
                                       "--curation", str(CURATION)])
    assert result.exit_code == 2, result.output
    assert "byte offset 3" in result.output
    assert snapshot(built) == before


def test_exception_part_way_through_writing_leaves_output_intact(built, monkeypatch):
    before = snapshot(built)
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 2:  # the second file of the build: one is already staged
            raise OSError("disk full (injected)")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match="injected") as raised:  # one line for the user, exit 2
        build(CORPUS, built, CURATION)
    assert isinstance(raised.value.__cause__, OSError)
    assert snapshot(built) == before
    assert not list(built.rglob(f"{TMP_PREFIX}*"))


def test_every_command_has_help():
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0 and "Exit codes" in top.output
    for name in main.list_commands(None):
        sub = runner.invoke(main, [name, "--help"])
        assert sub.exit_code == 0 and len(sub.output.splitlines()) > 3, name
