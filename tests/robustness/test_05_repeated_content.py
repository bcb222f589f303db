"""bad-inputs #5: the same article twice, or a paragraph repeated inside an article.

One real-world thing stays one instance: the same quotation, person or organisation reported twice
gets one IRI (content-derived, never a counter), a quotation keeps exactly one `schema:text`, and the
repeated paragraph is marked `cps:duplicateOf` the first one instead of yielding facts again. The output
of a rebuild is byte-identical.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from builder.namespaces import CPS_ONTOLOGY, RDF_IRI, SCHEMA_IRI
from tests.corpus_factory import make_corpus, snapshot
from tests.robustness.promises import ARTICLE, assert_nothing_lost, cli_build

QUOTE_PARAGRAPH = "“We are close to a deal,” CTU President Jesse Sharkey said on Sunday.\n"
assert QUOTE_PARAGRAPH in ARTICLE
KINDS = {"quotation": SCHEMA_IRI + "Quotation", "person": SCHEMA_IRI + "Person",
         "organization": SCHEMA_IRI + "Organization"}


def instances(quads, class_iri: str) -> set[str]:
    return {q.subject.value for q in quads if q.predicate.value == RDF_IRI + "type" and q.object.value == class_iri}


def built(tmp_path, articles: dict[str, bytes]) -> tuple[list[ox.Quad], dict[str, bytes]]:
    corpus = make_corpus(tmp_path, articles)
    out = tmp_path / "output"
    result = cli_build(corpus, out)
    assert result.exit_code == 0, result.output
    first = snapshot(out)
    again = cli_build(corpus, out)
    assert again.exit_code == 0, again.output
    assert snapshot(out) == first, "a rebuild of unchanged input changed bytes"
    return assert_nothing_lost(corpus, out).quads, first


@pytest.fixture(scope="module")
def once(tmp_path_factory):
    quads, _ = built(tmp_path_factory.mktemp("once"), {"a": ARTICLE.encode()})
    assert instances(quads, KINDS["quotation"]), "the fixture article must yield a quotation"
    return quads


def test_the_same_article_under_two_ids_gives_the_same_instances(tmp_path, once):
    quads, _ = built(tmp_path, {"a": ARTICLE.encode(), "b": ARTICLE.encode()})
    for kind, class_iri in KINDS.items():
        assert instances(quads, class_iri) == instances(once, class_iri), kind
    graphs = {q.graph_name.value for q in quads}
    assert len(graphs) == 2, "each article keeps its own named graph"


def test_a_repeated_paragraph_adds_no_instance_and_no_second_text(tmp_path, once):
    repeated = ARTICLE + "\n" + QUOTE_PARAGRAPH
    quads, _ = built(tmp_path, {"a": repeated.encode()})
    for kind, class_iri in KINDS.items():
        assert instances(quads, class_iri) == instances(once, class_iri), kind
    texts = Counter(q.subject.value for q in quads if q.predicate.value == SCHEMA_IRI + "text")
    assert texts and set(texts.values()) == {1}, f"quotations with more than one schema:text: {texts}"
    duplicates = [q for q in quads if q.predicate.value == CPS_ONTOLOGY + "duplicateOf"]
    assert len(duplicates) == 1
    begin = repeated.rindex(QUOTE_PARAGRAPH)
    assert duplicates[0].subject.value.endswith(f"#char={begin},{begin + len(QUOTE_PARAGRAPH) - 1}")
