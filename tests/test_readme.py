"""The README's two set-up commands stay true: CI runs the test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up in two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_two_commands():
    cmds = setup_commands()
    assert len(cmds) == 2
    assert "lintkit check examples/" in cmds[0] and "pip install ." in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci.splitlines()


def test_pre_commit_hook_documented_matches_hook_file():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: lintkit" in hooks and "entry: lintkit check" in hooks
    assert "require_serial: true" in hooks and "types: [markdown]" in hooks
    assert "- id: lintkit" in README and "--corpus" in README
