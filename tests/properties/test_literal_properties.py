"""Literal round trips: every literal `builder.emit.terms` builds survives Turtle, TriG, N-Triples, N-Quads and
JSON-LD, written by pyoxigraph or rdflib and read by either, with value, datatype and language intact.

Text literals take any Unicode string (quotes, backslashes, control characters, separators, astral
characters); typed literals take any `Decimal`, `int`, `date` and `bool`. rdflib normalises typed
literals on parsing ("1.50" → "1.5"), so a typed literal survives only if `terms` already writes the
canonical lexical form: that is what this checks.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.emit import terms
from tests.properties.roundtrip import FORMATS, expected_reading, literal_round_trips

pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
# Any number of significant digits: the default 28-digit context once rounded them (tests/issues/test_006_*).
DECIMALS = st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e12"),
                       max_value=Decimal("1e12"), places=None)
LITERALS = st.one_of(
    TEXT.map(terms.text),
    TEXT.map(terms.english),
    DECIMALS.map(terms.decimal),
    st.integers(-(10**18), 10**18).map(terms.integer),
    st.integers(0, 10**18).map(lambda n: terms.integer(n, non_negative=True)),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(terms.xsd_date),
    st.booleans().map(terms.boolean),
)


@pytest.mark.parametrize("fmt_name", sorted(FORMATS))
@settings(max_examples=60, deadline=None)
@given(literal=LITERALS)
def test_every_literal_round_trips_in_both_libraries(fmt_name, literal):
    read = literal_round_trips(literal, fmt_name)
    assert read == {path: expected_reading(literal) for path in read}


@settings(max_examples=200, deadline=None)
@given(DECIMALS)
def test_decimal_lexical_form_is_canonical_and_exact(value):
    literal = terms.decimal(value)
    whole, _, fraction = literal.value.lstrip("-").partition(".")
    assert fraction and (whole == "0" or not whole.startswith("0"))
    assert fraction == "0" or not fraction.endswith("0")
    assert Decimal(literal.value) == value
