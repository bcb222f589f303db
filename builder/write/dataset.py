"""Every output file of a build, written from the article graphs' chunk files (the streaming writer).

Hand-off in: the linked `ArticleGraph`s (builder/write/chunks.py) and the validation summary. Out: the
files of output/ by name, the large ones as paths of files already written and re-read in the work folder
(builder/write/stream.py), the small ones as bytes; and the build report. Same bytes as the in-memory
reference (builder/write/in_memory.py `render_files`) for the same dataset.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from builder import __version__
from builder.emit import mint
from builder.write.chunks import ArticleGraph, ConcatenatedFiles, read_chunk
from builder.write.describe import UnionSummary, describe
from builder.write.in_memory import (
    CONTEXT_FILE,
    JSONLD_FILE,
    REPORT_FILE,
    TRIG_FILE,
    TURTLE_FILE,
    VOID_FILE,
    _check_round_trip,
    wikidata_export,
)
from builder.write.jsonld import context_bytes
from builder.write.pictures import pictures
from builder.write.rdfio import turtle_bytes
from builder.write.stream import file_sha256, publish_graphs, rdfc10_hash_of_files, write_union_turtle


def _sources(graphs: list[ArticleGraph]) -> list:
    from builder.ontology import ontology_quads

    sources = [(mint.graph_iri(g.article_id).value, (lambda chunk=g.chunk: list(read_chunk(chunk))), True)
               for g in graphs]
    return [*sources, (mint.ontology_graph_iri().value, ontology_quads, False)]


def write_dataset(graphs: list[ArticleGraph], work: Path, validation: dict, curation_dir: Path | None, *,
                  full_text: bool = False, jsonld: bool = True,
                  docs: Callable[[], dict[str, bytes]] | None = None) -> tuple[dict[str, bytes | Path], dict]:
    """The files (name → bytes or path) and the build report; raises if a file does not re-read the same."""
    folder = work / "files"
    published = publish_graphs(_sources(graphs), folder, full_text=full_text, with_jsonld=jsonld)
    summary = UnionSummary(published.publishers)
    triples = write_union_turtle(published.chunks, folder / TURTLE_FILE, published.triple_prefixes, summary.observe)
    rdfc10 = rdfc10_hash_of_files(published.canonical)
    for path in published.canonical:
        path.unlink()
    files: dict[str, bytes | Path] = {TURTLE_FILE: folder / TURTLE_FILE, TRIG_FILE: published.trig,
                                      CONTEXT_FILE: context_bytes()}
    if published.jsonld is not None:
        files[JSONLD_FILE] = published.jsonld
    report = {
        "cpskg_version": __version__,
        "articles": [g.stats for g in graphs],
        "totals": {
            "articles": len(graphs),
            "quads": published.quads,
            "triples_in_union": triples,
            "named_graphs": published.graphs,
            "ontology_quads": published.extra_quads,
            "entities": summary.entity_kinds,
            "facts": summary.grounded_count - summary.entity_kinds,
        },
        "outputs": {name: file_sha256(data) if isinstance(data, Path) else _sha256(data)
                    for name, data in sorted(files.items())},
        "rdfc10_sha256": rdfc10,
        "article_text": {"full_text": full_text, "characters_in_articles": published.characters_in_articles,
                         "characters_quoted": published.characters_quoted},
        "validation": validation or {},
    }
    if docs is not None:
        files.update(docs())
    union = ox.Store(str(work / "union-store"))  # the pictures' queries read the union as default graph
    union.bulk_load(path=str(folder / TURTLE_FILE), format=ox.RdfFormat.TURTLE)
    files.update(pictures(union))
    del union
    export = ox.Store(str(work / "export-store"))  # the export reads the article graphs as named graphs
    export.bulk_load(ConcatenatedFiles(published.chunks), format=ox.RdfFormat.N_QUADS)
    wikidata, report["wikidata"] = wikidata_export(export, curation_dir)
    del export
    files.update(wikidata)
    description = describe(summary, rdfc10, full_text=full_text)
    files[VOID_FILE] = turtle_bytes(description)
    _check_round_trip(files[VOID_FILE], VOID_FILE, set(description))
    files[REPORT_FILE] = (json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    return files, report


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
