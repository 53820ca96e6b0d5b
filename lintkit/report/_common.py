"""Small helpers shared by several reporters (not a format)."""

from __future__ import annotations

from ..rule import Finding


def plural(n: int, word: str, many: str | None = None) -> str:
    """``plural(1, "file") == "1 file"``, ``plural(2, "file") == "2 files"``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def one_line(text: str) -> str:
    """``text`` with its line breaks folded to single spaces, for one-line-per-finding formats."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


_CONTROL = {i: f"\\x{i:02x}" for i in (*range(32), 127)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def shown_path(path: str) -> str:
    """``path`` with control characters escaped (``\\n``, ``\\x1b``): a file name holding a
    newline must not split a finding line, or forge one, in line-based output."""
    return path.translate(_CONTROL) if not path.isprintable() else path


def location(finding: Finding) -> str:
    """``path:line:col`` (``col``, then ``line``, left out when unknown, i.e. below 1)."""
    out = shown_path(finding.path)
    if finding.line >= 1:
        out += f":{finding.line}"
        if finding.column >= 1:
            out += f":{finding.column}"
    return out


def headline(finding: Finding) -> str:
    """``path:line:col: CODE [name] message`` on one line."""
    return f"{location(finding)}: {finding.code} [{finding.rule}] {one_line(finding.message)}"
