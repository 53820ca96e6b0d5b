"""Configuration: ``[tool.lintkit]`` in ``pyproject.toml``, or ``lintkit.toml`` / ``.lintkit.toml``.

The first config file found walking up from the first target path (or ``--config FILE``) is
used. Validation is strict: an unknown key, rule or option, or a value of the wrong type, is a
`ConfigError` naming the file, the key (and its line when it can be found) and a "did you mean".
Every resolved value remembers where it came from (``default``, the file, or the command line)
for ``lintkit show-config``.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .registry import Registry, RegistryError
from .rule import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = (".lintkit.toml", "lintkit.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.mdx"]
DEFAULT_EXCLUDE = [
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".lintkit_cache", ".pytest_cache", ".mypy_cache",
]
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    """A problem in the configuration: exit code 2 with this message."""


@dataclass
class Settings:
    select: list[str] | None = None  # None: every registered rule
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    fail_on: Severity = Severity.WARNING
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    severity: dict[str, Severity] = field(default_factory=dict)  # code -> severity
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> options
    config_file: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    sources: dict[str, str] = field(default_factory=dict)  # setting -> where it came from

    # ------------------------------------------------------------------ selection

    def enabled_codes(self, registry: Registry) -> set[str]:
        """Codes of the rules this run uses (``internal-error`` is always on)."""
        try:
            if self.select is None:
                codes = set(registry.rules)
            else:
                codes = set()
                for sel in self.select:
                    codes |= registry.resolve(sel)
            for sel in self.extend_select:
                codes |= registry.resolve(sel)
            for sel in self.ignore:
                codes -= registry.resolve(sel)
        except RegistryError as exc:
            raise ConfigError(f"{self._where('select')}: {exc}") from None
        internal = registry.get("internal-error")
        if internal is not None:
            codes.add(internal.code)
        return codes

    def _where(self, key: str) -> str:
        return self.sources.get(key, "configuration")


# Keys of the config table, their types and the Settings attribute they set.
_KEYS: dict[str, tuple[str, str]] = {
    "select": ("list", "select"),
    "extend-select": ("list", "extend_select"),
    "ignore": ("list", "ignore"),
    "per-file-ignores": ("globmap", "per_file_ignores"),
    "include": ("list", "include"),
    "exclude": ("list", "exclude"),
    "extend-exclude": ("list", "extend_exclude"),
    "respect-gitignore": ("bool", "respect_gitignore"),
    "fail-on": ("severity", "fail_on"),
    "max-file-size": ("int", "max_file_size"),
    "severity": ("sevmap", "severity"),
    "rules": ("rules", "rule_options"),
}


def find_config(start: Path) -> Path | None:
    """The first config file walking up from ``start`` (a file or a folder)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*lintkit\s*[\].]", text, re.M) is not None


def load_settings(registry: Registry, config_path: Path | None = None, start: Path | None = None) -> Settings:
    """Resolve settings from the given or discovered config file over the defaults."""
    settings = Settings()
    for key in _KEYS:
        settings.sources[key] = "default"
    path = config_path
    if path is None:
        path = find_config(start or Path.cwd())
    elif not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    if path is None:
        return settings
    settings.config_file = path
    settings.root = path.resolve().parent
    try:
        text = path.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config file is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        # file:line like every other config error; "at end of document" is the last line
        m = re.search(r"at line (\d+)", str(exc))
        line = int(m.group(1)) if m else max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        raise ConfigError(f"{path}:{line}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = doc.get("tool", {}).get("lintkit", {})
        prefix = "tool.lintkit."
    else:
        table = doc
        prefix = ""
    apply_table(settings, registry, table, str(path), text, prefix)
    return settings


def apply_table(settings: Settings, registry: Registry, table: Any, origin: str, text: str = "", prefix: str = "") -> None:
    """Validate a config table and apply it to ``settings``; raise `ConfigError` on problems."""
    if not isinstance(table, dict):
        raise ConfigError(f"{origin}: the lintkit configuration must be a table")

    def where(key: str) -> str:
        line = _find_line(text, key)
        return f"{origin}:{line}" if line else origin

    for key, value in table.items():
        spec = _KEYS.get(key)
        if spec is None:
            hint = _did_you_mean(key, list(_KEYS))
            raise ConfigError(f"{where(key)}: unknown key '{prefix}{key}'{hint}")
        kind, attr = spec
        full = prefix + key
        if kind == "list":
            value = _expect_list(value, f"{where(key)}: '{full}'")
            if attr in ("select", "extend_select", "ignore"):
                for sel in value:
                    _check_selector(registry, sel, f"{where(key)}: '{full}'")
        elif kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(f"{where(key)}: '{full}' must be true or false, not {value!r}")
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(f"{where(key)}: '{full}' must be a positive integer, not {value!r}")
        elif kind == "severity":
            value = _severity(value, f"{where(key)}: '{full}'")
        elif kind == "globmap":
            if not isinstance(value, dict):
                raise ConfigError(f"{where(key)}: '{full}' must be a table of glob = [rules]")
            value = {
                glob: _expect_list(sels, f"{where(key)}: '{full}.\"{glob}\"'") for glob, sels in value.items()
            }
            for glob, sels in value.items():
                for sel in sels:
                    _check_selector(registry, sel, f"{where(key)}: '{full}.\"{glob}\"'")
        elif kind == "sevmap":
            if not isinstance(value, dict):
                raise ConfigError(f"{where(key)}: '{full}' must be a table of rule = \"error|warning|info\"")
            sev = {}
            for ref, level in value.items():
                cls = _rule(registry, ref, f"{where(key)}: '{full}'")
                sev[cls.code] = _severity(level, f"{where(key)}: '{full}.{ref}'")
            value = {**settings.severity, **sev}
        elif kind == "rules":
            if not isinstance(value, dict):
                raise ConfigError(f"{where(key)}: '{full}' must be a table of rule tables")
            options = dict(settings.rule_options)
            sev = dict(settings.severity)
            for ref, opts in value.items():
                cls = _rule(registry, ref, f"{where(key)}: '{full}'")
                if not isinstance(opts, dict):
                    raise ConfigError(f"{where(key)}: '{full}.{ref}' must be a table of options")
                merged = dict(options.get(cls.code, {}))
                for opt, val in opts.items():
                    here = f"{where(opt)}: '{full}.{ref}.{opt}'"
                    if opt == "severity":
                        sev[cls.code] = _severity(val, here)
                        continue
                    spec_opt = cls.options.get(opt)
                    if spec_opt is None:
                        hint = _did_you_mean(opt, list(cls.options) + ["severity"])
                        known = ", ".join(sorted(cls.options)) or "none"
                        raise ConfigError(f"{here}: rule {cls.name} has no option {opt!r}{hint} (its options: {known})")
                    try:
                        merged[opt] = spec_opt.validate(val)
                    except ValueError as exc:
                        raise ConfigError(f"{here}: {exc}") from None
                options[cls.code] = merged
            settings.severity = sev
            settings.sources["severity"] = origin
            value = options
        setattr(settings, attr, value)
        settings.sources[key] = origin


def apply_cli(settings: Settings, registry: Registry, **values: Any) -> None:
    """Command-line values override the config file (``None`` means not given)."""
    for key, value in values.items():
        if value is None:
            continue
        cfg_key = key.replace("_", "-")
        if key in ("select", "extend_select", "ignore"):
            for sel in value:
                _check_selector(registry, sel, f"--{cfg_key}")
        setattr(settings, key, value)
        settings.sources[cfg_key] = "command line"


def _expect_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, not {value!r}")
    return list(value)


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _check_selector(registry: Registry, sel: str, where: str) -> None:
    try:
        registry.resolve(sel)
    except RegistryError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _rule(registry: Registry, ref: str, where: str):
    cls = registry.get(ref)
    if cls is None:
        raise ConfigError(f"{where}: unknown rule {ref!r}{registry.suggest(ref)}")
    return cls


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _find_line(text: str, key: str) -> int | None:
    if not text:
        return None
    m = re.search(r"^[ \t]*\"?" + re.escape(key) + r"\"?[ \t]*=", text, re.M)
    if m is None:
        m = re.search(r"^[ \t]*\[[^\]\n]*\b" + re.escape(key) + r"\b", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def describe(settings: Settings, registry: Registry) -> list[tuple[str, str, str]]:
    """(key, value, source) rows for ``lintkit show-config``."""
    def show(v: Any) -> str:
        if isinstance(v, Severity):
            return str(v)
        if isinstance(v, Path):
            return str(v)
        return repr(v) if not isinstance(v, str) else v

    rows = [("config-file", str(settings.config_file or "(none)"), "discovered" if settings.config_file else "default")]
    for key, (_, attr) in _KEYS.items():
        value = getattr(settings, attr)
        if key == "severity":
            value = {registry.rules[c].name if c in registry.rules else c: str(s) for c, s in value.items()}
        elif key == "rules":
            continue
        elif key == "select" and value is None:
            value = "ALL"
        rows.append((key, show(value), settings.sources.get(key, "default")))
    enabled = settings.enabled_codes(registry)
    for cls in registry.sorted():
        state = "enabled" if cls.code in enabled else "disabled"
        opts = {k: o.default for k, o in cls.options.items()}
        opts.update(settings.rule_options.get(cls.code, {}))
        sev = settings.severity.get(cls.code, cls.severity)
        src = settings.sources.get("rules", "default") if cls.code in settings.rule_options else "default"
        rows.append((f"rules.{cls.name}", f"{state}, severity={sev}, options={opts!r}", src))
    return rows
