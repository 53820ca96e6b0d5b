"""`Post`: one Markdown file parsed once into the views every rule reads.

Views are computed lazily and at most once:

* ``text`` (decoded, BOM removed, newlines exactly as in the file), ``lines`` (without
  newlines), ``newline`` (the file's dominant newline), ``bom``; `Post.offset` turns a line and
  column into an offset in ``text`` and `Post.edit` builds a fix `Edit` from them.
* ``front_matter``: a `lintkit.frontmatter.FrontMatter` (keys with lines, columns, styles).
* ``blocks``: every block token of the body with its file lines (`Block`). A code fence never
  closed is only its opening line; the lines after it are parsed as Markdown (see
  `lintkit.markdown`).
* ``uncoded_lines``: the file's lines with front matter, code blocks and inline code blanked
  to spaces, columns unchanged: what markup-scanning rules (ads) read.
* ``prose``: `ProseLine` per line of headings, paragraphs and list items, with everything that
  is not prose (code, URLs, HTML tags, template tags, link destinations, Markdown syntax)
  blanked to spaces, columns unchanged: what spelling and topic rules read.
* ``links``: every link and image, Markdown and HTML (`Link`: text, URL, host, line, column);
  a reference link (``[text][label]``, ``[label][]``, ``[label]``) carries the URL of its
  label's first definition.
* ``headings``; ``title``, ``description``, ``tags``, ``keywords``, ``categories``: normalised
  across Hugo, Jekyll, Hexo, Astro and Docusaurus front matter.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator
from urllib.parse import urlsplit

from . import frontmatter as fm_mod
from .markdown import parse_blocks, walk
from .rule import Edit
from .text import remembered, words

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LoadError(Exception):
    """A file that cannot be turned into a `Post`; the message says why, ``line`` where."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Block:
    type: str
    line: int
    end_line: int
    depth: int
    token: dict

    @property
    def text(self) -> str:
        return self.token.get("text") or self.token.get("raw") or ""


@dataclass(frozen=True)
class ProseLine:
    line: int
    text: str  # same columns as the file line; non-prose blanked to spaces
    block: str  # heading, paragraph, block_text (list item)


@dataclass(frozen=True)
class Link:
    kind: str  # markdown, image, html, html-image, autolink, bare, definition, reference, src
    text: str
    url: str
    line: int
    column: int  # 1-based column of the whole link
    end_line: int
    end_column: int
    start: int  # offsets of the whole link in the post's text
    end: int
    tag: str = ""  # for HTML: the tag name

    @property
    def host(self) -> str:
        return url_host(self.url)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


def url_host(url: str) -> str:
    u = url.strip()
    if u.startswith("//"):
        u = "http:" + u
    try:
        return (urlsplit(u).hostname or "").lower()
    except ValueError:
        return ""


# --------------------------------------------------------------------------- masking patterns
# Every pattern here runs on user text: each is linear (no nested ambiguous quantifiers) and
# every repetition that could run long is bounded.

_INLINE_CODE_RUN = re.compile(r"`+")
_HTML_COMMENT = re.compile(r"<!--.{0,20000}?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,40}(?:\s[^<>]{0,4000})?/?>")
# A tag's inside stops at the next opener: a long run of braces or of `{%` is then tried in O(1)
# per position instead of a 2,000-character scan from each one.
_TEMPLATE = re.compile(
    r"\{\{<(?:(?!\{[{%]).){0,2000}?>\}\}|\{\{%(?:(?!\{[{%]).){0,2000}?%\}\}"
    r"|\{%(?:(?!\{[{%]).){0,2000}?%\}|\{\{(?:(?!\{[{%]).){0,2000}?\}\}",
    re.S,
)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,4000}|[^\s<>@]{1,200}@[^\s<>]{1,200})>")
_BARE_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'`\]\[(){}|]{1,4000}")
# starts only where a run of address characters starts: not a 100-character scan from each one
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,100}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,20}")
_LINK_DEST = re.compile(r"\]\(\s*<?[^\s()<>]{0,4000}(?:\([^\s()<>]{0,4000}\)[^\s()<>]{0,4000})?>?(?:\s+(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'))?\s*\)")
_REF_USE = re.compile(r"\]\[[^\[\]\n]{0,200}\]")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\[\]\n]{1,500}\]:[^\n]*$", re.M)
_FOOTNOTE = re.compile(r"\[\^[^\]\n]{1,100}\]")
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,32}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_LINE_PREFIX = re.compile(
    r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?(?:#{1,6}(?=[ \t]|$))?"
)
# (?<![ \t]): a run of blanks is tried once, not from each of its characters (no O(n^2)).
_HEADING_TAIL = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$")
_RULE_LINE_CHARS = frozenset("=-|: \t>")
_TABLE_RULE_CHARS = frozenset("|: \t-")


def _is_rule_line(line: str) -> bool:
    """A setext underline (``===``, ``---``) or a table delimiter row (``|---|:--:|``).

    Plain set tests instead of a regex: nested quantifiers over one character class backtrack
    polynomially on long lines of blanks.
    """
    if not line.strip(" \t") or not set(line) <= _RULE_LINE_CHARS:
        return False
    body = line.lstrip(" \t>").rstrip(" \t")
    if not body:
        return False
    chars = set(body)
    return chars == {"="} or chars == {"-"} or ("-" in chars and chars <= _TABLE_RULE_CHARS)


# Everything in a prose block that is not prose, as one alternation (leftmost match wins, so a
# URL inside an HTML tag or a link destination is blanked with it).
_NON_PROSE = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (_HTML_COMMENT, _TEMPLATE, _AUTOLINK, _HTML_TAG, _LINK_DEST, _REF_USE, _FOOTNOTE, _BARE_URL, _EMAIL, _ENTITY)
    ),
    re.S,
)
# Without e-mail addresses, and with a look-ahead on the first characters the alternatives can
# start with, so most positions fail at once (the same matches, 2-3x faster); `mask_non_prose`
# uses the full pattern only when the text has an '@'.
_NON_PROSE_NO_EMAIL = re.compile(
    r"(?=[<{\]\[&hfw])(?:"
    + "|".join(
        f"(?:{p.pattern})"
        for p in (_HTML_COMMENT, _TEMPLATE, _AUTOLINK, _HTML_TAG, _LINK_DEST, _REF_USE, _FOOTNOTE, _BARE_URL, _ENTITY)
    )
    + ")",
    re.S,
)
_MARKUP_CHARS = re.compile(r"(?=[*~\\_!\[\]|])(?:\*+|~~|\\(?=[^\sA-Za-z0-9])|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|!\[|[\[\]|])")

# links
_MD_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|!?\[[^\[\]\n]{0,500}\](?:\([^()\s]{0,2000}\))?){0,1000})\]"
    r"\(\s*<?([^\s()<>]{0,4000}(?:\([^\s()<>]{0,4000}\)[^\s()<>]{0,4000})?)>?"
    r"(?:\s+(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'))?\s*\)"
)
_REF_DEF_LINK = re.compile(r"^[ \t]{0,3}\[([^\[\]\n]{1,500})\]:[ \t]*<?([^\s<>]{1,4000})>?", re.M)
# "[text][label]", "[label][]" or "[label]", not followed by "(" or ":" (inline links, definitions)
_MD_REF = re.compile(r"(!?)\[([^\[\]\n]{1,500})\](?:\[([^\[\]\n]{0,500})\])?(?![(:\[])")
_HTML_OPEN = re.compile(r"<(a|img|iframe|script|embed|source|link|amp-ad|amp-img)\b([^<>]{0,4000})>", re.I)
_ATTR = re.compile(r"([A-Za-z_:][-A-Za-z0-9_:.]{0,60})(?:\s*=\s*(?:\"([^\"]{0,4000})\"|'([^']{0,4000})'|([^\s\"'=<>`]{1,4000})))?")
_A_CLOSE = re.compile(r"</a\s*>", re.I)


def html_attributes(attr_text: str) -> dict[str, str]:
    """Attributes of an HTML tag's inner text, names lower-cased, in any order or quoting."""
    out: dict[str, str] = {}
    for m in _ATTR.finditer(attr_text):
        name = m.group(1).lower()
        if name not in out:
            val = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
            out[name] = val if val is not None else ""
    return out


def _blank(s: str) -> str:
    """Replace every character but newlines by a space."""
    return re.sub(r"[^\n]", " ", s)


def _blank_match(m: re.Match) -> str:
    s = m.group(0)
    return _blank(s) if "\n" in s else " " * len(s)


def _mask(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(_blank_match, text)


def mask_non_prose(text: str) -> str:
    """Blank HTML, comments, template tags, URLs, link destinations, e-mail addresses, entities."""
    return _mask(text, _NON_PROSE if "@" in text else _NON_PROSE_NO_EMAIL)


def mask_inline_code(text: str) -> str:
    """Blank inline code spans (backtick runs closed by a run of the same length)."""
    if "`" not in text:
        return text
    out = list(text)
    runs = [(m.start(), m.end()) for m in _INLINE_CODE_RUN.finditer(text)]
    by_len: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(runs):
        by_len.setdefault(e - s, []).append(i)
    i = 0
    while i < len(runs):
        s, e = runs[i]
        length = e - s
        candidates = by_len[length]
        k = bisect.bisect_right(candidates, i)
        if k < len(candidates):
            j = candidates[k]
            close_end = runs[j][1]
            for p in range(s, close_end):
                if out[p] != "\n":
                    out[p] = " "
            # skip runs inside the span
            i = j + 1
        else:
            i += 1
    return "".join(out)


# A block's prose and a line's words depend only on the text: each worker remembers the last
# few thousand (`lintkit.text.remembered`; a site repeats its boilerplate and paragraphs).


@remembered
def _prose_of_block(seg: str, kind: str) -> tuple[tuple[int, str], ...]:
    """(line index in the block, prose text) of the non-empty prose lines of a block's text."""
    if "]:" in seg:
        seg = _mask(seg, _REF_DEF)
    seg = mask_non_prose(seg)
    lines = []
    for i, line in enumerate(seg.split("\n")):
        m = _LINE_PREFIX.match(line)
        if m and m.end():
            line = " " * m.end() + line[m.end() :]
        if kind == "heading":
            line = _mask(line, _HEADING_TAIL)
        if _is_rule_line(line):
            line = " " * len(line)
        line = _mask(line, _MARKUP_CHARS)
        if line.strip():
            lines.append((i, line))
    return tuple(lines)


@remembered
def line_words(text: str) -> list[str]:
    """`lintkit.text.words` of one line (remembered: the list is shared, do not modify it)."""
    return words(text)


# --------------------------------------------------------------------------- Post


class Post:
    """One parsed Markdown file. Construct with `Post.from_bytes` or `Post.from_text`."""

    def __init__(self, path: str, text: str, *, bom: bool = False, size: int | None = None) -> None:
        self.path = path
        self.text = text
        self.bom = bom
        self.size = size if size is not None else len(text)
        lines: list[str] = []
        starts: list[int] = []
        pos = 0
        crlf = lf = cr = 0
        for m in _NEWLINE.finditer(text):
            starts.append(pos)
            lines.append(text[pos : m.start()])
            nl = m.group(0)
            if nl == "\n":
                lf += 1
            elif nl == "\r\n":
                crlf += 1
            else:
                cr += 1
            pos = m.end()
        if pos < len(text) or not lines:
            starts.append(pos)
            lines.append(text[pos:])
        self.lines = lines
        self.line_starts = starts
        self.newline = "\r\n" if crlf > lf and crlf >= cr else ("\r" if cr > lf and cr > crlf else "\n")
        self.mixed_newlines = sum(1 for n in (crlf, lf, cr) if n) > 1
        self.front_matter = fm_mod.parse(lines, starts, text)
        fm = self.front_matter
        self.body_line = fm.end_line + 1 if fm.end_line else 1

    # ---------------------------------------------------------------- construction

    @classmethod
    def from_text(cls, path: str, text: str) -> "Post":
        bom = text.startswith("\ufeff")
        return cls(path, text[1:] if bom else text, bom=bom)

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> "Post":
        """Decode a file's bytes; raise `LoadError` for binary, UTF-16 or non-UTF-8 content."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise LoadError("file is UTF-16 encoded; lintkit reads UTF-8 only (re-save it as UTF-8)")
        bom = data.startswith(b"\xef\xbb\xbf")
        if bom:
            data = data[3:]
        if b"\x00" in data[:8192] or b"\x00" in data:
            raise LoadError("file looks binary (it contains NUL bytes), not Markdown")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise LoadError(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line})", line) from None
        return cls(path, text, bom=bom, size=len(data))

    # ---------------------------------------------------------------- positions

    def offset(self, line: int, column: int = 1) -> int:
        """Offset in ``text`` of a 1-based line and column."""
        line = max(1, min(line, len(self.line_starts)))
        return self.line_starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in ``text``."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        i = max(0, i)
        return i + 1, offset - self.line_starts[i] + 1

    def edit(self, line: int, column: int, end_line: int, end_column: int, replacement: str = "") -> Edit:
        """An edit replacing the text from (line, column) up to, not including, (end_line, end_column)."""
        return Edit(self.offset(line, column), self.offset(end_line, end_column), replacement)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    # ---------------------------------------------------------------- body

    @cached_property
    def body(self) -> str:
        """The body (after the front matter) with LF newlines."""
        return "\n".join(self.lines[self.body_line - 1 :])

    @cached_property
    def blocks(self) -> list[Block]:
        offset = self.body_line - 1
        out = []
        for tok, depth in walk(parse_blocks(self.body)):
            if tok.get("type") == "blank_line" or "_line" not in tok:
                continue
            out.append(Block(tok["type"], tok["_line"] + offset, tok["_end_line"] + offset, depth, tok))
        return out

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines inside fenced or indented code blocks (fences included)."""
        lines: set[int] = set()
        for b in self.blocks:
            if b.type == "block_code":
                lines.update(range(b.line, b.end_line + 1))
        return frozenset(lines)

    @cached_property
    def uncoded_lines(self) -> list[str]:
        """All lines; front matter, code blocks and inline code blanked (columns kept)."""
        out = [""] * min(self.body_line - 1, len(self.lines)) + self.lines[self.body_line - 1 :]
        for ln in self.code_lines:
            out[ln - 1] = " " * len(out[ln - 1])
        for b in self.blocks:
            if b.type in ("paragraph", "block_text", "heading") and any("`" in ln for ln in out[b.line - 1 : b.end_line]):
                seg = "\n".join(out[b.line - 1 : b.end_line])
                masked = mask_inline_code(seg).split("\n")
                out[b.line - 1 : b.line - 1 + len(masked)] = masked
        return out

    @cached_property
    def uncoded_text(self) -> str:
        """``uncoded_lines`` joined with LF; offsets map to lines via `uncoded_position`."""
        return "\n".join(self.uncoded_lines)

    @cached_property
    def _uncoded_starts(self) -> list[int]:
        starts, pos = [], 0
        for ln in self.uncoded_lines:
            starts.append(pos)
            pos += len(ln) + 1
        return starts

    def uncoded_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in ``uncoded_text``."""
        i = max(0, bisect.bisect_right(self._uncoded_starts, offset) - 1)
        return i + 1, offset - self._uncoded_starts[i] + 1

    # ---------------------------------------------------------------- prose

    @cached_property
    def prose(self) -> list[ProseLine]:
        out: list[ProseLine] = []
        uncoded = self.uncoded_lines
        for b in self.blocks:
            if b.type not in ("paragraph", "block_text", "heading"):
                continue
            seg = "\n".join(uncoded[b.line - 1 : b.end_line])
            for i, line in _prose_of_block(seg, b.type):
                out.append(ProseLine(b.line + i, line, b.type))
        return out

    @cached_property
    def prose_words(self) -> list[list[str]]:
        """The lower-cased words (`lintkit.text.words`) of each `prose` line, in the same order:
        tokenised once for every rule that reads them (do not modify the lists)."""
        return [line_words(p.text) for p in self.prose]

    @cached_property
    def headings(self) -> list[Heading]:
        out = []
        for b in self.blocks:
            if b.type == "heading":
                out.append(Heading(int(b.token.get("attrs", {}).get("level", 1)), b.text.strip(), b.line))
        return out

    # ---------------------------------------------------------------- links

    @cached_property
    def links(self) -> list[Link]:
        text = self.uncoded_text
        out: list[Link] = []

        def add(kind: str, label: str, url: str, s: int, e: int, tag: str = "") -> None:
            line, col = self.uncoded_position(s)
            end_line, end_col = self.uncoded_position(e)
            out.append(
                Link(kind, label.strip(), url.strip(), line, col, end_line, end_col,
                     self.offset(line, col), self.offset(end_line, end_col), tag)
            )

        taken: list[tuple[int, int]] = []
        # A template expression in a destination ("[a]({{ site.baseurl }}/x/)", "[b]({% post_url
        # 2024-01-02-y %})", "[c]({{< ref "z.md" >}})") holds spaces and brackets: matched on a
        # copy where they are masked (same length), the URL read from the text itself.
        scan = _TEMPLATE.sub(_mask_template, text) if ("{{" in text or "{%" in text) else text
        for m in _MD_LINK.finditer(scan):
            kind = "image" if m.group(1) else "markdown"
            add(kind, text[m.start(2) : m.end(2)], text[m.start(3) : m.end(3)], m.start(), m.end())
            taken.append((m.start(), m.end()))
            inner = m.group(2)
            for im in _MD_LINK.finditer(inner):  # an image inside a link's text
                s = m.start(2) + im.start()
                add("image" if im.group(1) else "markdown", im.group(2), im.group(3), s, s + len(im.group(0)))
        definitions: dict[str, str] = {}
        for m in _REF_DEF_LINK.finditer(text):
            add("definition", m.group(1), m.group(2), m.start(), m.end())
            taken.append((m.start(), m.end()))
            if not m.group(1).startswith("^"):  # "[^1]: ..." is a footnote, not a link target
                definitions.setdefault(_ref_label(m.group(1)), m.group(2))  # the first one counts
        for m in _HTML_OPEN.finditer(text):
            tag = m.group(1).lower()
            attrs = html_attributes(m.group(2))
            if tag == "a":
                url = attrs.get("href")
                if url is None:
                    continue
                close = _A_CLOSE.search(text, m.end(), min(len(text), m.end() + 4000))
                end = close.end() if close else m.end()
                label = re.sub(r"<[^<>]{0,4000}>", " ", text[m.end() : close.start()]) if close else ""
                add("html", " ".join(label.split()), url, m.start(), end, tag)
                taken.append((m.start(), end))
            else:
                url = attrs.get("src") or attrs.get("href") or attrs.get("data-src")
                if url:
                    add("html-image" if tag in ("img", "amp-img") else "src", attrs.get("alt", ""), url, m.start(), m.end(), tag)
        taken.sort()
        starts = [s for s, _ in taken]
        if definitions:
            # reference links ("[text][label]", "[label][]", "[label]") whose label is defined
            for m in _MD_REF.finditer(text):
                if m.group(1) or _inside(taken, starts, m.start()):
                    continue  # an image, or inside an inline link, a definition or an <a>
                label = m.group(3) if m.group(3) else m.group(2)
                url = definitions.get(_ref_label(label))
                if url is not None:
                    add("reference", m.group(2), url, m.start(), m.end())
        for m in _AUTOLINK.finditer(text):
            if not _inside(taken, starts, m.start()):
                add("autolink", "", m.group(0)[1:-1], m.start(), m.end())
        for m in _BARE_URL.finditer(text):
            if not _inside(taken, starts, m.start()) and not (m.start() > 0 and text[m.start() - 1] in "<\"'=("):
                url = m.group(0).rstrip(".,;:!?*_")
                add("bare", "", url, m.start(), m.start() + len(url))
        out.sort(key=lambda link: (link.start, link.end))
        return out

    # ---------------------------------------------------------------- metadata

    def _fm(self, *names: str) -> Any:
        data = self.front_matter.data
        for name in names:
            if name in data and data[name] not in (None, "", []):
                return data[name]
        return None

    @cached_property
    def title(self) -> str:
        value = self._fm("title", "linkTitle", "name")
        if value is None:
            for h in self.headings:
                if h.level == 1:
                    return h.text
            return ""
        return _as_text(value)

    @cached_property
    def description(self) -> str:
        return _as_text(self._fm("description", "summary", "excerpt", "subtitle") or "")

    @cached_property
    def tags(self) -> list[str]:
        return _as_list(self._fm("tags", "tag"))

    @cached_property
    def keywords(self) -> list[str]:
        return _as_list(self._fm("keywords", "keyword"))

    @cached_property
    def categories(self) -> list[str]:
        return _as_list(self._fm("categories", "category"))

    def iter_lines(self, start: int = 1, end: int | None = None) -> Iterator[tuple[int, str]]:
        end = len(self.lines) if end is None else min(end, len(self.lines))
        for i in range(start, end + 1):
            yield i, self.lines[i - 1]


_TEMPLATE_ROOT = re.compile(r"^(?:\{\{[^{}]{0,200}\}\}|\{%[^{}]{0,200}%\})+")


def template_root_path(url: str) -> str | None:
    """The site path of a URL that opens with template expressions, the generator's site root
    ("{{ site.url }}/go/x" and "{{ .Site.BaseURL }}go/x": "/go/x"); None for any other URL."""
    rest = _TEMPLATE_ROOT.sub("", url, count=1)
    if rest == url:
        return None
    return rest if rest.startswith("/") else "/" + rest


def _mask_template(m: re.Match) -> str:
    """A template expression with its blanks and brackets masked (`Post.links`)."""
    return m.group(0).translate(_TEMPLATE_MASK)


_TEMPLATE_MASK = str.maketrans({c: "_" for c in " \t\n\r()<>[]"})


def _ref_label(label: str) -> str:
    """A reference label as CommonMark matches it: case-folded, inner whitespace collapsed."""
    return " ".join(label.split()).casefold()


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return ""
    return str(value).strip()


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(",") if "," in value else [value]
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and not isinstance(v, (dict, list)) and str(v).strip()]
    return [str(value)]
