"""frontmatter-quoting (LK301): double-escaped values, mixed quote characters, site conventions."""

from __future__ import annotations

import re

import pytest
import yaml

from lintkit.document import Post
from lintkit.rule import FixSafety
from lintkit.rules.frontmatter_quoting import FrontmatterQuoting, group_sites
from lintkit.site import Site


def run(posts: dict[str, str], report: set[str] | None = None, **options) -> list:
    """Check a site given as {path: text}; returns the findings."""
    rule = FrontmatterQuoting({k.replace("_", "-"): v for k, v in options.items()})
    summaries = {path: rule.collect(Post.from_text(path, text)) for path, text in posts.items()}
    site = Site(paths=list(summaries), report_paths=set(summaries) if report is None else report)
    return list(rule.check_corpus(summaries, site))


def run_one(text: str, path: str = "blog/post.md", **options) -> list:
    return run({path: text}, **options)


def apply_fix(text: str, finding) -> str:
    assert finding.fix is not None, finding.message
    assert finding.fix.safety is FixSafety.SAFE
    out = text
    for e in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.replacement + out[e.end :]
    return out


def fm_data(text: str) -> dict:
    fm = Post.from_text("x.md", text).front_matter
    assert fm.error is None, fm.error
    return fm.data


def assert_only_edit_changed(before: str, after: str, finding) -> None:
    (e,) = finding.fix.edits
    assert after[: e.start] == before[: e.start]
    assert after[e.start + len(e.replacement) :] == before[e.end :]


def post(title_line: str, extra: str = "", body: str = "Some text.\n") -> str:
    return f"---\n{title_line}\ndate: 2024-03-01\n{extra}---\n{body}"


# --------------------------------------------------------------------------- metadata and docs


def test_metadata():
    assert FrontmatterQuoting.code == "LK301"
    assert FrontmatterQuoting.name == "frontmatter-quoting"
    assert FrontmatterQuoting.scope == "corpus"
    assert FrontmatterQuoting.fix_safety is FixSafety.SAFE
    assert set(FrontmatterQuoting.tags) == {"style", "frontmatter"}
    assert str(FrontmatterQuoting.severity) == "warning"
    assert set(FrontmatterQuoting.options) >= {"style", "min-share", "min-posts"}


def _doc_examples() -> list[tuple[str, str]]:
    doc = FrontmatterQuoting.documentation()
    out, label = [], None
    for m in re.finditer(r"^(Bad|Good):\s*$|^```markdown\n(.*?)^```", doc, re.M | re.S):
        if m.group(1):
            label = m.group(1)
        elif label:
            out.append((label, m.group(2)))
    return out


def test_docstring_shape():
    doc = FrontmatterQuoting.documentation()
    headings = re.findall(r"^## (.+)$", doc, re.M)
    assert headings == ["What it flags", "Why it matters", "Example", "Options", "Fix"]
    assert "| option | type | default | meaning |" in doc
    for name in FrontmatterQuoting.options:
        assert f"`{name}`" in doc
    kinds = [k for k, _ in _doc_examples()]
    assert "Bad" in kinds and "Good" in kinds


@pytest.mark.parametrize("kind,text", _doc_examples())
def test_docstring_examples(kind, text):
    found = run_one(text)
    if kind == "Bad":
        assert found, text
    else:
        assert not found, [f.message for f in found]


# --------------------------------------------------------------------------- 1. double-escaped values


def test_escaped_double_outer_quotes_position_and_fix():
    text = '---\nlayout: post\ntitle: "\\"How to X\\""\n---\nBody\n'
    (f,) = run_one(text)
    assert (f.line, f.column) == (3, 8)
    assert f.rule == "frontmatter-quoting" and f.code == "LK301"
    assert "title" in f.message and "double-escaped" in f.message
    fixed = apply_fix(text, f)
    assert fixed == '---\nlayout: post\ntitle: "How to X"\n---\nBody\n'
    assert fm_data(fixed) == {"layout": "post", "title": "How to X"}
    assert_only_edit_changed(text, fixed, f)


def test_escaped_single_outer_quotes_keeps_single_style():
    text = "---\ntitle: '\"It''s here\"'\ndraft: false\n---\nBody\n"
    assert fm_data(text)["title"] == "\"It's here\""
    (f,) = run_one(text)
    assert (f.line, f.column) == (2, 8)
    fixed = apply_fix(text, f)
    assert fixed.splitlines()[1] == "title: 'It''s here'"
    assert fm_data(fixed) == {"title": "It's here", "draft": False}


def test_backslash_escapes_inside_single_quotes_are_double_escaping():
    # YAML keeps a backslash in single quotes: an escape written for double quotes
    text = "---\ntitle: 'Plain'\ndescription: '\\\"Oil, redness and spots\\\"'\n---\nBody\n"
    assert fm_data(text)["description"] == '\\"Oil, redness and spots\\"'
    (f,) = run_one(text)
    assert (f.line, f.column) == (3, 14) and "literal \\\" marks inside the single quotes" in f.message
    fixed = apply_fix(text, f)
    assert fixed.splitlines()[2] == "description: 'Oil, redness and spots'"
    assert fm_data(fixed)["description"] == "Oil, redness and spots"
    # a backslash that is part of the text is not such a wrapping
    assert run_one("---\ntitle: 'C:\\temp\\'\n---\nBody\n") == []


def test_escaped_inner_single_quotes_and_backslashes_are_escaped_correctly():
    text = "---\ntitle: \"'C:\\\\temp \\\"x\\\"'\"\n---\n"
    assert fm_data(text)["title"] == "'C:\\temp \"x\"'"
    (f,) = run_one(text)
    fixed = apply_fix(text, f)
    assert fm_data(fixed)["title"] == 'C:\\temp "x"'


def test_escaped_list_item():
    text = '---\ntitle: Plain\ntags: [one, \'"two"\', three]\n---\n'
    (f,) = run_one(text)
    assert (f.line, f.column) == (3, 13)
    assert "tags" in f.message
    fixed = apply_fix(text, f)
    assert fm_data(fixed)["tags"] == ["one", "two", "three"]
    assert_only_edit_changed(text, fixed, f)


def test_escaped_value_with_other_keys_unchanged_by_fix():
    text = (
        "---\n"
        "title: \"\\\"Ten tips for tomatoes\\\"\"\n"
        "description: 'Sun: lots of it'\n"
        "tags:\n  - garden\n  - food\n"
        "count: 3\n"
        "---\n# Tomatoes\n\nText.\n"
    )
    before = fm_data(text)
    (f,) = run_one(text)
    after = fm_data(apply_fix(text, f))
    assert after.pop("title") == "Ten tips for tomatoes"
    before.pop("title")
    assert after == before


@pytest.mark.parametrize(
    "line",
    [
        "title: '\"Hello\" and \"Bye\"'",  # starts and ends with a quotation, not wrapped
        'title: "\\"Yes\\" means yes"',  # starts with one, ends elsewhere
        "title: 'Say \"hi\"'",
        "title: >-\n  \"A quoted line in a block\"",  # block scalars hold quote marks as content
        "title: '\"\"'",  # a value of just two quote marks
    ],
)
def test_not_double_escaped(line):
    assert run_one(f"---\n{line}\n---\nBody\n") == []


def test_escaped_in_toml_and_json():
    toml_text = '+++\ntitle = "\\"Fish tacos\\""\ncount = 2\n+++\nBody\n'
    (f,) = run_one(toml_text)
    assert (f.line, f.column) == (2, 9)
    assert apply_fix(toml_text, f).splitlines()[1] == 'title = "Fish tacos"'
    json_text = '{\n"title": "\\"Fish tacos\\"",\n"count": 2\n}\nBody\n'
    (g,) = run_one(json_text)
    assert g.line == 2
    assert apply_fix(json_text, g).splitlines()[1] == '"title": "Fish tacos",'


# --------------------------------------------------------------------------- 2. mixing within a post


def test_mixed_quote_characters_flags_the_minority():
    text = "---\ntitle: \"Seed swaps\"\nauthor: 'Rosa Field'\nslug: \"seed-swaps\"\n---\nBody\n"
    (f,) = run_one(text)
    assert (f.line, f.column) == (3, 9)
    assert "author" in f.message and "single-quoted" in f.message
    fixed = apply_fix(text, f)
    assert fixed.splitlines()[2] == 'author: "Rosa Field"'
    assert fm_data(fixed) == fm_data(text)


def test_quote_character_called_for_by_the_content_is_not_mixing():
    text = "---\ntitle: \"Rosa's garden\"\nquote: 'She said \"dig\"'\nauthor: \"Rosa\"\n---\n"
    assert run_one(text) == []


def test_list_items_quoted_unevenly():
    text = '---\ntitle: Soil\ntags: [soil, "compost", worms, "a, b"]\n---\n'
    (f,) = run_one(text)  # "a, b" needs its quotes in a flow list
    assert (f.line, f.column) == (3, 14)
    fixed = apply_fix(text, f)
    assert fixed.splitlines()[2] == 'tags: [soil, compost, worms, "a, b"]'
    assert fm_data(fixed) == fm_data(text)


def test_block_list_items_quoted_unevenly():
    text = "---\ntitle: Soil\ntags:\n  - soil\n  - 'compost'\n  - worms\n---\n"
    (f,) = run_one(text)
    assert (f.line, f.column) == (5, 5)
    assert fm_data(apply_fix(text, f)) == fm_data(text)


# --------------------------------------------------------------------------- 3. site convention


def make_site(n: int, title_line, extra="", folder="blog") -> dict[str, str]:
    return {f"{folder}/post-{i:02d}.md": post(title_line(i), extra) for i in range(n)}


def test_bare_title_among_double_quoted_ones():
    site = make_site(10, lambda i: f'title: "Garden note {i}"')
    site["blog/post-07.md"] = post("title: Garden note 7")
    found = run(site)
    assert [f.path for f in found] == ["blog/post-07.md"]
    (f,) = found
    assert (f.line, f.column) == (2, 8)
    assert "title" in f.message and "bare" in f.message and "all 9 other posts" in f.message
    assert "double quotes" in f.message and "blog/" in f.message
    fixed = apply_fix(site["blog/post-07.md"], f)
    assert fixed.splitlines()[1] == 'title: "Garden note 7"'
    assert fm_data(fixed) == fm_data(site["blog/post-07.md"])


def test_quoted_slug_among_bare_ones():
    site = make_site(12, lambda i: f"title: Note {i}", extra="slug: note-{i}\n")
    site = {p: t.replace("{i}", p[-5:-3]) for p, t in site.items()}
    site["blog/post-04.md"] = site["blog/post-04.md"].replace("slug: note-04", "slug: 'note-04'")
    (f,) = run(site)
    assert f.path == "blog/post-04.md" and (f.line, f.column) == (4, 7)
    assert "slug" in f.message and "leave it bare" in f.message
    assert apply_fix(site["blog/post-04.md"], f).splitlines()[3] == "slug: note-04"


def test_quoted_list_items_against_bare_convention():
    site = make_site(12, lambda i: f"title: Note {i}", extra="tags: [garden, soil]\n")
    site["blog/post-03.md"] = post("title: Note 3", extra='tags: ["garden"]\n')
    (f,) = run(site)
    assert f.path == "blog/post-03.md" and (f.line, f.column) == (4, 8)
    assert "items" in f.message


def test_convention_needs_min_share_and_min_posts():
    # 8 of 10 quoted: no convention at the default 90%
    site = make_site(10, lambda i: f'title: "Note {i}"' if i < 8 else f"title: Note {i}")
    assert run(site) == []
    assert {f.path for f in run(site, min_share=0.75)} == {"blog/post-08.md", "blog/post-09.md"}
    # too few posts to speak of a convention
    small = make_site(5, lambda i: f'title: "Note {i}"')
    small["blog/post-04.md"] = post("title: Note 4")
    assert run(small) == []
    assert [f.path for f in run(small, min_posts=5)] == ["blog/post-04.md"]


def test_quoting_required_by_yaml_is_never_flagged():
    site = make_site(12, lambda i: f"title: Note {i}", extra="version: v{i}\ndraft: maybe\nnote: fine\n")
    site["blog/post-05.md"] = post(
        'title: "Rust: 1.0"',
        extra='version: "1.10"\ndraft: "yes"\nnote: "null"\n',
    )
    site["blog/post-06.md"] = post(
        "title: '#hashtag day'",
        extra="version: '2024'\ndraft: ' padded '\nnote: ''\n",
    )
    site["blog/post-07.md"] = post('title: "*Stars* and more"', extra='version: "1e3"\ndraft: "on"\nnote: "2024-01-01"\n')
    assert run(site) == []
    assert run(site, style="plain") == []


def test_bare_value_that_would_change_meaning_is_not_flagged():
    site = make_site(12, lambda i: f'title: "Note {i}"', extra='version: "v{i}"\n')
    site["blog/post-02.md"] = post('title: "Note 2"', extra="version: 2.5\n")  # a number, not a string
    assert run(site) == []


def test_each_site_has_its_own_convention():
    a = make_site(12, lambda i: f'title: "Alpha {i}"', folder="sites/alpha")
    b = make_site(12, lambda i: f"title: Beta {i}", folder="sites/beta")
    assert run({**a, **b}) == []
    a["sites/alpha/post-03.md"] = post("title: Alpha 3")
    b["sites/beta/post-05.md"] = post('title: "Beta 5"')
    found = run({**a, **b})
    assert sorted(f.path for f in found) == ["sites/alpha/post-03.md", "sites/beta/post-05.md"]
    assert all(f.path.split("/")[1] + "/" in f.message for f in found)


def test_year_folders_of_one_blog_stay_one_site():
    paths = {f"blog/{2020 + i % 3}/p{i}.md": f"title: Note {i}" for i in range(30)}
    profiles = {p: {"title": frozenset({"plain"})} for p in paths}
    assert [(label, len(ps)) for label, ps in group_sites(list(paths), profiles, 10)] == [("blog/", 30)]
    site = {p: post(t) for p, t in paths.items()}
    site["blog/2021/p1.md"] = post("title: 'Note 1'")
    assert [f.path for f in run(site)] == ["blog/2021/p1.md"]


def test_only_report_paths_get_findings():
    site = make_site(11, lambda i: f'title: "Note {i}"')
    site["blog/post-01.md"] = post("title: Note 1")
    site["blog/post-02.md"] = post('title: "\\"Note 2\\""')  # a defect, not counted as a habit
    assert {f.path for f in run(site)} == {"blog/post-01.md", "blog/post-02.md"}
    assert {f.path for f in run(site, report={"blog/post-02.md"})} == {"blog/post-02.md"}
    assert run(site, report=set()) == []


def test_block_scalars_only_against_a_unanimous_site():
    desc = "A fairly long description of the post that goes on well past the eighty column fold width"
    site = make_site(12, lambda i: f"title: Note {i}", extra=f'description: "Short summary {{i}}"\n')
    site["blog/post-01.md"] = post("title: Note 1", extra=f"description: >-\n  {desc[:45]}\n  {desc[45:]}\n")
    assert run(site) == []  # long folded value: never asked to leave its block
    site["blog/post-01.md"] = post("title: Note 1", extra="description: >-\n  Short one\n")
    (f,) = run(site)
    assert f.path == "blog/post-01.md" and (f.line, f.column) == (4, 14)
    fixed = apply_fix(site["blog/post-01.md"], f)
    assert fixed.splitlines()[3] == 'description: "Short one"'
    assert fixed.splitlines()[4] == "---"
    assert fm_data(fixed) == fm_data(site["blog/post-01.md"])
    site["blog/post-03.md"] = post("title: Note 3", extra="description: Bare summary\n")
    site["blog/post-04.md"] = post("title: Note 4", extra="description: Other summary\n")
    # no longer unanimous: the short block scalar is fine, the bare values still break a 80% habit
    assert {f.path for f in run(site, min_share=0.8)} == {"blog/post-03.md", "blog/post-04.md"}


# --------------------------------------------------------------------------- configured style


def test_style_double():
    text = "---\ntitle: Bare title\nauthor: 'Rosa'\nquote: 'Say \"hi\"'\nslug: \"ok\"\ncount: 3\n---\n"
    found = run_one(text, style="double")
    assert [(f.line, f.column) for f in found] == [(2, 8), (3, 9)]
    fixed = text
    for f in sorted(found, key=lambda f: f.fix.edits[0].start, reverse=True):
        fixed = apply_fix(fixed, f)
    assert fixed.splitlines()[1:3] == ['title: "Bare title"', 'author: "Rosa"']
    assert fm_data(fixed) == fm_data(text)


def test_style_single_and_plain():
    text = "---\ntitle: \"Quoted\"\nname: \"Rosa's\"\nplain: Bare\n---\n"
    assert [(f.line, f.column) for f in run_one(text, style="single")] == [(2, 8), (4, 8)]
    assert [(f.line, f.column) for f in run_one(text, style="plain")] == [(2, 8), (3, 7)]


def test_bad_options_are_rejected():
    with pytest.raises(ValueError):
        FrontmatterQuoting({"style": "fancy"})
    with pytest.raises(ValueError):
        FrontmatterQuoting({"min-share": 2.0})


# --------------------------------------------------------------------------- fixes keep everything else


def test_requote_fix_escapes_and_round_trips():
    site = make_site(10, lambda i: f"title: 'Note {i}'")
    odd = 'title: Back\\slash "and" quotes\n'
    site["blog/post-09.md"] = post(odd.rstrip())
    (f,) = run(site)
    fixed = apply_fix(site["blog/post-09.md"], f)
    assert fixed.splitlines()[1] == "title: 'Back\\slash \"and\" quotes'"
    assert fm_data(fixed) == fm_data(site["blog/post-09.md"])


def test_every_fix_keeps_the_parsed_front_matter():
    site = make_site(12, lambda i: f'title: "Note {i}"', extra="slug: s{i}\ntags: [a, b]\n")
    site = {p: t.replace("{i}", p[-5:-3]) for p, t in site.items()}
    site["blog/post-01.md"] = post("title: Note 01", extra="slug: s01\ntags: [a, b]\n")
    site["blog/post-02.md"] = post('title: "Note 02"', extra="slug: \"s02\"\ntags: [a, 'b']\n")
    site["blog/post-03.md"] = post("title: 'Note 03'", extra="slug: s03\ntags: [a, b]\n")
    found = run(site)
    assert {(f.path, f.line) for f in found} == {
        ("blog/post-01.md", 2),
        ("blog/post-02.md", 4),
        ("blog/post-02.md", 5),
        ("blog/post-03.md", 2),
    }
    for f in found:
        before = site[f.path]
        after = apply_fix(before, f)
        assert after != before
        assert fm_data(after) == fm_data(before)
        assert_only_edit_changed(before, after, f)
        assert after.split("---\n", 2)[2] == before.split("---\n", 2)[2]


# --------------------------------------------------------------------------- newlines and BOM


@pytest.mark.parametrize("transform", [lambda t: t.replace("\n", "\r\n"), lambda t: "\ufeff" + t, lambda t: "\ufeff" + t.replace("\n", "\r\n")])
def test_crlf_and_bom_give_the_same_positions(transform):
    text = '---\nlayout: post\ntitle: "\\"How to X\\""\nauthor: \'Ann\'\nslug: "how"\nsummary: "Steps"\n---\nBody\n'
    plain = [(f.line, f.column, f.message) for f in run_one(text)]
    assert [(ln, col) for ln, col, _ in plain] == [(3, 8), (4, 9)]
    other = transform(text)
    found = run_one(other)
    assert [(f.line, f.column, f.message) for f in found] == plain
    # fixes apply to the decoded text (BOM removed) and keep the file's newlines
    p = Post.from_text("x.md", other)
    fixed = apply_fix(p.text, found[0])
    assert ("\r\n" in fixed) == ("\r\n" in other)
    assert yaml.safe_load(fixed.split("---")[1])["title"] == "How to X"


def test_posts_without_front_matter_or_with_errors_are_skipped():
    rule = FrontmatterQuoting()
    assert rule.collect(Post.from_text("a.md", "# Just a heading\n")) is None
    assert rule.collect(Post.from_text("b.md", '---\ntitle: "unterminated\n---\n')) is None
    assert run({"a.md": "# Just a heading\n", "b.md": '---\ntitle: "\\"x\n---\n'}) == []


# --------------------------------------------------------------------------- property: fixes never change meaning

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    given = None

if given is not None:
    _VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)

    @settings(max_examples=200, deadline=None)
    @given(inner=_VALUE, outer=st.sampled_from(["double", "single"]))
    def test_unwrap_fix_gives_the_inner_text(inner, outer):
        value = '"' + inner + '"'
        raw = yaml.safe_dump({"title": value}, default_style='"' if outer == "double" else "'", width=10_000)
        text = "---\n" + raw.replace('"title"', "title").replace("'title'", "title") + "---\nBody\n"
        fm = Post.from_text("x.md", text).front_matter
        if fm.error or fm.data.get("title") != value:
            return  # the dumper chose another form; nothing to test
        for f in run_one(text):
            if f.fix is None:
                continue
            fixed = apply_fix(text, f)
            assert fm_data(fixed)["title"] == inner
            assert_only_edit_changed(text, fixed, f)

    @settings(max_examples=200, deadline=None)
    @given(value=_VALUE, target=st.sampled_from(["double", "single", "plain"]))
    def test_requote_fixes_keep_the_value(value, target):
        raw = yaml.safe_dump({"k": value}, width=10_000, allow_unicode=True).split(":", 1)[1].strip()
        if "\n" in raw:
            return
        text = f"---\nk: {raw}\n---\n"
        fm = Post.from_text("x.md", text).front_matter
        if fm.error or fm.data.get("k") != value:
            return
        for f in run_one(text, style=target):
            if f.fix is not None:
                fixed = apply_fix(text, f)
                assert fm_data(fixed) == {"k": value}
