"""The name index behind the reconciliation service: candidates, normalisation, scoring, manifest.

An exact name or alias (case and spacing aside) scores 100, the same name after normalisation 95, and
`match` is set only when exactly one candidate scores 100: an editor confirms everything else.
Normalisation removes what differs between spellings of one name in news text: Unicode compatibility
forms, accents, case, punctuation, honorifics and middle initials ("Dr. Janice K. Jackson" ~ "Janice
Jackson"). Anything else is ranked by string similarity, below 90.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from builder.export.collect import EXPORTED_ROOT_CLASSES, read_entity_facts
from builder.export.mapping import WikidataMapping, load_mapping
from builder.namespaces import CPS_ID, CPS_ONTOLOGY, SCHEMA, WD_ENTITY
from builder.rdfload import load_store

HONORIFICS = frozenset(
    {
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "professor",
        "rev",
        "hon",
        "sir",
        "dame",
        "jr",
        "sr",
    }
)
EXACT_SCORE = 100.0
NORMALISED_SCORE = 95.0
# Below this a fuzzy similarity is noise (two unrelated two-word names share ~30 % of their letters).
FUZZY_FLOOR = 50.0
MAX_LIMIT = 100
DEFAULT_LIMIT = 5


def normalise_name(name: str) -> str:
    """Lower-case words without accents, punctuation, honorifics or single-letter initials."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)*", plain)
    kept = [w for w in words if w not in HONORIFICS and len(w) > 1]
    return " ".join(kept or words)


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    names: tuple[str, ...]  # label first, then aliases
    types: tuple[tuple[str, str], ...]  # (type id, type name), most specific first
    all_types: frozenset[str]
    description: str | None
    wikidata: str | None
    values: dict[str, frozenset[str]]  # property id -> ids and names of its values


class ReconciliationIndex:
    def __init__(self, candidates: list[Candidate], type_names: dict[str, str], property_names: dict[str, str],
                 extension: dict[str, dict[str, list[dict]]] | None = None):
        self.candidates = sorted(candidates, key=lambda c: c.id)
        self.type_names = type_names
        self.property_names = property_names
        self.by_id = {c.id: c for c in self.candidates}
        self.extension = extension or {}  # entity id -> data-extension property -> values

    # -- matching -------------------------------------------------------------------------------
    def score(self, query: str, candidate: Candidate) -> tuple[float, bool]:
        """(score 0-100, exact?) of a candidate for a query text."""
        folded = " ".join(query.split()).casefold()
        if any(folded == n.casefold() for n in candidate.names):
            return EXACT_SCORE, True
        wanted = normalise_name(query)
        normalised = [normalise_name(n) for n in candidate.names]
        if wanted and wanted in normalised:
            return NORMALISED_SCORE, True
        best = max((difflib.SequenceMatcher(None, wanted, n).ratio() for n in normalised), default=0.0)
        tokens = set(wanted.split())
        overlap = max(
            (len(tokens & set(n.split())) / len(tokens | set(n.split())) for n in normalised if n),
            default=0.0,
        )
        return round(90.0 * max(best, overlap), 2), False

    def reconcile(self, query: dict) -> list[dict]:
        text = query.get("query")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("each query needs a non-empty `query` string")
        limit = query.get("limit", DEFAULT_LIMIT)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ValueError("`limit` must be a positive integer")
        wanted_types = self.query_types(query.get("type"))
        properties = query.get("properties") or []
        if not isinstance(properties, list):
            raise ValueError("`properties` must be a list of {pid, v}")

        scored = []
        for candidate in self.candidates:
            if wanted_types and not (wanted_types & candidate.all_types):
                continue
            score, exact = self.score(text, candidate)
            bonus = self.property_bonus(properties, candidate)
            if score < FUZZY_FLOOR and not bonus:
                continue
            scored.append((min(EXACT_SCORE, score + bonus), exact, candidate))
        scored.sort(key=lambda item: (-item[0], item[2].id))
        exact_count = sum(1 for score, _, _ in scored if score == EXACT_SCORE)
        results = []
        for score, exact, candidate in scored[: min(limit, MAX_LIMIT)]:
            result = {
                "id": candidate.id,
                "name": candidate.name,
                "score": score,
                "match": score == EXACT_SCORE and exact and exact_count == 1,
                "type": [{"id": t, "name": n} for t, n in candidate.types],
            }
            if candidate.description:
                result["description"] = candidate.description
            results.append(result)
        return results

    def query_types(self, requested: object) -> set[str]:
        if requested is None:
            return set()
        names = requested if isinstance(requested, list) else [requested]
        if not all(isinstance(n, str) for n in names):
            raise ValueError("`type` must be a type id or a list of type ids")
        return {n.removeprefix(CPS_ONTOLOGY) for n in names}

    def property_bonus(self, properties: list, candidate: Candidate) -> float:
        """Up to 10 points per property whose value names or identifies one of the candidate's values."""
        bonus = 0.0
        for item in properties:
            if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
                raise ValueError("each property needs `pid` and `v`")
            values = item["v"] if isinstance(item["v"], list) else [item["v"]]
            known = candidate.values.get(item["pid"], frozenset())
            for value in values:
                text = value.get("id") if isinstance(value, dict) else value
                if isinstance(text, str) and (text in known or normalise_name(text) in known):
                    bonus += 10.0
                    break
        return bonus

    # -- suggest (autocomplete while a user types) -------------------------------------------------
    def suggest_entities(self, prefix: str, type_id: str | None = None) -> list[dict]:
        """Entities with a name or alias word starting with ``prefix``, whole-name prefixes first."""
        wanted = normalise_name(prefix) if prefix.strip() else ""
        found = []
        for candidate in self.candidates:
            if type_id and type_id.removeprefix(CPS_ONTOLOGY) not in candidate.all_types:
                continue
            normalised = [normalise_name(n) for n in candidate.names]
            if any(n.startswith(wanted) for n in normalised):
                rank = 0
            elif any(word.startswith(wanted) for n in normalised for word in n.split()):
                rank = 1
            else:
                continue
            found.append((rank, candidate.name.casefold(), candidate))
        found.sort(key=lambda item: (item[0], item[1], item[2].id))
        return [
            {"id": c.id, "name": c.name, "notable": [{"id": t, "name": n} for t, n in c.types]}
            | ({"description": c.description} if c.description else {})
            for _, _, c in found
        ]

    def suggest_types(self, prefix: str) -> list[dict]:
        used = sorted({t for c in self.candidates for t, _ in c.types} | {"Person", "Organization", "Place"})
        return _by_prefix(prefix, [(t, self.type_names.get(t, t)) for t in used])

    def suggest_properties(self, prefix: str) -> list[dict]:
        return _by_prefix(prefix, sorted(self.property_names.items()))

    def manifest(self, base_url: str) -> dict:
        suggest = {
            kind: {"service_url": base_url, "service_path": f"/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        }
        return {
            "suggest": suggest,
            "versions": ["0.2"],
            "name": "cpskg: people, organisations and places of the CPS-CTU negotiations news graph",
            "identifierSpace": CPS_ID,
            "schemaSpace": CPS_ONTOLOGY,
            "view": {"url": base_url + "/view/{{id}}"},  # a 303 redirect to the entity's IRI
            "defaultTypes": [{"id": t, "name": self.type_names.get(t, t)} for t in ("Person", "Organization", "Place")],
            "preview": {"url": base_url + "/preview?id={{id}}", "width": 400, "height": 200},
            "extend": {
                "propose_properties": {"service_url": base_url, "service_path": "/properties"},
                "property_settings": [],
            },
        }


def _by_prefix(prefix: str, pairs: list[tuple[str, str]]) -> list[dict]:
    """(id, name) pairs whose id or name starts with the prefix (case-insensitive)."""
    wanted = prefix.strip().casefold()
    return [
        {"id": i, "name": n} for i, n in pairs if i.casefold().startswith(wanted) or n.casefold().startswith(wanted)
    ]


def _local(iri: str, base: str) -> str:
    return iri[len(base) :] if iri.startswith(base) else iri


PLACE = str(SCHEMA.Place)


def _type_id(iri: str) -> str:
    """cps: classes by local name; schema:Place (the root of cities and states) as `Place`."""
    return "Place" if iri == PLACE else _local(iri, CPS_ONTOLOGY)


def entity_id(iri: str) -> str:
    """The service's id of an instance IRI: `person:Janice_Jackson` for `…/id/person/Janice_Jackson`.

    Ids carry no `/`: the API's clients percent-encode an id before putting it into the `view` and
    `preview` templates (so a `/` would arrive as `%2F` and name a different path). The `:` they encode
    as `%3A` is decoded again by this service's `/view/` redirect; `entity_iri` is the inverse.
    """
    local = _local(iri, CPS_ID)
    kind, slash, rest = local.partition("/")
    return f"{kind}:{rest}" if slash else local


def entity_iri(identifier: str) -> str:
    kind, colon, rest = identifier.partition(":")
    return CPS_ID + (f"{kind}/{rest}" if colon else identifier)


def build_index(dataset: Path, mapping: WikidataMapping | None = None) -> ReconciliationIndex:
    """The people, organisations and places of a dataset, with names, aliases, types and property values."""
    mapping = mapping or load_mapping()
    store = load_store(dataset)
    facts = read_entity_facts(store)
    # People and organisations (what the export exports) and places (a city named in a column).
    roots = {*EXPORTED_ROOT_CLASSES, PLACE}
    type_names = {_local(t, CPS_ONTOLOGY): label for t, label in mapping.labels.items() if t.startswith(CPS_ONTOLOGY)}
    type_names["Place"] = "place"
    relations = _relation_values(store, mapping, facts)
    candidates: dict[str, Candidate] = {}
    for iri, entry in facts.items():
        closure = set(entry.types) | {s for t in entry.types for s in mapping.superclasses.get(t, ())}
        if not (roots & closure) or entry.label is None or not iri.startswith(CPS_ID):
            continue
        own = [t for t in entry.types if t.startswith(CPS_ONTOLOGY)]
        specific = sorted(t for t in own if not any(t in mapping.superclasses.get(o, ()) for o in own if o != t))
        wikidata = next((w[len(WD_ENTITY) :] for w in sorted(entry.same_as) if w.startswith(WD_ENTITY)), None)
        candidates[iri] = (
            Candidate(
                id=entity_id(iri),
                name=entry.label,
                names=(entry.label, *sorted(entry.aliases - {entry.label})),
                types=tuple(
                    (
                        _local(t, CPS_ONTOLOGY),
                        type_names.get(_local(t, CPS_ONTOLOGY), _local(t, CPS_ONTOLOGY)),
                    )
                    for t in specific
                ),
                all_types=frozenset(_type_id(t) for t in closure),
                description=min(entry.descriptions) if entry.descriptions else None,
                wikidata=wikidata,
                values=relations.get(iri, {}),
            )
        )
    from builder.reconcile.extend import read_extension_values

    extension = read_extension_values(store, entity_id, candidates)
    return ReconciliationIndex(list(candidates.values()), type_names, _property_names(mapping), extension)


def _property_names(mapping: WikidataMapping) -> dict[str, str]:
    """Property ids a query may use in `properties`: cps: local names and their Wikidata P-ids."""
    names: dict[str, str] = {}
    for term in sorted(set(mapping.exact) | set(mapping.close)):
        pid = mapping.property_for(term)
        if pid is None or not term.startswith(CPS_ONTOLOGY) or mapping.datatypes.get(pid) != "wikibase-item":
            continue
        label = mapping.labels.get(term, _local(term, CPS_ONTOLOGY))
        names[_local(term, CPS_ONTOLOGY)] = label
        names.setdefault(pid, f"{label} ({pid})")
    return names


def _relation_values(store, mapping: WikidataMapping, facts) -> dict[str, dict[str, frozenset[str]]]:
    """Entity -> property -> {value id, normalised value name}, under both the cps: name and the P-id."""
    values: dict[str, dict[str, set[str]]] = {}
    query = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }"
    mapped = set(mapping.exact) | set(mapping.close)
    for row in store.query(query, use_default_graph_as_union=True):
        predicate = row["p"].value
        if predicate not in mapped or not predicate.startswith(CPS_ONTOLOGY):
            continue
        obj = row["o"].value
        keys = {_local(predicate, CPS_ONTOLOGY)} | set(mapping.ids(predicate, kind="P"))
        names = {entity_id(obj)} | {normalise_name(n) for n in ([facts[obj].label] if obj in facts else []) if n}
        for key in keys:
            values.setdefault(row["s"].value, {}).setdefault(key, set()).update(names)
    return {s: {k: frozenset(v) for k, v in props.items()} for s, props in values.items()}
