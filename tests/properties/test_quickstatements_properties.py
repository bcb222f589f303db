"""The QuickStatements V1 value checker (`builder.export.qs_check`) and the exporter's normalisation.

tests/export/test_export_quickstatements.py shows that normalised batches pass the checker. This adds the other
half, without which that test could pass with a checker that accepts everything:

* the checker refuses every raw value that V1 would cut or split (inner `"`, `|`, TAB, a line break,
  `/*` or `*/`, untrimmed or empty text, text over the limit), naming a rule;
* normalisation changes a value only when it must, and every change is reported as a warning; a value
  that is one plain line the checker accepts passes through untouched and silently;
* quantities and times of any finite amount and any day and precision render to values the checker
  accepts, and a rendered amount reads back as the exact Decimal.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.export.model import PRECISION_DAY, PRECISION_MONTH, PRECISION_YEAR, QuantityValue, TimeValue, plain_text
from builder.export.qs_check import STRING_MAX, check_line, value_problems
from builder.export.quickstatements import normalise_text, render_value

CHARACTERS = st.characters(blacklist_categories=("Cs",))
OFFENDERS = ['"', "|", "\t", "\n", "\r", "\u2028", "\u2029", "/*", "*/"]
SAFE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"), blacklist_characters='"|*/'),
               min_size=1, max_size=80)


@settings(max_examples=300, deadline=None)
@given(SAFE, st.sampled_from(OFFENDERS), SAFE)
def test_the_checker_refuses_every_raw_offending_value(before, offender, after):
    raw = f"{before}{offender}{after}"
    for value in (f'"{raw}"', f'en:"{raw}"'):
        problems = value_problems(value)
        assert problems, f"{value!r} passed the checker"
        assert all(rule and message for rule, message in problems)


@settings(max_examples=100, deadline=None)
@given(SAFE, st.integers(1, 50))
def test_the_checker_refuses_text_over_the_limit_and_untrimmed_text(word, extra):
    long_text = (word * (STRING_MAX // len(word) + 1))[: STRING_MAX + extra]
    assert any(rule == "too-long" for rule, _ in value_problems(f'"{long_text}"'))
    assert any(rule == "untrimmed-string" for rule, _ in value_problems(f'" {word}"'))


@settings(max_examples=400, deadline=None)
@given(st.text(CHARACTERS, max_size=500))
def test_normalisation_is_needed_exactly_when_the_checker_objects(text):
    warnings: list[str] = []
    cleaned = normalise_text(text, STRING_MAX, "<x>", warnings)
    if cleaned:
        assert value_problems(f'"{cleaned}"') == [], cleaned
        assert check_line(f'Q42\tP1476\ten:"{cleaned}"') == []
    if value_problems(f'"{text}"') == [] and plain_text(text) == text:
        # already one plain line (the exporter also folds control characters and space runs)
        assert cleaned == text and warnings == [], "a valid value was changed"
    assert (cleaned != text) == bool(warnings), "every change, and only a change, is reported"


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e15"), max_value=Decimal("1e15")),
       st.one_of(st.none(), st.integers(1, 10**8).map(lambda n: f"Q{n}")))
def test_quantities_render_exactly_and_pass(amount, unit):
    rendered = render_value(QuantityValue(amount, unit), "<x>", [])
    assert value_problems(rendered) == [], rendered
    number = rendered.split("U", 1)[0]
    assert Decimal(number) == amount


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
       st.sampled_from([PRECISION_YEAR, PRECISION_MONTH, PRECISION_DAY]))
def test_times_of_any_day_and_precision_pass(day, precision):
    rendered = render_value(TimeValue(day, precision), "<x>", [])
    assert value_problems(rendered) == [], rendered
    assert check_line(f"Q42\tP585\t{rendered}") == []
