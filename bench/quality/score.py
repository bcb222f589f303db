"""Strict scoring of one article's graph against its gold rows (the rules: bench/quality/README.md, Scoring).

For every kind the scorer lists the graph's facts of that kind grounded in the article, then counts
  - gold found: gold rows that some graph fact matches (content and grounding at the row's evidence),
  - graph matched: graph facts that match some gold row (same rule),
so recall = gold found / gold rows and precision = graph matched / graph facts. A graph fact whose content
matches a gold row but whose mentions all miss that row's evidence is a false positive; it is also
counted apart as "ungrounded" so that a wrong offset is told from a wrong fact.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .gold import GoldRow, parse_date
from .graph import CPS, NIF, ORG, PROV, SCHEMA, SEM, ArticleGraph, Span, literal_date

KINDS = ("person", "org", "post", "quote", "quote-speaker", "number", "number-attribution", "date",
         "date-on-event", "event", "clutter")

# The README's event kinds -> the ontology classes (ontology/cpskg.ttl) an event of that kind may have.
# The TriG carries the materialised type closure, so a subclass (cps:FinalOffer, cps:SickOut,
# cps:TentativeAgreement under cps:Agreement) is found through its superclass. `None`: the ontology has no
# class for the kind, so the kind cannot be scored honestly and is reported as unscorable.
EVENT_CLASSES: dict[str, tuple[str, ...] | None] = {
    "strike": (CPS + "Strike",),
    "walkout": (CPS + "Strike",),  # a walkout is a strike; cps:WalkAway is leaving the bargaining table
    "lockout": (CPS + "Lockout",),
    "vote": (CPS + "Vote",),
    "ratification": (CPS + "Vote", CPS + "RatifiedAgreement"),
    "bargaining-session": (CPS + "BargainingSession",),
    "offer": (CPS + "Offer",),
    "tentative-agreement": (CPS + "TentativeAgreement",),
    "agreement": (CPS + "Agreement",),
    "return": (CPS + "PhasedReturn", CPS + "ReturnStep"),
    "protest": (CPS + "Protest",),
    "deadline": None,
    "announcement": (CPS + "Announcement",),
    "lawsuit": (CPS + "Lawsuit",),
    "cancellation": (CPS + "ClassCancellation",),
    "mediation": None,
    "other": (SEM + "Event",),
}

ROLE_ABBREVIATIONS = {"ceo": "chief executive officer", "coo": "chief operating officer",
                      "cfo": "chief financial officer", "cao": "chief academic officer"}
# gendered forms of one role, compared as one word on both sides
ROLE_WORDS = {"spokeswoman": "spokesperson", "spokesman": "spokesperson", "chairwoman": "chairperson",
              "chairman": "chairperson", "chair": "chairperson"}
ROLE_MODIFIERS = {"vice", "deputy", "assistant", "associate", "interim", "acting", "former", "co", "executive"}
HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof"}
METADATA_PARAGRAPH_KINDS = {"byline"}
PERSON = SCHEMA + "Person"
ORGANIZATION = SCHEMA + "Organization"


# --- normalisation ------------------------------------------------------------------------------------------
def norm_text(value: str) -> str:
    """NFC, case-folded, typographic quotes and dashes made plain, white space collapsed."""
    value = unicodedata.normalize("NFC", value).casefold()
    value = value.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                                           "\u2013": "-", "\u2014": "-", "\u00a0": " "}))
    return " ".join(value.split())


def norm_name(value: str) -> str:
    """A person's name: norm_text, honorifics (Dr., Mr., Ms. ...) and middle initials dropped."""
    tokens = [t.strip(",") for t in norm_text(value).split()]
    tokens = [t for t in tokens if t and t.rstrip(".") not in HONORIFICS]
    if len(tokens) > 2:
        tokens = [tokens[0], *(t for t in tokens[1:-1] if not re.fullmatch(r"\w\.?", t)), tokens[-1]]
    return " ".join(tokens)


def norm_org(value: str) -> str:
    text = norm_text(value)
    return text[4:] if text.startswith("the ") else text


def words(value: str) -> list[str]:
    return re.findall(r"\w+(?:['-]\w+)*", norm_text(value))


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def longest_common_run(a: list[str], b: list[str]) -> int:
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


# --- results ------------------------------------------------------------------------------------------------
@dataclass
class Fact:
    """A graph fact of one kind: its node, a readable label and the spans that ground it."""

    node: str
    label: str
    spans: list[Span]
    title: str = ""  # a post given as schema:jobTitle on the person (no organisation): the title


@dataclass
class KindScore:
    gold: int = 0
    gold_found: int = 0
    graph: int = 0
    graph_matched: int = 0
    ungrounded: int = 0  # graph facts whose content matches a gold row but not at its evidence
    unscorable: int = 0  # gold rows the ontology cannot express (no class for the event kind)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def add(self, other: KindScore) -> None:
        for name in ("gold", "gold_found", "graph", "graph_matched", "ungrounded", "unscorable"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        return self.graph_matched / self.graph if self.graph else None

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass
class ArticleScore:
    article_id: str
    kinds: dict[str, KindScore]
    clutter_entities: list[str]  # persons and organisations whose every mention lies in gold clutter
    read_from_clutter: dict[str, list[str]]  # other facts (numbers, quotes, events, dates) read from clutter
    metadata_only: list[str]  # authors / publishers grounded only in metadata evidence, not scored as FP
    clutter_pages: tuple[bool, bool] = (False, False)  # (page has gold clutter, some clutter line recognised)


# --- the matcher --------------------------------------------------------------------------------------------
class Scorer:
    """Scores one article; `role_labels` maps an org:role IRI to its labels (from ontology/cpskg.ttl)."""

    def __init__(self, graph: ArticleGraph, rows: list[GoldRow], role_labels: dict[str, list[str]]):
        self.g = graph
        self.rows = rows
        self.role_labels = role_labels
        self.org_aliases: dict[str, set[str]] = {}
        for row in rows:
            if row.kind == "org":
                names = {norm_org(a) for a in row.aliases}
                for name in names:
                    self.org_aliases.setdefault(name, set()).update(names)
        self.clutter_spans = [(r.begin, r.end) for r in rows if r.kind == "clutter"]
        self.event_row_spans: dict[str, list[Span]] = {}
        for row in rows:
            if row.kind == "event":
                self.event_row_spans.setdefault(norm_text(row.object), []).append((row.begin, row.end))

    # names
    def agent_matches(self, node: str, gold_name: str) -> bool:
        """A person by its normalised name, an organisation by any of its names or the gold row's aliases."""
        names = self.g.names(node)
        if PERSON in self.g.types(node) and any(norm_name(n) == norm_name(gold_name) for n in names):
            return True
        wanted = self.org_aliases.get(norm_org(gold_name), {norm_org(gold_name)})
        return any(norm_org(n) in wanted for n in names)

    def grounded(self, spans: Iterable[Span], row: GoldRow) -> bool:
        return any(overlaps(s, (row.begin, row.end)) for s in spans)

    def in_article(self, node: str) -> bool:
        return bool(self.g.mentions(node))

    # the generic count
    def count(self, kind: str, facts: list[Fact], rows: list[GoldRow],
              content: Callable[[Fact, GoldRow], bool],
              grounding: Callable[[Fact, GoldRow], bool] | None = None,
              excused: Callable[[Fact], bool] | None = None,
              related: Callable[[Fact, GoldRow], bool] | None = None) -> KindScore:
        """`related` decides "ungrounded" when the content test is too loose for it (event kind `other`)."""
        related = related or content
        grounding = grounding or (lambda f, r: self.grounded(f.spans, r))
        score = KindScore(gold=len(rows), graph=len(facts))
        matched: set[int] = set()
        for row in rows:
            hits = [i for i, f in enumerate(facts) if content(f, row) and grounding(f, row)]
            if hits:
                score.gold_found += 1
                matched.update(hits)
            else:
                score.misses.append(f"{row.where}: {row.subject or row.relation} | {row.relation} | "
                                    f"{row.object} @ {row.evidence[:70]!r}")
        for i, fact in enumerate(facts):
            if i in matched:
                continue
            if excused and excused(fact):
                score.graph -= 1
                continue
            if any(related(fact, row) for row in rows):
                score.ungrounded += 1
            score.false_positives.append(f"{fact.label} @ {fact.spans[:3]}")
        score.graph_matched = len(matched)
        return score

    # --- kinds ----------------------------------------------------------------------------------------------
    def entities(self, cls: str) -> list[Fact]:
        return [Fact(n, self.g.label(n), self.g.mentions(n)) for n in self.g.typed(cls) if self.in_article(n)]

    def score_person(self) -> KindScore:
        rows = [r for r in self.rows if r.kind == "person"]
        return self.count("person", self.entities(PERSON), rows,
                          lambda f, r: any(norm_name(n) == norm_name(r.subject) for n in self.g.names(f.node)),
                          excused=lambda f: self.g.metadata_only(f.node))

    def score_org(self) -> KindScore:
        rows = [r for r in self.rows if r.kind == "org"]
        return self.count("org", self.entities(ORGANIZATION), rows,
                          lambda f, r: bool({norm_org(n) for n in self.g.names(f.node)}
                                            & {norm_org(a) for a in r.aliases}),
                          excused=lambda f: self.g.metadata_only(f.node))

    def _role_phrases(self, post: str) -> list[list[str]]:
        phrases = [words(label) for role in self.g.values(post, ORG + "role")
                   for label in self.role_labels.get(role, [])]
        label = norm_text(self.g.label(post))
        for org in self.g.values(post, ORG + "postIn"):
            for name in self.g.names(org):
                suffix = " of " + norm_text(name)
                if label.endswith(suffix):
                    phrases.append(words(label[: -len(suffix)]))
        phrases.append(words(label.split(" of ")[0]))
        return [p for p in phrases if p]

    def role_matches(self, post: str, gold_role: str, title: str = "") -> bool:
        def role_words(text: str) -> list[str]:
            return [ROLE_WORDS.get(w, w) for w in words(text)]

        wanted = role_words(ROLE_ABBREVIATIONS.get(norm_text(gold_role), gold_role))
        for phrase in [role_words(title)] if title else [[ROLE_WORDS.get(w, w) for w in p]
                                                          for p in self._role_phrases(post)]:
            for i in range(len(phrase) - len(wanted) + 1):
                if phrase[i:i + len(wanted)] == wanted:
                    before = set(phrase[:i]) - set(wanted)
                    if not before & ROLE_MODIFIERS:
                        return True
        return False

    def post_org_matches(self, post: str, gold_object: str) -> bool:
        if not gold_object:  # the article names no organisation for the post: person and role decide
            return True
        for org in self.g.values(post, ORG + "postIn"):
            if self.agent_matches(org, gold_object):
                return True
            # the place of an office ("Detroit" for a mayor): a government organisation named after it
            if CPS + "GovernmentOrganization" in self.g.types(org):
                place = words(gold_object)
                for name in self.g.names(org):
                    name_words = words(name)
                    if any(name_words[i:i + len(place)] == place for i in range(len(name_words))):
                        return True
        return False

    def score_post(self) -> KindScore:
        rows = [r for r in self.rows if r.kind == "post"]
        holdings: dict[str, list[Span]] = {}
        for holding in self.g.typed(CPS + "PostHolding", ORG + "Membership"):
            for post in self.g.values(holding, CPS + "post"):
                holdings.setdefault(post, []).extend(self.g.mentions(holding))
        facts = [Fact(p, self.g.label(p), sorted(set(self.g.mentions(p) + holdings.get(p, []))))
                 for p in self.g.typed(ORG + "Post") if self.in_article(p)]
        # a role with no organisation is a schema:jobTitle of the person ("parent organizer Joseph Williams")
        facts += [Fact(person, f"{self.g.label(person)}, {title} (schema:jobTitle)", self.g.mentions(person), title)
                  for person in self.g.typed(PERSON) if self.in_article(person)
                  for title in self.g.values(person, SCHEMA + "jobTitle")]

        def content(f: Fact, r: GoldRow) -> bool:
            if f.title:
                return (not r.object and self.agent_matches(f.node, r.subject)
                        and self.role_matches(f.node, r.relation, f.title))
            return (any(self.agent_matches(h, r.subject) for h in self.g.values(f.node, ORG + "heldBy"))
                    and self.post_org_matches(f.node, r.object) and self.role_matches(f.node, r.relation))

        def partial(f: Fact) -> bool:
            """A job title without the organisation the gold names: true but incomplete, so neither a found
            post nor a false one."""
            return bool(f.title) and any(self.agent_matches(f.node, r.subject) and self.grounded(f.spans, r)
                                         and self.role_matches(f.node, r.relation, f.title) for r in rows)

        return self.count("post", facts, rows, content,
                          excused=lambda f: all(self.g.is_metadata_span(s) for s in f.spans) or partial(f))

    def quotations(self) -> list[Fact]:
        return [Fact(q, self.g.label(q), self.g.mentions(q)) for q in self.g.typed(SCHEMA + "Quotation")
                if self.in_article(q)]

    def quote_text_matches(self, fact: Fact, row: GoldRow) -> bool:
        gold = words(row.evidence)
        text = words(" ".join(self.g.values(fact.node, SCHEMA + "text")))
        return bool(gold) and longest_common_run(gold, text) >= math.ceil(len(gold) / 2)

    def speakers(self, node: str) -> list[str]:
        return self.g.values(node, SCHEMA + "creator") + self.g.values(node, PROV + "wasAttributedTo")

    def score_quote(self) -> tuple[KindScore, KindScore]:
        rows = [r for r in self.rows if r.kind == "quote"]
        facts = self.quotations()
        found = self.count("quote", facts, rows, self.quote_text_matches)
        speaker = self.count(
            "quote-speaker", facts, rows,
            lambda f, r: self.quote_text_matches(f, r)
            and any(self.agent_matches(s, name.strip()) for s in self.speakers(f.node)
                    for name in r.subject.split("|")))  # "A|B": a joint statement, either party speaks
        return found, speaker

    def quantities(self) -> list[Fact]:
        return [Fact(q, self.g.label(q), self.g.mentions(q))
                for q in self.g.typed(CPS + "Quantity", SCHEMA + "QuantitativeValue") if self.in_article(q)]

    def number_sources(self, quantity: str) -> list[str]:
        """Who the graph says states a quantity: its prov:wasAttributedTo and that of the claims that claim it."""
        sources = list(self.g.values(quantity, PROV + "wasAttributedTo"))
        for props in self.g.props.values():
            if any(o.value == quantity for o in props.get(CPS + "claimedQuantity", [])):
                sources += [o.value for o in props.get(PROV + "wasAttributedTo", [])]
        return sources

    def article_agents(self) -> set[str]:
        context = "https://w3id.org/cpskg/id/article/" + self.g.article_id
        return set(self.g.values(context, SCHEMA + "publisher") + self.g.values(context, SCHEMA + "author"))

    def attribution_matches(self, quantity: str, gold_source: str) -> bool:
        sources = self.number_sources(quantity)
        if norm_text(gold_source) == "article":
            return not sources or bool(set(sources) & self.article_agents())
        return any(self.agent_matches(s, gold_source) for s in sources)

    def score_number(self) -> tuple[KindScore, KindScore]:
        rows = [r for r in self.rows if r.kind == "number"]
        facts = self.quantities()

        def value(f: Fact, r: GoldRow) -> bool:
            v = self.g.decimal(f.node, SCHEMA + "value")
            return v is not None and value_matches(v, r.subject)

        found = self.count("number", facts, rows, value)
        attributed = self.count("number-attribution", facts, rows,
                                lambda f, r: value(f, r) and self.attribution_matches(f.node, r.object))
        return found, attributed

    def event_kind_matches(self, node: str, kind: str) -> bool:
        classes = EVENT_CLASSES.get(kind)
        if not classes:
            return False
        types = self.g.types(node)
        about = [t for a in self.g.values(node, CPS + "about") for t in self.g.types(a)]
        return bool(set(classes) & (types | set(about)))

    def dated(self) -> list[tuple[Fact, tuple]]:
        out = []
        for node, props in self.g.props.items():
            stamps = [literal_date(o.value) for o in props.get(SEM + "hasTimeStamp", [])]
            begin = [literal_date(o.value) for o in props.get(SEM + "hasBeginTimeStamp", [])]
            end = [literal_date(o.value) for o in props.get(SEM + "hasEndTimeStamp", [])]
            intervals = [s for s in stamps if s]
            if begin and end and begin[0] and end[0]:
                intervals.append((begin[0][0], end[0][1]))
            if intervals and self.in_article(node):
                for interval in intervals:
                    label = f"{self.g.label(node)} = {interval[0]}..{interval[1]}"
                    out.append((Fact(node, label, self.g.mentions(node)), interval))
        return sorted(out, key=lambda x: (x[0].node, x[1]))

    def date_grounded(self, fact: Fact, row: GoldRow) -> bool:
        """A mention at the date expression, in its sentence, or at the evidence of the gold event it dates."""
        windows = [(row.begin, row.end), self.g.sentence_of((row.begin, row.end))]
        windows += self.event_row_spans.get(norm_text(row.object), [])
        return any(overlaps(s, w) for s in fact.spans for w in windows)

    def score_date(self) -> tuple[KindScore, KindScore]:
        rows = [r for r in self.rows if r.kind == "date"]
        dated = self.dated()
        facts = [f for f, _ in dated]
        interval_of = {id(f): i for f, i in dated}

        def same(f: Fact, r: GoldRow) -> bool:
            return interval_of[id(f)] == parse_date(r.subject)

        date = self.count("date", facts, rows, same, grounding=self.date_grounded)
        scorable = [r for r in rows if EVENT_CLASSES.get(r.relation)]
        on_event = self.count("date-on-event", facts, scorable,
                              lambda f, r: same(f, r) and self.event_kind_matches(f.node, r.relation),
                              grounding=self.date_grounded)
        on_event.unscorable = len(rows) - len(scorable)
        return date, on_event

    def score_event(self) -> KindScore:
        rows = [r for r in self.rows if r.kind == "event"]
        scorable = [r for r in rows if EVENT_CLASSES.get(r.subject)]
        facts = [Fact(e, self.g.label(e), self.g.mentions(e)) for e in self.g.typed(SEM + "Event")
                 if self.in_article(e)]
        score = self.count("event", facts, scorable, lambda f, r: self.event_kind_matches(f.node, r.subject),
                           related=lambda f, r: r.subject != "other" and self.event_kind_matches(f.node, r.subject))
        score.unscorable = len(rows) - len(scorable)
        return score

    def score_clutter(self) -> KindScore:
        rows = [r for r in self.rows if r.kind == "clutter"]
        facts = [Fact(p, (self.g.values(p, CPS + "paragraphKind") or ["furniture"])[0], [self.g.spans[p]])
                 for p in self.g.typed(NIF + "Paragraph") if p in self.g.spans and self.recognised_clutter(p)]
        score = self.count("clutter", facts, rows, lambda f, r: True)
        score.ungrounded = 0  # no content to match: a furniture paragraph off every gold line is just wrong
        return score

    def recognised_clutter(self, paragraph: str) -> bool:
        """Page furniture, or a byline: the builder reads a byline as metadata, not body text (README)."""
        kinds = set(self.g.values(paragraph, CPS + "paragraphKind"))
        return CPS + "PageFurniture" in self.g.types(paragraph) or bool(kinds & METADATA_PARAGRAPH_KINDS)

    def from_clutter(self, spans: list[Span]) -> bool:
        return bool(spans) and all(any(inside(s, c) for c in self.clutter_spans) for s in spans)

    def score(self) -> ArticleScore:
        kinds: dict[str, KindScore] = {}
        kinds["person"] = self.score_person()
        kinds["org"] = self.score_org()
        kinds["post"] = self.score_post()
        kinds["quote"], kinds["quote-speaker"] = self.score_quote()
        kinds["number"], kinds["number-attribution"] = self.score_number()
        kinds["date"], kinds["date-on-event"] = self.score_date()
        kinds["event"] = self.score_event()
        kinds["clutter"] = self.score_clutter()
        entities = self.entities(PERSON) + self.entities(ORGANIZATION)
        metadata_only = sorted({f.label for f in entities if self.g.metadata_only(f.node)})
        clutter_entities = sorted({f.label for f in entities
                                   if not self.g.metadata_only(f.node) and self.from_clutter(f.spans)})
        read = {
            "number": [f.label for f in self.quantities() if self.from_clutter(f.spans)],
            "quote": [f.label for f in self.quotations() if self.from_clutter(f.spans)],
            "event": [self.g.label(e) for e in self.g.typed(SEM + "Event")
                      if self.from_clutter(self.g.mentions(e))],
            "date": sorted({f.label for f, _ in self.dated() if self.from_clutter(f.spans)}),
        }
        pages = (bool(self.clutter_spans), kinds["clutter"].gold_found > 0)
        return ArticleScore(self.g.article_id, kinds, clutter_entities, read, metadata_only, pages)


def value_matches(graph: Decimal, gold: str) -> bool:
    """A graph value equals the gold value, or — when the gold writes a fraction to fewer decimal places than
    the graph ("0.333" or "0.3333" for a third, "0.1429" for one in seven) — rounds to it at the gold's
    places. A whole gold number is compared exactly: 40.4 is not 40."""
    expected = Decimal(gold)
    places = -expected.as_tuple().exponent
    if graph == expected or places <= 0 or -graph.as_tuple().exponent <= places:
        return graph == expected
    return graph.quantize(Decimal(1).scaleb(-places)) == expected


def score_article(graph: ArticleGraph, rows: list[GoldRow], role_labels: dict[str, list[str]]) -> ArticleScore:
    return Scorer(graph, rows, role_labels).score()


def total(scores: Iterable[ArticleScore]) -> dict[str, KindScore]:
    out = {k: KindScore() for k in KINDS}
    for score in scores:
        for kind, s in score.kinds.items():
            out[kind].add(s)
    return out
