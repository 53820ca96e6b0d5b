"""Tests of the output formats in lintkit.report, on hand-built RunResults."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lintkit.report import FORMATS, default_format, render
from lintkit.report.github import escape_data, escape_property
from lintkit.report.text import excerpt
from lintkit.results import RunResult
from lintkit.rule import Edit, Finding, Fix, FixSafety, Rule, Severity

SCORER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "score.py"


class AdRule(Rule):
    code = "LK201"
    name = "ad-markup"
    summary = "Ad markup in the post body"
    severity = Severity.ERROR
    tags = ("spam", "ads")
    fix_safety = FixSafety.SAFE


class SpellRule(Rule):
    code = "LK501"
    name = "misspelling"
    summary = "Misspelled word in prose"
    severity = Severity.INFO
    tags = ("style",)


class QuoteRule(Rule):
    code = "LK301"
    name = "frontmatter-quoting"
    summary = "Front-matter value quoted inconsistently"
    severity = Severity.WARNING


RULES: dict[str, type[Rule]] = {r.code: r for r in (AdRule, SpellRule, QuoteRule)}

SPACED = "posts/my post.md"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TRICKY = "Ad unit: 50% of body, see\nline two"


def findings() -> list[Finding]:
    return [
        Finding(
            SPACED, 3, 5, "LK201", "ad-markup", TRICKY, Severity.ERROR, end_column=9,
            fix=Fix((Edit(40, 80, ""),), FixSafety.SAFE, "remove the ad block"),
            subject="adsbygoogle",
            source='    <ins class="adsbygoogle"></ins>',
        ),
        Finding(SPACED, 7, 3, "LK301", "frontmatter-quoting", "mixed quoting", Severity.WARNING,
                end_line=9, source="x: 'single'"),
        Finding(SPACED, 12, 7, "LK501", "misspelling", "Misspelled word 'teh'", Severity.INFO,
                end_column=10, subject="teh", source="I saw teh cat"),
        Finding("other.md", 2, 1, "LK501", "misspelling", "Misspelled word 'teh'", Severity.INFO,
                end_column=4, subject="teh", source="teh end"),
        Finding("other.md", 5, 1, "LK501", "misspelling", "Misspelled word 'teh'", Severity.INFO,
                end_column=4, subject="teh", source="teh again"),
        Finding("broken.md", 1, 1, "LK000", "internal-error", "rule crashed: KeyError", Severity.ERROR),
    ]


def make_result(found: list[Finding] | None = None, **kwargs) -> RunResult:
    found = findings() if found is None else found
    found.sort(key=lambda f: f.sort_key)
    kwargs.setdefault("files_checked", 4)
    return RunResult(found, rules=dict(RULES), version="9.9.9", **kwargs)


def run(fmt: str, result: RunResult | None = None, **opts) -> str:
    out = io.StringIO()
    render(make_result() if result is None else result, fmt, out, **opts)
    return out.getvalue()


def load_scorer():
    if not SCORER.is_file():
        pytest.skip(f"benchmark scorer not present at {SCORER}")
    spec = importlib.util.spec_from_file_location("lintkit_bench_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- dispatch


def test_formats_and_default_format():
    assert FORMATS == ("text", "concise", "json", "jsonl", "sarif", "github", "junit")
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"
    assert default_format({}) == "text"


def test_unknown_format_is_rejected():
    with pytest.raises(ValueError, match="unknown output format"):
        run("xml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reports_every_finding_code(fmt):
    out = run(fmt)
    for code in ("LK000", "LK201", "LK301", "LK501"):
        assert code in out


def test_render_imports_only_the_chosen_format():
    code = (
        "import io, sys\n"
        "from lintkit.report import render\n"
        "from lintkit.results import RunResult\n"
        "render(RunResult([], 0, {}), 'json', io.StringIO())\n"
        "print(sorted(m for m in sys.modules if m.startswith('lintkit.report.')), 'rich' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["['lintkit.report.json']", "False"]


# --------------------------------------------------------------------------- concise


def test_concise_lines_exactly():
    lines = run("concise").splitlines()
    assert lines == [
        "broken.md:1:1: LK000 [internal-error] rule crashed: KeyError",
        "other.md:2:1: LK501 [misspelling] Misspelled word 'teh'",
        "other.md:5:1: LK501 [misspelling] Misspelled word 'teh'",
        "posts/my post.md:3:5: LK201 [ad-markup] Ad unit: 50% of body, see line two",
        "posts/my post.md:7:3: LK301 [frontmatter-quoting] mixed quoting",
        "posts/my post.md:12:7: LK501 [misspelling] Misspelled word 'teh'",
        "Found 6 findings.",
    ]


def test_concise_singular_and_clean():
    one = make_result([findings()[1]])
    assert run("concise", one).splitlines()[-1] == "Found 1 finding."
    assert run("concise", make_result([])) == "All checks passed!\n"


# --------------------------------------------------------------------------- json / jsonl


def test_json_round_trips_with_documented_keys():
    result = make_result(suppressed=3)
    doc = json.loads(run("json", result))
    assert set(doc) == {"version", "findings", "summary"}
    assert doc["version"] == "9.9.9"
    assert doc["findings"] == [f.to_dict() for f in result.findings]
    assert doc["summary"] == result.summary()
    assert doc["summary"]["suppressed"] == 3
    ad = next(f for f in doc["findings"] if f["code"] == "LK201")
    assert ad["rule"] == "ad-markup"
    assert ad["message"] == TRICKY
    assert ad["fix"]["edits"] == [{"start": 40, "end": 80, "replacement": ""}]
    assert "source" not in ad


def test_json_clean_run():
    doc = json.loads(run("json", make_result([])))
    assert doc["findings"] == []
    assert doc["summary"]["findings"] == 0


def test_jsonl_is_one_finding_per_line_and_nothing_else():
    result = make_result()
    lines = run("jsonl", result).splitlines()
    assert [json.loads(line) for line in lines] == [f.to_dict() for f in result.findings]
    assert run("jsonl", make_result([])) == ""


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_benchmark_scorer_reads_json_and_jsonl(fmt):
    scorer = load_scorer()
    parsed, bad = scorer.parse_findings(run(fmt))
    assert bad == 0
    got = sorted((f["path"], f["line"], f["rule"]) for f in parsed)
    assert got == sorted((f.path, f.line, f.rule) for f in findings())
    assert {scorer.norm_rule(f) for f in parsed} >= {"ad-markup", "misspelling", "frontmatter-quoting"}


# --------------------------------------------------------------------------- sarif


def sarif_run(result: RunResult | None = None) -> dict:
    doc = json.loads(run("sarif", result))
    assert doc["version"] == "2.1.0"
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(doc["runs"]) == 1
    return doc["runs"][0]


def test_sarif_driver_and_rules():
    sarif = sarif_run()
    driver = sarif["tool"]["driver"]
    assert driver["name"] == "lintkit"
    assert driver["version"] == "9.9.9"
    assert "informationUri" not in driver  # optional in SARIF; lintkit has no project URL yet
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert set(by_id) == {"LK000", "LK201", "LK301", "LK501"}  # known rules + the engine error
    ad = by_id["LK201"]
    assert ad["name"] == "ad-markup"
    assert ad["shortDescription"]["text"] == AdRule.summary
    assert ad["fullDescription"]["text"] == AdRule.documentation()
    assert ad["help"]["markdown"] == AdRule.documentation()
    assert ad["defaultConfiguration"]["level"] == "error"
    assert ad["properties"]["tags"] == ["spam", "ads"]
    assert by_id["LK501"]["defaultConfiguration"]["level"] == "note"
    assert by_id["LK301"]["defaultConfiguration"]["level"] == "warning"


def test_sarif_results_point_at_their_rules_and_places():
    result = make_result()
    sarif = sarif_run(result)
    rules = sarif["tool"]["driver"]["rules"]
    assert len(sarif["results"]) == len(result.findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for res, finding in zip(sarif["results"], result.findings):
        assert res["ruleId"] == finding.code
        assert rules[res["ruleIndex"]]["id"] == finding.code
        assert res["level"] == levels[str(finding.severity)]
        assert res["message"]["text"] == finding.message
        location = res["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert "\\" not in uri and " " not in uri and not uri.startswith("/") and ":" not in uri
        region = location["region"]
        assert region["startLine"] == finding.line
        assert region["startColumn"] == finding.column
        assert region["endLine"] == finding.end_line
        assert region.get("endColumn") == finding.end_column
    ad = next(r for r in sarif["results"] if r["ruleId"] == "LK201")
    assert ad["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/my%20post.md"
    replacement = ad["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"] == {"charOffset": 40, "charLength": 40}


def test_sarif_fingerprints_are_stable_and_distinct():
    first = [r["partialFingerprints"]["lintkit/v1"] for r in sarif_run()["results"]]
    assert len(set(first)) == len(first)  # two identical 'teh' findings in other.md included
    moved = findings()
    for f in moved:
        f.line += 10
        f.end_line += 10
    assert [r["partialFingerprints"]["lintkit/v1"] for r in sarif_run(make_result(moved))["results"]] == first


def test_sarif_absolute_and_windows_style_paths():
    absolute = str(Path("/tmp/site/a b.md").resolve())
    result = make_result([Finding(absolute, 1, 1, "LK201", "ad-markup", "m", Severity.ERROR)])
    location = sarif_run(result)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"].startswith("file://") and location["uri"].endswith("/a%20b.md")
    result = make_result([Finding("./posts/x#1.md", 1, 1, "LK201", "ad-markup", "m", Severity.ERROR)])
    location = sarif_run(result)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "posts/x%231.md", "uriBaseId": "%SRCROOT%"}


# --------------------------------------------------------------------------- github


def test_github_escaping_helpers():
    assert escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_github_commands():
    lines = run("github").splitlines()
    assert len(lines) == 6
    assert (
        "::error file=posts/my post.md,line=3,col=5,endLine=3,endColumn=9,title=LK201 [ad-markup]"
        "::Ad unit: 50%25 of body, see%0Aline two"
    ) in lines
    # multi-line finding: no endColumn
    assert "::warning file=posts/my post.md,line=7,col=3,endLine=9,title=LK301 [frontmatter-quoting]::mixed quoting" in lines
    assert sum(line.startswith("::notice ") for line in lines) == 3
    assert run("github", make_result([])) == ""


def test_github_escapes_path_properties():
    result = make_result([Finding("a:b,c%.md", 1, 2, "LK501", "misspelling", "m", Severity.WARNING)])
    assert run("github", result) == "::warning file=a%3Ab%2Cc%25.md,line=1,col=2,endLine=1,title=LK501 [misspelling]::m\n"


# --------------------------------------------------------------------------- junit


def test_junit_structure_and_counts():
    root = ET.fromstring(run("junit"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "lintkit"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["broken.md", "other.md", SPACED]
    assert all(c.get("classname") == "lintkit" for c in cases)
    assert suite.get("tests") == "3"
    assert suite.get("errors") == "1"  # broken.md: internal error
    assert suite.get("failures") == "2"
    assert len(suite.findall(".//failure")) == 5
    (error,) = suite.findall(".//error")
    assert error.get("type") == "LK000"
    spaced = cases[2].findall("failure")
    assert [f.get("type") for f in spaced] == ["LK201", "LK301", "LK501"]
    assert spaced[0].get("message") == f"LK201 [ad-markup] {TRICKY}"
    assert spaced[0].text == "posts/my post.md:3:5: LK201 [ad-markup] Ad unit: 50% of body, see line two"


def test_junit_clean_run_has_one_passing_case():
    suite = ET.fromstring(run("junit", make_result([]))).find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 1 and len(cases[0]) == 1 and cases[0][0].tag == "system-out"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")


def test_junit_escapes_markup_and_control_characters():
    message = 'bad <ins> & "quotes" \x01 here'
    result = make_result([Finding("a&b.md", 1, 1, "LK201", "ad-markup", message, Severity.ERROR)])
    failure = ET.fromstring(run("junit", result)).find(".//failure")
    assert failure.get("message") == 'LK201 [ad-markup] bad <ins> & "quotes" \ufffd here'
    assert failure.text.startswith("a&b.md:1:1: ")


# --------------------------------------------------------------------------- text


def test_text_plain_report():
    out = run("text", color=False)
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert SPACED in lines  # file header
    ad_line = next(line for line in lines if "LK201" in line)
    assert "3:5  LK201 [ad-markup]  Ad unit: 50% of body, see" in ad_line
    assert "error" in ad_line
    assert "line two" in lines[lines.index(ad_line) + 1]
    # source line, trimmed, with the caret under column 5 of the untrimmed line
    source_line = next(line for line in lines if '<ins class="adsbygoogle"></ins>' in line)
    assert source_line.endswith('| <ins class="adsbygoogle"></ins>')
    caret_line = lines[lines.index(source_line) + 1]
    start = caret_line.index("^")
    assert source_line[start : start + 4] == "<ins"
    assert caret_line.strip() == "| ^^^^"
    assert any("fix (safe): remove the ad block" in line for line in lines)
    # the misspelling at 12:7 underlines "teh"
    spell_source = next(line for line in lines if line.endswith("| I saw teh cat"))
    spell_caret = lines[lines.index(spell_source) + 1]
    assert spell_source[spell_caret.index("^") :].startswith("teh")
    assert spell_caret.count("^") == 3


def test_text_summary():
    lines = run("text", make_result(suppressed=2), color=False).splitlines()
    assert "6 findings in 3 files (4 files checked): 2 errors, 1 warning, 3 info." in lines
    rule_rows = {line.split()[1]: line.split() for line in lines if line.startswith("  ") and len(line.split()) >= 3
                 and line.split()[0].isdigit()}
    assert rule_rows["LK501"][:3] == ["3", "LK501", "misspelling"]
    assert rule_rows["LK201"] == ["1", "LK201", "ad-markup", "fixable"]
    assert "fixable" not in rule_rows["LK301"]
    assert any("2 findings suppressed" in line for line in lines)


def test_text_clean_run():
    out = run("text", make_result([], files_checked=4), color=False)
    assert out.strip() == "No findings in 4 files."
    out = run("text", make_result([], files_checked=1, suppressed=1), color=False)
    assert "No findings in 1 file." in out and "1 finding suppressed" in out


def test_text_without_source():
    out = run("text", color=False, show_source=False)
    assert "adsbygoogle" not in out and "^" not in out
    assert "3:5  LK201 [ad-markup]" in out


def test_text_colour_choice(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" in run("text", color=True)
    assert "\x1b[" not in run("text")  # StringIO is not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("text")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("text")
    assert "\x1b[" in run("text", color=True)  # an explicit choice wins


def test_text_never_wraps_long_lines():
    message = "word " * 80
    result = make_result([Finding("deep/" * 10 + "post.md", 120, 45, "LK501", "misspelling", message, Severity.INFO)])
    for color in (False, True):
        lines = ANSI.sub("", run("text", result, color=color)).splitlines()
        finding_line = next(line for line in lines if "LK501 [misspelling]" in line)
        assert "120:45" in finding_line and finding_line.rstrip().endswith("word")
        assert finding_line.count("word") == 80


def test_text_keeps_brackets_literal():
    result = make_result([Finding("a.md", 1, 1, "LK501", "misspelling", "[bold]not markup[/bold]", Severity.INFO)])
    assert "[bold]not markup[/bold]" in run("text", result, color=True)


def test_excerpt_windows_long_lines_around_the_column():
    source = "a" * 200 + "TARGET" + "b" * 200
    text, start, length = excerpt(source, 201, 207, False)
    assert len(text) <= 130 and text.startswith("...") and text.endswith("...")
    assert text[start : start + length] == "TARGET"
    assert excerpt("   \t ", 1, None, False) is None
    assert excerpt("\tx = 1", 2, None, False) == ("x = 1", 0, 1)
    assert excerpt("abc", 0, None, False) == ("abc", 0, 0)
    text, start, length = excerpt("  key: value", 3, None, True)
    assert (text, start, length) == ("key: value", 0, 10)


def test_plain_text_is_what_rich_prints_without_colour(monkeypatch):
    # Without colour the text report skips rich's per-line layout; the bytes must not change.
    from lintkit.report import text as text_report

    odd = [
        Finding("tabs\tand [brackets].md", 4, 3, "LK501", "misspelling", "Misspelled word 'teh'\tin [bold]x[/bold]",
                Severity.INFO, end_column=6, subject="teh", source="\tI\tsaw teh cat\x07 中文 [b] :smile:"),
        Finding("wide.md", 1, 1, "LK101", "duplicate-body", "two\nlines of message", Severity.WARNING,
                source="é  trailing  \r"),
    ]
    result = make_result(findings() + odd)
    fast = run("text", result, color=False)
    monkeypatch.setattr(text_report, "PlainConsole", lambda stream: text_report.make_console(stream, False))
    assert fast == run("text", result, color=False)
    assert "\x1b[" not in fast and "\t" not in fast and "中文 [b] :smile:" in fast


@pytest.mark.parametrize("color", [False, True])
def test_control_characters_of_a_post_cannot_drive_the_terminal(color):
    # A post's title or text lands in messages and source lines: its escape sequences are shown,
    # one visible character each, so the underline still sits under the flagged word.
    evil = Finding("evil.md", 3, 11, "LK501", "misspelling", "Misspelled word 'teh\x1b]0;owned\x07'\nsecond\x9b2J line",
                   Severity.INFO, end_column=14, subject="teh", source="\x1b[2Jab\x1bcd teh end\r\n")
    out = run("text", make_result([evil]), color=color)
    concise = run("concise", make_result([evil]))
    for text in (out, concise):
        assert "\x1b]" not in text and "\x1b[2J" not in text and "\x07" not in text and "\x9b" not in text
    assert "\u241b]0;owned\u2407" in out and "second\ufffd2J line" in out
    plain = run("text", make_result([evil]), color=False)
    source_line = next(ln for ln in plain.splitlines() if ln.rstrip().endswith("teh end"))
    caret_line = plain.splitlines()[plain.splitlines().index(source_line) + 1]
    assert source_line.endswith("| \u241b[2Jab\u241bcd teh end")
    assert source_line.index("teh") == caret_line.index("^^^") and caret_line.count("^") == 3


def test_github_annotations_show_control_characters():
    # the Actions log renders escape sequences: a title's ESC must not colour or rewrite it,
    # while a newline is still percent-encoded as the runner's syntax requires
    evil = Finding("evil.md", 1, 1, "LK501", "misspelling", "word 'teh\x1b[31m'\nnext", Severity.WARNING)
    out = run("github", make_result([evil]))
    assert "\x1b" not in out and out.endswith("::word 'teh\u241b[31m'%0Anext\n")
