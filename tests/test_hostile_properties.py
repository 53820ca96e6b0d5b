"""Property tests (issue 7): random posts never make lintkit raise, and fixing them is safe.

Posts are put together from random front matter (plain, quoted, double-escaped and odd values,
some that YAML cannot read) and random body pieces (prose, headings, lists, fences that may never
close, HTML, ad snippets, tracking pixels, affiliate links, "Also read" lists, odd characters),
with LF or CRLF newlines and sometimes a BOM. For each post:

* every rule runs without an internal error (no rule and no parser may crash);
* applying the fixes the findings offer (safe and unsafe) keeps every byte outside the edited
  ranges, keeps the front matter parsing to the same values except the keys an edit touches,
  and keeps the BOM and newline style;
* ``lintkit check --fix`` run twice over a site of such posts changes nothing the second time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.config import Settings
from lintkit.document import Post
from lintkit.fixes import apply_fixes, applicable, fix_bytes, fix_run
from lintkit.registry import discover
from lintkit.runner import run

REGISTRY = discover()

WORDS = st.sampled_from(
    "the river path walk morning bread starter oven loaf cycling bike chain lens camera kernel "
    "build release café naïve 東京 emoji 🙂 x86_64 iPhone recieve teh a an of".split()
)
TEXT = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)

SCALARS = st.one_of(
    TEXT.map(lambda t: t),  # plain
    TEXT.map(lambda t: f'"{t}"'),  # double quoted
    TEXT.map(lambda t: f"'{t}'"),  # single quoted
    TEXT.map(lambda t: f'"\\"{t}\\""'),  # double-escaped
    TEXT.map(lambda t: f"'\"{t}\"'"),  # quotes inside single quotes
    st.sampled_from(["2024-01-05", "yes", "1.5", "null", "[a, b]", "'unterminated", "a: b: c", "&x", "*x", "!!python/object:os.system ''"]),
)
KEYS = st.sampled_from(["title", "description", "summary", "author", "slug", "draft", "weight"])

FM_ENTRY = st.one_of(
    st.tuples(KEYS, SCALARS).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.lists(SCALARS, min_size=1, max_size=3).map(lambda items: "tags:\n" + "\n".join(f"  - {i}" for i in items)),
)

AD = st.sampled_from([
    '<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-123" data-ad-slot="9"></ins>\n'
    "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>",
    '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>',
    '<img src="https://tracker.example/pixel.gif?u=1" width="1" height="1" alt="">',
    "[a lens](https://www.amazon.com/dp/B000?tag=someone-20)",
    "<!-- ad start -->\n<div>ad</div>\n<!-- ad end -->",
])
BLOCK = st.one_of(
    TEXT,
    TEXT.map(lambda t: f"## {t}"),
    st.lists(TEXT, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(TEXT, min_size=1, max_size=3).map(lambda items: "\n".join(f"  {n + 1}. {i}" for n, i in enumerate(items))),
    TEXT.map(lambda t: f"```\n{t}\n```"),
    TEXT.map(lambda t: f"```python\n{t}"),  # a fence that never closes
    TEXT.map(lambda t: f"> {t}\n> > {t}"),
    TEXT.map(lambda t: f"<div>\n{t}\n"),  # unclosed HTML
    TEXT.map(lambda t: f"| a | b |\n|---|---|\n| {t} | x |"),
    AD,
    st.lists(TEXT, min_size=3, max_size=5).map(
        lambda items: "Also read:\n\n" + "\n".join(f"- [{i}](https://example.com/{n}-{i.split()[0]})" for n, i in enumerate(items))),
    st.sampled_from(["---", "{{< figure src=x >}}", "{% raw %}", "&amp; &#9731;", "\t\ttabbed", "\x0b\x0c", "a\u2028b", "<!-- lintkit-disable-next-line misspelling -->"]),
)


@st.composite
def posts(draw) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    parts = []
    if draw(st.booleans()):
        parts.append("---")
        parts.extend(draw(st.lists(FM_ENTRY, max_size=5)))
        if draw(st.integers(0, 9)):  # now and then never closed
            parts.append("---")
    parts.append("")
    parts.extend(draw(st.lists(BLOCK, max_size=8)))
    text = newline.join("\n".join(parts).split("\n")) + newline
    data = text.encode("utf-8")
    if draw(st.integers(0, 5)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data


def _check(folder: Path):
    return run([str(folder)], Settings(root=folder, select=["ALL"]), REGISTRY, jobs=1)


def _fm_values(post: Post) -> dict:
    return dict(post.front_matter.data) if post.front_matter.ok and isinstance(post.front_matter.data, dict) else {}


def _touched_keys(post: Post, edits) -> set[str]:
    """Front-matter keys on whose lines an edit starts (the values a fix may change)."""
    keys = set()
    for e in edits:
        for name, info in post.front_matter.keys.items():
            key_start = post.line_starts[info.line - 1] if info.line - 1 < len(post.line_starts) else len(post.text)
            if min(key_start, info.start) <= e.start <= max(info.end, key_start):
                keys.add(name)
    return keys


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(posts(), min_size=1, max_size=3))
def test_random_posts_never_crash_and_fixes_keep_everything_else(datas):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, data in enumerate(datas):
            (folder / f"p{i}.md").write_bytes(data)
        result = _check(folder)
        crashes = [f.message for f in result.findings if f.rule == "internal-error"]
        assert not crashes, crashes
        for i, data in enumerate(datas):
            path = str(folder / f"p{i}.md")
            fixes = [f.fix for f in result.findings if f.path == path and applicable(f, unsafe=True)]
            if not fixes:
                continue
            before = Post.from_bytes(path, data)
            outcome = fix_bytes(path, data, fixes)
            if outcome.applied == 0:
                assert outcome.data == data
                continue
            # the edits actually applied, recomputed independently of fix_bytes
            applied = apply_fixes(before.text, fixes, before.newline)
            edits = sorted((e for fx in applied.applied for e in fx.edits), key=lambda e: e.start)
            new_text = outcome.data.decode("utf-8")
            assert new_text.startswith("\ufeff") == data.startswith(b"\xef\xbb\xbf")  # BOM kept
            new_text = new_text.removeprefix("\ufeff")
            # every byte outside the edited ranges is still there, in order, at the shifted offset
            shift, pos = 0, 0
            for e in edits:
                if e.start < pos:
                    continue  # the same edit offered by two findings
                assert new_text[pos + shift : e.start + shift] == before.text[pos : e.start]
                rep = e.replacement if before.newline == "\n" else e.replacement.replace("\r\n", "\n").replace("\n", before.newline)
                shift += len(rep) - (e.end - e.start)
                pos = e.end
            assert new_text[pos + shift :] == before.text[pos:]
            # newline style kept, front matter still parses to the same values but the edited ones
            if "\r\n" in before.text and before.newline == "\r\n":
                assert "\n" not in new_text.replace("\r\n", "")
            after = Post.from_bytes(path, outcome.data)
            if before.front_matter.ok:
                assert after.front_matter.ok, after.front_matter.error
                touched = _touched_keys(before, [e for e in edits if e.start < before.line_starts[min(before.body_line, len(before.line_starts)) - 1]])
                old_vals = {k: v for k, v in _fm_values(before).items() if k not in touched}
                new_vals = {k: v for k, v in _fm_values(after).items() if k not in touched}
                assert old_vals == new_vals


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(posts(), min_size=2, max_size=4))
def test_fixing_twice_changes_nothing_the_second_time(datas):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, data in enumerate(datas):
            (folder / f"p{i}.md").write_bytes(data)
        cfg = Settings(root=folder, select=["ALL"])
        fix_run([str(folder)], cfg, REGISTRY, unsafe=True, jobs=1)
        once = {p.name: p.read_bytes() for p in folder.iterdir()}
        second = fix_run([str(folder)], cfg, REGISTRY, unsafe=True, jobs=1)
        assert second.changed == []
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == once
