"""The per-article event book: events are collected while sentences are read, then emitted once.

An event is usually reported by several sentences (the trigger in one, its date in another, its actors in
a third), and by several articles. The book merges the sentences of one article on the event's IRI, which
is content-derived (negotiation + event type + what singles the event out, never the article), so the
same event reported by two articles is one instance with mentions in each article's graph.

Also here: the negotiation an event belongs to. A negotiation is identified by its parties (a labour union
and the employer it bargains with), its subject (school reopening, a contract) and its year, so the 2019
contract strike talks and the 2021 reopening talks between the same parties are two negotiations.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pyoxigraph as ox

from builder.emit import mint, terms
from builder.extract.dates import DateMention
from builder.namespaces import SEM
from builder.ontology import superproperties
from builder.vocab import CPS

UNION_CLASSES = frozenset({str(CPS.LabourUnion), str(CPS.UnionLocal)})
EMPLOYER_CLASSES = frozenset({str(CPS.SchoolDistrict), str(CPS.School), str(CPS.University),
                              str(CPS.CityGovernment), str(CPS.GovernmentOrganization), str(CPS.MayorsOffice)})
# The subject of talks, from words any report of them uses; first match wins.
SUBJECTS = (
    ("school reopening", re.compile(r"\breopen\w*|\bin-person\b|\b(?:return\w*|back) to (?:the )?(?:class|school|work)",
                                    re.IGNORECASE)),
    ("contract", re.compile(r"\bcontract\b|\bwages?\b|\bpay raise", re.IGNORECASE)),
)
# When several statuses are reported for one event in one article, the most definite one is kept.
QUANTITY_OF = "quantity"  # marker in EventRecord.relations: (QUANTITY_OF, quantity IRI)
STATUS_ORDER = (CPS.OccurredStatus, CPS.RejectedStatus, CPS.UnderReviewStatus, CPS.PlannedStatus,
                CPS.ExpectedStatus, CPS.ProposedStatus, CPS.ThreatenedStatus)


def is_union(entity) -> bool:
    return bool(UNION_CLASSES & set(entity.classes))


def is_employer(entity) -> bool:
    return bool(EMPLOYER_CLASSES & set(entity.classes))


def is_agent(entity) -> bool:
    return entity.kind in ("person", "organization")


@dataclass(frozen=True)
class Negotiation:
    iri: ox.NamedNode
    union: object  # Entity
    employer: object  # Entity
    subject: str
    year: int

    @property
    def label(self) -> str:
        return f"{self.union.label} – {self.employer.label} {self.subject} negotiation, {self.year}"


def negotiation_subject(article) -> str:
    content = " ".join(article.text[p.begin:p.end] for p in article.content_paragraphs())
    for subject, pattern in SUBJECTS:
        if pattern.search(content):
            return subject
    return "labour"


def main_parties(ctx):
    return _memo(ctx, "main_parties", lambda: _main_parties(ctx))


def _main_parties(ctx):
    """The article's most-mentioned union and employer (ties broken by name, for determinism)."""
    unions = Counter(m.entity for m in ctx.mentions if is_union(m.entity))
    employers = Counter(m.entity for m in ctx.mentions if is_employer(m.entity))

    def top(counter):
        return min(counter, key=lambda e: (-counter[e], e.label)) if counter else None

    return top(unions), top(employers)


NEGOTIATING = re.compile(r"\b(?:negotiat\w*|talks|bargain\w*|agreement|contract)\b", re.IGNORECASE)


def _memo(ctx, key: str, compute):
    """Per-article memo kept on the context: these are asked for every sentence, and recomputing them each
    time would make extraction quadratic in the article's length."""
    cache = ctx.eventbook_memo
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def negotiating_unions(ctx) -> set:
    return _memo(ctx, "negotiating_unions", lambda: _negotiating_unions(ctx))


def _negotiating_unions(ctx) -> set:
    """Unions the article shows at the table: named in a sentence about talks or an agreement. A union only
    named in passing ("the drivers' union said it will not cross the picket line") does not open a negotiation."""
    text = ctx.article.text
    out = set()
    for sentence in ctx.article.sentences:
        if NEGOTIATING.search(text, sentence.begin, sentence.end):
            out.update(m.entity for m in ctx.mentions_in(sentence.begin, sentence.end) if is_union(m.entity))
    return out


def negotiation_for(ctx, begin: int | None = None, end: int | None = None) -> Negotiation | None:
    """The negotiation a passage speaks of: the one of the union it names (a second union's talks in the same
    article are a different negotiation), else the article's main negotiation."""
    union, employer = main_parties(ctx)
    if begin is not None and end is not None:
        negotiating = negotiating_unions(ctx)
        named = [m.entity for m in ctx.mentions_in(begin, end) if m.entity in negotiating]
        if named:
            union = named[0]
        named_employers = [m.entity for m in ctx.mentions_in(begin, end) if is_employer(m.entity)]
        if named_employers:
            employer = named_employers[0]
    if union is None or employer is None:
        return None
    subject = _memo(ctx, "subject", lambda: negotiation_subject(ctx.article))
    year = ctx.article.meta.published.year
    iri = mint.fact_iri("negotiation", f"{union.label} {employer.label} {subject} {year}",
                        union.iri.value, employer.iri.value, subject, year)
    return Negotiation(iri, union, employer, subject, year)


def event_iri(cls, label: str, negotiation: Negotiation | None, *identity: object) -> ox.NamedNode:
    """An event's IRI: its class, its negotiation and what singles it out in that negotiation."""
    parent = negotiation.iri.value if negotiation else ""
    return mint.fact_iri("event", label, str(cls), parent, *identity)


@dataclass
class EventRecord:
    iri: ox.NamedNode
    cls: str
    label: str
    negotiation: Negotiation | None
    spans: list[tuple[int, int, str, float]] = field(default_factory=list)  # begin, end, rule, confidence
    statuses: set[str] = field(default_factory=set)
    relations: set[tuple[str, str]] = field(default_factory=set)  # (property IRI, object IRI)
    dates: list[DateMention] = field(default_factory=list)
    literals: set[tuple[str, object]] = field(default_factory=set)  # (property IRI, Literal)
    status_property: str = str(CPS.eventStatus)

    @property
    def first(self) -> int:
        return min(b for b, _, _, _ in self.spans) if self.spans else 0

    def actor(self, entity, prop: str = str(SEM.hasActor)) -> None:
        if entity is not None:
            self.relations.add((prop, entity.iri.value))

    def relate(self, prop, obj) -> None:
        self.relations.add((str(prop), obj.value if isinstance(obj, ox.NamedNode) else str(obj)))

    def when(self, mention: DateMention | None) -> None:
        if mention is not None and mention not in self.dates:
            self.dates.append(mention)


class EventBook:
    def __init__(self, ctx):
        self.ctx = ctx
        self.records: dict[str, EventRecord] = {}
        self.negotiations: dict[str, Negotiation] = {}

    def event(self, cls, label: str, negotiation: Negotiation | None, *identity: object,
              begin: int, end: int, rule: str, confidence: float) -> EventRecord:
        """The record of the event with this identity (created on first sight), with one more mention."""
        iri = event_iri(cls, label, negotiation, *identity)
        record = self.records.get(iri.value)
        if record is None:
            full_label = f"{label} ({negotiation.label})" if negotiation else label
            record = self.records[iri.value] = EventRecord(iri, str(cls), full_label, negotiation)
        if (begin, end, rule, confidence) not in record.spans:
            record.spans.append((begin, end, rule, confidence))
        if negotiation is not None:
            self.negotiations.setdefault(negotiation.iri.value, negotiation)
        return record

    def of_class(self, cls) -> list[EventRecord]:
        return sorted((r for r in self.records.values() if r.cls == str(cls)), key=lambda r: r.first)

    def nearest_before(self, classes, at: int) -> EventRecord | None:
        """The event of one of `classes` mentioned last before `at` (else the first one after it)."""
        wanted = {str(c) for c in classes}
        candidates = [r for r in self.records.values() if r.cls in wanted]
        before = [r for r in candidates if r.first <= at]
        if before:
            return max(before, key=lambda r: r.first)
        return min(candidates, key=lambda r: r.first) if candidates else None

    def emit(self, negotiation_spans: dict[str, list[tuple[int, int]]], rule: str) -> None:
        ctx, sink = self.ctx, self.ctx.sink
        for key in sorted(self.negotiations):
            negotiation = self.negotiations[key]
            sink.add_type(negotiation.iri, CPS.Negotiation)
            sink.label(negotiation.iri, negotiation.label)
            for party in (negotiation.union, negotiation.employer):
                add_relation(sink, negotiation.iri, SEM.hasActor, party.iri)
            spans = negotiation_spans.get(key) or [
                (b, e) for r in self.records.values() if r.negotiation and r.negotiation.iri.value == key
                for b, e, _, _ in r.spans[:1]]
            for begin, end in spans:
                ctx.ground(negotiation.iri, begin, end, rule, 0.8)
        for key in sorted(self.records):
            self._emit_record(self.records[key])

    def _emit_record(self, record: EventRecord) -> None:
        ctx, sink = self.ctx, self.ctx.sink
        sink.add_type(record.iri, record.cls)
        sink.label(record.iri, record.label)
        for status in STATUS_ORDER:
            if str(status) in record.statuses:
                add_relation(sink, record.iri, record.status_property, status)
                break
        for prop, obj in sorted(record.relations):
            if prop == QUANTITY_OF:  # the quantity measures the event: the arrow points from the quantity
                sink.add(obj, CPS.quantityOf, record.iri)
            else:
                add_relation(sink, record.iri, prop, obj)
        for prop, literal in sorted(record.literals, key=lambda pl: (pl[0], str(pl[1]))):
            sink.add(record.iri, prop, literal)
        # an event carries one date: the first the article gives it (another day for the same event is a
        # claim about it, builder.extract.claims, never a second timestamp)
        dated = [m for m in record.dates if m.interval is not None] or record.dates[:1]
        for mention in dated[:1]:
            sink.add(record.iri, CPS.timeExpression, terms.text(mention.expression))
            span = mention.interval
            if span is not None and span[0] == span[1]:
                sink.add(record.iri, SEM.hasTimeStamp, terms.xsd_date(span[0]))
            elif span is not None:
                sink.add(record.iri, SEM.hasBeginTimeStamp, terms.xsd_date(span[0]))
                sink.add(record.iri, SEM.hasEndTimeStamp, terms.xsd_date(span[1]))
        if record.negotiation is not None:
            prop = CPS.hasSession if record.cls == str(CPS.BargainingSession) else SEM.hasSubEvent
            add_relation(sink, record.negotiation.iri, prop, record.iri)
        for begin, end, rule, confidence in sorted(record.spans):
            ctx.ground(record.iri, begin, end, rule, confidence)


def add_relation(sink, subject, prop, obj) -> None:
    """A relation and every superproperty of it, so that a query for sem:hasActor finds proposers too."""
    obj_node = obj if isinstance(obj, ox.NamedNode) else terms.iri(str(obj))
    sink.add(subject, str(prop), obj_node)
    for parent in sorted(superproperties(str(prop))):
        sink.add(subject, parent, obj_node)
