"""Compare the hand-written number and date readers with number-parser, dateparser and quantulum3 on the dev
half's gold rows (bench/quality/LIBRARIES.md). Run: .venv/bin/python bench/quality/libraries/compare.py
[numbers|dates|absolute_dates]

Each reader gets the gold row's evidence (the words as written) and the article's publication date; a row
counts as read when the reader's value equals the gold value (numbers: as a Decimal rounded to the gold's
places; dates: the interval the gold gives). Test rows are never read."""

from __future__ import annotations

import csv
import re
import sys
import warnings
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "quality"))
warnings.simplefilter("ignore")

from gold import parse_date  # noqa: E402

from builder.extract.dates import day_pairs, find_dates  # noqa: E402
from builder.extract.quantities import find_quantities  # noqa: E402

Q = ROOT / "bench" / "quality"


def dev_rows(kind: str):
    split = [line.split("\t") for line in (Q / "split.tsv").read_text().splitlines()[1:]]
    for article_id, half, *_ in split:
        if half != "dev":
            continue
        meta = yaml.safe_load((Q / "articles" / f"{article_id}.meta.yaml").read_text())
        published = meta["date_published"]
        published = published.get("value") if isinstance(published, dict) else published
        published = published if isinstance(published, date) else date.fromisoformat(str(published)[:10])
        lines = [ln for ln in (Q / "gold" / f"{article_id}.tsv").read_text().splitlines() if not ln.startswith("#")]
        for row in list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]:
            if row and row[0] == kind:
                yield row, published


def same(value, gold: str) -> bool:
    places = -Decimal(gold).as_tuple().exponent if "." in gold else 0
    try:
        return round(Decimal(str(value)), places) == Decimal(gold)
    except Exception:
        return False


def numbers() -> None:
    from number_parser import parse_number as np_parse
    from quantulum3 import parser as q3

    rows = list(dev_rows("number"))
    hand = quant = 0
    words = [r for r, _ in rows if not any(c.isdigit() for c in r[4])]
    hand_words = lib_words = 0
    for row, published in rows:
        evidence, gold = row[4], row[1]
        ours = {q.value for q in find_quantities(evidence, 0, len(evidence), published)}
        ok_hand = any(same(v, gold) for v in ours)
        hand += ok_hand
        try:
            found = q3.parse(evidence)
        except Exception:
            found = []
        quant += any(same(f.value, gold) for f in found)
        if row in words:
            hand_words += ok_hand
            parsed = np_parse(evidence)
            lib_words += parsed is not None and same(parsed, gold)
    print(f"numbers: dev gold rows {len(rows)}; hand-written {hand}; quantulum3 {quant}")
    print(f"spelled-out numbers (no digit in the evidence): {len(words)}; hand-written {hand_words}; "
          f"number-parser {lib_words}")


def dates() -> None:
    import dateparser

    rows = list(dev_rows("date"))
    hand = lib = 0
    for row, published in rows:
        evidence, gold = row[4], parse_date(row[1])
        ours = {m.interval for m in day_pairs(evidence, find_dates(evidence, 0, len(evidence), published))}
        hand += gold in ours
        parsed = dateparser.parse(evidence, settings={"RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
                                                      "PREFER_DATES_FROM": "current_period"})
        lib += parsed is not None and (parsed.date(), parsed.date()) == gold
    print(f"dates: dev gold rows {len(rows)}; hand-written {hand}; dateparser {lib}")


# an absolute date form: a month name or abbreviation, a numeric or ISO date, a year (issue 15 names
# dateparser for these; weekdays and "last week" need the tense and the statement's day, which it lacks)
ABSOLUTE = re.compile(r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|"
                      r"\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
                      r"\b(?:january|february|march|april|june|july|august|september|october|november|december)\b)"
                      r"|\b\d{1,2}/\d{1,2}\b|\b(?:19|20)\d{2}\b")


def _dateparser_interval(evidence: str, published: date, gold: tuple[date, date]):
    """dateparser's reading at the gold's granularity: a day, or the month / year it names when the gold is a
    whole month or year (PREFER_DAY_OF_MONTH first, then the last day of that month or year)."""
    import calendar

    import dateparser

    base = datetime.combine(published, datetime.min.time())
    parsed = dateparser.parse(evidence, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period",
                                                  "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    day = parsed.date()
    first, last = gold
    if first.day == 1 and last == date(first.year, first.month, calendar.monthrange(first.year, first.month)[1]):
        return date(day.year, day.month, 1), date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def absolute_dates() -> None:
    """The absolute forms only ("March 4", "Nov. 7", "1 April 2020", "4/12", "April 2018", "since 2009")."""
    rows = [(row, published) for row, published in dev_rows("date") if ABSOLUTE.search(row[4])]
    hand = lib = both = 0
    for row, published in rows:
        evidence, gold = row[4], parse_date(row[1])
        ours = {m.interval for m in day_pairs(evidence, find_dates(evidence, 0, len(evidence), published))}
        ours |= {(date(m.year, 1, 1), date(m.year, 12, 31)) for m in find_dates(evidence, 0, len(evidence), published)
                 if m.precision == "year"}
        theirs = _dateparser_interval(evidence, published, gold)
        hand += gold in ours
        lib += theirs == gold
        both += gold in ours and theirs == gold
        if (gold in ours) != (theirs == gold):
            print(f"  {'hand' if gold in ours else 'dateparser'} only: {evidence!r} = {row[1]} "
                  f"(dateparser {theirs})")
    print(f"absolute dates: dev gold rows {len(rows)}; hand-written {hand}; dateparser {lib}; both {both}")


if __name__ == "__main__":
    # `compare.py absolute_dates` runs one comparison (only its library need be installed); no argument runs all
    COMPARISONS = {"numbers": numbers, "dates": dates, "absolute_dates": absolute_dates}
    for name in sys.argv[1:] or COMPARISONS:
        COMPARISONS[name]()
