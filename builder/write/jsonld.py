"""A compact, readable JSON-LD rendering of the dataset with a published context.

pyoxigraph writes only expanded JSON-LD. This writer compacts with the project's prefixes — keys such as
`schema:headline`, ids such as `person:Lori_Lightfoot` — and keeps one `@graph` per article, as the TriG
does. The dataset uses no blank nodes and no lists, so compaction is a direct mapping, streamed graph by
graph in sorted order (deterministic bytes). The context is embedded, so the file parses offline, and
also written as `context.jsonld` for reuse; the build re-parses the JSON-LD strictly and checks it gives
the same quads as the TriG.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from itertools import groupby

import pyoxigraph as ox

from builder.emit.terms import sort_quads
from builder.namespaces import PREFIXES, RDF, XSD, split_iri

RDF_TYPE = str(RDF.type)
XSD_STRING = str(XSD.string)


def context() -> dict:
    """The JSON-LD context: every project prefix, plus `id` and `type` aliases as schema.org's has."""
    return {"id": "@id", "type": "@type", **PREFIXES}


@functools.lru_cache(maxsize=1 << 16)  # the same IRIs recur in every graph (types, predicates, entities)
def _compact(iri: str) -> str:
    # Longest matching namespace wins (`article:` before a shorter one); a local part that a JSON-LD
    # processor could misread (empty, or starting with "//") keeps the full IRI.
    split = split_iri(iri)
    if split is None:
        return iri
    prefix, local = split
    return iri if not local or local.startswith("//") else f"{prefix}:{local}"


def _value(term) -> object:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value)}


def _node(subject: ox.NamedNode, quads: list[ox.Quad]) -> dict:
    node: dict = {"id": _compact(subject.value)}
    types = [_compact(q.object.value) for q in quads if q.predicate.value == RDF_TYPE]
    if types:
        node["type"] = types
    for predicate, group in groupby((q for q in quads if q.predicate.value != RDF_TYPE), key=lambda q: q.predicate):
        node[_compact(predicate.value)] = [_value(q.object) for q in group]
    return node


def graph_objects(quads: Iterable[ox.Quad]) -> list[dict]:
    """One `@graph` entry per named graph of the quads, in graph order (a streaming writer gives one
    graph's quads at a time, builder/write/stream.py)."""
    graphs = []
    ordered = sort_quads(set(quads))
    for graph, in_graph in groupby(ordered, key=lambda q: q.graph_name):
        nodes = [_node(subject, list(group)) for subject, group in groupby(in_graph, key=lambda q: q.subject)]
        graphs.append({"id": _compact(graph.value), "@graph": nodes})
    return graphs


def jsonld_bytes(quads: Iterable[ox.Quad]) -> bytes:
    document = {"@context": context(), "@graph": graph_objects(quads)}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def context_bytes() -> bytes:
    return (json.dumps({"@context": context()}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
