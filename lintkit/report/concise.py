"""Concise format: one ``path:line:col: CODE [name] message`` line per finding.

For editors, ``grep``-style tooling and people who want a compact list (like ``ruff
--output-format concise``). Messages are folded onto one line. A last line says
``Found N findings.``, or ``All checks passed!`` when there is nothing to report, as ruff does.
"""

from __future__ import annotations

from typing import TextIO

from ..results import RunResult
from ._common import headline, plural


def render(result: RunResult, stream: TextIO, **_: object) -> None:
    for finding in result.findings:
        stream.write(headline(finding) + "\n")
    if result.findings:
        stream.write(f"Found {plural(len(result.findings), 'finding')}.\n")
    else:
        stream.write("All checks passed!\n")
    # after --fix: what was fixed; the "N fixable" hints stay in the text format
    for line in (result.fix_lines()[:1] if result.fixed is not None else []) + result.baseline_lines():
        stream.write(line + "\n")
