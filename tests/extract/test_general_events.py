"""General event triggers (builder.extract.happenings) and the date forms they are dated by, on short
articles written here about disputes the registry knows nothing of."""

from __future__ import annotations

import warnings
from datetime import date

from extraction_support import article_of, graph_of, rows

from builder.extract.dates import day_pairs, find_dates

TUESDAY = date(2024, 10, 22)
PREFIXES = ("PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
            "PREFIX cps: <https://w3id.org/cpskg/ontology#>\n")


def intervals(text: str, published: date = TUESDAY) -> dict[str, tuple[date, date] | None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = day_pairs(text, find_dates(text, 0, len(text), published))
    return {m.expression: m.interval for m in found}


def test_two_days_joined_are_one_interval():
    """'as early as Wednesday or Thursday' is an interval after the article's date, not two days."""
    assert intervals("The union could strike as early as Wednesday or Thursday.") == {
        "Wednesday or Thursday": (date(2024, 10, 23), date(2024, 10, 24))}


def test_day_ranges_british_and_us():
    found = intervals("Walkouts on 3-4 April and 17 and 18 April, and a vote Oct. 29-30.")
    assert found == {"3-4 April": (date(2024, 4, 3), date(2024, 4, 4)),
                     "17 and 18 April": (date(2024, 4, 17), date(2024, 4, 18)),
                     "Oct. 29-30": (date(2024, 10, 29), date(2024, 10, 30))}


def test_day_before_month_and_weekend_and_mid_month():
    """'Friday 10 May' is a day; 'by the weekend' the coming Saturday and Sunday; 'mid-June' keeps its words
    and means the month."""
    found = intervals("Ballots close Friday 10 May. Buses could stop by the weekend. Work resumes mid-June.",
                      date(2024, 5, 8))
    assert found["Friday 10 May"] == (date(2024, 5, 10), date(2024, 5, 10))
    assert found["weekend"] == (date(2024, 5, 11), date(2024, 5, 12))
    assert found["mid-June"] == (date(2024, 6, 1), date(2024, 6, 30))


ARTICLE = """Nurses at Lakeview Clinic walk out over staffing

Nurses at Lakeview Clinic went on strike Monday, the first walkout at the clinic in decades.

The nurses voted Sunday and Monday on the clinic's offer, and rejected it, the nurses' spokesperson said Tuesday.

Nurses will return to work Thursday, organisers said.
"""


def events(published: date = date(2024, 10, 23)):
    store = graph_of([article_of(ARTICLE, published, "lakeview")])
    return rows(store, PREFIXES + """SELECT ?e ?t ?d ?b ?end WHERE { GRAPH ?g { ?e a ?t .
        FILTER(?t IN (cps:Strike, cps:Vote, cps:ReturnStep, cps:Offer)) OPTIONAL { ?e sem:hasTimeStamp ?d }
        OPTIONAL { ?e sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?end } } }""")


def test_events_without_known_parties_are_found_and_dated_by_their_own_clause():
    """A strike, a vote and a return in an article about parties the registry does not know; the vote gets
    its two days, not the day the spokesperson spoke ('said Tuesday' dates a statement)."""
    found = {(r["t"].rsplit("#")[-1], r.get("d"), r.get("b"), r.get("end")) for r in events()}
    assert ("Strike", "2024-10-21", None, None) in found
    assert ("Vote", None, "2024-10-20", "2024-10-21") in found
    assert ("ReturnStep", "2024-10-24", None, None) in found
    assert not any(d == "2024-10-22" for _, d, _, _ in found)


def test_one_event_per_real_event_with_one_date():
    """The headline's 'walk out', 'went on strike Monday' and 'the first walkout' are one strike with one
    timestamp."""
    strikes = [r for r in events() if r["t"].endswith("Strike")]
    assert len({r["e"] for r in strikes}) == 1
    assert len(strikes) == 1


OFFER = """Clinic and nurses trade proposals

Sunday morning the teachers union said the offer by the Lakeview School District still needs review.
"""


def test_a_fronted_day_dates_the_statement_and_by_names_the_proposer():
    """'Sunday morning X said the offer by Y ...': Sunday is when X spoke, not when Y offered; Y proposes."""
    store = graph_of([article_of(OFFER, date(2024, 10, 21), "offer")])
    found = rows(store, PREFIXES + """SELECT ?e ?d ?by WHERE { GRAPH ?g { ?e a cps:Offer ; cps:proposer ?p .
        ?p <http://www.w3.org/2000/01/rdf-schema#label> ?by OPTIONAL { ?e sem:hasTimeStamp ?d } } }""")
    assert [(r.get("d"), r["by"]) for r in found] == [(None, "Lakeview School District")]


def test_the_month_of_march_is_no_protest():
    """'walkouts likely in mid-March' names a month; 'strikers marched' is a protest."""
    text = "Walkouts are likely in mid-March, the union said.\n\nOn Monday, strikers marched downtown.\n"
    store = graph_of([article_of(text, date(2024, 3, 6), "march")])
    found = rows(store, PREFIXES + """SELECT ?e ?d WHERE { GRAPH ?g { ?e a cps:Protest
        OPTIONAL { ?e sem:hasTimeStamp ?d } } }""")
    assert [r.get("d") for r in found] == ["2024-03-04"]


TWO_DAYS = """Chicago Teachers Union and Chicago Public Schools reach deal

The Chicago Teachers Union and Chicago Public Schools reached a tentative agreement Sunday, the union said.

District officials said the tentative agreement was reached Monday.
"""


def test_an_event_never_carries_two_timestamps_or_two_statuses():
    """Sentences that give one event different days (or statuses) never stack them on the event: each event
    node has at most one sem:hasTimeStamp, one begin/end pair and one cps:eventStatus in an article's graph,
    on the seeds too. (Across articles, builder/merge/event_versions.py keeps one version on the event and
    makes each report's version a claim: tests/merge/test_event_versions.py.)"""
    from test_extract_events import seeds

    store = graph_of([article_of(TWO_DAYS, date(2021, 2, 9), "two-days")])
    query = PREFIXES + """SELECT ?e (COUNT(DISTINCT ?v) AS ?n) WHERE { GRAPH ?g { ?e a sem:Event ; ?p ?v .
        FILTER(?p IN (sem:hasTimeStamp, sem:hasBeginTimeStamp, sem:hasEndTimeStamp, cps:eventStatus)) } }
        GROUP BY ?g ?e ?p HAVING (COUNT(DISTINCT ?v) > 1)"""
    assert rows(store, query) == []
    assert [r for r in seeds().query(query)] == []


THREAT = """Chicago teachers set strike date

The Chicago Teachers Union could walk out as early as Monday if no agreement is reached with Chicago Public Schools.
"""


def test_an_event_the_older_rules_found_takes_the_day_of_its_own_clause():
    """'could walk out as early as Monday': the threatened strike the seed-era rules record (undated, as it
    has not begun) is dated by its clause, not left undated beside a second, dated strike (issue 15)."""
    store = graph_of([article_of(THREAT, date(2021, 2, 4), "threat")])
    found = rows(store, PREFIXES + """SELECT ?e ?d WHERE { GRAPH ?g { ?e a cps:Strike
        OPTIONAL { ?e sem:hasTimeStamp ?d } } }""")
    assert [r.get("d") for r in found] == ["2021-02-08"]


BOYCOTT = """Hillcrest lecturers start marking boycott

Lecturers at Hillcrest College began a marking and assessment boycott today, after members gave the union a
strike mandate last month.

The boycott will run from 24 March to 6 June, the union said.
"""


def test_a_marking_boycott_is_industrial_action_and_a_mandate_a_vote():
    """Action short of a strike ('a marking and assessment boycott', later 'the boycott') is a strike
    dated by its own clause; 'a strike mandate' is the result of a vote, not a strike (issue 15)."""
    store = graph_of([article_of(BOYCOTT, date(2025, 3, 24), "boycott")])
    found = rows(store, PREFIXES + """SELECT ?t ?d ?b ?end WHERE { GRAPH ?g { ?e a ?t .
        FILTER(?t IN (cps:Strike, cps:Vote)) OPTIONAL { ?e sem:hasTimeStamp ?d }
        OPTIONAL { ?e sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?end } } }""")
    kinds = {(r["t"].rsplit("#")[-1], r.get("d"), r.get("b"), r.get("end")) for r in found}
    assert ("Strike", "2025-03-24", None, None) in kinds
    assert ("Strike", None, "2025-03-24", "2025-06-06") in kinds
    assert any(kind == "Vote" for kind, *_ in kinds)
    consumer = graph_of([article_of("Parents urged a boycott of the cafeteria on Monday.\n", date(2025, 3, 24), "c")])
    assert rows(consumer, PREFIXES + "SELECT ?e WHERE { GRAPH ?g { ?e a cps:Strike } }") == []


VOTED = """Chicago teachers vote to strike

Members of the Chicago Teachers Union voted Wednesday night to go on strike against Chicago Public Schools,
the union said.
"""


def test_a_vote_to_strike_is_one_vote_and_no_strike_begun():
    """The headline's 'vote to strike' and the body's 'voted Wednesday night' are one vote, dated Wednesday;
    'voted to go on strike' does not begin a strike, so the strike takes no day (issue 15)."""
    store = graph_of([article_of(VOTED, date(2021, 2, 4), "voted")])
    found = rows(store, PREFIXES + """SELECT ?e ?t ?d WHERE { GRAPH ?g { ?e a ?t .
        FILTER(?t IN (cps:Strike, cps:Vote)) OPTIONAL { ?e sem:hasTimeStamp ?d } } }""")
    votes = {(r["e"], r.get("d")) for r in found if r["t"].endswith("Vote")}
    strikes = {(r["e"], r.get("d")) for r in found if r["t"].endswith("Strike")}
    assert len(votes) == 1 and {d for _, d in votes} == {"2021-02-03"}
    assert {d for _, d in strikes} == {None}


UNTIL = """Hotel workers walk out

The workers began picketing at 5 a.m. and plan to stay out until 11:59 p.m. Monday.
"""


def test_the_day_an_action_runs_until_dates_no_trigger_and_plan_to_is_future():
    """'began picketing … and plan to stay out until 11:59 p.m. Monday' (a Thursday report): Monday is the
    coming Monday, and it is when the action ends, not the day of the picketing (issue 15)."""
    thursday = date(2024, 8, 29)
    assert intervals("They plan to stay out until 11:59 p.m. Monday.", thursday)["Monday"] == (
        date(2024, 9, 2), date(2024, 9, 2))
    store = graph_of([article_of(UNTIL, thursday, "until")])
    found = rows(store, PREFIXES + """SELECT ?e ?d WHERE { GRAPH ?g { ?e a cps:Protest
        OPTIONAL { ?e sem:hasTimeStamp ?d } } }""")
    assert found and all("d" not in r for r in found)


ANNOUNCED = """Lakeview nurses back strike

Nurses at Lakeview Clinic have voted to authorize a strike, their union said Wednesday.
"""


def test_a_closing_attribution_with_a_day_is_the_announcement_of_that_day():
    """'…, their union said Wednesday.' closing the sentence dates the announcement of its news (the gold's
    announcement rows), not the vote it reports (issue 15)."""
    store = graph_of([article_of(ANNOUNCED, date(2024, 2, 8), "announced")])
    found = rows(store, PREFIXES + """SELECT ?d WHERE { GRAPH ?g { ?e a cps:Announcement ; sem:hasTimeStamp ?d } }""")
    assert [r["d"] for r in found] == ["2024-02-07"]
