"""A VoID / DCAT description of the built dataset (output/void.ttl).

Describes the dataset a researcher downloads: title, description, licence, the articles it is derived
from (publisher and publication date each), its distributions, counts (triples, entities, classes,
properties, per-class partitions) and the RDFC-1.0 hash of the dataset. Nothing depends on the clock: the
modification date is `SOURCE_DATE_EPOCH` when the environment sets it (the reproducible-builds convention
for a release's timestamp), otherwise the newest publication date in the corpus, so rebuilding unchanged
input gives the same bytes. Each distribution has a `dcat:downloadURL` under the w3id.org dump path
(`https://w3id.org/cpskg/dump/<file>`, redirected to a deployment by the rules in docs/w3id/), and the
Turtle dump is the `void:dataDump`. The description is its own file, not part of the dataset it hashes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

import pyoxigraph as ox

from builder import __version__
from builder.emit import mint
from builder.emit.terms import english, integer, sort_quads, text, xsd_date
from builder.namespaces import (
    CPS_ID,
    CPS_ONTOLOGY,
    DCAT,
    DCTERMS,
    GAF,
    GAF_IRI,
    NIF_IRI,
    ORG_IRI,
    OWL,
    PROV_IRI,
    RDF,
    RDFS,
    SCHEMA,
    SCHEMA_IRI,
    SEM_IRI,
    VOID,
)

_RDF_TYPE, _DENOTED_BY, _LABEL = str(RDF.type), str(GAF.denotedBy), str(RDFS.label)
_DATE_PUBLISHED, _PUBLISHER = str(SCHEMA.datePublished), str(SCHEMA.publisher)
_ENTITY_PREFIXES = tuple(f"{CPS_ID}{kind}/" for kind in mint.ENTITY_KINDS)
DATASET = mint.checked("https://w3id.org/cpskg/dataset")
LICENCE = mint.checked("https://creativecommons.org/licenses/by/4.0/")
VOCABULARIES = (SCHEMA_IRI, ORG_IRI, SEM_IRI, PROV_IRI, NIF_IRI, GAF_IRI, CPS_ONTOLOGY)
DISTRIBUTIONS = {"cpskg.ttl": "text/turtle", "cpskg.trig": "application/trig", "cpskg.jsonld": "application/ld+json"}
DUMP_BASE = "https://w3id.org/cpskg/dump/"
DATA_DUMP = "cpskg.ttl"  # the union of the article graphs: what void:dataDump promises (plain triples)
# 0001-01-01 .. 9999-12-31: what xsd:date and Python's date both hold
_EPOCH_RANGE = (-62135596800, 253402300799)


def modified_date(published: list[date], environ: dict | None = None) -> date | None:
    """`SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set, else the newest publication date.

    A malformed value is a configuration error (exit 2) rather than silently the corpus date: a release
    script that sets it expects it to count.
    """
    import os
    from datetime import UTC, datetime

    raw = (environ if environ is not None else os.environ).get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return max(published) if published else None
    if not raw.isdigit() or not _EPOCH_RANGE[0] <= int(raw) <= _EPOCH_RANGE[1]:
        from builder.errors import InputError

        raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {raw!r}")
    return datetime.fromtimestamp(int(raw), tz=UTC).date()


def _n(iri: str) -> ox.NamedNode:
    return mint.checked(iri)


TEXT_RIGHTS = {
    False: "The dataset's licence covers what the cpskg project wrote: the facts, their structure and offsets. "
           "The articles' words are their publishers': the dataset quotes only the words that ground a fact "
           "(each mention's nif:anchorOf and the sentence that states it), never whole articles.",
    True: "This build includes the whole text of each article (nif:isString), which remains the copyright of "
          "its publisher: for private research use only; do not republish it. The licence covers what the "
          "cpskg project wrote (the facts, their structure and offsets), not the articles' text.",
}


class UnionSummary:
    """What the description and the build report count in the union of the article graphs, gathered one
    triple at a time (the streaming writer shows each distinct triple once, builder/write/stream.py), so
    nothing but the counts and the articles' dates and publishers is kept. `publishers`: the IRIs whose
    label the description repeats (the articles' publishers, found while the graphs were written)."""

    def __init__(self, publishers: Iterable[ox.NamedNode] = ()):
        self.publishers = set(publishers)
        self.triples = 0
        self.subjects = 0
        self.entities_void = 0  # grounded IRIs of the cps: id space that are no fragment (VoID's entities)
        self.grounded_count = 0
        self.entity_kinds = 0  # grounded IRIs of an entity kind (the report's entities)
        self.classes: Counter = Counter()
        self.properties: set[ox.NamedNode] = set()
        self.published: dict[ox.NamedNode, ox.Literal] = {}
        self.publisher: dict[ox.NamedNode, ox.NamedNode] = {}
        self.labels: dict[ox.NamedNode, ox.Literal] = {}
        self._subject: ox.NamedNode | None = None
        self._seen_grounded: set[ox.NamedNode] = set()

    def observe(self, triple: ox.Triple) -> None:
        subject, predicate = triple.subject, triple.predicate.value
        self.triples += 1
        if subject != self._subject:
            self._subject = subject
            self.subjects += 1
        self.properties.add(triple.predicate)
        if predicate == _RDF_TYPE:
            self.classes[triple.object] += 1
        elif predicate == _DENOTED_BY and subject not in self._seen_grounded:
            self._seen_grounded = {subject}  # triples come grouped by subject: one remembered is enough
            self.grounded_count += 1
            self.entities_void += subject.value.startswith(CPS_ID) and "#" not in subject.value
            self.entity_kinds += subject.value.startswith(_ENTITY_PREFIXES)
        elif predicate == _DATE_PUBLISHED:
            self.published[subject] = triple.object
        elif predicate == _PUBLISHER:
            self.publisher[subject] = triple.object
        elif predicate == _LABEL and subject in self.publishers:
            self.labels[subject] = triple.object


def summarise(triples: Iterable[ox.Triple]) -> UnionSummary:
    """The summary of triples held in memory (each counted once, in the canonical order)."""
    from builder.emit.terms import term_key

    distinct = sorted(set(triples), key=lambda t: (term_key(t.subject), term_key(t.predicate), term_key(t.object)))
    summary = UnionSummary(t.object for t in distinct if t.predicate.value == _PUBLISHER)
    for triple in distinct:
        summary.observe(triple)
    return summary


def describe(summary: UnionSummary, rdfc10: str, *, full_text: bool = False) -> list[ox.Quad]:
    out: list[ox.Quad] = []

    def add(s, p, o):
        out.append(ox.Quad(s, _n(p) if isinstance(p, str) else p, o, ox.DefaultGraph()))

    add(DATASET, str(RDF.type), _n(str(VOID.Dataset)))
    add(DATASET, str(RDF.type), _n(str(DCAT.Dataset)))
    add(DATASET, str(DCTERMS.title), english("cpskg: the CPS–CTU negotiations in the news, as linked data"))
    add(DATASET, str(DCTERMS.description), english(
        "People, organisations, posts, quotations, claims, offers, events and reported numbers of news "
        "reports on the 2021 Chicago Public Schools – Chicago Teachers Union reopening negotiations (and "
        "the 2019 strike), each fact grounded in the exact span of article text that states it."))
    add(DATASET, str(DCTERMS.license), LICENCE)
    add(DATASET, str(DCTERMS.rights), english(TEXT_RIGHTS[full_text]))
    add(DATASET, str(DCTERMS.identifier), text(f"rdfc10-sha256:{rdfc10}"))
    add(DATASET, _n(str(OWL.versionInfo)), text(__version__))
    for vocabulary in VOCABULARIES:
        add(DATASET, str(VOID.vocabulary), _n(vocabulary))

    published, publisher, labels = summary.published, summary.publisher, summary.labels
    for article in sorted(published, key=lambda n: n.value):
        add(DATASET, str(DCTERMS.source), article)
        add(article, str(DCTERMS.issued), published[article])
        if article in publisher:
            add(article, str(DCTERMS.publisher), publisher[article])
            if publisher[article] in labels:
                add(publisher[article], str(RDFS.label), labels[publisher[article]])
    dates = [date.fromisoformat(value.value) for value in published.values()]
    modified = modified_date(dates)
    if modified:
        add(DATASET, str(DCTERMS.modified), xsd_date(modified))
    if dates:
        period = _n(f"{DATASET.value}/temporal-coverage")
        add(DATASET, str(DCTERMS.temporal), period)
        add(period, str(RDF.type), _n(str(DCTERMS.PeriodOfTime)))
        add(period, str(DCAT.startDate), xsd_date(min(dates)))
        add(period, str(DCAT.endDate), xsd_date(max(dates)))

    for name, media in DISTRIBUTIONS.items():
        distribution = _n(f"{DATASET.value}/distribution/{name}")
        add(DATASET, str(DCAT.distribution), distribution)
        add(distribution, str(RDF.type), _n(str(DCAT.Distribution)))
        add(distribution, str(DCTERMS.title), text(f"output/{name}"))
        add(distribution, str(DCAT.mediaType), _n(f"https://www.iana.org/assignments/media-types/{media}"))
        add(distribution, str(DCAT.downloadURL), _n(DUMP_BASE + name))
    add(DATASET, str(VOID.dataDump), _n(DUMP_BASE + DATA_DUMP))

    classes = summary.classes
    add(DATASET, str(VOID.triples), integer(summary.triples))
    add(DATASET, str(VOID.entities), integer(summary.entities_void))
    add(DATASET, str(VOID.classes), integer(len(classes)))
    add(DATASET, str(VOID.properties), integer(len(summary.properties)))
    add(DATASET, str(VOID.distinctSubjects), integer(summary.subjects))
    for cls, count in sorted(classes.items(), key=lambda item: item[0].value):
        partition = mint.checked(f"{DATASET.value}/class/{mint.local_name(_short(cls.value))}")
        add(DATASET, str(VOID.classPartition), partition)
        add(partition, str(VOID["class"]), cls)
        add(partition, str(VOID.entities), integer(count))
    return sort_quads(out)


def _short(iri: str) -> str:
    """A readable, unique partition name for a class IRI: its vocabulary's prefix and local name."""
    from builder.namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}-{iri[len(namespace):]}"
    return iri
