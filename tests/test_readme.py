"""Every command in README.md runs, and prints what the README shows (so the README cannot rot).

The conventions (console blocks with `$ ` commands and their output, `…` for text left out, servers
started with ` &`, `file=` blocks written into a workspace) and the machinery that runs them are in
tests/readme_examples.py.

Exempt, and checked to be exactly that: the first ```` ```sh ```` block, `make build` and `make test`.
`make test` is this test suite; `make build` is checked by tests/test_build.py, which shows that the
committed output/ is what the build produces.

When the graph or a command changes, refresh the README's outputs (and the version and RDFC-1.0 hash
its citation gives) from the project folder with `.venv/bin/python -m tests.test_readme --update`, which
keeps the README's cuts (`…`) where the old output had them, and review the change with
`git diff README.md`.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import warnings
from pathlib import Path

import pytest

from tests.readme_examples import (
    ELLIPSIS,
    EXEMPT_SETUP,
    README,
    ROOT,
    Section,
    describe_failures,
    missing_tools,
    output_matches,
    parse_readme,
    refreshed,
    refreshed_text,
    section_run,
)

# -- the tests -------------------------------------------------------------------------------------

FENCES, SECTIONS = parse_readme(README.read_text(encoding="utf-8"))
RUNNABLE = [s for s in SECTIONS if s.commands]


@pytest.mark.parametrize("section", RUNNABLE, ids=[s.heading for s in RUNNABLE])
def test_readme_section_runs_as_shown(section: Section, tmp_path: Path):
    with section_run(section, tmp_path) as run:
        outcomes = run.run()
    assert not any(o.problem for o in outcomes), describe_failures(outcomes)
    if run.not_run:
        warnings.warn("README commands not run for lack of a program: " + "; ".join(run.not_run), stacklevel=1)


def test_every_shell_block_is_tested_or_the_exempt_setup():
    """Commands outside console blocks would escape the tests: only the set-up block may hold any."""
    shell = [f for f in FENCES if f.info.split()[:1] in (["sh"], ["bash"], ["shell"], ["shell-session"])]
    assert len(shell) == 1, f"README.md: only the set-up block may be a sh block; found lines {[f.line for f in shell]}"
    setup = [line.split("#")[0].strip() for line in shell[0].body if line.strip()]
    assert setup == EXEMPT_SETUP, f"README.md:{shell[0].line}: the set-up block must be exactly {EXEMPT_SETUP}"
    assert shell[0] is FENCES[0], "the set-up block must come first"


def test_every_cpskg_command_is_shown_running():
    """Each command and export format of the CLI is run in a console block, so none is undocumented."""
    from builder.cli.main import main

    ran = " ".join(" ".join(shlex.split(c.text.rstrip("&"))[:3]) for s in SECTIONS for c in s.commands)
    missing = []
    for name, command in main.commands.items():
        subcommands = getattr(command, "commands", None)
        for sub in subcommands or [None]:
            words = f"cpskg {name}" + (f" {sub}" if sub else "")
            if words not in ran:
                missing.append(words)
    assert not missing, f"README.md runs none of {missing}: add an example to a console block"


def test_citation_names_this_build():
    """The citation in prose (not a command) gives the version and RDFC-1.0 hash of the committed build."""
    import json

    from builder import __version__

    citing = README.read_text(encoding="utf-8").split("## Citing", 1)[1].split("\n## ", 1)[0]
    report = json.loads((ROOT / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert f"Version {__version__}." in citing, f"README.md Citing: the version is not {__version__}"
    assert f"`{report['rdfc10_sha256']}`" in citing, (
        f"README.md Citing: the RDFC-1.0 hash is not the build's {report['rdfc10_sha256']}; "
        "copy it from output/build-report.json")
    assert "CC-BY-4.0" in citing


def test_every_local_link_resolves():
    """Links and pictures of the README (output/docs/*.svg, queries/*.rq …) point at files that exist."""
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README.read_text(encoding="utf-8"))
    local = [t for t in targets if "://" not in t]
    assert local, "the README links no file"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, f"README.md links files that do not exist: {missing}"


def test_every_section_link_names_a_heading():
    """`[…](#anchor)` links use GitHub's heading anchors: lower case, punctuation dropped, spaces → '-'."""
    text = README.read_text(encoding="utf-8")
    headings = [line.lstrip("#").strip() for line in text.splitlines() if re.match(r"#{1,6} ", line)]
    anchors = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
    broken = [a for a in re.findall(r"\]\(#([^)]+)\)", text) if a not in anchors]
    assert not broken, f"README.md links sections that do not exist: {broken}"


def test_a_stale_or_failing_example_fails(tmp_path: Path):
    """What makes the section test fail: output other than shown, and an exit code other than 0 unless shown."""
    _, sections = parse_readme("# s\n\n```console\n$ cpskg --version\ncpskg, version 0.0.0\n"
                               "$ cpskg query no_such_query\n…\n```\n")
    with section_run(sections[0], tmp_path) as run:
        stale, failing = run.run()
    assert stale.problem == "prints something else than the README shows"
    assert failing.problem and failing.problem.startswith("exited with 2")
    assert "--update" in describe_failures([stale, failing])


def test_update_rewrites_stale_output_and_keeps_abbreviations():
    """`--update` on a stale README: the stale line is replaced, a `…` cut and an unchanged line stay."""
    from builder import __version__

    stale = ("# t\n\n```console\n$ cpskg --version\ncpskg, version 0.0.0\n"
             "$ cpskg query --list\nagents_linked_to_organization …\n…\n```\nafter\n")
    text, changed = refreshed_text(stale)
    assert changed == 1
    assert text == stale.replace("0.0.0", __version__)


def test_output_matching_conventions():
    """The matcher that decides whether the README is stale: `…` within a line and on a line of its own."""
    assert output_matches(["built 5 articles; … s"], ["built 5 articles; 7.93 s"])
    assert not output_matches(["built 5 articles; … s"], ["built 6 articles; 7.93 s"])
    assert output_matches(["a", ELLIPSIS, "z"], ["a", "z"])
    assert output_matches(["a", ELLIPSIS, "z"], ["a", "b", "c", "z"])
    assert not output_matches(["a", ELLIPSIS, "z"], ["a", "b"])
    assert not output_matches(["a"], ["a", "b"]), "unshown extra lines make the README stale"
    assert refreshed(["abcdefgh…", "(2 rows)"], ["abcdefghij", "uvwxyzabcd", "(3 rows)"]) == [
        "abcdefgh…", "uvwxyzab…", "(3 rows)"]
    assert refreshed(["h", ELLIPSIS, "t"], ["h", "1", "2", "t2"]) == ["h", ELLIPSIS, "t2"]
    assert refreshed(["done in … s"], ["done in 1.2 s"]) == ["done in … s"]
    assert refreshed(["7 triples in … s"], ["8 triples in 1.2 s"]) == ["8 triples in … s"]
    assert refreshed(["on …/x.ttl: ok"], ["on /a/x.ttl: bad"]) == ["on …/x.ttl: bad"]
    assert missing_tools("cpskg query a | jq -r '.x | @tsv'; echo \"exit $?\"") == (
        [] if shutil.which("jq") else ["jq"]), "a | inside quotes is not a pipe"
    assert missing_tools("no-such-program") == [], "only curl and jq may be missing"



# -- python -m tests.test_readme --update --------------------------------------------------------------


def update_readme() -> int:
    text, changed = refreshed_text(README.read_text(encoding="utf-8"))
    README.write_text(text, encoding="utf-8")
    print(f"README.md: refreshed the output of {changed} command(s) and the citation")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.test_readme --update")
    sys.exit(update_readme())
