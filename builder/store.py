"""The embedded stores the canned queries run on: pyoxigraph (default) and rdflib (the reference path).

Both are loaded from `output/cpskg.trig`, which keeps one named graph per article. Queries see the union
of the named graphs as their default graph (pyoxigraph: `use_default_graph_as_union=True` at query time;
rdflib: `Dataset(default_union=True)`), so a canned query needs no `GRAPH` clause, while `GRAPH ?g` still
tells which article states a triple.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError

TRIG_NAME = "cpskg.trig"


def dataset_path(out_dir: Path | str) -> Path:
    """`{out_dir}/cpskg.trig`, or InputError saying how to produce it."""
    path = Path(out_dir) / TRIG_NAME
    if not path.is_file():
        raise InputError("the dataset has not been built yet (run `cpskg build`)", file=str(path))
    return path


def load_store(out_dir: Path | str) -> ox.Store:
    """An in-memory pyoxigraph store holding every named graph of `{out_dir}/cpskg.trig`."""
    return store_from_trig(dataset_path(out_dir))


def store_from_trig(path: Path) -> ox.Store:
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as error:
        raise InputError(f"not valid TriG: {error}", file=str(path)) from None
    return store


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


def named_graph_counts(store: ox.Store) -> dict[str, int]:
    """Triples per named graph (graph IRI → count): what `cpskg load` compares with a server."""
    counts: dict[str, int] = {}
    for graph in store.named_graphs():
        counts[graph.value] = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
    return dict(sorted(counts.items()))


def graph_as_ntriples(store: ox.Store, graph_iri: str) -> bytes:
    """One named graph serialised as N-Triples (lines sorted, so the body is byte-stable)."""
    graph = ox.NamedNode(graph_iri)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return b"".join(sorted(body.splitlines(keepends=True)))
