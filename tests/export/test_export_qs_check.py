"""The QuickStatements V1 checker on its own lines: good ones pass, each bad one breaks its named rule."""

from __future__ import annotations

import pytest

from builder.export.qs_check import check_batch, check_csv, check_line, csv_to_v1

T = "\t"

GOOD_LINES = [
    "CREATE",
    f'LAST{T}Len{T}"Chicago Public Schools"',
    f'LAST{T}Den{T}"school district in Illinois, United States"',
    f'Q5095804{T}Aen{T}"CTU"',
    f"Q1297{T}P6{T}Q56486914",
    f"LAST{T}P31{T}Q5",
    f'LAST{T}P1932{T}"Mayor of Chicago"',
    f'Q1{T}P1476{T}en:"A title"',
    f'Q1{T}P1476{T}en-gb:"A colour"',
    f"Q1{T}P585{T}+2021-02-07T00:00:00Z/11",
    f"Q1{T}P585{T}+2021-02-00T00:00:00Z/10",
    f"Q1{T}P585{T}+2021-00-00T00:00:00Z/9",
    f"Q1{T}P1082{T}1500",
    f"Q1{T}P1082{T}-1.5",
    f"Q1{T}P2046{T}12.5U712226",
    f"Q1{T}P1082{T}100~5",
    f"Q1{T}P625{T}@41.88/-87.62",
    f'Q1{T}P39{T}somevalue{T}P1932{T}"Chief Executive Officer"',
    f"Q1{T}P582{T}novalue",
    f"Q1{T}P39{T}somevalue{T}P585{T}+2021-02-07T00:00:00Z/11{T}S577{T}+2021-02-07T00:00:00Z/11"
    f'{T}S1476{T}en:"Headline"{T}!S577{T}+2021-02-10T00:00:00Z/11{T}S2093{T}"Matt Masterson"',
    f"Q1{T}-P31{T}Q5",
    f"MERGE{T}Q1{T}Q2",
]

BAD_LINES = [
    (f"CREATE{T}Q5", "create-columns"),
    ("Q1 P31 Q5", "no-tab"),
    ("Q1|P31|Q5", "no-tab"),
    (f"X1{T}P31{T}Q5", "bad-subject"),
    (f"MERGE{T}Q1", "merge-columns"),
    (f"MERGE{T}Q1{T}P2", "merge-columns"),
    (f"Q1{T}P39{T}LAST", "bad-value"),
    (f"Q1{T}Len", "term-columns"),
    (f'Q1{T}Len{T}"label"{T}P31', "term-columns"),
    (f"Q1{T}Len{T}label", "term-not-string"),
    (f'Q1{T}Len{T}"{"x" * 251}"', "too-long"),
    (f'Q1{T}P1932{T}"{"x" * 401}"', "too-long"),
    (f"Q1{T}instance{T}Q5", "bad-property"),
    (f"Q1{T}P31", "missing-value"),
    (f"Q1{T}P31{T}Q5{T}P580", "incomplete-pair"),
    (f"Q1{T}P31{T}Q5{T}S854", "incomplete-pair"),
    (f"Q1{T}P31{T}Q5{T}X580{T}Q5", "bad-pair-key"),
    (f"Q1{T}P31{T}human", "bad-value"),
    (f"Q1{T}P1082{T}1,500", "bad-value"),
    (f"Q1{T}P1082{T}1e5", "bad-value"),
    (f"Q1{T}P585{T}+2021-02-07T00:00:00Z", "time-without-precision"),
    (f"Q1{T}P585{T}+2021-02-00T00:00:00Z/11", "precision-mismatch"),
    (f"Q1{T}P585{T}+2021-13-01T00:00:00Z/11", "bad-date"),
    (f"Q1{T}P585{T}+2021-02-07T00:00:00Z/15", "bad-precision"),
    (f'Q1{T}P1932{T}"say "hi" now"', "inner-quote"),
    (f'Q1{T}P1932{T}"left | right"', "pipe-in-value"),
    (f'Q1{T}P1932{T}"a || b"', "pipe-in-value"),
    (f'Q1{T}P1932{T}"ends with */"', "comment-marker"),
    (f'Q1{T}P1932{T}" padded"', "untrimmed-string"),
    (f'Q1{T}P1932{T}""', "empty-string"),
    (f'Q1{T}P1476{T}en:"two\nlines"', "line-break-in-value"),
]


@pytest.mark.parametrize("line", GOOD_LINES)
def test_good_line_passes(line: str) -> None:
    assert check_line(line) == []


@pytest.mark.parametrize(("line", "rule"), BAD_LINES)
def test_bad_line_breaks_its_rule(line: str, rule: str) -> None:
    assert rule in {p.rule for p in check_line(line)}


def test_last_before_create_is_a_batch_error() -> None:
    problems = check_batch(f"LAST{T}P31{T}Q5\nCREATE\nLAST{T}P31{T}Q5\n")
    assert [(p.line, p.rule) for p in problems] == [(1, "last-without-create")]


def test_csv_rows_become_the_v1_commands_quickstatements_derives() -> None:
    text = (
        "qid,Len,P31,P39,qal585,S577,s2093,S577\n"
        "Q1,,Q5,somevalue,+2021-02-07T00:00:00Z/11,"
        '+2021-02-07T00:00:00Z/11,"""A B""",+2021-02-10T00:00:00Z/11\n'
        ',"""New item""",Q5,,,,,\n'
    )
    lines, problems = csv_to_v1(text)
    assert problems == []
    assert lines == [
        f"Q1{T}P31{T}Q5",
        f"Q1{T}P39{T}somevalue{T}P585{T}+2021-02-07T00:00:00Z/11{T}S577{T}+2021-02-07T00:00:00Z/11"
        f'{T}S2093{T}"A B"{T}!S577{T}+2021-02-10T00:00:00Z/11',
        "CREATE",
        f'LAST{T}Len{T}"New item"',
        f"LAST{T}P31{T}Q5",
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ('id,Len\nQ1,"""x"""\n', "csv-header"),
        ("qid,Label\nQ1,x\n", "csv-column"),
        ("qid,P31\nQ1,Q5,Q6\n", "csv-width"),
        ("qid,qal585\nQ1,+2021-02-07T00:00:00Z/11\n", "csv-orphan"),
        ("qid,P585\nQ1,+2021-02-07T00:00:00Z\n", "time-without-precision"),
    ],
)
def test_bad_csv_breaks_its_rule(text: str, rule: str) -> None:
    assert rule in {p.rule for p in check_csv(text)}
