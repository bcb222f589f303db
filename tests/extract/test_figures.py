"""News number forms (builder.extract.figures), on sentences written here: each form read to its value, and
words that are not quantities left alone."""

from __future__ import annotations

import warnings
from datetime import date
from decimal import Decimal

import pytest

from builder.extract.quantities import find_quantities


def read(text: str) -> list[tuple[str, Decimal, str | None, str | None]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(text[q.begin:q.end], q.value, q.unit, q.counted)
                for q in find_quantities(text, 0, len(text), date(2024, 5, 1))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Members voted 247-19 to authorize a walkout.",
     {("247-19", Decimal(247), "count", "votes in favor"), ("247-19", Decimal(19), "count", "votes against")}),
    ("The tally was 731 in favor, 95 against and 20 abstaining.",
     {("731", Decimal(731), "count", "votes in favor"), ("95", Decimal(95), "count", "votes against"),
      ("20", Decimal(20), "count", "abstentions")}),
    ("Two-thirds of annual visits", {("Two-thirds", Decimal("0.6667"), "share", "visits")}),
    ("half of its branches", {("half", Decimal("0.5"), "share", "branches")}),
    ("About 1 in 4 students", {("About 1 in 4", Decimal("0.25"), "share", None)}),
    ("a 4,800-member union", {("4,800-member", Decimal(4800), "count", "members")}),
    ("It would cost $45M, or £9.5m, or C$4.3-million.",
     {("$45M", Decimal(45000000), "USD", None), ("£9.5m", Decimal(9500000), "GBP", None),
      ("C$4.3-million", Decimal(4300000), "CAD", None)}),
    ("rejected it by more than three-to-one", {("more than three-to-one", Decimal(3), "count", "to-one margin")}),
    ("on the fourth day of the walkout", {("fourth day", Decimal(4), "count", "day")}),
    # a part of a whole counts the whole's noun too
    ("14 of 19 branches closed", {("14", Decimal(14), "count", "branches"), ("19", Decimal(19), "count", "branches")}),
    ("About 470 of the local’s 610 members cast ballots.",
     {("About 470", Decimal(470), "count", "members"), ("610", Decimal(610), "count", "members")}),
    ("It would cost C$1.6 million; starting pay is C$24.10.",
     {("C$1.6 million", Decimal(1600000), "CAD", None), ("C$24.10", Decimal("24.1"), "CAD", None)}),
    ("The union is asking for a $3-an-hour raise.", {("$3-an-hour", Decimal(3), "USD", None)}),
    ("Nurses approved the deal by a vote of 1,012 to 214.",
     {("1,012 to 214", Decimal(1012), "count", "votes in favor"),
      ("1,012 to 214", Decimal(214), "count", "votes against")}),
    ("Undergraduate Sofia Marchetti-Nwosu, 19, said her class was canceled.", {("19", Decimal(19), "year", "age")}),
    ("Workers Ratify First Contract After 11-Day Strike", {("11-Day", Decimal(11), "day", None)}),
    ("the first hotel strike in more than two decades", {("more than two decades", Decimal(20), "year", None)}),
    ("The union announced two 48-hour strikes.",
     {("two", Decimal(2), "count", "strikes"), ("48-hour", Decimal(48), "hour", None)}),
    ("Around 640 HCAs at the trust will move up a band.", {("Around 640", Decimal(640), "count", "HCAs")}),
    # a coordinated count and a range's lower bound count what the second number counts
    ("The board operates 52 elementary and 11 secondary schools.",
     {("52", Decimal(52), "count", "schools"), ("11", Decimal(11), "count", "schools")}),
    ("Between 250 and 300 people gathered on the green.",
     {("Between 250", Decimal(250), "count", "people"), ("300", Decimal(300), "count", "people")}),
    # a large definite number still counts ("the two sides" does not: see below)
    ("a relief for the 38,000 riders who depend on the bus", {("38,000", Decimal(38000), "count", "riders")}),
    # "a third" before a noun is an ordinal: the day's number, not a share
    ("Teachers were back for a third straight day.", {("third straight day", Decimal(3), "count", "day")}),
    # one unit of time as a duration, but not as a rate after a figure
    ("They reached a deal less than an hour before the strike.", {("less than an hour", Decimal(1), "hour", None)}),
    ("The offer came a week after the vote.", {("a week", Decimal(1), "week", None)}),
    ("Drivers start at $26 an hour.", {("$26", Decimal(26), "USD", None)}),
    # a range of percentages in a sentence about a vote is no tally
    ("After the vote the raise rose from 3 to 4 percent.", {("4 percent", Decimal(4), "percent", None)}),
    # a disjunction does not state the participle: these employees are not all vaccinated
    ("over 3,700 employees have been vaccinated or given the opportunity to sign up",
     {("over 3,700", Decimal(3700), "count", "employees")}),
])
def test_news_number_forms(text, expected):
    assert set(read(text)) == expected


@pytest.mark.parametrize("text", [
    "No one crossed the line.", "Students in grades 6 through 8 stayed home.", "Local 400 said so.",
    "in the second half of the year", "for half an hour",
    "The two sides met again.",  # a definite reference to things already named, not a count
    "Local 1390 ballots were counted.", "No one goes home until one ends the talks.",
    "One of the issues is pay.", "It is a day we cannot get back.", "We are closer than a month ago.",
    # ordinals and names that look like fractions or counts
    "said Jamal Okonkwo, a seventh-grade science teacher.",
    "Pickets stood outside from half past six.", "‘No one votes for a boycott lightly,’ she said.",
    "They have done Band 3 work on Band 2 pay for years.",
])
def test_words_that_are_not_quantities(text):
    assert read(text) == []
