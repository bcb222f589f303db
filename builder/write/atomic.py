"""Replace the files of an output folder all or none, even if the process is killed.

    replace_files(out_dir, {"cpskg.ttl": b"...", "docs/timeline.svg": b"..."}, verify)

Two ways, the first where the system allows it:

1. **Swap the whole folder.** The new files are written, flushed and verified in a staging folder beside
   the output folder (`.output.cpskg-tmp-XXXX`), files the build does not produce are hard-linked over
   from the old folder (nothing of the user's is lost), and the two folders are exchanged in one
   `renameat2(RENAME_EXCHANGE)` call (Linux ≥ 3.15, on ext4, XFS, btrfs, tmpfs …). At every moment the
   output folder is one complete build: a SIGKILL before the exchange leaves the old folder, after it the
   new one; the staging folder it leaves behind is removed by the next build.
2. **Replace file by file** where the exchange is unsupported (another OS or file system, a parent folder
   we cannot write, an output folder that is a mount point): each file is staged next to its target
   (`.cpskg-tmp-*`), every one is verified before the first is moved, and a failure while moving puts the
   old files back. A SIGKILL during the moves can leave some files new and some old (each file whole).

A failure before the switch leaves the output folder byte-identical, with no temporary file in it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

TMP_PREFIX = ".cpskg-tmp-"

# Verifies one staged file (its name relative to the output folder, its bytes on disk); raises to abort.
Verify = Callable[[str, Path], None]


def replace_files(out_dir: Path, files: Mapping[str, bytes], verify: Verify) -> list[Path]:
    """Write `files` (names relative to `out_dir`) into `out_dir`, all or none; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)
    folder = out_dir.resolve()  # a symlinked output folder: swap its target, keep the link
    if _swap_folder(out_dir, folder, files, verify):
        return [out_dir / name for name in sorted(files)]
    return _replace_file_by_file(out_dir, files, verify)


def remove_stale_temporaries(out_dir: Path) -> None:
    """What a killed build left: staged files inside the folder, staging folders beside it."""
    if out_dir.is_dir():
        for stale in out_dir.rglob(f"{TMP_PREFIX}*"):
            if stale.is_file() or stale.is_symlink():
                stale.unlink(missing_ok=True)
    folder = out_dir.resolve()
    for stale in folder.parent.glob(f".{folder.name}{TMP_PREFIX}*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


# --------------------------------------------------------------------------------- the folder swap

def _swap_folder(out_dir: Path, folder: Path, files: Mapping[str, bytes], verify: Verify) -> bool:
    """Stage, verify and exchange; False (nothing changed) when the system cannot exchange folders."""
    if not _exchange_supported() or os.path.ismount(folder):
        return False
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}{TMP_PREFIX}", dir=folder.parent))
    except OSError:
        return False  # a parent folder we may not write: replace file by file inside the folder
    try:
        for name in sorted(files):
            _write_file(staging / name, files[name], shown_as=out_dir / name)
            verify(name, staging / name)
        _link_other_files(folder, staging, files)
        os.chmod(staging, stat.S_IMODE(folder.stat().st_mode))
        _fsync_folder(staging)
        swapped = _exchange(staging, folder)
        if swapped:
            _fsync_folder(folder.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap, this is the previous output
    return swapped


def _link_other_files(old: Path, new: Path, produced: Mapping[str, bytes]) -> None:
    """Carry over what the build does not write (a README, a .gitattributes …): the swap loses nothing."""
    for path in sorted(old.rglob("*")):
        relative = path.relative_to(old)
        if relative.as_posix() in produced or path.name.startswith(TMP_PREFIX):
            continue
        target = new / relative
        if path.is_dir() and not path.is_symlink():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copystat(path, target)
        elif path.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.readlink(path), target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@functools.cache
def _renameat2():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def _exchange_supported() -> bool:
    return os.environ.get("CPSKG_NO_FOLDER_SWAP") != "1" and _renameat2() is not None


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders atomically; False when the file system does not support it."""
    result = _renameat2()(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))


def can_swap_folders(parent: Path) -> bool:
    """Whether folders inside `parent` can be exchanged here (a probe with two empty folders)."""
    if not _exchange_supported():
        return False
    first = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=parent))
    second = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=parent))
    try:
        return _exchange(first, second)
    except OSError:
        return False
    finally:
        shutil.rmtree(first, ignore_errors=True)
        shutil.rmtree(second, ignore_errors=True)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# ------------------------------------------------------------------------------ file by file

def _replace_file_by_file(out_dir: Path, files: Mapping[str, bytes], verify: Verify) -> list[Path]:
    staged: list[tuple[Path, Path]] = []
    try:
        for name in sorted(files):
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=TMP_PREFIX, dir=target.parent)
            os.close(handle)
            temp = Path(temp_name)
            staged.append((temp, target))
            _write_file(temp, files[name], shown_as=target)
            verify(name, temp)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    mode = _default_file_mode()
    for temp, _ in staged:
        os.chmod(temp, mode)  # mkstemp creates 0600 files; output is meant to be read by others
    _replace_all_or_none(staged)
    return [target for _, target in staged]


def _write_file(path: Path, data: bytes, shown_as: Path) -> None:
    """Write and flush to disk; an OSError names the output file the user knows (`shown_as`), not the
    staged one (fsync and write name no file at all)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        error.filename = str(shown_as)
        raise


def _default_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _replace_all_or_none(staged: list[tuple[Path, Path]]) -> None:
    """Move every staged file over its target; if one move fails, put the old files back.

    Each old file is first hard-linked aside (a `.cpskg-tmp-` name, so a killed run's leftovers are
    removed by the next build), which keeps its bytes without copying them.
    """
    moved: list[tuple[Path, Path | None]] = []  # (target, its previous version aside, if it had one)
    try:
        for temp, target in staged:
            previous = None
            if target.exists():
                previous = target.with_name(f"{TMP_PREFIX}previous-{target.name}")
                previous.unlink(missing_ok=True)
                try:
                    os.link(target, previous)
                except OSError:  # a file system without hard links: keep a copy instead
                    shutil.copy2(target, previous)
            moved.append((target, previous))
            os.replace(temp, target)
    except BaseException:
        for target, previous in reversed(moved):
            if previous is not None:
                os.replace(previous, target)
            else:
                target.unlink(missing_ok=True)
        # The target whose move failed is still a link of its own aside, and renaming a file onto another
        # link of itself does nothing: that aside is still there, so every aside is removed by name.
        _remove([temp for temp, _ in staged] + [previous for _, previous in moved if previous is not None])
        raise
    _remove([previous for _, previous in moved if previous is not None])


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
