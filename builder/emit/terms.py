"""Typed literals and the per-article quad sink every emitter writes into.

Literals are built only from Python values of the right type (`date`, `Decimal`, `int`, `bool`, `str`),
never from raw strings with a datatype taken from text: rdflib would silently normalise or accept
ill-typed values, and a datatype read from text could inject triples.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Context, Decimal

import pyoxigraph as ox

from builder.emit import mint
from builder.extract import rules
from builder.namespaces import GAF, NIF, PROV, RDF, RDFS, XSD
from builder.vocab import CPS

Term = ox.NamedNode | ox.Literal | ox.BlankNode
IriLike = ox.NamedNode | str

RDF_TYPE = ox.NamedNode(str(RDF.type))
RDFS_LABEL = ox.NamedNode(str(RDFS.label))
_CONFIDENCE = ox.NamedNode(str(CPS.confidence))
_XSD = {name: ox.NamedNode(str(XSD[name])) for name in
        ("string", "date", "decimal", "integer", "nonNegativeInteger", "boolean")}


def iri(value: IriLike) -> ox.NamedNode:
    return value if isinstance(value, ox.NamedNode) else mint.checked(str(value))


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def english(value: str) -> ox.Literal:
    return ox.Literal(value, language="en")


def xsd_date(value: date) -> ox.Literal:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"xsd:date needs a datetime.date, got {type(value).__name__}")
    return ox.Literal(value.isoformat(), datatype=_XSD["date"])


def decimal(value: Decimal | int) -> ox.Literal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"xsd:decimal needs a Decimal or int, got {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"not a finite decimal: {value}")
    # Canonical lexical form: no exponent, no trailing zeros past the point, at least one digit after it.
    # normalize() rounds to the context precision (28 digits by default): give it the value's own precision.
    exact = value.normalize(Context(prec=max(1, len(value.as_tuple().digits))))
    plain = format(exact, "f") if value != value.to_integral() else format(value.to_integral(), "f")
    if "." not in plain:
        plain += ".0"
    return ox.Literal(plain, datatype=_XSD["decimal"])


def integer(value: int, non_negative: bool = False) -> ox.Literal:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"xsd:integer needs an int, got {type(value).__name__}")
    if non_negative and value < 0:
        raise ValueError(f"negative value {value} for xsd:nonNegativeInteger")
    return ox.Literal(str(value), datatype=_XSD["nonNegativeInteger" if non_negative else "integer"])


def boolean(value: bool) -> ox.Literal:
    if not isinstance(value, bool):
        raise TypeError(f"xsd:boolean needs a bool, got {type(value).__name__}")
    return ox.Literal("true" if value else "false", datatype=_XSD["boolean"])


def confidence(value: float | Decimal) -> ox.Literal:
    value = Decimal(str(value))
    if not (Decimal(0) <= value <= Decimal(1)):
        raise ValueError(f"confidence must lie in [0, 1], got {value}")
    return decimal(value)


class QuadSink:
    """Collects the quads of one article's named graph. Adding the same quad twice is a no-op, so a fact
    reported twice in one article (a duplicated paragraph) stays one fact."""

    def __init__(self, article_id: str, type_closure: Mapping[str, Iterable[str]] | None = None):
        self.article_id = article_id
        self.article = mint.article_iri(article_id)
        self.graph = mint.graph_iri(article_id)
        self._closure = type_closure or {}
        self._quads: set[ox.Quad] = set()
        # instance -> its one cps:confidence quad in this graph (see `ground`)
        self._confidence: dict[ox.NamedNode, ox.Quad] = {}

    def add(self, subject: IriLike, predicate: IriLike, obj: Term | str) -> None:
        if isinstance(obj, str):
            obj = iri(obj)
        self._quads.add(ox.Quad(iri(subject), iri(predicate), obj, self.graph))

    def add_type(self, subject: IriLike, cls: IriLike) -> None:
        """rdf:type plus every superclass the ontology gives, so `?p a schema:Person` finds every person."""
        self.add(subject, RDF_TYPE, iri(cls))
        for superclass in self._closure.get(str(iri(cls).value), ()):
            self.add(subject, RDF_TYPE, iri(superclass))

    def label(self, subject: IriLike, value: str) -> None:
        # NFC: the IRI of a name is minted from its NFC form, so an NFD spelling in another article must
        # not give the same node a second label differing only in normalisation (tests/issues/test_001).
        # Mentions keep the article's own code points; only the label is normalised.
        self.add(subject, RDFS_LABEL, english(unicodedata.normalize("NFC", value)))

    def span(self, begin: int, end: int, text_of_article: str, cls: IriLike) -> ox.NamedNode:
        """A NIF offset-based string of this article: its IRI, offsets, anchor and context."""
        if not (0 <= begin <= end <= len(text_of_article)):
            raise ValueError(f"span {begin},{end} outside the article text of length {len(text_of_article)}")
        node = mint.span_iri(self.article_id, begin, end)
        self.add_type(node, cls)
        self.add(node, str(NIF.beginIndex), integer(begin, non_negative=True))
        self.add(node, str(NIF.endIndex), integer(end, non_negative=True))
        self.add(node, str(NIF.anchorOf), text(text_of_article[begin:end]))
        self.add(node, str(NIF.referenceContext), self.article)
        return node

    def ground(self, instance: IriLike, mention: ox.NamedNode, rule: str, conf: float | Decimal) -> None:
        """Provenance every instance and n-ary fact carries: its mention, the rule, a confidence."""
        self.add(instance, str(GAF.denotedBy), mention)
        self.add(instance, str(PROV.wasGeneratedBy), self.rule(rule))
        self._confide(iri(instance), confidence(conf))

    def _confide(self, instance: ox.NamedNode, value: ox.Literal) -> None:
        """One cps:confidence per instance and article: the highest of its groundings. An entity named five
        times, once by a weaker rule, is not "0.95 and 0.7 sure" (two values no reader can combine); the
        weaker readings keep their rules (prov:wasGeneratedBy) and mentions."""
        quad = ox.Quad(instance, _CONFIDENCE, value, self.graph)
        held = self._confidence.get(instance)
        if held is not None:
            if Decimal(held.object.value) >= Decimal(value.value):
                return
            self._quads.discard(held)
        self._confidence[instance] = quad
        self._quads.add(quad)

    def rule(self, name: str) -> ox.NamedNode:
        """The rule's IRI, described in this graph (type, label, what it does) the first time it is used."""
        node = mint.rule_iri(name)
        self.add_type(node, CPS.ExtractionRule)
        self.label(node, name)
        self.add(node, str(RDFS.comment), english(rules.describe(name)))
        return node

    def has(self, subject: IriLike, predicate: IriLike, obj: Term) -> bool:
        return ox.Quad(iri(subject), iri(predicate), obj, self.graph) in self._quads

    def discard(self, subject: IriLike, predicate: IriLike, obj: Term) -> None:
        self._quads.discard(ox.Quad(iri(subject), iri(predicate), obj, self.graph))

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Quads another stage made for this same graph (the extracted facts, which emit wraps)."""
        for quad in quads:
            if quad.graph_name != self.graph:
                raise ValueError(f"a quad of {quad.graph_name} offered to the graph {self.graph}")
            if quad.predicate == _CONFIDENCE:  # still one confidence per instance across both stages' quads
                self._confide(quad.subject, quad.object)
            else:
                self._quads.add(quad)

    def quads(self) -> list[ox.Quad]:
        return sort_quads(self._quads)

    def snapshot(self) -> list[ox.Quad]:
        """The quads so far, unsorted: for a pass that reads the graph before adding to it."""
        return list(self._quads)

    def __len__(self) -> int:
        return len(self._quads)


_NAMED_NODE = ox.NamedNode


def term_key(term) -> str:
    """A term's sort key: an IRI by its value (an article sorts before its own `#char=` spans), a literal or
    blank node by its N-Triples form."""
    return term.value if type(term) is _NAMED_NODE else str(term)


def quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    # IRIs by their value, so an article sorts before its own `#char=` spans; literals and blank nodes by
    # their N-Triples form; a predicate is always an IRI. Written out, not through a helper per term:
    # every quad of every article is sorted by this key (200,000 calls per 60 generated articles).
    graph, subject, obj = quad.graph_name, quad.subject, quad.object
    return (graph.value if type(graph) is _NAMED_NODE else str(graph),
            subject.value if type(subject) is _NAMED_NODE else str(subject),
            quad.predicate.value,
            obj.value if type(obj) is _NAMED_NODE else str(obj))


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return sorted(quads, key=quad_key)
