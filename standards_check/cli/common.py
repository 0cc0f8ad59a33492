"""What every command of the command line shares: exit statuses, the one-line
message on standard error, the plugin options, and the check that report paths can
be written. :mod:`standards_check.cli.commands` and :mod:`standards_check.cli.workflow`
import it; it imports neither.
"""

from __future__ import annotations

import os
import stat

import click

from standards_check.errors import TRACEBACK_ENV, InputError, one_line
from standards_check.reports.writing import check_writable, is_special

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2


def echo_stderr(message: str) -> None:
    """Say ``message`` on standard error, on one line: a key, file name or plugin
    message holding control characters shows them as escapes."""
    click.echo(one_line(message), err=True)


def echo_problem(plugin: str, message: str) -> None:
    """Say what went wrong with a plugin: on one line, or with --traceback, with the
    plugin's traceback as Python wrote it."""
    if os.environ.get(TRACEBACK_ENV):
        click.echo(f"standards-check: plugin {plugin!r}: {message}", err=True)
    else:
        echo_stderr(f"standards-check: plugin {plugin!r}: {message}")


def plugin_options(f):
    f = click.option(
        "-p", "disabled", multiple=True, metavar="no:NAME",
        help="As in pytest: -p no:NAME disables the plugin NAME (e.g. -p no:autonomy); -p MODULE loads a plugin module. Repeatable.",
    )(f)
    f = click.option(
        "--plugin", "extra_plugins", multiple=True, metavar="PATH",
        help="Load a plugin from a Python file or module you name. Repeatable.",
    )(f)
    f = click.option(
        "--traceback", is_flag=True, expose_value=False, callback=_traceback, is_eager=True,
        help="When a plugin fails, show its own traceback (for plugin authors).",
    )(f)
    return f


def _traceback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # the engine words a plugin's exceptions with their tracebacks (workers inherit it)
    if value and not os.environ.get(TRACEBACK_ENV):
        os.environ[TRACEBACK_ENV] = "1"
        ctx.call_on_close(lambda: os.environ.pop(TRACEBACK_ENV, None))  # a calling program's environment stays its own


def blocked(disabled: tuple[str, ...]) -> tuple[str, ...]:
    """The plugins ``-p no:NAME`` disables."""
    return tuple(d[3:] for d in disabled if d.startswith("no:"))


def load_plugins_named(disabled: tuple[str, ...], extra: tuple[str, ...]):
    """The plugins a command loads: the installed ones but those ``-p no:NAME`` disables,
    plus ``--plugin`` and ``-p MODULE``."""
    from standards_check.engine.plugins import load_plugins

    return load_plugins(blocked=blocked(disabled), extra=loaded(disabled, tuple(extra)))


def loaded(disabled: tuple[str, ...], extra: tuple[str, ...]) -> tuple[str, ...]:
    """The plugins to load besides the installed ones: ``--plugin`` and ``-p MODULE``."""
    return (*extra, *(d for d in disabled if not d.startswith("no:")))


def check_reports(outputs: list[str], inputs: list[str]) -> None:
    """Fails before any work when a report cannot be written to its path, would replace
    a file the run reads (``inputs``: files, or directories whose policy files the run
    checks), or would be written over another report of the same run."""
    read: set[tuple[int, int]] | None = None
    written: dict[object, str] = {}
    for out in outputs:
        if out == "-":
            continue
        check_writable(out)
        same = _identity(out)
        if same is not None:
            read = _identities(inputs) if read is None else read
            if same in read:
                raise InputError("the report would replace a file this run reads", file=out)
        if is_special(out):
            continue  # a device, a pipe or this process's output takes any number of reports
        if same is None and _read_next_time(out, inputs):
            raise InputError(
                "the report would be read as a policy document the next time its folder is checked: "
                "give it the extension of its format (.json, .md, .html...)",
                file=out,
            )
        key = same or os.path.realpath(out)
        if key in written:
            raise InputError(f"two reports of this run would be written to this file (also given as {written[key]})", file=out)
        written[key] = out


def _read_next_time(out: str, inputs: list[str]) -> bool:
    """Whether a new report at ``out`` is named like a policy document inside a folder
    this run checks: the next run of the same command would read it as one."""
    from standards_check.loading.discovery import found_in_a_folder

    if not found_in_a_folder(os.path.basename(out)):
        return False
    parent = os.path.dirname(out) or "."

    def within(where: str, top: str) -> bool:  # and in a folder the walk enters (not hidden)
        rel = os.path.relpath(where, top)
        return rel == "." or not any(part.startswith(".") for part in rel.split(os.sep))

    for folder in filter(os.path.isdir, inputs):
        # as written (a linked folder inside it is walked too), or as resolved
        if within(os.path.abspath(parent), os.path.abspath(folder)) or within(os.path.realpath(parent), os.path.realpath(folder)):
            return True
    return False


def _identity(path: str) -> tuple[int, int] | None:
    """The device and inode of the regular file at ``path`` (symlinks followed), or None."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def _identities(inputs: list[str]) -> set[tuple[int, int]]:
    """What the files of ``inputs`` are (a directory: the policy files found in it)."""
    from standards_check.loading.discovery import find_policy_files

    files = [p for p in inputs if not os.path.isdir(p)]
    folders = [p for p in inputs if os.path.isdir(p)]
    if folders:
        files += [str(path) for path, _ in find_policy_files(folders)]
    return {found for found in map(_identity, files) if found is not None}
