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
from datetime import date

import pyoxigraph as ox

from . import __version__, mint
from .namespaces import CPS_ID, DCAT_IRI, DCT_IRI, GAF_IRI, RDF_IRI, RDFS_IRI, SCHEMA_IRI, VOID_IRI
from .terms import english, integer, sort_quads, text, xsd_date

DATASET = mint.checked("https://w3id.org/cpskg/dataset")
LICENCE = mint.checked("https://creativecommons.org/licenses/by/4.0/")
VOCABULARIES = ("http://schema.org/", "http://www.w3.org/ns/org#", "http://semanticweb.cs.vu.nl/2009/11/sem/",
                "http://www.w3.org/ns/prov#", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
                "http://groundedannotationframework.org/gaf#", "https://w3id.org/cpskg/ontology#")
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
        from .errors import InputError

        raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {raw!r}")
    return datetime.fromtimestamp(int(raw), tz=UTC).date()


def _n(iri: str) -> ox.NamedNode:
    return mint.checked(iri)


def describe(quads: list[ox.Quad], rdfc10: str) -> list[ox.Quad]:
    triples = {q.triple for q in quads}
    out: list[ox.Quad] = []

    def add(s, p, o):
        out.append(ox.Quad(s, _n(p) if isinstance(p, str) else p, o, ox.DefaultGraph()))

    add(DATASET, RDF_IRI + "type", _n(VOID_IRI + "Dataset"))
    add(DATASET, RDF_IRI + "type", _n(DCAT_IRI + "Dataset"))
    add(DATASET, DCT_IRI + "title", english("cpskg: the CPS–CTU negotiations in the news, as linked data"))
    add(DATASET, DCT_IRI + "description", english(
        "People, organisations, posts, quotations, claims, offers, events and reported numbers of news "
        "reports on the 2021 Chicago Public Schools – Chicago Teachers Union reopening negotiations (and "
        "the 2019 strike), each fact grounded in the exact span of article text that states it."))
    add(DATASET, DCT_IRI + "license", LICENCE)
    add(DATASET, DCT_IRI + "identifier", text(f"rdfc10-sha256:{rdfc10}"))
    add(DATASET, _n("http://www.w3.org/2002/07/owl#versionInfo"), text(__version__))
    for vocabulary in VOCABULARIES:
        add(DATASET, VOID_IRI + "vocabulary", _n(vocabulary))

    # One pass to index what the description needs (the corpus may hold a hundred thousand articles).
    published: dict[ox.NamedNode, ox.Literal] = {}
    publisher: dict[ox.NamedNode, ox.NamedNode] = {}
    labels: dict[ox.NamedNode, ox.Literal] = {}
    for t in triples:
        predicate = t.predicate.value
        if predicate == SCHEMA_IRI + "datePublished":
            published[t.subject] = t.object
        elif predicate == SCHEMA_IRI + "publisher":
            publisher[t.subject] = t.object
        elif predicate == RDFS_IRI + "label":
            labels[t.subject] = t.object
    for article in sorted(published, key=lambda n: n.value):
        add(DATASET, DCT_IRI + "source", article)
        add(article, DCT_IRI + "issued", published[article])
        if article in publisher:
            add(article, DCT_IRI + "publisher", publisher[article])
            if publisher[article] in labels:
                add(publisher[article], RDFS_IRI + "label", labels[publisher[article]])
    dates = [date.fromisoformat(value.value) for value in published.values()]
    modified = modified_date(dates)
    if modified:
        add(DATASET, DCT_IRI + "modified", xsd_date(modified))
    if dates:
        period = _n(f"{DATASET.value}/temporal-coverage")
        add(DATASET, DCT_IRI + "temporal", period)
        add(period, RDF_IRI + "type", _n(DCT_IRI + "PeriodOfTime"))
        add(period, DCAT_IRI + "startDate", xsd_date(min(dates)))
        add(period, DCAT_IRI + "endDate", xsd_date(max(dates)))

    for name, media in DISTRIBUTIONS.items():
        distribution = _n(f"{DATASET.value}/distribution/{name}")
        add(DATASET, DCAT_IRI + "distribution", distribution)
        add(distribution, RDF_IRI + "type", _n(DCAT_IRI + "Distribution"))
        add(distribution, DCT_IRI + "title", text(f"output/{name}"))
        add(distribution, DCAT_IRI + "mediaType", _n(f"https://www.iana.org/assignments/media-types/{media}"))
        add(distribution, DCAT_IRI + "downloadURL", _n(DUMP_BASE + name))
    add(DATASET, VOID_IRI + "dataDump", _n(DUMP_BASE + DATA_DUMP))

    grounded = {t.subject for t in triples if t.predicate.value == GAF_IRI + "denotedBy"}
    entities = {s for s in grounded if s.value.startswith(CPS_ID) and "#" not in s.value}
    classes = Counter(t.object for t in triples if t.predicate.value == RDF_IRI + "type")
    properties = {t.predicate for t in triples}
    add(DATASET, VOID_IRI + "triples", integer(len(triples)))
    add(DATASET, VOID_IRI + "entities", integer(len(entities)))
    add(DATASET, VOID_IRI + "classes", integer(len(classes)))
    add(DATASET, VOID_IRI + "properties", integer(len(properties)))
    add(DATASET, VOID_IRI + "distinctSubjects", integer(len({t.subject for t in triples})))
    for cls, count in sorted(classes.items(), key=lambda item: item[0].value):
        partition = mint.checked(f"{DATASET.value}/class/{mint.local_name(_short(cls.value))}")
        add(DATASET, VOID_IRI + "classPartition", partition)
        add(partition, VOID_IRI + "class", cls)
        add(partition, VOID_IRI + "entities", integer(count))
    return sort_quads(out)


def _short(iri: str) -> str:
    """A readable, unique partition name for a class IRI: its vocabulary's prefix and local name."""
    from .namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}-{iri[len(namespace):]}"
    return iri
