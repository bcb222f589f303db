"""Issue 18, inputs: article files are regular files inside the corpus folder after resolving links, read
with the cap on the bytes read; sources.yaml is parsed with size and depth limits and every value checked,
each failure one line naming file, entry and field, exit 2.

Real symlinks, a real FIFO (the build would block forever opening it), a real /proc file (size 0 reported,
megabytes read), real devices.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from builder.ingest.corpus import MAX_DEPTH, MAX_SOURCES_BYTES
from tests.corpus_factory import PROJECT, entry, make_corpus
from tests.robustness.promises import ARTICLE, CPSKG, CURATION, assert_clear_error, cli_build

SECRET = "root:x:0:0:the secret line:/root:/bin/bash\nChicago\n"


def corpus_with_link(tmp_path: Path, target: str | Path) -> Path:
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode(), "linked": b"placeholder"})
    link = corpus / "articles" / "linked.txt"
    link.unlink()
    link.symlink_to(target)
    return corpus


def test_a_symlink_out_of_the_corpus_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    corpus = corpus_with_link(tmp_path, secret)
    out = tmp_path / "output"
    result = cli_build(corpus, out)
    assert_clear_error(result, file="articles/linked.txt", reason=rf"resolves to {secret}, outside the corpus folder")
    assert not out.exists()


def test_a_symlink_to_etc_passwd_never_reaches_the_graph(tmp_path):
    corpus = corpus_with_link(tmp_path, "/etc/passwd")
    assert_clear_error(cli_build(corpus, tmp_path / "output"), file="articles/linked.txt",
                       reason=r"resolves to /etc/passwd, outside the corpus folder")


def test_a_symlink_inside_the_corpus_is_read(tmp_path):
    corpus = corpus_with_link(tmp_path, "../kept/real.txt")
    (corpus / "kept").mkdir()
    (corpus / "kept" / "real.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    result = cli_build(corpus, tmp_path / "output")
    assert result.exit_code == 0, result.output


def test_proc_with_size_zero_is_refused(tmp_path):
    corpus = corpus_with_link(tmp_path, "/proc/self/status")
    assert_clear_error(cli_build(corpus, tmp_path / "output"), file="articles/linked.txt",
                       reason=r"resolves to /proc/.*/status, outside the corpus folder")


def test_the_cap_holds_on_the_bytes_read_not_the_size_reported(tmp_path):
    """/proc files report size 0 whatever they hold: with /proc/self as the confining folder (as a corpus
    holding a bind mount of /proc would be), a real /proc file passes the size check and the read stops at
    the cap."""
    from builder.ingest.confine import read_confined

    with pytest.raises(Exception, match=r"holds over 100 bytes though its size was reported as 0"):
        read_confined(Path("/proc/self"), Path("/proc/self/maps"), "maps", 100)


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path):
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()},
                         entries=[entry("good", "Chicago"), entry("pipe", "Chicago")])
    os.mkfifo(corpus / "articles" / "pipe.txt")
    started = time.monotonic()
    done = subprocess.run([CPSKG, "build", "--corpus", str(corpus), "--out", str(tmp_path / "output"),
                           "--curation", str(CURATION)], capture_output=True, text=True, timeout=120, cwd=PROJECT)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("cpskg: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert "articles/pipe.txt: article is a FIFO (named pipe), not a regular file: refused" in done.stderr
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(("device", "kind"), [("/dev/zero", "a character device"),
                                              ("/dev/null", "a character device")])
def test_a_device_in_the_corpus_is_refused(tmp_path, device, kind):
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()},
                         entries=[entry("good", "Chicago"), entry("dev", "Chicago")])
    os.mknod(corpus / "articles" / "dev.txt", 0o600 | os.stat(device).st_mode & 0o170000, os.stat(device).st_rdev)
    assert_clear_error(cli_build(corpus, tmp_path / "output"), file="articles/dev.txt",
                       reason=rf"article is {kind}, not a regular file")


# -- sources.yaml --------------------------------------------------------------------------------

def sources_with_date(raw: str) -> str:
    text = yaml.safe_dump({"articles": [entry("good", "Chicago")]}, sort_keys=False)
    return text.replace("value: '2021-02-01'", f"value: {raw}")


@pytest.mark.parametrize(("raw", "reason"), [
    ("2021-02-30", r"'2021-02-30' is not a calendar date \(day is out of range for month\)"),
    ("2021-13-01", r"'2021-13-01' is not a calendar date \(month must be in 1\.\.12\)"),
    ("0000-01-01", r"'0000-01-01' is not a calendar date \(year 0 is out of range\)"),
    ("0001-01-01", r"'0001-01-01' is outside 1900–2100"),
    ("9999-12-31", r"'9999-12-31' is outside 1900–2100"),
    ("2021-02-01T10:00:00", r"date must be an ISO date YYYY-MM-DD \(got '2021-02-01T10:00:00'\)"),
    ("2021-02-01 10:00:00", r"date must be an ISO date YYYY-MM-DD \(got '2021-02-01 10:00:00'\)"),
    ("'2021-02-29'", r"'2021-02-29' is not a calendar date"),
])
def test_an_impossible_date_names_file_entry_and_field(tmp_path, raw, reason):
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()}, sources_text=sources_with_date(raw))
    out = tmp_path / "output"
    assert_clear_error(cli_build(corpus, out), file="sources.yaml (articles entry 1)",
                       reason="date_published: " + reason)
    assert not out.exists()


def test_a_lone_surrogate_is_refused(tmp_path):
    text = yaml.safe_dump({"articles": [entry("good", "Chicago")]}, sort_keys=False)
    text = text.replace("value: Example News", 'value: "Example \\ud800 News"')
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()}, sources_text=text)
    assert_clear_error(cli_build(corpus, tmp_path / "output"), file="sources.yaml (articles entry 1)",
                       reason=r"publisher\.value: a lone surrogate U\+D800 at character 8")


def test_deep_nesting_is_refused_before_the_parser_recurses(tmp_path):
    text = "articles:\n  - id: good\n    deep: " + "[" * 50_000 + "]" * 50_000 + "\n"
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()}, sources_text=text)
    assert_clear_error(cli_build(corpus, tmp_path / "output"), file="sources.yaml", position="3:40",
                       reason=rf"nested deeper than {MAX_DEPTH} levels")


def test_aliases_are_refused(tmp_path):
    text = "articles:\n  - &a {id: good}\n  - *a\n"
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()}, sources_text=text)
    assert_clear_error(cli_build(corpus, tmp_path / "output"), file="sources.yaml", reason="anchors and aliases")


def test_a_huge_value_is_refused_before_parsing_with_bounded_memory(tmp_path):
    """A 12 MB value took PyYAML 1.6 GB: the file is refused by its size, read no further than the cap."""
    import resource

    text = yaml.safe_dump({"articles": [entry("good", "Chicago")]}, sort_keys=False)
    text = text.replace("value: Example News", "value: " + "x" * (12 * 1024 * 1024))
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()}, sources_text=text)
    cap = 1024**3

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    done = subprocess.run([CPSKG, "build", "--corpus", str(corpus), "--out", str(tmp_path / "output"),
                           "--curation", str(CURATION)], capture_output=True, text=True, timeout=120,
                          preexec_fn=limit, cwd=PROJECT)
    assert done.returncode == 2, done.stderr[-2000:]
    assert f"over the cap of {MAX_SOURCES_BYTES} bytes" in done.stderr and done.stderr.count("\n") == 1


def test_a_long_value_under_the_file_cap_is_refused_naming_the_field(tmp_path):
    text = yaml.safe_dump({"articles": [entry("good", "Chicago")]}, sort_keys=False)
    text = text.replace("value: Example News", "value: " + "x" * 20_000)
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode()}, sources_text=text)
    assert_clear_error(cli_build(corpus, tmp_path / "output"), file="sources.yaml (articles entry 1)",
                       reason=r"publisher\.value: 20000 characters, over the limit of 10000")
