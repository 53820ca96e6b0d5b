"""Reporters: turn a `RunResult` into output for people, CI systems and other tools.

One module per format, each exposing ``render(result, stream, **opts)``. `render` below imports
only the module of the chosen format, so commands that report nothing (``lintkit --version``)
never pay for rich or the XML/SARIF builders.

=========  ==================================================================================
text       rich, grouped by file, with source excerpts and a summary (default in a terminal)
concise    one ``path:line:col: CODE [name] message`` line per finding (ruff's concise style)
json       one object ``{"version", "findings", "summary"}``
jsonl      one finding object per line (JSON Lines), for streaming consumers
sarif      SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards
github     GitHub Actions workflow commands (annotations); the default under GitHub Actions
junit      JUnit XML, for CI test-report views
=========  ==================================================================================
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Mapping, TextIO

if TYPE_CHECKING:
    from ..results import RunResult

FORMATS: tuple[str, ...] = ("text", "concise", "json", "jsonl", "sarif", "github", "junit")


def default_format(env: Mapping[str, str]) -> str:
    """The format to use when none is asked for: annotations under GitHub Actions, else text."""
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def render(
    result: RunResult,
    fmt: str,
    stream: TextIO,
    *,
    color: bool | None = None,
    show_source: bool = True,
) -> None:
    """Write ``result`` to ``stream`` in format ``fmt`` (one of `FORMATS`).

    ``color`` and ``show_source`` only matter to the ``text`` format; ``color=None`` means
    "decide from the stream and the environment" (see `lintkit.report.text.use_color`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.{fmt}")
    module.render(result, stream, color=color, show_source=show_source)


__all__ = ["FORMATS", "default_format", "render"]
