"""Inputs are confined to the corpus folder: a file named by sources.yaml is read only if, after resolving
every link, it is a regular file inside the corpus folder, and never more than a cap of its bytes.

A symlink in `corpus/articles/` to `/etc/passwd` would otherwise publish that file verbatim in the graph; a
link to `/proc/kallsyms` reports size 0 and passes a size check made with `stat`; a FIFO blocks the
build forever on open. So the file is opened without blocking (O_NONBLOCK: a FIFO opens at once), the open
descriptor is checked (its real path, from /proc/self/fd where there is one, and its type with fstat),
and the cap is enforced on the bytes actually read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from builder.errors import InputError


def _real_path(descriptor: int, opened: str) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return opened


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def read_confined(root: Path, path: Path, display: str, cap: int, what: str = "file") -> bytes:
    """The bytes of `path`, which must resolve to a regular file inside `root` and hold at most `cap` bytes.

    InputError (exit 2, naming `display`) for a file that is missing, outside `root` after resolving links,
    not a regular file (a FIFO, a device, a socket), on a pseudo file system such as /proc, or over `cap`.
    """
    real_root = os.path.realpath(root)
    resolved = os.path.realpath(path)
    if not os.path.lexists(path):
        raise InputError(f"{what} does not exist", file=display)
    if os.path.commonpath([real_root, resolved]) != real_root:
        raise InputError(f"{what} resolves to {resolved}, outside the corpus folder {real_root}: refused "
                         "(a link out of the corpus would publish that file)", file=display)
    try:
        descriptor = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(f"{what} does not exist (a dangling link to {resolved})", file=display) from None
    except OSError as error:
        raise InputError(f"cannot open the {what}: {error.strerror}", file=display) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{what} is {_kind(info.st_mode)}, not a regular file: refused", file=display)
        real = _real_path(descriptor, resolved)
        if os.path.commonpath([real_root, real]) != real_root:
            raise InputError(f"{what} resolves to {real}, outside the corpus folder {real_root}: refused",
                             file=display)
        if info.st_size > cap:
            raise InputError(f"{what} is {info.st_size} bytes, over the cap of {cap} bytes; refused before "
                             "parsing", file=display)
        os.set_blocking(descriptor, True)
        chunks, total = [], 0
        while True:  # the cap holds on the bytes read, whatever the size reported (/proc reports 0)
            chunk = os.read(descriptor, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                raise InputError(f"{what} holds over {cap} bytes though its size was reported as "
                                 f"{info.st_size}; refused", file=display)
        return b"".join(chunks)
    except OSError as error:
        raise InputError(f"cannot read the {what}: {error.strerror}", file=display) from None
    finally:
        os.close(descriptor)
