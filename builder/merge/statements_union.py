"""Statements reported by several articles: one `cps:textReported` value across the union.

A statement is identified by its speakers and day (builder.quotes), so two articles can report the same
statement, one quoting its words (`cps:textReported true`) and one only saying it was made (`false`).
Its text is reported once any article reports it: the reduce replaces `false` by `true` in the graphs
that said `false`, so every graph and the union give one value (the shapes require exactly one). One pass
over the quads, linear.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from builder.emit.terms import boolean
from builder.vocab import CPS

__all__ = ["reported_text_fixes"]


def reported_text_fixes(quads: Iterable[ox.Quad]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """(quads to add, quads to remove) so that no statement is both reported and not."""
    predicate = ox.NamedNode(str(CPS.textReported))
    true, false = boolean(True), boolean(False)
    reported: set[ox.NamedNode] = set()
    unreported: list[ox.Quad] = []
    for quad in quads:
        if quad.predicate == predicate:
            if quad.object == true:
                reported.add(quad.subject)
            elif quad.object == false:
                unreported.append(quad)
    removed = [q for q in unreported if q.subject in reported]
    added = [ox.Quad(q.subject, predicate, true, q.graph_name) for q in removed]
    return added, removed
