"""The embedded stores the canned queries run on: pyoxigraph (default) and rdflib (the reference path).

Both are loaded from `output/cpskg.trig`, which keeps one named graph per article. Queries see the union
of the named graphs as their default graph, so a canned query needs no `GRAPH` clause, while `GRAPH ?g`
still tells which article states a triple.

The union is a set, as in RDF dataset merge and in rdflib's `Dataset(default_union=True)`. pyoxigraph's
`use_default_graph_as_union=True` is a bag instead: a triple stated in n article graphs (an entity's type
and label, stated by every article that mentions it) matches n times, and a join over k such patterns
yields n^k copies before DISTINCT (copies of the five-article dataset 100 times: a canned query ran out of
memory). So the pyoxigraph store gets the union materialised once, de-duplicated, in its default graph.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError
from builder.rdfload import add_union_graph, iter_quads
from builder.rdfload import load_store as load_rdf_store

__all__ = ["add_union_graph", "dataset_path", "graphs_from_trig", "load_rdflib", "load_store", "store_from_trig"]

TRIG_NAME = "cpskg.trig"


def dataset_path(out_dir: Path | str) -> Path:
    """`{out_dir}/cpskg.trig`, or InputError saying how to produce it."""
    path = Path(out_dir) / TRIG_NAME
    if not path.is_file():
        raise InputError("the dataset has not been built yet (run `cpskg build`)", file=str(path))
    return path


def load_store(out_dir: Path | str) -> ox.Store:
    """An in-memory pyoxigraph store: every named graph of `{out_dir}/cpskg.trig`, their union as default graph."""
    return store_from_trig(dataset_path(out_dir))


def store_from_trig(path: Path) -> ox.Store:
    return load_rdf_store(path, union=True, fmt=ox.RdfFormat.TRIG)


def has_default_graph(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def load_rdflib(out_dir: Path | str):
    """The same data as an rdflib `Dataset` whose default graph is the union of the named graphs.

    rdflib is imported here, not at module level: it costs ~300 ms and only this path needs it.
    """
    return rdflib_from_trig(dataset_path(out_dir))


def rdflib_from_trig(path: Path):
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    try:
        dataset.parse(str(path), format="trig")
    except Exception as error:  # rdflib raises assorted parser exceptions without a common base
        raise InputError(f"rdflib cannot read the TriG: {error}", file=str(path)) from None
    return dataset


def graphs_from_trig(path: Path) -> dict[str, list[ox.Triple]]:
    """The named graphs of a TriG file with their terms exactly as written (sorted, duplicates dropped).

    Read with `pyoxigraph.parse`, not through a Store: an Oxigraph store keeps no integer subtype
    (`"5"^^xsd:nonNegativeInteger` comes back as xsd:integer), and what is pushed to a server must be the
    dataset as published. Triples outside any named graph are an error: every relation belongs to the
    graph of the article that states it.
    """
    graphs: dict[str, set[ox.Triple]] = {}
    for quad in iter_quads(path, ox.RdfFormat.TRIG):
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise InputError(f"a triple outside any named graph: {quad.triple}", file=str(path))
        graphs.setdefault(quad.graph_name.value, set()).add(quad.triple)
    return {graph: sorted(triples, key=str) for graph, triples in sorted(graphs.items())}


def named_graph_counts(store: ox.Store) -> dict[str, int]:
    """Triples per named graph of a store (graph IRI → count)."""
    counts: dict[str, int] = {}
    for graph in store.named_graphs():
        counts[graph.value] = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
    return dict(sorted(counts.items()))


def as_ntriples(triples: list[ox.Triple]) -> bytes:
    """Triples serialised as N-Triples, in the given order (byte-stable for sorted input)."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
