"""Fixed bug (the anchor shape's message now names offsets, not texts): a mention whose nif:anchorOf
differs from its context text crashed pySHACL instead of being reported when either text held a
backslash.

pySHACL fills the `{?var}` placeholders of an sh:message with `re.sub(placeholder, str(value), message)`,
so a bound value is read as a regex replacement template, and a backslash followed by a letter is a bad
escape (`re.error: bad escape \\x`). The message of cpsh:AnchorMatchesText-sparql quoted both the anchor
and the context text. Found by the hypothesis test of the anchor check; failing input inline below.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal, URIRef

from builder.validate.fastvalidate import validate_quads
from builder.validate.shacl import validate_graph
from tests.validate.test_shapes import SHAPES_NS, span_graph

CONTEXT_TEXT, BEGIN, END, WRONG_ANCHOR = "\\", 0, 1, "\\x"


def test_a_wrong_anchor_next_to_a_backslash_is_reported_not_raised():
    graph, mention = span_graph(CONTEXT_TEXT, BEGIN, END, WRONG_ANCHOR)
    report = validate_graph(graph)
    assert [(r.source_shape, r.value) for r in report.results] == [
        (URIRef(SHAPES_NS + "AnchorMatchesTextShape"), mention)
    ]
    assert "at offsets 0-1" in report.results[0].message


def test_the_fast_validator_reports_it_with_the_same_message():
    graph, _mention = span_graph(CONTEXT_TEXT, BEGIN, END, WRONG_ANCHOR)
    fast = validate_quads(ox.Triple(*(_oxigraph(term) for term in triple)) for triple in graph)
    assert [r.message for r in fast.results] == [r.message for r in validate_graph(graph).results]


def _oxigraph(term: URIRef | Literal):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
