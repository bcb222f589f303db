"""Extraction never fails on odd text and every span it writes anchors exactly the text at its offsets.

Hypothesis writes news-like paragraphs from pieces that trigger every recogniser (titles, honorifics,
registry names, glued names, curly and straight quotes, unbalanced quotes, colons, NFD accents, tabs),
so the rules meet combinations no hand-written article has.
"""

from __future__ import annotations

import unicodedata

from extraction_support import article_of, registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.extract.extractors import extract_article
from builder.namespaces import NIF_IRI
from builder.resolve.resolved import resolve

PIECES = [
    "CTU President", "Mayor", "CPS CEO Dr.", "Janice K. Jackson", "Lori Lightfoot", "LoriLightfoot", "Jackson",
    "said", "said in a statement Monday:", "told reporters", "the union", "the district", "the mayor",
    "“", "”", '"', ",”", ',"', "." , ":", ", president of the", "Illinois Federation of Teachers",
    ", with the", "Portland Parents Coalition", "José Álvarez", unicodedata.normalize("NFD", "José Álvarez"),
    "O'Brien", "Teamsters Local 320", "Sunday", "Feb. 22", "\t", "—", "(@handle)", "By", "CHICAGO —",
    "we hope", "the offer", "last, best and final", "she said.", "Bruno", "Robert Bruno",
]


paragraph = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map(" ".join)
articles = st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_extraction_survives_and_anchors_every_span_exactly(text):
    article = article_of(text)
    facts = extract_article(resolve(article, registry()), registry())
    spans: dict[str, dict[str, object]] = {}
    for quad in facts.quads:
        if quad.predicate.value in (NIF_IRI + "beginIndex", NIF_IRI + "endIndex", NIF_IRI + "anchorOf"):
            spans.setdefault(quad.subject.value, {})[quad.predicate.value.rsplit("#", 1)[1]] = quad.object.value
    for node, span in spans.items():
        assert text[int(span["beginIndex"]):int(span["endIndex"])] == span["anchorOf"], node
