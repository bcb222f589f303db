"""A union's branch the article speaks of without naming it: "Branch secretary X told us", "The branch says
the university spent ...". British and academic unions organise by workplace, and a report about one
dispute means the branch at the employer in it: the branch of the article's most mentioned union, named
after the employer's own name ("University of Severnside" -> "Severnside branch of the ... Union"), or the
branch the article already names. Nothing when the article names no union.
"""

from __future__ import annotations

import re
from collections import Counter

from builder.emit.mint import entity_iri
from builder.extract.rules import register
from builder.resolve.found import EntityMention, most_mentioned, with_article
from builder.resolve.registry import Entity
from builder.vocab import CPS

RULE_UNNAMED_BRANCH = register("branch-unnamed", "'Branch president X', 'the branch says': the union branch at "
                               "the employer the article is about (the one branch it names, else the branch of "
                               "its most mentioned union, named after the employer).")
# "Branch" opening a title ("Branch secretary X"), or "the branch" standing alone as an actor
_BRANCH_WORD = re.compile(r"(?<![\w'’-])(?:Branch(?=\s+[a-z])|[Tt]he\s+branch\b(?!\s+(?:of|at|committee|in)\b))")
_HEAD_FIRST = re.compile(r"^(?:University|College|Institute)\s+of\s+(?:the\s+)?")
_KIND_TAIL = re.compile(r"\s+(?:University|College|Polytechnic|Institute|Hospitals?|Trust|Council|Board|District|"
                        r"Schools?|Company|Group|Ltd|Inc)\b.*$")
_NOT_EMPLOYERS = (CPS.LabourUnion, CPS.NewsOutlet, CPS.GovernmentOrganization)


def unnamed_branches(article, mentions: list, taken) -> list:

    text = article.text
    spans = [m.span() for p in article.content_paragraphs() for m in _BRANCH_WORD.finditer(text, p.begin, p.end)
             if not taken.overlaps(*m.span())]
    if not spans:
        return []
    branch = _branch(mentions)
    if branch is None:
        return []
    found = []
    for begin, end in spans:
        taken.append((begin, end))
        found.append(EntityMention(begin, end, branch, RULE_UNNAMED_BRANCH, 0.65))
    return found


def _branch(mentions: list) -> Entity | None:
    organisations = Counter(m.entity for m in mentions if m.entity.kind == "organization")
    named = [e for e, _ in organisations.most_common() if " branch of " in e.label]
    if named:
        return named[0]
    union = next((e for e, _ in organisations.most_common() if e.is_a(CPS.LabourUnion)), None)
    if union is None:
        return None
    employer = next((e for e, _ in organisations.most_common() if not any(e.is_a(c) for c in _NOT_EMPLOYERS)), None)
    where = _KIND_TAIL.sub("", _HEAD_FIRST.sub("", employer.label)) if employer is not None else ""
    label = f"{where} branch of {with_article(union.label)}" if where and where[0].isupper() else \
        f"branch of {with_article(union.label)}"
    return Entity(entity_iri("organization", label), "organization", label, (str(CPS.UnionLocal),),
                  aliases=("branch",) if not where else (f"{where} branch",))


RULE_STUDENTS_UNION = register("students-union", "'the students' union', 'Students' union president X': the "
                               "students' union of the article's most mentioned university, when no name is given.")
_STUDENTS_UNION = re.compile(r"(?<![\w'’-])(?:[Tt]he\s+)?[Ss]tudents['’]?\s+union\b")


def students_unions(article, mentions: list, taken) -> list:
    """A students' union named by its kind: the one at the article's most mentioned university (not a
    labour union, so "the union" never resolves to it)."""

    text = article.text
    spans = [m.span() for p in article.content_paragraphs() for m in _STUDENTS_UNION.finditer(text, p.begin, p.end)
             if not taken.overlaps(*m.span())]
    university = most_mentioned(mentions, CPS.University) if spans else None
    if university is None:
        return []
    label = f"students' union of {with_article(university.label)}"
    entity = Entity(entity_iri("organization", label), "organization", label, (str(CPS.Organization),),
                    aliases=("students' union",))
    for span in spans:
        taken.append(span)
    return [EntityMention(begin, end, entity, RULE_STUDENTS_UNION, 0.7) for begin, end in spans]
