"""An organisation's name written short by clipping its words: "Monongahela Grad Workers" for "Monongahela
Graduate Workers United" (a headline's clipped form). Both are found by the head-noun pattern; the short
one is re-pointed to the full one when each of its words begins the full name's word in the same place,
at least one of them is clipped (so "University of X" never swallows "University of X Hospital") and the
full name at most adds words at its end."""

from __future__ import annotations

import re

from builder.extract.rules import register
from builder.resolve.found import EntityMention
from builder.resolve.registry import Entity

RULE_CLIPPED = register("organisation-clipped-name", "An organisation's name with clipped words ('Grad' for "
                        "'Graduate'), resolved to the full name it abbreviates in the same article.")


def _clips(short: list[str], full: list[str]) -> bool:
    if not short or len(short) > len(full) or short[0] != full[0]:
        return False
    pairs = list(zip(short, full, strict=False))
    return all(f.startswith(s) for s, f in pairs) and any(len(s) >= 3 and s != f for s, f in pairs)


def clipped_names(mentions: list) -> list:
    """The mentions, each pattern-found organisation whose name clips another's re-pointed to that one."""

    organisations = {m.entity for m in mentions if m.entity.kind == "organization"}
    words = {e: re.findall(r"[\w'’-]+", e.label) for e in organisations}
    full_of = {}
    for short in organisations:
        fuller = [e for e in organisations if e is not short and _clips(words[short], words[e])]
        if len(fuller) == 1:
            full_of[short] = fuller[0]
    return [EntityMention(m.begin, m.end, full_of[m.entity], RULE_CLIPPED, 0.75) if m.entity in full_of else m
            for m in mentions]


RULE_INVERTED = register("organisation-inverted-name", "An institution named head last and head first in one "
                         "article ('Severnside University', 'University of Severnside'): one organisation, under "
                         "its 'of' form, the other form an alias.")
_HEAD_LAST = re.compile(r"^(?P<name>.+?)\s+(?P<head>University|College|Polytechnic)$")


def inverted_names(mentions: list) -> list:
    """The mentions, "X University" re-pointed to "University of X" when the article writes both."""

    by_label = {m.entity.label: m.entity for m in mentions if m.entity.kind == "organization"}
    target = {}
    for label, entity in by_label.items():
        match = _HEAD_LAST.match(label)
        full = by_label.get(f"{match['head']} of {match['name']}") if match else None
        if full is not None:
            target[entity] = full
            target[full] = Entity(full.iri, full.kind, full.label, full.classes, aliases=(*full.aliases, label))
    return [EntityMention(m.begin, m.end, target[m.entity],
                          RULE_INVERTED if m.entity.label != target[m.entity].label else m.rule, m.confidence)
            if m.entity in target else m for m in mentions]
