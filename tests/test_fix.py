"""Fix mode: `lintkit check --fix`, `--unsafe-fixes`, `--diff`, and the edit machinery under them."""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lintkit.document import Post
from lintkit.fixes import apply_fixes, atomic_write, fix_bytes, fix_run, unified_diff
from lintkit.config import Settings
from lintkit.rule import Edit, Fix, FixSafety

ROOT = Path(__file__).resolve().parents[1]

RULES = "LK201,LK301,LK103"


def lk(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    # the rules with fixes (other rules, e.g. spelling, stay out of the counts)
    if "--select" not in args:
        args = [*args, "--select", RULES]
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR", "CI")}
    return subprocess.run([sys.executable, "-m", "lintkit", *args, "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


ADSENSE = (
    '<ins class="adsbygoogle"\n'
    '     style="display:block"\n'
    '     data-ad-client="ca-pub-0000000000000042"\n'
    '     data-ad-slot="1234500000"></ins>\n'
    "<script>\n"
    "     (adsbygoogle = window.adsbygoogle || []).push({});\n"
    "</script>\n"
)
LOADER = '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000000000000042"></script>\n'
PIXEL = '<img src="https://tracker.example-pixels.com/p.gif?id=7" width="1" height="1" alt="">\n'


def ad_post(title: str, prose: list[str], *, escaped: bool = False, wrapper: bool = False, loader: bool = False) -> str:
    t = f'"\\"{title}\\""' if escaped else f'"{title}"'
    out = ["---", f"title: {t}", "date: 2023-04-05", "---", ""]
    if loader:
        out.append(LOADER.rstrip("\n"))
    out.append(prose[0])
    out.append("")
    block = ADSENSE
    if wrapper:
        block = "<!-- ads begin -->\n" + block + "<!-- ads end -->\n"
    out.extend(block.rstrip("\n").split("\n"))
    out.append("")
    out.extend(prose[1:])
    return "\n".join(out) + "\n"


PROSE = [
    "Winter kayaking asks for a drysuit, a spare paddle and a friend who knows the bay.",
    "We launched from the gravel beach at dawn while the tide was still slack.",
    "Seals watched from the rocks as we crossed toward the lighthouse.",
    "Pack hot tea in a steel flask; you will want it on the return leg.",
]


# --------------------------------------------------------------------------- edits


def test_overlapping_edits_are_dropped_not_merged():
    text = "abcdefghij"
    fixes = [
        Fix((Edit(0, 3, "X"),)),  # abc -> X
        Fix((Edit(2, 5, "Y"),)),  # overlaps the first: dropped
        Fix((Edit(6, 7, "Z"),)),  # g -> Z: same start as the insertion below, which comes first
        Fix((Edit(6, 6, "+"),)),  # insert before g
        Fix((Edit(8, 9, "I"),)),  # i -> I
    ]
    res = apply_fixes(text, fixes)
    assert res.text == "Xdef+ghIj"
    assert len(res.applied) == 3 and len(res.skipped) == 2


def test_identical_fixes_apply_once_and_count_for_both_findings():
    fix = Fix((Edit(1, 2, ""),))
    res = apply_fixes("abc", [fix, Fix((Edit(1, 2, ""),))])
    assert res.text == "ac" and len(res.applied) == 2


def test_a_fix_with_internally_overlapping_or_out_of_range_edits_is_skipped():
    res = apply_fixes("abc", [Fix((Edit(0, 2, ""), Edit(1, 3, ""))), Fix((Edit(2, 9, ""),))])
    assert res.text == "abc" and not res.applied


def test_replacement_newlines_follow_the_file():
    res = apply_fixes("a\r\nb\r\n", [Fix((Edit(0, 1, "x\ny"),))], newline="\r\n")
    assert res.text == "x\r\ny\r\nb\r\n"


def test_front_matter_breaking_fix_is_never_written_but_body_fixes_are():
    text = "---\ntitle: Hello\ntags: [a, b]\n---\nBody line.\nAd line.\n"
    post = Post.from_text("p.md", text)
    bad = Fix((Edit(text.index("[a"), text.index("[a") + 1, "{"),))  # tags: {a, b] does not parse
    body = Fix((Edit(text.index("Ad line"), len(text), ""),))
    out = fix_bytes("p.md", text.encode(), [bad, body])
    assert out.data == b"---\ntitle: Hello\ntags: [a, b]\n---\nBody line.\n"
    assert out.problem and "front matter" in out.problem
    only_bad = fix_bytes("p.md", text.encode(), [bad])
    assert only_bad.data == text.encode() and only_bad.applied == 0 and "not fixed" in only_bad.problem


def test_fix_that_would_drop_a_key_is_refused():
    text = "---\ntitle: Hello\nslug: hello\n---\nBody.\n"
    out = fix_bytes("p.md", text.encode(), [Fix((Edit(text.index("slug"), text.index("---\nBody"), ""),))])
    assert out.data == text.encode() and "keys" in out.problem


def test_file_with_broken_front_matter_is_not_fixed():
    text = "---\ntitle: [unclosed\n---\nAd line.\n"
    post = Post.from_text("p.md", text)
    out = fix_bytes("p.md", text.encode(), [Fix((Edit(text.index("Ad"), len(text), ""),))])
    assert out.data == text.encode() and "does not parse" in out.problem


def test_atomic_write_keeps_permissions_and_follows_symlinks(tmp_path):
    target = tmp_path / "post.md"
    target.write_bytes(b"old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    atomic_write(link, b"new\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if "lintkit-tmp" in p.name] == []


def test_unified_diff_marks_missing_final_newline():
    d = unified_diff("p.md", b"a\nb", b"a\nc")
    assert d.startswith("--- a/p.md\n+++ b/p.md\n") and "\\ No newline at end of file" in d


# --------------------------------------------------------------------------- the command


@pytest.fixture
def site(tmp_path: Path) -> Path:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "kayak.md").write_text(ad_post("Winter kayaking", PROSE, escaped=True, wrapper=True, loader=True))
    (posts / "clean.md").write_text('---\ntitle: "Quiet harbour"\ndate: 2023-04-06\n---\nNothing but boats and gulls today.\n')
    return tmp_path


def test_fix_removes_ads_and_unwraps_title_keeping_prose(site):
    before = snapshot(site)
    res = lk(["check", "posts", "--fix"], site)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Fixed 3 issues (1 file). 0 remaining." in res.stdout
    after = (site / "posts" / "kayak.md").read_text()
    assert "adsbygoogle" not in after and "<!--" not in after
    assert after.startswith('---\ntitle: "Winter kayaking"\ndate: 2023-04-05\n---\n')
    for line in PROSE:
        assert line in after
    assert snapshot(site)["posts/clean.md"] == before["posts/clean.md"]
    # idempotent: a second --fix changes nothing
    again = snapshot(site)
    res2 = lk(["check", "posts", "--fix"], site)
    assert res2.returncode == 0 and snapshot(site) == again
    assert "Fixed 0 issues" in res2.stdout


def test_diff_writes_nothing_and_exits_1(site):
    before = snapshot(site)
    res = lk(["check", "posts", "--diff"], site)
    assert res.returncode == 1
    assert snapshot(site) == before
    assert "--- a/posts/kayak.md" in res.stdout and '-title: "\\"Winter kayaking\\""' in res.stdout
    assert '+title: "Winter kayaking"' in res.stdout and "Would fix 3 issues (1 file)." in res.stderr
    # the diff is exactly what --fix writes
    patched = _apply_diff(before["posts/kayak.md"].decode(), res.stdout)
    lk(["check", "posts", "--fix"], site)
    assert (site / "posts" / "kayak.md").read_text() == patched
    res = lk(["check", "posts", "--diff"], site)
    assert res.returncode == 0 and res.stdout == ""


def _apply_diff(old: str, diff: str) -> str:
    """Apply a one-file unified diff (enough for the test)."""
    a = old.splitlines(keepends=True)
    out, pos = [], 0
    lines = diff.splitlines(keepends=True)
    i = 2
    while i < len(lines):
        head = lines[i]
        assert head.startswith("@@")
        start = int(head.split()[1].split(",")[0][1:]) - 1
        out.extend(a[pos:start])
        pos = start
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, body = lines[i][0], lines[i][1:]
            if tag == " ":
                out.append(a[pos]); pos += 1
            elif tag == "-":
                pos += 1
            elif tag == "+":
                out.append(body)
            i += 1
    out.extend(a[pos:])
    return "".join(out)


def test_fix_keeps_bom_crlf_and_permissions(tmp_path):
    post = ad_post("Harbour walk", PROSE, escaped=True).replace("\n", "\r\n")
    path = tmp_path / "harbour.md"
    path.write_bytes(b"\xef\xbb\xbf" + post.encode())
    os.chmod(path, 0o604)
    res = lk(["check", "harbour.md", "--fix"], tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\ntitle: \"Harbour walk\"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"adsbygoogle" not in data
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    # every line outside the ad block and the title is unchanged
    old = post.split("\r\n")
    new = data[3:].decode().split("\r\n")
    assert [x for x in old if "adsbygoogle" not in x and "title:" not in x and "<" not in x and "data-ad" not in x
            and "style=" not in x] == [x for x in new if "title:" not in x]


OFF_TOPIC = """---
title: Restoring an old wooden rowing boat
tags: [boats, woodwork, restoration]
---
An old clinker rowing boat needs patience: scrape the flaking varnish, replace the rotten
planks with larch, and let the hull soak so the seams swell tight again before launch.

Sand the oars, oil the rowlocks and give the transom three coats of marine varnish.

**You may also like:**

- [Best mortgage rates for first time buyers](https://example.org/mortgage-rates/)
- [Fixing a blue screen after a driver update](https://example.org/blue-screen/)
- [Top ten crypto exchanges compared](https://example.org/crypto-exchanges/)
- [Cheap hotel deals in Prague](https://example.org/prague-hotels/)

Thanks for reading, and fair winds.
"""


def test_unsafe_fixes_apply_only_when_asked(tmp_path):
    path = tmp_path / "boat.md"
    path.write_text(OFF_TOPIC)
    res = lk(["check", "boat.md", "--fix"], tmp_path)
    assert res.returncode == 1 and path.read_text() == OFF_TOPIC  # the list fix is unsafe
    assert "Fixed 0 issues (0 files). 1 remaining." in res.stdout
    assert "1 fixable with --fix --unsafe-fixes" in res.stdout
    shown = lk(["check", "boat.md", "--unsafe-fixes"], tmp_path)
    assert "1 fixable with --fix --unsafe-fixes." in shown.stdout and path.read_text() == OFF_TOPIC
    res = lk(["check", "boat.md", "--fix", "--unsafe-fixes"], tmp_path)
    assert res.returncode == 0, res.stdout
    text = path.read_text()
    assert "You may also like" not in text and "example.org" not in text
    assert text == OFF_TOPIC.split("**You may also like:**\n")[0] + "\nThanks for reading, and fair winds.\n"


def test_exit_code_after_fix_reflects_what_remains(tmp_path):
    path = tmp_path / "gear.md"
    path.write_text('---\ntitle: "Gear"\n---\n' + ADSENSE + "\nI bought my paddle [from this shop](https://www.amazon.com/dp/B000TEST01?tag=mytag-20) last spring.\n")
    res = lk(["check", "gear.md", "--fix", "--format", "json"], tmp_path)
    assert res.returncode == 1
    assert "Fixed 1 issue (1 file). 1 remaining." in res.stderr
    text = path.read_text()
    assert "adsbygoogle" not in text and "tag=mytag-20" in text
    import json

    summary = json.loads(res.stdout)["summary"]
    assert summary["fixed"] == 1 and summary["findings"] == 1


def test_fix_refuses_stdin(tmp_path):
    res = subprocess.run([sys.executable, "-m", "lintkit", "check", "-", "--fix"], cwd=tmp_path, input="x\n",
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and "stdin" in res.stderr


# --------------------------------------------------------------------------- a generated site


def _generated_site(folder: Path, n: int = 24) -> None:
    """Invented posts: AdSense units in several shapes, double-escaped titles, clean posts."""
    rooms = ["attic", "cellar", "porch", "garden shed", "kitchen", "studio"]
    verbs = ["paint", "insulate", "tidy", "light", "heat", "restore"]
    folder.mkdir(parents=True)
    for i in range(n):
        room, verb = rooms[i % len(rooms)], verbs[(i // len(rooms)) % len(verbs)]
        prose = [f"Post {i}: how we chose to {verb} the {room} over {i + 2} weekends.",
                 f"The {room} had {i % 5 + 1} windows and a floor that creaked near the door.",
                 f"Tools: a ladder, {i % 3 + 2} brushes and a radio tuned to the shipping forecast.",
                 f"Next time we would {verb} the {room} in spring, when the days are longer."]
        if i % 4 == 3:
            text = f'---\ntitle: "How to {verb} a {room}"\n---\n' + "\n\n".join(prose) + "\n"
        else:
            text = ad_post(f"How to {verb} a {room}", prose, escaped=i % 2 == 0, wrapper=i % 3 == 0, loader=i % 5 == 0)
        if i % 6 == 1:
            text += "\n" + PIXEL
        (folder / f"post-{i:02d}.md").write_text(text)


def test_generated_site_fix_is_complete_keeps_prose_and_is_idempotent(tmp_path):
    site = tmp_path / "content"
    _generated_site(site)
    before = snapshot(site)
    diff = lk(["check", "content", "--diff"], tmp_path)
    assert diff.returncode == 1 and snapshot(site) == before
    res = lk(["check", "content", "--fix"], tmp_path)
    after = snapshot(site)
    assert "remaining" in res.stdout
    for name, old in before.items():
        new = after[name]
        if b"adsbygoogle" not in old and b'\\"' not in old and b"tracker." not in old:
            assert new == old, name  # nothing to fix: byte-identical
            continue
        assert b"adsbygoogle" not in new and b"tracker.example-pixels" not in new, name
        assert Post.from_bytes(name, new).front_matter.ok
        assert not Post.from_bytes(name, new).title.startswith('"'), name
        # every prose line survives, in order
        old_lines, new_lines = old.decode().splitlines(), new.decode().splitlines()
        prose = [x for x in old_lines if x.startswith(("Post ", "The ", "Tools:", "Next time"))]
        assert [x for x in new_lines if x in prose] == prose, name
        # only ad lines and the title line were removed or changed
        sm = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, _, _ in sm.get_opcodes():
            if tag in ("delete", "replace"):
                for x in old_lines[i1:i2]:
                    assert x.startswith(("title:", "<", "     ", "</")) or "ads" in x or x == "", (name, x)
    res2 = lk(["check", "content", "--fix"], tmp_path)
    assert snapshot(site) == after and "Fixed 0 issues" in res2.stdout


def test_fix_run_in_process_reports_counts(tmp_path, monkeypatch):
    site = tmp_path / "content"
    _generated_site(site, n=8)
    monkeypatch.chdir(tmp_path)
    settings = Settings(root=tmp_path)
    out = fix_run(["content"], settings, write=False)
    assert out.changed and out.fixed >= len(out.changed)
    assert snapshot(site) == {p.relative_to(site).as_posix(): p.read_bytes() for p in site.iterdir()}
    written = fix_run(["content"], settings, write=True)
    assert written.changed == out.changed and written.fixed == out.fixed
    assert all(hashlib.sha1((site / Path(p).name).read_bytes()).digest() == hashlib.sha1(out.contents[p]).digest()
               for p in out.changed)


def test_pre_commit_fix_hook_matches_the_check_hook():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    fix, check = hooks["lintkit-fix"], hooks["lintkit"]
    assert fix["entry"] == "lintkit check --fix"
    for key in ("language", "types", "require_serial"):
        assert fix.get(key) == check.get(key), key


def test_requote_to_the_site_convention_is_a_safe_fix(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    names = ["alder", "birch", "cedar", "damson", "elder", "fir", "ginkgo", "hazel", "juniper", "larch", "maple", "oak"]
    for name in names:
        (posts / f"{name}.md").write_text(f'---\ntitle: "Planting a {name}"\nslug: {name}\n---\nA {name} likes deep soil.\n')
    odd = posts / "rowan.md"
    odd.write_text("---\ntitle: Planting a rowan\nslug: 'rowan'\n---\nA rowan likes light.\n")
    res = lk(["check", "posts", "--fix"], tmp_path)
    assert res.returncode == 0, res.stdout
    assert odd.read_text() == '---\ntitle: "Planting a rowan"\nslug: rowan\n---\nA rowan likes light.\n'
    assert "Fixed 2 issues (1 file). 0 remaining." in res.stdout
