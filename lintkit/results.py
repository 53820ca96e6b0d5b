"""What a run produced, handed to the reporters: findings plus the facts a summary needs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .rule import Finding, Rule, Severity


@dataclass
class RunResult:
    findings: list[Finding]  # sorted by path, line, column, code
    files_checked: int
    rules: dict[str, type[Rule]]  # every known rule (built-in, plugin, engine), keyed by code
    version: str = ""
    fail_on: Severity = Severity.WARNING
    # Findings hidden by inline comments or baseline; reported in summaries only.
    suppressed: int = 0
    fixes_available: int = 0
    elapsed: float = 0.0
    # Findings hidden because the baseline file lists them, and baseline entries (for the files
    # and rules checked) that no finding matches any more.
    baselined: int = 0
    baseline_stale: int = 0
    # --unsafe-fixes was given: unsafe fixes count as available.
    unsafe_fixes: bool = False
    # After --fix: fixes applied and files changed (None when --fix was not given).
    fixed: int | None = None
    fixed_files: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def internal_errors(self) -> int:
        return sum(1 for f in self.findings if f.rule == "internal-error")

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.severity >= self.fail_on]

    def counts_by_rule(self) -> Counter:
        return Counter((f.code, f.rule) for f in self.findings)

    def counts_by_severity(self) -> Counter:
        return Counter(str(f.severity) for f in self.findings)

    def files_with_findings(self) -> int:
        return len({f.path for f in self.findings})

    def summary(self) -> dict:
        """The machine-readable summary used by the JSON-family reporters."""
        return {
            "files_checked": self.files_checked,
            "files_with_findings": self.files_with_findings(),
            "findings": len(self.findings),
            "by_severity": dict(sorted(self.counts_by_severity().items())),
            "by_rule": {name: n for (code, name), n in sorted(self.counts_by_rule().items())},
            "suppressed": self.suppressed,
            "fixable": sum(1 for f in self.findings if f.fix is not None),
            "fixable_safe": self.fixable_count(unsafe=False),
            "baselined": self.baselined,
            "baseline_stale": self.baseline_stale,
            **({"fixed": self.fixed, "fixed_files": self.fixed_files} if self.fixed is not None else {}),
        }

    def fixable_count(self, unsafe: bool | None = None) -> int:
        """Findings ``--fix`` would fix (with ``--unsafe-fixes`` when ``unsafe``; default: as run)."""
        unsafe = self.unsafe_fixes if unsafe is None else unsafe
        return sum(1 for f in self.findings if f.fix is not None and f.fix.edits
                   and (unsafe or str(f.fix.safety) == "safe"))

    def fix_lines(self) -> list[str]:
        """Summary sentences about fixes, ruff style: what --fix did, or what it could do."""
        out: list[str] = []
        if self.fixed is not None:
            out.append(f"Fixed {self.fixed} issue{'s' if self.fixed != 1 else ''} "
                       f"({self.fixed_files} file{'s' if self.fixed_files != 1 else ''}). "
                       f"{len(self.findings)} remaining.")
        n = self.fixable_count()
        hidden = self.fixable_count(unsafe=True) - n
        if n:
            flag = "--fix --unsafe-fixes" if self.unsafe_fixes else "--fix"
            out.append(f"{n} fixable with {flag}" + (f" ({hidden} more with --unsafe-fixes)." if hidden else "."))
        elif hidden:
            out.append(f"{hidden} fixable with --fix --unsafe-fixes (unsafe fixes may change what readers see).")
        return out

    def baseline_lines(self) -> list[str]:
        out: list[str] = []
        if self.baselined:
            out.append(f"{self.baselined} finding{'s' if self.baselined != 1 else ''} hidden by the baseline.")
        if self.baseline_stale:
            n = self.baseline_stale
            out.append(f"{n} baseline entr{'ies' if n != 1 else 'y'} no longer match (fixed since); "
                       "remove them with `lintkit baseline --prune`.")
        return out
