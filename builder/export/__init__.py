"""Export of the graph to Wikidata-style tooling: QuickStatements V1 (TSV and CSV) and Wikibase JSON.

`collect` turns the dataset into an exporter-neutral model (`model`), using the Wikidata alignment read
from the ontology (`mapping`); `quickstatements` and `wikibase_json` render it; `qs_check` is the V1
grammar every emitted line must pass. Files are written all-or-nothing (builder.write.rdfio.write_atomically)
and are byte-identical on re-export.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
import pyoxigraph as ox

from builder.errors import CpskgError, InputError
from builder.export.collect import collect_model, collect_model_from_store
from builder.export.mapping import load_mapping, load_verified_ids
from builder.export.model import ExportModel
from builder.export.qs_check import check_batch, check_csv
from builder.export.quickstatements import to_csv, to_v1
from builder.export.wikibase_json import to_documents, to_json_bytes
from builder.write.rdfio import write_atomically

QUICKSTATEMENTS_TSV = "quickstatements.tsv"
QUICKSTATEMENTS_CSV = "quickstatements.csv"
ENTITIES_JSON = "entities.json"


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    entities: int
    warnings: tuple[str, ...]


def build_model(dataset: Path, alignment: tuple[Path, ...] | None = None) -> tuple[ExportModel, dict[str, str]]:
    """The export model of a dataset, and the property datatypes the alignment declares."""
    if not dataset.is_file():
        raise InputError("no dataset: run `cpskg build` first", file=str(dataset))
    verified = load_verified_ids()
    mapping = load_mapping(alignment, verified) if alignment else load_mapping(verified=verified)
    return collect_model(dataset, mapping), mapping.datatypes


def quickstatements_files(model: ExportModel) -> tuple[dict[str, bytes], list[str]]:
    tsv, csv_batch = to_v1(model), to_csv(model)
    # The writer's own output must pass the V1 rules; a failure here is a bug in the writer, not bad input.
    problems = check_batch(tsv.text()) + check_csv(csv_batch.text())
    if problems:
        raise CpskgError("QuickStatements output fails the V1 checker: " + "; ".join(map(str, problems[:5])))
    warnings = list(dict.fromkeys([*model.warnings, *tsv.warnings, *csv_batch.warnings]))
    return {
        QUICKSTATEMENTS_TSV: tsv.text().encode("utf-8"),
        QUICKSTATEMENTS_CSV: csv_batch.text().encode("utf-8"),
    }, warnings


def export_quickstatements(dataset: Path, out_dir: Path, alignment: tuple[Path, ...] | None = None) -> ExportResult:
    model, _ = build_model(dataset, alignment)
    files, warnings = quickstatements_files(model)
    return ExportResult(tuple(write_atomically(out_dir, files)), len(model.entities), tuple(warnings))


def export_wikibase_json(dataset: Path, out_dir: Path, alignment: tuple[Path, ...] | None = None) -> ExportResult:
    model, datatypes = build_model(dataset, alignment)
    documents, warnings = to_documents(model, datatypes)
    written = write_atomically(out_dir, {ENTITIES_JSON: to_json_bytes(documents)})
    return ExportResult(tuple(written), len(documents), tuple(dict.fromkeys([*model.warnings, *warnings])))


def export_files(store: ox.Store) -> tuple[dict[str, bytes], list[str]]:
    """All three export files (names relative to output/wikidata/) of a dataset in a store: the build
    writes them in the same atomic replace as the dataset, so the export is never stale."""
    verified = load_verified_ids()
    mapping = load_mapping(verified=verified)
    model = collect_model_from_store(store, mapping)
    files, warnings = quickstatements_files(model)
    documents, json_warnings = to_documents(model, mapping.datatypes)
    files[ENTITIES_JSON] = to_json_bytes(documents)
    return files, list(dict.fromkeys([*warnings, *json_warnings]))


def export_all(dataset: Path, out_dir: Path, alignment: tuple[Path, ...] | None = None) -> ExportResult:
    """All three files from one model, written all-or-nothing (for `make build` / the pipeline)."""
    model, datatypes = build_model(dataset, alignment)
    files, warnings = quickstatements_files(model)
    documents, json_warnings = to_documents(model, datatypes)
    files[ENTITIES_JSON] = to_json_bytes(documents)
    written = write_atomically(out_dir, files)
    return ExportResult(tuple(written), len(model.entities), tuple(dict.fromkeys([*warnings, *json_warnings])))


# -- command line (registered in builder/cli/main.py) ---------------------------------------------------


def _report(result: ExportResult) -> None:
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    names = ", ".join(str(p) for p in result.files)
    click.echo(f"exported {result.entities} entities to {names} ({len(result.warnings)} warnings)")


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
    out_option = click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path),
        default=Path("output/wikidata"),
        show_default=True,
        help="Output folder.",
    )

    @click.group(name="export")
    def export_group() -> None:
        """Wikidata-style export with qualifiers and per-article references."""

    @export_group.command(name="quickstatements")
    @dataset_option
    @out_option
    @reports_errors
    def quickstatements_command(dataset: Path, out_dir: Path) -> None:
        """QuickStatements V1: quickstatements.tsv (TAB-separated) and quickstatements.csv."""
        _report(export_quickstatements(dataset, out_dir))

    @export_group.command(name="wikibase-json")
    @dataset_option
    @out_option
    @reports_errors
    def wikibase_json_command(dataset: Path, out_dir: Path) -> None:
        """Wikibase JSON entity documents (entities.json), one per exported entity."""
        _report(export_wikibase_json(dataset, out_dir))

    @export_group.command(name="all")
    @dataset_option
    @out_option
    @reports_errors
    def all_command(dataset: Path, out_dir: Path) -> None:
        """Both exports at once, written all-or-nothing."""
        _report(export_all(dataset, out_dir))

    return export_group
