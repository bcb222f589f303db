"""Running the examples of README.md and comparing their output: the machinery of tests/test_readme.py.

Conventions of README.md, read by this module:

* A ```` ```console ```` block holds commands after `$ ` (a trailing `\\` continues a command on the next
  line), each followed by the output it prints (stdout and stderr as a terminal shows them). In expected
  output, `…` stands for any text within a line (`… in … s` for a timing), and a line that is only `…`
  for any number of lines (zero included). Trailing blanks are ignored. A command must exit 0; to show a
  failure the README writes `$ cmd; echo "exit $?"`, so the exit code is part of the output.
* A command ending in ` &` is a server: it is started in the background, the test waits until every line
  of its expected output has appeared (in any order), and stops it (SIGTERM, as Ctrl-C would) when the
  section ends. Ports written in a section (`--port N`, `127.0.0.1:N`) are replaced by free loopback
  ports for the run, consistently in commands and output, so a test never collides with a running server.
* A block whose info string carries `file=PATH` (```` ```text file=corpus/articles/x.txt ````) is written
  to PATH before the section's next command runs; `append` appends it instead (a sources.yaml entry).
* Each section (the text under one heading) runs in its own workspace: a temporary folder with copies of
  corpus/, curation/ and the committed output/ and links to everything else, so commands that build,
  export or add an article never touch the project. `cpskg …` commands without shell syntax run
  in-process (click's CliRunner on builder.cli.main.main); anything else runs under bash with the virtualenv's
  bin/ first on PATH. A command that calls a program which is not installed (the examples use curl and
  jq, which are not Python packages) is not run, and the test warns which; everything else still runs.

The README's outputs are refreshed with `.venv/bin/python -m tests.test_readme --update` (see there).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ELLIPSIS = "…"
COPIED = ("corpus", "curation", "output")  # what a README command may write; everything else is linked
EXEMPT_SETUP = ["make build", "make test"]
UPDATE_HINT = "refresh with `.venv/bin/python -m tests.test_readme --update`, then review `git diff README.md`"
SHELL_SYNTAX = re.compile(r"[|;&<>$`*?]")
PORT = re.compile(r"(?:--port[ =]|127\.0\.0\.1:)(\d{2,5})\b")
SERVER_WAIT_S = 60


# -- reading the README ----------------------------------------------------------------------------


@dataclass
class Command:
    text: str
    line: int  # 1-based line of the README
    expected: list[str] = field(default_factory=list)
    first_output_line: int = 0  # README line index (0-based) where the expected output starts

    @property
    def background(self) -> bool:
        return self.text.endswith(" &")


@dataclass
class FileBlock:
    path: str
    append: bool
    content: str
    line: int


@dataclass
class Section:
    heading: str
    steps: list[Command | FileBlock] = field(default_factory=list)

    @property
    def commands(self) -> list[Command]:
        return [step for step in self.steps if isinstance(step, Command)]


@dataclass
class Fence:
    info: str
    body: list[str]
    line: int  # 1-based line of the opening fence
    heading: str


def fences(lines: list[str]) -> Iterator[Fence]:
    heading, index = "(top)", 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#") and not line.startswith("#!"):
            heading = line.lstrip("#").strip()
        if line.startswith("```"):
            start, info = index, line[3:].strip()
            index += 1
            while index < len(lines) and not lines[index].startswith("```"):
                index += 1
            yield Fence(info, lines[start + 1:index], start + 1, heading)
        index += 1


def parse_console(fence: Fence) -> list[Command]:
    commands: list[Command] = []
    pending = ""
    for offset, line in enumerate(fence.body):
        number = fence.line + 1 + offset
        if pending:
            pending = pending[:-1] + " " + line.strip()
            if not pending.endswith("\\"):
                commands.append(Command(pending, number, first_output_line=number))
                pending = ""
        elif line.startswith("$ "):
            text = line[2:].strip()
            if text.endswith("\\"):
                pending = text
            else:
                commands.append(Command(text, number, first_output_line=number))
        elif not commands:
            raise AssertionError(f"README.md:{number}: output before any `$ ` command in a console block")
        else:
            commands[-1].expected.append(line)
    for command in commands:
        while command.expected and not command.expected[-1].strip():
            command.expected.pop()
    return commands


def parse_readme(text: str) -> tuple[list[Fence], list[Section]]:
    all_fences = list(fences(text.splitlines()))
    sections: dict[str, Section] = {}
    for fence in all_fences:
        words = fence.info.split()
        attributes = dict(word.split("=", 1) for word in words[1:] if "=" in word)
        if words[:1] == ["console"]:
            steps = parse_console(fence)
        elif "file" in attributes:
            steps = [FileBlock(attributes["file"], "append" in words, "\n".join(fence.body) + "\n", fence.line)]
        else:
            continue
        sections.setdefault(fence.heading, Section(fence.heading)).steps.extend(steps)
    return all_fences, list(sections.values())


# -- comparing output ------------------------------------------------------------------------------


def line_pattern(expected: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in expected.rstrip().split(ELLIPSIS)), re.DOTALL)


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Lines match in order; a line that is only `…` absorbs any number of actual lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == ELLIPSIS:
        return any(output_matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and bool(line_pattern(head).fullmatch(actual[0].rstrip())) and output_matches(rest, actual[1:])


def output_lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """New expected lines for `actual` that keep the README's abbreviations: a pattern line that still
    matches stays, lines are cut at the column where the README cut them, and a `…` line keeps as many
    lines before and after it as before."""
    if output_matches(expected, actual):
        return expected
    lone = [i for i, line in enumerate(expected) if line.strip() == ELLIPSIS]
    if lone and len(actual) > len(expected) - 1:
        keep_head, keep_tail = lone[0], len(expected) - lone[-1] - 1
        actual = actual[:keep_head] + [ELLIPSIS] + (actual[len(actual) - keep_tail:] if keep_tail else [])
    widths = [len(line) - 1 for line in expected if line.endswith(ELLIPSIS) and line.strip() != ELLIPSIS]
    width = max(set(widths), key=widths.count) if widths else None
    patterns = [line for line in expected if ELLIPSIS in line and line.strip() != ELLIPSIS]
    result = []
    for line in actual:
        kept = next((p for p in patterns if line != ELLIPSIS and line_pattern(p).fullmatch(line)), None)
        carried = None if kept is not None or line == ELLIPSIS else with_wildcards_of(patterns, line)
        if kept is not None:
            result.append(kept)
        elif carried is not None:
            result.append(carried)
        elif width is not None and line != ELLIPSIS and len(line) > width:
            result.append(line[:width] + ELLIPSIS)
        else:
            result.append(line)
    return result


def with_wildcards_of(patterns: list[str], line: str) -> str | None:
    """`line` with the words that a pattern of the same shape elides (`in … s`, `…/ontology/x.ttl`) elided
    again, so a refresh keeps a timing or a path out of the README even when the numbers around it change.
    Patterns cut at the end (`…` last: a truncated table row) are left to the width rule."""
    words = re.split(r"(\s+)", line)
    for pattern in patterns:
        pattern_words = re.split(r"(\s+)", pattern)
        if pattern.endswith(ELLIPSIS) or len(pattern_words) != len(words):
            continue
        pairs = list(zip(pattern_words, words, strict=True))
        if all(line_pattern(p).fullmatch(w) for p, w in pairs if ELLIPSIS in p):
            return "".join(p if ELLIPSIS in p else w for p, w in pairs)
    return None


# -- running a section -----------------------------------------------------------------------------


def free_port() -> int:
    from tests.conftest import free_port as conftest_free_port

    return conftest_free_port()


OPTIONAL_PROGRAMS = ("curl", "jq")  # not Python packages: a machine may lack them
OPERATORS = {"|", "||", "&&", ";", "&"}


def missing_tools(text: str) -> list[str]:
    """The optional programs a command calls that are not installed (any other program is run, and a
    missing one fails the test)."""
    lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    heads = {tokens[i] for i in range(len(tokens)) if i == 0 or tokens[i - 1] in OPERATORS}
    path = shell_environment()["PATH"]
    return sorted(h for h in heads if h in OPTIONAL_PROGRAMS and shutil.which(h, path=path) is None)


def listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def make_workspace(where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    for entry in ROOT.iterdir():
        if entry.name in (".git", ".serve", ".pytest_cache") or entry.name.startswith(".ruff"):
            continue
        if entry.name in COPIED:
            shutil.copytree(entry, where / entry.name, symlinks=True)
        else:
            (where / entry.name).symlink_to(entry)
    return where


def shell_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("COLUMNS", None)
    # Run under `make test` (CI), a `make` in an example would be a sub-make and print "Entering
    # directory" lines a reader's shell does not show: the examples run as from a fresh shell.
    for variable in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"):
        env.pop(variable, None)
    return env


@dataclass
class Outcome:
    command: Command
    actual: list[str]  # with the README's ports
    problem: str | None


class SectionRun:
    """Runs one section's steps in a workspace; background servers are stopped when the run ends."""

    def __init__(self, section: Section, workspace: Path, logs: Path):
        self.section, self.workspace, self.logs = section, workspace, logs
        documented = sorted({int(p) for c in section.commands for p in PORT.findall(c.text)})
        self.ports = {str(port): str(free_port()) for port in documented}
        self.servers: list[subprocess.Popen] = []
        self.server_outcomes: list[Outcome] = []
        self.not_run: list[str] = []  # commands whose programs are not installed here

    def to_run(self, text: str) -> str:
        for documented, actual in self.ports.items():
            text = re.sub(rf"\b{documented}\b", actual, text)
        return text

    def to_readme(self, text: str) -> str:
        for documented, actual in self.ports.items():
            text = re.sub(rf"\b{actual}\b", documented, text)
        return text

    def run(self) -> list[Outcome]:
        outcomes = []
        try:
            for step in self.section.steps:
                if isinstance(step, FileBlock):
                    self.write(step)
                elif missing_tools(step.text):
                    self.not_run.append(f"README.md:{step.line}: needs {', '.join(missing_tools(step.text))}")
                elif step.background:
                    self.start(step)
                else:
                    outcomes.append(self.foreground(step))
            outcomes.extend(self.server_outcomes)
        finally:
            self.stop_servers()
        return outcomes

    def write(self, block: FileBlock) -> None:
        target = self.workspace / block.path
        # only the copied folders may be written: a path through a link would change the project itself
        assert block.path.split("/")[0] in COPIED and target.resolve().is_relative_to(self.workspace.resolve()), (
            f"README.md:{block.line}: file={block.path} must lie in one of {COPIED}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a" if block.append else "w", encoding="utf-8") as handle:
            handle.write(block.content)

    def foreground(self, command: Command) -> Outcome:
        text = self.to_run(command.text)
        words = shlex.split(text)
        if words[0] == "cpskg" and not SHELL_SYNTAX.search(text):
            code, output = self.in_process(words[1:])
        else:
            completed = subprocess.run(["bash", "-c", text], cwd=self.workspace, env=shell_environment(),
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
            code, output = completed.returncode, completed.stdout
        actual = output_lines(self.to_readme(output))
        problem = None
        if code != 0:
            problem = f"exited with {code} (write `; echo \"exit $?\"` after a command meant to fail)"
        elif not output_matches(command.expected, actual):
            problem = "prints something else than the README shows"
        return Outcome(command, actual, problem)

    def in_process(self, args: list[str]) -> tuple[int, str]:
        from click.testing import CliRunner

        from builder.cli.main import main

        previous = Path.cwd()
        os.chdir(self.workspace)
        try:
            result = CliRunner().invoke(main, args, catch_exceptions=True)
        finally:
            os.chdir(previous)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.output

    def start(self, command: Command) -> None:
        log = self.logs / f"server-{len(self.servers)}.log"
        with log.open("w") as handle:
            process = subprocess.Popen(["bash", "-c", "exec " + self.to_run(command.text[:-2])],
                                       cwd=self.workspace, env=shell_environment(), stdout=handle,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        self.servers.append(process)
        self.server_outcomes.append(self.wait_for(command, process, log))

    def wait_for(self, command: Command, process: subprocess.Popen, log: Path) -> Outcome:
        """Wait until the server listens on its ports and every expected line of it has appeared in its
        output (in any order: a server and its child write to the same terminal)."""
        wanted = [line for line in command.expected if line.strip() != ELLIPSIS]
        ports = [int(port) for port in PORT.findall(self.to_run(command.text))]
        deadline = time.monotonic() + SERVER_WAIT_S
        while True:
            seen = output_lines(log.read_text(errors="replace"))
            missing = [w for w in wanted if not any(line_pattern(self.to_run(w)).fullmatch(x) for x in seen)]
            missing += [f"a server listening on port {port}" for port in ports if not listening(port)]
            actual = output_lines(self.to_readme("\n".join(seen)))
            if not missing:
                return Outcome(command, actual, None)
            if process.poll() is not None or time.monotonic() > deadline:
                state = "exited" if process.poll() is not None else f"still not ready after {SERVER_WAIT_S} s"
                return Outcome(command, actual, f"server {state}; missing: {missing}")
            time.sleep(0.2)

    def stop_servers(self) -> None:
        from builder.query.server import stop_process

        for process in reversed(self.servers):
            stop_process(process)


@contextmanager
def section_run(section: Section, tmp: Path):
    yield SectionRun(section, make_workspace(tmp / "workspace"), tmp)


def describe_failures(outcomes: list[Outcome]) -> str:
    parts = []
    for outcome in outcomes:
        if outcome.problem:
            parts.append(
                f"README.md:{outcome.command.line}: `$ {outcome.command.text}` {outcome.problem}.\n"
                "  README shows:\n" + "".join(f"    {line}\n" for line in outcome.command.expected)
                + "  actual output:\n" + "".join(f"    {line}\n" for line in outcome.actual)
            )
    return "\n".join(parts) + f"\nIf the new output is right, {UPDATE_HINT}."


# -- refreshing the README (python -m tests.test_readme --update) ----------------------------------


def refreshed_text(text: str) -> tuple[str, int]:
    """README text with every command's output replaced by what it prints now (abbreviations kept);
    returns the text and the number of commands whose output changed."""
    import tempfile

    lines = text.splitlines()
    replacements: list[tuple[Command, list[str]]] = []
    for section in [s for s in parse_readme(text)[1] if s.commands]:
        with tempfile.TemporaryDirectory() as tmp, section_run(section, Path(tmp)) as run:
            for outcome in run.run():
                new = refreshed(outcome.command.expected, outcome.actual)
                if new != outcome.command.expected:
                    replacements.append((outcome.command, new))
                if outcome.problem and "exited" in outcome.problem:
                    print(f"README.md:{outcome.command.line}: {outcome.problem}", file=sys.stderr)
    # replace from the bottom up so earlier line numbers stay valid
    for command, new in sorted(replacements, key=lambda r: -r[0].first_output_line):
        start = command.first_output_line
        lines[start:start + len(command.expected)] = new
    return with_current_citation("\n".join(lines) + "\n"), len(replacements)


def with_current_citation(text: str) -> str:
    """The Citing section with the version and RDFC-1.0 hash of the committed build."""
    import json

    from builder import __version__

    report = json.loads((ROOT / "output" / "build-report.json").read_text(encoding="utf-8"))
    if "## Citing" not in text:
        return text
    before, citing = text.split("## Citing", 1)
    citing, sep, after = citing.partition("\n## ")
    citing = re.sub(r"Version [^ ]+\.", f"Version {__version__}.", citing, count=1)
    citing = re.sub(r"`[0-9a-f]{64}`", f"`{report['rdfc10_sha256']}`", citing)
    return f"{before}## Citing{citing}{sep}{after}"
