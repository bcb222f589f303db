"""An exporter-neutral model of what is exported to a Wikibase: entities, claims, qualifiers, references.

`collect.py` fills it from the graph; `quickstatements.py` and `wikibase_json.py` only render it, so the
two exports can never disagree about what is said. The model mirrors the Wikibase data model (a statement
is a main snak plus qualifier snaks plus reference blocks) and is made of frozen, ordered values so that
rendering it twice gives the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pyoxigraph as ox

from builder.namespaces import XSD

ITEM_ID = re.compile(r"Q[1-9][0-9]*")
PROPERTY_ID = re.compile(r"P[1-9][0-9]*")

# Wikibase time precisions the exporter can produce (Wikibase JSON spec, "time" datavalue).
PRECISION_DAY = 11
PRECISION_MONTH = 10
PRECISION_YEAR = 9


@dataclass(frozen=True, order=True)
class ItemValue:
    """An existing item, addressed by its verified Q-id."""

    qid: str

    def __post_init__(self) -> None:
        if not ITEM_ID.fullmatch(self.qid):
            raise ValueError(f"not an item id: {self.qid!r}")


@dataclass(frozen=True, order=True)
class StringValue:
    text: str


@dataclass(frozen=True, order=True)
class MonolingualValue:
    text: str
    language: str = "en"


@dataclass(frozen=True, order=True)
class TimeValue:
    """A Gregorian date with an explicit precision (a time without precision would be read as a year)."""

    day: date
    precision: int = PRECISION_DAY

    def wikibase_time(self) -> str:
        # Unknown parts are written as 00, as Wikibase and QuickStatements expect for coarser precisions.
        month = self.day.month if self.precision >= PRECISION_MONTH else 0
        day = self.day.day if self.precision >= PRECISION_DAY else 0
        return f"+{self.day.year:04d}-{month:02d}-{day:02d}T00:00:00Z"


@dataclass(frozen=True, order=True)
class QuantityValue:
    amount: Decimal
    unit_qid: str | None = None

    def __post_init__(self) -> None:
        if not self.amount.is_finite():
            raise ValueError(f"a quantity is a finite decimal, not {self.amount}")
        if self.unit_qid is not None and not ITEM_ID.fullmatch(self.unit_qid):
            raise ValueError(f"not a unit item id: {self.unit_qid!r}")


@dataclass(frozen=True, order=True)
class SomeValue:
    """Wikibase "unknown value": the value exists but has no item to point at (yet).

    ``datatype`` is the property's Wikibase datatype, which a value-less snak must still declare.
    """

    datatype: str = "wikibase-item"


def plain_text(text: str) -> str:
    """One line of text: control characters and line/paragraph separators as spaces, space runs collapsed."""
    spaced = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join(spaced.split())


def clip_text(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary when one is near, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + ellipsis


Value = ItemValue | StringValue | MonolingualValue | TimeValue | QuantityValue | SomeValue


def value_sort_key(value: Value) -> tuple[str, str]:
    """A total order over values of different kinds (dataclass ordering only compares one kind)."""
    if isinstance(value, TimeValue):
        return (type(value).__name__, f"{value.day.isoformat()}/{value.precision:02d}")
    return (type(value).__name__, repr(value))


@dataclass(frozen=True)
class Snak:
    property: str
    value: Value

    def __post_init__(self) -> None:
        if not PROPERTY_ID.fullmatch(self.property):
            raise ValueError(f"not a property id: {self.property!r}")

    def sort_key(self) -> tuple[int, tuple[str, str]]:
        return (int(self.property[1:]), value_sort_key(self.value))


@dataclass(frozen=True)
class Reference:
    """One reference block: the snaks stating where a claim comes from (one news article)."""

    snaks: tuple[Snak, ...]


@dataclass(frozen=True)
class Claim:
    property: str
    value: Value
    qualifiers: tuple[Snak, ...] = ()
    references: tuple[Reference, ...] = ()

    def __post_init__(self) -> None:
        if not PROPERTY_ID.fullmatch(self.property):
            raise ValueError(f"not a property id: {self.property!r}")

    def sort_key(self) -> tuple:
        return (int(self.property[1:]), value_sort_key(self.value), [q.sort_key() for q in self.qualifiers])


@dataclass(frozen=True)
class Entity:
    """An item to export: an existing one (``qid`` set) or a new one created from the graph.

    ``source`` is the graph IRI of the entity; it orders the export and names the entity in warnings.
    Terms are only given for new items: an existing Wikidata item already has curated labels.
    """

    source: str
    qid: str | None
    label: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.qid is not None and not ITEM_ID.fullmatch(self.qid):
            raise ValueError(f"not an item id: {self.qid!r}")


@dataclass(frozen=True, order=True)
class Held:
    """A statement (or a whole new item, ``property`` None) the export holds back, and why.

    ``value`` is the graph IRI of an item value that has no Wikidata id yet (the statement waits for it;
    builder.export.reconcile_first lists it in to-reconcile.csv), else None.
    """

    subject: str
    property: str | None
    value: str | None
    reason: str


@dataclass(frozen=True)
class ExportModel:
    entities: tuple[Entity, ...]
    warnings: tuple[str, ...] = ()
    held: tuple[Held, ...] = ()

    def ordered(self) -> list[Entity]:
        """The rendering order of every export: existing items by id, then new items by graph IRI."""
        return sorted(self.entities, key=lambda e: (e.qid is None, int(e.qid[1:]) if e.qid else 0, e.source))

    def ids_used(self) -> set[str]:
        """Every Q/P id the model would write (subjects, properties, item values), for id-policy checks."""
        ids: set[str] = set()

        def snak_ids(prop: str, value: Value) -> None:
            ids.add(prop)
            if isinstance(value, ItemValue):
                ids.add(value.qid)
            if isinstance(value, QuantityValue) and value.unit_qid:
                ids.add(value.unit_qid)

        for entity in self.entities:
            if entity.qid:
                ids.add(entity.qid)
            for claim in entity.claims:
                snak_ids(claim.property, claim.value)
                for qualifier in claim.qualifiers:
                    snak_ids(qualifier.property, qualifier.value)
                for reference in claim.references:
                    for snak in reference.snaks:
                        snak_ids(snak.property, snak.value)
        return ids


# Reading dates from the graph: shared by the collector and the references (builder.export.references).
_DATE_PRECISION = {
    str(XSD.date): PRECISION_DAY,
    str(XSD.gYearMonth): PRECISION_MONTH,
    str(XSD.gYear): PRECISION_YEAR,
}


def time_value(literal: ox.Literal) -> TimeValue | None:
    """A time value from an xsd:date / gYearMonth / gYear literal; anything else is not a date."""
    precision = _DATE_PRECISION.get(literal.datatype.value)
    if precision is None:
        return None
    text = literal.value.lstrip("+")
    parts = (text[:10] if precision == PRECISION_DAY else text[:7] if precision == PRECISION_MONTH else text[:4]).split(
        "-"
    )
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return TimeValue(date(*numbers), precision)
    except ValueError:
        return None
