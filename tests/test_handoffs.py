"""The stages hand each other immutable values, and the one mutable object (the extract stage's context)
declares every piece of state it carries."""

from __future__ import annotations

import dataclasses
from functools import cached_property
from pathlib import Path

import pytest

from builder import pipeline
from builder.extract.context import ArticleContext
from builder.extract.extractors import EXTRACTORS, extract_article
from builder.resolve.resolved import resolve
from tests.extraction_support import article_of, registry

TEXT = (
    "CHICAGO — Union president Ana Ruiz said Monday the district's offer was \"not serious.\"\n\n"
    "The Chicago Teachers Union, which has 25,000 members, will vote Thursday on a strike, Ruiz said.\n\n"
    "Schools chief Marcus Lee said the district would meet the union again on Feb. 12."
)


@pytest.fixture(scope="module")
def handoffs():
    article = article_of(TEXT)
    resolved = resolve(article, registry())
    facts = extract_article(resolved, registry())
    return article, resolved, facts


def test_every_handoff_is_frozen(handoffs):
    article, resolved, facts = handoffs
    in_worker = pipeline.ArticleResult("inline", tuple(facts.quads), {})
    graph = pipeline.ArticleGraph("inline", Path("inline.nq"), {}, True)
    result = pipeline.BuildResult((graph,), {}, ())
    for value, name in ((article, "text"), (resolved, "mentions"), (facts, "quads"), (in_worker, "quads"),
                        (graph, "chunk"), (result, "graphs")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, name, None)
    # and their collections cannot be appended to either
    for collection in (article.paragraphs, article.sentences, resolved.mentions, in_worker.quads, result.graphs):
        assert isinstance(collection, tuple)
    assert isinstance(facts.quads, frozenset)


def test_extraction_leaves_the_resolved_article_as_it_was(handoffs):
    article, resolved, _facts = handoffs
    again = resolve(article, registry())
    assert resolved == again
    assert resolved.mentions, "the text names people and an organisation"


def test_the_context_carries_no_undeclared_state(handoffs):
    """Extractors share state only through declared fields (and cached properties declared on the class),
    never through attributes set on the fly or keys hidden in `__dict__`."""
    _article, resolved, _facts = handoffs
    from builder.emit.terms import QuadSink
    from builder.ontology import type_closure

    ctx = ArticleContext(resolved, QuadSink(resolved.article.id, type_closure()), registry())
    for extractor in EXTRACTORS:
        extractor(ctx)
    declared = {f.name for f in dataclasses.fields(ArticleContext)}
    declared |= {name for name, value in vars(ArticleContext).items() if isinstance(value, cached_property)}
    assert set(vars(ctx)) <= declared, set(vars(ctx)) - declared


def test_the_facts_are_what_the_graph_holds_besides_the_article_description(handoffs):
    article, _resolved, facts = handoffs
    from builder.emit.graph import emit_graph

    graph = set(emit_graph(article, facts).quads())
    assert set(facts.quads) <= graph
    assert len(graph) > len(facts.quads)  # the metadata, NIF context, paragraphs, sentences, annotation


def test_emit_keeps_one_confidence_when_the_facts_and_the_description_both_ground_an_instance():
    """The article's description (a byline's author, the publisher) and the extracted facts are made in two
    sinks; wrapping the facts must still leave one cps:confidence per instance (the higher)."""
    import builder.resolve.mentions  # noqa: F401  (registers the rules named below)
    from builder.emit.terms import QuadSink
    from builder.vocab import CPS

    description, facts = QuadSink("a"), QuadSink("a")
    person = "https://w3id.org/cpskg/id/person/Ana_Ruiz"
    description.ground(person, description.span(0, 3, "Ana Ruiz", CPS.Mention), "registry-name", 1)
    facts.ground(person, facts.span(4, 8, "Ana Ruiz", CPS.Mention), "place-dateline", 0.9)
    description.extend(facts.quads())
    values = [q.object.value for q in description.quads() if q.predicate.value == str(CPS.confidence)]
    assert values == ["1.0"] or values == ["1"], values
