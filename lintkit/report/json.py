"""JSON format: the whole run as one object, for scripts, dashboards and the benchmark scorer.

    {"version": "0.1.0", "findings": [Finding.to_dict(), ...], "summary": RunResult.summary()}

Each finding has ``path``, ``line``, ``column``, ``end_line``, ``end_column``, ``code``
(``LK201``), ``rule`` (the kebab-case name, ``ad-markup``), ``severity``, ``message`` and, when
it has one, ``fix``. Findings are in the run's order (path, line, column, code).
"""

from __future__ import annotations

import json
from typing import TextIO

from ..results import RunResult


def document(result: RunResult) -> dict:
    return {
        "version": result.version,
        "findings": [f.to_dict() for f in result.findings],
        "summary": result.summary(),
    }


def render(result: RunResult, stream: TextIO, **_: object) -> None:
    json.dump(document(result), stream, indent=2)
    stream.write("\n")
