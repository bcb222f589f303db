"""Stage 2's hand-off: an article with its resolved entity mentions, immutable."""

from __future__ import annotations

from dataclasses import dataclass

from builder.ingest.document import Article
from builder.resolve.entities import EntityMention, resolve_article
from builder.resolve.registry import Registry


@dataclass(frozen=True)
class ResolvedArticle:
    """The article and the mentions of the things it names, each resolved to one instance per real-world
    thing: sorted by offset, content paragraphs only (page furniture names nothing)."""

    article: Article
    mentions: tuple[EntityMention, ...]


def resolve(article: Article, registry: Registry) -> ResolvedArticle:
    """Stage 2: recognise the article's names and resolve each to its entity."""
    return ResolvedArticle(article, tuple(resolve_article(article, registry)))
