"""Write a literal with one RDF library and read it with the other, in each RDF syntax.

Shared by the literal property tests and the quote-text robustness test: a quad holding the literal is
serialised by pyoxigraph, read by pyoxigraph and by rdflib; rdflib's serialisation is read by pyoxigraph
and by rdflib again. The four readings are returned as (lexical value, datatype, language) so a test can
demand that all four equal the original.
"""

from __future__ import annotations

import io

import pyoxigraph as ox
import rdflib

FORMATS = {  # name: (pyoxigraph format, rdflib format, holds named graphs)
    "turtle": (ox.RdfFormat.TURTLE, "turtle", False),
    "trig": (ox.RdfFormat.TRIG, "trig", True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt", False),
    "nquads": (ox.RdfFormat.N_QUADS, "nquads", True),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld", True),
}
SUBJECT = ox.NamedNode("https://w3id.org/cpskg/id/quotation/test")
PREDICATE = ox.NamedNode("http://schema.org/text")
GRAPH = ox.NamedNode("https://w3id.org/cpskg/graph/article/test")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def reading(term) -> tuple[str, str, str | None]:
    if isinstance(term, ox.Literal):
        return term.value, term.datatype.value, term.language
    assert isinstance(term, rdflib.Literal), f"read back {term!r}, not a literal"
    datatype = str(term.datatype) if term.datatype else (RDF_LANG_STRING if term.language else XSD_STRING)
    return str(term), datatype, term.language


def _rdflib_objects(dataset: rdflib.Dataset) -> list:
    return [o for _, _, o, _ in dataset.quads((None, None, None, None))]


def literal_round_trips(literal: ox.Literal, fmt_name: str) -> dict[str, tuple[str, str, str | None]]:
    ox_format, rdflib_format, quads = FORMATS[fmt_name]
    quad = ox.Quad(SUBJECT, PREDICATE, literal, GRAPH if quads else ox.DefaultGraph())
    from_ox = ox.serialize([quad] if quads else [quad.triple], format=ox_format)
    readings = {"ox→ox": next(iter(ox.parse(from_ox, format=ox_format))).object}
    dataset = rdflib.Dataset()
    dataset.parse(io.BytesIO(from_ox), format=rdflib_format)
    (readings["ox→rdflib"],) = _rdflib_objects(dataset)
    written = dataset.serialize(format=rdflib_format, encoding="utf-8")
    readings["rdflib→ox"] = next(iter(ox.parse(written, format=ox_format))).object
    again = rdflib.Dataset()
    again.parse(io.BytesIO(written), format=rdflib_format)
    (readings["rdflib→rdflib"],) = _rdflib_objects(again)
    return {path: reading(term) for path, term in readings.items()}


def expected_reading(literal: ox.Literal) -> tuple[str, str, str | None]:
    return literal.value, literal.datatype.value, literal.language
