"""bad-inputs #4: an article over the documented cap (`builder.ingest.decode.MAX_ARTICLE_BYTES`) is refused before
it is read, so memory stays bounded whatever the file's size.

The second test proves "before it is read" rather than trusting the message: an 8 GiB sparse file is
fed to `cpskg build` in a subprocess whose address space is capped at 2 GiB. Reading the file would die
with a MemoryError traceback; refusing it by its size exits 2 at once.
"""

from __future__ import annotations

import resource
import subprocess
import time

from builder.ingest.decode import MAX_ARTICLE_BYTES
from tests.corpus_factory import PROJECT, make_corpus
from tests.robustness.promises import (
    ARTICLE,
    CPSKG,
    CURATION,
    assert_clear_error,
    assert_untouched,
    cli_build,
    seed_previous_output,
)

ADDRESS_SPACE_CAP = 2 * 1024**3
SPARSE_SIZE = 8 * 1024**3


def test_one_byte_over_the_cap_is_refused(tmp_path):
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode(), "huge": b"Chicago " * (MAX_ARTICLE_BYTES // 8) + b"!"})
    out = tmp_path / "output"
    before = seed_previous_output(out)

    result = cli_build(corpus, out)

    assert_clear_error(result, file="articles/huge.txt",
                       reason=rf"article is {MAX_ARTICLE_BYTES + 1} bytes, over the cap of {MAX_ARTICLE_BYTES} "
                              "bytes; refused before parsing")
    assert_untouched(out, before)


def test_exactly_the_cap_is_not_refused_for_its_size(tmp_path):
    """The cap is inclusive: a file of exactly MAX_ARTICLE_BYTES passes the size check (it then fails for
    its content, which has no evidence text, proving the size check let it through)."""
    corpus = make_corpus(tmp_path, {"big": b"x" * MAX_ARTICLE_BYTES}, evidence="Chicago")
    result = cli_build(corpus, tmp_path / "output")
    assert_clear_error(result, file="sources.yaml", reason="does not occur in articles/big.txt")


def _limit_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


def test_a_huge_file_is_refused_without_being_read(tmp_path):
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode(), "huge": b""})
    with open(corpus / "articles" / "huge.txt", "wb") as stream:
        stream.truncate(SPARSE_SIZE)  # sparse: costs no disk, but reading it would need 8 GiB of memory
    out = tmp_path / "output"
    before = seed_previous_output(out)

    started = time.monotonic()
    completed = subprocess.run(
        [CPSKG, "build", "--corpus", str(corpus), "--out", str(out),
         "--curation", str(CURATION)],
        capture_output=True, text=True, cwd=PROJECT, preexec_fn=_limit_address_space, timeout=120)
    elapsed = time.monotonic() - started

    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    assert f"huge.txt: article is {SPARSE_SIZE} bytes, over the cap" in completed.stderr
    assert elapsed < 60
    assert_untouched(out, before)
