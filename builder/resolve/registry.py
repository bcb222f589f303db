"""The curated entity registry (curation/entities.yaml): canonical names, aliases, abbreviations, types and
verified Wikidata ids of the entities whose handling needs outside knowledge.

The registry is checked when loaded, so a curation slip fails the build with the file named: an unknown
cps: class, a kind that does not fit the class, a Wikidata id that is not an item of
curation/wikidata-ids.tsv (ids are never recalled from memory), or one surface form given to two entities.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import yaml

from builder.emit.mint import entity_iri, normalise_name
from builder.errors import InputError
from builder.vocab import CPS
from builder.wikidata_ids import load_verified_ids

KINDS = ("person", "organization", "place")
# Which cps: classes a kind may take, so that "kind: person, class: LabourUnion" is refused.
_KIND_OF_PLACE_CLASSES = {"City", "State"}


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation or place, resolved (the seam shared by every extractor)."""

    iri: ox.NamedNode
    kind: str  # "person" | "organization" | "place"
    label: str  # canonical name
    classes: tuple[str, ...]  # cps: class IRIs
    # Other names the article gives it ("board of trustees" for "board of trustees of X"); not identity.
    aliases: tuple[str, ...] = field(default=(), compare=False)

    def is_a(self, cls: object) -> bool:
        """Whether one of the entity's classes is `cls` or a subclass of it (per the ontology)."""
        from builder.ontology import superclasses

        target = str(cls)
        return any(c == target or target in superclasses(c) for c in self.classes)


@dataclass(frozen=True)
class RegistryEntry:
    entity: Entity
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    wikidata: str | None = None

    def surface_forms(self) -> tuple[str, ...]:
        return (self.entity.label, *self.aliases, *self.abbreviations)


@dataclass
class Registry:
    entries: list[RegistryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_surface: dict[str, RegistryEntry] = {}
        self._by_iri: dict[str, RegistryEntry] = {}
        for entry in self.entries:
            self._by_iri[entry.entity.iri.value] = entry
            for form in entry.surface_forms():
                key = normalise_name(form)
                other = self._by_surface.get(key)
                if other is not None and other is not entry:
                    raise InputError(
                        f"curation/entities.yaml: {form!r} names both {other.entity.label!r} and "
                        f"{entry.entity.label!r}"
                    )
                self._by_surface[key] = entry

    def surface_forms(self) -> list[tuple[str, RegistryEntry]]:
        """Every (surface form, entry), longest first so that a matcher prefers the longest name."""
        return sorted(((form, entry) for entry in self.entries for form in entry.surface_forms()),
                      key=lambda pair: (-len(pair[0]), pair[0]))

    def lookup(self, name: str) -> RegistryEntry | None:
        return self._by_surface.get(normalise_name(name))

    def entry_for(self, entity: Entity) -> RegistryEntry | None:
        return self._by_iri.get(entity.iri.value)

    def people(self) -> list[RegistryEntry]:
        return [e for e in self.entries if e.entity.kind == "person"]


def cps_class(local: str, where: str) -> str:
    try:
        return str(getattr(CPS, local))
    except AttributeError:
        raise InputError(f"{where}: cps:{local} is not a class of the ontology") from None


def verified_item_ids(tsv: Path) -> set[str]:
    """Q-ids of the `item` and `class` rows of the verified Wikidata id list."""
    return load_verified_ids(tsv).item_ids()


def load_registry(curation_dir: Path = Path("curation")) -> Registry:
    """The registry of `curation_dir`, parsed once per process for the same file contents.

    Each article's extraction asks for it; parsing the YAML took ~0.1 s per article at scale. The cache
    is keyed by the bytes of both files (not their mtimes), so an edited registry is always re-read, and
    errors are raised every time (they are never cached). Entries are frozen dataclasses, and nothing
    mutates a Registry after construction, so one shared object is safe.
    """
    path = curation_dir / "entities.yaml"
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: the entity registry is missing") from None
    tsv = curation_dir / "wikidata-ids.tsv"
    return _parsed_registry(str(path), text, str(tsv), tsv.read_bytes() if tsv.is_file() else None)


@functools.lru_cache(maxsize=8)
def _parsed_registry(path_name: str, text: bytes, tsv_name: str, tsv_bytes: bytes | None) -> Registry:
    path = Path(path_name)
    try:
        data = yaml.safe_load(text.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 at byte {err.start}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise InputError(f"{where}: malformed YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise InputError(f"{path}: expected a mapping with a list under 'entities'")
    verified = verified_item_ids(Path(tsv_name))
    return Registry([_entry(raw, i, path, verified) for i, raw in enumerate(data["entities"])])


def _entry(raw: object, index: int, path: Path, verified: set[str]) -> RegistryEntry:
    where = f"{path}: entity #{index + 1}"
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise InputError(f"{where}: every entity needs a 'name'")
    name = normalise_name(raw["name"])
    where = f"{path}: {name!r}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    local = raw.get("class")
    if not isinstance(local, str):
        raise InputError(f"{where}: a cps: class is required")
    if (kind == "place") != (local in _KIND_OF_PLACE_CLASSES) or (kind == "person") != (local == "Person"):
        raise InputError(f"{where}: class cps:{local} does not fit kind {kind!r}")
    wikidata = raw.get("wikidata")
    if wikidata is not None and wikidata not in verified:
        raise InputError(f"{where}: Wikidata id {wikidata!r} is not in curation/wikidata-ids.tsv")
    entity = Entity(entity_iri(kind, name), kind, name, (cps_class(local, where),))
    return RegistryEntry(entity, _strings(raw, "aliases", where), _strings(raw, "abbreviations", where),
                         wikidata)


def _strings(raw: dict, key: str, where: str) -> tuple[str, ...]:
    values = raw.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise InputError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(normalise_name(v) for v in values)
