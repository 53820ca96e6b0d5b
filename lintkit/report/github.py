"""GitHub Actions format: one workflow command per finding, shown as annotations on the PR.

    ::error file=posts/a.md,line=3,col=5,endLine=3,endColumn=9,title=LK201 [ad-markup]::message

``error`` findings become ``::error``, ``warning`` ``::warning`` and ``info`` ``::notice``.
Values are escaped as the Actions runner expects: in the message ``%``, CR and LF are
percent-encoded; in property values ``:`` and ``,`` too. Other control characters in a message
(an escape sequence copied into a post's title) are shown as visible symbols (``␛``), as in
the text report: the Actions log would otherwise colour or rewrite itself. ``col`` and
``endColumn`` are left out when unknown, and ``endColumn`` when the finding spans several lines
(GitHub ignores it then).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from ..results import RunResult
from ..rule import Finding, Severity
from ._common import shown_text

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    props: dict[str, object] = {"file": PurePath(finding.path).as_posix()}
    if finding.line >= 1:
        props["line"] = finding.line
        if finding.column >= 1:
            props["col"] = finding.column
        props["endLine"] = finding.end_line
        if finding.end_column is not None and finding.end_line == finding.line and finding.column >= 1:
            props["endColumn"] = finding.end_column
    props["title"] = f"{finding.code} [{finding.rule}]"
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(shown_text(finding.message))}"


def render(result: RunResult, stream: TextIO, **_: object) -> None:
    for finding in result.findings:
        stream.write(command(finding) + "\n")
