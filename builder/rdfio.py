"""Serialise the dataset deterministically and replace output files atomically.

Determinism: quads are sorted (graph, subject, predicate, object) before pyoxigraph serialises them with
a fixed prefix map, so the same graph always gives the same bytes and a diff shows what changed.

Atomicity: every file of a build is first written next to its target as a temporary file, flushed to disk
and, for RDF, re-read by a strict parser (pyoxigraph). Only when every file of the build has passed are
they moved over the old ones with `os.replace`; a failure before that point removes the temporary files
and leaves output/ byte-identical. A process killed while writing leaves only `.cpskg-tmp-*` files, which
the next build removes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
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


def turtle_bytes(quads: Iterable[ox.Quad]) -> bytes:
    """The union of all graphs as one Turtle document."""
    triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    as_quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_used_prefixes(as_quads))


def trig_bytes(quads: Iterable[ox.Quad]) -> bytes:
    ordered = sort_quads(set(quads))
    return ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=_used_prefixes(ordered))


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


def write_atomically(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file (name relative to out_dir) or none: verify all, then replace all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)
    staged: list[tuple[Path, Path]] = []
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
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    return [target for _, target in staged]
