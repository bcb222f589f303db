"""Issue 18, data: nothing lost, nothing mixed in the output folder.

Real processes throughout: two `cpskg build`s at once, a lock held by another process, a SIGKILL in the
middle of a file-by-file replacement, a real tmpfs mounted inside the output folder, a bind-mounted output
folder and a full disk (a 256 KiB tmpfs), the last three in a private mount namespace (`unshare -rm`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from builder.write import atomic
from builder.write.ownership import MANIFEST_FILE, README_FILE
from tests.corpus_factory import PROJECT, make_corpus, snapshot
from tests.robustness.promises import ARTICLE, CPSKG, CURATION, assert_clear_error, cli_build, cpskg

PRODUCED = ("cpskg.ttl", "cpskg.trig", "cpskg.jsonld", "build-report.json", "docs/timeline.svg", README_FILE)
HAS_UNSHARE = shutil.which("unshare") is not None and subprocess.run(
    ["unshare", "-rm", "true"], capture_output=True).returncode == 0
needs_mounts = pytest.mark.skipif(not HAS_UNSHARE, reason="needs `unshare -rm` (user and mount namespaces)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), {"a": ARTICLE.encode()})


def build_process(corpus: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([CPSKG, "build", "--quiet", "--corpus", str(corpus), "--out", str(out),
                             "--curation", str(CURATION), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=PROJECT, env=env)


def assert_complete(out: Path) -> None:
    missing = [name for name in PRODUCED if not (out / name).is_file()]
    assert not missing, f"output folder lacks {missing}"
    listed = (out / MANIFEST_FILE).read_text().split()
    assert set(listed) == {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} - {".cpskg-journal"}


HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from builder.write.lock import output_lock
    with output_lock(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.readline()
""")


def hold_lock(out: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=PROJECT)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_build_exits_2_naming_the_holder(corpus, tmp_path):
    out = tmp_path / "output"
    holder = hold_lock(out)
    try:
        result = cli_build(corpus, out)
    finally:
        holder.communicate("\n", timeout=30)
    assert_clear_error(result, file=str(out), reason=rf"another build is writing this output folder \(pid "
                                                     rf"{holder.pid} on host {os.uname().nodename} since .*--wait")
    assert not out.exists()


def test_with_wait_a_second_build_waits_for_the_first(corpus, tmp_path):
    out = tmp_path / "output"
    holder = hold_lock(out)
    waiting = build_process(corpus, out, "--wait")
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=8)  # the build itself takes ~3 s: it is waiting, not building
    finally:
        holder.communicate("\n", timeout=30)
    _, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stderr
    assert f"waiting for the build that holds it (pid {holder.pid}" in stderr
    assert_complete(out)


def test_two_builds_at_once_both_succeed_and_the_folder_is_whole(corpus, tmp_path):
    out = tmp_path / "output"
    assert cli_build(corpus, out).exit_code == 0
    builds = [build_process(corpus, out, "--wait") for _ in range(2)]
    for build in builds:
        _, stderr = build.communicate(timeout=180)
        assert build.returncode == 0, stderr
    assert_complete(out)
    assert not list(tmp_path.glob(f".output{atomic.TMP_PREFIX}*")), "a staging folder was left behind"


def test_a_foreign_file_is_refused_and_force_carries_it_over(corpus, tmp_path):
    out = tmp_path / "output"
    assert cli_build(corpus, out).exit_code == 0
    (out / "docs" / "my-notes.md").write_text("mine\n")
    before = snapshot(out)
    result = cli_build(corpus, out)
    assert_clear_error(result, file=str(out), reason=r"holds 1 file\(s\) the build did not write \(docs/my-notes\.md\)"
                                                     r".*--force")
    assert snapshot(out) == before
    assert cpskg("build", "--corpus", corpus, "--out", out, "--curation", CURATION, "--force").exit_code == 0
    assert (out / "docs" / "my-notes.md").read_text() == "mine\n"


def test_the_working_folder_is_refused(corpus, tmp_path):
    """`--out .` (or any folder of someone's files) is not emptied: it holds files the build did not write."""
    (tmp_path / "thesis.tex").write_text("years of work\n")
    result = cli_build(corpus, tmp_path)
    assert_clear_error(result, file=str(tmp_path), reason=r"did not write \(.*thesis\.tex")
    assert (tmp_path / "thesis.tex").read_text() == "years of work\n"


def test_an_empty_out_is_refused(corpus):
    assert_clear_error(cli_build(corpus, ""), file="", reason=r"--out is empty")


def test_a_symlinked_docs_folder_is_refused_even_with_force(corpus, tmp_path):
    out = tmp_path / "output"
    assert cli_build(corpus, out).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(out / "docs")
    (out / "docs").symlink_to(elsewhere)
    result = cpskg("build", "--corpus", corpus, "--out", out, "--curation", CURATION, "--force")
    assert_clear_error(result, file=str(out),
                       reason=r"docs is a symlink \(to .*elsewhere\) where the build writes a folder")
    assert list(elsewhere.iterdir()) == []


def test_a_file_written_into_the_folder_during_the_build_is_kept(tmp_path):
    """Another program writes into the output folder after the ownership check: the file moves into the
    new output instead of going away with the old one."""
    out = tmp_path / "output"
    atomic.replace_files(out, {"a.ttl": b"<a> <b> <c> .\n"}, lambda name, staged: None)

    def another_program_writes(name, staged):
        (out / "late.txt").write_text("written during the build\n")

    atomic.replace_files(out, {"a.ttl": b"<a> <b> <d> .\n"}, another_program_writes)
    assert (out / "late.txt").read_text() == "written during the build\n"
    assert (out / "a.ttl").read_bytes() == b"<a> <b> <d> .\n"


KILL_DURING_MOVES = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from builder.write import atomic
    out = Path(sys.argv[1])
    real_replace, moves = os.replace, []
    def replace_then_die(src, dst):
        real_replace(src, dst)
        if Path(src).name.startswith(".cpskg-tmp-") and Path(dst).name != ".cpskg-journal":
            moves.append(dst)
            if len(moves) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
    atomic.os.replace = replace_then_die
    files = {f"f{i}.ttl": f"<a> <b> <new{i}> .\\n".encode() for i in range(5)}
    atomic.replace_files(out, files, lambda name, staged: None)
""")


def test_a_replacement_killed_half_way_is_completed_by_the_next_run(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    for i in range(5):
        (out / f"f{i}.ttl").write_bytes(f"<a> <b> <old{i}> .\n".encode())
    env = {**os.environ, "CPSKG_NO_FOLDER_SWAP": "1"}
    killed = subprocess.run([sys.executable, "-c", KILL_DURING_MOVES, str(out)], cwd=PROJECT, env=env)
    assert killed.returncode == -9
    states = sorted((out / f"f{i}.ttl").read_bytes().split()[2].decode()[1:4] for i in range(5))
    assert states == ["new", "new", "old", "old", "old"], "the kill did not land between the moves"
    assert (out / atomic.JOURNAL).is_file()

    assert atomic.complete_interrupted_replacement(out)
    assert [(out / f"f{i}.ttl").read_bytes() for i in range(5)] == [f"<a> <b> <new{i}> .\n".encode() for i in range(5)]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("f")) == []


@needs_mounts
def test_a_file_system_mounted_inside_is_refused_and_never_emptied(corpus, tmp_path):
    out = tmp_path / "output"
    assert cli_build(corpus, out).exit_code == 0
    (out / "archive").mkdir()
    script = f"""
        mount -t tmpfs none {out}/archive && echo precious > {out}/archive/data.txt
        {CPSKG} build --quiet --corpus {corpus} --out {out} --curation {CURATION}; echo "exit $?"
        {CPSKG} build --quiet --corpus {corpus} --out {out} --curation {CURATION} --force; echo "exit $?"
        cat {out}/archive/data.txt
    """
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=PROJECT)
    assert done.stdout.split("\n")[:3] == ["exit 2", "exit 0", "precious"], done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("cpskg: error:")]
    assert len(errors) == 1 and "a file system is mounted inside the output folder at archive" in errors[0]
    assert "Traceback" not in done.stderr


@needs_mounts
def test_a_bind_mounted_output_folder_is_built_file_by_file_and_says_so(corpus, tmp_path):
    out = tmp_path / "output"
    assert cli_build(corpus, out).exit_code == 0
    source = tmp_path / "real"
    source.mkdir()
    script = f"""
        mount --bind {source} {out} && {CPSKG} build --quiet --corpus {corpus} --out {out} \
            --curation {CURATION} --force; echo "exit $?"; ls {out}
    """
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=PROJECT)
    assert done.stdout.startswith("exit 0\n"), done.stdout + done.stderr
    assert ("cannot be exchanged whole (it is a mount point): replacing its files one by one, with a journal"
            in done.stderr)
    assert "cpskg.trig" in done.stdout.split() and (source / "cpskg.trig").is_file()


@needs_mounts
def test_a_failed_first_build_on_a_full_disk_leaves_no_output_folder(corpus, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    script = f"""
        mount -t tmpfs -o size=256k none {disk} && {CPSKG} build --quiet --corpus {corpus} --out {disk}/out \
            --curation {CURATION}; echo "exit $?"; ls -A {disk}
    """
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=PROJECT)
    assert done.stdout == "exit 2\n", done.stdout + done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
