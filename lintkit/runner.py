"""Run the rules: paths -> posts -> rules -> findings -> suppressions.

1. `discover_files` expands the targets (folders recursively: ``include`` globs, minus
   ``exclude``/``extend-exclude``, Hugo's ``archetypes/`` templates and, by default, what
   ``.gitignore`` ignores).
2. Each file is read and parsed once into a `Post` in a worker process (``--jobs``; small runs
   stay in-process). Workers receive paths, return findings and the small summaries corpus
   rules collect, and drop the parsed post. With a cache, workers encode the post's cache
   entries, and send rule summaries as that JSON text.
3. Corpus rules run once in the main process over every post's summary (``--corpus`` folders
   add posts to compare against without reporting on them).
4. Severity overrides, ``per-file-ignores`` and inline suppressions are applied, and findings
   are sorted by path, line and column, so the output does not depend on scheduling.

A rule that raises yields an ``internal-error`` finding naming the rule and the file; a file
that cannot be read or parsed yields a ``parse-error`` finding. Neither stops the run.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import gc
import hashlib
import multiprocessing
import os
import re
import stat
import sys
import time
import traceback
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import __version__
from .cache import Cache, Deferred, LazyValues, code_digest, content_key, dumps, namespace, package_digest
from .config import Settings
from .corpus import FEATURE_VERSION, extract
from .document import LoadError, Post
from .registry import Registry, discover
from .results import RunResult
from .rule import Edit, Finding, Fix, FixSafety, Rule, Severity
from .site import Site
from .suppress import Suppressions, parse_suppressions

CHUNK = 16


class UsageError(Exception):
    """A problem with the command line (missing path, ...): exit code 2."""


# --------------------------------------------------------------------------- discovery


@dataclass
class Target:
    path: str  # the path as reported
    fs_path: str  # where to read it
    explicit: bool = False
    reported: bool = True  # False for --corpus posts: only their corpus data is needed


def display_path(p: Path) -> str:
    """Paths are reported relative to the working directory when they are inside it."""
    # abspath, not resolve(): symlinks keep their own names and a symlink loop cannot raise
    absolute = os.path.abspath(p)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(absolute, cwd)).as_posix()
    return Path(absolute).as_posix() if p.is_absolute() else p.as_posix()


class _GitIgnore:
    """.gitignore files from the repository root down to each folder walked."""

    def __init__(self) -> None:
        self._specs: dict[str, Any] = {}
        self._chains: dict[str, list[str] | None] = {}

    def _spec(self, folder: str) -> Any:
        if folder not in self._specs:
            spec = None
            gi = os.path.join(folder, ".gitignore")
            if os.path.isfile(gi):
                try:
                    import pathspec

                    with open(gi, encoding="utf-8", errors="replace") as fh:
                        spec = pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())
                except (OSError, ValueError):
                    spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    def _chain(self, folder: str) -> list[str] | None:
        """The folders from the repository root down to ``folder`` (None outside a repository)."""
        if folder not in self._chains:
            if os.path.isdir(os.path.join(folder, ".git")):
                chain: list[str] | None = [folder]
            else:
                parent = os.path.dirname(folder)
                above = None if parent == folder else self._chain(parent)
                chain = None if above is None else above + [folder]
            self._chains[folder] = chain
        return self._chains[folder]

    def ignored(self, path: str, is_dir: bool) -> bool:
        path = os.path.abspath(path)
        chain = self._chain(os.path.dirname(path))
        if chain is None:
            return False  # not inside a git repository: .gitignore does not apply
        ignored = False
        for folder in chain:
            spec = self._spec(folder)
            if spec is None:
                continue
            rel = os.path.relpath(path, folder).replace(os.sep, "/") + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                ignored = bool(result.include)
        return ignored


@lru_cache(maxsize=256)
def _glob_regex(globs: tuple[str, ...]) -> re.Pattern | None:
    """One compiled pattern for a set of globs: a path matches when its name or its path relative
    to the root matches a glob, or lies under a folder that does (fnmatch semantics)."""
    parts = []
    for g in globs:
        g = g.rstrip("/")
        parts += [fnmatch.translate(os.path.normcase(g)), fnmatch.translate(os.path.normcase(g + "/*"))]
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


def _matches(globs: Sequence[str], path: str, root: Path) -> bool:
    rx = _glob_regex(tuple(globs))
    if rx is None:
        return False
    name = os.path.normcase(os.path.basename(path.rstrip("/")))
    absolute, top = os.path.abspath(path), os.path.abspath(root)
    if absolute.startswith(top.rstrip(os.sep) + os.sep):
        rel = os.path.relpath(absolute, top).replace(os.sep, "/")
    else:
        rel = Path(path).as_posix()
    return bool(rx.match(name) or rx.match(os.path.normcase(rel)))


# Hugo's site configuration files: beside one, ``archetypes/`` holds templates for new posts
# (``title: "{{ replace .Name "-" " " | title }}"``), not posts
_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json")


def _template_folder(parent: str, name: str) -> bool:
    """A generator's folder of templates for new posts: Hugo's ``archetypes/`` at a site root."""
    return name == "archetypes" and any(os.path.isfile(os.path.join(parent, c)) for c in _HUGO_CONFIGS)


def discover_files(paths: Sequence[str], settings: Settings) -> tuple[list[Target], list[str]]:
    """Files to check and warnings (unreadable folders). Raises UsageError for missing paths."""
    targets: list[Target] = []
    warnings: list[str] = []
    seen: set[str] = set()
    gitignore = _GitIgnore() if settings.respect_gitignore else None
    exclude = list(settings.exclude) + list(settings.extend_exclude)

    def add(p: Path, explicit: bool) -> None:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            targets.append(Target(display_path(p), str(p), explicit))

    for raw in paths:
        p = Path(raw)
        try:
            st = os.stat(p)
        except FileNotFoundError:
            raise UsageError(f"{raw}: no such file or directory") from None
        except OSError as exc:
            raise UsageError(f"{raw}: cannot access: {exc.strerror or exc}") from None
        if stat.S_ISDIR(st.st_mode):
            def onerror(err: OSError) -> None:
                warnings.append(f"{display_path(Path(err.filename or raw))}: cannot read folder: {err.strerror or err}")

            for folder, dirs, files in os.walk(p, onerror=onerror):
                dirs[:] = sorted(
                    d for d in dirs
                    if not _matches(exclude, os.path.join(folder, d), settings.root)
                    and not (gitignore and gitignore.ignored(os.path.join(folder, d), True))
                    and not _template_folder(folder, d)
                )
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    if not _matches(settings.include, full, settings.root):
                        continue
                    if _matches(exclude, full, settings.root):
                        continue
                    if gitignore and gitignore.ignored(full, False):
                        continue
                    add(Path(full), False)
        else:
            add(p, True)  # an explicitly named file is always checked
    return targets, warnings


# --------------------------------------------------------------------------- workers


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)  # corpus rule code -> summary
    suppressions: Suppressions = field(default_factory=Suppressions)
    features: Any = None  # lintkit.corpus.PostFeatures when a rule uses the site index
    # entries for the main process to store, already encoded here (`Deferred`: its JSON text),
    # so the workers, not the main process, pay for the encoding
    new_cache: dict[str, Deferred] = field(default_factory=dict)
    parsed: bool = False
    timings: dict[str, float] = field(default_factory=dict)  # CPU-side seconds per stage of this file
    key: str = ""  # content hash of the file as read (empty when it could not be read)


@dataclass
class _WorkerState:
    registry: Registry
    file_rules: list[Rule]
    corpus_rules: list[Rule]
    max_file_size: int
    need_features: bool = False
    cache: Cache | None = None
    namespaces: dict[str, str] = field(default_factory=dict)  # rule code or "features" -> cache namespace
    results_ns: str = ""  # cache namespace of a checked file's own findings and suppressions


_STATE: _WorkerState | None = None


def _rule_shape(rule: Rule) -> dict[str, Any]:
    """What a rule's cached output depends on: its options, its code, and the content of any
    file an option names (``words-file``: editing the word list invalidates the cache)."""
    files = {}
    for name, value in rule.config.items():
        if name.endswith("-file") and isinstance(value, str) and value:
            try:
                with open(value, "rb") as fh:
                    files[name] = content_key(fh.read())
            except OSError:
                files[name] = "missing"
    return {"options": rule.config, "code": code_digest(type(rule).__module__), "lintkit": package_digest(), "files": files}


def _build_state(
    enabled: set[str], options: dict[str, dict], max_file_size: int, registry: Registry | None = None,
    cache_dir: str | None = None,
) -> _WorkerState:
    registry = registry or discover()
    file_rules, corpus_rules = [], []
    for code in sorted(enabled):
        cls = registry.rules.get(code)
        if cls is None or cls.tags == ("engine",):
            continue
        rule = cls(options.get(code, {}))
        (corpus_rules if cls.scope == "corpus" else file_rules).append(rule)
    need_features = any(r.uses_index for r in corpus_rules)
    namespaces = {r.code: namespace(f"rule/{r.code}", **_rule_shape(r)) for r in corpus_rules}
    if need_features:
        namespaces["features"] = namespace(
            "features", version=FEATURE_VERSION,
            code=package_digest(),  # lintkit's own code and data: the parser, the prose, the lists
        )
    cache = Cache(Path(cache_dir)) if cache_dir else None
    # A checked file's own findings depend on the per-file rules (code, options), the engine's
    # parsing, the size limit and the rule names suppression comments may use.
    results_ns = namespace(
        "results",
        rules=[(r.code, _rule_shape(r)) for r in file_rules],
        engine=package_digest(),
        registered=sorted((code, cls.name) for code, cls in registry.rules.items()),
        max_file_size=max_file_size,
    )
    return _WorkerState(registry, file_rules, corpus_rules, max_file_size, need_features, cache, namespaces, results_ns)


def _init_worker(enabled: set[str], options: dict[str, dict], max_file_size: int, cache_dir: str | None) -> None:
    global _STATE
    _STATE = _build_state(enabled, options, max_file_size, cache_dir=cache_dir)


def _engine_finding(registry: Registry, name: str, path: str, line: int, message: str, column: int = 1) -> Finding:
    cls = registry.get(name)
    assert cls is not None
    return cls().finding(path, max(1, line), max(1, column), message)


def _internal(registry: Registry, rule: Rule, path: str, exc: BaseException) -> Finding:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
    return _engine_finding(
        registry, "internal-error", path, 1,
        f"rule {rule.name} ({rule.code}) crashed on this file: {type(exc).__name__}: {exc}{where} (a lintkit bug; please report it)",
    )


def check_file(target: Target, data: bytes | None = None, state: _WorkerState | None = None) -> FileResult:
    """Read, parse and check one file. Never raises for anything the file contains."""
    state = state or _STATE
    assert state is not None, "worker not initialised"
    reg = state.registry
    res = FileResult(target.path)
    if data is None:
        try:
            st = os.stat(target.fs_path)
            if not stat.S_ISREG(st.st_mode):
                res.findings.append(_engine_finding(reg, "parse-error", target.path, 1, "not a regular file (a FIFO, device or socket?); skipped"))
                return res
            if st.st_size > state.max_file_size:
                res.findings.append(_engine_finding(
                    reg, "parse-error", target.path, 1,
                    f"file is {st.st_size / 1048576:.1f} MB, larger than max-file-size ({state.max_file_size / 1048576:.1f} MB); not checked",
                ))
                return res
            with open(target.fs_path, "rb") as fh:
                data = fh.read(state.max_file_size + 1)
        except FileNotFoundError:
            res.findings.append(_engine_finding(reg, "parse-error", target.path, 1, "file disappeared before it could be read"))
            return res
        except OSError as exc:
            res.findings.append(_engine_finding(reg, "parse-error", target.path, 1, f"cannot read file: {exc.strerror or exc}"))
            return res
    # Corpus data (rule summaries, index features) comes from the cache when the content is known.
    key = res.key = content_key(data)
    wanted = {name: f"{ns}:{key}" for name, ns in state.namespaces.items()}
    results_key = f"{state.results_ns}:{key}" if target.reported else ""
    cached = {}
    if state.cache is not None:
        cached = state.cache.get_many(list(wanted.values()) + ([results_key] if results_key else []))
    hits = {name: cached[k] for name, k in wanted.items() if k in cached}
    if len(hits) == len(wanted) and (not target.reported or results_key in cached):
        if target.reported and not _use_cached_results(res, cached[results_key], target.path):
            res.findings, res.suppressions = [], Suppressions()
        else:
            _use_cached(res, hits, target.path)
            return res
    clock = time.perf_counter
    mark = clock()
    try:
        post = Post.from_bytes(target.path, data)
        post.blocks  # noqa: B018 - parse the Markdown here, so the parse is timed on its own
    except LoadError as exc:
        res.findings.append(_engine_finding(reg, "parse-error", target.path, exc.line, str(exc)))
        return res
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the run
        res.findings.append(_engine_finding(reg, "internal-error", target.path, 1, f"parsing crashed: {type(exc).__name__}: {exc} (a lintkit bug; please report it)"))
        return res
    res.parsed = True
    res.timings["parse"] = clock() - mark
    fm = post.front_matter
    if target.reported:
        if fm.error:
            res.findings.append(_engine_finding(reg, "parse-error", target.path, fm.error_line or 1, fm.error, fm.error_column or 1))
        for name, line in fm.duplicate_keys:
            res.findings.append(_engine_finding(reg, "parse-error", target.path, line, f"front matter key {name!r} appears more than once; generators keep only one of them"))
        for rule in state.file_rules:
            try:
                mark = clock()
                res.findings.extend(rule.check(post))
                res.timings[f"check:{rule.name}"] = clock() - mark
            except Exception as exc:  # noqa: BLE001
                res.findings.append(_internal(reg, rule, target.path, exc))
    for rule in state.corpus_rules:
        if rule.code in hits:
            res.summaries[rule.code] = hits[rule.code]
            continue
        try:
            mark = clock()
            summary = rule.collect(post)
            res.timings[f"collect:{rule.name}"] = clock() - mark
            encoded = _store(res, wanted[rule.code], summary) if state.cache is not None else None
            if encoded is not None and state is _STATE:
                # in a worker: sent as that text (cheaper to send than the objects) and
                # decoded where a site-wide stage reads it, as a re-run reads the cache
                summary = encoded
            res.summaries[rule.code] = summary
        except Exception as exc:  # noqa: BLE001
            res.findings.append(_internal(reg, rule, target.path, exc))
    if state.need_features:
        if "features" in hits:
            res.features = hits["features"]
            res.features.path = target.path
        else:
            try:
                mark = clock()
                res.features = extract(post)
                res.timings["features"] = clock() - mark
                if state.cache is not None:
                    _store(res, wanted["features"], res.features)
            except Exception as exc:  # noqa: BLE001
                res.findings.append(_engine_finding(reg, "internal-error", target.path, 1, f"building the site index crashed: {type(exc).__name__}: {exc} (a lintkit bug; please report it)"))
    if not target.reported:
        return res
    try:
        invalid = reg.get("invalid-suppression")
        res.suppressions, problems = parse_suppressions(post, reg, invalid)
        res.findings.extend(problems)
    except Exception as exc:  # noqa: BLE001
        res.findings.append(_engine_finding(reg, "internal-error", target.path, 1, f"reading suppression comments crashed: {exc}"))
    for f in res.findings:
        if not f.source:
            f.source = post.line_text(f.line)[:500]
    if state.cache is not None and not any(f.rule == "internal-error" for f in res.findings):
        _store(res, results_key, _results_entry(res))  # a crash is never cached: it may be transient
    return res


def _store(res: FileResult, key: str, value: Any) -> Deferred | None:
    """Encode ``value`` as the cache entry ``key`` for the main process to store, and return
    it; None when the cache cannot hold it safely (a plugin's summary of a type the codec does
    not know: recomputed next time)."""
    try:
        res.new_cache[key] = encoded = Deferred(dumps(value))
    except (TypeError, ValueError):
        return None
    return encoded


def _encode_findings(findings: Iterable[Finding]) -> tuple:
    return tuple(
        (f.path, f.line, f.column, f.code, f.rule, f.message, int(f.severity), f.end_line, f.end_column,
         None if f.fix is None else (tuple((e.start, e.end, e.replacement) for e in f.fix.edits), str(f.fix.safety), f.fix.description),
         f.subject, f.source)
        for f in findings
    )


def _decode_findings(entry: Any, path: str | None = None) -> list[Finding] | None:
    """Findings from `_encode_findings` (each at ``path`` when given); None for a bad entry."""
    if entry is None:
        return None
    try:
        return [
            Finding(path or p, line, column, code, rule, message, Severity(severity), end_line, end_column,
                    None if fix is None else Fix(tuple(Edit(a, b, r) for a, b, r in fix[0]), FixSafety(fix[1]), fix[2]),
                    subject, source)
            for p, line, column, code, rule, message, severity, end_line, end_column, fix, subject, source in entry
        ]
    except (TypeError, ValueError, KeyError):
        return None


def _site_key(results: list[FileResult], report_paths: set[str]) -> str:
    """Names the whole site as the corpus rules see it; empty when a file could not be read."""
    h = hashlib.blake2b(digest_size=16)
    for r in sorted(results, key=lambda r: r.path):
        if not r.key:
            return ""
        h.update(f"{r.path}\0{r.key}\0{int(r.path in report_paths)}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _results_entry(res: FileResult) -> tuple:
    """A checked file's findings and suppressions as plain data for the cache."""
    findings = _encode_findings(res.findings)
    sup = res.suppressions
    suppressions = (set(sup.file_rules), {line: set(codes) for line, codes in sup.line_rules.items()},
                    [(line, action, set(codes)) for line, action, codes in sup.events])
    return (findings, suppressions)


def _use_cached_results(res: FileResult, entry: Any, path: str) -> bool:
    """Fill ``res`` from a `_results_entry`; False when the entry does not have that shape."""
    try:
        findings, (file_rules, line_rules, events) = entry
        decoded = _decode_findings(findings, path)
        if decoded is None:
            return False
        res.findings = decoded
        res.suppressions = Suppressions(set(file_rules), {int(k): set(v) for k, v in line_rules.items()},
                                        [(int(line), action, frozenset(codes)) for line, action, codes in events])
    except (TypeError, ValueError, KeyError):
        return False
    return True


def _use_cached(res: FileResult, hits: dict[str, Any], path: str) -> None:
    for name, value in hits.items():
        if name == "features":
            # a copy: files with the same content share one decoded cache entry
            res.features = dataclasses.replace(value, path=path)
        else:
            res.summaries[name] = value


def _check_chunk(targets: list[Target]) -> list[FileResult]:
    return [check_file(t) for t in targets]


# --------------------------------------------------------------------------- the run


def run(
    paths: Sequence[str],
    settings: Settings,
    registry: Registry | None = None,
    *,
    corpus: Sequence[str] = (),
    jobs: int | None = None,
    cache_dir: str | None = None,
    stdin: tuple[str, bytes] | None = None,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> RunResult:
    """Check ``paths`` (and stdin when given as (display name, bytes)); return a `RunResult`."""
    started = time.perf_counter()
    registry = registry or discover()
    enabled = settings.enabled_codes(registry)
    options = {code: opts for code, opts in settings.rule_options.items() if code in enabled}
    state = _build_state(enabled, options, settings.max_file_size, registry, cache_dir)  # validates options

    timings: dict[str, float] = {}
    mark = time.perf_counter()
    targets, warnings = discover_files(paths, settings) if paths else ([], [])
    report_keys = {os.path.abspath(t.fs_path) for t in targets}
    corpus_targets: list[Target] = []
    if corpus and state.corpus_rules:
        extra, more = discover_files(corpus, settings)
        warnings += more
        corpus_targets = [t for t in extra if os.path.abspath(t.fs_path) not in report_keys]
        for t in corpus_targets:
            t.reported = False
    for w in warnings:
        if warn:
            warn(w)

    timings["discover"] = time.perf_counter() - mark
    mark = time.perf_counter()
    results: list[FileResult] = []
    if stdin is not None:
        name, data = stdin
        results.append(check_file(Target(name, name, True), data=data, state=state))
    all_targets = targets + corpus_targets
    results.extend(_check_all(all_targets, state, enabled, options, settings, jobs, progress, cache_dir))
    timings["files"] = time.perf_counter() - mark
    # inside "files", summed over the workers (so on N cores they add up to about N x "files")
    for r in results:
        for stage, secs in r.timings.items():
            timings[f"files/{stage}"] = timings.get(f"files/{stage}", 0.0) + secs
    mark = time.perf_counter()
    if state.cache is not None:
        state.cache.close()
        state.cache.put_many({k: v for r in results for k, v in r.new_cache.items()}, current=[*state.namespaces.values(), state.results_ns])
    timings["cache-write"] = time.perf_counter() - mark

    report_paths = {t.path for t in targets} | ({stdin[0]} if stdin else set())
    by_path = {r.path: r for r in results}
    findings: list[Finding] = []
    for r in results:
        if r.path in report_paths:
            findings.extend(r.findings)

    site = Site(paths=[r.path for r in results], report_paths=report_paths,
                features={r.path: r.features for r in results if r.features is not None})
    # The same site (every post's path and content, the same posts reported) gives the same
    # site-wide findings: a re-run of an unchanged site reads them from the cache.
    site_key = _site_key(results, report_paths) if state.cache is not None else ""
    site_cached = state.cache.get_many([f"{state.namespaces[r.code]}:site-{site_key}" for r in state.corpus_rules]) if site_key else {}
    site_new: dict[str, Any] = {}
    fs_paths = {t.path: t.fs_path for t in targets}  # where site-wide findings' source lines are read
    by_rule: dict[str, list[Finding]] = {}
    to_run: list[Rule] = []
    for rule in state.corpus_rules:
        cached_findings = _decode_findings(site_cached.get(f"{state.namespaces[rule.code]}:site-{site_key}")) if site_key else None
        if cached_findings is None:
            to_run.append(rule)
        else:
            by_rule[rule.code] = cached_findings
    if to_run and state.need_features:
        mark = time.perf_counter()
        site.index  # noqa: B018 - build it once, timed on its own (and shared by the lanes below)
        timings["index"] = time.perf_counter() - mark

    def site_wide(rule: Rule) -> list[Finding]:
        summaries = LazyValues({r.path: r.summaries[rule.code] for r in results if rule.code in r.summaries})
        try:
            return [f for f in rule.check_corpus(summaries, site) if f.path in report_paths]
        except Exception as exc:  # noqa: BLE001
            first = sorted(report_paths)[0] if report_paths else "<site>"
            return [_internal(registry, rule, first, exc)]

    lanes = min(jobs or os.cpu_count() or 1, len(to_run)) if len(results) > CHUNK else 1
    for rule, (corpus_findings, secs) in zip(to_run, _in_lanes(site_wide, to_run, lanes)):
        _fill_sources(corpus_findings, fs_paths)
        if site_key and not any(f.rule == "internal-error" for f in corpus_findings):
            site_new[f"{state.namespaces[rule.code]}:site-{site_key}"] = _encode_findings(corpus_findings)
        by_rule[rule.code] = corpus_findings
        timings[f"rule:{rule.name}"] = secs
    for rule in state.corpus_rules:
        findings.extend(by_rule[rule.code])
    if site_new:
        state.cache.put_site(site_new)

    kept, suppressed = _postprocess(findings, by_path, settings, enabled, registry)
    kept.sort(key=lambda f: f.sort_key)
    return RunResult(
        findings=kept,
        files_checked=len(report_paths),
        rules=dict(registry.rules),
        version=__version__,
        fail_on=settings.fail_on,
        suppressed=suppressed,
        fixes_available=sum(1 for f in kept if f.fix is not None),
        elapsed=time.perf_counter() - started,
        extra={"warnings": warnings, "parsed": sum(1 for r in results if r.parsed), "timings": timings,
               "corpus_posts": len(corpus_targets)},
    )


def _in_lanes(work: Callable[[Rule], list[Finding]], rules: list[Rule], lanes: int) -> list[tuple[list[Finding], float]]:
    """``work(rule)`` for each rule, with its time: in this process, or with ``lanes - 1``
    forked helper processes taking rules from a shared counter beside it (the site-wide
    stages of the rules are independent, and a fork shares the run's summaries and index with
    no copying). A rule whose helper dies is run here."""
    out: dict[int, tuple[list[Finding], float]] = {}

    def one(i: int) -> tuple[list[Finding], float]:
        mark = time.perf_counter()
        found = work(rules[i])
        return found, time.perf_counter() - mark

    if lanes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [one(i) for i in range(len(rules))]
    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("i", 0)

    def claim() -> int:
        with counter.get_lock():
            i = counter.value
            counter.value += 1
        return i

    def lane(conn: Any) -> None:
        try:
            while (i := claim()) < len(rules):
                conn.send((i, one(i)))
        except BaseException:  # noqa: BLE001 - e.g. a finding that does not pickle: the main
            pass  # process runs the rule again and reports what goes wrong there
        finally:
            conn.close()

    helpers = []
    gc.freeze()  # the collector in a helper would write to every object it shares with this process
    for _ in range(lanes - 1):
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=lane, args=(send,), daemon=True)
        proc.start()
        send.close()
        helpers.append((proc, receive))
    while (i := claim()) < len(rules):
        out[i] = one(i)
    for proc, receive in helpers:
        try:
            while True:
                i, result = receive.recv()
                out[i] = result
        except Exception:  # noqa: BLE001 - EOF: the helper is done (or died: its rule is run below)
            pass
        proc.join()
    gc.unfreeze()  # after the helpers: moving the objects back writes to their pages
    return [out[i] if i in out else one(i) for i in range(len(rules))]


def _check_all(
    targets: list[Target], state: _WorkerState, enabled: set[str], options: dict, settings: Settings,
    jobs: int | None, progress: Callable[[int, int], None] | None, cache_dir: str | None,
) -> Iterable[FileResult]:
    jobs = jobs or os.cpu_count() or 1
    done_here, targets = _from_cache(targets, state)
    yield from done_here
    total = len(targets)
    if jobs <= 1 or total <= CHUNK:
        for i, t in enumerate(targets, 1):
            yield check_file(t, state=state)
            if progress:
                progress(i, total)
        return
    chunks = [targets[i : i + CHUNK] for i in range(0, total, CHUNK)]
    done = 0
    initargs = (enabled, options, settings.max_file_size, cache_dir)
    unfinished: list[Target] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=_init_worker, initargs=initargs) as pool:
        futures = [pool.submit(_check_chunk, chunk) for chunk in chunks]
        for chunk, fut in zip(chunks, futures):
            try:
                chunk_results = fut.result()
            except Exception:  # noqa: BLE001 - a worker died (BrokenProcessPool) or a result did not pickle
                unfinished.extend(chunk)
                continue
            yield from chunk_results
            done += len(chunk_results)
            if progress:
                progress(done, total)
    if unfinished:
        # A worker died (a crash in native code, the OOM killer, a rule calling os._exit): the
        # pool is broken and every chunk it had not finished is lost. Check those files again,
        # each alone in a worker, so the one that kills its worker is found and the rest kept.
        by_index = _isolated(unfinished, state, jobs, initargs)
        for i in range(len(unfinished)):
            yield by_index[i]
            done += 1
            if progress:
                progress(done, total)


def _isolated(targets: list[Target], state: _WorkerState, jobs: int, initargs: tuple) -> dict[int, FileResult]:
    """Check each target alone in a single-worker pool (``jobs`` of them side by side); a target
    whose worker dies gets an ``internal-error`` finding and its lane a fresh worker."""
    lanes: list[ProcessPoolExecutor | None] = [None] * max(1, min(jobs, len(targets)))
    pending = deque(enumerate(targets))
    running: dict[Future, tuple[int, int, Target]] = {}
    out: dict[int, FileResult] = {}

    def feed(lane: int) -> None:
        if not pending:
            return
        if lanes[lane] is None:
            lanes[lane] = ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=initargs)
        i, t = pending.popleft()
        running[lanes[lane].submit(_check_chunk, [t])] = (lane, i, t)  # type: ignore[union-attr]

    try:
        for lane in range(len(lanes)):
            feed(lane)
        while running:
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in finished:
                lane, i, t = running.pop(fut)
                try:
                    out[i] = fut.result()[0]
                except Exception as exc:  # noqa: BLE001
                    out[i] = res = FileResult(t.path)
                    why = ("the worker process checking this file died (a crash in native code, out of memory, "
                           "or a rule that exits the process)" if isinstance(exc, BrokenProcessPool)
                           else f"checking this file failed in its worker: {type(exc).__name__}: {exc}")
                    res.findings.append(_engine_finding(state.registry, "internal-error", t.path, 1,
                                                        f"{why} (a lintkit or plugin bug; please report it)"))
                    lanes[lane].shutdown(wait=True)  # type: ignore[union-attr]
                    lanes[lane] = None
                feed(lane)
    finally:
        for pool in lanes:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
    return out


def _from_cache(targets: list[Target], state: _WorkerState) -> tuple[list[FileResult], list[Target]]:
    """Results of the posts whose cached data is complete, read in one batch here.

    A pre-commit run checks one post against a whole site, and a re-run checks a site that
    barely changed: sending every unchanged post to a worker only to read its cache entries
    costs more than the check. What is not in the cache (or cannot be read plainly) is left for
    `check_file`.
    """
    if state.cache is None:
        return [], targets
    keyed: list[tuple[Target, dict[str, str]]] = []
    wanted_key: dict[str, str] = {}
    rest: list[Target] = []
    for t in targets:
        try:
            st = os.stat(t.fs_path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > state.max_file_size:
                raise OSError
            with open(t.fs_path, "rb") as fh:
                key = content_key(fh.read())
        except OSError:
            rest.append(t)
            continue
        wanted_key[t.path] = key
        wanted = {name: f"{ns}:{key}" for name, ns in state.namespaces.items()}
        if t.reported:
            wanted[_RESULTS] = f"{state.results_ns}:{key}"
        keyed.append((t, wanted))
    # Rule summaries stay JSON until a rule reads them; features feed the index, so decode now.
    cached = state.cache.get_many([k for _, wanted in keyed for k in wanted.values()],
                                  defer=lambda k: not k.startswith(("features/", "results/")))
    done: list[FileResult] = []
    for t, wanted in keyed:
        if all(k in cached for k in wanted.values()):
            res = FileResult(t.path, key=wanted_key[t.path])
            hits = {name: cached[k] for name, k in wanted.items()}
            entry = hits.pop(_RESULTS, None)
            if entry is None or _use_cached_results(res, entry, t.path):
                _use_cached(res, hits, t.path)
                done.append(res)
                continue
        rest.append(t)
    return done, rest


_RESULTS = "~results"  # the key of a checked file's own results among its cache entries


def _fill_sources(findings: list[Finding], fs_paths: dict[str, str]) -> None:
    """The source line of each finding that has none (site-wide findings), one read per file."""
    wanted: dict[str, list[Finding]] = {}  # by path: a scan of every finding per file was quadratic
    for f in findings:
        if not f.source and f.path in fs_paths:
            wanted.setdefault(f.path, []).append(f)
    for path, mine in wanted.items():
        try:
            with open(fs_paths[path], "rb") as fh:
                text = fh.read().decode("utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for f in mine:
            if 1 <= f.line <= len(text):
                f.source = text[f.line - 1].lstrip("\ufeff")[:500]


def _postprocess(
    findings: list[Finding], by_path: dict[str, FileResult], settings: Settings, enabled: set[str], registry: Registry
) -> tuple[list[Finding], int]:
    internal = registry.get("internal-error")
    internal_code = internal.code if internal else ""
    ignores: list[tuple[str, set[str]]] = []
    for glob, sels in settings.per_file_ignores.items():
        codes: set[str] = set()
        for sel in sels:
            codes |= registry.resolve(sel)
        ignores.append((glob, codes))
    kept: list[Finding] = []
    suppressed = 0
    for f in findings:
        if f.code not in enabled:
            continue
        if f.code != internal_code:
            if any(f.code in codes and _matches([glob], f.path, settings.root) for glob, codes in ignores):
                suppressed += 1
                continue
            sup = by_path.get(f.path)
            if sup is not None and sup.suppressions and sup.suppressions.suppresses(f.code, f.line):
                suppressed += 1
                continue
        if f.code in settings.severity:
            f.severity = settings.severity[f.code]
        kept.append(f)
    return kept, suppressed


def exit_code(result: RunResult, exit_zero: bool = False) -> int:
    """0: nothing at or above ``fail-on``; 1: findings; 2: internal errors."""
    if result.internal_errors:
        return 2
    if exit_zero:
        return 0
    return 1 if result.failing else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use the lintkit command")
