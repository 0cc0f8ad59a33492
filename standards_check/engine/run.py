"""One check run: files in, the plain-data report out.

This is the pipeline the ``check`` command drives: find the policy files, load
each, evaluate it, and assemble the report dictionary (the JSON report's shape,
which every format renders). It prints nothing; the CLI talks to the terminal.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from typing import Any, NamedTuple

from standards_check import __version__
from standards_check.engine.checker import Checker, RubricSet
from standards_check.errors import EXIT_TERMINATED, InputError, NotAPolicy, WorkerLost
from standards_check.model import report as model
from standards_check.model.results import SEVERITY_WEIGHTS, STATUS_ORDER
from standards_check.stopping import release, signals_held, stop_signals

REPORT_SCHEMA = "standards-check/report/1"


class RunOutcome(NamedTuple):
    report: dict[str, Any]
    input_errors: list[InputError]
    checked: list[dict[str, Any]] = []  # the name and source of every program checked
    skipped: list[str] = []  # files found in a folder that are no policy documents, and why


class RubricSpec(NamedTuple):
    """What a run checks against, in a form that a worker process can rebuild."""

    blocked: tuple[str, ...] = ()
    extra_plugins: tuple[str, ...] = ()
    rubric_files: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()

    def build(self) -> RubricSet:
        from standards_check.engine.checker import collect_rubrics
        from standards_check.engine.plugins import load_plugins

        plugins = load_plugins(blocked=self.blocked, extra=self.extra_plugins)
        return collect_rubrics(plugins, rubric_files=self.rubric_files, select=self.select, skip=self.skip)


# Per-process state of a parallel run (set by _init_worker).
_WORKER_CHECKER: Checker | None = None
_WORKER_ENCODE: Callable[[dict[str, Any]], str] | None = None
_WORKER_ATTEST: Callable[[dict[str, Any]], dict[str, Any]] | None = None
PARALLEL_MIN_FILES = 16


# The parent's rubrics, which a worker started by fork inherits instead of rebuilding.
_PARENT_RUBRICS: RubricSet | None = None


def _init_worker(
    spec: RubricSpec,
    encode: Callable[[dict[str, Any]], str] | None = None,
    held: frozenset[int] = frozenset(),
    attest: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    global _WORKER_CHECKER, _WORKER_ENCODE, _WORKER_ATTEST
    import signal

    _WORKER_ENCODE = encode
    _WORKER_ATTEST = attest

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # and SIGTERM: a worker asked to stop (by the parent's teardown, or with its
    # whole process group) just stops, rather than unwind as the parent does
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    release(held)  # held back by the parent while it started the workers (see check_paths)
    _end_with_parent()
    _WORKER_CHECKER = Checker(_PARENT_RUBRICS if _PARENT_RUBRICS is not None else spec.build())
    _settle_memory(ours=True)


def _end_with_parent() -> None:
    """Make this worker end when the process that started it ends.

    A parent that ends without stopping its workers (killed with SIGKILL, or by the
    kernel when memory runs out) would leave them waiting for work for ever. Each
    watches the parent's sentinel, a pipe that closes when the parent is gone.
    """
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is None:
        return

    def watch() -> None:
        wait([sentinel])
        os._exit(EXIT_TERMINATED)

    threading.Thread(target=watch, name="standards-check: end with the parent", daemon=True).start()


# Cyclic garbage. Checking a document makes none (none over the benchmark corpus),
# but allocates so many objects that the collector, left to run by itself, would scan
# what a run keeps (the wordings it remembers) again and again for nothing: about a
# seventh of a long run's CPU. A process of our own collects every so many documents
# instead, so that cycles a plugin makes are still freed.
_COLLECT_EVERY = 20  # documents
_SCAN_ALL_EVERY = 10  # collections: then what survived the collections before is scanned too
_collecting = False  # whether this process collects after documents (see _settle_memory)
_checked = 0


def _settle_memory(*, ours: bool = False) -> None:
    """Set aside what lives for the whole run (the rubrics) and collect garbage after documents.

    Frozen objects are never scanned again by the cyclic garbage collector. Only a
    process of our own is settled: a worker (``ours``), or a command-line run that
    turned the collector off while it loaded; a program that calls us keeps its
    collector as it is.
    """
    global _collecting

    if ours or not gc.isenabled():
        gc.freeze()
        gc.disable()
        _collecting = True


def _collect_now_and_then() -> None:
    """After a document: collect cyclic garbage, every ``_COLLECT_EVERY`` documents,
    if this process collects (see :func:`_settle_memory`)."""
    global _checked

    if not _collecting:
        return
    _checked += 1
    if _checked % _COLLECT_EVERY == 0:
        gc.collect(2 if _checked % (_COLLECT_EVERY * _SCAN_ALL_EVERY) == 0 else 1)


def _check_one(item: tuple[str, str]) -> dict[str, Any] | tuple[dict[str, Any], str] | InputError:
    from standards_check.loading.policy import load_policy

    path, display = item
    assert _WORKER_CHECKER is not None
    try:
        document = load_policy(path, display=display)
        result = _WORKER_CHECKER.check(document)  # may find more text than it reads
    except InputError as exc:
        return exc
    finally:
        _collect_now_and_then()
    return _finished(result.to_dict(), _WORKER_ENCODE, _WORKER_ATTEST)


def _finished(
    program: dict[str, Any],
    encode: Callable[[dict[str, Any]], str] | None,
    attest: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> dict[str, Any] | tuple[dict[str, Any], str]:
    """A program's findings as they leave the process that evaluated them, attested
    (with ``attest``): whole, or (with ``encode``) its :func:`digest` and its encoded text."""
    if attest is not None:
        program = attest(program)
    return program if encode is None else (digest(program), encode(program))


def digest(program: dict[str, Any]) -> dict[str, Any]:
    """What the summary, the exit status and the terminal need of a program: not its evidence."""
    return {
        "name": program["name"],
        "source": program["source"],
        "score": program["score"],
        "score_with_attestations": program["score_with_attestations"],
        "warnings": program["warnings"],
        "rubrics": [
            {
                "criteria": [
                    {k: c[k] for k in ("id", "title", "severity", "effective_status")} for c in r["criteria"]
                ]
            }
            for r in program["rubrics"]
        ],
    }


def check_paths(
    paths: list[str],
    rubric_set: RubricSet,
    *,
    spec: RubricSpec | None = None,
    config: dict[str, Any] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    jobs: int | None = None,
    sink: Callable[..., None] | None = None,
    encode: Callable[[dict[str, Any]], str] | None = None,
    attest: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    exclude: tuple[str, ...] = (),
) -> RunOutcome:
    """Check every policy file named or found under ``paths``.

    With many files and more than one core, files are checked in worker processes
    (started by fork they inherit the rubrics; otherwise each rebuilds them from
    ``spec``); results keep the files' sorted order,
    so the report is the same bytes either way. A document is not kept once
    evaluated: only its findings are. With ``sink``, each program's findings are
    handed to it as soon as they are ready and not kept either (the report's
    ``programs`` is then empty; its ``summary`` still covers every program). With
    ``encode`` as well (a module-level function, so that workers can be handed it),
    each program is encoded where it was evaluated and the sink receives its
    :func:`digest` and the text: a worker then sends a string, not the findings.
    ``attest`` (picklable, as workers are handed it) applies attestations to each
    program's findings before they leave the process that evaluated them.
    """
    global _PARENT_RUBRICS

    from standards_check.loading.discovery import find_policy_files
    from standards_check.loading.policy import load_policy

    files = find_policy_files(paths, exclude)
    _settle_memory()
    programs: list[dict[str, Any]] = []
    errors: list[InputError] = []
    summary = Summary()
    checked: list[dict[str, Any]] = []

    if sink is None:
        encode = None  # without a sink, the findings are kept whole for the report

    def keep(result: dict[str, Any] | tuple[dict[str, Any], str]) -> None:
        program = result[0] if isinstance(result, tuple) else result
        checked.append({"name": program["name"], "source": program["source"]})
        if isinstance(result, tuple):  # (digest, text), encoded where it was evaluated
            summary.add(result[0])
            assert sink is not None
            sink(*result)
            return
        summary.add(result)
        if sink is not None:
            sink(result)
        else:
            programs.append(result)

    named = {str(p) for p in paths} | ({"<stdin>"} if "-" in map(str, paths) else set())
    skipped: list[str] = []

    def refuse(error: InputError, display: str) -> None:
        if isinstance(error, NotAPolicy) and display not in named:
            skipped.append(f"{display}: skipped: {error.message}")
        else:
            errors.append(error)

    if jobs is None:
        jobs = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1), 8)
    items = [(str(path), display) for path, display in files]
    if spec is not None and jobs > 1 and len(items) >= PARALLEL_MIN_FILES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        _PARENT_RUBRICS = rubric_set if ctx is not None else None
        held = stop_signals()
        pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(spec, encode, held, attest)
        )
        try:
            chunk = max(1, min(32, len(items) // (jobs * 8) or 1))
            # The workers start when the first chunk is submitted. Ctrl-C or SIGTERM
            # meanwhile could land halfway through a fork (in the parent, where Python
            # ignores it; in a new worker, before the worker sets its own handling)
            # or before the pool has noted the worker it made, which would then
            # outlive the run. So they are held back until every worker has started,
            # and taken then: here, and in each worker the signal was sent to.
            with signals_held(held):
                results = pool.map(_check_one, items, chunksize=chunk)
            for i, result in enumerate(results):
                if progress:
                    progress(i, len(items), items[i][1])
                if isinstance(result, InputError):
                    refuse(result, items[i][1])
                else:
                    keep(result)
        except BaseException as failure:
            # Ctrl-C (or any failure): stop the workers now rather than wait for them
            import threading

            # the pool's manager thread fails on the futures cancelled here (Python 3.11);
            # its report is noise, while other threads of a calling program keep theirs
            manager = getattr(pool, "_executor_manager_thread", None)
            previous = threading.excepthook

            def quiet(args: threading.ExceptHookArgs) -> None:
                if args.thread is not manager:
                    previous(args)

            threading.excepthook = quiet
            processes = list(getattr(pool, "_processes", {}).values())
            results = getattr(pool, "_result_queue", None)  # shutdown forgets it
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            # A worker stopped halfway through sending a result leaves the manager thread
            # waiting for the rest, for ever (and the interpreter's exit waits on it).
            # With our copy of the pipe's writing end closed, it reads the end instead.
            writer = getattr(results, "_writer", None)
            if writer is not None:
                writer.close()
            from concurrent.futures.process import BrokenProcessPool

            if isinstance(failure, BrokenProcessPool):  # killed from outside (out of memory?), or crashed by a plugin
                raise WorkerLost(
                    "a worker process ended before its files were checked (killed from outside, out of memory, or crashed "
                    "by a plugin); no report was written: run again, with fewer workers (-j 1) if memory is short"
                ) from None
            raise
        finally:
            _PARENT_RUBRICS = None
        pool.shutdown()
    else:
        checker = Checker(rubric_set)
        for i, (path, display) in enumerate(items):
            if progress:
                progress(i, len(items), display)
            try:
                document = load_policy(path, display=display)
                result = checker.check(document)  # may find more text than it reads
            except InputError as exc:
                refuse(exc, display)
                continue
            finally:
                _collect_now_and_then()
            keep(_finished(result.to_dict(), encode, attest))
    if progress:
        progress(len(items), len(items), "")
    report = build_report(programs, rubric_set, config or {})
    report["summary"] = summary.result()
    if not checked and not errors and skipped:
        errors.append(InputError("no policy documents here: " + "; ".join(skipped), file=", ".join(map(str, paths))))
    return RunOutcome(report, errors, checked, skipped)


def build_report(programs: list[dict[str, Any]], rubric_set: RubricSet, config: dict[str, Any]) -> model.Report:
    """The whole report: tool, effective configuration, rubrics, programs, summary."""
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "standards-check", "version": __version__},
        "config": config,
        "rubrics": [
            {
                "id": r.id,
                "title": r.title,
                "version": r.version,
                "plugin": r.plugin,
                "criteria": [
                    {
                        "id": c.id,
                        "title": c.title,
                        "severity": c.severity,
                        "requirement": c.requirement,
                        "why": c.why,
                        "remediation": c.remediation,
                        "model_language": c.model_language,
                        "references": [ref.to_dict() for ref in c.references],
                    }
                    for c in r.criteria
                ],
            }
            for r in rubric_set.rubrics
        ],
        "plugin_problems": [{"plugin": p.plugin, "message": p.message} for p in rubric_set.problems],
        "programs": programs,
        "summary": summarize(programs),
    }


def summarize(programs: list[dict[str, Any]]) -> model.Summary:
    """Across programs: counts by status, scores, worst gaps, criteria most often unmet."""
    summary = Summary()
    for p in programs:
        summary.add(p)
    return summary.result()


class Summary:
    """The summary across programs, built one program at a time (nothing else kept)."""

    def __init__(self) -> None:
        self.count = 0
        self.counts = {s.value: 0 for s in STATUS_ORDER}
        self.unmet: dict[str, dict[str, Any]] = {}
        self.gaps: list[dict[str, Any]] = []
        self.scores: list[float] = []

    def add(self, p: dict[str, Any]) -> None:
        self.count += 1
        if p["score"] is not None:
            self.scores.append(p["score"])
        for r in p["rubrics"]:
            for c in r["criteria"]:
                status = c["effective_status"]
                self.counts[status] += 1
                if status == "not_met":
                    entry = self.unmet.setdefault(c["id"], {"id": c["id"], "title": c["title"], "severity": c["severity"], "programs": 0})
                    entry["programs"] += 1
                    if c["severity"] == "critical":
                        self.gaps.append({"program": p["name"], "source": p["source"], "criterion": c["id"], "title": c["title"]})

    def result(self) -> model.Summary:
        most = sorted(self.unmet.values(), key=lambda e: (-e["programs"], -SEVERITY_WEIGHTS.get(e["severity"], 0), e["id"]))
        return {
            "programs": self.count,
            "counts": dict(self.counts),
            "mean_score": round(sum(self.scores) / len(self.scores), 1) if self.scores else None,
            "critical_gaps": list(self.gaps),
            "most_often_unmet": most,
        }
