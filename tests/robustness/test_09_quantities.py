"""bad-inputs #9: `1.5 million`, `$12,000`, `1,500`, `seventy`, `2.5%`, a U+2212 minus, `NaN`: exact decimals;
unparseable values are skipped with a warning.

Through a build: every figure becomes a `cps:Quantity` whose `schema:value` is the exact xsd:decimal (in
canonical form: digits, a point, at least one digit), with its unit from the fixed list; `NaN` yields no
quantity; a malformed `1,50,0` is skipped with a `QuantityWarning` naming it and the build still succeeds.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox
import pytest

from builder.extract.quantities import QuantityWarning
from builder.namespaces import SCHEMA_IRI, XSD_IRI
from tests.corpus_factory import make_corpus
from tests.robustness.promises import assert_nothing_lost, cli_build

ARTICLE = (
    "CHICAGO — Chicago Public Schools offered 1.5 million dollars for ventilation.\n\n"
    "Each teacher would get $12,000 in back pay.\n\n"
    "The district offered 1,500 vaccinations per week.\n\n"
    "About seventy teachers met on Friday.\n\n"
    "Pay would rise 2.5% next year.\n\n"
    "Enrolment changed by \u22123,500 students.\n\n"
    "NaN students came, and 1,50,0 teachers were counted twice.\n"
)
EXPECTED = {(Decimal("1500000"), "USD"), (Decimal("12000"), "USD"), (Decimal("1500"), "count per week"),
            (Decimal("70"), "count"), (Decimal("2.5"), "percent"), (Decimal("-3500"), "count")}
CANONICAL_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")


@pytest.fixture(scope="module")
def quads(tmp_path_factory):
    root = tmp_path_factory.mktemp("quantities")
    corpus = make_corpus(root, {"numbers": ARTICLE.encode()})
    result = cli_build(corpus, root / "output")
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if line.startswith("cpskg: warning: articles/numbers.txt: ")]
    assert any(f"{QuantityWarning.__name__}: skipped number '1,50,0'" in line for line in warned), result.stderr
    return assert_nothing_lost(corpus, root / "output").quads


def test_figures_are_exact_decimals_with_their_units(quads):
    values = {q.subject.value: q.object for q in quads if q.predicate.value == SCHEMA_IRI + "value"}
    units = {q.subject.value: q.object.value for q in quads if q.predicate.value == SCHEMA_IRI + "unitText"}
    for literal in values.values():
        assert isinstance(literal, ox.Literal) and literal.datatype.value == XSD_IRI + "decimal"
        assert CANONICAL_DECIMAL.fullmatch(literal.value), literal.value
    found = {(Decimal(values[s].value), units.get(s)) for s in values}
    assert found == EXPECTED


def test_no_value_comes_from_nan_or_the_malformed_number(quads):
    counted = {q.subject.value: q.object.value for q in quads if q.predicate.value.endswith("#countedThing")}
    values = {q.subject.value: Decimal(q.object.value) for q in quads if q.predicate.value == SCHEMA_IRI + "value"}
    assert sorted(values[s] for s, thing in counted.items() if thing == "teachers") == [Decimal(70)]
    assert sorted(values[s] for s, thing in counted.items() if thing == "students") == [Decimal(-3500)]
