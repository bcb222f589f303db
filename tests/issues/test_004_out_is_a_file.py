"""Bug: `cpskg build --out PATH` where PATH is an existing regular file ends in a Python traceback.

The whole build runs, then `write_atomically` calls `out_dir.mkdir(...)` and FileExistsError escapes the
CLI as a traceback with exit code 1, instead of the documented exit 2 and a one-line message naming the
path (bad configuration). Failing input: an `--out` that is a file.
"""

from __future__ import annotations

import pytest

from tests.corpus_factory import make_corpus
from tests.robustness.promises import ARTICLE, cli_build


@pytest.mark.xfail(strict=True, reason="open bug: --out naming a file gives a traceback (see docstring)")
def test_out_naming_a_file_is_a_clear_error(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ARTICLE.encode()})
    not_a_folder = tmp_path / "output"
    not_a_folder.write_text("a file, not a folder\n")
    result = cli_build(corpus, not_a_folder)
    assert result.exit_code == 2 and str(not_a_folder) in result.stderr, (result.exit_code, result.output)
