"""builder/write/atomic.py: the output folder is replaced all or none, and nothing of the user's is lost."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from builder.write import atomic

FILES = {"data.ttl": b"<a> <b> <c> .\n", "docs/page.html": b"<p>new</p>\n"}


def accept(name: str, staged: Path) -> None:
    assert staged.read_bytes() == FILES[name]


@pytest.fixture(params=["folder swap", "file by file"])
def path_kind(request, monkeypatch, tmp_path) -> str:
    if request.param == "file by file":
        monkeypatch.setenv("CPSKG_NO_FOLDER_SWAP", "1")
    elif not atomic.can_swap_folders(tmp_path):
        pytest.skip("this system cannot exchange folders (renameat2 RENAME_EXCHANGE)")
    return request.param


def old_output(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    (out / "docs").mkdir(parents=True)
    (out / "data.ttl").write_bytes(b"old\n")
    (out / "docs" / "page.html").write_bytes(b"<p>old</p>\n")
    (out / "README.txt").write_text("a note the user keeps in the output folder\n")
    (out / "docs" / "extra.css").write_text("p { color: black }\n")
    return out


def test_new_files_replace_old_ones_and_the_users_own_files_stay(tmp_path, path_kind):
    out = old_output(tmp_path)
    written = atomic.replace_files(out, FILES, accept)
    assert written == [out / "data.ttl", out / "docs" / "page.html"]
    assert {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
        **FILES, "README.txt": b"a note the user keeps in the output folder\n",
        "docs/extra.css": b"p { color: black }\n"}
    assert not list(tmp_path.glob(".output*")), "no staging folder left beside the output"


def test_a_failed_verification_changes_nothing(tmp_path, path_kind):
    out = old_output(tmp_path)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def reject_the_second(name: str, staged: Path) -> None:
        if name == "docs/page.html":
            raise ValueError("not valid")

    with pytest.raises(ValueError):
        atomic.replace_files(out, FILES, reject_the_second)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".output*"))


def test_the_swap_keeps_the_folders_permissions(tmp_path):
    if not atomic.can_swap_folders(tmp_path):
        pytest.skip("this system cannot exchange folders (renameat2 RENAME_EXCHANGE)")
    out = old_output(tmp_path)
    os.chmod(out, 0o750)
    atomic.replace_files(out, FILES, accept)
    assert stat.S_IMODE(out.stat().st_mode) == 0o750


def test_a_symlinked_output_folder_stays_a_symlink(tmp_path, path_kind):
    real = old_output(tmp_path)
    link = tmp_path / "published"
    link.symlink_to(real, target_is_directory=True)
    atomic.replace_files(link, FILES, accept)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert (real / "data.ttl").read_bytes() == FILES["data.ttl"]


def test_a_new_output_folder_is_created(tmp_path, path_kind):
    out = tmp_path / "fresh" / "output"
    atomic.replace_files(out, FILES, accept)
    assert (out / "docs" / "page.html").read_bytes() == FILES["docs/page.html"]


def test_the_probe_leaves_nothing_behind(tmp_path):
    atomic.can_swap_folders(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_build_left_is_removed_by_the_next(tmp_path):
    """Only staging folders whose build is provably gone (this host, a pid that no longer runs) go; one of a
    build still running, or of another host, stays (issue 18: two builds removed each other's)."""
    out = old_output(tmp_path)
    finished = subprocess.Popen(["true"])
    finished.wait()
    host = atomic._owner_tag().rsplit("-", 2)[0]
    stale_folder = tmp_path / f".output{atomic.TMP_PREFIX}{host}-{finished.pid}-killed"
    running = tmp_path / f".output{atomic.TMP_PREFIX}{host}-{os.getppid()}-running"
    elsewhere = tmp_path / f".output{atomic.TMP_PREFIX}otherhost-{finished.pid}-x"
    running.mkdir()
    elsewhere.mkdir()
    (stale_folder / "docs").mkdir(parents=True)
    (stale_folder / "docs" / "page.html").write_bytes(b"half")
    stale_file = out / "docs" / f"{atomic.TMP_PREFIX}abc"
    stale_file.write_bytes(b"half")
    unrelated = tmp_path / ".output-notes"  # not ours: kept
    unrelated.mkdir()
    atomic.replace_files(out, FILES, accept)
    assert not stale_folder.exists() and not stale_file.exists() and unrelated.exists()
    assert running.exists() and elsewhere.exists()
