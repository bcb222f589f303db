"""Split article text into paragraphs and sentences, keeping code-point offsets into the text.

Paragraphs are the non-blank lines of the page text (scraped news pages put one paragraph per line, and
some leave no blank line between them). Sentences are found with a rule-based splitter that knows the
habits of scraped news copy: sentences glued together without a space ("Monday.The district"), quotes
that open straight after a full stop, straight quotes whose direction only their count reveals, and the
abbreviations of news style (Dr., Feb., a.m., U.S., initials).
"""

from __future__ import annotations

import re

from builder.ingest.document import Sentence

TERMINATORS = ".!?…"
CLOSING = "”’)]"
OPENING = "“‘(["
# News-style abbreviations after which a full stop does not end a sentence (compared lower-cased).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof rev gov sen rep lt gen col capt sgt det supt st ave blvd rd jr sr inc corp co ltd
    llc vs etc dept univ assn jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu
    thur thurs fri sat sun approx est ft mt ph.d a.m p.m e.g i.e""".split()
)
WEEKDAYS_AND_MONTHS = re.compile(
    r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
# The start of a paragraph up to a dateline's abbreviated state or province ("LOUISVILLE, Ky", "BELLEVILLE, Ont").
_DATELINE_REGION = re.compile(r"[A-Z][A-Z.' -]+,\s+[A-Z][a-z]{1,4}$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_DIGIT_AFTER = re.compile(r"\s*\d")


def _word_before(text: str, i: int) -> re.Match | None:
    """`_WORD_BEFORE` ending at offset i, searched from the start of the run of letters and dots before i,
    not from the start of the article: the same match, found in time bounded by the word's length (a
    search from 0 made segmentation quadratic in the article's length: issue 13)."""
    k = i - 1 if i > 0 and text[i - 1] == "\n" else i  # `$` also matches before a final newline
    while k > 0 and text[k - 1] in _WORD_CHARS:
        k -= 1
    return _WORD_BEFORE.search(text, k, i)
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(begin, end) of each non-blank line, with surrounding white space trimmed."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        begin, end = match.span()
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            spans.append((begin, end))
    return spans


def sentence_spans(text: str, begin: int, end: int, paragraph: int) -> list[Sentence]:
    """Sentences of text[begin:end] with absolute offsets."""
    quote_opens = _straight_quote_directions(text, begin, end)
    sentences: list[Sentence] = []
    start = begin
    i = begin
    while i < end:
        if text[i] not in TERMINATORS:
            i += 1
            continue
        j = i
        while j < end and text[j] in TERMINATORS:
            j += 1
        while j < end and (text[j] in CLOSING or (text[j] == '"' and not quote_opens.get(j, False))):
            j += 1
        if _is_boundary(text, i, j, end, quote_opens):
            _append(sentences, text, start, j, paragraph)
            start = j
        i = j
    _append(sentences, text, start, end, paragraph)
    return sentences


def _append(sentences: list[Sentence], text: str, begin: int, end: int, paragraph: int) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin < end:
        sentences.append(Sentence(begin, end, paragraph))


def _straight_quote_directions(text: str, begin: int, end: int) -> dict[int, bool]:
    """For each straight double quote in the paragraph: True when it opens a quotation (by parity)."""
    directions = {}
    opening = True
    for index in range(begin, end):
        if text[index] == '"':
            directions[index] = opening
            opening = not opening
    return directions


def _starts_sentence(text: str, k: int, end: int, quote_opens: dict[int, bool]) -> bool:
    if k >= end:
        return False
    char = text[k]
    if char in OPENING or (char == '"' and quote_opens.get(k, False)):
        return k + 1 < end and (text[k + 1].isupper() or text[k + 1].isdigit())
    return char.isupper() or char.isdigit()


def _is_boundary(text: str, i: int, j: int, end: int, quote_opens: dict[int, bool]) -> bool:
    """Does the terminator run text[i:j] (closing quotes included) end a sentence?"""
    if j >= end:
        return True
    if text[i] == "." and _is_abbreviation(text, i, j, end):
        return False
    if text[j].isspace():
        k = j
        while k < end and text[k].isspace():
            k += 1
        return _starts_sentence(text, k, end, quote_opens)
    # Glued sentences ("Monday.The", 'developments."Despite'): accept only after a lower-case word of two
    # letters or more, so that "U.S.A" and "W.R. Meadows" stay whole.
    closed_a_quote = j > i + 1 and text[j - 1] in CLOSING + '"'
    word = _word_before(text, i)
    after_word = bool(word and re.fullmatch(r"[A-Za-z]?[a-z]+", word.group(1)))
    return (closed_a_quote or after_word) and _starts_sentence(text, j, end, quote_opens)


def _is_abbreviation(text: str, i: int, j: int, end: int) -> bool:
    word_match = _word_before(text, i)
    if not word_match:
        return False
    word = word_match.group(1)
    lowered = word.lower().rstrip(".")
    if _DATELINE_REGION.fullmatch(text, text.rfind("\n", 0, i) + 1, i):
        return True  # "SPOKANE, Wash. (KSPQ) —": the state of a dateline, not the end of a sentence
    if lowered in ("a.m", "p.m"):
        # "at 10 a.m. Thursday" continues; "at 10 a.m. The union ..." starts a new sentence.
        k = j
        while k < end and text[k].isspace():
            k += 1
        return bool(WEEKDAYS_AND_MONTHS.match(text, k)) or not (k < end and text[k].isupper())
    if lowered in ABBREVIATIONS:
        return True
    if lowered == "no":
        # "No. 5" abbreviates "number"; "“No.”" is a word that ends a sentence.
        return bool(_DIGIT_AFTER.match(text, j, end))
    return bool(_INITIALS.match(word)) and len(word.replace(".", "")) <= 3 and word[0].isupper()
