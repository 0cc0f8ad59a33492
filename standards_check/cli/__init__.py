"""The command line: commands, options, progress and exit statuses. The only code that talks to the terminal."""

from __future__ import annotations

import sys

from standards_check.errors import EXIT_INTERRUPTED, INTERRUPTED


def main() -> None:
    """The ``standards-check`` command.

    The commands are imported here, not at the top, so that Ctrl-C pressed while
    they are still loading (click, the core, the plugins) ends the command like
    Ctrl-C at any later moment: one line and status 130, never a traceback.
    """
    try:
        from standards_check.cli.commands import main as run
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    run()
