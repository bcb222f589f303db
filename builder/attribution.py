"""Who a reported fact is attributed to: the agent of a reporting cue in the same sentence.

News copy attributes facts with a handful of constructions: "according to X", "X said", "said X",
"X told ...", "X says ...". The agent is the resolved entity mention (from the entity stage) nearest to the
cue on the side the construction puts it; a bare common noun ("organizers said") is no agent, and then
nothing is attributed rather than a guess.
"""

from __future__ import annotations

import re

__all__ = ["REPORTING_VERB", "attributed_agent", "agent_of_cue", "reporting_cues"]

REPORTING_VERB = (r"(?:said|says|say|told|tells|claimed|claims|claim|announced|announces|indicated|indicates|"
                  r"insisted|insists|argued|argues|stated|states|reported|reports|maintained|maintains|"
                  r"denied|denies|accused|accuses|explained|explains|feels|feel)")
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


def attributed_agent(ctx, begin: int, end: int):
    """The agent of the last reporting cue of text[begin:end] that names one (the main attribution of a
    news sentence usually closes it: "..., organizers said.")."""
    for cue in reversed(reporting_cues(ctx.article.text, begin, end)):
        agent = agent_of_cue(ctx, cue, begin, end)
        if agent is not None:
            return agent
    return None
