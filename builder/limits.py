"""A time budget per article: `cpskg build --article-timeout SECONDS` fails the article that exceeds it
with one line naming its file (exit 2), instead of letting one pathological article hang the build.

The budget is a real-time interval timer (SIGALRM) around each step of one article — its ingestion
(segmentation, page furniture) and its map step (extraction) — in the process that runs it (the build's
main thread, or a `--jobs` worker's). Python code is interrupted between
bytecodes; a single call into C that does not return (a regular expression that backtracks forever) is
interrupted only when it returns, so the rules avoid such patterns. Where no timer can be set (not the
main thread: a Dask worker thread), the article runs without a budget.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from builder.errors import InputError

DEFAULT_ARTICLE_TIMEOUT_S = 120.0


class ArticleTimeout(InputError):
    """An article's extraction ran past the budget (exit 2)."""

    def __init__(self, file: str, seconds: float):
        self.seconds = seconds
        super().__init__(f"reading or extracting the article took over {seconds:g} s (--article-timeout): "
                         "it is refused; split it, or raise the budget", file=file)

    def __reduce__(self):  # raised in a --jobs worker, re-raised in the build process
        return (ArticleTimeout, (self.file, self.seconds))


@contextmanager
def time_budget(seconds: float | None, file: str) -> Iterator[None]:
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout(file, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
