"""Faults: interruption, unwritable reports, atomic writes."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.errors import Terminated
from standards_check.reports.writing import write_atomically

ROOT = Path(__file__).resolve().parents[2]
HARBOR = ROOT / "examples" / "policies" / "harbor-peer-center.yaml"


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import generate

    out = tmp_path_factory.mktemp("corpus")
    generate(out, 120, size=30_000)
    return out


def _ctrl_c_as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.timing
@pytest.mark.parametrize("after", [1.0, 1.6, 2.2], ids=lambda s: f"after-{s}s")
def test_ctrl_c_ends_a_directory_run_promptly_with_status_130_and_no_traceback(big_corpus, tmp_path, after):
    report = tmp_path / "report.json"
    report.write_text("previous", encoding="utf-8")
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0")
    proc = subprocess.Popen(
        [sys.executable, "-m", "standards_check", "check", str(big_corpus), "-f", "json", "-o", str(report)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        # as from a terminal: a shell starts background jobs with Ctrl-C ignored,
        # and a Python started so keeps ignoring it (rightly)
        preexec_fn=_ctrl_c_as_from_a_terminal,
    )
    time.sleep(after)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert "interrupted" in err
    assert report.read_text(encoding="utf-8") == "previous"


def _alive_in_group(group: int) -> list[int]:
    """The processes of process group ``group`` still running (not zombies)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


@pytest.mark.timing
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("formats", [["-f", "json"], ["-f", "json", "-f", "md"]], ids=["streamed-json", "json-and-markdown"])
@pytest.mark.parametrize("whole_group", [False, True], ids=["to-the-command", "to-its-process-group"])
def test_sigterm_ends_a_run_like_ctrl_c_leaving_no_temporary_file_and_no_worker(big_corpus, tmp_path, formats, whole_group):
    out = tmp_path / "out"
    out.mkdir()
    outputs = []
    for name in formats[1::2]:
        (out / f"report.{name}").write_text("previous", encoding="utf-8")
        outputs += ["-f", name, "-o", str(out / f"report.{name}")]
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0")
    proc = subprocess.Popen(
        [sys.executable, "-m", "standards_check", "check", str(big_corpus), "--jobs", "2", *outputs],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
    )
    time.sleep(1.6)
    assert proc.poll() is None, "the run ended before it could be stopped"
    sent = time.monotonic()
    if whole_group:
        os.killpg(proc.pid, signal.SIGTERM)
    else:
        proc.terminate()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert (proc.returncode, err) == (143, "standards-check: terminated\n")
    # the previous reports whole, and nothing else: no temporary file left behind
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {
        f"report.{name}": "previous" for name in formats[1::2]
    }
    deadline = time.monotonic() + 5
    while _alive_in_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive_in_group(proc.pid) == []


def _sigterm_ignored() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


@pytest.mark.timing
def test_a_run_started_with_sigterm_ignored_keeps_ignoring_it(big_corpus, tmp_path):
    report = tmp_path / "report.json"
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0")
    proc = subprocess.Popen(
        [sys.executable, "-m", "standards_check", "check", str(big_corpus), "--jobs", "2", "-f", "json", "-o", str(report)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=_sigterm_ignored,
    )
    time.sleep(1.0)
    assert proc.poll() is None, "the run ended before the signal could be sent"
    proc.terminate()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1), err
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]


@pytest.mark.parametrize(("stop", "status", "line"), [
    (KeyboardInterrupt, 130, "standards-check: interrupted\n"),
    (Terminated, 143, "standards-check: terminated\n"),
])
def test_a_stop_python_turned_into_another_error_still_ends_the_run_as_a_stop(monkeypatch, tmp_path, stop, status, line):
    import standards_check.engine.run

    def made_a_class(*args, **kwargs):
        # as when the signal lands in __set_name__ while a module being imported makes a class
        try:
            raise stop
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance 'rubrics' in 'RubricSet'") from exc

    monkeypatch.setattr(standards_check.engine.run, "check_paths", made_a_class)
    report = tmp_path / "report.json"
    report.write_text("previous", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json", "-o", str(report)])
    assert (result.exit_code, result.stderr) == (status, line)
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert report.read_text(encoding="utf-8") == "previous"


def test_any_other_error_is_not_taken_for_a_stop(monkeypatch):
    import standards_check.engine.run

    def fails(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(standards_check.engine.run, "check_paths", fails)
    result = CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json"])
    assert isinstance(result.exception, RuntimeError)


def test_a_stop_python_drops_is_raised_again_where_it_can_end_the_run():
    script = (
        "import time\n"
        "from standards_check.errors import Terminated\n"
        "from standards_check.stopping import take_stops\n"
        "take_stops()\n"
        "class Drops:\n"
        "    def __del__(self):\n"
        "        raise Terminated  # as if SIGTERM landed in a callback: Python drops what it raises\n"
        "try:\n"
        "    Drops()\n"
        "    time.sleep(10)\n"
        "    print('lost')\n"
        "except Terminated:\n"
        "    print('taken again')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (proc.stdout, proc.stderr) == ("taken again\n", "")


@pytest.mark.parametrize("sent", ["SIGTERM", "SIGINT"])
def test_a_stop_that_lands_while_a_class_is_made_waits_till_it_is_made(sent):
    # Python 3.11 makes a RuntimeError of an exception raised in __set_name__: a plugin
    # whose import it interrupted would be reported broken, and the run would go on
    script = (
        "import os, signal, time\n"
        "from standards_check.stopping import take_stops\n"
        "take_stops()\n"
        "class Named:\n"
        "    def __set_name__(self, owner, name):\n"
        f"        os.kill(os.getpid(), signal.{sent})\n"
        "try:\n"
        "    class Made:\n"
        "        field = Named()\n"
        "    time.sleep(10)\n"
        "    print('lost')\n"
        "except KeyboardInterrupt as stop:\n"
        "    print(type(stop).__name__, 'after the class was made')\n"
        "except RuntimeError:\n"
        "    print('made into a RuntimeError')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    expected = "Terminated" if sent == "SIGTERM" else "KeyboardInterrupt"
    assert (proc.stdout, proc.stderr) == (f"{expected} after the class was made\n", "")


def test_an_interrupted_parallel_run_in_a_calling_program_leaves_its_other_threads_heard(big_corpus):
    import threading

    from standards_check.engine.run import RubricSpec, check_paths

    spec = RubricSpec()
    heard: list[str] = []
    hook = threading.excepthook
    threading.excepthook = lambda args: heard.append(args.thread.name)  # the calling program's own hook

    def ctrl_c_after_a_few(i, total, name):
        if i == 5:
            raise KeyboardInterrupt

    def failing() -> None:
        raise RuntimeError("the program's own thread")

    try:
        with pytest.raises(KeyboardInterrupt):
            check_paths([str(big_corpus)], spec.build(), spec=spec, progress=ctrl_c_after_a_few, jobs=2)
        from concurrent.futures.process import _ExecutorManagerThread

        def managers() -> list[threading.Thread]:
            return [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)]

        deadline = time.monotonic() + 10
        while managers() and time.monotonic() < deadline:
            time.sleep(0.05)  # the pool's manager thread notices its workers are gone, and ends
        assert not managers()
        assert heard == []  # the pool's manager thread failing on cancelled futures is not reported
        own = threading.Thread(target=failing, name="own")
        own.start()
        own.join()
        assert heard == ["own"]  # any other thread still is
    finally:
        threading.excepthook = hook


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_ctrl_c_while_the_workers_are_being_started_stops_every_one_of_them(big_corpus, monkeypatch):
    from multiprocessing.context import ForkProcess

    from standards_check.engine.run import RubricSpec, check_paths

    started: list[int] = []
    start = ForkProcess.start

    def start_and_press_ctrl_c(self):
        start(self)
        started.append(self.pid)
        if len(started) == 1:  # before the pool has noted this worker, or started the next
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(ForkProcess, "start", start_and_press_ctrl_c)
    spec = RubricSpec()
    with pytest.raises(KeyboardInterrupt):
        check_paths([str(big_corpus)], spec.build(), spec=spec, jobs=2)
    assert len(started) == 2  # Ctrl-C waited till both were started
    deadline = time.monotonic() + 10
    while any(map(_running, started)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_running, started))


@pytest.mark.timing
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_end_when_their_parent_is_killed_outright(big_corpus, tmp_path):
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0")
    proc = subprocess.Popen(
        [sys.executable, "-m", "standards_check", "check", str(big_corpus), "--jobs", "2", "-f", "json", "-o", str(tmp_path / "r.json")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
    )
    time.sleep(1.6)
    assert proc.poll() is None, "the run ended before it could be killed"
    workers = [int(pid) for pid in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
    assert len(workers) == 2
    proc.kill()  # SIGKILL: the parent cannot stop them (nor can the kernel's out-of-memory killer)
    proc.wait()
    deadline = time.monotonic() + 10
    while _alive_in_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive_in_group(proc.pid) == []


def test_ctrl_c_while_the_command_is_still_starting_is_one_line_and_status_130(monkeypatch, capsys):
    import importlib.abc

    import standards_check.cli as entry

    class CtrlCDuringImport(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "standards_check.cli.commands":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "standards_check.cli.commands")
    monkeypatch.setattr(sys, "meta_path", [CtrlCDuringImport(), *sys.meta_path])
    with pytest.raises(SystemExit) as exc:
        entry.main()
    assert exc.value.code == 130
    assert capsys.readouterr().err == "standards-check: interrupted\n"


def test_a_report_folder_that_cannot_be_made_is_an_error_before_any_work(tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json", "-o", str(tmp_path / "notes.txt" / "sub" / "r.json")])
    assert result.exit_code == 2
    assert f"cannot write the report: {tmp_path / 'notes.txt'} is not a folder" in result.stderr


def test_a_missing_report_folder_is_made(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json", "-o", str(tmp_path / "reports" / "2026" / "r.json")])
    assert result.exit_code == 0
    assert (tmp_path / "reports" / "2026" / "r.json").exists()


def test_a_failed_write_leaves_the_previous_report_whole(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(str(target), "new report " * 1000)
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left


def test_a_report_written_atomically_replaces_the_old_one_whole(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")
    write_atomically(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import generate

    out = tmp_path_factory.mktemp("small-corpus")
    generate(out, 24, size=6_000)
    return out


def test_parallel_serial_and_streamed_runs_give_the_same_bytes(small_corpus, tmp_path):
    # with a JSON file as the only report, each worker encodes its programs itself
    serial = CliRunner().invoke(cli, ["check", str(small_corpus), "-f", "json", "-j", "1"]).stdout
    assert serial.count('"source"') >= 24
    assert CliRunner().invoke(cli, ["check", str(small_corpus), "-f", "json", "-j", "2"]).stdout == serial
    for jobs in ("1", "2"):
        out = tmp_path / f"streamed-{jobs}.json"
        CliRunner().invoke(cli, ["check", str(small_corpus), "-f", "json", "-o", str(out), "-j", jobs])
        assert out.read_text(encoding="utf-8") == serial


def test_a_check_run_leaves_the_calling_programs_garbage_collector_as_it_was(tmp_path):
    # the command line turns the collector off while it loads and freezes what it
    # loaded; a program that runs a check in-process (tests, the pytest plugin) is untouched
    frozen = gc.get_freeze_count()
    result = CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json", "-o", str(tmp_path / "r.json")])
    assert result.exit_code in (0, 1)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_run_of_its_own_collects_cyclic_garbage_every_twenty_documents(small_corpus, monkeypatch):
    # the command line turns the automatic collector off (checking a document makes
    # no cycles, and scanning for them cost a seventh of a long run); cycles a plugin
    # makes are still freed, every twenty documents
    import weakref

    from standards_check.engine import run
    from standards_check.loading import policy as loader

    class Cycle:
        pass

    made: list[weakref.ref] = []
    load = loader.load_policy

    def load_and_make_a_cycle(*args, **kwargs):
        cycle = Cycle()
        cycle.itself = cycle
        made.append(weakref.ref(cycle))
        return load(*args, **kwargs)

    monkeypatch.setattr(loader, "load_policy", load_and_make_a_cycle)
    monkeypatch.setattr(run, "_collecting", False)
    monkeypatch.setattr(run, "_checked", 0)
    was_enabled = gc.isenabled()
    gc.disable()  # as main() does
    try:
        outcome = run.check_paths([str(small_corpus)], run.RubricSpec().build(), jobs=1)
        assert not gc.isenabled()
        alive = [r for r in made if r() is not None]
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
    assert len(made) == len(outcome.report["programs"]) >= 24
    assert len(alive) < 20


@pytest.mark.timing
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_worker_killed_from_outside_ends_the_run_with_one_line_and_no_report(big_corpus, tmp_path):
    report = tmp_path / "report.json"
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0")
    proc = subprocess.Popen(
        [sys.executable, "-m", "standards_check", "check", str(big_corpus), "-f", "json", "-f", "md", "-o", str(report),
         "-o", str(tmp_path / "report.md"), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    deadline = time.monotonic() + 10
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = [int(s.parent.name) for s in Path("/proc").glob("[0-9]*/stat")
                   if _parent_of(s) == proc.pid]
    assert workers, "no worker started"
    time.sleep(0.5)
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "a worker process ended before its files were checked" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not report.exists()


def _parent_of(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1
