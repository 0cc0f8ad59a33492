"""The ``standards-check`` command and ``python -m standards_check``.

Kept apart from :mod:`standards_check.cli.commands` so that Ctrl-C pressed while the
command is still starting (importing click, the core, the plugins) ends it like
Ctrl-C at any later moment: one line and status 130, never a traceback.
"""

from __future__ import annotations

import sys

from standards_check.errors import EXIT_INTERRUPTED, INTERRUPTED


def main() -> None:
    try:
        from standards_check.cli.commands import main as run
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    run()


if __name__ == "__main__":
    main()
