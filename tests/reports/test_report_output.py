"""Report files: where -o may point, and what happens when a report cannot be written.

An unusable report path is one line naming it, exit status 2, before any work; a
report that fails while it is written leaves the previous one whole; a device or
FIFO is written to, never replaced; a symlink keeps pointing at the new report.
"""

from __future__ import annotations

import os
import resource
import select
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from standards_check.cli.commands import cli

ROOT = Path(__file__).resolve().parents[2]
HARBOR = str(ROOT / "examples" / "policies" / "harbor-peer-center.yaml")
EXTENSION = {"json": ".json", "html": ".html", "md": ".md"}


def check(*args: str, policy: str = HARBOR) -> Result:
    return CliRunner().invoke(cli, ["check", policy, *args])


def report_of(fmt: str) -> str:
    return check("-f", fmt).stdout


@pytest.fixture
def broken_policy(tmp_path: Path) -> str:
    """A policy that fails to load: an error about the report instead proves it came first."""
    path = tmp_path / "broken.yaml"
    path.write_text("policies: [\n", encoding="utf-8")
    return str(path)


def assert_report_error_before_any_work(result: Result, path: str, reason: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr == f"standards-check: error: {path}: cannot write the report: {reason}\n"


def assert_report_error_after_the_run(result: Result, path: str, reason: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"standards-check: error: {path}: cannot write the report: {reason}"


def test_a_report_name_too_long_for_the_filesystem_is_a_one_line_error_before_any_work(tmp_path, broken_policy):
    out = str(tmp_path / ("a" * 300 + ".json"))
    result = check("-f", "json", "-o", out, policy=broken_policy)
    assert_report_error_before_any_work(result, out, "File name too long")


def test_a_report_name_as_long_as_the_filesystem_allows_is_written(tmp_path):
    out = tmp_path / ("a" * 250 + ".html")  # 255 bytes: its temporary name must be shorter
    result = check("-f", "html", "-o", str(out))
    assert result.exit_code in (0, 1), result.output
    assert out.read_text(encoding="utf-8") == report_of("html")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.parametrize(
    ("fmt", "out"),
    [("json", "/proc/r.json"), ("html", "/proc/r.html"), ("html", "/proc/version"), ("json", "/sys/x.json")],
)
def test_a_report_path_the_system_refuses_is_a_one_line_error_before_any_work(broken_policy, fmt, out):
    if not os.path.isdir(os.path.dirname(out)):
        pytest.skip(f"no {os.path.dirname(out)} here")
    result = check("-f", fmt, "-o", out, policy=broken_policy)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"standards-check: error: {out}: cannot write the report: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("fmt", ["json", "html"])  # a JSON report alone is written program by program
def test_a_disk_that_fills_up_while_the_report_is_written_is_a_one_line_error_and_the_previous_report_stays(
    tmp_path, monkeypatch, fmt,
):
    out = tmp_path / f"report{EXTENSION[fmt]}"
    out.write_text("previous", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = check("-f", fmt, "-o", str(out))
    assert_report_error_after_the_run(result, str(out), "No space left on device")
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def _file_size_limit_of_4_kb() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_report_larger_than_the_file_size_limit_is_a_one_line_error_and_the_previous_report_stays(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("previous", encoding="utf-8")
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "standards_check", "check", HARBOR, "-f", "html", "-o", str(out)],
        capture_output=True, text=True, env=env, cwd=tmp_path, preexec_fn=_file_size_limit_of_4_kb,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1] == f"standards-check: error: {out}: cannot write the report: File too large"
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def _read_in_background(fifo: Path, seconds: float = 10) -> tuple[threading.Thread, list[bytes]]:
    """Reads ``fifo`` until its writer closes it (or ``seconds`` pass without one)."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # does not wait for a writer
    chunks: list[bytes] = []

    def read() -> None:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                if poller.poll(100):  # no hang-up is reported before a writer came
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        return
                    chunks.append(chunk)
        finally:
            os.close(fd)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, chunks


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_a_report_written_to_a_fifo_goes_through_it_and_the_fifo_stays(tmp_path, fmt):
    fifo = tmp_path / "reports"
    os.mkfifo(fifo)
    reader, chunks = _read_in_background(fifo)
    result = check("-f", fmt, "-o", str(fifo))
    reader.join(timeout=15)
    assert result.exit_code in (0, 1), result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"".join(chunks).decode("utf-8") == report_of(fmt)
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


@pytest.fixture
def null_device(tmp_path: Path) -> Path:
    """A null device of the test's own: were it replaced, the system's /dev/null would not be."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device needs root")
    return device


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_report_written_to_a_null_device_leaves_it_a_device(null_device, fmt):
    result = check("-f", fmt, "-o", str(null_device))
    assert result.exit_code in (0, 1), result.output
    assert stat.S_ISCHR(os.lstat(null_device).st_mode), "the device was replaced by a file"
    assert [p.name for p in null_device.parent.iterdir()] == ["null"]  # no temporary file either


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_report_path_that_is_a_symlink_keeps_the_link_and_its_target_gets_the_report(tmp_path, fmt):
    (tmp_path / "kept").mkdir()
    real = tmp_path / "kept" / f"real{EXTENSION[fmt]}"
    real.write_text("previous", encoding="utf-8")
    link = tmp_path / f"report{EXTENSION[fmt]}"
    link.symlink_to(Path("kept") / real.name)
    result = check("-f", fmt, "-o", str(link))
    assert result.exit_code in (0, 1), result.output
    assert os.readlink(link) == str(Path("kept") / real.name)
    assert real.read_text(encoding="utf-8") == report_of(fmt)
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == [real.name]


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
def test_a_report_to_dev_stdout_sent_to_a_file_is_added_to_what_the_file_held(tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("previous\n", encoding="utf-8")
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0")
    with open(log, "a", encoding="utf-8") as appended:  # like `>> log.txt`
        proc = subprocess.run(
            [sys.executable, "-m", "standards_check", "check", HARBOR, "-f", "json", "-o", "/dev/stdout"],
            stdout=appended, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
        )
    assert proc.returncode in (0, 1), proc.stderr
    assert log.read_text(encoding="utf-8") == "previous\n" + report_of("json")
    assert [p.name for p in tmp_path.iterdir()] == ["log.txt"]


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    """A folder with a policy, one under an upper-case name, and a link to a policy outside it."""
    folder = tmp_path / "policies"
    folder.mkdir()
    text = Path(HARBOR).read_text(encoding="utf-8")
    (folder / "harbor.yaml").write_text(text, encoding="utf-8")
    (folder / "LOUD.YAML").write_text(text, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "linked.yaml").write_text(text, encoding="utf-8")
    (folder / "linked.yaml").symlink_to(tmp_path / "elsewhere" / "linked.yaml")
    (folder / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    return folder


@pytest.mark.parametrize(
    ("given", "out"),
    [
        ("harbor.yaml", "harbor.yaml"),  # the file named
        (".", "harbor.yaml"),  # a file of the directory named
        (".", "LOUD.YAML"),  # found whatever the case of its suffix
        (".", "linked.yaml"),  # a link in the directory: its target is checked
        (".", "more/linked.yaml"),  # reached through a linked folder
        ("harbor.yaml", "../elsewhere/harbor-link.yaml"),  # a link to the file named
    ],
)
def test_a_report_that_would_replace_a_policy_file_the_run_checks_is_refused_before_any_work(policies, given, out):
    if out.endswith("harbor-link.yaml"):
        (policies / out).symlink_to(policies / "harbor.yaml")
    before = {p: p.read_bytes() for p in [*policies.rglob("*.yaml"), *policies.rglob("*.YAML")]}
    result = check("-f", "md", "-o", str(policies / out), policy=str(policies / given))
    assert result.exit_code == 2, result.output
    assert result.stderr == f"standards-check: error: {policies / out}: the report would replace a file this run reads\n"
    assert {p: p.read_bytes() for p in before} == before


def test_a_report_that_would_replace_the_attestations_or_the_configuration_is_refused(tmp_path):
    attestations = tmp_path / "attestations.yaml"
    attestations.write_text("standards_check: 1\nattestations: []\n", encoding="utf-8")
    config = tmp_path / "standards-check.yaml"
    config.write_text("fail_on: none\n", encoding="utf-8")
    for options in (["--attestations", str(attestations), "-o", str(attestations)], ["--config", str(config), "-o", str(config)]):
        result = check("-f", "md", *options)
        assert result.exit_code == 2, result.output
        assert "the report would replace a file this run reads" in result.stderr
    assert attestations.read_text(encoding="utf-8") == "standards_check: 1\nattestations: []\n"
    assert config.read_text(encoding="utf-8") == "fail_on: none\n"


def test_two_reports_of_one_run_may_not_be_written_to_the_same_file(tmp_path):
    (tmp_path / "r.md").symlink_to(tmp_path / "r.out")
    for second in ("r.out", "./r.out", "r.md"):
        result = check("-f", "json", "-o", str(tmp_path / "r.out"), "-f", "md", "-o", str(tmp_path / second))
        assert result.exit_code == 2, result.output
        assert "two reports of this run would be written to this file" in result.stderr
    assert not (tmp_path / "r.out").exists()


def test_a_diff_that_would_replace_one_of_its_reports_is_refused(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(report_of("json"), encoding="utf-8")
    new.write_text(report_of("json"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "-o", str(old)])
    assert result.exit_code == 2, result.output
    assert "the report would replace a file this run reads" in result.stderr
    assert old.read_text(encoding="utf-8") == new.read_text(encoding="utf-8")


def test_a_new_report_beside_the_policies_of_a_directory_is_written(tmp_path):
    (tmp_path / "harbor.yaml").write_text(Path(HARBOR).read_text(encoding="utf-8"), encoding="utf-8")
    result = check("-f", "json", "-o", str(tmp_path / "report.json"), policy=str(tmp_path))
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "report.json").exists()


@pytest.mark.parametrize("out", ["report.yaml", "sub/report.YML", "more/report.yml"])
def test_a_new_report_named_like_a_policy_inside_a_checked_folder_is_refused_as_the_next_run_would_read_it(policies, out):
    (policies / "sub").mkdir()
    result = check("-f", "json", "-o", str(policies / out), policy=str(policies))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"standards-check: error: {policies / out}: the report would be read as a policy document the next time "
        "its folder is checked: give it the extension of its format (.json, .md, .html...)\n"
    )
    assert not (policies / out).exists()


@pytest.mark.parametrize("out", ["report.json", ".report.yaml", "standards-check.yml", ".reports/report.yaml"])
def test_a_report_the_next_run_of_the_folder_would_not_read_is_written_there(policies, out):
    (policies / ".reports").mkdir()
    result = check("-f", "json", "-o", str(policies / out), policy=str(policies))
    assert result.exit_code in (0, 1), result.output
    assert (policies / out).exists()


def test_a_run_that_fails_sends_nothing_to_a_fifo_not_half_a_json_report(tmp_path):
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "a.yaml").write_text(Path(HARBOR).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "policies" / "b.yaml").write_text("policies: [\n", encoding="utf-8")
    fifo = tmp_path / "reports"
    os.mkfifo(fifo)
    reader, chunks = _read_in_background(fifo, seconds=2)
    result = check("-f", "json", "-o", str(fifo), policy=str(tmp_path / "policies"))
    reader.join(timeout=5)
    assert result.exit_code == 2, result.output
    assert b"".join(chunks) == b""


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
def test_a_report_to_any_name_of_the_file_stdout_goes_to_is_added_to_it(tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("previous\n", encoding="utf-8")
    (tmp_path / "out").symlink_to("/dev/stdout")
    env = dict(os.environ, STANDARDS_CHECK_PROGRESS="0")
    for name in ("out", "log.txt"):
        with open(log, "a", encoding="utf-8") as appended:  # like `>> log.txt`
            proc = subprocess.run(
                [sys.executable, "-m", "standards_check", "check", HARBOR, "-f", "md", "-o", name],
                stdout=appended, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
            )
        assert proc.returncode in (0, 1), proc.stderr
    assert log.read_text(encoding="utf-8") == "previous\n" + report_of("md") * 2


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("", "--output: the report path is empty: expected a file name"),
        ("{tmp}/new.json/", "{tmp}/new.json/: the report path ends with a slash: expected a file name"),
    ],
    ids=["empty", "trailing slash"],
)
def test_a_report_path_that_names_no_file_is_refused(tmp_path, broken_policy, out, message):
    result = check("-f", "json", "-o", out.format(tmp=tmp_path), policy=broken_policy)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"standards-check: error: {message.format(tmp=tmp_path)}\n"
    assert not (tmp_path / "new.json").exists()
