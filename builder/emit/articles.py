"""Emit what the foundation knows of an article: its metadata and its text as NIF.

The article IRI is both the `schema:NewsArticle` and its `nif:Context` (`nif:isString` is the exact text
all offsets refer to). Paragraphs and sentences are NIF offset-based strings; page furniture keeps the
rule that excluded it, a repeated paragraph points to the one it repeats. Each metadata value
(publisher, date, headline, authors) carries a `cps:MetadataEvidence` node saying whether it is stated in
the text or inferred, with the reasoning and the span of the evidence.
"""

from __future__ import annotations

import pyoxigraph as ox

from builder.emit.mint import entity_iri, fact_iri, span_iri
from builder.emit.terms import QuadSink, boolean, integer, text, xsd_date
from builder.extract.rules import register
from builder.ingest.document import Article, MetaValue
from builder.namespaces import NIF, SCHEMA
from builder.vocab import CPS

STATED_RULE = register(
    "source-metadata-stated",
    "Article metadata read from corpus/sources.yaml, where it is stated in the article text at the "
    "evidence span (a dateline, byline, embedded post's date or title line).",
)
INFERRED_RULE = register(
    "source-metadata-inferred",
    "Article metadata inferred by a curator, recorded in corpus/sources.yaml with the reasoning and the "
    "article text the inference rests on.",
)
CONFIDENCE = {"stated": 1.0, "inferred": 0.6}


def emit_article(article: Article, sink: QuadSink) -> None:
    node = sink.article
    meta = article.meta
    sink.add_type(node, SCHEMA.NewsArticle)
    sink.add_type(node, NIF.Context)
    sink.add(node, SCHEMA.identifier, text(meta.id))
    sink.add(node, CPS.sourceFile, text(meta.file))
    sink.add(node, SCHEMA.sha256, text(article.sha256))
    sink.add(node, NIF.isString, text(article.text))
    sink.add(node, NIF.beginIndex, integer(0, non_negative=True))
    sink.add(node, NIF.endIndex, integer(len(article.text), non_negative=True))

    sink.add(node, SCHEMA.datePublished, xsd_date(meta.published))
    _evidence(article, sink, "datePublished", meta.date_published)
    if meta.headline is not None:
        sink.add(node, SCHEMA.headline, text(str(meta.headline.value)))
        _evidence(article, sink, "headline", meta.headline)

    publisher = entity_iri("organization", str(meta.publisher.value))
    sink.add_type(publisher, CPS.NewsOutlet)
    sink.label(publisher, str(meta.publisher.value))
    sink.add(node, SCHEMA.publisher, publisher)
    _ground_in_evidence(article, sink, publisher, meta.publisher)
    _evidence(article, sink, "publisher", meta.publisher)

    for author in meta.authors:
        person = entity_iri("person", str(author.value))
        sink.add_type(person, CPS.Person)
        sink.label(person, str(author.value))
        sink.add(node, SCHEMA.author, person)
        _ground_in_evidence(article, sink, person, author)
        _evidence(article, sink, "author", author)

    if meta.url is not None:
        sink.add(node, SCHEMA.url, ox.NamedNode(meta.url))
        if meta.retrieved is not None:
            sink.add(node, CPS.dateRetrieved, xsd_date(meta.retrieved))
    if not meta.export:
        sink.add(node, CPS.wikidataExport, boolean(False))

    _emit_text_structure(article, sink)


def _evidence_span(article: Article, sink: QuadSink, value: MetaValue):
    found = article.find_evidence(value.evidence)
    assert found is not None, "ingest checks that metadata evidence occurs in the text"
    return sink.span(found[0], found[1], article.text, CPS.Mention)


def _ground_in_evidence(article: Article, sink: QuadSink, instance, value: MetaValue) -> None:
    mention = _evidence_span(article, sink, value)
    rule = STATED_RULE if value.how == "stated" else INFERRED_RULE
    sink.ground(instance, mention, rule, CONFIDENCE[value.how])


def _evidence(article: Article, sink: QuadSink, prop: str, value: MetaValue) -> None:
    node = fact_iri("evidence", f"{article.id} {prop}", article.id, prop, str(value.value))
    sink.add_type(node, CPS.MetadataEvidence)
    sink.label(node, f"{prop} of {article.id}: {value.value}")
    sink.add(node, CPS.about, sink.article)
    sink.add(node, CPS.forProperty, SCHEMA[prop])
    sink.add(node, CPS.knownBy, CPS.StatedInText if value.how == "stated" else CPS.InferredFromText)
    if value.reasoning:
        sink.add(node, CPS.reasoning, text(" ".join(value.reasoning.split())))
    sink.add(node, CPS.evidence, _evidence_span(article, sink, value))
    _ground_in_evidence(article, sink, node, value)


def _emit_text_structure(article: Article, sink: QuadSink) -> None:
    paragraph_nodes = {}
    for paragraph in article.paragraphs:
        node = sink.span(paragraph.begin, paragraph.end, article.text, NIF.Paragraph)
        paragraph_nodes[paragraph.index] = node
        sink.add(node, CPS.paragraphKind, text(paragraph.kind))
        if paragraph.role == "furniture":
            sink.add_type(node, CPS.PageFurniture)
        if paragraph.rule is not None:
            sink.add(node, CPS.exclusionRule, text(paragraph.rule))
        if paragraph.duplicate_of is not None:
            original = article.paragraphs[paragraph.duplicate_of]
            sink.add(node, CPS.duplicateOf, span_iri(article.id, original.begin, original.end))
    for sentence in article.sentences:
        node = sink.span(sentence.begin, sentence.end, article.text, NIF.Sentence)
        if node != paragraph_nodes[sentence.paragraph]:  # a one-sentence paragraph is its own span
            sink.add(node, NIF.superString, paragraph_nodes[sentence.paragraph])
