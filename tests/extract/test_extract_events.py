"""Events, offers, terms and phased returns: the five seeds (checked with SPARQL over the built graph) and
engineer B's own articles about other negotiations (tests/articles/b-*.yaml list what each must yield)."""

from __future__ import annotations

import warnings
from decimal import Decimal
from functools import cache, lru_cache

import pyoxigraph as ox
import pytest
from extraction_support import ARTICLES, ROOT, ask, graph_of, load_sidecar, rows, seed_articles

from builder.extract.dates import DateWarning, find_dates
from builder.pipeline import assemble

SEM = "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
OWN = ("b-sacramento-final-offer", "b-denver-tentative-agreement", "b-riverbend-faculty-strike")
STRUGGLE = "2021-02-05-struggle-final-offer"
TENTATIVE = "2021-02-07-cbs-tentative-deal"


@lru_cache(maxsize=1)
def seeds() -> ox.Store:
    """The seed dataset exactly as the build assembles it (map over articles, then the cross-article step)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = assemble(ROOT / "corpus", ROOT / "curation")
    store = ox.Store()
    store.extend(result.quads)
    return store


@cache
def own(name: str) -> tuple[ox.Store, dict]:
    article, expect = load_sidecar(ARTICLES / f"{name}.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return graph_of([article]), expect


def num(lexical: str | None) -> Decimal | None:
    """xsd:decimal values compared as numbers, whatever their lexical form ("14" or "14.0")."""
    return None if lexical is None else Decimal(lexical)


def q(store, query, **bindings):
    return rows(store, SEM + query, **bindings)


def cls(local: str) -> str:
    return f"<https://w3id.org/cpskg/ontology#{local}>"


def events_of(store, local: str) -> list[dict]:
    return q(store, """SELECT ?e ?g ?d ?status WHERE { GRAPH ?g { ?e a ?c .
        OPTIONAL { ?e sem:hasTimeStamp ?d } OPTIONAL { ?e cps:eventStatus ?status } } }""",
             c=cls(local))


def labels(store, event: str, prop: str) -> set[str]:
    return {r["l"] for r in q(store, "SELECT ?l WHERE { GRAPH ?g { ?e ?p ?a . ?a rdfs:label ?l } }",
                               e=f"<{event}>", p=prop)}


# ---- the seeds --------------------------------------------------------------------------------------------

def test_two_negotiations_are_not_merged():
    found = q(seeds(), """SELECT DISTINCT ?n ?l WHERE { GRAPH ?g { ?n a cps:Negotiation ; rdfs:label ?l } }""")
    ctu = [r for r in found if r["l"].startswith("Chicago Teachers Union")]
    assert len(ctu) == 2, found
    assert {("2019" in r["l"], "contract" in r["l"]) for r in ctu} == {(True, True), (False, False)}
    # the 2021 talks are reported by four articles: one instance with mentions in each
    graphs = q(seeds(), """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?n a cps:Negotiation ; gaf:denotedBy ?m ;
        rdfs:label ?l FILTER(CONTAINS(?l, "2021")) } }""")
    assert len(graphs) == 4


def test_bargaining_sessions_of_2019_with_hours():
    sessions = q(seeds(), """SELECT ?d ?v WHERE { GRAPH ?g { ?n cps:hasSession ?s ; rdfs:label ?nl .
        ?s a cps:BargainingSession ; sem:hasTimeStamp ?d .
        OPTIONAL { ?qt cps:quantityOf ?s ; schema:value ?v } } FILTER(CONTAINS(?nl, "2019")) }""")
    by_day = {r["d"]: num(r.get("v")) for r in sessions}
    assert by_day == {"2019-10-26": 14, "2019-10-27": 10, "2019-10-28": None}


def test_cooling_off_sick_out_and_lawsuit_threat():
    store = seeds()
    cooling = q(store, """SELECT ?d ?v ?u WHERE { GRAPH ?g { ?e a cps:CoolingOffPeriod ; sem:hasTimeStamp ?d ;
        cps:eventStatus cps:ProposedStatus . ?qt cps:quantityOf ?e ; schema:value ?v ; schema:unitText ?u } }""")
    assert {(r["d"], num(r["v"]), r["u"]) for r in cooling} == {("2021-02-01", 48, "hour")}
    sick = q(store, """SELECT ?d ?v ?c WHERE { GRAPH ?g { ?e a cps:SickOut ; sem:hasTimeStamp ?d .
        ?qt cps:quantityOf ?e ; schema:value ?v ; cps:countedThing ?c ; cps:approximate true } }""")
    assert {(r["d"], num(r["v"]), r["c"]) for r in sick} == {("2021-02-01", 1000, "families")}
    threat = q(store, """SELECT ?al WHERE { GRAPH ?g { ?t a cps:Threat ; cps:threatenedAction ?a ;
        sem:hasActor/rdfs:label ?al . ?a a cps:Lawsuit ; cps:eventStatus cps:ThreatenedStatus } }""")
    assert "Liberty Justice Center" in {r["al"] for r in threat}


def test_lockout_threats_by_the_mayor():
    found = q(seeds(), """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?t a cps:Threat ; cps:threatenedAction ?a ;
        sem:hasActor ?who . ?a a cps:Lockout . ?who rdfs:label "Lori Lightfoot"@en } }""")
    assert {r["g"].rsplit("/", 1)[-1] for r in found} == {STRUGGLE, TENTATIVE}


def test_final_offer_proposers_recipient_and_dates():
    found = q(seeds(), """SELECT ?g ?o ?d WHERE { GRAPH ?g { ?o a cps:FinalOffer ; sem:hasTimeStamp ?d } }""")
    assert len({r["o"] for r in found}) == 1, "one offer, reported by two articles"
    # the offer carries one day; each report's day is a claim of its outlet (builder/merge/event_versions.py)
    assert {(r["g"].rsplit("/", 1)[-1], r["d"]) for r in found} == {(STRUGGLE, "2021-02-04")}
    claimed = q(seeds(), """SELECT ?g ?d WHERE { GRAPH ?g { ?c a cps:Claim ; cps:about ?o ; sem:hasTimeStamp ?d .
        ?o a cps:FinalOffer } }""")
    assert {(r["g"].rsplit("/", 1)[-1], r["d"]) for r in claimed} == {(STRUGGLE, "2021-02-04"),
                                                                      (TENTATIVE, "2021-02-05")}
    offer = found[0]["o"]
    assert {"Lori Lightfoot", "Chicago Public Schools"} <= labels(seeds(), offer, "<https://w3id.org/cpskg/ontology#proposer>")
    assert labels(seeds(), offer, "<https://w3id.org/cpskg/ontology#recipient>") == {"Chicago Teachers Union"}
    assert "Chicago Teachers Union" not in labels(seeds(), offer, "<https://w3id.org/cpskg/ontology#proposer>")


def test_final_offer_terms_with_quantities():
    terms = q(seeds(), """SELECT ?topic ?v ?u WHERE { GRAPH ?g { ?o a cps:FinalOffer ; cps:hasTerm ?t .
        ?t cps:topic ?topic . OPTIONAL { ?t cps:termQuantity ?qt . ?qt schema:value ?v ; schema:unitText ?u } } }""")
    got = {(r["topic"].rsplit("#", 1)[-1], num(r.get("v")), r.get("u")) for r in terms}
    assert {("VaccinationTopic", 1500, "count per week"), ("ClosureTriggerTopic", 50, "percent"),
            ("ClosureTriggerTopic", Decimal("2.5"), "percent"), ("RemoteWorkTopic", 75, "percent"),
            ("ReturnScheduleTopic", None, None)} <= got


def test_tentative_agreements_and_votes():
    found = q(seeds(), """SELECT ?al ?bl ?status WHERE { GRAPH ?g { ?a a cps:TentativeAgreement ; rdfs:label ?al ;
        cps:eventStatus ?status . ?v a cps:Vote ; cps:voteOn ?a ; cps:votingBody/rdfs:label ?bl } }""")
    got = {(r["al"].startswith("Tentative agreement (SEIU Local 73"), r["bl"], r["status"].rsplit("#")[-1])
           for r in found}
    assert (True, "SEIU Local 73", "UnderReviewStatus") in got
    assert (False, "Chicago Teachers Union", "UnderReviewStatus") in got
    support = q(seeds(), """SELECT ?v WHERE { GRAPH ?g { ?qt cps:quantityOf ?o ; schema:value ?v ;
        cps:countedThing "support staff" . ?o rdfs:label "SEIU Local 73"@en } }""")
    assert [num(r["v"]) for r in support] == [7500]


def test_phased_returns_planned_and_proposed():
    steps = q(seeds(), """SELECT ?status ?band ?group ?d WHERE { GRAPH ?g { ?p a cps:PhasedReturn ;
        cps:eventStatus ?status ; cps:hasStep ?s . ?s cps:gradeBand ?band ; cps:returningGroup ?group ;
        sem:hasTimeStamp ?d } }""")
    got = {(r["status"].rsplit("#")[-1][:-6], r["band"], r["group"].rsplit("#")[-1][:-5], r["d"]) for r in steps}
    assert got == {
        ("Planned", "pre-K", "Students", "2021-02-11"),
        ("Planned", "K-5", "Staff", "2021-02-22"), ("Planned", "K-5", "Students", "2021-03-01"),
        ("Planned", "6-8", "Staff", "2021-03-01"), ("Planned", "6-8", "Students", "2021-03-08"),
        ("Proposed", "pre-K", "Students", "2021-02-09"), ("Proposed", "pre-K", "Staff", "2021-02-08"),
        ("Proposed", "K-5", "Students", "2021-02-22"), ("Proposed", "K-5", "Staff", "2021-02-16"),
        ("Proposed", "6-8", "Students", "2021-03-01"), ("Proposed", "6-8", "Staff", "2021-02-22"),
    }


def test_2019_strike_class_cancellation_and_walk_away():
    store = seeds()
    assert ask(store, """ASK { GRAPH ?g { ?s a cps:Strike ; cps:eventStatus cps:OccurredStatus ; rdfs:label ?l
        FILTER(CONTAINS(?l, "2019")) } }""")
    assert ask(store, """ASK { GRAPH ?g { ?s a cps:Strike ; cps:eventStatus cps:ThreatenedStatus ; rdfs:label ?l
        FILTER(CONTAINS(?l, "2021")) } }""")
    assert ask(store, SEM + """ASK { GRAPH ?g { ?c a cps:ClassCancellation ;
        sem:hasTimeStamp "2019-10-29"^^xsd:date } }""")
    walk = q(store, """SELECT ?l ?al WHERE { GRAPH ?g { ?w a cps:WalkAway ; rdfs:label ?l ;
        sem:hasActor/rdfs:label ?al } }""")
    assert ("2019", "Janice Jackson") in {(r["l"][-5:-1], r["al"]) for r in walk}
    assert ("2021", "Lori Lightfoot") in {(r["l"][-5:-1], r["al"]) for r in walk}


def test_every_event_mention_matches_the_text():
    """Each mention grounding an event, offer term, quantity or claim spells exactly the article's words."""
    found = q(seeds(), """SELECT ?a ?b ?e ?ctx WHERE { GRAPH ?g { ?x a ?c ; gaf:denotedBy ?m .
        ?m nif:anchorOf ?a ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?ctx }
        VALUES ?c { cps:Event cps:OfferTerm cps:Quantity cps:Claim } }""")
    by_iri = {f"https://w3id.org/cpskg/id/article/{a.id}": a.text for a in seed_articles()}
    assert len(found) > 100
    for r in found:
        assert by_iri[r["ctx"]][int(r["b"]):int(r["e"])] == r["a"]


# ---- engineer B's own articles -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", OWN)
def test_own_article_negotiation(name):
    store, expect = own(name)
    want = expect["negotiation"]
    found = q(store, """SELECT ?l WHERE { GRAPH ?g { ?n a cps:Negotiation ; rdfs:label ?l } }""")
    assert [r["l"] for r in found] == [f"{want['union']} – {want['employer']} {want['subject']} negotiation, "
                                       f"{expect_year(name)}"]


def expect_year(name: str) -> int:
    return load_sidecar(ARTICLES / f"{name}.yaml")[0].meta.published.year


@pytest.mark.parametrize("name", OWN)
def test_own_article_events(name):
    store, expect = own(name)
    for event in expect["events"]:
        found = events_of(store, event["class"])
        if "date" in event:
            found = [r for r in found if r.get("d") == str(event["date"])]
        assert found, f"no {event['class']} {event.get('date', '')} in {name}"
        iri = found[0]["e"]
        if "status" in event:
            assert {r.get("status", "").rsplit("#")[-1] for r in found} == {event["status"]}, event
        for prop, key in (("<http://semanticweb.cs.vu.nl/2009/11/sem/hasActor>", "actor"),
                          ("<https://w3id.org/cpskg/ontology#proposer>", "proposer"),
                          ("<https://w3id.org/cpskg/ontology#recipient>", "recipient")):
            if key in event:
                assert labels(store, iri, prop) >= set(event[key]), (event, labels(store, iri, prop))
        if "votingBody" in event:
            assert labels(store, iri, "<https://w3id.org/cpskg/ontology#votingBody>") == {event["votingBody"]}
        if "threatens" in event:
            assert ask(store, "ASK { GRAPH ?g { ?e cps:threatenedAction ?a . ?a a ?c } }", e=f"<{iri}>",
                       c=cls(event["threatens"]))
        if "date" in event and event["class"] != "BargainingSession":
            assert {r.get("d") for r in found} == {str(event["date"])}, event
        if "quantity" in event:
            want = event["quantity"]
            measured = q(store, """SELECT ?v ?u WHERE { GRAPH ?g { ?qt cps:quantityOf ?e ; schema:value ?v ;
                schema:unitText ?u } }""", e=f"<{iri}>")
            assert (Decimal(str(want["value"])), want["unit"]) in {(num(r["v"]), r["u"]) for r in measured}, event


@pytest.mark.parametrize("name", OWN)
def test_own_article_non_events(name):
    """What the article does NOT say happened: no session on a strike day whose talks broke down earlier,
    no session someone 'refused' to hold."""
    store, expect = own(name)
    for event in expect.get("no_events", []):
        days = {r.get("d") for r in events_of(store, event["class"])}
        assert str(event["date"]) not in days, event


@pytest.mark.parametrize("name", OWN)
def test_own_article_dates_left_unresolved(name):
    article, expect = load_sidecar(ARTICLES / f"{name}.yaml")
    for expression in expect.get("unresolved_dates", []):
        begin = article.text.index(expression)
        with pytest.warns(DateWarning):
            (mention,) = find_dates(article.text, begin, begin + len(expression), article.meta.published)
        assert (mention.precision, mention.value) == ("unresolved", None)


@pytest.mark.parametrize("name", OWN)
def test_own_article_terms_and_quantities(name):
    store, expect = own(name)
    for term in expect.get("terms", []):
        found = q(store, """SELECT ?v ?u ?c WHERE { GRAPH ?g { ?o cps:hasTerm ?t . ?t cps:topic ?topic ;
            cps:termQuantity ?qt . ?qt schema:value ?v ; schema:unitText ?u .
            OPTIONAL { ?qt cps:countedThing ?c } } }""",
                  topic=cls(term["topic"]))
        assert any(num(r["v"]) == Decimal(str(term["value"])) and (r["u"] == term.get("unit", r["u"]))
                   and r.get("c") == term.get("counted", r.get("c")) for r in found), (term, found)
    for want in expect.get("quantities", []):
        found = q(store, """SELECT ?v ?u ?c ?ap ?of WHERE { GRAPH ?g { ?qt a cps:Quantity ; schema:value ?v .
            OPTIONAL { ?qt schema:unitText ?u } OPTIONAL { ?qt cps:countedThing ?c }
            OPTIONAL { ?qt cps:approximate ?ap } OPTIONAL { ?qt cps:quantityOf/a ?of } } }""")
        match = [r for r in found if num(r["v"]) == Decimal(str(want["value"]))
                 and r.get("u") == want.get("unit", r.get("u")) and r.get("c") == want.get("counted", r.get("c"))]
        assert match, (want, found)
        if "approximate" in want:
            assert {r["ap"] for r in match} == {str(want["approximate"]).lower()}
        if "attributed" in want:
            who = q(store, """SELECT ?v ?who WHERE { GRAPH ?g { ?qt a cps:Quantity ; schema:value ?v ;
                prov:wasAttributedTo/rdfs:label ?who } }""")
            assert (Decimal(str(want["value"])), want["attributed"]) in {(num(r["v"]), r["who"]) for r in who}
        if want.get("of") == "negotiation":
            assert any(r.get("of", "").endswith("#Negotiation") for r in match)


def test_own_phased_return():
    store, expect = own("b-denver-tentative-agreement")
    steps = q(store, """SELECT ?status ?band ?group ?d WHERE { GRAPH ?g { ?p a cps:PhasedReturn ;
        cps:eventStatus ?status ; cps:hasStep ?s . ?s cps:gradeBand ?band ; cps:returningGroup ?group ;
        sem:hasTimeStamp ?d } }""")
    got = {(r["band"], r["group"].rsplit("#")[-1], r["d"]) for r in steps}
    assert got == {(s["band"], s["group"], str(s["date"])) for s in expect["steps"]}
    assert {r["status"].rsplit("#")[-1] for r in steps} == {expect["phased_status"]}


def test_session_keeps_the_words_of_its_end():
    """'Monday's session stretched into early Tuesday morning': dated Monday, the end kept as words."""
    found = q(seeds(), """SELECT ?t WHERE { GRAPH ?g { ?s a cps:BargainingSession ;
        sem:hasTimeStamp "2019-10-28"^^<http://www.w3.org/2001/XMLSchema#date> ; cps:timeExpression ?t } }""")
    assert {r["t"] for r in found} >= {"Monday", "early Tuesday morning"}


def test_sessions_dated_by_a_fronted_day_but_not_by_another_clause():
    """'At 11:15 p.m. on Thursday, February 4, the mayor walked away from the bargaining table': the fronted
    day dates the session; 'went on strike Monday after contract talks broke down' does not date the talks."""
    days = {r.get("d") for r in events_of(seeds(), "BargainingSession")}
    assert "2021-02-04" in days
    store, _ = own("b-riverbend-faculty-strike")
    assert "2023-09-18" not in {r.get("d") for r in events_of(store, "BargainingSession")}


def test_final_offer_status_per_report():
    """The outlet that reports the union calling the offer unacceptable records it as rejected; the other
    report, written before any answer, as proposed. The offer keeps the most definite status; each report's
    status is a claim in its own article's graph (builder/merge/event_versions.py)."""
    found = q(seeds(), "SELECT ?g ?st WHERE { GRAPH ?g { ?o a cps:FinalOffer ; cps:offerStatus ?st } }")
    assert {(r["g"].rsplit("/", 1)[-1], r["st"].rsplit("#")[-1]) for r in found} == {(STRUGGLE, "RejectedStatus")}
    claimed = q(seeds(), """SELECT ?g ?st WHERE { GRAPH ?g { ?c cps:about ?o ; cps:claimedStatus ?st .
        ?o a cps:FinalOffer } }""")
    assert {(r["g"].rsplit("/", 1)[-1], r["st"].rsplit("#")[-1]) for r in claimed} == {
        (STRUGGLE, "RejectedStatus"), (TENTATIVE, "ProposedStatus")}


@pytest.mark.parametrize(("name", "local", "day", "status"), [
    ("long-beach-tentative-agreement", "TentativeAgreement", "2022-03-12", "UnderReviewStatus"),
    ("long-beach-tentative-agreement", "Vote", "2022-03-15", "ExpectedStatus"),
    ("long-beach-tentative-agreement", "CoolingOffPeriod", "2022-03-10", "ProposedStatus"),
    ("long-beach-tentative-agreement", "Strike", None, "OccurredStatus"),
    ("minneapolis-custodians-contract", "RatifiedAgreement", "2024-01-18", "OccurredStatus"),
    ("minneapolis-custodians-contract", "Vote", None, "OccurredStatus"),
    ("portland-teachers-impasse", "BargainingSession", "2023-11-01", "OccurredStatus"),
    ("portland-teachers-impasse", "Strike", None, "ThreatenedStatus"),
])
def test_rules_on_articles_written_by_someone_else(name, local, day, status):
    """Engineer A's test articles were written for entities, posts and quotations, without these rules in
    mind: the event rules must still read them right."""
    store, _ = own(name)
    found = events_of(store, local)
    assert {(r.get("d"), r.get("status", "").rsplit("#")[-1]) for r in found} == {(day, status)}
