"""The document model: lines, front matter positions, block positions, prose, links."""

from __future__ import annotations

import pytest

from lintkit.document import LoadError, Post, mask_inline_code

POST = """\
---
title: "A day at the lake"
description: 'Short trip'
tags:
  - travel
  - "lakes"
categories: [outdoors, 'family']
draft: false
---

# A day at the lake

We drove to the lake with `git clone` and [a map](https://maps.example.org/lake "Map").

- first item
- second item
  continues here

  - nested item with ![a heron](/img/heron.jpg)
    and a lazy line
- third item

```python
print("not prose [link](https://code.example.com)")
```

> A quote with <a href="https://quote.example.net/x?y=1">quoted link</a>
> second quote line

| Column | Other |
|--------|-------|
| cell   | value |

<div class="note">
<img src="https://img.example.com/p.png" width="20">
</div>

Visit https://bare.example.com/path. and <https://auto.example.com>.

{{< youtube abc123 >}} and {% raw %}tags{% endraw %} stay out of prose.
"""


def line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


@pytest.fixture(params=["lf", "crlf", "bom", "bom-crlf"])
def post(request) -> Post:
    text = POST
    if "crlf" in request.param:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if "bom" in request.param:
        data = b"\xef\xbb\xbf" + data
    return Post.from_bytes("p.md", data)


def test_lines_and_newline_style(post):
    assert post.lines[0] == "---"
    assert len(post.lines) == len(POST.splitlines())
    assert post.newline in ("\n", "\r\n")
    assert post.body_line == 10


def test_front_matter_keys_positions_and_styles(post):
    fm = post.front_matter
    assert fm.format == "yaml" and fm.ok
    assert (fm.start_line, fm.end_line) == (1, 9)
    title = fm.keys["title"]
    assert (title.line, title.column, title.style, title.raw) == (2, 1, "double", '"A day at the lake"')
    assert title.value == "A day at the lake"
    assert post.text[title.start : title.end] == '"A day at the lake"'
    assert fm.keys["description"].style == "single"
    tags = fm.keys["tags"]
    assert tags.kind == "list" and tags.style == "block"
    assert [(i.value, i.line, i.style) for i in tags.items] == [("travel", 5, "plain"), ("lakes", 6, "double")]
    cats = fm.keys["categories"]
    assert cats.style == "flow"
    assert [(i.value, i.column, i.style) for i in cats.items] == [("outdoors", 14, "plain"), ("family", 24, "single")]
    assert fm.keys["draft"].value is False


def test_block_lines(post):
    kinds = {(b.type, b.line) for b in post.blocks}
    assert ("heading", line_of(POST, "# A day")) in kinds
    assert ("paragraph", line_of(POST, "We drove")) in kinds
    assert ("block_code", line_of(POST, "```python")) in kinds
    assert ("block_html", line_of(POST, '<div class="note">')) in kinds
    nested = [b for b in post.blocks if b.type == "list" and b.depth > 1]
    assert nested and nested[0].line == line_of(POST, "nested item")
    code = next(b for b in post.blocks if b.type == "block_code")
    assert code.end_line == line_of(POST, 'print("not prose') + 1


def test_fence_never_closed_keeps_only_its_opening_line_as_code():
    text = "---\ntitle: T\n---\nIntro.\n\n```python\nStill prose, [a link](https://example.org/a).\n\n- item\n  - nested\n"
    post = Post.from_bytes("p.md", text.encode())
    assert post.code_lines == frozenset({6})
    assert [(b.type, b.line, b.end_line) for b in post.blocks if b.depth == 0] == [
        ("paragraph", 4, 4), ("block_code", 6, 6), ("paragraph", 7, 7), ("list", 9, 10)]
    assert [(link.url, link.line) for link in post.links] == [("https://example.org/a", 7)]
    assert any(p.line == 10 and "nested" in p.text for p in post.prose)


def test_closed_fence_with_trailing_reference_definitions_stays_one_code_block():
    post = Post.from_bytes("p.md", b"```toml\nx = 1\n```\n[ref]: https://example.org/\n\nText.\n")
    assert 2 in post.code_lines and not any(b.token.get("unclosed") for b in post.blocks)


def test_code_is_blanked_but_columns_kept(post):
    ln = line_of(POST, 'print("not prose')
    assert post.uncoded_lines[ln - 1].strip() == ""
    ln = line_of(POST, "We drove")
    assert "git clone" not in post.uncoded_lines[ln - 1]
    assert len(post.uncoded_lines[ln - 1]) == len(post.lines[ln - 1])
    assert all(line == "" for line in post.uncoded_lines[:9])  # front matter


def test_prose_excludes_code_urls_html_and_templates(post):
    text = "\n".join(p.text for p in post.prose)
    for absent in ("git clone", "maps.example.org", "quote.example.net", "<a", "youtube", "raw", "bare.example.com", "heron.jpg", "print"):
        assert absent not in text, absent
    for present in ("A day at the lake", "We drove to the lake", "a map", "nested item with", "a heron", "lazy line", "quoted link", "cell", "stay out of prose"):
        assert present in text, present
    drove = next(p for p in post.prose if "We drove" in p.text)
    assert drove.line == line_of(POST, "We drove")
    col = drove.text.index("a map") + 1
    assert post.lines[drove.line - 1][col - 1 : col + 4] == "a map"


def test_links_markdown_html_and_bare(post):
    links = {(link.kind, link.url): link for link in post.links}
    md = links[("markdown", "https://maps.example.org/lake")]
    assert (md.text, md.line, md.host) == ("a map", line_of(POST, "We drove"), "maps.example.org")
    assert post.text[md.start : md.end].startswith("[a map](")
    img = links[("image", "/img/heron.jpg")]
    assert img.text == "a heron" and img.line == line_of(POST, "nested item")
    html = links[("html", "https://quote.example.net/x?y=1")]
    assert html.text == "quoted link" and html.line == line_of(POST, "A quote with")
    assert ("html-image", "https://img.example.com/p.png") in links
    assert ("bare", "https://bare.example.com/path") in links
    assert ("autolink", "https://auto.example.com") in links
    assert not any("code.example.com" in url for _, url in links)


def test_links_whose_destination_is_a_template_expression():
    text = (
        "---\ntitle: Templates\n---\n"
        "See [the guide]({{ site.baseurl }}/guide/) and [older]({% post_url 2024-01-02-older %}).\n"
        "In Hugo: [a page]({{< ref \"posts/page.md\" >}}) and [b](https://b.example.com/x).\n"
        "Literal braces in text {{ are not }} a link.\n"
    )
    post = Post.from_text("t.md", text)
    lines = text.split("\n")
    got = [(lk.kind, lk.text, lk.url, lk.line, lk.column) for lk in post.links]
    assert got == [
        ("markdown", "the guide", "{{ site.baseurl }}/guide/", 4, lines[3].index("[the") + 1),
        ("markdown", "older", "{% post_url 2024-01-02-older %}", 4, lines[3].index("[older") + 1),
        ("markdown", "a page", '{{< ref "posts/page.md" >}}', 5, lines[4].index("[a page") + 1),
        ("markdown", "b", "https://b.example.com/x", 5, lines[4].index("[b]") + 1),
    ]
    assert post.text[post.links[0].start : post.links[0].end] == "[the guide]({{ site.baseurl }}/guide/)"


def test_reference_links_resolve_to_their_definitions():
    text = (
        "---\ntitle: Refs\n---\n"                                    # 1-3
        "See [the guide][Guide Page] and [Docs][] and [faq].\n"       # 4
        "An ![image][pic], a [missing][nope] label, [x] alone.\n"     # 5
        "An [inline](https://inline.example.com) link.\n"             # 6
        "\n"                                                          # 7
        "[guide   page]: https://guide.example.com/start\n"           # 8
        "[docs]: <https://docs.example.com>\n"                        # 9
        "[FAQ]: https://faq.example.com\n"                            # 10
        "[faq]: https://second.example.com\n"                         # 11
        "[pic]: /img/p.png\n"                                         # 12
        "A footnote[^1] is no link.\n"                                # 13
        "[^1]: https://note.example.com is cited here.\n"             # 14
    )
    post = Post.from_text("r.md", text)
    refs = [(lk.text, lk.url, lk.line, lk.column) for lk in post.links if lk.kind == "reference"]
    assert refs == [
        ("the guide", "https://guide.example.com/start", 4, 5),  # case and spaces folded
        ("Docs", "https://docs.example.com", 4, 33),
        ("faq", "https://faq.example.com", 4, 46),  # the first definition of a label counts
    ]
    ref = next(lk for lk in post.links if lk.kind == "reference")
    assert text[ref.start : ref.end] == "[the guide][Guide Page]"
    assert [lk.url for lk in post.links if lk.kind == "markdown"] == ["https://inline.example.com"]


def test_metadata_normalised(post):
    assert post.title == "A day at the lake"
    assert post.description == "Short trip"
    assert post.tags == ["travel", "lakes"]
    assert post.categories == ["outdoors", "family"]


def test_keywords_from_comma_string_and_title_from_heading():
    p = Post.from_text("k.md", "---\nkeywords: a, b ,c\n---\n# Heading Title\n\ntext\n")
    assert p.keywords == ["a", "b", "c"]
    assert p.title == "Heading Title"


def test_no_front_matter_and_toml_and_json():
    p = Post.from_text("n.md", "# Just a heading\n\nBody.\n")
    assert p.front_matter.format is None and p.body_line == 1
    assert p.blocks[0].line == 1
    t = Post.from_text("t.md", '+++\ntitle = "TOML post"\ntags = ["a"]\n+++\n\nBody\n')
    assert t.front_matter.format == "toml" and t.title == "TOML post"
    assert t.front_matter.keys["title"].line == 2 and t.front_matter.keys["title"].style == "double"
    assert t.body_line == 5
    j = Post.from_text("j.md", '{\n  "title": "JSON post"\n}\n\nBody\n')
    assert j.front_matter.format == "json" and j.title == "JSON post"
    assert j.front_matter.keys["title"].line == 2


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("---\ntitle: [unclosed\n---\nbody\n", 3, "invalid YAML"),
        ("---\ntitle: ok\nbody without end\n", 1, "never closed"),
        ("---\n- a\n- b\n---\n", 2, "must be a mapping"),
        ("---\ntitle: !!python/object:os.system x\n---\n", 2, "invalid YAML"),
        ("---\na: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
         "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n", 2, "expands"),
        ("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n", 2, "nests"),
        ("+++\ntitle = \n+++\n", 2, "invalid TOML"),
    ],
)
def test_front_matter_errors_are_data(text, line, words):
    p = Post.from_text("bad.md", text)
    fm = p.front_matter
    assert fm.error and words in fm.error
    assert fm.error_line == line


def test_load_errors():
    with pytest.raises(LoadError, match="UTF-16"):
        Post.from_bytes("u.md", "\ufeffhi".encode("utf-16"))
    with pytest.raises(LoadError, match="binary"):
        Post.from_bytes("b.md", b"abc\x00def")
    with pytest.raises(LoadError, match="not valid UTF-8.*line 2"):
        Post.from_bytes("l.md", b"ok\n\xff\xfe bad\n")


def test_lone_cr_and_mixed_newlines_count_as_lines():
    p = Post.from_text("cr.md", "---\rtitle: x\r---\r\r# H\r\nbody\n")
    assert p.front_matter.ok and p.title == "x"
    heading = next(b for b in p.blocks if b.type == "heading")
    assert heading.line == 5
    assert p.mixed_newlines


def test_offsets_and_edits_round_trip():
    p = Post.from_text("e.md", "---\r\ntitle: x\r\n---\r\nHello world\r\n")
    start = p.offset(4, 7)
    assert p.text[start : start + 5] == "world"
    assert p.position(start) == (4, 7)
    e = p.edit(4, 7, 4, 12, "there")
    assert p.text[: e.start] + e.replacement + p.text[e.end :] == "---\r\ntitle: x\r\n---\r\nHello there\r\n"


def test_inline_code_masking_handles_unclosed_and_double_backticks():
    assert mask_inline_code("a `b` c") == "a     c"
    assert mask_inline_code("a ``b ` c`` d") == "a           d"
    assert mask_inline_code("a `unclosed") == "a `unclosed"


def test_a_paragraph_repeated_in_another_post_keeps_its_own_lines():
    # Prose of a block is computed once per text for the whole run: a second post with the
    # same paragraph elsewhere (a heading as a paragraph's neighbour, more lines before) must
    # still get its own line numbers and block kind.
    para = "Water the basil *every* morning,\nsee <b>the</b> notes at https://example.org/basil.\n"
    first = Post.from_text("a.md", f"---\ntitle: A\n---\n{para}")
    second = Post.from_text("b.md", f"---\ntitle: B\n---\nIntro line.\n\nMore intro.\n\n{para}\n# {para.splitlines()[0]}\n")
    assert [(p.line, p.block) for p in first.prose] == [(4, "paragraph"), (5, "paragraph")]
    assert [(p.line, p.block) for p in second.prose][2:] == [(8, "paragraph"), (9, "paragraph"), (11, "heading")]
    assert [p.text for p in first.prose] == [p.text for p in second.prose][2:4]
    assert "https" not in first.prose[1].text and "<b>" not in first.prose[1].text
    assert first.prose_words[0] == ["water", "the", "basil", "every", "morning"]
    assert second.prose_words[2] == first.prose_words[0]


def test_long_blocks_are_not_remembered():
    # The per-text memo is bounded: an LRU of MEMO_SIZE entries, and no block longer than
    # MEMO_CHARS (a huge pasted paragraph must not stay in memory for the rest of the run).
    from lintkit import document
    from lintkit.text import MEMO_CHARS, MEMO_SIZE

    long_line = "Lorem ipsum dolor sit amet " * (MEMO_CHARS // 20)
    before = document._prose_of_block.cache_info().currsize
    post = Post.from_text("long.md", f"---\ntitle: L\n---\n{long_line}\nsecond line of it\n")
    assert [p.line for p in post.prose] == [4, 5]
    assert post.prose_words[1] == ["second", "line", "of", "it"]
    assert document._prose_of_block.cache_info().currsize == before
    assert document._prose_of_block.cache_info().maxsize == MEMO_SIZE
