"""Wikibase JSON export: spec-shaped entity documents that WikibaseIntegrator's models parse offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.export import ENTITIES_JSON, export_wikibase_json
from builder.export.mapping import DEFAULT_ALIGNMENT
from builder.export.wikibase_json import with_server_ids

# The Wikibase JSON is checked against wikibaseintegrator's own model: an optional extra.
ItemEntity = pytest.importorskip(
    "wikibaseintegrator.entities", reason="needs the wikidata extra: pip install 'cpskg[wikidata]'").ItemEntity

FIXTURES = Path(__file__).parents[1] / "fixtures" / "export"
ALIGNMENT = (FIXTURES / "ontology.ttl", DEFAULT_ALIGNMENT)
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """Every entity reconciled by hand and found absent, exported with --create-new-items."""
    from tests.export.test_export_quickstatements import write_all_absent

    out = tmp_path_factory.mktemp("wikibase")
    options = write_all_absent(FIXTURES / "graph.trig", out / "curation")
    export_wikibase_json(FIXTURES / "graph.trig", out, options=options)
    return json.loads((out / ENTITIES_JSON).read_text(encoding="utf-8"))


def by_label(documents: list[dict], label: str) -> dict:
    return next(d for d in documents if d.get("labels", {}).get("en", {}).get("value") == label)


def test_new_item_document_shape(documents: list[dict]) -> None:
    jackson = by_label(documents, "Janice Jackson")
    assert "id" not in jackson and jackson["type"] == "item"
    assert jackson["descriptions"]["en"] == {
        "language": "en",
        "value": "Chief Executive Officer of Chicago Public Schools",
    }
    assert jackson["aliases"]["en"] == [{"language": "en", "value": "Jackson"}]
    assert set(jackson["claims"]) == {"P31"}  # no position without an item, no "unknown value"
    [p31] = jackson["claims"]["P31"]
    assert p31["mainsnak"]["datavalue"]["value"]["id"] == "Q5"
    assert p31["rank"] == "normal" and p31["type"] == "statement"
    [reference] = p31["references"]  # WTTW's article identifies nothing: no second block
    assert reference["snaks-order"] == ["P123", "P577", "P813", "P854", "P1476", "P2093"]
    assert reference["snaks"]["P1476"][0]["datavalue"]["value"] == {
        "text": "CPS and CTU reach a tentative deal",
        "language": "en",
    }
    assert reference["snaks"]["P123"][0]["datavalue"]["value"]["id"] == "Q47596"
    assert reference["snaks"]["P854"][0]["datavalue"] == {
        "value": "https://example.org/tribune/cps-ctu-deal", "type": "string"}
    [published] = reference["snaks"]["P577"]
    time = published["datavalue"]["value"]
    assert time["time"] == "+2021-02-07T00:00:00Z"
    assert time["precision"] == 11 and time["calendarmodel"] == GREGORIAN and time["timezone"] == 0


def test_existing_item_has_its_id_and_no_terms(documents: list[dict]) -> None:
    chicago = next(d for d in documents if d.get("id") == "Q1297")
    assert set(chicago) == {"type", "id", "claims"}
    assert chicago["claims"]["P6"][0]["mainsnak"]["datavalue"]["value"]["id"] == "Q56486914"


def test_every_document_parses_into_wikibaseintegrator_models(documents: list[dict]) -> None:
    """Parsed with the ids a server assigns (placeholders): WikibaseIntegrator's parser reads server
    responses and requires entity id, revision, statement ids and reference hashes."""
    for number, document in enumerate(documents):
        served = with_server_ids(document, number)
        item = ItemEntity().from_json(served)
        assert item.id == served["id"]
        rendered = item.get_json()
        assert rendered["claims"].keys() == document["claims"].keys()
        for prop, statements in document["claims"].items():
            for ours, theirs in zip(statements, rendered["claims"][prop], strict=True):
                assert theirs["mainsnak"] == ours["mainsnak"]
                assert theirs.get("qualifiers-order", []) == ours.get("qualifiers-order", [])
                assert [r["snaks"] for r in theirs.get("references", [])] == [
                    r["snaks"] for r in ours.get("references", [])
                ]
        if "labels" in document:
            assert item.labels.get("en").value == document["labels"]["en"]["value"]
            assert [a.value for a in item.aliases.get("en") or []] == [
                a["value"] for a in document["aliases"].get("en", [])
            ]


def test_reexport_is_byte_identical(tmp_path: Path) -> None:
    from tests.export.test_export_quickstatements import write_all_absent

    options = write_all_absent(FIXTURES / "graph.trig", tmp_path / "curation")
    export_wikibase_json(FIXTURES / "graph.trig", tmp_path / "a", options=options)
    export_wikibase_json(FIXTURES / "graph.trig", tmp_path / "b", options=options)
    assert (tmp_path / "a" / ENTITIES_JSON).read_bytes() == (tmp_path / "b" / ENTITIES_JSON).read_bytes()


def test_quantities_and_unknown_values_render_per_spec() -> None:
    from decimal import Decimal

    from builder.export.model import QuantityValue, Snak, SomeValue
    from builder.export.wikibase_json import DocumentBuilder, datavalue

    assert datavalue(QuantityValue(Decimal("1500"))) == {"value": {"amount": "+1500", "unit": "1"}, "type": "quantity"}
    assert datavalue(QuantityValue(Decimal("-2.5"), "Q11573"))["value"] == {
        "amount": "-2.5",
        "unit": "http://www.wikidata.org/entity/Q11573",
    }
    with pytest.raises(ValueError):
        QuantityValue(Decimal("NaN"))
    snak = DocumentBuilder({}).snak(Snak("P39", SomeValue()))
    assert snak == {"snaktype": "somevalue", "property": "P39", "datatype": "wikibase-item"}
