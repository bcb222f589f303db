"""bad-inputs #11: a crash in the middle of writing leaves the old output intact and no temporary files.

The previous output is a real build of corpus A; the failing build is of corpus B, whose files differ,
so any file replaced too early would show. Faults are injected where the real code runs, not mocked
around it:

* inside serialisation: pyoxigraph's serializer is handed an iterator that raises after N quads, for N
  at the start, the middle and the last quad (tests/test_build.py covers a failing fsync);
* inside the write of a file's bytes: the temporary file's stream raises after half the bytes, so a
  truncated file exists at that moment and must be removed;

A failure between two `os.replace` calls (after the first file was moved in) is an open bug, pinned in
tests/issues/test_005_failure_between_replaces_mixes_output.py.
"""

from __future__ import annotations

import os

import pyoxigraph as ox
import pytest

from builder import rdfio
from builder.pipeline import REPORT_FILE, TRIG_FILE, TURTLE_FILE, build
from builder.rdfio import TMP_PREFIX
from tests.corpus_factory import make_corpus, snapshot
from tests.robustness.promises import ARTICLE, CURATION, assert_untouched

OTHER_ARTICLE = ARTICLE.replace("Monday", "Tuesday").replace("1,500", "2,000")


class Injected(OSError):
    """The fault this file injects (an OSError, as a full disk or an I/O error would be)."""


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """(corpus B to build, snapshot of the output of corpus A) — A built once for the module."""
    root = tmp_path_factory.mktemp("previous")
    out = root / "output"
    build(make_corpus(root / "a", {"a": ARTICLE.encode()}), out, CURATION)
    corpus_b = make_corpus(root / "b", {"a": OTHER_ARTICLE.encode()})
    return corpus_b, snapshot(out)


@pytest.fixture()
def out(tmp_path, previous):
    folder = tmp_path / "output"
    for name, data in previous[1].items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_the_other_corpus_really_gives_other_files(tmp_path, previous):
    build(previous[0], tmp_path, CURATION)
    fresh = snapshot(tmp_path)
    for name in (TRIG_FILE, TURTLE_FILE, REPORT_FILE):
        assert fresh[name] != previous[1][name], name


@pytest.mark.parametrize("fail_at", ["first", "middle", "last"])
def test_exception_after_n_quads_inside_serialisation(monkeypatch, previous, out, fail_at):
    real_serialize = ox.serialize
    calls = {"n": 0}

    def serialize_then_fail(data, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 1:  # the first file serialises fully; the second is interrupted
            items = list(data)
            stop = {"first": 0, "middle": len(items) // 2, "last": len(items) - 1}[fail_at]

            def interrupted():
                for number, item in enumerate(items):
                    if number == stop:
                        raise Injected(f"injected after {stop} of {len(items)} quads")
                    yield item

            data = interrupted()
        return real_serialize(data, *args, **kwargs)

    monkeypatch.setattr(rdfio.ox, "serialize", serialize_then_fail)
    with pytest.raises(Injected):
        build(previous[0], out, CURATION)
    assert calls["n"] >= 2
    assert_untouched(out, previous[1])


def test_exception_half_way_through_writing_a_file(monkeypatch, previous, out):
    real_fdopen = os.fdopen
    seen = []

    class HalfWriter:
        def __init__(self, stream):
            self.stream = stream

        def write(self, data):
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            seen.extend(p for p in out.iterdir() if p.name.startswith(TMP_PREFIX) and p.stat().st_size)
            raise Injected("injected half-way through a write")

        def __getattr__(self, name):
            return getattr(self.stream, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.stream.__exit__(*exc)

    calls = {"n": 0}

    def fdopen_failing_second(fd, *args, **kwargs):
        calls["n"] += 1
        stream = real_fdopen(fd, *args, **kwargs)
        return HalfWriter(stream) if calls["n"] == 2 else stream

    monkeypatch.setattr(rdfio.os, "fdopen", fdopen_failing_second)
    with pytest.raises(Injected):
        build(previous[0], out, CURATION)
    assert seen, "the fault must strike while a truncated temporary file exists"
    assert_untouched(out, previous[1])
