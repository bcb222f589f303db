"""The catalogue of extraction rules: every `prov:wasGeneratedBy` in the graph names one of these.

A rule is registered once, where it is implemented, with a sentence saying what it does; the emitter
describes each rule it uses (type, label, description) in the graph, so a researcher who follows a fact's
provenance learns how it was found. An unregistered rule name is a programming error, caught at once.
"""

from __future__ import annotations

import re

_RULES: dict[str, str] = {}


def register(name: str, description: str) -> str:
    """Register a rule and return its name (so modules can write `RULE = register(...)`)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise ValueError(f"rule names are lower-case-hyphenated, got {name!r}")
    known = _RULES.get(name)
    if known is not None and known != description:
        raise ValueError(f"rule {name!r} registered twice with different descriptions")
    _RULES[name] = description
    return name


def describe(name: str) -> str:
    try:
        return _RULES[name]
    except KeyError:
        raise KeyError(
            f"extraction rule {name!r} is not registered: call builder.extract.rules.register({name!r}, "
            "'what it does') where the rule is implemented"
        ) from None


def all_rules() -> dict[str, str]:
    return dict(sorted(_RULES.items()))
