"""The editorial checker (builder.export.qs_policy): each unsafe pattern of issue 16 is rejected by name, a
safe batch is accepted, and so is the batch the build writes (output/wikidata/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.export.qs_check import check_batch
from builder.export.qs_policy import PolicyContext, check_export, check_policy, check_policy_csv

ROOT = Path(__file__).resolve().parents[2]
T = "\t"
ARTICLE = "Chicago Mayor Lori Lightfoot said Sunday. CTU President Jesse Sharkey said no."
CONTEXT = PolicyContext(
    texts=(ARTICLE,),
    inferred_dates={"https://example.org/a": "+2021-02-05T00:00:00Z/11"},
    occupations=frozenset({"Q1930187"}),
)
GOOD_REF = f'S854{T}"https://example.org/b"{T}S813{T}+2021-02-08T00:00:00Z/11'
SAFE = f"Q1297{T}P6{T}Q56486914{T}P585{T}+2021-02-07T00:00:00Z/11{T}{GOOD_REF}"

UNSAFE = {
    "create": f'CREATE\nLAST{T}Len{T}"Jesse Sharkey"\nLAST{T}P31{T}Q5{T}{GOOD_REF}',
    "unknown-value": f'Q5095804{T}P488{T}somevalue{T}P1932{T}"Jesse Sharkey"{T}{GOOD_REF}',
    "unreferenced": f"Q1297{T}P6{T}Q56486914",
    "reference-unidentified": f"Q1297{T}P6{T}Q56486914{T}S577{T}+2021-02-07T00:00:00Z/11",
    "inferred-date": f'Q1297{T}P6{T}Q56486914{T}S854{T}"https://example.org/a"{T}S577{T}+2021-02-05T00:00:00Z/11',
    "named-as-not-in-source": f'Q56486914{T}P39{T}Q1{T}P585{T}+2021-02-07T00:00:00Z/11{T}P1932{T}'
                              f'"mayor of City of Chicago"{T}{GOOD_REF}',
    "position-without-time": f"Q56486914{T}P39{T}Q1{T}{GOOD_REF}",
    "job-as-position": f"Q56486914{T}P39{T}Q1930187{T}P585{T}+2021-02-07T00:00:00Z/11{T}{GOOD_REF}",
    "deprecated-property": f"Q56486914{T}P39{T}Q1{T}P585{T}+2021-02-07T00:00:00Z/11{T}P642{T}Q1297{T}{GOOD_REF}",
}


@pytest.mark.parametrize("rule", sorted(UNSAFE))
def test_each_unsafe_pattern_is_rejected_by_name(rule: str) -> None:
    batch = UNSAFE[rule]
    assert check_batch(batch) == [], "the pattern is valid V1: only the editorial rules reject it"
    assert rule in {p.rule for p in check_policy(batch, CONTEXT)}
    assert rule in {p.rule for p in check_export(batch, CONTEXT)}  # the V1 checker's entry point


def test_an_empty_created_item_is_rejected_even_when_creating_is_allowed() -> None:
    batch = f'CREATE\nLAST{T}Len{T}"Jesse Sharkey"\nLAST{T}Den{T}"trade unionist"\n{SAFE}'
    assert [p.rule for p in check_policy(batch, CONTEXT, allow_create=True)] == ["empty-item"]
    referenced = f'CREATE\nLAST{T}Len{T}"Jesse Sharkey"\nLAST{T}P31{T}Q5{T}{GOOD_REF}'
    assert check_policy(referenced, CONTEXT, allow_create=True) == []


def test_the_articles_own_words_pass_as_named_as() -> None:
    line = f'Q1297{T}P6{T}Q56486914{T}P1932{T}"Lori Lightfoot"{T}{GOOD_REF}'
    assert check_policy(line, CONTEXT) == []


def test_a_safe_batch_passes_and_a_stated_date_is_fine() -> None:
    stated = f'{SAFE}{T}!S854{T}"https://example.org/c"{T}S577{T}+2021-02-07T00:00:00Z/11'
    assert check_policy(stated, CONTEXT) == []


def test_the_csv_variant_is_checked_through_its_v1_commands() -> None:
    table = 'qid,P6,S577\nQ1297,Q56486914,+2021-02-07T00:00:00Z/11\n'
    assert [p.rule for p in check_policy_csv(table, CONTEXT)] == ["reference-unidentified"]


@pytest.mark.skipif(not (ROOT / "output" / "wikidata").is_dir(), reason="no built output")
def test_the_builds_batch_passes_the_grammar_and_the_editorial_rules() -> None:
    tsv = (ROOT / "output" / "wikidata" / "quickstatements.tsv").read_text(encoding="utf-8")
    table = (ROOT / "output" / "wikidata" / "quickstatements.csv").read_text(encoding="utf-8")
    assert check_batch(tsv) == [] and check_policy(tsv, CONTEXT) == []
    assert check_policy_csv(table, CONTEXT) == []
