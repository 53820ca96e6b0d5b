"""The pre-commit hook, run by real pre-commit against this repository (its working tree)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).parent / "pre-commit"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (it comes with the 'test' extra)")
    return [found]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("site")
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    (work / "clean.md").write_text('---\ntitle: "A clean post"\n---\nJust words about walking.\n')
    (work / "ad.md").write_text('---\ntitle: "An ad post"\n---\nWords.\n\n<ins class="adsbygoogle"></ins>\n')
    subprocess.run(["git", "-C", str(work), "add", "."], check=True)
    return work


def try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([*_pre_commit(), "try-repo", str(ROOT), "lintkit", "--files", *files], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def test_hook_passes_clean_post_and_fails_ad(repo, tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    ok = try_repo(repo, home, "clean.md")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    bad = try_repo(repo, home, "ad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "ad-markup" in bad.stdout and "ad.md" in bad.stdout
    # Hugo's archetypes are templates for new posts (their front matter is no YAML): not checked
    (repo / "archetypes").mkdir(exist_ok=True)
    (repo / "archetypes" / "default.md").write_text('---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\n---\n')
    subprocess.run(["git", "-C", str(repo), "add", "archetypes/default.md"], check=True)
    skipped = try_repo(repo, home, "archetypes/default.md")
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout, skipped.stdout + skipped.stderr
