"""The output folder belongs to the builder: what it may replace, and what it must refuse to touch.

Every build writes two files of its own into the folder: `README.md`, which says that the folder is
written by `cpskg build` and lists its files, and `.cpskg-manifest`, the same list one path a line. A
later build treats as its own exactly the files it is about to write and those the last manifest lists
(a file an older version wrote and this one no longer does is removed with the old output). Anything
else — a file another program put there, a symlink where the build writes a folder, a file system
mounted inside — makes the build refuse (exit 2) before anything is written, unless `--force`; with
`--force` foreign files are carried over into the new output, and nothing inside a mount is deleted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from builder.errors import InputError

README_FILE = "README.md"
MANIFEST_FILE = ".cpskg-manifest"
# Names of the builder's own machinery inside the folder (builder/atomic.py, builder/lock.py).
INTERNAL_PREFIXES = (".cpskg-tmp-", ".cpskg-journal", ".cpskg-lock")


def with_ownership_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """`files` plus the folder's README and manifest, which list them (and themselves)."""
    names = sorted({*files, README_FILE, MANIFEST_FILE})
    listing = "\n".join(f"- `{name}`" for name in names if name != MANIFEST_FILE)
    readme = (
        "# Written by `cpskg build` — do not put your own files here\n\n"
        "This folder belongs to the builder: each build replaces it whole. A build refuses to run while\n"
        "the folder holds a file it did not write, or a file system mounted inside it (`--force` carries\n"
        "such files over instead). Keep your own notes elsewhere.\n\n"
        f"Files of this build:\n\n{listing}\n"
    )
    manifest = "".join(f"{name}\n" for name in names)
    return {**files, README_FILE: readme.encode("utf-8"), MANIFEST_FILE: manifest.encode("utf-8")}


def previous_manifest(folder: Path) -> set[str]:
    try:
        text = (folder / MANIFEST_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if line and not line.startswith(("/", "../"))}


def mount_points_below(folder: Path) -> list[Path]:
    """File systems mounted at or below `folder` (from /proc/self/mountinfo; empty elsewhere)."""
    try:
        lines = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    root = os.path.realpath(folder)
    found = []
    for line in lines:
        fields = line.split(" ")
        if len(fields) < 5:
            continue
        point = _unescape_mountinfo(fields[4])
        if point == root or point.startswith(root.rstrip("/") + "/"):
            found.append(Path(point))
    return sorted(set(found))


def _unescape_mountinfo(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1: i + 4].isdigit():
            out.append(chr(int(text[i + 1: i + 4], 8)))
            i += 4
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def is_mount_point(folder: Path) -> bool:
    return os.path.ismount(folder) or Path(os.path.realpath(folder)) in mount_points_below(folder)


def check_output_folder(out_dir: Path, produced: Mapping[str, bytes], *, force: bool) -> list[str]:
    """Raise InputError (exit 2) if the folder holds what the build did not write; return the foreign
    entries (relative paths) that `force` lets through, to be carried over. Collisions with what the
    build writes (a symlink `docs`, a folder named `cpskg.ttl`) and mounts below the folder that hold a
    path the build writes are refused even with `force`."""
    folder = Path(os.path.realpath(out_dir))
    if not folder.is_dir():
        return []
    owned = set(produced) | previous_manifest(folder)
    owned_dirs = {parent.as_posix() for name in owned for parent in Path(name).parents if parent != Path(".")}
    produced_dirs = {parent.as_posix() for name in produced for parent in Path(name).parents
                     if parent != Path(".")}
    mounts = [m for m in mount_points_below(folder) if m != folder]
    for mount in mounts:
        relative = mount.relative_to(folder).as_posix()
        inside = [n for n in produced if n == relative or n.startswith(relative + "/")]
        if inside or not force:
            raise InputError(f"a file system is mounted inside the output folder at {relative}; the build "
                             "never writes into or empties a mounted file system: unmount it or choose "
                             "another --out" + ("" if inside else " (or --force to keep it as it is)"),
                             file=str(out_dir))
    foreign: list[str] = []
    for directory, subdirs, names in os.walk(folder):
        base = Path(directory).relative_to(folder)
        for name in sorted(subdirs + names):
            relative = (base / name).as_posix()
            path = Path(directory) / name
            if name.startswith(INTERNAL_PREFIXES) and base == Path(".") or name.startswith(".cpskg-tmp-"):
                continue
            if relative in produced_dirs and (path.is_symlink() or not path.is_dir()):
                raise InputError(f"{relative} is {_kind(path)} where the build writes a folder of its own "
                                 "files; remove it or choose another --out", file=str(out_dir))
            if relative in produced and (path.is_symlink() or not path.is_file()):
                raise InputError(f"{relative} is {_kind(path)} where the build writes a file; remove it or "
                                 "choose another --out", file=str(out_dir))
            if relative not in owned and relative not in owned_dirs:
                foreign.append(relative)
        subdirs[:] = [d for d in subdirs if (base / d).as_posix() in owned_dirs
                      and not (Path(directory) / d).is_symlink()
                      and Path(directory, d) not in mounts]
    if foreign and not force:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise InputError(f"the output folder holds {len(foreign)} file(s) the build did not write ({shown}); "
                         "it belongs to the builder and is replaced whole: move them elsewhere, or give "
                         "--force to carry them over", file=str(out_dir))
    return foreign


def _kind(path: Path) -> str:
    if path.is_symlink():
        return f"a symlink (to {os.readlink(path)})"
    if path.is_dir():
        return "a folder"
    if path.is_file():
        return "a file"
    return "a special file"
