"""Export of the graph to Wikidata-style tooling: QuickStatements V1 (TSV and CSV), Wikibase JSON, and the
list of entities to reconcile first.

`collect` turns the dataset into an exporter-neutral model (`model`), using the Wikidata alignment read
from the ontology (`mapping`), the article references (`references`), the job/position rules (`jobs`) and
the ids editors reconciled (`reconciled_ids`); `quickstatements` and `wikibase_json` render it;
`reconcile_first` writes to-reconcile.csv. Every batch must pass `qs_check` (the V1 grammar) and
`qs_policy` (Wikidata's editorial rules) before it is written. Files are written all-or-nothing
(builder.write.rdfio.write_atomically) and are byte-identical on re-export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click
import pyoxigraph as ox

from builder.errors import CpskgError, InputError
from builder.export.collect import Collector
from builder.export.mapping import VerifiedIds, WikidataMapping, load_mapping, load_verified_ids
from builder.export.model import ExportModel
from builder.export.qs_check import check_csv
from builder.export.qs_policy import PolicyContext, check_export, check_policy_csv
from builder.export.quickstatements import to_csv, to_v1
from builder.export.reconcile_first import TO_RECONCILE_CSV, to_reconcile_csv, to_reconcile_rows
from builder.export.reconciled_ids import default_path, load_reconciled
from builder.export.references import read_sources
from builder.export.wikibase_json import to_documents, to_json_bytes
from builder.rdfload import load_store
from builder.write.rdfio import write_atomically

QUICKSTATEMENTS_TSV = "quickstatements.tsv"
QUICKSTATEMENTS_CSV = "quickstatements.csv"
ENTITIES_JSON = "entities.json"


@dataclass(frozen=True)
class ExportOptions:
    """How to export: the alignment files, the curation folder (reconciled ids), whether to create items."""

    alignment: tuple[Path, ...] | None = None
    curation_dir: Path | None = None
    create_new_items: bool = False


@dataclass(frozen=True)
class ExportBundle:
    files: dict[str, bytes]
    model: ExportModel
    warnings: tuple[str, ...]
    summary: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    entities: int
    warnings: tuple[str, ...]
    summary: dict = field(default_factory=dict)


def policy_context(store: ox.Store, verified: VerifiedIds) -> PolicyContext:
    """What the editorial checks need besides the batch: article texts, inferred dates, occupations."""
    sources = read_sources(store)
    articles = {s.article for s in sources.values()}
    query = "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> " \
            "SELECT ?a ?t WHERE { ?a nif:isString ?t }"
    texts = [row["t"].value for row in store.query(query, use_default_graph_as_union=True)
             if row["a"].value in articles]
    inferred = {}
    for source in sources.values():
        if source.published is not None and "datePublished" not in source.stated:
            stamp = f"+{source.published.value[:10]}T00:00:00Z/11"
            for key in (source.url, source.headline):
                if key:
                    inferred[key] = stamp
    occupations = frozenset(w for w, (kind, label, _) in verified.rows.items()
                            if kind == "class" and "(occupation)" in label)
    forbidden = frozenset(w for w in verified.rows if verified.forbidden(w)) | {"P642"}
    return PolicyContext(tuple(sorted(texts)), inferred, occupations, forbidden)


def export_bundle(store: ox.Store, options: ExportOptions = ExportOptions(), origin: str = "dataset") -> ExportBundle:
    """Every export file of a dataset in a store (names relative to output/wikidata/), checked."""
    if len(store) and next(iter(store.named_graphs()), None) is None:
        # References come from the article whose named graph states a fact; a flat graph has none.
        raise InputError("the export needs one named graph per article (TriG or N-Quads); this file has none",
                         file=origin)
    verified = load_verified_ids()
    mapping: WikidataMapping = (load_mapping(options.alignment, verified) if options.alignment
                                else load_mapping(verified=verified))
    reconciled = load_reconciled(default_path(options.curation_dir))
    collector = Collector(store, mapping)
    model = collector.collect({w for w in verified.rows if verified.allows(w)}, reconciled, options.create_new_items)
    tsv, csv_batch = to_v1(model), to_csv(model)
    context = policy_context(store, verified)
    allow = options.create_new_items
    # The writer's own output must pass the V1 grammar and the editorial rules; a failure here is a bug in
    # the exporter, not bad input.
    problems = (check_export(tsv.text(), context, allow_create=allow) + check_csv(csv_batch.text())
                + check_policy_csv(csv_batch.text(), context, allow_create=allow))
    if problems:
        raise CpskgError("the export fails its own checks: " + "; ".join(map(str, problems[:5])))
    documents, json_warnings = to_documents(model, mapping.datatypes)
    rows = to_reconcile_rows(model, store, collector.facts, mapping, verified, reconciled, collector.describe)
    files = {
        QUICKSTATEMENTS_TSV: tsv.text().encode("utf-8"),
        QUICKSTATEMENTS_CSV: csv_batch.text().encode("utf-8"),
        ENTITIES_JSON: to_json_bytes(documents),
        TO_RECONCILE_CSV: to_reconcile_csv(rows),
    }
    warnings = tuple(dict.fromkeys([*model.warnings, *tsv.warnings, *csv_batch.warnings, *json_warnings]))
    return ExportBundle(files, model, warnings, summarise(model, len(rows), warnings))


def summarise(model: ExportModel, to_reconcile: int, warnings: tuple[str, ...]) -> dict:
    """What the export says and what it holds back, for the build report and the command's last line."""
    held_statements = [h for h in model.held if h.property is not None]
    reasons: dict[str, int] = {}
    for held in held_statements:
        if held.reason.startswith("waits for an item for its subject"):
            key = "waits for an item for its subject"
        elif held.reason.startswith("waits for an item for"):
            key = "waits for an item for its value"
        else:
            key = held.reason.split(" (", 1)[0].split(";", 1)[0]
        reasons[key] = reasons.get(key, 0) + 1
    return {
        "statements": sum(len(e.claims) for e in model.entities),
        "items_edited": sum(1 for e in model.entities if e.qid),
        "items_created": sum(1 for e in model.entities if not e.qid),
        "statements_held_back": len(held_statements),
        "held_back_by_reason": dict(sorted(reasons.items())),
        "entities_to_reconcile": to_reconcile,
        "warnings": list(warnings),
    }


def export_files(store: ox.Store, curation_dir: Path | None = None) -> tuple[dict[str, bytes], list[str], dict]:
    """All export files of the build's dataset: written in the same atomic replace as the dataset, so the
    export is never stale. The build never creates items (that is an editor's explicit choice)."""
    bundle = export_bundle(store, ExportOptions(curation_dir=curation_dir))
    return bundle.files, list(bundle.warnings), bundle.summary


def _export(dataset: Path, out_dir: Path, names: tuple[str, ...], options: ExportOptions) -> ExportResult:
    if not dataset.is_file():
        raise InputError("no dataset: run `cpskg build` first", file=str(dataset))
    bundle = export_bundle(load_store(dataset), options, origin=str(dataset))
    written = write_atomically(out_dir, {name: bundle.files[name] for name in (*names, TO_RECONCILE_CSV)})
    return ExportResult(tuple(written), len(bundle.model.entities), bundle.warnings, bundle.summary)


def export_quickstatements(dataset: Path, out_dir: Path, alignment: tuple[Path, ...] | None = None,
                           options: ExportOptions | None = None) -> ExportResult:
    options = options or ExportOptions(alignment=alignment)
    return _export(dataset, out_dir, (QUICKSTATEMENTS_CSV, QUICKSTATEMENTS_TSV), options)


def export_wikibase_json(dataset: Path, out_dir: Path, alignment: tuple[Path, ...] | None = None,
                         options: ExportOptions | None = None) -> ExportResult:
    options = options or ExportOptions(alignment=alignment)
    return _export(dataset, out_dir, (ENTITIES_JSON,), options)


def export_all(dataset: Path, out_dir: Path, alignment: tuple[Path, ...] | None = None,
               options: ExportOptions | None = None) -> ExportResult:
    """All files from one model, written all-or-nothing."""
    options = options or ExportOptions(alignment=alignment)
    return _export(dataset, out_dir, (ENTITIES_JSON, QUICKSTATEMENTS_CSV, QUICKSTATEMENTS_TSV), options)


# -- command line (registered in builder/cli/main.py) ---------------------------------------------------


def _report(result: ExportResult) -> None:
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    names = ", ".join(str(p) for p in result.files)
    s = result.summary
    click.echo(
        f"exported {s['statements']} statements ({s['items_edited']} items edited, {s['items_created']} "
        f"created); held back {s['statements_held_back']} statements; {s['entities_to_reconcile']} entities "
        f"to reconcile; to {names} ({len(result.warnings)} warnings)"
    )


# The built dataset a Wikidata-side command reads (the export and the reconciliation service).
dataset_option = click.option(
    "--data",
    "dataset",
    type=click.Path(path_type=Path),
    default=Path("output/cpskg.trig"),
    show_default=True,
    help="The built dataset (TriG, one named graph per article).",
)


def make_export_group(reports_errors) -> click.Group:
    """The `cpskg export` group; ``reports_errors`` is the CLI's error-to-exit-code wrapper."""

    def options(command):
        command = click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output/wikidata"),
                               show_default=True, help="Output folder.")(command)
        command = click.option("--curation", "curation_dir", type=click.Path(path_type=Path),
                               default=Path("curation"), show_default=True,
                               help="Curation folder holding reconciled-ids.tsv (cpskg curate import-ids).")(command)
        command = click.option("--create-new-items", is_flag=True,
                               help="Create items for entities reconciled by hand and found absent from Wikidata "
                                    "(only those with a statement whose reference identifies its source).")(command)
        return dataset_option(command)

    @click.group(name="export")
    def export_group() -> None:
        """Wikidata-style export: existing items only unless --create-new-items; to-reconcile.csv lists the rest."""

    for name, function, summary in (
        ("quickstatements", export_quickstatements,
         "QuickStatements V1: quickstatements.tsv (TAB-separated) and quickstatements.csv, plus to-reconcile.csv."),
        ("wikibase-json", export_wikibase_json,
         "Wikibase JSON entity documents (entities.json), plus to-reconcile.csv."),
        ("all", export_all, "Every export file at once, written all-or-nothing."),
    ):
        def command(dataset: Path, out_dir: Path, curation_dir: Path, create_new_items: bool, _run=function) -> None:
            choice = ExportOptions(curation_dir=curation_dir, create_new_items=create_new_items)
            _report(_run(dataset, out_dir, options=choice))

        command.__doc__ = summary
        export_group.command(name=name)(options(reports_errors(command)))

    return export_group
