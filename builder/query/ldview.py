"""A small Linked Data view: what the dataset says about one IRI, in the format the client asks for.

`cpskg serve` answers a GET on an instance's path (`/id/person/Jesse_Sharkey`, the path of
`https://w3id.org/cpskg/id/person/Jesse_Sharkey`) with content negotiation: Turtle, JSON-LD, N-Triples or
an HTML page. The description is the entity's own triples (its concise bounded description without blank
nodes: the data has none), the labels of everything it points to, the facts that point to it, and for each
mention that grounds it the words, the sentence that states them and the article, so a reader sees the
evidence with the fact. Links in the HTML page go to the same view for every instance IRI.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pyoxigraph as ox

from builder.namespaces import CPS_ID, GAF, PREFIXES, RDF, RDFS

RDFS_LABEL = ox.NamedNode(str(RDFS.label))
RDF_TYPE = ox.NamedNode(str(RDF.type))
GAF_DENOTED_BY = ox.NamedNode(str(GAF.denotedBy))
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/html": None,
}
_DEFAULT = "text/turtle"  # what a client that states no preference gets: the data, readable


@dataclass(frozen=True)
class Description:
    iri: ox.NamedNode
    triples: tuple[ox.Triple, ...]

    def __bool__(self) -> bool:
        return bool(self.triples)


def negotiate(accept: str | None) -> str | None:
    """The media type to answer with, by the Accept header's q-values (None: nothing acceptable → 406)."""
    if not accept or not accept.strip():
        return _DEFAULT
    offers = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, quality = fields[0].lower(), 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offers.append((quality, -position, media))
    for quality, _, media in sorted(offers, reverse=True):
        if quality <= 0:
            continue
        if media in MEDIA_TYPES:
            return media
        if media in ("*/*", "text/*"):
            return "text/html" if media == "text/*" else _DEFAULT
        if media == "application/*":
            return "application/ld+json"
    return None


def describe(store: ox.Store, iri: str) -> Description:
    """The triples the view shows for `iri`: outgoing, labels of objects, incoming links, the evidence."""
    node = ox.NamedNode(iri)
    found: set[ox.Triple] = set()

    def union(subject=None, predicate=None, obj=None):
        for quad in store.quads_for_pattern(subject, predicate, obj, None):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)

    outgoing = list(union(node))
    if not outgoing:
        return Description(node, ())
    found.update(outgoing)
    for triple in outgoing:
        if isinstance(triple.object, ox.NamedNode):
            found.update(union(triple.object, RDFS_LABEL))
    for triple in union(None, None, node):
        found.add(triple)
        found.update(union(triple.subject, RDFS_LABEL))
    for mention in [t.object for t in outgoing if t.predicate == GAF_DENOTED_BY]:
        found.update(union(mention, ox.NamedNode(NIF + "anchorOf")))
        found.update(union(mention, ox.NamedNode(NIF + "referenceContext")))
        for sentence in [t.object for t in union(mention, ox.NamedNode(NIF + "sentence"))]:
            found.add(ox.Triple(mention, ox.NamedNode(NIF + "sentence"), sentence))
            found.update(union(sentence, ox.NamedNode(NIF + "anchorOf")))
    return Description(node, tuple(sorted(found, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))))


def render(description: Description, media: str) -> bytes:
    if media == "text/html":
        return render_html(description).encode("utf-8")
    if media == "text/turtle":  # sorted, only the prefixes used: the same Turtle as `cpskg sparql` writes
        from builder.query.adhoc import format_triples

        return format_triples(list(description.triples), "turtle").encode("utf-8")
    return ox.serialize(list(description.triples), format=MEDIA_TYPES[media])


def local_path(iri: str) -> str | None:
    """`/id/person/X` for an instance IRI, None for anything else (vocabulary terms, other sites)."""
    return "/id/" + iri[len(CPS_ID):] if iri.startswith(CPS_ID) else None


def _short(term: ox.Term) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace) and term.value != namespace:
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    return term.value if isinstance(term, ox.Literal) else str(term)


def render_html(description: Description) -> str:
    """A page for people: the label, the types, every fact with linked values, and the evidence."""
    triples = description.triples
    labels = {t.subject: t.object.value for t in triples if t.predicate == RDFS_LABEL}
    subject = description.iri
    title = labels.get(subject, _short(subject))

    def link(term: ox.Term) -> str:
        shown = escape(labels.get(term, _short(term)))
        if isinstance(term, ox.NamedNode):
            target = local_path(term.value) or term.value
            return f'<a href="{escape(target, quote=True)}">{shown}</a>'
        return shown

    types = [link(t.object) for t in triples if t.subject == subject and t.predicate == RDF_TYPE]
    facts = [f"<tr><td>{escape(_short(t.predicate))}</td><td>{link(t.object)}</td></tr>"
             for t in triples if t.subject == subject and t.predicate not in (RDF_TYPE, GAF_DENOTED_BY)]
    incoming = [f"<tr><td>{link(t.subject)}</td><td>{escape(_short(t.predicate))}</td></tr>"
                for t in triples if t.object == subject]
    anchors = {t.subject: t.object.value for t in triples if t.predicate.value == NIF + "anchorOf"}
    contexts = {t.subject: t.object for t in triples if t.predicate.value == NIF + "referenceContext"}
    sentences = {}
    for t in triples:
        if t.predicate.value == NIF + "sentence":
            sentences.setdefault(t.subject, []).append(t.object)
    evidence = []
    for t in triples:
        if t.subject == subject and t.predicate == GAF_DENOTED_BY:
            mention = t.object
            words = escape(anchors.get(mention, ""))
            said = [anchors[s] for s in sentences.get(mention, ()) if s in anchors]
            context = link(contexts[mention]) if mention in contexts else ""
            sentence = escape(" ".join(said))
            quoted = f": <blockquote>{sentence}</blockquote>" if sentence else ""
            evidence.append(f"<li><q>{words}</q> in {context}{quoted}</li>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title>"
        f'<link rel="alternate" type="text/turtle" href="{escape(subject.value, quote=True)}"></head><body>'
        f"<h1>{escape(title)}</h1><p><code>{escape(subject.value)}</code></p>"
        f"<p>{', '.join(types)}</p>"
        f"<h2>Facts</h2><table>{''.join(facts)}</table>"
        + (f"<h2>Linked from</h2><table>{''.join(incoming)}</table>" if incoming else "")
        + (f"<h2>Evidence</h2><ul>{''.join(evidence)}</ul>" if evidence else "")
        + "</body></html>\n"
    )
