"""`cpskg validate [FILE]`: the SHACL report of a built dataset, one line per result.

Thin wrapper over builder.validate.shacl: results go to stdout as tab-separated lines
(`SEVERITY<TAB>focus<TAB>path<TAB>shape<TAB>message`, ready for `cut`/`sort`/`grep`), the summary goes to
stderr. Exit 0 when the data conforms (warnings allowed), 1 on any sh:Violation, 2 when the file cannot be
read or parsed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click

from builder.errors import ShapeViolation
from builder.validate.fastvalidate import validate_file as fast_validate_file
from builder.validate.shacl import DEFAULT_ONTOLOGY, DEFAULT_SHAPES, format_result, format_summary, validate_file

DEFAULT_FILE = Path("output") / "cpskg.trig"


def make_validate_command(reports_errors: Callable) -> click.Command:
    """The command, wrapped in the CLI's error reporter (passed in to avoid importing builder.cli.main)."""

    @click.command("validate")
    @click.argument("file", required=False, type=click.Path(path_type=Path), default=DEFAULT_FILE)
    @click.option("--shapes", "shapes_path", type=click.Path(path_type=Path), default=DEFAULT_SHAPES,
                  show_default=True, help="SHACL shapes to validate against.")
    @click.option("--ontology", "ontology_path", type=click.Path(path_type=Path), default=DEFAULT_ONTOLOGY,
                  show_default=True,
                  help="Ontology whose subclass axioms and individuals' types are mixed into the data.")
    @click.option("--no-ontology", is_flag=True,
                  help="Validate exactly the triples of FILE, without the ontology's axioms.")
    @click.option("--validator", type=click.Choice(["pyshacl", "fast"]), default="pyshacl", show_default=True,
                  help="pySHACL (the reference) or the shapes compiled to SPARQL on Oxigraph (what "
                       "`cpskg build` runs by default; supports the SHACL Core and SHACL-SPARQL "
                       "constraints the shapes use, and refuses shapes it cannot compile).")
    @reports_errors
    def validate_command(file: Path, shapes_path: Path, ontology_path: Path, no_ontology: bool,
                         validator: str) -> None:
        """Validate FILE (.ttl .trig .nt .nq .jsonld .rdf; default output/cpskg.trig) against the SHACL shapes.

        The union of all named graphs is validated. Prints one line per result: severity, focus node,
        path, shape, message (tab-separated), then a summary on stderr. Exit 1 on a violation.

        To check that every ontology term has a label and a definition:
        cpskg validate --no-ontology --shapes shapes/ontology-shapes.ttl ontology/cpskg.ttl
        """
        started = time.perf_counter()
        engine = fast_validate_file if validator == "fast" else validate_file
        report = engine(file, shapes_path=shapes_path, ontology_path=None if no_ontology else ontology_path)
        for result in report.results:
            click.echo(format_result(result))
        click.echo(f"{file}: {format_summary(report)} in {time.perf_counter() - started:.2f} s", err=True)
        if not report.conforms:
            count = len(report.violations)
            # The results are on stdout already; the error carries none, so the CLI's error reporter
            # does not print them a second time on stderr.
            raise ShapeViolation(f"{count} violation{'s' if count != 1 else ''} of the SHACL shapes",
                                 file=str(file))

    return validate_command
