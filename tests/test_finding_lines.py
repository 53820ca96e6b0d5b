"""Exact finding lines through the whole engine, in files built to trip position tracking:
long front matter, nested lists, HTML blocks, fenced code, tables, CRLF and a BOM."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintkit.config import Settings
from lintkit.registry import discover
from lintkit.runner import run

FRONT = "---\n" + 'title: "A long front matter"\n' + "".join(f"key{i}: value {i}\n" for i in range(40)) + "tags:\n  - one\n  - two\n---\n"
BODY = """
# Heading

| Column | Other |
|--------|-------|
| cell   | <img src="https://px.example-ads.net/p.gif" width="1" height="1"> |

- outer item
  - nested item with [a deal](https://www.amazon.com/dp/B01?tag=nested-21)
    - deeper item
- outer again

```html
<ins class="adsbygoogle"></ins>
```

<div class="wrapper">
<p>Inside an HTML block <a href="https://www.shareasale.com/r.cfm?b=1&u=2&m=3">buy</a></p>
</div>

~~~
still code: https://www.amazon.com/dp/B02?tag=fenced-21
~~~

> quoted text with [another deal](https://amzn.to/3abcdef)

<ins class="adsbygoogle"
     data-ad-client="ca-pub-2222222222222222"
     data-ad-slot="3333333333"></ins>
"""
TEXT = FRONT + BODY


def expected() -> list[tuple[int, int]]:
    lines = TEXT.split("\n")

    def at(needle: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if needle in line)

    return [
        (at("px.example-ads.net"), at("px.example-ads.net")),
        (at("nested item with"), at("nested item with")),
        (at("shareasale"), at("shareasale")),
        (at("another deal"), at("another deal")),
        (at("ca-pub-2222222222222222") - 1, at('data-ad-slot="3333333333"')),
    ]


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom-crlf"])
def test_ad_findings_land_on_exact_lines(tmp_path: Path, variant: str):
    text = TEXT.replace("\n", "\r\n") if "crlf" in variant else TEXT
    data = text.encode("utf-8")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    (tmp_path / "post.md").write_bytes(data)
    result = run([str(tmp_path)], Settings(select=["ad-markup"], root=tmp_path), discover(), jobs=1)
    got = [(f.line, f.end_line) for f in result.findings]
    want = expected()
    # the ads inside the ``` and ~~~ fences are absent; the multi-line <ins> spans its lines
    assert got == want


def test_frontmatter_finding_line_after_long_front_matter(tmp_path: Path):
    text = FRONT.replace('title: "A long front matter"', "title: \"\\\"Escaped\\\"\"") + "Body.\n"
    (tmp_path / "post.md").write_text(text)
    result = run([str(tmp_path)], Settings(select=["frontmatter-quoting"], root=tmp_path), discover(), jobs=1)
    assert [(f.line, f.column) for f in result.findings] == [(2, 8)]
