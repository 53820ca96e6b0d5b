"""An "Also read" / "Related posts" list whose links have nothing to do with the post.

## What it flags
A list of links introduced as further reading ("Also read", "Related posts", "You may also
like", "See also", "Read more", "Recommended for you", "More from ...", "Further reading",
"Trending now", "Don't miss", "Readers also liked", "Popular this week", "From around the web"
and more; the phrases are data in
`lintkit/rules/data/link_lists.yaml`) when most of its links are about something else than the
post. The list is found in any shape: a Markdown list, one link per line or per paragraph,
links separated by commas or pipes after the header, an HTML `<ul>`/`<ol>` on one line or many,
a `<div>` of links separated by `<br>`, the same header before each link paragraph after
paragraph ("Read more: [A]", "Read more: [B]"), any of these inside a blockquote; under a
Markdown heading, a bold or plain
line, an HTML `<h3>`/`<p><strong>`/`<span>` header, or a container whose `class`/`id` names
the list (`<ul class="related-posts">`). Links may be inline or reference links (`- [Title][1]` with
`[1]: https://...` further down: judged by the definition's URL). A paragraph made of nothing
but three or more links, or a run of link-only lines, counts as a list even without a header.
Code blocks are never read.

Each link is judged by its text (by the words of its URL's slug when the text says little, such
as "Read this"): the share of its words, weighted by how informative they are in general
English, that belong to the post's topic (title, description, keywords, tags, categories,
headings and body, the lists themselves left out; a word counts fully from the title, the
metadata or two mentions in the body, half from a single mention). Dates, "min read", stop words
and host names in the text ("Regulation 20 on legislation.gov.uk") do not count; a link whose
text is one identifier with digits ("CVE-2021-0001", "#1234", "v2.1.0") is not judged. When the
link names another post of the site being checked (by its title or its URL slug, also through a
generator's link: `{{< ref "posts/x/index.md" >}}`, `{% post_url 2024-01-02-x %}`,
`{{ site.baseurl }}/x/`), that post's own content is compared with this one as well, so "March
update" in a list of the same project's monthly updates is related although its words are not in
the post; and a linked post that shares a tag or category with this one that not too many posts
of the run carry (at most 5, or half of them if more) is related: that is how site generators
pick related posts ("hiking" links two treks in different countries; a farm's site-wide "win10"
links nothing). A link below `min-similarity` is unrelated; a list is flagged when more than
`max-unrelated-share` of its distinct links are. A list of related posts on the same subject is
not flagged, nor is a list shorter than `min-links`.

One finding per list, from the header line (the first link's line without a header) to the
list's last line, naming the count and a few of the unrelated links:
`8 of 10 links in the 'Also read' list are unrelated to this post: '...', '...', ...`.

## Why it matters
Blocks of links to unrelated posts are how content farms and scraper templates pass link
equity around: they are injected into every post, usually at the end, and point readers at
whatever the network wants to promote. For a reader they are noise; for search engines they
are a classic spam signal; in a site's repository they are usually a leftover of a copied or
generated post. A genuine "related posts" list helps readers only when its links are related.

## Example
Bad:

```markdown
---
title: Baking a sourdough loaf at home
tags: [bread, sourdough, baking]
---
A sourdough loaf needs only flour, water, salt and an active starter. Feed the starter the
night before, mix the dough in the morning and let it rise slowly on the counter.

Shape the loaf, proof it in a floured basket and bake it in a hot Dutch oven.

**Also read:**

- [Best car insurance deals for young drivers](https://example.net/car-insurance-deals/)
- [How to fix printer driver error 0x80070002](https://example.net/printer-driver-error/)
- [Top crypto wallets reviewed](https://example.net/crypto-wallets/)
- [Cheap flights to Lisbon this summer](https://example.net/cheap-flights-lisbon/)
```

Good:

```markdown
---
title: Baking a sourdough loaf at home
tags: [bread, sourdough, baking]
---
A sourdough loaf needs only flour, water, salt and an active starter. Feed the starter the
night before, mix the dough in the morning and let it rise slowly on the counter. Whole
wheat flour makes a denser loaf with a nuttier crust.

Shape the loaf, proof it in a floured basket and bake it in a hot Dutch oven.

## Related posts

- [Keeping a sourdough starter alive](/posts/sourdough-starter/)
- [A whole wheat sourdough loaf](/posts/whole-wheat-loaf/)
- [Why bake bread in a Dutch oven?](/posts/dutch-oven-bread/)
```

## Options
| option | type | default | meaning |
|---|---|---|---|
| `max-unrelated-share` | float | `0.5` | a list is flagged when more than this share of its distinct links is unrelated (0.5: most of them) |
| `min-links` | int | `2` | lists with fewer links (after dropping duplicates and links without words) are not judged |
| `min-similarity` | float | `0.3` | a link whose weighted share of words found in the post is below this is unrelated |
| `extend-headers` | list[str] | `[]` | more header phrases that introduce a link list, e.g. `["Lecturas relacionadas"]` (matched case-insensitively, as the start of a short header line or as a class name) |

## Fix
Unsafe: delete the list's whole lines, header included, from the start of its first line
through the newline after its last line; nothing else changes. Unsafe because a list that
should stay (a related list this rule misjudged) would be lost, and the paragraph breaks around
it are left as they were.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Mapping

from lintkit.cache import Packed
from lintkit.document import Post
from lintkit.linklists import default_matcher, find_link_lists, list_lines, slug_words
from lintkit.rule import Edit, Finding, Fix, FixSafety, Option, Rule, Severity
from lintkit.text import STOP_WORDS, background_idf, background_max, label_key, stem, words

MAX_TOPIC_TERMS = 150  # terms of a post with a list kept in its summary (by strength)
SIGNATURE_TERMS = 30  # a post's most characteristic terms, kept for posts that link to it
MAX_LIST_LINKS = 100  # links of one list kept for judging
MAX_LINK_TEXT = 120
# A linked post of the site shares fewer of its top terms with a related post than a link's
# title does: its similarity is scaled up to compare with the same threshold.
POST_SIMILARITY_SCALE = 1.5
# A tag or category shared with a linked post of the site makes the link related when at most
# this many posts of the run carry it (or this share of them, if more)
TELLING_TAG_POSTS = 5
TELLING_TAG_SHARE = 0.5
MAX_TAGS = 20
FULL_MEMBERSHIP = 2.0  # topic strength at which a term fully belongs to the post (title: 3)
_FIELD_WEIGHT = {"title": 3.0, "meta": 2.0, "heading": 1.0}


@lru_cache(maxsize=100_000)
def term_key(word: str) -> str:
    """The matching key of a word: stemmed, a final 'e' dropped (update/updated meet)."""
    k = stem(word)
    if len(k) > 4 and k.endswith("e"):
        k = k[:-1]
    return k


# Words that say when or how long, not what about: dates and the "6 min read" of post cards.
_NOT_TOPIC = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow min mins minute minutes read reads reading
    """.split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


# A host name in a link's text ("Regulation 20 on legislation.gov.uk") says where, not what
# about (lower case only: "ASP.NET" is a topic).
_HOST_IN_TEXT = re.compile(
    r"(?<![\w.])(?:[a-z0-9][a-z0-9-]{0,62}\.){1,4}"
    r"(?:com|org|net|gov|edu|info|io|co|uk|us|ca|au|nz|in|eu|de|fr|me|dev|app|blog|news)(?![\w.])"
)


def _without_hosts(text: str) -> str:
    return _HOST_IN_TEXT.sub(" ", text) if "." in text else text


def link_terms(text: str) -> list[str]:
    """Content words of a short text (a title, a link), lower-cased.

    Hyphenated words are split; stop words, numbers, dates and host names are dropped; words of
    fewer than three letters are kept only when written in capitals (VR, AI, UI).
    """
    out: list[str] = []
    for tok in _TOKEN.findall(_without_hosts(text)):
        out.extend(_token_words(tok))
    return out


@lru_cache(maxsize=100_000)
def _token_words(tok: str) -> tuple[str, ...]:
    tok = tok.replace("’", "'")
    if tok.lower().endswith("'s"):
        tok = tok[:-2]
    out = []
    for part in tok.split("-") if "-" in tok else (tok,):
        if not part or part.isdigit() or not any(c.isalpha() for c in part):
            continue
        if len(part) < 3 and not (len(part) == 2 and part.isupper() and part.isalpha()):
            continue
        low = part.lower()
        if low in STOP_WORDS or low in _NOT_TOPIC:
            continue
        out.append(low)
    return tuple(out)


@lru_cache(maxsize=100_000)
def _token_keys(tok: str) -> tuple[str, ...]:
    return tuple(term_key(w) for w in _token_words(tok))


def text_keys(text: str) -> list[str]:
    """The matching keys (`term_key`) of `link_terms`."""
    out: list[str] = []
    for tok in _TOKEN.findall(_without_hosts(text)):
        out.extend(_token_keys(tok))
    return out


class OffTopicLink(Rule):
    code = "LK103"
    name = "off-topic-link"
    summary = "An 'Also read' / 'Related posts' list whose links are unrelated to the post"
    severity = Severity.WARNING
    tags = ("spam", "links")
    fix_safety = FixSafety.UNSAFE
    scope = "corpus"
    options = {
        "max-unrelated-share": Option(0.5, float, "flag a list when more than this share of its links is unrelated", minimum=0.0, maximum=1.0),
        "min-links": Option(2, int, "lists with fewer links are not judged", minimum=1),
        "extend-headers": Option([], list, "more header phrases that introduce a link list"),
        "min-similarity": Option(0.3, float, "a link whose weighted share of terms found in the post is below this is unrelated", minimum=0.0, maximum=1.0),
    }

    def setup(self) -> None:
        self._matcher = default_matcher().extended(self.config["extend-headers"])

    # ------------------------------------------------------------------ per post

    def collect(self, post: Post) -> Any:
        """A small summary: the post's title, slugs and top terms, and each list with its links
        already compared with the post's whole topic (text similarity), so the site step only
        adds what other posts tell."""
        lists = find_link_lists(post, matcher=self._matcher)
        topic = _topic(post, list_lines(lists))
        summary_lists = []
        for lst in lists:
            if len(lst.links) < self.config["min-links"]:
                continue
            edit = _remove_lines(post, lst.line, lst.end_line)
            links = []
            seen: set[str] = set()
            for lk in lst.links:
                key = lk.text.lower().strip() or " ".join(lk.slug_words)
                if key in seen:  # a link listed twice counts once
                    continue
                seen.add(key)
                sim = link_similarity(lk.text, lk.slug_words, topic)
                links.append((lk.text[:MAX_LINK_TEXT], lk.line, sim, key_hash(title_key(lk.text)), key_hash(slug_key(lk.slug_words))))
                if len(links) >= MAX_LIST_LINKS:
                    break
            summary_lists.append((lst.header, lst.line, lst.end_line, lst.shape, tuple(links), (edit.start, edit.end)))
        ranked = sorted(topic.items(), key=lambda kv: (-kv[1], kv[0]))
        return {
            "title": key_hash(title_key(post.title)),
            "slugs": tuple(key_hash(x) for x in post_slugs(post)),
            "tags": post_tags(post),
            "sig": signature(topic),
            "has_lists": bool(summary_lists),
            # the post's strongest terms, to compare with the posts its lists link to, and its
            # lists: read only for the posts reported on (`Packed`: decoded from the cache on use)
            "detail": Packed({
                "topic": _pack_topic(ranked[:MAX_TOPIC_TERMS]) if summary_lists else None,
                "lists": summary_lists,
            }),
        }

    def check(self, post: Post) -> Iterable[Finding]:
        """One post on its own (no site statistics)."""
        summary = self.collect(post)
        return self.check_corpus({post.path: summary}, _OnePost(post.path))

    # ------------------------------------------------------------------ site

    def check_corpus(self, summaries: Mapping[str, Any], site: Any) -> Iterable[Finding]:
        posts = {p: s for p, s in summaries.items() if s}
        index = _SiteIndex(posts)
        findings: list[Finding] = []
        for path, s in posts.items():
            if not s["has_lists"] or not site.reports(path):
                continue
            detail = s["detail"].value
            for lst in detail["lists"]:
                f = self._judge(path, detail, lst, index)
                if f is not None:
                    findings.append(f)
        findings.sort(key=lambda f: f.sort_key)
        return findings

    def judge_links(self, path: str, summary: Mapping[str, Any], lst: tuple, index: "_SiteIndex") -> list[tuple[str, float]]:
        """(text, similarity) of each distinct judged link of a list."""
        topic = _unpack_topic(summary["topic"])
        mine = index.telling_tags(path)
        judged: list[tuple[str, float]] = []
        for text, _line, sim, tkey, skey in lst[4]:
            target = index.resolve(tkey, skey, path)
            if target is not None:
                psim = signature_similarity(target["sig"], topic)
                if psim is not None:
                    psim = min(1.0, psim * POST_SIMILARITY_SCALE)
                    sim = psim if sim is None else max(sim, psim)
                if mine and not mine.isdisjoint(target.get("tags") or ()):
                    # the site files both posts under a tag that tells (at most half its
                    # posts carry it): related by its own taxonomy, as generators pick them
                    sim = max(sim or 0.0, self.config["min-similarity"])
            if sim is not None:
                judged.append((text, sim))
        return judged

    def _judge(self, path: str, summary: Mapping[str, Any], lst: tuple, index: "_SiteIndex") -> Finding | None:
        header, line, end_line, shape, links, (start, end) = lst
        judged = self.judge_links(path, summary, lst, index)
        if len(judged) < self.config["min-links"]:
            return None
        unrelated = [t for t, sim in judged if sim < self.config["min-similarity"]]
        share = len(unrelated) / len(judged)
        if share <= self.config["max-unrelated-share"]:
            return None
        name = f"'{header}' list" if header else "link list"
        shown = ", ".join(f"'{_short(t)}'" for t in unrelated[:3])
        more = ", ..." if len(unrelated) > 3 else ""
        message = f"{len(unrelated)} of {len(judged)} links in the {name} are unrelated to this post: {shown}{more}"
        fix = Fix((Edit(start, end, ""),), FixSafety.UNSAFE, f"remove the {name} (lines {line}-{end_line})")
        return self.finding(path, line, 1, message, end_line=end_line, fix=fix, subject=header or "link list")


class _OnePost:
    def __init__(self, path: str) -> None:
        self.path = path

    def reports(self, path: str) -> bool:
        return path == self.path


class _SiteIndex:
    """Posts of the site by title and slug, so a link to one of them is judged by its content."""

    def __init__(self, posts: Mapping[str, Any]) -> None:
        # key -> up to three posts: a key naming three or more posts names none of them
        self.by_title: dict[int, list[str]] = {}
        self.by_slug: dict[int, list[str]] = {}
        self.posts = posts
        self.tag_posts: Counter = Counter()
        for p, s in posts.items():
            if s.get("title"):
                _add_capped(self.by_title, s["title"], p)
            for slug in s.get("slugs") or ():
                _add_capped(self.by_slug, slug, p)
            self.tag_posts.update(s.get("tags") or ())
        self.tag_limit = max(TELLING_TAG_POSTS, TELLING_TAG_SHARE * len(posts))

    def telling_tags(self, path: str) -> frozenset[str]:
        """The post's tags and categories that at most `tag_limit` posts of the run carry
        (not a content farm's site-wide "win10, win11" nor a blog's catch-all "news")."""
        tags = self.posts[path].get("tags") or ()
        return frozenset(t for t in tags if self.tag_posts[t] <= self.tag_limit)

    def resolve(self, title: int, slug: int, source: str) -> Mapping[str, Any] | None:
        """The one other post whose title or slug (`key_hash` of `title_key`, `slug_key`) a link names."""
        for table, key in ((self.by_title, title), (self.by_slug, slug)):
            if not key:
                continue
            paths = table.get(key, ())
            hits = [p for p in paths if p != source]
            if len(paths) < 3 and len(hits) == 1:
                return self.posts[hits[0]]
        return None


def _add_capped(table: dict[int, list[str]], key: int, path: str) -> None:
    paths = table.setdefault(key, [])
    if len(paths) < 3 and path not in paths:
        paths.append(path)


_DATE_PREFIX = re.compile(r"^(?:\d{1,4}-){1,3}")


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a title or slug key (0 for none): summaries stay small."""
    if not key:
        return 0
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def title_key(text: str) -> str:
    return " ".join(words(text))


def slug_key(slug_words: Iterable[str]) -> str:
    key = "-".join(w.lower() for w in slug_words if w)
    key = _DATE_PREFIX.sub("", key)
    return key if len(key) >= 6 else ""


def post_slugs(post: Post) -> tuple[str, ...]:
    """The slugs a link to this post may end with: file name, page-bundle folder, front-matter slug/url."""
    parts = [x for x in post.path.replace("\\", "/").split("/") if x]
    out: list[str] = []
    if parts:
        name = re.sub(r"\.(?:md|mdx|markdown)$", "", parts[-1], flags=re.I)
        if name.lower() in ("index", "_index", "readme") and len(parts) > 1:
            name = parts[-2]
        out.append(slug_key(re.split(r"[-_.\s]+", name)))
    data = post.front_matter.data if isinstance(post.front_matter.data, dict) else {}
    for k in ("slug", "url", "permalink"):
        v = data.get(k)
        if isinstance(v, str) and v.strip():
            out.append(slug_key(slug_words(v if "/" in v else "/" + v)))
    return tuple(dict.fromkeys(x for x in out if x))


def post_tags(post: Post) -> tuple[str, ...]:
    """The post's tags and categories, normalised ("Road Trip", "road-trip": "road trip")."""
    out = {label_key(t) for t in [*post.tags, *post.categories] if isinstance(t, str)}
    return tuple(sorted(t for t in out if t))[:MAX_TAGS]


def _bg_weight(key: str) -> float:
    """Informativeness in [0.05, 1] of a matching key, from general-English frequency."""
    w = _BG_CACHE.get(key)
    if w is None:
        bg = min(background_idf(key), background_idf(key + "e"))
        w = min(1.0, max(0.05, (bg - 5.0) / (background_max() - 5.0)))
        _BG_CACHE[key] = w
    return w


_BG_CACHE: dict[str, float] = {}


def signature(topic: Mapping[str, float], size: int = SIGNATURE_TERMS) -> tuple[tuple[str, float], ...]:
    """The post's most characteristic terms: strength (capped) times informativeness."""
    scored = [(k, min(v, 6.0) * _bg_weight(k)) for k, v in topic.items()]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return tuple((k, round(v, 3)) for k, v in scored[:size])


def _pack_topic(ranked: list[tuple[str, float]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Terms that fully belong to the post, and terms that half belong (compact to pickle)."""
    full = tuple(k for k, v in ranked if v >= FULL_MEMBERSHIP)
    half = tuple(k for k, v in ranked if v < FULL_MEMBERSHIP)
    return full, half


def _unpack_topic(packed: Any) -> dict[str, float]:
    if not packed:
        return {}
    full, half = packed
    out = dict.fromkeys(half, FULL_MEMBERSHIP / 2)
    out.update(dict.fromkeys(full, FULL_MEMBERSHIP))
    return out


def membership(topic: Mapping[str, float], key: str) -> float:
    """How firmly a term belongs to the post: 1 from the title or a few mentions, less for one."""
    return min(1.0, topic.get(key, 0.0) / FULL_MEMBERSHIP)


def signature_similarity(sig: Iterable[tuple[str, float]], topic: Mapping[str, float]) -> float | None:
    total = hit = 0.0
    for k, v in sig:
        total += v
        hit += v * membership(topic, k)
    return hit / total if total else None


# a link text that is one identifier with a number: letters, then digits and separators
_IDENTIFIER = re.compile(r"#?[A-Za-z]{0,12}[-_.:#]?\d[\w.:#/-]{0,80}", re.ASCII)


def link_similarity(text: str, slug: tuple, topic: Mapping[str, float]) -> float | None:
    """Weighted share of a link's terms found in the post's topic (None: nothing to judge)."""
    if _IDENTIFIER.fullmatch(text.strip()):
        return None  # an identifier ("CVE-2021-0001", "#1234", "v2.1.0") names no topic
    keys = text_keys(text)
    if len(keys) < 2:  # "Read this", "Safety": the URL's slug says more
        keys = keys + text_keys(" ".join(slug))
    if not keys:
        return None
    total = hit = 0.0
    for k in dict.fromkeys(keys):
        wt = _bg_weight(k)
        total += wt
        hit += wt * membership(topic, k)
    return hit / total if total else None


def _topic(post: Post, skip: set[int]) -> dict[str, float]:
    """Topic strength of each term of the post: title, metadata, headings and body (lists excluded)."""
    out: Counter = Counter()

    def add(text: str, weight: float, once: bool) -> None:
        keys = text_keys(text)
        for k in dict.fromkeys(keys) if once else keys:
            out[k] += weight

    add(post.title, _FIELD_WEIGHT["title"], True)
    add(" ".join([post.description, *post.keywords, *post.tags, *post.categories]), _FIELD_WEIGHT["meta"], True)
    heading_lines = set()
    for h in post.headings:
        heading_lines.add(h.line)
        if h.line not in skip:
            add(h.text, _FIELD_WEIGHT["heading"], True)
    # the prose at once, each distinct token keyed once (a token never spans lines)
    prose = "\n".join(p.text for p in post.prose if p.line not in skip and p.line not in heading_lines)
    for tok, n in Counter(_TOKEN.findall(prose)).items():
        for k in _token_keys(tok):
            out[k] += float(n)
    return dict(out)


def _remove_lines(post: Post, line: int, end_line: int) -> Edit:
    """An edit deleting whole lines ``line``..``end_line`` with their newlines."""
    start = post.offset(line, 1)
    if end_line < len(post.line_starts):
        end = post.line_starts[end_line]
    else:
        end = len(post.text)
    return Edit(start, end, "")


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("'", "’")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
