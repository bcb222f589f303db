"""One date and one status per event across articles; each source's differing version becomes a claim.

An event's IRI is content-derived (builder.extract.eventbook), so two articles that report the same event
describe one node, and the union of their graphs would give it every status and every day any of them
gave: a final offer "proposed" in one report and "rejected" in the next, or made "Thursday" by one outlet
and "Friday night" by another. An event carries one date and one status; the others are versions, and a
version is a claim attributed to its source and time. So, when the article graphs give an event more
than one status, or more than one date, this reduce step

* keeps on the event the version of one report: for a status, the most definite one (the order of
  builder.extract.eventbook.STATUS_ORDER, the rule one article already follows when its sentences differ:
  a later report that still calls an offer "proposed" has not heard of its rejection), ties broken by the
  latest report; for a date, the one most reports give, ties broken by the earliest report (the nearest
  to the event);
* removes the other versions from the event in the graphs that gave them;
* states each report's version as a `cps:Claim` in that report's graph, attributed (`prov:wasAttributedTo`)
  to the article's publisher, grounded in the article's mentions of the event: a date as the claim's
  `sem:hasTimeStamp` (or begin and end), a status as its `cps:claimedStatus` with `cps:asOf` the day of
  the report. Claims of different days then form one `cps:Disagreement` (builder.merge.conflicts); status
  claims of different days are successive versions, not a conflict.

One pass over the quads, linear in them. An article's own claims about the event (builder.extract.claims:
an outlet's reported day) are kept; a version claim is added only where the graph has no claim of that
source giving that day.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from builder.emit import mint, terms
from builder.emit.terms import RDF_TYPE, RDFS_LABEL, QuadSink, sort_quads
from builder.extract import rules
from builder.extract.eventbook import STATUS_ORDER
from builder.namespaces import CPS_GRAPH, GAF, PROV, SCHEMA, SEM
from builder.ontology import type_closure
from builder.vocab import CPS

__all__ = ["EventVersions", "event_versions"]

RULE_VERSION = rules.register(
    "event-version-claim", "Reports that give one event different days or statuses: the event keeps one "
    "version (the most definite status, the day most reports give), and each report's version is a claim "
    "attributed to its publisher as of the report's day.")

STATUS_PROPERTIES = (str(CPS.eventStatus), str(CPS.offerStatus))
DATE_FIELDS = {str(SEM.hasTimeStamp): "stamp", str(SEM.hasBeginTimeStamp): "begin",
               str(SEM.hasEndTimeStamp): "end", str(CPS.timeExpression): "expression"}  # property -> _Report field
_RANK = {str(status): rank for rank, status in enumerate(STATUS_ORDER)}


@dataclass
class EventVersions:
    """What the reduce changes: quads to add (the version claims) and quads to remove (the other versions)."""

    added: list[ox.Quad] = field(default_factory=list)
    removed: list[ox.Quad] = field(default_factory=list)


@dataclass
class _Report:
    """What one article graph says of one event."""

    status: str | None = None
    stamp: str | None = None
    begin: str | None = None
    end: str | None = None
    expression: str | None = None
    quads: list[ox.Quad] = field(default_factory=list)  # its status and date quads
    mentions: list[ox.NamedNode] = field(default_factory=list)

    @property
    def date(self) -> tuple[str, ...] | None:
        if self.stamp is not None:
            return (self.stamp,)
        return (self.begin, self.end) if self.begin is not None and self.end is not None else None


@dataclass
class _Article:
    publisher: ox.NamedNode | None = None
    published: str = ""


def event_versions(source: ox.Store | Iterable[ox.Quad]) -> EventVersions:
    """From a store (the build's on-disk one: only the properties read here are fetched, through its
    predicate index) or from quads."""
    if isinstance(source, ox.Store):
        quads = _read_from_store(source)
        exists = source.__contains__
    else:
        quads = source if isinstance(source, list) else list(source)
        exists = set(quads).__contains__
    events, reports, articles, labels, claimed = _read(quads)
    closure = type_closure()
    sinks: dict[str, QuadSink] = {}
    removed: list[ox.Quad] = []
    reports_of: dict[str, dict[str, _Report]] = defaultdict(dict)  # event -> graph -> its report, once
    for (event, graph), report in reports.items():
        reports_of[event][graph] = report
    for event in sorted(events):
        by_graph = reports_of.get(event, {})
        statuses = {r.status for r in by_graph.values() if r.status is not None}
        dates = {r.date for r in by_graph.values() if r.date is not None}
        if len(statuses) > 1:
            latest = max((g for g, r in by_graph.items() if r.status is not None),
                         key=lambda g: (-_RANK.get(by_graph[g].status, 99), articles[g].published, g))
            kept = by_graph[latest].status
            for graph, report in sorted(by_graph.items()):
                if report.status is None:
                    continue
                if report.status != kept:
                    removed.extend(q for q in report.quads if q.predicate.value in STATUS_PROPERTIES)
                _status_claim(_sink(sinks, graph, closure), event, report, articles[graph], labels)
        if len(dates) > 1:
            counts = Counter(r.date for r in by_graph.values() if r.date is not None)
            first = min((g for g, r in by_graph.items() if r.date is not None),
                        key=lambda g: (-counts[by_graph[g].date], articles[g].published, g))
            kept_date = by_graph[first].date
            for graph, report in sorted(by_graph.items()):
                if report.date is None:
                    continue
                if report.date != kept_date:
                    removed.extend(q for q in report.quads if q.predicate.value in DATE_FIELDS)
                source = articles[graph].publisher
                if (graph, event, source.value if source else None, report.date) not in claimed:
                    _date_claim(_sink(sinks, graph, closure), event, report, articles[graph], labels)
    added = sort_quads({q for sink in sinks.values() for q in sink.quads() if not exists(q)})
    return EventVersions(added=added, removed=sort_quads(set(removed)))


def _read_from_store(store: ox.Store) -> list[ox.Quad]:
    """The quads `_read` looks at, in a fixed order (predicate by predicate, each in the store's order)."""
    wanted = [RDF_TYPE.value, RDFS_LABEL.value, str(GAF.denotedBy), str(CPS.about), str(PROV.wasAttributedTo),
              str(SCHEMA.publisher), str(SCHEMA.datePublished), *STATUS_PROPERTIES, *DATE_FIELDS]
    classes = {str(CPS.Event), str(CPS.Claim)}
    quads = []
    for predicate in dict.fromkeys(wanted):
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if predicate != RDF_TYPE.value or quad.object.value in classes:
                quads.append(quad)
    return quads


def _read(quads: list[ox.Quad]):
    """Events, what each graph says of them, each graph's article (publisher, day), labels, and the day
    claims the graphs already hold: (graph, event, claimant, date)."""
    type_p, label_p, denoted_p = RDF_TYPE.value, RDFS_LABEL.value, str(GAF.denotedBy)
    event_class, claim_class = str(CPS.Event), str(CPS.Claim)
    events: set[str] = set()
    claim_nodes: set[tuple[str, str]] = set()
    reports: dict[tuple[str, str], _Report] = defaultdict(_Report)
    articles: dict[str, _Article] = defaultdict(_Article)
    labels: dict[str, str] = {}
    claim_props: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for quad in quads:
        s, p, o, g = quad.subject.value, quad.predicate.value, quad.object, quad.graph_name.value
        if p == type_p:
            if o.value == event_class:
                events.add(s)
            elif o.value == claim_class:
                claim_nodes.add((g, s))
        elif p == label_p:
            labels[s] = min(labels.get(s, o.value), o.value)  # the same label whatever order the quads come in
        if p in (str(CPS.about), str(PROV.wasAttributedTo), str(SEM.hasTimeStamp), str(SEM.hasBeginTimeStamp),
                 str(SEM.hasEndTimeStamp)):
            claim_props[g, s][p] = o.value
        if p == str(SCHEMA.publisher):
            articles[g].publisher = o
        elif p == str(SCHEMA.datePublished):
            articles[g].published = o.value
        if p in STATUS_PROPERTIES:
            report = reports[s, g]
            report.status = o.value if p == str(CPS.eventStatus) else report.status or o.value
            report.quads.append(quad)
        elif p in DATE_FIELDS:
            setattr(reports[s, g], DATE_FIELDS[p], o.value)
            reports[s, g].quads.append(quad)
        elif p == denoted_p:
            reports[s, g].mentions.append(o)
    claimed = set()
    for graph, node in claim_nodes:
        props = claim_props.get((graph, node), {})
        stamp = props.get(str(SEM.hasTimeStamp))
        interval = (props.get(str(SEM.hasBeginTimeStamp)), props.get(str(SEM.hasEndTimeStamp)))
        day = (stamp,) if stamp else interval if None not in interval else None
        claimed.add((graph, props.get(str(CPS.about)), props.get(str(PROV.wasAttributedTo)), day))
    reports = {key: r for key, r in reports.items() if key[0] in events and (r.status or r.date)}
    return events, reports, articles, labels, claimed


def _sink(sinks: dict[str, QuadSink], graph: str, closure) -> QuadSink:
    article_id = graph.removeprefix(f"{CPS_GRAPH}article/")
    return sinks.get(article_id) or sinks.setdefault(article_id, QuadSink(article_id, closure))


def _event_name(event: str, labels: dict[str, str]) -> str:
    label = labels.get(event, "the event").split(" (")[0]
    return label[:1].lower() + label[1:]


def _claim(sink: QuadSink, event: str, report: _Report, article: _Article, labels: dict[str, str],
           text: str, *identity: object) -> ox.NamedNode | None:
    """A claim of the article's publisher about the event, grounded where the article mentions it."""
    if article.publisher is None or not report.mentions:
        return None
    source = labels.get(article.publisher.value, article.publisher.value)
    node = mint.fact_iri("claim", f"{source} {text}", article.publisher.value, event, *identity)
    sink.add_type(node, CPS.Claim)
    sink.label(node, f"{source}: {text}"[:200])
    sink.add(node, PROV.wasAttributedTo, article.publisher)
    sink.add(node, CPS.claimText, terms.text(text))
    sink.add(node, CPS.stance, CPS.AffirmsStance)
    sink.add(node, CPS.about, ox.NamedNode(event))
    for mention in report.mentions:
        sink.ground(node, mention, RULE_VERSION, 0.7)
    return node


def _status_claim(sink, event: str, report: _Report, article: _Article, labels) -> None:
    name = report.status.rsplit("#", 1)[-1].removesuffix("Status")  # cps:UnderReviewStatus -> "under review"
    status = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    text = f"the status of the {_event_name(event, labels)} is “{status}”"
    node = _claim(sink, event, report, article, labels, text, "status", report.status, article.published)
    if node is not None:
        sink.add(node, CPS.claimedStatus, ox.NamedNode(report.status))
        sink.add(node, CPS.asOf, terms.xsd_date(date.fromisoformat(article.published)))


def _date_claim(sink, event: str, report: _Report, article: _Article, labels) -> None:
    when = report.date[0] if len(report.date) == 1 else f"{report.date[0]} to {report.date[1]}"
    words = f" (“{report.expression}”)" if report.expression else ""
    text = f"the {_event_name(event, labels)} took place on {when}{words}"
    node = _claim(sink, event, report, article, labels, text, "date", *report.date)
    if node is None:
        return
    days = [terms.xsd_date(date.fromisoformat(day)) for day in report.date]
    if len(days) == 1:
        sink.add(node, SEM.hasTimeStamp, days[0])
    else:
        sink.add(node, SEM.hasBeginTimeStamp, days[0])
        sink.add(node, SEM.hasEndTimeStamp, days[1])
    if report.expression:
        sink.add(node, CPS.timeExpression, terms.text(report.expression))
