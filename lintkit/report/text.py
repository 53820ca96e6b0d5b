"""Text format: the report for people in a terminal, grouped by file, with source excerpts.

    posts/hello.md
      error    3:5  LK201 [ad-markup]  AdSense unit in the post body
                 3 | <ins class="adsbygoogle" data-ad-client="ca-pub-1">
                   | ^^^^^^^^^^^^^^^^^^^^^^^^^
                   = fix (safe): remove the ad block

    Findings by rule:
      1  LK201  ad-markup  fixable

    1 finding in 1 file (12 files checked): 1 error.

Written with rich. Colour follows `use_color`; without colour the output is plain text with no
escape codes, written directly (`PlainConsole`: the same text, without rich's per-line layout). Lines are never wrapped, so ``line:col`` and long messages stay on one line.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Mapping, TextIO

from rich.console import Console
from rich.text import Text

from ..results import RunResult
from ..rule import Finding, Severity
from ._common import plural, shown_path, shown_text

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
SEVERITY_WIDTH = max(len(str(s)) for s in Severity)
MAX_SOURCE = 120  # characters of a source line shown around the finding
NON_TTY_WIDTH = 200


def use_color(color: bool | None, stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """Whether to colour: ``color`` if given, else no when ``NO_COLOR`` is set, yes when
    ``FORCE_COLOR`` is set, else yes only when ``stream`` is a terminal."""
    if color is not None:
        return color
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return _isatty(stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def make_console(stream: TextIO, color: bool) -> Console:
    return Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=None if _isatty(stream) else NON_TTY_WIDTH,
        soft_wrap=True,
        highlight=False,
        markup=False,  # messages and source lines may hold [brackets]
        emoji=False,
    )


class PlainConsole:
    """What rich's `Console` prints without colour, written straight to the stream: rich lays
    out each line on its own (~0.5 ms a line: 10 s for a report of 15,000 findings in a CI log).
    `rich.text.Text` has already dropped control codes; tabs are expanded the way rich does."""

    def __init__(self, stream: TextIO) -> None:
        self.write = stream.write

    def print(self, text: Text | None = None) -> None:
        if text is None:
            self.write("\n")
            return
        if "\t" in text.plain:
            text = text.copy()
            text.expand_tabs()
        self.write(text.plain + "\n")


def render(
    result: RunResult,
    stream: TextIO,
    *,
    color: bool | None = None,
    show_source: bool = True,
    **_: object,
) -> None:
    colored = use_color(color, stream)
    console = make_console(stream, True) if colored else PlainConsole(stream)
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path, findings in by_path.items():
        _print_file(console, path, findings, show_source)
    _print_summary(console, result)


# --------------------------------------------------------------------------- findings


def _line_col(finding: Finding) -> str:
    if finding.line < 1:
        return "-"
    return f"{finding.line}:{finding.column}" if finding.column >= 1 else str(finding.line)


def _print_file(console: Console | PlainConsole, path: str, findings: list[Finding], show_source: bool) -> None:
    console.print(Text(shown_path(path), style="bold underline"))
    loc_width = max(len(_line_col(f)) for f in findings)
    number_width = max(len(str(f.line)) for f in findings)
    # Source and hints sit under the location column.
    gutter = " " * (2 + SEVERITY_WIDTH + 2)
    for finding in findings:
        severity = str(finding.severity)
        head = Text.assemble(
            "  ",
            (severity.ljust(SEVERITY_WIDTH), SEVERITY_STYLES.get(finding.severity, "")),
            "  ",
            (_line_col(finding).rjust(loc_width), "cyan"),
            "  ",
            (finding.code, "bold"),
            " ",
            (f"[{finding.rule}]", "dim"),
            "  ",
        )
        indent = " " * len(head.plain)
        lines = shown_text(finding.message).splitlines() or [""]
        head.append(lines[0])
        console.print(head)
        for more in lines[1:]:
            console.print(Text(indent + more))
        margin = gutter + " " * number_width
        if show_source and finding.line >= 1:
            shown = excerpt(shown_text(finding.source.rstrip("\r\n")), finding.column, finding.end_column, finding.end_line != finding.line)
            if shown is not None:
                source, start, length = shown
                console.print(Text.assemble(gutter, (str(finding.line).rjust(number_width), "dim"), (" | ", "dim"), source))
                if length:
                    marks = " " * start + "^" * length
                    console.print(Text.assemble(margin, (" | ", "dim"), (marks, SEVERITY_STYLES.get(finding.severity, ""))))
        if finding.fix is not None:
            hint = f"fix ({finding.fix.safety})" + (f": {finding.fix.description}" if finding.fix.description else " available")
            console.print(Text.assemble(margin, (" = ", "dim"), (hint, "green")))
    console.print()


def excerpt(source: str, column: int, end_column: int | None, to_end: bool) -> tuple[str, int, int] | None:
    """The part of ``source`` to show and where to underline it: ``(text, start, length)``.

    Leading and trailing blanks are trimmed, tabs shown as one space (so columns still line
    up), and a line longer than `MAX_SOURCE` is cut to a window around ``column``, marked with
    ``...``. ``length`` is 0 when the column is unknown. ``to_end`` underlines to the end of the
    line (the finding goes on over later lines). ``end_column`` is exclusive, like the finding's.
    """
    line = source.rstrip("\r\n").replace("\t", " ")
    body = line.lstrip()
    if not body.strip():
        return None
    shift = len(line) - len(body)
    body = body.rstrip()
    start = min(max(column - 1 - shift, 0), len(body))
    if to_end:
        end = len(body)
    elif end_column is not None and end_column > column:
        end = end_column - 1 - shift
    else:
        end = start + 1
    offset = 0
    if len(body) > MAX_SOURCE:
        offset = max(0, min(start - MAX_SOURCE // 3, len(body) - MAX_SOURCE))
    window = body[offset : offset + MAX_SOURCE]
    prefix = "..." if offset else ""
    suffix = "..." if offset + MAX_SOURCE < len(body) else ""
    text = prefix + window + suffix
    if column < 1:
        return text, 0, 0
    first = start - offset
    last = max(min(end - offset, len(window)), first + 1)
    return text, first + len(prefix), last - first


# --------------------------------------------------------------------------- summary


def _print_summary(console: Console | PlainConsole, result: RunResult) -> None:
    findings = result.findings
    if not findings:
        console.print(Text(f"No findings in {plural(result.files_checked, 'file')}.", style="bold green"))
    else:
        counts = result.counts_by_rule()
        fixable = Counter((f.code, f.rule) for f in findings if f.fix is not None)
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        count_width = max(len(str(n)) for _, n in rows)
        code_width = max(len(code) for (code, _), _ in rows)
        name_width = max(len(name) for (_, name), _ in rows)
        console.print(Text("Findings by rule:", style="bold"))
        for (code, name), n in rows:
            k = fixable[(code, name)]
            label = "" if not k else "fixable" if k == n else f"{k} fixable"
            console.print(
                Text.assemble(
                    "  ",
                    (str(n).rjust(count_width), "bold"),
                    "  ",
                    (code.ljust(code_width), "bold"),
                    "  ",
                    name.ljust(name_width) if label else name,
                    ("  " + label if label else "", "green"),
                )
            )
        console.print()
        by_severity = Counter(f.severity for f in findings)
        severities = ", ".join(
            plural(by_severity[s], str(s), "info" if s is Severity.INFO else None) for s in sorted(by_severity, reverse=True)
        )
        totals = (
            f"{plural(len(findings), 'finding')} in {plural(result.files_with_findings(), 'file')}"
            f" ({plural(result.files_checked, 'file')} checked): {severities}."
        )
        console.print(Text(totals, style="bold red" if result.failing else "bold yellow"))
    for line in result.fix_lines():
        console.print(Text(line, style="green"))
    for line in result.baseline_lines():
        console.print(Text(line, style="dim"))
    if result.suppressed:
        console.print(Text(f"{plural(result.suppressed, 'finding')} suppressed (inline comments or baseline).", style="dim"))
