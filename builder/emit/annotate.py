"""Links added once an article's facts are extracted: each mention to its sentence, each quotation and
claim to the bargaining topics its words name.

- NIF 2.0's `nif:sentence` relates a string to the sentence it occurs in, so "the sentence that states this
  fact" is a join (`?fact gaf:denotedBy/nif:sentence ?s . ?s nif:anchorOf ?words`), not offset arithmetic.
  A mention that crosses a sentence boundary (a quotation of several sentences) is linked to each sentence
  it overlaps. Sentences and paragraphs themselves are not linked.
- `cps:topic` relates a quotation (its `schema:text`) and a claim (its `cps:claimText`) to every topic of
  the scheme offer terms use (builder.offers.TOPICS) whose words occur in that text, so "what did X say
  about vaccination" is `?q schema:creator ?x ; cps:topic cps:VaccinationTopic`.

Both read only the quads of the article's own graph and add quads to the same graph.
"""

from __future__ import annotations

import bisect

import pyoxigraph as ox

from builder.emit.terms import QuadSink
from builder.ingest.document import Article
from builder.namespaces import NIF, RDF, SCHEMA
from builder.vocab import CPS

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_STRUCTURE = {ox.NamedNode(str(NIF.Sentence)), ox.NamedNode(str(NIF.Paragraph)),
              ox.NamedNode(str(NIF.Context))}


def annotate(article: Article, sink: QuadSink) -> None:
    link_mentions_to_sentences(article, sink)
    link_topics(sink)


def link_mentions_to_sentences(article: Article, sink: QuadSink) -> None:
    sentences = sorted((s.begin, s.end) for s in article.sentences)
    starts = [begin for begin, _ in sentences]
    for node, (begin, end) in sorted(_mention_spans(sink).items(), key=lambda item: item[0].value):
        # the last sentence starting at or before `begin`, then every sentence that starts before `end`
        index = max(0, bisect.bisect_right(starts, begin) - 1)
        while index < len(sentences) and sentences[index][0] < max(end, begin + 1):
            s_begin, s_end = sentences[index]
            if s_begin < max(end, begin + 1) and begin < s_end and (s_begin, s_end) != (begin, end):
                sink.add(node, NIF.sentence, _sentence_node(sink, s_begin, s_end))
            index += 1


def _sentence_node(sink: QuadSink, begin: int, end: int) -> ox.NamedNode:
    from builder.emit.mint import span_iri

    return span_iri(sink.article_id, begin, end)


def _mention_spans(sink: QuadSink) -> dict[ox.NamedNode, tuple[int, int]]:
    """Every offset-based string of the graph that is not itself a sentence, paragraph or the context."""
    begins: dict[ox.NamedNode, int] = {}
    ends: dict[ox.NamedNode, int] = {}
    structural: set[ox.NamedNode] = set()
    for quad in sink.snapshot():
        predicate = quad.predicate.value
        if predicate == str(NIF.beginIndex):
            begins[quad.subject] = int(quad.object.value)
        elif predicate == str(NIF.endIndex):
            ends[quad.subject] = int(quad.object.value)
        elif quad.predicate == _RDF_TYPE and quad.object in _STRUCTURE:
            structural.add(quad.subject)
    return {node: (begins[node], ends[node]) for node in begins
            if node in ends and node not in structural and node != sink.article}


def link_topics(sink: QuadSink) -> None:
    from builder.extract.offers import TOPICS

    texts = []
    for quad in sink.snapshot():
        if quad.predicate.value in (str(SCHEMA.text), str(CPS.claimText)):
            texts.append((quad.subject, quad.object.value))
    for subject, words in sorted(texts, key=lambda item: item[0].value):
        for topic, _, pattern in TOPICS:
            if pattern.search(words):
                sink.add(subject, CPS.topic, topic)
