"""Fixed bug (terms.decimal now normalises under the value's own precision): `builder.emit.terms.decimal`
silently rounded a value with more than 28 significant digits.

It canonicalises with `Decimal.normalize()`, which rounds to the current context precision (28 digits
by default), so the written xsd:decimal is not the value read from the article: "exact decimals" (bad
inputs #9) is broken for long figures, without a warning. Found by the literal property test. Failing
input: the 30-digit value below.
"""

from __future__ import annotations

from decimal import Decimal

from builder.emit import terms

LONG = Decimal("123456789012345678901234567890.5")


def test_a_long_decimal_is_written_exactly():
    assert Decimal(terms.decimal(LONG).value) == LONG
