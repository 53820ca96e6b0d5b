"""lintkit over the shared corpus plus a folder of every hostile input (issue 7); takes minutes.

1. ``lintkit check`` over /work/shared/corpus (JSON output) -> the real posts' findings;
2. the same plus a folder with every hostile input of tests/hostile_inputs.py (bench-only big
   cases included, a FIFO and symlink loops);
3. checks: no traceback, exit code 1, every hostile file has its expected finding, and the real
   posts' findings are unchanged (corpus rules compare posts across the site, so hostile files
   must not change what the real posts get).

Usage: python bench/hostile_corpus_check.py [CORPUS]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import write_hostile, write_path_cases  # noqa: E402


def lintkit(paths: list[str], cwd: Path) -> tuple[int, list[dict], str, float]:
    started = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "lintkit", "check", *paths, "--format", "json", "--no-cache",
                          "--no-progress"], cwd=cwd, capture_output=True)
    took = time.perf_counter() - started
    data = json.loads(res.stdout or b"{}")
    findings = data.get("findings", data if isinstance(data, list) else [])
    return res.returncode, findings, res.stderr.decode("utf-8", "replace"), took


def key(f: dict) -> tuple:
    # Messages of site-wide rules name folders relative to the run's common root, which the
    # hostile folder moves ("clean/x/" vs "work/shared/corpus/clean/x/"): compare without them.
    return (f["path"], f["line"], f.get("column"), f["code"])


def main() -> int:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus").resolve()
    with tempfile.TemporaryDirectory(prefix="lintkit-hostile-") as tmp:
        work = Path(tmp)
        hostile = work / "hostile"
        pwned = work / "PWNED"
        expected = write_hostile(hostile, big=True, bench=True, pwned=str(pwned))
        expected.update(write_path_cases(hostile))
        print(f"hostile files: {len(expected)}; corpus: {corpus}")
        rc0, base, err0, t0 = lintkit([str(corpus)], work)
        print(f"corpus alone:          exit {rc0}, {len(base)} findings, {t0:.0f} s")
        rc1, both, err1, t1 = lintkit([str(corpus), "hostile"], work)
        print(f"corpus + hostile:      exit {rc1}, {len(both)} findings, {t1:.0f} s")
        ok = True
        for label, err in (("alone", err0), ("with hostile", err1)):
            if "Traceback" in err:
                ok = False
                print(f"TRACEBACK ({label}):\n{err[-2000:]}")
        if rc1 != 1:
            ok = False
            print(f"wrong exit code {rc1} (expected 1): {err1[-500:]}")
        hostile_prefix = "hostile/"
        got: dict[str, list[dict]] = {}
        for f in both:
            if f["path"].startswith(hostile_prefix):
                got.setdefault(f["path"][len(hostile_prefix):], []).append(f)
        for name, e in sorted(expected.items()):
            fs = got.get(name, [])
            hit = any(f["rule"] == e.rule and e.text in f["message"] for f in fs)
            ok &= hit
            shown = "; ".join(f"{f['rule']}: {f['message'][:70]}" for f in fs[:2])
            print(f"  {'ok ' if hit else 'MISSING'} {name!r:34} {shown}")
        internal = [f for f in both if f["rule"] == "internal-error"]
        if internal:
            ok = False
            print(f"internal errors: {internal[:5]}")
        real_before = {key(f) for f in base}
        real_after = {key(f) for f in both if not f["path"].startswith(hostile_prefix)}
        if real_before != real_after:
            ok = False
            print(f"real posts' findings changed: {len(real_before - real_after)} gone, {len(real_after - real_before)} new")
            for k in sorted(real_before ^ real_after)[:10]:
                print("   ", "gone" if k in real_before else "new ", k)
        else:
            print(f"real posts' findings unchanged ({len(real_before)})")
        if pwned.exists():
            ok = False
            print("an unsafe YAML tag ran code!")
        print("PASS" if ok else "FAIL")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
