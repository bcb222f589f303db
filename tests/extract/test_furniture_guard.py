"""No fact is grounded in page clutter (issue 14): `ArticleContext.ground` refuses a span in a furniture or
repeated paragraph whatever extractor asks, and a page whose captions, credits, promotions and notices
name people, organisations, numbers and dates yields no mention there."""

from __future__ import annotations

import warnings

import pytest
from extraction_support import article_of, graph_of, registry, rows

from builder.emit.terms import QuadSink
from builder.extract.context import ArticleContext, FurnitureWarning, ResolvedArticle
from builder.resolve.mentions import RULE_PERSON_BYLINE as RULE

# A page of an invented dispute: every clutter line names someone, a number or a date.
PAGE = """Lakeshore Courier
News | Schools | Opinion
Ferry crews at Dunmore set a strike date
By Oriel Pankhurst-Mba
Share | Print | Comments (12)
Ferry deckhand Talia Wrenfield-Osei pickets at Dunmore pier on Monday, Jan. 11, 2021.
(Courier photo/Basil Ackroyd-Nunn)
DUNMORE — About 140 deckhands of the Dunmore Ferry Workers Union will strike on Feb. 20 unless a deal is \
reached, union president Marguerite Olabode-Finch said Thursday.
"We have waited 14 months for a fair offer," Olabode-Finch said.
Read more: Ferry fares rise 12% as Dunmore Harbour Authority cuts 30 sailings
Subscribe for $1 a week. Already a subscriber? Sign in
MORE FROM THE COURIER
HARBOUR AUTHORITY CHAIR GWENDOLYN ASHCROFT-BELL QUITS AFTER 9 YEARS
"""


def _content_spans(article) -> list[tuple[int, int]]:
    return [(p.begin, p.end) for p in article.paragraphs if p.role == "content"]


def test_ground_refuses_a_span_in_furniture():
    article = article_of(PAGE)
    caption = next(p for p in article.paragraphs if "Talia" in article.text[p.begin:p.end])
    assert caption.role == "furniture"
    sink = QuadSink(article.id)
    ctx = ArticleContext(ResolvedArticle(article, ()), sink, registry())
    with pytest.warns(FurnitureWarning, match=RULE):
        assert ctx.ground("https://example.org/x", caption.begin, caption.end, RULE, 0.5) is None
    assert len(sink) == 0
    body = next(p for p in article.paragraphs if article.text[p.begin:p.end].startswith("DUNMORE"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", FurnitureWarning)
        assert ctx.ground("https://example.org/x", body.begin, body.begin + 7, RULE, 0.5) is not None


def test_a_page_with_clutter_grounds_nothing_in_it():
    article = article_of(PAGE)
    content = _content_spans(article)
    spans = rows(graph_of([article]), """
        SELECT ?b ?e WHERE { GRAPH ?g { ?x gaf:denotedBy ?m . ?m nif:beginIndex ?b ; nif:endIndex ?e } }""")
    assert spans, "the report's own facts are grounded"
    outside = [(int(r["b"]), int(r["e"])) for r in spans
               if not any(b <= int(r["b"]) and int(r["e"]) <= e for b, e in content)]
    assert not outside, [article.text[b:e] for b, e in outside]
