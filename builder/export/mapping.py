"""The Wikidata mapping of graph terms, read from skos:exactMatch / skos:closeMatch annotations.

Nothing here names a property or class id: the ontology (ontology/cpskg.ttl) aligns the project's terms,
builder/export/alignment.ttl aligns the external terms the exporter reads (rdf:type, schema.org article
metadata), and both are read the same way. Every Wikidata id found is checked against the verified id
list (curation/wikidata-ids.tsv); an id not in that list, or one the list marks "do not emit" (P642), is
dropped with a warning rather than exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from builder.errors import InputError
from builder.namespaces import WD_ENTITY
from builder.resources import data_path, package_file
from builder.wikidata_ids import DEFAULT_ID_LIST, VerifiedIds, load_verified_ids  # noqa: F401  (re-exported)

DEFAULT_ONTOLOGY = data_path("ontology", "cpskg.ttl")
DEFAULT_ALIGNMENT = package_file("builder.export", "alignment.ttl")

_MATCHES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?strength ?target WHERE {
  { ?term skos:exactMatch ?target BIND("exact" AS ?strength) }
  UNION
  { ?term skos:closeMatch ?target BIND("close" AS ?strength) }
  FILTER(isIRI(?term) && isIRI(?target))
}
"""

_SUBCLASSES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class ?super WHERE { ?class rdfs:subClassOf+ ?super FILTER(isIRI(?class) && isIRI(?super)) }
"""

_PROPERTY_TYPES = """
PREFIX wikibase: <http://wikiba.se/ontology#>
SELECT ?property ?type WHERE { ?property wikibase:propertyType ?type }
"""

# Wikibase ontology datatype -> the `datatype` string of Wikibase JSON snaks.
WIKIBASE_JSON_DATATYPES = {
    "WikibaseItem": "wikibase-item",
    "String": "string",
    "Monolingualtext": "monolingualtext",
    "Time": "time",
    "Quantity": "quantity",
    "Url": "url",
    "ExternalId": "external-id",
}

_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?term ?label WHERE { ?term rdfs:label ?label FILTER(isIRI(?term) && LANGMATCHES(LANG(?label), "en")) }
"""


@dataclass(frozen=True)
class WikidataMapping:
    """Term IRI -> Wikidata ids, split by match strength; plus what is needed to pick a class."""

    exact: dict[str, tuple[str, ...]]
    close: dict[str, tuple[str, ...]]
    superclasses: dict[str, frozenset[str]]
    labels: dict[str, str]
    datatypes: dict[str, str]
    warnings: tuple[str, ...] = field(default=())

    def ids(self, term: str, *, kind: str) -> tuple[str, ...]:
        """Ids of one kind ("P" or "Q") for a term, exact matches first, each group sorted."""
        found = [w for w in self.exact.get(term, ()) if w.startswith(kind)]
        found += [w for w in self.close.get(term, ()) if w.startswith(kind) and w not in found]
        return tuple(found)

    def property_for(self, term: str) -> str | None:
        ids = self.ids(term, kind="P")
        return ids[0] if ids else None

    def close_property_for(self, term: str) -> str | None:
        ids = [w for w in self.close.get(term, ()) if w.startswith("P")]
        return ids[0] if ids else None

    def datatype(self, pid: str) -> str:
        """The Wikibase JSON datatype of a property, as declared in the alignment (an error if missing)."""
        try:
            return self.datatypes[pid]
        except KeyError:
            raise InputError(f"no wikibase:propertyType declared for {pid} in the alignment") from None

    def class_item_for(self, types: set[str]) -> str | None:
        """The Q-id of the most specific mapped class among ``types`` (ties: exact match, then id order)."""
        mapped = [t for t in types if self.ids(t, kind="Q")]
        # Most specific first: drop every mapped type that is a superclass of another mapped type.
        specific = [t for t in mapped if not any(t in self.superclasses.get(o, ()) for o in mapped if o != t)]
        candidates = sorted(
            (0 if self.exact.get(t) and any(w.startswith("Q") for w in self.exact[t]) else 1, t) for t in specific
        )
        return self.ids(candidates[0][1], kind="Q")[0] if candidates else None


def load_mapping(
    sources: tuple[Path, ...] = (DEFAULT_ONTOLOGY, DEFAULT_ALIGNMENT),
    verified: VerifiedIds | None = None,
) -> WikidataMapping:
    verified = verified or load_verified_ids()
    store = ox.Store()
    for path in sources:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except OSError as error:
            raise InputError(f"cannot read the alignment: {error.strerror}", file=str(path)) from error
        except SyntaxError as error:
            raise InputError(f"not valid Turtle: {error}", file=str(path)) from error

    exact: dict[str, set[str]] = {}
    close: dict[str, set[str]] = {}
    warnings: list[str] = []
    for row in store.query(_MATCHES):
        term, strength, target = row["term"].value, row["strength"].value, row["target"].value
        if not target.startswith(WD_ENTITY):
            continue  # a match to another vocabulary (e.g. schema.org): not a Wikidata alignment
        wid = target[len(WD_ENTITY) :]
        if not verified.allows(wid):
            why = "must not be emitted" if verified.forbidden(wid) else "is not in the verified id list"
            warnings.append(f"alignment of <{term}> to {wid} ignored: {wid} {why}")
            continue
        (exact if strength == "exact" else close).setdefault(term, set()).add(wid)

    superclasses: dict[str, set[str]] = {}
    for row in store.query(_SUBCLASSES):
        superclasses.setdefault(row["class"].value, set()).add(row["super"].value)
    datatypes: dict[str, str] = {}
    for row in store.query(_PROPERTY_TYPES):
        pid = row["property"].value.removeprefix(WD_ENTITY)
        kind = row["type"].value.rpartition("#")[2]
        if kind in WIKIBASE_JSON_DATATYPES and verified.allows(pid):
            datatypes[pid] = WIKIBASE_JSON_DATATYPES[kind]
    labels = {row["term"].value: row["label"].value for row in store.query(_LABELS)}

    def by_number(ids: set[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda w: (w[0], int(w[1:]))))

    return WikidataMapping(
        exact={t: by_number(v) for t, v in exact.items()},
        close={t: by_number(v) for t, v in close.items()},
        superclasses={c: frozenset(s) for c, s in superclasses.items()},
        labels=labels,
        datatypes=datatypes,
        warnings=tuple(sorted(warnings)),
    )
