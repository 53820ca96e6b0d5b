"""Ad, tracking and affiliate markup pasted into a post's body.

## What it flags
Markup that serves ads, tracks readers or earns commissions, found anywhere in the body outside
fenced or indented code blocks and inline code:

- AdSense: `<ins class="adsbygoogle">` units (any attribute order, quoting, one line or many),
  the `adsbygoogle.js` loader from `pagead2.googlesyndication.com`, the
  `(adsbygoogle = window.adsbygoogle || []).push({})` call (in a `<script>` or as a bare line)
  and the legacy `google_ad_client = ...` globals with `show_ads.js`;
- Google Publisher Tag slots (`div-gpt-ad-...`, `googletag.cmd.push`, `securepubads`),
  DoubleClick iframes, images and jump links, AMP ad tags;
- native-ad widgets (Taboola, Outbrain, Media.net, MGID, Revcontent, Amazon native shopping ads,
  Carbon Ads and others) and their loader scripts, header-bidding and programmatic ad loaders
  (Sovrn, Monumetric, Teads, GumGum, Nativo, 33Across, Index Exchange, TripleLift and others),
  and crypto ad networks' banners (Coinzilla, A-ADS, Bitmedia, Cointraffic);
- tracking snippets and pixels: gtag.js / Google Analytics / Tag Manager, Facebook, Bing UET,
  Pinterest and LinkedIn tags, any 1x1 or 0x0 image, hidden images without alt text whose URL
  has a query string, impact.com-style impression pixels (`/i/<id>/<id>/<id>`);
- affiliate and tracker links, Markdown or HTML: affiliate networks (impact.com `/c/<id>/<id>/<id>`
  links and vanity domains, CJ, ShareASale, Awin, Rakuten, ClickBank, Partnerize, Skimlinks,
  creator-shop links of Geniuslink, Howl and LTK...),
  Amazon `tag=` links and `amzn.to`, any HTML link marked `rel="sponsored"` (the web's own mark
  of a paid or affiliate link), any link carrying an affiliate parameter such as `AFFILIATE=`
  or `aff=`, cloaked redirects (`/recommends/<slug>`, and `/go/<slug>` on a site-relative link,
  also behind the generator's site root: `{{ site.url }}/go/<slug>`, `{{ .Site.BaseURL }}go/<slug>`),
  app-install trackers (Adjust, AppsFlyer, Branch) and `javascript:` links that open any of these;
- `<!-- ... ads ... -->` comment pairs wrapping any of the above, or wrapping nothing (a leftover
  ad slot).

One finding per block or link: an ad element together with the lines directly around it that
belong to it (a wrapping `<div>`/`<center>` on lines of their own, `<!-- ad -->` /
`<!-- /ad -->` marker comments, the push script after an `<ins>`) is one finding spanning its
first to last line. Ad snippets shown in code blocks or inline code, plain links to a vendor's
product page, YouTube embeds, ordinary images and analytics merely discussed in prose are not
flagged. A code fence that is never closed is a lost closing fence, not a code block (as in
kramdown and Python-Markdown): only its opening line is code, and ads after it are found. The
hosts, parameters, path shapes, widget markers and script signatures are data (`lintkit/rules/data/ad_markup.yaml`).

## Why it matters
Ad and affiliate markup copied into content is a hallmark of scraped and content-farm posts.
Rendered by a static site generator it loads third-party ad and tracking code on every reader's
visit, breaks the site's privacy promises and content security policy, and earns someone else
money from your pages. In a repository of posts it should live in the theme, under the site's
control, never inside a post.

## Example
Bad:

```markdown
---
title: Choosing a backup tool
---
Backups matter.

<!-- ads begin -->
<ins class='adsbygoogle'
     data-ad-slot='1234567890'
     style='display:block'
     data-ad-client='ca-pub-0000000000000000'></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>
<!-- ads end -->

Get the tool [here](https://vendor.example.com/buy?PRODUCT=7&AFFILIATE=12345).
```

Good:

```markdown
---
title: Choosing a backup tool
---
Backups matter. The tool's [product page](https://vendor.example.com/backup) lists prices.

AdSense units look like this, shown as code:

    <ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000000"></ins>
```

## Options
| option | type | default | meaning |
|---|---|---|---|
| `extend-hosts` | list[str] | `[]` | extra ad, tracker or affiliate hosts; a link to, or an embed from, any of them (or a subdomain) is flagged |
| `allow-hosts` | list[str] | `[]` | hosts (and their subdomains) whose links, embeds and pixels are never flagged, e.g. your own analytics host (inline snippets are recognised by their code, not a host) |
| `extend-params` | list[str] | `[]` | extra query parameters that make a link an affiliate link on any host (case-insensitive) |

## Fix
A block that is pure ad markup on lines of its own (an AdSense unit with its scripts, a pixel,
a widget, a marker-comment-wrapped ad block) gets a safe fix that deletes its whole lines, from
the start of the first line through the newline after the last. Ad or pixel markup in the middle
of a line is cut out (safe). An affiliate or tracker link inside prose gets an unsafe fix that
replaces the link by its text; a line holding nothing but such links is deleted (unsafe).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml

from lintkit.document import Post, html_attributes, template_root_path
from lintkit.rule import Edit, Finding, Fix, FixSafety, Option, Rule, Severity

_DATA_FILE = "ad_markup.yaml"
_DATA_CACHE: dict[str, Any] = {}


def _read_data_text() -> str:
    """The YAML data: a package resource of ``lintkit.rules`` or, uninstalled, next to us."""
    if __package__:
        try:
            from importlib.resources import files

            return files(__package__).joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
        except (ImportError, OSError, TypeError, ValueError):
            pass
    return (Path(__file__).parent / "data" / _DATA_FILE).read_text(encoding="utf-8")


def load_data() -> dict[str, Any]:
    """The parsed detection data, read once per process."""
    if "data" not in _DATA_CACHE:
        data = yaml.safe_load(_read_data_text()) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{_DATA_FILE}: expected a mapping at the top level")
        _DATA_CACHE["data"] = data
    return _DATA_CACHE["data"]


# --------------------------------------------------------------------------- patterns
# Every pattern runs on user text: linear, each repetition bounded.

# An opening (or self-closing) tag; attributes parsed separately with html_attributes.
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]{0,30})(?=[\s/>])([^<>]{0,4000})>")
_SCRIPT_CLOSE = re.compile(r"</script\s{0,20}>", re.I)
_A_CLOSE = re.compile(r"</a\s{0,20}>", re.I)
_ANY_TAG = re.compile(r"<[^<>]{0,4000}>")
_COMMENT_LINE = re.compile(r"[ \t]{0,40}<!--(.{0,300}?)-->[ \t]{0,40}")
_WORDS = re.compile(r"[a-z]{1,40}")
_URL_IN_TEXT = re.compile(r"(?:https?:)?//[A-Za-z0-9][^\s'\"()<>\\`]{1,2000}")
_BLANK_LINE = re.compile(r"\n[ \t]{0,200}\n")
_A_OPEN = re.compile(r"<a[\s>]", re.I)
_RAW_URL = re.compile(r"//[A-Za-z0-9][^\s<>\"'()\[\]`\\]{1,2000}")
_ALNUM = re.compile(r"[^\W_]")
_LONE_OPEN = re.compile(
    r"[ \t]{0,40}<(div|center|span|p|aside|section|figure|noscript|article|footer|header)(?=[\s>])"
    r"[^<>]{0,1000}>[ \t]{0,40}",
    re.I,
)
_LONE_CLOSE = re.compile(r"[ \t]{0,40}</([A-Za-z]{1,20})\s{0,5}>[ \t]{0,40}")
_DIM = re.compile(r"\s{0,5}(\d{1,6})(?:\.\d{1,4})?\s{0,5}(?:px)?\s{0,5}", re.I)
_STYLE_DIM = re.compile(r"(?<![-\w])(width|height)\s{0,5}:\s{0,5}(\d{1,6})(?:px)?\b", re.I)

# Tags whose URL attribute loads a resource into the page (embeds), and which attribute.
_EMBED_TAGS = {
    "script": ("src",),
    "iframe": ("src", "data-src"),
    "img": ("src", "data-src", "data-lazy-src"),
    "amp-img": ("src",),
    "image": ("src", "href"),
    "source": ("src", "srcset"),
    "embed": ("src",),
    "video": ("poster", "src"),
    "object": ("data",),
    "link": ("href",),
    "amp-iframe": ("src",),
}
_EMBED_NOUNS = {"iframe": "iframe", "amp-iframe": "iframe", "video": "video", "source": "video", "embed": "embed"}
_WIDGET_ATTRS = ("id", "class", "classname", "data-type", "data-widget-type", "data-ad-slot")
_VOID = {"img", "source", "embed", "link", "br", "hr", "input", "meta", "amp-pixel"}


@dataclass
class _HostTable:
    """Host entries matched by domain suffix, optionally with a path prefix or any TLD."""

    exact: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    any_tld: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)

    def add(self, entry: str, value: Any) -> None:
        entry = str(entry).strip().lower()
        if "://" in entry:
            entry = entry.split("://", 1)[1]
        host, _, path = entry.partition("/")
        host = host.strip(".")
        if host.startswith("*."):
            host = host[2:]
        if not host:
            return
        path = "/" + path.strip("/") if path.strip("/") else ""
        if host.endswith(".*"):
            self.any_tld.setdefault(host[:-2], []).append((path, value))
        else:
            self.exact.setdefault(host, []).append((path, value))

    def match(self, host: str, path: str) -> tuple[str, Any] | None:
        """(matched host entry, value) for a host and a lower-cased URL path, or None."""
        if not host:
            return None
        labels = host.split(".")
        for i in range(len(labels)):
            cand = ".".join(labels[i:]) if i else host
            for p, value in self.exact.get(cand, ()):
                if _path_ok(path, p):
                    return cand, value
        if self.any_tld:
            for i, label in enumerate(labels):
                rest = labels[i + 1 :]
                if label in self.any_tld and 1 <= len(rest) <= 2 and all(1 <= len(x) <= 3 for x in rest):
                    for p, value in self.any_tld[label]:
                        if _path_ok(path, p):
                            return label, value
        return None


def _patterns(data: dict, key: str, default_name: str) -> list[tuple[re.Pattern, str]]:
    """Compiled ``{pattern, name}`` entries of one data key."""
    return [(re.compile(d["pattern"]), str(d.get("name", default_name))) for d in data.get(key) or ()]


def _literals(words: Iterable[str], flags: int = 0) -> re.Pattern | None:
    """One pattern matching any of ``words`` literally (longest first), or None if there are none."""
    alts = sorted({str(w) for w in words if str(w)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in alts), flags) if alts else None


def _path_ok(path: str, prefix: str) -> bool:
    return not prefix or path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + ".")


def _table(entries: Any) -> _HostTable:
    t = _HostTable()
    if isinstance(entries, dict):
        for k, v in entries.items():
            t.add(k, v)
    elif isinstance(entries, list):
        for k in entries:
            t.add(k, "")
    return t


def _split_url(url: str) -> tuple[str, str, str, str] | None:
    """(scheme, host, lower-cased path, query) of an absolute or scheme-relative URL."""
    u = url.strip()
    if u.startswith("//"):
        u = "https:" + u
    try:
        parts = urlsplit(u)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    return parts.scheme.lower(), host, unquote(parts.path).lower(), parts.query


def _dim(value: str | None) -> int | None:
    if value is None:
        return None
    m = _DIM.fullmatch(value)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class UrlHit:
    """Why a URL is flagged: ``kind`` is affiliate, ad, tracker, pixel or configured; ``label``
    names the network or the signal (``AFFILIATE= parameter``)."""

    kind: str
    label: str
    host: str
    via_js: bool = False

    def link_message(self) -> str:
        if self.kind == "affiliate":
            msg = f"affiliate link to {self.host} ({self.label})"
        elif self.kind == "ad":
            msg = f"{self.label} ad link ({self.host})"
        elif self.kind == "configured":
            msg = f"link to {self.host} (a host listed in extend-hosts)"
        else:
            msg = f"tracker link to {self.host} ({self.label})"
        return f"javascript: link opening {msg}" if self.via_js else msg

    def embed_message(self, noun: str) -> str:
        """``noun``: script, iframe, pixel, image, video, embed or resource."""
        if self.kind == "configured":
            return f"{noun} from {self.host} (a host listed in extend-hosts)"
        if self.kind == "pixel" or (noun == "pixel" and "pixel" in self.label.lower()):
            return f"{self.label} ({self.host})"
        if noun == "pixel":
            return f"{self.label} tracking pixel ({self.host})"
        if self.kind == "affiliate":
            noun = {"image": "affiliate banner image", "script": "affiliate script"}.get(noun, f"affiliate {noun}")
        elif self.kind == "ad" and noun in ("image", "resource"):
            noun = "ad " + noun
        elif self.kind == "tracker" and noun in ("image", "resource"):
            noun = "tracker " + noun
        return f"{self.label} {noun} ({self.host})"


@dataclass
class _Signal:
    start: int  # offsets into the post's uncoded text
    end: int
    kind: str  # "markup" (ad/tracker markup) or "link" (affiliate/tracker link)
    message: str
    subject: str
    keep: tuple[int, int] | None = None  # for links: the span of the link text to keep
    first: int = 0  # lines (filled in later)
    last: int = 0


@dataclass
class _Block:
    first: int
    last: int
    signals: list[_Signal]
    region: tuple[str, str] | None = None  # the marker comments around a comment-wrapped block
    has_markup: bool = False  # holds ad markup, not only affiliate/tracker links


class AdMarkup(Rule):
    code = "LK201"
    name = "ad-markup"
    summary = "Ad, tracking and affiliate markup in the body (AdSense, pixels, affiliate links)."
    severity = Severity.ERROR
    tags = ("spam", "ads")
    fix_safety = FixSafety.SAFE
    options = {
        "extend-hosts": Option([], list, "extra ad, tracker or affiliate hosts to flag (domain suffix match)"),
        "allow-hosts": Option([], list, "hosts never flagged (domain suffix match)"),
        "extend-params": Option([], list, "extra query parameters that mark an affiliate link on any host"),
    }

    # ------------------------------------------------------------------ setup

    def setup(self) -> None:
        data = load_data()
        self.ad_hosts = _table(data.get("ad_hosts"))
        self.ad_click_hosts = _table(data.get("ad_click_hosts"))
        self.tracker_hosts = _table(data.get("tracker_hosts"))
        self.link_tracker_hosts = _table(data.get("link_tracker_hosts"))
        self.affiliate_hosts = _table(data.get("affiliate_hosts"))
        self.extra_hosts = _table(self.config["extend-hosts"])
        self.allow_hosts = _table(self.config["allow-hosts"])
        self.affiliate_host_patterns = _patterns(data, "affiliate_host_patterns", "affiliate network")
        self.affiliate_params = {str(p).lower() for p in data.get("affiliate_params") or ()}
        self.affiliate_params.update(str(p).lower() for p in self.config["extend-params"])
        self.host_params = _HostTable()
        for host, params in (data.get("host_params") or {}).items():
            self.host_params.add(host, {str(p).lower() for p in params})
        self.affiliate_paths = _patterns(data, "affiliate_paths", "affiliate link")
        # on a site-relative link, the site's own cloaked redirects too ("/go/<product>")
        self.relative_affiliate_paths = self.affiliate_paths + _patterns(data, "site_affiliate_paths", "affiliate link")
        self.pixel_paths = _patterns(data, "pixel_paths", "tracking pixel")
        self.widget_markers = {str(k).lower(): v for k, v in (data.get("widget_markers") or {}).items()}
        self.widget_re = _literals(self.widget_markers, re.I)
        self.code_signatures = _patterns(data, "code_signatures", "ad script")
        self.script_signatures = dict(data.get("script_signatures") or {})
        self.ad_tags = {str(k).lower(): v for k, v in (data.get("ad_tags") or {}).items()}
        self.comment_markers = {str(w).lower() for w in data.get("comment_markers") or ()}
        self.comment_end_words = {str(w).lower() for w in data.get("comment_end_words") or ()}
        self._close_cache: dict[str, re.Pattern] = {}
        self._budget = 20000
        self._url_cache: dict[tuple[str, bool], UrlHit | None] = {}
        self.anchor_re = _literals(data.get("code_anchors") or ()) if self.code_signatures else None

    # ------------------------------------------------------------------ URLs

    def classify_url(self, url: str, embed: bool) -> UrlHit | None:
        """What makes a URL ad, tracker or affiliate, or None; ``embed`` for loaded resources
        (script, iframe and image sources) rather than links a reader clicks."""
        key = (url, embed)
        cache = self._url_cache
        if key in cache:
            return cache[key]
        if len(cache) > 50000:
            cache.clear()
        hit = cache[key] = self._classify_url(url, embed)
        return hit

    def _classify_url(self, url: str, embed: bool) -> UrlHit | None:
        u = url.strip()
        if not u:
            return None
        if u[:11].lower() == "javascript:":
            decoded = unquote(u[:4000])
            for m in _URL_IN_TEXT.finditer(decoded):
                hit = self.classify_url(m.group(0), embed=False)
                if hit:
                    return UrlHit(hit.kind, hit.label, hit.host, via_js=True)
            return None
        if u[:2] in ("{{", "{%"):
            u = template_root_path(u)  # "{{ site.url }}/go/x": a path on the site
            if u is None:
                return None
        parts = _split_url(u)
        if parts is None:
            return None
        scheme, host, path, query = parts
        if host:
            if scheme not in ("http", "https"):
                return None
            if self.allow_hosts.match(host, path):
                return None
            if self.extra_hosts.match(host, path):
                return UrlHit("configured", "extend-hosts", host)
            hit = self.affiliate_hosts.match(host, path)
            if hit:
                return UrlHit("affiliate", hit[1], host)
            for pat, label in self.affiliate_host_patterns:
                if pat.search(host):
                    return UrlHit("affiliate", label, host)
            if embed:
                for table, kind in (
                    (self.ad_hosts, "ad"),
                    (self.tracker_hosts, "tracker"),
                    (self.link_tracker_hosts, "tracker"),
                ):
                    hit = table.match(host, path)
                    if hit:
                        return UrlHit(kind, hit[1], host)
            else:
                hit = self.ad_click_hosts.match(host, path)
                if hit:
                    return UrlHit("ad", hit[1], host)
                hit = self.link_tracker_hosts.match(host, path)
                if hit:
                    return UrlHit("tracker", hit[1], host)
        elif not path.startswith("/") or path.startswith("//"):
            return None  # relative paths like "images/x.png": not a redirect
        where = host or "a site-relative path"
        if embed:
            for pat, label in self.pixel_paths:
                if pat.search(path):
                    return UrlHit("pixel", label, where)
        for pat, label in self.affiliate_paths if host else self.relative_affiliate_paths:
            if pat.search(path):
                return UrlHit("affiliate", label, where)
        if query:
            try:
                params = parse_qsl(query[:4000], keep_blank_values=True)
            except ValueError:
                params = []
            for k, _ in params:
                if k and k.lower() in self.affiliate_params:
                    return UrlHit("affiliate", f"{k}= parameter", where)
            if host:
                hit = self.host_params.match(host, path)
                if hit:
                    for k, v in params:
                        if k.lower() in hit[1] and v.strip():
                            return UrlHit("affiliate", f"{k}= parameter", host)
        return None

    # ------------------------------------------------------------------ scanning

    def _element_end(self, text: str, name: str, pos: int, limit: int = 40000) -> int | None:
        """Offset after the tag closing the element opened just before ``pos`` (nesting counted)."""
        pat = self._close_cache.get(name)
        if pat is None:
            pat = self._close_cache[name] = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^<>]{{0,4000}}>", re.I)
        depth = 1
        for n, m in enumerate(pat.finditer(text, pos, min(len(text), pos + limit))):
            self._budget -= 1
            if n > 400 or self._budget < 0:
                return None
            if m.group(1):
                depth -= 1
                if depth == 0:
                    return m.end()
            elif not m.group(0).endswith("/>"):
                depth += 1
        return None

    def _scan_tags(self, text: str) -> list[_Signal]:
        out: list[_Signal] = []
        widget_re = self.widget_re
        script_closes: list[tuple[int, int]] | None = None
        for m in _TAG.finditer(text):
            name = m.group(1).lower()
            attr_text = m.group(2)
            s, e = m.start(), m.end()
            if name == "script":
                if script_closes is None:  # every </script> once: no rescanning per <script>
                    script_closes = [(c.start(), c.end()) for c in _SCRIPT_CLOSE.finditer(text)]
                i = bisect.bisect_left(script_closes, (e, -1))
                close = script_closes[i] if i < len(script_closes) and script_closes[i][0] - e <= 100000 else None
                end = close[1] if close else e
                content = text[e : close[0]] if close else ""
                attrs = html_attributes(attr_text)
                msg = self._script_message(attrs, content)
                if msg:
                    out.append(_Signal(s, end, "markup", *msg))
                continue
            if name == "ins":
                attrs = html_attributes(attr_text)
                adsense = "adsbygoogle" in attrs.get("class", "").lower()
                if adsense or "data-ad-client" in attrs or "data-ad-slot" in attrs:
                    end = self._element_end(text, "ins", e, 8000) or e
                    out.append(_Signal(s, end, "markup", 'AdSense ad unit (<ins class="adsbygoogle">)', "adsbygoogle"))
                    continue
            if name == "a":
                attrs = html_attributes(attr_text)
                href = attrs.get("href")
                if href:
                    hit = self.classify_url(href, embed=False)
                    if hit:
                        end, keep = _a_element(text, e)
                        kind = "markup" if hit.kind == "ad" else "link"
                        out.append(_Signal(s, end, kind, hit.link_message(), hit.host, keep=keep))
                        continue
                    if "sponsored" in attrs.get("rel", "").lower().split():
                        # the page's own mark of a paid or affiliate link (Google's rel value)
                        parts = _split_url(href.strip())
                        host = parts[1] if parts else ""
                        if not (host and self.allow_hosts.match(host, parts[2])):
                            end, keep = _a_element(text, e)
                            where = f" to {host}" if host else ""
                            out.append(_Signal(s, end, "link", f'sponsored link{where} (rel="sponsored")', host or "rel-sponsored", keep=keep))
                            continue
            elif name in self.ad_tags:
                end = e if name in _VOID or attr_text.endswith("/") else (self._element_end(text, name, e, 8000) or e)
                out.append(_Signal(s, end, "markup", f"{self.ad_tags[name]} (<{name}>)", name))
                continue
            embed_attrs = _EMBED_TAGS.get(name)
            if embed_attrs:
                attrs = html_attributes(attr_text)
                sig = self._embed_signal(name, attrs, embed_attrs, text, s, e)
                if sig:
                    out.append(sig)
                    continue
            if widget_re is not None and widget_re.search(attr_text):
                attrs = html_attributes(attr_text)
                for key in _WIDGET_ATTRS:
                    val = attrs.get(key)
                    if not val:
                        continue
                    wm = widget_re.search(val)
                    if wm:
                        label = self.widget_markers.get(wm.group(0).lower(), "ad slot")
                        end = e if name in _VOID or attr_text.endswith("/") else (self._element_end(text, name, e) or e)
                        what = f'{label} (<{name} {key}="{_short(val)}">)'
                        out.append(_Signal(s, end, "markup", what, wm.group(0).lower()))
                        break
        return out

    def _script_message(self, attrs: dict[str, str], content: str) -> tuple[str, str] | None:
        src = attrs.get("src")
        if src:
            hit = self.classify_url(src, embed=True)
            if hit:
                if "adsbygoogle" in src:
                    return f"AdSense loader script ({hit.host})", hit.host
                if "show_ads" in src:
                    return f"legacy AdSense show_ads.js script ({hit.host})", hit.host
                return hit.embed_message("script"), hit.host
        if "data-ad-client" in attrs:
            return "AdSense script (data-ad-client)", "adsbygoogle"
        if content and not content.isspace():
            for pat, label in self.code_signatures:
                if pat.search(content):
                    return label, label
            for sig, label in self.script_signatures.items():
                if sig in content:
                    what = label if label.endswith(("script", "snippet")) else f"{label} script"
                    return what, label
            for m in _URL_IN_TEXT.finditer(content[:20000]):
                hit = self.classify_url(m.group(0), embed=True)
                if hit:
                    return f"script loading {hit.embed_message('script')}", hit.host
        return None

    def _embed_signal(
        self, name: str, attrs: dict[str, str], keys: tuple[str, ...], text: str, s: int, e: int
    ) -> _Signal | None:
        """A signal for a tag that loads a URL (script, iframe, image...) from an ad/tracker host."""
        url = ""
        for key in keys:
            url = attrs.get(key) or ""
            if key == "srcset" and url:
                url = url.split()[0] if url.split() else ""
            if url:
                break
        if not url:
            return None
        end = e
        if name in ("iframe", "video", "object", "amp-iframe"):
            end = self._element_end(text, name, e, 8000) or e
        hit = self.classify_url(url, embed=True)
        if name in ("img", "amp-img", "image"):
            w, h = _dim(attrs.get("width")), _dim(attrs.get("height"))
            style = attrs.get("style", "")
            if style and (w is None or h is None):
                for sm in _STYLE_DIM.finditer(style[:2000]):
                    if sm.group(1).lower() == "width" and w is None:
                        w = int(sm.group(2))
                    elif sm.group(1).lower() == "height" and h is None:
                        h = int(sm.group(2))
            tiny = w is not None and h is not None and w <= 1 and h <= 1
            compact = style.replace(" ", "").lower()
            hidden = "display:none" in compact or "visibility:hidden" in compact or "hidden" in attrs
            if hit:
                return _Signal(s, end, "markup", hit.embed_message("pixel" if tiny or hidden else "image"), hit.host)
            parts = _split_url(url)
            if parts and parts[1] and parts[0] in ("http", "https") and not self.allow_hosts.match(parts[1], parts[2]):
                if tiny:
                    return _Signal(s, end, "markup", f"{w}x{h} tracking pixel ({parts[1]})", parts[1])
                if hidden and parts[3] and not attrs.get("alt", "").strip():
                    return _Signal(s, end, "markup", f"hidden tracking image ({parts[1]})", parts[1])
            return None
        if hit:
            noun = _EMBED_NOUNS.get(name, "resource")
            return _Signal(s, end, "markup", hit.embed_message(noun), hit.host)
        return None

    def _scan_links(self, post: Post, ustarts: list[int]) -> list[_Signal]:
        out = []
        for link in post.links:
            if link.kind not in ("markdown", "image", "autolink", "bare", "definition"):
                continue
            embed = link.kind == "image"
            hit = self.classify_url(link.url, embed=embed)
            if not hit:
                continue
            s = ustarts[link.line - 1] + link.column - 1
            e = ustarts[link.end_line - 1] + link.end_column - 1
            keep = None
            if link.kind == "markdown":
                text = post.uncoded_text
                mid = text.rfind("](", s, e)
                if mid > s:
                    keep = (s + 1, mid)
            elif link.kind in ("autolink", "bare"):
                keep = (s, s)
            if embed:
                out.append(_Signal(s, e, "markup", hit.embed_message("image"), hit.host))
            else:
                kind = "markup" if hit.kind == "ad" else "link"
                out.append(_Signal(s, e, kind, hit.link_message(), hit.host, keep=keep))
        return out

    def _scan_code(self, text: str, taken: list[tuple[int, int]]) -> list[_Signal]:
        """Bare pasted ad code (no <script> around it): one signal per line."""
        out: list[_Signal] = []
        if self.anchor_re is None:
            return out
        done_until = -1
        for a in self.anchor_re.finditer(text):
            if a.start() < done_until or _covered(taken, a.start()):
                continue
            ls = text.rfind("\n", 0, a.start()) + 1
            le = text.find("\n", a.end())
            le = len(text) if le < 0 else le
            done_until = le
            seg = text[ls:le]
            for pat, label in self.code_signatures:
                m = pat.search(seg)
                if m and not _covered(taken, ls + m.start()):
                    lead = len(seg) - len(seg.lstrip())
                    out.append(_Signal(ls + lead, ls + max(len(seg.rstrip()), lead), "markup", label, label))
                    break
        return out

    def _scan_raw_urls(self, text: str, signals: list[_Signal]) -> list[_Signal]:
        """URLs the link views miss (broken Markdown, script strings): affiliate or tracker ones."""
        out: list[_Signal] = []
        if "//" not in text:
            return out
        spans = _merge_spans((s.start, s.end) for s in signals)
        for m in _RAW_URL.finditer(text):
            p = m.start()
            if text.startswith("https:", p - 6):
                start = p - 6
            elif text.startswith("http:", p - 5):
                start = p - 5
            else:
                continue
            if _covered(spans, start):
                continue
            url = text[start : m.end()].rstrip(".,;:!?*_")
            hit = self.classify_url(url, embed=False)
            if hit:
                out.append(_Signal(start, start + len(url), "link", hit.link_message(), hit.host, keep=(start, start)))
        return out

    # ------------------------------------------------------------------ comments

    def _marker_comment(self, line: str) -> str | None:
        """"begin"/"end" for an ad-marker comment alone on its line, else None."""
        if "<!--" not in line:
            return None
        m = _COMMENT_LINE.fullmatch(line)
        if not m:
            return None
        inner = m.group(1).strip().lower()
        if "lintkit" in inner or "--" in inner:
            return None
        words = _WORDS.findall(inner)
        if not words or len(words) > 8 or not any(w in self.comment_markers for w in words):
            return None
        if inner.startswith("/") or any(w in self.comment_end_words for w in words):
            return "end"
        return "begin"

    # ------------------------------------------------------------------ check

    def check(self, post: Post) -> Iterator[Finding]:
        self._budget = 20000  # element-matching steps per post: bounds hostile nesting
        text = post.uncoded_text
        if len(text.strip()) == 0:
            return
        ulines = post.uncoded_lines
        ustarts: list[int] = []
        pos = 0
        for ln in ulines:
            ustarts.append(pos)
            pos += len(ln) + 1

        signals = self._scan_tags(text) if "<" in text else []
        signals += self._scan_links(post, ustarts)
        taken = _merge_spans((s.start, s.end) for s in signals if s.kind == "markup")
        signals += self._scan_code(text, taken)
        signals += self._scan_raw_urls(text, signals)

        markers: list[tuple[int, str, str]] = []
        if "<!--" in text:
            for i, ln in enumerate(ulines, 1):
                kind = self._marker_comment(ln)
                if kind:
                    markers.append((i, kind, ln.strip()))
        if not signals and not markers:
            return

        def line_of(off: int) -> int:
            return bisect.bisect_right(ustarts, off)

        for sig in signals:
            sig.first = line_of(sig.start)
            sig.last = line_of(max(sig.start, sig.end - 1))
        signals.sort(key=lambda x: (x.start, -x.end))

        # 1. group signals into blocks: same lines, or adjacent lines when ad markup is involved
        blocks: list[_Block] = []
        for sig in signals:
            if blocks:
                b = blocks[-1]
                if sig.first <= b.last or (sig.first == b.last + 1 and (b.has_markup or sig.kind == "markup")):
                    b.signals.append(sig)
                    b.last = max(b.last, sig.last)
                    b.has_markup = b.has_markup or sig.kind == "markup"
                    continue
            blocks.append(_Block(sig.first, sig.last, [sig], has_markup=sig.kind == "markup"))

        # 2. marker-comment regions: <!-- ads begin --> ... <!-- ads end -->
        regions: list[tuple[int, int, str, str]] = []
        for (l1, k1, t1), (l2, k2, t2) in zip(markers, markers[1:]):
            if k1 == "begin" and k2 == "end" and l2 - l1 <= 300:
                regions.append((l1, l2, t1, t2))
        # regions are disjoint and in order, and so are the blocks: one sweep pairs them
        regrouped: list[_Block] = []
        bi = 0
        for r1, r2, t1, t2 in regions:
            while bi < len(blocks) and blocks[bi].last < r1:
                regrouped.append(blocks[bi])
                bi += 1
            j = bi
            while j < len(blocks) and blocks[j].first <= r2:
                j += 1
            inside = blocks[bi:j]
            bi = j
            if inside and any(b.first < r1 or b.last > r2 for b in inside):
                regrouped.extend(inside)  # the markup spills out of the comments: keep it as found
            elif inside:
                merged = _Block(r1, r2, [s for b in inside for s in b.signals], (t1, t2))
                merged.has_markup = any(b.has_markup for b in inside)
                regrouped.append(merged)
            elif all(not ulines[i - 1].strip() for i in range(r1 + 1, r2)):
                regrouped.append(_Block(r1, r2, [], (t1, t2)))
        regrouped.extend(blocks[bi:])
        blocks = regrouped

        # 3. grow pure blocks over the lines that wrap them
        marker_at = {ln: kind for ln, kind, _ in markers}
        n = len(ulines)
        for b in blocks:
            if b.region is not None or not self._whole_lines(b, ulines, ustarts):
                continue
            for _ in range(6):
                grew = False
                if b.first > 1 and marker_at.get(b.first - 1) == "begin":
                    b.first -= 1
                    grew = True
                if b.last < n and marker_at.get(b.last + 1) == "end":
                    b.last += 1
                    grew = True
                if b.first > 1 and b.last < n:
                    mo = _LONE_OPEN.fullmatch(ulines[b.first - 2])
                    mc = _LONE_CLOSE.fullmatch(ulines[b.last])
                    if mo and mc and mo.group(1).lower() == mc.group(1).lower():
                        b.first -= 1
                        b.last += 1
                        grew = True
                if not grew:
                    break

        # 4. blocks that now overlap become one
        blocks.sort(key=lambda b: (b.first, b.last))
        merged_blocks: list[_Block] = []
        for b in blocks:
            if merged_blocks and b.first <= merged_blocks[-1].last:
                m = merged_blocks[-1]
                m.last = max(m.last, b.last)
                m.signals.extend(b.signals)
                m.region = m.region or b.region
                m.has_markup = m.has_markup or b.has_markup
            else:
                merged_blocks.append(b)

        for b in merged_blocks:
            yield self._finding(post, b, ulines, ustarts)

    # ------------------------------------------------------------------ findings and fixes

    def _residue(self, b: _Block, ulines: list[str], ustarts: list[int]) -> str:
        """What is left of the block's lines once the ad markup and plain tags are removed."""
        lo = ustarts[b.first - 1]
        hi = ustarts[b.last - 1] + len(ulines[b.last - 1])
        text = "\n".join(ulines[b.first - 1 : b.last])
        pieces, pos = [], lo
        for a, z in _merge_spans((s.start, s.end) for s in b.signals):
            a, z = max(a, lo), min(z, hi)
            if a > pos:
                pieces.append(text[pos - lo : a - lo])
            pos = max(pos, z)
        pieces.append(text[pos - lo : hi - lo])
        rest = " ".join(pieces)
        if "<" in rest:
            rest = _ANY_TAG.sub(" ", _strip_comments(rest))
        return rest

    def _whole_lines(self, b: _Block, ulines: list[str], ustarts: list[int]) -> bool:
        return not _ALNUM.search(self._residue(b, ulines, ustarts))

    def _finding(self, post: Post, b: _Block, ulines: list[str], ustarts: list[int]) -> Finding:
        sigs = _outermost(b.signals)
        whole = self._whole_lines(b, ulines, ustarts)
        labels: list[str] = []
        for s in sigs:
            if s.message not in labels:
                labels.append(s.message)
        inner = labels[0] if len(labels) == 1 else " + ".join(labels[:3]) + (" + ..." if len(labels) > 3 else "")
        if b.region is not None:
            head = f"ad block wrapped in {b.region[0]} ... {b.region[1]}"
            message = f"{head}: {inner}" if labels else f"empty ad placeholder {b.region[0]} ... {b.region[1]}"
        else:
            message = inner
        subject = sigs[0].subject if sigs else "ad-comment"

        first_line = ulines[b.first - 1]
        if whole or not sigs or b.region is not None:
            column = len(first_line) - len(first_line.lstrip()) + 1
            end_column = len(ulines[b.last - 1]) + 1
        else:
            column = sigs[0].start - ustarts[sigs[0].first - 1] + 1
            lastsig = max(sigs, key=lambda s: s.end)
            end_column = lastsig.end - ustarts[lastsig.last - 1] + 1

        fix = self._fix(post, b, sigs, whole, ustarts)
        return self.finding(
            post.path, b.first, column, message, end_line=b.last, end_column=end_column, fix=fix, subject=subject
        )

    def _fix(self, post: Post, b: _Block, sigs: list[_Signal], whole: bool, ustarts: list[int]) -> Fix | None:
        def to_text(off: int) -> int:
            i = bisect.bisect_right(ustarts, off) - 1
            return post.offset(i + 1, off - ustarts[i] + 1)

        if whole or not sigs or b.region is not None:
            start = post.line_starts[b.first - 1]
            end = post.line_starts[b.last] if b.last < len(post.line_starts) else len(post.text)
            edit = Edit(start, end, "")
            lines = f"line {b.first}" if b.first == b.last else f"lines {b.first}-{b.last}"
            if b.has_markup or b.region is not None:
                return Fix((edit,), FixSafety.SAFE, f"remove the ad block ({lines})")
            return Fix((edit,), FixSafety.UNSAFE, f"remove the affiliate link ({lines})")
        edits = []
        safe = True
        for s in sigs:
            if s.kind == "markup":
                edits.append(Edit(to_text(s.start), to_text(s.end), ""))
            elif s.keep is not None:
                keep = post.text[to_text(s.keep[0]) : to_text(s.keep[1])]
                edits.append(Edit(to_text(s.start), to_text(s.end), keep.strip()))
                safe = False
            else:
                return None
        if not edits:
            return None
        if safe:
            return Fix(tuple(edits), FixSafety.SAFE, "remove the ad markup")
        return Fix(tuple(edits), FixSafety.UNSAFE, "replace the affiliate link by its text")


def _outermost(signals: Iterable[_Signal]) -> list[_Signal]:
    out: list[_Signal] = []
    for s in sorted(signals, key=lambda x: (x.start, -x.end)):
        if out and s.start < out[-1].end:
            if s.end > out[-1].end:  # partial overlap: widen
                out[-1] = _Signal(out[-1].start, s.end, out[-1].kind if out[-1].kind == s.kind else "markup",
                                  out[-1].message, out[-1].subject, None, out[-1].first, max(out[-1].last, s.last))
            continue
        out.append(s)
    return out


def _strip_comments(text: str) -> str:
    """``text`` with every ``<!-- ... -->`` (or an unclosed one, to the end) replaced by a space."""
    out, pos = [], 0
    while True:
        i = text.find("<!--", pos)
        if i < 0:
            out.append(text[pos:])
            return " ".join(out)
        out.append(text[pos:i])
        j = text.find("-->", i + 4)
        if j < 0:
            return " ".join(out)
        pos = j + 3


def _merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same offsets."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the merged ``spans``."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _a_element(text: str, pos: int) -> tuple[int, tuple[int, int] | None]:
    """For an ``<a>`` tag ending at ``pos``: where its element ends (after ``</a>``, or ``pos``
    when it is not closed) and the span of its text (None when not closed)."""
    close = _A_CLOSE.search(text, pos, _a_limit(text, pos))
    return (close.end(), (pos, close.start())) if close else (pos, None)


def _a_limit(text: str, pos: int) -> int:
    """Where the search for an ``</a>`` stops: a blank line, the next ``<a``, or 4000 characters."""
    limit = min(len(text), pos + 4000)
    m = _BLANK_LINE.search(text, pos, limit)
    if m:
        limit = m.start()
    nxt = _A_OPEN.search(text, pos, limit)
    return nxt.start() if nxt else limit


def _short(value: str, limit: int = 40) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 3] + "..."


__all__ = ["AdMarkup", "load_data"]
