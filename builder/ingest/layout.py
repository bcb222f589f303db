"""Clutter recognised by where a line stands on the page, after the line rules have run.

News pages share a layout whatever their house style: the masthead, menus and section names sit above
the headline; the byline, the outlet's name and the date sit between the headline and the first
paragraph of the report; a press release ends with its boilerplate after "###" or "ENDS"; a heading
such as "MORE FROM …" is followed by a list of other stories' headlines; a caption sits directly above
its photo credit. These passes use that layout, and the article's metadata (its headline, and the lines
the corpus names as evidence of its publisher, date and authors), never a string of a particular page.

Each pass only turns `content` lines into `furniture`; the headline the metadata names is never touched.
"""

from __future__ import annotations

import re

from builder.ingest.document import ArticleMeta, Paragraph
from builder.ingest.page_rules import is_capitals, is_footer_start, is_photo_credit, is_timestamp

ABOVE_HEADLINE_RULE = "above-headline"
METADATA_LINE_RULE = "metadata-line"
HEAD_BYLINE_RULE = "head-byline"
FOOTER_TAIL_RULE = "release-boilerplate"
PROMO_LIST_RULE = "promo-list"
CAPTION_RULE = "caption-above-credit"
BETWEEN_RULE = "between-clutter"
_PROMO_HEADINGS = ("related-line", "outlet-promo", "capitals-line")
_CONNECTORS = frozenset("of the and & for in at on a an de du la le van von der".split())


def apply_layout(text: str, paragraphs: list[Paragraph], meta: ArticleMeta | None) -> list[Paragraph]:
    bodies = [text[p.begin:p.end] for p in paragraphs]
    headline = _headline_index(bodies, meta)
    out = list(paragraphs)
    _metadata_lines(out, bodies, headline, meta)
    if headline is not None:
        _above_headline(out, bodies, headline)
        _head_bylines(out, bodies, headline)
    _footer_tail(out, bodies)
    _promo_lists(out, bodies)
    _captions(out, bodies)
    if headline is None:  # without metadata, the first headline-like line is taken as the headline
        headline = next((p.index for p in out if p.role == "content" and p.kind == "headline"), None)
    _between(out, bodies, headline)
    return out


def _furniture(paragraph: Paragraph, rule: str) -> Paragraph:
    return Paragraph(paragraph.index, paragraph.begin, paragraph.end, "furniture", rule, rule)


def _is_body_like(body: str) -> bool:
    """A paragraph of reporting: a long line, or a sentence with its full stop."""
    return len(body.split()) > 20 or (len(body.split()) > 6 and body.rstrip()[-1] in ".!?”\"’")


def _headline_index(bodies: list[str], meta: ArticleMeta | None) -> int | None:
    if meta is None or meta.headline is None:
        return None
    evidence = " ".join(meta.headline.evidence.split())
    for index, body in enumerate(bodies):
        if evidence and evidence in " ".join(body.split()):
            return index
    return None


def _metadata_lines(out: list[Paragraph], bodies: list[str], headline: int | None, meta: ArticleMeta | None) -> None:
    """A line that is, whole, the evidence of the article's publisher, date or an author is page metadata
    (a masthead, a date line, a byline), not report."""
    if meta is None:
        return
    evidence = {" ".join(v.evidence.split()) for v in (meta.publisher, meta.date_published, *meta.authors)}
    for index, body in enumerate(bodies):
        if index != headline and out[index].role == "content" and out[index].kind != "byline" \
                and " ".join(body.split()) in evidence and not _is_body_like(body):
            out[index] = _furniture(out[index], METADATA_LINE_RULE)


def _above_headline(out: list[Paragraph], bodies: list[str], headline: int) -> None:
    """Mastheads, menus, section names and release headers printed above the headline."""
    for index in range(headline):
        if out[index].role == "content" and not _is_body_like(bodies[index]):
            out[index] = _furniture(out[index], ABOVE_HEADLINE_RULE)


def _title_case(body: str) -> bool:
    words = body.split()
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS for w in words)


def _head_bylines(out: list[Paragraph], bodies: list[str], headline: int) -> None:
    """Between the headline and the report's first paragraph, a short line of capitalised words is the
    author's name, their title ("Staff Writer") or the outlet's: a byline without "By"."""
    for index in range(headline + 1, len(bodies)):
        body = bodies[index]
        if out[index].role == "content" and _is_body_like(body):
            return
        if out[index].role == "content" and out[index].kind != "byline" and len(body.split()) <= 5 \
                and body.rstrip()[-1] not in ".!?:" and _title_case(body):
            out[index] = _furniture(out[index], HEAD_BYLINE_RULE)


def _footer_tail(out: list[Paragraph], bodies: list[str]) -> None:
    """After the marker that ends a release ("###", "ENDS", "Notes to editors", "About the …", "Media
    contact:"), the rest of the page is boilerplate: contacts, the organisation's standard description."""
    start = next((i for i, b in enumerate(bodies) if i > 0 and is_footer_start(b)
                  and any(_is_body_like(x) for x in bodies[:i])), None)
    if start is None:
        return
    for index in range(start, len(bodies)):
        if out[index].role == "content":
            out[index] = _furniture(out[index], FOOTER_TAIL_RULE)


def _headline_like(body: str) -> bool:
    return len(body.split()) <= 16 and body.rstrip()[-1] not in ".!”\"’:" or is_capitals(body)


def _promo_lists(out: list[Paragraph], bodies: list[str]) -> None:
    """The headlines listed under a "MORE FROM …" or "Most read" heading promote other stories."""
    index = 0
    while index < len(bodies):
        if out[index].role == "furniture" and out[index].rule in _PROMO_HEADINGS and not _is_body_like(bodies[index]):
            follow = index + 1
            while follow < len(bodies) and out[follow].role == "content" and _headline_like(bodies[follow]) \
                    and out[follow].kind != "headline":
                out[follow] = _furniture(out[follow], PROMO_LIST_RULE)
                follow += 1
            index = follow
        index += 1


def _captions(out: list[Paragraph], bodies: list[str]) -> None:
    """A short line (one or two sentences: what the photo shows, then often its context, "The union says
    …") directly above a photo credit describes the photo."""
    for index in range(1, len(bodies)):
        if not is_photo_credit(bodies[index]) or out[index].role == "content":
            continue
        above = index - 1
        body = bodies[above]
        if out[above].role == "content" and len(body.split()) <= 45 and not re.search(r"[\"“”]", body) \
                and len(re.findall(r"[.!?](?:\s|$)", body)) <= 2:
            out[above] = _furniture(out[above], CAPTION_RULE)


def _between(out: list[Paragraph], bodies: list[str], headline: int | None) -> None:
    """A short line between two clutter lines of a block (a newsletter blurb between its heading and its
    sign-up button, a title between a byline and a date) belongs to the block."""
    for index in range(1, len(bodies) - 1):
        if index == headline or out[index].role != "content" or len(bodies[index].split()) > 8:
            continue
        before, after = out[index - 1], out[index + 1]
        if before.role == "furniture" and after.role == "furniture" and not is_timestamp(bodies[index - 1]) \
                and not is_timestamp(bodies[index + 1]) and before.rule != "sidebar":
            out[index] = _furniture(out[index], BETWEEN_RULE)
