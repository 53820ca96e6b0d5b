"""Find "Also read" / "Related posts" / "You may also like" link lists in a post, in any shape.

`find_link_lists(post)` returns every link list of a post's body as a `LinkList`: its header
(text and line), the first and last line of the whole list (header included) and its links
(text, URL, the words of the URL's slug, line). Rules judge the lists (off-topic-link); the
duplicate detector drops their lines before comparing bodies.

A list is a **header** followed by **links**:

* the header is a line whose text names the list: a Markdown heading (``## Related posts``),
  a bold or plain line (``**Also read:**``, ``You may also like``), an HTML element
  (``<h3>``, ``<p><strong>``, ``<span class="...">Also read:</span>``) or a container whose
  ``class``/``id`` names it (``<ul class="related-posts">``, ``<div id="also-read">``). The
  phrases are data (``rules/data/link_lists.yaml``, `HeaderMatcher`), extendable by callers;
* the links follow in any shape: a Markdown list, one link per line or per paragraph, links
  separated by commas, pipes or bullets on the header's own line or the next, an HTML
  ``<ul>``/``<ol>`` (one line or many), a ``<div>`` of links separated by ``<br>``. Blank lines
  (at most two in a row), wrapper tags on lines of their own (``<div><ul>``, ``</ul></div>``)
  and list items that start with a link and add a short note (``- [Title](/x) (2019)``) are
  part of the list; it ends at the first other line (prose, a comment, a code block, a table,
  another header). The same header repeated before each link, one paragraph after another
  with only blank lines between (``Read more: [A](/a/)``, ``Read more: [B](/b/)``), makes one
  list.

Without a header, a block of at least `MIN_HEADERLESS_LINKS` links and nothing else, standing
as blocks of its own (a paragraph of comma- or pipe-separated links, or a run of link-only
lines or paragraphs), is a list too, with ``header == ""``: headers are often dropped when such
lists are pasted in. A bulleted or HTML list of bare links without a header is not: that is
ordinary content (API lists, release notes, people), and neither is a row of linked images
(badges, download buttons). Callers that need more certainty can
require ``list.header``.

Code blocks and inline code are never read (`Post.uncoded_lines`). Every pattern is linear and
bounded, and each line is looked at a fixed number of times, so the scan is linear in the size
of the post.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import unquote, urlsplit

from .document import template_root_path
from .text import remembered

# The link kinds that can be items of a list (images and sources are not).
_ITEM_KINDS = frozenset({"markdown", "html", "autolink", "bare", "reference"})
MAX_BLANK_RUN = 2  # blank lines allowed between two parts of a list
MAX_LEAD_LINES = 8  # lines of wrappers and blanks allowed between a header and its first link
MIN_HEADERLESS_LINKS = 3
# Without a header only these shapes count: a paragraph of nothing but links (comma-, pipe- or
# bullet-separated) and links one per line or per paragraph. A bulleted or HTML list of bare
# links without a header is ordinary content (API lists, release notes, people).
HEADERLESS_SHAPES = frozenset({"lines", "inline"})
MAX_ITEM_NOTE_WORDS = 12  # words a list item may add after its link ("- [X](/x) by Y")
_HEADER_SCAN_CHARS = 400  # a header's text is read from the first characters of its line

_DATA_FILE = "link_lists.yaml"
_DEFAULT: dict[str, "HeaderMatcher"] = {}


@dataclass(frozen=True)
class ListLink:
    """One link of a list: its visible text (markup removed), URL, slug words and line."""

    text: str
    url: str
    slug_words: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class LinkList:
    """A link list: ``line``..``end_line`` covers the whole list, header included."""

    header: str  # the header's text ("Also read"), "" for a list found without a header
    header_line: int
    line: int
    end_line: int
    links: tuple[ListLink, ...]
    shape: str  # "list", "lines", "inline", "html", "mixed"


# --------------------------------------------------------------------------- header phrases


def _norm_phrase(text: str) -> str:
    text = html.unescape(text).replace("’", "'").replace("‘", "'").lower()
    return " ".join(_WORDISH.findall(text))


_WORDISH = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_FIRST_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class HeaderMatcher:
    """Decides whether a line's text (or a class name) names a link list.

    ``phrases`` may be followed by a short tail (``max_tail_words``), ``exact`` phrases must be
    the whole header. Matching is on lower-cased words, so punctuation and markup do not count.
    """

    def __init__(
        self,
        phrases: Iterable[str],
        exact: Iterable[str] = (),
        max_tail_words: int = 5,
        max_header_words: int = 12,
    ) -> None:
        self.phrases = tuple(sorted({p for p in (_norm_phrase(x) for x in phrases) if p}, key=len, reverse=True))
        self.exact = frozenset(p for p in (_norm_phrase(x) for x in exact) if p)
        self.max_tail_words = max_tail_words
        self.max_header_words = max_header_words
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in self.phrases:
            ws = tuple(p.split())
            self._by_first.setdefault(ws[0], []).append(ws)
        self._firsts = frozenset(p.split()[0] for p in (*self.phrases, *self.exact))
        self._compact = tuple(p.replace(" ", "").replace("'", "") for p in self.phrases if " " in p)
        self._single = frozenset(p for p in (*self.phrases, *self.exact) if " " not in p)
        # single words that name a list inside a longer class name ("related" in "related-title");
        # short generic ones ("more", "next") only count as the whole name
        self._name_words = frozenset(p for p in self._single if len(p) >= 6)
        self._extended: dict[tuple[str, ...], HeaderMatcher] = {}

    def extended(self, more: Iterable[str]) -> "HeaderMatcher":
        more = tuple(m for m in more if _norm_phrase(m))
        if not more:
            return self
        # the same extension (a rule's configured headers) is asked for on every post: one
        # matcher for it, so the line kinds remembered for it (`_classify_plain`) last the run
        out = self._extended.get(more)
        if out is None:
            out = HeaderMatcher((*self.phrases, *more), self.exact, self.max_tail_words, self.max_header_words)
            if len(self._extended) < 16:
                self._extended[more] = out
        return out

    def could_match(self, text: str) -> bool:
        """A cheap test ruling out most lines: too long, or neither a known first word nor a final ':'."""
        if len(text) > _HEADER_SCAN_CHARS:
            return False
        m = _FIRST_WORD.search(text)
        if m is None:
            return False
        return m.group(0).lower().replace("’", "'") in self._firsts or text.rstrip(" \t*_~").endswith(":")

    def match(self, text: str, *, with_links: bool = False) -> bool:
        """True when ``text`` (a line with links removed) is a list header.

        ``with_links``: the line also holds links (an inline list), so nothing but the phrase
        and punctuation may be left.
        """
        ws = _norm_phrase(text[:_HEADER_SCAN_CHARS]).split()
        if not ws or len(ws) > self.max_header_words:
            return False
        stripped = text.strip().rstrip(" \t*_~:>-–—|.…").strip()
        if with_links:
            # "Also read: [a](/a), [b](/b)": the phrase starts the line and a separator ends it
            raw = _INLINE_MARKUP.sub(" ", text).strip()
            if not raw or not raw[0].isalpha() or not raw.endswith(_INLINE_SEPARATORS):
                return False
        if " ".join(ws) in self.exact:
            return True
        for cand in self._by_first.get(ws[0], ()):
            n = len(cand)
            if tuple(ws[:n]) == cand:
                tail = len(ws) - n
                if with_links:
                    return tail == 0 or (tail <= 3 and cand[0] in ("check", "more"))
                if tail == 0 or (
                    tail <= self.max_tail_words
                    and not stripped.endswith(("?", "!"))
                    and not _SENTENCE_PUNCT.search(stripped)
                ):
                    return True
        # "If you liked this, you may also like:" - a phrase inside a short line ending in ':'
        if not with_links and text.rstrip(" \t*_~").endswith(":"):
            joined = " " + " ".join(ws) + " "
            return any(f" {p} " in joined for p in self.phrases if " " in p)
        return False

    def match_name(self, name: str) -> bool:
        """True when a class or id value names a list (``related-posts``, ``also_read``)."""
        for token in name.lower().split():
            words = " ".join(re.split(r"[-_]+", token)).strip()
            if not words:
                continue
            if words in self._single or words in self.phrases or words in self.exact:
                return True
            if any(part in self._name_words for part in words.split()):  # "related-title"
                return True
            compact = words.replace(" ", "")
            if any(c in compact for c in self._compact if len(c) >= 7):
                return True
        return False


_SENTENCE_PUNCT = re.compile(r"[,;.!?] ")  # a tail that reads as a sentence: prose, not a header
_INLINE_MARKUP = re.compile(r"[*_~`>#\s]+")
_INLINE_SEPARATORS = (":", "-", "–", "—", "|", "»", "›", "→")


def _read_data_text() -> str:
    try:
        from importlib.resources import files

        return files("lintkit.rules").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    except (ImportError, OSError, TypeError, ValueError, ModuleNotFoundError):
        return (Path(__file__).resolve().parent.parent / "rules" / "data" / _DATA_FILE).read_text(encoding="utf-8")


def load_header_data() -> dict[str, Any]:
    """The parsed ``link_lists.yaml``."""
    import yaml

    data = yaml.safe_load(_read_data_text()) or {}
    if not isinstance(data, dict) or not isinstance(data.get("phrases"), list):
        raise ValueError(f"{_DATA_FILE}: expected a mapping with a 'phrases' list")
    return data


def default_matcher() -> HeaderMatcher:
    """The header phrases shipped in ``rules/data/link_lists.yaml`` (read once per process)."""
    if "m" not in _DEFAULT:
        data = load_header_data()
        _DEFAULT["m"] = HeaderMatcher(
            [str(p) for p in data["phrases"]],
            [str(p) for p in data.get("exact") or ()],
            int(data.get("max_tail_words", 5)),
            int(data.get("max_header_words", 12)),
        )
    return _DEFAULT["m"]


# --------------------------------------------------------------------------- line classes
# Every pattern runs on user text: linear, each repetition bounded.

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})([^<>]{0,2000})>")
_COMMENT = re.compile(r"<!--")
_COMMENT_LINE = re.compile(r"[ \t]{0,40}<!--.{0,500}?-->[ \t]{0,40}")
_ATTR_NAME = re.compile(r"""\b(?:class|id)\s{0,5}=\s{0,5}(?:"([^"]{0,500})"|'([^']{0,500})'|([^\s"'<>]{1,200}))""", re.I)
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,32}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_QUOTE_PREFIX = re.compile(r"^[ \t]{0,40}(?:>[ \t]{0,4}){1,10}")
_LIST_MARKER = re.compile(r"^[ \t]{0,100}(?:[-*+•·][ \t]+|\d{1,9}[.)][ \t]+)?")  # after `_QUOTE_PREFIX`
_MARKUP_ONLY = re.compile(r"[\s*_~|,;:.·•\-–—#>()\[\]!/\\]*")
_HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]")
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_TABLE_ROW = re.compile(r"^\s{0,40}\|.{0,100000}\|\s*$")
_WORD = re.compile(r"[^\W_]+")
_LI_START = re.compile(r"^[ \t]{0,40}<li\b", re.I)

BLANK, LINK, ITEM, WRAP, HEADER, COMMENT, OTHER = "blank", "link", "item", "wrap", "header", "comment", "other"


@dataclass
class _Line:
    kind: str
    links: list  # Link objects starting on this line
    header: str = ""
    has_list_marker: bool = False
    html: bool = False
    closing: bool = False  # a wrapper line of closing tags (and <br>) only
    marker: str = ""  # the list marker's kind: "-", "*", "+", "1" (numbered), "" (none)


def _strip_tags(text: str) -> tuple[str, list[re.Match]]:
    tags = list(_TAG.finditer(text))
    if not tags:
        return text, tags
    return _TAG.sub(" ", text), tags


_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_MD_IMAGE = re.compile(r"!\[([^\[\]]{0,500})\]\([^()]{0,2000}\)")
_ESCAPE = re.compile(r"\\([^\sA-Za-z0-9])")
_EMPHASIS = re.compile(r"(?<![^\W_])[*_~]{1,3}|[*_~]{1,3}(?![^\W_])")


def _clean_text(text: str) -> str:
    """A link's visible text: tags, image syntax, emphasis, escapes and entities removed."""
    if "<" in text:
        text = _ANY_TAG.sub(" ", text)
    if "![" in text:
        text = _MD_IMAGE.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def link_text(post: Any, link: Any) -> str:
    """The visible text of a link, read from the source (inline code included), markup removed."""
    if link.kind not in ("markdown", "image"):
        return _clean_text(link.text)
    src = post.text[link.start : link.end]
    cut = src.rfind("](")
    if cut < 0 or not src.startswith(("[", "![")):
        return _clean_text(link.text)
    label = src[(2 if src.startswith("!") else 1) : cut]
    return _clean_text(label.replace("`", ""))


_IMAGE_LABEL = re.compile(r"!\[[^\[\]]{0,500}\](?:\([^()]{0,2000}\)|\[[^\[\]]{0,500}\])")
_IMG_TAG = re.compile(r"<img\b[^<>]{0,2000}>", re.I)


def _image_only(post: Any, link: Any) -> bool:
    """The link's whole label is an image (``[![alt](badge.svg)](url)``, ``<a><img></a>``)."""
    if link.kind == "html":
        return bool(_IMG_TAG.search(link.text)) and not _ANY_TAG.sub("", link.text).strip()
    src = post.text[link.start : link.end]
    cut = src.rfind("](") if link.kind == "markdown" else src.rfind("][")
    return src.startswith("[") and cut > 0 and _IMAGE_LABEL.fullmatch(src[1:cut].strip()) is not None


_SLUG_SKIP = frozenset({"index", "default", "home", "amp", "post", "posts", "blog", "article", "articles", "page", "p", "www", "html", "htm"})
_EXT = re.compile(r"\.(?:html?|php\d?|aspx?|jsp|cfm|shtml|md|mdx)$", re.I)


_SLUG_SPLIT = re.compile(r"[-_+.,\s]+")
_ALPHA = re.compile(r"[^\W\d_]")


# A generator's link to another page: Hugo {{< ref "posts/x/index.md" >}} (relref too), Jekyll
# {% post_url 2024-01-02-x %} and {% link _posts/x.md %}, or a template root ({{ site.baseurl }}/x/).
_TEMPLATE_TARGET = re.compile(r'\{\{[<%]\s*(?:rel)?ref\s+"([^"\n]{1,500})"|\{%-?\s*(?:post_url|link)\s+([^\s%]{1,500})')


def slug_words(url: str) -> tuple[str, ...]:
    """Words of the last meaningful path segment of a URL (``/blog/fix-the-printer/`` -> fix, the, printer)."""
    url = url.strip()[:4000]
    if url[:2] in ("{{", "{%"):
        m = _TEMPLATE_TARGET.match(url)
        url = (m.group(1) or m.group(2)) if m else (template_root_path(url) or url)
    if "://" in url or url.startswith("//") or "?" in url or "#" in url:
        try:
            path = urlsplit(url).path
        except ValueError:
            return ()
    else:
        path = url
    for seg in reversed(path.split("/")):
        if not seg or not _ALPHA.search(seg):
            continue
        if "%" in seg:
            seg = unquote(seg)
        seg = _EXT.sub("", seg).lower()
        words = [w for w in _SLUG_SPLIT.split(seg) if w]
        if not words or (len(words) == 1 and (words[0] in _SLUG_SKIP or len(words[0]) > 40)):
            continue
        return tuple(words[:40])
    return ()


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the column ranges ``spans`` replaced by spaces (length kept)."""
    parts: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        s, e = max(s, pos), min(e, len(text))
        if e <= s:
            continue
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _classify(post: Any, matcher: HeaderMatcher) -> tuple[list[_Line], int]:
    lines = post.uncoded_lines
    n = len(lines)
    code = post.code_lines
    body_start = post.body_line
    # Columns of each line covered by links (a link may span lines), and the links by first line.
    cover: dict[int, list[tuple[int, int]]] = {}
    starting: dict[int, list] = {}
    for link in post.links:
        if link.kind not in _ITEM_KINDS:
            continue
        # An image inside a link's text is reported separately; a link inside another link's
        # text cannot happen. Register the link on its first line.
        if link.line < body_start:
            continue
        starting.setdefault(link.line, []).append(link)
        if link.line == link.end_line:
            cover.setdefault(link.line, []).append((link.column - 1, link.end_column - 1))
        else:
            cover.setdefault(link.line, []).append((link.column - 1, 10**9))
            for ln in range(link.line + 1, link.end_line):
                cover.setdefault(ln, []).append((0, 10**9))
            cover.setdefault(link.end_line, []).append((0, link.end_column - 1))
    # A line no link touches is classified by its text alone: the last few thousand texts are
    # remembered per matcher (the shared _Line is never modified; its ``links`` stays empty).
    out: list[_Line] = [_NOT_BODY] * (n + 1)  # 1-based; out[0] unused
    for ln in range(body_start, n + 1):
        links = starting.get(ln)
        if ln in code:
            out[ln] = _Line(OTHER, links) if links else _NOT_BODY
            continue
        text = lines[ln - 1]
        spans = cover.get(ln)
        if spans is None:
            info = _classify_plain(text, matcher)
        else:
            info = _classify_line(text, spans, matcher)
            if links:
                info.links = links
        out[ln] = info
    return out, n


_NOT_BODY = _Line(OTHER, [])  # front matter and code lines (shared, never modified)


@remembered
def _classify_plain(text: str, matcher: HeaderMatcher) -> _Line:
    return _classify_line(text, None, matcher)


def _classify_line(text: str, spans: list[tuple[int, int]] | None, matcher: HeaderMatcher) -> _Line:
    """The kind of one body line outside code; ``spans``: the columns links cover on it."""
    info = _Line(OTHER, [])
    quote = _QUOTE_PREFIX.match(text)
    if quote:  # inside a blockquote: the same line without its ">" marks (columns kept)
        text = " " * quote.end() + text[quote.end():]
    if not text.strip():
        info.kind = BLANK
        return info
    rest = text
    if spans:
        rest = _blank_spans(text, spans)
    if not spans and _COMMENT_LINE.fullmatch(text):
        info.kind = COMMENT  # transparent between a header and its links, an end after them
        return info
    if _COMMENT.search(rest) or _SETEXT.match(text) or (_TABLE_ROW.match(text) and not spans):
        info.kind = OTHER
        return info
    marker = _LIST_MARKER.match(rest)
    mark = marker.group(0).strip(" \t") if marker else ""
    info.has_list_marker = bool(mark)
    info.marker = "1" if mark[:1].isdigit() else mark[:1]
    if mark:
        rest = " " * marker.end() + rest[marker.end():]
    words_src, tags = _strip_tags(rest)
    info.html = bool(tags)
    words_src = _ENTITY.sub(" ", words_src)
    has_words = bool(_WORD.search(words_src))
    if spans:
        if not has_words or _MARKUP_ONLY.fullmatch(words_src):
            info.kind = LINK
            return info
        # the line's text before the first link: nothing but markup -> a list item with a note
        first = min(s for s, _ in spans)
        before = _ENTITY.sub(" ", _strip_tags(rest[:first])[0])
        if _MARKUP_ONLY.fullmatch(before) and (info.has_list_marker or _LI_START.match(rest)):
            note_words = len(_WORD.findall(words_src))
            if note_words <= MAX_ITEM_NOTE_WORDS:
                info.kind = ITEM
                return info
        # an inline list behind a header phrase: "Also read: [a](/a), [b](/b)"
        head = _strip_tags(rest[:first])[0]
        after = _ENTITY.sub(" ", _strip_tags(rest[first:])[0])
        if _MARKUP_ONLY.fullmatch(after) and matcher.match(_unheading(head), with_links=True):
            info.kind = HEADER
            info.header = _header_text(head)
            return info
        info.kind = OTHER
        return info
    if not has_words:
        if tags and _MARKUP_ONLY.fullmatch(_TAG.sub("", rest)):
            info.kind = WRAP
            info.closing = all(t.group(1) == "/" or t.group(2).lower() == "br" for t in tags)
            name = _names_list(tags, matcher)
            if name:
                info.kind = HEADER
                info.header = name
        else:
            info.kind = OTHER
        return info
    if matcher.could_match(words_src) and matcher.match(_unheading(words_src)):
        info.kind = HEADER
        info.header = _header_text(words_src)
        return info
    if tags and len(_WORD.findall(words_src)) <= 6 and _names_list(tags, matcher):
        # <h3 class="related-title">Keep exploring</h3>: the class names the list
        info.kind = HEADER
        info.header = _header_text(words_src)
        return info
    info.kind = OTHER
    return info


def _names_list(tags: list[re.Match], matcher: HeaderMatcher) -> str:
    """The class or id value of an opening tag that names a link list, or ""."""
    for t in tags:
        if t.group(1) == "/" or "=" not in t.group(3):
            continue
        for m in _ATTR_NAME.finditer(t.group(3)):
            name = (m.group(1) or m.group(2) or m.group(3) or "").strip()
            if name and matcher.match_name(name):
                return name
    return ""


def _unheading(text: str) -> str:
    return _HEADING_MARK.sub(" ", text)


def _header_text(text: str) -> str:
    text = html.unescape(_unheading(text))
    text = re.sub(r"[*_~`#>|]+", " ", text)
    text = " ".join(text.split())
    return text.strip(" :-–—|.…")


# --------------------------------------------------------------------------- lists


def find_link_lists(post: Any, headers: Iterable[str] = (), matcher: HeaderMatcher | None = None) -> list[LinkList]:
    """Every link list in ``post`` (a `lintkit.document.Post`), in file order.

    ``headers``: more header phrases on top of the shipped ones (``matcher``, by default
    `default_matcher`).
    """
    m = (matcher or default_matcher()).extended(headers)
    # Several rules and the site index ask for a post's lists: find them once per post and matcher.
    memo = post.__dict__.setdefault("_link_lists_memo", {})
    memo_key = (m.phrases, m.exact, m.max_tail_words, m.max_header_words)
    if memo_key in memo:
        return list(memo[memo_key])
    found = _find_link_lists(post, m)
    memo[memo_key] = tuple(found)
    return found


def _find_link_lists(post: Any, m: HeaderMatcher) -> list[LinkList]:
    info, n = _classify(post, m)
    found: list[LinkList] = []
    ln = post.body_line
    while ln <= n:
        kind = info[ln].kind
        lst = None
        nxt = ln + 1
        if kind == HEADER:
            lst, nxt = _scan(post, info, n, ln, header=True)
        elif kind in (LINK, WRAP) and (ln == post.body_line or info[ln - 1].kind in (BLANK, OTHER, HEADER, WRAP, COMMENT)):
            lst, nxt = _scan(post, info, n, ln, header=False)
        if lst is not None:
            found.append(lst)
        ln = max(nxt, ln + 1)
    return _join_repeated_headers(post, found)


def _join_repeated_headers(post: Any, found: list[LinkList]) -> list[LinkList]:
    """Lists under the same header, one after another with only blank lines between, are one
    list ("Read more: [A]" / "Read more: [B]" / "Read more: [C]", a paragraph each)."""
    out: list[LinkList] = []
    for lst in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.header and _norm_phrase(prev.header) == _norm_phrase(lst.header)
                and all(not post.lines[k - 1].strip() for k in range(prev.end_line + 1, lst.line))):
            shape = prev.shape if prev.shape == lst.shape else "mixed"
            out[-1] = LinkList(prev.header, prev.header_line, prev.line, lst.end_line, prev.links + lst.links, shape)
        else:
            out.append(lst)
    return out


def _scan(post: Any, info: list[_Line], n: int, start: int, *, header: bool) -> tuple[LinkList | None, int]:
    """Collect the list that starts at ``start`` (a header line, or a link line without one)."""
    first_info = info[start]
    links: list = list(first_info.links) if (header or first_info.kind == LINK) else []
    last = start if (links or header) else None
    shapes: set[str] = set()
    if links:
        shapes.add(_shape(first_info) if not header else "inline")
    marker = first_info.marker if (links and not header) else ""
    blank_run = 0
    closed = False  # a closing wrapper ended an HTML list: only more bare links may follow
    j = start + 1
    if header and j <= n and j not in post.code_lines and _SETEXT.match(post.uncoded_lines[j - 1]):
        last = j
        j += 1
    while j <= n:
        li = info[j]
        k = li.kind
        if k == BLANK:
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
        elif k in (LINK, ITEM):
            if k == ITEM and (not header or closed):
                break
            if li.has_list_marker:
                # CommonMark: a new bullet character starts a new list
                if marker and li.marker != marker and blank_run:
                    break
                marker = marker or li.marker
            links.extend(li.links)
            shapes.add(_shape(li))
            last = j
            blank_run = 0
        elif k == WRAP:
            if li.closing:
                if links and last == j - 1:
                    last = j
                    closed = True
            elif links and blank_run:
                break  # a new HTML block after the list
            if not links and j - start > MAX_LEAD_LINES:
                break
            blank_run = 0
        elif k == COMMENT and header and not links and j - start <= MAX_LEAD_LINES:
            blank_run = 0  # "<!-- wp:list -->" between a header and its list
        elif k == HEADER and header and not links and not li.links and j - start <= 3:
            # "## Related posts" then "<div class='related-posts'>": one header
            blank_run = 0
        else:
            break
        j += 1
    if not links or last is None:
        # a scan starting anywhere in start..j would stop at j too: go on from there (linear)
        return None, (start + 1 if header else max(j, start + 1))
    if not header:
        if len(links) < MIN_HEADERLESS_LINKS or not _block_edge(post, info, start - 1) or not _block_edge(post, info, last + 1):
            return None, max(j, start + 1)
        first = min(ln for ln in range(start, last + 1) if info[ln].links)
        k = first - 1  # a wrapper line opening the block directly above its first link belongs to it
        while k >= start and info[k].kind == WRAP and not info[k].closing:
            first = k
            k -= 1
        start = first
    shape = "mixed" if len(shapes) > 1 else (next(iter(shapes)) if shapes else "lines")
    if not header and (shape not in HEADERLESS_SHAPES or all(_image_only(post, lk) for lk in links)):
        # (a row of linked images with no header is badges or buttons, not further reading)
        return None, last + 1
    items = tuple(ListLink(link_text(post, lk), lk.url, slug_words(lk.url), lk.line) for lk in links)
    hdr = info[start].header if header else ""
    return LinkList(hdr, start, start, last, items, shape), last + 1


def _block_edge(post: Any, info: list[_Line], ln: int) -> bool:
    """True when line ``ln`` cannot belong to the paragraph next to it (so a list may end there)."""
    if ln < post.body_line or ln >= len(info):
        return True
    k = info[ln].kind
    return k in (BLANK, WRAP, HEADER, COMMENT) or bool(_HEADING_MARK.match(post.uncoded_lines[ln - 1]))


def _shape(li: _Line) -> str:
    if li.html:
        return "html"
    if li.has_list_marker:
        return "list"
    return "inline" if len(li.links) > 1 else "lines"


def list_lines(lists: Sequence[LinkList]) -> set[int]:
    """Every line covered by ``lists`` (for callers that drop lists from a body)."""
    out: set[int] = set()
    for lst in lists:
        out.update(range(lst.line, lst.end_line + 1))
    return out


__all__ = ["HeaderMatcher", "LinkList", "ListLink", "default_matcher", "find_link_lists", "list_lines", "load_header_data", "slug_words"]
