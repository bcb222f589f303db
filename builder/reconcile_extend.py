"""Data extension for the reconciliation service: the columns OpenRefine can add from a matched entity.

Reconciliation API 0.2, "Data extension": the manifest's `extend.propose_properties` lists what can be
fetched for a type (`/properties?type=Person`), and a request `extend={"ids": [...], "properties":
[{"id": "post"}]}` answers one row per id with the values of each property. Values are what the graph
states, each either a string (`{"str": …}`), a number (`{"int": …}`) or another entity of this service
(`{"id": …, "name": …}`), so a researcher can reconcile a column of names and then add the people's posts,
their organisations, the Wikidata ids that were verified, and how many articles mention them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class ExtensionProperty:
    id: str
    name: str
    applies_to: frozenset[str]  # type ids (the service's), empty: every type


PROPERTIES = (
    ExtensionProperty("wikidata", "Wikidata id (verified)", frozenset()),
    ExtensionProperty("type", "type", frozenset()),
    ExtensionProperty("alias", "other names in the news", frozenset()),
    ExtensionProperty("articles", "number of articles mentioning it", frozenset()),
    ExtensionProperty("post", "posts held", frozenset({"Person"})),
    ExtensionProperty("postIn", "organisations of the posts held", frozenset({"Person"})),
    ExtensionProperty("postHolder", "people holding a post in it", frozenset({"Organization"})),
)
BY_ID = {p.id: p for p in PROPERTIES}

_POSTS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX cps: <https://w3id.org/cpskg/ontology#>
SELECT DISTINCT ?person ?postLabel ?organization WHERE {
  { ?post org:heldBy ?person } UNION { ?person org:holds ?post } UNION { ?person cps:positionHeld ?post }
  ?post rdfs:label ?postLabel .
  OPTIONAL { ?post org:postIn ?organization }
}"""
_ARTICLES = """
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?entity (COUNT(DISTINCT ?article) AS ?n) WHERE {
  ?entity gaf:denotedBy ?mention . ?mention nif:referenceContext ?article .
} GROUP BY ?entity"""


def read_extension_values(store: ox.Store, entity_id, candidates) -> dict[str, dict[str, list[dict]]]:
    """entity id -> property id -> values, for every candidate of the index (`candidates` by IRI)."""
    rows: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    names = {iri: c.name for iri, c in candidates.items()}
    for candidate in candidates.values():
        row = rows[candidate.id]
        if candidate.wikidata:
            row["wikidata"].append({"str": candidate.wikidata})
        row["type"].extend({"str": name} for _, name in candidate.types)
        row["alias"].extend({"str": alias} for alias in candidate.names[1:])
    for solution in store.query(_POSTS, use_default_graph_as_union=True):
        person, organization = solution["person"].value, solution["organization"]
        if person not in candidates:
            continue
        row = rows[entity_id(person)]
        _add(row["post"], {"str": solution["postLabel"].value})
        if organization is not None and organization.value in candidates:
            _add(row["postIn"], {"id": entity_id(organization.value), "name": names[organization.value]})
            _add(rows[entity_id(organization.value)]["postHolder"],
                 {"id": entity_id(person), "name": names[person]})
    for solution in store.query(_ARTICLES, use_default_graph_as_union=True):
        if solution["entity"].value in candidates:
            rows[entity_id(solution["entity"].value)]["articles"].append({"int": int(solution["n"].value)})
    return {key: {p: sorted(v, key=_value_key) for p, v in props.items()} for key, props in rows.items()}


def _add(values: list[dict], value: dict) -> None:
    if value not in values:
        values.append(value)


def _value_key(value: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in value.items()))


def propose(type_id: str | None, limit: int | None) -> dict:
    """The `propose_properties` answer for a type (every property when no type is given)."""
    chosen = [p for p in PROPERTIES if not type_id or not p.applies_to or type_id in p.applies_to]
    if limit is not None:
        chosen = chosen[:limit]
    answer = {"properties": [{"id": p.id, "name": p.name} for p in chosen]}
    if type_id:
        answer["type"] = type_id
    if limit is not None:
        answer["limit"] = limit
    return answer


def extend(request: object, values: dict[str, dict[str, list[dict]]]) -> dict:
    """The data extension answer; ValueError (a 400 for the client) for a malformed request."""
    if not isinstance(request, dict):
        raise ValueError("`extend` must be an object with `ids` and `properties`")
    ids, properties = request.get("ids"), request.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError("`ids` must be a list of entity ids")
    if not isinstance(properties, list) or not properties:
        raise ValueError("`properties` must be a non-empty list of {\"id\": …}")
    wanted = []
    for item in properties:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ValueError("each property needs an `id`")
        if item["id"] not in BY_ID:
            raise ValueError(f"unknown property {item['id']!r} (known: {', '.join(BY_ID)})")
        wanted.append(BY_ID[item["id"]])
    return {
        "meta": [{"id": p.id, "name": p.name} for p in wanted],
        "rows": {i: {p.id: list(values.get(i, {}).get(p.id, [])) for p in wanted} for i in ids},
    }
