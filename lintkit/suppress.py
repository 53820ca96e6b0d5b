"""Inline suppression comments, markdownlint style.

* ``<!-- lintkit-disable RULE... -->`` ... ``<!-- lintkit-enable RULE... -->``: a region
* ``<!-- lintkit-disable-next-line RULE... -->``: the next line
* ``<!-- lintkit-disable-line RULE... -->``: the comment's own line
* ``<!-- lintkit-disable-file RULE... -->``: the whole file

RULE is a code (``LK201``) or a name (``ad-markup``), several separated by spaces or commas; no
RULE means every rule. Comments inside code blocks and inline code are ignored. A comment that
names an unknown rule yields an ``invalid-suppression`` finding.

A finding is suppressed when its first line is inside a suppressed region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .rule import Finding

if TYPE_CHECKING:
    from .document import Post
    from .registry import Registry

ALL = "*"
_COMMENT = re.compile(
    r"<!--[ \t]*lintkit-(disable-next-line|disable-line|disable-file|disable|enable)\b([^<>]{0,1000}?)[ \t]*-->"
)


@dataclass
class Suppressions:
    file_rules: set[str] = field(default_factory=set)
    line_rules: dict[int, set[str]] = field(default_factory=dict)
    events: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)  # (line, action, codes)

    def __bool__(self) -> bool:
        return bool(self.file_rules or self.line_rules or self.events)

    def suppresses(self, code: str, line: int) -> bool:
        if ALL in self.file_rules or code in self.file_rules:
            return True
        on_line = self.line_rules.get(line)
        if on_line and (ALL in on_line or code in on_line):
            return True
        all_off = False
        disabled: set[str] = set()
        exceptions: set[str] = set()
        for ln, action, codes in self.events:
            if ln > line:
                break
            if action == "disable":
                if ALL in codes:
                    all_off, disabled, exceptions = True, set(), set()
                else:
                    disabled |= codes
                    exceptions -= codes
            else:
                if ALL in codes:
                    all_off, disabled, exceptions = False, set(), set()
                else:
                    disabled -= codes
                    if all_off:
                        exceptions |= codes
        return (all_off and code not in exceptions) or code in disabled


def parse_suppressions(post: "Post", registry: "Registry", invalid_rule: type | None = None) -> tuple[Suppressions, list[Finding]]:
    """Read a post's suppression comments; return them and findings for unknown rule names."""
    sup = Suppressions()
    problems: list[Finding] = []
    lines = post.uncoded_lines
    for i in range(post.body_line - 1, len(lines)):
        line = lines[i]
        if "lintkit-" not in line:
            continue
        for m in _COMMENT.finditer(line):
            ln = i + 1
            action = m.group(1)
            codes: set[str] = set()
            refs = [r for r in re.split(r"[\s,]+", m.group(2).strip()) if r]
            for ref in refs:
                cls = registry.get(ref)
                if cls is None:
                    if invalid_rule is not None:
                        problems.append(
                            invalid_rule().finding(
                                post.path, ln, m.start() + 1,
                                f"suppression comment names unknown rule {ref!r}{registry.suggest(ref)}",
                                end_column=m.end() + 1, subject=ref,
                            )
                        )
                    continue
                codes.add(cls.code)
            if not refs:
                codes = {ALL}
            elif not codes:
                continue  # only unknown names: suppress nothing
            if action == "disable-file":
                sup.file_rules |= codes
            elif action == "disable-line":
                sup.line_rules.setdefault(ln, set()).update(codes)
            elif action == "disable-next-line":
                sup.line_rules.setdefault(ln + 1, set()).update(codes)
            else:
                sup.events.append((ln, action, frozenset(codes)))
    return sup, problems
