"""The command line. The only module that talks to the terminal.

Exit status (the README's Everyday use): 0 the run completed and nothing fails the threshold;
1 the run completed and something does (or a plugin failed); 2 the input or the
command line was wrong; 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any

import click

from standards_check import __version__
from standards_check.cli.common import (
    EXIT_FAIL,
    EXIT_INPUT,
    EXIT_OK,
    blocked,
    check_reports,
    echo_problem,
    echo_stderr,
    load_plugins_named,
    loaded,
    plugin_options,
)
from standards_check.errors import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    INTERRUPTED,
    TERMINATED,
    TRACEBACK_ENV,
    InputError,
    StandardsCheckError,
    Terminated,
    WorkerLost,
    described,
    suggest,
)
from standards_check.model.verdict import failing, program_failures
from standards_check.reports import BUILTIN_FORMATS
from standards_check.reports.writing import AtomicFile, is_special, write_errors, write_files


def _fail_input(error: Exception) -> None:
    echo_stderr(f"standards-check: error: {error}")
    sys.exit(EXIT_INPUT)


# commands defined in standards_check.cli.workflow, imported when one is asked for
# (click's lazily loaded subcommands): a check run does not define them
_WORKFLOW_COMMANDS = ("diff", "explain", "import", "init", "rubrics", "schema", "validate")


class _Group(click.Group):
    """Turns the project's own errors and Ctrl-C into one line and an exit status."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *_WORKFLOW_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _WORKFLOW_COMMANDS and cmd_name not in self.commands:
            from standards_check.cli.workflow import COMMANDS

            for command in COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            _fail_input(exc)
        except WorkerLost as exc:
            AtomicFile.remove_unfinished()
            echo_stderr(f"standards-check: error: {exc}")
            sys.exit(EXIT_FAIL)
        except StandardsCheckError as exc:
            _fail_input(exc)
        except (SystemExit, click.exceptions.Exit):
            raise
        except BaseException as exc:
            from standards_check.stopping import stop_behind

            stop = stop_behind(exc)  # Ctrl-C or SIGTERM, or an error Python made of one
            if stop is None:
                raise
            AtomicFile.remove_unfinished()
            terminated = isinstance(stop, Terminated)
            click.echo(TERMINATED if terminated else INTERRUPTED, err=True)
            sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)


_load = load_plugins_named


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="standards-check")
def cli() -> None:
    """Check peer-support policies for autonomy, mutual respect and shared decisions.

    Start with `standards-check check POLICY.yaml`; `standards-check explain AUT-01`
    tells what a criterion asks for.
    """


def _format_names(plugins) -> dict[str, Any]:
    from standards_check.reports import available_builtin, builtin_format

    formats = {name: builtin_format(name) for name in available_builtin()}
    from standards_check.engine.plugins import call_each

    for _plugin, result in call_each(plugins, "standards_check_report_formats"):
        if isinstance(result, dict):
            for name, fmt in result.items():
                if name not in formats and callable(getattr(fmt, "render", None)):
                    formats[name] = fmt
    return formats


# the names people also give the built-in formats (any letter case is accepted too)
_FORMAT_ALIASES = {"markdown": "md", "htm": "html", "txt": "text", "xml": "junit", "junit-xml": "junit", "junitxml": "junit"}


def _pair_outputs(formats: tuple[str, ...], outputs: tuple[str, ...], known: dict[str, Any]) -> list[tuple[str, str]]:
    """Pair ``-f`` and ``-o`` values by position; formats without an output go to stdout."""
    fmts = list(formats)
    if not formats and outputs:
        # `-o report.html` alone: each format follows its file's extension
        for out in outputs:
            ext = Path(out).suffix.lower()
            guessed = next((n for n, f in known.items() if f.extension == ext), None)
            if guessed is None:
                raise InputError(f"cannot tell the format of {out!r} from its extension; add -f FORMAT", file="--output")
            fmts.append(guessed)
    fmts = [_FORMAT_ALIASES.get(f.lower(), f.lower()) if f.lower() in known or f.lower() in _FORMAT_ALIASES else f for f in fmts]
    fmts = fmts or ["text"]
    if len(outputs) > len(fmts):
        raise InputError("more --output than --format options; give one -f FORMAT for each -o FILE", file="--output")
    pairs = []
    for i, name in enumerate(fmts):
        if name not in known:
            raise InputError(f"unknown format {name!r}{suggest(name, known)}; known: {', '.join(known)}", file="--format")
        out = outputs[i] if i < len(outputs) else "-"
        if out != "-":
            ext = Path(out).suffix.lower()
            other = next((n for n, f in known.items() if f.extension == ext and n != name and ext not in (".txt",)), None)
            if other and known[name].extension != ext:
                raise InputError(
                    f"-o {out} is paired with -f {name}, but its extension says {other}; -f and -o pair up in order",
                    file="--output",
                )
        pairs.append((name, out))
    stdout = [n for n, o in pairs if o == "-"]
    if len(stdout) > 1:
        raise InputError(f"only one report can go to standard output, but {', '.join(stdout)} have no -o FILE", file="--output")
    return pairs


def _prints_to_stderr(command):
    """Run ``command`` with standard output sent to standard error: a plugin that prints
    must not mix into a report written to standard output, which only
    :data:`_REPORT_OUT` receives."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        global _REPORT_OUT
        _REPORT_OUT, sys.stdout = sys.stdout, sys.stderr
        try:
            return command(*args, **kwargs)
        finally:
            sys.stdout, _REPORT_OUT = _REPORT_OUT, None

    return run


_REPORT_OUT = None  # standard output, while _prints_to_stderr sends prints elsewhere


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "formats", multiple=True, metavar="FORMAT", help="Report format: text (default), html, md, json, sarif, junit, csv. Repeatable.")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FILE", help="Write the report of the -f in the same position to FILE ('-': standard output).")
@click.option("--rubrics", "select", default="", metavar="IDS", help="Only these rubrics (comma-separated IDs).")
@click.option("--skip", default="", metavar="IDS", help="Skip these rubrics or criteria (comma-separated IDs).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Leave out the files of a folder that match (drafts/*, *-old.yaml). Repeatable.")
@click.option("--rubric", "rubric_files", multiple=True, metavar="FILE", help="Also use the rubric defined in this YAML file. Repeatable.")
@click.option(
    "--fail-on", type=click.Choice(["critical", "major", "minor", "any", "none"]), default="critical", show_default=True,
    help="Exit 1 when a criterion of this severity or higher is not met ('any' = every not_met).",
)
@click.option("--min-score", type=click.FloatRange(0, 100), default=None, help="Exit 1 when a program's score is below this.")
@click.option("-v", "--verbose", is_flag=True, help="Text format: show the evidence of every criterion.")
@click.option("--detail", is_flag=True, help="Markdown: every criterion in full (by default it fits a pull-request comment).")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on standard error but errors: no file written, no reason for the exit status.")
@click.option("--no-color", is_flag=True, help="No colour in the text format (also when NO_COLOR is set).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes for a directory run (default: one per core).")
@click.option(
    "--config", "config_file", default=None, metavar="FILE",
    help="Configuration file (default: standards-check.yaml in the current directory only). Options given here win over it.",
)
@click.option("--attestations", default=None, metavar="FILE", help="Apply the attestations in FILE (see docs/attestations.md).")
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="Judge attestation expiry as of this day (default: $STANDARDS_CHECK_TODAY, else today).")
@plugin_options
@click.pass_context
@_prints_to_stderr
def check(
    ctx, paths, formats, outputs, select, skip, exclude, rubric_files, fail_on, min_score, verbose, detail, quiet, no_color, jobs,
    config_file, attestations, today, disabled, extra_plugins,
) -> None:
    """Check policy files (or directories of them) and write reports.

    PATH is a policy document (.yaml), a document as agencies keep it (.docx, .pdf,
    .md, .html, .txt), a folder of policy documents, or - for standard input.

    \b
    Examples:
      standards-check check policy.yaml
      standards-check check handbook.docx -v
      standards-check check policies/ -o report.html --fail-on major
      standards-check check policies/ -f json -o report.json -f md -o report.md
      standards-check check policy.yaml --attestations attestations.yaml --min-score 80
    """
    from standards_check.cli.options import resolve_options

    opts = resolve_options(ctx)
    formats, outputs, select, skip = opts.formats, opts.outputs, opts.select, opts.skip
    fail_on, min_score, extra_plugins = opts.fail_on, opts.min_score, opts.extra_plugins
    attested = opts.load_attestations()  # a bad file: exit 2 before anything runs
    plugins = _load(disabled, extra_plugins)
    known = _format_names(plugins)
    opts.prepare(plugins, known)
    pairs = _pair_outputs(formats, outputs, known)
    read = [*paths, *([opts.attestations] if opts.attestations else []), *([opts.config.source] if opts.config else [])]
    check_reports([out for _, out in pairs], read)
    from standards_check.engine.checker import select_rubrics
    from standards_check.engine.run import RubricSpec, check_paths

    spec = RubricSpec(
        blocked=blocked(disabled),
        extra_plugins=loaded(disabled, tuple(extra_plugins)),
        rubric_files=tuple(rubric_files),
        select=tuple(s.strip() for s in select.split(",") if s.strip()),
        skip=tuple(s.strip() for s in skip.split(",") if s.strip()),
    )
    # every installed rubric once: the configuration is checked against all of them,
    # and the run keeps those selected
    everything = opts.everything(plugins)
    rubric_set = select_rubrics(everything, select=spec.select, skip=spec.skip)
    config = {
        "rubrics": [r.id for r in rubric_set.rubrics],
        "skip": [s.strip() for s in skip.split(",") if s.strip()],
        "fail_on": fail_on,
        "min_score": min_score,
        "disabled_plugins": list(blocked(disabled)),
        **opts.report_config(),
    }
    from standards_check.cli.progress import progress_reporter

    attest = opts.attester(attested, plugins, rubric_set)  # an unknown criterion: exit 2 before any work
    if [name for name, _ in pairs] == ["json"] and pairs[0][1] != "-" and not is_special(pairs[0][1]):
        # written program by program into a temporary file (a device or a pipe would
        # receive half a report from a run that fails: it gets the whole one at the end)
        _check_streamed(paths, rubric_set, spec, config, jobs, pairs[0][1], fail_on, min_score, attested, attest, quiet, opts.exclude)
    with progress_reporter() as progress:
        outcome = check_paths(list(paths), rubric_set, spec=spec, config=config, jobs=jobs, progress=progress, attest=attest,
                              exclude=opts.exclude)
    if outcome.input_errors:
        for err in outcome.input_errors:
            echo_stderr(f"standards-check: error: {err}")
        sys.exit(EXIT_INPUT)
    if attested:
        from standards_check.engine.attestations import check_programs

        check_programs(attested, outcome.checked)
    _say_skipped(outcome.skipped, quiet)
    report = outcome.report
    for problem in report["plugin_problems"]:
        echo_problem(problem["plugin"], problem["message"])
    if os.environ.get(TRACEBACK_ENV):  # --traceback: each failed criterion's plugin traceback, whole
        for program in report["programs"]:
            for rubric in program["rubrics"]:
                for c in rubric["criteria"]:
                    if c.get("error"):
                        click.echo(f"standards-check: {program['name']}: {c['id']}: {c['error']}", err=True)
    for program in report["programs"]:
        for warning in program["warnings"]:
            echo_stderr(f"standards-check: warning: {warning}")
    rendered = []
    failed_formats = []
    for name, out in pairs:
        fmt = known[name]
        try:
            if name == "text":
                text = fmt.render(report, color=out == "-" and use_color(no_color), verbose=verbose)
            elif name == "md":
                text = fmt.render(report, detail=detail)
            else:
                text = fmt.render(report)
            if not isinstance(text, str):
                raise TypeError(f"render returned {type(text).__name__}, expected text")
        except (Exception, SystemExit) as exc:  # a plugin's format must not cost the run its other reports
            if name in BUILTIN_FORMATS:
                raise
            echo_problem(name, f"the report format could not render the report: {described(exc)}")
            failed_formats.append(f"the {name} report could not be written")
            continue
        rendered.append((out, name, text))
    # the files of the run as one unit: all new, or (a full disk, Ctrl-C) all as they were
    write_files([(out, text) for out, _name, text in rendered if out != "-"])
    for out, name, text in rendered:
        if out == "-":
            click.echo(text, nl=False, file=_REPORT_OUT)
        elif not quiet:
            echo_stderr(f"wrote {out} ({name} report)")
    _exit(failed_formats + failing(report, fail_on=fail_on, min_score=min_score), fail_on=fail_on, min_score=min_score, quiet=quiet)


def _say_skipped(skipped: list[str], quiet: bool) -> None:
    if not quiet:
        for note in skipped:
            echo_stderr(f"standards-check: note: {note}")


def use_color(no_color: bool = False) -> bool:
    """Colour on standard output: only on a terminal, and never with --no-color or NO_COLOR set
    (https://no-color.org: any value but the empty one)."""
    return sys.stdout.isatty() and not no_color and not os.environ.get("NO_COLOR")


def _exit(reasons: list[str], *, fail_on: str, min_score: float | None, quiet: bool) -> None:
    """End the run: status 1 with one line saying what failed the threshold, else 0."""
    if not reasons:
        sys.exit(EXIT_OK)
    if not quiet:
        threshold = f"--fail-on {fail_on}" + (f", --min-score {min_score:g}" if min_score is not None else "")
        shown = "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} more" if len(reasons) > 3 else "")
        echo_stderr(f"standards-check: fails the threshold ({threshold}): {shown}")
    sys.exit(EXIT_FAIL)


def _check_streamed(paths, rubric_set, spec, config, jobs, output: str, fail_on: str, min_score: float | None,
                    attested: list[Any], attest: Any, quiet: bool = False, exclude: tuple[str, ...] = ()) -> None:
    """A run whose only report is a JSON file: each program is written as soon as it
    is evaluated and then dropped, so memory stays flat however many programs there are.
    The bytes are those of the JSON format."""
    from standards_check.cli.progress import progress_reporter
    from standards_check.engine.run import build_report, check_paths
    from standards_check.reports.json_report import StreamWriter, program_text

    head = build_report([], rubric_set, config)
    head.pop("programs")
    head.pop("summary")
    with write_errors(output):
        target = AtomicFile(output)
    writer = StreamWriter(target.fh)
    reasons = ["a plugin failed"] if head["plugin_problems"] else []

    def sink(program: dict[str, Any], text: str) -> None:
        # the program's digest and its JSON text, encoded where it was evaluated
        for warning in program["warnings"]:
            echo_stderr(f"standards-check: warning: {warning}")
        reasons.extend(program_failures(program, fail_on=fail_on, min_score=min_score))
        with write_errors(output):
            writer.program_text(text)

    try:
        with write_errors(output):
            writer.begin(head)
        with progress_reporter() as progress:
            outcome = check_paths(list(paths), rubric_set, spec=spec, config=config, jobs=jobs, progress=progress, sink=sink,
                                  encode=program_text, attest=attest, exclude=exclude)
        if outcome.input_errors:
            target.discard()
            for err in outcome.input_errors:
                echo_stderr(f"standards-check: error: {err}")
            sys.exit(EXIT_INPUT)
        if attested:
            from standards_check.engine.attestations import check_programs

            check_programs(attested, outcome.checked)
        _say_skipped(outcome.skipped, quiet)
        with write_errors(output):
            writer.end({"summary": outcome.report["summary"]})
            target.commit()
    except BaseException:
        target.discard()
        raise
    for problem in head["plugin_problems"]:
        echo_problem(problem["plugin"], problem["message"])
    if not quiet:
        echo_stderr(f"wrote {output} (json report)")
    _exit(reasons, fail_on=fail_on, min_score=min_score, quiet=quiet)


@cli.command("plugins")
@plugin_options
def plugins_cmd(disabled, extra_plugins) -> None:
    """List the loaded plugins with their versions and hooks.

    \b
    Examples:
      standards-check plugins
      standards-check plugins --plugin my_rubric.py
      standards-check plugins -p no:autonomy
    """
    plugins = _load(disabled, extra_plugins)
    for info in plugins.infos:
        where = f"{info.distribution} {info.version}" if info.distribution else (info.version or "")
        click.echo(f"{info.name}  {where}  ({info.module})")
        click.echo(f"    hooks: {', '.join(info.hooks) or 'none'}")
    for name in plugins.blocked:
        click.echo(f"{name}  (disabled)")
    for problem in plugins.problems:
        click.echo(f"{problem.plugin}  FAILED: {problem.message}")
    if plugins.problems:
        sys.exit(EXIT_FAIL)


@cli.command("new-rubric")
@click.argument("name")
@click.option("-d", "--directory", type=click.Path(file_okay=False), default=None, help="Where to write the package (default: standards-check-NAME).")
@click.option("--prefix", default=None, help="Criterion ID prefix (default: the name's initials, e.g. TI).")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def new_rubric(name, directory, prefix, force) -> None:
    """Scaffold a rubric plugin package (pyproject, plugin, rubric YAML, README, tests).

    \b
    Examples:
      standards-check new-rubric trauma-informed
      standards-check new-rubric trauma-informed --prefix TIC -d packages/trauma-informed
    """
    from standards_check.cli.scaffold import names, write_package

    target = Path(directory or names(name, prefix)["dist"])
    for path in write_package(target, name, prefix, force=force):
        click.echo(f"wrote {path}")
    click.echo(f"next: pip install -e '{target}[test]' && pytest {target}")


def main() -> None:
    import gc

    from standards_check.stopping import take_stops

    # Loading rubrics and documents builds many objects that live until the run
    # ends; cyclic garbage collection would scan them again and again for nothing.
    # A check run collects every so many documents once its rubrics are loaded
    # (run.check_paths).
    gc.disable()
    # SIGTERM unwinds the run as Ctrl-C does, rather than leave a report's temporary
    # file behind
    take_stops()
    try:
        cli(prog_name="standards-check")
    except SystemExit as exc:
        if exc.code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
            # Reports are already rolled back and workers stopped. Leave now: on
            # Python 3.11 the exit hook of a process pool can write to the wake-up
            # pipe its manager thread is closing, and print a traceback.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.code)
        raise


if __name__ == "__main__":
    main()
