"""Graph -> export model: which entities, which claims, which qualifiers and references — and what waits.

Read with SPARQL on pyoxigraph; every Wikidata id comes either from an `owl:sameAs` to a verified id
(curation/wikidata-ids.tsv), from a hand-checked reconciliation (curation/reconciled-ids.tsv, written by
`cpskg curate import-ids`) or from the mapping (builder.export.mapping), never from code.

Decisions (documented here because both exports inherit them; Wikidata's rules are the standard):
- Reconcile first: by default no item is created. An entity with an id is addressed by it and gets only
  the statements the graph adds (no terms, no P31: its Wikidata terms are curated). An entity without one
  is held back and listed in output/wikidata/to-reconcile.csv (builder.export.reconcile_first). With
  `create_new_items`, an entity an editor reconciled by hand and found absent from Wikidata is created
  (label, description, aliases, P31 when a class is aligned), and only if one of its statements has a
  reference that identifies its source: an empty item would be deleted.
- Values as the source states them: a relation whose value has no id waits (it is listed with the value
  in to-reconcile.csv); "unknown value" is never written, so "object named as" is never composed. Jobs,
  positions and affiliations follow builder.export.jobs.
- Time qualifiers come from the n-ary post holdings (cps:PostHolding) linking the two ends of a claim.
- References: one block per article whose named graph states the claim, built by
  builder.export.references; an article whose block identifies nothing gives none, with a warning naming
  it and what to add. A claim left without a reference is held back.
- An article marked `export: false` (cps:wikidataExport false) contributes nothing, and an entity only
  its graph types is neither exported nor listed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError
from builder.export.jobs import TIME_QUALIFIERS, Holding, position_roles, read_holdings, relation_problem
from builder.export.mapping import WikidataMapping, load_mapping, load_verified_ids
from builder.export.model import (
    Claim,
    Entity,
    ExportModel,
    Held,
    ItemValue,
    Reference,
    Snak,
    TimeValue,
    plain_text,
    time_value,
)
from builder.export.reconciled_ids import ReconciledIds
from builder.export.references import read_sources, reference_for
from builder.namespaces import RDF, SCHEMA, SCHEMA_IRI, WD_ENTITY
from builder.rdfload import load_store
from builder.vocab import CPS

RDF_TYPE = str(RDF.type)
EXPORTED_ROOT_CLASSES = (str(CPS.Person), str(CPS.Organization))

_TYPES = "SELECT DISTINCT ?e ?t WHERE { ?e a ?t FILTER(isIRI(?e) && isIRI(?t)) }"
_TERMS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?e ?kind ?v WHERE {
  { ?e rdfs:label ?v BIND("label" AS ?kind) } UNION { ?e skos:altLabel ?v BIND("alias" AS ?kind) }
  UNION { ?e schema:description ?v BIND("description" AS ?kind) }
  UNION { ?e owl:sameAs ?v BIND("same" AS ?kind) }
  FILTER(isIRI(?e) && (isIRI(?v) || LANG(?v) = "" || LANGMATCHES(LANG(?v), "en")))
}"""
_STATED = "SELECT DISTINCT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
_HOLDINGS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX cps: <https://w3id.org/cpskg/ontology#>
SELECT DISTINCT ?member ?target ?dp ?d WHERE {
  ?h org:member ?member . { ?h cps:post ?target } UNION { ?h org:organization ?target }
  ?h ?dp ?d FILTER(isLiteral(?d))
}"""
@dataclass
class EntityFacts:
    """What the graph says about one resource, read once (union of all graphs)."""

    types: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    descriptions: set[str] = field(default_factory=set)
    same_as: set[str] = field(default_factory=set)

    @property
    def label(self) -> str | None:
        return min(self.labels) if self.labels else None


def read_entity_facts(store: ox.Store) -> dict[str, EntityFacts]:
    facts: dict[str, EntityFacts] = defaultdict(EntityFacts)
    for row in store.query(_TYPES, use_default_graph_as_union=True):
        facts[row["e"].value].types.add(row["t"].value)
    for row in store.query(_TERMS, use_default_graph_as_union=True):
        entry, value = facts[row["e"].value], row["v"]
        kind = row["kind"].value
        if kind == "same":
            if isinstance(value, ox.NamedNode):
                entry.same_as.add(value.value)
        elif isinstance(value, ox.Literal) and (text := plain_text(value.value)):
            {"label": entry.labels, "alias": entry.aliases, "description": entry.descriptions}[kind].add(text)
    return facts


class Collector:
    """Builds the export model; ``warnings`` collects what was skipped or could not be expressed."""

    def __init__(self, store: ox.Store, mapping: WikidataMapping):
        self.store = store
        self.mapping = mapping
        self.facts = read_entity_facts(store)
        self.warnings: list[str] = list(mapping.warnings)

    # -- identities -----------------------------------------------------------------------------
    def verified_qid(self, iri: str, verified_ids: set[str]) -> str | None:
        ids = sorted(w[len(WD_ENTITY) :] for w in self.facts[iri].same_as if w.startswith(WD_ENTITY))
        ids = [q for q in ids if q in verified_ids]
        if len(ids) > 1:
            self.warnings.append(f"<{iri}> is owl:sameAs several items {ids}: using {ids[0]}")
        return ids[0] if ids else None

    def is_exported_kind(self, types: set[str]) -> bool:
        for t in types:
            if t in EXPORTED_ROOT_CLASSES or set(EXPORTED_ROOT_CLASSES) & self.mapping.superclasses.get(t, set()):
                return True
        return False

    # -- the model ------------------------------------------------------------------------------
    def collect(self, verified_ids: set[str], reconciled: ReconciledIds | None = None,
                create_new_items: bool = False) -> ExportModel:
        reconciled = reconciled or ReconciledIds({})
        sources = read_sources(self.store)
        excluded = {g for g, s in sources.items() if not s.export}
        typed_in = self.typed_in()

        def in_scope(iri: str) -> bool:
            return bool(typed_in.get(iri, set()) - excluded)

        qids = {iri: self.verified_qid(iri, verified_ids) or reconciled.qid(iri) for iri in self.facts}
        labels = {iri: f.label for iri, f in self.facts.items()}
        references: dict[str, Reference] = {}
        for graph, source in sorted(sources.items()):
            if graph in excluded:
                continue
            reference, warning = reference_for(source, qids, labels, self.mapping)
            if reference is not None:
                references[graph] = reference
            elif warning:
                self.warnings.append(warning)

        self.held: list[Held] = []
        holdings = [h for h in read_holdings(self.store) if h.graph not in excluded]
        dates = self.holding_dates()
        slots: dict[str, dict[tuple, tuple[set[Snak], set[str]]]] = defaultdict(dict)
        relations = [r for r in self.mapped_relations() if r[0] not in excluded]
        for graph, subject, pid, obj in relations:
            reason = relation_problem(graph, subject, pid, obj, holdings, self.facts)
            if reason is not None:
                self.held.append(Held(subject, pid, None, reason))
                continue
            if qids.get(obj) is None:
                name = labels.get(obj) or obj
                self.held.append(Held(subject, pid, obj, f"waits for an item for {name!r} (to-reconcile.csv)"))
                continue
            qualifiers = set(dates.get((subject, obj), ())) | set(dates.get((obj, subject), ()))
            if pid == "P39" and not any(q.property in TIME_QUALIFIERS for q in qualifiers):
                self.held.append(Held(subject, pid, None, "a position held needs a start, end or point in time"))
                continue
            slot = slots[subject].setdefault((pid, ItemValue(qids[obj])), (set(), set()))  # type: ignore[arg-type]
            slot[0].update(qualifiers)
            slot[1].add(graph)
        self.add_occupations(holdings, slots)

        exported = {iri for iri, f in self.facts.items() if self.is_exported_kind(f.types)}
        exported |= {s for (_, s, _, _) in relations}
        entities = []
        for iri in sorted(e for e in exported if in_scope(e)):
            facts = self.facts[iri]
            if facts.label is None:
                self.warnings.append(f"<{iri}> has no English label: not exported")
                continue
            qid = qids.get(iri)
            if qid is None and create_new_items and reconciled.absent(iri):
                class_qid = self.mapping.class_item_for(facts.types)
                if class_qid is None:
                    self.warnings.append(f"<{iri}> ({facts.label}): no class aligned to Wikidata, P31 omitted")
                else:
                    graphs = self.graphs_stating(iri, RDF_TYPE) - excluded
                    slots[iri].setdefault(("P31", ItemValue(class_qid)), (set(), graphs))
            if qid is None and not (create_new_items and reconciled.absent(iri)):
                for pid, _value in sorted(slots.get(iri, {})):
                    self.held.append(Held(iri, pid, None, "waits for an item for its subject (to-reconcile.csv)"))
                self.held.append(Held(iri, None, None, "no Wikidata id: " + reconciled.status(iri)))
                continue
            entity_claims = self.claims_of(iri, slots.get(iri, {}), references)
            if qid is not None:
                if entity_claims:
                    entities.append(Entity(source=iri, qid=qid, claims=entity_claims))
                continue
            if not entity_claims:
                self.warnings.append(f"<{iri}> ({facts.label}): reconciled as absent from Wikidata, but no "
                                     "statement has a reference that identifies its source: not created")
                self.held.append(Held(iri, None, None, "no statement with a reference that identifies its source"))
                continue
            entities.append(
                Entity(
                    source=iri,
                    qid=None,
                    label=facts.label,
                    description=self.description(iri, facts.label),
                    # Other labels of the entity (several articles may label it differently) are aliases.
                    aliases=tuple(sorted((facts.aliases | facts.labels) - {facts.label})),
                    claims=entity_claims,
                )
            )
        held = sorted(set(self.held), key=lambda h: (h.subject, h.property or "", h.value or "", h.reason))
        return ExportModel(tuple(entities), tuple(sorted(set(self.warnings))), tuple(held))

    def typed_in(self) -> dict[str, set[str]]:
        """Entity IRI -> the graphs that type it (an entity only in non-exported articles is left out)."""
        found: dict[str, set[str]] = defaultdict(set)
        for row in self.store.query("SELECT DISTINCT ?g ?e WHERE { GRAPH ?g { ?e a ?t } FILTER(isIRI(?e)) }"):
            found[row["e"].value].add(row["g"].value)
        return found

    def add_occupations(self, holdings: list[Holding], slots: dict) -> None:
        """P106 occupation for a job (a role aligned to an occupation class, not a position) where the
        text states the employer; the employer itself comes from cps:employer (P108)."""
        pid = self.mapping.property_for(str(SCHEMA.hasOccupation))
        if pid is None:
            return
        for holding in holdings:
            classes = self.mapping.ids(holding.role, kind="Q")
            if not classes or holding.role in position_roles():
                continue
            if not holding.states_employer:
                self.held.append(Held(holding.member, pid, None,
                                      f"occupation: the text does not state the employer ({holding.how})"))
                continue
            slot = slots[holding.member].setdefault((pid, ItemValue(classes[0])), (set(), set()))
            slot[1].add(holding.graph)

    def claims_of(self, iri: str, slots: dict[tuple, tuple[set[Snak], set[str]]],
                  references: dict[str, Reference]) -> tuple[Claim, ...]:
        """Claims from (property, value) -> (qualifiers, graphs), references in article order; a claim
        no identifying reference supports is held back, never exported bare."""
        claims = []
        for (pid, value), (qualifiers, graphs) in slots.items():
            ordered = sorted((g for g in graphs if g in references), key=lambda g: self.article_order(g, references))
            if not ordered:
                self.held.append(Held(iri, pid, None, "no reference identifies its source (see the warnings)"))
                continue
            claims.append(
                Claim(pid, value, tuple(sorted(qualifiers, key=Snak.sort_key)), tuple(references[g] for g in ordered))
            )
        return tuple(sorted(claims, key=Claim.sort_key))

    def mapped_relations(self) -> list[tuple[str, str, str, str]]:
        """(graph, subject, property id, object) for every IRI-valued triple of a mapped predicate."""
        found = []
        for term in sorted(set(self.mapping.exact) | set(self.mapping.close)):
            pid = self.mapping.property_for(term)
            if pid is None or term == RDF_TYPE or term.startswith(SCHEMA_IRI):
                continue  # rdf:type becomes P31 by class alignment; schema.org terms describe articles
            bound = {ox.Variable("p"): ox.NamedNode(term)}
            rows = [r for r in self.store.query(_STATED, substitutions=bound) if isinstance(r["o"], ox.NamedNode)]
            if rows and self.mapping.datatypes.get(pid) != "wikibase-item":
                # A resource-valued relation aligned to a property that takes no item (or whose datatype
                # the alignment does not declare): no value could be written.
                self.warnings.append(f"<{term}> is aligned to {pid}, which does not take an item: not exported")
                continue
            found += [(r["g"].value, r["s"].value, pid, r["o"].value) for r in rows]
        return found

    def graphs_stating(self, subject: str, predicate: str) -> set[str]:
        query = "SELECT DISTINCT ?g ?s ?p WHERE { GRAPH ?g { ?s ?p ?o } }"
        rows = self.store.query(
            query,
            substitutions={
                ox.Variable("s"): ox.NamedNode(subject),
                ox.Variable("p"): ox.NamedNode(predicate),
            },
        )
        return {row["g"].value for row in rows}

    def holding_dates(self) -> dict[tuple[str, str], set[Snak]]:
        dates: dict[tuple[str, str], set[Snak]] = defaultdict(set)
        for row in self.store.query(_HOLDINGS, use_default_graph_as_union=True):
            pid = self.mapping.property_for(row["dp"].value)
            value = time_value(row["d"]) if pid and self.mapping.datatypes.get(pid) == "time" else None
            if value is not None:
                dates[(row["member"].value, row["target"].value)].add(Snak(pid, value))
        return dates

    def description(self, iri: str, label: str) -> str | None:
        """A description that differs from the label (Wikibase refuses an item whose two are equal)."""
        found = self.describe(iri)
        if found is not None and found.casefold() == label.casefold():
            self.warnings.append(f"<{iri}>: description equals the label, left out")
            return None
        return found

    def describe(self, iri: str) -> str | None:
        facts = self.facts[iri]
        if facts.descriptions:
            return min(facts.descriptions)
        # Otherwise the posts the graph says the entity holds, or the label of its most specific class.
        posts = self.store.query(
            "PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?e ?post WHERE { ?e org:holds ?post }",
            use_default_graph_as_union=True,
            substitutions={ox.Variable("e"): ox.NamedNode(iri)},
        )
        held = sorted({self.facts[r["post"].value].label for r in posts} - {None})
        if held:
            return "; ".join(held)
        specific = [
            t
            for t in facts.types
            if t in self.mapping.labels
            and not any(t in self.mapping.superclasses.get(o, ()) for o in facts.types if o != t)
        ]
        return min(self.mapping.labels[t] for t in specific) if specific else None

    def article_order(self, graph: str, references: dict[str, Reference]) -> tuple:
        """Articles by their (earliest) date, then graph IRI: the order of reference blocks."""
        dates = [s.value.day for s in references[graph].snaks if isinstance(s.value, TimeValue)]
        return (min(dates) if dates else date.max, graph)


def collect_model(dataset: Path, mapping: WikidataMapping | None = None, reconciled: ReconciledIds | None = None,
                  create_new_items: bool = False) -> ExportModel:
    """The export model of a dataset file (TriG with one named graph per article).

    Items are addressed only by ids of the verified list (an `owl:sameAs` to any other id is ignored) or
    hand-checked reconciliations.
    """
    return collect_model_from_store(load_store(dataset), mapping, origin=str(dataset), reconciled=reconciled,
                                    create_new_items=create_new_items)


def collect_model_from_store(store: ox.Store, mapping: WikidataMapping | None = None, origin: str = "dataset",
                             reconciled: ReconciledIds | None = None, create_new_items: bool = False) -> ExportModel:
    """The export model of a dataset already in a store (the build's own, before anything is written)."""
    verified = load_verified_ids()
    mapping = mapping or load_mapping(verified=verified)
    if len(store) and next(iter(store.named_graphs()), None) is None:
        # References come from the article whose named graph states a fact; a flat graph has none.
        raise InputError(
            "the export needs one named graph per article (TriG or N-Quads); this file has none",
            file=origin,
        )
    allowed = {w for w in verified.rows if verified.allows(w)}
    return Collector(store, mapping).collect(allowed, reconciled, create_new_items)
