"""lintkit.linklists: "Also read" / "Related posts" lists in every shape, with exact lines."""

from __future__ import annotations

import pickle

import pytest

from lintkit.document import Post
from lintkit.linklists import (
    HeaderMatcher,
    LinkList,
    ListLink,
    default_matcher,
    find_link_lists,
    list_lines,
    load_header_data,
    slug_words,
)

FM = "---\ntitle: Growing tomatoes on a balcony\n---\n"  # lines 1-3; the body starts on line 4


def lists(body: str, **kw) -> list[LinkList]:
    return find_link_lists(Post.from_text("blog/post.md", FM + body), **kw)


def spans(found: list[LinkList]) -> list[tuple[str, int, int, int]]:
    """(header, header_line, first line, last line) of each list."""
    return [(x.header, x.header_line, x.line, x.end_line) for x in found]


def texts(found: LinkList) -> list[str]:
    return [lk.text for lk in found.links]


# --------------------------------------------------------------------------- shapes

def test_markdown_heading_and_bullet_list():
    body = (
        "Tomatoes need sun.\n"          # 4
        "\n"                            # 5
        "## Related posts\n"            # 6
        "\n"                            # 7
        "- [Pruning tomato suckers](/pruning/)\n"  # 8
        "- [Watering in a heat wave](/watering/)\n"  # 9
        "- [Choosing a pot size](/pots/)\n"  # 10
        "\n"                            # 11
        "Happy growing!\n"              # 12
    )
    found = lists(body)
    assert spans(found) == [("Related posts", 6, 6, 10)]
    assert texts(found[0]) == ["Pruning tomato suckers", "Watering in a heat wave", "Choosing a pot size"]
    assert [lk.line for lk in found[0].links] == [8, 9, 10]
    assert found[0].links[0] == ListLink("Pruning tomato suckers", "/pruning/", ("pruning",), 8)
    assert found[0].shape == "list"


def test_a_list_inside_a_blockquote():
    # lines 4-11: the header, a bare ">" line and two items in a quote, then a quote with one link
    quoted = ["Tomatoes need sun.", "", "> **Read next**", ">", "> - [Pruning tomato suckers](/pruning/)",
              "> - [Watering in a heat wave](/watering/)", "", "> A quote about [one link](/x/) is no list."]
    (found,) = lists("\n".join(quoted) + "\n")
    assert (spans([found]), [lk.line for lk in found.links]) == ([("Read next", 6, 6, 9)], [8, 9])


def test_plain_line_header_and_numbered_list():
    body = "Text.\n\nRelated posts\n\n1. [One post](/a/)\n2. [Two posts](/b/)\n3. [Three posts](/c/)\n"
    assert spans(lists(body)) == [("Related posts", 6, 6, 10)]


def test_bold_header_and_one_link_per_paragraph():
    body = (
        "Text.\n"                        # 4
        "\n"                             # 5
        "**Also read:**\n"               # 6
        "\n"                             # 7
        "[First article](/first/)\n"     # 8
        "\n"                             # 9
        "[Second article](/second/)\n"   # 10
        "\n"                             # 11
        "[Third article](/third/)\n"     # 12
        "\n"                             # 13
        "The end of the post.\n"         # 14
    )
    found = lists(body)
    assert spans(found) == [("Also read", 6, 6, 12)]
    assert found[0].shape == "lines"


def test_plain_header_with_colon_and_star_list():
    body = "You might also like:\n\n* [A](/a/)\n* [B](/b/)\n"
    assert spans(lists(body)) == [("You might also like", 4, 4, 7)]


def test_inline_comma_separated_links_on_the_header_line():
    body = "Text.\n\nAlso Read: [Alpha post](/alpha/), [Beta post](/beta/), [Gamma post](/gamma/)\n\nMore text.\n"
    found = lists(body)
    assert spans(found) == [("Also Read", 6, 6, 6)]
    assert texts(found[0]) == ["Alpha post", "Beta post", "Gamma post"]
    assert found[0].shape == "inline"


def test_inline_pipe_separated_links_after_a_bold_header():
    body = "**Read more:** [Alpha](/alpha/) | [Beta](/beta/) | [Gamma](/gamma/)\n"
    found = lists(body)
    assert spans(found) == [("Read more", 4, 4, 4)]
    assert len(found[0].links) == 3


def test_html_heading_and_one_line_ul():
    body = (
        "Text.\n\n<h3>Recommended for you</h3>\n\n"
        '<ul><li><a href="/a/">Alpha</a></li><li><a href="/b/">Beta</a></li><li><a href="/c/">Gamma</a></li></ul>\n'
    )
    found = lists(body)
    assert spans(found) == [("Recommended for you", 6, 6, 8)]
    assert texts(found[0]) == ["Alpha", "Beta", "Gamma"]


def test_html_span_header_and_wrapped_multiline_ul():
    body = (
        "Text.\n"                                                    # 4
        "\n"                                                         # 5
        '<span class="x-style">Also read:</span>\n'                  # 6
        "<div><ul>\n"                                                # 7
        '<li><a href="https://a.example/one/"><u>[New] One &amp; only</u></a></li>\n'  # 8
        '<li><a href="https://a.example/two/"><u>Two</u></a></li>\n'  # 9
        "</ul></div>\n"                                              # 10
        "\n"                                                         # 11
        "<!-- ads begin -->\n"                                       # 12
        '<a href="https://ads.example/c/1"><img src="/b.png"></a>\n'  # 13
    )
    found = lists(body)
    assert spans(found) == [("Also read", 6, 6, 10)]
    assert texts(found[0]) == ["[New] One & only", "Two"]


def test_class_attribute_names_the_list_without_a_header_line():
    body = (
        "Text.\n\n"                                        # 4-5
        '<ul class="related-posts">\n'                      # 6
        '  <li><a href="/a/">Alpha</a></li>\n'              # 7
        '  <li><a href="/b/">Beta</a></li>\n'               # 8
        "</ul>\n"                                           # 9
        "\n"                                                # 10
        "[A normal link](/x/) starts this paragraph of prose that goes on.\n"  # 11
    )
    assert spans(lists(body)) == [("related-posts", 6, 6, 9)]


def test_heading_then_div_of_links_with_br():
    body = (
        "## Further reading\n"                         # 4
        "\n"                                           # 5
        '<div class="recommended">\n'                  # 6
        '<a href="https://x.example/a/">Alpha</a><br>\n'  # 7
        '<a href="https://x.example/b/">Beta</a><br>\n'   # 8
        '<a href="https://x.example/c/">Gamma</a><br>\n'  # 9
        "</div>\n"                                     # 10
        "\n"                                           # 11
        "Prose again.\n"                               # 12
    )
    found = lists(body)
    assert spans(found) == [("Further reading", 4, 4, 10)]
    assert len(found[0].links) == 3


def test_paragraph_strong_header_setext_header_and_comment_between():
    body = (
        "<p><strong>See also</strong></p>\n"   # 4
        "\n"                                  # 5
        "- [A](/a/)\n"                        # 6
        "- [B](/b/)\n"                        # 7
        "\n"                                  # 8
        "Prose between the two lists.\n"      # 9
        "\n"                                  # 10
        "More from the garden\n"              # 11
        "--------------------\n"              # 12
        "<!-- wp:list -->\n"                  # 13
        "- [C](/c/)\n"                        # 14
        "- [D](/d/)\n"                        # 15
        "<!-- /wp:list -->\n"                 # 16
    )
    assert spans(lists(body)) == [("See also", 4, 4, 7), ("More from the garden", 11, 11, 15)]


def test_list_items_with_a_short_note_after_the_link():
    body = "## Read next\n\n- [Alpha](/a/) (2019)\n- [Beta](/b/) by Sam\n- [Gamma](/c/)\n"
    found = lists(body)
    assert spans(found) == [("Read next", 4, 4, 8)]
    assert texts(found[0]) == ["Alpha", "Beta", "Gamma"]


def test_paragraph_links_then_bullets_are_one_list():
    body = "#### See also\n\n[A](/a/)\n\n[B](/b/)\n\n* [A](/a/)\n* [B](/b/)\n\n###\n"
    assert spans(lists(body)) == [("See also", 4, 4, 11)]


def test_new_bullet_character_after_a_blank_line_ends_the_list():
    body = "Don't miss:\n\n* [A](/a/)\n* [B](/b/)\n\n- [Schedule item](/talk/)<br>\n  by a speaker\n"
    assert spans(lists(body)) == [("Don't miss", 4, 4, 7)]


def test_header_phrase_inside_a_short_sentence_ending_in_colon():
    body = "If you liked this post, you may also like:\n\n- [A](/a/)\n- [B](/b/)\n"
    assert spans(lists(body)) == [("If you liked this post, you may also like", 4, 4, 7)]


def test_list_in_a_blockquote():
    body = "> **Related:**\n> - [A](/a/)\n> - [B](/b/)\n"
    assert spans(lists(body)) == [("Related", 4, 4, 6)]


def test_crlf_file_keeps_lines():
    text = FM.replace("\n", "\r\n") + "Text.\r\n\r\n## See also\r\n\r\n- [A](/a/)\r\n- [B](/b/)\r\n"
    found = find_link_lists(Post.from_text("p.md", text))
    assert spans(found) == [("See also", 6, 6, 9)]


# --------------------------------------------------------------------------- without a header

def test_headerless_paragraph_of_comma_separated_links():
    body = "Last words.\n\n[Alpha post](/a/), [Beta post](/b/), [Gamma post](/c/), [Delta post](/d/)\n"
    found = lists(body)
    assert spans(found) == [("", 6, 6, 6)]
    assert len(found[0].links) == 4


def test_headerless_run_of_link_paragraphs():
    body = "Last words.\n\n[Alpha post](/a/)\n\n[Beta post](/b/)\n\n[Gamma post](/c/)\n"
    assert spans(lists(body)) == [("", 6, 6, 10)]


def test_the_same_header_on_consecutive_paragraphs_is_one_list():
    body = ("Last words.\n\nRead more: [Alpha post](/a/)\n\nRead more: [Beta post](/b/)\n\n"
            "Read more: [Gamma post](/c/)\n\nThe end.\n\nRead more: [Delta post](/d/)\n")
    found = lists(body)
    # prose between them ends the run: the last one is a list of its own
    assert spans(found) == [("Read more", 6, 6, 10), ("Read more", 14, 14, 14)]
    assert texts(found[0]) == ["Alpha post", "Beta post", "Gamma post"]
    # different headers stay apart
    assert len(lists("Intro.\n\nRead more: [Alpha](/a/)\n\nAlso read: [Beta](/b/)\n")) == 2


def test_headerless_needs_three_links_and_whole_blocks():
    assert lists("Last words.\n\n[Alpha](/a/), [Beta](/b/)\n") == []
    # link-only lines inside a paragraph that goes on with prose are not a list
    body = "* **Conventions:**\n[A](/1)\n[large](/2)\n[number](/3)\n[of](/4)\nhave been approved.\n"
    assert lists(body) == []


def test_headerless_bullet_list_of_links_is_ordinary_content():
    body = "Stabilized APIs:\n\n- [`Vec::leak`](/vec/)\n- [`Box::pin`](/box/)\n- [`Rc::new`](/rc/)\n"
    assert lists(body) == []


# --------------------------------------------------------------------------- not lists

def test_code_blocks_are_ignored():
    body = (
        "```markdown\n"
        "## Related posts\n"
        "- [A](/a/)\n"
        "- [B](/b/)\n"
        "```\n"
        "\n"
        "    Also read: [A](/a/), [B](/b/), [C](/c/)\n"
        "\n"
        "~~~\n"
        "[A](/a/)\n\n[B](/b/)\n\n[C](/c/)\n"
        "~~~\n"
    )
    assert lists(body) == []


def test_code_block_between_header_and_links_ends_the_list():
    body = "## Related posts\n\n```\ncode\n```\n\n- [A](/a/)\n- [B](/b/)\n"
    assert lists(body) == []


def test_prose_with_links_is_not_a_list():
    body = (
        "See also [the docs](/docs/) for more about watering and [this post](/p/) on soil.\n\n"
        "Read more about it in [this post](/post/), which covers the same ground.\n\n"
        "[Read more](/more/)\n\n"
        "Next, [repot the seedlings](/repot/).\n\n"
        "(see also [pruning](/prune/))\n\n"
        "Related posts are a good idea in general, but this is a sentence.\n\n"
        "- [A](/a/)\n"
    )
    assert lists(body) == []


def test_header_without_links_is_not_a_list():
    assert lists("## Related posts\n\nNone yet, sorry.\n") == []
    assert lists("Further reading\n") == []


def test_a_header_phrase_in_a_long_line_is_not_a_header():
    body = "Recommended reading for anyone who wants to grow tomatoes on a small balcony in the city this summer\n\n- [A](/a/)\n"
    assert lists(body) == []


# --------------------------------------------------------------------------- data and API

def test_header_phrases_are_data():
    data = load_header_data()
    assert "also read" in data["phrases"]
    assert "related posts" in data["phrases"]
    assert "related" in data["exact"]
    m = default_matcher()
    assert m.match("Also read:")
    assert m.match("### More from the Rust team")
    assert m.match("Related:")  # an exact phrase: the whole header
    assert not m.match("Related topics aside, tomatoes grow fast")
    assert not m.match("Related work shows that tomatoes grow faster")
    assert m.match_name("post-related-posts-list")
    assert m.match_name("atpl-alsoreadstyle")
    assert not m.match_name("post-content")


def test_extra_header_phrases():
    body = "Lecturas recomendadas:\n\n- [A](/a/)\n- [B](/b/)\n"
    assert lists(body) == []
    assert spans(lists(body, headers=["Lecturas recomendadas"])) == [("Lecturas recomendadas", 4, 4, 7)]
    matcher = HeaderMatcher(["further afield"])
    assert spans(lists("Further afield\n\n- [A](/a/)\n", matcher=matcher)) == [("Further afield", 4, 4, 6)]
    assert lists("Also read:\n\n- [A](/a/)\n", matcher=matcher) == []


def test_link_text_keeps_inline_code_and_drops_markup():
    body = "## See also\n\n- [`Vec::leak` **explained**](/vec/)\n- [<u>Under</u> &amp; over](/u/)\n- [![logo](/l.png) Logo post](/logo/)\n"
    assert texts(lists(body)[0]) == ["Vec::leak explained", "Under & over", "logo Logo post"]


def test_slug_words():
    assert slug_words("https://example.com/blog/fix-the-printer/") == ("fix", "the", "printer")
    assert slug_words("/posts/electron-23-0-0.html") == ("electron", "23", "0", "0")
    assert slug_words("/blog/how_to%20grow/index.html") == ("how", "to", "grow")
    assert slug_words("/p/123/") == ()
    assert slug_words("https://example.com/") == ()
    assert slug_words("https://[bad") == ()
    # a generator's link to a page: its target, not the template's words
    assert slug_words('{{< ref "posts/fix-the-printer/index.md" >}}') == ("fix", "the", "printer")
    assert slug_words('{{% relref "grow-basil.md" %}}') == ("grow", "basil")
    assert slug_words("{% post_url 2024-01-02-grow-basil %}") == ("2024", "01", "02", "grow", "basil")
    assert slug_words("{{ site.baseurl }}/2020/01/grow-basil/") == ("grow", "basil")


def test_linklist_is_picklable_and_list_lines():
    found = lists("## See also\n\n- [A](/a/)\n- [B](/b/)\n")
    assert pickle.loads(pickle.dumps(found)) == found
    assert list_lines(found) == {4, 5, 6, 7}


# --------------------------------------------------------------------------- hostile input

@pytest.mark.parametrize(
    "body",
    [
        "[" * 1_000_000 + "\n",
        "<" * 1_000_000 + "\n",
        "Also read:\n\n" + "".join(f"- [Post number {i}](/p/{i}/)\n" for i in range(100_000)),
        "Also read: " + ", ".join(f"[Post {i}](/p/{i}/)" for i in range(100_000)) + "\n",
        "<div>\n" * 100_000,
        "Related posts\n<div>\n" * 50_000,
        "Also read:\n[a](/a)\n<!-- x -->\n" * 30_000,
    ],
    ids=["brackets", "angles", "100k-list", "100k-inline", "wrappers", "headers", "alternating"],
)
def test_hostile_input_finishes(body):
    found = lists(body)
    assert all(x.line <= x.end_line for x in found)


def test_hostile_large_lists_are_complete():
    found = lists("Also read:\n\n" + "".join(f"- [Post number {i}](/p/{i}/)\n" for i in range(100_000)))
    assert spans(found) == [("Also read", 4, 4, 100_005)]
    assert len(found[0].links) == 100_000


def test_html_header_named_by_its_class():
    body = '<h3 class="related-title">Keep exploring</h3>\n<ul>\n<li><a href="/a/">Alpha</a></li>\n<li><a href="/b/">Beta</a></li>\n</ul>\n'
    assert spans(lists(body)) == [("Keep exploring", 4, 4, 8)]
    assert lists('<h3 class="post-title">Keep exploring</h3>\n<ul>\n<li><a href="/a/">Alpha</a></li>\n</ul>\n') == []


def test_a_line_seen_before_as_prose_is_read_again_where_a_link_covers_it():
    # Link-free lines are classified once per text for the run; the same text covered by a
    # link in another post (an HTML link whose text runs over two lines) is a link line there.
    from lintkit.linklists import find_link_lists

    prose = Post.from_text("a.md", "---\ntitle: A\n---\nSoak the beans overnight\nthen simmer them slowly.</a></li>\n")
    assert find_link_lists(prose) == []
    listing = Post.from_text("b.md", (
        "---\ntitle: B\n---\nA short intro paragraph.\n\nRelated posts:\n\n<ul>\n"
        '<li><a href="/beans/">Soak the beans overnight\nthen simmer them slowly.</a></li>\n'
        '<li><a href="/loaf/">Bake the loaf\nthen simmer them slowly.</a></li>\n</ul>\n'
    ))
    (found,) = find_link_lists(listing)
    assert [link.url for link in found.links] == ["/beans/", "/loaf/"]
    assert (found.line, found.end_line) == (6, 13)
