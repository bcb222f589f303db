"""A content-addressed cache for build outputs that depend only on inputs that rarely change.

The ontology's HTML page takes pyLODE about two seconds to render — a third of the five-article build —
and depends on nothing but ontology/cpskg.ttl, the code that renders it and the library versions. Such
outputs are stored under a key that hashes all of those, so a cache hit gives byte-for-byte what a fresh
render would give, and any change to an input is a miss.

    files = cached("ontology-docs", [ontology_bytes, code_bytes, b"pylode 3.4.0"], render)

Where: `$CPSKG_CACHE_DIR`, else `$XDG_CACHE_HOME/cpskg`, else `~/.cache/cpskg`; `CPSKG_CACHE_DIR=off`
turns the cache off. The cache is an accelerator, never a source of truth: an entry is a folder written
in full under a temporary name and renamed into place (so a reader sees all of it or none), its files'
SHA-256 are checked on every read, and any problem — unwritable folder, damaged entry — falls back to
computing the files, silently except for a note in the log.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"


def cache_root() -> Path | None:
    """The cache folder, or None when the user turned the cache off."""
    configured = os.environ.get("CPSKG_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in {"", "off", "0", "no"} else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cpskg"


def cache_key(parts: Iterable[bytes]) -> str:
    """SHA-256 over the parts, each length-prefixed so that no two part lists give the same stream."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def cached(namespace: str, key_parts: Iterable[bytes], compute: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
    """`compute()` (a mapping of relative file name to bytes), or the stored result for the same key."""
    root = cache_root()
    if root is None:
        return compute()
    entry = root / namespace / cache_key(key_parts)
    files = _read(entry)
    if files is not None:
        return files
    files = compute()
    _write(entry, files)
    return files


def _read(entry: Path) -> dict[str, bytes] | None:
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        files = {name: (entry / "files" / name).read_bytes() for name in manifest}
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.info("cache entry %s unreadable (%s); recomputing", entry, error)
        return None
    if any(hashlib.sha256(data).hexdigest() != manifest[name] for name, data in files.items()):
        log.info("cache entry %s damaged; recomputing", entry)
        shutil.rmtree(entry, ignore_errors=True)
        return None
    return files


def _write(entry: Path, files: dict[str, bytes]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{entry.name[:12]}-", dir=entry.parent))
        try:
            for name, data in files.items():
                path = staging / "files" / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            manifest = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            os.rename(staging, entry)  # atomic; fails if another process stored the same entry first
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except OSError as error:
        if not (entry / MANIFEST).is_file():
            log.info("could not store cache entry %s (%s)", entry, error)
