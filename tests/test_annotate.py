"""Each mention links to its sentence; quotations and claims link to the topics their words name (issue 17)."""

from __future__ import annotations

import re

import pytest

from builder.offers import TOPICS
from builder.store import load_store
from tests.corpus_factory import PROJECT

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


@pytest.fixture(scope="module")
def store():
    return load_store(PROJECT / "output")


def _rows(store, query):
    return list(store.query(query, use_default_graph_as_union=True))


def test_every_mention_in_a_content_paragraph_links_to_the_sentences_it_overlaps(store):
    rows = _rows(store, f"""
        PREFIX nif: <{NIF}> PREFIX cps: <https://w3id.org/cpskg/ontology#>
        SELECT ?m ?b ?e ?sb ?se WHERE {{
          ?m a cps:Mention ; nif:beginIndex ?b ; nif:endIndex ?e .
          FILTER NOT EXISTS {{ ?m a nif:Sentence }} FILTER NOT EXISTS {{ ?m a nif:Paragraph }}
          OPTIONAL {{ ?m nif:sentence ?s . ?s a nif:Sentence ; nif:beginIndex ?sb ; nif:endIndex ?se }}
        }}""")
    assert len(rows) > 500
    unlinked = {r["m"].value for r in rows if r["sb"] is None}
    # only metadata evidence inside page furniture (a scraped date line, an archive notice) has no sentence
    assert len(unlinked) <= 2
    for row in rows:
        if row["sb"] is None:
            continue
        b, e, sb, se = (int(row[k].value) for k in ("b", "e", "sb", "se"))
        assert sb < max(e, b + 1) and b < se, row["m"]


def test_a_mention_inside_one_sentence_has_its_words_in_that_sentence(store):
    rows = _rows(store, f"""
        PREFIX nif: <{NIF}> PREFIX gaf: <http://groundedannotationframework.org/gaf#>
        SELECT ?words ?sentence WHERE {{
          <https://w3id.org/cpskg/id/person/Robert_Bloch> gaf:denotedBy ?m .
          ?m nif:anchorOf ?words ; nif:sentence/nif:anchorOf ?sentence }}""")
    assert rows and all(r["words"].value in r["sentence"].value for r in rows)


def test_quotations_carry_exactly_the_topics_their_words_name(store):
    rows = _rows(store, """
        PREFIX schema: <http://schema.org/> PREFIX cps: <https://w3id.org/cpskg/ontology#>
        SELECT ?q ?text ?topic WHERE { ?q a schema:Quotation ; schema:text ?text OPTIONAL { ?q cps:topic ?topic } }""")
    by_quotation: dict[str, tuple[str, set[str]]] = {}
    for row in rows:
        text, topics = by_quotation.setdefault(row["q"].value, (row["text"].value, set()))
        if row["topic"] is not None:
            topics.add(row["topic"].value)
    assert any(topics for _, topics in by_quotation.values())
    for text, topics in by_quotation.values():
        expected = {str(topic) for topic, _, pattern in TOPICS if pattern.search(text)}
        assert topics == expected, text


def test_a_quotation_about_vaccines_is_found_by_topic(store):
    rows = _rows(store, """
        PREFIX schema: <http://schema.org/> PREFIX cps: <https://w3id.org/cpskg/ontology#>
        SELECT ?text WHERE { ?q cps:topic cps:VaccinationTopic ; schema:text ?text }""")
    assert rows and all(re.search(r"vaccin|shots?|doses?", r["text"].value, re.I) for r in rows)
