"""Paragraphs and sentences: exact code-point offsets, and the habits of scraped news copy."""

from __future__ import annotations

from pathlib import Path

from builder.ingest.articles import ingest_corpus
from builder.ingest.segment import paragraph_spans, sentence_spans

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def sentences(text: str) -> list[str]:
    return [text[s.begin:s.end] for b, e in paragraph_spans(text) for s in sentence_spans(text, b, e, 0)]


def test_every_span_of_every_seed_is_exact_and_inside_its_paragraph():
    for article in ingest_corpus(CORPUS):
        for p in article.paragraphs:
            span = article.text[p.begin:p.end]
            assert span == span.strip() and span and "\n" not in span
        for s in article.sentences:
            p = article.paragraphs[s.paragraph]
            assert p.begin <= s.begin < s.end <= p.end
            assert article.text[s.begin:s.end].strip() == article.text[s.begin:s.end]


def test_sentences_cover_the_content_without_overlap():
    for article in ingest_corpus(CORPUS):
        previous_end = -1
        for s in article.sentences:
            assert s.begin >= previous_end
            previous_end = s.end


def test_glued_sentences_are_split():
    assert sentences('They met Monday.The talks went on. "We agree," she said."Not yet," he said.') == [
        "They met Monday.", "The talks went on.", '"We agree," she said.', '"Not yet," he said.']


def test_abbreviations_initials_and_times_do_not_split():
    text = ("Dr. Jane Q. Public met at 11:15 p.m. on Thursday, Feb. 4 with W.R. Meadows staff in the U.S. "
            "capital. Talks resume at 10 a.m. Monday.")
    assert sentences(text) == [
        "Dr. Jane Q. Public met at 11:15 p.m. on Thursday, Feb. 4 with W.R. Meadows staff in the U.S. capital.",
        "Talks resume at 10 a.m. Monday."]


def test_curly_quotes_and_question_marks():
    text = "“Is it over?” she asked. “No.” The vote is Tuesday!"
    assert sentences(text) == ["“Is it over?” she asked.", "“No.”", "The vote is Tuesday!"]


def test_ellipsis_followed_by_lower_case_continues_the_sentence():
    assert sentences("“We only need 38…. if that happens, kids are back,” he said.") == [
        "“We only need 38…. if that happens, kids are back,” he said."]


def test_paragraphs_are_non_blank_lines_trimmed():
    text = " first line \n\n\tsecond\n   \nthird"
    assert [text[b:e] for b, e in paragraph_spans(text)] == ["first line", "second", "third"]


def test_a_datelines_abbreviated_state_does_not_end_a_sentence():
    """A dateline's state or province ("PELHAM, Ore. (Northwire) —") was cut off as a sentence of its own."""
    text = "PELHAM, Ore. (Northwire) — Drivers walked out on Monday. The district in Pelham, Ore. said no.\n"
    assert sentences(text) == ["PELHAM, Ore. (Northwire) — Drivers walked out on Monday.",
                               "The district in Pelham, Ore. said no."]
