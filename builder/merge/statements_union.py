"""Statements reported by several articles: one `cps:textReported` value across the union.

A statement is identified by its speakers and day (builder.quotes), so two articles can report the same
statement, one quoting its words (`cps:textReported true`) and one only saying it was made (`false`).
Its text is reported once any article reports it: the reduce replaces `false` by `true` in the graphs
that said `false`, so every graph and the union give one value (the shapes require exactly one). Read through
the store's predicate index: linear in the statements.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from builder.emit.terms import boolean, sort_quads
from builder.vocab import CPS

__all__ = ["reported_text_fixes"]


def reported_text_fixes(source: ox.Store | Iterable[ox.Quad]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """(quads to add, quads to remove) so that no statement is both reported and not."""
    from builder.merge.conflicts import as_store

    predicate = ox.NamedNode(str(CPS.textReported))
    true, false = boolean(True), boolean(False)
    store = as_store(source)
    reported = {q.subject for q in store.quads_for_pattern(None, predicate, true, None)}
    removed = sort_quads(q for q in store.quads_for_pattern(None, predicate, false, None) if q.subject in reported)
    added = [ox.Quad(q.subject, predicate, true, q.graph_name) for q in removed]
    return added, removed
