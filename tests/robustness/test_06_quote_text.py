"""bad-inputs #6: quotation text with `"`, `\\`, `\"\"\"`, a trailing `"`, TAB, newline, U+2028, U+202E,
control characters, an emoji ZWJ sequence and NBSP survives exactly.

Two levels: the literal builders of `builder.emit.terms` through Turtle, TriG, N-Triples and JSON-LD in both
pyoxigraph and rdflib (each library reading what either wrote); and a whole article carrying these
characters through `cpskg build`, whose written text (`nif:isString`) and every `nif:anchorOf` must be
the article's characters exactly, as read back by both libraries.
"""

from __future__ import annotations

import pytest
import rdflib

from builder.emit import terms
from builder.namespaces import NIF_IRI
from tests.corpus_factory import make_corpus
from tests.properties.roundtrip import FORMATS, expected_reading, literal_round_trips
from tests.robustness.promises import assert_nothing_lost, cli_build

NASTY = {
    "double quote": 'he said "no"',
    "backslash": "C:\\path\\n is not a newline",
    "triple quotes": 'a """long""" string',
    "trailing quote": 'ends with a quote"',
    "trailing backslash": "ends with a backslash\\",
    "tab": "before\tafter",
    "newline": "line one\nline two",
    "carriage return": "one\rtwo",
    "line separator U+2028": "one\u2028two",
    "paragraph separator U+2029": "one\u2029two",
    "right-to-left override U+202E": "abc\u202edef",
    "control characters": "bell\x07 escape\x1b unit\x1f delete\x7f",
    "emoji ZWJ sequence": "family \U0001F468\u200D\U0001F469\u200D\U0001F467 ok",
    "NBSP": "50\u00a0percent",
    "BOM inside": "zero\ufeffwidth",
    "astral and combining": "e\u0301 \U0001D11E",
}
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")


@pytest.mark.parametrize("fmt_name", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(NASTY))
def test_literals_round_trip_in_both_libraries(case, fmt_name):
    value = NASTY[case]
    for literal in (terms.text(value), terms.english(value)):
        read = literal_round_trips(literal, fmt_name)
        assert read == {path: expected_reading(literal) for path in read}, read


# An article whose quotation carries the characters that stay inside one line of text.
QUOTE = ("“He said \"no\" — \\ and \"\"\" and\ttab, \u202eRTL\u202c, "
         "\U0001F468\u200D\U0001F469\u200D\U0001F467, 50\u00a0%\x07,\"")
ARTICLE = (f"CHICAGO — Chicago teachers met again on Monday.\n\n{QUOTE}” CTU President Jesse Sharkey said.\n\n"
           "A line\u2028separator and a paragraph\u2029separator stay in the text.\n")


def test_an_article_with_these_characters_is_written_exactly(tmp_path):
    corpus = make_corpus(tmp_path, {"nasty": ARTICLE.encode()})
    out = tmp_path / "output"
    result = cli_build(corpus, out, "--include-full-text")  # the whole text too, to check it round-trips
    assert result.exit_code == 0, result.output
    quads = assert_nothing_lost(corpus, out).quads
    by_oxigraph = [q.object.value for q in quads if q.predicate.value == NIF_IRI + "isString"]
    assert by_oxigraph == [ARTICLE]
    dataset = rdflib.Dataset()
    dataset.parse(out / "cpskg.trig", format="trig")
    is_string = rdflib.URIRef(NIF_IRI + "isString")
    assert [str(o) for _, _, o, _ in dataset.quads((None, is_string, None, None))] == [ARTICLE]
    anchors = [(q.subject.value, q.object.value) for q in quads if q.predicate.value == NIF_IRI + "anchorOf"]
    assert anchors
    for subject, anchor in anchors:
        begin, end = map(int, subject.rsplit("#char=", 1)[1].split(","))
        assert ARTICLE[begin:end] == anchor, subject
