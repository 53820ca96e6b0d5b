"""SARIF 2.1.0 format, for GitHub code scanning and other static-analysis dashboards.

One run. ``tool.driver.rules`` describes every known rule (plus any rule a finding names that
is not known, such as engine errors), sorted by code: ``id`` is the code, ``name`` the
kebab-case name, ``help`` the rule's documentation. Each result has ``ruleId``/``ruleIndex``,
a ``level`` (error, warning, note), the location as a relative, percent-encoded URI with
forward slashes (against ``%SRCROOT%``) and a region in Unicode code points
(``columnKind: unicodeCodePoints``; end columns exclusive, as in SARIF), a
``partialFingerprints["lintkit/v1"]`` built from path, code and subject (or message) so that
results survive lines moving, and ``fixes`` when the finding has a fix. Fix offsets count
characters of the decoded text, so they are off by one in a file that starts with a BOM.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePath, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from ..results import RunResult
from ..rule import Finding, Rule, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "lintkit/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict[str, str]:
    """A relative path as a percent-encoded, forward-slash URI against ``%SRCROOT%``;
    an absolute path as a ``file:`` URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    posix = str(PurePosixPath(pure.as_posix()))  # drops "./" and doubled slashes
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    doc = rule.documentation()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.tags)},
    }


def _unknown_rule_descriptor(finding: Finding) -> dict[str, Any]:
    """For a finding whose code is not among the run's rules (an engine error, say)."""
    return {
        "id": finding.code,
        "name": finding.rule,
        "shortDescription": {"text": finding.rule},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": []},
    }


def region(finding: Finding) -> dict[str, Any] | None:
    if finding.line < 1:
        return None
    out: dict[str, Any] = {"startLine": finding.line}
    if finding.column >= 1:
        out["startColumn"] = finding.column
    out["endLine"] = finding.end_line
    if finding.end_column is not None and finding.column >= 1:
        out["endColumn"] = finding.end_column
    if finding.source.strip():
        out["snippet"] = {"text": finding.source.rstrip("\r\n")}
    return out


def fingerprint(finding: Finding) -> str:
    """Stable across runs while the finding's file, rule and subject stay the same."""
    key = "\0".join((PurePath(finding.path).as_posix(), finding.code, finding.subject or finding.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result_object(finding: Finding, rule_index: int, partial_fingerprint: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(finding.path)}
    where = region(finding)
    if where is not None:
        physical["region"] = where
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: partial_fingerprint},
    }
    if finding.fix is not None:
        out["fixes"] = [
            {
                "description": {"text": finding.fix.description or f"{finding.fix.safety} fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(finding.path),
                        "replacements": [
                            {
                                "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
                                "insertedContent": {"text": edit.replacement},
                            }
                            for edit in finding.fix.edits
                        ],
                    }
                ],
                "properties": {"safety": str(finding.fix.safety)},
            }
        ]
    return out


def document(result: RunResult) -> dict[str, Any]:
    descriptors = [rule_descriptor(result.rules[code]) for code in sorted(result.rules)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for finding in result.findings:
        if finding.code not in index:
            index[finding.code] = len(descriptors)
            descriptors.append(_unknown_rule_descriptor(finding))
    # Identical findings in one file are told apart by their rank (":1", ":2"), as GitHub does.
    seen: Counter[str] = Counter()
    results = []
    for finding in result.findings:
        digest = fingerprint(finding)
        seen[digest] += 1
        results.append(result_object(finding, index[finding.code], f"{digest}:{seen[digest]}"))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lintkit",
                        "version": result.version,
                        "rules": descriptors,
                    }
                },
                "invocations": [{"executionSuccessful": result.internal_errors == 0}],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(result: RunResult, stream: TextIO, **_: object) -> None:
    json.dump(document(result), stream, indent=2)
    stream.write("\n")
