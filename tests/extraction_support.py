"""Shared helpers of the extraction tests: build the graph of articles in memory and query it.

The graph is what the build writes for these articles (article metadata and NIF text from
builder.emit.articles, then builder.extract.context), loaded into a real pyoxigraph store, so the tests check it
with the SPARQL a researcher would write.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import yaml

from builder.extract.context import load_registry
from builder.ingest.articles import ingest_article, ingest_corpus, segmented_article
from builder.ingest.document import Article, ArticleMeta, MetaValue

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
# The articles written for the entity, post and quotation tests (other sidecars there belong to the
# event and quantity tests and follow their own format).
OWN_ARTICLES = ["portland-teachers-impasse", "long-beach-tentative-agreement", "minneapolis-custodians-contract"]
PREFIXES = """PREFIX cps: <https://w3id.org/cpskg/ontology#>
PREFIX id: <https://w3id.org/cpskg/id/>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX wd: <http://www.wikidata.org/entity/>
"""


def registry():
    return load_registry(ROOT / "curation")


def graph_of(articles: list[Article]) -> ox.Store:
    """The articles' graphs as the build's map step makes them (builder.pipeline.article_graph)."""
    from builder.pipeline import article_graph

    store = ox.Store()
    for article in articles:
        store.extend(article_graph(article, ROOT / "curation").quads)
    return store


@lru_cache(maxsize=1)
def seed_articles() -> tuple[Article, ...]:
    return tuple(ingest_corpus(ROOT / "corpus"))


@lru_cache(maxsize=1)
def seed_graph() -> ox.Store:
    return graph_of(list(seed_articles()))


def sidecars(prefix: str = "") -> list[Path]:
    """The sidecar files (expected facts) of the test articles whose name starts with `prefix`."""
    return sorted(p for p in ARTICLES.glob(f"{prefix}*.yaml"))


def load_sidecar(path: Path) -> tuple[Article, dict]:
    """The test article a sidecar describes, ingested like a corpus article, and its expectations."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    publisher = spec["publisher"]
    how = publisher.get("how", "stated")
    meta = ArticleMeta(
        id=spec["id"],
        file=spec["article"],
        date_published=MetaValue(date.fromisoformat(str(spec["published"])), "inferred", publisher["evidence"],
                                 "a test article: its date is set by its sidecar"),
        publisher=MetaValue(publisher["name"], how, publisher["evidence"],
                            "a test article: its publisher is set by its sidecar" if how == "inferred" else None),
        authors=tuple(MetaValue(a["name"], "stated", a["evidence"]) for a in spec.get("authors", ())),
        export=False,  # a test article: never exported to Wikidata
    )
    return ingest_article(path.parent, meta), spec["expect"]


def _bound(query: str, bindings: dict) -> str:
    """The query with each binding as a VALUES row inside its outermost group. The values are
    pyoxigraph terms, written in their N-Triples form, so no text of a test reaches the query unescaped."""
    if not bindings:
        return PREFIXES + query
    at = query.index("{") + 1
    values = " ".join(f"VALUES ?{k} {{ {v} }}" for k, v in bindings.items())
    return PREFIXES + query[:at] + f" {values} " + query[at:]


def article_of(text: str, published: date = date(2021, 2, 7), article_id: str = "inline",
               publisher: str = "Test News") -> Article:
    """An article made from inline text (for regression tests and generated text), segmented and
    classified exactly as ingestion does."""
    meta = ArticleMeta(id=article_id, file=f"{article_id}.txt",
                       date_published=MetaValue(published, "inferred", text[:1], "set by the test"),
                       publisher=MetaValue(publisher, "inferred", text[:1], "set by the test"), export=False)
    return segmented_article(meta, text, hashlib.sha256(text.encode()).hexdigest())


def rows(store: ox.Store, query: str, **bindings) -> list[dict[str, str]]:
    """SELECT results as dicts of plain strings (an unbound variable is left out)."""
    solutions = store.query(_bound(query, bindings))
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def ask(store: ox.Store, query: str, **bindings) -> bool:
    return bool(store.query(_bound(query, bindings)))
