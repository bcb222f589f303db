"""The per-article map runs unchanged on a distributed engine (a Dask local cluster) with identical output.

Articles travel to the workers pickled, graphs come back as N-Quads bytes (the same worker entry point
`cpskg build --jobs N` uses), and the reduce step and serialisation run on the client. The TriG and Turtle
bytes must equal those of the plain in-process build.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from builder import pipeline
from builder.ingest.articles import ingest_corpus
from builder.write.rdfio import trig_bytes, turtle_bytes

distributed = pytest.importorskip("dask.distributed", reason="needs the dask extra: pip install 'cpskg[dask]'")

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "corpus"
CURATION = PROJECT / "curation"


def map_on_dask(articles, client) -> list[pipeline.ArticleGraph]:
    futures = client.map(pipeline._article_graph_nquads, [(a, CURATION) for a in articles], pure=False)
    results = []
    for article_id, data, stats in client.gather(futures):  # gather keeps the order of the input
        results.append(pipeline.ArticleGraph(article_id, tuple(ox.parse(data, format=ox.RdfFormat.N_QUADS)), stats))
    return results


def finish(results: list[pipeline.ArticleGraph]) -> tuple[bytes, bytes]:
    results = pipeline.link_across_articles(results)
    quads = [q for r in results for q in r.quads]
    return trig_bytes(quads), turtle_bytes(quads)


@pytest.fixture(scope="module")
def client():
    # Worker processes (not threads): what crosses to a worker must really pickle, as on a cluster.
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def test_dask_map_gives_the_plain_build_bytes(client):
    articles = ingest_corpus(CORPUS)
    plain = finish(pipeline.map_articles(articles, CURATION, jobs=1))
    on_dask = finish(map_on_dask(articles, client))
    assert on_dask[0] == plain[0]
    assert on_dask[1] == plain[1]
    assert len(plain[0]) > 10_000  # a real dataset, not two empty files


def test_dask_map_in_reverse_submission_order_still_gives_the_same_bytes(client):
    # Workers finish in any order; the result depends only on the set of articles.
    articles = ingest_corpus(CORPUS)
    forward = finish(map_on_dask(articles, client))
    backward_results = map_on_dask(list(reversed(articles)), client)
    backward_results.sort(key=lambda r: r.article_id)
    assert finish(backward_results) == forward
