"""Detection quality on the labelled benchmarks in ../shared/bench (skipped when absent).

Each set is linted once, in one run, and scored with the benchmark's own score.py. The floors
in benchmark_floors.json are the accepted minimum F1, recall and line accuracy and maximum false
positives per 100 clean posts per rule: a drop below a floor turns CI red. Raise a floor when a rule gets better.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from lintkit.config import Settings
from lintkit.registry import discover
from lintkit.runner import run

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench"
FLOORS = json.loads((Path(__file__).with_name("benchmark_floors.json")).read_text())

# benchmark -> folder of posts it labels
SETS = {
    "bench-dev": BENCH / "bench-dev" / "corpus",
    "spam-dev": SHARED / "corpus" / "spam",
    "clean-dev-labels": SHARED / "corpus" / "clean",
}

pytestmark = pytest.mark.skipif(not (BENCH / "score.py").is_file(), reason="../shared/bench is not present")


def _scorer():
    spec = importlib.util.spec_from_file_location("lintkit_bench_score", BENCH / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request):
    name = request.param
    folder = SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    result = run([str(folder)], Settings(root=folder), discover())
    findings = [f.to_dict() for f in result.findings]
    return name, _scorer().score(str(BENCH / name), findings), result


def test_no_internal_errors(scored):
    name, _, result = scored
    assert result.internal_errors == 0, [f.message for f in result.findings if f.rule == "internal-error"][:5]


def test_rules_hold_their_floors(scored):
    name, res, _ = scored
    problems = []
    for rule, floor in FLOORS.get(name, {}).items():
        fam = res["families"][rule]
        if "f1" in floor and (fam["f1"] or 0.0) < floor["f1"]:
            problems.append(f"{rule}: F1 {fam['f1']:.3f} < floor {floor['f1']}")
        if "fp_per_100" in floor and (fam["fp_per_100_clean"] or 0.0) > floor["fp_per_100"]:
            problems.append(f"{rule}: {fam['fp_per_100_clean']:.2f} false positives per 100 clean posts > {floor['fp_per_100']}")
        if "recall" in floor and (fam["recall"] or 0.0) < floor["recall"]:
            problems.append(f"{rule}: recall {fam['recall'] or 0.0:.3f} < floor {floor['recall']}")
        if "loc" in floor and (fam["loc"] or 0.0) < floor["loc"]:
            problems.append(f"{rule}: line accuracy {fam['loc']:.3f} < floor {floor['loc']}")
    assert not problems, f"{name}: " + "; ".join(problems)


def test_negative_controls_not_flagged(scored):
    """Look-alikes labelled as controls (on-topic related lists, ad snippets shown in code) stay silent."""
    name, res, _ = scored
    flagged = {control: n for control, n in (res.get("controls_flagged") or {}).items() if n}
    assert not flagged, f"{name}: negative controls flagged: {flagged}"
