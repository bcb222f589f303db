"""The `cpskg` command line: a thin click group over library functions.

The library returns results and raises `CpskgError`s; this module prints them and turns them into the
documented exit codes (0 ok, 1 shape violation, 2 bad input or configuration, 3 missing optional
component). Tracebacks only with `cpskg --stacktrace COMMAND`.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import CpskgError, InputError, ShapeViolation
from .limits import DEFAULT_ARTICLE_TIMEOUT_S
from .terminal import escape_controls

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("output")
DEFAULT_CURATION = Path("curation")


def reports_errors(command):
    """Turn a CpskgError into a one-line message on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CpskgError as err:
            if click.get_current_context().find_root().obj.get("stacktrace"):
                raise
            for line in _result_lines(err):
                click.echo(escape_controls(line, keep="\t"), err=True)
            click.echo(f"cpskg: error: {escape_controls(err.render())}", err=True)
            sys.exit(err.exit_code)

    return wrapper


EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in cpskg, never a verdict on the data (1) or the input (2)


class CpskgGroup(click.Group):
    """The `cpskg` group: whatever a command raises ends in one line and a documented exit code.

    Ctrl-C: `cpskg: interrupted`, exit 130 (click would print "Aborted!" and exit 1, the code of a shape
    violation). An OSError that no command turned into a CpskgError (a file it cannot read): one line
    naming the file, exit 2. Anything else is a bug: one line, exit 70, the traceback with --stacktrace.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("cpskg: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as error:
            if (ctx.obj or {}).get("stacktrace"):
                raise
            if isinstance(error, OSError):
                where = f"{error.filename}: " if error.filename else ""
                click.echo(escape_controls(f"cpskg: error: {where}{error.strerror or error}"), err=True)
                sys.exit(2)
            click.echo(escape_controls(f"cpskg: internal error: {type(error).__name__}: {error} (a bug; "
                                       "`cpskg --stacktrace …` shows where)"), err=True)
            sys.exit(EXIT_INTERNAL)


def _result_lines(err: CpskgError) -> list[str]:
    """One line per SHACL result or quality-check row carried by a ShapeViolation."""
    if not isinstance(err, ShapeViolation):
        return []
    from .validate import Result, format_result

    return [format_result(r) if isinstance(r, Result) else r.render() for r in err.results]


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
@click.option("--curation", "curation_dir", type=click.Path(path_type=Path), default=DEFAULT_CURATION,
              show_default=True, help="Entity registry and verified Wikidata ids.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Articles processed in parallel processes; output is identical for any value.")
@click.option("--validator", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="SHACL engine: the shapes compiled to SPARQL on Oxigraph, or pySHACL (the reference, "
                   "slower; the same results on every must-fail example, tested).")
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
def build(corpus_dir: Path, out_text: str, curation_dir: Path, jobs: int, validator: str, quiet: bool,
          as_json: bool, wait: bool, article_timeout: float, force: bool) -> None:
    """Build the dataset: corpus → Turtle, TriG (one named graph per article), JSON-LD, VoID and a report.

    The data is validated against the SHACL shapes and the quality-check queries first; every file is
    re-read by a strict parser before it replaces the old one; a failed build leaves the output folder
    byte-identical. A progress bar (articles per second) is shown on a terminal.
    """
    import json

    from .pipeline import build as run_build
    from .progress import Progress

    if not out_text.strip():
        raise InputError("--out is empty: give the output folder (it is replaced whole by each build)")
    out_dir = Path(out_text)
    started = time.perf_counter()
    progress = Progress(enabled=False) if quiet or as_json else Progress()
    result = run_build(corpus_dir, out_dir, curation_dir, jobs=jobs, progress=progress, validator=validator,
                       force=force, wait=wait, article_timeout=article_timeout or None,
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


# Canned queries, the SPARQL server and Graph Store loading (builder/query_cli.py).
from .query_cli import load_command, query_command, serve_command  # noqa: E402  (needs main, reports_errors)

main.add_command(query_command)
main.add_command(serve_command)
main.add_command(load_command)


# Wikidata-style export and the reconciliation service (builder/export/, builder/reconcile.py).
from .export import make_export_group  # noqa: E402
from .reconcile import make_reconcile_command  # noqa: E402

main.add_command(make_export_group(reports_errors))
main.add_command(make_reconcile_command(reports_errors))


# The HermiT check of the ontology (builder/reasoning.py).
from .reasoning import make_check_ontology_command  # noqa: E402

main.add_command(make_check_ontology_command(reports_errors))


# SHACL validation of a built dataset (builder/validate.py, builder/validate_cli.py).
from .validate_cli import make_validate_command  # noqa: E402

main.add_command(make_validate_command(reports_errors))
