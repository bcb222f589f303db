"""The standard vocabularies the graph reuses: a closed rdflib namespace class each, their IRIs, the prefixes.

schema.org is declared with `http://` (the namespace of schema.org's own RDF files and of Wikidata);
rdflib's built-in SDO uses `https://`, so it is deliberately not used. The other classes are declared here
rather than taken from rdflib.namespace because rdflib's DCAT, TIME and XSD are open (`_fail = False`) and
because one module then lists every term the code relies on.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

CPS_ONTOLOGY = "https://w3id.org/cpskg/ontology#"
CPS_ID = "https://w3id.org/cpskg/id/"
CPS_GRAPH = "https://w3id.org/cpskg/graph/"

SCHEMA_IRI = "http://schema.org/"
NIF_IRI = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
GAF_IRI = "http://groundedannotationframework.org/gaf#"
SEM_IRI = "http://semanticweb.cs.vu.nl/2009/11/sem/"
ORG_IRI = "http://www.w3.org/ns/org#"
PROV_IRI = "http://www.w3.org/ns/prov#"
TIME_IRI = "http://www.w3.org/2006/time#"
SKOS_IRI = "http://www.w3.org/2004/02/skos/core#"
DCT_IRI = "http://purl.org/dc/terms/"
DCAT_IRI = "http://www.w3.org/ns/dcat#"
VOID_IRI = "http://rdfs.org/ns/void#"
XSD_IRI = "http://www.w3.org/2001/XMLSchema#"
RDF_IRI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_IRI = "http://www.w3.org/2000/01/rdf-schema#"
OWL_IRI = "http://www.w3.org/2002/07/owl#"
SH_IRI = "http://www.w3.org/ns/shacl#"
WD_ENTITY = "http://www.wikidata.org/entity/"

# Closed namespaces (rdflib DefinedNamespace, `_fail = True`), one per vocabulary, listing only the terms
# the code and the ontology use: a misspelt term raises AttributeError at once. Where a plain string is
# needed (pyoxigraph, comparisons with `NamedNode.value`), write `str(SCHEMA.text)`: a URIRef never
# equals a str.


class ClosedNamespace(DefinedNamespace):
    """A DefinedNamespace whose listed terms are also plain class attributes.

    rdflib resolves `NS.term` through its metaclass's `__getattr__` on every read (a reserved-name check,
    then a cached `__getitem__`): 576,000 reads per 60 generated articles, 6 % of extraction time. Setting
    each listed term once makes the read an ordinary attribute lookup; an unlisted term still falls
    through to `__getattr__` and raises, so the namespace stays closed."""

    _fail = True

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        for name in cls.__dict__.get("__annotations__", {}):
            if not name.startswith("_"):
                type.__setattr__(cls, name, cls._NS[name])


class SCHEMA(ClosedNamespace):
    """schema.org, in its `http://` form (rdflib's SDO is `https://`)."""

    _NS = Namespace(SCHEMA_IRI)
    _fail = True

    NewsArticle: URIRef
    Place: URIRef
    affiliation: URIRef
    author: URIRef
    creator: URIRef
    datePublished: URIRef
    hasOccupation: URIRef
    headline: URIRef
    identifier: URIRef
    isPartOf: URIRef
    jobTitle: URIRef
    publisher: URIRef
    sha256: URIRef
    text: URIRef
    unitText: URIRef
    url: URIRef
    value: URIRef


class NIF(ClosedNamespace):
    """NLP Interchange Format core: the article text and the character spans that ground facts."""

    _NS = Namespace(NIF_IRI)
    _fail = True

    Context: URIRef
    Paragraph: URIRef
    Sentence: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    isString: URIRef
    referenceContext: URIRef
    sentence: URIRef
    superString: URIRef


class GAF(ClosedNamespace):
    """Grounded Annotation Framework: an instance and the mentions that denote it."""

    _NS = Namespace(GAF_IRI)
    _fail = True

    denotedBy: URIRef


class SEM(ClosedNamespace):
    """Simple Event Model: events, their actors and time stamps."""

    _NS = Namespace(SEM_IRI)
    _fail = True

    hasActor: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    hasSubEvent: URIRef
    hasTimeStamp: URIRef


class ORG(ClosedNamespace):
    """W3C Organization Ontology: posts, memberships and roles."""

    _NS = Namespace(ORG_IRI)
    _fail = True

    heldBy: URIRef
    holds: URIRef
    member: URIRef
    organization: URIRef
    postIn: URIRef
    role: URIRef


class PROV(ClosedNamespace):
    """W3C PROV-O: which rule generated a fact, who said a quotation."""

    _NS = Namespace(PROV_IRI)
    _fail = True

    wasAttributedTo: URIRef
    wasGeneratedBy: URIRef


class TIME(ClosedNamespace):
    """W3C OWL-Time (the ontology aligns its intervals to it)."""

    _NS = Namespace(TIME_IRI)
    _fail = True

    ProperInterval: URIRef
    TemporalEntity: URIRef


class SKOS(ClosedNamespace):
    """SKOS: aliases, definitions and the mapping properties of the alignment."""

    _NS = Namespace(SKOS_IRI)
    _fail = True

    ConceptScheme: URIRef
    altLabel: URIRef
    closeMatch: URIRef
    definition: URIRef
    exactMatch: URIRef
    inScheme: URIRef


class DCTERMS(ClosedNamespace):
    """DCMI Metadata Terms, for the dataset description."""

    _NS = Namespace(DCT_IRI)
    _fail = True

    PeriodOfTime: URIRef
    description: URIRef
    identifier: URIRef
    issued: URIRef
    license: URIRef
    modified: URIRef
    publisher: URIRef
    rights: URIRef
    source: URIRef
    temporal: URIRef
    title: URIRef


class DCAT(ClosedNamespace):
    """W3C DCAT, for the dataset description and its distributions."""

    _NS = Namespace(DCAT_IRI)
    _fail = True

    Dataset: URIRef
    Distribution: URIRef
    distribution: URIRef
    downloadURL: URIRef
    endDate: URIRef
    mediaType: URIRef
    startDate: URIRef


class VOID(ClosedNamespace):
    """VoID, for the dataset description and its statistics (`VOID['class']`: a keyword in Python)."""

    _NS = Namespace(VOID_IRI)
    _fail = True
    _extras = ["class"]

    Dataset: URIRef
    classPartition: URIRef
    classes: URIRef
    dataDump: URIRef
    distinctSubjects: URIRef
    entities: URIRef
    properties: URIRef
    sparqlEndpoint: URIRef
    triples: URIRef
    vocabulary: URIRef


class RDF(ClosedNamespace):
    """RDF."""

    _NS = Namespace(RDF_IRI)
    _fail = True

    Property: URIRef
    first: URIRef
    langString: URIRef
    nil: URIRef
    rest: URIRef
    type: URIRef


class RDFS(ClosedNamespace):
    """RDF Schema."""

    _NS = Namespace(RDFS_IRI)
    _fail = True

    Class: URIRef
    Literal: URIRef
    comment: URIRef
    label: URIRef
    range: URIRef
    subClassOf: URIRef
    subPropertyOf: URIRef


class OWL(ClosedNamespace):
    """OWL 2."""

    _NS = Namespace(OWL_IRI)
    _fail = True

    AnnotationProperty: URIRef
    Class: URIRef
    DatatypeProperty: URIRef
    ObjectProperty: URIRef
    equivalentClass: URIRef
    equivalentProperty: URIRef
    sameAs: URIRef
    versionInfo: URIRef


class XSD(ClosedNamespace):
    """XML Schema datatypes."""

    _NS = Namespace(XSD_IRI)
    _fail = True

    boolean: URIRef
    byte: URIRef
    date: URIRef
    decimal: URIRef
    gYear: URIRef
    gYearMonth: URIRef
    int: URIRef
    integer: URIRef
    long: URIRef
    negativeInteger: URIRef
    nonNegativeInteger: URIRef
    nonPositiveInteger: URIRef
    positiveInteger: URIRef
    short: URIRef
    string: URIRef
    unsignedByte: URIRef
    unsignedInt: URIRef
    unsignedLong: URIRef
    unsignedShort: URIRef


class SH(ClosedNamespace):
    """SHACL: the terms of a validation report."""

    _NS = Namespace(SH_IRI)
    _fail = True

    Info: URIRef
    ValidationReport: URIRef
    Violation: URIRef
    Warning: URIRef
    focusNode: URIRef
    result: URIRef
    resultMessage: URIRef
    resultPath: URIRef
    resultSeverity: URIRef
    sourceConstraintComponent: URIRef
    sourceShape: URIRef
    value: URIRef


# Prefixes used in every serialisation, in a fixed order so that output is byte-stable.
# Instances get one prefix per kind (as Wikidata has wd:, wdt:, p: ...), so that names read cleanly
# (`person:Lori_Lightfoot`, `article:2021-02-07-cbs-tentative-deal`).
INSTANCE_KINDS = ("article", "person", "organization", "place", "post", "membership", "quotation", "statement",
                  "claim", "disagreement", "event", "offer", "term", "quantity", "step", "evidence",
                  "negotiation", "rule")
PREFIXES: dict[str, str] = {
    "cps": CPS_ONTOLOGY,
    **{kind: f"{CPS_ID}{kind}/" for kind in INSTANCE_KINDS},
    "graph": f"{CPS_GRAPH}article/",
    "schema": SCHEMA_IRI,
    "nif": NIF_IRI,
    "gaf": GAF_IRI,
    "sem": SEM_IRI,
    "org": ORG_IRI,
    "prov": PROV_IRI,
    "time": TIME_IRI,
    "skos": SKOS_IRI,
    "dct": DCT_IRI,
    "dcat": DCAT_IRI,
    "void": VOID_IRI,
    "owl": OWL_IRI,
    "rdf": RDF_IRI,
    "rdfs": RDFS_IRI,
    "xsd": XSD_IRI,
    "wd": WD_ENTITY,
}


def split_iri(iri: str, prefixes: dict[str, str] = PREFIXES) -> tuple[str, str] | None:
    """The one prefix compactor: (prefix, local part) for the longest namespace of `prefixes` that `iri`
    starts with (the first such prefix on a tie), or None. Callers decide what an unusable local part
    (empty, or one a JSON-LD processor would misread) becomes."""
    best = None
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(prefixes[best])):
            best = prefix
    return None if best is None else (best, iri[len(prefixes[best]):])
