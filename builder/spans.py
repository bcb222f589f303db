"""Offset lookups in logarithmic time, so that extraction stays near-linear in an article's length.

Extractors ask, for each match, which mentions, dates or sentences lie at or inside some offsets, and
whether a span overlaps one already taken. A scan of every item per question is quadratic in the length
of the article (issue 13: a 2 MiB article). These helpers answer the same questions by bisection over
items sorted by their begin offset; each returns exactly what the scan returned, in the same order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = ["ByBegin", "TakenSpans"]


class ByBegin(Generic[T]):
    """Items with `.begin` and `.end` (or whose `span_of(item)` has them), sorted by begin (ties keep their
    order)."""

    def __init__(self, items: Iterable[T], span_of=None):
        span_of = span_of or (lambda item: item)
        self.items: list[T] = sorted(items, key=lambda item: span_of(item).begin)
        self.begins = [span_of(item).begin for item in self.items]
        self.ends = [span_of(item).end for item in self.items]
        self.longest = max((e - b for b, e in zip(self.begins, self.ends, strict=True)), default=0)

    def inside(self, begin: int, end: int) -> list[T]:
        """Items lying wholly inside [begin, end), in begin order: `begin <= item.begin and item.end <= end`."""
        low, high = bisect_left(self.begins, begin), bisect_right(self.begins, end)
        return [self.items[i] for i in range(low, high) if self.ends[i] <= end]

    def starting_in(self, begin: int, end: int) -> list[T]:
        """Items whose begin lies in [begin, end), in begin order."""
        return self.items[bisect_left(self.begins, begin):bisect_left(self.begins, end)]

    def containing(self, at: int) -> T | None:
        """The first item (in begin order) with `item.begin <= at < item.end`, for items that do not
        overlap one another or are no longer than `longest`."""
        high = bisect_right(self.begins, at)
        low = bisect_left(self.begins, at - self.longest)
        for i in range(low, high):
            if self.begins[i] <= at < self.ends[i]:
                return self.items[i]
        return None

    def ending_by(self, at: int) -> list[T]:
        """Items with `item.end <= at`, in begin order (items begin before they end)."""
        return [self.items[i] for i in range(bisect_right(self.begins, at)) if self.ends[i] <= at]

    def __len__(self) -> int:
        return len(self.items)


class TakenSpans:
    """Spans already claimed by a mention: `overlaps(b, e)` is `any(b < t_end and t_begin < e)` over them.

    Spans that overlap one another are kept merged (the interior of the union of overlapping spans is the
    union of their interiors, so the answer is unchanged); touching spans stay apart."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._begins: list[int] = []
        self._ends: list[int] = []
        self._points: list[int] = []  # empty spans: they overlap a span that has them strictly inside
        for span in spans:
            self.append(span)

    def overlaps(self, begin: int, end: int) -> bool:
        at = bisect_left(self._begins, end)  # spans beginning before `end` are the candidates
        if at > 0 and self._ends[at - 1] > begin:
            return True
        return bool(self._points) and bisect_right(self._points, begin) < bisect_left(self._points, end)

    def append(self, span: tuple[int, int]) -> None:
        begin, end = span
        if begin >= end:
            insort(self._points, begin)
            return
        at = bisect_left(self._begins, begin)
        # merge with a span before that reaches past `begin`, and with the spans after that begin before `end`
        if at > 0 and self._ends[at - 1] > begin:
            at -= 1
            begin = self._begins[at]
            end = max(end, self._ends[at])
        stop = at
        while stop < len(self._begins) and self._begins[stop] < end:
            end = max(end, self._ends[stop])
            stop += 1
        self._begins[at:stop] = [begin]
        self._ends[at:stop] = [end]


