"""Hostile input (issue 7): no input makes lintkit crash, hang, blow up memory, run code or lose
a byte. Every input is generated here (tests/hostile_inputs.py); nothing large is committed.

Each hostile file must get its own finding (a parse-error saying why, or, for odd but valid
Markdown, the ad-markup finding of the ad snippet it ends with: proof its body was checked), the
other files of the run are still checked, and the exit code is 1 for findings in files and 2 for
usage, config or internal errors. Time bounds are pytest-timeout guards (generous: a hang or a
quadratic blow-up misses them by far), never timed assertions.

Regex safety: tests/test_hostile_regex.py. Property tests: tests/test_hostile_props.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile_inputs import AD, FM, MB, write_hostile, write_path_cases
from plugin_install import install_plugin
from lintkit.config import Settings
from lintkit.runner import discover_files, exit_code, run

ROOT = Path(__file__).resolve().parents[1]
CRASH_PLUGIN = ROOT / "tests" / "fixtures" / "plugin_crash"
IS_ROOT = os.geteuid() == 0


def lintkit(args: list[str], cwd: Path, pythonpath: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "lintkit", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=timeout)


def by_file(findings) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(os.path.basename(f.path), []).append(f)
    return out


def assert_expected(findings, expected) -> None:
    got = by_file(findings)
    missing = []
    for name, e in expected.items():
        fs = got.get(name, [])
        if not any(f.rule == e.rule and e.text in f.message for f in fs):
            missing.append((name, e, [(f.rule, f.message[:80]) for f in fs]))
    assert not missing, missing
    assert not [f for f in findings if f.rule == "internal-error"]


# --------------------------------------------------------------------------- every hostile file


@pytest.mark.timeout(150)
def test_every_hostile_file_gets_its_finding_and_nothing_runs(tmp_path):
    """The whole set in one parallel run: front matter, body and name cases, a 50 MB file, a
    10 MB line, 100,000 links, a FIFO and symlink loops. No unsafe YAML tag runs code."""
    pwned = tmp_path / "PWNED"
    site = tmp_path / "site"
    expected = write_hostile(site, big=True, pwned=str(pwned))
    expected.update(write_path_cases(site))
    (site / "ok.md").write_text(FM + "A fine post about nothing in particular.\n")
    res = run([str(site)], Settings(), jobs=2)
    assert_expected(res.findings, expected)
    assert "ok.md" not in by_file(res.findings)  # checked, and clean
    assert res.files_checked == len(expected) + 1
    assert exit_code(res) == 1
    assert not pwned.exists()


@pytest.mark.timeout(60)
def test_cli_over_hostile_files_exit_1_no_traceback(tmp_path):
    site = tmp_path / "site"
    expected = write_hostile(site, big=False)
    expected.update(write_path_cases(site))
    res = lintkit(["check", ".", "--format", "concise", "--no-cache"], site)
    out, err = res.stdout.decode("utf-8", "replace"), res.stderr.decode("utf-8", "replace")
    assert res.returncode == 1, err
    assert "Traceback" not in out + err
    for name in expected:
        shown = name.replace("\n", "\\n")  # a newline in a name must not split a finding line
        assert any(line.startswith(shown + ":") or line.startswith(f'"{shown}":') for line in out.splitlines()) \
            or shown in out, name


@pytest.mark.timeout(60)
def test_file_just_under_and_just_over_the_size_limit(tmp_path):
    limit = 2 * MB
    under, over = tmp_path / "under.md", tmp_path / "over.md"
    under.write_bytes((FM + "word " * ((limit - 200) // 5) + AD).encode())
    over.write_bytes(under.read_bytes() + b"x" * (limit - under.stat().st_size + 1))
    assert under.stat().st_size <= limit < over.stat().st_size
    res = run([str(tmp_path)], Settings(max_file_size=limit), jobs=1)
    got = by_file(res.findings)
    assert [f.rule for f in got["under.md"]] == ["ad-markup"]
    assert [f.rule for f in got["over.md"]] == ["parse-error"] and "max-file-size" in got["over.md"][0].message


def test_empty_file_and_empty_front_matter_are_checked_cleanly(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "empty-fm.md").write_text("---\n---\n")
    (tmp_path / "bom-only.md").write_bytes(b"\xef\xbb\xbf")
    res = run([str(tmp_path)], Settings(), jobs=1)
    assert res.files_checked == 3 and res.extra["parsed"] == 3
    assert not [f for f in res.findings if f.rule in ("parse-error", "internal-error")]


def test_lone_cr_and_mixed_newlines_keep_line_numbers(tmp_path):
    (tmp_path / "cr.md").write_bytes(b"---\rtitle: x\r---\rone\r\r<ins class=\"adsbygoogle\"></ins>\r")
    (tmp_path / "mixed.md").write_bytes(b"---\r\ntitle: x\n---\r\none\n\r\n<ins class=\"adsbygoogle\"></ins>\r\n")
    res = run([str(tmp_path)], Settings(), jobs=1)
    assert {(os.path.basename(f.path), f.rule, f.line) for f in res.findings} == {
        ("cr.md", "ad-markup", 6), ("mixed.md", "ad-markup", 6)}


# --------------------------------------------------------------------------- paths


def test_missing_path_is_exit_2_with_message_and_the_rest_is_checked(tmp_path):
    (tmp_path / "ok.md").write_text(FM + AD)
    res = lintkit(["check", "ok.md", "nope.md", "--format", "concise", "--no-cache"], tmp_path)
    err = res.stderr.decode()
    assert res.returncode == 2 and "nope.md: no such file or directory" in err and "Traceback" not in err
    assert "ok.md:6:1: LK201" in res.stdout.decode()
    res = lintkit(["check", "nope.md"], tmp_path)
    assert res.returncode == 2 and b"no such file" in res.stderr


@pytest.mark.skipif(IS_ROOT, reason="root can read any folder or file")
def test_unreadable_folder_and_file(tmp_path):
    (tmp_path / "ok.md").write_text(FM + AD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.md").write_text(FM + "x\n")
    secret = tmp_path / "secret.md"
    secret.write_text(FM + "x\n")
    locked.chmod(0)
    secret.chmod(0)
    try:
        res = lintkit(["check", ".", "--format", "concise", "--no-cache"], tmp_path)
        out, err = res.stdout.decode(), res.stderr.decode()
        assert res.returncode == 1 and "Traceback" not in err
        assert "locked" in err and "cannot read folder" in err
        assert "secret.md:1:1: LK001" in out and "ok.md" in out
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)


def test_unreadable_file_as_root_is_still_a_finding(tmp_path, monkeypatch):
    """Whoever runs the suite: a read that fails with EACCES is a per-file finding."""
    (tmp_path / "ok.md").write_text(FM + AD)
    (tmp_path / "secret.md").write_text(FM + "x\n")
    real_open = open

    def fake_open(path, *a, **kw):
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    import builtins

    monkeypatch.setattr(builtins, "open", fake_open)
    res = run([str(tmp_path)], Settings(), jobs=1)
    got = by_file(res.findings)
    assert got["secret.md"][0].rule == "parse-error" and "Permission denied" in got["secret.md"][0].message
    assert [f.rule for f in got["ok.md"]] == ["ad-markup"]


def test_file_vanishing_during_the_run(tmp_path, monkeypatch):
    for i in range(40):
        (tmp_path / f"p{i:02d}.md").write_text(FM + f"post {i}" + AD)
    import lintkit.runner as runner

    real = runner.discover_files

    def discover_then_delete(paths, settings):
        targets, warnings = real(paths, settings)
        for name in ("p03.md", "p20.md", "p39.md"):
            (tmp_path / name).unlink()
        return targets, warnings

    monkeypatch.setattr(runner, "discover_files", discover_then_delete)
    res = run([str(tmp_path)], Settings(), jobs=2)
    got = by_file(res.findings)
    for name in ("p03.md", "p20.md", "p39.md"):
        assert [f.rule for f in got[name]] == ["parse-error"] and "disappeared" in got[name][0].message
    assert sum(1 for fs in got.values() for f in fs if f.rule == "ad-markup") == 37
    assert exit_code(res) == 1


def test_symlink_loops_and_fifo_named_on_the_command_line(tmp_path):
    write_path_cases(tmp_path)
    (tmp_path / "ok.md").write_text(FM + AD)
    res = lintkit(["check", "path-fifo.md", "path-dir-loop", "ok.md", "--format", "concise", "--no-cache"],
                  tmp_path, timeout=60)
    out = res.stdout.decode()
    assert res.returncode == 1, res.stderr
    assert "path-fifo.md:1:1: LK001" in out and "ok.md:6:1: LK201" in out
    # a symlink loop named on the command line cannot be reached: a usage error, the rest is checked
    res = lintkit(["check", "path-self-loop.md", "ok.md", "--format", "concise", "--no-cache"], tmp_path, timeout=60)
    assert res.returncode == 2 and b"path-self-loop.md: cannot access: Too many levels of symbolic links" in res.stderr
    assert "ok.md:6:1: LK201" in res.stdout.decode()


@pytest.mark.timeout(100)
def test_ten_thousand_files_in_one_folder(tmp_path):
    site = tmp_path / "many"
    site.mkdir()
    for i in range(10_000):
        (site / f"p{i:05d}.md").write_bytes(
            (FM + f"Post number {i}.\n" + (AD if i % 1000 == 7 else "")).encode())
    res = lintkit(["check", ".", "--format", "concise", "--no-cache", "--select", "ad-markup,parse-error"], site,
                  timeout=90)
    lines = res.stdout.decode().splitlines()
    assert res.returncode == 1, res.stderr
    assert sorted(line.split(":")[0] for line in lines if "LK201" in line) == [f"p{i:05d}.md" for i in range(7, 10_000, 1000)]


# --------------------------------------------------------------------------- config


@pytest.mark.parametrize(
    "toml, line, message",
    [
        ('select = ["ALL"]\nselct = ["ALL"]\n', 2, "unknown key 'selct' (did you mean 'select'?)"),
        ('max-file-size = "big"\n', 1, "'max-file-size' must be a positive integer"),
        ("\n\nmax-file-size = -5\n", 3, "'max-file-size' must be a positive integer"),
        ('fail-on = "fatal"\n', 1, "unknown severity 'fatal'"),
        ("[rules.duplicate-body]\nthreshold = 7\n", 2, "must be <= 1.0"),
        ("[rules.duplicate-body]\nmin-words = 0\n", 2, "min-words"),
        ('[rules.duplicate-body]\nmin-words = "x"\n', 2, "expected an integer"),
        ("[rules.ad-markup]\nnope = 1\n", 2, "has no option 'nope'"),
        ("[rules.no-such-rule]\nx = 1\n", 1, "no-such-rule"),
        ('select = ["LK201"\nfoo = 1\n', 2, "invalid TOML"),
        ("select = [\n", 1, "invalid TOML"),
        ('title = "\x00"\n', 1, "invalid TOML"),
    ],
    ids=["unknown-key", "wrong-type", "negative-size", "bad-severity", "out-of-range", "below-minimum",
         "option-type", "unknown-option", "unknown-rule", "malformed-toml", "truncated-toml", "nul-in-toml"],
)
def test_config_errors_exit_2_with_file_and_line(tmp_path, toml, line, message):
    (tmp_path / "a.md").write_text(FM + "fine\n")
    (tmp_path / "lintkit.toml").write_text(toml)
    res = lintkit(["check", "."], tmp_path, timeout=60)
    err = res.stderr.decode()
    assert res.returncode == 2, (res.stdout, err)
    assert "Traceback" not in err
    assert f"lintkit.toml:{line}:" in err and message in err, err


def test_config_that_is_not_utf8_or_not_a_file(tmp_path):
    (tmp_path / "a.md").write_text(FM + "fine\n")
    (tmp_path / "lintkit.toml").write_bytes(b"select = [\"\xff\"]\n")
    res = lintkit(["check", "."], tmp_path, timeout=60)
    assert res.returncode == 2 and "lintkit.toml" in res.stderr.decode() and b"Traceback" not in res.stderr
    res = lintkit(["check", ".", "--config", str(tmp_path)], tmp_path, timeout=60)
    assert res.returncode == 2 and b"Traceback" not in res.stderr


def test_unknown_rule_in_a_suppression_comment_is_a_finding(tmp_path):
    (tmp_path / "a.md").write_text(FM + "text\n\n<!-- lintkit-disable-next-line ad-markupp, LK999 -->\n" + AD)
    res = lintkit(["check", ".", "--format", "concise", "--no-cache"], tmp_path, timeout=60)
    out = res.stdout.decode()
    assert res.returncode == 1
    assert "a.md:6:1: LK003 [invalid-suppression]" in out or "invalid-suppression" in out
    assert "'ad-markupp' (did you mean 'ad-markup'?)" in out and "'LK999'" in out
    assert "LK201" in out  # the comment named no known rule: nothing is suppressed


def test_config_and_posts_cannot_load_code(tmp_path):
    """Plugins load only from installed entry points: a rule module named in config or a post
    is not imported."""
    marker = tmp_path / "IMPORTED"
    (tmp_path / "evil_rules.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "a.md").write_text("---\ntitle: x\nplugins: [evil_rules]\nrules: evil_rules\n---\n"
                                   "<!-- lintkit-disable evil_rules -->\n" + AD)
    (tmp_path / "lintkit.toml").write_text('select = ["evil_rules"]\n')
    res = lintkit(["check", "."], tmp_path, timeout=60)
    assert res.returncode == 2 and "evil_rules" in res.stderr.decode()
    (tmp_path / "lintkit.toml").write_text('extend-select = ["evil_rules:Rule"]\n[rules.evil_rules]\nx = 1\n')
    res = lintkit(["check", "."], tmp_path, timeout=60)
    assert res.returncode == 2
    (tmp_path / "lintkit.toml").unlink()
    res = lintkit(["check", "."], tmp_path, timeout=60)
    assert res.returncode == 1
    assert not marker.exists()


# --------------------------------------------------------------------------- a worker that dies


@pytest.fixture(scope="module")
def crash_plugin(tmp_path_factory) -> Path:
    return install_plugin(CRASH_PLUGIN, tmp_path_factory.mktemp("crash-plugin-site"), tmp_path_factory.mktemp("crash-plugin-src"))


@pytest.mark.timeout(120)
def test_a_worker_dying_on_one_file_costs_only_that_file(crash_plugin, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for i in range(60):
        body = "LINTKIT-TEST-KILL-WORKER\n" if i in (5, 41) else f"Post {i}.\n"
        (site / f"p{i:02d}.md").write_text(FM + body + AD)
    res = lintkit(["check", ".", "--format", "concise", "--no-cache", "--jobs", "2"], site, crash_plugin)
    out, err = res.stdout.decode(), res.stderr.decode()
    assert res.returncode == 2, err
    assert "Traceback" not in err and "BrokenProcessPool" not in out + err
    lines = out.splitlines()
    internal = sorted(line.split(":")[0] for line in lines if "[internal-error]" in line)
    assert internal == ["p05.md", "p41.md"], out
    assert "worker process checking this file died" in out
    ads = sorted(line.split(":")[0] for line in lines if "[ad-markup]" in line)
    assert ads == sorted(f"p{i:02d}.md" for i in range(60) if i not in (5, 41))


# --------------------------------------------------------------------------- killing --fix


def _fix_site(folder: Path, n: int) -> dict[str, bytes]:
    folder.mkdir()
    old = {}
    rnd = random.Random(7)
    for i in range(n):
        nl = "\r\n" if i % 3 == 0 else "\n"
        text = (FM + f"Post {i} says {'hello ' * rnd.randint(1, 2000)}\n" + AD).replace("\n", nl)
        data = ("\ufeff" if i % 5 == 0 else "").encode() + text.encode()
        (folder / f"p{i:03d}.md").write_bytes(data)
        old[f"p{i:03d}.md"] = data
    return old


@pytest.mark.timeout(150)
def test_sigkill_during_fix_leaves_each_file_old_or_new(tmp_path):
    n = 150
    ref = tmp_path / "ref"
    old = _fix_site(ref, n)
    args = ["check", ".", "--fix", "--no-cache", "--select", "ad-markup", "--format", "concise", "--jobs", "2"]
    started = time.perf_counter()
    res = lintkit(args, ref)
    full = time.perf_counter() - started
    assert res.returncode == 0, res.stderr
    new = {name: (ref / name).read_bytes() for name in old}
    assert all(new[k] != old[k] and b"adsbygoogle" not in new[k] for k in old)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    rnd = random.Random(11)
    mixed_seen = 0
    for trial in range(6):
        site = tmp_path / f"t{trial}"
        site.mkdir()
        for name, data in old.items():
            (site / name).write_bytes(data)
        inodes = {e.name: e.inode() for e in os.scandir(site)}
        proc = subprocess.Popen([sys.executable, "-m", "lintkit", *args], cwd=site, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if trial % 2:  # a random moment of the run: often before the writes or after them
            time.sleep(rnd.uniform(0.3, max(0.6, full * 0.9)))
        else:  # the moment the first file is replaced (a rename gives it a new inode): among the writes
            deadline = time.monotonic() + 60
            while proc.poll() is None and time.monotonic() < deadline and all(
                    inodes.get(e.name) == e.inode() for e in os.scandir(site) if e.name in inodes):
                time.sleep(0.0005)
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its workers, mid-run
        proc.wait()
        states = []
        for name in old:
            data = (site / name).read_bytes()
            assert data in (old[name], new[name]), f"trial {trial}: {name} is neither old nor new"
            states.append(data == new[name])
        mixed_seen += 0 < sum(states) < n  # a kill that landed among the writes
        leftovers = [p.name for p in site.iterdir() if p.name not in old]
        assert all(name.endswith(".lintkit-tmp") and name.startswith(".") for name in leftovers), leftovers
        targets, _ = discover_files([str(site)], Settings())
        assert sorted(Path(t.path).name for t in targets) == sorted(old)  # temp files are never posts
        # a second run finishes the job
        res = lintkit(args, site)
        assert res.returncode == 0
        assert all((site / name).read_bytes() == new[name] for name in old)
    # The kills timed by the first rename land among the writes (150 writes outlast a poll step),
    # so the old-or-new check above really ran on a half-fixed site.
    assert mixed_seen >= 1, "no kill landed among the writes"
