"""Serialise the dataset deterministically and replace output files atomically.

Determinism: quads are sorted (graph, subject, predicate, object) before pyoxigraph serialises them with
a fixed prefix map, so the same graph always gives the same bytes and a diff shows what changed.

Atomicity: every file of a build is first written next to its target as a temporary file, flushed to disk
and, for RDF, re-read by a strict parser (pyoxigraph). Only when every file of the build has passed are
they moved over the old ones with `os.replace`; a failure before that point removes the temporary files
and leaves output/ byte-identical, and a failure while moving puts the old files back. A process killed
while writing leaves only `.cpskg-tmp-*` files, which the next build removes (killed while moving, it can
leave some files new and some old; each file is whole).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, OutputError
from .namespaces import PREFIXES
from .terms import sort_quads

TMP_PREFIX = ".cpskg-tmp-"
RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
               ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD}


def _used_prefixes(quads: list[ox.Quad]) -> dict[str, str]:
    """Only the prefixes the data uses, so a file does not declare vocabularies it never mentions."""
    texts = set()
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                texts.add(term.value)
            elif isinstance(term, ox.Literal):
                texts.add(term.datatype.value)
    return {p: ns for p, ns in PREFIXES.items() if any(t.startswith(ns) for t in texts)}


# A Turtle/TriG token: a string literal (skipped as it is), or a prefixed name whose local part needs
# backslash escapes (`article:x\#char\=0\,5`), which is rewritten as a full IRI for readability.
_TOKEN = re.compile(rb'"(?:[^"\\\n]|\\.)*"|(?<![\w<])([A-Za-z][\w-]*):((?:[^\s\\;,"<>]|\\.)*\\.(?:[^\s\\;,"<>]|\\.)*)')


def _readable(data: bytes, prefixes: dict[str, str]) -> bytes:
    """Write prefixed names that need escapes as <full IRIs>; the caller re-parses to prove equality."""

    def replace(match: re.Match) -> bytes:
        if match.group(1) is None or match.group(1).decode() not in prefixes:
            return match.group(0)
        # pyoxigraph separates a statement's final "." by a space, so the local name is the whole match.
        unescaped = re.sub(rb"\\(.)", rb"\1", match.group(2))
        return b"<" + prefixes[match.group(1).decode()].encode() + unescaped + b">"

    body = _TOKEN.sub(replace, data)
    # The prefix block in our fixed order, not the library's internal one.
    lines = body.split(b"\n")
    first_statement = next(i for i, line in enumerate(lines) if not line.startswith(b"@prefix "))
    header = [f"@prefix {p}: <{ns}> .".encode() for p, ns in prefixes.items()]
    return b"\n".join(header + lines[first_statement:])


def turtle_bytes(quads: Iterable[ox.Quad]) -> bytes:
    """The union of all graphs as one Turtle document."""
    as_quads = sort_quads({ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads})
    triples = [q.triple for q in as_quads]
    prefixes = _used_prefixes(as_quads)
    return _readable(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes), prefixes)


def trig_bytes(quads: Iterable[ox.Quad]) -> bytes:
    ordered = sort_quads(set(quads))
    prefixes = _used_prefixes(ordered)
    return _readable(ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=prefixes), prefixes)


def strict_parse(data: bytes, fmt: ox.RdfFormat, name: str) -> list[ox.Quad]:
    try:
        return list(ox.parse(data, format=fmt))
    except SyntaxError as err:
        raise InputError(f"strict re-parse failed: {err}", file=name) from None


def rdfc10_hash(quads: Iterable[ox.Quad]) -> str:
    """SHA-256 of the RDFC-1.0 canonical N-Quads of the dataset (the W3C RDF Dataset Canonicalization)."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines(keepends=True))
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def remove_stale_temporaries(out_dir: Path) -> None:
    if out_dir.is_dir():
        for stale in out_dir.rglob(f"{TMP_PREFIX}*"):
            stale.unlink(missing_ok=True)


def _default_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file (name relative to out_dir) or none: verify all, then replace all."""
    try:
        return _write_all_or_none(out_dir, files)
    except OSError as error:
        # Everything written so far has been undone by now; the user gets one line, not a traceback.
        reason = error.strerror or (str(error.args[0]) if error.args else type(error).__name__)
        raise OutputError(f"cannot write: {reason}; the previous output is left as it was",
                          file=str(error.filename or out_dir)) from error


def _write_all_or_none(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)
    staged: list[tuple[Path, Path]] = []
    target = out_dir
    try:
        for name in sorted(files):
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=TMP_PREFIX, dir=target.parent)
            temp = Path(temp_name)
            staged.append((temp, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(files[name])
                stream.flush()
                os.fsync(stream.fileno())
            fmt = RDF_FORMATS.get(target.suffix)
            if fmt is not None:
                strict_parse(temp.read_bytes(), fmt, str(target))
    except BaseException as error:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename is None:
            error.filename = str(target)  # fsync and write name no file; say which one was being written
        raise
    mode = _default_file_mode()
    for temp, _ in staged:
        os.chmod(temp, mode)  # mkstemp creates 0600 files; output is meant to be read by others
    _replace_all_or_none(staged)
    return [target for _, target in staged]


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
