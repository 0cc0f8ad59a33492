"""The audit-workflow commands: validate, schema, rubrics, explain, init, diff.

:data:`COMMANDS` are added to the ``cli`` group of :mod:`standards_check.cli.commands` when
one of them is asked for (its list of their names, ``_WORKFLOW_COMMANDS``, must name
every one); this module imports only what the commands share
(:mod:`standards_check.cli.common`). Every import that is not needed to
build the command line happens inside the command, so start-up stays light.
Errors are :class:`~standards_check.errors.InputError`: the group prints one line
and exits 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from standards_check.cli.common import (
    EXIT_FAIL,
    EXIT_INPUT,
    EXIT_OK,
    check_reports,
    echo_problem,
    echo_stderr,
    load_plugins_named,
    plugin_options,
)
from standards_check.errors import InputError, one_line, suggest


def _config_option(f):
    return click.option(
        "--config", "config_file", default=None, metavar="FILE",
        help="Configuration file (default: standards-check.yaml in the current directory, if there); its plugins are used.",
    )(f)


def _plugins(disabled: tuple[str, ...], extra: tuple[str, ...], config_file: str | None):
    """Load the plugins: the entry points, plus --plugin or else the configuration's plugins."""

    if not extra:
        from standards_check.loading.config import find_config

        config = find_config(config_file)
        if config is not None and "plugins" in config.given:
            extra = config.plugins
    return load_plugins_named(disabled, tuple(extra))


def _say_problems(problems) -> None:
    for problem in problems:
        echo_problem(problem.plugin, problem.message)


# ---------------------------------------------------------------------------------
# validate
# ---------------------------------------------------------------------------------


@click.command(short_help="Check that policy files load, without evaluating them.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--rubric", "rubric_files", multiple=True, metavar="FILE", help="Also know the declarations read by the rubric in this YAML file. Repeatable.")
@_config_option
@plugin_options
def validate(paths, rubric_files, config_file, disabled, extra_plugins) -> None:
    """Check that policy files load, without evaluating them.

    Prints "ok: FILE" for each file that is a valid policy document within the
    checker's reading limits (what `check` would refuse, `validate` refuses); errors and
    warnings (declarations no installed rubric reads) go to standard error. Exit
    status 2 when any file is not valid, else 0.

    \b
    Examples:
      standards-check validate policy.yaml
      standards-check validate policies/ --rubric my-rubric.yaml
    """
    from standards_check.engine.checker import Checker, collect_rubrics
    from standards_check.engine.evaluate import check_reading_limits
    from standards_check.loading.discovery import find_policy_files
    from standards_check.loading.policy import load_policy

    plugins = _plugins(disabled, extra_plugins, config_file)
    rubric_set = collect_rubrics(plugins, rubric_files=rubric_files)
    _say_problems(rubric_set.problems)
    checker = Checker(rubric_set)
    failed = False
    for given in paths:
        try:
            files = find_policy_files([given])
        except InputError as exc:
            echo_stderr(f"standards-check: error: {exc}")
            failed = True
            continue
        for path, display in files:
            try:
                document = load_policy(path, display=display)
                check_reading_limits(document)
            except InputError as exc:
                echo_stderr(f"standards-check: error: {exc}")
                failed = True
                continue
            for warning in checker.declaration_warnings(document):
                echo_stderr(f"standards-check: warning: {warning}")
            click.echo(one_line(f"ok: {display}"))
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


# ---------------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------------


@click.command()
@click.option("--rubric", "rubric", is_flag=True, help="Print the JSON Schema of the rubric definition format instead.")
def schema(rubric) -> None:
    """Print the JSON Schema of the policy document format.

    Point your editor's YAML language server at it for completion and inline
    errors, e.g. `standards-check schema > policy.schema.json`.

    \b
    Examples:
      standards-check schema > policy.schema.json
      standards-check schema --rubric > rubric.schema.json
    """
    from importlib.resources import files

    name = "rubric.schema.json" if rubric else "policy.schema.json"
    resource = files("standards_check") / "schema" / name
    if not resource.is_file():
        raise InputError("this installation of standards-check has no such schema", file=f"standards_check/schema/{name}")
    text = resource.read_text(encoding="utf-8")
    click.echo(text, nl=not text.endswith("\n"))


# ---------------------------------------------------------------------------------
# rubrics, explain
# ---------------------------------------------------------------------------------


@click.command("rubrics", short_help="List the rubrics and criteria, with severities.")
@click.option("--rubric", "rubric_files", multiple=True, metavar="FILE", help="Also list the rubric defined in this YAML file. Repeatable.")
@_config_option
@plugin_options
def rubrics_cmd(rubric_files, config_file, disabled, extra_plugins) -> None:
    """List the rubrics and their criteria, with each criterion's severity.

    Exit status 1 when a plugin failed to load or to contribute its rubrics.

    \b
    Examples:
      standards-check rubrics
      standards-check rubrics --rubric my-rubric.yaml
    """
    from standards_check.engine.checker import collect_rubrics

    plugins = _plugins(disabled, extra_plugins, config_file)
    rubric_set = collect_rubrics(plugins, rubric_files=rubric_files)
    for rubric in rubric_set.rubrics:
        click.echo(f"{rubric.id}  {rubric.title}  (version {rubric.version}, plugin {rubric.plugin})")
        width = max((len(c.id) for c in rubric.criteria), default=0)
        for c in rubric.criteria:
            clash = rubric_set.broken.get(c.id + "@" + rubric.id)
            note = f"  (error: {clash[2]})" if clash else ""
            click.echo(f"  {c.id:<{width}}  {c.severity:<8}  {c.title}{note}")
    if not rubric_set.rubrics:
        click.echo("no rubrics are installed", err=True)
    _say_problems(rubric_set.problems)
    for _rubric, plugin, message in rubric_set.broken.values():  # the same errors a check gives these criteria
        echo_problem(plugin, message)
    sys.exit(EXIT_FAIL if rubric_set.problems or rubric_set.broken else EXIT_OK)


def _wrap(text: str, indent: str = "  ") -> list[str]:
    """Wrap to 78 columns; a list item ("- ...", "(a) ...") gets a hanging indent."""
    import re
    import textwrap

    lines = []
    for paragraph in (text or "").strip().split("\n\n"):
        paragraph = " ".join(paragraph.split())
        bullet = re.match(r"(- |\([a-z0-9]+\) )", paragraph)
        hanging = indent + " " * (len(bullet.group(1)) if bullet else 0)
        lines += textwrap.wrap(paragraph, width=78, initial_indent=indent, subsequent_indent=hanging)
    return lines


@click.command(short_help="Explain a criterion: elements, red flags, how to fix it.")
@click.argument("criterion_id", metavar="ID")
@click.option("--rubric", "rubric_files", multiple=True, metavar="FILE", help="Also look in the rubric defined in this YAML file. Repeatable.")
@_config_option
@plugin_options
def explain(criterion_id, rubric_files, config_file, disabled, extra_plugins) -> None:
    """Explain a criterion: what it requires and why, its elements and red flags,
    how to fix a gap, model policy language and references.

    ID is a criterion ID such as AUT-03 (any case); a rubric ID lists its criteria.

    \b
    Examples:
      standards-check explain AUT-03
      standards-check explain mr-05
    """
    from standards_check.engine.checker import collect_rubrics

    plugins = _plugins(disabled, extra_plugins, config_file)
    rubric_set = collect_rubrics(plugins, rubric_files=rubric_files)
    _say_problems(rubric_set.problems)
    wanted = criterion_id.strip()
    found = rubric_set.criterion(wanted) or rubric_set.criterion(wanted.upper())
    if found is None:
        for rubric in rubric_set.rubrics:
            if rubric.id == wanted.lower():
                click.echo(f"{rubric.id}: {rubric.title}")
                out = _wrap(rubric.description)
                out += [f"  {c.id}  {c.severity:<8}  {c.title}" for c in rubric.criteria]
                click.echo("\n".join(out))
                click.echo(f"\n`standards-check explain {rubric.criteria[0].id}` explains one criterion." if rubric.criteria else "")
                return
        known = rubric_set.criterion_ids()
        raise InputError(
            f"unknown criterion {criterion_id!r}{suggest(wanted.upper(), known, cutoff=0.5)}; `standards-check rubrics` lists them",
            file="explain",
        )
    rubric, c = found
    out = [f"{c.id}  {c.title}", f"  severity: {c.severity}; rubric: {rubric.id} ({rubric.title}); plugin: {rubric.plugin}"]
    if c.applies_to_settings:
        out.append(f"  applies to these settings only: {', '.join(c.applies_to_settings)}")
    out += ["", "Requirement"] + _wrap(c.requirement)
    if c.why:
        out += ["", "Why it matters"] + _wrap(c.why)
    out += ["", "Elements (each must be stated plainly; all of them: met)"]
    for e in c.elements:
        out += _wrap(f"({e.id}) {e.text}")
    if c.evaluator:
        out += _wrap(f"Decided by the code evaluator {c.evaluator!r}.")
    if c.red_flags:
        out += ["", "Red flags (any one that stands: not met)"]
        for flag in c.red_flags:
            out += _wrap(f"- {flag.text}")
    declarations = [d for d in rubric.declarations if d.criterion == c.id]
    if declarations:
        out += ["", "Declarations read (claims, never evidence)"]
        for d in declarations:
            out += _wrap(f"- {d.key}: " + ", ".join(f"{v} ({what})" for v, what in d.values.items()))
    if c.remediation:
        out += ["", "How to fix it"] + _wrap(c.remediation)
    if c.model_language:
        out += ["", "Model language"] + _wrap(c.model_language)
    if c.references:
        out += ["", "References"]
        for ref in c.references:
            text = ref.document + (f", {ref.section}" if ref.section else "") + (f" <{ref.url}>" if ref.url else "")
            out += _wrap(f"- {text}")
    click.echo("\n".join(out))


# ---------------------------------------------------------------------------------
# init
# ---------------------------------------------------------------------------------


@click.command(short_help="Write a starter policy document to adapt.")
@click.argument("path", default="policy.yaml", required=False)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option("--name", default=None, metavar="TEXT", help="The program's name (default: a placeholder to replace).")
def init(path, force, name) -> None:
    """Write a starter policy document to PATH (default: policy.yaml; '-': standard output).

    It explains every field in comments and has a policy for each area the
    built-in criteria look at, in model wording that checks cleanly as written.
    An existing file is not overwritten without --force.

    \b
    Examples:
      standards-check init
      standards-check init riverbend.yaml --name "Riverbend Peer Center"
      standards-check init - > policy.yaml
    """
    from standards_check.cli.starter import render_starter, write_starter

    if path == "-":
        click.echo(render_starter(name), nl=False)
        return
    write_starter(path, force=force, name=name)
    echo_stderr(f"wrote {path}; adapt it, then run: standards-check check {path}")


# ---------------------------------------------------------------------------------
# import
# ---------------------------------------------------------------------------------


def _documents(paths: tuple[str, ...]) -> list[str]:
    """The documents ``paths`` name: files as named, and the documents in a folder (sorted)."""
    from standards_check.loading.documents.policy import DOCUMENT_SUFFIXES

    found: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            inside = sorted(
                str(Path(root) / name)
                for root, dirs, files in os.walk(given)
                for name in files
                if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in Path(root).relative_to(given).parts)
            )
            if not inside:
                raise InputError(f"no documents ({', '.join(sorted(DOCUMENT_SUFFIXES))}) in this folder", file=given)
            found.extend(inside)
        elif os.path.lexists(given):
            found.append(given)
        else:
            raise InputError("no such file or directory", file=given)
    return found


def _write_policy(out: str, text: str, force: bool) -> None:
    if os.path.isdir(out):
        raise InputError("is a folder; give the name of the policy file to write, e.g. policy.yaml", file=out)
    if os.path.lexists(out) and not force:
        raise InputError("already exists; use --force to overwrite it", file=out)
    if not os.path.isdir(os.path.dirname(out) or "."):
        raise InputError("cannot write the file: the folder does not exist", file=out)
    from standards_check.reports.writing import write_file

    write_file(out, text, what="file")


@click.command("import", short_help="Turn Word, PDF, Markdown, web or text documents into policy documents.")
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...")
@click.option("-o", "--output", default="-", metavar="PATH",
              help="The policy document to write ('-': standard output); with several documents and no --name, a folder.")
@click.option("--name", default=None, metavar="TEXT",
              help="The program's name, and with several documents: import them all into this one program.")
@click.option("--force", is_flag=True, help="Overwrite policy documents that exist.")
def import_cmd(paths, output, name, force) -> None:
    """Turn documents as agencies keep them (.docx, .pdf, .md, .txt, .html) into policy documents.

    Each section of a document (split at its headings, numbering kept in the title)
    becomes a policy, with a comment saying where it came from; the program is named
    by --name, else the document's title or first heading. Edit the result as any
    policy document, then check it. Several documents (or a folder of them) make one
    program with --name, else one policy document per file in the folder -o names.

    \b
    Examples:
      standards-check import handbook.docx -o policy.yaml
      standards-check import rights.pdf grievances.docx --name "Riverbend Peer Center" -o riverbend.yaml
      standards-check import handbooks/ -o policies/
    """
    from standards_check.loading.documents.policy import policy_yaml, read_document
    from standards_check.loading.policy import load_policy_text

    files = _documents(paths)
    if len(files) > 1 and name is None:
        if output == "-" or not os.path.isdir(output):
            raise InputError("several documents make one policy document each: name an existing folder with -o "
                             "(or give --name to import them into one program)", file=output)
        stems = [Path(f).stem for f in files]
        # handbook.md and handbook.pdf side by side: handbook-md.yaml, handbook-pdf.yaml
        names = [s + (Path(f).suffix.replace(".", "-") if stems.count(s) > 1 else "") for s, f in zip(stems, files, strict=True)]
        jobs = [([f], os.path.join(output, n + ".yaml")) for f, n in zip(files, names, strict=True)]
    else:
        jobs = [(files, output)]
    written = []
    for sources, out in jobs:
        text, _ = policy_yaml([read_document(f) for f in sources], name=name)
        document = load_policy_text(text, out if out != "-" else "<imported>")  # what is written must load
        if out == "-":
            click.echo(text, nl=False)
            continue
        _write_policy(out, text, force)
        written.append((out, len(document.policies)))
    for out, count in written:
        echo_stderr(f"wrote {out} ({count} policies); review it, then run: standards-check check {out}")


# ---------------------------------------------------------------------------------
# diff
# ---------------------------------------------------------------------------------


@click.command(short_help="Compare two JSON reports: what improved, what regressed.")
@click.argument("old", metavar="OLD.json")
@click.argument("new", metavar="NEW.json")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "md"]), default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", default="-", metavar="FILE", help="Write the comparison to FILE ('-': standard output).")
@click.option(
    "--fail-on-regression", is_flag=True,
    help="Exit 1 when any criterion regressed. Without it the exit status is 0 whatever changed.",
)
def diff(old, new, fmt, output, fail_on_regression) -> None:
    """Compare two JSON reports (from `check -f json`): what improved, what regressed.

    Programs are matched by source, then by name; criteria by ID. Statuses rank
    error < not_met < partial < met (effective status, after attestations); moves
    to or from not_applicable or needs_review are shown as changed. Exit status:
    0 (also with regressions, unless --fail-on-regression), 1 with
    --fail-on-regression when something regressed, 2 when a file is not a
    readable report.

    \b
    Examples:
      standards-check diff old.json new.json
      standards-check diff old.json new.json -f md -o changes.md --fail-on-regression
    """
    from standards_check.reports.diff import diff_reports, load_report, render_markdown, render_text
    from standards_check.reports.writing import write_file

    check_reports([output], [old, new])
    result = diff_reports(load_report(old), load_report(new), old_name=old, new_name=new)
    text = render_markdown(result) if fmt == "md" else render_text(result)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_file(output, text)
    sys.exit(EXIT_FAIL if fail_on_regression and result.regressed else EXIT_OK)


COMMANDS = (validate, schema, rubrics_cmd, explain, init, import_cmd, diff)
