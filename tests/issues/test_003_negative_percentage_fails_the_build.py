"""Fixed bug (the percentage is now skipped with a QuantityWarning, "not a share of a whole"): a negative
percentage in an article ("changed by −3.5 percent") made `cpskg build` exit 1.

builder/extract/quantities.py reads the U+2212 minus exactly (a change of −3.5 percent, as bad-inputs.md #9
asks), and then the shape `cpsh:PercentageShape` ("a percentage must have a schema:value between 0 and
100") rejects the whole dataset. News copy reports falls and cuts as negative changes, so either the
extractor must model a change (not a share) or the shape must allow it; one sentence stopped the build.
Failing input: the article below.
"""

from __future__ import annotations

from builder.extract.quantities import QuantityWarning
from tests.corpus_factory import make_corpus
from tests.robustness.promises import cli_build

ARTICLE = "CHICAGO — Chicago Public Schools said enrolment changed by \u22123.5 percent this year.\n"


def test_a_negative_percentage_builds(tmp_path):
    result = cli_build(make_corpus(tmp_path, {"a": ARTICLE.encode()}), tmp_path / "output")
    assert result.exit_code == 0, result.output
    assert QuantityWarning.__name__ in result.stderr and "not a share of a whole" in result.stderr, result.stderr
