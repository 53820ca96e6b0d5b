"""Baselines: record today's findings once, report only new ones from then on.

``lintkit baseline PATH...`` writes every current finding to ``lintkit-baseline.json``;
``lintkit check --baseline lintkit-baseline.json`` hides the findings listed there.

An entry is keyed by

* ``path``: the post's path relative to the baseline file's folder, with ``/`` separators (so
  the file works from any working directory and on any OS);
* ``code``: the rule's code;
* ``fingerprint``: a hash of the rule code and the normalised text of the lines the finding
  covers (whitespace runs folded, each line stripped), not of the line number, so editing
  another part of the post does not bring old findings back, while changing the flagged lines
  does;
* ``occurrence``: 0, 1, ... among the findings of the same post, rule and fingerprint (the
  same ad block pasted twice), in file order.

``line`` and ``message`` are stored for people reading the file and are not compared. Entries
no finding matches any more (fixed since) are *stale*: counted in the summary when their file
and rule were part of the run, and removed by ``lintkit baseline --prune``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .results import RunResult
from .rule import Finding

VERSION = 1
DEFAULT_FILE = "lintkit-baseline.json"
MAX_LINES = 400  # flagged lines hashed per finding

Reader = Callable[[str], "bytes | None"]
Key = tuple[str, str, str, int]


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a lintkit baseline (exit code 2)."""


def _norm_lines(lines: Iterable[str]) -> str:
    return "\n".join(" ".join(line.split()) for line in lines)


def fingerprint(finding: Finding, lines: list[str] | None) -> str:
    """Hash of the rule code and the normalised text of the finding's lines."""
    if lines is not None and 1 <= finding.line <= len(lines):
        end = min(finding.end_line or finding.line, len(lines), finding.line + MAX_LINES - 1)
        text = _norm_lines(lines[finding.line - 1 : end])
    else:  # no file text (stdin, unreadable file): the message is all there is
        text = "message:" + " ".join(finding.message.split())
    return hashlib.sha256(f"{finding.code}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


def relative(path: str, base_dir: str) -> str:
    """A finding's path (as reported, relative to the working folder) relative to ``base_dir``."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, base_dir)
    except ValueError:  # another drive
        return Path(absolute).as_posix()
    return Path(rel).as_posix()


def _lines_reader(read: Reader) -> Callable[[str], list[str] | None]:
    cache: dict[str, list[str] | None] = {}

    def lines(path: str) -> list[str] | None:
        if path not in cache:
            data = read(path)
            if data is None:
                cache[path] = None
            else:
                text = data.decode("utf-8", errors="replace")
                cache[path] = text.lstrip("\ufeff").splitlines()
        return cache[path]

    return lines


def keyed(findings: Sequence[Finding], base_dir: str, read: Reader) -> list[tuple[Key, Finding]]:
    """Each finding with its baseline key (internal errors are never baselined)."""
    lines = _lines_reader(read)
    out: list[tuple[Key, Finding]] = []
    counts: dict[tuple[str, str, str], int] = {}
    for f in sorted(findings, key=lambda f: f.sort_key):
        if f.rule == "internal-error":
            continue
        base = (relative(f.path, base_dir), f.code, fingerprint(f, lines(f.path)))
        n = counts.get(base, 0)
        counts[base] = n + 1
        out.append(((*base, n), f))
    return out


def read_file(path: str | os.PathLike) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


# --------------------------------------------------------------------------- the file


@dataclasses.dataclass
class Baseline:
    path: Path
    entries: list[dict]

    @property
    def base_dir(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def keys(self) -> dict[Key, dict]:
        return {_entry_key(e): e for e in self.entries}

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Baseline":
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BaselineError(f"{p}: baseline file not found (create it with `lintkit baseline`)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{p}: cannot read baseline file: {getattr(exc, 'strerror', None) or exc}") from None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise BaselineError(f"{p}: not a lintkit baseline: invalid JSON ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{p}: not a lintkit baseline: expected an object with a \"findings\" list")
        if data.get("version") != VERSION:
            raise BaselineError(f"{p}: unsupported baseline version {data.get('version')!r} (expected {VERSION})")
        for i, e in enumerate(data["findings"]):
            if not (isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("code"), str)
                    and isinstance(e.get("fingerprint"), str) and isinstance(e.get("occurrence", 0), int)
                    and not isinstance(e.get("occurrence", 0), bool)):
                raise BaselineError(f"{p}: not a lintkit baseline: entry {i + 1} needs path, code and fingerprint strings")
        return cls(p, data["findings"])

    def save(self) -> None:
        entries = sorted(self.entries, key=lambda e: (e["path"], e.get("line", 0), e["code"], e.get("occurrence", 0), e["fingerprint"]))
        doc = {"version": VERSION, "tool": "lintkit", "findings": entries}
        from .fixes import atomic_write

        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        atomic_write(self.path, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def _entry_key(e: dict) -> Key:
    return (e["path"], e["code"], e["fingerprint"], int(e.get("occurrence", 0)))


def entry(key: Key, f: Finding) -> dict:
    path, code, fp, occurrence = key
    return {"path": path, "code": code, "rule": f.rule, "fingerprint": fp, "occurrence": occurrence,
            "line": f.line, "message": f.message}


def create(path: str | os.PathLike, findings: Sequence[Finding], read: Reader) -> Baseline:
    b = Baseline(Path(path), [])
    b.entries = [entry(k, f) for k, f in keyed(findings, b.base_dir, read)]
    return b


# --------------------------------------------------------------------------- applying


def in_scope(baseline: Baseline, checked: Sequence[str], enabled: set[str]) -> Callable[[dict], bool]:
    """Whether an entry belongs to a run over ``checked`` (files or folders) with ``enabled`` rules."""
    roots = [os.path.abspath(p) for p in checked]

    def inside(e: dict) -> bool:
        if e["code"] not in enabled:
            return False
        absolute = os.path.normpath(os.path.join(baseline.base_dir, e["path"]))
        return any(absolute == r or absolute.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    return inside


def apply(result: RunResult, baseline: Baseline, read: Reader, checked: Sequence[str], enabled: set[str]) -> RunResult:
    """A copy of ``result`` without the findings the baseline lists; counts baselined and stale."""
    known = baseline.keys()
    matched: set[Key] = set()
    hidden: set[int] = set()
    for key, f in keyed(result.findings, baseline.base_dir, read):
        if key in known:
            matched.add(key)
            hidden.add(id(f))
    scope = in_scope(baseline, checked, enabled)
    stale = sum(1 for k, e in known.items() if k not in matched and scope(e))
    kept = [f for f in result.findings if id(f) not in hidden]
    return dataclasses.replace(
        result, findings=kept, baselined=len(hidden), baseline_stale=stale,
        fixes_available=sum(1 for f in kept if f.fix is not None),
    )


def prune(baseline: Baseline, result: RunResult, read: Reader, checked: Sequence[str], enabled: set[str]) -> int:
    """Drop the entries of ``baseline`` (in scope of this run) that no finding matches; return how many."""
    current = {k for k, _ in keyed(result.findings, baseline.base_dir, read)}
    scope = in_scope(baseline, checked, enabled)
    before = len(baseline.entries)
    baseline.entries = [e for e in baseline.entries if _entry_key(e) in current or not scope(e)]
    return before - len(baseline.entries)


__all__ = ["Baseline", "BaselineError", "DEFAULT_FILE", "apply", "create", "fingerprint", "keyed", "prune", "read_file"]
