"""Stage 4: an article and the facts extracted from it → the quads of the article's named graph."""

from __future__ import annotations

from builder.emit.annotate import annotate
from builder.emit.articles import emit_article
from builder.emit.terms import QuadSink
from builder.extract.context import ArticleFacts
from builder.ingest.document import Article
from builder.ontology import type_closure


def emit_graph(article: Article, facts: ArticleFacts) -> QuadSink:
    """The article's description (metadata, NIF context, paragraphs, sentences, furniture), its facts, and
    the links only the two together give (each mention's sentence, the article's topics)."""
    sink = QuadSink(article.id, type_closure())
    emit_article(article, sink)
    sink.extend(facts.quads)
    annotate(article, sink)
    return sink
