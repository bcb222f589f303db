"""Date expressions: resolution against the publication date, and the bad inputs that must not be guessed."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.emit import terms
from builder.extract.dates import DateWarning, find_dates, resolve
from builder.ingest.articles import ingest_corpus

MONDAY = date(2021, 2, 1)
SUNDAY = date(2021, 2, 7)


def dates_in(text: str, published: date):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        return {m.expression: m for m in find_dates(text, 0, len(text), published)}


@pytest.mark.parametrize(("expression", "expected"), [
    ("Feb. 22", date(2021, 2, 22)),
    ("March 1", date(2021, 3, 1)),
    ("march 8", date(2021, 3, 8)),
    ("Monday, Jan. 11, 2021", date(2021, 1, 11)),
    ("Thursday, February 4", date(2021, 2, 4)),
    ("February 7, 2021", date(2021, 2, 7)),
    ("2021-02-28", date(2021, 2, 28)),
    ("Sunday", date(2021, 2, 7)),          # a Sunday article's "Sunday" is that day
    ("Friday evening", date(2021, 2, 5)),  # past by default: the most recent Friday
    ("today", SUNDAY),
])
def test_resolves_against_publication(expression, expected):
    mention = resolve(expression, SUNDAY)
    assert mention.precision == "day"
    assert mention.value == expected
    assert mention.expression == expression


def test_weekday_rule_past_and_future():
    past = dates_in("Both sides did not meet Thursday.", SUNDAY)["Thursday"]
    future = dates_in("Pre-kindergarten students will return to in-person learning Thursday.", SUNDAY)["Thursday"]
    assert past.value == date(2021, 2, 4)
    assert future.value == date(2021, 2, 11)
    assert dates_in("They met last Sunday.", SUNDAY)["last Sunday"].value == date(2021, 1, 31)
    assert dates_in("They meet next Sunday.", SUNDAY)["next Sunday"].value == date(2021, 2, 14)


def test_monday_article_future_tuesday():
    found = dates_in("Students will remain virtual Tuesday and Wednesday.", MONDAY)
    assert found["Tuesday"].value == date(2021, 2, 2)
    assert found["Wednesday"].value == date(2021, 2, 3)


def test_part_of_day_kept_in_expression_and_possessive_dropped():
    found = dates_in("Monday’s session ran into early Tuesday morning; talks resumed Sunday night.", date(2019, 10, 29))
    assert found["Monday"].value == date(2019, 10, 28)
    assert found["early Tuesday morning"].value == date(2019, 10, 29)
    assert found["Sunday night"].value == date(2019, 10, 27)


def test_schedule_sentence_reads_weekday_as_future():
    text = "Pre-K students return Thursday. K-5 students return 3/1. Students return March 1."
    found = dates_in(text, SUNDAY)
    assert found["Thursday"].value == date(2021, 2, 11)
    assert found["3/1"].value == date(2021, 3, 1)


@pytest.mark.parametrize("expression", ["2021-02-30", "7/2/2021", "February 30", "Friday, February 4"])
def test_bad_dates_stay_unresolved_with_a_warning(expression):
    with pytest.warns(DateWarning):
        mention = resolve(expression, SUNDAY)
    assert mention.precision == "unresolved"
    assert mention.value is None
    assert mention.note


def test_numeric_date_needs_corroboration():
    with pytest.warns(DateWarning, match="ambiguous"):
        assert resolve("3/1", SUNDAY).value is None
    assert resolve("13/2/2021", SUNDAY).value == date(2021, 2, 13)  # only one reading exists


def test_coarse_precisions_never_carry_a_day():
    year = resolve("2019", SUNDAY)
    assert (year.precision, year.value, year.year) == ("year", None, 2019)
    month = dates_in("They get the vaccine in February.", SUNDAY)["February"]
    assert (month.precision, month.value, month.month) == ("month", None, 2)
    week = dates_in("2,000 staff will be vaccinated this week.", SUNDAY)["this week"]
    assert (week.precision, week.value, week.week_of) == ("week", None, date(2021, 2, 8))


def test_numbers_are_not_dates():
    assert dates_in("CPS has 1,500 vaccinations and 2.5% and $2021 and 3/4 of staff%", SUNDAY).keys() <= {"3/4"}
    assert "2,000" not in dates_in("2,000 staff", SUNDAY)


def test_seed_offsets_and_required_expressions():
    seen = {}
    for article in ingest_corpus(Path("corpus")):
        for paragraph in article.content_paragraphs():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DateWarning)
                for m in find_dates(article.text, paragraph.begin, paragraph.end, article.meta.published):
                    assert article.text[m.begin:m.end] == m.expression
                    seen.setdefault((article.id, m.expression), m.value)
    assert seen[("2019-10-29-strike-bargaining-session", "Tuesday")] == date(2019, 10, 29)
    assert seen[("2021-02-01-wls-cooling-off-period", "Sunday")] == date(2021, 1, 31)
    assert seen[("2021-02-05-struggle-final-offer", "Thursday, February 4")] == date(2021, 2, 4)
    assert seen[("2021-02-07-cbs-tentative-deal", "march 8")] == date(2021, 3, 8)
    assert seen[("2021-02-07-cbs-tentative-deal", "3/1")] == date(2021, 3, 1)
    assert seen[("2021-02-07-cbs-tentative-deal", "Friday evening")] == date(2021, 2, 5)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/-., FebMarchJanuySdtTw", max_size=30),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_never_an_ill_typed_literal(text, published):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        for m in find_dates(text, 0, len(text), published):
            assert text[m.begin:m.end] == m.expression
            if m.value is not None:
                assert m.precision == "day"
                assert terms.xsd_date(m.value).value == m.value.isoformat()
            else:
                assert m.precision != "day"


@pytest.mark.parametrize(("text", "year"), [("the 2019 strike", 2019), ("In 2019, teachers struck", 2019),
                                            ("it ended in 2018.", 2018)])
def test_a_year_alone(text, year):
    (mention,) = dates_in(text, SUNDAY).values()
    assert (mention.precision, mention.year, mention.value) == ("year", year, None)


@pytest.mark.parametrize("text", ["2000 staff will be vaccinated", "2019,000 people", "$2020 raise"])
def test_counts_are_not_years(text):
    assert not dates_in(text, SUNDAY)


def _intervals(text: str, published: date) -> list:
    from builder.extract.dates import day_pairs

    return [m.interval for m in day_pairs(text, find_dates(text, 0, len(text), published))]


def test_two_calendar_days_joined_by_until_are_one_interval_even_weeks_apart():
    """'from 24 March to 6 June' and '7am on 3 April until 7am on 5 April' were two single days (issue 15)."""
    published = date(2025, 3, 10)
    assert _intervals("Staff will strike from 24 March to 6 June.", published) == [
        (date(2025, 3, 24), date(2025, 6, 6))]
    assert _intervals("The strike runs from 7am on 3 April until 7am on 5 April.", published) == [
        (date(2025, 4, 3), date(2025, 4, 5))]
    # weekdays still pair only within a week, and two unrelated days stay apart
    assert _intervals("The vote is on 3 April and the ballot closes on 28 April.", published) == [
        (date(2025, 4, 3), date(2025, 4, 3)), (date(2025, 4, 28), date(2025, 4, 28))]


def test_since_a_month_later_in_the_year_is_last_years_month():
    """'bargaining since August' in a February report began the August before (issue 15)."""
    [mention] = find_dates("They have bargained since August.", 0, 33, date(2024, 2, 8))
    assert (mention.year, mention.month) == (2023, 8)
    [mention] = find_dates("They have bargained since January.", 0, 34, date(2024, 2, 8))
    assert (mention.year, mention.month) == (2024, 1)


def test_a_past_clause_after_a_future_one_keeps_its_weekday_in_the_past():
    """'schools will reopen Tuesday after the two sides reached a deal early Saturday': Saturday is past, Tuesday
    future (the 'will' of the main clause made both future; issue 15)."""
    monday = date(2024, 11, 18)
    found = dates_in("Schools will reopen Tuesday after the board and the union reached a tentative agreement "
                     "early Saturday.", monday)
    assert found["Tuesday"].value == date(2024, 11, 19)
    assert found["early Saturday"].value == date(2024, 11, 16)


def test_a_scheduled_present_and_an_agreement_to_act_speak_of_the_future():
    """'the strike ends at 7am on Friday', 'both sides have agreed to return to talks on Monday' in a Wednesday
    report: the coming Friday and Monday (issue 15)."""
    wednesday = date(2024, 4, 3)
    assert dates_in("The union says the strike ends at 7am on Friday.", wednesday)["Friday"].value == date(2024, 4, 5)
    assert dates_in("Both sides have agreed to return to talks on Monday.", wednesday)["Monday"].value == \
        date(2024, 4, 8)


def test_tomorrow_in_a_quotation_counts_from_the_day_it_was_said():
    """'"We will walk out tomorrow," the union president said Monday' in a Wednesday report: Tuesday, not
    Thursday (issue 15); unquoted, 'tomorrow' is the day after publication."""
    wednesday = date(2024, 4, 10)
    found = dates_in("“We will walk out tomorrow,” the union president said Monday.", wednesday)
    assert found["tomorrow"].value == date(2024, 4, 9)
    assert dates_in("The union will walk out tomorrow.", wednesday)["tomorrow"].value == date(2024, 4, 11)
