"""One article's named graph, read from a built TriG file, as the scorer needs it.

The scorer reads the output a user gets (output/cpskg.trig or any `cpskg build --out` folder), never the
builder's internals: a node's types (the TriG carries the materialised type closure), its names
(rdfs:label, skos:altLabel, schema:name, schema:alternateName), its mentions (gaf:denotedBy -> a NIF
string of this article with nif:beginIndex / nif:endIndex), and its other property values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
GAF = "http://groundedannotationframework.org/gaf#"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
CPS = "https://w3id.org/cpskg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
GRAPH_BASE = "https://w3id.org/cpskg/graph/article/"
ARTICLE_BASE = "https://w3id.org/cpskg/id/article/"

NAME_PROPERTIES = (RDFS + "label", SKOS + "altLabel", SCHEMA + "name", SCHEMA + "alternateName")

Span = tuple[int, int]


def load_store(trig: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def graph_ids(store: ox.Store) -> list[str]:
    return sorted(g.value[len(GRAPH_BASE):] for g in store.named_graphs() if g.value.startswith(GRAPH_BASE))


def literal_date(value: str) -> tuple[date, date] | None:
    """An xsd:date (one day), xsd:gYearMonth (the month) or xsd:gYear (the year) -> its first and last day."""
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
            return date(year, month, 1), date.fromordinal(last)
    except ValueError:
        return None
    return None


@dataclass
class ArticleGraph:
    """The quads of one article's named graph, indexed by subject."""

    article_id: str
    text: str
    props: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]]
    spans: dict[str, Span]  # mention IRI -> (begin, end) in this article
    metadata_spans: list[Span] = field(default_factory=list)

    @classmethod
    def from_store(cls, store: ox.Store, article_id: str) -> ArticleGraph:
        graph = ox.NamedNode(GRAPH_BASE + article_id)
        context = ARTICLE_BASE + article_id
        props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for quad in store.quads_for_pattern(None, None, None, graph):
            props[quad.subject.value][quad.predicate.value].append(quad.object)
        if context not in props:
            raise LookupError(f"the graph of article {article_id} has no nif:Context {context}")
        texts = props[context].get(NIF + "isString", [])
        if not texts:
            raise LookupError(f"the context of article {article_id} has no nif:isString")
        spans: dict[str, Span] = {}
        for node, values in props.items():
            ref = values.get(NIF + "referenceContext")
            begin, end = values.get(NIF + "beginIndex"), values.get(NIF + "endIndex")
            if ref and ref[0].value == context and begin and end:
                spans[node] = (int(begin[0].value), int(end[0].value))
        self = cls(article_id, texts[0].value, props, spans)
        for node in self.typed(CPS + "MetadataEvidence"):
            for key in (CPS + "evidence", GAF + "denotedBy"):
                self.metadata_spans.extend(self.spans[m.value] for m in self.objects(node, key)
                                           if m.value in self.spans)
        return self

    # --- access -----------------------------------------------------------------------------------------
    def objects(self, node: str, predicate: str) -> list:
        return self.props.get(node, {}).get(predicate, [])

    def values(self, node: str, predicate: str) -> list[str]:
        return [o.value for o in self.objects(node, predicate)]

    def types(self, node: str) -> set[str]:
        return set(self.values(node, RDF_TYPE))

    def typed(self, *classes: str) -> list[str]:
        wanted = set(classes)
        return sorted(n for n, p in self.props.items() if wanted & {o.value for o in p.get(RDF_TYPE, [])})

    def names(self, node: str) -> list[str]:
        return [v for p in NAME_PROPERTIES for v in self.values(node, p)]

    def label(self, node: str) -> str:
        labels = self.values(node, RDFS + "label")
        return labels[0] if labels else node.rsplit("/", 1)[-1]

    def mentions(self, node: str) -> list[Span]:
        """The spans of this article that denote `node` (gaf:denotedBy), sorted."""
        return sorted({self.spans[m] for m in self.values(node, GAF + "denotedBy") if m in self.spans})

    def is_metadata_span(self, span: Span) -> bool:
        return any(b <= span[0] and span[1] <= e for b, e in self.metadata_spans)

    def metadata_only(self, node: str) -> bool:
        """Every mention of `node` lies inside the evidence of the article's metadata (byline, publisher)."""
        spans = self.mentions(node)
        return bool(spans) and all(self.is_metadata_span(s) for s in spans)

    def decimal(self, node: str, predicate: str) -> Decimal | None:
        values = self.values(node, predicate)
        try:
            return Decimal(values[0]) if values else None
        except ArithmeticError:
            return None

    def sentence_of(self, span: Span) -> Span:
        """The smallest nif:Sentence (else nif:Paragraph) of the graph that contains `span`, else the span."""
        best: Span | None = None
        for cls in (NIF + "Sentence", NIF + "Paragraph"):
            for node in self.typed(cls):
                b, e = self.spans.get(node, (-1, -1))
                if b <= span[0] and span[1] <= e and (best is None or e - b < best[1] - best[0]):
                    best = (b, e)
            if best:
                return best
        return span
