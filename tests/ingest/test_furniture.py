"""Page furniture rules, tested on a page written for this test (not one of the seeds)."""

from __future__ import annotations

from pathlib import Path

from builder.ingest.articles import ingest_corpus
from builder.ingest.furniture import classify_paragraphs
from builder.ingest.segment import paragraph_spans

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# A news page of the kind a scraper returns, about an invented negotiation, with the furniture of
# several outlets' templates. Each line's expected role/rule is given beside it.
PAGE = [
    ("Tags: Labor, Education, Minneapolis", "furniture", "taxonomy-line"),
    ("Minneapolis teachers reach deal with district", "content", None),  # headline
    ("By Ana Ruiz and Tom Okafor", "content", None),  # byline
    ("Union members rally outside the district office in Minneapolis, Tuesday, March 8, 2022.", "furniture",
     "photo-caption"),
    ("MINNEAPOLIS (KARE) — Teachers in Minneapolis reached a tentative agreement on Friday.", "content", None),
    ("RELATED: Parents weigh in on the strike", "furniture", "related-story-link"),
    ("VIDEO: Union leaders speak after the vote", "furniture", "media-promo"),
    ("“We got smaller classes,” said Greta Callahan, president of the teachers chapter.", "content", None),
    ("This story has been archived and the information may be out of date.", "furniture", "archive-notice"),
    ("More From KARE 11:", "furniture", "outlet-promo"),
    ("Copyright 2022 KARE. All rights reserved.", "furniture", "site-boilerplate"),
    ("Teachers in Minneapolis reached a tentative agreement on Friday.", "content", None),
    ("KARE 11 News", "furniture", "masthead"),
    ("Related Stories", "furniture", "sidebar"),
    ("Snow expected this weekend across the metro", "furniture", "sidebar"),
    ("2 hours ago", "furniture", "sidebar"),
]


def classify(lines: list[str]):
    text = "\n".join(lines) + "\n"
    return text, classify_paragraphs(text, paragraph_spans(text))


def test_rules_classify_a_page_they_have_never_seen():
    _, paragraphs = classify([line for line, _, _ in PAGE])
    got = [(p.role, p.rule) for p in paragraphs]
    expected = [(role, rule) for _, role, rule in PAGE]
    assert got == expected


def test_content_kinds_headline_byline_body():
    _, paragraphs = classify([line for line, _, _ in PAGE])
    kinds = {PAGE[p.index][0]: p.kind for p in paragraphs if p.role == "content"}
    assert kinds["Minneapolis teachers reach deal with district"] == "headline"
    assert kinds["By Ana Ruiz and Tom Okafor"] == "byline"
    assert kinds[PAGE[4][0]] == "body"


def test_repeated_paragraph_with_other_quote_style_is_a_duplicate_of_the_first():
    lines = ["The district said the offer “merits review” and a vote is due Sunday.",
             "Something else happened in between these two paragraphs.",
             'The district said the offer "merits review" and a vote is due Sunday.']
    _, paragraphs = classify(lines)
    assert [p.role for p in paragraphs] == ["content", "content", "duplicate"]
    assert paragraphs[2].duplicate_of == 0 and paragraphs[2].rule == "repeated-paragraph"


def test_a_sentence_ending_with_a_date_inside_a_quote_is_not_a_caption():
    _, paragraphs = classify(["Talks began early.", "“We will strike on Monday, March 7, 2022.”"])
    assert paragraphs[1].role == "content"


def test_seed_furniture_is_excluded_with_its_rule():
    by_rule: dict[str, int] = {}
    for article in ingest_corpus(CORPUS):
        for p in article.paragraphs:
            if p.role != "content":
                by_rule[p.rule] = by_rule.get(p.rule, 0) + 1
                # nothing of a sidebar or promotion reaches the sentences extraction reads
                assert not any(s.paragraph == p.index for s in article.sentences)
    assert by_rule == {"archive-notice": 1, "media-promo": 1, "related-story-link": 3, "outlet-promo": 1,
                       "taxonomy-line": 1, "photo-caption": 1, "masthead": 1, "sidebar": 19,
                       "repeated-paragraph": 1}
