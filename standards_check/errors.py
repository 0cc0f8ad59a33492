"""Errors that reach the user as one clear line.

Every problem with the user's input (a policy document, an attestations file, a
configuration file, a rubric definition, the command line) is raised as an
:class:`InputError`. The CLI prints ``str(error)`` and exits with status 2; nothing
else is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

#: the exit status and the one line of a run ended by Ctrl-C, at any moment
EXIT_INTERRUPTED = 130
INTERRUPTED = "standards-check: interrupted"
#: the same for a run asked to stop (SIGTERM: ``kill``, ``timeout``, a CI job cancelled)
EXIT_TERMINATED = 143
TERMINATED = "standards-check: terminated"


class Terminated(KeyboardInterrupt):
    """Raised in the command's main thread when it is sent SIGTERM, so that the run
    unwinds as from Ctrl-C: reports rolled back, workers stopped, one line."""


class StandardsCheckError(Exception):
    """Base class of every error standards-check raises on purpose."""


# Characters that act rather than show, besides the C0 and C1 controls (a terminal
# runs escape sequences; BEL rings): the bidirectional embeddings, overrides, isolates
# and marks, which reorder the text around them ("Trojan Source"), and the line and
# paragraph separators (a report's line would break there).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029")


def escape_controls(text: str) -> str:
    """A document's ``text`` as a report shows it to a reader: every character that
    acts rather than shows (a control character, a bidirectional override) written
    as its escape (``\\x1b``, ``\\u202e``). Unlike :func:`one_line`, the invisible
    characters prose needs are kept: a soft hyphen from a word processor, the
    zero-width joiners of many scripts."""
    if text.isprintable():
        return text
    return "".join(repr(c)[1:-1] if c < " " or "\x7f" <= c <= "\x9f" or c in _BIDI_CONTROLS else c for c in text)


def one_line(text: str) -> str:
    """``text`` with every character that is not printable written as its escape
    (``\\n``, ``\\x1b``, ``\\u202e``...): a message stays on one line, and a file
    name or key can neither send a terminal escape nor reorder what is shown."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class InputError(StandardsCheckError):
    """The input is wrong: names the file, where in it, and what was expected.

    ``line`` and ``column`` are 1-based; ``path`` is the place in the document in
    the form ``policies[3].id``. Any of them may be ``None`` when it does not apply.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        return one_line(text + self.message)


class WorkerLost(StandardsCheckError):
    """A worker process of a run ended before its work was done: the run stops, with
    exit status 1 and one line, and writes no report."""


class NotAPolicy(InputError):
    """A YAML file that is no policy document at all (none of its keys are a policy
    document's): a run over a folder skips it with a note; named on its own, it is an error."""


class PluginError(StandardsCheckError):
    """A plugin could not be loaded or is incompatible; names the plugin."""

    def __init__(self, plugin: str, message: str) -> None:
        super().__init__(f"plugin {plugin!r}: {message}")
        self.plugin = plugin
        self.message = message


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like ``word`` (a likely slip for it), or None: the "did you
    mean" of an error message."""
    import difflib  # only when there is a mistake to name

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the :func:`closest` choice, or nothing."""
    match = closest(word, choices, cutoff)
    return f" (did you mean {match!r}?)" if match else ""


TRACEBACK_ENV = "STANDARDS_CHECK_TRACEBACK"  # set by --traceback (worker processes inherit it)


def described(exc: BaseException) -> str:
    """A plugin's exception as a report says it: its type and message, and with
    ``--traceback`` (:data:`TRACEBACK_ENV` set) the plugin's own traceback."""
    text = f"{type(exc).__name__}: {exc}"
    if os.environ.get(TRACEBACK_ENV):
        import traceback

        text += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return text
