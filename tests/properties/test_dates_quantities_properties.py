"""Date and quantity normalisation never produce an ill-typed literal, and never guess.

Text is generated from the pieces news copy dates and counts things with (month names and abbreviations,
weekdays, numeric and ISO dates, years, digits with separators, scale and number words, `$`, `%`, the
U+2212 minus) mixed with words and punctuation, so the finders see realistic and broken input alike.

* dates: a day-precision mention carries a `datetime.date` whose xsd:date literal round-trips; every
  other precision carries no day; an unresolved mention always raised a `DateWarning`; a numeric date
  with two valid readings is resolved only when the text states one of them in words;
* quantities: every value is a finite `Decimal` whose xsd:decimal literal reads back equal; numbers
  written from a known `Decimal` (any grouping, scale word, minus sign) parse back exactly, and a
  misplaced thousands separator is refused rather than read.
"""

from __future__ import annotations

import re
import warnings
from datetime import date
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.emit import terms
from builder.extract.dates import DateWarning, find_dates
from builder.extract.numbers import parse_number
from builder.extract.quantities import QuantityWarning, find_quantities

WORDS = ["Feb.", "February", "March", "march", "Sept.", "May", "may", "Monday", "sunday", "last", "next",
         "this", "week", "today", "tomorrow", "in", "on", "said", "will", "teachers", "students", "per",
         "percent", "dollars", "million", "billion", "seventy", "five", "hundred", "and", "about", "$",
         "%", "\u2212", "-", "/", ",", ".", "—", "NaN", "Infinity", "“", "”"]
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.integers(0, 40).map(str),
    st.integers(1900, 2100).map(str),
    st.tuples(st.integers(0, 14), st.integers(0, 40), st.integers(0, 2030)).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),
    st.tuples(st.integers(1990, 2030), st.integers(0, 13), st.integers(0, 32))
    .map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.decimals(min_value=0, max_value=10**6, places=2).map(str),
)
TEXTS = st.lists(TOKENS, max_size=25).map(" ".join)
PUBLISHED = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def _dates(text: str, published: date):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = find_dates(text, 0, len(text), published)
    return found, [w for w in caught if issubclass(w.category, DateWarning)]


@settings(max_examples=400, deadline=None)
@given(TEXTS, PUBLISHED)
def test_dates_are_well_typed_and_every_unresolved_one_is_warned(text, published):
    found, warned = _dates(text, published)
    for mention in found:
        assert text[mention.begin:mention.end] == mention.expression
        if mention.precision == "day":
            assert type(mention.value) is date
            literal = terms.xsd_date(mention.value)
            assert date.fromisoformat(literal.value) == mention.value
        else:
            assert mention.value is None
    unresolved = [m for m in found if m.precision == "unresolved"]
    assert len(warned) >= len(unresolved)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1990, 2030), PUBLISHED, st.booleans())
def test_an_ambiguous_numeric_date_is_never_guessed(first, second, year, published, corroborate):
    assume(first != second)
    words = ""
    if corroborate:  # the article states one reading in words: that reading is taken
        words = f" It happened on {date(year, first, second):%B} {second}, {year}."
    text = f"Talks resume {first}/{second}/{year}.{words}"
    found, _ = _dates(text, published)
    numeric = next(m for m in found if m.expression == f"{first}/{second}/{year}")
    if corroborate:
        assert numeric.value == date(year, first, second)
    else:
        assert numeric.precision == "unresolved" and numeric.value is None


def _written(value: Decimal, grouped: bool, minus: str) -> str:
    digits = format(abs(value), ",f" if grouped else "f")
    return (minus if value < 0 else "") + digits


@settings(max_examples=400, deadline=None)
@given(st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False),
       st.booleans(), st.sampled_from(["-", "\u2212"]), st.sampled_from(["", " million", " billion"]))
def test_numbers_parse_back_exactly(value, grouped, minus, scale):
    text = _written(value, grouped, minus) + scale
    factor = {"": 1, " million": 10**6, " billion": 10**9}[scale]
    assert parse_number(text) == value * factor


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.lists(st.integers(0, 9999), min_size=1, max_size=3), st.sampled_from([1, 2, 4]))
def test_a_misplaced_thousands_separator_is_refused(head, groups, width):
    text = str(head) + "".join(f",{g % 10**width:0{width}d}" for g in groups)  # groups of 1, 2 or 4 digits
    try:
        parse_number(text)
    except ValueError:
        return
    raise AssertionError(f"{text!r} was read as a number")


@settings(max_examples=300, deadline=None)
@given(TEXTS, PUBLISHED)
def test_quantities_are_finite_exact_decimals(text, published):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QuantityWarning)
        warnings.simplefilter("ignore", DateWarning)
        found = find_quantities(text, 0, len(text), published)
    for quantity in found:
        assert isinstance(quantity.value, Decimal) and quantity.value.is_finite()
        literal = terms.decimal(quantity.value)
        assert re.fullmatch(r"-?[0-9]+\.[0-9]+", literal.value)
        assert Decimal(literal.value) == quantity.value
        assert quantity.unit in (None, "count", "USD", "percent", "share", "hour", "day", "week", "month", "year",
                                 "minute")
