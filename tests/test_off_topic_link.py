"""off-topic-link (LK103): link lists whose links are unrelated to the post."""

from __future__ import annotations

import pickle
import re
import textwrap

import pytest

from lintkit.cache import dumps, loads
from lintkit.document import Post
from lintkit.rule import FixSafety, Severity
from lintkit.rules.off_topic_link import OffTopicLink, link_terms
from lintkit.site import Site

FM = (
    "---\n"                                                   # 1
    "title: Growing tomatoes on a balcony\n"                  # 2
    "tags: [tomatoes, balcony, gardening]\n"                  # 3
    "---\n"                                                   # 4
)
BODY = (
    "Tomatoes grow well in large pots on a sunny balcony. Pick a determinate variety, water\n"  # 5
    "the pots every morning and feed the plants with a tomato fertiliser once the first\n"      # 6
    "flowers open. Pinch out the suckers and tie the stems to a cane.\n"                        # 7
    "\n"                                                                                         # 8
)
UNRELATED = (
    "**Also read:**\n"                                                              # 9
    "\n"                                                                            # 10
    "- [Best car insurance deals for young drivers](https://example.net/car-insurance/)\n"  # 11
    "- [Fix printer driver error 0x80070002](https://example.net/printer-error/)\n"          # 12
    "- [Top crypto wallets reviewed](https://example.net/crypto-wallets/)\n"                 # 13
    "- [Cheap flights to Lisbon this summer](https://example.net/flights-lisbon/)\n"         # 14
    "- [Feeding tomato plants in pots](https://example.net/feeding-tomatoes/)\n"             # 15
    "\n"                                                                            # 16
    "Thanks for reading.\n"                                                         # 17
)
RELATED = (
    "## Related posts\n"                                                  # 9
    "\n"                                                                  # 10
    "- [Pinching out tomato suckers](/posts/tomato-suckers/)\n"           # 11
    "- [Choosing pots for a balcony garden](/posts/balcony-pots/)\n"      # 12
    "- [When to feed tomato plants](/posts/feeding-tomatoes/)\n"          # 13
)


def check(text: str, path: str = "blog/tomatoes.md", **options) -> list:
    rule = OffTopicLink({k.replace("_", "-"): v for k, v in options.items()})
    return list(rule.check(Post.from_text(path, text)))


def run_site(posts: dict[str, str], report: set[str] | None = None, **options) -> list:
    rule = OffTopicLink({k.replace("_", "-"): v for k, v in options.items()})
    summaries = {p: rule.collect(Post.from_text(p, t)) for p, t in posts.items()}
    site = Site(paths=list(posts), report_paths=set(posts) if report is None else report)
    return list(rule.check_corpus(summaries, site))


def apply(text: str, fix) -> str:
    out = text
    for e in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.replacement + out[e.end :]
    return out


# --------------------------------------------------------------------------- metadata


def test_metadata():
    assert OffTopicLink.code == "LK103"
    assert OffTopicLink.name == "off-topic-link"
    assert OffTopicLink.severity is Severity.WARNING
    assert OffTopicLink.tags == ("spam", "links")
    assert OffTopicLink.fix_safety is FixSafety.UNSAFE
    assert OffTopicLink.scope == "corpus"
    assert {"max-unrelated-share", "min-links", "extend-headers", "min-similarity"} <= set(OffTopicLink.options)


def test_docs_sections_and_examples():
    doc = OffTopicLink.documentation()
    for head in ("## What it flags", "## Why it matters", "## Example", "## Options", "## Fix"):
        assert head in doc
    for opt in OffTopicLink.options:
        assert f"`{opt}`" in doc
    examples = re.findall(r"^(Bad|Good):[ \t]*\n+```markdown\n(.*?)\n```", doc, re.M | re.S)
    assert {k for k, _ in examples} == {"Bad", "Good"}
    for kind, body in examples:
        text = textwrap.dedent(body) + "\n"
        assert text.startswith("---\n")
        # the documented examples behave as documented, also as a one-post site
        assert bool(check(text, "example.md")) == (kind == "Bad")
        assert bool(run_site({"example.md": text})) == (kind == "Bad")


# --------------------------------------------------------------------------- flags


def test_unrelated_list_is_flagged_at_its_lines():
    (f,) = check(FM + BODY + UNRELATED)
    assert (f.line, f.end_line, f.column) == (9, 15, 1)
    assert f.code == "LK103" and f.rule == "off-topic-link"
    assert f.message.startswith("4 of 5 links in the 'Also read' list are unrelated to this post: ")
    assert "'Best car insurance deals for young drivers'" in f.message
    assert "'Fix printer driver error 0x80070002'" in f.message
    assert "Feeding tomato plants" not in f.message  # the one related link is not named
    assert f.severity is Severity.WARNING


def test_a_list_of_reference_links_is_judged_like_inline_links():
    # "- [text][1]" with "[1]: url" further down: the same list, the same finding, same lines
    refs = re.sub(r"\]\((https://[^)]+)\)", lambda m: f"][{m.group(1)[-12:]}]", UNRELATED)
    defs = "".join(f"[{u[-12:]}]: {u}\n" for u in re.findall(r"\]\((https://[^)]+)\)", UNRELATED))
    (f,) = check(FM + BODY + refs + "\n" + defs)
    (g,) = check(FM + BODY + UNRELATED)
    assert (f.line, f.end_line, f.message) == (g.line, g.end_line, g.message) == (9, 15, g.message)


def test_more_headers_of_widget_lists_and_template_links():
    for header in ("**Readers also liked**", "### Popular this week", "**Popular right now:**", "From around the web"):
        (f,) = check(FM + BODY + UNRELATED.replace("**Also read:**", header))
        assert (f.line, f.end_line) == (9, 15), header
    # a Jekyll or Hugo link to another post, written with a template, is a link of the list
    hugo = RELATED.replace("(/posts/tomato-suckers/)", '({{< ref "tomato-suckers.md" >}})').replace(
        "(/posts/balcony-pots/)", "({{ site.baseurl }}/posts/balcony-pots/)")
    assert check(FM + BODY + hugo) == []
    templated = UNRELATED.replace("(https://example.net/flights-lisbon/)", '({{< ref "flights-lisbon.md" >}})')
    (f,) = check(FM + BODY + templated)
    assert f.message.startswith("4 of 5 links")  # the templated link is one of the five


def test_a_host_name_in_a_link_text_is_no_topic():
    # "Tomato feeding on gardening.example.org": the host says where, not what about
    hosts = ("## Further reading\n\n- [Tomato feeding on gardening.example.org](https://gardening.example.org/t)\n"
             "- [Balcony pots at shop.example.co.uk](https://shop.example.co.uk/p)\n")
    assert check(FM + BODY + hosts) == []
    assert link_terms("Balcony pots at shop.example.co.uk") == ["balcony", "pots"]
    assert link_terms("ASP.NET Core guide")[:2] == ["asp", "net"]  # capitals: a topic, kept


def test_related_list_is_not_flagged():
    assert check(FM + BODY + RELATED) == []


def test_a_list_of_two_unrelated_links_is_flagged_and_one_link_is_no_list():
    two = "**Also read:**\n\n- [Best car insurance deals](https://example.net/a/)\n- [Top crypto wallets](https://example.net/b/)\n"
    (f,) = check(FM + BODY + two)
    assert (f.line, f.end_line) == (9, 12)
    assert f.message.startswith("2 of 2 links")
    assert check(FM + BODY + two, min_links=3) == []
    one = "**Also read:**\n\n- [Best car insurance deals](https://example.net/a/)\n"
    assert check(FM + BODY + one) == []
    # two related links, or one related and one not, are no off-topic list
    mixed = "## Related\n\n- [Pinching out tomato suckers](/posts/tomato-suckers/)\n- [Top crypto wallets](https://example.net/b/)\n"
    assert check(FM + BODY + mixed) == []
    related = "## Related\n\n- [Pinching out tomato suckers](/posts/tomato-suckers/)\n- [When to feed tomato plants](/posts/feeding-tomatoes/)\n"
    assert check(FM + BODY + related) == []


def test_duplicate_links_count_once():
    dup = UNRELATED.replace(
        "- [Feeding tomato plants in pots](https://example.net/feeding-tomatoes/)\n",
        "- [Top crypto wallets reviewed](https://example.net/crypto-wallets/)\n",
    )
    (f,) = check(FM + BODY + dup)
    assert f.message.startswith("4 of 4 links")


def test_max_unrelated_share():
    half = (
        "## See also\n\n"
        "- [Best car insurance deals for young drivers](https://example.net/a/)\n"
        "- [Top crypto wallets reviewed](https://example.net/b/)\n"
        "- [Pinching out tomato suckers](/posts/tomato-suckers/)\n"
        "- [Choosing pots for a balcony garden](/posts/balcony-pots/)\n"
    )
    assert check(FM + BODY + half) == []  # 2 of 4: not most of them
    (f,) = check(FM + BODY + half, max_unrelated_share=0.4)
    assert f.message.startswith("2 of 4 links in the 'See also' list")


def test_extend_headers():
    spanish = UNRELATED.replace("**Also read:**", "**Lecturas recomendadas:**")
    assert check(FM + BODY + spanish) == []
    (f,) = check(FM + BODY + spanish, extend_headers=["Lecturas recomendadas"])
    assert (f.line, f.end_line) == (9, 15)
    assert "'Lecturas recomendadas' list" in f.message


def test_html_list_and_headerless_paragraph():
    html_list = (
        '<ul class="related-posts">\n'                                             # 9
        '<li><a href="/car-insurance/">Best car insurance deals</a></li>\n'        # 10
        '<li><a href="/crypto/">Top crypto wallets reviewed</a></li>\n'            # 11
        '<li><a href="/flights/">Cheap flights to Lisbon</a></li>\n'               # 12
        "</ul>\n"                                                                  # 13
    )
    (f,) = check(FM + BODY + html_list)
    assert (f.line, f.end_line) == (9, 13)
    assert "'related-posts' list" in f.message
    headerless = "[Best car insurance deals](/a/), [Top crypto wallets](/b/), [Cheap flights to Lisbon](/c/)\n"
    (f,) = check(FM + BODY + headerless)
    assert (f.line, f.end_line) == (9, 9)
    assert "in the link list" in f.message


def test_a_row_of_linked_images_without_a_header_is_no_list():
    badges = (
        "[![Build status](https://ci.example.org/badge.svg)](https://ci.example.org/job)\n"
        "[![Coverage report](https://cov.example.org/badge.svg)](https://cov.example.org/r)\n"
        "[![Chat room](https://chat.example.org/badge.svg)](https://chat.example.org/room)\n"
    )
    assert check(FM + BODY + badges) == []
    # the same images under a reading-list header, or text links without one, are still judged
    (f,) = check(FM + BODY + "## Also read\n\n" + badges)
    assert (f.line, f.end_line) == (9, 13)
    texts = re.sub(r"\[!\[([^\]]*)\]\([^)]*\)\]", r"[\1]", badges)
    (f,) = check(FM + BODY + texts)
    assert (f.line, f.end_line) == (9, 11)


def test_links_named_by_an_identifier_are_not_judged():
    advisories = (
        "You can read more about it in:\n\n"
        "- [CVE-2024-10001](https://advisories.example.org/GHSA-9r2w-394v-53qc)\n"
        "- [CVE-2024-10002](https://advisories.example.org/GHSA-qq89-hq3f-393p)\n"
        "- [#4411](https://tracker.example.org/issues/4411)\n"
        "- [v2.1.0](https://example.org/releases/v2.1.0)\n"
    )
    assert check(FM + BODY + advisories) == []
    worded = advisories.replace("[CVE-2024-10001]", "[Car insurance deals]").replace(
        "[CVE-2024-10002]", "[Crypto wallets reviewed]").replace("[#4411]", "[Cheap flights to Lisbon]")
    (f,) = check(FM + BODY + worded)
    assert f.message.startswith("3 of 3 links")


def test_slug_words_judge_links_with_empty_text():
    vague = (
        "## Read more\n\n"
        "- [this](/posts/car-insurance-deals-for-drivers/)\n"
        "- [that](/posts/crypto-wallets-compared/)\n"
        "- [here](/posts/cheap-flights-to-lisbon/)\n"
    )
    (f,) = check(FM + BODY + vague)
    assert f.message.startswith("3 of 3 links")
    good = vague.replace("car-insurance-deals-for-drivers", "pinching-tomato-suckers").replace(
        "crypto-wallets-compared", "balcony-pots-for-tomatoes").replace("cheap-flights-to-lisbon", "feeding-tomato-plants")
    assert check(FM + BODY + good) == []


def test_lists_in_code_blocks_are_not_flagged():
    fenced = "```markdown\n" + UNRELATED + "```\n"
    assert check(FM + BODY + fenced) == []


def test_list_words_do_not_count_as_the_post_topic():
    # Links repeating each other's words are still unrelated to the post: the list's own lines
    # are not part of the topic they are compared with.
    same = (
        "**Also read:**\n\n"
        "- [Crypto wallets for beginners](/a/)\n"
        "- [Crypto wallets for experts](/b/)\n"
        "- [Crypto wallets compared](/c/)\n"
    )
    (f,) = check(FM + BODY + same)
    assert f.message.startswith("3 of 3 links")


# --------------------------------------------------------------------------- fix


def test_fix_removes_exactly_the_list_lines():
    text = FM + BODY + UNRELATED
    (f,) = check(text)
    assert f.fix is not None and f.fix.safety is FixSafety.UNSAFE
    fixed = apply(text, f.fix)
    lines = text.splitlines(keepends=True)
    assert fixed == "".join(lines[:8] + lines[15:])  # lines 9-15 gone, the rest byte-identical
    assert fixed.endswith("flowers open. Pinch out the suckers and tie the stems to a cane.\n\n\nThanks for reading.\n")


def test_fix_with_crlf_and_no_final_newline():
    text = (FM + BODY + UNRELATED).replace("\n", "\r\n")
    text = text[: text.index("\r\n\r\nThanks")]  # the list ends the file, no final newline
    (f,) = check(text)
    fixed = apply(text, f.fix)
    assert fixed == (FM + BODY).replace("\n", "\r\n")


def test_fix_in_corpus_mode_matches_per_file_mode():
    text = FM + BODY + UNRELATED
    (a,) = check(text)
    (b,) = run_site({"blog/tomatoes.md": text})
    assert a.fix == b.fix and (a.line, a.end_line, a.message) == (b.line, b.end_line, b.message)


# --------------------------------------------------------------------------- the site


def _post(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n{body}\n"


SITE = {
    "blog/may-update.md": _post("May update", "This month the tomato seedlings moved to the balcony. Tomatoes, basil and peppers in pots, watering every morning."),
    "blog/june-update.md": _post("June update", "The first tomatoes are ripening on the balcony. Pinching out suckers, feeding the plants, watering the pots."),
    "blog/july-update.md": _post("July update", "Tomato harvest on the balcony: the pots gave four kilos of tomatoes; the basil bolted."),
    "blog/crypto.md": _post("Wallet roundup", "Crypto wallets compared: hardware wallets, seed phrases, exchanges and fees."),
    "blog/cars.md": _post("Insurance roundup", "Car insurance for young drivers: premiums, no-claims bonuses and telematics boxes."),
    "blog/flights.md": _post("Travel roundup", "Cheap flights to Lisbon and Porto, airport transfers and luggage fees."),
}


def test_links_to_site_posts_are_judged_by_those_posts():
    monthly = (
        "## More from this blog\n\n"
        "- [May update](/blog/may-update/)\n"
        "- [June update](/blog/june-update/)\n"
        "- [July update](/blog/july-update/)\n"
    )
    post = FM + BODY + monthly
    # Alone, "May update" says nothing about tomatoes ...
    assert len(check(post)) == 1
    # ... but in its site each link names a post about tomatoes on a balcony.
    assert run_site({**SITE, "blog/tomatoes.md": post}) == []
    roundups = monthly.replace("May update](/blog/may-update/", "Wallet roundup](/blog/crypto/").replace(
        "June update](/blog/june-update/", "Insurance roundup](/blog/cars/").replace(
        "July update](/blog/july-update/", "Travel roundup](/blog/flights/")
    (f,) = run_site({**SITE, "blog/tomatoes.md": FM + BODY + roundups})
    assert f.path == "blog/tomatoes.md" and f.message.startswith("3 of 3 links")


def _tagged(title: str, tags: str, body: str) -> str:
    return f"---\ntitle: {title}\ntags: [{tags}]\n---\n{body}\n"


def test_a_linked_post_sharing_a_rare_tag_is_related():
    ridge = _tagged("Four days on the Ushba ridge", "hiking, georgia",
                    "We walked for four days along the ridge under Ushba and camped beside the glacier "
                    "each night. The weather turned twice and the snow bridges were soft by noon.\n\n"
                    "## Related posts\n\n"
                    "- [The cliff path at Sagres](/trips/sagres/)\n"
                    "- [Khinkali and wine in Tbilisi](/trips/khinkali/)\n"
                    "- [Three lakes by kayak](/trips/lakes/)\n")
    def site(filler_tags: str) -> dict[str, str]:
        posts = {
            "trips/ridge.md": ridge,
            "trips/sagres.md": _tagged("The cliff path at Sagres", "hiking, portugal", "Cliffs, surf and a lighthouse at the end of Europe."),
            "trips/khinkali.md": _tagged("Khinkali and wine in Tbilisi", "food, georgia", "Dumplings, amber wine and a supra that lasted until two."),
            "trips/lakes.md": _tagged("Three lakes by kayak", "paddling, finland", "Portages, lakes and a sauna on an island."),
        }
        for i in range(8):
            posts[f"trips/city-{i}.md"] = _tagged(f"A weekend in town {i}", filler_tags, "Museums, cafes and a tram ride.")
        return posts
    # "hiking" and "georgia" are on two posts each: the site files the first two links with this post
    assert run_site(site("cities")) == []
    # a tag most posts carry tells nothing: the cliff path and the lakes are unrelated again
    (f,) = run_site(site("cities, hiking"), report={"trips/ridge.md"})
    assert f.message.startswith("2 of 3 links") and "Sagres" in f.message and "Khinkali" not in f.message


def test_links_resolved_by_url_slug():
    parts = (
        "**Read next:**\n\n"
        "- [Part one](https://myblog.example/blog/may-update/)\n"
        "- [Part two](https://myblog.example/blog/june-update.html)\n"
        "- [Part three](https://myblog.example/2024/07/july-update/)\n"
    )
    post = FM + BODY + parts
    assert len(check(post)) == 1
    assert run_site({**SITE, "blog/tomatoes.md": post}) == []


def test_links_resolved_through_generator_templates():
    # Hugo ref and Jekyll post_url links name the site's posts by path: judged by their content
    parts = (
        "**More in Gardening:**\n\n"
        '- [Part one]({{< ref "blog/may-update/index.md" >}})\n'
        "- [Part two]({% post_url 2024-06-01-june-update %})\n"
        "- [Part three]({{ site.baseurl }}/2024/07/july-update/)\n"
    )
    post = FM + BODY + parts
    assert len(check(post)) == 1  # alone: three links that say nothing of tomatoes
    assert run_site({**SITE, "blog/tomatoes.md": post}) == []


def test_a_title_shared_by_many_posts_names_none_of_them():
    clones = {f"blog/clone-{i}.md": _post("Wallet roundup", "Tomatoes on a balcony, pots, watering, suckers.") for i in range(3)}
    lst = "## See also\n\n- [Wallet roundup](/x/)\n- [Insurance roundup](/y/)\n- [Travel roundup](/z/)\n"
    (f,) = run_site({**clones, "blog/tomatoes.md": FM + BODY + lst}, report={"blog/tomatoes.md"})
    assert f.message.startswith("3 of 3 links")


def test_findings_only_for_reported_paths():
    posts = {"a.md": FM + BODY + UNRELATED, "b.md": FM + BODY + UNRELATED}
    assert [f.path for f in run_site(posts)] == ["a.md", "b.md"]
    assert [f.path for f in run_site(posts, report={"b.md"})] == ["b.md"]


def test_summary_is_small_and_picklable():
    rule = OffTopicLink()
    big = FM + BODY * 200 + UNRELATED
    summary = rule.collect(Post.from_text("blog/tomatoes.md", big))
    data = pickle.dumps(summary)
    assert len(data) < 20_000
    assert "Post" not in repr(type(summary)) and isinstance(summary, dict)
    detail = summary["detail"].value
    assert summary["has_lists"] and len(detail["lists"]) == 1 and detail["lists"][0][1:3] == (9 + 4 * 199, 15 + 4 * 199)
    no_list = rule.collect(Post.from_text("x.md", FM + BODY))
    assert not no_list["has_lists"] and no_list["detail"].value == {"topic": None, "lists": []}
    # through the cache the list details stay JSON until the rule reads them
    back = loads(dumps(summary))
    assert back["detail"]._text is not None and back["detail"].value == detail
    assert pickle.loads(pickle.dumps(back))["detail"].value == detail


def test_link_terms():
    assert link_terms("[New] 2024 Approved: Top 8 VR Headsets, June 27, 2024 · 6 min read") == ["approved", "top", "vr", "headsets"]
    assert link_terms("Rust's e-mail is it's") == ["rust", "mail"]


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_linkless_posts(n):
    assert check(FM + "\n" * n) == []
