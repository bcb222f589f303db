"""output/wikidata/to-reconcile.csv: every entity the export needs an item for, in the shape OpenRefine's
reconciliation against Wikidata takes in.

One row per entity without a verified or hand-checked id, from the articles that may be exported: its
graph IRI (the key that `cpskg curate import-ids` reads back), English label, type as a Wikidata class
where the alignment gives one (`type`, with its label from the verified list in `type_label`, for
OpenRefine's "reconcile against type"), a short description, aliases, its reconciliation status, the
statements that wait for its item, and the article sentences that mention it (context for the editor
who judges a candidate: the first four, then how many more). Multi-valued cells are joined with " | ".
Rows are sorted by IRI, so the file is byte-identical on re-export.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import pyoxigraph as ox

from builder.export.mapping import VerifiedIds, WikidataMapping
from builder.export.model import ExportModel, Held, plain_text
from builder.export.reconciled_ids import ReconciledIds

TO_RECONCILE_CSV = "to-reconcile.csv"
COLUMNS = ("iri", "label", "type", "type_label", "description", "aliases", "status", "waiting", "sentences")
JOIN = " | "
MAX_SENTENCES = 4  # enough context to judge a candidate; the rest are counted

# A mention links to the sentence it lies in (nif:sentence, builder/emit/annotate.py), and that sentence's
# words are published whether or not the article's whole text is (builder/emit/excerpts.py).
_MENTIONS = """
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?e ?date ?begin ?words WHERE { GRAPH ?g {
  ?e gaf:denotedBy ?m . ?m nif:sentence ?s ; nif:referenceContext ?article .
  ?s nif:beginIndex ?begin ; nif:anchorOf ?words .
  ?article schema:datePublished ?date .
} }"""


def sentences_mentioning(store: ox.Store, iris: set[str]) -> dict[str, list[str]]:
    """Entity IRI -> the distinct sentences that mention it, by article date then position."""
    found: dict[str, set[tuple[str, int, str]]] = defaultdict(set)
    for row in store.query(_MENTIONS):
        iri = row["e"].value
        if iri not in iris:
            continue
        found[iri].add((row["date"].value, int(row["begin"].value), plain_text(row["words"].value)))
    result = {}
    for iri, rows in found.items():
        distinct = list(dict.fromkeys(s for _, _, s in sorted(rows)))
        more = len(distinct) - MAX_SENTENCES
        result[iri] = distinct[:MAX_SENTENCES] + ([f"(and {more} more sentences)"] if more > 0 else [])
    return result


def to_reconcile_rows(model: ExportModel, store: ox.Store, facts: dict, mapping: WikidataMapping,
                      verified: VerifiedIds, reconciled: ReconciledIds, describe) -> list[list[str]]:
    """The rows of to-reconcile.csv: entities held for want of an id, and the values statements wait for."""
    waiting: dict[str, list[str]] = defaultdict(list)
    needed: set[str] = set()
    for held in model.held:
        if held.property is None and held.reason.startswith("no Wikidata id"):
            needed.add(held.subject)
        elif held.value is not None:
            needed.add(held.value)
            waiting[held.value].append(_waiting_text(held, facts, verified))
        elif held.reason.startswith("waits for an item for its subject"):
            waiting[held.subject].append(f"its {_property_text(held.property, verified)}")
    sentences = sentences_mentioning(store, needed)
    rows = []
    for iri in sorted(needed):
        entry = facts.get(iri)
        label = entry.label if entry is not None and entry.label else ""
        class_qid = mapping.class_item_for(entry.types) if entry is not None else None
        type_label = verified.rows.get(class_qid, ("", "", ""))[1] if class_qid else ""
        aliases = sorted((entry.aliases | entry.labels) - {label}) if entry is not None else []
        rows.append([
            iri, label, class_qid or "", type_label, (describe(iri) or "") if label else "",
            JOIN.join(aliases), reconciled.status(iri), JOIN.join(sorted(set(waiting.get(iri, ())))),
            JOIN.join(sentences.get(iri, ())),
        ])
    return rows


def _property_text(pid: str | None, verified: VerifiedIds) -> str:
    if pid is None:
        return ""
    return f"{pid} {verified.rows.get(pid, ('', pid, ''))[1]}".strip()


def _waiting_text(held: Held, facts: dict, verified: VerifiedIds) -> str:
    subject = facts[held.subject].label if held.subject in facts and facts[held.subject].label else held.subject
    return f"{subject}: {_property_text(held.property, verified)}"


def to_reconcile_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
