"""The data model that ingestion produces and every later stage reads.

Offsets are Unicode code-point offsets into `Article.text`, the article file decoded as UTF-8 with the
BOM removed and line endings normalised to LF (this text is the NIF context's `nif:isString`). For every
span, `article.text[span.begin:span.end]` is exactly the span's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

KnowledgeMode = Literal["stated", "inferred"]
ParagraphRole = Literal["content", "furniture", "duplicate"]


@dataclass(frozen=True)
class MetaValue:
    """One metadata value of an article and how it is known (stated in the text, or inferred)."""

    value: str | date
    how: KnowledgeMode
    evidence: str
    reasoning: str | None = None


@dataclass(frozen=True)
class ArticleMeta:
    id: str
    file: str  # path relative to the corpus folder
    date_published: MetaValue
    publisher: MetaValue
    headline: MetaValue | None = None
    authors: tuple[MetaValue, ...] = ()
    seed: str | None = None
    url: str | None = None  # where the article was read, only if really known (never made up)
    retrieved: date | None = None  # the day it was read at `url`
    export: bool = True  # False: never exported to Wikidata (a made-up example, a test article)

    @property
    def published(self) -> date:
        value = self.date_published.value
        assert isinstance(value, date)
        return value


@dataclass(frozen=True)
class Paragraph:
    """A non-blank line of the article, classified as content, page furniture or a duplicate."""

    index: int
    begin: int
    end: int
    role: ParagraphRole
    kind: str  # content: body, headline, byline, embedded-post; otherwise the rule family
    rule: str | None = None  # the furniture or duplicate rule that classified it
    duplicate_of: int | None = None


@dataclass(frozen=True)
class Sentence:
    begin: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Article:
    """Stage 1's hand-off: one article, decoded, segmented and classified; immutable, so the map can send
    it to any worker process and no later stage can change what an offset points at."""

    meta: ArticleMeta
    text: str
    sha256: str  # of the file's bytes, so a reader can check the source they hold
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()

    @property
    def id(self) -> str:
        return self.meta.id

    def span(self, begin: int, end: int) -> str:
        return self.text[begin:end]

    def content_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role == "content"]

    def find_evidence(self, evidence: str) -> tuple[int, int] | None:
        """Offsets of the first occurrence of an evidence string in the text, if it occurs."""
        at = self.text.find(evidence)
        return None if at < 0 else (at, at + len(evidence))
