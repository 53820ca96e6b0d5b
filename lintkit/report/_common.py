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


# Control characters of a message or source line, shown as one visible character each (the
# Unicode control pictures, U+FFFD for C1 codes) so columns under a source line still line up:
# a post's text must not drive the reader's terminal (an ESC sequence can retitle the window,
# rewrite what was printed or, in some terminals, set the clipboard).
_VISIBLE = ({i: chr(0x2400 + i) for i in range(32) if i not in (9, 10)} | {127: "\u2421"}
            | {i: "\ufffd" for i in range(0x80, 0xA0)})


def shown_text(text: str) -> str:
    """``text`` with control characters other than tab and newline made visible (one character
    each: ``\\x1b`` shows as ``␛``)."""
    return text if text.isprintable() else text.translate(_VISIBLE)


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
    return f"{location(finding)}: {finding.code} [{finding.rule}] {shown_text(one_line(finding.message))}"
