"""Progress of a long indexing run: blocks done, events found, events per second, time left."""

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Progress:
    first_block: int
    block: int          # last block indexed so far
    target: int         # last block of this run
    events: int         # events indexed so far in this run
    elapsed: float      # seconds since the run started

    @property
    def fraction(self) -> float:
        span = self.target - self.first_block + 1
        return 1.0 if span <= 0 else (self.block - self.first_block + 1) / span

    @property
    def events_per_second(self) -> float:
        return self.events / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        eta = self.elapsed / self.fraction - self.elapsed if 0 < self.fraction < 1 else 0.0
        bar = "#" * int(self.fraction * 20)
        return (f"indexing [{bar:<20}] {self.fraction * 100:5.1f}%  block {self.block:,}/{self.target:,}  "
                f"{self.events:,} events  {self.events_per_second:,.0f} ev/s  eta {eta:,.0f}s")


ProgressCallback = Callable[[Progress], None]


class ProgressPrinter:
    """Prints progress lines to a stream: rewritten in place on a terminal, otherwise one line
    every ``every`` seconds. Runs that finish within ``quiet_for`` seconds print nothing."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = 2.0, quiet_for: float = 1.0) -> None:
        self.stream = stream
        self.every = every if not stream.isatty() else 0.2
        self.quiet_for = quiet_for
        self._last = 0.0
        self._printed = False

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        done = progress.block >= progress.target
        if progress.elapsed < self.quiet_for and not (done and self._printed):
            return
        if not done and now - self._last < self.every:
            return
        self._last = now
        self._printed = True
        if self.stream.isatty():
            self.stream.write("\r" + progress.line() + ("\n" if done else ""))
        else:
            self.stream.write(progress.line() + "\n")
        self.stream.flush()
