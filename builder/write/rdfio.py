"""Serialise the dataset deterministically and replace output files atomically.

Determinism: quads are sorted (graph, subject, predicate, object) before pyoxigraph serialises them with
a fixed prefix map, so the same graph always gives the same bytes and a diff shows what changed.

Atomicity (builder/write/atomic.py): every file of a build is written to a staging folder, flushed to disk and,
for RDF, re-read by a strict parser (pyoxigraph); only when every file has passed is the staging folder
exchanged with output/ in one system call, so output/ is always one complete build, even under SIGKILL
(file-by-file replacement with roll-back where folders cannot be exchanged).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from builder.emit.terms import sort_quads
from builder.errors import OutputError
from builder.namespaces import PREFIXES
from builder.rdfload import RDF_FORMATS, read_quads
from builder.write.atomic import TMP_PREFIX, replace_files  # noqa: F401  (TMP_PREFIX re-exported for callers)


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


def _readable_token(prefixes: dict[str, str]) -> Callable[[re.Match], bytes]:
    """The `_TOKEN` substitution: a prefixed name that needs escapes becomes its <full IRI>."""

    def replace(match: re.Match) -> bytes:
        if match.group(1) is None or match.group(1).decode() not in prefixes:
            return match.group(0)
        # pyoxigraph separates a statement's final "." by a space, so the local name is the whole match.
        unescaped = re.sub(rb"\\(.)", rb"\1", match.group(2))
        return b"<" + prefixes[match.group(1).decode()].encode() + unescaped + b">"

    return replace


def _readable(data: bytes, prefixes: dict[str, str]) -> bytes:
    """Write prefixed names that need escapes as <full IRIs>; the caller re-parses to prove equality."""
    replace = _readable_token(prefixes)
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


def rdfc10_hash(quads: Iterable[ox.Quad]) -> str:
    """SHA-256 of the RDFC-1.0 canonical N-Quads of the dataset (the W3C RDF Dataset Canonicalization)."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    # One line per quad, split at "\n" only: str.splitlines() would also split inside a literal holding
    # U+2028, U+0085 or a form feed (N-Quads leaves them unescaped) and sort the pieces apart.
    lines = sorted(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).split(b"\n")[:-1])
    return hashlib.sha256(b"".join(line + b"\n" for line in lines)).hexdigest()


def write_atomically(out_dir: Path, files: Mapping[str, bytes | Path], *, owned: bool = False, force: bool = False,
                     notice: Callable[[str], None] | None = None) -> list[Path]:
    """Write every file (name relative to out_dir) or none (builder/write/atomic.py); RDF is strictly re-read
    from disk before anything is replaced. `owned` (the build's output folder): the folder must be the
    builder's (builder/write/ownership.py), its README and manifest are written with the files, and `force`
    carries foreign files over instead of refusing. Otherwise (an export rewriting some files of a folder)
    the other files of the folder are kept as they are. A file given as a path (a streamed dataset file,
    builder/write/stream.py) was re-read from disk when it was written and is linked in as it is.
    """
    from builder.write.ownership import check_output_folder, with_ownership_files

    keep: tuple[str, ...] = ()
    if owned:
        files = with_ownership_files(files)
        keep = tuple(check_output_folder(out_dir, files, force=force))

    def verify(name: str, staged: Path) -> None:
        fmt = RDF_FORMATS.get(Path(name).suffix)
        if fmt is not None and not isinstance(files[name], Path):
            read_quads(staged.read_bytes(), fmt, name=str(out_dir / name))

    existed = out_dir.exists() or out_dir.is_symlink()
    try:
        return replace_files(out_dir, files, verify, keep=keep, notice=notice)
    except BaseException as error:
        if not existed:
            _remove_empty_folders(out_dir)  # a failed first build leaves no empty output folder behind
        if not isinstance(error, OSError):
            raise
        # Everything written so far has been undone by now; the user gets one line, not a traceback.
        reason = error.strerror or (str(error.args[0]) if error.args else type(error).__name__)
        raise OutputError(f"cannot write: {reason}; the previous output is left as it was",
                          file=str(error.filename or out_dir)) from error


def _remove_empty_folders(root: Path) -> None:
    if not root.is_dir() or root.is_symlink():
        return
    for directory, _subdirs, _names in sorted(os.walk(root, topdown=False), key=lambda w: -len(w[0])):
        try:
            os.rmdir(directory)
        except OSError:
            pass
