"""Every rule's documentation: required sections, and its Bad/Good examples behave as documented."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from lintkit.config import Settings
from lintkit.registry import discover
from lintkit.runner import run

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = discover()
RULES = REGISTRY.sorted()
NEEDS_COPY = "<!-- example: needs a copy in the site -->"
_EXAMPLE = re.compile(r"^(Bad|Good):[ \t]*\n+```markdown\n(.*?)\n```", re.M | re.S)


def examples(cls) -> list[tuple[str, str]]:
    doc = cls.documentation()
    return [(kind, textwrap.dedent(body) + "\n") for kind, body in _EXAMPLE.findall(doc)]


@pytest.mark.parametrize("cls", RULES, ids=lambda c: c.name)
def test_docs_have_sections(cls):
    doc = cls.documentation()
    assert cls.summary and cls.code and cls.name
    assert "## What it flags" in doc
    assert "## Fix" in doc
    if cls.options:
        assert "## Options" in doc
        for opt in cls.options:
            assert f"`{opt}`" in doc, f"option {opt} of {cls.name} is not documented"


DOC_CASES = [(cls, kind, body) for cls in RULES for kind, body in examples(cls)]


@pytest.mark.parametrize("cls, kind, body", DOC_CASES, ids=[f"{c.name}-{k}-{i}" for i, (c, k, _) in enumerate(DOC_CASES)])
def test_documented_examples(cls, kind, body, tmp_path):
    (tmp_path / "example.md").write_text(body, encoding="utf-8")
    if NEEDS_COPY in body:  # a site-wide rule: the example is a defect only beside a copy of itself
        (tmp_path / "copy-of-example.md").write_text(body.replace("title:", "title: Copy of", 1), encoding="utf-8")
    result = run([str(tmp_path)], Settings(root=tmp_path), REGISTRY, jobs=1)
    mine = [f for f in result.findings if f.code == cls.code]
    others = [f for f in result.findings if f.rule in ("internal-error",)]
    assert not others, others
    if kind == "Bad":
        assert mine, f"{cls.name}: the Bad example gives no finding"
    else:
        assert not mine, f"{cls.name}: the Good example gives {[f.message for f in mine]}"


def test_every_rule_with_options_or_examples_has_both_kinds():
    for cls in RULES:
        kinds = {k for k, _ in examples(cls)}
        if cls.tags != ("engine",) or kinds:
            assert {"Bad", "Good"} <= kinds or cls.name == "internal-error", cls.name


def test_readme_lists_every_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cls in RULES:
        assert re.search(rf"\| {cls.code} \| `{re.escape(cls.name)}` \| {cls.severity} \| {cls.fixable()} \|", readme), cls.name
