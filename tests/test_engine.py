"""The engine with stand-in rules: selection, config, suppressions, errors, exit codes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from lintkit.config import ConfigError, Settings, apply_cli, load_settings
from lintkit.engine_rules import ENGINE_RULES
from lintkit.registry import Registry, RegistryError
from lintkit.rule import Option, Rule, Severity
from lintkit.runner import UsageError, exit_code, run


class ShoutRule(Rule):
    """Flags lines written in capitals (a stand-in rule for engine tests)."""

    code = "TS101"
    name = "shout"
    summary = "Line in capitals"
    severity = Severity.WARNING
    tags = ("style",)
    options = {"min-length": Option(5, int, "shortest shouted line", minimum=1)}

    def check(self, post):
        for p in post.prose:
            t = p.text.strip()
            if len(t) >= self.config["min-length"] and t.isupper():
                yield self.finding(post.path, p.line, p.text.index(t) + 1, f"shouting: {t!r}")


class CrashRule(Rule):
    code = "TS102"
    name = "crash"
    summary = "Always crashes"
    tags = ("buggy",)

    def check(self, post):
        raise RuntimeError("boom")


class CountCorpus(Rule):
    code = "TS201"
    name = "same-title"
    summary = "Two posts share a title"
    scope = "corpus"

    def collect(self, post):
        return post.title

    def check_corpus(self, summaries, site):
        seen = {}
        for path in sorted(summaries):
            seen.setdefault(summaries[path], []).append(path)
        for title, paths in seen.items():
            if len(paths) > 1:
                for p in paths:
                    if site.reports(p):
                        yield self.finding(p, 2, 1, f"title {title!r} shared by {len(paths)} posts")


def registry(*extra) -> Registry:
    reg = Registry()
    for cls in ENGINE_RULES:
        reg.add(cls, "engine")
    for cls in (ShoutRule, CountCorpus, *extra):
        reg.add(cls, "test")
    return reg


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def post(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n{body}"


def check(tmp: Path, reg: Registry, settings: Settings | None = None, **kw):
    settings = settings or load_settings(reg, start=tmp)
    return run([str(tmp)], settings, reg, jobs=1, **kw)


def test_findings_lines_and_sorting(tmp_path):
    write(tmp_path, "b.md", post("B", "quiet\n\nTHIS IS LOUD\n"))
    write(tmp_path, "a.md", post("A", "\nLOUD AGAIN HERE\n"))
    res = check(tmp_path, registry())
    assert [(Path(f.path).name, f.line, f.column, f.rule) for f in res.findings] == [
        ("a.md", 5, 1, "shout"),
        ("b.md", 6, 1, "shout"),
    ]
    assert res.files_checked == 2
    assert exit_code(res) == 1
    assert res.findings[0].source == "LOUD AGAIN HERE"


def test_selection_by_code_prefix_name_tag(tmp_path):
    reg = registry(CrashRule)
    s = Settings()
    assert {"TS101", "TS102"} <= s.enabled_codes(reg)
    s.select = ["TS1"]
    assert s.enabled_codes(reg) == {"TS101", "TS102", "LK002"}
    s.select, s.ignore = ["ALL"], ["buggy", "same-title"]
    assert "TS102" not in s.enabled_codes(reg) and "TS201" not in s.enabled_codes(reg)
    s.select, s.ignore = ["shout"], []
    assert s.enabled_codes(reg) == {"TS101", "LK002"}
    with pytest.raises(RegistryError, match="did you mean 'shout'"):
        reg.resolve("shuot")


def test_crashing_rule_is_an_internal_error_and_run_goes_on(tmp_path):
    write(tmp_path, "a.md", post("A", "LOUD LINE HERE\n"))
    write(tmp_path, "b.md", post("B", "fine\n"))
    res = check(tmp_path, registry(CrashRule))
    internal = [f for f in res.findings if f.rule == "internal-error"]
    assert len(internal) == 2 and "crash" in internal[0].message and "boom" in internal[0].message
    assert any(f.rule == "shout" for f in res.findings)
    assert exit_code(res) == 2
    assert exit_code(res, exit_zero=True) == 2


def test_parse_errors_do_not_stop_the_run(tmp_path):
    write(tmp_path, "broken.md", "---\ntitle: [oops\n---\nLOUD BODY LINE\n")
    (tmp_path / "bin.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "latin.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    write(tmp_path, "ok.md", post("Ok", "SHOUTING LINE\n"))
    res = check(tmp_path, registry())
    got = {(Path(f.path).name, f.rule, f.line) for f in res.findings}
    assert ("broken.md", "parse-error", 3) in got
    assert ("bin.md", "parse-error", 1) in got
    assert ("latin.md", "parse-error", 2) in got
    assert ("ok.md", "shout", 4) in got
    assert ("broken.md", "shout", 4) in got  # the body is still checked
    assert exit_code(res) == 1


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        run([str(tmp_path / "nope")], Settings(), registry(), jobs=1)


def test_inline_suppressions(tmp_path):
    body = (
        "<!-- lintkit-disable-next-line shout -->\n"
        "FIRST LOUD LINE\n\n"
        "SECOND LOUD LINE\n\n"
        "<!-- lintkit-disable TS101 -->\n\n"
        "THIRD LOUD LINE\n\n"
        "<!-- lintkit-enable shout -->\n\n"
        "FOURTH LOUD LINE <!-- lintkit-disable-line -->\n\n"
        "FIFTH LOUD LINE\n\n"
        "<!-- lintkit-disable-next-line no-such-rule -->\n"
        "```\n<!-- lintkit-disable-file -->\n```\n"
    )
    write(tmp_path, "a.md", post("A", body))
    res = check(tmp_path, registry())
    shouts = [f.source for f in res.findings if f.rule == "shout"]
    assert shouts == ["SECOND LOUD LINE", "FIFTH LOUD LINE"]
    invalid = [f for f in res.findings if f.rule == "invalid-suppression"]
    assert len(invalid) == 1 and "no-such-rule" in invalid[0].message and invalid[0].line == 19
    assert res.suppressed == 3


def test_disable_file_and_disable_all_then_enable_one(tmp_path):
    write(tmp_path, "a.md", post("A", "<!-- lintkit-disable-file shout -->\nLOUD LINE ONE\n"))
    write(tmp_path, "b.md", post("B", "<!-- lintkit-disable -->\nLOUD LINE TWO\n\n<!-- lintkit-enable shout -->\nLOUD LINE THREE\n"))
    res = check(tmp_path, registry())
    assert [(Path(f.path).name, f.source) for f in res.findings] == [("b.md", "LOUD LINE THREE")]


def test_config_file_options_severity_and_per_file_ignores(tmp_path):
    write(tmp_path, "lintkit.toml", """
fail-on = "error"
[rules.shout]
min-length = 20
severity = "info"
[per-file-ignores]
"drafts/*" = ["shout"]
""")
    write(tmp_path, "a.md", post("A", "SHORT LOUD\n\nA MUCH LONGER LOUD LINE HERE\n"))
    write(tmp_path, "drafts/b.md", post("B", "A MUCH LONGER LOUD LINE HERE\n"))
    reg = registry()
    res = check(tmp_path, reg)
    assert [(f.path.split("/")[-1], f.source, f.severity) for f in res.findings] == [
        ("a.md", "A MUCH LONGER LOUD LINE HERE", Severity.INFO)
    ]
    assert exit_code(res) == 0  # info is below fail-on = error
    s = load_settings(reg, start=tmp_path)
    apply_cli(s, reg, fail_on=Severity.INFO)
    assert exit_code(run([str(tmp_path)], s, reg, jobs=1)) == 1


def test_pyproject_table_found_upward(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.lintkit]\nignore = ["shout"]\n')
    write(tmp_path, "content/posts/a.md", post("A", "LOUD LOUD LOUD\n"))
    reg = registry()
    s = load_settings(reg, start=tmp_path / "content" / "posts")
    assert s.config_file == tmp_path / "pyproject.toml"
    assert "TS101" not in s.enabled_codes(reg)


@pytest.mark.parametrize(
    "toml, message",
    [
        ('selct = ["shout"]', "unknown key 'selct' (did you mean 'select'?)"),
        ('select = "shout"\nfail-on = "fatal"', "fail-on"),
        ("respect-gitignore = 1", "true or false"),
        ('select = ["shuot"]', "did you mean 'shout'"),
        ("[rules.shoot]\nmin-length = 3", "unknown rule 'shoot'"),
        ("[rules.shout]\nmin-lenght = 3", "has no option 'min-lenght' (did you mean 'min-length'?)"),
        ("[rules.shout]\nmin-length = 0", "must be >= 1"),
        ('[rules.shout]\nmin-length = "3"', "expected an integer"),
        ("select = [", "invalid TOML"),
    ],
)
def test_config_validation_errors_name_file_and_key(tmp_path, toml, message):
    cfg = write(tmp_path, "lintkit.toml", toml + "\n")
    with pytest.raises(ConfigError) as err:
        load_settings(registry(), start=tmp_path)
    assert str(cfg) in str(err.value)
    assert message in str(err.value)


def test_config_error_gives_line(tmp_path):
    write(tmp_path, ".lintkit.toml", '# comment\n\nselect = ["shout"]\nbogus = 1\n')
    with pytest.raises(ConfigError, match=r"\.lintkit\.toml:4: unknown key 'bogus'"):
        load_settings(registry(), start=tmp_path)


def test_gitignore_and_exclude(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, ".gitignore", "ignored/\n")
    write(tmp_path, "ignored/a.md", post("A", "LOUD LOUD LOUD\n"))
    write(tmp_path, "node_modules/pkg/readme.md", post("N", "LOUD LOUD LOUD\n"))
    write(tmp_path, "kept/b.md", post("B", "LOUD LOUD LOUD\n"))
    write(tmp_path, "kept/c.txt", "LOUD LOUD LOUD\n")
    res = check(tmp_path, registry())
    assert sorted({Path(f.path).name for f in res.findings}) == ["b.md"]
    s = Settings(respect_gitignore=False, root=tmp_path)
    res = run([str(tmp_path)], s, registry(), jobs=1)
    assert sorted({Path(f.path).name for f in res.findings}) == ["a.md", "b.md"]


def test_hugo_archetypes_are_templates_not_posts(tmp_path):
    template = '---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\n---\n'
    write(tmp_path, "site/hugo.toml", 'title = "x"\n')
    write(tmp_path, "site/archetypes/default.md", template)
    write(tmp_path, "site/content/posts/archetypes/index.md", post("P", "LOUD LOUD LOUD\n"))
    write(tmp_path, "other/archetypes/a.md", post("A", "LOUD LOUD LOUD\n"))  # no Hugo site here
    res = run([str(tmp_path)], Settings(root=tmp_path), registry(), jobs=1)
    assert sorted(str(Path(f.path).relative_to(tmp_path)) for f in res.findings) == [
        "other/archetypes/a.md", "site/content/posts/archetypes/index.md"]


def test_corpus_rule_sees_corpus_but_reports_only_checked(tmp_path):
    write(tmp_path, "site/a.md", post("Same", "x\n"))
    write(tmp_path, "site/b.md", post("Same", "y\n"))
    new = write(tmp_path, "new/c.md", post("Same", "z\n"))
    reg = registry()
    res = run([str(new)], Settings(), reg, jobs=1, corpus=[str(tmp_path / "site")])
    assert [(Path(f.path).name, f.message) for f in res.findings] == [("c.md", "title 'Same' shared by 3 posts")]
    res = run([str(new)], Settings(), reg, jobs=1)
    assert res.findings == []


def test_stdin(tmp_path):
    res = run([], Settings(), registry(), jobs=1, stdin=("from-stdin.md", post("S", "LOUD STDIN LINE\n").encode()))
    assert [(f.path, f.line) for f in res.findings] == [("from-stdin.md", 4)]


def test_parallel_run_matches_serial(tmp_path):
    # Real worker processes rediscover rules through entry points, so use a built-in-free check:
    # the engine's own parse-error findings are produced the same way in both modes.
    for i in range(40):
        write(tmp_path, f"p{i:02}.md", "---\ntitle: [broken\n---\n" if i % 3 == 0 else post(f"P{i}", "ok\n"))
    reg = registry()
    from lintkit.registry import discover

    full = discover()
    s = Settings(select=["parse-error"])
    serial = run([str(tmp_path)], s, full, jobs=1)
    parallel = run([str(tmp_path)], s, full, jobs=2)
    assert [f.to_dict() for f in serial.findings] == [f.to_dict() for f in parallel.findings]
    assert len(serial.findings) == 14
    assert reg  # the stand-in registry is unused here


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any folder")
def test_unreadable_folder_is_a_warning(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    write(tmp_path, "ok.md", post("Ok", "fine\n"))
    locked.chmod(0)
    try:
        warnings = []
        res = run([str(tmp_path)], Settings(), registry(), jobs=1, warn=warnings.append)
        assert res.files_checked == 1 and any("locked" in w for w in warnings)
    finally:
        locked.chmod(0o755)


def test_symlink_loops_and_fifos_do_not_crash(tmp_path):
    write(tmp_path, "ok.md", post("Ok", "LOUD LOUD LOUD\n"))
    os.symlink("loop", tmp_path / "loop")
    os.symlink("self.md", tmp_path / "self.md")
    os.mkfifo(tmp_path / "pipe.md")
    res = check(tmp_path, registry())
    got = {(Path(f.path).name, f.rule) for f in res.findings}
    assert ("ok.md", "shout") in got
    assert ("pipe.md", "parse-error") in got
    assert ("self.md", "parse-error") in got
    assert exit_code(res) == 1


def test_fill_sources_reads_each_file_once_and_fills_its_findings(tmp_path, monkeypatch):
    from lintkit import runner
    from lintkit.rule import Finding

    (tmp_path / "a.md").write_text("\ufefffirst\nsecond\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("only\n", encoding="utf-8")
    fs = [Finding("a.md", 1, 1, "X1", "x", "m"), Finding("b.md", 1, 1, "X1", "x", "m"),
          Finding("a.md", 2, 1, "X1", "x", "m"), Finding("b.md", 9, 1, "X1", "x", "m")]
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    runner._fill_sources(fs, {"a.md": str(tmp_path / "a.md"), "b.md": str(tmp_path / "b.md")})
    assert [f.source for f in fs] == ["first", "only", "second", ""]  # a line past the end stays empty
    assert sorted(opened) == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]


def test_site_wide_lanes_give_the_serial_findings(tmp_path):
    # More files than one chunk: jobs=2 checks them in workers and runs the rules' site-wide
    # stages in two lanes (a forked helper beside the main process).
    from lintkit.registry import discover

    body = ("The garden hose connects to the outdoor tap with a brass fitting. Tighten it by hand, "
            "then give it a quarter turn with pliers so the washer seals without cracking. ") * 3
    for i in range(24):
        if i % 4 == 0:
            text = post(f"Copy {i}", body)  # a retitled copy of the same body
        else:
            text = post(f"Bread baking note {i}", f"Knead the dough for ten minutes until it is smooth and elastic {i}. "
                        "Let it rise in a warm place, give it a light dusting of flour, and bake it hot.\n")
        write(tmp_path, f"p{i:02}.md", text)
    full = discover()
    serial = run([str(tmp_path)], Settings(), full, jobs=1)
    parallel = run([str(tmp_path)], Settings(), full, jobs=2)
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in serial.findings]
    rules = {f.rule for f in serial.findings}
    assert {"duplicate-body", "title-mismatch"} <= rules, rules  # two rules' site-wide findings


def test_worker_encoded_cache_entries_are_stored_and_read_back(tmp_path):
    # Workers encode each post's cache entries (and send rule summaries as that text): a cold
    # parallel run stores them, and a re-run reads every post from the cache, same findings.
    from lintkit.registry import discover

    site = tmp_path / "site"
    body = ("The kettle descaler works best at room temperature: pour it in, wait twenty minutes, "
            "then rinse twice so no taste is left behind. ") * 3
    for i in range(24):
        text = post(f"Copy {i}", body) if i % 4 == 0 else post(
            f"Kettle note {i}", f"Boil fresh water each morning and empty the kettle at night {i}."
            + (" Allways leave it dry.\n" if i == 5 else "\n"))
        write(site, f"p{i:02}.md", text)
    full = discover()
    cache = str(tmp_path / "cache")
    serial = run([str(site)], Settings(), full, jobs=1)
    cold = run([str(site)], Settings(), full, jobs=2, cache_dir=cache)
    warm = run([str(site)], Settings(), full, jobs=2, cache_dir=cache)
    expected = [f.to_dict() for f in serial.findings]
    assert {"duplicate-body", "misspelling"} <= {f.rule for f in serial.findings}
    assert [f.to_dict() for f in cold.findings] == expected
    assert [f.to_dict() for f in warm.findings] == expected
    assert cold.extra["parsed"] == 24 and warm.extra["parsed"] == 0  # every post read from the cache


def test_a_site_wide_lane_that_dies_is_made_up_in_the_main_process():
    import time

    from lintkit.runner import _in_lanes

    main = os.getpid()
    rules = ["a", "b", "c", "d"]

    def work(rule):
        time.sleep(0.2)  # long enough for the helper to take some rules
        if os.getpid() != main and rule in ("b", "c"):
            os._exit(3)  # a crash in native code, the OOM killer
        return [f"{rule} in {'main' if os.getpid() == main else 'helper'}"]

    out = _in_lanes(work, rules, 2)
    assert [found[0].split()[0] for found, _secs in out] == rules
    assert all(secs >= 0.2 for _found, secs in out)
    assert _in_lanes(lambda r: [r], rules, 1) == [([r], pytest.approx(0, abs=0.1)) for r in rules]
