"""Number grammar of news copy: digits with thousands separators and decimals, a Unicode minus, scale words
("1.5 million", "a billion"), and English number words ("seventy", "seventy-five", "one hundred and
twenty"). Every value is an exact `Decimal`; text that looks numeric but is not a well-formed number (a
misplaced separator, "NaN", "Infinity") raises `ValueError`, which callers turn into a warning and skip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["NUMBER_PATTERN", "parse_number", "WORD_NUMBER"]

_UNITS = {word: i for i, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {word: 10 * (i + 2) for i, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"dozen": Decimal(12), "thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
           "trillion": Decimal(10) ** 12}
_SMALL_WORDS = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE_WORDS = "dozen|thousand|million|billion|trillion"
_WORD = rf"(?:{_SMALL_WORDS}|hundred|{_SCALE_WORDS})"

# A number written in words: "seventy", "seventy-five", "one hundred and twenty", "a billion".
WORD_NUMBER = (rf"(?i:\b(?:an?\s+(?:hundred|{_SCALE_WORDS})(?:\s+(?:and\s+)?{_WORD})*"
               rf"|(?:{_SMALL_WORDS})(?:[\s-]+(?:and\s+)?{_WORD})*)\b)")
# Digits as news copy writes them; deliberately broad ("1,50,0" is matched so that it can be refused loudly).
_DIGITS = r"[-−]?(?:\d(?:[\d,]*\d)?(?:\.\d+)?|\.\d+)"
NUMBER_PATTERN = rf"(?:{_DIGITS}(?:\s+(?i:{_SCALE_WORDS}))?|{WORD_NUMBER})"

_WELL_FORMED_DIGITS = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-−]?\.\d+")


def parse_number(text: str) -> Decimal:
    """The exact value of a number expression; ValueError if it is not a well-formed number."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("empty number")
    head, _, rest = text.partition(" ")
    if re.fullmatch(r"[-−]?[\d.,]+", head):
        value = _parse_digits(head)
        scale = rest.lower()
        if scale:
            if scale not in _SCALES:
                raise ValueError(f"unknown scale word {rest!r}")
            value *= _SCALES[scale]
        return value
    return _parse_words(text)


def _parse_digits(text: str) -> Decimal:
    if not _WELL_FORMED_DIGITS.fullmatch(text):
        raise ValueError(f"malformed number {text!r}")
    negative = text[0] in "-−"
    try:
        value = Decimal(text.lstrip("-−").replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"malformed number {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a finite number {text!r}")
    return -value if negative else value


def _parse_words(text: str) -> Decimal:
    """English cardinal words, by the usual total/group accumulation."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        raise ValueError(f"not a number {text!r}")
    if words[0] in ("a", "an"):
        if len(words) < 2 or words[1] not in (*_SCALES, "hundred"):
            raise ValueError(f"not a number {text!r}")
        words[0] = "one"
    total, group, seen = Decimal(0), Decimal(0), False
    for word in words:
        if word in _UNITS:
            group += _UNITS[word]
        elif word in _TENS:
            group += _TENS[word]
        elif word in ("hundred", *_SCALES) and not seen:
            raise ValueError(f"{text!r} has a scale word but no number before it")
        elif word == "hundred":
            group = (group or 1) * 100
        elif word in _SCALES:
            total += (group or 1) * _SCALES[word]
            group = Decimal(0)
        else:
            raise ValueError(f"not a number word {word!r} in {text!r}")
        seen = True
    if not seen:
        raise ValueError(f"not a number {text!r}")
    return total + group


@dataclass(frozen=True)
class QuantityMention:
    begin: int  # the number and its unit, including an approximation word
    end: int
    value: Decimal
    unit: str | None  # from a fixed list: count, USD, EUR, GBP, percent, hour, day, week, month, year, minute
    counted: str | None  # the counted noun phrase's head (with a participle: "employees vaccinated")
    counted_span: tuple[int, int] | None
    rate: str | None  # "week" for "per week"
    approximate: bool
    rule: str
    confidence: float

    @property
    def unit_text(self) -> str | None:
        if self.rate:
            return f"{self.unit or 'count'} per {self.rate}"
        return self.unit

    def describe(self, grouped: bool = False) -> str:
        """'about 1500 workers per week'; grouped: '1,500' (labels), plain digits for IRI slugs."""
        parts = [("about " if self.approximate else "") + format(self.value.normalize(), ",f" if grouped else "f")]
        if self.unit and self.unit not in ("count",):
            parts.append(self.unit)
        if self.counted:
            parts.append(self.counted)
        if self.rate:
            parts.append(f"per {self.rate}")
        return " ".join(parts)
