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
from builder.terminal import escape_controls

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
    from builder.validate.shacl import Result, format_result

    return [format_result(r) if isinstance(r, Result) else r.render() for r in err.results]
