"""A union local and the international it belongs to, as news names them together.

"Local 1390 of the American Federation of State, County and Municipal Employees" names two organisations:
the local, and the union whose local it is. This reading runs after recognition, so the local keeps the
span of its whole name and the international is found inside it. (An apposition "X, Local 5120 of the Y"
naming X again is not merged yet: the event stage then splits one negotiation in two.)
"""

from __future__ import annotations

import re

from builder.emit.mint import entity_iri, normalise_name
from builder.extract.rules import register
from builder.resolve.found import EntityMention
from builder.resolve.mentions import head_class
from builder.resolve.registry import Entity, Registry, cps_class

RULE_INTERNATIONAL = register("union-of-local", "The union named in a local's name ('Local 1390 of the American "
                              "Federation of ... Employees'): a mention of that union inside the local's.")
_LOCAL_OF = re.compile(r"Local\s+\d+\s+of\s+(?:the\s+)?")


def locals_and_internationals(text: str, mentions: list, registry: Registry) -> list:
    """The mentions with each "Local N of the U" read twice: the local, and U inside it."""

    out = []
    for mention in mentions:
        out.append(mention)
        if mention.entity.kind != "organization":
            continue
        local = _LOCAL_OF.match(text, mention.begin, mention.end)
        if local is None or local.end() >= mention.end:
            continue
        name = text[local.end():mention.end]
        entry = registry.lookup(name)
        union = entry.entity if entry is not None else Entity(
            entity_iri("organization", normalise_name(name)), "organization", normalise_name(name),
            (cps_class(head_class(name) or "LabourUnion", f"organisation {name!r}"),))
        out.append(EntityMention(local.end(), mention.end, union, RULE_INTERNATIONAL, 0.8))
    return out
