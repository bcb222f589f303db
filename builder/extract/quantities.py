"""Quantities: numbers in article content with their unit, the thing they count, when and according to whom.

Recognition is by number grammar (builder.extract.numbers) plus what follows the number: a unit ("$", "dollars",
"%", "percent", "72-hour", "9 hours", "three years"), a rate ("per week", "each week") and the counted
noun, the head of the noun phrase after the number taken from a lexicon of countable nouns of labour
reporting (students, families, staff, meetings, ...). A bare number with neither unit nor counted noun
("Local 21", "Channel 5") is not a quantity. Numbers inside dates and times are not quantities.

A quantity whose counted thing is known is identified by value, unit, counted thing and rate, so the same
figure reported by two articles is one instance; a figure whose referent is unknown (a sum of money with
no counted thing) is identified by the mention itself, because merging two bare "$20 million" would be a
guess.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pyoxigraph as ox

from builder.emit import mint, terms
from builder.extract import rules
from builder.extract.dates import DateMention, DateWarning, find_dates
from builder.extract.figures import find_figures
from builder.extract.number_sources import number_sources
from builder.extract.numbers import NUMBER_PATTERN, WORD_NUMBER, QuantityMention, parse_number
from builder.namespaces import PROV, SCHEMA
from builder.vocab import CPS

__all__ = ["QuantityMention", "QuantityWarning", "article_quantities", "extract_quantities", "find_quantities",
           "quantities_of", "quantity_iri"]

RULE_NUMBER = rules.register(
    "quantity-number-grammar",
    "A number (digits with separators, decimals, scale words, number words) followed by a unit, a rate or a "
    "countable noun phrase is a quantity; approximation words before it set cps:approximate.")
RULE_RATIO = rules.register(
    "quantity-ratio", "'N out of M things' is the percentage N/M of those things.")
RULE_ELLIPSIS = rules.register(
    "quantity-elliptical-unit",
    "A bare number coordinated with an earlier quantity of the same sentence ('Friday for 12 hours and "
    "Saturday for 9') takes that quantity's unit.")


class QuantityWarning(UserWarning):
    """A number-like expression could not be read as an exact number; it is skipped."""


# Countable heads of labour reporting, plural forms (and collective nouns). Multi-word heads first.
COUNTED_HEADS = (
    "staff members", "support staff", "school buildings", "sticking points", "family members", "faculty members",
    "students", "families", "parents", "children", "employees", "workers", "staff", "teachers", "educators",
    "members", "nurses", "counselors", "librarians", "custodians", "aides", "delegates", "meetings",
    "sessions", "vaccinations", "vaccines", "doses", "shots", "schools", "buildings", "classrooms",
    "requests", "cases", "people", "positions", "jobs", "issues", "graders", "substitutes", "drivers",
    "paraprofessionals", "clerks", "principals", "districts", "campuses", "votes", "faculty", "professors",
    "lecturers", "instructors", "residents", "patients", "beds",
)
# Currency signs and words → ISO 4217 codes (a fixed list: a unit is never taken from the text itself)
CURRENCIES = {"$": "USD", "dollars": "USD", "€": "EUR", "euros": "EUR", "£": "GBP", "pounds": "GBP"}
TIME_UNITS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year", "minute": "minute",
              "decade": "year"}
_UNIT_FACTOR = {"decade": 10}  # "two decades" is twenty years: the ontology's time units have no decade
APPROXIMATE = r"(?i:around|about|approximately|roughly|nearly|almost|some|over|more than|upwards of|close to)"

_HEAD = "|".join(re.escape(h) for h in COUNTED_HEADS)
_TIME = r"(?:hour|day|week|month|year|minute|decade)s?"
_CANDIDATE = re.compile(
    rf"(?:(?P<approx>{APPROXIMATE})\s+(?:[A-Z]{{2,}}\s+)?)?"
    rf"(?P<dollar>[$€£])?(?P<number>{NUMBER_PATTERN})"
    rf"(?:(?P<adj>-(?P<adj_unit>(?i:hour|day|week|month|year|minute|decade)))\b"
    rf"|\s*(?P<percent>%|\s?per\s?cent\b)"
    rf"|\s+(?P<dollars>dollars|euros|pounds\s+sterling)\b"
    rf"|\s+(?:more\s+|additional\s+)?(?P<time>{_TIME})\b)?"
)
_NOT_FINITE = re.compile(rf"\b(?:NaN|nan|Infinity|inf)\b(?=\s*(?:%|percent\b|dollars\b|(?:{_HEAD})\b))")
_RATIO = re.compile(rf"\b(?P<a>{NUMBER_PATTERN})\s+out\s+of\s+(?P<b>{NUMBER_PATTERN})\b")
_NOT_A_QUANTITY_AFTER = re.compile(r"(?:st|nd|rd|th)\b|:\d|\s*(?:a\.m\.|p\.m\.)|-\d|/\d|-[A-Za-z]")
_RATE = re.compile(r"\s+(?:per|each|a|every)\s+(?P<rate>week|day|month|year|hour)\b")
_PARTICIPLE = re.compile(r"\s+(?:(?:will|have|has|had|would|to)\s+)?(?:be|been|being|are|were|was|is)\s+"
                         r"(?P<participle>[a-z]+ed)\b")
_NAMED_NUMBER = re.compile(r"\b(?:Local|Chapter|Unit|District|Route|Room|Station|Channel|Article|Section|Grade|"
                           r"No\.|Number|Bill|Unit|Band|Level|Step|Tier|Phase|Stage|Ward|Gate|Platform|Floor)\s+$")
_NOT_HEADS = frozenset("was has does this its ours yours theirs hers his less unless across perhaps always "
                       "whereas thus plus towards afterwards besides".split())
_CLAUSE_END = re.compile(r"[.;:!?,]|\s(?:and|but|while|because|which|who|that|if|when)\s")


def find_quantities(text: str, begin: int, end: int, published: date) -> list[QuantityMention]:
    """Quantities in text[begin:end] (a content paragraph or sentence of the article text)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        blocked = [(m.begin, m.end) for m in find_dates(text, begin, end, published)]
    found: list[QuantityMention] = []
    for figure in find_figures(text, begin, end):  # "$45M", "two-thirds", "247-19": before the plain grammar
        if not any(figure.begin < b_end and b_begin < figure.end for b_begin, b_end in blocked):
            found.append(figure)
    blocked.extend((q.begin, q.end) for q in found)
    for match in _RATIO.finditer(text, begin, end):
        ratio = _ratio(text, match, end)
        if ratio:
            found.append(ratio)
            blocked.append((match.start(), match.end()))
    for match in _NOT_FINITE.finditer(text, begin, end):
        warnings.warn(f"skipped non-number {match.group(0)!r} at {match.start()}", QuantityWarning, stacklevel=2)
    for match in _CANDIDATE.finditer(text, begin, end):
        n_begin, n_end = match.span("number")
        if any(n_begin < b_end and b_begin < n_end for b_begin, b_end in blocked):
            continue
        if n_begin > 0 and (text[n_begin - 1].isalnum() or text[n_begin - 1] in "-@#/"):
            continue  # "COVID-19", "K-3", "@Reporter2"
        if not match["adj"] and not match["percent"] and _NOT_A_QUANTITY_AFTER.match(text, n_end):
            continue  # ordinals, times, ranges, compounds
        mention = _candidate(text, match, end)
        if mention is not None:
            found.append(mention)
    found.sort(key=lambda q: q.begin)
    return _fill_coordinated_heads(text, _fill_elliptical_units(text, found, begin, end), begin)


def _candidate(text: str, match: re.Match[str], end: int) -> QuantityMention | None:
    raw = match["number"]
    try:
        value = parse_number(raw)
    except ValueError as err:
        warnings.warn(f"skipped number {raw!r} at {match.start('number')}: {err}", QuantityWarning, stacklevel=3)
        return None
    unit = None
    if match["dollar"] or match["dollars"]:
        unit = CURRENCIES[(match["dollar"] or match["dollars"].split()[0]).lower()]
    elif match["percent"]:
        unit = "percent"
    elif match["adj_unit"] or match["time"]:
        word = (match["adj_unit"] or match["time"]).lower().rstrip("s")
        unit = TIME_UNITS[word]
        value *= _UNIT_FACTOR.get(word, 1)
    q_end = match.end()
    if match["dollar"]:  # "$20 million dollars": the words repeat the sign
        extra = re.match(r"\s+(?:dollars|euros|pounds)\b", text[q_end:end])
        q_end += extra.end() if extra else 0
    counted, counted_span = None, None
    if unit in CURRENCIES.values():
        # a sum the parties are "apart" by is the gap between their positions
        if re.match(r"\s+apart\b", text[q_end:end]):
            counted, counted_span = "gap between the parties", (q_end + 1, q_end + 6)
    elif unit not in TIME_UNITS.values():
        lead = text[max(0, match.start() - 30):match.start()]
        # "the two sides" refers back to things named; "the 38,000 riders" still counts them
        definite = value < 10 and bool(re.search(r"\b(?:the|these|those|both)\s+$", lead, re.IGNORECASE))
        counted, counted_span = _counted_head(text, q_end, end, of_phrase=unit == "percent",
                                              partitive=bool(re.search(r"\bof the (?:\w+ )?$", lead)),
                                              definite=definite,
                                              single=value == 1)
    if unit is None and counted is None and value != 1:  # "one of the issues" counts no issues
        counted, counted_span = _partitive_head(text, q_end, end)
    if unit is None and counted is None:
        return None  # a bare number: "Local 21", "Channel 5"
    if unit is None and re.search(r"\b[Nn]o\s+$", text[max(0, match.start() - 4):match.start()]):
        return None  # "no one votes for a boycott lightly": nobody, not one vote
    if unit is None and _NAMED_NUMBER.search(text[max(0, match.start() - 12):match.start()]):
        return None  # part of a name: "Local 1390 ballots", "Route 9 buses"
    if unit is None:
        unit = "count"
    rate_match = _RATE.match(text, counted_span[1] if counted_span else q_end)
    if rate_match is None and counted_span:  # "900 doses for district staff per week"
        tail = _clause(text, counted_span[1], end)
        rate_match = re.search(r"\b(?:per|each|every)\s+(?P<rate>week|day|month|year|hour)\b", tail)
    approx_word = (match["approx"] or "").lower()
    # "over three years" measures a duration, it does not approximate it
    approximate = bool(approx_word) and not (approx_word == "over" and unit in TIME_UNITS.values())
    q_begin = match.start() if approximate else match.start("dollar") if match["dollar"] else match.start("number")
    confidence = 0.9 if (unit != "count" or counted) else 0.6
    return QuantityMention(q_begin, q_end, value, unit, counted, counted_span,
                           rate_match["rate"] if rate_match else None, approximate, RULE_NUMBER, confidence)


_PARTITIVE = re.compile(r"\s+of\s+(?:(?:the|its|their|our|his|her)\s+)?(?:(?:[A-Z][\w.-]*\s+){0,5}[\w.-]+['’]s?\s+)?"
                        r"(?:[\d,]+\s+)?(?:[a-z][\w-]*\s+){0,2}?(?P<head>[a-z]{3,}s)\b")


def _partitive_head(text: str, at: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """ "14 of the system's 19 branches", "about 470 of the local's 610 members": the part counts the whole's
    noun."""
    match = _PARTITIVE.match(text, at, end)
    if match is None or match["head"] in _NOT_HEADS:
        return None, None
    return match["head"], match.span("head")


def _clause(text: str, at: int, end: int) -> str:
    stop = _CLAUSE_END.search(text, at, end)
    return text[at:stop.start() if stop else end]


def _counted_head(text: str, at: int, end: int, of_phrase: bool, partitive: bool = False,
                  definite: bool = False, single: bool = False) -> tuple[str | None, tuple[int, int] | None]:
    """The countable head noun within the next few words (through an "of" for percentages). A noun outside
    the list of labour heads counts only an indefinite number ("19 branches"): "the two sides" refers to
    things already named, it does not report how many there are; nor does "one" before a plural verb ("one
goes", "one votes")."""
    window_end = min(end, at + 60)
    clause = _clause(text, at, window_end)
    if of_phrase:
        lead = re.match(r"\s+of\s+", clause)
        if lead is None:
            rate = re.match(r"\s+(?P<noun>rate|increase|decrease|raise|cut)\b", clause)
            if rate:
                return rate["noun"], (at + rate.start("noun"), at + rate.end("noun"))
            return None, None
        at, clause = at + lead.end(), clause[lead.end():]
    match = re.search(rf"\b(?P<head>{_HEAD})\b", clause)
    if match is None:  # any plural noun right after the number and at most two modifiers: "19 branches"
        match = None if definite or single else re.match(
            r"\s+(?:[a-z\d][\w-]*\s+){0,2}?(?P<head>[a-z]{3,}s|[A-Z]{2,5}s)\b", clause)
        if match is None or match["head"] in _NOT_HEADS:
            return None, None
    # only modifiers may stand between the number and the head: no verb-like lower-case word run > 5
    between = clause[: match.start()]
    if len(between.split()) > 5 or re.search(rf"\bof\b|\d(?![\d,]*(?:st|nd|rd|th|-[a-z]+)\b)|{WORD_NUMBER}", between):
        return None, None  # "one of the last two open issues": the head belongs to the other number
    head, span = match["head"], (at + match.start("head"), at + match.end("head"))
    participle = _PARTICIPLE.match(text, span[1])
    if participle and re.match(r"\s+or\b", text[participle.end():]):
        participle = None  # "vaccinated or given the opportunity to sign up" does not say they are vaccinated
    if participle and not partitive:  # "(one of) the big three ... had been resolved" is said of the one
        head = f"{head} {participle['participle']}"
    return head, span


def _ratio(text: str, match: re.Match[str], end: int) -> QuantityMention | None:
    try:
        part, whole = parse_number(match["a"]), parse_number(match["b"])
    except ValueError:
        return None
    if whole == 0 or part > whole:
        return None
    counted, counted_span = _counted_head(text, match.end(), end, of_phrase=False)
    value = part * 100 / whole
    if value != value.quantize(Decimal("0.0001")):
        return None  # not an exact decimal percentage (1 out of 3): keep no rounded value
    return QuantityMention(match.start(), match.end(), value, "percent", counted, counted_span,
                           None, False, RULE_RATIO, 0.8)


_COORDINATED = re.compile(rf"(?:\b(?P<range>[Bb]etween|[Ff]rom)\s+)?(?P<n>\d[\d,.]*|{WORD_NUMBER})\s+"
                          r"(?P<adj>[a-z][\w-]*\s+)?(?:and|or|to)\s+$")


def _fill_coordinated_heads(text: str, found: list[QuantityMention], begin: int) -> list[QuantityMention]:
    """ "52 elementary and 11 secondary schools", "between 250 and 300 people": the first number counts what
    the second counts (a range's lower bound, a coordinated count)."""
    out = list(found)
    for q in found:
        if not q.counted or q.unit != "count" or q.approximate:
            continue
        lead = _COORDINATED.search(text, max(begin, q.begin - 50), q.begin)
        if lead is None or (lead["adj"] is None and lead["range"] is None):
            continue  # "5 and 6 schools" without a range word or an adjective is left to the plain grammar
        n_begin, n_end = lead.span("n")
        if any(o.begin < n_end and n_begin < o.end for o in out):
            continue
        try:
            value = parse_number(lead["n"])
        except ValueError:
            continue
        if value <= 0:
            continue
        out.append(replace(q, begin=lead.start("range") if lead["range"] else n_begin, end=n_end, value=value,
                           counted_span=None, rule=RULE_ELLIPSIS, confidence=0.6))
    out.sort(key=lambda q: q.begin)
    return out


def _fill_elliptical_units(text: str, found: list[QuantityMention], begin: int, end: int) -> list[QuantityMention]:
    """'Friday for 12 hours and Saturday for 9': the bare 10 borrows 'hours' from its coordinated twin."""
    out = list(found)
    for previous in found:
        if previous.unit in (None, "count"):
            continue
        tail = re.match(rf"(?P<gap>[^.;:!?]{{0,40}}?\band\b[^.;:!?]{{0,30}}?\bfor\s+)(?P<n>{NUMBER_PATTERN})"
                        r"(?=[\s.;,]|$)",
                        text[previous.end:end])
        if not tail:
            continue
        n_begin = previous.end + tail.start("n")
        n_end = previous.end + tail.end("n")
        if any(q.begin <= n_begin < q.end for q in out):
            continue
        try:
            value = parse_number(tail["n"])
        except ValueError:
            continue
        out.append(replace(previous, begin=n_begin, end=n_end, value=value, approximate=False,
                           counted_span=None, rule=RULE_ELLIPSIS, confidence=0.6))
    out.sort(key=lambda q: q.begin)
    return out


def quantity_iri(article_id: str, q: QuantityMention) -> ox.NamedNode:
    identity: tuple[object, ...] = (format(q.value.normalize(), "f"), q.unit or "", q.counted or "", q.rate or "")
    if not q.counted:
        identity += (article_id, q.begin)
    return mint.fact_iri("quantity", q.describe(), *identity)


def article_quantities(article, warn: bool = False) -> list[tuple[QuantityMention, ox.NamedNode, object]]:
    """(quantity, IRI, sentence) for every quantity the article states, in text order. Later stages re-read
    them with `warn=False`: the warnings were given once, when the quantities were emitted."""
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        if not warn:
            warnings.simplefilter("ignore", QuantityWarning)
        for sentence in article.sentences:
            for q in find_quantities(article.text, sentence.begin, sentence.end, article.meta.published):
                if q.unit == "percent" and not Decimal(0) <= q.value <= Decimal(100):
                    # a share lies in [0, 100]; "-3%" is a change, which the ontology does not model yet
                    warnings.warn(f"skipped percentage {q.value} at {q.begin}: not a share of a whole",
                                  QuantityWarning, stacklevel=2)
                    continue
                out.append((q, quantity_iri(article.id, q), sentence))
    return out


def quantities_of(ctx) -> list[tuple[QuantityMention, ox.NamedNode, object]]:
    """The article's quantities, read once per article context (events and claims ask again)."""
    if ctx.quantities is None:
        ctx.quantities = article_quantities(ctx.article, warn=True)
    return ctx.quantities


def extract_quantities(ctx) -> list[tuple[QuantityMention, ox.NamedNode]]:
    """Emit every quantity of the article's content sentences; return them with their IRIs for later stages."""
    out = []
    for q, node, sentence in quantities_of(ctx):
        emit_quantity(ctx, q, node, sentence)
        out.append((q, node))
    return out


def emit_quantity(ctx, q: QuantityMention, node: ox.NamedNode, sentence) -> None:
    sink, article = ctx.sink, ctx.article
    sink.add_type(node, CPS.Quantity)
    sink.label(node, q.describe(grouped=True))
    sink.add(node, SCHEMA.value, terms.decimal(q.value))
    if q.unit_text:
        sink.add(node, SCHEMA.unitText, terms.text(q.unit_text))
    if q.counted:
        sink.add(node, CPS.countedThing, terms.text(q.counted))
    sink.add(node, CPS.approximate, terms.boolean(q.approximate))
    when = as_of(article, sentence)
    if when.is_day:
        sink.add(node, CPS.asOf, terms.xsd_date(when.value))
    if when.expression:
        sink.add(node, CPS.timeExpression, terms.text(when.expression))
    for agent in number_sources(ctx, q.begin, q.end, sentence):  # none: the article's own statement
        sink.add(node, PROV.wasAttributedTo, agent.iri)
    # whose figure it is: "X, which covers 4,000 staff" → X; else an organisation the counted phrase names
    # ("2,400 district employees")
    owner = _relative_clause_owner(ctx, q)
    if owner is not None:
        sink.add(node, CPS.quantityOf, owner.iri)
    elif q.counted_span:
        phrase_begin = q.end
        for mention in ctx.mentions_in(phrase_begin, q.counted_span[1]):
            if mention.entity.kind == "organization":
                sink.add(node, CPS.quantityOf, mention.entity.iri)
    ctx.ground(node, q.begin, q.end, q.rule, q.confidence)


def _relative_clause_owner(ctx, q: QuantityMention):
    text = ctx.article.text
    lead = re.search(r",?\s*(?:which|that|who)\s+(?:covers|represents|includes|employs|has)\s+$",
                     text[max(0, q.begin - 40):q.begin])
    if lead is None:
        return None
    at = max(0, q.begin - 40) + lead.start()
    before = [m for m in ctx.mentions_in(max(0, at - 80), at) if m.entity.kind == "organization" and at - m.end <= 2]
    return before[-1].entity if before else None


def as_of(article, sentence) -> DateMention:
    """When a figure is reported for: a day named in its sentence; a coarser period it names ("this week")
    without a day, so no day is invented; else the publication date (expression left empty)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        named = find_dates(article.text, sentence.begin, sentence.end, article.meta.published)
    days = [m for m in named if m.is_day]
    if days:
        return days[0]
    periods = [m for m in named if m.precision in ("week", "month")]
    if periods:
        return periods[0]
    published = article.meta.published
    return DateMention(sentence.begin, sentence.begin, "", published, "day", published.year, published.month,
                       note="publication date")
