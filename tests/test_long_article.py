"""One article's extraction is near-linear in its length (issue 13): a generated 2 MiB article, with many
quotations, claims and sentences per paragraph, is ingested and mapped to its graph within the bound
bench/long_article.py records, and costs about as much per KB as a 300 KB one. Before, sentence
segmentation searched the article from its start for every sentence end and quotation extraction scanned
every sentence and mention per quotation: a 805 KB article took 235 s and one with many quotations in a
paragraph did not finish in 600 s."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from long_article import BOUND_2MIB_S, RATIO_BOUND, SIZES, measure  # noqa: E402


@pytest.mark.slow
def test_a_2_mib_article_is_extracted_in_near_linear_time():
    small = measure(SIZES["300k"], repeats=1)
    large = measure(SIZES["2M"], repeats=1)
    assert 2 * 2**20 - 20_000 <= large["bytes"] <= 2 * 2**20 and large["sentences"] > 5_000 and large["quads"] > 100_000
    assert large["total_s"] < BOUND_2MIB_S, large
    assert large["ms_per_kb"] < RATIO_BOUND * small["ms_per_kb"], (small, large)
    assert large["ingest_s"] < 0.1 * large["total_s"] + 1.0, large  # segmentation is no longer the cost
