"""JSON Lines format: one finding object (`Finding.to_dict`) per line, and nothing else.

For streaming consumers (``jq -c``, log shippers, databases that load NDJSON) that handle one
record at a time. Every line is a finding with the same keys as in the ``json`` format, so a
consumer never has to tell record kinds apart; there is deliberately no summary line (use the
``json`` format for totals). No findings means empty output.
"""

from __future__ import annotations

import json
from typing import TextIO

from ..results import RunResult


def render(result: RunResult, stream: TextIO, **_: object) -> None:
    for finding in result.findings:
        stream.write(json.dumps(finding.to_dict()) + "\n")
