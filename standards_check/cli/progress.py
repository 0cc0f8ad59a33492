"""Progress on long runs, on standard error, only when it is a terminal.

:func:`progress_reporter` gives a callback with the signature that
:func:`standards_check.engine.run.check_paths` calls (``progress(done, total, file)``)
and clears its line when the run ends::

    with progress_reporter() as progress:
        outcome = check_paths(paths, rubric_set, config=config, progress=progress)

Rules (nothing but the report goes to standard output):

- it writes only to standard error, and only when standard error is a terminal:
  in a pipe, a file or CI logs it writes nothing at all;
- nothing is shown for runs that end quickly (the first line appears after
  ``delay`` seconds) or that check fewer than ``min_files`` files;
- it redraws one line at most ``1 / interval`` times a second, and erases that
  line when the run ends, so the terminal is left as it was.

``STANDARDS_CHECK_PROGRESS=0`` turns it off; ``=1`` turns it on even when
standard error is not a terminal (for debugging).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

__all__ = ["Progress", "progress_reporter"]

ENV = "STANDARDS_CHECK_PROGRESS"


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


class Progress:
    """A callable ``progress(done, total, file)`` that draws one status line."""

    def __init__(
        self,
        stream: IO[str] | None = None,
        *,
        enabled: bool | None = None,
        delay: float = 0.5,
        interval: float = 0.1,
        min_files: int = 2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            setting = os.environ.get(ENV, "").strip().lower()
            if setting in ("0", "false", "no", "off"):
                enabled = False
            elif setting in ("1", "true", "yes", "on"):
                enabled = True
            else:
                enabled = _is_terminal(self.stream)
        self.enabled = enabled
        self.delay = delay
        self.interval = interval
        self.min_files = min_files
        self.clock = clock
        self.started = clock()
        self.last = 0.0
        self.width = 0  # the length of the line on screen (0: nothing shown)

    def __call__(self, done: int, total: int, file: str) -> None:
        if not self.enabled or total < self.min_files:
            return
        if done >= total:
            self.clear()
            return
        now = self.clock()
        if now - self.started < self.delay or (self.width and now - self.last < self.interval):
            return
        self.last = now
        columns = _columns()
        head = f"checking {done + 1}/{total} ({100 * done // total}%) "
        room = max(0, columns - len(head) - 1)
        name = file if len(file) <= room else ("..." + file[-(room - 3):] if room > 3 else "")
        line = head + name
        pad = " " * max(0, self.width - len(line))
        self._write("\r" + line + pad)
        self.width = len(line)

    def clear(self) -> None:
        """Erase the status line, if one is shown."""
        if self.width:
            self._write("\r" + " " * self.width + "\r")
            self.width = 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop quietly
            self.enabled = False


def _columns() -> int:
    try:
        return max(20, os.get_terminal_size(sys.stderr.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        return 80


@contextmanager
def progress_reporter(stream: IO[str] | None = None, **options: object) -> Iterator[Progress]:
    """A :class:`Progress` whose line is erased however the run ends (also on Ctrl-C)."""
    progress = Progress(stream, **options)  # type: ignore[arg-type]
    try:
        yield progress
    finally:
        progress.clear()
