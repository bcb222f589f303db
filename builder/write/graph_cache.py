"""Per-article graphs cached by everything they depend on, so a rebuild extracts only what changed.

An article's graph is a pure function of the article (its bytes and its metadata from sources.yaml), the
code that extracts it, the ontology (its class closure types every node) and the curation folder (the
registry of known entities). The key hashes all of these; a hit gives the graph's sorted N-Quads and the
article's stats byte for byte as extraction would, so a rebuild after adding one article to a corpus
extracts that one article. The store is builder/write/cache.py's (`CPSKG_CACHE_DIR=off` turns it off).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

from builder import __version__
from builder.ingest.document import Article
from builder.write.cache import cached

NAMESPACE = "article-graphs"
GRAPH_FILE = "graph.nq"
STATS_FILE = "stats.json"


@functools.lru_cache(maxsize=1)
def code_digest() -> bytes:
    """The builder's own source (every module of the package) and version: any change to the code that
    could change a graph is a miss. Computed once per process."""
    from builder.write.cache import cache_key

    package = Path(__file__).resolve().parents[1]
    parts = [__version__.encode()]
    for path in sorted(package.rglob("*.py")):
        parts += [path.relative_to(package).as_posix().encode(), path.read_bytes()]
    return cache_key(parts).encode()


@functools.lru_cache(maxsize=8)
def _folder_digest(folder: str) -> bytes:
    from builder.write.cache import cache_key

    root = Path(folder)
    parts: list[bytes] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return cache_key(parts).encode()


def key_parts(article: Article, curation_dir: Path) -> list[bytes]:
    from builder.ontology import ONTOLOGY_PATH

    return [article.sha256.encode(), repr(article.meta).encode(), code_digest(),
            Path(ONTOLOGY_PATH).read_bytes(), _folder_digest(str(Path(curation_dir).resolve()))]


def cached_graph(article: Article, curation_dir: Path,
                 extract: Callable[[], tuple[bytes, dict]]) -> tuple[bytes, dict, bool]:
    """(sorted N-Quads, stats, whether `extract` ran) for the article: from the cache when its key is
    there, else extracted (and stored)."""
    ran = []

    def compute() -> dict[str, bytes]:
        ran.append(True)
        data, stats = extract()
        return {GRAPH_FILE: data, STATS_FILE: json.dumps(stats, sort_keys=True).encode()}

    files = cached(NAMESPACE, key_parts(article, curation_dir), compute)
    return files[GRAPH_FILE], json.loads(files[STATS_FILE]), bool(ran)
