"""Tell article content from page furniture, and find paragraphs a page repeats.

Scraped news pages carry more than the report: promotions of other stories ("READ MORE:"), video teasers,
a sidebar of recent posts, category lines, archive notices, photo captions. None of it is evidence about
the story, so extraction must not read it. Each rule here is a general pattern of news pages (never a
string of a particular page) and every excluded paragraph records the rule that excluded it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from builder.ingest import page_rules
from builder.ingest.document import ArticleMeta, Paragraph
from builder.ingest.layout import apply_layout
from builder.ingest.page_rules import FurnitureRule

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


def _regex(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    compiled = re.compile(pattern, flags)
    return lambda text: bool(compiled.search(text))


def _is_photo_caption(text: str) -> bool:
    # Wire-style captions describe the picture in one sentence and end with its full date
    # ("... speaks to reporters in Chicago, Monday, Jan. 11, 2021."); body sentences rarely end with a
    # year, and never in quotation. Photo credits in parentheses are captions too.
    if re.search(r"\((?:AP|Getty Images|Reuters|Photo|Courtesy)\b[^)]*\)\s*$", text):
        return True
    if '"' in text or "“" in text or len(text.split()) > 45:
        return False
    return bool(re.search(rf"(?:{_WEEKDAY},\s+)?{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\.\s*$", text))


# Rules that exclude a single paragraph, each a habit of news pages in any house style. Order matters
# only for the rule name recorded (the first that matches).
PARAGRAPH_RULES: tuple[FurnitureRule, ...] = (
    FurnitureRule(
        "related-story-link",
        "a promotion of another story: an upper-case lead-in such as READ MORE:, MORE NEWS:, RELATED:",
        _regex(r"^(?:READ MORE|MORE NEWS|RELATED(?: STORIES| COVERAGE| CONTENT)?|ALSO READ|SEE ALSO|"
               r"DON'T MISS|TRENDING|LATEST NEWS|MORE)\s*:"),
    ),
    FurnitureRule(
        "media-promo",
        "a teaser for a video, gallery or audio item (WATCH |, VIDEO:, PHOTOS:), with any scraped date",
        _regex(r"^(?:date\s+\d{4}-\d{2}-\d{2}\s+)?(?:WATCH|VIDEO|LISTEN|PHOTOS|GALLERY|LIVE)\s*[|:]"),
    ),
    FurnitureRule(
        "outlet-promo",
        "a heading that introduces the outlet's other content (Also From ..., More From ...)",
        _regex(r"^(?:Also|More|Latest|Trending)\s+(?:From|On|At)\s+[^.!?]{1,60}:?$"),
    ),
    FurnitureRule(
        "taxonomy-line",
        "a list of the page's categories or tags",
        _regex(r"^(?:Categories|Category|Tags|Topics|Filed [Uu]nder|Posted [Ii]n|Sections?)\s*:"),
    ),
    FurnitureRule(
        "archive-notice",
        "a notice that the page is archived or may be out of date",
        _regex(r"\barchived\s+(?:article|story|page|post)\b|\bmay be (?:outdated|out of date)\b", re.I),
    ),
    FurnitureRule(
        "site-boilerplate",
        "copyright lines, newsletter and app prompts, social-media follow prompts",
        _regex(r"^(?:©|Copyright\b)|\bAll rights reserved\b|^(?:Sign up|Subscribe) (?:for|to)\b|"
               r"^Follow (?:us|@)|^Click here\b|^Download (?:the|our)\b.*\bapp\b", re.I),
    ),
    FurnitureRule("photo-caption", "a wire-style photo caption or photo credit", _is_photo_caption),
    *page_rules.RULES,
)

SIDEBAR_HEADING = re.compile(
    r"^(?:(?:Recent|Related|Popular|Latest|Trending|More|Top)\s+(?:Posts|Stories|Articles|News|Headlines)|"
    r"Most\s+(?:Read|Popular|Viewed|Shared)|You (?:May|Might) Also Like)\s*:?$",
    re.I,
)
SIDEBAR_RULE = "sidebar"
MASTHEAD_RULE = "masthead"
DUPLICATE_RULE = "repeated-paragraph"

_BYLINE_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
BYLINE = re.compile(rf"^By\s+{_BYLINE_NAME}(?:\s+and\s+{_BYLINE_NAME})?$")
EMBEDDED_POST = re.compile(rf"[—–-]\s*[^()\n]{{1,80}}\(@\w{{1,30}}\)\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\s*$")


def classify_paragraphs(text: str, spans: list[tuple[int, int]], meta: ArticleMeta | None = None) -> list[Paragraph]:
    """Give every paragraph span a role (content, furniture, duplicate), a kind and, if excluded, a rule:
    first by what each line is (the line rules), then by where it stands on the page
    (`builder.ingest.layout`, which also reads the article's metadata when it is given)."""
    sidebar_from = _sidebar_start(text, spans)
    paragraphs: list[Paragraph] = []
    seen_body = False
    for index, (begin, end) in enumerate(spans):
        body = text[begin:end]
        if sidebar_from is not None and index >= sidebar_from:
            paragraphs.append(Paragraph(index, begin, end, "furniture", SIDEBAR_RULE, SIDEBAR_RULE))
            continue
        if sidebar_from is not None and index == sidebar_from - 1 and _is_short_title(body):
            # The site's name printed above its own sidebar.
            paragraphs.append(Paragraph(index, begin, end, "furniture", MASTHEAD_RULE, MASTHEAD_RULE))
            continue
        rule = None if BYLINE.match(body) else next((r for r in PARAGRAPH_RULES if r.matches(body)), None)
        if rule is not None:
            paragraphs.append(Paragraph(index, begin, end, "furniture", rule.name, rule.name))
            continue
        kind = _content_kind(body, seen_body)
        seen_body = seen_body or kind == "body"
        paragraphs.append(Paragraph(index, begin, end, "content", kind))
    return _mark_duplicates(text, apply_layout(text, paragraphs, meta))


def _sidebar_start(text: str, spans: list[tuple[int, int]]) -> int | None:
    for index, (begin, end) in enumerate(spans):
        if index > 0 and SIDEBAR_HEADING.match(text[begin:end]):
            return index
    return None


def _is_short_title(body: str) -> bool:
    return len(body.split()) <= 6 and body[-1] not in ".!?:”\""


def _content_kind(body: str, seen_body: bool) -> str:
    if BYLINE.match(body):
        return "byline"
    if EMBEDDED_POST.search(body):
        return "embedded-post"
    if not seen_body and len(body.split()) <= 20 and body[-1] not in ".!?:”\"":
        return "headline"
    return "body"


def normalise_for_comparison(body: str) -> str:
    """Paragraph text with quote styles, dashes and white space folded: a page that repeats a paragraph
    often repeats it with straight instead of curly quotes."""
    folded = unicodedata.normalize("NFKC", body)
    folded = re.sub(r"[“”„‟″]", '"', folded)
    folded = re.sub(r"[‘’‚‛′]", "'", folded)
    folded = re.sub(r"[‐‑‒–—]", "-", folded)
    return re.sub(r"\s+", " ", folded).strip().casefold()


def _mark_duplicates(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    first_seen: dict[str, int] = {}
    marked = []
    for paragraph in paragraphs:
        if paragraph.role != "content":
            marked.append(paragraph)
            continue
        key = normalise_for_comparison(text[paragraph.begin : paragraph.end])
        if key in first_seen and len(key.split()) >= 5:
            marked.append(
                Paragraph(paragraph.index, paragraph.begin, paragraph.end, "duplicate", paragraph.kind,
                          DUPLICATE_RULE, first_seen[key])
            )
            continue
        first_seen.setdefault(key, paragraph.index)
        marked.append(paragraph)
    return marked
