"""Apply the fixes rules offer: ``lintkit check --fix``, ``--unsafe-fixes`` and ``--diff``.

A fix is a set of `Edit` s on the decoded text of the file the rule saw (BOM removed, newlines
as in the file). Applying them:

* Only fixes of the selected safety count: safe ones, plus unsafe ones with ``--unsafe-fixes``.
* Fixes are taken in file order; a fix whose edits overlap an edit already taken (or start at
  the same offset) is dropped for this pass, never merged. The next pass re-checks the file and
  offers it again if it still applies.
* The result is parsed again with the engine's own front-matter parser: when the front matter
  parsed before and would not parse after (or its keys would change), the front-matter edits
  are dropped and only the body edits are kept; when even that fails the file keeps its
  previous content and the problem is reported. Files whose front matter does not parse are not
  fixed at all.
* Writes are atomic (a temporary file in the same folder, flushed and fsynced, then
  ``os.replace``), keep the file's permission bits, its BOM and its newline style; bytes outside
  the edits are left as they were.
* After a pass the changed files are checked again, against the same site (every other post as
  corpus: their corpus data comes from the cache), until no fix of the selected safety is left
  or `MAX_PASSES` passes were made. A last full run then gives the findings that remain (corpus
  rules judge every post against the site as it is now), so a second ``--fix`` changes nothing.

``--diff`` runs the same loop without touching the files: changed contents live in a temporary
mirror of the site (symlinks to the unchanged posts) and the result is a unified diff.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .config import Settings
from .document import LoadError, Post
from .registry import Registry, discover
from .results import RunResult
from .rule import Edit, Finding, Fix, FixSafety
from .runner import discover_files, display_path, run

MAX_PASSES = 4
_NEWLINES = re.compile(r"\r\n|\r|\n")


# --------------------------------------------------------------------------- choosing fixes


def applicable(finding: Finding, unsafe: bool) -> bool:
    """Whether ``--fix`` (with ``--unsafe-fixes`` when ``unsafe``) applies this finding's fix."""
    fix = finding.fix
    return fix is not None and bool(fix.edits) and (fix.safety == FixSafety.SAFE or unsafe)


def _overlaps(a: Edit, b: Edit) -> bool:
    return (a.start < b.end and b.start < a.end) or a.start == b.start


@dataclass
class Applied:
    """What applying a set of fixes to one text did."""

    text: str
    applied: list[Fix] = field(default_factory=list)  # fixes applied (duplicates counted)
    skipped: list[Fix] = field(default_factory=list)  # conflicting or invalid: left for the next pass


def apply_fixes(text: str, fixes: Sequence[Fix], newline: str = "\n") -> Applied:
    """Apply the non-overlapping fixes to ``text``; overlapping ones are skipped, not merged.

    Fixes are considered in the order of their first edit. A fix whose edits are exactly those
    of a fix already taken (two findings, one repair) counts as applied without editing twice.
    Newlines in replacements follow the file's ``newline``.
    """
    out = Applied(text)
    taken: list[Edit] = []
    seen: set[tuple] = set()
    order = sorted(fixes, key=lambda f: (min(e.start for e in f.edits), max(e.end for e in f.edits)))
    for fix in order:
        edits = tuple(sorted(fix.edits, key=lambda e: (e.start, e.end)))
        key = tuple((e.start, e.end, e.replacement) for e in edits)
        if key in seen:
            out.applied.append(fix)
            continue
        valid = all(0 <= e.start <= e.end <= len(text) for e in edits)
        inner = any(_overlaps(a, b) for i, a in enumerate(edits) for b in edits[i + 1 :])
        if not valid or inner or any(_overlaps(e, t) for e in edits for t in taken):
            out.skipped.append(fix)
            continue
        taken.extend(edits)
        seen.add(key)
        out.applied.append(fix)
    pieces: list[str] = []
    pos = 0
    for e in sorted(taken, key=lambda e: e.start):
        pieces.append(text[pos : e.start])
        rep = e.replacement
        if newline != "\n" and ("\n" in rep or "\r" in rep):
            rep = _NEWLINES.sub(newline, rep)
        pieces.append(rep)
        pos = e.end
    pieces.append(text[pos:])
    out.text = "".join(pieces)
    return out


def front_matter_problem(before: Post, after_text: str) -> str | None:
    """Why ``after_text`` must not replace ``before`` (its front matter), or None when it may."""
    after = Post(before.path, after_text, bom=before.bom)
    old, new = before.front_matter, after.front_matter
    if old.present and old.ok:
        if not new.ok:
            return f"the front matter would no longer parse ({new.error})"
        if new.format != old.format:
            return "the front matter would change format"
        if set(new.data) != set(old.data):
            return "the front matter's keys would change"
    elif not old.present and new.present:
        return "the fix would turn the first lines into front matter"
    return None


@dataclass
class FileOutcome:
    data: bytes  # the new content (the old one when nothing could be applied)
    applied: int = 0
    problem: str | None = None


def fix_bytes(path: str, data: bytes, fixes: Sequence[Fix]) -> FileOutcome:
    """Apply ``fixes`` (computed on ``data``) and return the new bytes: BOM, encoding and newline
    style kept, front matter verified."""
    try:
        post = Post.from_bytes(path, data)
    except LoadError as exc:
        return FileOutcome(data, problem=f"not fixed: {exc}")
    if post.front_matter.present and not post.front_matter.ok:
        return FileOutcome(data, problem="not fixed: its front matter does not parse")
    result = apply_fixes(post.text, fixes, post.newline)
    problem = front_matter_problem(post, result.text) if result.applied else None
    if problem is not None:
        # keep only the fixes that do not touch the front matter
        body_start = post.line_starts[post.body_line - 1] if post.body_line - 1 < len(post.line_starts) else len(post.text)
        body_fixes = [f for f in fixes if all(e.start >= body_start for e in f.edits)]
        retry = apply_fixes(post.text, body_fixes, post.newline)
        if retry.applied and front_matter_problem(post, retry.text) is None:
            result = retry
            problem = f"front-matter fixes skipped: {problem}"
        else:
            return FileOutcome(data, problem=f"not fixed: {problem}")
    if not result.applied:
        return FileOutcome(data, problem=problem)
    new = ("\ufeff" if post.bom else "") + result.text
    return FileOutcome(new.encode("utf-8"), len(result.applied), problem)


# --------------------------------------------------------------------------- writing


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Replace the file at ``path`` by ``data`` atomically, keeping its permission bits.

    A symlink is followed: the file it points to is replaced, the link stays.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".lintkit-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """A ``git apply``-compatible unified diff (``a/``, ``b/`` prefixes) of one file."""
    a = old.decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
    b = new.decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
    out: list[str] = []
    for line in difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", n=3):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\r\n") + "\n")
        elif line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------- the loop


@dataclass
class FixRun:
    """The outcome of ``--fix`` / ``--diff``."""

    result: RunResult  # findings that remain (after a final full run when anything changed)
    fixed: int = 0  # findings whose fix was applied, over every pass
    originals: dict[str, bytes] = field(default_factory=dict)  # display path -> content before
    contents: dict[str, bytes] = field(default_factory=dict)  # display path -> content after
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    passes: int = 0

    @property
    def changed(self) -> list[str]:
        return sorted(p for p, data in self.contents.items() if data != self.originals.get(p))

    def diff(self) -> str:
        return "".join(unified_diff(p, self.originals[p], self.contents[p]) for p in self.changed)


Filter = Callable[[RunResult, Callable[[str], "bytes | None"]], RunResult]


def fix_run(
    paths: Sequence[str],
    settings: Settings,
    registry: Registry | None = None,
    *,
    unsafe: bool = False,
    write: bool = True,
    corpus: Sequence[str] = (),
    jobs: int | None = None,
    cache_dir: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    keep: Filter | None = None,
    max_passes: int = MAX_PASSES,
) -> FixRun:
    """Check ``paths``, apply fixes (write them when ``write``) until stable; see the module doc.

    ``keep`` filters each run's result (the baseline) given a reader of a post's current bytes.
    """
    registry = registry or discover()
    targets, _ = discover_files(paths, settings) if paths else ([], [])
    fs_of = {t.path: t.fs_path for t in targets}
    extra: dict[str, str] = {}
    if corpus:
        more, _ = discover_files(corpus, settings)
        extra = {t.path: t.fs_path for t in more if t.path not in fs_of}
    out = FixRun(result=None)  # type: ignore[arg-type]
    mirror = None if write else _Mirror({**fs_of, **extra})

    def read(p: str) -> bytes | None:
        if p in out.contents:
            return out.contents[p]
        try:
            with open(fs_of.get(p) or extra[p], "rb") as fh:
                return fh.read()
        except (OSError, KeyError):
            return None

    def finish(result: RunResult) -> RunResult:
        return keep(result, read) if keep is not None else result

    common = dict(jobs=jobs, cache_dir=cache_dir, warn=None)

    def full() -> RunResult:
        if mirror is None:
            return finish(run(paths, settings, registry, corpus=corpus, progress=progress, **common))
        res = run(mirror.paths(fs_of), settings, registry, corpus=mirror.paths(extra), **common)
        return finish(mirror.back(res))

    # only the rules that can offer a fix of the selected safety are needed between passes
    fixers = [code for code in settings.enabled_codes(registry)
              if (cls := registry.rules.get(code)) is not None and cls.fix_safety is not None
              and (unsafe or cls.fix_safety == FixSafety.SAFE)]
    partial_settings = dataclasses.replace(settings, select=sorted(fixers), extend_select=[], ignore=[])

    def partial(changed: Iterable[str]) -> RunResult:
        changed = sorted(changed)
        others = [p for p in fs_of if p not in set(changed)] + list(extra)
        if mirror is None:
            res = run([fs_of[p] for p in changed], partial_settings, registry,
                      corpus=[fs_of.get(p) or extra[p] for p in others], **common)
            return finish(res)
        res = run(mirror.paths(changed), partial_settings, registry, corpus=mirror.paths(others), **common)
        return finish(mirror.back(res))

    first = run(paths, settings, registry, corpus=corpus, progress=progress, jobs=jobs, cache_dir=cache_dir, warn=warn)
    result = initial = finish(first)
    is_partial = False
    try:
        while out.passes < max_passes:
            todo: dict[str, list[Fix]] = {}
            for f in result.findings:
                if f.path in fs_of and applicable(f, unsafe):
                    todo.setdefault(f.path, []).append(f.fix)  # type: ignore[arg-type]
            changed_now = False
            for p, fixes in sorted(todo.items()):
                data = read(p)
                if data is None:
                    out.problems.append((p, "not fixed: cannot read the file"))
                    continue
                outcome = fix_bytes(p, data, fixes)
                if outcome.problem:
                    out.problems.append((p, outcome.problem))
                if outcome.data == data:
                    continue
                out.originals.setdefault(p, data)
                out.contents[p] = outcome.data
                out.fixed += outcome.applied
                changed_now = True
                if mirror is not None:
                    mirror.write(p, outcome.data)
                else:
                    atomic_write(fs_of[p], outcome.data)
            if changed_now:
                out.passes += 1
                result = partial(out.contents)
                is_partial = True
            elif is_partial and write:
                result = full()  # corpus rules may see the changed site differently
                is_partial = False
                if not any(applicable(f, unsafe) for f in result.findings):
                    break
            else:
                break
        if is_partial and write:
            result = full()
    finally:
        if mirror is not None:
            mirror.close()
    # problems are reported once per file and message
    out.problems = sorted(set(out.problems))
    # --diff stops after the passes (no final full run): its result is the first check's
    out.result = result if write else initial
    return out


class _Mirror:
    """A temporary copy of the site for ``--diff``: symlinks to the posts, real files for the
    ones changed so far, laid out as the originals (so site grouping sees the same folders)."""

    def __init__(self, fs_of: dict[str, str]) -> None:
        self.tmp = tempfile.mkdtemp(prefix="lintkit-diff-")
        absolute = {p: os.path.abspath(fs) for p, fs in fs_of.items()}
        dirs = [os.path.dirname(a) for a in absolute.values()]
        root = os.path.commonpath(dirs) if dirs else "/"
        top = os.path.basename(root.rstrip(os.sep)) or "root"
        self.where: dict[str, str] = {}
        self.display: dict[str, str] = {}
        for p, a in absolute.items():
            m = os.path.join(self.tmp, top, os.path.relpath(a, root))
            os.makedirs(os.path.dirname(m), exist_ok=True)
            os.symlink(a, m)
            self.where[p] = m
            self.display[display_path(Path(m))] = p

    def paths(self, names: Iterable[str]) -> list[str]:
        return [self.where[p] for p in names]

    def write(self, p: str, data: bytes) -> None:
        m = self.where[p]
        if os.path.islink(m):
            os.unlink(m)
        with open(m, "wb") as fh:
            fh.write(data)

    def back(self, result: RunResult) -> RunResult:
        for f in result.findings:
            f.path = self.display.get(f.path, f.path)
        return result

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


__all__ = ["Applied", "FixRun", "MAX_PASSES", "applicable", "apply_fixes", "atomic_write", "fix_bytes", "fix_run",
           "front_matter_problem", "unified_diff"]
