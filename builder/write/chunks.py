"""One article's named graph on disk: the hand-off of the streaming build between map, merge and writers.

The map serialises each article's graph as soon as it is made, in the worker that made it, into a chunk
file: N-Quads, one quad per line, sorted by the build's canonical quad order (`builder.emit.terms.quad_key`:
graph, subject, predicate, object), which is the order of the TriG and of the union Turtle. The parent
process keeps only an `ArticleGraph` per article (its id, the chunk's path, small stats), never the quads,
so the build's memory does not grow with the corpus; the writers merge the sorted chunks
(builder/write/stream.py) and the validators bulk-load them into an on-disk store.

A chunk is never changed in place: the merge writes a new file for a graph it changes (a cached chunk may
be a hard link of the cache's copy, builder/write/graph_cache.py).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from builder.emit.terms import sort_quads

NQUADS = ox.RdfFormat.N_QUADS


@dataclass(frozen=True)
class ArticleGraph:
    """The map's hand-off: an article's named graph by the file that holds it, not by its quads.

    `stats` is the article's line of build-report.json; `extracted` is False when the chunk came from the
    per-article cache (the article was not extracted again in this build)."""

    article_id: str
    chunk: Path
    stats: dict = field(hash=False, compare=False)
    extracted: bool = True


def write_chunk(path: Path, quads: Iterable[ox.Quad]) -> int:
    """Sort and serialise the quads of one graph to `path` (a new file, written under a temporary name and
    renamed into place); the number of quads written."""
    ordered = sort_quads(quads)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    ox.serialize(ordered, output=str(temporary), format=NQUADS)
    if not ordered:  # pyoxigraph writes no file for nothing
        temporary.write_bytes(b"")
    os.rename(temporary, path)  # atomic on POSIX; os.replace stays the atomic output write's own step
    return len(ordered)


def read_chunk(path: Path) -> Iterator[ox.Quad]:
    """The quads of a chunk, in the order written (the canonical sort), parsed lazily."""
    return ox.parse(path=str(path), format=NQUADS)


def chunk_name(article_id: str) -> str:
    """The chunk's file name: the article id is already a safe file-name part (ids name corpus files)."""
    return f"{article_id}.nq"


class ConcatenatedFiles(io.RawIOBase):
    """The files one after the other as one binary stream, read lazily: chunk files are N-Quads, so their
    concatenation is the N-Quads of all of them, and Oxigraph's bulk loader reads it in one call."""

    def __init__(self, paths: Iterable[Path]):
        super().__init__()
        self._paths = iter(paths)
        self._current = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._current is None:
                path = next(self._paths, None)
                if path is None:
                    return 0
                self._current = open(path, "rb")  # noqa: SIM115 (closed when exhausted)
            count = self._current.readinto(buffer)
            if count:
                return count
            self._current.close()
            self._current = None

    def close(self) -> None:
        if self._current is not None:
            self._current.close()
        super().close()
