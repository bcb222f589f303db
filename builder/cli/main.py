"""The `cpskg` command line: a thin click group over library functions.

The library returns results and raises `CpskgError`s; this module prints them and turns them into the
documented exit codes (0 ok, 1 shape violation, 2 bad input or configuration, 3 missing optional
component). Tracebacks only with `cpskg --stacktrace COMMAND`.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from builder import __version__
from builder.cli.common import DEFAULT_CORPUS, DEFAULT_OUT, CpskgGroup, reports_errors
from builder.cli.query import load_command, query_command, serve_command, sparql_command
from builder.cli.validate import make_validate_command
from builder.errors import InputError
from builder.export import make_export_group
from builder.export.reconciled_ids import make_curate_group
from builder.limits import DEFAULT_ARTICLE_TIMEOUT_S
from builder.reconcile.service import make_reconcile_command
from builder.resources import data_path
from builder.validate.reasoning import make_check_ontology_command


@click.group(cls=CpskgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cpskg")
@click.option("--stacktrace", is_flag=True, help="Show the Python traceback of an error.")
@click.pass_context
def main(ctx: click.Context, stacktrace: bool) -> None:
    """Build and use an evidence-grounded knowledge graph of news reports on the CPS-CTU negotiations.

    Exit codes: 0 success, 1 the data violates the SHACL shapes, 2 bad input or configuration (the
    message names the file and position), 3 an optional component is missing (the message says what to
    install), 70 an internal error (a bug), 130 interrupted (Ctrl-C).
    """
    ctx.ensure_object(dict)
    ctx.obj["stacktrace"] = stacktrace


@main.command()
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=DEFAULT_CORPUS,
              show_default=True, help="Corpus folder: articles/*.txt and sources.yaml.")
@click.option("--out", "out_text", type=click.Path(), default=str(DEFAULT_OUT), show_default=True,
              help="Output folder; it belongs to the build, which replaces it atomically (left as it was "
                   "if the build fails).")
@click.option("--curation", "curation_dir", type=click.Path(path_type=Path), default=None,
              help="Entity registry and verified Wikidata ids.  [default: the packaged curation/]")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Articles processed in parallel processes; output is identical for any value.")
@click.option("--validator", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="SHACL engine: the shapes compiled to SPARQL on Oxigraph, or pySHACL (the reference, "
                   "slower; the same results on every must-fail example, tested).")
@click.option("--keep-invalid", is_flag=True,
              help="Write the output even if it violates the shapes (still exit 1 and list the violations); "
                   "for measuring extraction on new articles, never for publishing.")
@click.option("--include-full-text", "full_text", is_flag=True,
              help="Keep each article's whole text (nif:isString) in the output, for private use; by default "
                   "only the words that ground facts are published (the articles' text is their publishers').")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--wait", is_flag=True, help="If another build is writing the output folder, wait for it "
              "(default: exit 2 naming it).")
@click.option("--article-timeout", type=click.FloatRange(0, 86400), default=DEFAULT_ARTICLE_TIMEOUT_S,
              show_default=True, help="Seconds one article's extraction may take; an article past it fails the "
              "build (exit 2) naming its file. 0: no limit.")
@click.option("--force", is_flag=True, help="Build into an output folder that holds files the build did not "
              "write (they are carried over).")
@reports_errors
def build(corpus_dir: Path, out_text: str, curation_dir: Path, jobs: int, validator: str, keep_invalid: bool,
          full_text: bool, quiet: bool, as_json: bool, wait: bool, article_timeout: float, force: bool) -> None:
    """Build the dataset: corpus → Turtle, TriG (one named graph per article), JSON-LD, VoID and a report.

    The data is validated against the SHACL shapes and the quality-check queries first; every file is
    re-read by a strict parser before it replaces the old one; a failed build leaves the output folder
    byte-identical. A progress bar (articles per second) is shown on a terminal.
    """
    import json

    from builder.cli.progress import Progress
    from builder.pipeline import build as run_build
    from builder.write.describe import modified_date

    modified_date([])  # a malformed SOURCE_DATE_EPOCH is exit 2 before any work
    if not out_text.strip():
        raise InputError("--out is empty: give the output folder (it is replaced whole by each build)")
    out_dir = Path(out_text)
    started = time.perf_counter()
    progress = Progress(enabled=False) if quiet or as_json else Progress()
    # An installed cpskg has no curation/ beside the corpus: the packaged one (./curation in a checkout).
    curation_dir = curation_dir if curation_dir is not None else data_path("curation")
    result = run_build(corpus_dir, out_dir, curation_dir, jobs=jobs, progress=progress, validator=validator,
                       keep_invalid=keep_invalid, full_text=full_text, force=force, wait=wait,
                       article_timeout=article_timeout or None,
                       notice=lambda line: click.echo(f"cpskg: note: {line}", err=True))
    summary = build_summary(result.report, out_dir, time.perf_counter() - started)
    if not quiet:
        for article in result.report["articles"]:
            for note in article.get("warnings", ()):
                click.echo(f"cpskg: warning: {article['file']}: {note}", err=True)
    if as_json:
        click.echo(json.dumps(summary, sort_keys=True))
    elif not quiet:
        click.echo(
            f"built {summary['articles']} articles into {out_dir}/: {summary['entities']} entities, "
            f"{summary['facts']} facts, {summary['quads']} quads in {summary['named_graphs']} named graphs; "
            f"{summary['violations']} violations, {summary['warnings']} warnings; {summary['seconds']:.2f} s"
        )


def build_summary(report: dict, out_dir: Path, seconds: float) -> dict:
    totals = report["totals"]
    shacl = report.get("validation", {}).get("shacl", {})
    return {
        "articles": totals["articles"], "entities": totals["entities"], "facts": totals["facts"],
        "quads": totals["quads"], "named_graphs": totals["named_graphs"],
        "violations": shacl.get("Violation", 0), "warnings": shacl.get("Warning", 0),
        "extraction_warnings": sum(len(a.get("warnings", ())) for a in report["articles"]),
        "seconds": round(seconds, 3), "out": str(out_dir), "rdfc10_sha256": report["rdfc10_sha256"],
    }


# Canned queries, your own SPARQL, the SPARQL server and Graph Store loading (builder/cli/query.py).
main.add_command(query_command)
main.add_command(sparql_command)
main.add_command(serve_command)
main.add_command(load_command)


# Wikidata-style export and the reconciliation service (builder/export/, builder/reconcile/service.py).
main.add_command(make_export_group(reports_errors))
main.add_command(make_curate_group(reports_errors))
main.add_command(make_reconcile_command(reports_errors))


# The HermiT check of the ontology (builder/validate/reasoning.py).
main.add_command(make_check_ontology_command(reports_errors))


# SHACL validation of a built dataset (builder/validate/shacl.py, builder/cli/validate.py).
main.add_command(make_validate_command(reports_errors))


if __name__ == "__main__":  # `python -m builder.cli.main` as well as `python -m builder` and `cpskg`
    main()
