"""Ingestion: a corpus folder becomes a list of `Article`s with clean, addressable text.

Pure functions of the corpus: the same files give the same articles, in id order, whatever the file
system's listing order, so the map over articles can run in any order or in parallel processes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from builder.errors import InputError
from builder.ingest.corpus import load_sources
from builder.ingest.decode import decode_article, read_article_bytes
from builder.ingest.document import Article, ArticleMeta
from builder.ingest.furniture import classify_paragraphs
from builder.ingest.segment import paragraph_spans, sentence_spans
from builder.limits import time_budget


def ingest_corpus(corpus_dir: Path, article_timeout: float | None = None) -> list[Article]:
    """Every article of sources.yaml, each read within `article_timeout` seconds (builder/limits.py)."""
    articles = []
    for meta in load_sources(corpus_dir):
        with time_budget(article_timeout, meta.file):
            articles.append(ingest_article(corpus_dir, meta))
    return articles


def ingest_article(corpus_dir: Path, meta: ArticleMeta) -> Article:
    path = corpus_dir / meta.file
    display = str(path)
    data = read_article_bytes(path, display, root=corpus_dir)
    text = decode_article(data, display)
    article = segmented_article(meta, text, hashlib.sha256(data).hexdigest())
    _check_stated_evidence(article, corpus_dir)
    return article


def segmented_article(meta: ArticleMeta, text: str, sha256: str) -> Article:
    """The decoded text cut into paragraphs (content, furniture, duplicate) and the content paragraphs into
    sentences: the one way an `Article` is made, by the build and by tests that build inline text."""
    paragraphs = tuple(classify_paragraphs(text, paragraph_spans(text), meta))
    sentences = tuple(sentence for paragraph in paragraphs if paragraph.role == "content"
                      for sentence in sentence_spans(text, paragraph.begin, paragraph.end, paragraph.index))
    return Article(meta=meta, text=text, sha256=sha256, paragraphs=paragraphs, sentences=sentences)


def _check_stated_evidence(article: Article, corpus_dir: Path) -> None:
    """Metadata evidence must be text of the article: a quote that is not there proves nothing."""
    meta = article.meta
    values = [("publisher", meta.publisher), ("date_published", meta.date_published)]
    values += [("headline", meta.headline)] if meta.headline else []
    values += [("author", a) for a in meta.authors]
    for field, value in values:
        if article.find_evidence(value.evidence) is None:
            raise InputError(
                f"{meta.id}: the evidence for {field} ({value.evidence!r}) does not occur in {meta.file}",
                file=str(corpus_dir / "sources.yaml"),
            )
