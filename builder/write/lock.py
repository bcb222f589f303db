"""One build at a time per output folder: an advisory lock (flock) held for the whole build.

    with output_lock(Path("output"), wait=False, notice=print):
        ...build and write...

The lock file sits beside the output folder (`.output.cpskg-lock` in its parent), because the folder
itself is exchanged whole at the end of a build; where the parent cannot be written (then the folder
cannot be exchanged either, see builder/atomic.py) it sits inside the folder (`output/.cpskg-lock`).
The holder removes the lock file as it finishes, still holding it; a build that was waiting on that
file then sees it is gone and locks the new one, so two builds never hold two different lock files. It
holds `pid PID on HOST since TIME` of the current holder, which a second build names when it refuses
(exit 2) or, with `--wait`, while it waits. The kernel releases an flock when its holder dies, even by
SIGKILL, so a killed build never leaves the folder locked.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from builder.errors import InputError, OutputError

LOCK_SUFFIX = ".cpskg-lock"
INSIDE_LOCK = ".cpskg-lock"


def lock_path(out_dir: Path) -> Path:
    """Where the lock of `out_dir` lives (the folder need not exist yet; its parent must)."""
    folder = Path(os.path.realpath(out_dir))
    parent = folder.parent
    if os.access(parent, os.W_OK | os.X_OK) or not folder.is_dir():
        return parent / f".{folder.name}{LOCK_SUFFIX}"
    return folder / INSIDE_LOCK


def holder_text() -> str:
    return f"pid {os.getpid()} on host {socket.gethostname()} since {time.strftime('%Y-%m-%dT%H:%M:%S%z')}"


@contextmanager
def output_lock(out_dir: Path, *, wait: bool = False,
                notice: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the output folder's lock; InputError (exit 2) naming the holder if another build has it."""
    created = _make_parents(Path(os.path.abspath(out_dir)).parent)
    try:
        path, descriptor = _acquire(out_dir, wait, notice)
    except BaseException:
        _remove_parents(created)
        raise
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, (holder_text() + "\n").encode(), 0)
        yield path
    finally:
        # Removed while still held: a build waiting on this file finds it gone and opens a new one, so two
        # builds never hold two different lock files at once (see `_acquire`).
        path.unlink(missing_ok=True)
        os.close(descriptor)  # releases the lock
        if created and not os.path.lexists(out_dir):  # a failed first build leaves no folders behind
            _remove_parents(created)


def _acquire(out_dir: Path, wait: bool, notice: Callable[[str], None] | None) -> tuple[Path, int]:
    announced = False
    while True:
        path = lock_path(out_dir)
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise OutputError(f"cannot create the build lock: {error.strerror}", file=str(path)) from None
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(descriptor)
                if not wait:
                    raise InputError(f"another build is writing this output folder ({holder}); let it finish, "
                                     "or give --wait to wait for it", file=str(out_dir)) from None
                if notice and not announced:
                    notice(f"{out_dir}: waiting for the build that holds it ({holder})")
                    announced = True
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            if _same_file(descriptor, path):
                return path, descriptor
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)  # the holder removed that file as it finished: lock the current one


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _make_parents(parent: Path) -> list[Path]:
    """Create the missing folders above the output folder; the ones created, outermost first."""
    missing = []
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    created = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        except OSError as error:
            _remove_parents(created)
            raise OutputError(f"cannot create the folder: {error.strerror}", file=str(folder)) from None
        created.append(folder)
    return created


def _remove_parents(created: list[Path]) -> None:
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            break


def _read_holder(descriptor: int) -> str:
    text = os.pread(descriptor, 512, 0).decode("utf-8", "replace").strip()
    return text or "a build that has not written its pid yet"
