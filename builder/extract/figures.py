"""Number forms of news copy beyond "a number and its unit": fractions and rates, vote tallies, compound
modifiers, abbreviated sums of money in any currency, ordinals of days and margins.

Each form yields `QuantityMention`s (builder.extract.quantities), which `find_quantities` reads before its
own number grammar, so that "$45M" is forty-five million dollars and not 45 dollars.

* fractions and rates — "two-thirds", "half of its branches", "a third", "three-quarters", "1 in 4", "one in
  three" — are shares written as decimals rounded to four places (0.6667, 0.25); "half an hour", "the
  second half" are not shares;
* tallies — "247-19" in a sentence about a vote or ballot, "731 in favor, 95 against and 20 abstaining" —
  are votes in favour and against (a tally's two numbers are grounded at the whole tally);
* compound modifiers — "a 4,800-member union", "a 612-room hotel" — count the modified noun;
* abbreviated money — "$45M", "£9.5m", "C$4.3-million", "€2bn" — with the currency of its sign, and any sum in
  a dollar of another country ("C$1.6 million"); a sum per unit of time as a modifier ("a $3-an-hour raise");
* one unit of time with the article as a duration ("less than an hour before", "a week after", "within a
  year"), never after a figure, where it is a rate ("$26 an hour");
* a tally with "to" in a sentence about a vote ("by a vote of 1,012 to 214"); an age set off after a name
  ("Sofia Marchetti-Nwosu, 19, said");
* margins — "three-to-one" — are the first number; ordinals of days — "the fourth day", "its 14th day",
  "day 3" — the day's number.
"""

from __future__ import annotations

import re
from decimal import Decimal

from builder.extract import rules
from builder.extract.numbers import WORD_NUMBER, QuantityMention, parse_number

__all__ = ["find_figures"]

RULE_FIGURE = rules.register(
    "quantity-news-forms", "Fractions and rates ('two-thirds', '1 in 4') as decimals, vote tallies ('247-19', "
    "'731 in favor'), compound modifiers ('a 4,800-member union'), abbreviated money ('$45M', '£9.5m', "
    "'C$4.3-million'), margins ('three-to-one') and ordinals of days ('the fourth day').")

_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                 "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                 "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|a|an)"
_APPROX = r"(?:(?i:about|around|roughly|nearly|almost|more than|less than|at least|closer to|just over|" \
          r"just under|some|over|under)\s+)?"
_FRACTION = re.compile(
    rf"\b{_APPROX}(?P<num>(?i:{_SMALL}))[- ](?P<den>(?i:half|thirds?|quarters?|fifths?|sixths?|sevenths?|"
    rf"eighths?|tenths?))\b(?!-)|\b{_APPROX}(?P<half>(?i:half))(?!\s+(?:an?\s+)?(?:hour|day|week|month|year|"
    rf"mile|dozen|time|point|way|past)s?\b)\b")
_RATE = re.compile(rf"\b{_APPROX}(?P<a>\d+|(?i:{_SMALL}))\s+(?:in|of\s+every)\s+(?P<b>\d+|(?i:two|three|four|five|"
                   rf"six|seven|eight|nine|ten|twenty|hundred))\b")
_TALLY = re.compile(r"(?<![\d,.$£€/-])(?P<a>\d{1,3}(?:,\d{3})*|\d+)[-–](?P<b>\d{1,3}(?:,\d{3})*|\d+)(?![\d/%-])")
_VOTE_WORDS = re.compile(r"\bvot\w*|\bballot\w*|\bmargin\b|\btally\b|\bapprov\w*|\bratif\w*|\breject\w*", re.I)
_SIDES = re.compile(r"(?<![\d,.$])(?P<n>\d{1,3}(?:,\d{3})*|\d+)\s+(?P<side>in favou?r|against|abstain\w*|"
                    r"abstentions?|opposed)\b", re.I)
_MODIFIER = re.compile(rf"(?<![\w$£€.,-])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD_NUMBER})-"
                       r"(?P<noun>member|room|bed|seat|student|person|worker|employee|nurse|teacher|bus|school|"
                       r"branch|store|hotel|campus|site|location|vehicle|truck)\b")
_MONEY = re.compile(r"(?<![\w.])(?P<sign>C\$|CA\$|CAD\s?\$|US\$|A\$|\$|£|€)\s?(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+"
                    r"(?:\.\d+)?)(?:-?(?P<scale>million|billion|thousand|mn|bn|m|M|B|k|K))(?![\w])"
                    # a dollar of another country keeps its sign whatever follows: "C$1.6 million", "C$24.10"
                    r"|(?<![\w.])(?P<sign2>C\$|CA\$|CAD\s?\$|US\$|A\$)\s?(?P<n2>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+"
                    r"(?:\.\d+)?)(?:[\s-](?P<scale2>million|billion|thousand))?(?![\w])")
# a sum per unit of time written as one modifier: "a $3-an-hour raise", "the $2.50-an-hour differential"
_HYPHEN_RATE = re.compile(r"(?<![\w.])(?P<sign>\$|£|€)(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)-an?-"
                          r"(?P<rate>hour|day|week|month|year)\b")
# a tally written with "to" in a sentence about a vote: "by a vote of 1,012 to 214", "by 2,611 votes to 402"
_TALLY_TO = re.compile(r"\b(?:by|of|was|were)\s+(?:a\s+(?:vote|margin)\s+of\s+)?(?P<a>\d{1,3}(?:,\d{3})+|\d+)\s+"
                       r"(?:votes?\s+)?to\s+(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?![\d%,.]\d|\s*(?:%|percent|per\s*cent))")
# one unit of time written with the article, as a duration or a distance in time ("less than an hour before",
# "a week after they authorized a strike", "within a year", "a week of groceries"); never after a figure, where
# it is a rate ("$26 an hour", "3% a year"); "a month ago" dates, it does not measure
_ONE_UNIT = re.compile(r"(?:\b(?P<lead>(?i:less than|more than|nearly|almost|about|within|just over|just under|"
                       r"for|in|over|under))\s+)?\b(?P<a>[Aa]n?)\s+(?P<unit>hour|day|week|month|year)\b"
                       r"(?P<tail>(?=\s+(?:after|before|later|earlier|of)\b))?")
# a person's age set off after the name: "Sofia Marchetti-Nwosu, 19, said"
_AGE = re.compile(r"(?<=[a-z’'])\s*,\s(?P<n>1[4-9]|[2-9]\d),\s(?=[a-z])")
_AGE_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][\w’'.-]+){1,3}$")
_CURRENCY = {"C$": "CAD", "CA$": "CAD", "US$": "USD", "A$": "AUD", "$": "USD", "£": "GBP", "€": "EUR"}
_SCALE = {"million": 6, "mn": 6, "m": 6, "M": 6, "billion": 9, "bn": 9, "B": 9, "thousand": 3, "k": 3, "K": 3}
_MARGIN = re.compile(rf"\b{_APPROX}(?P<a>\d+|(?i:two|three|four|five|six|seven|eight|nine|ten))[- ]to[- ]"
                     r"(?P<b>one|1)\b")
_DAY_ORDINAL = re.compile(rf"\b(?P<ord>(?i:{'|'.join(_ORDINALS)})|\d+(?:st|nd|rd|th))\s+(?:(?i:straight|"
                          r"consecutive|full)\s+)?(?P<unit>day|week)\b|\b(?i:day)\s+(?P<n>\d{1,3})\b(?!\s*(?:,|of)\s*\d)")


def _approximate(words: str) -> bool:
    return bool(re.match(r"(?i:about|around|roughly|nearly|almost|some|over|more than|closer to|just over)\b",
                         words))


def _share(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator / denominator).quantize(Decimal("0.0001")).normalize()


def _counted(text: str, at: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """The noun a share is of: "half of its branches" -> branches."""
    match = re.match(r"\s+of\s+(?:(?:the|its|their|our|his|her|all|those|these)\s+)?(?:[\w-]+\s+){0,2}?"
                     r"(?P<head>[a-z][\w-]*s)\b", text[at:min(end, at + 60)])
    if match is None:
        return None, None
    return match["head"], (at + match.start("head"), at + match.end("head"))


def find_figures(text: str, begin: int, end: int):
    """The quantities of these forms in text[begin:end] (a sentence), in text order."""
    out: list[QuantityMention] = []

    def add(b: int, e: int, value: Decimal, unit: str, counted: str | None, span=None, approx: bool = False,
            confidence: float = 0.7) -> None:
        if any(b < q.end and q.begin < e and (q.begin, q.end) != (b, e) for q in out):
            return
        out.append(QuantityMention(b, e, value, unit, counted, span, None, approx, RULE_FIGURE, confidence))

    sentence = text[begin:end]
    for match in _MONEY.finditer(text, begin, end):
        sign, number, scale = (match["sign"], match["n"], match["scale"]) if match["sign"] else \
            (match["sign2"], match["n2"], match["scale2"])
        value = parse_number(number) * Decimal(10) ** (_SCALE[scale] if scale else 0)
        value = value.to_integral_value() if value == value.to_integral_value() else value.normalize()
        add(match.start(), match.end(), value, _CURRENCY[sign.replace(" ", "")], None)
    for match in _HYPHEN_RATE.finditer(text, begin, end):
        if not any(match.start() < q.end and q.begin < match.end() for q in out):
            out.append(QuantityMention(match.start(), match.end(), parse_number(match["n"]), _CURRENCY[match["sign"]],
                                       None, None, match["rate"], False, RULE_FIGURE, 0.7))
    for match in _ONE_UNIT.finditer(text, begin, end):
        if not (match["lead"] or match["tail"] is not None) or re.search(
                r"(?:\d|%|per cent|percent)\s*$", text[max(begin, match.start() - 12):match.start()]):
            continue
        approx = bool(match["lead"]) and match["lead"].lower() not in ("within", "for", "in", "over", "under")
        add(match.start(), match.end(), Decimal(1), match["unit"], None, approx=approx)
    for match in _AGE.finditer(text, begin, end):
        if _AGE_NAME.search(text, max(begin, match.start() - 60), match.start()):
            add(match.start("n"), match.end("n"), Decimal(match["n"]), "year", "age")
    if _VOTE_WORDS.search(sentence):
        for match in _TALLY_TO.finditer(text, begin, end):
            a, b = parse_number(match["a"]), parse_number(match["b"])
            for value, side in ((a, "votes in favor"), (b, "votes against")):
                out.append(QuantityMention(match.start("a"), match.end("b"), value, "count", side, None, None, False,
                                           RULE_FIGURE, 0.7))
        for match in _TALLY.finditer(text, begin, end):
            a, b = parse_number(match["a"]), parse_number(match["b"])
            if a == 0 and b == 0:
                continue
            out.append(QuantityMention(match.start(), match.end(), a, "count", "votes in favor", None, None,
                                       False, RULE_FIGURE, 0.7))
            out.append(QuantityMention(match.start(), match.end(), b, "count", "votes against", None, None,
                                       False, RULE_FIGURE, 0.7))
    for match in _SIDES.finditer(text, begin, end):
        side = match["side"].lower()
        counted = "votes in favor" if side.startswith("in favo") else "abstentions" if side.startswith("abst") \
            else "votes against"
        add(match.start("n"), match.end("n"), parse_number(match["n"]), "count", counted)
    for match in _MODIFIER.finditer(text, begin, end):
        try:
            value = parse_number(match["n"])
        except ValueError:
            continue
        add(match.start(), match.end(), value, "count", match["noun"] + "s")
    for match in _FRACTION.finditer(text, begin, end):
        if match["half"]:
            if re.search(r"\b(?:first|second|last|other|a)\s+$", text[max(begin, match.start("half") - 8):
                                                                         match.start("half")], re.I):
                continue  # "the second half", "a half": not a share of something
            value = Decimal("0.5")
        else:
            num = match["num"].lower()
            if num in ("a", "an") and not re.match(r"\s*(?:of\b|[,.;:!?)”\"’]|$)", text[match.end():end]):
                continue  # "for a third straight day", "a seventh-grade teacher": an ordinal, not a share
            numerator = Decimal(1) if num in ("a", "an") else parse_number(num)
            value = _share(numerator, Decimal(_DENOMINATORS[match["den"].lower()]))
        counted, span = _counted(text, match.end(), end)
        add(match.start(), match.end(), value, "share", counted, span, approx=_approximate(match.group(0)))
    for match in _RATE.finditer(text, begin, end):
        a = Decimal(1) if match["a"].lower() in ("a", "an") else parse_number(match["a"])
        b = parse_number(match["b"])
        if b == 0 or a >= b:
            continue
        counted, span = _counted(text, match.end(), end)
        add(match.start(), match.end(), _share(a, b), "share", counted, span)
    for match in _MARGIN.finditer(text, begin, end):
        add(match.start(), match.end(), parse_number(match["a"]), "count", "to-one margin")
    for match in _DAY_ORDINAL.finditer(text, begin, end):
        if match["n"]:
            add(match.start(), match.end(), Decimal(match["n"]), "count", "day")
            continue
        word = match["ord"].lower()
        value = Decimal(_ORDINALS[word]) if word in _ORDINALS else Decimal(re.sub(r"\D", "", word))
        add(match.start(), match.end(), value, "count", match["unit"])
    return sorted(out, key=lambda q: (q.begin, q.counted or ""))
