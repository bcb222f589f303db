"""The streaming build (issue 13): per-article graphs cached by what they depend on, and the RDFC-1.0 hash
recomputable from the written TriG with a standard tool (pyoxigraph's canonicalisation)."""

from __future__ import annotations

import hashlib
import json
import shutil

import pyoxigraph as ox

from builder import pipeline
from builder.write.chunks import ArticleGraph, ConcatenatedFiles, read_chunk, write_chunk
from tests.corpus_factory import PROJECT, make_corpus

CURATION = PROJECT / "curation"
ARTICLES = {
    "one": "CHICAGO — Chicago Teachers Union President Jesse Sharkey said on Monday the union would vote.\n",
    "two": "CHICAGO — Chicago Mayor Lori Lightfoot said on Tuesday the district offered 1,500 vaccinations per week.\n",
    "three": "CHICAGO — Chicago Public Schools CEO Janice Jackson said on Wednesday schools would reopen.\n",
}


def test_adding_one_article_extracts_only_that_article(tmp_path, monkeypatch):
    monkeypatch.setenv("CPSKG_CACHE_DIR", str(tmp_path / "cache"))
    two = {k: v.encode() for k, v in list(ARTICLES.items())[:2]}
    first = pipeline.build(make_corpus(tmp_path / "a", two), tmp_path / "out-a", CURATION)
    assert sorted(g.article_id for g in first.graphs if g.extracted) == ["one", "two"]

    corpus = make_corpus(tmp_path / "b", {k: v.encode() for k, v in ARTICLES.items()})
    second = pipeline.build(corpus, tmp_path / "out-b", CURATION)
    assert [g.article_id for g in second.graphs if g.extracted] == ["three"]

    # the cached graphs give the bytes a build without the cache gives
    monkeypatch.setenv("CPSKG_CACHE_DIR", "off")
    cold = pipeline.build(corpus, tmp_path / "out-c", CURATION)
    assert all(g.extracted for g in cold.graphs)
    for name in (pipeline.TRIG_FILE, pipeline.TURTLE_FILE, pipeline.REPORT_FILE):
        assert (tmp_path / "out-b" / name).read_bytes() == (tmp_path / "out-c" / name).read_bytes()


def test_a_changed_article_is_extracted_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CPSKG_CACHE_DIR", str(tmp_path / "cache"))
    articles = {k: v.encode() for k, v in ARTICLES.items()}
    pipeline.build(make_corpus(tmp_path / "a", articles), tmp_path / "out", CURATION)
    articles["two"] = articles["two"].replace(b"1,500", b"2,500")
    again = pipeline.build(make_corpus(tmp_path / "b", articles), tmp_path / "out", CURATION)
    assert [g.article_id for g in again.graphs if g.extracted] == ["two"]


def test_the_rdfc10_hash_is_recomputed_from_the_trig_with_pyoxigraph():
    """The recipe of docs/design-notes.md: canonicalise the dataset of the TriG (RDFC-1.0), sort its
    N-Quads lines, SHA-256."""
    dataset = ox.Dataset(ox.parse(path=str(PROJECT / "output" / "cpskg.trig"), format=ox.RdfFormat.TRIG))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).split(b"\n")[:-1])  # one per quad
    report = json.loads((PROJECT / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(b"".join(line + b"\n" for line in lines)).hexdigest() == report["rdfc10_sha256"]


def test_a_chunk_holds_its_graph_sorted_and_the_concatenation_loads_every_chunk(tmp_path):
    graph = ox.NamedNode("https://w3id.org/cpskg/graph/article/x")
    quads = [ox.Quad(ox.NamedNode(f"https://w3id.org/cpskg/id/person/{name}"),
                     ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(name, language="en"), graph)
             for name in ("b", "a", "c")]
    write_chunk(tmp_path / "x.nq", quads)
    assert [q.subject.value[-1] for q in read_chunk(tmp_path / "x.nq")] == ["a", "b", "c"]
    shutil.copyfile(tmp_path / "x.nq", tmp_path / "y.nq")
    store = ox.Store()
    store.bulk_load(ConcatenatedFiles([tmp_path / "x.nq", tmp_path / "y.nq"]), format=ox.RdfFormat.N_QUADS)
    assert len(store) == 3
    assert ArticleGraph("x", tmp_path / "x.nq", {}) == ArticleGraph("x", tmp_path / "x.nq", {"quads": 3})
