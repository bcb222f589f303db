"""The per-article map runs unchanged on a distributed engine (a Dask local cluster) with identical output.

Articles travel to the workers pickled, graphs come back as sorted N-Quads bytes (what a local worker of
`cpskg build --jobs N` writes to its chunk file), the client writes them as chunk files, and the reduce
step (an on-disk store) and the streaming serialisation run on the client. The TriG and Turtle bytes must
equal those of the plain in-process build.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from builder import pipeline
from builder.ingest.articles import ingest_corpus
from builder.write.chunks import ConcatenatedFiles
from builder.write.dataset import write_dataset

distributed = pytest.importorskip("dask.distributed", reason="needs the dask extra: pip install 'cpskg[dask]'")

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "corpus"
CURATION = PROJECT / "curation"


def map_on_dask(articles, client, work: Path) -> list[pipeline.ArticleGraph]:
    futures = client.map(pipeline._article_graph_nquads, [(a, CURATION) for a in articles], pure=False)
    return [pipeline.chunk_from_nquads(work / "chunks", article_id, data, stats)
            for article_id, data, stats in client.gather(futures)]  # gather keeps the order of the input


def finish(graphs: list[pipeline.ArticleGraph], work: Path) -> tuple[bytes, bytes]:
    store = ox.Store(str(work / "store"))
    store.bulk_load(ConcatenatedFiles([g.chunk for g in graphs]), format=ox.RdfFormat.N_QUADS)
    pipeline.link_across_articles(graphs, store)
    files, _report = write_dataset(graphs, work, {}, CURATION)
    return files[pipeline.TRIG_FILE].read_bytes(), files[pipeline.TURTLE_FILE].read_bytes()


@pytest.fixture(scope="module")
def client():
    # Worker processes (not threads): what crosses to a worker must really pickle, as on a cluster.
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def test_dask_map_gives_the_plain_build_bytes(client, tmp_path):
    articles = ingest_corpus(CORPUS)
    plain = finish(pipeline.map_articles(articles, CURATION, tmp_path / "plain" / "chunks", jobs=1), tmp_path / "plain")
    on_dask = finish(map_on_dask(articles, client, tmp_path / "dask"), tmp_path / "dask")
    assert on_dask[0] == plain[0]
    assert on_dask[1] == plain[1]
    assert len(plain[0]) > 10_000  # a real dataset, not two empty files


def test_dask_map_in_reverse_submission_order_still_gives_the_same_bytes(client, tmp_path):
    # Workers finish in any order; the result depends only on the set of articles.
    articles = ingest_corpus(CORPUS)
    forward = finish(map_on_dask(articles, client, tmp_path / "forward"), tmp_path / "forward")
    backward = map_on_dask(list(reversed(articles)), client, tmp_path / "backward")
    backward.sort(key=lambda g: g.article_id)
    assert finish(backward, tmp_path / "backward") == forward
