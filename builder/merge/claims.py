"""Contradictions between claims of different articles (the reduce step after the per-article map).

The in-article claims and disagreements are found by `builder.extract.claims`; the conflicts over a value
between claims of any articles are joined through an index by `builder.merge.conflicts` (never all pairs:
one disagreement per conflict, naming all its claims); `builder.merge.statements_union` reconciles a
statement that one article quotes and another only reports.
"""

from __future__ import annotations

import pyoxigraph as ox

from builder.merge.conflicts import link_value_conflicts


def link_conflicting_claims(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads the reduce adds for conflicts over a value between claims of any articles (same thing,
    different day or different value of the same measured thing). `link_value_conflicts` also gives the
    stale labels it replaces, which the pipeline removes."""
    return link_value_conflicts(quads).added
