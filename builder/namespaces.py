"""Namespace IRIs of the standard vocabularies the graph reuses, as plain strings and rdflib namespaces.

schema.org is declared with `http://` (the namespace of schema.org's own RDF files and of Wikidata);
rdflib's built-in SDO uses `https://`, so it is deliberately not used.
"""

from __future__ import annotations

from rdflib import Namespace

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

SCHEMA = Namespace(SCHEMA_IRI)
NIF = Namespace(NIF_IRI)
GAF = Namespace(GAF_IRI)
SEM = Namespace(SEM_IRI)
ORG = Namespace(ORG_IRI)
PROV = Namespace(PROV_IRI)
TIME = Namespace(TIME_IRI)
WD = Namespace(WD_ENTITY)

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
