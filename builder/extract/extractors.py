"""Stage 3, the extractors of one article and their order (the extract stage's own steps, as the ingest
stage's are in builder.ingest.articles; builder.pipeline lists the stages).

A new kind of fact is a module of this package with an `extract_<kind>(ctx)` function, and one line in
`EXTRACTORS` after the extractors whose findings it reads.
"""

from __future__ import annotations

from collections.abc import Callable

from builder.emit.terms import QuadSink
from builder.extract import claims, events, happenings, offers, posts, quantities, quotes, schedule
from builder.extract.context import ArticleContext, ArticleFacts, emit_entities
from builder.ontology import type_closure
from builder.resolve.registry import Registry
from builder.resolve.resolved import ResolvedArticle

# The extractors of one article, in the order they run: each reads what the earlier ones left on the
# ArticleContext (events leaves its event book, which schedule and offers add to, and which is emitted
# after them; claims reads the quantities and events). This tuple is the only place
# the order is written.
EXTRACTORS: tuple[Callable[[ArticleContext], object], ...] = (
    emit_entities,
    posts.extract_posts,
    quotes.extract_quotes,
    quantities.extract_quantities,
    events.extract_events,
    schedule.extract_phased_returns,
    offers.extract_offers,
    happenings.extract_happenings,
    events.emit_events,
    claims.extract_claims,
)


def extract_article(resolved: ResolvedArticle, registry: Registry) -> ArticleFacts:
    """Stage 3: each extractor, in order, over the article and its resolved entities."""
    sink = QuadSink(resolved.article.id, type_closure())
    ctx = ArticleContext(resolved, sink, registry)
    for extractor in EXTRACTORS:
        extractor(ctx)
    return ArticleFacts(resolved.article.id, frozenset(sink.snapshot()))


