"""Find date expressions in article text and resolve them against the article's publication date.

News copy dates things relative to the day it is published ("Monday", "Sunday night", "Apr. 12",
"this week"), so every expression is resolved against `published` and the original words are always
kept. Nothing is guessed: an expression that admits two readings, or names a day that does not exist,
stays unresolved (precision "unresolved") and raises a `DateWarning`.

Resolution rules (each one tested in tests/test_dates.py):

* Weekdays. News reports speak of the past week, so a bare weekday ("the sides did not meet Sunday") is the most
  recent such day ON OR BEFORE publication (a Monday article's "Monday" is that Monday). "last Monday" is
  strictly before. A weekday in a clause that speaks of the future — "will", "would", "'ll", "going to",
  "scheduled/expected/set/plans to", "calling on … to", "next Monday" — is the next such day ON OR AFTER
  publication ("the board will vote Tuesday" in a Monday article is the next day); so does the present of a
  scheduled happening ("the strike ends at 7am on Friday") and an agreement or promise to act ("agreed to
  return to talks on Monday"), unless a past clause of its own stands between the cue and the weekday
  ("will reopen Tuesday after the two sides reached a deal early Saturday": Saturday is past). A weekday in a
  sentence whose explicit dates all lie after publication (a schedule: "seniors return Friday. Juniors
  return 4/12") is read the same way, because the sentence as a whole speaks of the future.
* A weekday written together with a calendar date ("Friday, April 9") must agree with it; if it does
  not, the expression is contradictory and stays unresolved.
* Month and day without a year ("Apr. 12", "june 3") take the publication year.
* Numeric dates "7/2/2021" or "4/12" can be read month-first (US) or day-first. When both readings exist
  they are ambiguous and stay unresolved, UNLESS the same article states exactly one of the two dates in
  words ("April 12" corroborates "4/12"). Readings that cannot exist (13/4) leave one reading.
* ISO dates "2023-04-31" are checked; an impossible day is unresolved.
* A year alone ("2018") has precision "year" and a month alone ("in October") precision "month": their
  `value` is None, so no caller can turn them into an xsd:date by mistake; `year` and `month` say what is
  known. "this week"/"last week"/"next week" have precision "week": `value` is None, `week_of` the Monday
  that starts the week meant (US calendars start the week on Sunday, so on a Sunday "this week" is the
  working week that follows).
* "today", "tonight" are the publication day; "yesterday" and "tomorrow" the days either side of it — or of
  the day a quotation was said, when the report dates it ("'We strike tomorrow,' Smith said Monday").
"""

from __future__ import annotations

import calendar
import functools
import re
import warnings
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateMention", "DateWarning", "article_dates", "find_dates", "resolve"]


class DateWarning(UserWarning):
    """An expression looked like a date but could not be resolved without guessing."""


@dataclass(frozen=True)
class DateMention:
    begin: int
    end: int
    expression: str
    value: date | None  # only when precision == "day"
    precision: str  # "day" | "week" | "month" | "year" | "unresolved"
    year: int | None = None
    month: int | None = None
    week_of: date | None = None  # Monday of the week meant, precision "week"
    note: str | None = None  # why it is unresolved, or which rule resolved it
    first: date | None = None  # first day of an interval, precision "interval"
    until: date | None = None  # last day of an interval

    @property
    def is_day(self) -> bool:
        return self.precision == "day" and self.value is not None

    @property
    def interval(self) -> tuple[date, date] | None:
        """The first and last day the expression covers: a day, an interval ("Sunday and Monday", "3-4
        April", "the weekend"), a working week (Monday to Friday: "last week") or a month ("mid-June"
        stays the month); None for a year alone or an unresolved expression."""
        if self.precision == "day" and self.value is not None:
            return self.value, self.value
        if self.precision == "interval" and self.first is not None and self.until is not None:
            return self.first, self.until
        if self.precision == "week" and self.week_of is not None:
            return self.week_of, self.week_of + timedelta(days=4)
        if self.precision == "month" and self.year and self.month:
            return date(self.year, self.month, 1), date(self.year, self.month,
                                                        calendar.monthrange(self.year, self.month)[1])
        return None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                        "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Full month names match in any case ("march 8" appears lower case in copy), except "may", a modal verb;
# abbreviations must be capitalised. A day number must follow a month unless a preposition precedes it.
_MONTH_FULL = r"(?i:january|february|march|april|june|july|august|september|october|november|december)|May"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # intervals first: "3-4 April", "17 and 18 April", "Oct. 29-30" ("Sunday and Monday": `day_pairs`)
    ("day-range", re.compile(
        rf"(?<![\d,.$/-])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*|\s+(?:and|to|until)\s+)(?P<d2>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})(?:,?\s+(?P<y>\d{{4}})(?!\d))?")),
    ("month-day-range", re.compile(
        rf"(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–]|and|to|through)\s*(?P<d2>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?(?![\d,]\d)(?:,?\s+(?P<y>\d{{4}})(?!\d))?")),
    # "Friday 10 May", "1 April 2020": the day before the month, as British copy writes it
    ("day-month", re.compile(
        rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?<![\d,.$/-])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_FULL}|"
        rf"{_MONTH_ABBR})\b(?:,?\s+(?P<y>\d{{4}})(?!\d))?")),
    ("weekend", re.compile(r"\b(?:(?P<which>(?i:this|last|next|past|coming))\s+)?weekend\b")),
    ("relative-month", re.compile(r"\b(?P<which>(?i:this|last|next))\s+month\b")),
    ("iso", re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")),
    ("numeric", re.compile(r"(?<![\d/.,$])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/%])")),
    ("calendar", re.compile(
        rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
        rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?")),
    ("month-year", re.compile(rf"\b(?P<month>{_MONTH_FULL})\s+(?P<y>\d{{4}})\b")),
    ("month", re.compile(rf"(?i:\b(?:in|since|until|by|during|early|late|mid))(?:\s+|-)(?P<month>{_MONTH_FULL})\b"
                         r"(?!\s*\d)")),
    ("relative-week", re.compile(r"\b(?P<which>(?i:this|last|next))\s+week\b(?!end)")),
    ("relative-day", re.compile(r"\b(?P<word>(?i:today|tonight|yesterday|tomorrow))\b")),
    ("weekday", re.compile(
        rf"\b(?:(?P<which>(?i:last|next|this))\s+)?(?:(?P<early>(?i:early|late))\s+)?(?P<wd>{_WEEKDAY})"
        rf"(?:’s|'s)?(?P<part>{_PART_OF_DAY})?\b")),
    # a year alone; "2000 staff" is a count, so a year is never followed by a plural noun or a unit
    ("year", re.compile(r"(?<![\d,.$/-])(?P<y>(?:19|20)\d{2})(?![\d%/-]|[,.]\d|\s*(?:percent|million|billion)"
                        r"|\s+[a-z]+s\b|\s+staff\b)")),
]

_FUTURE_CUE = re.compile(
    r"\b(?:will|won[’']t|would|shall|going to|scheduled to|expected to|(?:is|are) expected|set to|plans to|"
    r"(?<!\ba )(?<!\bthe )(?<!\bits )(?<!\btheir )plan to|"  # the verb, not the noun of "on a plan to reopen"
    r"planning to|(?:agreed|agrees|vowed|promised|pledged|intends?|aims?) to|"
    # the present of a scheduled happening: "the strike ends at 7am on Friday", "the boycott begins Monday"
    r"(?:ends|begins|starts|resumes|reopens|expires)|"
    r"calling on|asking|due to)\b|[’']ll\b", re.IGNORECASE)
# a clause of its own, in the past, between a future cue and the day: "schools will reopen Tuesday after the
# board and the union reached an agreement early Saturday" (Saturday is past)
_PAST_CLAUSE = re.compile(
    r"\b(?:after|because|since|although|but|when|as)\b[^,;:]*?\b(?:\w+ed|was|were|had|met|made|came|went|took|"
    r"began|broke|struck|held|won|lost|gave|told|said|left|sent|voted)\b[^,;:]*$", re.IGNORECASE)
# a clause ends at punctuation or a sentence end, not inside a time or a number ("11:59 p.m. Monday", "2,300")
_CLAUSE_BREAK = re.compile(r"[;—–]|[,:](?!\d)|(?<=[.!?])(?<![ap]\.m\.)\s|(?<=[.!?])(?=[A-Z“\"])")
_SENTENCE_BREAK = re.compile(r"[.!?](?:[”\"’]?)(?:\s|$)|\n")


def _warn(expression: str, reason: str) -> str:
    warnings.warn(f"date expression {expression!r} left unresolved: {reason}", DateWarning, stacklevel=3)
    return reason


def _unresolved(begin: int, end: int, expression: str, reason: str) -> DateMention:
    return DateMention(begin, end, expression, None, "unresolved", note=_warn(expression, reason))


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_date(weekday: int, published: date, future: bool, strictly: bool = False) -> date:
    """The weekday nearest to `published` in the direction the tense gives (see module docstring)."""
    if future:
        delta = (weekday - published.weekday()) % 7
        if strictly and delta == 0:
            delta = 7
        return published + timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTH_NAMES.get(key) or _MONTH_ABBREVIATIONS[key]


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _clause_before(text: str, at: int, floor: int) -> str:
    """The words of the clause that ends at `at` (back to the last comma/semicolon/sentence end)."""
    start = max(floor, at - 200)
    window = text[start:at]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end():] if breaks else window


def _clause_after(text: str, at: int, ceiling: int) -> str:
    window = text[at:min(ceiling, at + 200)]
    stop = re.search(r"[,;:—.!?]|\n", window)
    return window[: stop.start()] if stop else window


def _sentence_bounds(text: str, at: int, floor: int, ceiling: int) -> tuple[int, int]:
    start = floor
    for match in _SENTENCE_BREAK.finditer(text, max(floor, at - 400), at):
        start = match.end()
    stop = _SENTENCE_BREAK.search(text, at, ceiling)
    return start, (stop.start() + 1 if stop else ceiling)


def _speaks_of_future(text: str, begin: int, end: int, floor: int, ceiling: int) -> bool:
    before = _clause_before(text, begin, floor)
    cues = list(_FUTURE_CUE.finditer(before))
    if cues and _PAST_CLAUSE.search(before, cues[-1].end()):
        return False
    return bool(cues) or bool(_FUTURE_CUE.search(_clause_after(text, end, ceiling)))


def resolve(expression: str, published: date, *, future: bool = False) -> DateMention:
    """Resolve one expression on its own (offsets 0..len). `future` says the clause speaks of the future."""
    found = [m for m in find_dates(expression, 0, len(expression), published, future=future)
             if (m.begin, m.end) == (0, len(expression.rstrip()))]
    if found:
        return found[0]
    return _unresolved(0, len(expression), expression, "not a date expression this module knows")


def find_dates(text: str, begin: int, end: int, published: date, *, future: bool | None = None) -> list[DateMention]:
    """Date expressions inside text[begin:end], resolved against `published`, in text order.

    `text` is the whole article, so a numeric date can be corroborated by a date the article states in
    words elsewhere. `future` forces the tense of bare weekdays (for `resolve`); None reads it from context.
    """
    taken: list[tuple[int, int]] = []
    raw: list[tuple[str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text, begin, end):
            span = match.span()
            if any(span[0] < b_end and b_begin < span[1] for b_begin, b_end in taken):
                continue  # earlier, more specific patterns win ("Jan. 11, 2021" is not also "2021")
            taken.append(span)
            raw.append((kind, match))
    raw.sort(key=lambda item: item[1].start())
    written = _dates_in_words(text, published)

    mentions: list[DateMention] = []
    deferred: list[tuple[int, re.Match[str]]] = []
    for kind, match in raw:
        if kind == "weekday":
            deferred.append((len(mentions), match))
            mentions.append(None)  # type: ignore[arg-type]  # filled once explicit dates are known
            continue
        mentions.append(_resolve_match(kind, match, published, written, text))
    for slot, match in deferred:
        mentions[slot] = _resolve_weekday(match, text, published, begin, end, future, mentions)
    return [_from_statement_day(m, mentions, text, begin, end) for m in mentions]


_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_QUOTE_MARKS = "\"“”‘’"
# the reporting clause after a quotation that dates the statement: "…tomorrow,” Smith said Monday.
_STATEMENT_DAY = re.compile(r"^[^.!?\n]{0,60}?\b(?:said|says|told|wrote|tweeted|added|announced|stated)\b"
                            r"(?:\s+\w+){0,3}?\s+$", re.IGNORECASE)


def _from_statement_day(mention: DateMention, mentions: list[DateMention], text: str, floor: int,
                        ceiling: int) -> DateMention:
    """'today', 'tomorrow', 'yesterday' inside a quotation count from the day the words were said when the
    report dates the statement ("'We strike tomorrow,' Smith said Monday": Tuesday), not from publication."""
    word = mention.expression.lower()
    if mention.note != "relative to publication" or word not in _OFFSETS:
        return mention
    start, stop = _sentence_bounds(text, mention.begin, floor, ceiling)
    close = next((i for i in range(mention.end, stop) if text[i] in "”’\""), None)
    opened = any(text[i] in _QUOTE_MARKS for i in range(start, mention.begin))
    if close is None or not opened:
        return mention
    for said in mentions:
        if said.is_day and said.begin > close and said.begin < stop + 80 and said.note \
                and said.note.startswith(("news-report", "last")) \
                and _STATEMENT_DAY.match(text[close + 1:said.begin]):
            day = said.value + timedelta(days=_OFFSETS[word])
            return DateMention(mention.begin, mention.end, mention.expression, day, "day", day.year, day.month,
                               note="relative to the day of the statement")
    return mention


@functools.lru_cache(maxsize=16)  # find_dates runs per sentence over the same article text
def _dates_in_words(text: str, published: date) -> frozenset[date]:
    """Calendar dates the article states with a month name: they corroborate numeric dates."""
    out = set()
    for match in dict(_PATTERNS)["calendar"].finditer(text):
        year = int(match["y"]) if match["y"] else published.year
        day = _valid_day(year, _month_number(match["month"]), int(match["d"]))
        if day:
            out.add(day)
    return frozenset(out)


def _resolve_match(kind: str, match: re.Match[str], published: date, written: set[date], text: str) -> DateMention:
    b, e, expr = match.start(), match.end(), match.group(0)
    if kind == "iso":
        day = _valid_day(int(match["y"]), int(match["m"]), int(match["d"]))
        return DateMention(b, e, expr, day, "day", day.year, day.month, note="iso") if day else \
            _unresolved(b, e, expr, "no such calendar day")
    if kind == "numeric":
        return _resolve_numeric(match, published, written)
    if kind == "calendar":
        year = int(match["y"]) if match["y"] else published.year
        month = _month_number(match["month"])
        day = _valid_day(year, month, int(match["d"]))
        if day is None:
            return _unresolved(b, e, expr, "no such calendar day")
        if match["wd"] and WEEKDAYS.index(match["wd"].lower()) != day.weekday():
            return _unresolved(b, e, expr, f"{match['wd']} does not fall on {day.isoformat()}")
        return DateMention(b, e, expr, day, "day", year, month,
                           note="calendar date" if match["y"] else "calendar date in the publication year")
    if kind == "month-year":
        return DateMention(b, e, expr, None, "month", int(match["y"]), _month_number(match["month"]))
    if kind == "month":
        m_begin, m_end = match.span("month")
        if re.match(r"(?i:early|late|mid)", match.group(0)):  # "mid-March" is kept as the words say it
            m_begin = match.start()
        month, year = _month_number(match["month"]), published.year
        if match.group(0).lower().startswith("since") and month > published.month:
            year -= 1  # "since August" in a February report: a month that has passed, so last year's
        return DateMention(m_begin, m_end, text[m_begin:m_end], None, "month", year, month,
                           note="month in the publication year" if year == published.year else "month since")
    if kind in ("day-range", "month-day-range"):
        year = int(match["y"]) if match["y"] else published.year
        month = _month_number(match["month"])
        first, last = _valid_day(year, month, int(match["d"])), _valid_day(year, month, int(match["d2"]))
        if first is None or last is None or last <= first:
            return _unresolved(b, e, expr, "not a range of days of one month")
        return DateMention(b, e, expr, None, "interval", year, month, note="range of days", first=first, until=last)
    if kind == "day-month":
        year = int(match["y"]) if match["y"] else published.year
        day = _valid_day(year, _month_number(match["month"]), int(match["d"]))
        if day is None:
            return _unresolved(b, e, expr, "no such calendar day")
        if match["wd"] and WEEKDAYS.index(match["wd"].lower()) != day.weekday():
            return _unresolved(b, e, expr, f"{match['wd']} does not fall on {day.isoformat()}")
        return DateMention(b, e, expr, day, "day", year, day.month, note="day before month")
    if kind == "weekend":
        which = (match["which"] or "").lower()
        future = which in ("next", "coming") or (which not in ("last", "past") and (
            bool(re.search(r"\bby\s+(?:the\s+)?$", text[max(0, b - 8):b], re.I))
            or _speaks_of_future(text, b, e, max(0, b - 200), min(len(text), e + 200))))
        saturday = _weekday_date(5, published, future, strictly=which in ("next", "last"))
        if not future and published.weekday() == 5 and which in ("", "this"):
            saturday = published
        return DateMention(b, e, expr, None, "interval", saturday.year, saturday.month,
                           note="weekend", first=saturday, until=saturday + timedelta(days=1))
    if kind == "relative-month":
        offset = {"this": 0, "last": -1, "next": 1}[match["which"].lower()]
        index = published.year * 12 + published.month - 1 + offset
        return DateMention(b, e, expr, None, "month", index // 12, index % 12 + 1, note="month relative to publication")
    if kind == "relative-week":
        which = match["which"].lower()
        # US calendars start the week on Sunday: a Sunday article's "this week" is the week that follows.
        anchor = published + timedelta(days=1) if published.weekday() == 6 else published
        monday = _monday_of(anchor) + timedelta(days={"this": 0, "last": -7, "next": 7}[which])
        return DateMention(b, e, expr, None, "week", monday.year, monday.month, week_of=monday)
    if kind == "relative-day":
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[match["word"].lower()]
        day = published + timedelta(days=offset)
        return DateMention(b, e, expr, day, "day", day.year, day.month, note="relative to publication")
    # a year alone
    return DateMention(b, e, expr, None, "year", int(match["y"]))


def _resolve_numeric(match: re.Match[str], published: date, written: set[date]) -> DateMention:
    b, e, expr = match.start(), match.end(), match.group(0)
    year = published.year
    if match["y"]:
        year = int(match["y"]) if len(match["y"]) == 4 else 2000 + int(match["y"])
    first, second = int(match["a"]), int(match["b"])
    readings = {day for day in (_valid_day(year, first, second), _valid_day(year, second, first)) if day}
    if not readings:
        return _unresolved(b, e, expr, "no such calendar day in either order")
    if len(readings) == 2:
        corroborated = readings & written
        if len(corroborated) != 1:
            return _unresolved(b, e, expr, "month/day order is ambiguous and the article does not say which")
        readings = corroborated
        note = "numeric date corroborated by the same date in words"
    else:
        note = "numeric date with one possible reading"
    day = readings.pop()
    return DateMention(b, e, expr, day, "day", day.year, day.month, note=note)


def _resolve_weekday(match: re.Match[str], text: str, published: date, floor: int, ceiling: int,
                     forced_future: bool | None, known: list[DateMention]) -> DateMention:
    weekday = WEEKDAYS.index(match["wd"].lower())
    # the span covers qualifier, weekday and part of day but not a possessive "'s"
    b = match.start()
    e = match.end("part") if match.re.groupindex.get("part") and match["part"] else match.end("wd")
    expr = text[b:e]
    which = (match["which"] or "").lower()
    early = re.search(r"\bas (?:early|soon) as\s+$|\bby\s+$", text[max(floor, b - 15):b], re.I)
    if which == "next":
        future, strictly, rule = True, True, "next: strictly after publication"
    elif which == "last":
        future, strictly, rule = False, True, "last: strictly before publication"
    elif forced_future is not None:
        future, strictly, rule = forced_future, False, "tense given by the caller"
    elif early:
        future, strictly, rule = True, False, "'as early as', 'by': on or after publication"
    elif _speaks_of_future(text, match.start(), e, floor, ceiling):
        future, strictly, rule = True, False, "future-tense clause: on or after publication"
    elif _sentence_is_schedule(text, match.start(), floor, ceiling, published, known):
        future, strictly, rule = True, False, "sentence schedules later dates: on or after publication"
    else:
        future, strictly, rule = False, False, "news-report convention: on or before publication"
    day = _weekday_date(weekday, published, future, strictly)
    return DateMention(b, e, expr, day, "day", day.year, day.month, note=rule)


def _sentence_is_schedule(text: str, at: int, floor: int, ceiling: int, published: date,
                          known: list[DateMention]) -> bool:
    start, stop = _sentence_bounds(text, at, floor, ceiling)
    # a tweet or list often runs several short sentences together: look at the paragraph's next sentence too
    following = _SENTENCE_BREAK.search(text, stop, ceiling)
    stop = following.start() + 1 if following else stop
    explicit = [m for m in known if m is not None and m.is_day and start <= m.begin < stop
                and m.note and not m.note.startswith(("news-report", "future", "next", "last", "relative"))]
    return bool(explicit) and all(m.value > published for m in explicit)


# what joins the two ends of an interval: "and", "or", "to", "until", with the time of day of the second end
# ("from 7am on 3 April until 7am on 5 April")
_PAIR_GAP = re.compile(r"\s+(?:and|or|through|to|until|till)\s+(?:(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)"
                       r"|noon|midnight)\s+(?:on\s+)?)?", re.IGNORECASE)


def _is_calendar(mention: DateMention) -> bool:
    """A day the text writes with its month ("3 April", "March 24"), not one read from a weekday."""
    return bool(mention.note) and mention.note.startswith(("calendar", "day before month", "iso"))


def day_pairs(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Two days joined by "and", "or", "through", "until" ("vote Sunday and Monday", "as early as Wednesday or
    Thursday", "from 24 March to 6 June") are one interval when the second follows the first: within a week
    for weekdays, within a year for calendar dates. The pair replaces its two days. Kept apart from
    `find_dates`, whose callers (a phased return's steps) need each day on its own."""
    out: list[DateMention] = []
    for mention in mentions:
        previous = out[-1] if out else None
        span = (mention.value - previous.value).days if previous is not None and previous.is_day \
            and mention.is_day else 0
        if (span > 0 and _PAIR_GAP.fullmatch(text[previous.end:mention.begin])
                and (span <= 6 or (span <= 366 and _is_calendar(previous) and _is_calendar(mention)))):
            out[-1] = DateMention(previous.begin, mention.end, text[previous.begin:mention.end], None,
                                  "interval", previous.year, previous.month, note="two days joined",
                                  first=previous.value, until=mention.value)
        else:
            out.append(mention)
    return out


def article_dates(article) -> list[DateMention]:
    """Every date expression of an article's content paragraphs. Paragraphs, not sentences, are the unit,
    so the tense of a schedule can be read from the sentence that follows ("return Friday. … 4/12")."""
    out: list[DateMention] = []
    for paragraph in article.content_paragraphs():
        out.extend(find_dates(article.text, paragraph.begin, paragraph.end, article.meta.published))
    return out
