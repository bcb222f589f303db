"""builder.spans answers exactly what the scans it replaced answered (issue 13: the scans made extraction
quadratic in an article's length), on random spans including empty, touching and overlapping ones."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from builder.ingest.segment import _WORD_BEFORE, _word_before
from builder.spans import ByBegin, TakenSpans


@pytest.mark.parametrize("seed", range(20))
def test_taken_spans_overlap_like_the_scan(seed):
    rng = random.Random(seed)
    taken, spans = [], TakenSpans()
    for _ in range(200):
        begin = rng.randint(0, 80)
        end = begin + rng.randint(0, 9)
        if rng.random() < 0.4:
            taken.append((begin, end))
            spans.append((begin, end))
        q_begin = rng.randint(0, 90)
        q_end = q_begin + rng.randint(0, 9)
        assert spans.overlaps(q_begin, q_end) == any(q_begin < e and b < q_end for b, e in taken), (taken, q_begin)


@pytest.mark.parametrize("seed", range(20))
def test_by_begin_lookups_like_the_scans(seed):
    rng = random.Random(seed)
    items = [SimpleNamespace(begin=b, end=b + rng.randint(0, 6)) for b in (rng.randint(0, 60) for _ in range(40))]
    index = ByBegin(items)
    ordered = sorted(items, key=lambda i: i.begin)
    for _ in range(50):
        begin = rng.randint(0, 70)
        end = begin + rng.randint(0, 25)
        assert index.inside(begin, end) == [i for i in ordered if begin <= i.begin and i.end <= end]
        assert index.starting_in(begin, end) == [i for i in ordered if begin <= i.begin < end]
        assert index.ending_by(end) == [i for i in ordered if i.end <= end]
        assert index.containing(begin) == next((i for i in ordered if i.begin <= begin < i.end), None)


def test_word_before_is_the_search_from_the_start():
    text = "At 10 a.m. the U.S. team met.\nDr. No. 5 went, Ph.D. holder … e.g. this.\n.x"
    for i in range(len(text) + 1):
        expected = _WORD_BEFORE.search(text, 0, i)
        found = _word_before(text, i)
        assert (found and (found.span(), found.group(1))) == (expected and (expected.span(), expected.group(1))), i
