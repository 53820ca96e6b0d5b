"""Packaging: the wheel maps rules/ to lintkit.rules; a third-party rule pack plugs in like a built-in.

These tests build and install for real (pip, no network: --no-build-isolation, --no-deps) into
temporary folders, and run lintkit in a subprocess with PYTHONPATH pointing there, from a folder
outside the source tree so the checkout itself is not importable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plugin_install import install_plugin

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "tests" / "fixtures" / "plugin"


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "-q", "--disable-pip-version-check", *args], check=True,
                   capture_output=True, text=True)


def lintkit(args: list[str], cwd: Path, pythonpath: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "lintkit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, input=stdin, timeout=120)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    # Build from a copy so the checkout gets no build/ or egg-info folders.
    subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"], check=True, capture_output=True)
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"], check=True,
                           capture_output=True).stdout.decode().split("\0")
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():
            dst = build / f
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes())
    pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(build))
    wheels = list(out.glob("lintkit-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_installs_rules_as_lintkit_rules_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "lintkit/rules/__init__.py" in names
    assert "lintkit/rules/ad_markup.py" in names
    assert any(n.startswith("lintkit/rules/data/") and n.endswith(".yaml") for n in names)
    assert "lintkit/data/background_terms.txt" in names  # word statistics ship inside the package
    assert {"lintkit/data/scowl_words.txt.gz", "lintkit/data/SCOWL-LICENSE.txt"} <= set(names)  # and the large word list, with its licence
    assert not any(n.startswith("rules/") for n in names), "a top-level 'rules' package must not be installed"
    eps = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(eps).decode()
    assert "[lintkit.rules]" in text and "lintkit.rules:RULES" in text
    assert "[console_scripts]" in text and "lintkit = lintkit.cli:main" in text


def test_non_editable_install_runs_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    pip("install", "--no-deps", "--target", str(target), str(wheel))
    work = tmp_path / "work"
    work.mkdir()
    probe = subprocess.run(
        [sys.executable, "-c", "import importlib.util, lintkit, lintkit.rules; "
         "print(lintkit.__file__); print(lintkit.rules.__file__); print(importlib.util.find_spec('rules'))"],
        cwd=work, env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    assert probe[0].startswith(str(target)) and probe[1].startswith(str(target / "lintkit" / "rules"))
    assert probe[2] == "None"
    rules = json.loads(lintkit(["rules", "--format", "json"], work, target).stdout)
    names = {r["name"] for r in rules}
    assert {"ad-markup", "frontmatter-quoting", "parse-error"} <= names
    (work / "post.md").write_text('---\ntitle: "\\"Quoted twice\\""\n---\n<ins class="adsbygoogle"></ins>\n')
    res = lintkit(["check", "post.md", "--format", "concise"], work, target)
    assert res.returncode == 1, res.stderr
    assert "post.md:4:1: LK201 [ad-markup]" in res.stdout
    assert "post.md:2:" in res.stdout and "LK301 [frontmatter-quoting]" in res.stdout


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    return install_plugin(PLUGIN, tmp_path_factory.mktemp("plugin-site"), tmp_path_factory.mktemp("plugin-src"))


def test_third_party_rule_is_listed_and_documented(plugin_site, tmp_path):
    rules = json.loads(lintkit(["rules", "--format", "json"], tmp_path, plugin_site).stdout)
    mine = next(r for r in rules if r["code"] == "XT001")
    assert mine["name"] == "no-todo" and "example" in mine["source"]
    assert mine["options"]["word"]["default"] == "TODO"
    assert any(r["name"] == "ad-markup" for r in rules)
    doc = lintkit(["explain", "no-todo"], tmp_path, plugin_site)
    assert doc.returncode == 0 and "## What it flags" in doc.stdout


def test_third_party_rule_selectable_configurable_suppressible(plugin_site, tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Draft\n---\nTODO finish. FIXME too.\n\n"
                                   "<!-- lintkit-disable-next-line no-todo -->\nTODO hidden.\n")
    res = lintkit(["check", ".", "--format", "concise", "--select", "no-todo"], tmp_path, plugin_site)
    assert res.returncode == 1
    assert res.stdout.splitlines()[0] == "a.md:4:1: XT001 [no-todo] TODO left in prose"
    assert "hidden" not in res.stdout and ":7:" not in res.stdout
    res = lintkit(["check", ".", "--format", "concise", "--ignore", "XT001"], tmp_path, plugin_site)
    assert "XT001" not in res.stdout
    (tmp_path / "lintkit.toml").write_text('select = ["drafts"]\n[rules.no-todo]\nword = "FIXME"\n')
    res = lintkit(["check", ".", "--format", "concise"], tmp_path, plugin_site)
    assert res.stdout.splitlines()[0] == "a.md:4:14: XT001 [no-todo] FIXME left in prose"
    (tmp_path / "lintkit.toml").write_text("[rules.no-todo]\nwrod = 1\n")
    res = lintkit(["check", "."], tmp_path, plugin_site)
    assert res.returncode == 2 and "did you mean 'word'" in res.stderr and "Traceback" not in res.stderr
