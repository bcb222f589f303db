"""Replace the files of an output folder all or none, even if the process is killed.

    replace_files(out_dir, {"cpskg.ttl": b"...", "docs/timeline.svg": b"..."}, verify)

Two ways, the first where the system allows it:

1. **Swap the whole folder.** The new files are written, flushed and verified in a staging folder beside
   the output folder (`.output.cpskg-tmp-XXXX`), files the build does not produce are hard-linked over
   from the old folder (nothing of the user's is lost), and the two folders are exchanged in one
   `renameat2(RENAME_EXCHANGE)` call (Linux ≥ 3.15, on ext4, XFS, btrfs, tmpfs …). At every moment the
   output folder is one complete build: a SIGKILL before the exchange leaves the old folder, after it the
   new one; the staging folder it leaves behind is removed by the next build. Staging folders are named
   after their build (`…-tmp-HOST-PID-XXXX`): a build removes only its own, and those whose process is
   provably gone (same host, no such pid), never those of a build still running.
2. **Replace file by file** where the exchange is unsupported (another OS or file system, a parent folder
   we cannot write, an output folder that is a mount point or bind mount): the caller is told so
   (`notice`); each file is staged next to its target (`.cpskg-tmp-*`), every one is verified before the
   first is moved, and a journal (`.cpskg-journal`, written and flushed before the first move) lists the
   moves. A failure while moving puts the old files back; a SIGKILL during the moves leaves the journal,
   and the next build completes the replacement from it before doing anything else, so the folder never
   stays a mix of two builds.

A failure before the switch leaves the output folder byte-identical, with no temporary file in it. The
caller holds the folder's lock (builder/lock.py) and has checked that the folder is the builder's
(builder/ownership.py); files that appear in the folder during the build are moved into the new one, and
nothing below a file system mounted inside the folder is ever removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import json
import os
import re
import shutil
import socket
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

TMP_PREFIX = ".cpskg-tmp-"
JOURNAL = ".cpskg-journal"

# Verifies one staged file (its name relative to the output folder, its bytes on disk); raises to abort.
Verify = Callable[[str, Path], None]


def replace_files(out_dir: Path, files: Mapping[str, bytes | Path], verify: Verify, *, keep: tuple[str, ...] = (),
                  notice: Callable[[str], None] | None = None) -> list[Path]:
    """Write `files` (names relative to `out_dir`) into `out_dir`, all or none; return their paths.

    `keep`: other entries of the old folder (relative paths) carried into the new one; everything else
    of the old folder goes. Without `keep`, only `files` survive the swap.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    complete_interrupted_replacement(out_dir)
    remove_stale_temporaries(out_dir)
    folder = out_dir.resolve()  # a symlinked output folder: swap its target, keep the link
    reason = _why_no_swap(folder)
    if reason is None and _swap_folder(out_dir, folder, files, verify, keep):
        return [out_dir / name for name in sorted(files)]
    if notice:
        notice(f"{out_dir} cannot be exchanged whole ({reason or 'the file system refused the exchange'}): "
               f"replacing its files one by one, with a journal ({JOURNAL}) that the next build completes "
               "if this one is interrupted")
    return _replace_file_by_file(out_dir, files, verify)


def _why_no_swap(folder: Path) -> str | None:
    from builder.write.ownership import is_mount_point

    if not _exchange_supported():
        return "this system cannot exchange folders"
    if is_mount_point(folder):
        return "it is a mount point"
    if not os.access(folder.parent, os.W_OK | os.X_OK):
        return f"its parent folder {folder.parent} is not writable"
    return None


def _owner_tag() -> str:
    host = re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname())[:64] or "host"
    return f"{host}-{os.getpid()}-"


def _owner_gone(name: str, prefix: str) -> bool:
    """Whether a staging folder's build is provably gone: made on this host by a pid that no longer runs."""
    host = re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname())[:64] or "host"
    match = re.fullmatch(re.escape(prefix) + re.escape(host) + r"-(\d+)-.*", name)
    if not match:
        return False  # another host's, or a name we cannot read: not provably gone
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def remove_stale_temporaries(out_dir: Path) -> None:
    """What a killed build left: staged files inside the folder (the caller holds the folder's lock, so no
    other build is writing them), staging folders beside it whose build is provably gone."""
    if out_dir.is_dir():
        for stale in out_dir.rglob(f"{TMP_PREFIX}*"):
            if stale.is_file() or stale.is_symlink():
                stale.unlink(missing_ok=True)
    folder = out_dir.resolve()
    prefix = f".{folder.name}{TMP_PREFIX}"
    for stale in folder.parent.glob(f"{prefix}*"):
        if stale.is_dir() and not stale.is_symlink() and _owner_gone(stale.name, prefix):
            remove_tree(stale)


def remove_tree(root: Path) -> None:
    """rmtree that never descends into another file system mounted below `root` and follows no link."""
    try:
        device = os.lstat(root).st_dev
    except OSError:
        return
    _remove_below(str(root), device)
    try:
        os.rmdir(root)
    except OSError:
        pass


def _remove_below(directory: str, device: int) -> None:
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                if info.st_dev != device or os.path.ismount(entry.path):
                    continue  # a mounted file system: left alone, whole
                _remove_below(entry.path, device)
                os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


# --------------------------------------------------------------------------------- the folder swap

def _swap_folder(out_dir: Path, folder: Path, files: Mapping[str, bytes | Path], verify: Verify,
                 keep: tuple[str, ...] = ()) -> bool:
    """Stage, verify and exchange; False (nothing changed) when the system cannot exchange folders."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}{TMP_PREFIX}{_owner_tag()}", dir=folder.parent))
    except OSError:
        return False  # a parent folder we may not write: replace file by file inside the folder
    swapped = False
    try:
        for name in sorted(files):
            _write_file(staging / name, files[name], shown_as=out_dir / name)
            verify(name, staging / name)
        _carry_over(folder, staging, keep)
        os.chmod(staging, stat.S_IMODE(folder.stat().st_mode))
        _fsync_folder(staging)
        swapped = _exchange(staging, folder)
        if swapped:
            _fsync_folder(folder.parent)
            # `staging` is now the previous output: what another program wrote into the folder while this
            # build ran (after the carry-over) is moved into the new output rather than deleted.
            _move_late_arrivals(staging, folder, files, keep)
    finally:
        remove_tree(staging)  # before a swap the unused staging folder, after it the previous output
    return swapped


def _carry_over(old: Path, new: Path, keep: tuple[str, ...]) -> None:
    """Hard-link (or copy) the kept entries of the old folder into the new one."""
    for name in sorted(keep):
        source = old / name
        if source.is_dir() and not source.is_symlink():
            for path in [source, *sorted(source.rglob("*"))]:
                _link_one(path, new / path.relative_to(old))
        elif source.exists() or source.is_symlink():
            _link_one(source, new / name)


def _link_one(path: Path, target: Path) -> None:
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


def _move_late_arrivals(previous: Path, folder: Path, files: Mapping[str, bytes | Path], keep: tuple[str, ...]) -> None:
    from builder.write.ownership import previous_manifest

    known = set(files) | set(keep) | previous_manifest(previous)
    known_dirs = {parent.as_posix() for name in known for parent in Path(name).parents}
    for directory, subdirs, names in os.walk(previous):
        base = Path(directory).relative_to(previous)
        for name in sorted(subdirs + names):
            relative = (base / name).as_posix()
            if relative in known or relative in known_dirs or name.startswith(TMP_PREFIX):
                continue
            if relative.split("/")[0] in keep or (folder / relative).exists():
                continue
            try:
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                os.rename(previous / relative, folder / relative)
            except OSError:
                pass
        subdirs[:] = [d for d in subdirs if (base / d).as_posix() in known_dirs]


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
    # EBUSY: a bind mount (of the same file system) cannot be renamed; fall back to file by file
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EOPNOTSUPP, errno.EPERM, errno.EBUSY):
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

def _replace_file_by_file(out_dir: Path, files: Mapping[str, bytes | Path], verify: Verify) -> list[Path]:
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
    journal = _write_journal(out_dir, staged)
    try:
        _replace_all_or_none(staged)
    finally:  # done, or rolled back: either way the journal has nothing left to finish
        journal.unlink(missing_ok=True)
        _fsync_folder(out_dir)
    return [target for _, target in staged]


def _write_journal(out_dir: Path, staged: list[tuple[Path, Path]]) -> Path:
    """The moves about to be made, flushed to disk before the first one (every staged file is verified)."""
    entries = [[os.path.relpath(temp, out_dir), os.path.relpath(target, out_dir)] for temp, target in staged]
    journal = out_dir / JOURNAL
    temp = out_dir / f"{TMP_PREFIX}journal"
    _write_file(temp, (json.dumps({"replace": entries}, indent=1) + "\n").encode(), shown_as=journal)
    os.replace(temp, journal)
    _fsync_folder(out_dir)
    return journal


def complete_interrupted_replacement(out_dir: Path) -> bool:
    """Finish the moves of a file-by-file replacement that was killed half-way (its journal is there).

    Every staged file was verified before the journal was written, so the replacement is completed (rolled
    forward): a staged file still there is moved over its target, one already moved is done. True if a
    journal was found.
    """
    journal = out_dir / JOURNAL
    if not journal.is_file():
        return False
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["replace"]
    except (OSError, ValueError, KeyError, TypeError):
        entries = []  # written by rename, so never half a journal; an unreadable one has nothing to do
    root = out_dir.resolve()
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry)):
            continue
        temp, target = (Path(os.path.normpath(root / e)) for e in entry)
        if root not in target.parents or root not in temp.parents or not temp.name.startswith(TMP_PREFIX):
            continue  # a journal only ever names files inside the folder
        if temp.is_file():
            os.replace(temp, target)
        target.with_name(f"{TMP_PREFIX}previous-{target.name}").unlink(missing_ok=True)  # its old bytes
    _fsync_folder(out_dir)
    journal.unlink()
    _fsync_folder(out_dir)
    return True


def _write_file(path: Path, data: bytes | Path, shown_as: Path) -> None:
    """Write and flush to disk; an OSError names the output file the user knows (`shown_as`), not the
    staged one (fsync and write name no file at all). `data` given as a path is a file the build already
    wrote in its work folder (a streamed dataset file too large to hold as bytes): it is hard-linked, or
    copied where links are impossible, and flushed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, Path):
        try:
            path.unlink(missing_ok=True)
            try:
                os.link(data, path)
            except OSError:
                shutil.copyfile(data, path)
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        except OSError as error:
            error.filename = str(shown_as)
            raise
        return
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


@contextlib.contextmanager
def work_folder(out_dir: Path) -> Iterator[Path]:
    """A private folder for one build's intermediate files (chunks, stores, the files before the swap),
    beside the output folder and named like its staging folders, so hard links into the staging folder
    work and a killed build's leftovers are removed by the next build (`remove_stale_temporaries`).
    Where the parent folder cannot be written, the system's temporary folder. Removed on exit."""
    folder = out_dir.resolve()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        path = Path(tempfile.mkdtemp(prefix=f".{folder.name}{TMP_PREFIX}{_owner_tag()}work-", dir=folder.parent))
    except OSError:
        path = Path(tempfile.mkdtemp(prefix="cpskg-work-"))
    try:
        yield path
    finally:
        remove_tree(path)
