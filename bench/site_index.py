#!/usr/bin/env python3
"""Benchmark of the site-wide rules and their cached index (not part of the test run).

In one run, on the same machine state, it measures:

1. pre-commit: one changed post of the spam corpus checked with ``--corpus`` against the rest of
   that corpus on a warm cache, against the same post checked alone without ``--corpus``
   (target: at most 3x);
2. a cold full run over both shared corpora (spam + clean) with a fresh cache: posts/s, peak RSS
   and time per stage (discover, files, cache-write, index, each corpus rule);
3. scaling: the corpora replicated 4x and 16x with small random edits to every copy; the time
   per post at each size against 1x (target: at most 1.5x).

Usage:  python bench/site_index.py [--shared ../shared] [--jobs N] [--max-scale 16] [--only-scaling]
Ratios are what count: this machine is shared and noisy, so compare within one run. Scaling is
reported both as wall time and as CPU time per post (user + system of lintkit and its workers),
which other load on the machine does not inflate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds() -> float:
    """User + system CPU time of finished child processes (lintkit and, through it, its workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def lintkit(args: list[str], cwd: Path) -> tuple[float, dict]:
    """Run lintkit as a user would; return (wall seconds, parsed JSON report)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "lintkit", "check", *args, "--format", "json", "--exit-zero", "--no-progress"],
                          cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"lintkit failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, json.loads(proc.stdout)


def timings(args: list[str], cwd: Path) -> dict:
    """Per-stage timings from the runner (imported in-process for the breakdown)."""
    sys.path.insert(0, str(ROOT))
    from lintkit.config import load_settings
    from lintkit.registry import discover
    from lintkit.runner import run

    reg = discover()
    settings = load_settings(reg, start=cwd)
    paths = [a for a in args if not a.startswith("-")]
    corpus = []
    if "--corpus" in args:
        corpus = [args[args.index("--corpus") + 1]]
        paths = [p for p in paths if p not in corpus]
    cache = args[args.index("--cache-dir") + 1] if "--cache-dir" in args else None
    result = run(paths, settings, reg, corpus=corpus, cache_dir=cache)
    return {"timings": result.extra["timings"], "parsed": result.extra["parsed"], "findings": len(result.findings)}


def replicate(src: list[Path], dst: Path, times: int, seed: int = 7) -> int:
    """Copy the corpora ``times`` times; every copy after the first gets a few random edits."""
    rng = random.Random(seed)
    n = 0
    for k in range(times):
        for root in src:
            for f in root.rglob("*.md"):
                text = f.read_text(encoding="utf-8", errors="replace")
                if k:
                    lines = text.split("\n")
                    for _ in range(3):
                        i = rng.randrange(len(lines))
                        words = lines[i].split(" ")
                        if len(words) > 3:
                            j = rng.randrange(len(words))
                            words[j] = words[j][::-1]
                            lines[i] = " ".join(words)
                    text = "\n".join(lines)
                out = dst / f"copy{k}" / root.name / f.relative_to(root)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
                n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--max-scale", type=int, default=16)
    ap.add_argument("--only-scaling", action="store_true", help="skip the pre-commit and cold-run parts")
    args = ap.parse_args()
    shared = Path(args.shared)
    spam, clean = shared / "corpus" / "spam", shared / "corpus" / "clean"
    jobs = ["--jobs", str(args.jobs)]
    work = Path(tempfile.mkdtemp(prefix="lintkit-bench-"))
    try:
        if not args.only_scaling:
            precommit_and_cold(spam, clean, work, jobs)
        scaling(spam, clean, work, jobs, args.max_scale)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def precommit_and_cold(spam: Path, clean: Path, work: Path, jobs: list[str]) -> None:
    """Parts 1 and 2: one changed post with and without --corpus; a cold full run with its stages."""
    # 1. pre-commit on one changed post
    site = work / "site"
    shutil.copytree(spam, site)
    post = sorted(site.rglob("*.md"))[len(list(site.rglob("*.md"))) // 2]
    cache = work / "cache"
    lintkit([str(site), "--cache-dir", str(cache), *jobs], work)  # warm the cache
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more edited line.\n", encoding="utf-8")
    alone = min(lintkit([str(post), "--no-cache", *jobs], work)[0] for _ in range(3))
    with_corpus = min(lintkit([str(post), "--corpus", str(site), "--cache-dir", str(cache), *jobs], work)[0] for _ in range(3))
    print(f"pre-commit, one changed post: alone {alone:.2f}s, with --corpus on a warm cache {with_corpus:.2f}s "
          f"-> {with_corpus / alone:.2f}x (target <= 3x)")
    detail = timings([str(post), "--corpus", str(site), "--cache-dir", str(cache)], work)
    print(f"  posts parsed in the --corpus run: {detail['parsed']}; stages: "
          + ", ".join(f"{k} {v:.2f}s" for k, v in detail["timings"].items()))

    # 2. cold full run over both corpora
    cold_cache = work / "cold-cache"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    wall, report = lintkit([str(spam), str(clean), "--cache-dir", str(cold_cache), *jobs], work)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    n = report["summary"]["files_checked"]
    print(f"cold full run, spam + clean: {n} posts in {wall:.1f}s = {n / wall:.0f} posts/s; "
          f"peak RSS of a lintkit process {max(rss, before) / 1024:.0f} MB")
    detail = timings([str(spam), str(clean)], work)
    print("  stages (in-process, no cache): " + ", ".join(f"{k} {v:.2f}s" for k, v in detail["timings"].items()))


def scaling(spam: Path, clean: Path, work: Path, jobs: list[str], max_scale: int) -> None:
    """Part 3: the corpora replicated 1x, 4x, 16x ...; time per post against 1x."""
    base_wall = base_cpu = None
    scale = 1
    while scale <= max_scale:
        folder = work / f"x{scale}"
        count = replicate([spam, clean], folder, scale)
        cpu_before = cpu_seconds()
        wall, _ = lintkit([str(folder), "--no-cache", *jobs], work)
        cpu = cpu_seconds() - cpu_before
        wall_post, cpu_post = wall / count, cpu / count
        base_wall, base_cpu = base_wall or wall_post, base_cpu or cpu_post
        print(f"scale {scale:>2}x: {count} posts; wall {wall:.1f}s, {wall_post * 1000:.2f} ms/post -> "
              f"{wall_post / base_wall:.2f}x of 1x; CPU {cpu:.1f}s, {cpu_post * 1000:.2f} ms/post -> "
              f"{cpu_post / base_cpu:.2f}x of 1x (target <= 1.5x)", flush=True)
        shutil.rmtree(folder)
        scale *= 4


if __name__ == "__main__":
    main()
