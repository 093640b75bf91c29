"""A progress bar while the snapshot is written, and the summary at the end."""

import sys
import time

WIDTH = 30
# How often the bar is redrawn on a terminal, and how many files between lines in a log (CI).
REDRAW_SECONDS = 0.1
LOG_EVERY = 1000


class Progress:
    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()
        self.start = time.perf_counter()
        self.total = self.done = self.pages = self.files = self.bytes = self.missing = 0
        self.drawn = 0.0

    def found(self):
        self.total += 1

    def wrote(self, size, page=False):
        self.files += 1
        self.pages += page
        self.bytes += size
        self._step()

    def skipped(self):
        self.missing += 1
        self._step()

    def _step(self):
        self.done += 1
        now = time.perf_counter()
        if self.tty and now - self.drawn >= REDRAW_SECONDS:
            self.drawn = now
            self._draw()
        elif not self.tty and self.done % LOG_EVERY == 0:
            print(f"  {self.done:,} of {self.total:,} files so far", file=self.stream, flush=True)

    def _draw(self):
        filled = WIDTH * self.done // max(self.total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done:,}/{self.total:,} files, {self.bytes / 1e6:.1f} MB ")
        self.stream.flush()

    def seconds(self):
        return time.perf_counter() - self.start

    def summary(self, out):
        if self.tty:
            self._draw()
            self.stream.write("\n")
        return f"Wrote {out}: {self.pages:,} pages, {self.files:,} files, {self.bytes:,} bytes in {self.seconds():.1f} s."
