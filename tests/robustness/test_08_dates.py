"""bad-inputs #8: `Feb. 22`, `March 1`, `Sunday` (resolved against the publication date), `2021-02-30`, an
ambiguous `7/2/2021`, a year alone: no ill-typed literal; ambiguity is a warning, never a silent guess.

Through a build: an article published on Sunday 2021-02-07 whose quotations were said on dates written
in each of these ways. The clear ones become `cps:dateSaid` xsd:date values; the impossible, ambiguous and
year-only ones keep their words (`cps:timeExpression`) but no xsd:date, and the build warns about them.
Every xsd:date the build writes is a real calendar day.
"""

from __future__ import annotations

import json
from datetime import date

import pyoxigraph as ox
import pytest

from builder.extract.dates import DateWarning
from builder.namespaces import CPS_ONTOLOGY, SCHEMA_IRI, XSD_IRI
from tests.corpus_factory import entry, make_corpus
from tests.robustness.promises import assert_nothing_lost, cli_build

PUBLISHED = "2021-02-07"  # a Sunday
ARTICLE = (
    "CHICAGO — Chicago teachers met again.\n\n"
    "“We are close,” CTU President Jesse Sharkey said Sunday.\n\n"
    "“We are not there,” Mayor Lori Lightfoot said Feb. 5.\n\n"
    "“Talks go on,” Sharkey said on 7/2/2021.\n\n"
    "“Schools stay shut,” Lightfoot said on 2021-02-30.\n\n"
    "“It is like the strike,” Sharkey said in 2019.\n"
)
CLEAR = {"We are close": date(2021, 2, 7), "We are not there": date(2021, 2, 5)}
NOT_A_DAY = {"7/2/2021", "2021-02-30", "2019"}


@pytest.fixture(scope="module")
def quads(tmp_path_factory):
    root = tmp_path_factory.mktemp("dates")
    corpus = make_corpus(root, {"dates": ARTICLE.encode()}, entries=[entry("dates", "Chicago", date=PUBLISHED)])
    result = cli_build(corpus, root / "output")
    assert result.exit_code == 0, result.output
    # The warning is one line naming the article file, and it stays in build-report.json.
    expected = (f"{DateWarning.__name__}: date expression '7/2/2021' left unresolved: month/day order is "
                "ambiguous and the article does not say which")
    assert f"cpskg: warning: articles/dates.txt: {expected}" in result.stderr.splitlines(), result.stderr
    report = json.loads((root / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert expected in report["articles"][0]["warnings"]
    assert "Traceback" not in result.stderr and "dates.py" not in result.stderr, "no raw Python warning"
    return assert_nothing_lost(corpus, root / "output").quads


def _by_subject(quads, predicate: str) -> dict[str, list[ox.Literal]]:
    out: dict[str, list[ox.Literal]] = {}
    for q in quads:
        if q.predicate.value == predicate:
            out.setdefault(q.subject.value, []).append(q.object)
    return out


def test_every_xsd_date_written_is_a_calendar_day(quads):
    dates = [q.object for q in quads
             if isinstance(q.object, ox.Literal) and q.object.datatype.value == XSD_IRI + "date"]
    assert dates
    for literal in dates:
        assert date.fromisoformat(literal.value).isoformat() == literal.value


def test_clear_dates_are_resolved_against_publication(quads):
    texts = {s: v[0].value for s, v in _by_subject(quads, SCHEMA_IRI + "text").items()}
    said = _by_subject(quads, CPS_ONTOLOGY + "dateSaid")
    resolved = {texts[s]: date.fromisoformat(v[0].value) for s, v in said.items() if s in texts}
    for text, day in CLEAR.items():
        assert resolved.get(text) == day, f"{text!r} said {resolved.get(text)}, expected {day}"


def test_impossible_ambiguous_and_year_only_dates_are_never_guessed(quads):
    said = _by_subject(quads, CPS_ONTOLOGY + "dateSaid")
    expressions = _by_subject(quads, CPS_ONTOLOGY + "timeExpression")
    kept = {w.value for words in expressions.values() for w in words}
    assert {"7/2/2021", "2021-02-30"} <= kept, f"the words of a date must be kept even when it is not a day: {kept}"
    texts = {s: v[0].value for s, v in _by_subject(quads, SCHEMA_IRI + "text").items()}
    year_only = [s for s, text in texts.items() if text.startswith("It is like the strike")]
    assert year_only and not set(year_only) & set(said), "a year alone became an xsd:date"
    for subject, words in expressions.items():
        if {w.value for w in words} & NOT_A_DAY:
            assert subject not in said, f"{subject} got a dateSaid from {[w.value for w in words]}"
