"""Extraction of one article: recognise and resolve entities, then run each fact extractor over them.

`extract_article` is the seam every extractor shares. It builds an `ArticleContext` (the article, its
quad sink, the registry and the resolved entity mentions of its content paragraphs), emits the entities
with all their mentions, and hands the context to the stages in order: posts and affiliations,
quotations and statements, then quantities, events and claims. Each stage grounds what it states with
`ctx.ground`, so every instance and n-ary fact points at the exact words that state it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from builder.emit.terms import IriLike, QuadSink, english
from builder.ingest.document import Article
from builder.namespaces import OWL_IRI, SKOS_IRI, WD_ENTITY
from builder.resolve.entities import EntityMention, resolve_article
from builder.resolve.registry import Entity, Registry, load_registry
from builder.resources import data_path
from builder.vocab import CPS

__all__ = ["ArticleContext", "Entity", "EntityMention", "Registry", "extract_article", "load_registry"]


@dataclass
class ArticleContext:
    article: Article
    sink: QuadSink
    registry: Registry
    mentions: list[EntityMention] = field(default_factory=list)  # resolved, sorted by begin, content only
    events: object = None  # the article's EventBook, once builder.extract.events has read it

    def mentions_in(self, begin: int, end: int) -> list[EntityMention]:
        """The entity mentions lying wholly inside text[begin:end], in text order."""
        return [m for m in self.mentions if begin <= m.begin and m.end <= end]

    def ground(self, instance: IriLike, begin: int, end: int, rule: str, confidence: float,
               cls: IriLike = CPS.Mention) -> ox.NamedNode:
        """Record the span text[begin:end] as a NIF mention and ground `instance` in it (rule, confidence)."""
        mention = self.sink.span(begin, end, self.article.text, cls)
        self.sink.ground(instance, mention, rule, confidence)
        return mention

    @property
    def published(self):
        return self.article.meta.published


def extract_article(article: Article, sink: QuadSink, registry: Registry) -> None:
    from builder.extract import claims, events, posts, quantities, quotes

    ctx = ArticleContext(article, sink, registry, resolve_article(article, registry))
    emit_entities(ctx)
    posts.extract_posts(ctx)
    quotes.extract_quotes(ctx)
    quantities.extract_quantities(ctx)
    ctx.events = events.extract_events(ctx)
    claims.extract_claims(ctx)


def emit_entities(ctx: ArticleContext) -> None:
    """Each resolved entity: its types, English label, registry aliases and verified Wikidata id, and
    every one of its mentions in this article."""
    sink = ctx.sink
    for entity in sorted({m.entity for m in ctx.mentions}, key=lambda e: e.iri.value):
        for cls in entity.classes:
            sink.add_type(entity.iri, cls)
        sink.label(entity.iri, entity.label)
        entry = ctx.registry.entry_for(entity)
        if entry is None:
            continue
        for alias in (*entry.aliases, *entry.abbreviations):
            sink.add(entity.iri, SKOS_IRI + "altLabel", english(alias))
        if entry.wikidata:
            sink.add(entity.iri, OWL_IRI + "sameAs", WD_ENTITY + entry.wikidata)
    for mention in ctx.mentions:
        ctx.ground(mention.entity.iri, mention.begin, mention.end, mention.rule, mention.confidence)


def default_registry() -> Registry:
    return load_registry(data_path("curation"))
