"""``python -m standards_check``: the ``standards-check`` command."""

from standards_check.cli import main

if __name__ == "__main__":
    main()
