"""bench/quality/run end to end on one hand-made article: the real `cpskg build`, split.tsv read (never
written), QUALITY.md written; a malformed gold line stops the run before anything is built."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
RUN = PROJECT / "bench" / "quality" / "run"

ARTICLE = (
    "Riverton teachers set strike vote\n"
    "By Dana Cole\n"
    "Share this article\n"
    "\n"
    "RIVERTON — Members of the Riverton Education Association will vote Thursday on whether to strike, "
    "union president Ana Ruiz said.\n"
    "\n"
    "\"We have waited long enough,\" Ruiz said.\n"
)
META = """id: qx-riverton-vote
publisher: {value: Riverton Ledger, how: stated, evidence: "By Dana Cole"}
authors:
  - {value: Dana Cole, how: stated, evidence: "By Dana Cole"}
date_published: {value: 2024-03-04, how: stated, evidence: "Thursday"}
"""
GOLD = "\n".join([
    "kind\tsubject\trelation\tobject\tevidence\toccurrence",
    "person\tAna Ruiz\t\t\tAna Ruiz\t",
    "org\tRiverton Education Association\t\t\tRiverton Education Association\t",
    "quote\tAna Ruiz\tdirect\t\tWe have waited long enough\t",
    "clutter\t\tshare\t\tShare this article\t",
]) + "\n"


def quality_folder(tmp_path: Path, gold: str = GOLD) -> Path:
    folder = tmp_path / "quality"
    (folder / "articles").mkdir(parents=True)
    (folder / "gold").mkdir()
    (folder / "articles" / "qx-riverton-vote.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "articles" / "qx-riverton-vote.meta.yaml").write_text(META, encoding="utf-8")
    (folder / "gold" / "qx-riverton-vote.tsv").write_text(gold, encoding="utf-8")
    return folder


def run(tmp_path: Path, folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RUN), "--quality", str(folder), "--work", str(tmp_path / "work"),
                           "--out", str(tmp_path / "QUALITY.md")], capture_output=True, text=True, cwd=PROJECT)


@pytest.mark.slow
def test_the_run_builds_scores_and_reads_the_split(tmp_path: Path):
    folder = quality_folder(tmp_path)
    first = run(tmp_path, folder)
    assert first.returncode == 1, first.stderr  # the seeds have no gold here: reported, not scored
    report = (tmp_path / "QUALITY.md").read_text(encoding="utf-8")
    assert "scored: dev 0, test 0, seeds 0, unsplit 1" in report
    assert "| qx-riverton-vote | unsplit |" in report
    assert not (folder / "split.tsv").exists()
    assert "qx-riverton-vote" in (tmp_path / "work" / "quality-details.md").read_text(encoding="utf-8")

    digest = hashlib.sha256(b"qx-riverton-vote").hexdigest()
    (folder / "split.tsv").write_text(f"id\tsplit\tsha256_of_id\nqx-riverton-vote\ttest\t{digest}\n",
                                      encoding="utf-8")
    second = run(tmp_path, folder)
    report = (tmp_path / "QUALITY.md").read_text(encoding="utf-8")
    assert "scored: dev 0, test 1, seeds 0, unsplit 0" in report, second.stderr
    assert "## test (batch 1, reported, never debugged): 1 articles" in report  # no batch column: batch 1
    assert "SHA-256" not in second.stderr  # the digest column is checked and right
    # a test article's misses are written nowhere
    assert "qx-riverton-vote" not in (tmp_path / "work" / "quality-details.md").read_text(encoding="utf-8")


def test_a_malformed_gold_line_stops_the_run_before_the_build(tmp_path: Path):
    folder = quality_folder(tmp_path, GOLD + "person\tNobody\t\t\tNobody at all\t\n")
    done = run(tmp_path, folder)
    assert done.returncode == 2
    assert "qx-riverton-vote.tsv:6: evidence 'Nobody at all' not in the article text" in done.stderr
    assert not (tmp_path / "work").exists() and not (tmp_path / "QUALITY.md").exists()
