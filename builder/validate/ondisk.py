"""Validation of a dataset that is not held in memory: the shapes and the quality checks on on-disk stores.

The build's store (builder/pipeline.py) holds every article's named graph, bulk-loaded from the chunk
files and linked. Here it gets the union of the graphs as its default graph (each chunk's N-Quads with
the graph term cut off is N-Triples, bulk-loaded into the default graph: a set, each triple once), which
is what the quality-check queries (queries/qc/) read, as `builder.query.store.add_union_graph` gives in
memory. The compiled shapes (builder/validate/fastvalidate.py) read a second on-disk store: the union with
the declared datatypes kept (`with_declared_datatypes`) plus the ontology's support triples, filled by
Oxigraph's bulk loader from a stream over the chunks. Neither store is ever in memory whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from builder.errors import ShapeViolation
from builder.write.chunks import ArticleGraph, read_chunk


class _UnionNTriples(io.RawIOBase):
    """The chunks as N-Triples: each line of a chunk ends with its graph's term, the same on every line."""

    def __init__(self, graphs: Iterable[ArticleGraph]):
        super().__init__()
        self._graphs = iter(graphs)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            graph = next(self._graphs, None)
            if graph is None:
                return 0
            self._pending = _without_graph_term(graph.chunk.read_bytes())
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count


def _without_graph_term(data: bytes) -> bytes:
    if not data:
        return data
    first = data[:data.index(b"\n") + 1]
    graph_term = first[first.rindex(b" <", 0, len(first) - 3):len(first) - 3]  # ' <graph>' before ' .\n'
    return data.replace(graph_term + b" .\n", b" .\n")


def add_union_default_graph(store: ox.Store, graphs: list[ArticleGraph]) -> None:
    store.bulk_load(_UnionNTriples(graphs), format=ox.RdfFormat.N_TRIPLES)


def _shape_data(graphs: list[ArticleGraph]) -> Iterator[ox.Quad]:
    from builder.validate.fastvalidate import ontology_support, with_declared_datatypes

    for graph in graphs:
        yield from with_declared_datatypes(read_chunk(graph.chunk))
    yield from with_declared_datatypes(ontology_support())


def check_on_disk(graphs: list[ArticleGraph], store: ox.Store, work: Path, curation_dir: Path,
                  validator: str = "fast") -> dict:
    """SHACL shapes and the quality-check queries; raise ShapeViolation on any violation (pipeline.check)."""
    from builder.query.sparql_run import run_quality_checks
    from builder.write.in_memory import VALIDATORS

    if validator not in VALIDATORS:
        raise ValueError(f"unknown validator {validator!r}; expected one of {VALIDATORS}")
    add_union_default_graph(store, graphs)
    qc = run_quality_checks(store, curation_dir=curation_dir)
    triples = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if validator == "fast":
        from builder.validate.fastvalidate import validate_store

        shapes_store = ox.Store(str(work / "shapes-store"))
        shapes_store.bulk_extend(_shape_data(graphs))
        report = validate_store(shapes_store, triples=triples)
        del shapes_store
    else:  # the reference validator reads an rdflib graph: memory grows with the corpus (small corpora)
        import rdflib

        from builder.validate.shacl import to_rdflib, validate_graph

        graph = rdflib.Graph()  # from the chunks: a store keeps no integer subtype, the shapes check them
        for article in graphs:
            for quad in read_chunk(article.chunk):
                graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        report = validate_graph(graph)
    if not report.conforms or qc:
        raise ShapeViolation(
            f"the dataset violates the shapes ({len(report.violations)} SHACL violations, {len(qc)} "
            "quality-check rows); output/ left unchanged",
            results=[*report.violations, *qc],
        )
    return {"shacl": report.counts(), "quality_check_rows": len(qc), "validator": validator}
