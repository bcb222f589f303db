"""The dataset files written from the sorted per-article chunks, never holding the dataset in memory.

    published = publish_graphs(graphs, extra_graphs, work, full_text)   # one pass, graph by graph
    union = write_union_turtle(published.chunks, work / "cpskg.ttl")    # external merge of the chunks
    digest = rdfc10_hash_of_files(published.canonical)                  # external merge of sorted lines

One graph at a time (in the order of the graph IRIs): its chunk is read, reduced to excerpts unless the
full text is published (builder/emit/excerpts.py works per article graph), and written as a block of the
TriG, an entry of the JSON-LD's `@graph`, a published chunk (canonical quad order, for the union) and
its N-Quads lines sorted as text (for the hash). The union Turtle is a k-way merge (`heapq.merge`) of the
published chunks by the canonical (subject, predicate, object) order, each triple once. Each file is the
same bytes as the in-memory writers of builder/write/rdfio.py and builder/write/jsonld.py give (the
five-article output/ is the test). The TriG and the Turtle are re-read from disk by pyoxigraph, streaming,
and compared with what was written by an order-independent digest of their quads; the JSON-LD entry by
entry before it is written (pyoxigraph's JSON-LD parser holds a whole document in memory).

The RDFC-1.0 hash: the dataset has no blank nodes (the QuadSink mints only IRIs and the ontology refuses
blank nodes), so its RDFC-1.0 canonical form is its N-Quads lines in code point order; that order is
the merge of every graph's own sorted lines, hashed as it streams: the same value as
`rdfio.rdfc10_hash` of the whole dataset in memory.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox

from builder.emit.terms import term_key
from builder.errors import InputError
from builder.namespaces import PREFIXES, SCHEMA
from builder.write import jsonld
from builder.write.chunks import NQUADS, read_chunk, write_chunk
from builder.write.rdfio import _TOKEN, _readable_token

_MASK = (1 << 64) - 1


def multiset_digest(items: Iterable[object]) -> tuple[int, int]:
    """(count, order-independent digest) of the items' N-Triples/N-Quads forms: two streams with the
    same digest hold the same quads, whatever their order (Python's string hash, one process)."""
    count = total = 0
    for item in items:
        count += 1
        total += hash(str(item))
    return count, total & _MASK


def prefixes_of(terms: Iterable) -> set[str]:
    """The project prefixes whose namespace starts some IRI or datatype among the terms (rdfio's
    `_used_prefixes`): the distinct texts sorted once, each namespace found by bisection."""
    texts = set()
    for term in terms:
        if isinstance(term, ox.NamedNode):
            texts.add(term.value)
        elif isinstance(term, ox.Literal):
            texts.add(term.datatype.value)
    ordered = sorted(texts)
    used = set()
    for prefix, namespace in PREFIXES.items():
        index = bisect.bisect_left(ordered, namespace)
        if index < len(ordered) and ordered[index].startswith(namespace):
            used.add(prefix)
    return used


def _ordered_prefixes(used: set[str]) -> dict[str, str]:
    return {p: ns for p, ns in PREFIXES.items() if p in used}


def _readable_body(data: bytes, out, prefixes: dict[str, str]) -> None:
    """builder.write.rdfio._readable on a piece of pyoxigraph's output that ends at a line end (no token
    spans lines), its @prefix lines left out: the caller writes the header."""
    if data.startswith(b"@prefix "):
        lines = data.split(b"\n")
        first = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
        data = b"\n".join(lines[first:])
    out.write(_TOKEN.sub(_readable_token(prefixes), data))


def _blocks(stream, size: int = 1 << 22) -> Iterator[bytes]:
    """A file in pieces of about `size` bytes, each ending at a line end."""
    rest = b""
    for block in iter(lambda: stream.read(size), b""):
        block = rest + block
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        if cut:
            yield block[:cut]
    if rest:
        yield rest


def _lines(data: bytes) -> list[bytes]:
    """The lines of a serialisation, each with its "\n": split there only (a literal may hold a raw U+2028
    or form feed, which `splitlines` would split at)."""
    return [line + b"\n" for line in data.split(b"\n")[:-1]]


def _header(prefixes: dict[str, str]) -> bytes:
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in prefixes.items())


@dataclass
class Published:
    """What the per-graph pass wrote and counted (the union and the report are made from it)."""

    trig: Path
    jsonld: Path | None
    chunks: list[Path] = field(default_factory=list)  # the article graphs as published, canonical order
    canonical: list[Path] = field(default_factory=list)  # every graph's N-Quads lines in code point order
    quads: int = 0  # in the article graphs
    extra_quads: int = 0  # in the other graphs (the ontology's)
    graphs: int = 0
    publishers: set = field(default_factory=set)
    triple_prefixes: set = field(default_factory=set)  # used by the article graphs' triples (the union's)
    characters_in_articles: int = 0
    characters_quoted: int = 0


# A graph to publish: its IRI and a function giving its quads (read from a chunk, or given in memory).
GraphSource = tuple[str, Callable[[], list[ox.Quad]], bool]  # (graph IRI, quads, is an article graph)


def publish_graphs(sources: list[GraphSource], work: Path, *, full_text: bool, with_jsonld: bool = True) -> Published:
    """Write the TriG (and JSON-LD) of every graph, in graph order, and the published chunks."""
    from builder.emit.excerpts import excerpts_only, quoted_share

    for folder in ("published", "canonical"):
        (work / folder).mkdir(parents=True, exist_ok=True)
    published = Published(trig=work / "cpskg.trig", jsonld=work / "cpskg.jsonld" if with_jsonld else None)
    body = work / "trig.body"
    used: set[str] = set()
    expected: list[tuple[int, int]] = []
    schema_publisher = str(SCHEMA.publisher)
    with body.open("wb") as trig, _JsonLdGraphs(published.jsonld) as graphs_out:
        for index, (_graph, load, is_article) in enumerate(sorted(sources, key=itemgetter(0))):
            quads = load()
            if is_article and not full_text:
                quads = excerpts_only(quads)
            if not quads:
                continue
            published.graphs += is_article
            if is_article:
                published.quads += len(quads)
                share = quoted_share(quads)
                published.characters_in_articles += share["characters_in_articles"]
                published.characters_quoted += share["characters_quoted"]
                published.publishers.update(q.object for q in quads if q.predicate.value == schema_publisher)
                chunk = work / "published" / f"{index:08d}.nq"
                write_chunk(chunk, quads)
                published.chunks.append(chunk)
            else:
                published.extra_quads += len(quads)
            in_triples = prefixes_of(t for q in quads for t in (q.subject, q.predicate, q.object))
            used |= in_triples | prefixes_of([quads[0].graph_name])
            if is_article:
                published.triple_prefixes |= in_triples
            text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
            _readable_body(text, trig, PREFIXES)
            graphs_out.add(quads)
            canonical = work / "canonical" / f"{index:08d}.nq"
            canonical.write_bytes(b"".join(sorted(_lines(ox.serialize(quads, format=NQUADS)))))
            published.canonical.append(canonical)
            expected.append(multiset_digest(quads))
    _prepend(published.trig, _header(_ordered_prefixes(used)), body)
    digest = (sum(c for c, _ in expected), sum(d for _, d in expected) & _MASK)
    check_round_trip(published.trig, ox.RdfFormat.TRIG, digest)  # the JSON-LD: entry by entry (_JsonLdGraphs)
    return published


def _prepend(target: Path, header: bytes, body: Path) -> None:
    with target.open("wb") as out, body.open("rb") as source:
        out.write(header)
        shutil.copyfileobj(source, out, 1 << 20)
    body.unlink()


class _JsonLdGraphs:
    """builder.write.jsonld.jsonld_bytes, one `@graph` entry at a time: json.dumps of the document with
    indent=1 is the context block, then each graph's object indented two levels, comma-separated."""

    def __init__(self, path: Path | None):
        self.path = path
        self.context = b""
        self.stream = None
        self.first = True

    def __enter__(self):
        if self.path is not None:
            self.stream = self.path.open("wb")
            context = json.dumps(jsonld.context(), ensure_ascii=False, indent=1).replace("\n", "\n ")
            self.context = context.encode("utf-8")
            self.stream.write(f'{{\n "@context": {context},\n "@graph": ['.encode())
        return self

    def add(self, quads: list[ox.Quad]) -> None:
        """Write the graph's entry, after checking that the entry, read as a JSON-LD document with the
        file's context, gives back the graph's quads. (pyoxigraph's JSON-LD parser holds the whole
        document: re-reading the file would take memory in proportion to the corpus, 1.7 GiB at 1,000
        articles; the file is these checked entries joined, and is parsed as JSON here piece by piece.)"""
        if self.stream is None:
            return
        for graph in jsonld.graph_objects(quads):
            text = json.dumps(graph, ensure_ascii=False, indent=1).replace("\n", "\n  ").encode("utf-8")
            check_round_trip(b'{"@context": ' + self.context + b', "@graph": [' + text + b"]}",
                             ox.RdfFormat.JSON_LD, multiset_digest(quads), name=self.path.name)
            self.stream.write((b"\n  " if self.first else b",\n  ") + text)
            self.first = False

    def __exit__(self, *exc) -> None:
        if self.stream is not None:
            self.stream.write(b"]\n}\n" if self.first else b"\n ]\n}\n")
            self.stream.close()


def check_round_trip(source: Path | bytes, fmt: ox.RdfFormat, expected: tuple[int, int], triples: bool = False,
                     name: str | None = None) -> None:
    """Re-read the file (or a piece of it) strictly, streaming, and compare its quads with what was written."""
    name = name or (source.name if isinstance(source, Path) else "")
    try:
        parsed = ox.parse(path=str(source), format=fmt) if isinstance(source, Path) else ox.parse(source, format=fmt)
        got = multiset_digest((q.triple for q in parsed) if triples else parsed)
    except SyntaxError as err:
        raise InputError(f"strict re-parse failed: {err}", file=name) from None
    if got != expected:
        raise InputError(f"re-reading the serialised graph gave {got[0]} quads, expected {expected[0]} "
                         "(or the same number with different terms)", file=name)


def _keyed_triples(chunk: Path) -> Iterator[tuple[tuple[str, str, str], ox.Triple]]:
    for quad in read_chunk(chunk):
        yield (term_key(quad.subject), term_key(quad.predicate), term_key(quad.object)), quad.triple


def union_triples(chunks: list[Path]) -> Iterator[ox.Triple]:
    """Every triple of the chunks once, in the canonical (subject, predicate, object) order: a k-way merge
    of the sorted chunks (each open file costs a read buffer, not its contents)."""
    previous = None
    for key, triple in heapq.merge(*(_keyed_triples(c) for c in chunks), key=itemgetter(0)):
        if key != previous:
            previous = key
            yield triple


def write_union_turtle(chunks: list[Path], target: Path, used: set[str],
                       observe: Callable[[ox.Triple], None] | None = None) -> int:
    """The union of the article graphs as one Turtle document (rdfio.turtle_bytes, streamed); the number
    of triples. `used`: the prefixes the triples use (found graph by graph when they were published).
    `observe` sees each triple once, in order (the report and the VoID count with it)."""
    raw = target.with_name(target.name + ".raw")
    count = 0
    total = 0

    def triples() -> Iterator[ox.Triple]:
        nonlocal count, total
        for triple in union_triples(chunks):
            count += 1
            total += hash(str(triple))
            if observe is not None:
                observe(triple)
            yield triple

    ox.serialize(triples(), output=str(raw), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if not raw.exists():
        raw.write_bytes(b"")
    with target.open("wb") as out, raw.open("rb") as stream:
        out.write(_header(_ordered_prefixes(used)))
        for block in _blocks(stream):
            _readable_body(block, out, PREFIXES)
    raw.unlink()
    check_round_trip(target, ox.RdfFormat.TURTLE, (count, total & _MASK), triples=True)
    return count


def rdfc10_hash_of_files(canonical: list[Path]) -> str:
    """SHA-256 of every line of the files (each sorted) in code point order: the dataset's RDFC-1.0 hash
    when it has no blank nodes (module docstring)."""
    digest = hashlib.sha256()
    handles = [path.open("rb") for path in canonical]
    try:
        for line in heapq.merge(*handles):
            digest.update(line)
    finally:
        for handle in handles:
            handle.close()
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def remove(path: Path) -> None:
    if path.exists():
        os.unlink(path)
