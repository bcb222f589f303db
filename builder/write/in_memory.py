"""The whole dataset in memory: the reference the streaming writer (builder/write/stream.py) is tested
against, and the path for callers that hold a small dataset as quads (tests, the Dask example).

`assemble()` maps and links the articles and returns every quad; `render_files()` serialises them as
`cpskg build` did before it streamed (the same bytes, tests/robustness/promises.py checks it);
`check()` validates them. Memory grows with the corpus: the build itself never comes here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from builder import __version__
from builder.emit.excerpts import quoted_share
from builder.emit.mint import ENTITY_KINDS
from builder.errors import InputError, ShapeViolation
from builder.namespaces import CPS_ID, GAF
from builder.rdfload import RDF_FORMATS, read_quads
from builder.write.describe import describe, summarise
from builder.write.jsonld import context_bytes, jsonld_bytes
from builder.write.pictures import pictures
from builder.write.rdfio import rdfc10_hash, trig_bytes, turtle_bytes

TURTLE_FILE = "cpskg.ttl"
TRIG_FILE = "cpskg.trig"
REPORT_FILE = "build-report.json"
JSONLD_FILE = "cpskg.jsonld"
CONTEXT_FILE = "context.jsonld"
VOID_FILE = "void.ttl"
VALIDATORS = ("fast", "pyshacl")


@dataclass
class BuildResult:
    """The dataset in memory: each article's stats, every quad, the rendered files and the report."""

    articles: list[dict]
    quads: list[ox.Quad]
    files: dict[str, bytes] = field(default_factory=dict)
    report: dict = field(default_factory=dict)
    full_text: bool = True  # the quads hold the articles' whole texts (until a caller makes them excerpts)


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
    from builder.write.ontology_docs import docs_files

    files.update(docs_files())
    files.update(pictures(_union_store(files[TURTLE_FILE])))
    store = ox.Store()
    store.extend(result.quads)
    wikidata, result.report["wikidata"] = wikidata_export(store, curation_dir)
    files.update(wikidata)
    summary = summarise(q.triple for q in result.quads)
    description = describe(summary, result.report["rdfc10_sha256"], full_text=result.full_text)
    files[VOID_FILE] = turtle_bytes(description)
    _check_round_trip(files[VOID_FILE], VOID_FILE, set(description))
    files[REPORT_FILE] = (json.dumps(result.report, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    result.files = files
    return files


def _union_store(union_turtle: bytes) -> ox.Store:
    """A store whose default graph is the union of the article graphs (the union Turtle the build just
    wrote, bulk-loaded), made once for every query run on it. Each canned query on a store of named graphs
    only copied the whole store first, and a query over `use_default_graph_as_union` joins far slower:
    posts_by_person took 44 s at 300 generated articles that way, 0.3 s on the union graph."""
    store = ox.Store()
    store.bulk_load(union_turtle, format=ox.RdfFormat.TURTLE)
    return store


def wikidata_export(store: ox.Store, curation_dir: Path | None = None) -> tuple[dict[str, bytes], dict]:
    """QuickStatements (TSV and CSV), Wikibase JSON and to-reconcile.csv, part of every build so they are
    never stale; and the summary of what is exported and held back, for the build report. `store` holds
    the published article graphs as named graphs (no default graph)."""
    from builder.export import export_files

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
        "articles": list(result.articles),
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


