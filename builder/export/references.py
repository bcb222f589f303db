"""References that identify their source: one block per article, or none and a warning saying what to add.

Wikidata's rule (../shared/guides/wikidata-tooling.md): a reference must let a reader find the source —
"stated in" (P248) or publisher (P123) as an item, or a reference URL (P854). A bare publication date,
title or author name identifies nothing, so an article whose block would lack all three gives no
reference at all, and the statements resting on it alone are held back (builder.export.collect).

Only metadata the article itself states goes into a block (corpus/sources.yaml says `how: stated`): a
publication date, headline, publisher or author a curator inferred is not a fact about the source and is
never written (an inferred date is never P577). The URL and the day it was retrieved (P813) are recorded
by the curator who read the article there. Property ids come from the alignment (schema:url -> P854,
cps:dateRetrieved -> P813, schema:publisher -> P123 …), never from this code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from builder.export.mapping import WikidataMapping
from builder.export.model import ItemValue, MonolingualValue, Reference, Snak, StringValue, plain_text, time_value
from builder.namespaces import SCHEMA, SCHEMA_IRI
from builder.vocab import CPS

# The properties whose presence lets a reader find the source (P248 stated in, P123 publisher as an
# item, P854 reference URL). They are Wikidata's criterion, checked again in builder.export.qs_policy.
IDENTIFYING = ("P248", "P123", "P854")

_ARTICLES = """
PREFIX schema: <http://schema.org/>
SELECT ?g ?article ?p ?o WHERE { GRAPH ?g { ?article a schema:NewsArticle . ?article ?p ?o } }"""
# Which metadata values the article states (cps:StatedInText); publisher and authors are matched through
# the evidence span both they and the evidence node are grounded in.
_KNOWN_BY = """
PREFIX cps: <https://w3id.org/cpskg/ontology#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
SELECT ?g ?prop ?mode ?who WHERE { GRAPH ?g {
  ?e a cps:MetadataEvidence ; cps:forProperty ?prop ; cps:knownBy ?mode ; cps:evidence ?span .
  OPTIONAL { ?who gaf:denotedBy ?span FILTER(?who != ?e) }
} }"""


@dataclass
class ArticleSource:
    """What a reference could say about one article (its named graph)."""

    graph: str
    article: str = ""
    file: str = ""
    export: bool = True
    url: str | None = None
    retrieved: ox.Literal | None = None
    published: ox.Literal | None = None
    headline: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    stated: set[str] = field(default_factory=set)  # schema: local names the article states
    stated_agents: set[str] = field(default_factory=set)  # publisher/author IRIs grounded in stated evidence

    @property
    def name(self) -> str:
        """How warnings name the article: its file in the corpus, else its IRI."""
        return self.file or f"<{self.article or self.graph}>"


def read_sources(store: ox.Store) -> dict[str, ArticleSource]:
    sources: dict[str, ArticleSource] = {}
    for row in store.query(_ARTICLES):
        graph, predicate, obj = row["g"].value, row["p"].value, row["o"]
        source = sources.setdefault(graph, ArticleSource(graph, row["article"].value))
        if predicate == str(CPS.sourceFile):
            source.file = obj.value
        elif predicate == str(CPS.wikidataExport):
            source.export = obj.value not in ("false", "0")
        elif predicate == str(SCHEMA.url) and isinstance(obj, ox.NamedNode):
            source.url = obj.value
        elif predicate == str(CPS.dateRetrieved) and isinstance(obj, ox.Literal):
            source.retrieved = obj
        elif predicate == str(SCHEMA.datePublished) and isinstance(obj, ox.Literal):
            source.published = obj
        elif predicate == str(SCHEMA.headline) and isinstance(obj, ox.Literal):
            source.headline = plain_text(obj.value)
        elif predicate == str(SCHEMA.publisher) and isinstance(obj, ox.NamedNode):
            source.publisher = obj.value
        elif predicate == str(SCHEMA.author) and isinstance(obj, ox.NamedNode):
            source.authors.append(obj.value)
    for row in store.query(_KNOWN_BY):
        source = sources.get(row["g"].value)
        if source is None or row["mode"].value != str(CPS.StatedInText):
            continue
        source.stated.add(row["prop"].value.removeprefix(SCHEMA_IRI))
        if row["who"] is not None:
            source.stated_agents.add(row["who"].value)
    for source in sources.values():
        source.authors.sort()
    return sources


def reference_for(
    source: ArticleSource,
    qids: dict[str, str | None],
    labels: dict[str, str | None],
    mapping: WikidataMapping,
) -> tuple[Reference | None, str | None]:
    """The article's reference block, or (None, a warning naming the article and what to add)."""

    snaks: list[Snak] = []

    def add(term: str, value) -> None:
        pid = mapping.property_for(term)
        if pid is not None and value is not None:
            snaks.append(Snak(pid, value))

    if source.url:
        add(str(SCHEMA.url), StringValue(source.url))
        if source.retrieved is not None:
            add(str(CPS.dateRetrieved), time_value(source.retrieved))
    if source.headline and "headline" in source.stated:
        add(str(SCHEMA.headline), MonolingualValue(source.headline, "en"))
    if source.published is not None and "datePublished" in source.stated:
        add(str(SCHEMA.datePublished), time_value(source.published))
    publisher_stated = source.publisher is not None and source.publisher in source.stated_agents
    if publisher_stated and qids.get(source.publisher or ""):
        add(str(SCHEMA.publisher), ItemValue(qids[source.publisher]))  # type: ignore[index]
    for author in source.authors:
        if author not in source.stated_agents:
            continue
        if qids.get(author):
            add(str(SCHEMA.author), ItemValue(qids[author]))  # type: ignore[arg-type]
        elif labels.get(author):
            fallback = mapping.close_property_for(str(SCHEMA.author))
            if fallback and mapping.datatypes.get(fallback) == "string":
                snaks.append(Snak(fallback, StringValue(labels[author])))  # type: ignore[arg-type]

    block = Reference(tuple(sorted(set(snaks), key=Snak.sort_key)))
    if identifies(block):
        return block, None
    return None, (f"{source.name}: no reference identifies this article, so nothing it alone states is "
                  f"exported; {advice(source, labels)}")


def identifies(reference: Reference) -> bool:
    """Whether a reader can find the source: a reference URL, or "stated in" / publisher as an item."""
    return any(
        s.property == "P854" or (s.property in ("P248", "P123") and isinstance(s.value, ItemValue))
        for s in reference.snaks
    )


def advice(source: ArticleSource, labels: dict[str, str | None]) -> str:
    wanted = ["add its `url:` and `retrieved:` to corpus/sources.yaml"]
    publisher = labels.get(source.publisher or "") if source.publisher else None
    if publisher and source.publisher in source.stated_agents:
        wanted.append(f"or a verified Wikidata id for its publisher {publisher!r} (curation/, via import-ids)")
    elif publisher:
        wanted.append(f"(its publisher {publisher!r} is inferred, not stated, so it cannot identify it)")
    return " ".join(wanted)
