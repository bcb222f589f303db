"""What resolution hands on: a resolved mention, and the small questions every resolver asks of them (the
most mentioned organisation of a kind; how a name reads after "of"). Kept apart from the resolvers so that
each of them (entities, branches, locals, short forms) can import it without importing the others.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from builder.resolve.registry import Entity


@dataclass(frozen=True)
class EntityMention:
    begin: int
    end: int
    entity: Entity
    rule: str
    confidence: float


def most_mentioned(mentions: list[EntityMention], cls: object) -> Entity | None:
    """The organisation of class `cls` the article names most often (the first named on a tie): the
    antecedent of "the union", "the district"."""
    counts = Counter(m.entity for m in mentions if m.entity.kind == "organization" and m.entity.is_a(cls))
    return counts.most_common(1)[0][0] if counts else None


_HEAD_FIRST_NAME = re.compile(r"(?:University|College|Ministry|Department|Office|Board|Council)\s+(?:of|for)\b")
_COMMON_HEAD_NAME = re.compile(r"\b(?:Union|Association|Federation|Guild|Brotherhood|Workers|Employees|Council|"
                               r"Committee)(?:\s+Local\s+\d+)?$")


def with_article(name: str) -> str:
    """An organisation's name as news writes it after "of": "the" before a name that is a common noun
    phrase ("the University of X", "the Minnesota Nurses Association"), none before a proper name."""
    return f"the {name}" if _HEAD_FIRST_NAME.match(name) or _COMMON_HEAD_NAME.search(name) else name
