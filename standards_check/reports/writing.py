"""Writing the files a command makes (reports, a starter policy document): whole or
not at all.

A file is written under a temporary name beside it and moved into place only when
whole (:class:`AtomicFile`, :func:`write_atomically`), so a crash, a full disk or
Ctrl-C never leaves half a file or loses the one there before. What cannot be
replaced (a device, a pipe, the file this process's output goes to) is written to
where it is (:func:`is_special`). :func:`write_errors` turns a failure to write into
the project's one-line error (:func:`write_file` writes so); :func:`check_writable`
finds, before any work, that a report could not be written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from standards_check.errors import InputError


@contextmanager
def write_errors(path: str, what: str = "report") -> Iterator[None]:
    """Turns a failure to write the ``what`` at ``path`` (a full disk, a file name too
    long, a read-only folder) into an :class:`InputError`: one clear line, exit status 2."""
    try:
        yield
    except OSError as exc:
        raise InputError(f"cannot write the {what}: {exc.strerror or exc}", file=path) from None


def is_special(path: str) -> bool:
    """``path`` is a device, a FIFO or a socket (``/dev/null``, ``/dev/stdout`` on a
    pipe), or the very file this process's output goes to (``/dev/stdout``, or any
    name of it, sent to a file with ``>>``): written to where it is, never replaced."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(found.st_mode):
        return True
    for fd in (1, 2):
        try:
            out = os.fstat(fd)
        except OSError:
            continue
        if (out.st_dev, out.st_ino) == (found.st_dev, found.st_ino):
            return True
    return False


def _refuse_foreign_link(path: str) -> None:
    """A report is never written through a symbolic link another user owns: planted at
    the report's path in a shared folder, it would make the run replace that user's
    choice of file (the kernel's protected-symlinks rule, kept even when the path is
    resolved first)."""
    if hasattr(os, "geteuid") and os.path.islink(path) and os.lstat(path).st_uid not in (os.geteuid(), 0):
        raise InputError("the report path is a symbolic link another user owns: remove it or write the report elsewhere", file=path)


def _remove_left_behind(folder: str, name: str) -> None:
    """Remove the temporary files of this report that a run killed outright left behind
    (their writer, named in them, is no longer running); never another live run's."""
    prefix = f".{name}."
    try:
        entries = [e for e in os.listdir(folder) if e.startswith(prefix) and e.endswith(".tmp")]
    except OSError:
        return
    for entry in entries:
        pid = entry[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            os.unlink(os.path.join(folder, entry))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


class AtomicFile:
    """A file written under a temporary name and moved into place only when whole.

    A symlink of the user's own keeps pointing at the file: the file it points to is
    replaced; one another user owns is refused (see :func:`check_writable`). A device,
    FIFO or socket is written to directly (renaming over it would replace it).
    """

    # Temporary files not yet moved into place or removed. A run interrupted between
    # creating one and reaching the code that discards it (as likely as any moment,
    # when a report is probed before the work) removes them on its way out.
    _unfinished: set[str] = set()

    @classmethod
    def remove_unfinished(cls) -> None:
        """Remove every temporary file not yet moved into place or discarded."""
        for tmp in sorted(cls._unfinished):
            try:
                os.unlink(tmp)
            except OSError:
                pass
        cls._unfinished.clear()

    def __init__(self, path: str) -> None:
        import tempfile

        from standards_check.stopping import signals_held

        self.tmp: str | None = None
        if is_special(path):
            # appending: "/dev/stdout" sent to a file with ">>" keeps what the file held
            self.fh = open(path, "a", encoding="utf-8", newline="\n")  # noqa: SIM115
            return
        _refuse_foreign_link(path)
        self.target = os.path.realpath(path)
        folder, name = os.path.split(self.target)
        _remove_left_behind(folder, name[:40])
        # the name shortened: a temporary name must not be too long where the file's is not;
        # the process id in it tells a later run whether its writer is still alive
        with signals_held():  # a run stopped now would not know the file to remove
            fd, self.tmp = tempfile.mkstemp(prefix=f".{name[:40]}.{os.getpid()}.", suffix=".tmp", dir=folder)
            self._unfinished.add(self.tmp)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        """Move the whole file into place."""
        if self.tmp is None:
            self.fh.close()
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        mode = os.stat(self.target).st_mode & 0o777 if os.path.exists(self.target) else 0o644
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.target)
        self._unfinished.discard(self.tmp)

    def discard(self) -> None:
        """Throw the new file away; the one there before stays as it was."""
        try:
            self.fh.close()
        except OSError:
            pass  # the data that could not be written is being thrown away
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self._unfinished.discard(self.tmp)


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    target = AtomicFile(path)
    try:
        target.fh.write(text)
        target.commit()
    except BaseException:
        target.discard()
        raise


def write_files(files: list[tuple[str, str]]) -> None:
    """Write every ``(path, text)`` as one unit: each is written whole under a temporary
    name first (a full disk fails here, and every report stays as it was), then all are
    moved into place together, with Ctrl-C and SIGTERM held until the last is."""
    from standards_check.stopping import signals_held

    pending: list[tuple[str, AtomicFile]] = []
    try:
        for path, text in files:
            with write_errors(path):
                target = AtomicFile(path)
                pending.append((path, target))
                target.fh.write(text)
                target.fh.flush()
                if target.tmp is not None:  # a device or a pipe is written to directly
                    os.fsync(target.fh.fileno())
        with signals_held():
            for path, target in pending:
                with write_errors(path):
                    target.commit()
    except BaseException:
        for _path, target in pending:
            target.discard()
        raise


def write_file(path: str, text: str, *, what: str = "report") -> None:
    """:func:`write_atomically`, with a failure (a full disk...) one clear line naming the ``what``."""
    with write_errors(path, what):
        write_atomically(path, text)


def check_writable(path: str) -> None:
    """Fails before any work when the report cannot be written to ``path``. Permissions
    cannot be trusted (root may "write" to /proc), so this creates and removes the
    temporary file the report will be written to."""
    if path == "-":
        return
    if not path:
        raise InputError("the report path is empty: expected a file name", file="--output")
    with write_errors(path):
        p = Path(path)
        if p.is_dir():
            raise InputError("the report path is a directory; expected a file name", file=path)
        if path.endswith(("/", os.sep)):
            raise InputError("the report path ends with a slash: expected a file name", file=path)
        _refuse_foreign_link(path)
        parent = p.parent if str(p.parent) else Path(".")
        if not parent.is_dir():
            # a report folder named in a configuration (reports/policies.html) is made on first use
            existing = next((a for a in parent.parents if a.exists()), Path("."))
            if not existing.is_dir():
                raise InputError(f"cannot write the report: {existing} is not a folder", file=path)
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"cannot write the report: cannot make its folder ({exc.strerror or exc})", file=path) from None
        if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
            raise InputError("cannot write the report: permission denied", file=path)
        if not is_special(path):
            try:
                AtomicFile(path).discard()
            except OSError as exc:
                reason = exc.strerror or exc
                raise InputError(f"cannot write the report: cannot create a file in its folder ({reason})", file=path) from None
        elif not stat.S_ISFIFO(os.stat(path).st_mode):  # a FIFO would wait here for its reader
            os.close(os.open(path, os.O_WRONLY | os.O_APPEND))
