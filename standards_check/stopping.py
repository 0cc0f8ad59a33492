"""Holding back the signals that stop a run (Ctrl-C, SIGTERM) across a step that
must not be cut in two.

A signal that arrives while it is held is taken as soon as the step ends, where the
code around it knows what to undo. Processes and threads started meanwhile inherit
the hold (see :func:`standards_check.run.check_paths`).
"""

from __future__ import annotations

# the C module the signal module wraps: its ints are what is needed here, and the
# wrapper's enums cost half a millisecond to import on every run
import _signal as signal
from collections.abc import Iterator
from contextlib import contextmanager


def stop_signals() -> frozenset[int]:
    """The signals that stop a run that this thread does not hold back already
    (none where signals cannot be held back)."""
    if not hasattr(signal, "pthread_sigmask"):
        return frozenset()
    return frozenset((signal.SIGINT, signal.SIGTERM)) - signal.pthread_sigmask(signal.SIG_BLOCK, ())


@contextmanager
def holding(signals: frozenset[int] | None = None) -> Iterator[None]:
    """Hold ``signals`` (by default :func:`stop_signals`) back in this thread until
    the block ends; one that came meanwhile is taken then."""
    if signals is None:
        signals = stop_signals()
    if not signals:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def release(signals: frozenset[int]) -> None:
    """Stop holding ``signals`` back: in a worker started while they were held."""
    if signals:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals)
