"""Phased returns: which grade band returns, staff or students, on which day.

A paragraph that names at least one grade band returning on a known day is a phased return. Each clause
gives one step: a grade band ("Pre-kindergarten", "Kindergarten through third grade", "K-3", "Grades 9
through 12", "4-6th graders", "high school"), the returning group (staff words: staff, teachers,
educators; student words: students, graders, children — a band alone means its students), a return verb
and a day. A continuation clause ("and those students will return May 3", ", with their teachers back
Friday") inherits the band of the clause before it. Bands are normalised ("K-3"), so the announcement and
a tweet of the same schedule give one step per band and group.

A paragraph that presents the schedule as a proposal ("proposal", "offered", "would") is a proposed phased
return; otherwise it is the planned one. The two are different instances of the same negotiation.
"""

from __future__ import annotations

import re

from builder.emit import terms
from builder.extract import rules
from builder.extract.eventbook import EventBook, is_agent, negotiation_for
from builder.vocab import CPS

__all__ = ["extract_phased_returns", "find_phased_returns", "grade_band"]

RULE_STEP = rules.register(
    "return-step-clause", "A clause naming a grade band, staff or students, a return verb and a day: one step "
    "of a phased return (continuation clauses inherit the band).")
RULE_PHASED = rules.register(
    "phased-return-paragraph", "A paragraph with return steps is a phased return: proposed when presented as a "
    "proposal or offer, planned otherwise.")

_ORDINALS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
_GRADE = r"(?:\d{1,2}(?:st|nd|rd|th)?|" + "|".join(list(_ORDINALS)[1:]) + r")"
_BAND = re.compile(
    rf"\b(?P<prek>pre-?k(?:indergarten)?)\b"
    rf"|\b(?:grades?\s+)?(?P<lo>kindergarten|K|{_GRADE})\s*(?:-|–|through|to)\s*(?P<hi>{_GRADE})(?:th)?"
    rf"(?:\s+grade(?:rs|s)?)?\b"
    rf"|\b(?P<hs>high[- ]school)\b",
    re.IGNORECASE)
STAFF_WORDS = re.compile(r"\b(?:staff|teachers|educators|employees|workers|faculty)\b", re.IGNORECASE)
STUDENT_WORDS = re.compile(r"\b(?:students|graders|children|kids|pupils)\b", re.IGNORECASE)
RETURN_VERB = re.compile(r"\breturn\w*|\bgo(?:es|ing)?\s+back\b|\bback\b|\breport\w*|\bresum\w+", re.IGNORECASE)
CONTINUATION = re.compile(r",\s+(?:and\s+|with\s+)(?=(?:those|these|their|the|its)\b)|;\s+")
PROPOSAL = re.compile(r"\bpropos\w*|\boffer(?:ed|ing|s)?\b|\bwould\b", re.IGNORECASE)


def _grade_number(word: str) -> int:
    word = word.lower()
    if word in ("k", "kindergarten"):
        return 0
    if word in _ORDINALS:
        return _ORDINALS[word]
    return int(re.match(r"\d+", word).group(0))


def grade_band(text: str) -> tuple[str, int, int] | None:
    """(normalised band, begin, end) of the first grade band in text: 'pre-K', 'K-3', '4-6', '9-12'."""
    match = _BAND.search(text)
    if match is None:
        return None
    if match["prek"]:
        band = "pre-K"
    elif match["hs"]:
        band = "9-12"
    else:
        lo, hi = _grade_number(match["lo"]), _grade_number(match["hi"])
        if not 0 <= lo <= hi <= 12:
            return None
        band = f"{'K' if lo == 0 else lo}-{hi}"
    return band, match.start(), match.end()


def extract_phased_returns(ctx) -> None:
    """The stage: phased returns into the event book that builder.extract.events left on the context."""
    find_phased_returns(ctx, ctx.events, ctx.dates)


def find_phased_returns(ctx, book: EventBook, dates) -> None:
    text = ctx.article.text
    by_paragraph: dict[int, list] = {}
    for sentence in ctx.article.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    for sentences in by_paragraph.values():
        steps = []
        for sentence in sentences:
            steps.extend(_steps(text, sentence, dates))
        if not steps:
            continue
        begin, end = sentences[0].begin, sentences[-1].end
        negotiation = negotiation_for(ctx, begin, end)
        if negotiation is None:
            continue
        proposed = bool(PROPOSAL.search(text, begin, end))
        status = "proposed" if proposed else "planned"
        phased = book.event(CPS.PhasedReturn, f"{status.capitalize()} phased return", negotiation, status,
                            begin=steps[0][3], end=steps[-1][4], rule=RULE_PHASED, confidence=0.75)
        phased.statuses.add(str(CPS.ProposedStatus if proposed else CPS.PlannedStatus))
        for mention in ctx.mentions_in(begin, end):
            if is_agent(mention.entity) and mention.entity.kind == "organization":
                phased.actor(mention.entity)
        for band, group, day, s_begin, s_end in steps:
            group_name = "staff" if group == CPS.StaffGroup else "students"
            step = book.event(CPS.ReturnStep, f"Return of {band} {group_name}", None, phased.iri.value, band,
                              str(group), begin=s_begin, end=s_end, rule=RULE_STEP, confidence=0.75)
            step.label = f"Return of {band} {group_name} ({status} phased return, {negotiation.label})"
            step.literals.add((str(CPS.gradeBand), terms.text(band)))
            step.relate(CPS.returningGroup, group)
            step.statuses.add(str(CPS.ProposedStatus if proposed else CPS.PlannedStatus))
            step.when(day)
            phased.relate(CPS.hasStep, step.iri)


def _steps(text: str, sentence, dates):
    """(band, group, day, begin, end) of each step clause of a sentence."""
    cuts = [sentence.begin] + [m.start() for m in CONTINUATION.finditer(text, sentence.begin, sentence.end)] \
        + [sentence.end]
    out = []
    band = None
    for begin, end in zip(cuts, cuts[1:], strict=False):
        clause = text[begin:end]
        found = grade_band(clause)
        if found is not None:
            band = found[0]
        elif not re.search(r"\b(?:those|these|their|the)\b", clause, re.I):
            continue
        if band is None or not RETURN_VERB.search(clause):
            continue
        days = [d for d in dates if begin <= d.begin < end and d.is_day]
        if not days:
            continue
        staff, students = STAFF_WORDS.search(clause), STUDENT_WORDS.search(clause)
        if staff and (not students or staff.start() < students.start()):
            group = CPS.StaffGroup
        else:
            group = CPS.StudentsGroup
        stripped = len(clause) - len(clause.lstrip(" ,;"))
        out.append((band, group, days[0], begin + stripped, end))
    return out
