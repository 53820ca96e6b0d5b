"""The public rule API: `Rule`, `Finding`, `Severity`, `Fix` and `Edit`, and rule options.

A rule is a class with a stable ``code`` (``LK201``) and a kebab-case ``name`` (``ad-markup``),
a default ``severity``, a one-line ``summary``, ``tags`` and typed ``options``. Its module
docstring is its documentation (what it flags, why, a bad and a good example, options, fix).

Two kinds of rule:

* per-file rules implement ``check(post)`` and yield findings;
* corpus rules (``scope = "corpus"``) implement ``collect(post)``, which runs next to the
  per-file rules in the worker that parsed the post and returns a small picklable summary,
  and ``check_corpus(summaries, site)``, which runs once in the main process over the
  summaries of every post of the site and yields findings.

Rules never print, read files or look at the config file: they get a parsed `Post` and their
own validated options (``self.options``), and return findings.
"""

from __future__ import annotations

import enum
import inspect
import sys
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Iterator, Mapping


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered, so ``--fail-on warning`` means warning and error."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None

    def __str__(self) -> str:  # "warning"
        return self.name.lower()


class FixSafety(str, enum.Enum):
    """A safe fix keeps the meaning of the post; an unsafe one may change what readers see."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Edit:
    """Replace ``post.text[start:end]`` by ``replacement``.

    Offsets index the decoded text of the file (BOM removed, newlines as in the file), so an
    edit never moves bytes it does not cover. Build edits with `Post.edit` from lines and
    columns rather than by hand.
    """

    start: int
    end: int
    replacement: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    """A set of edits that together repair one finding, and how safe applying them is."""

    edits: tuple[Edit, ...]
    safety: FixSafety = FixSafety.SAFE
    description: str = ""

    def to_dict(self) -> dict:
        return {
            "safety": str(self.safety),
            "description": self.description,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass
class Finding:
    """One problem at one place. ``line``/``column`` are 1-based and count the front matter."""

    path: str
    line: int
    column: int
    code: str
    rule: str
    message: str
    severity: Severity = Severity.WARNING
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None
    # Text the finding is about; later used to key baselines independently of line numbers.
    subject: str = ""
    # The source line at ``line`` (filled in by the runner for reporters; not serialised).
    source: str = ""

    def __post_init__(self) -> None:
        if self.end_line is None or self.end_line < self.line:
            self.end_line = self.line

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
        }
        if self.fix is not None:
            out["fix"] = self.fix.to_dict()
        return out


# --------------------------------------------------------------------------- options

_MISSING = object()


@dataclass(frozen=True)
class Option:
    """A typed rule option with a default.

    ``type`` is one of ``bool``, ``int``, ``float``, ``str``, ``list`` (of strings).
    ``choices`` limits a ``str``; ``minimum``/``maximum`` bound numbers.
    """

    default: Any
    type: type
    help: str = ""
    choices: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None

    def validate(self, value: Any) -> Any:
        """Return the value converted to the option's type, or raise ValueError."""
        t = self.type
        if t is bool:
            if not isinstance(value, bool):
                raise ValueError(f"expected true or false, got {_show(value)}")
            return value
        if t is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"expected an integer, got {_show(value)}")
        elif t is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"expected a number, got {_show(value)}")
            value = float(value)
        elif t is str:
            if not isinstance(value, str):
                raise ValueError(f"expected a string, got {_show(value)}")
            if self.choices and value not in self.choices:
                raise ValueError(f"expected one of {', '.join(map(repr, self.choices))}, got {value!r}")
            return value
        elif t is list:
            if not isinstance(value, (list, tuple)) or not all(isinstance(x, str) for x in value):
                raise ValueError(f"expected a list of strings, got {_show(value)}")
            return list(value)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"must be >= {self.minimum}, got {value}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"must be <= {self.maximum}, got {value}")
        return value

    def describe_type(self) -> str:
        if self.choices:
            return " | ".join(repr(c) for c in self.choices)
        return {bool: "bool", int: "int", float: "float", str: "str", list: "list[str]"}.get(self.type, str(self.type))


def _show(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"


# --------------------------------------------------------------------------- rules


class Rule:
    """Base class of every rule, built-in or third-party.

    Subclasses set the class attributes below and implement ``check`` (per-file rules) or
    ``collect`` + ``check_corpus`` (corpus rules). The module docstring of the subclass is the
    rule's documentation; ``lintkit explain NAME`` prints it.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    tags: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[Mapping[str, Option]] = {}
    # None when the rule never offers a fix; otherwise the safest level it offers.
    fix_safety: ClassVar[FixSafety | None] = None
    scope: ClassVar[str] = "file"  # "file" or "corpus"
    # Corpus rules that read the shared site index (``site.index``: duplicate groups, term
    # statistics) set this, so the engine extracts and caches the features it is built from.
    uses_index: ClassVar[bool] = False

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        resolved = {k: opt.default for k, opt in type(self).options.items()}
        for key, value in (options or {}).items():
            opt = type(self).options.get(key)
            if opt is None:
                raise ValueError(f"rule {self.name}: unknown option {key!r}")
            resolved[key] = opt.validate(value)
        self.config: dict[str, Any] = resolved
        self.setup()

    # Hooks -----------------------------------------------------------------------------

    def setup(self) -> None:
        """Called once after options are resolved: compile patterns, load data."""

    def check(self, post: "Post") -> Iterable[Finding]:  # noqa: F821 - documented type
        """Per-file rules: yield findings for one parsed post."""
        return ()

    def collect(self, post: "Post") -> Any:  # noqa: F821
        """Corpus rules: return a small picklable summary of one post (runs in a worker)."""
        return None

    def check_corpus(self, summaries: Mapping[str, Any], site: "Site") -> Iterable[Finding]:  # noqa: F821
        """Corpus rules: yield findings given every post's summary, keyed by path."""
        return ()

    # Helpers ---------------------------------------------------------------------------

    def finding(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        *,
        end_line: int | None = None,
        end_column: int | None = None,
        fix: Fix | None = None,
        subject: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            path=str(path),
            line=line,
            column=column,
            code=self.code,
            rule=self.name,
            message=message,
            severity=self.severity if severity is None else severity,
            end_line=end_line,
            end_column=end_column,
            fix=fix,
            subject=subject,
        )

    @classmethod
    def documentation(cls) -> str:
        """The rule's docs: its module docstring, or its class docstring when that has sections."""
        module = sys.modules.get(cls.__module__)
        module_doc = inspect.getdoc(module) if module is not None else None
        own = cls.__dict__.get("__doc__")
        class_doc = inspect.cleandoc(own) if own else None  # never the base class's docstring
        # A module holding one rule documents it in the module docstring (the convention);
        # a module holding several documents each in its class docstring.
        if class_doc and "## " in class_doc:
            return class_doc
        return module_doc or class_doc or cls.summary

    @classmethod
    def fixable(cls) -> str:
        return str(cls.fix_safety) if cls.fix_safety else "no"


def iter_rule_classes(obj: Any) -> Iterator[type[Rule]]:
    """Rules an entry point may export: a Rule subclass, a module or a list of either."""
    if inspect.isclass(obj) and issubclass(obj, Rule):
        yield obj
    elif inspect.ismodule(obj):
        exported = getattr(obj, "RULES", None)
        if exported is not None:
            yield from iter_rule_classes(exported)
        else:
            for value in vars(obj).values():
                if inspect.isclass(value) and issubclass(value, Rule) and value.__module__ == obj.__name__ and value.code:
                    yield value
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from iter_rule_classes(item)
    elif callable(obj) and not inspect.isclass(obj):
        yield from iter_rule_classes(obj())


__all__ = [
    "Edit",
    "Finding",
    "Fix",
    "FixSafety",
    "Option",
    "Rule",
    "Severity",
    "iter_rule_classes",
]
