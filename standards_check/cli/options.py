"""The options of a ``check`` run: its command line merged with the configuration
file (:mod:`standards_check.loading.config`); the command line wins."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from standards_check.errors import suggest
from standards_check.loading.config import Config, find_config

__all__ = ["Options", "merge_options", "resolve_options"]

@dataclass
class Options:
    """The effective options of a ``check`` run, in the types of its parameters
    (``select`` and ``skip`` as comma-separated text, as the options take them)."""

    formats: tuple[str, ...]
    outputs: tuple[str, ...]
    select: str
    skip: str
    exclude: tuple[str, ...]
    fail_on: str
    min_score: float | None
    extra_plugins: tuple[str, ...]
    rubric_files: tuple[str, ...]
    attestations: str | None
    today: _dt.date
    config: Config | None
    from_config: frozenset[str] = frozenset()  # the options the configuration file set
    _everything: Any = field(default=None, repr=False)  # every rubric installed, once collected

    def report_config(self) -> dict[str, Any]:
        """What the report's ``config`` records beyond the options ``check`` records itself."""
        extra: dict[str, Any] = {
            "config_file": self.config.source if self.config else None,
            "plugins": list(self.extra_plugins),
            "attestations": self.attestations,
            "date": self.today.isoformat(),  # the day of the assessment (--today or STANDARDS_CHECK_TODAY set it)
        }
        if self.attestations:
            extra["today"] = self.today.isoformat()  # expiry is judged against this day
        return extra

    def load_attestations(self) -> list[Any]:
        """The attestations of the run (empty without an attestations file)."""
        if not self.attestations:
            return []
        from standards_check.loading.attestations import load_attestations

        return load_attestations(self.attestations)

    def prepare(self, plugins: Any, known_formats: dict[str, Any]) -> None:
        """Check what came from the configuration file against what is installed, so
        that an unknown format, rubric or criterion is reported at its line there."""
        if self.config is None:
            return
        # Checked even where the command line overrides them: a mistake in the file
        # is reported at once, not in the next run that happens to use it.
        if "formats" in self.config.given:
            for i, (name, _out) in enumerate(self.config.formats):
                if name not in known_formats:
                    raise self.config.error(
                        f"unknown format {name!r}{suggest(name, known_formats)}; known: {', '.join(known_formats)}",
                        f"formats[{i}].format",
                    )
        if "rubrics" in self.config.given or "skip" in self.config.given:
            rubric_set = self.everything(plugins)
            rubrics = [r.id for r in rubric_set.rubrics]
            criteria = rubric_set.criterion_ids()
            if "rubrics" in self.config.given:
                for i, name in enumerate(self.config.rubrics):
                    if name not in rubrics:
                        raise self.config.error(f"unknown rubric {name!r}{suggest(name, rubrics)}; known: {', '.join(rubrics)}", f"rubrics[{i}]")
            if "skip" in self.config.given:
                for i, name in enumerate(self.config.skip):
                    if name not in rubrics and name not in criteria:
                        raise self.config.error(f"unknown rubric or criterion {name!r}{suggest(name, rubrics + criteria)}", f"skip[{i}]")

    def attester(self, attestations: list[Any], plugins: Any, rubric_set: Any) -> Any:
        """What applies the attestations to each program checked (None without any),
        once they are known to name only installed criteria."""
        if not attestations:
            return None
        from standards_check.engine.attestations import Attester, check_criteria

        known = set(rubric_set.criterion_ids())
        if self.select or self.skip:
            known |= set(self.everything(plugins).criterion_ids())
        check_criteria(attestations, known)
        return Attester(attestations, self.today)

    def everything(self, plugins: Any) -> Any:
        """Every installed rubric, whatever --rubrics and --skip select."""
        if self._everything is None:
            from standards_check.engine.checker import collect_rubrics

            self._everything = collect_rubrics(plugins, rubric_files=self.rubric_files)
        return self._everything


def _given_on_command_line(ctx: Any, name: str) -> bool:
    from click.core import ParameterSource

    source = ctx.get_parameter_source(name)
    return source is not None and source not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def merge_options(params: dict[str, Any], given: set[str], config: Config | None, today: _dt.date) -> Options:
    """Merge the command line's ``params`` (``given``: the names set on it) with ``config``."""
    cfg = config.given if config else frozenset()
    from_config: set[str] = set()

    def pick(name: str, key: str, from_cfg: Any) -> Any:
        if name not in given and key in cfg:
            from_config.add(key)
            return from_cfg
        return params.get(name)

    formats, outputs = tuple(params.get("formats") or ()), tuple(params.get("outputs") or ())
    if config and not formats and not outputs and "formats" in cfg:
        from_config.add("formats")
        formats = tuple(f for f, _ in config.formats)
        outputs = tuple(o for _, o in config.formats)
    select = pick("select", "rubrics", ",".join(config.rubrics) if config else "") or ""
    skip = pick("skip", "skip", ",".join(config.skip) if config else "") or ""
    exclude = tuple(params.get("exclude") or ())
    if not exclude and config and "exclude" in cfg:
        from_config.add("exclude")
        exclude = config.exclude
    fail_on = pick("fail_on", "fail_on", config.fail_on if config else None) or "critical"
    min_score = pick("min_score", "min_score", config.min_score if config else None)
    extra = tuple(params.get("extra_plugins") or ())
    if not extra and config and "plugins" in cfg:
        from_config.add("plugins")
        extra = config.plugins
    attestations = pick("attestations", "attestations", config.attestations if config else None)
    return Options(
        formats=formats,
        outputs=outputs,
        select=select,
        skip=skip,
        exclude=exclude,
        fail_on=fail_on,
        min_score=min_score,
        extra_plugins=extra,
        rubric_files=tuple(params.get("rubric_files") or ()),
        attestations=attestations or None,
        today=today,
        config=config,
        from_config=frozenset(from_config),
    )


def resolve_options(ctx: Any) -> Options:
    """The effective options of the ``check`` command whose click context is ``ctx``.

    Reads ``--config`` (or ``standards-check.yaml`` in the current directory),
    ``--attestations`` and ``--today`` from ``ctx.params`` when the command has
    them; an option given on the command line wins over the file.
    """
    params = dict(ctx.params)
    given = {name for name in params if _given_on_command_line(ctx, name)}
    config = find_config(params.get("config_file"))
    options = merge_options(params, given, config, _dt.date.today())
    from standards_check.loading.attestations import today as _today

    options.today = _today(params.get("today"))
    return options
