"""The lintkit command end to end: exit codes, formats, stdin, messages without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

AD_POST = """---
title: "Lake day"
---
Intro line.

<ins class="adsbygoogle" data-ad-client="ca-pub-1111111111111111"></ins>
"""
CLEAN_POST = """---
title: "Quiet day"
---
Nothing to see here.
"""


def lk(args: list[str], cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "lintkit", *args], cwd=cwd, env=e, capture_output=True,
                          text=True, input=stdin, timeout=120)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "ad.md").write_text(AD_POST)
    (tmp_path / "posts" / "clean.md").write_text(CLEAN_POST)
    return tmp_path


def test_version():
    res = lk(["--version"], ROOT)
    assert res.returncode == 0 and res.stdout.startswith("lintkit ")


def test_exit_1_with_findings_and_concise_lines(site):
    res = lk(["check", "posts", "--format", "concise"], site)
    assert res.returncode == 1
    assert res.stdout.splitlines()[0] == 'posts/ad.md:6:1: LK201 [ad-markup] AdSense ad unit (<ins class="adsbygoogle">)'
    assert lk(["check", "posts", "--output-format", "concise"], site).stdout == res.stdout  # ruff's spelling works too


def test_exit_0_when_clean_and_exit_zero(site):
    assert lk(["check", "posts/clean.md"], site).returncode == 0
    assert lk(["check", "posts", "--exit-zero"], site).returncode == 0


def test_fail_on_error_ignores_warnings(site):
    (site / "posts" / "quoted.md").write_text('---\ntitle: "\\"Twice\\""\n---\nText.\n')
    assert lk(["check", "posts/quoted.md"], site).returncode == 1
    assert lk(["check", "posts/quoted.md", "--fail-on", "error"], site).returncode == 0


def test_missing_path_and_bad_options_exit_2_without_traceback(site):
    for args in (["check", "nope/"], ["check", "posts", "--format", "xml"], ["check", "posts", "--select", "ad-markupp"],
                 ["check", "posts", "--fail-on", "fatal"], ["explain", "nosuchrule"], ["check", "--bogus"]):
        res = lk(args, site)
        assert res.returncode == 2, args
        assert "Traceback" not in res.stderr, args
        assert res.stderr.strip(), args
    assert "did you mean 'ad-markup'" in lk(["check", "posts", "--select", "ad-markupp"], site).stderr


def test_bad_config_exit_2_names_file_and_key(site):
    (site / "lintkit.toml").write_text("[rules.ad-markup]\nallow-host = []\n")
    res = lk(["check", "posts"], site)
    assert res.returncode == 2
    assert "lintkit.toml:2" in res.stderr and "allow-host" in res.stderr and "did you mean 'allow-hosts'" in res.stderr


def test_json_output_and_output_file(site):
    res = lk(["check", "posts", "--format", "json", "-o", "out.json"], site)
    assert res.returncode == 1 and res.stdout == ""
    doc = json.loads((site / "out.json").read_text())
    assert doc["version"] and doc["summary"]["files_checked"] == 2
    f = doc["findings"][0]
    assert (f["path"], f["line"], f["rule"], f["code"], f["severity"]) == ("posts/ad.md", 6, "ad-markup", "LK201", "error")


def test_github_format_is_default_under_actions(site):
    res = lk(["check", "posts"], site, env={"GITHUB_ACTIONS": "true"})
    assert res.stdout.startswith("::error file=posts/ad.md,line=6,col=1,")


def test_stdin_with_filename(site):
    res = lk(["check", "-", "--stdin-filename", "posts/new.md", "--format", "concise"], site, stdin=AD_POST)
    assert res.returncode == 1
    assert res.stdout.startswith("posts/new.md:6:1: LK201")


def test_rules_explain_show_config(site):
    res = lk(["rules"], site)
    assert res.returncode == 0 and "LK201" in res.stdout and "ad-markup" in res.stdout
    res = lk(["explain", "LK201"], site)
    assert res.returncode == 0 and "ad-markup (LK201)" in res.stdout and "Bad:" in res.stdout
    (site / "lintkit.toml").write_text('ignore = ["frontmatter-quoting"]\n')
    res = lk(["show-config"], site)
    assert res.returncode == 0
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("ignore "))
    assert "frontmatter-quoting" in line and "lintkit.toml" in line
    assert any(ln.startswith("select ") and "# default" in ln for ln in res.stdout.splitlines())


def test_parse_error_does_not_stop_other_files(site):
    (site / "posts" / "broken.md").write_text('---\ntitle: "unterminated\n---\nBody\n')
    (site / "posts" / "binary.md").write_bytes(b"\x00\x00\x00")
    res = lk(["check", "posts", "--format", "concise"], site)
    assert res.returncode == 1
    out = res.stdout
    assert "posts/broken.md:" in out and "LK001 [parse-error]" in out
    assert "posts/binary.md:1:1: LK001 [parse-error] file looks binary" in out
    assert "posts/ad.md:6:1: LK201" in out


def test_python_dash_m_and_console_script_agree(site):
    exe = Path(sys.executable).parent / "lintkit"
    if not exe.exists():
        pytest.skip("console script not on this interpreter's bin folder")
    a = subprocess.run([str(exe), "check", "posts", "--format", "concise"], cwd=site, capture_output=True, text=True)
    b = lk(["check", "posts", "--format", "concise"], site)
    assert a.stdout == b.stdout and a.returncode == b.returncode == 1


def test_examples_have_every_defect_kind():
    res = lk(["check", "examples", "--format", "json"], ROOT)
    assert res.returncode == 1
    found = {f["rule"] for f in json.loads(res.stdout)["findings"]}
    listed = json.loads(lk(["rules", "--format", "json"], ROOT).stdout)
    kinds = {r["name"] for r in listed if r["name"] != "internal-error"}
    assert kinds <= found, f"examples/ lacks an instance of {sorted(kinds - found)}"
