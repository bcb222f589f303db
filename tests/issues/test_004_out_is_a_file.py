"""Fixed bug (pipeline.build refuses such an --out before building): `cpskg build --out PATH` where PATH
is an existing regular file ended in a Python traceback.

The whole build ran, then `write_atomically` calls `out_dir.mkdir(...)` and FileExistsError escapes the
CLI as a traceback with exit code 1, instead of the documented exit 2 and a one-line message naming the
path (bad configuration). Failing input: an `--out` that is a file. Other OSErrors while writing are
tests/issues/test_009_disk_full_is_a_traceback.py.
"""

from __future__ import annotations

from tests.corpus_factory import make_corpus
from tests.robustness.promises import ARTICLE, cli_build


def test_out_naming_a_file_is_a_clear_error(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ARTICLE.encode()})
    not_a_folder = tmp_path / "output"
    not_a_folder.write_text("a file, not a folder\n")
    result = cli_build(corpus, not_a_folder)
    assert result.exit_code == 2 and str(not_a_folder) in result.stderr, (result.exit_code, result.output)
