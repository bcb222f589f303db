"""`cpskg build --keep-invalid`: the quality benchmark reads the graph of every article even when the shapes
reject the corpus; the build still exits 1 and says the output must not be published."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import builder.pipeline as pipeline
from builder.cli import main
from builder.errors import ShapeViolation

PROJECT = Path(__file__).resolve().parents[2]


def reject(*args, **kwargs):
    raise ShapeViolation("the dataset violates the shapes (1 SHACL violations, 0 quality-check rows); "
                         "output/ left unchanged", results=[])


def test_a_rejected_corpus_is_written_only_with_keep_invalid(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "check", reject)
    corpus = str(PROJECT / "corpus")
    plain = CliRunner().invoke(main, ["build", "--corpus", corpus, "--out", str(tmp_path / "plain"), "--quiet"])
    assert plain.exit_code == 1
    assert not (tmp_path / "plain").exists()

    kept = CliRunner().invoke(main, ["build", "--corpus", corpus, "--out", str(tmp_path / "kept"), "--quiet",
                                     "--keep-invalid"])
    assert kept.exit_code == 1
    assert (tmp_path / "kept" / "cpskg.trig").stat().st_size > 0
    assert "written to" in kept.output and "--keep-invalid" in kept.output
