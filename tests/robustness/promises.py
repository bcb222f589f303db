"""The three promises every robustness test checks (../shared/guides/bad-inputs.md), written once.

1. A clear error: `cpskg build` exits with code 2 and prints one line `cpskg: error: FILE[:POSITION]: REASON`
   on stderr, never a traceback.
2. No partial output: after a failed run the output folder is byte-identical to what it was (a previous
   build's files and a user's own file alike), and no `.cpskg-tmp-*` file is left behind.
3. Nothing lost: after a successful run, re-reading the written files with a strict parser (pyoxigraph)
   gives exactly the quads the in-memory build holds (`assemble()` + `render_files()`), and the bytes on
   disk, which the build streamed from its chunk files, are the bytes the in-memory reference renders.

Each `test_NN_*.py` then only says which input it feeds and what the error must name.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner, Result

from builder.cli.main import main
from builder.emit.excerpts import excerpts_only
from builder.emit.mint import ontology_graph_iri
from builder.pipeline import REPORT_FILE, TRIG_FILE, TURTLE_FILE, assemble
from builder.write.in_memory import BuildResult, render_files
from builder.write.rdfio import TMP_PREFIX
from tests.corpus_factory import PROJECT, snapshot

CURATION = PROJECT / "curation"
# The installed console script, as a user runs it.
CPSKG = str(Path(sys.executable).parent / "cpskg")
MINI_DATASET = PROJECT / "tests" / "fixtures" / "queries-mini.trig"

# A short article in the style of the corpus; metadata evidence ("Chicago") occurs in it.
ARTICLE = (
    "CHICAGO (AP) — The Chicago Teachers Union and Chicago Public Schools met again on Monday.\n"
    "\n"
    "“We are close to a deal,” CTU President Jesse Sharkey said on Sunday.\n"
    "\n"
    "Mayor Lori Lightfoot said the district offered 1,500 vaccinations per week to staff.\n"
)


def cpskg(*args: str | Path) -> Result:
    """`cpskg ARGS` in-process; exceptions are caught by the runner so a traceback shows up as a failure."""
    return CliRunner().invoke(main, [str(a) for a in args])


def cli_build(corpus: Path, out: Path, *extra: str) -> Result:
    return cpskg("build", "--corpus", corpus, "--out", out, "--curation", CURATION, *extra)


def seed_previous_output(out: Path) -> dict[str, bytes]:
    """An output folder as an earlier run left it: real RDF files under the build's names, a report, a
    sub-folder and a file the user put there. Returns its snapshot for `assert_untouched`."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MINI_DATASET, out / TRIG_FILE)
    triples = {q.triple for q in ox.parse(path=str(MINI_DATASET), format=ox.RdfFormat.TRIG)}
    (out / TURTLE_FILE).write_bytes(ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE))
    (out / REPORT_FILE).write_text('{"previous": "run"}\n', encoding="utf-8")
    (out / "docs").mkdir(exist_ok=True)
    (out / "docs" / "notes-by-the-user.md").write_text("kept across builds\n", encoding="utf-8")
    return snapshot(out)


def assert_clear_error(result: Result, *, file: str, reason: str, position: str | None = None) -> str:
    """Exit code 2 and one `cpskg: error:` line naming the file (and position) and matching `reason`."""
    assert result.exit_code == 2, f"exit code {result.exit_code}, output:\n{result.output}\n{result.exception!r}"
    assert isinstance(result.exception, SystemExit), f"not a clean exit: {result.exception!r}"
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("cpskg: error: "), result.stderr
    message = lines[0]
    assert file in message, f"{file!r} not named in: {message}"
    if position is not None:
        assert f"{file}:{position}: " in message, f"{file}:{position} not named in: {message}"
    assert re.search(reason, message), f"{reason!r} not in: {message}"
    return message


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    """Byte-identical output folder, and no temporary file left below it or staging folder beside it."""
    leftovers = sorted(str(p.relative_to(out)) for p in out.rglob(f"{TMP_PREFIX}*"))
    leftovers += sorted(p.name for p in out.parent.glob(f".{out.name}{TMP_PREFIX}*"))
    assert not leftovers, f"temporary files left behind: {leftovers}"
    after = snapshot(out)
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    assert not changed, f"a failed run changed {changed}"


def assert_nothing_lost(corpus: Path, out: Path) -> BuildResult:
    """What was written is what was built: same bytes as the in-memory render, same quads on re-reading."""
    in_memory = assemble(corpus, CURATION)
    report_on_disk = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    if not report_on_disk["article_text"]["full_text"]:  # the default: excerpts, not whole texts
        in_memory.quads, in_memory.full_text = excerpts_only(in_memory.quads), False
    rendered = render_files(in_memory)
    for name in (TURTLE_FILE, TRIG_FILE):
        assert (out / name).read_bytes() == rendered[name], f"{name} on disk differs from the in-memory build"
    # the report also holds the validation summary, which render_files alone does not compute
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    for key in ("rdfc10_sha256", "totals", "outputs"):
        assert report[key] == in_memory.report[key], f"{REPORT_FILE}: {key} differs from the in-memory build"
    expected = set(in_memory.quads)
    assert expected, "the build produced no quads at all"
    ontology_graph = ontology_graph_iri()
    reread = {q for q in ox.parse(path=str(out / TRIG_FILE), format=ox.RdfFormat.TRIG)
              if q.graph_name != ontology_graph}  # the ontology's own graph is published beside the data
    assert reread == expected, f"{len(expected - reread)} quads lost, {len(reread - expected)} extra in {TRIG_FILE}"
    union = {q.triple for q in expected}
    assert {q.triple for q in ox.parse(path=str(out / TURTLE_FILE), format=ox.RdfFormat.TURTLE)} == union
    assert not list(out.rglob(f"{TMP_PREFIX}*"))
    return in_memory


def literal_values(quads, predicate_iri: str) -> list[str]:
    """The lexical values of every literal object of one predicate (as a list: duplicates show)."""
    return [q.object.value for q in quads
            if q.predicate.value == predicate_iri and isinstance(q.object, ox.Literal)]
