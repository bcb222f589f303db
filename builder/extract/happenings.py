"""Events any labour report names, found by general trigger words, each dated by the date expression of its
own clause.

The rules of builder.extract.events were written on one negotiation (a union and a school district the
registry knows) and find nothing when an article's parties are not known. This pass reads every content
sentence of any article for the events of labour disputes — strikes and walkouts, votes and ballots,
ratifications, tentative agreements, offers and proposals, bargaining sessions, protests and pickets,
returns to work, notices and announcements, lockouts — and:

* dates each trigger with the date expression nearest to it in its clause (else its sentence), never one
  that dates a statement ("said Monday") or that is nearer another trigger of the sentence;
* keeps one event per real event of an article: triggers of one kind merge on their date, and undated
  triggers join the one dated event of their kind (if the article has exactly one);
* gives each event one status, read from the words around its trigger (future and modal words: planned
  or threatened; otherwise occurred).

Triggers the older rules have already recorded are left to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from builder.extract import rules
from builder.extract.attribution import REPORTING_VERB
from builder.extract.dates import DateMention, day_pairs
from builder.extract.eventbook import EventBook, EventRecord, is_agent, main_parties, negotiation_for
from builder.spans import ByBegin
from builder.vocab import CPS

__all__ = ["TRIGGERS", "find_happenings"]

RULE_TRIGGER = rules.register(
    "event-trigger-general", "A general trigger of labour reporting (strike, walkout, vote, ballot, ratify, "
    "tentative agreement, offer, proposal, talks, rally, picket, return to work, notice, lockout) dated by the "
    "date expression of its own clause; one event per kind and date in an article.")

_NOT_A_STRIKE = (r"(?!\s*(?:[-‐]\s*)?(?:vote|votes|ballot|ballots|authori[sz]\w*|notice|pay|fund|mandate|"
                 r"committee|captains?|threat|deadline|action\s+ballot)\b)")
# (class, pattern, label), most specific first: a span taken by one trigger is not read again by a later one
TRIGGERS = (
    (CPS.TentativeAgreement, re.compile(r"\btentative(?:ly)?[”\"’]?\s+(?:deal|agreement|contract|pact|"
                                        r"settlement)s?\b|\btentative(?:ly)? agreed\b", re.I),
     "Tentative agreement"),
    (CPS.Vote, re.compile(r"\b(?:ratification|strike(?:[- ]authori[sz]ation)?|membership|consultative|"
                          r"industrial action)\s+(?:vote|ballot|voting)s?\b"
                          # a mandate is a vote's result
                          r"|\b(?:strike|industrial action)\s+mandate\b", re.I), "Vote"),
    (CPS.RatifiedAgreement, re.compile(r"\bratif(?:y|ied|ies|ying)\b", re.I), "Ratified agreement"),
    # a report's closing attribution that dates its news ("…, their union said Monday.", "… said Wednesday — a
    # rare step"): the announcement of what the sentence reports
    (CPS.Announcement, re.compile(r"\b(?:said|announced|confirmed)\s+(?:on\s+)?(?:late\s+|early\s+)?"
                                  r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                                  r"(?:\s+(?:morning|afternoon|evening|night))?(?=[.!]?[”\"’]?\s*$|\s+[—–]\s)", re.I),
     "Announcement"),
    (CPS.Announcement, re.compile(r"\b(?:\d+[- ]hour\s+|formal\s+|legal\s+)?strike notice\b|\bnotice of "
                                  r"(?:a |its |their )?strike\b|\b(?:news|press) conference\b"
                                  r"|\bannounc(?:ed|ement|es)\b", re.I), "Announcement"),
    (CPS.Vote, re.compile(r"\bvot(?:e|es|ed|ing)\b|\bballot(?:s|ed|ing)?\b", re.I), "Vote"),
    (CPS.Lockout, re.compile(r"\block(?:ed|s)? out\b|\blockouts?\b", re.I), "Lockout"),
    (CPS.Strike, re.compile(rf"\b(?:strike|strikes)\b{_NOT_A_STRIKE}|\bwalk(?:ed|s|ing)?[- ]?(?:out|off the job)\b"
                            r"|\b(?:marking|assessment)(?:\s+and\s+assessment)?\s+boycotts?\b"
                            r"|\bwalkouts?\b|\bwork stoppages?\b|\bstruck\b", re.I), "Strike"),
    (CPS.ReturnStep, re.compile(r"\b(?:return(?:ed|s|ing)?|go(?:es|ing)? back|went back|came back|be back)\s+to\s+"
                                r"(?:work|the job|their jobs|classrooms?|the classroom|school|classes|the routes?)\b"
                                r"|\bback[- ]to[- ]work\b", re.I), "Return to work"),
    (CPS.Protest, re.compile(r"\brall(?:y|ies|ied)\b|\bprotest(?:s|ed|ing)?\b|\bdemonstrat(?:ed|ion|ions)\b"
                             r"|\bpicket(?:s|ed|ing|ers)?\b|\bpicket lines?\b|\b(?-i:march(?:ed|es)?)\b",
                             re.I), "Protest"),
    (CPS.Offer, re.compile(r"\b(?:counter-?)?offer(?:s|ed)?\b|\bproposals?\b|\bproposed\b|\bcounterproposals?\b",
                           re.I), "Offer"),
    (CPS.BargainingSession, re.compile(r"\b(?:bargaining|negotiating|mediation)\s+sessions?\b|\btalks\b"
                                       r"|\b(?:back\s+)?(?:to|at)\s+the\s+(?:bargaining\s+)?table\b", re.I),
     "Bargaining session"),
)
# the older rules' specific classes, read as the general class a trigger finds
_GENERAL = {str(CPS.FinalOffer): (str(CPS.Offer),), str(CPS.SickOut): (str(CPS.Protest),)}
# a phased return spans its steps' days (builder.extract.schedule): no one day of its paragraph is its date
_DATED_BY_PARTS = {str(CPS.PhasedReturn)}
_FUTURE = re.compile(r"\b(?:will|would|could|might|may|plans?\s+to|planned|scheduled|set\s+to|expected|"
                     r"threaten\w*|if|unless|possible|potential|as early as|could|intends?\s+to|vow\w*)\b"
                     r"|[’']ll\b", re.I)
_THREAT = re.compile(r"\b(?:threaten\w*|could|might|if|unless|possible|potential|authori[sz]\w*)\b", re.I)
_SAID_DATE = re.compile(rf"\b{REPORTING_VERB}\s+(?:\w+\s+){{0,2}}$|\b(?:in an? (?:email|letter|statement|"
                        r"post|tweet|release))\s+$", re.I)
# "Sunday morning CTU said ...": a date fronted before a speaker and a reporting verb dates the statement
_SAID_AFTER = re.compile(rf"^(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:the\s+)?(?:[\w.’'-]+\s+){{1,4}}"
                         rf"{REPORTING_VERB}\b")


# "stay out until 11:59 p.m. Monday": the day an event ends, not the day of a trigger near it (a pair of days
# "from 3 April until 5 April" is one interval already, builder.extract.dates.day_pairs)
_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midnight)"
                    r"\s+(?:on\s+)?)?$", re.IGNORECASE)


@dataclass
class _Trigger:
    cls: str
    label: str
    begin: int
    end: int
    sentence: object
    date: DateMention | None = None
    statuses: set = field(default_factory=set)
    record: EventRecord | None = None  # an event the older rules recorded at these words


def _clause(text: str, at: int, floor: int, ceiling: int) -> tuple[int, int]:
    breaks = r"[;:—–]|,(?!\d)|\b(?:but|while|after|before|because|when|although|and said|which)\b"
    start = max((m.end() for m in re.finditer(breaks, text[floor:at])), default=0) + floor
    stop = re.search(breaks, text[at:ceiling])
    return start, (at + stop.start() if stop else ceiling)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


# Industrial action short of a strike ("a marking and assessment boycott") is a strike of the Strike class; once
# an article names one, its later "the boycott" is that action (a bare boycott elsewhere is a consumer's)
_ACTION_BOYCOTT = re.compile(r"\b(?:marking|assessment)(?:\s+and\s+assessment)?\s+boycotts?\b", re.I)
_BOYCOTT = (CPS.Strike, re.compile(r"\bboycotts?\b", re.I), "Strike")


def _triggers_in(text: str, sentence, taken: list[tuple[int, int]], boycott: bool = False) -> list[_Trigger]:
    found: list[_Trigger] = []
    spans = list(taken)
    for cls, pattern, label in (*TRIGGERS, _BOYCOTT) if boycott else TRIGGERS:
        for match in pattern.finditer(text, sentence.begin, sentence.end):
            span = match.span()
            if any(span[0] < e and b < span[1] for b, e in spans):
                continue
            spans.append(span)
            found.append(_Trigger(str(cls), label, *span, sentence))
    return sorted(found, key=lambda t: t.begin)


def _date_triggers(text: str, sentence, triggers: list[_Trigger], dates: list[DateMention],
                   taken: list[tuple[int, int]]) -> None:
    """Each date of the sentence goes to the nearest trigger of its clause (else of the sentence, if its
    clause names no event at all); a trigger keeps the nearest date it was given. A date that dates a
    statement ("said Monday") dates no event, nor one whose clause names an event another rule recorded."""
    given: dict[int, list[tuple[int, DateMention]]] = {}
    for mention in dates:
        lead = text[max(sentence.begin, mention.begin - 40):mention.begin]
        announcing = [t for t in triggers if t.cls == str(CPS.Announcement)
                      and re.fullmatch(r"[^.;]*?\s+(?:on\s+)?", text[t.begin:mention.begin] if t.begin < mention.begin
                                       else "x") and mention.begin - t.end < 20]
        if announcing and mention.interval is not None:  # "announced Wednesday": the day of the announcement
            given.setdefault(id(announcing[-1]), []).append((0, mention))
            continue
        if mention.interval is None or _SAID_DATE.search(lead) or _UNTIL.search(lead) \
                or (_fronted(text, sentence, mention)
                    and _SAID_AFTER.match(text[mention.end:min(sentence.end, mention.end + 60)])):
            continue
        clause = _clause(text, mention.begin, sentence.begin, sentence.end)
        near = [t for t in triggers if clause[0] <= t.begin < clause[1]]
        if not near and not any(clause[0] <= b < clause[1] for b, _ in taken):
            near = triggers
        if not near:
            continue
        best = min(near, key=lambda t: (_distance((t.begin, t.end), (mention.begin, mention.end)), t.begin))
        distance = _distance((best.begin, best.end), (mention.begin, mention.end))
        if distance > 90:
            continue
        given.setdefault(id(best), []).append((distance, mention))
    for trigger in triggers:
        options = given.get(id(trigger))
        if options:
            trigger.date = min(options, key=lambda dm: (dm[0], dm[1].begin))[1]


def _fronted(text: str, sentence, mention: DateMention) -> bool:
    """The date opens its sentence or clause ("Sunday morning, ...", "On Tuesday the union said ...")."""
    lead = text[sentence.begin:mention.begin]
    return bool(re.fullmatch(r"(?:.*[,;:—–]\s*)?(?:(?i:on|late|early|by)\s+)?\W*", lead, re.S))


def _status(text: str, trigger: _Trigger) -> str:
    sentence = trigger.sentence
    clause = _clause(text, trigger.begin, sentence.begin, sentence.end)
    words = text[clause[0]:clause[1]]
    if trigger.cls in (str(CPS.Strike), str(CPS.Lockout)) and _THREAT.search(words):
        return str(CPS.ThreatenedStatus)
    if _FUTURE.search(words) or (trigger.date is not None and trigger.date.note
                                 and trigger.date.note.startswith(("future", "next", "'as early"))):
        return str(CPS.PlannedStatus)
    return str(CPS.OccurredStatus)


def _proposer(ctx, trigger: _Trigger):
    """Who makes an offer: the agent after "by" ("the offer by the district"), else the agent named last
    before the trigger unless a reporting verb stands between them ("the union said the offer ..." is the
    union reporting it), else the article's employer (the party that makes offers to a union), else its
    union."""
    text = ctx.article.text
    sentence = trigger.sentence
    after = [m for m in ctx.mentions_in(trigger.end, sentence.end) if is_agent(m.entity)]
    if after and re.fullmatch(r"\s+(?:from|by)\s+(?:the\s+)?", text[trigger.end:after[0].begin]):
        return after[0].entity
    before = [m for m in ctx.mentions_in(sentence.begin, trigger.begin) if is_agent(m.entity)]
    if before and not re.search(rf"\b{REPORTING_VERB}\b", text[before[-1].end:trigger.begin], re.I):
        return before[-1].entity
    union, employer = main_parties(ctx)
    return employer or union


def find_happenings(ctx, book: EventBook, dates: list[DateMention]) -> None:
    """Read every content sentence for general event triggers and record them in the book."""
    text = ctx.article.text
    taken = [(b, e) for record in book.records.values() for b, e, _, _ in record.spans]
    older = ByBegin(_Trigger(record.cls, record.label, b, e, None, record=record)
                    for record in book.records.values() if not record.dates and record.cls not in _DATED_BY_PARTS
                    for b, e, _, _ in record.spans)
    triggers: list[_Trigger] = []
    boycott = any(_ACTION_BOYCOTT.search(text, p.begin, p.end) for p in ctx.article.content_paragraphs())
    for sentence in ctx.article.sentences:
        found = _triggers_in(text, sentence, taken, boycott)
        # an event the older rules recorded without a day competes for the dates of its clause like a
        # trigger ("could walk out as early as Monday"), so the day goes to it, not to a farther trigger
        recorded = [replace(t, sentence=sentence) for t in older.starting_in(sentence.begin, sentence.end)]
        in_sentence = day_pairs(text, [d for d in dates if sentence.begin <= d.begin < sentence.end])
        _date_triggers(text, sentence, sorted(found + recorded, key=lambda t: t.begin), in_sentence, taken)
        for trigger in recorded:
            if trigger.date is not None and not trigger.record.dates:
                trigger.record.when(trigger.date)
        triggers.extend(found)
    # one event per kind and date: undated triggers join the kind's only dated event
    groups: dict[tuple[str, object], list[_Trigger]] = {}
    for trigger in triggers:
        groups.setdefault((trigger.cls, trigger.date.interval if trigger.date else None), []).append(trigger)
    # events the older rules recorded, by kind and date: a trigger of the same kind and date is theirs
    known: dict[tuple[str, object], EventRecord] = {}
    for record in book.records.values():
        spans = [m.interval for m in record.dates if m.interval is not None]
        for cls in (record.cls, *_GENERAL.get(record.cls, ())):  # a final offer is the article's offer too
            known.setdefault((cls, spans[0] if spans else None), record)
    _date_the_only_undated(book, groups, known)
    for (cls, interval), members in list(groups.items()):
        if interval is not None:
            continue
        dated = {key for key in [*groups, *known] if key[0] == cls and key[1] is not None}
        if len(dated) == 1:
            groups.setdefault(dated.pop(), []).extend(members)
            del groups[(cls, interval)]
    for key, members in sorted(groups.items(), key=lambda kv: min(t.begin for t in kv[1])):
        members = sorted(members, key=lambda t: t.begin)
        if key[0] == str(CPS.BargainingSession) and (key[1] is None or key[1][0] != key[1][1]) \
                and key not in known:
            continue  # "talks" without a day are the negotiation, not one session of it
        if key in known:
            for trigger in members:
                known[key].spans.append((trigger.begin, trigger.end, RULE_TRIGGER, 0.6))
            continue
        _record(ctx, book, *key, members)


def _date_the_only_undated(book: EventBook, groups: dict, known: dict) -> None:
    """The older rules' one undated event of a kind and the one dated event the triggers find of that kind are
    one event ("aides vote to strike" in a headline, "voted Wednesday night to go on strike" in the body):
    the older record takes the day and the triggers, so the event is not reported twice."""
    for cls in sorted({key[0] for key in groups if key[1] is not None}):
        undated = [r for r in book.records.values() if r.cls == cls and not r.dates and cls not in _DATED_BY_PARTS]
        dated = {key for key in [*groups, *known] if key[0] == cls and key[1] is not None}
        if len(undated) != 1 or len(dated) != 1:
            continue
        key = dated.pop()
        if key in known:
            continue
        undated[0].when(min(groups[key], key=lambda t: t.begin).date)
        known[key] = undated[0]


def _record(ctx, book: EventBook, cls: str, interval, members: list[_Trigger]) -> None:
    text = ctx.article.text
    first = members[0]
    negotiation = negotiation_for(ctx, first.sentence.begin, first.sentence.end)
    identity = ("general", interval[0].isoformat(), interval[1].isoformat()) if interval else ("general",)
    if negotiation is None:  # an article whose parties the registry does not know: the event is the article's
        identity = (*identity, ctx.article.meta.id)
    label = first.label if interval is None else f"{first.label}, {_when(interval)}"
    record: EventRecord | None = None
    for trigger in members:
        record = book.event(cls, label, negotiation, *identity, begin=trigger.begin, end=trigger.end,
                            rule=RULE_TRIGGER, confidence=0.6)
        if trigger.date is not None:
            record.when(trigger.date)
    assert record is not None
    statuses = [_status(text, t) for t in members if t.date is not None] or [_status(text, first)]
    record.statuses.add(statuses[0])
    if cls == str(CPS.Offer):
        proposer = _proposer(ctx, first)
        if proposer is None:  # an offer needs its proposer: without one the trigger states no offer
            del book.records[record.iri.value]
            return
        record.actor(proposer, str(CPS.proposer))
        record.status_property = str(CPS.offerStatus)
    elif cls == str(CPS.ReturnStep):
        record.relate(CPS.returningGroup, CPS.StaffGroup)


def _when(interval) -> str:
    first, last = interval
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def extract_happenings(ctx) -> None:
    """The pipeline stage: the events found by general trigger words (after the seed-era event rules,
    phased returns and offers have filled the article's event book, before it is emitted)."""
    find_happenings(ctx, ctx.events, ctx.dates)
