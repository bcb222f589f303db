"""Extraction of one article: recognise and resolve entities, then run each fact extractor over them.

`builder.extract.extractors.extract_article` is the seam every extractor shares. It builds an `ArticleContext` from
the `ResolvedArticle` (stage 2's hand-off: the article and the resolved entity mentions of its content
paragraphs), a fresh quad sink and the registry, emits the entities with all their mentions, and hands
the context to the extractors in order: posts and affiliations, quotations and statements, then
quantities, events and claims. Each grounds what it states with `ctx.ground`, so every instance and
n-ary fact points at the exact words that state it. What they wrote leaves the stage as `ArticleFacts`.
"""

from __future__ import annotations

import warnings
from bisect import insort
from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox

from builder.emit.terms import IriLike, QuadSink, english
from builder.extract.dates import DateMention
from builder.extract.eventbook import EventBook
from builder.extract.quantities import QuantityMention
from builder.ingest.document import Article
from builder.namespaces import OWL, SKOS, WD_ENTITY
from builder.resolve.entities import EntityMention
from builder.resolve.registry import Entity, Registry, load_registry
from builder.resolve.resolved import ResolvedArticle
from builder.resources import data_path
from builder.spans import ByBegin
from builder.vocab import CPS

__all__ = ["ArticleContext", "ArticleFacts", "Entity", "EntityMention", "FurnitureWarning", "Registry",
           "ResolvedArticle", "emit_entities", "load_registry"]


class FurnitureWarning(UserWarning):
    """An extractor tried to ground a fact in page furniture (a caption, a menu, a repeated paragraph): the
    mention is refused. It is a rule's bug, recorded in the build report rather than published."""


@dataclass(frozen=True)
class ArticleFacts:
    """Stage 3's hand-off: the quads of what one article states (entities, posts, quotations, quantities,
    events, claims), each grounded at its words; the emit stage adds the article's own description
    around them and sorts the whole graph once. A set, not a sorted tuple: it is a value either way, and
    sorting it here too cost 7 % of extraction."""

    article_id: str
    quads: frozenset[ox.Quad]


@dataclass
class ArticleContext:
    """What every extractor of one article receives. The fields after `registry` are what one extractor
    finds and a later one reads (the order of builder.extract.extractors.EXTRACTORS guarantees the writer runs
    first), and the memos of questions several extractors ask; they are declared here, so a newcomer sees
    every piece of shared state in one place. The context is the one mutable object of the extract stage
    and lives only while its article is extracted."""

    resolved: ResolvedArticle
    sink: QuadSink
    registry: Registry
    # builder.extract.quantities.quantities_of: the article's quantities, read once (events and claims ask again)
    quantities: list[tuple[QuantityMention, ox.NamedNode, object]] | None = None
    # builder.extract.quotes.emit_quotation: (begin, end, speakers) of each quotation, read by number_sources
    quotations: list[tuple[int, int, tuple[Entity, ...]]] = field(default_factory=list)
    # builder.extract.eventbook: per-article memo of the negotiating parties and subject (asked per sentence)
    eventbook_memo: dict[str, object] = field(default_factory=dict)
    # set by builder.extract.events, read by schedule and offers, which add their events to the same book
    dates: list[DateMention] = field(default_factory=list)
    events: EventBook | None = None
    negotiation_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # most_mentioned: the answer per class (asked by several extractors)
    most_mentioned_memo: dict[str, Entity | None] = field(default_factory=dict)

    @property
    def article(self) -> Article:
        return self.resolved.article

    # the resolved mentions (sorted by begin, content only), plus those an extractor adds for the later
    # ones (posts' later references, "the union's president said", name a person): see add_mention
    mentions: list[EntityMention] = field(init=False)
    _mention_index: ByBegin[EntityMention] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.mentions = list(self.resolved.mentions)

    def add_mention(self, mention: EntityMention) -> None:
        """A mention an extractor found, for the extractors after it (kept sorted; the index is rebuilt)."""
        insort(self.mentions, mention, key=lambda m: (m.begin, m.end))
        self._mention_index = None

    def mentions_in(self, begin: int, end: int) -> list[EntityMention]:
        """The entity mentions lying wholly inside text[begin:end], in text order (by bisection: a scan of
        every mention per question made extraction quadratic in the article's length)."""
        return self.mention_index.inside(begin, end)

    @property
    def mention_index(self) -> ByBegin[EntityMention]:
        if self._mention_index is None:
            self._mention_index = ByBegin(self.mentions)
        return self._mention_index

    @cached_property
    def sentence_index(self) -> ByBegin:
        return ByBegin(self.article.sentences)

    @cached_property
    def dateline_place(self) -> Entity | None:
        """The dateline's city (builder.resolve.dateline_place), found once per article."""
        from builder.resolve.entities import dateline_place

        return dateline_place(self.article, self.mentions)

    def most_mentioned(self, cls: object) -> Entity | None:
        """builder.resolve.most_mentioned over the article's mentions, counted once per class."""
        from builder.resolve.entities import most_mentioned

        key = str(cls)
        if key not in self.most_mentioned_memo:
            self.most_mentioned_memo[key] = most_mentioned(self.mentions, cls)
        return self.most_mentioned_memo[key]

    @cached_property
    def furniture_index(self) -> ByBegin:
        """The paragraphs that are not report (furniture, repeated paragraphs), by begin offset."""
        return ByBegin(p for p in self.article.paragraphs if p.role != "content")

    def in_furniture(self, begin: int, end: int) -> bool:
        """Whether text[begin:end] overlaps a paragraph of page furniture or a repeated paragraph."""
        index = self.furniture_index
        return any(p.begin < end and begin < p.end
                   for p in index.starting_in(begin - index.longest, end))

    def ground(self, instance: IriLike, begin: int, end: int, rule: str, confidence: float,
               cls: IriLike = CPS.Mention) -> ox.NamedNode | None:
        """Record the span text[begin:end] as a NIF mention and ground `instance` in it (rule, confidence).

        Every fact of an article is grounded here, so this is where the guarantee is kept that no entity,
        number, quotation, date or event is read from page clutter: a span that overlaps furniture is
        refused (None, and a FurnitureWarning naming the rule), whatever extractor asked."""
        if self.in_furniture(begin, end):
            warnings.warn(f"rule {rule} tried to ground a fact in page furniture at {begin}-{end}; refused",
                          FurnitureWarning, stacklevel=2)
            return None
        mention = self.sink.span(begin, end, self.article.text, cls)
        self.sink.ground(instance, mention, rule, confidence)
        return mention

    @property
    def published(self):
        return self.article.meta.published


def emit_entities(ctx: ArticleContext) -> None:
    """Each resolved entity: its types, English label, registry aliases and verified Wikidata id, and
    every one of its mentions in this article."""
    sink = ctx.sink
    for entity in sorted({m.entity for m in ctx.mentions}, key=lambda e: e.iri.value):
        for cls in entity.classes:
            sink.add_type(entity.iri, cls)
        sink.label(entity.iri, entity.label)
        for alias in entity.aliases:
            sink.add(entity.iri, str(SKOS.altLabel), english(alias))
        entry = ctx.registry.entry_for(entity)
        if entry is None:
            continue
        for alias in (*entry.aliases, *entry.abbreviations):
            sink.add(entity.iri, str(SKOS.altLabel), english(alias))
        if entry.wikidata:
            sink.add(entity.iri, str(OWL.sameAs), WD_ENTITY + entry.wikidata)
    for mention in ctx.mentions:
        ctx.ground(mention.entity.iri, mention.begin, mention.end, mention.rule, mention.confidence)


def default_registry() -> Registry:
    return load_registry(data_path("curation"))
