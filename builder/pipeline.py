"""The build: corpus → ingest → per-article map (emit, extract) → merge → validate → write.

Each article is turned into the quads of its own named graph by a pure function of the article, the
registry and the ontology's class closure, so the map runs in any order, in parallel processes
(`jobs > 1`), or on a distributed engine. Everything that can fail on bad input fails before output/ is
touched; the files are then written atomically (builder.write.rdfio).
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
import rdflib

from builder import __version__
from builder.cli.progress import Progress
from builder.emit import mint
from builder.emit.excerpts import quoted_share
from builder.emit.graph import emit_graph
from builder.emit.mint import ENTITY_KINDS
from builder.emit.terms import sort_quads
from builder.errors import InputError, ShapeViolation
from builder.extract.extractors import extract_article
from builder.ingest.articles import ingest_corpus
from builder.ingest.document import Article
from builder.limits import time_budget
from builder.namespaces import CPS_ID, GAF
from builder.rdfload import RDF_FORMATS, read_quads
from builder.resolve.registry import load_registry
from builder.resolve.resolved import resolve
from builder.write.describe import describe
from builder.write.jsonld import context_bytes, jsonld_bytes
from builder.write.lock import output_lock
from builder.write.pictures import pictures
from builder.write.rdfio import rdfc10_hash, trig_bytes, turtle_bytes, write_atomically

TURTLE_FILE = "cpskg.ttl"
TRIG_FILE = "cpskg.trig"
REPORT_FILE = "build-report.json"
JSONLD_FILE = "cpskg.jsonld"
CONTEXT_FILE = "context.jsonld"
VOID_FILE = "void.ttl"


@dataclass(frozen=True)
class ArticleGraph:
    """The map's hand-off (stages 1–4 of one article): the sorted quads of the article's named graph and
    the counts the build report gives for it. The merge makes new values, it never edits these."""

    article_id: str
    quads: tuple[ox.Quad, ...]
    stats: Mapping[str, object]


@dataclass
class BuildResult:
    articles: list[ArticleGraph]
    quads: list[ox.Quad]
    files: dict[str, bytes] = field(default_factory=dict)
    report: dict = field(default_factory=dict)
    full_text: bool = True  # the quads hold the articles' whole texts (until `build` makes them excerpts)


def article_graph(article: Article, curation_dir: Path, timeout: float | None = None) -> ArticleGraph:
    """The map step: one article to the quads of its named graph (within `timeout` seconds, builder/limits.py)."""
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
    return ArticleGraph(article.id, tuple(sink.quads()), stats)


def _article_graph_nquads(args: tuple[Article, Path] | tuple[Article, Path, float | None]) -> tuple[str, bytes, dict]:
    # Worker-process entry point: pyoxigraph terms do not pickle, N-Quads bytes do.
    result = article_graph(*args)
    return result.article_id, ox.serialize(result.quads, format=ox.RdfFormat.N_QUADS), result.stats


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process (one line, exit 130), instead of a traceback each."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_articles(articles: list[Article], curation_dir: Path, jobs: int = 1,
                 on_article: Callable[[ArticleGraph], None] | None = None,
                 article_timeout: float | None = None) -> list[ArticleGraph]:
    """Each article to its graph, in id order; `on_article` is told of each one as it is done."""
    results: list[ArticleGraph] = []
    if jobs <= 1:
        for article in articles:
            results.append(article_graph(article, curation_dir, article_timeout))
            if on_article:
                on_article(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
        chunk = max(1, len(articles) // (jobs * 8))
        work = [(a, curation_dir, article_timeout) for a in articles]
        for article_id, data, stats in pool.map(_article_graph_nquads, work,
                                                chunksize=chunk):
            results.append(ArticleGraph(article_id, tuple(ox.parse(data, format=ox.RdfFormat.N_QUADS)), stats))
            if on_article:
                on_article(results[-1])
    return results


def assemble(corpus_dir: Path, curation_dir: Path, jobs: int = 1, progress: Progress | None = None,
             article_timeout: float | None = None) -> BuildResult:
    """Everything up to (not including) validation and writing: pure, raises on bad input."""
    articles = ingest_corpus(corpus_dir, article_timeout)
    if not articles:
        raise InputError("sources.yaml lists no articles", file=str(corpus_dir / "sources.yaml"))
    if progress is not None:
        progress.start(len(articles))
    results = map_articles(articles, curation_dir, jobs, progress.advance if progress else None, article_timeout)
    if progress is not None:
        progress.finish()
    results = link_across_articles(results)
    quads = [q for r in results for q in r.quads]
    return BuildResult(articles=results, quads=quads)


def link_across_articles(results: list[ArticleGraph]) -> list[ArticleGraph]:
    """The reduce step after the map: claims (of any articles) that conflict over a value, joined through an
    index (builder/merge/conflicts.py). Each new quad goes into the graph of the article whose claim it describes; a
    disagreement label an article gave from its own claimants alone is replaced by the conflict's; a statement
    one article quotes and another does not is reported in both (builder/merge/statements_union.py)."""
    from builder.merge.conflicts import link_value_conflicts
    from builder.merge.event_versions import event_versions
    from builder.merge.statements_union import reported_text_fixes

    # first one date and one status per event (each other version a claim), so the conflicts see those claims
    versions = event_versions([q for r in results for q in r.quads])
    results = _apply(results, versions.added, versions.removed)
    every = [q for r in results for q in r.quads]
    links = link_value_conflicts(every)
    text_added, text_removed = reported_text_fixes(every)
    return _apply(results, [*links.added, *text_added], [*links.removed, *text_removed])


def _apply(results: list[ArticleGraph], added: list[ox.Quad], removed: list[ox.Quad]) -> list[ArticleGraph]:
    """The reduce's quads removed and added, each in the graph of its article: new values for the graphs
    that change, the others passed on as they are."""
    gone: dict[str, set[ox.Quad]] = {}
    new: dict[str, list[ox.Quad]] = {}
    for quad in removed:
        gone.setdefault(quad.graph_name.value, set()).add(quad)
    for quad in added:
        new.setdefault(quad.graph_name.value, []).append(quad)
    linked = []
    for result in results:
        graph = mint.graph_iri(result.article_id).value
        if graph not in gone and graph not in new:
            linked.append(result)
            continue
        drop = gone.get(graph, set())
        quads = sort_quads([*(q for q in result.quads if q not in drop), *new.get(graph, ())])
        linked.append(replace(result, quads=tuple(quads)))
    return linked


def render_files(result: BuildResult, validation: dict | None = None,
                 curation_dir: Path | None = None) -> dict[str, bytes]:
    """Serialise the dataset and the report; check that re-reading each RDF file gives the same graph."""
    from builder.ontology import ontology_quads

    published = result.quads + ontology_quads()  # the TriG and JSON-LD carry the ontology as its own graph
    files = {TURTLE_FILE: turtle_bytes(result.quads), TRIG_FILE: trig_bytes(published),
             JSONLD_FILE: jsonld_bytes(published), CONTEXT_FILE: context_bytes()}
    _check_round_trip(files[TRIG_FILE], TRIG_FILE, set(published))
    _check_round_trip(files[JSONLD_FILE], JSONLD_FILE, set(published))
    _check_round_trip(files[TURTLE_FILE], TURTLE_FILE, {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                                                        for q in result.quads})
    result.report = build_report(result, files, validation, published)
    files.update(ontology_docs())
    files.update(pictures(_union_store(files[TURTLE_FILE])))
    wikidata, result.report["wikidata"] = wikidata_export(result.quads, curation_dir)
    files.update(wikidata)
    description = describe(result.quads, result.report["rdfc10_sha256"], full_text=result.full_text)
    files[VOID_FILE] = turtle_bytes(description)
    _check_round_trip(files[VOID_FILE], VOID_FILE, set(description))
    files[REPORT_FILE] = (json.dumps(result.report, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    result.files = files
    return files


def ontology_docs() -> dict[str, bytes]:
    """The ontology's HTML page and class diagram; written with the rest of the build, all or nothing.

    They depend on the ontology file, the code that renders them and pyLODE/rdflib only, so they come
    from the content-addressed cache (builder/write/cache.py) when none of those changed: pyLODE alone takes
    about 2 s, a third of the five-article build.
    """
    import importlib.metadata

    from builder import namespaces
    from builder import ontology as ontology_module
    from builder.write import ontology_docs as docs_module
    from builder.write.cache import cached

    def render() -> dict[str, bytes]:
        return {"docs/ontology.html": docs_module.render_html().encode("utf-8"),
                "docs/classes.svg": docs_module.render_class_diagram(ontology_module.load_ontology()).encode("utf-8")}

    versions = " ".join(f"{name}={importlib.metadata.version(name)}" for name in ("pylode", "rdflib"))
    inputs = [Path(ontology_module.ONTOLOGY_PATH).read_bytes(), Path(docs_module.__file__).read_bytes(),
              Path(ontology_module.__file__).read_bytes(), Path(namespaces.__file__).read_bytes(), versions.encode()]
    return cached("ontology-docs", inputs, render)


def _union_store(union_turtle: bytes) -> ox.Store:
    """A store whose default graph is the union of the article graphs (the union Turtle the build just
    wrote, bulk-loaded), made once for every query run on it. Each canned query on a store of named graphs
    only copied the whole store first, and a query over `use_default_graph_as_union` joins far slower:
    posts_by_person took 44 s at 300 generated articles that way, 0.3 s on the union graph."""
    store = ox.Store()
    store.bulk_load(union_turtle, format=ox.RdfFormat.TURTLE)
    return store


def wikidata_export(quads: list[ox.Quad], curation_dir: Path | None = None) -> tuple[dict[str, bytes], dict]:
    """QuickStatements (TSV and CSV), Wikibase JSON and to-reconcile.csv, part of every build so they are
    never stale; and the summary of what is exported and held back, for the build report."""
    from builder.export import export_files

    store = ox.Store()
    store.extend(quads)
    files, _warnings, summary = export_files(store, curation_dir)  # the summary keeps the warnings
    return {f"wikidata/{name}": data for name, data in files.items()}, summary


def _check_round_trip(data: bytes, name: str, expected: set[ox.Quad]) -> None:
    parsed = set(read_quads(data, RDF_FORMATS[Path(name).suffix], name=name))
    if parsed != expected:
        raise InputError(
            f"re-reading the serialised graph gave {len(parsed)} quads, expected {len(expected)} "
            f"({len(expected - parsed)} lost, {len(parsed - expected)} extra)", file=name)


def build_report(result: BuildResult, files: dict[str, bytes], validation: dict | None = None,
                 published: list[ox.Quad] | None = None) -> dict:
    """Counts of the data (the article graphs); the RDFC-1.0 hash of everything the TriG holds."""
    union = {q.triple for q in result.quads}
    grounded = {t.subject.value for t in union if t.predicate.value == str(GAF.denotedBy)}
    entity_prefixes = tuple(f"{CPS_ID}{kind}/" for kind in ENTITY_KINDS)
    entities = sum(iri.startswith(entity_prefixes) for iri in grounded)
    return {
        "cpskg_version": __version__,
        "articles": [r.stats for r in result.articles],
        "totals": {
            "articles": len(result.articles),
            "quads": len(result.quads),
            "triples_in_union": len(union),
            "named_graphs": len({q.graph_name for q in result.quads}),
            "ontology_quads": len(published) - len(result.quads) if published is not None else 0,
            "entities": entities,
            "facts": len(grounded) - entities,
        },
        "outputs": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        "rdfc10_sha256": rdfc10_hash(published if published is not None else result.quads),
        "article_text": {"full_text": result.full_text, **quoted_share(result.quads)},
        "validation": validation or {},
    }


VALIDATORS = ("fast", "pyshacl")


def check(result: BuildResult, curation_dir: Path, validator: str = "fast") -> dict:
    """SHACL shapes and the quality-check queries; raise on a violation.

    Runs before anything is written, so a dataset that violates the shapes never replaces output/.
    `validator` "fast" runs the shapes compiled to SPARQL on Oxigraph (builder/validate/fastvalidate.py: the same
    results as pySHACL on every must-fail example, tested; 0.2 s instead of 2 s here, and near linear at
    scale); "pyshacl" runs the reference validator.
    """
    from builder.query.sparql_run import run_quality_checks

    if validator not in VALIDATORS:
        raise ValueError(f"unknown validator {validator!r}; expected one of {VALIDATORS}")
    from builder.rdfload import add_union_graph

    store = ox.Store()
    store.bulk_extend(result.quads)
    qc = run_quality_checks(add_union_graph(store), curation_dir=curation_dir)  # union added once: no copy
    if validator == "fast":
        from builder.validate.fastvalidate import validate_quads

        report = validate_quads(result.quads)
    else:
        from builder.validate.shacl import to_rdflib, validate_graph

        graph = rdflib.Graph()
        for triple in {q.triple for q in result.quads}:
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        report = validate_graph(graph)
    if not report.conforms or qc:
        raise ShapeViolation(
            f"the dataset violates the shapes ({len(report.violations)} SHACL violations, {len(qc)} "
            "quality-check rows); output/ left unchanged",
            results=[*report.violations, *qc],
        )
    return {"shacl": report.counts(), "quality_check_rows": len(qc), "validator": validator}


def build(corpus_dir: Path, out_dir: Path, curation_dir: Path, jobs: int = 1,
          progress: Progress | None = None, validate: bool = True, validator: str = "fast", *,
          keep_invalid: bool = False, full_text: bool = False, force: bool = False, wait: bool = False,
          notice: Callable[[str], None] | None = None, article_timeout: float | None = None) -> BuildResult:
    """The whole build, holding the output folder's lock (builder/write/lock.py) from start to end.

    A shape violation leaves out_dir unchanged unless `keep_invalid`, which writes the output anyway (its
    report says so) and still raises the ShapeViolation (exit 1), so that a measuring tool
    (bench/quality/run) can read the graph of every article of a corpus the shapes reject. `full_text`:
    publish each article's whole text (default: excerpts, builder/emit/excerpts.py). `force`: build into a
    folder that holds files the build did not write (builder/write/ownership.py), carrying them over;
    `wait`: wait for another build of the same folder instead of refusing; `notice`: told of what the user
    should know (waiting, a folder replaced file by file); `article_timeout`: seconds one article's
    extraction may take (builder/limits.py).
    """
    if not str(out_dir).strip():
        raise InputError("--out is empty: give the output folder (it is replaced whole by each build)")
    if out_dir.exists() and not out_dir.is_dir():  # say so now, not after the whole build
        raise InputError("the output folder is a file: give a folder (new or a previous output) with --out",
                         file=str(out_dir))
    with output_lock(out_dir, wait=wait, notice=notice):
        result = assemble(corpus_dir, curation_dir, jobs, progress, article_timeout)
        violation: ShapeViolation | None = None
        validation: dict = {"skipped": True}
        if validate:
            try:
                validation = check(result, curation_dir, validator)
            except ShapeViolation as err:
                if not keep_invalid:
                    raise
                violation = err
                validation = {"invalid_kept": True, "violation_results": len(err.results),
                              "validator": validator}
        if not full_text:  # checked on the full text above; published as excerpts (builder/emit/excerpts.py)
            from builder.emit.excerpts import excerpts_only

            result.quads = excerpts_only(result.quads)
        result.full_text = full_text
        files = render_files(result, validation, curation_dir)
        write_atomically(out_dir, files, owned=True, force=force, notice=notice)
    if violation is not None:
        raise ShapeViolation(
            f"the dataset violates the shapes ({len(violation.results)} results); written to {out_dir} anyway "
            "(--keep-invalid): do not publish it", results=violation.results)
    return result
