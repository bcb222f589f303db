"""bad-inputs #11: a crash in the middle of writing leaves the old output intact and no temporary files.

The previous output is a real build of corpus A; the failing build is of corpus B, whose files differ,
so any file replaced too early would show. Faults are injected where the real code runs, not mocked
around it:

* inside serialisation: pyoxigraph's serializer is handed an iterator that raises after N quads, for N
  at the start, the middle and the last quad (tests/test_build.py covers a failing fsync);
* inside the write of a file's bytes: the temporary file's stream raises after half the bytes, so a
  truncated file exists at that moment and must be removed — on both write paths of builder/write/atomic.py
  (the staging folder swapped in whole, and file-by-file replacement where folders cannot be swapped);

A failure between two `os.replace` calls (after the first file was moved in) is pinned by its own
regression test, tests/issues/test_005_failure_between_replaces_mixes_output.py.

Last, real processes of `cpskg build` are killed with SIGKILL at random moments of their run: the
output folder is always exactly one complete build.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from builder.errors import OutputError
from builder.pipeline import REPORT_FILE, TRIG_FILE, TURTLE_FILE, build
from builder.write import atomic, rdfio
from builder.write.rdfio import TMP_PREFIX
from tests.corpus_factory import make_corpus, snapshot
from tests.robustness.promises import ARTICLE, CPSKG, CURATION, assert_untouched

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


@pytest.fixture(params=["folder swap", "file by file"])
def write_path(request, monkeypatch) -> str:
    if request.param == "file by file":
        monkeypatch.setenv("CPSKG_NO_FOLDER_SWAP", "1")
    return request.param


def _temporaries(out: Path) -> list[Path]:
    """Staged files inside the output folder, and the files of staging folders beside it."""
    inside = [p for p in out.rglob(f"{TMP_PREFIX}*") if p.is_file()]
    beside = [p for folder in out.parent.glob(f".{out.name}{TMP_PREFIX}*") for p in folder.rglob("*") if p.is_file()]
    return inside + beside


def test_exception_half_way_through_writing_a_file(monkeypatch, previous, out, write_path):
    real_fdopen = os.fdopen
    seen = []

    class HalfWriter:
        def __init__(self, stream):
            self.stream = stream

        def write(self, data):
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            seen.extend(p for p in _temporaries(out) if p.stat().st_size)
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

    monkeypatch.setattr(atomic.os, "fdopen", fdopen_failing_second)
    with pytest.raises(OutputError, match="injected half-way through a write") as raised:
        build(previous[0], out, CURATION)
    assert isinstance(raised.value.__cause__, Injected)
    assert seen, "the fault must strike while a truncated temporary file exists"
    assert_untouched(out, previous[1])


# --- a process killed with SIGKILL ------------------------------------------------------------------

KILLS = 8


def _cli(corpus, out) -> list[str]:
    return [CPSKG, "build", "--corpus", str(corpus), "--out", str(out), "--curation", str(CURATION)]


def _without_temporaries(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not Path(name).name.startswith(TMP_PREFIX)}


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_a_truncated_file(tmp_path):
    """Builds of two corpora alternate over one output folder and are killed at random moments, most of
    them late in the run where the files are written. After every kill the output folder is exactly one
    complete build (A's or B's) — not only each file whole, the set of files one build's — because the
    new files are staged in a folder beside it and the two folders are exchanged in one system call.
    Staging folders a kill leaves are removed by the next build, which then gives exactly its output."""
    corpora = [make_corpus(tmp_path / "a", {"a": ARTICLE.encode()}),
               make_corpus(tmp_path / "b", {"a": OTHER_ARTICLE.encode()})]
    out = tmp_path / "output"
    complete = []
    for corpus in corpora:
        started = time.monotonic()
        subprocess.run(_cli(corpus, tmp_path / "reference"), check=True, capture_output=True, timeout=300)
        duration = time.monotonic() - started
        complete.append(snapshot(tmp_path / "reference"))
    assert set(complete[0]) == set(complete[1])
    subprocess.run(_cli(corpora[0], out), check=True, capture_output=True, timeout=300)

    swaps = atomic.can_swap_folders(tmp_path)
    rng = random.Random(20210207)
    killed = 0
    for kill in range(KILLS):
        process = subprocess.Popen(_cli(corpora[(kill + 1) % 2], out), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(duration * rng.uniform(0.5, 1.05))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        killed += process.returncode == -signal.SIGKILL
        state = _without_temporaries(snapshot(out))
        assert set(state) == set(complete[0]), f"kill {kill}: files missing or extra: {sorted(state)}"
        torn = sorted(name for name, data in state.items() if data not in (complete[0][name], complete[1][name]))
        assert not torn, f"kill {kill}: files that belong to no complete build: {torn}"
        if swaps:  # where folders cannot be exchanged, a kill during the moves may mix whole files
            assert state in complete, f"kill {kill}: the output mixes files of two builds"

    subprocess.run(_cli(corpora[0], out), check=True, capture_output=True, timeout=300)
    assert snapshot(out) == complete[0], "the next build must remove what a kill left behind"
    assert not list(tmp_path.glob(f".output{TMP_PREFIX}*")), "nor a staging folder beside the output"
    assert killed, "no build was killed: the kill moments missed every run"
