"""Reading RDF: the one strict loader every stage and command uses.

Whoever reads a dataset — the query commands, the SPARQL server, the Wikidata export, the reconciliation
service, `cpskg validate`, the build's own re-read of what it wrote — goes through `read_quads` (the
quads as written) or `load_store` (a pyoxigraph store, optionally with the union of the named graphs as
its default graph). Both parse strictly with pyoxigraph, tell the syntax from the file's suffix, and turn
every failure into one `InputError` naming the file and, for a syntax error, the line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def rdf_format(path: Path | str) -> ox.RdfFormat:
    """The syntax a file's suffix names; an InputError for a suffix that names none."""
    fmt = RDF_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        expected = ", ".join(RDF_FORMATS)
        raise InputError(f"cannot tell the RDF syntax from the suffix (expected one of {expected})", file=str(path))
    return fmt


def read_quads(source: Path | bytes, fmt: ox.RdfFormat | None = None, *, name: str | None = None) -> list[ox.Quad]:
    """Every quad of a file (or of bytes in `fmt`), terms exactly as written.

    Read with `pyoxigraph.parse`, not through a Store, where that matters: a store keeps no integer
    subtype (`"5"^^xsd:nonNegativeInteger` comes back as xsd:integer)."""
    return list(iter_quads(source, fmt, name=name))


def iter_quads(source: Path | bytes, fmt: ox.RdfFormat | None = None, *, name: str | None = None) -> Iterator[ox.Quad]:
    """`read_quads` one quad at a time (a reader of a large file keeps only what it needs)."""
    label = name or (str(source) if isinstance(source, Path) else "<data>")
    fmt = fmt or rdf_format(label)
    with _reading(label, fmt):
        if isinstance(source, Path):
            with source.open("rb") as stream:
                yield from ox.parse(stream, fmt)
        else:
            yield from ox.parse(source, format=fmt)


def load_store(path: Path, *, union: bool = False, fmt: ox.RdfFormat | None = None) -> ox.Store:
    """A fresh in-memory store with the file, bulk-loaded; `union`: the default graph is then the union of
    the named graphs (each triple once), so queries need no GRAPH pattern and no union flag."""
    fmt = fmt or rdf_format(path)
    store = ox.Store()
    with _reading(str(path), fmt):
        store.bulk_load(path=str(path), format=fmt)
    if union:
        add_union_graph(store)
    return store


def add_union_graph(store: ox.Store) -> ox.Store:
    """Copy the triples of every named graph into the default graph (a set: each triple once)."""
    store.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                       for q in store if not isinstance(q.graph_name, ox.DefaultGraph)])
    return store


class _reading:
    """Turn the parser's and the file system's errors into one InputError line."""

    def __init__(self, label: str, fmt: ox.RdfFormat):
        self.label, self.fmt = label, fmt

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, _traceback) -> bool:
        if isinstance(error, SyntaxError):
            # pyoxigraph reports positions as lineno/offset (1-based) on the SyntaxError.
            position = f"{error.lineno}:{error.offset}" if error.lineno else None
            raise InputError(f"not valid {self.fmt.name}: {error.msg}", file=self.label, position=position) from None
        if isinstance(error, OSError) and not isinstance(error, InputError):
            raise InputError(f"cannot read: {error.strerror or error}", file=self.label) from None
        return False
