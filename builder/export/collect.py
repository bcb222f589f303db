"""Graph -> export model: which entities, which claims, which qualifiers and references.

Read with SPARQL on pyoxigraph; every Wikidata id comes either from an `owl:sameAs` to a verified id
or from the mapping (builder.export.mapping), never from code.

Decisions (documented here because both exports inherit them):
- Exported entities are the people and organisations of the graph (instances of cps:Person and
  cps:Organization, or of their subclasses) and any other subject of a mapped relation (a city with its
  head of government); an entity without an English label is skipped with a warning. An entity with a
  verified `owl:sameAs` is addressed by that id and gets no terms (its Wikidata labels are curated; we
  would overwrite them) and no P31, and is left out when the graph adds no statement to it; every other
  entity is a new item with an English label, a description (schema:description, else the posts it
  holds, else its class label), aliases (skos:altLabel and any further labels) and P31 when one of its
  classes is aligned (otherwise P31 is left out with a warning, never guessed).
- A relation whose object has no verified id cannot point at an item: QuickStatements V1 can only refer
  to the item it has just created (LAST), and a Wikibase document can only name existing ids. So the
  value is "unknown value" with the qualifier "object named as" carrying the object's label — the usual
  Wikidata practice for a value whose item does not exist yet. Positions (P39 values) are exported this
  way, as are employers and organisations without verified ids. Posts are therefore not created as items.
- Time qualifiers come from the n-ary post holdings (cps:PostHolding) linking the two ends of a claim;
  their date properties are mapped like any other term (cps:asOf -> P585).
- Every claim gets one reference block per article whose named graph states it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError
from builder.export.mapping import WikidataMapping, load_mapping, load_verified_ids
from builder.export.model import (
    PRECISION_DAY,
    PRECISION_MONTH,
    PRECISION_YEAR,
    Claim,
    Entity,
    ExportModel,
    ItemValue,
    MonolingualValue,
    Reference,
    Snak,
    SomeValue,
    StringValue,
    TimeValue,
    Value,
    plain_text,
)
from builder.namespaces import RDF_IRI, SCHEMA_IRI, WD_ENTITY, XSD_IRI
from builder.vocab import CPS

# "object named as" (formerly "stated as"): names the object of an "unknown value" statement. This is a
# Wikidata modelling convention, not the alignment of any graph term, hence a named constant.
OBJECT_NAMED_AS = "P1932"
RDF_TYPE = RDF_IRI + "type"
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
_ARTICLES = """
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?g ?article ?p ?o WHERE { GRAPH ?g { ?article a schema:NewsArticle } ?article ?p ?o }"""

_DATE_PRECISION = {
    XSD_IRI + "date": PRECISION_DAY,
    XSD_IRI + "gYearMonth": PRECISION_MONTH,
    XSD_IRI + "gYear": PRECISION_YEAR,
}


def load_dataset(path: Path) -> ox.Store:
    """A fresh in-memory store with the TriG/N-Quads/Turtle file (a strict parse: errors name the line)."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except OSError as error:
        raise InputError(f"cannot read the dataset: {error.strerror or error}", file=str(path)) from error
    except SyntaxError as error:
        raise InputError(f"not valid {fmt.name}: {error}", file=str(path)) from error
    return store


def time_value(literal: ox.Literal) -> TimeValue | None:
    """A time value from an xsd:date / gYearMonth / gYear literal; anything else is not a date."""
    precision = _DATE_PRECISION.get(literal.datatype.value)
    if precision is None:
        return None
    text = literal.value.lstrip("+")
    parts = (text[:10] if precision == PRECISION_DAY else text[:7] if precision == PRECISION_MONTH else text[:4]).split(
        "-"
    )
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return TimeValue(date(*numbers), precision)
    except ValueError:
        return None


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
    def collect(self, verified_ids: set[str]) -> ExportModel:
        relations = self.mapped_relations()
        exported = {iri for iri, f in self.facts.items() if self.is_exported_kind(f.types)}
        exported |= {s for (_, s, _, _) in relations}
        qids = {iri: self.verified_qid(iri, verified_ids) for iri in self.facts}
        references = self.article_references(qids)
        dates = self.holding_dates()

        claims: dict[str, dict[tuple, tuple[set[Snak], set[str]]]] = defaultdict(dict)
        for graph, subject, pid, obj in relations:
            if subject not in exported:
                continue
            value, named_as = self.relation_value(obj, qids, pid)
            if value is None:
                continue
            qualifiers = set(dates.get((subject, obj), ())) | set(dates.get((obj, subject), ()))
            if named_as:
                qualifiers.add(Snak(OBJECT_NAMED_AS, StringValue(named_as)))
            slot = claims[subject].setdefault((pid, value, named_as), (set(), set()))
            slot[0].update(qualifiers)
            slot[1].add(graph)

        entities = []
        for iri in sorted(exported):
            facts = self.facts[iri]
            if facts.label is None:
                self.warnings.append(f"<{iri}> has no English label: not exported")
                continue
            qid = qids.get(iri)
            if qid and not claims.get(iri):
                continue  # an existing item about which the graph has nothing to add
            if qid is None:
                class_qid = self.mapping.class_item_for(facts.types)
                if class_qid is None:
                    self.warnings.append(f"<{iri}> ({facts.label}): no class aligned to Wikidata, P31 omitted")
                else:
                    graphs = self.graphs_stating(iri, RDF_TYPE)
                    claims[iri].setdefault(("P31", ItemValue(class_qid), None), (set(), graphs))
            entity_claims = self.claims_of(claims.get(iri, {}), references)
            entities.append(
                Entity(
                    source=iri,
                    qid=qid,
                    label=None if qid else facts.label,
                    description=None if qid else self.description(iri, facts.label),
                    # Other labels of the entity (several articles may label it differently) are aliases.
                    aliases=() if qid else tuple(sorted((facts.aliases | facts.labels) - {facts.label})),
                    claims=entity_claims,
                )
            )
        return ExportModel(tuple(entities), tuple(sorted(set(self.warnings))))

    def claims_of(self, slots: dict[tuple, tuple[set[Snak], set[str]]], references: dict[str, Reference]):
        """Claims from (property, value, named-as) -> (qualifiers, graphs), references in article order."""
        claims = []
        for (pid, value, _), (qualifiers, graphs) in slots.items():
            ordered = sorted((g for g in graphs if g in references), key=lambda g: self.article_order(g, references))
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

    def relation_value(self, obj: str, qids: dict[str, str | None], pid: str) -> tuple[Value | None, str | None]:
        qid = qids.get(obj)
        if qid:
            return ItemValue(qid), None
        label = self.facts[obj].label if obj in self.facts else None
        if label is None:
            self.warnings.append(f"<{obj}> (value of {pid}) has neither a verified id nor a label: skipped")
            return None, None
        return SomeValue(self.mapping.datatype(pid)), label

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

    # -- references -----------------------------------------------------------------------------
    def article_references(self, qids: dict[str, str | None]) -> dict[str, Reference]:
        """graph IRI -> the reference block of the article whose graph it is."""
        per_graph: dict[str, list[Snak]] = defaultdict(list)
        for row in self.store.query(_ARTICLES, use_default_graph_as_union=True):
            graph, predicate, obj = row["g"].value, row["p"].value, row["o"]
            snak = self.reference_snak(predicate, obj, qids)
            if snak is not None:
                per_graph[graph].append(snak)
        for graph, snaks in sorted(per_graph.items()):
            if all(isinstance(s.value, TimeValue) for s in snaks):
                # Said, not fixed: an editor cannot find the source from a date alone.
                self.warnings.append(
                    f"<{graph}>: the article's reference has only a date (no headline, author, URL or "
                    "publisher with a verified id)"
                )
        return {g: Reference(tuple(sorted(set(snaks), key=Snak.sort_key))) for g, snaks in per_graph.items()}

    def reference_snak(self, predicate: str, obj: ox.Term, qids: dict[str, str | None]) -> Snak | None:
        """One snak of an article's reference block, typed by the property's declared datatype."""
        pid = self.mapping.property_for(predicate)
        if pid is None or predicate == RDF_TYPE:
            return None
        kind = self.mapping.datatypes.get(pid)
        if isinstance(obj, ox.NamedNode):
            if kind == "wikibase-item" and qids.get(obj.value):
                return Snak(pid, ItemValue(qids[obj.value]))
            if kind == "url":
                return Snak(pid, StringValue(obj.value))
            name = self.facts[obj.value].label if obj.value in self.facts else None
        elif isinstance(obj, ox.Literal):
            text = plain_text(obj.value)
            if kind == "time":
                value = time_value(obj)
                return Snak(pid, value) if value else None
            if kind == "monolingualtext":
                return Snak(pid, MonolingualValue(text, obj.language or "en"))
            if kind in ("string", "url"):
                return Snak(pid, StringValue(text))
            name = text
        else:
            return None
        # An item property whose value is no verified item (an author known by name only): the close
        # match that takes a name, if the alignment has one (author -> author name string); else nothing.
        fallback = self.mapping.close_property_for(predicate)
        if name and fallback and fallback != pid and self.mapping.datatypes.get(fallback) == "string":
            return Snak(fallback, StringValue(name))
        return None

    def article_order(self, graph: str, references: dict[str, Reference]) -> tuple:
        """Articles by their (earliest) date, then graph IRI: the order of reference blocks."""
        dates = [s.value.day for s in references[graph].snaks if isinstance(s.value, TimeValue)]
        return (min(dates) if dates else date.max, graph)


def collect_model(dataset: Path, mapping: WikidataMapping | None = None) -> ExportModel:
    """The export model of a dataset file (TriG with one named graph per article).

    Items are addressed only by ids of the verified list (an `owl:sameAs` to any other id is ignored).
    """
    return collect_model_from_store(load_dataset(dataset), mapping, origin=str(dataset))


def collect_model_from_store(store: ox.Store, mapping: WikidataMapping | None = None,
                             origin: str = "dataset") -> ExportModel:
    """The export model of a dataset already in a store (the build's own, before anything is written)."""
    verified = load_verified_ids()
    mapping = mapping or load_mapping(verified=verified)
    if len(store) and next(iter(store.named_graphs()), None) is None:
        # References come from the article whose named graph states a fact; a flat graph has none.
        raise InputError(
            "the export needs one named graph per article (TriG or N-Quads); this file has none",
            file=origin,
        )
    return Collector(store, mapping).collect({w for w in verified.rows if verified.allows(w)})
