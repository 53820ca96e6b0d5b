"""The ``lintkit`` command. Thin: parse options, call the runner, pick a reporter, set the exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, config or internal error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__

app = typer.Typer(
    name="lintkit",
    help="A content-quality linter for Markdown posts with front matter.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _Fatal(Exception):
    """An error that ends the run with exit code 2 and a one-line message."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lintkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """lintkit: find duplicate bodies, mismatched titles, ad markup, quoting and spelling problems in Markdown posts."""


def _split(values: Optional[List[str]]) -> Optional[List[str]]:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _load(config: Optional[Path], start: Optional[Path]):
    from .config import ConfigError, load_settings
    from .registry import RegistryError, discover

    try:
        registry = discover()
        settings = load_settings(registry, config, start)
    except (ConfigError, RegistryError) as exc:
        raise _Fatal(str(exc)) from None
    return registry, settings


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="Files or folders to check (default: '.'; '-' reads stdin)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rules to run (codes, prefixes, names or tags; comma-separated). Replaces the config's select."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help="Rules to add to the selection."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rules to leave out."),
    output_format: Optional[str] = typer.Option(None, "--format", "--output-format", "-f", help="text, concise, json, jsonl, sarif, github or junit (default: text; github under GitHub Actions)."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", "-o", help="Write the report to this file instead of stdout."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of looking for one."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1: error, warning or info."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings (internal errors still exit 2)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    corpus: Optional[List[str]] = typer.Option(None, "--corpus", help="A folder of the site to compare against, without reporting on it (repeatable)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name to report for the text read from stdin."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Force or disable colour (default: when stdout is a terminal and NO_COLOR is unset)."),
    no_progress: bool = typer.Option(False, "--no-progress", help="Never show a progress bar."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where to keep the cache (default: .lintkit_cache beside the config file, or in the current folder)."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes (and unsafe ones with --unsafe-fixes), then report what remains."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Include unsafe fixes (they may change what readers see): applied with --fix or --diff, shown as available otherwise."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of the changes --fix would make and write nothing (exit 1 when there is something to fix)."),
    baseline_file: Optional[Path] = typer.Option(None, "--baseline", help="Hide the findings recorded in this baseline file (made by `lintkit baseline`)."),
) -> None:
    """Check Markdown posts and report findings."""
    from .config import ConfigError, apply_cli
    from .report import FORMATS, default_format, render
    from .rule import Severity
    from .runner import UsageError, exit_code, run

    paths = list(paths or [])
    if not paths and not stdin_filename:
        paths = ["."]  # like ruff: no path means the current folder
    use_stdin = "-" in paths or (not paths and stdin_filename is not None)
    paths = [p for p in paths if p != "-"]
    # A path that does not exist (or cannot be reached: a symlink loop) is a usage error, but
    # the other paths are still checked and reported; the exit code is then 2.
    unreachable: dict[str, str] = {}
    for p in paths:
        try:
            os.stat(p)
        except FileNotFoundError:
            unreachable[p] = f"{p}: no such file or directory"
        except OSError as exc:
            unreachable[p] = f"{p}: cannot access: {exc.strerror or exc}"
        except ValueError:  # an embedded NUL
            unreachable[p] = f"{p!r}: not a valid path"
    bad_paths = list(unreachable.values())
    if bad_paths:
        if len(bad_paths) == len(paths) and not use_stdin:
            raise _Fatal("; ".join(bad_paths))
        paths = [p for p in paths if p not in unreachable]
    fmt = output_format or default_format(os.environ)
    if fmt not in FORMATS:
        raise _Fatal(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    start = Path(paths[0]) if paths else (Path(stdin_filename) if stdin_filename else Path.cwd())
    if not start.exists():
        start = Path.cwd()
    registry, settings = _load(config, start)
    try:
        fail = Severity.parse(fail_on) if fail_on else None
        apply_cli(settings, registry, select=_split(select), extend_select=_split(extend_select), ignore=_split(ignore), fail_on=fail)
    except (ConfigError, ValueError) as exc:
        raise _Fatal(str(exc)) from None

    if (fix or diff) and use_stdin:
        raise _Fatal("--fix and --diff work on files, not on stdin")
    keep = _baseline_filter(baseline_file, paths, settings, registry)

    stdin = None
    if use_stdin:
        stdin = (stdin_filename or "-", sys.stdin.buffer.read())

    cache = _cache_folder(no_cache, cache_dir, settings)
    progress_cb, finish = _progress(no_progress)
    warn = lambda msg: typer.echo(f"lintkit: warning: {msg}", err=True)  # noqa: E731
    outcome = None
    try:
        if fix or diff:
            from .fixes import fix_run

            outcome = fix_run(
                paths, settings, registry, unsafe=unsafe_fixes, write=not diff, corpus=_split(corpus) or [], jobs=jobs,
                cache_dir=cache, progress=progress_cb, warn=warn, keep=keep,
            )
            result = outcome.result
        else:
            result = run(paths, settings, registry, corpus=_split(corpus) or [], jobs=jobs, stdin=stdin, cache_dir=cache,
                         progress=progress_cb, warn=warn)
            if keep is not None:
                result = keep(result, _reader(stdin))
    except (UsageError, ConfigError) as exc:
        raise _Fatal(str(exc)) from None
    except OSError as exc:  # writing a fixed file
        raise _Fatal(f"{getattr(exc, 'filename', None) or 'fix'}: cannot write: {exc.strerror or exc}") from None
    finally:
        finish()
    result.unsafe_fixes = unsafe_fixes
    if outcome is not None:
        for path, problem in outcome.problems:
            typer.echo(f"lintkit: warning: {path}: {problem}", err=True)
    if diff:
        assert outcome is not None
        sys.stdout.write(outcome.diff())
        sys.stdout.flush()
        n, files = outcome.fixed, len(outcome.changed)
        if files:
            typer.echo(f"Would fix {n} issue{'s' if n != 1 else ''} ({files} file{'s' if files != 1 else ''}).", err=True)
        else:
            typer.echo("No fixes to apply.", err=True)
        raise typer.Exit(2 if result.internal_errors or bad_paths else 1 if files else 0)
    if outcome is not None:
        result.fixed, result.fixed_files = outcome.fixed, len(outcome.changed)
        if fmt not in ("text", "concise"):
            for line in result.fix_lines()[:1]:
                typer.echo(line, err=True)

    if output_file is not None:
        try:
            with open(output_file, "w", encoding="utf-8", newline="\n") as fh:
                render(result, fmt, fh, color=False)
        except OSError as exc:
            raise _Fatal(f"{output_file}: cannot write report: {exc.strerror or exc}") from None
    else:
        render(result, fmt, sys.stdout, color=color)
        sys.stdout.flush()
    for f in result.findings:
        if f.rule == "internal-error":
            typer.echo(f"lintkit: internal error in {f.path}: {f.message}", err=True)
    for problem in bad_paths:
        typer.echo(f"lintkit: error: {problem}", err=True)
    raise typer.Exit(2 if bad_paths else exit_code(result, exit_zero))


def _cache_folder(no_cache: bool, cache_dir: Optional[Path], settings) -> Optional[str]:
    from .cache import CACHE_DIR_NAME

    return None if no_cache else str(cache_dir or (settings.root if settings.config_file else Path.cwd()) / CACHE_DIR_NAME)


def _reader(stdin):
    """Reads a reported post's current bytes (the stdin text for the stdin name)."""
    from .baseline import read_file

    def read(path: str):
        if stdin is not None and path == stdin[0]:
            return stdin[1]
        return read_file(path)

    return read


def _baseline_filter(baseline_file: Optional[Path], paths: List[str], settings, registry):
    """A result filter hiding the findings of a baseline file, or None without one."""
    if baseline_file is None:
        return None
    from .baseline import Baseline, BaselineError, apply
    from .config import ConfigError

    try:
        baseline = Baseline.load(baseline_file)
        enabled = settings.enabled_codes(registry)
    except (BaselineError, ConfigError) as exc:
        raise _Fatal(str(exc)) from None
    checked = list(paths) or []
    return lambda result, read: apply(result, baseline, read, checked, enabled)


@app.command("baseline")
def baseline_cmd(
    paths: List[str] = typer.Argument(None, help="Files or folders whose findings to record (default: '.')."),
    output: Path = typer.Option(Path("lintkit-baseline.json"), "--output", "-o", help="The baseline file to write."),
    prune: bool = typer.Option(False, "--prune", help="Rewrite the existing baseline file keeping only the entries that still match a finding."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rules to run (codes, prefixes, names or tags; comma-separated)."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help="Rules to add to the selection."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rules to leave out."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of looking for one."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    corpus: Optional[List[str]] = typer.Option(None, "--corpus", help="A folder of the site to compare against, without reporting on it (repeatable)."),
    no_progress: bool = typer.Option(False, "--no-progress", help="Never show a progress bar."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where to keep the cache."),
) -> None:
    """Record today's findings in a baseline file; `check --baseline FILE` then reports only new ones."""
    from .baseline import Baseline, BaselineError, create, prune as prune_entries, read_file
    from .config import ConfigError, apply_cli
    from .runner import UsageError, run

    paths = list(paths or ["."])
    start = Path(paths[0]) if Path(paths[0]).exists() else Path.cwd()
    registry, settings = _load(config, start)
    try:
        apply_cli(settings, registry, select=_split(select), extend_select=_split(extend_select), ignore=_split(ignore), fail_on=None)
        existing = Baseline.load(output) if prune else None
    except (ConfigError, ValueError, BaselineError) as exc:
        raise _Fatal(str(exc)) from None
    progress_cb, finish = _progress(no_progress)
    try:
        result = run(paths, settings, registry, corpus=_split(corpus) or [], jobs=jobs,
                     cache_dir=_cache_folder(no_cache, cache_dir, settings), progress=progress_cb,
                     warn=lambda msg: typer.echo(f"lintkit: warning: {msg}", err=True))
    except (UsageError, ConfigError) as exc:
        raise _Fatal(str(exc)) from None
    finally:
        finish()
    try:
        if existing is not None:
            removed = prune_entries(existing, result, read_file, paths, settings.enabled_codes(registry))
            existing.save()
            typer.echo(f"Pruned {removed} stale entr{'ies' if removed != 1 else 'y'} from {output}; "
                       f"{len(existing.entries)} kept.")
        else:
            baseline = create(output, result.findings, read_file)
            baseline.save()
            files = len({e["path"] for e in baseline.entries})
            typer.echo(f"Recorded {len(baseline.entries)} finding{'s' if len(baseline.entries) != 1 else ''} "
                       f"({files} file{'s' if files != 1 else ''}) in {output}.")
    except OSError as exc:
        raise _Fatal(f"{output}: cannot write baseline: {exc.strerror or exc}") from None
    if result.internal_errors:
        for f in result.findings:
            if f.rule == "internal-error":
                typer.echo(f"lintkit: internal error in {f.path}: {f.message}", err=True)
        raise typer.Exit(2)


def _progress(disabled: bool):
    """A rich progress bar on stderr for long runs on a terminal."""
    if disabled or not sys.stderr.isatty() or os.environ.get("CI"):
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.console import Console

    bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    state = {"task": None}

    def update(done: int, total: int) -> None:
        if total < 200:
            return
        if state["task"] is None:
            bar.start()
            state["task"] = bar.add_task("check", total=total)
        bar.update(state["task"], completed=done)

    def finish() -> None:
        if state["task"] is not None:
            bar.stop()

    return update, finish


@app.command("rules")
def rules_cmd(
    output_format: str = typer.Option("text", "--format", "-f", help="text or json"),
) -> None:
    """List every rule: code, name, default severity, fix, tags and summary."""
    registry, _ = _load(None, Path.cwd())
    rows = registry.sorted()
    if output_format == "json":
        import json

        data = [
            {"code": c.code, "name": c.name, "severity": str(c.severity), "summary": c.summary, "tags": list(c.tags),
             "fix": c.fixable(), "scope": c.scope, "source": registry.sources[c.code],
             "options": {k: {"type": o.describe_type(), "default": o.default, "help": o.help} for k, o in c.options.items()}}
            for c in rows
        ]
        typer.echo(json.dumps(data, indent=2, default=str))
        return
    if output_format != "text":
        raise _Fatal(f"unknown format {output_format!r} (choose text or json)")
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for col in ("code", "name", "severity", "fix", "tags", "summary"):
        table.add_column(col)
    for c in rows:
        table.add_row(c.code, c.name, str(c.severity), c.fixable(), ", ".join(c.tags), c.summary)
    Console(width=max(100, _width())).print(table)


@app.command()
def explain(rule: str = typer.Argument(..., help="A rule code or name.")) -> None:
    """Print a rule's documentation."""
    registry, _ = _load(None, Path.cwd())
    cls = registry.get(rule)
    if cls is None:
        raise _Fatal(f"unknown rule {rule!r}{registry.suggest(rule)}")
    head = f"{cls.name} ({cls.code})\n\n{cls.summary}\n\nDefault severity: {cls.severity}. Fix: {cls.fixable()}. Tags: {', '.join(cls.tags) or '-'}."
    if cls.options:
        head += "\nOptions: " + ", ".join(f"{k} ({o.describe_type()}, default {o.default!r})" for k, o in cls.options.items())
    typer.echo(head + "\n\n" + cls.documentation())


@app.command("show-config")
def show_config(
    path: Optional[Path] = typer.Argument(None, help="A file or folder whose config to show (default: the current folder)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file."),
) -> None:
    """Print the resolved configuration and where each value comes from."""
    from .config import ConfigError, describe

    registry, settings = _load(config, path or Path.cwd())
    try:
        rows = describe(settings, registry)
    except ConfigError as exc:
        raise _Fatal(str(exc)) from None
    width = max(len(k) for k, _, _ in rows)
    for key, value, source in rows:
        typer.echo(f"{key:<{width}}  {value}    # {source}")


def _width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 120


def main() -> None:
    """Console entry point: no traceback on user errors; exit 2 for usage/config/internal errors."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except _Fatal as exc:
        typer.echo(f"lintkit: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("lintkit: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - usage errors from the CLI parser, and lintkit bugs
        # Typer's parser (click, vendored or not) raises exceptions that know how to show
        # themselves and carry an exit code; duck-type them so any typer version works.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(2 if code != 0 else 0)
        if type(exc).__name__ == "Abort":
            sys.exit(130)
        if os.environ.get("LINTKIT_DEBUG"):
            raise
        typer.echo(f"lintkit: internal error: {type(exc).__name__}: {exc} (set LINTKIT_DEBUG=1 for a traceback; please report it)", err=True)
        sys.exit(2)
