"""A progress bar for long builds: articles done, articles per second, time left.

Drawn on standard error, only when it is a terminal, at most five times a second; a build on five
articles or in CI prints nothing but its summary.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, width: int = 30):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()
        self._drawn = 0.0

    def start(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.perf_counter()

    def advance(self, _result=None) -> None:
        self.done += 1
        now = time.perf_counter()
        if self.enabled and (now - self._drawn > 0.2 or self.done == self.total):
            self._drawn = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.perf_counter()) - self.started, 1e-9)
        rate = self.done / elapsed
        filled = int(self.width * self.done / self.total) if self.total else self.width
        left = (self.total - self.done) / rate if rate else 0.0
        return (f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} articles "
                f"{rate:,.1f} articles/s, {left:,.0f} s left")

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
