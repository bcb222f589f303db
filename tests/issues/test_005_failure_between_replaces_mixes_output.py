"""Fixed bug (write_atomically now links each old file aside and puts it back if a later move fails): a
failure between two `os.replace` calls of `builder.write.rdfio.write_atomically` left a mixed output/ and
temporary files behind.

Every file is staged and verified first, then moved in one by one. If the second move fails (I/O error,
quota, a file made read-only by another process), the first file is already the new one while the
others are old, and the `.cpskg-tmp-*` files of the remaining moves are never removed: the promise
"a failed build leaves output/ byte-identical" was broken. Failing input: a previous build of article A,
a build of article B whose second `os.replace` raises.
"""

from __future__ import annotations

import os

import pytest

from builder.errors import OutputError
from builder.pipeline import build
from builder.write import atomic
from tests.corpus_factory import make_corpus, snapshot
from tests.robustness.promises import CURATION

ARTICLE_A = "CHICAGO — Chicago teachers met on Monday.\n"
ARTICLE_B = "CHICAGO — Chicago teachers met on Tuesday.\n"


def test_a_failing_second_replace_leaves_the_previous_output(tmp_path, monkeypatch):
    # The file-by-file path (where folders cannot be exchanged); the folder swap makes no os.replace.
    monkeypatch.setenv("CPSKG_NO_FOLDER_SWAP", "1")
    out = tmp_path / "output"
    build(make_corpus(tmp_path / "a", {"a": ARTICLE_A.encode()}), out, CURATION)
    before = snapshot(out)
    real_replace, calls = os.replace, []

    def replace_failing_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("injected between two os.replace calls")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace_failing_second)
    with pytest.raises(OutputError, match="injected"):  # the OSError, reported (tests/issues/test_009)
        build(make_corpus(tmp_path / "b", {"a": ARTICLE_B.encode()}), out, CURATION)
    assert snapshot(out) == before
