"""Who a reported fact is attributed to: the agent of a reporting cue in the same sentence.

News copy attributes facts with a handful of constructions: "according to X", "X said", "said X",
"X told ...", "X says ...". The agent is the resolved entity mention (from the entity stage) nearest to the
cue on the side the construction puts it; a bare common noun ("organizers said") is no agent, and then
nothing is attributed rather than a guess.
"""

from __future__ import annotations

import re

__all__ = ["REPORTING_VERB", "agent_of_cue", "claimant_of", "party_noun", "reporting_cues"]

REPORTING_VERB = (r"(?:said|says|say|told|tells|claimed|claims|claim|announced|announces|indicated|indicates|"
                  r"insisted|insists|argued|argues|stated|states|reported|reports|maintained|maintains|"
                  r"denied|denies|accused|accuses|explained|explains)")
_CUE = re.compile(rf"\baccording to\b|\b{REPORTING_VERB}\b")
_SUBJECT_REACH = 45  # characters between the end of a subject and its verb ("district officials said")
_OBJECT_REACH = 12  # "said Dan Montgomery", "according to the district"


def reporting_cues(text: str, begin: int, end: int) -> list[re.Match[str]]:
    return list(_CUE.finditer(text, begin, end))


def agent_of_cue(ctx, cue: re.Match[str], begin: int, end: int):
    """The entity a reporting cue attributes to, or None."""
    mentions = [m for m in ctx.mentions_in(begin, end) if m.entity.kind in ("person", "organization")]
    if cue.group(0).startswith("according"):
        after = [m for m in mentions if 0 <= m.begin - cue.end() <= _OBJECT_REACH + 6]
        return after[0].entity if after else None
    before = [m for m in mentions if 0 <= cue.start() - m.end <= _SUBJECT_REACH
              and not re.search(r"[.;“”\"]", ctx.article.text[m.end:cue.start()])]
    if before:
        # "Dr. X, head of the Y, said": the speaker is the person, the organisation is in an apposition
        people = [m for m in before if m.entity.kind == "person"]
        if people and people[-1] is not before[-1] and re.fullmatch(
                r",[^,]{1,60},\s*", ctx.article.text[people[-1].end:cue.start()]):
            return people[-1].entity
        return before[-1].entity
    after = [m for m in mentions if 0 <= m.begin - cue.end() <= _OBJECT_REACH]
    return after[0].entity if after else None


_EMPLOYER_WORDS = r"(?:school\s+)?(?:district|city|university|college|school\s+system|administration|board|employer)"
_UNION_WORDS = r"(?:teachers['’]?\s+)?(?:union|federation|association|guild)"
_GROUP = r"(?:\s+(?:officials|leaders|sources|spokes\w+|members|negotiators))?"


def party_noun(words: str, negotiation, after: bool = False):
    """'district officials', 'the union', 'the federation', 'university leaders': the party of the
    negotiation such a common noun stands for, read at the end of `words` (or at their start if `after`)."""
    anchor = ("^\\s*", "") if after else ("\\b", "\\s*$")
    for nouns, party in ((_EMPLOYER_WORDS, negotiation.employer), (_UNION_WORDS, negotiation.union)):
        if re.search(rf"{anchor[0]}(?:the\s+)?{nouns}{_GROUP}{anchor[1]}", words, re.IGNORECASE):
            return party
    return None


def claimant_of(ctx, cue: re.Match[str], begin: int, end: int, negotiation=None):
    """The agent of a cue; failing that, a party noun ("district officials said", "according to the
    union") stands for the employer or the union of the negotiation the passage belongs to."""
    agent = agent_of_cue(ctx, cue, begin, end)
    if agent is not None:
        return agent
    if negotiation is None:
        from builder.extract.eventbook import negotiation_for  # the event book needs this module: import late

        negotiation = negotiation_for(ctx, begin, end)
        if negotiation is None:
            return None
    text = ctx.article.text
    if cue.group(0).startswith("according"):
        return party_noun(text[cue.end():min(end, cue.end() + 40)], negotiation, after=True)
    return party_noun(text[max(begin, cue.start() - 40):cue.start()], negotiation)
