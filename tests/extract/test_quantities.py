"""Quantities: the number grammar, the bad inputs of the robustness list, a property test that no input
can yield an ill-typed literal, and the figures of the seeds with what they count, as of when and whose."""

from __future__ import annotations

import warnings
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_extract_events import num, q, seeds

from builder.emit import terms
from builder.extract.numbers import parse_number
from builder.extract.quantities import QuantityWarning, find_quantities

PUBLISHED = date(2021, 2, 7)


def found(text: str) -> list[tuple[Decimal, str | None, str | None, str | None, bool]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QuantityWarning)
        return [(m.value, m.unit, m.counted, m.rate, m.approximate)
                for m in find_quantities(text, 0, len(text), PUBLISHED)]


@pytest.mark.parametrize(("text", "value"), [
    ("1.5 million", Decimal("1500000")), ("12,000", Decimal(12000)), ("1,500", Decimal(1500)),
    ("seventy", Decimal(70)), ("seventy-five", Decimal(75)), ("one hundred and twenty", Decimal(120)),
    ("a billion", Decimal(10) ** 9), ("2.5", Decimal("2.5")), ("\u22123", Decimal(-3)), ("-0.25", Decimal("-0.25")),
    ("100 million", Decimal(10) ** 8),
])
def test_number_grammar_is_exact(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["NaN", "Infinity", "1,50,0", "1.2.3", "12,00", "", "a", "million"])
def test_not_numbers_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("$12,000 raise", (Decimal(12000), "USD", None, None, False)),
    ("a billion dollars", (Decimal(10) ** 9, "USD", None, None, False)),
    ("$100 million dollars apart", (Decimal(10) ** 8, "USD", "gap between the parties", None, False)),
    ("1.5 million students", (Decimal("1500000"), "count", "students", None, False)),
    ("more than seventy meetings", (Decimal(70), "count", "meetings", None, True)),
    ("2.5% rate", (Decimal("2.5"), "percent", "rate", None, False)),
    ("50% of school buildings", (Decimal(50), "percent", "school buildings", None, False)),
    ("about 1500 workers per week", (Decimal(1500), "count", "workers", "week", True)),
    ("a 48-hour cooling off period", (Decimal(48), "hour", None, None, False)),
    ("over five years", (Decimal(5), "year", None, None, False)),  # a duration, not an approximation
    ("over 3,700 employees have been vaccinated", (Decimal(3700), "count", "employees vaccinated", None, True)),
    ("four out of five students", (Decimal(80), "percent", "students", None, False)),
    ("two dozen nurses", (Decimal(24), "count", "nurses", None, False)),
    ("a 3.5 per cent raise", (Decimal("3.5"), "percent", "raise", None, False)),
    ("€2.4 million", (Decimal("2400000"), "EUR", None, None, False)),
    ("£40 million apart", (Decimal(40_000_000), "GBP", "gap between the parties", None, False)),
])
def test_quantity_recognition(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["SEIU Local 73", "CBS 2", "COVID-19", "K-5 students", "at 10 a.m.",
                                  "8th grade", "on 3/1", "in 2021", "6-8th graders"])
def test_numbers_that_are_not_quantities(text):
    assert found(text) == []


@pytest.mark.parametrize("text", ["NaN students", "1,50,0 students", "Infinity percent"])
def test_unparseable_numbers_warn_and_are_skipped(text):
    with pytest.warns(QuantityWarning):
        assert find_quantities(text, 0, len(text), PUBLISHED) == []


def test_elliptical_unit():
    assert found("Saturday for 14 hours and Sunday for 10.") == [
        (Decimal(14), "hour", None, None, False), (Decimal(10), "hour", None, None, False)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.$% −-abcdefghilmnorstuvwxy", max_size=40))
def test_never_an_ill_typed_literal(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mentions = find_quantities(text, 0, len(text), PUBLISHED)
    for m in mentions:
        assert m.value.is_finite()
        literal = terms.decimal(m.value)
        assert Decimal(literal.value) == m.value
        assert "E" not in literal.value and "e" not in literal.value
        assert 0 <= m.begin < m.end <= len(text)


# ---- the seeds --------------------------------------------------------------------------------------------

def seed_quantities():
    return q(seeds(), """SELECT ?g ?v ?u ?c ?ap ?asof ?who WHERE { GRAPH ?g { ?x a cps:Quantity ; schema:value ?v .
        OPTIONAL { ?x schema:unitText ?u } OPTIONAL { ?x cps:countedThing ?c } OPTIONAL { ?x cps:approximate ?ap }
        OPTIONAL { ?x cps:asOf ?asof } OPTIONAL { ?x prov:wasAttributedTo/rdfs:label ?who } } }""")


@pytest.mark.parametrize(("value", "unit", "counted"), [
    (60000, "count", "students scheduled"), (1000, "count", "families"),
    # "have been vaccinated or given opportunity to sign up": the disjunction does not say they are vaccinated
    (3700, "count", "employees"),
    (1500, "count per week", "workers"), (1500, "count per week", "vaccinations"),
    (1500, "count per week", "staff members"), (70, "count", "meetings"), (7500, "count", "support staff"),
    (100_000_000, "USD", None), (38_000_000, "USD", "gap between the parties"),
    (100_000_000, "USD", "gap between the parties"), (10 ** 9, "USD", None), (50, "percent", "buildings"),
    (75, "percent", "educators"), (75, "percent", "requests"), (Decimal("2.5"), "percent", "rate"),
    (48, "hour", None), (14, "hour", None), (10, "hour", None), (2000, "count", "staff vaccinated"),
    (5, "year", None),
])
def test_seed_quantities(value, unit, counted):
    rows = [r for r in seed_quantities() if num(r["v"]) == Decimal(value) and r.get("u") == unit
            and r.get("c") == counted]
    assert rows, f"no {value} {unit} {counted}"


def test_seed_quantities_as_of_and_according_to():
    rows = seed_quantities()
    arwady = [r for r in rows if r.get("c") == "employees" and num(r["v"]) == 3700]
    assert {(r.get("asof"), r.get("who"), r.get("ap")) for r in arwady} == {("2021-02-02", "Allison Arwady", "true")}
    staff = [r for r in rows if r.get("c") == "staff vaccinated"]
    assert {(r.get("who"), r.get("asof")) for r in staff} == {("Janice Jackson", None)}, "'this week' names no day"
    families = [r for r in rows if r.get("c") == "families"]
    assert {(r.get("asof"), r.get("ap")) for r in families} == {("2021-02-01", "true")}


def test_quoted_figures_belong_to_the_speaker():
    """A figure inside a quotation is the speaker's, even when the quotation runs over several sentences and
    the quoted words contain a reporting verb of their own ("They said it's …")."""
    rows = {(r["v"], r.get("who")) for r in seed_quantities() if r.get("u") == "USD"}
    assert (Decimal(10) ** 9, "LaTanya McDade") in {(num(v), w) for v, w in rows}
    assert (Decimal(100), "Stacy Davis Gates") in {(num(v), w) for v, w in rows}
    # a bare figure of the narrator is attributed to nobody
    assert (Decimal(10) ** 8, None) in {(num(v), w) for v, w in rows}


def test_the_reporters_framing_is_the_articles():
    """'district officials say they are $5 million apart as they seek to end what is now the longest strike
    in more than 30 years': the gap is the district's figure, the 30 years are the reporter's framing."""
    from extraction_support import article_of, graph_of, rows

    text = ("Teachers strike enters second week\n\nCity Public Schools officials say the two sides are "
            "$5 million apart as they seek to end what is now the longest strike in more than 30 years.\n")
    store = graph_of([article_of(text, date(2019, 10, 29), "framing")])
    found = rows(store, """SELECT ?v ?who WHERE { GRAPH ?g { ?x a cps:Quantity ; schema:value ?v .
        OPTIONAL { ?x prov:wasAttributedTo ?who } } }""")
    by_value = {num(r["v"]): r.get("who") for r in found}
    assert by_value[Decimal(30)] is None
    assert by_value[Decimal(5000000)] is not None
