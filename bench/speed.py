#!/usr/bin/env python3
"""Speed benchmark of a full lintkit check (issue 6; not part of the test run).

In one run, on the same files (``../shared/corpus/spam`` + ``../shared/corpus/clean`` by
default) and the same worker count, it times:

1. the parse floor: read + YAML front matter (C loader) + a full mistune 3 parse, in a process
   pool of the same size, with nothing checked;
2. a cold full ``lintkit check`` with an empty cache;
3. a warm re-run on that cache;
4. one post checked alone, and the same post with ``--corpus`` (the pre-commit hook's run) on the
   warm cache;
5. ``markdownlint-cli2`` on the same files, when it is installed;

then prints posts/s, the ratios the targets are stated in, peak RSS, the time per stage and per
rule (from the runner's own timings) with each rule's share and the slowest one, the misspelling
rule alone on the clean corpus (posts/s), and the detection scores of ``../shared/bench/score.py``.

Usage:  python bench/speed.py [--shared ../shared] [--jobs N] [--repeat N] [--skip-scores]
Ratios are what count: this machine is shared and noisy, so compare within one run. With
``--repeat N`` the floor, the cold check and markdownlint-cli2 take turns N times and each ratio
is the median of the rounds' own ratios (a busy minute then spoils one round, not the result).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _parse_one(path: str) -> int:
    import mistune
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    body = text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            try:
                yaml.load(text[3:end], Loader=loader)
            except yaml.YAMLError:
                pass
            body = text[end + 4 :]
    md = _parse_one.__dict__.setdefault("md", mistune.create_markdown(renderer=None))
    return len(md(body))


def parse_floor(files: list[str], jobs: int) -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_parse_one, files, chunksize=64))
    return time.perf_counter() - start


def _pss(pid: int) -> int:
    """Proportional set size of a process (Linux /proc): its private pages plus its share of
    the pages it shares, so pages a forked worker shares with lintkit count once in a sum."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of a process and all its descendants (Linux /proc), summed, and their
    summed proportional set size; 0 when unknown."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * page
        except (OSError, IndexError, ValueError):
            continue
    total, pss, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        pss += _pss(p)
        todo.extend(children.get(p, ()))
    return total, pss


PEAK_TREE_RSS = [0, 0]  # summed RSS, summed PSS
PEAK_PROCESS_RSS = [0]  # the largest single process of any lintkit run so far, bytes


def lintkit(args: list[str], cwd: Path) -> tuple[float, int, dict | None]:
    """Run the CLI as a user would: (wall seconds, exit code, JSON report or None); records the
    peak summed RSS and PSS of lintkit and its workers in PEAK_TREE_RSS."""
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "lintkit", *args], cwd=cwd, stdout=out, stderr=err, text=True)
        peak = peak_pss = 0
        while True:
            # wait4: the exit status and the peak RSS of lintkit's own process tree (a later
            # markdownlint-cli2 child must not count as "the largest single process")
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss, pss = _tree_rss(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.1)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        PEAK_TREE_RSS[:] = [peak, peak_pss]
        PEAK_PROCESS_RSS[0] = max(PEAK_PROCESS_RSS[0], usage.ru_maxrss * 1024)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"lintkit {' '.join(args)} failed ({proc.returncode}): {stderr[-2000:]}")
    try:
        report = json.loads(stdout)
    except ValueError:
        report = None
    return wall, proc.returncode, report


def stage_timings(paths: list[str], jobs: int) -> dict[str, float]:
    """The runner's per-stage and per-rule timings, in-process, no cache."""
    sys.path.insert(0, str(ROOT))
    from lintkit.config import Settings
    from lintkit.runner import run

    return run(paths, Settings(), jobs=jobs).extra["timings"]


def _rule_of(stage: str) -> str:
    """The rule a timing stage belongs to ("files/check:misspelling" -> "misspelling"), or ""."""
    if stage.startswith("rule:"):
        return stage[5:]
    if stage.startswith(("files/check:", "files/collect:")):
        return stage.split(":", 1)[1]
    return ""


def rule_totals(timings: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for stage, secs in timings.items():
        rule = _rule_of(stage)
        if rule:
            out[rule] = out.get(rule, 0.0) + secs
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-scores", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of floor, cold check and markdownlint-cli2, taken in turns; medians shown")
    args = ap.parse_args()
    shared = Path(args.shared)
    corpora = [shared / "corpus" / "spam", shared / "corpus" / "clean"]
    if not all(c.is_dir() for c in corpora):
        sys.exit(f"{shared}/corpus/spam and clean are needed")
    files = sorted(str(f) for c in corpora for f in c.rglob("*.md"))
    n = len(files)
    jobs = ["--jobs", str(args.jobs)]
    quiet = ["--format", "json", "--exit-zero", "--no-progress"]
    work = Path(tempfile.mkdtemp(prefix="lintkit-speed-"))
    try:
        mdl = shutil.which("markdownlint-cli2")
        # the floor, the cold check and markdownlint-cli2 take turns, --repeat times: each ratio
        # is taken within a round (the same load on a shared machine) and the median is shown
        floors, colds, mdls = [], [], []
        tree_mb = pss_mb = 0.0
        for i in range(args.repeat):
            floors.append(parse_floor(files, args.jobs))
            cache = work / f"cache-{i}"
            wall, _, report = lintkit(["check", *map(str, corpora), "--cache-dir", str(cache), *jobs, *quiet], work)
            colds.append(wall)
            tree_mb, pss_mb = max(tree_mb, PEAK_TREE_RSS[0] / 1048576), max(pss_mb, PEAK_TREE_RSS[1] / 1048576)
            if mdl:
                start = time.perf_counter()
                subprocess.run([mdl, *files], capture_output=True)
                mdls.append(time.perf_counter() - start)
        rss_mb = PEAK_PROCESS_RSS[0] / 1048576
        floor, cold = statistics.median(floors), statistics.median(colds)
        floor_ratio = statistics.median(c / f for c, f in zip(colds, floors))
        mdl_time = statistics.median(mdls) if mdls else None
        mdl_ratio = statistics.median(m / c for m, c in zip(mdls, colds)) if mdls else None
        warm, _, _ = lintkit(["check", *map(str, corpora), "--cache-dir", str(cache), *jobs, *quiet], work)
        post = files[len(files) // 2]
        alone = min(lintkit(["check", post, "--no-cache", *jobs, *quiet], work)[0] for _ in range(3))
        with_corpus = min(
            lintkit(["check", post, "--corpus", str(corpora[0]), "--corpus", str(corpora[1]), "--cache-dir", str(cache), *jobs, *quiet], work)[0]
            for _ in range(3)
        )

        print(f"{n} posts, {args.jobs} workers" + (f", median of {args.repeat} interleaved rounds" if args.repeat > 1 else ""))
        if args.repeat > 1:
            print("rounds (floor / cold / markdownlint-cli2, s): " + "; ".join(
                "/".join(f"{t:.1f}" for t in r) for r in zip(floors, colds, *([mdls] if mdls else []))))
        print(f"parse floor (read + YAML + mistune):  {floor:7.1f}s  {n / floor:6.0f} posts/s")
        print(f"cold full lintkit check:              {cold:7.1f}s  {n / cold:6.0f} posts/s  -> {floor_ratio:.2f}x the parse floor (target <= 1.5x)")
        print(f"warm re-run:                          {warm:7.1f}s  -> {warm / cold:.2f}x the cold run (target <= 0.1x)")
        print(f"one post alone / with --corpus:       {alone:7.2f}s / {with_corpus:.2f}s -> {with_corpus / alone:.2f}x (target <= 3x)")
        if mdl_time:
            print(f"markdownlint-cli2:                    {mdl_time:7.1f}s  {n / mdl_time:6.0f} posts/s  -> lintkit is {mdl_ratio:.2f}x its posts/s (target >= 4x)")
        else:
            print("markdownlint-cli2: not installed (npm install -g markdownlint-cli2 to compare)")
        print(f"peak memory of the cold check (target < 500 MB): {pss_mb:.0f} MB proportional set size of lintkit "
              f"and its workers together (shared pages once); {tree_mb:.0f} MB summed RSS (pages the forked "
              f"workers share with lintkit counted in each); {rss_mb:.0f} MB for the largest single process")
        if report:
            print(f"findings: {report['summary']['findings']}")
        timings = stage_timings([str(c) for c in corpora], args.jobs)
        print("stages (in-process, no cache; files/* are summed over the workers):")
        for stage, secs in timings.items():
            print(f"  {stage:36s} {secs:7.2f}s")
        per_rule = rule_totals(timings)
        # "files" is the wall time of the whole per-file stage, which the files/* parts divide
        parts = {k: v for k, v in timings.items() if k != "files"}
        total = sum(parts.values()) or 1.0
        print("per rule (check + collect + site-wide stages), share of all stage time (files/* parts, index, rules):")
        for rule, secs in sorted(per_rule.items(), key=lambda kv: -kv[1]):
            print(f"  {rule:36s} {secs:7.2f}s  {100 * secs / total:5.1f}%")
        # a rule's stages count together; the engine's stages (parse, features, index) alone
        candidates = list(per_rule.items()) + [(k, v) for k, v in parts.items() if not _rule_of(k)]
        slowest = max(candidates, key=lambda kv: kv[1])
        print(f"slowest stage or rule: {slowest[0]} ({slowest[1]:.2f}s); misspelling "
              f"{'IS' if slowest[0] == 'misspelling' else 'is not'} the slowest")
        clean = corpora[1]
        n_clean = sum(1 for _ in clean.rglob("*.md"))
        alone_ms, _, _ = lintkit(["check", str(clean), "--select", "misspelling", "--no-cache", *jobs, *quiet], work)
        full_clean, _, _ = lintkit(["check", str(clean), "--no-cache", *jobs, *quiet], work)
        print(f"misspelling alone on {clean.name}/: {alone_ms:.1f}s, {n_clean / alone_ms:.0f} posts/s "
              f"(the whole check there: {full_clean:.1f}s, {n_clean / full_clean:.0f} posts/s)")
        if not args.skip_scores and (shared / "bench" / "score.py").is_file():
            sets = {"bench-dev": shared / "bench" / "bench-dev" / "corpus", "spam-dev": corpora[0], "clean-dev-labels": corpora[1]}
            for name, folder in sets.items():
                out = work / f"{name}.json"
                lintkit(["check", str(folder), "--no-cache", *jobs, "--format", "json", "-o", str(out), "--exit-zero", "--no-progress"], work)
                score = subprocess.run([sys.executable, str(shared / "bench" / "score.py"), str(shared / "bench" / name), str(out)],
                                       capture_output=True, text=True).stdout
                print(f"\n== {name}\n" + "\n".join(score.splitlines()[:-1]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
