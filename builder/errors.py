"""The error hierarchy and the exit codes that are part of the command-line contract.

Exit codes (DESIGN.md): 0 success, 1 the data violates the shapes, 2 bad input or configuration,
3 an optional component is missing. Library code raises these; only the CLI turns them into exit codes.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2
EXIT_MISSING_COMPONENT = 3


class CpskgError(Exception):
    """Base class: every error the builder reports to a user on purpose."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, file: str | None = None, position: str | None = None):
        self.message = message
        self.file = file
        self.position = position
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.file:
            where = self.file if not self.position else f"{self.file}:{self.position}"
            where += ": "
        return f"{where}{self.message}"


class InputError(CpskgError):
    """Bad input or configuration: an article, sources.yaml, a parameter, an endpoint (exit 2)."""

    exit_code = EXIT_BAD_INPUT


class OutputError(CpskgError):
    """The output cannot be written: full disk, no permission, a file where a folder should be (exit 2).

    Raised after the partial writes were undone, so the message can promise the old output is intact.
    """

    exit_code = EXIT_BAD_INPUT


class ShapeViolation(CpskgError):
    """The data violates the SHACL shapes or a quality-check query (exit 1)."""

    exit_code = EXIT_VIOLATION

    def __init__(self, message: str, results: list | None = None, **kwargs):
        self.results = list(results or [])
        super().__init__(message, **kwargs)


class MissingComponent(CpskgError):
    """An optional component (Java, a package, a server binary) is not installed (exit 3)."""

    exit_code = EXIT_MISSING_COMPONENT
