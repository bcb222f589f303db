"""What every command shares: the default folders and the error reporter.

Kept apart from the group (`builder.cli.main`) so the command modules import it without importing the
group that imports them.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from builder.errors import CpskgError, ShapeViolation

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("output")


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
                click.echo(line, err=True)
            click.echo(f"cpskg: error: {err.render()}", err=True)
            sys.exit(err.exit_code)

    return wrapper


def _result_lines(err: CpskgError) -> list[str]:
    """One line per SHACL result or quality-check row carried by a ShapeViolation."""
    if not isinstance(err, ShapeViolation):
        return []
    from builder.validate.shacl import Result, format_result

    return [format_result(r) if isinstance(r, Result) else r.render() for r in err.results]
