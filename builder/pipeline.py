"""The build: corpus → ingest → per-article map (emit, extract) → merge → validate → write, streaming.

Each article is turned into the quads of its own named graph by a pure function of the article, the
registry and the ontology's class closure, so the map runs in any order, in parallel processes
(`jobs > 1`), or on a distributed engine. The worker that makes a graph sorts and writes it to a chunk
file at once (builder/write/chunks.py; from the per-article cache when nothing it depends on changed,
builder/write/graph_cache.py); the parent holds an `ArticleGraph` per article, never its quads. The chunks
are bulk-loaded into an on-disk Oxigraph store, where the cross-article linking reads what it needs
through the indexes and writes a delta per graph; validation runs on on-disk stores; the dataset files
are merged from the sorted chunks (builder/write/stream.py). Memory does not grow with the corpus beyond
the per-article stats. Everything that can fail on bad input fails before output/ is touched; the files
are then swapped in atomically (builder/write/atomic.py).

The work folder (chunks, stores, the files before the swap) sits beside the output folder, named like the
atomic write's staging folders (`.OUT.cpskg-tmp-HOST-PID-…`), so a killed build's leftovers are removed
by the next one.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from builder.cli.progress import Progress
from builder.emit import mint
from builder.emit.graph import emit_graph
from builder.errors import InputError, ShapeViolation
from builder.extract.extractors import extract_article
from builder.ingest.articles import ingest_corpus
from builder.ingest.document import Article
from builder.limits import time_budget
from builder.resolve.registry import load_registry
from builder.resolve.resolved import resolve
from builder.write.atomic import work_folder
from builder.write.chunks import ArticleGraph, ConcatenatedFiles, chunk_name, read_chunk, write_chunk
from builder.write.graph_cache import cached_graph
from builder.write.in_memory import (  # noqa: F401  (the file names, re-exported for callers)
    CONTEXT_FILE,
    JSONLD_FILE,
    REPORT_FILE,
    TRIG_FILE,
    TURTLE_FILE,
    VOID_FILE,
)
from builder.write.in_memory import BuildResult as BuildResultInMemory
from builder.write.lock import output_lock
from builder.write.ontology_docs import docs_files as ontology_docs
from builder.write.rdfio import write_atomically


@dataclass(frozen=True)
class ArticleResult:
    """One article's graph in memory: lives only in the worker that made it (and in tests)."""

    article_id: str
    quads: tuple[ox.Quad, ...]
    stats: Mapping[str, object]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: the articles' graphs (by chunk file, gone once the build ends) and the report."""

    graphs: tuple[ArticleGraph, ...]
    report: dict
    files: tuple[str, ...]


def article_graph(article: Article, curation_dir: Path, timeout: float | None = None) -> ArticleResult:
    """The map step: one article to the quads of its named graph (within `timeout` seconds, builder/limits.py):
    resolve (stage 2) → extract (stage 3) → emit (stage 4)."""
    # What the rules decline to decide (an ambiguous "7/9", a number they cannot read) is recorded per
    # article in build-report.json and printed by the CLI as one line each, never as a raw Python warning.
    with time_budget(timeout, article.meta.file), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry = load_registry(curation_dir)
        facts = extract_article(resolve(article, registry), registry)
        sink = emit_graph(article, facts)
    paragraphs = article.paragraphs
    stats = {
        "id": article.id,
        "file": article.meta.file,
        "sha256": article.sha256,
        "characters": len(article.text),
        "paragraphs": len(paragraphs),
        "content_paragraphs": sum(p.role == "content" for p in paragraphs),
        "furniture_paragraphs": sum(p.role == "furniture" for p in paragraphs),
        "duplicate_paragraphs": sum(p.role == "duplicate" for p in paragraphs),
        "sentences": len(article.sentences),
        "quads": len(sink),
        "warnings": sorted({f"{w.category.__name__}: {w.message}" for w in caught}),
    }
    return ArticleResult(article.id, tuple(sink.quads()), stats)


def article_nquads(article: Article, curation_dir: Path, timeout: float | None = None) -> tuple[bytes, dict, bool]:
    """The article's graph as sorted N-Quads, its stats, and whether it was extracted (False: from the
    per-article cache, builder/write/graph_cache.py)."""
    def extract() -> tuple[bytes, dict]:
        result = article_graph(article, curation_dir, timeout)
        return ox.serialize(result.quads, format=ox.RdfFormat.N_QUADS) or b"", result.stats

    return cached_graph(article, curation_dir, extract)


def _article_graph_nquads(args: tuple[Article, Path] | tuple[Article, Path, float | None]) -> tuple[str, bytes, dict]:
    # Entry point of a remote worker (a Dask cluster): pyoxigraph terms do not pickle, N-Quads bytes do.
    article = args[0]
    data, stats, _extracted = article_nquads(*args)
    return article.id, data, stats


def chunk_from_nquads(chunk_dir: Path, article_id: str, data: bytes, stats: dict,
                      extracted: bool = True) -> ArticleGraph:
    """An article's graph, received as sorted N-Quads, written to its chunk file in `chunk_dir`."""
    path = chunk_dir / chunk_name(article_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.rename(partial, path)  # atomic; os.replace is the atomic write's own step
    return ArticleGraph(article_id, path, stats, extracted)


def _article_chunk(args: tuple[Article, Path, float | None, Path]) -> ArticleGraph:
    # Worker-process entry point: the graph is written where it is made; only its name and stats return.
    article, curation_dir, timeout, chunk_dir = args
    data, stats, extracted = article_nquads(article, curation_dir, timeout)
    return chunk_from_nquads(chunk_dir, article.id, data, stats, extracted)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process (one line, exit 130), instead of a traceback each."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_articles(articles: list[Article], curation_dir: Path, chunk_dir: Path, jobs: int = 1,
                 on_article: Callable[[ArticleGraph], None] | None = None,
                 article_timeout: float | None = None) -> list[ArticleGraph]:
    """Each article to its graph's chunk file, in id order; `on_article` is told of each one as it is done."""
    work = [(a, curation_dir, article_timeout, chunk_dir) for a in articles]
    graphs: list[ArticleGraph] = []
    if jobs <= 1:
        for item in work:
            graphs.append(_article_chunk(item))
            if on_article:
                on_article(graphs[-1])
        return graphs
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
        for graph in pool.map(_article_chunk, work, chunksize=max(1, min(16, len(articles) // (jobs * 8)))):
            graphs.append(graph)
            if on_article:
                on_article(graph)
    return graphs


def link_across_articles(graphs: list[ArticleGraph], store: ox.Store) -> None:
    """The reduce step after the map: claims (of any articles) that conflict over a value, joined through
    the store's indexes (builder/merge/conflicts.py); a statement one article quotes and another does not
    is reported in both (builder/merge/statements_union.py). Each change is a delta of the graph of the
    article whose fact it describes: applied to the store and to that graph's chunk (a new file), so the
    chunks and the store stay the same dataset."""
    from builder.merge.conflicts import link_value_conflicts
    from builder.merge.event_versions import event_versions
    from builder.merge.statements_union import reported_text_fixes

    # first one date and one status per event (each other version a claim), so the conflicts see those claims
    versions = event_versions(store)
    _apply_delta(graphs, store, versions.added, versions.removed)
    links = link_value_conflicts(store)
    text_added, text_removed = reported_text_fixes(store)
    _apply_delta(graphs, store, [*links.added, *text_added], [*links.removed, *text_removed])


def _apply_delta(graphs: list[ArticleGraph], store: ox.Store, added: list[ox.Quad], removed: list[ox.Quad]) -> None:
    """Each change in the graph of its article: applied to the store and to that graph's chunk (a new file)."""
    deltas: dict[str, tuple[set[ox.Quad], set[ox.Quad]]] = {}
    for quads, side in ((added, 0), (removed, 1)):
        for quad in quads:
            deltas.setdefault(quad.graph_name.value, (set(), set()))[side].add(quad)
    by_graph = {mint.graph_iri(g.article_id).value: g for g in graphs}
    for graph, (added, removed) in sorted(deltas.items()):
        chunk = by_graph[graph].chunk
        write_chunk(chunk, (set(read_chunk(chunk)) - removed) | added)
        for quad in removed:
            store.remove(quad)
        store.extend(added)


def assemble_on_disk(corpus_dir: Path, curation_dir: Path, work: Path, jobs: int = 1,
                     progress: Progress | None = None, article_timeout: float | None = None,
                     clock: Stopwatch | None = None) -> tuple[list[ArticleGraph], ox.Store]:
    """Ingest, map to chunks, load them into an on-disk store, link across articles: raises on bad input."""
    clock = clock or Stopwatch(None)
    articles = clock("ingest", ingest_corpus, corpus_dir, article_timeout)
    if not articles:
        raise InputError("sources.yaml lists no articles", file=str(corpus_dir / "sources.yaml"))
    if progress is not None:
        progress.start(len(articles))
    graphs = clock("extract", map_articles, articles, curation_dir, work / "chunks", jobs,
                   progress.advance if progress else None, article_timeout)
    del articles
    if progress is not None:
        progress.finish()
    store = ox.Store(str(work / "store"))
    clock("resolve", store.bulk_load, ConcatenatedFiles([g.chunk for g in graphs]), format=ox.RdfFormat.N_QUADS)
    clock("resolve", link_across_articles, graphs, store)
    return graphs, store


def assemble(corpus_dir: Path, curation_dir: Path, jobs: int = 1, progress: Progress | None = None,
             article_timeout: float | None = None) -> BuildResultInMemory:
    """The linked dataset in memory (builder/write/in_memory.py): for tests and small corpora only."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cpskg-assemble-") as folder:
        graphs, store = assemble_on_disk(corpus_dir, curation_dir, Path(folder), jobs, progress, article_timeout)
        del store
        quads = [q for g in graphs for q in read_chunk(g.chunk)]
    return BuildResultInMemory(articles=[g.stats for g in graphs], quads=quads)


def check(graphs: list[ArticleGraph], store: ox.Store, work: Path, curation_dir: Path,
          validator: str = "fast") -> dict:
    """The validate stage: SHACL shapes and quality checks on on-disk stores (builder/validate/ondisk.py);
    raises ShapeViolation, before anything is written."""
    from builder.validate.ondisk import check_on_disk

    return check_on_disk(graphs, store, work, curation_dir, validator)


def build(corpus_dir: Path, out_dir: Path, curation_dir: Path, jobs: int = 1,
          progress: Progress | None = None, validate: bool = True, validator: str = "fast", *,
          keep_invalid: bool = False, full_text: bool = False, force: bool = False, wait: bool = False,
          notice: Callable[[str], None] | None = None, article_timeout: float | None = None,
          jsonld: bool = True, timings: dict[str, float] | None = None) -> BuildResult:
    """The whole build, holding the output folder's lock (builder/write/lock.py) from start to end.

    A shape violation leaves out_dir unchanged unless `keep_invalid`, which writes the output anyway (its
    report says so) and still raises the ShapeViolation (exit 1), so that a measuring tool
    (bench/quality/run) can read the graph of every article of a corpus the shapes reject. `full_text`:
    publish each article's whole text (default: excerpts, builder/emit/excerpts.py). `force`: build into a
    folder that holds files the build did not write (builder/write/ownership.py), carrying them over;
    `wait`: wait for another build of the same folder instead of refusing; `notice`: told of what the user
    should know (waiting, a folder replaced file by file); `article_timeout`: seconds one article's
    extraction may take (builder/limits.py); `jsonld`: write cpskg.jsonld (a large corpus may skip it);
    `timings`: filled with the seconds of each stage (bench/run reads them).
    """
    from builder.write.dataset import write_dataset

    if not str(out_dir).strip():
        raise InputError("--out is empty: give the output folder (it is replaced whole by each build)")
    if out_dir.exists() and not out_dir.is_dir():  # say so now, not after the whole build
        raise InputError("the output folder is a file: give a folder (new or a previous output) with --out",
                         file=str(out_dir))
    clock = Stopwatch(timings)
    with output_lock(out_dir, wait=wait, notice=notice), work_folder(out_dir) as work:
        graphs, store = assemble_on_disk(corpus_dir, curation_dir, work, jobs, progress, article_timeout, clock)
        violation: ShapeViolation | None = None
        validation: dict = {"skipped": True}
        if validate:
            try:
                validation = clock("validate", check, graphs, store, work, curation_dir, validator)
            except ShapeViolation as err:
                if not keep_invalid:
                    raise
                violation = err
                validation = {"invalid_kept": True, "violation_results": len(err.results),
                              "validator": validator}
        del store
        files, report = clock("emit", write_dataset, graphs, work, validation, curation_dir,
                              full_text=full_text, jsonld=jsonld, docs=ontology_docs)
        clock("write", write_atomically, out_dir, files, owned=True, force=force, notice=notice)
    if violation is not None:
        raise ShapeViolation(
            f"the dataset violates the shapes ({len(violation.results)} results); written to {out_dir} anyway "
            "(--keep-invalid): do not publish it", results=violation.results)
    return BuildResult(graphs=tuple(graphs), report=report, files=tuple(sorted(files)))


class Stopwatch:
    """Calls a stage and adds its seconds to `timings` under the stage's name (when timings are wanted)."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings

    def __call__(self, name: str, function, *args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            if self.timings is not None:
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
