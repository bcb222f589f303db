"""A bounded run of the ingestion fuzz target (tests/fuzz/fuzz_ingest.py) as part of the suite.

A handful of cases from a fixed seed, each a real `cpskg build` subprocess under resource limits: about
five seconds per case. `CPSKG_FUZZ_CASES` and `CPSKG_FUZZ_SEED` widen the run; longer campaigns are run
by hand with `python -m tests.fuzz.fuzz_ingest` (findings so far: tests/issues/test_007_*).
"""

from __future__ import annotations

import os
import random

import pytest

from tests.fuzz.fuzz_ingest import ARTICLES, DATELINE, article_like, campaign, random_bytes

CASES = int(os.environ.get("CPSKG_FUZZ_CASES", "5"))
SEED = int(os.environ.get("CPSKG_FUZZ_SEED", "2026"))


def test_the_generators_make_both_kinds_of_input():
    """The fuzz target must really produce invalid UTF-8 and valid article-like text, or it tests little."""
    rng = random.Random(0)
    assert ARTICLES
    samples = [random_bytes(rng) for _ in range(40)]
    invalid = 0
    for data in samples:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            invalid += 1
    assert invalid > 20
    texts = [article_like(rng) for _ in range(40)]
    assert all(t.startswith(DATELINE) for t in texts)
    assert len(set(texts)) == len(texts)


@pytest.mark.slow
def test_fuzzed_builds_exit_cleanly_with_0_or_2():
    findings = campaign(CASES, SEED)
    assert not findings, "\n".join(f"case {n} (seed {SEED}): {o.summary()}" for n, o in findings)
