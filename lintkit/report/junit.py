"""JUnit XML format, for the test-report views of CI systems (GitLab, Jenkins, Azure...).

    <testsuites name="lintkit" tests="2" failures="2" errors="0">
      <testsuite name="lintkit" tests="2" failures="2" errors="0" skipped="0" time="0.120">
        <testcase classname="lintkit" name="posts/a.md" file="posts/a.md">
          <failure message="LK201 [ad-markup] ..." type="LK201">posts/a.md:3:5: LK201 [ad-markup] ...</failure>

One test case per file with findings, holding one ``<failure>`` per finding; findings of the
``internal-error`` rule become ``<error>`` elements. ``tests`` counts test cases, ``failures``
the cases with a failure and no error, ``errors`` the cases with an error, as the JUnit schema
means them. A clean run has one passing test case named ``lintkit``, so CI shows the run.
Characters that XML 1.0 cannot hold are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..results import RunResult
from ..rule import Finding
from ._common import headline, plural

SUITE = "lintkit"
INTERNAL_ERROR = "internal-error"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case(path: str, findings: list[Finding]) -> ET.Element:
    case = ET.Element("testcase", classname=SUITE, name=xml_text(path), file=xml_text(path))
    for finding in findings:
        tag = "error" if finding.rule == INTERNAL_ERROR else "failure"
        message = xml_text(f"{finding.code} [{finding.rule}] {finding.message}")
        element = ET.SubElement(case, tag, message=message, type=finding.code)
        element.text = xml_text(headline(finding))
    return case


def document(result: RunResult) -> ET.Element:
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    cases = [_case(path, findings) for path, findings in by_path.items()]
    errors = sum(1 for case in cases if case.find("error") is not None)
    failures = sum(1 for case in cases if case.find("error") is None and case.find("failure") is not None)
    if not cases:
        passing = ET.Element("testcase", classname=SUITE, name=SUITE)
        ET.SubElement(passing, "system-out").text = f"No findings in {plural(result.files_checked, 'file')}."
        cases.append(passing)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", name=SUITE, **counts)
    suite = ET.SubElement(root, "testsuite", name=SUITE, **counts, skipped="0", time=f"{result.elapsed:.3f}")
    suite.extend(cases)
    return root


def render(result: RunResult, stream: TextIO, **_: object) -> None:
    tree = ET.ElementTree(document(result))
    ET.indent(tree)
    tree.write(stream, encoding="unicode", xml_declaration=True)
    stream.write("\n")
