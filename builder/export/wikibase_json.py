"""Wikibase JSON entity documents (the wbeditentity / WikibaseIntegrator shape) from the export model.

Shape as in Wikibase's docs/topics/json.md: terms keyed by language, claims keyed by property, each
statement with mainsnak, qualifiers + qualifiers-order, references with snaks + snaks-order. A new item
has no `id` (the server assigns one, with statement ids and reference hashes); an existing item carries
its verified id and only the claims we add, never terms (its labels are curated on Wikidata). Time values
always carry a precision and the Gregorian calendar model, which is part of the time datatype's value.
"""

from __future__ import annotations

import json
from typing import Any

from builder.export.model import (
    Claim,
    Entity,
    ExportModel,
    ItemValue,
    MonolingualValue,
    QuantityValue,
    Reference,
    Snak,
    SomeValue,
    StringValue,
    TimeValue,
    Value,
    clip_text,
    plain_text,
)
from builder.namespaces import WD_ENTITY

# The proleptic Gregorian calendar: the standard calendar model of Wikibase time values.
GREGORIAN = WD_ENTITY + "Q1985727"
TERM_MAX = 250

# Datatype a snak declares when the alignment does not say (derived from the kind of value).
_DEFAULT_DATATYPES = {
    ItemValue: "wikibase-item",
    StringValue: "string",
    MonolingualValue: "monolingualtext",
    TimeValue: "time",
    QuantityValue: "quantity",
}


def datavalue(value: Value) -> dict[str, Any]:
    if isinstance(value, ItemValue):
        return {
            "value": {"entity-type": "item", "numeric-id": int(value.qid[1:]), "id": value.qid},
            "type": "wikibase-entityid",
        }
    if isinstance(value, StringValue):
        return {"value": value.text, "type": "string"}
    if isinstance(value, MonolingualValue):
        return {"value": {"text": value.text, "language": value.language}, "type": "monolingualtext"}
    if isinstance(value, TimeValue):
        return {
            "value": {
                "time": value.wikibase_time(),
                "timezone": 0,
                "before": 0,
                "after": 0,
                "precision": value.precision,
                "calendarmodel": GREGORIAN,
            },
            "type": "time",
        }
    if isinstance(value, QuantityValue):
        amount = format(value.amount, "f")
        signed = amount if amount.startswith("-") else "+" + amount
        unit = WD_ENTITY + value.unit_qid if value.unit_qid else "1"
        return {"value": {"amount": signed, "unit": unit}, "type": "quantity"}
    raise TypeError(f"no Wikibase datavalue for {value!r}")


class DocumentBuilder:
    def __init__(self, datatypes: dict[str, str]):
        self.datatypes = datatypes

    def datatype(self, snak_property: str, value: Value) -> str:
        if snak_property in self.datatypes:
            return self.datatypes[snak_property]
        if isinstance(value, SomeValue):
            return value.datatype
        return _DEFAULT_DATATYPES[type(value)]

    def snak(self, snak: Snak) -> dict[str, Any]:
        if isinstance(snak.value, SomeValue):
            return {
                "snaktype": "somevalue",
                "property": snak.property,
                "datatype": self.datatype(snak.property, snak.value),
            }
        return {
            "snaktype": "value",
            "property": snak.property,
            "datavalue": datavalue(snak.value),
            "datatype": self.datatype(snak.property, snak.value),
        }

    def snak_group(self, snaks: tuple[Snak, ...]) -> tuple[dict[str, list], list[str]]:
        grouped: dict[str, list] = {}
        for snak in snaks:
            grouped.setdefault(snak.property, []).append(self.snak(snak))
        return grouped, list(grouped)

    def reference(self, reference: Reference) -> dict[str, Any]:
        snaks, order = self.snak_group(reference.snaks)
        return {"snaks": snaks, "snaks-order": order}

    def statement(self, claim: Claim) -> dict[str, Any]:
        document: dict[str, Any] = {
            "mainsnak": self.snak(Snak(claim.property, claim.value)),
            "type": "statement",
            "rank": "normal",
        }
        if claim.qualifiers:
            qualifiers, order = self.snak_group(claim.qualifiers)
            document["qualifiers"] = qualifiers
            document["qualifiers-order"] = order
        if claim.references:
            document["references"] = [self.reference(r) for r in claim.references]
        return document

    def entity(self, entity: Entity, warnings: list[str]) -> dict[str, Any]:
        document: dict[str, Any] = {"type": "item"}
        if entity.qid:
            document["id"] = entity.qid
        else:
            where = f"<{entity.source}>"
            label = term(entity.label, f"{where} label", warnings)
            description = term(entity.description, f"{where} description", warnings)
            aliases = sorted({a for a in (term(x, f"{where} alias", warnings) for x in entity.aliases) if a})
            document["labels"] = {"en": {"language": "en", "value": label}} if label else {}
            document["descriptions"] = {"en": {"language": "en", "value": description}} if description else {}
            document["aliases"] = {"en": [{"language": "en", "value": a} for a in aliases]} if aliases else {}
        claims: dict[str, list] = {}
        for claim in entity.claims:
            claims.setdefault(claim.property, []).append(self.statement(claim))
        document["claims"] = claims
        return document


def term(text: str | None, where: str, warnings: list[str]) -> str | None:
    if not text:
        return None
    clipped = clip_text(plain_text(text), TERM_MAX)
    if clipped != text:
        warnings.append(f"{where}: {text[:60]!r} shortened to the {TERM_MAX}-character term limit")
    return clipped


def to_documents(model: ExportModel, datatypes: dict[str, str]) -> tuple[list[dict[str, Any]], list[str]]:
    """One entity document per exported entity, existing items first (by id), then new ones."""
    warnings: list[str] = []
    builder = DocumentBuilder(datatypes)
    ordered = model.ordered()
    return [builder.entity(entity, warnings) for entity in ordered], warnings


def to_json_bytes(documents: list[dict[str, Any]]) -> bytes:
    return (json.dumps(documents, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def with_server_ids(document: dict[str, Any], number: int) -> dict[str, Any]:
    """A copy of a document with the ids a Wikibase server assigns when it saves one: entity id (for a
    new item a placeholder ``Q9000000nn``), revision, statement ids and reference hashes.

    Parsers of server responses, WikibaseIntegrator's ``ItemEntity.from_json`` among them, require these;
    this lets the documents be checked against such a parser offline. Never written to the export.
    """
    served = json.loads(json.dumps(document))
    served.setdefault("id", f"Q{900000000 + number}")
    served["lastrevid"] = 1
    for prop, statements in served["claims"].items():
        for index, statement in enumerate(statements):
            statement["id"] = f"{served['id']}${prop}-{index}"
            for ref_index, reference in enumerate(statement.get("references", [])):
                reference["hash"] = f"{prop}-{index}-{ref_index}"
    return served
