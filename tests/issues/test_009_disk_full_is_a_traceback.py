"""Fixed bug (rdfio.write_atomically turns an OSError into OutputError, exit 2, after undoing the partial
writes): a full disk (or any OSError) while `cpskg build` writes its files ends in a Python traceback.

`write_atomically` cleans up correctly (output/ stays as it was: tests/test_build.py), but the OSError is
not a `CpskgError`, so the CLI's `reports_errors` lets it escape: the user sees a traceback instead of one
`cpskg: error:` line naming the file that could not be written and the reason. Same family as
tests/issues/test_004_out_is_a_file.py. Failing input: ENOSPC from fsync (injected; a real full disk
raises the same error at the same call).
"""

from __future__ import annotations

import errno

from builder.write import atomic
from tests.corpus_factory import make_corpus
from tests.robustness.promises import ARTICLE, cli_build


def test_a_full_disk_is_reported_in_one_line(tmp_path, monkeypatch):
    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    result = cli_build(make_corpus(tmp_path, {"a": ARTICLE.encode()}), tmp_path / "output")
    assert isinstance(result.exception, SystemExit) and "No space left on device" in result.stderr, result.exception
    assert result.exit_code == 2
    line, = [line for line in result.stderr.splitlines() if line.startswith("cpskg: error:")]
    assert "output/" in line and "previous output is left as it was" in line, line
