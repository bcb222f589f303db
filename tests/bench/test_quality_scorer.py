"""The quality benchmark's scorer (bench/quality/) on a small hand-made article, graph and gold file.

The graph is written by hand in TriG (offsets computed from the text so that they are right by
construction); every count is asserted exactly, so a matcher that grows lenient or strict fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.quality.gold import GoldError, parse_gold
from bench.quality.graph import ArticleGraph, load_store
from bench.quality.score import norm_name, score_article, value_matches

TEXT = (
    "By Kim Lee\n"
    "Photo by Jane Doe\n"
    "Union president Ana Ruiz of the Springfield Transit Union said 4,800 members will strike on March 4.\n"
    "\"We are ready,\" Ruiz said. \"Nobody wants this,\" said Mayor Tom Hale, who offered a 3 percent raise.\n"
    "Share this story\n"
)

PREFIXES = """
@prefix cps: <https://w3id.org/cpskg/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix a: <https://w3id.org/cpskg/id/article/> .
"""

ROLES = {"https://w3id.org/cpskg/ontology#PresidentRole": ["president"]}


def at(needle: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def span(needle: str, occurrence: int = 1, kind: str = "") -> str:
    """A NIF string of the article at `needle`, with its offsets; `kind` adds a paragraph kind."""
    b, e = at(needle, occurrence)
    node = f"<https://w3id.org/cpskg/id/article/t1#char={b},{e}>"
    extra = f'; cps:paragraphKind "{kind}"' if kind else ""
    return (f'{node} a nif:String{", nif:Paragraph" if kind else ""} ; nif:referenceContext a:t1 ; '
            f'nif:beginIndex "{b}"^^xsd:nonNegativeInteger ; nif:endIndex "{e}"^^xsd:nonNegativeInteger {extra} .')


def iri(needle: str, occurrence: int = 1) -> str:
    b, e = at(needle, occurrence)
    return f"<https://w3id.org/cpskg/id/article/t1#char={b},{e}>"


def trig() -> str:
    text = TEXT.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    furniture = iri("Share this story")
    body = f"""
a:t1 a nif:Context ; nif:isString "{text}" ; nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    schema:author id:person/Kim_Lee ; schema:publisher id:organization/Springfield_News .
id:evidence/author a cps:MetadataEvidence ; cps:forProperty schema:author ; cps:evidence {iri("By Kim Lee")} .
{span("By Kim Lee", kind="byline")}
{span("Kim Lee")}
{span("Photo by Jane Doe", kind="body")}
{span("Jane Doe")}
{span("Share this story", kind="share")}
{furniture} a cps:PageFurniture .
{span("Ana Ruiz")}
{span("Union president Ana Ruiz")}
{span("Springfield Transit Union")}
{span("Ruiz", 2)}
{span("We are ready")}
{span("Nobody wants this")}
{span("4,800")}
{span("3 percent")}
{span("strike")}

id:person/Kim_Lee a schema:Person ; rdfs:label "Kim Lee" ; gaf:denotedBy {iri("Kim Lee")} .
id:person/Jane_Doe a schema:Person ; rdfs:label "Jane Doe" ; gaf:denotedBy {iri("Jane Doe")} .
id:person/Ana_Ruiz a schema:Person ; rdfs:label "Ana Ruiz" ; gaf:denotedBy {iri("Ana Ruiz")} .
# Tom Hale is named at "Ruiz" (second occurrence): a mention outside the gold evidence "Mayor Tom Hale"
id:person/Tom_Hale a schema:Person ; rdfs:label "Tom Hale" ; gaf:denotedBy {iri("Ruiz", 2)} .
id:organization/STU a schema:Organization ; rdfs:label "Springfield Transit Union" ; skos:altLabel "STU" ;
    gaf:denotedBy {iri("Springfield Transit Union")} .
id:post/p1 a org:Post ; rdfs:label "president of Springfield Transit Union" ; org:heldBy id:person/Ana_Ruiz ;
    org:postIn id:organization/STU ; org:role cps:PresidentRole ; gaf:denotedBy {iri("Union president Ana Ruiz")} .
id:quotation/q1 a schema:Quotation ; schema:text "We are ready" ; schema:creator id:person/Ana_Ruiz ;
    gaf:denotedBy {iri("We are ready")} .
# the right words, the wrong speaker (the gold says Tom Hale)
id:quotation/q2 a schema:Quotation ; schema:text "Nobody wants this" ; schema:creator id:person/Ana_Ruiz ;
    gaf:denotedBy {iri("Nobody wants this")} .
id:quantity/n1 a cps:Quantity ; schema:value 4800.0 ; prov:wasAttributedTo id:person/Ana_Ruiz ;
    gaf:denotedBy {iri("4,800")} .
# the wrong value: 30 for "3 percent"
id:quantity/n2 a cps:Quantity ; schema:value 30 ; gaf:denotedBy {iri("3 percent")} .
id:event/e1 a sem:Event , cps:Event , cps:Strike ; rdfs:label "Strike" ; sem:hasTimeStamp "2025-03-04"^^xsd:date ;
    gaf:denotedBy {iri("strike")} .
"""
    body = re.sub(r"\bid:([\w/]+)", r"<https://w3id.org/cpskg/id/\1>", body)
    return PREFIXES + "<https://w3id.org/cpskg/graph/article/t1> {\n" + body + "\n}\n"


GOLD = "\n".join([
    "# a hand-made gold file",
    "kind\tsubject\trelation\tobject\tevidence\toccurrence",
    "person\tAna Ruiz\t\t\tAna Ruiz\t",
    "person\tTom Hale\t\t\tMayor Tom Hale\t",
    "person\tDr. Pat Q. Moss\t\t\tUnion president\t",
    "org\tSpringfield Transit Union\t\tSTU\tSpringfield Transit Union\t",
    "post\tAna Ruiz\tpresident\tSTU\tpresident Ana Ruiz\t",
    "quote\tAna Ruiz\tdirect\t\tWe are ready\t",
    "quote\tTom Hale\tdirect\t\tNobody wants this\t",
    "number\t4800\tmembers\tAna Ruiz\t4,800\t",
    "number\t3\tpercent raise\tTom Hale\t3 percent\t",
    "date\t2025-03-04\tstrike\tthe strike\tMarch 4\t",
    "event\tstrike\t\tthe strike\tstrike\t",
    "clutter\t\tbyline\t\tBy Kim Lee\t",
    "clutter\t\tcredit\t\tPhoto by Jane Doe\t",
    "clutter\t\tshare\t\tShare this story\t",
]) + "\n"


@pytest.fixture()
def scored(tmp_path: Path):
    (tmp_path / "t1.trig").write_text(trig(), encoding="utf-8")
    (tmp_path / "t1.tsv").write_text(GOLD, encoding="utf-8")
    graph = ArticleGraph.from_store(load_store(tmp_path / "t1.trig"), "t1")
    assert graph.text == TEXT
    return score_article(graph, parse_gold(tmp_path / "t1.tsv", TEXT), ROLES)


def counts(scored, kind: str) -> tuple[int, int, int, int]:
    s = scored.kinds[kind]
    return s.gold, s.gold_found, s.graph, s.graph_matched


def test_person_hit_miss_and_a_mention_outside_the_evidence(scored):
    """Ana Ruiz is a hit; Tom Hale is named in the graph but grounded at "Ruiz", not at "Mayor Tom Hale": a
    miss and an ungrounded false positive; Pat Moss is not in the graph; Kim Lee (author, byline only) is
    excused; Jane Doe (a photo credit) is a false positive."""
    assert counts(scored, "person") == (3, 1, 3, 1)
    assert scored.kinds["person"].ungrounded == 1
    assert scored.metadata_only == ["Kim Lee"]


def test_org_and_post(scored):
    assert counts(scored, "org") == (1, 1, 1, 1)
    assert counts(scored, "post") == (1, 1, 1, 1)


def test_quote_found_with_the_wrong_speaker(scored):
    assert counts(scored, "quote") == (2, 2, 2, 2)
    assert counts(scored, "quote-speaker") == (2, 1, 2, 1)


def test_number_with_the_wrong_value(scored):
    assert counts(scored, "number") == (2, 1, 2, 1)
    assert scored.kinds["number"].ungrounded == 0
    assert counts(scored, "number-attribution") == (2, 1, 2, 1)


@pytest.mark.parametrize(("graph", "gold", "matches"), [
    ("0.3333", "0.333", True), ("0.3333", "0.3333", True), ("0.1429", "0.143", True), ("0.25", "0.25", True),
    ("0.6667", "0.667", True), ("4800", "4800", True),
    ("40.4", "40", False),  # a whole gold number is exact
    ("0.3", "0.333", False),  # a coarser graph value does not round up to the gold
    ("0.3333", "0.334", False), ("30", "3", False),
])
def test_a_fraction_matches_at_the_golds_decimal_places(graph, gold, matches):
    from decimal import Decimal

    assert value_matches(Decimal(graph), gold) is matches


def test_date_on_its_event_and_the_event(scored):
    assert counts(scored, "date") == (1, 1, 1, 1)
    assert counts(scored, "date-on-event") == (1, 1, 1, 1)
    assert counts(scored, "event") == (1, 1, 1, 1)


def test_clutter_hit_miss_and_the_clutter_entity(scored):
    """The share line (furniture) and the byline are recognised; the photo credit is not, and the name read
    from it is a clutter entity."""
    assert counts(scored, "clutter") == (3, 2, 2, 2)
    assert scored.clutter_entities == ["Jane Doe"]
    assert scored.clutter_pages == (True, True)


def test_a_joint_speaker_row_is_found_by_either_party(tmp_path: Path):
    """A joint statement's gold row names its speakers as "A|B" (README, annotation conventions): a quotation
    by either of them has the right speaker; the row "A|B" was compared as one name and never matched."""
    gold = GOLD.replace("quote\tTom Hale\tdirect", "quote\tTom Hale|Ana Ruiz\tdirect")
    (tmp_path / "t1.trig").write_text(trig(), encoding="utf-8")
    (tmp_path / "t1.tsv").write_text(gold, encoding="utf-8")
    graph = ArticleGraph.from_store(load_store(tmp_path / "t1.trig"), "t1")
    score = score_article(graph, parse_gold(tmp_path / "t1.tsv", TEXT), ROLES)
    assert counts(score, "quote-speaker") == (2, 2, 2, 2)


def test_date_precision_is_strict(tmp_path: Path):
    """A month-level gold date is not matched by a day of that month."""
    gold = GOLD.replace("date\t2025-03-04\t", "date\t2025-03\t")
    (tmp_path / "t1.trig").write_text(trig(), encoding="utf-8")
    (tmp_path / "t1.tsv").write_text(gold, encoding="utf-8")
    graph = ArticleGraph.from_store(load_store(tmp_path / "t1.trig"), "t1")
    score = score_article(graph, parse_gold(tmp_path / "t1.tsv", TEXT), ROLES)
    assert counts(score, "date") == (1, 0, 1, 0)


def test_names_are_compared_without_honorifics_and_middle_initials():
    assert norm_name("Dr. Pat Q. Moss") == norm_name("pat  moss") == "pat moss"
    assert norm_name("Mr. Tom Hale") == "tom hale"


@pytest.mark.parametrize(("line", "message"), [
    ("person\tAna Ruiz\t\t\tAna Ruiz", "t1.tsv:3: 5 TAB-separated fields, expected 6"),
    ("person\tAna Ruiz\t\t\tAnna Ruiz\t", "t1.tsv:3: evidence 'Anna Ruiz' not in the article text"),
    ("person\tAna Ruiz\t\t\tRuiz\t3", "t1.tsv:3: evidence 'Ruiz' occurs 2 times, occurrence 3 asked"),
    ("people\tAna Ruiz\t\t\tAna Ruiz\t", "t1.tsv:3: unknown kind 'people'"),
    ("number\t4,800\tmembers\tarticle\t4,800\t", "t1.tsv:3: a number row's subject must be a plain decimal"),
    ("date\t2025-3-4\tstrike\tthe strike\tMarch 4\t", "t1.tsv:3: date '2025-3-4' is not YYYY-MM-DD"),
    ("clutter\t\tshare\t\tShare this\t", "t1.tsv:3: a clutter row's evidence must be a whole line"),
    ("quote\tAna Ruiz\tsaid\t\tWe are ready\t", "t1.tsv:3: a quote row's relation must be direct or partial"),
])
def test_a_malformed_gold_line_is_one_error_naming_file_and_line(tmp_path: Path, line: str, message: str):
    path = tmp_path / "t1.tsv"
    path.write_text("# comment\nkind\tsubject\trelation\tobject\tevidence\toccurrence\n" + line + "\n",
                    encoding="utf-8")
    with pytest.raises(GoldError) as err:
        parse_gold(path, TEXT, "t1.tsv")
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_a_job_title_without_organisation_is_a_post_of_an_empty_object_row(tmp_path: Path):
    """The graph gives "Mayor Tom Hale" as schema:jobTitle (no organisation). It finds a post row with an
    empty object; against a row naming an office's place it is incomplete: not found, not false."""
    b, e = at("Mayor Tom Hale")
    extra = (f'<https://w3id.org/cpskg/id/article/t1#char={b},{e}> a nif:String ; nif:referenceContext a:t1 ; '
             f'nif:beginIndex "{b}"^^xsd:nonNegativeInteger ; nif:endIndex "{e}"^^xsd:nonNegativeInteger .\n'
             f'<https://w3id.org/cpskg/id/person/Tom_Hale> schema:jobTitle "Mayor" ; '
             f'gaf:denotedBy <https://w3id.org/cpskg/id/article/t1#char={b},{e}> .\n}}\n')
    (tmp_path / "t1.trig").write_text(trig().rstrip().removesuffix("}") + extra, encoding="utf-8")
    graph = ArticleGraph.from_store(load_store(tmp_path / "t1.trig"), "t1")
    header = "kind\tsubject\trelation\tobject\tevidence\toccurrence\n"
    for obj, expected in (("", (1, 1, 2, 1)), ("Springfield", (1, 0, 1, 0))):
        (tmp_path / "t1.tsv").write_text(header + f"post\tTom Hale\tmayor\t{obj}\tMayor Tom Hale\t\n",
                                         encoding="utf-8")
        score = score_article(graph, parse_gold(tmp_path / "t1.tsv", TEXT), ROLES)
        assert counts(score, "post") == expected
