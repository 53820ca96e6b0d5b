"""Corpus check of `lintkit check --fix` / `--diff` on a COPY of the shared corpus (not a test:
it takes minutes). Usage, from the repository:

    .venv/bin/python bench/fix_corpus_check.py [CORPUS_DIR] [WORK_DIR] [extra lintkit options...]

CORPUS_DIR (default ../shared/corpus) must hold spam/ and clean/; they are copied to
WORK_DIR/site (default /tmp/fixcheck) and fixed there. Prints what --diff and --fix did and the
checks: no AdSense markup or double-escaped value left, no line outside a fixed range lost,
files without findings byte-identical, front matter still parsing, a second --fix a no-op.
"""
import json, os, re, shutil, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lintkit.document import Post  # noqa: E402
from lintkit.rules.frontmatter_quoting import _is_wrapped  # noqa: E402

CORPUS = sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "corpus")
WORK = sys.argv[2] if len(sys.argv) > 2 else "/tmp/fixcheck"
extra = sys.argv[3:]  # e.g. --no-cache
sys.stdout.reconfigure(line_buffering=True)
LK = str(Path(sys.executable).parent / "lintkit")
if not os.path.isdir(os.path.join(CORPUS, "spam")):
    sys.exit(f"{CORPUS}: no spam/ folder; nothing to check")
W = os.path.join(WORK, "site")
shutil.rmtree(W, ignore_errors=True)
os.makedirs(W)
for name in ("spam", "clean"):
    shutil.copytree(os.path.join(CORPUS, name), os.path.join(W, name))

def snapshot():
    out = {}
    for d, _, fs in os.walk(W):
        for f in fs:
            p = os.path.join(d, f)
            out[os.path.relpath(p, W)] = open(p, "rb").read()
    return out

def lk(*args):
    t = time.time()
    r = subprocess.run([LK, *args, *extra], cwd=W, capture_output=True, text=True)
    return r, time.time() - t

def escaped(data):
    post = Post.from_bytes("x", data)
    n = 0
    for k in post.front_matter.keys.values():
        vals = [(k.value, k.style)] + [(i.value, i.style) for i in k.items]
        n += sum(1 for v, st in vals if st in ("single", "double") and _is_wrapped(v))
    return n

def ads(data):
    return data.count(b"adsbygoogle")

before = snapshot()
r, t = lk("check", "spam", "clean", "--format", "json", "-o", os.path.join(WORK, "before.json"), "--cache-dir", os.path.join(WORK, "cache"))
print(f"check: rc={r.returncode} {t:.1f}s")
doc = json.load(open(os.path.join(WORK, "before.json")))
flagged = {}
for f in doc["findings"]:
    if f.get("fix", {}).get("safety") == "safe":
        flagged.setdefault(f["path"], []).append((f["line"], f["end_line"]))
with_findings = {f["path"] for f in doc["findings"]}

r, t = lk("check", "spam", "clean", "--diff", "--cache-dir", os.path.join(WORK, "cache"))
after_diff = snapshot()
print(f"--diff: rc={r.returncode} {t:.1f}s, stderr: {r.stderr.strip()[-200:]}; diff lines {len(r.stdout.splitlines())}; files unchanged: {after_diff == before}")
diff_files = len(re.findall(r"^\+\+\+ b/", r.stdout, re.M))

r, t = lk("check", "spam", "clean", "--fix", "--format", "json", "-o", os.path.join(WORK, "after.json"), "--cache-dir", os.path.join(WORK, "cache"))
after = snapshot()
adoc = json.load(open(os.path.join(WORK, "after.json")))
changed = [p for p in before if before[p] != after[p]]
print(f"--fix: rc={r.returncode} {t:.1f}s, fixed={adoc['summary'].get('fixed')} files={adoc['summary'].get('fixed_files')} remaining={adoc['summary']['findings']} changed files on disk={len(changed)} (diff showed {diff_files})")
print("  stderr:", r.stderr.strip()[-500:])
print(f"  adsbygoogle occurrences: before {sum(ads(v) for v in before.values())} in {sum(1 for v in before.values() if ads(v))} files; after {sum(ads(v) for v in after.values())} in {sum(1 for v in after.values() if ads(v))} files")
print(f"  double-escaped values: before {sum(escaped(v) for p, v in before.items() if p.endswith('.md'))}; after {sum(escaped(v) for p, v in after.items() if p.endswith('.md'))}")
untouched_bad = [p for p in before if p not in with_findings and before[p] != after[p]]
print(f"  files without findings changed: {len(untouched_bad)}")
# every line outside the first pass's safe-fix ranges is still there, in order, with its own
# newline characters (so LF/CRLF are kept line by line)
def subsequence(needles, hay):
    it = iter(hay)
    return all(any(x == y for y in it) for x in needles)

lost_files = []
for p in changed:
    a = before[p].decode("utf-8").splitlines(keepends=True)
    b = after[p].decode("utf-8").splitlines(keepends=True)
    inside = set()
    for s, e in flagged.get(p, []):
        inside.update(range(s - 1, e))
    kept = [x for i, x in enumerate(a) if i not in inside]
    if not subsequence(kept, b):
        lost_files.append(p)
print(f"  changed files where a line outside the fixed ranges was lost or changed: {len(lost_files)} {lost_files[:3]}")
bom = sum(1 for p in changed if before[p].startswith(b"\xef\xbb\xbf") != after[p].startswith(b"\xef\xbb\xbf"))
crlf = sum(1 for p in changed if b"\r\n" in before[p])  # (no backslash inside an f-string before Python 3.12)
print(f"  changed files whose BOM changed: {bom}; CRLF files changed: {crlf}")
# fm still parses
broken = [p for p in changed if p.endswith(".md") and not Post.from_bytes(p, after[p]).front_matter.ok]
print(f"  changed files whose front matter no longer parses: {len(broken)}")

r, t = lk("check", "spam", "clean", "--fix", "--format", "json", "-o", os.path.join(WORK, "after2.json"), "--cache-dir", os.path.join(WORK, "cache"))
after2 = snapshot()
a2 = json.load(open(os.path.join(WORK, "after2.json")))
print(f"second --fix: rc={r.returncode} {t:.1f}s, fixed={a2['summary'].get('fixed')}, files changed: {sum(1 for p in after if after[p] != after2[p])}, remaining={a2['summary']['findings']}")
