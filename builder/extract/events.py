"""Events of labour negotiations, found by event nouns and cue verbs in article sentences.

Each rule below is a trigger (an event noun phrase or verb phrase of labour reporting: "bargaining
session", "cooling-off period", "sick-out", "lawsuit", "lock out", "strike", "walked away from the table",
"tentative agreement", "vote") plus the sentence around it: the entity mentions of the entity stage give
the actors, the date expressions (builder.extract.dates) the day, tense and modal words the status, and
quantities in the same clause what the event measures. Offers and their terms are in builder.extract.offers, the
phased return in builder.extract.schedule; they add to the event book `extract_events` leaves on the context,
and `emit_events` writes it once all three have run.
"""

from __future__ import annotations

import re

from builder.emit import terms
from builder.extract import rules
from builder.extract.attribution import REPORTING_VERB
from builder.extract.dates import article_dates
from builder.extract.eventbook import QUANTITY_OF, EventBook, is_agent, is_union, negotiation_for
from builder.extract.quantities import quantities_of
from builder.spans import ByBegin
from builder.vocab import CPS

__all__ = ["extract_events", "emit_events", "EVENT_RULES"]

RULE_NEGOTIATION = rules.register(
    "negotiation-parties", "Talks between a labour union and the employer it bargains with, identified by the "
    "two parties, the subject of the talks and the year; grounded in the words 'negotiations', 'talks', "
    "'bargaining'.")
RULE_SESSION = rules.register(
    "bargaining-session-day", "A bargaining session: 'session', 'talks', 'bargaining table', 'met' with a day "
    "in the same sentence (one session per day named with a plural 'sessions'); negated meetings are skipped.")
RULE_EVENT_NOUN = rules.register(
    "event-noun-phrase", "An event noun or verb phrase of labour reporting (cooling-off period, sick-out, "
    "strike, classes cancelled, walked away from the table, tentative agreement) with its sentence's actors, "
    "day and status words.")
RULE_THREAT = rules.register(
    "threatened-action", "A threatened lawsuit or lockout ('file a lawsuit', 'court order', 'threatening to "
    "lock out'): a cps:Threat whose cps:threatenedAction is the threatened event.")
RULE_VOTE = rules.register(
    "vote-on-agreement", "'vote'/'voting' near a tentative agreement (or a strike approved by a governing "
    "body): a cps:Vote on that event by the body or union that votes.")
RULE_EVENT_QUANTITY = rules.register(
    "quantity-of-event", "A quantity in the same clause as an event trigger measures that event.")

NEGOTIATION_WORDS = re.compile(r"\b(?:negotiations?|talks|bargaining)\b", re.IGNORECASE)
SESSION = re.compile(r"\b(?:(?:bargaining|marathon|negotiating)\s+)*sessions?\b|\btalks\b|\bbargaining table\b"
                     r"|\b(?:met|meet|meeting|conferred)\b", re.IGNORECASE)
NEGATED = re.compile(r"\b(?:not|never|no|didn[’']t|did not|won[’']t|refus\w+ to|declin\w+ to|fail\w* to)\s+"
                     r"(?:\w+\s+){0,2}$", re.IGNORECASE)
# "went on strike Monday" begins one; "voted to go on strike" or "plan to go on strike" does not
STRIKE_BEGINS = re.compile(r"(?<!\bto )\b(?:went|go|goes|going|gone)\s+on\s+$"
                           r"|\b(?:began|begun|begin|started|start|launched|launch)\w*\s+(?:a|the|their|its)?\s*$",
                           re.IGNORECASE)
THREAT_WORDS = re.compile(r"\b(?:could|would|might|may|if|threat\w*|looms?|loom\w*|possible|illegal|authoriz\w*|"
                          r"wants?|nobody|avoid\w*|prevent\w*|potential)\b", re.IGNORECASE)
EXPECTED_WORDS = re.compile(r"\b(?:expected|will|needs? to|scheduled|planned|taking place|through|awaits?)\b",
                            re.IGNORECASE)
# a vote reported as held ("voted", "the vote ended"), not one to come ("needs to be approved")
DONE_WORDS = re.compile(r"(?<!be )\b(?:voted|approved|ratified|ended|passed|took place|was held)\b", re.IGNORECASE)

# (class, trigger, label, status rule). Status rules: "threat" → Threatened unless the sentence reports it as
# having happened; "proposal" → Proposed when called for; "occurred" → Occurred.
EVENT_RULES = (
    (CPS.CoolingOffPeriod, re.compile(r"\bcooling[- ]off[”\"’]?\s+period\b", re.IGNORECASE), "Cooling-off period",
     "proposal"),
    (CPS.Protest, re.compile(r"\brall(?:y|ies|ied)\b|\bprotest(?:s|ed)?\b|\bdemonstrat(?:ed|ion|ions)\b"
                             r"|\bpicketing\b", re.I), "Protest", "occurred"),
    (CPS.SickOut, re.compile(r"\bsick[- ]?outs?\b|\bcall(?:ed|ing|s)? in sick\b", re.IGNORECASE), "Sick-out",
     "occurred"),
    (CPS.Strike, re.compile(r"\bstrikes?\b|\bwalk(?:ed|s)? out\b|\bpicket lines?\b", re.IGNORECASE), "Strike",
     "threat"),
    (CPS.ClassCancellation, re.compile(r"\bcancel(?:l)?ed\s+classes\b|\bclasses\s+(?:\w+\s+){0,3}cancel(?:l)?ed\b",
                                       re.IGNORECASE), "Classes cancelled", "occurred"),
    (CPS.WalkAway, re.compile(r"\bwalk(?:ed|s|ing)?\s+away\s+from\s+(?:the\s+)?(?:bargaining\s+)?"
                              r"(?:table|talks|negotiations)\b", re.IGNORECASE), "Walk-away from the table",
     "occurred"),
    (CPS.TentativeAgreement, re.compile(r"\btentative[”\"’]?\s+(?:deal|agreement|contract)\b", re.IGNORECASE),
     "Tentative agreement", "agreement"),
    (CPS.RatifiedAgreement, re.compile(r"\bratif(?:ied|ies|y|ying)\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
                                      r"(?:[\w-]+\s+){0,2}(?:contract|agreement|deal)\b", re.IGNORECASE),
     "Ratified agreement", "agreement"),
)
THREATENED = (
    (CPS.Lawsuit, re.compile(r"\b(?:file|filing|bring|threaten\w* to file)\s+(?:a\s+)?(?:law)?suit\b|\blawsuits?\b"
                             r"|\bcourt order\b|\blegal action\b|\bsue\b", re.IGNORECASE), "Lawsuit"),
    (CPS.Lockout, re.compile(r"\block(?:ed|ing|s)?(?:[ -]|\s+(?:\w+\s+){1,2})out\b|\blockouts?\b", re.IGNORECASE),
     "Lockout"),
)
LEGAL_WORDS = re.compile(r"\b(?:court|lawsuit|legal|judge|sue|injunction)\b", re.IGNORECASE)


def extract_events(ctx) -> EventBook:
    """Find the article's events; they are emitted by `emit_events`, after schedule and offers have added
    theirs to the same book (builder.pipeline runs them in that order)."""
    article = ctx.article
    dates = ctx.dates = article_dates(article)
    quantities = [(q, node) for q, node, _ in quantities_of(ctx)]
    book = ctx.events = EventBook(ctx)
    negotiation_spans = ctx.negotiation_spans
    paragraphs = {}
    for sentence in article.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    dates_by_begin = ByBegin(dates)  # the dates of a sentence by bisection, not a scan per sentence
    for index, sentence in enumerate(article.sentences):
        in_sentence = dates_by_begin.starting_in(sentence.begin, sentence.end)
        following = article.sentences[index + 1] if index + 1 < len(article.sentences) else None
        if following is not None and following.paragraph != sentence.paragraph:
            following = None
        _negotiation_words(ctx, sentence, negotiation_spans)
        _sessions(ctx, book, sentence, in_sentence, quantities)
        _event_nouns(ctx, book, sentence, in_sentence, quantities)
        _threats(ctx, book, sentence, following, in_sentence)
    for sentence in article.sentences:  # votes need the agreements and strikes found above
        _votes(ctx, book, sentence, dates_by_begin.starting_in(sentence.begin, sentence.end))
    _agreement_status(book)
    _negotiation_counts(ctx, quantities)
    return book


def emit_events(ctx) -> None:
    """Emit the article's event book: its events, the phased returns and the offers."""
    ctx.events.emit(ctx.negotiation_spans, RULE_NEGOTIATION)


def _negotiation_words(ctx, sentence, spans) -> None:
    negotiation = negotiation_for(ctx, sentence.begin, sentence.end)
    if negotiation is None:
        return
    for match in NEGOTIATION_WORDS.finditer(ctx.article.text, sentence.begin, sentence.end):
        spans.setdefault(negotiation.iri.value, []).append(match.span())


def nearest_day(dates, at: int):
    days = [d for d in dates if d.is_day]
    return min(days, key=lambda d: (abs(d.begin - at), d.begin)) if days else None


SUBORDINATE = r"|\b(?:after|before|because|when|while|since|although)\b"


def clause_bounds(text: str, at: int, floor: int, ceiling: int, subordinate: bool = False) -> tuple[int, int]:
    """The clause around `at`: between the nearest ',', ';', ':' or dash on either side (and, if asked,
    a subordinating conjunction: "went on strike Monday after talks broke down" has two clauses)."""
    breaks = r"[,;:—](?!\d)" + (SUBORDINATE if subordinate else "")  # not the separator of "2,300"
    start = max((m.end() for m in re.finditer(breaks, text[floor:at])), default=0) + floor
    stop = re.search(breaks, text[at:ceiling])
    return start, (at + stop.start() if stop else ceiling)


def link_quantities(record, quantities, begin: int, end: int) -> None:
    for q, node in quantities:
        if begin <= q.begin and q.end <= end:
            record.relations.add((QUANTITY_OF, node.value))


def _sessions(ctx, book, sentence, dates, quantities) -> None:
    text = ctx.article.text
    for match in SESSION.finditer(text, sentence.begin, sentence.end):
        if NEGATED.search(text[sentence.begin:match.start()]):
            continue
        plural = match.group(0).lower().endswith("sessions")
        # the day of a session is named in its clause; "sessions … over the weekend; Saturday …, Sunday …"
        # names one day per session anywhere in the sentence
        c_begin, c_end = (sentence.begin, sentence.end) if plural else clause_bounds(
            text, match.start(), sentence.begin, sentence.end, subordinate=True)
        # a day in a fronted adverbial ("On Monday, …", "At 11 p.m. on Friday, May 5, …") covers the sentence
        fronted = [d for d in dates if d.is_day and d.begin - sentence.begin < 40
                   and re.match(r"\s*,", text[d.end:d.end + 2])]
        days = [d for d in dates if d.is_day and c_begin <= d.begin < c_end] or fronted
        if not days:
            continue
        negotiation = negotiation_for(ctx, sentence.begin, sentence.end)
        if negotiation is None:
            return
        chosen = sorted(days, key=lambda d: d.begin) if plural else [nearest_day(days, match.start())]
        for day in chosen:
            record = book.event(CPS.BargainingSession, f"Bargaining session of {day.value.isoformat()}",
                                negotiation, day.value.isoformat(), begin=match.start(), end=match.end(),
                                rule=RULE_SESSION, confidence=0.75)
            record.when(day)
            record.statuses.add(str(CPS.OccurredStatus))
            # "Monday's session stretched into early Tuesday morning": the end is kept in words
            for later in dates:
                if later.begin > day.end and re.search(r"\b(?:into|until|through)\s+(?:\w+\s+)?$",
                                                       text[max(sentence.begin, later.begin - 20):later.begin]):
                    record.literals.add((str(CPS.timeExpression), terms.text(later.expression)))
            for party in (negotiation.union, negotiation.employer):
                record.actor(party)
            hours = [(q, n) for q, n in quantities if q.unit == "hour"]
            if plural:  # "Friday for 12 hours and Saturday for 9": the duration follows its day
                nxt = [d.begin for d in chosen if d.begin > day.begin]
                link_quantities(record, hours, day.end, nxt[0] if nxt else sentence.end)
            else:
                link_quantities(record, hours, sentence.begin, sentence.end)
        return  # one trigger per sentence is enough: later ones name the same session


def _event_nouns(ctx, book, sentence, dates, quantities) -> None:
    text = ctx.article.text
    for cls, pattern, label, status_rule in EVENT_RULES:
        for match in pattern.finditer(text, sentence.begin, sentence.end):
            negotiation = negotiation_for(ctx, sentence.begin, sentence.end)
            if negotiation is None:
                continue
            day = nearest_day(dates, match.start())
            dated = cls in (CPS.SickOut, CPS.ClassCancellation, CPS.Protest)  # repeatable events: one per day
            identity = (day.value.isoformat(),) if dated and day else ()
            record = book.event(cls, label, negotiation, *identity, begin=match.start(), end=match.end(),
                                rule=RULE_EVENT_NOUN, confidence=0.8)
            clause = clause_bounds(text, match.start(), sentence.begin, sentence.end, subordinate=True)
            status = _status(status_rule, text, sentence, match, cls)
            # a strike is dated only when it is reported as begun, by a day in its own clause
            if cls == CPS.Strike:  # dated by the day it began: "went on strike Monday", "walked out Monday"
                begins = STRIKE_BEGINS.search(text[sentence.begin:match.start()]) \
                    or match.group(0).lower().startswith("walk")
                in_clause = day is not None and clause[0] <= day.begin < clause[1]
                if begins and status == CPS.OccurredStatus and in_clause:
                    record.when(day)
            elif day is not None and (dated or abs(day.begin - match.start()) < 120):
                record.when(day)
            if status is not None:
                record.statuses.add(str(status))
            for entity in _actors(ctx, cls, sentence, match, negotiation):
                record.actor(entity)
            if cls == CPS.CoolingOffPeriod:  # its length is the attributive "72-hour" right before it
                link_quantities(record, quantities, match.start() - 12, match.start())
            elif cls == CPS.RatifiedAgreement:  # its term: "a two-year contract"
                link_quantities(record, [(q, n) for q, n in quantities if q.unit == "year"], *match.span())
            elif cls in (CPS.SickOut, CPS.Protest, CPS.Strike):  # who took part: a count in the same clause
                link_quantities(record, [(q, n) for q, n in quantities if q.unit == "count"], *clause)


def _status(rule: str, text: str, sentence, match, cls):
    before = text[sentence.begin:match.start()]
    context = text[sentence.begin:sentence.end]
    if rule == "proposal":
        return CPS.ProposedStatus if re.search(r"\bcall(?:ed|ing|s)? for\b|\bpropos", context, re.I) \
            else CPS.PlannedStatus
    if rule == "threat":
        return CPS.ThreatenedStatus if THREAT_WORDS.search(context) else CPS.OccurredStatus
    if rule == "agreement":
        return CPS.OccurredStatus
    if cls == CPS.WalkAway and re.search(rf"\b{REPORTING_VERB}\b|\baccus\w+", before, re.I):
        return None  # reported only as one side's claim, whose truth builder.extract.claims records
    if re.search(r"\b(?:asking|urg\w+|call(?:ed|ing)? on)\b", before, re.I):
        return CPS.PlannedStatus
    return CPS.OccurredStatus


def _actors(ctx, cls, sentence, match, negotiation):
    """Who acts: the agent just before the trigger (its subject), unless a reporting verb separates them
    (then that agent only reports it); for strikes and agreements also the negotiation's parties."""
    text = ctx.article.text
    out = []
    if cls in (CPS.Strike,):
        return [negotiation.union]
    if cls in (CPS.TentativeAgreement, CPS.RatifiedAgreement):
        named = [m.entity for m in ctx.mentions_in(sentence.begin, sentence.end)
                 if m.entity.kind == "organization" and (is_union(m.entity) or m.entity == negotiation.employer)]
        return list(dict.fromkeys([*named, negotiation.union, negotiation.employer]))
    before = [m for m in ctx.mentions_in(sentence.begin, match.start()) if is_agent(m.entity)]
    if before:
        last = before[-1]
        gap = text[last.end:match.start()]
        # a reporting verb between them makes the agent a reporter; a number makes it a modifier
        # ("the district 1,000 families")
        if not re.search(rf"\b{REPORTING_VERB}\b|\baccus\w+|^\s*[\d$]", gap, re.I) and len(gap) < 80:
            out.append(last.entity)
            # "the mayor and the district ..." : a coordinated subject
            for earlier in reversed(before[:-1]):
                if re.fullmatch(r"\s*(?:and|,)\s*(?:\w+\s+){0,4}", text[earlier.end:last.begin]):
                    out.append(earlier.entity)
                    last = earlier
                else:
                    break
    return out


def _threats(ctx, book, sentence, following, dates) -> None:
    text = ctx.article.text
    for cls, pattern, label in THREATENED:
        for match in pattern.finditer(text, sentence.begin, sentence.end):
            negotiation = negotiation_for(ctx, sentence.begin, sentence.end)
            if negotiation is None:
                continue
            action = book.event(cls, label, negotiation, begin=match.start(), end=match.end(),
                                rule=RULE_THREAT, confidence=0.75)
            action.statuses.add(str(CPS.ThreatenedStatus))
            threat = book.event(CPS.Threat, f"Threat of {label.lower()}", negotiation, action.iri.value,
                                begin=match.start(), end=match.end(), rule=RULE_THREAT, confidence=0.75)
            threat.statuses.add(str(CPS.ThreatenedStatus))
            threat.relate(CPS.threatenedAction, action.iri)
            threateners = _actors(ctx, cls, sentence, match, negotiation)
            if cls == CPS.Lawsuit:
                threateners = threateners or _legal_agents(ctx, sentence, following)
            for entity in threateners:
                threat.actor(entity)
                action.actor(entity)
            day = nearest_day(dates, match.start())
            if day is not None and abs(day.begin - match.start()) < 80:
                threat.when(day)


def _legal_agents(ctx, sentence, following):
    """A threat of legal action is often voiced by the lawyer quoted next: '..., said X, with the Y Center.'"""
    text = ctx.article.text

    def agents_in(span):  # the party sued ("a lawsuit against the district") is not the one threatening
        return [m.entity for m in ctx.mentions_in(span.begin, span.end) if is_agent(m.entity)
                and not re.search(r"\bagainst\s+(?:the\s+)?$", text[max(0, m.begin - 12):m.begin])]

    agents = agents_in(sentence)
    if not agents and following is not None and LEGAL_WORDS.search(text[following.begin:following.end]):
        agents = agents_in(following)
    return list(dict.fromkeys(agents))


def _votes(ctx, book, sentence, dates) -> None:
    text = ctx.article.text
    for match in re.finditer(r"\bvot(?:e|es|ing)\b", text[sentence.begin:sentence.end], re.IGNORECASE):
        at = sentence.begin + match.start()
        strike_approval = re.search(r"\bstrike\b", text[sentence.begin:sentence.end], re.I)
        # a vote in a sentence about a strike authorises it; otherwise it is on the agreement reached
        agreements = [CPS.TentativeAgreement, CPS.RatifiedAgreement]
        target = book.nearest_before([CPS.Strike] if strike_approval else agreements, at)
        if target is None:
            continue
        body = _voting_body(ctx, sentence, target)
        if body is None:
            continue
        subject = target.label.split(" (")[0].lower()
        vote = book.event(CPS.Vote, f"Vote on the {subject} by {body.label}",
                          target.negotiation, target.iri.value, body.iri.value, begin=at,
                          end=at + len(match.group(0)), rule=RULE_VOTE, confidence=0.7)
        vote.relate(CPS.voteOn, target.iri)
        vote.actor(body, str(CPS.votingBody))
        context = text[sentence.begin:sentence.end]
        vote.statuses.add(str(CPS.OccurredStatus if DONE_WORDS.search(context) else CPS.ExpectedStatus))
        day = nearest_day(dates, at)
        if day is not None:
            vote.when(day)
        if target.cls == str(CPS.TentativeAgreement):
            target.statuses.add(str(CPS.UnderReviewStatus))
        if strike_approval:
            break
    _strike_approvals(ctx, book, sentence)


def _voting_body(ctx, sentence, target):
    """The governing body named with the vote, else the union that is party to the agreement voted on."""
    mentions = [m.entity for m in ctx.mentions_in(sentence.begin, sentence.end)]
    bodies = [e for e in mentions if str(CPS.UnionGoverningBody) in e.classes]
    if bodies:
        return bodies[0]
    if target.negotiation is not None:
        return target.negotiation.union
    unions = [e for e in mentions if is_union(e)]
    return unions[0] if unions else None


def _strike_approvals(ctx, book, sentence) -> None:
    """'a strike, if a majority of the House of Delegates approved one': a possible vote on the strike."""
    text = ctx.article.text[sentence.begin:sentence.end]
    if not re.search(r"\bstrike\b", text, re.I) or not re.search(r"\bapprov\w*|\bauthoriz\w*", text, re.I):
        return
    bodies = [m for m in ctx.mentions_in(sentence.begin, sentence.end)
              if str(CPS.UnionGoverningBody) in m.entity.classes]
    strike = book.nearest_before([CPS.Strike], sentence.end)
    if not bodies or strike is None:
        return
    body = bodies[0]
    vote = book.event(CPS.Vote, f"Vote on the strike by {body.entity.label}", strike.negotiation,
                      strike.iri.value, body.entity.iri.value, begin=body.begin, end=body.end,
                      rule=RULE_VOTE, confidence=0.6)
    vote.relate(CPS.voteOn, strike.iri)
    vote.actor(body.entity, str(CPS.votingBody))
    vote.statuses.add(str(CPS.ThreatenedStatus))


def _agreement_status(book) -> None:
    """An agreement awaiting a vote is under review, whatever the sentence that announced it said."""
    for record in book.of_class(CPS.TentativeAgreement):
        if str(CPS.UnderReviewStatus) in record.statuses:
            record.statuses.discard(str(CPS.OccurredStatus))


def _negotiation_counts(ctx, quantities) -> None:
    """'After more than forty meetings': a count of meetings or sessions measures the negotiation."""
    for q, node in quantities:
        if q.counted in ("meetings", "sessions"):
            negotiation = negotiation_for(ctx, q.begin, q.end)
            if negotiation is not None:
                ctx.sink.add(node, CPS.quantityOf, negotiation.iri)
