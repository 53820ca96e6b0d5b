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
        }
