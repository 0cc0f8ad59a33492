"""The signals that stop a run (Ctrl-C, SIGTERM): taken as exceptions that unwind
the run, and held back across a step that must not be cut in two.

In the command's own process (:func:`take_stops`), SIGTERM raises
:class:`~standards_check.errors.Terminated`, as Ctrl-C raises KeyboardInterrupt, so
that either unwinds the run: reports rolled back, workers stopped. Python does not
always let such an exception through: raised in a callback of the import system or
in a ``__del__`` it is dropped, and (Python 3.11) raised in ``__set_name__`` while
a class is made it becomes a RuntimeError. Such a stop is raised again a moment
later, where it unwinds the run; :func:`stop_behind` finds the stop behind an
exception that another made of it all the same.

A signal that arrives while it is held (:func:`signals_held`) is taken as soon as the
step ends, where the code around it knows what to undo. Processes and threads
started meanwhile inherit the hold (see :func:`standards_check.engine.run.check_paths`).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from standards_check.errors import Terminated

# The stop to raise when the alarm set by _later goes off.
_PENDING: list[type[KeyboardInterrupt]] = []


def _later(stop: type[KeyboardInterrupt]) -> None:
    """Raise ``stop`` a millisecond from now, once the code that would lose it has returned."""
    if not hasattr(signal, "setitimer"):  # no alarm to do it with: now, then
        raise stop
    _PENDING[:] = [stop]
    signal.signal(signal.SIGALRM, _raise_pending)
    signal.setitimer(signal.ITIMER_REAL, 0.001)


def _raise_pending(signum: int, frame: Any) -> None:
    if _PENDING:
        _raise(_PENDING.pop(), frame)


def _raise(stop: type[KeyboardInterrupt], frame: Any) -> None:
    # Python 3.11 makes a RuntimeError of an exception raised in __set_name__ (while a
    # class is made, as a module is imported), which a plugin's import failing would
    # report, and the run go on: there, the stop waits a moment.
    while frame is not None:
        if frame.f_code.co_name == "__set_name__":
            _later(stop)
            return
        frame = frame.f_back
    raise stop


def _on_sigint(signum: int, frame: Any) -> None:
    _raise(KeyboardInterrupt, frame)


def _on_sigterm(signum: int, frame: Any) -> None:
    _raise(Terminated, frame)


def take_stops() -> None:
    """Take SIGTERM as :class:`Terminated` and Ctrl-C as KeyboardInterrupt (unless
    whoever started this process set them otherwise), and raise again a stop that
    Python dropped."""
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)
    previous = sys.unraisablehook

    def raise_again(unraisable: Any) -> None:
        stop = unraisable.exc_value
        if not isinstance(stop, KeyboardInterrupt):
            previous(unraisable)
            return
        # Raised here (or signalled: it would land in this hook), it would be dropped again.
        _later(type(stop))

    sys.unraisablehook = raise_again


def stop_behind(error: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM (a KeyboardInterrupt) that ``error`` is, or was raised
    from or while handling, or None."""
    seen: BaseException | None = error
    for _ in range(32):
        if seen is None:
            return None
        if isinstance(seen, KeyboardInterrupt):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def stop_signals() -> frozenset[int]:
    """The signals that stop a run that this thread does not hold back already
    (none where signals cannot be held back)."""
    if not hasattr(signal, "pthread_sigmask"):
        return frozenset()
    # and the alarm that raises a stop a moment late (see _later)
    stops = frozenset((signal.SIGINT, signal.SIGTERM, signal.SIGALRM))
    return stops - signal.pthread_sigmask(signal.SIG_BLOCK, ())


@contextmanager
def signals_held(signals: frozenset[int] | None = None) -> Iterator[None]:
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
