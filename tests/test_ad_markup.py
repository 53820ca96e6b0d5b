"""ad-markup (LK201): ad, tracking and affiliate markup; one finding per block, exact lines."""

from __future__ import annotations

import re
import time

import pytest

from lintkit.document import Post
from lintkit.rule import FixSafety, Severity
from lintkit.rules.ad_markup import AdMarkup, load_data

FM = "---\ntitle: A post\n---\n"  # lines 1-3; the body starts on line 4


def check(body: str, path: str = "blog/post.md", **options) -> list:
    rule = AdMarkup({k.replace("_", "-"): v for k, v in options.items()})
    return list(rule.check(Post.from_text(path, FM + body)))


def spans(findings) -> list[tuple[int, int]]:
    return [(f.line, f.end_line) for f in findings]


def apply(text: str, fix) -> str:
    out = text
    for e in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.replacement + out[e.end :]
    return out


# --------------------------------------------------------------------------- metadata


def test_metadata():
    assert AdMarkup.code == "LK201"
    assert AdMarkup.name == "ad-markup"
    assert AdMarkup.severity is Severity.ERROR
    assert set(AdMarkup.tags) == {"spam", "ads"}
    assert AdMarkup.fix_safety is FixSafety.SAFE
    assert set(AdMarkup.options) >= {"extend-hosts", "allow-hosts", "extend-params"}


def test_data_file_is_loaded():
    data = load_data()
    assert "amzn.to" in data["affiliate_hosts"]
    assert "googlesyndication.com" in data["ad_hosts"]
    assert "affiliate" in [p.lower() for p in data["affiliate_params"]]


def test_docs_examples():
    doc = AdMarkup.documentation()
    for head in ("## What it flags", "## Why it matters", "## Example", "## Options", "## Fix"):
        assert head in doc
    rule = AdMarkup()
    seen = {"Bad": 0, "Good": 0}
    mode = None
    for block in re.finditer(r"^(Bad:|Good:)$|^```markdown\n(.*?)^```$", doc, re.M | re.S):
        if block.group(1):
            mode = block.group(1)[:-1]
            continue
        found = list(rule.check(Post.from_text("example.md", block.group(2))))
        assert (len(found) > 0) == (mode == "Bad"), (mode, found)
        seen[mode] += 1
    assert seen["Bad"] >= 1 and seen["Good"] >= 1


# --------------------------------------------------------------------------- ad shapes, exact lines

INS_MULTILINE = """\
Intro paragraph.

<ins data-ad-slot='1111111111'
     style='display:block'
     class='adsbygoogle'
     data-ad-format='auto'
     data-ad-client='ca-pub-0000000000000001'></ins>

More prose.
"""


def test_multiline_ins_odd_order_single_quotes():
    found = check(INS_MULTILINE)
    assert spans(found) == [(6, 10)]
    assert found[0].message == 'AdSense ad unit (<ins class="adsbygoogle">)'
    assert found[0].rule == "ad-markup" and found[0].code == "LK201"


def test_ins_with_following_push_script_is_one_block():
    body = (
        "Text.\n\n"
        '<ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000002" data-ad-slot="2"></ins>\n'
        "<script>\n"
        "  (adsbygoogle = window.adsbygoogle || []).push({});\n"
        "</script>\n\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 9)]
    assert "AdSense ad unit" in found[0].message and "push" in found[0].message


def test_bare_push_line():
    found = check("Text.\n\n(adsbygoogle = window.adsbygoogle || []).push({});\n\nEnd.\n")
    assert spans(found) == [(6, 6)]
    assert found[0].message == "AdSense push script"


def test_loader_script_with_wrapping_comments():
    body = (
        "Text.\n\n"
        "<!-- Google AdSense -->\n"
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000000000000003"'
        ' crossorigin="anonymous"></script>\n'
        "<!-- End AdSense -->\n\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 8)]
    assert "AdSense loader script (pagead2.googlesyndication.com)" in found[0].message


def test_legacy_adsense_globals_and_show_ads():
    body = (
        "Text.\n\n"
        '<script type="text/javascript"><!--\n'
        '  google_ad_client = "ca-pub-0000000000000004";\n'
        '  google_ad_slot = "4444444444";\n'
        "  google_ad_width = 728;\n"
        "//-->\n"
        "</script>\n"
        '<script type="text/javascript" src="https://pagead2.googlesyndication.com/pagead/show_ads.js"></script>\n'
        "\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 12)]
    assert "legacy AdSense" in found[0].message


def test_gpt_slot():
    body = (
        "Text.\n\n"
        '<div id="div-gpt-ad-1234567890123-0" style="min-width: 300px; min-height: 250px;">\n'
        "  <script>\n"
        "    googletag.cmd.push(function() { googletag.display('div-gpt-ad-1234567890123-0'); });\n"
        "  </script>\n"
        "</div>\n\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 10)]
    assert "Google Publisher Tag" in found[0].message


def test_doubleclick_jump_link_with_image():
    body = (
        "Text.\n\n"
        '<a href="https://ad.doubleclick.net/ddm/jump/N1234.5678EXAMPLE/B1234.5678;sz=300x250" target="_blank">'
        '<img src="https://ad.doubleclick.net/ddm/ad/N1234.5678EXAMPLE/B1234.5678;sz=300x250" width="300" height="250"></a>\n'
        "\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 6)]
    assert "DoubleClick" in found[0].message
    assert found[0].fix.safety is FixSafety.SAFE


def test_taboola_widget_in_wrapper_div():
    body = (
        "Text.\n\n"
        '<div class="sidebar-box">\n'
        '<div id="taboola-below-article-example"></div>\n'
        '<script type="text/javascript">\n'
        "window._taboola = window._taboola || [];\n"
        "_taboola.push({mode: 'thumbs-a', container: 'taboola-below-article-example'});\n"
        "</script>\n"
        "</div>\n\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 12)]
    assert "Taboola" in found[0].message


def test_outbrain_widget():
    body = (
        "Text.\n\n"
        '<div class="OUTBRAIN" data-src="https://blog.example.com/post" data-widget-id="AR_1"></div>\n'
        '<script type="text/javascript" async="async" src="//widgets.outbrain.com/outbrain.js"></script>\n'
        "\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 7)]
    assert "Outbrain" in found[0].message


@pytest.mark.parametrize(
    "tag",
    [
        '<img height="1" width="1" style="display:none" alt="" src="https://tracker.example.net/p?id=42&ev=view" />',
        '<img src="https://bat.bing.com/action/0?ti=1234&Ver=2" height="0" width="0" style="display:none" />',
        '<img src="https://www.facebook.com/tr?id=1234&ev=PageView&noscript=1" height="1" width="1"/>',
        '<img src="https://cdn.example.org/x.gif?u=9" style="visibility: hidden">',
        '<img src="https://track.example.com/i/1234567/765432/1111" width="0" height="0" border="0" />',
    ],
)
def test_tracking_pixels(tag):
    found = check(f"Text.\n\n{tag}\n\nEnd.\n")
    assert spans(found) == [(6, 6)]
    assert "pixel" in found[0].message or "tracking image" in found[0].message


def test_pixel_in_wrapper_and_noscript_gtm():
    body = (
        "Text.\n\n"
        '<div class="x">\n'
        '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-EXAMPL" height="0" width="0"'
        ' style="display:none"></iframe></noscript>\n'
        "</div>\n\nEnd.\n"
    )
    assert spans(check(body)) == [(6, 8)]


def test_gtag_snippet():
    body = (
        "Text.\n\n"
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-EXAMPLE1"></script>\n'
        "<script>\n"
        "  window.dataLayer = window.dataLayer || [];\n"
        "  function gtag(){dataLayer.push(arguments);}\n"
        "  gtag('js', new Date());\n"
        "  gtag('config', 'G-EXAMPLE1');\n"
        "</script>\n\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 12)]


def test_impact_banner_link_and_pixel_one_block():
    body = (
        "Text.\n\n"
        '<a href="https://brand.example.com/c/1234567/765432/4321" target="_top" id="765432">'
        '<img src="//a.impactradius-go.com/display-ad/4321-765432" border="0" width="300" height="250"/></a>'
        '<img height="0" width="0" src="https://brand.example.com/i/1234567/765432/4321" style="position:absolute;visibility:hidden;" border="0" />\n'
        "\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 6)]
    assert "affiliate link to brand.example.com" in found[0].message
    assert found[0].fix.safety is FixSafety.SAFE  # pure ad markup on its own line


def test_impact_link_in_prose_is_unsafe_text_replacement():
    body = "Try [the tool](https://acme.sjv.io/c/1234567/765432/4321) today, it is great.\n"
    found = check(body)
    assert spans(found) == [(4, 4)]
    assert found[0].message == "affiliate link to acme.sjv.io (impact.com)"
    fix = found[0].fix
    assert fix.safety is FixSafety.UNSAFE
    text = FM + body
    assert apply(text, fix) == FM + "Try the tool today, it is great.\n"


def test_amazon_tag_link_and_plain_product_link():
    body = (
        "Buy it [on Amazon](https://www.amazon.com/dp/B000EXAMPL?tag=example-20) now.\n"
        "\n"
        "Or read [the product page](https://www.amazon.com/dp/B000EXAMPL) first.\n"
        "\n"
        "Also [in the UK](https://www.amazon.co.uk/dp/B000EXAMPL/?tag=example-21).\n"
    )
    found = check(body)
    assert spans(found) == [(4, 4), (8, 8)]
    assert "tag= parameter" in found[0].message


def test_amzn_short_link_html_in_prose():
    body = 'The fix ships today. <a href="https://amzn.to/3xAmPlE" rel="nofollow sponsored">Free Download</a>\n'
    found = check(body)
    assert spans(found) == [(4, 4)]
    text = FM + body
    assert apply(text, found[0].fix) == FM + "The fix ships today. Free Download\n"


def test_a_link_marked_rel_sponsored_is_an_affiliate_link():
    body = ('Try the <a href="https://shop.example.com/p/42" rel="nofollow sponsored">Kettle Pro</a> today.\n'
            "\n"
            '<a href="https://shop.example.com/p/43" rel="nofollow">Kettle Max</a> is a plain link.\n')
    found = check(body)
    assert spans(found) == [(4, 4)]
    assert found[0].message == 'sponsored link to shop.example.com (rel="sponsored")'
    assert apply(FM + body, found[0].fix).startswith(FM + "Try the Kettle Pro today.\n")
    assert check(body, allow_hosts=["example.com"]) == []
    # an ad slot between marker comments, linking to a host no list knows: one block
    slot = ('<!-- ad -->\n<div class="slot">\n  <a href="https://banners.example.net/c?id=7" rel="sponsored">'
            '<img src="https://banners.example.net/b/7.jpg" alt="Sponsored"></a>\n</div>\n<!-- /ad -->\n')
    (f,) = check("Intro.\n\n" + slot)
    assert (f.line, f.end_line) == (6, 10) and f.message.startswith("ad block wrapped in <!-- ad -->")


def test_a_cloaked_redirect_on_the_site_itself():
    body = "[Check the price](/go/kettle-pro/)\n\n[GoLand](https://www.jetbrains.com/go/download/)\n"
    found = check(body)
    assert spans(found) == [(4, 4)]
    assert found[0].message == "affiliate link to a site-relative path (cloaked affiliate redirect on the site)"


def test_a_cloaked_redirect_behind_the_generators_site_url():
    # "{{ site.url }}" (Jekyll) or "{{ .Site.BaseURL }}" (Hugo) is the site's own root
    body = ("[Try it free]({{ site.url }}/go/copytrader/)\n\n<a href=\"{{ .Site.BaseURL }}go/kettle-pro\">Kettle</a>\n\n"
            "[Older post]({% post_url 2024-01-02-older %})\n")
    found = check(body)
    assert spans(found) == [(4, 4), (6, 6)]
    assert all(f.message == "affiliate link to a site-relative path (cloaked affiliate redirect on the site)" for f in found)


def test_crypto_ad_network_banner_and_aff_parameter():
    body = ('<iframe src="https://ads.coinzilla.io/serve/banner?zone=C-1&size=728x90" width="728" height="90"></iframe>\n\n'
            "Buy it at [the shop](https://shop.example.com/creatine?utm_source=blog&aff=77121).\n\n"
            "Read [the study](https://journal.example.org/paper?utm_source=blog).\n")
    found = check(body)
    assert spans(found) == [(4, 4), (6, 6)]
    assert "Coinzilla" in found[0].message
    assert found[1].message == "affiliate link to shop.example.com (aff= parameter)"


def test_header_bidding_loaders_creator_links_and_refersion_parameter():
    body = ('<script async src="https://ap.lijit.com/www/sovrn_beacon/sovrn_beacon.js"></script>\n\n'
            "The [linen shirt](https://liketk.it/4xYz) and [the boots](https://geni.us/boots-x).\n\n"
            "Order from [the maker](https://maker.example.com/shop?rfsn=1234.abcd).\n\n"
            "Read [how GumGum works](https://gumgum.com/about) first.\n")
    found = check(body)
    assert spans(found) == [(4, 4), (6, 6), (8, 8)]  # a plain link to a network is discussion
    assert "Sovrn" in found[0].message and "LTK" in found[1].message and "Geniuslink" in found[1].message
    assert "rfsn=" in found[2].message


def test_2checkout_affiliate_parameter():
    body = "\n[Free Download](https://secure.2checkout.com/order/cart.php?PRODS=1234567&QTY=1&AFFILIATE=99999)\n"
    found = check(body)
    assert spans(found) == [(5, 5)]
    assert found[0].message == "affiliate link to secure.2checkout.com (AFFILIATE= parameter)"


def test_comment_wrapped_block_is_one_finding():
    body = (
        "Intro.\n"
        "<!-- affiliate ads begin -->\n"
        '<a href="https://store.example.com/order/checkout.php?PRODS=42&AFFILIATE=12345&CART=1">'
        '<img src="https://img.example.com/banner.png" border="0">Great product\n'
        "Now with more features</a>\n"
        "<!-- affiliate ads end -->\n"
        "## Next heading\n"
    )
    found = check(body)
    assert spans(found) == [(5, 8)]
    assert found[0].message.startswith("ad block wrapped in <!-- affiliate ads begin --> ... <!-- affiliate ads end -->")
    assert found[0].fix.safety is FixSafety.SAFE


def test_empty_comment_wrapped_ad_slot():
    found = check("Intro.\n\n<!-- ads begin -->\n\n<!-- ads end -->\n\nEnd.\n")
    assert spans(found) == [(6, 8)]
    assert "empty ad placeholder" in found[0].message


def test_comments_named_after_an_ad_network_wrap_its_slot():
    body = (
        "Intro.\n\n"                                                   # 4-5
        "<!-- Ezoic - sidebar_middle - sidebar -->\n"                    # 6
        '<div id="ezoic-pub-ad-placeholder-7"></div>\n'                 # 7
        "<!-- End Ezoic - sidebar_middle - sidebar -->\n\n"             # 8
        "End.\n"
    )
    (f,) = check(body)
    assert spans([f]) == [(6, 8)] and f.fix.safety is FixSafety.SAFE
    assert apply(FM + body, f.fix) == FM + "Intro.\n\n\nEnd.\n"


def test_unrelated_comments_are_not_ads():
    body = "<!-- more -->\n\nText.\n\n<!-- TODO: add a diagram -->\n\n<!-- end of intro -->\n"
    assert check(body) == []


def test_javascript_link_opening_affiliate_url():
    body = (
        "Intro.\n\n"
        "<div><a href=\"javascript:window.open(decodeURIComponent('https%3A%2F%2Fshop.example.pxf.io%2Fc%2F1234567%2F7654321%2F4321'),"
        " '_blank');void(0);\">Click here</a></div>\n\nEnd.\n"
    )
    found = check(body)
    assert spans(found) == [(6, 6)]
    assert found[0].message.startswith("javascript: link opening affiliate link to shop.example.pxf.io")


def test_tracker_host_link():
    found = check("Get the app: [iOS](https://app.adjust.com/abc123_def456)\n")
    assert spans(found) == [(4, 4)]
    assert "tracker link to app.adjust.com" in found[0].message


def test_separate_blocks_are_separate_findings():
    body = (
        '<ins class="adsbygoogle" data-ad-client="ca-pub-1" data-ad-slot="1"></ins>\n'
        "\n\n"
        '<ins class="adsbygoogle" data-ad-client="ca-pub-1" data-ad-slot="2"></ins>\n'
    )
    assert spans(check(body)) == [(4, 4), (7, 7)]


def test_list_of_affiliate_links_one_finding_per_line():
    body = (
        "* [One](https://www.awin1.com/cread.php?awinmid=1&awinaffid=2&ued=x)\n"
        "* [Two](https://shareasale.com/r.cfm?b=1&u=2&m=3)\n"
        "* [Three](https://hop.clickbank.net/?affiliate=x&vendor=y)\n"
    )
    assert spans(check(body)) == [(4, 4), (5, 5), (6, 6)]


# --------------------------------------------------------------------------- negatives


def test_ad_in_fenced_code_block_is_not_flagged():
    body = (
        "How AdSense units look:\n\n"
        "```html\n"
        '<ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000005"></ins>\n'
        "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>\n"
        '<img src="https://bat.bing.com/action/0?ti=1" width="1" height="1">\n'
        "```\n"
    )
    assert check(body) == []


def test_ad_after_a_fence_never_closed_is_flagged():
    # A lost closing fence does not hide the rest of the post: the opening line stays code, what
    # follows is read as Markdown (file lines 7 and 11, after the front matter), and the fence
    # line itself is not flagged.
    body = (
        "Step one.\n\n"
        "````\n"
        "Step two, with a [deal](https://example.sjv.io/c/1/2/3).\n\n"
        "## More\n\n"
        '<ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000005"></ins>\n'
    )
    assert spans(check(body)) == [(7, 7), (11, 11)]


def test_ad_in_inline_code_is_not_flagged():
    body = 'Paste `<ins class="adsbygoogle"></ins>` and `(adsbygoogle = window.adsbygoogle || []).push({})` in your theme.\n'
    assert check(body) == []


def test_ad_in_indented_code_is_not_flagged():
    body = "Example:\n\n    <script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js\"></script>\n"
    assert check(body) == []


def test_clean_content_is_silent():
    body = (
        "See the [vendor's page](https://www.vendor.example.com/product/video-editor/) and\n"
        "[Amazon](https://www.amazon.com/dp/B000EXAMPL) or https://www.amazon.com/gp/product/B000EXAMPL.\n"
        "\n"
        '<iframe width="560" height="315" src="https://www.youtube.com/embed/abcdefghijk" frameborder="0" allowfullscreen></iframe>\n'
        "\n"
        '<img src="/images/diagram.png" width="600" height="400" alt="diagram">\n'
        "![screenshot](https://example.com/shot.png)\n"
        "\n"
        "We measure visits with Google Analytics and gtag.js; see\n"
        "[Google Tag Manager](https://www.googletagmanager.com/) and the\n"
        "[Facebook pixel docs](https://www.facebook.com/business/help/742478679120153).\n"
        "\n"
        "Release notes: [v1.2](https://github.com/example/project/releases/tag/v1.2?tab=readme).\n"
        "\n"
        "Networks we compared: [Taboola](https://www.taboola.com/), [ShareASale](https://www.shareasale.com/)\n"
        "and [Awin](https://www.awin.com/); [our pricing](https://example.com/pricing?ref=blog).\n"
    )
    assert check(body) == []


def test_hidden_image_with_alt_text_is_not_a_tracker():
    body = '<img src="https://cdn.example.com/logo-dark.png?v=2" alt="Project logo" style="display:none">\n'
    assert check(body) == []


def test_prose_about_ads_is_not_flagged():
    body = "AdSense units use an ins element with the adsbygoogle class; googletag is the GPT library.\n"
    assert check(body) == []


# --------------------------------------------------------------------------- encodings


def test_crlf_and_bom_give_the_same_lines():
    text = FM + INS_MULTILINE
    rule = AdMarkup()
    lf = [(f.line, f.end_line, f.column, f.message) for f in rule.check(Post.from_text("a.md", text))]
    crlf_post = Post.from_bytes("a.md", text.replace("\n", "\r\n").encode())
    crlf = [(f.line, f.end_line, f.column, f.message) for f in rule.check(crlf_post)]
    bom_post = Post.from_bytes("a.md", b"\xef\xbb\xbf" + text.encode())
    bom = [(f.line, f.end_line, f.column, f.message) for f in rule.check(bom_post)]
    assert lf == crlf == bom
    assert lf[0][:2] == (6, 10)


def test_crlf_fix_removes_exact_lines():
    text = (FM + INS_MULTILINE).replace("\n", "\r\n")
    post = Post.from_bytes("a.md", text.encode())
    (finding,) = AdMarkup().check(post)
    fixed = apply(post.text, finding.fix)
    lines = post.text.split("\r\n")
    assert fixed == "\r\n".join(lines[:5] + lines[10:])


# --------------------------------------------------------------------------- options


def test_extend_hosts():
    body = "Buy [here](https://deals.partner.example/p/123) today.\n"
    assert check(body) == []
    found = check(body, extend_hosts=["partner.example"])
    assert spans(found) == [(4, 4)]
    assert "extend-hosts" in found[0].message


def test_allow_hosts():
    body = "[Book](https://www.amazon.com/dp/B000EXAMPL?tag=myown-20)\n"
    assert len(check(body)) == 1
    assert check(body, allow_hosts=["amazon.com"]) == []
    pixel = '<img src="https://stats.example.org/p.gif?x=1" width="1" height="1">\n'
    assert len(check(pixel)) == 1
    assert check(pixel, allow_hosts=["example.org"]) == []


def test_extend_params():
    body = "[Shop](https://shop.example.com/item?partner_ref=abc)\n"
    assert check(body) == []
    assert spans(check(body, extend_params=["partner_ref"])) == [(4, 4)]


def test_bad_option_type_is_rejected():
    with pytest.raises(ValueError):
        AdMarkup({"extend-hosts": "example.com"})
    with pytest.raises(ValueError):
        AdMarkup({"no-such-option": 1})


# --------------------------------------------------------------------------- fixes


@pytest.mark.parametrize(
    "body",
    [
        INS_MULTILINE,
        "Text.\n\n<!-- ad -->\n<img src=\"https://bat.bing.com/action/0?ti=1&Ver=2\" height=\"0\" width=\"0\" />\n<!-- /ad -->\n\nEnd.\n",
        "Text.\n\n<div data-type=\"_mgwidget\" data-widget-id=\"1234\"></div>\n"
        "<script>(function(w,q){w[q]=w[q]||[];w[q].push([\"_mgc.load\"])})(window,\"_mgq\");</script>\n\nEnd.\n",
    ],
)
def test_safe_fix_removes_exactly_the_block_lines(body):
    text = FM + body
    post = Post.from_text("a.md", text)
    (finding,) = AdMarkup().check(post)
    assert finding.fix is not None and finding.fix.safety is FixSafety.SAFE
    fixed = apply(post.text, finding.fix)
    lines = text.split("\n")
    expected = "\n".join(lines[: finding.line - 1] + lines[finding.end_line :])
    assert fixed == expected
    assert list(AdMarkup().check(Post.from_text("a.md", fixed))) == []


def test_safe_fix_at_end_of_file_without_newline():
    text = FM + "Text.\n\n" + '<ins class="adsbygoogle" data-ad-client="ca-pub-1"></ins>'
    post = Post.from_text("a.md", text)
    (finding,) = AdMarkup().check(post)
    assert apply(post.text, finding.fix) == FM + "Text.\n\n"


def test_pixel_inside_prose_line_is_cut_out_safely():
    body = 'Some text <img src="https://px.example.net/t.gif?id=1" width="1" height="1"> more text.\n'
    text = FM + body
    (finding,) = AdMarkup().check(Post.from_text("a.md", text))
    assert finding.fix.safety is FixSafety.SAFE
    assert apply(text, finding.fix) == FM + "Some text  more text.\n"


def test_fix_edits_serialise():
    (finding,) = check(INS_MULTILINE)
    d = finding.to_dict()
    assert d["rule"] == "ad-markup" and d["line"] == 6 and d["end_line"] == 10
    assert d["fix"]["safety"] == "safe" and d["fix"]["edits"][0]["replacement"] == ""


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "chunk",
    [
        "<a href=",
        "<ins class='adsbygoogle' ",
        "<!-- ads ",
        "<script>",
        "https://amzn.to/",
        "[x](https://a.pxf.io/c/1/2/3 ",
        "<div id='div-gpt-ad-1'>",
        "<" * 50,
        "<!-- ad -->\n<!-- /ad -->\n",
        "<!-- ads begin -->\n",
        "<img src='https://px.example.net/p?a=1' width='1' height='1'>\n",
        "<ins class='adsbygoogle'></ins><ins class='adsbygoogle'>",
    ],
)
def test_hostile_input_stays_fast(chunk):
    body = chunk * (200_000 // len(chunk)) + "\n"
    rule = AdMarkup()
    post = Post.from_text("a.md", FM + body)
    post.uncoded_text
    post.links
    start = time.perf_counter()
    list(rule.check(post))
    assert time.perf_counter() - start < 3.0
