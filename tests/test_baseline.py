"""Baselines: `lintkit baseline`, `lintkit check --baseline FILE`, `lintkit baseline --prune`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lintkit.baseline import Baseline, BaselineError, fingerprint
from lintkit.rule import Finding

AD = '<ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000077" data-ad-slot="55"></ins>\n'
PIXEL = '<img src="https://tracker.example-pixels.com/p.gif?u=1" width="1" height="1">\n'

POST = (
    "---\n"
    'title: "Mending a dry stone wall"\n'
    "---\n"
    "Dry stone walls outlast mortar when the hearting is packed tight.\n"
    "\n"
    + AD
    + "\n"
    "Lay the through stones every metre and keep the batter even.\n"
)

RULES = "LK201,LK301,LK103"


def lk(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    # the rules with fixes (other rules, e.g. spelling, stay out of the counts)
    if "--select" not in args:
        args = [*args, "--select", RULES]
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR", "CI")}
    return subprocess.run([sys.executable, "-m", "lintkit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=180)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "wall.md").write_text(POST)
    (tmp_path / "posts" / "gate.md").write_text('---\ntitle: "Hanging a field gate"\n---\nSet the posts in concrete.\n\n' + PIXEL)
    return tmp_path


def test_fingerprint_ignores_line_numbers_but_not_the_flagged_text():
    f = Finding("p.md", 3, 1, "LK201", "ad-markup", "m", end_line=3)
    g = Finding("p.md", 9, 1, "LK201", "ad-markup", "other message", end_line=9)
    a = ["x", "y", "<ins  class='a'>"]
    b = ["new"] * 8 + ["  <ins class='a'>  "]
    assert fingerprint(f, a) == fingerprint(g, b)
    assert fingerprint(f, a) != fingerprint(f, ["x", "y", "<ins class='b'>"])


def test_round_trip_edit_elsewhere_then_new_ad(site):
    res = lk(["baseline", "posts", "--no-cache"], site)
    assert res.returncode == 0, res.stderr
    assert "Recorded 2 findings (2 files) in lintkit-baseline.json." in res.stdout
    doc = json.loads((site / "lintkit-baseline.json").read_text())
    assert doc["version"] == 1 and {e["path"] for e in doc["findings"]} == {"posts/wall.md", "posts/gate.md"}
    assert all(set(e) >= {"path", "code", "fingerprint", "occurrence"} for e in doc["findings"])

    clean = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache"], site)
    assert clean.returncode == 0, clean.stdout
    assert "2 findings hidden by the baseline." in clean.stdout

    # edit an unrelated paragraph (lines move): still clean
    wall = site / "posts" / "wall.md"
    wall.write_text(POST.replace("Dry stone walls outlast mortar", "A new opening paragraph.\n\nDry stone walls outlast lime mortar"))
    assert lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache"], site).returncode == 0

    # a second ad: exactly one new finding
    wall.write_text(wall.read_text() + "\n" + AD.replace("55", "66"))
    res = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache", "--format", "json"], site)
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert [(f["path"], f["code"]) for f in doc["findings"]] == [("posts/wall.md", "LK201")]
    assert doc["summary"]["baselined"] == 2

    # the same ad block pasted again counts as a new occurrence
    wall.write_text(POST + "\n" + AD)
    res = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache", "--format", "concise"], site)
    assert res.returncode == 1 and res.stdout.count("LK201") == 1


def test_baseline_paths_are_relative_to_the_baseline_file(site):
    assert lk(["baseline", "posts", "--output", "conf/base.json", "--no-cache"], site).returncode == 0
    doc = json.loads((site / "conf" / "base.json").read_text())
    assert {e["path"] for e in doc["findings"]} == {"../posts/wall.md", "../posts/gate.md"}
    # run from another folder
    res = lk(["check", ".", "--baseline", "../conf/base.json", "--no-cache"], site / "posts")
    assert res.returncode == 0, res.stdout


def test_stale_entries_counted_and_pruned(site):
    assert lk(["baseline", "posts", "--no-cache"], site).returncode == 0
    (site / "posts" / "gate.md").write_text('---\ntitle: "Hanging a field gate"\n---\nSet the posts in concrete.\n')
    res = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache"], site)
    assert res.returncode == 0
    assert "1 baseline entry no longer match" in res.stdout and "--prune" in res.stdout
    # checking only the other file: the gate entry is not in scope, so not stale
    res = lk(["check", "posts/wall.md", "--baseline", "lintkit-baseline.json", "--no-cache", "--format", "json"], site)
    assert json.loads(res.stdout)["summary"]["baseline_stale"] == 0
    # nor when the rule is not selected
    res = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache", "--format", "json", "--select", "LK301"], site)
    assert json.loads(res.stdout)["summary"]["baseline_stale"] == 0

    res = lk(["baseline", "posts", "--prune", "--no-cache"], site)
    assert res.returncode == 0 and "Pruned 1 stale entry" in res.stdout and "1 kept" in res.stdout
    doc = json.loads((site / "lintkit-baseline.json").read_text())
    assert [e["path"] for e in doc["findings"]] == ["posts/wall.md"]
    res = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache", "--format", "json"], site)
    summary = json.loads(res.stdout)["summary"]
    assert res.returncode == 0 and summary["baseline_stale"] == 0 and summary["baselined"] == 1


def test_baseline_with_select_and_every_format(site):
    assert lk(["baseline", "posts", "--no-cache"], site).returncode == 0
    for fmt in ("text", "concise", "json", "jsonl", "sarif", "github", "junit"):
        res = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache", "--format", fmt], site)
        assert res.returncode == 0, (fmt, res.stdout, res.stderr)
        assert "tracker.example-pixels" not in res.stdout and "wall.md:" not in res.stdout, fmt
    res = lk(["check", "posts", "--baseline", "lintkit-baseline.json", "--no-cache", "--select", "LK201"], site)
    assert res.returncode == 0


@pytest.mark.parametrize(
    "content, words",
    [
        (None, "not found"),
        ("{not json", "invalid JSON"),
        ('{"version": 1, "findings": {}}', "findings"),
        ('{"version": 99, "findings": []}', "version"),
        ('{"version": 1, "findings": [{"path": 3}]}', "entry 1"),
    ],
)
def test_bad_baseline_file_exits_2_naming_it(site, content, words):
    if content is not None:
        (site / "bad.json").write_text(content)
    res = lk(["check", "posts", "--baseline", "bad.json", "--no-cache"], site)
    assert res.returncode == 2
    assert "bad.json" in res.stderr and words in res.stderr and "Traceback" not in res.stderr


def test_prune_needs_an_existing_baseline(site):
    res = lk(["baseline", "posts", "--prune", "--output", "missing.json", "--no-cache"], site)
    assert res.returncode == 2 and "missing.json" in res.stderr


def test_fix_skips_baselined_findings(site):
    assert lk(["baseline", "posts/wall.md", "--no-cache"], site).returncode == 0
    res = lk(["check", "posts", "--fix", "--baseline", "lintkit-baseline.json", "--no-cache"], site)
    assert res.returncode == 0, res.stdout
    assert "adsbygoogle" in (site / "posts" / "wall.md").read_text()  # baselined: left alone
    assert "tracker." not in (site / "posts" / "gate.md").read_text()  # new: fixed


def test_load_rejects_bool_occurrence(tmp_path):
    p = tmp_path / "b.json"
    p.write_text('{"version": 1, "findings": [{"path": "a", "code": "X", "fingerprint": "f", "occurrence": true}]}')
    with pytest.raises(BaselineError):
        Baseline.load(p)
