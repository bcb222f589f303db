"""Quotation marks: where the quotations of a paragraph open and close.

News copy marks quotations with double quotes of any shape (curly, straight, mixed, printed the wrong way
round), with single quotes in British style, and with guillemets; a quotation that runs on into the next
paragraph is left open at the end of the first. `quote_pairs` pairs the marks of one paragraph; the
apostrophe ("That's", "O'Brien", "our members' pay") is told apart from a single quotation mark.
"""

from __future__ import annotations

import re

DOUBLE = "“”\"„«»"  # guillemets alternate like the others: «French» and »German« order
SINGLE = "‘’'‚"
_LETTER = re.compile(r"\w")


def quote_pairs(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """(opening, closing) positions of the quotation marks of text[begin:end].

    Double quotes of any shape (curly, straight, mixed, or printed the wrong way round) alternate: news copy
    does not nest them except around single quotes. A quote left open at the end of the paragraph is
    paired with the paragraph's end: news style opens a quote that runs on into the next paragraph and
    closes it only there. Outside double quotes, single quotes (UK style, ‘…’ or '…') are read the same
    way, an apostrophe (a mark between two letters, "That's", "O'Brien", or a plural possessive followed by
    a further word the quote goes on with) being no quotation mark. A double quote closed by a single one
    (”It's fine,' she said. "…") leaves one double mark over: the others pair from the right, and the
    odd one closes at the single mark that ends its words."""
    marks = [at for at in range(begin, end) if text[at] in DOUBLE]
    pairs = list(zip(marks[0::2], marks[1::2], strict=False))
    opened = marks[-1] if len(marks) % 2 else None
    if opened is not None and not _plausible(text, pairs, begin, end):
        from_right = list(zip(marks[1::2], marks[2::2], strict=False))
        closer = _single_closer(text, marks[0], marks[1], end)
        if _plausible(text, from_right, begin, end) and _opens(text, marks[0], begin) and closer is not None:
            pairs, opened = [(marks[0], closer), *from_right], None
    if opened is not None:
        if _opens(text, opened, begin):
            pairs.append((opened, end))
    covered = [(b, e) for b, e in pairs]
    pairs += _single_pairs(text, begin, end, covered)
    # a quote inside another is part of its words (UK style nests double quotes in single ones)
    return sorted(p for p in pairs if not any(o < p[0] and p[1] < c for o, c in pairs))


def _plausible(text: str, pairs: list[tuple[int, int]], begin: int, end: int) -> bool:
    """Whether every pair opens before a word and closes after one."""
    return all(_opens(text, o, begin) and _closes(text, c, end) for o, c in pairs)


def _single_closer(text: str, opened: int, before: int, end: int) -> int | None:
    """The single mark that closes the words opened at `opened` (“It's fine,'), before position `before`:
    one after the punctuation that ends quoted words, not an apostrophe."""
    for at in range(opened + 1, before):
        if text[at] in SINGLE and text[at - 1] in ",.?!" and _closes(text, at, end):
            return at
    return None


def _opens(text: str, at: int, floor: int) -> bool:
    before = text[at - 1] if at > floor else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _closes(text: str, at: int, ceiling: int) -> bool:
    before = text[at - 1]
    after = text[at + 1] if at + 1 < ceiling else " "
    if before.isspace() or (_LETTER.match(before) and _LETTER.match(after)):
        return False
    return not after.isalnum()


def inner(text: str, begin: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding space and without the comma news style puts before the
    attribution (it replaces the speaker's full stop and is not the speaker's)."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return begin, end


def _single_pairs(text: str, begin: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    marks = [at for at in range(begin, end) if text[at] in SINGLE
             and not any(b <= at <= e for b, e in covered)]
    pairs, opened = [], None
    for position, at in enumerate(marks):
        if opened is None:
            if _opens(text, at, begin):
                opened = at
            continue
        if not _closes(text, at, end):
            continue
        # "our members' pay": a plural possessive, when the quote closes further on
        later = [m for m in marks[position + 1:] if _closes(text, m, end)]
        if text[at - 1] == "s" and re.match(r"\s+[a-z]", text[at + 1:at + 3]) and later:
            continue
        pairs.append((opened, at))
        opened = None
    if opened is not None and (text[opened] != "'" or not text[begin:opened].strip()):
        pairs.append((opened, end))
    return pairs
