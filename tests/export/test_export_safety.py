"""The Wikidata export is safe to paste (issue 16): reconcile first, reference properly, never guess.

Two made-up reports (tests/fixtures/export/articles) go through the real pipeline (ingest, emit,
extract); the export of their graph is checked for what Wikidata's rules demand, and the OpenRefine round
trip (to-reconcile.csv -> OpenRefine's CSV export -> `cpskg curate import-ids` -> export) is run on a file
written the way OpenRefine writes it.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from wikibaseintegrator.entities import ItemEntity

from builder.cli.main import main
from builder.export import ExportOptions, export_bundle
from builder.export.qs_check import check_batch, check_csv
from builder.export.qs_policy import check_policy
from builder.export.reconciled_ids import RECONCILED_FILE, import_ids, load_reconciled
from builder.export.wikibase_json import with_server_ids
from builder.ingest.articles import ingest_article
from builder.ingest.document import ArticleMeta, MetaValue
from tests.extraction_support import graph_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "export"
T = "\t"
ID = "https://w3id.org/cpskg/id/"
URL_A = "https://example.org/tribune/cps-ctu-deal"
URL_B = "https://example.org/struggle/final-offer"
WEINGARTEN = "Q7291716"  # curation/wikidata-ids.tsv: Randi Weingarten


def tribune(**changes) -> ArticleMeta:
    fields = dict(
        id="tribune-deal", file="articles/tribune-deal.txt",
        date_published=MetaValue(date(2021, 2, 7), "stated", "February 7, 2021"),
        publisher=MetaValue("Chicago Tribune", "stated", "Chicago Tribune —"),
        headline=MetaValue("CPS and CTU reach a tentative deal", "stated", "CPS and CTU reach a tentative deal"),
        authors=(MetaValue("Hannah Leone", "stated", "By Hannah Leone"),),
        url=URL_A, retrieved=date(2021, 2, 8))
    return ArticleMeta(**{**fields, **changes})


def struggle(**changes) -> ArticleMeta:
    fields = dict(
        id="struggle-offer", file="articles/struggle-offer.txt",
        date_published=MetaValue(date(2021, 2, 5), "inferred", "on Thursday", "reported after a Thursday event"),
        publisher=MetaValue("Struggle - La Lucha", "stated", "Struggle - La Lucha"),
        url=URL_B, retrieved=date(2021, 2, 6))
    return ArticleMeta(**{**fields, **changes})


def store_of(*metas: ArticleMeta):
    return graph_of([ingest_article(FIXTURES, meta) for meta in metas])


@pytest.fixture(scope="module")
def store():
    return store_of(tribune(), struggle())


def export(store, curation: Path, create: bool = False):
    return export_bundle(store, ExportOptions(curation_dir=curation, create_new_items=create))


def lines(bundle) -> list[str]:
    return bundle.files["quickstatements.tsv"].decode().splitlines()


def to_reconcile(bundle) -> dict[str, dict]:
    rows = csv.DictReader(io.StringIO(bundle.files["to-reconcile.csv"].decode()))
    return {row["iri"]: row for row in rows}


def held(bundle, name: str, prop: str | None) -> list[str]:
    return [h.reason for h in bundle.model.held if h.subject.endswith("/" + name) and h.property == prop]


def test_by_default_nothing_is_created_and_only_referenced_statements_about_items_are_exported(store, tmp_path):
    bundle = export(store, tmp_path)
    # One reference per article, in date order: struggle-offer's (retrieved 6 February), tribune-deal's.
    assert lines(bundle) == [
        f"Q1297{T}P6{T}Q56486914{T}S813{T}+2021-02-06T00:00:00Z/11{T}S854{T}\"{URL_B}\"{T}"
        f"!S123{T}Q47596{T}S577{T}+2021-02-07T00:00:00Z/11{T}S813{T}"
        f"+2021-02-08T00:00:00Z/11{T}S854{T}\"{URL_A}\"{T}S1476{T}en:\"CPS and CTU reach a tentative deal\"{T}"
        f"S2093{T}\"Hannah Leone\""
    ]
    assert bundle.summary["items_created"] == 0 and bundle.summary["statements"] == 1
    assert json.loads(bundle.files["entities.json"])[0]["id"] == "Q1297"


def test_an_inferred_publication_date_is_never_p577(store, tmp_path):
    """struggle-offer's date is inferred: its reference (URL, retrieved) has no S577."""
    [line] = lines(export(store, tmp_path))
    first = line.split(f"{T}!S")[0]
    assert URL_B in first and "577" not in first


def test_a_statement_whose_articles_identify_nothing_is_held_with_a_warning_naming_the_article(tmp_path):
    bundle = export(store_of(struggle(url=None, retrieved=None)), tmp_path)
    assert lines(bundle) == []
    assert held(bundle, "Chicago", "P6") == ["no reference identifies its source (see the warnings)"]
    [warning] = [w for w in bundle.warnings if "no reference identifies" in w]
    assert warning.startswith("articles/struggle-offer.txt:") and "`url:`" in warning
    assert "'Struggle - La Lucha'" in warning


def test_a_named_value_without_an_item_waits_in_to_reconcile_never_unknown_value(store, tmp_path):
    bundle = export(store, tmp_path)
    text = bundle.files["quickstatements.tsv"].decode() + bundle.files["entities.json"].decode()
    assert "somevalue" not in text and "P1932" not in text and "P1810" not in text
    assert held(bundle, "Chicago_Teachers_Union", "P488") == [
        "waits for an item for 'Jesse Sharkey' (to-reconcile.csv)"]
    row = to_reconcile(bundle)[ID + "person/Jesse_Sharkey"]
    assert row["waiting"] == "Chicago Teachers Union: P488 chairperson | its P463 member of"
    assert (row["label"], row["type"], row["type_label"]) == ("Jesse Sharkey", "Q5", "human")
    assert row["sentences"] == "CTU President Jesse Sharkey said members would vote on the deal this week."
    assert row["status"] == "not reconciled yet"


def test_to_reconcile_lists_each_entity_without_id_once_and_nothing_with_one(store, tmp_path):
    rows = to_reconcile(export(store, tmp_path))
    assert ID + "person/Lori_Lightfoot" not in rows and ID + "organization/Chicago_Tribune" not in rows
    assert rows[ID + "organization/Chicago_Public_Schools"]["aliases"] == "CPS"
    # a position the P39 statement waits for is listed too, with the statement
    mayor = next(r for i, r in rows.items() if "/post/mayor-of-city-of-chicago" in i)
    assert mayor["waiting"] == "Lori Lightfoot: P39 position held"


def test_jobs_positions_and_affiliations_as_the_text_states_them(store, tmp_path):
    bundle = export(store, tmp_path)
    # "Daniel Suhr, with the Liberty Justice Center": the graph states an affiliation (schema:affiliation),
    # not a membership, so no "member of" (P463) is exported or even proposed
    assert not held(bundle, "Daniel_Suhr", "P463")
    assert not [line for line in lines(bundle) if "P463" in line]
    affiliation = bool(store.query(
        "PREFIX schema: <http://schema.org/> ASK { GRAPH ?g { <https://w3id.org/cpskg/id/person/Daniel_Suhr> "
        "schema:affiliation <https://w3id.org/cpskg/id/organization/Liberty_Justice_Center> } }"))
    assert affiliation
    [ruiz] = held(bundle, "Ana_Ruiz", "P108")
    assert ruiz.startswith("employer: the text does not state it (the organisation is implied, not named")
    assert any("'reporter of Chicago Tribune' is not one" in r for r in held(bundle, "Hannah_Leone", "P39"))


def openrefine_export(bundle, decisions: dict[str, tuple[str, str, str, str]]) -> str:
    """to-reconcile.csv as OpenRefine exports it after reconciliation: its columns, then the ones the
    README's GREL expressions add (qid, score, judgment, judgment_action); an undecided row is `none`."""
    source = list(csv.reader(io.StringIO(bundle.files["to-reconcile.csv"].decode())))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # OpenRefine's CSV exporter writes CRLF
    writer.writerow([*source[0], "qid", "score", "judgment", "judgment_action"])
    for row in source[1:]:
        name = row[0].rsplit("/", 1)[1]
        writer.writerow([*row, *decisions.get(name, ("", "", "none", "unknown"))])
    return out.getvalue()


def test_openrefine_round_trip_matches_records_evidence_and_creates_only_when_asked(store, tmp_path):
    first = export(store, tmp_path)
    reconciled = tmp_path / "openrefine.csv"
    reconciled.write_text(openrefine_export(first, {
        "Randi_Weingarten": (WEINGARTEN, "100.0", "matched", "single"),
        "American_Federation_of_Teachers": ("", "", "new", "single"),
        "Hannah_Leone": ("", "", "new", "similar"),
    }), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["curate", "import-ids", str(reconciled), "--curation", str(tmp_path),
                                  "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "recorded 3 reconciliations" in result.output and "3 checked by hand (used)" in result.output
    recorded = (tmp_path / RECONCILED_FILE).read_text(encoding="utf-8")
    assert ("reconciled in OpenRefine against Wikidata on 2026-12-01, score 100.0, by hand-check Y: matched "
            f"{WEINGARTEN}") in recorded

    # Without --create-new-items: the matched id is used (no longer to reconcile), nothing is created.
    after = export(store, tmp_path)
    assert ID + "person/Randi_Weingarten" not in to_reconcile(after)
    assert "CREATE" not in lines(after)
    assert to_reconcile(after)[ID + "organization/American_Federation_of_Teachers"]["status"].startswith(
        "reconciled in OpenRefine against Wikidata on 2026-12-01, score not given, by hand-check Y: no item found")

    # With it: the union (chairperson: the reconciled Weingarten) and the reporter are created.
    created = export(store, tmp_path, create=True)
    batch = lines(created)
    union = batch.index(f'LAST{T}Len{T}"American Federation of Teachers"')
    assert batch[union - 1] == "CREATE"
    assert any(line.startswith(f"LAST{T}P488{T}{WEINGARTEN}{T}P585{T}+2021-02-07T00:00:00Z/11{T}S123{T}Q47596")
               for line in batch)
    reporter = batch[batch.index(f'LAST{T}Len{T}"Hannah Leone"'):]
    assert any(line.startswith(f"LAST{T}P106{T}Q1930187{T}S123") for line in reporter)  # journalist
    assert any(line.startswith(f"LAST{T}P108{T}Q47596{T}") for line in reporter)  # stated: "Chicago Tribune's"
    assert not any(f"{T}P39{T}" in line for line in batch)
    text = created.files["quickstatements.tsv"].decode()
    assert check_batch(text) == [] and check_csv(created.files["quickstatements.csv"].decode()) == []
    assert check_policy(text, allow_create=True) == []
    assert {p.rule for p in check_policy(text)} == {"create"}  # the same batch, not allowed to create

    documents = json.loads(created.files["entities.json"])
    for number, document in enumerate(documents):
        entity = ItemEntity().from_json(with_server_ids(document, number))
        assert entity.get_json()["claims"].keys() == document["claims"].keys()
    assert [d.get("id") for d in documents] == ["Q1297", None, None]


def test_an_unchecked_match_is_recorded_but_not_used(store, tmp_path):
    reconciled = tmp_path / "openrefine.csv"
    reconciled.write_text(openrefine_export(export(store, tmp_path), {
        "Randi_Weingarten": (WEINGARTEN, "71.5", "matched", "auto")}), encoding="utf-8")
    records, skipped, _ = import_ids(reconciled, tmp_path, date(2026, 12, 1))
    assert [r.hand_checked for r in records] == [False] and skipped > 0
    assert load_reconciled(tmp_path / RECONCILED_FILE).qid(ID + "person/Randi_Weingarten") is None
    row = to_reconcile(export(store, tmp_path))[ID + "person/Randi_Weingarten"]
    assert row["status"].endswith("not used until checked by hand (set hand_checked to Y)")


def test_created_entity_without_an_identifying_reference_is_not_created(tmp_path):
    """Only struggle-offer (no URL, publisher without id) mentions Ana Ruiz: reconciled as absent, she
    still is not created, because no statement about her has a reference that identifies its source."""
    store = store_of(struggle(url=None, retrieved=None))
    (tmp_path / RECONCILED_FILE).write_text(
        "iri\tlabel\tqid\treconciled_on\tscore\thand_checked\tevidence\n"
        f"{ID}person/Ana_Ruiz\tAna Ruiz\t\t2026-12-01\t\tY\tno item\n", encoding="utf-8")
    bundle = export(store, tmp_path, create=True)
    assert lines(bundle) == []
    assert held(bundle, "Ana_Ruiz", None) == ["no statement with a reference that identifies its source"]


def test_an_article_marked_not_for_export_gives_nothing(tmp_path):
    bundle = export(store_of(tribune(), struggle(export=False)), tmp_path)
    rows = to_reconcile(bundle)
    assert ID + "organization/Liberty_Justice_Center" not in rows and ID + "person/Ana_Ruiz" not in rows
    assert URL_B not in bundle.files["quickstatements.tsv"].decode()
    assert not any("struggle" in w for w in bundle.warnings)


@pytest.mark.parametrize(("cells", "message"), [
    ({"qid": "Q12x"}, "qid 'Q12x' is not a Wikidata item id"),
    ({"qid": "Q0"}, "qid 'Q0' is not a Wikidata item id"),
    ({"judgment": "maybe"}, "judgment must be one of"),
    ({"judgment": "matched", "qid": ""}, "judgment matched but no qid"),
    ({"judgment": "new"}, "judgment new (no item) but qid"),
    ({"iri": "https://example.org/x"}, "iri must be an entity IRI of this dataset"),
    ({"score": "high"}, "score 'high' is not a number"),
    ({"qid": "Q5"}, "Q5 is a class in the verified id list (human)"),
])
def test_a_bad_row_of_the_openrefine_export_is_exit_2_naming_file_and_line(tmp_path, cells, message):
    row = {"iri": ID + "person/Jesse_Sharkey", "label": "Jesse Sharkey", "qid": "Q7291716", "score": "90",
           "judgment": "matched", "judgment_action": "single", **cells}
    path = tmp_path / "openrefine.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    result = CliRunner().invoke(main, ["curate", "import-ids", str(path), "--curation", str(tmp_path),
                                       "--date", "2026-12-01"])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"cpskg: error: {path}") and message in line
    assert not (tmp_path / RECONCILED_FILE).exists()


def test_an_openrefine_export_without_the_reconciliation_columns_is_exit_2(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("iri,label\nhttps://w3id.org/cpskg/id/person/X,X\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["curate", "import-ids", str(path), "--curation", str(tmp_path)])
    assert result.exit_code == 2 and "missing columns ['judgment', 'judgment_action', 'qid']" in result.output


def test_test_articles_are_never_exported():
    """tests/articles/*: their sidecars load as `export: false` (tests/extraction_support.py), so even the
    full pipeline's export of them is empty."""
    from tests.extraction_support import ARTICLES, load_sidecar, sidecars

    articles = [load_sidecar(path)[0] for path in sidecars()]
    assert articles and all(a.meta.export is False for a in articles)
    bundle = export_bundle(graph_of(articles[:2]), ExportOptions(curation_dir=ARTICLES))
    assert bundle.files["quickstatements.tsv"] == b"" and bundle.summary["entities_to_reconcile"] == 0
