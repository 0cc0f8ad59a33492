"""Running the rubrics over documents: load -> **evaluate** -> report.

:func:`collect_rubrics` asks the plugins for their rubrics and evaluators, keeping
each failure attached to the plugin that caused it; :class:`Checker` evaluates one
document at a time and returns a :class:`~standards_check.model.results.ProgramResult`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from standards_check.engine.evaluate import EvaluationContext, PatternIndex, decide
from standards_check.engine.plugins import PluginProblem, Plugins, call_each
from standards_check.errors import InputError, described, suggest
from standards_check.loading.rubric import Criterion, Rubric, load_rubric_file
from standards_check.model.checks import finding_problems
from standards_check.model.document import STARTER_NAME, PolicyDocument
from standards_check.model.results import Finding, ProgramResult, RubricResult, Status


@dataclass
class RubricSet:
    """The rubrics of a run, the evaluators, and the plugin problems found collecting them."""

    rubrics: list[Rubric] = field(default_factory=list)
    evaluators: dict[str, tuple[str, Callable[..., Any]]] = field(default_factory=dict)
    rule_types: dict[str, tuple[str, Callable[..., Any]]] = field(default_factory=dict)
    problems: list[PluginProblem] = field(default_factory=list)
    # criteria that cannot run: criterion id -> (rubric id, plugin, message)
    broken: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def criterion(self, criterion_id: str) -> tuple[Rubric, Criterion] | None:
        for rubric in self.rubrics:
            for c in rubric.criteria:
                if c.id == criterion_id:
                    return rubric, c
        return None

    def criterion_ids(self) -> list[str]:
        return [c.id for r in self.rubrics for c in r.criteria]


def _as_rubric(item: Any) -> Rubric:
    if isinstance(item, Rubric):
        return item
    if isinstance(item, (str, Path)) or hasattr(item, "read_text"):
        return load_rubric_file(item)  # type: ignore[arg-type]
    raise TypeError(f"expected a Rubric or the path of a rubric file, got {type(item).__name__}")


def collect_rubrics(
    plugins: Plugins,
    *,
    rubric_files: Iterable[str] = (),
    select: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> RubricSet:
    """Gather rubrics from plugins and from rubric files the user named.

    ``select`` keeps only the named rubrics (IDs); ``skip`` drops rubrics or
    criteria by ID. Unknown names in either are an :class:`InputError`.
    """
    rs = RubricSet(problems=list(plugins.problems))
    seen_criteria: dict[str, str] = {}
    seen_rubrics: dict[str, str] = {}

    def add(rubric: Rubric, plugin: str) -> None:
        if rubric.id in seen_rubrics:
            rs.problems.append(PluginProblem(plugin, f"rubric {rubric.id!r} is already contributed by {seen_rubrics[rubric.id]!r}; ignored"))
            return
        seen_rubrics[rubric.id] = plugin
        rubric = rubric._replace(plugin=plugin)
        for c in rubric.criteria:
            if c.id in seen_criteria:
                rs.broken[c.id + "@" + rubric.id] = (rubric.id, plugin, f"criterion {c.id} is already declared by plugin {seen_criteria[c.id]!r}")
            else:
                seen_criteria[c.id] = plugin
        rs.rubrics.append(rubric)

    for plugin, result in call_each(plugins, "standards_check_rubrics"):
        if isinstance(result, (Exception, SystemExit)):
            rs.problems.append(PluginProblem(plugin, f"standards_check_rubrics raised {described(result)}"))
            continue
        if result is None:
            continue
        if isinstance(result, Rubric) or not isinstance(result, (list, tuple)):  # a rubric is a tuple too
            rs.problems.append(PluginProblem(plugin, f"standards_check_rubrics returned {type(result).__name__}, expected a list"))
            continue
        for item in result:
            try:
                add(_as_rubric(item), plugin)
            except InputError as exc:
                rs.problems.append(PluginProblem(plugin, f"invalid rubric: {exc}"))
            except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() ends nothing but its own part
                rs.problems.append(PluginProblem(plugin, f"invalid rubric: {described(exc)}"))
    for path in rubric_files:
        add(load_rubric_file(path), f"file:{path}")  # a bad file the user named is an input error

    _collect_named(plugins, "standards_check_evaluators", "evaluator", rs.evaluators, rs.problems)
    _collect_named(plugins, "standards_check_rule_types", "rule type", rs.rule_types, rs.problems)
    return select_rubrics(rs, select=select, skip=skip)


def _collect_named(
    plugins: Plugins, hook: str, kind: str, into: dict[str, tuple[str, Callable[..., Any]]], problems: list[PluginProblem]
) -> None:
    """Gather a hook's ``{name: callable}`` contributions, each kept with its plugin;
    a malformed result or a name already taken is a problem of the later plugin."""
    for plugin, result in call_each(plugins, hook):
        if isinstance(result, (Exception, SystemExit)):
            problems.append(PluginProblem(plugin, f"{hook} raised {described(result)}"))
            continue
        if result is None:
            continue
        if not isinstance(result, dict):
            problems.append(PluginProblem(plugin, f"{hook} returned {type(result).__name__}, expected a dict"))
            continue
        for name, fn in sorted(result.items()):
            if name in into:
                problems.append(PluginProblem(plugin, f"{kind} {name!r} is already contributed by {into[name][0]!r}; ignored"))
            elif not callable(fn):
                problems.append(PluginProblem(plugin, f"{kind} {name!r} is not callable"))
            else:
                into[name] = (plugin, fn)


def select_rubrics(rs: RubricSet, *, select: Iterable[str] = (), skip: Iterable[str] = ()) -> RubricSet:
    """``rs`` limited to the rubrics in ``select`` (if any) and without those or the
    criteria in ``skip``; an unknown name is an :class:`InputError` with a suggestion."""
    from dataclasses import replace

    select = list(select)
    skip = list(skip)
    known_rubrics = [r.id for r in rs.rubrics]
    known_criteria = rs.criterion_ids()
    # a rubric asked for may be missing because its plugin failed: say why
    failed = "".join(f"; plugin {p.plugin!r} failed: {p.message}" for p in rs.problems)
    for name in select:
        if name not in known_rubrics:
            raise InputError(f"unknown rubric {name!r}" + suggest(name, known_rubrics) + f"; known: {', '.join(known_rubrics)}" + failed,
                             file="--rubrics")
    for name in skip:
        if name not in known_rubrics and name not in known_criteria:
            raise InputError(f"unknown rubric or criterion {name!r}" + suggest(name, known_rubrics + known_criteria), file="--skip")
    rubrics = rs.rubrics
    if select:
        rubrics = [r for r in rubrics if r.id in select]
    if skip:
        rubrics = [r._replace(criteria=tuple(c for c in r.criteria if c.id not in skip)) for r in rubrics if r.id not in skip]
    return replace(rs, rubrics=rubrics)


class Checker:
    """Evaluates documents against a :class:`RubricSet`."""

    def __init__(self, rubric_set: RubricSet) -> None:
        self.rubric_set = rubric_set
        self.index = PatternIndex(rubric_set.rubrics)
        self.declaration_keys = {d.key: (r, d) for r in rubric_set.rubrics for d in r.declarations}

    def check(self, document: PolicyDocument) -> ProgramResult:
        context = EvaluationContext(document, self.index, self.rubric_set.rule_types)
        rubric_results = []
        for rubric in self.rubric_set.rubrics:
            findings = [self._criterion(rubric, c, context) for c in rubric.criteria]
            rubric_results.append(RubricResult(rubric.id, rubric.title, rubric.plugin, rubric.version, findings, rubric.description))
        warnings = self.declaration_warnings(document)
        program = document.program
        meta = {
            "organization": program.organization,
            "setting": program.setting,
            "effective": program.effective.isoformat() if program.effective else None,
            "reviewed": program.reviewed.isoformat() if program.reviewed else None,
            "policies": len(document.policies),
        }
        return ProgramResult(document.source, program.name, meta, rubric_results, warnings, document.places)

    def _criterion(self, rubric: Rubric, criterion: Criterion, context: EvaluationContext) -> Finding:
        broken = self.rubric_set.broken.get(criterion.id + "@" + rubric.id)
        if broken:
            return _error(criterion, broken[1], broken[2])
        setting = context.document.program.setting
        if criterion.applies_to_settings and setting not in criterion.applies_to_settings:
            return Finding(
                criterion.id, criterion.title, criterion.severity, Status.NOT_APPLICABLE,
                f"The criterion applies only to these settings: {', '.join(criterion.applies_to_settings)}; "
                f"this program's setting is {setting or 'not given'}.",
                plugin=rubric.plugin,
            )
        plugin = rubric.plugin or "?"
        if criterion.id in context.errors:
            culprit, message = context.errors[criterion.id]
            return _error(criterion, plugin if culprit == "?" else culprit, message)
        if criterion.evaluator:
            entry = self.rubric_set.evaluators.get(criterion.evaluator)
            if entry is None:
                return _error(criterion, plugin, f"needs the evaluator {criterion.evaluator!r}, which no loaded plugin provides")
            plugin, fn = entry
            try:
                finding = fn(criterion, context)
            except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() ends nothing but its own part
                return _error(criterion, plugin, f"evaluator {criterion.evaluator!r} raised {described(exc)}")
            problems = finding_problems(finding, criterion.id, frozenset(e.id for e in criterion.elements if e.absence))
            if problems:
                more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
                return _error(criterion, plugin, f"evaluator {criterion.evaluator!r} returned a finding that cannot be reported: "
                                                 + "; ".join(problems[:3]) + more)
        else:
            try:
                finding = decide(criterion, context)
            except (Exception, SystemExit) as exc:  # a pattern that blows up must not end the run
                return _error(criterion, plugin, f"evaluation failed: {described(exc)}")
        finding.plugin = plugin
        self._cross_check(rubric, criterion, finding, context.document)
        return finding

    def _cross_check(self, rubric: Rubric, criterion: Criterion, finding: Finding, document: PolicyDocument) -> None:
        """Compare declarations about this criterion with what the text says."""
        for decl in rubric.declarations:
            if decl.criterion != criterion.id or decl.key not in document.declarations:
                continue
            value = document.declarations[decl.key]
            line = document.declaration_lines.get(decl.key)
            where = f" (line {line})" if line else ""
            claim = decl.values.get(str(value).strip().lower())
            flags = [e for e in finding.evidence if e.kind == "contradicts"]
            if claim == "supports" and flags:
                first = flags[0]
                finding.notes.append(
                    f"Contradiction: the declaration {decl.key}: {value}{where} claims this criterion is satisfied, "
                    f"but the text says otherwise ({first.policy}, line {first.line}: \"{first.quote}\")."
                )
            elif claim == "supports" and finding.status is Status.NOT_MET:
                finding.notes.append(
                    f"The declaration {decl.key}: {value}{where} claims this, but the written policy does not state it; "
                    "a declaration is not evidence."
                )
            elif claim == "contradicts" and finding.status in (Status.MET, Status.PARTIAL):
                finding.notes.append(
                    f"Contradiction: the declaration {decl.key}: {value}{where} says the practice contradicts this criterion, "
                    "while the written policy supports it; a person must decide which is true."
                )
                finding.status = Status.NEEDS_REVIEW
                finding.rationale = (
                    f"The written policy supports the criterion, but the declaration {decl.key}: {value} says otherwise. "
                    "The checker cannot tell which describes the practice; a person must review and attest."
                )

    def declaration_warnings(self, document: PolicyDocument) -> list[str]:
        """What is wrong with ``document``'s declarations for the loaded rubrics, one
        line each, naming the file and line: a key no rubric reads (with the nearest
        known key), a value the rubric that reads the key does not know. A check
        reports them as the program's warnings; ``validate`` prints them."""
        warnings = []
        if document.program.name.strip() == STARTER_NAME:
            warnings.append(
                f"{document.source}: the program is still called {STARTER_NAME!r}: this is the starter document's "
                "model wording, not your own policies; replace the name and the wording with yours"
            )
        known = sorted(self.declaration_keys)
        for key, value in document.declarations.items():
            line = document.declaration_lines.get(key)
            where = f"{document.source}:{line}: " if line else f"{document.source}: "
            if key not in self.declaration_keys:
                warnings.append(f"{where}declarations.{key}: no installed rubric reads this key{suggest(key, known)}")
                continue
            _, decl = self.declaration_keys[key]
            if str(value).strip().lower() not in decl.values:
                warnings.append(
                    f"{where}declarations.{key}: unknown value {value!r}; expected one of {', '.join(sorted(decl.values))}"
                )
        return warnings


def _error(criterion: Criterion, plugin: str, message: str) -> Finding:
    return Finding(
        criterion.id, criterion.title, criterion.severity, Status.ERROR,
        f"The criterion could not be evaluated: plugin {plugin!r}: {message}",
        plugin=plugin, error=f"{plugin}: {message}",
    )
