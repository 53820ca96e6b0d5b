r"""Front-matter values quoted twice, quote characters mixed in one post, or quoting against the site's habit.

## What it flags

1. **Double-escaped values** (YAML, TOML and JSON front matter). The quote marks are part of
   the value: `title: "\"How to X\""` or `title: '"How to X"'` parses to a title that starts
   and ends with a literal `"`, which the generator then prints on the page; so does
   `'\"How to X\"'`, an escape written for double quotes inside single ones, where YAML keeps
   the backslashes. List items too
   (`tags: ['"rust"']`). Only quoted values count (in a block scalar quote marks are plainly
   content), and a value that merely starts and ends with a quotation
   (`'"Hello" and "Bye"'`) is not flagged.
2. **A post mixing quote characters without need** (YAML): one value in double quotes, another
   in single quotes, where nothing in either value (a `'`, `"`, backslash or control
   character) called for that character. Each key votes once; the minority character is
   reported (on a tie, the one the rest of the site uses less). Also a list whose items are
   quoted unevenly (`tags: [rust, "async", web]`): the needlessly quoted items are reported.
3. **A post breaking the site's convention for a key** (YAML). For each key (and separately for
   the items of list-valued keys) the rule counts how the *other* posts of the site write it:
   bare, single-quoted, double-quoted or as a block scalar. When one way is used by at least
   `min-share` of them (and at least `min-posts` posts have the key), a post that writes it
   differently is flagged, if it could follow the convention without changing the value:
   `slug: "x"` where every other post leaves `slug` bare, a bare `title:` where 92% of the posts
   use double quotes, `tags: ['a']` where every other post writes bare items, `'x'` where 95%
   use `"x"`. A bare string is also flagged when quoted values (either character) reach
   `min-share` together. With `style = "plain" | "single" | "double"` the convention comes from
   the configuration instead.

Quoting that YAML requires is never a defect: a value containing `: ` or ` #`, starting with
an indicator (`[ ] { } # & * ! | > ' " % @` or a backtick), that would otherwise read as a
number, date, boolean or null (`"2024"`, `"1.10"`, `"yes"`, `"null"`, also YAML 1.2 forms such
as `"1e3"`, `"0o17"`, `"y"`), with leading or trailing spaces, empty, or (in a flow list)
containing `,` or brackets. A quoted value is asked to drop its quotes only when the bare text
parses back to the same string. The counts themselves are taken as the posts are written,
needed quotes included: a site where 15% of the titles are quoted (for whatever reason) has no
near-unanimous convention for titles, and a quoted title there does not stand out.

Block scalars (`>-`, `|`) are a style of their own: formatters fold long values, so a block
scalar is compared with quoted or bare values only when the site is all but unanimous (99%),
and a value with line breaks or longer than 80 characters is never asked to leave its block
(nor is a short value ever asked to become one).

**What is "the site".** A run may check several sites side by side (`blogs/a/`, `blogs/b/`, ...),
each with its own habits. Posts are grouped by directory, bottom-up from the common root of all
paths in the run. A directory is one site when its sub-directories (and the posts directly in
it) write their keys alike; it splits into several sites when two of those parts, each with at
least `min-posts` posts using a key, write that key clearly differently (the share of bare,
single- or double-quoted values differs by 50 points or more, e.g. one always quotes `title`
and the other never does); a directory holding a split directory is split as well. Folders
with fewer than `min-posts` posts stay with their parent. So year folders and page bundles of
one blog stay one site, while blogs or content farms with different habits become separate
sites, whatever the folders are called. Messages name the site folder.

## Why it matters

A double-escaped title shows up on the page, in feeds and in search results with stray quote
marks; it usually comes from a broken export or generator template, so it tends to hit many
posts at once. Inconsistent quoting is harmless for the parser but makes front matter harder
to read, review and edit by script, and a post that breaks a near-unanimous convention is
often one that was pasted in from elsewhere or produced by a tool with other defaults.

## Example

Bad:

```markdown
---
title: "\"Getting started with the garden planner\""
tags: [garden, planning]
---
The planner helps you lay out beds and rotations for the season.
```

Bad:

```markdown
---
title: "Seed swaps near you"
author: 'Rosa Field'
---
Where to trade seeds this spring.
```

Bad:

```markdown
---
title: Composting basics
tags: [soil, "compost", worms]
---
Turn kitchen scraps into soil.
```

Good:

```markdown
---
title: "Getting started with the garden planner"
subtitle: "Beds: sizes and spacing"
version: "2.10"
draft: "yes"
tags: [garden, "3.0", planning]
quote: '"Plant in spring" and "harvest in fall"'
---
The planner helps you lay out beds and rotations for the season.
```

## Options

| option | type | default | meaning |
|---|---|---|---|
| `style` | `'consistent'` \| `'plain'` \| `'single'` \| `'double'` | `'consistent'` | `consistent` infers each key's convention from the other posts of the site; `plain` flags quotes YAML does not need; `single` / `double` flag bare strings and the other quote character (where the value does not call for it) |
| `min-share` | float | `0.9` | share of the other posts of the site that must write a key the same way before that is its convention |
| `min-posts` | int | `10` | posts of the site that must have a key before its convention counts; also the smallest folder that can be a site of its own |
| `ignore-keys` | list[str] | `[]` | keys never checked against a convention, a configured style or within-post mixing (double escaping is still reported) |

## Fix

Every fix is safe and rewrites only the source text of the offending value. A double-escaped
value is unwrapped inside its own quotes (`"\"How to X\""` becomes `"How to X"`,
`'"How to X"'` becomes `'How to X'`) with the escaping redone. A value against the convention
or the post's majority is rewritten in that style: bare, `'...'` (apostrophes doubled) or
`"..."` (backslash escapes). Each replacement is parsed as `key: <new text>` (or as a list
item) with a YAML safe loader and offered only when it gives exactly the same value (for the
unwrap: the value without its literal quotes); otherwise the finding comes without a fix.
Keys, comments, other values, newlines and the rest of the file keep their bytes.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter, defaultdict
from typing import Any, Iterable, Iterator, Mapping

import yaml

from lintkit.rule import Edit, Finding, Fix, FixSafety, Option, Rule, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

try:
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

# How a value is written: bare, single- or double-quoted, or a block scalar (| or >); QUOTED
# stands for either quote character.
PLAIN, QUOTED, BLOCK = "plain", "quoted", "block"
SINGLE, DOUBLE = "single", "double"
_QUOTE_OF = {SINGLE: "'", DOUBLE: '"'}
_STYLE_WORDS = {
    PLAIN: "bare",
    SINGLE: "single-quoted",
    DOUBLE: "double-quoted",
    "literal": "a literal block scalar (|)",
    "folded": "a folded block scalar (>)",
}
_HABIT_WORDS = {
    PLAIN: "leave it bare",
    QUOTED: "quote it",
    BLOCK: "write it as a block scalar",
    SINGLE: "quote it with single quotes",
    DOUBLE: "quote it with double quotes",
}
_ITEM_HABIT_WORDS = {
    PLAIN: "leave its items bare",
    QUOTED: "quote its items",
    BLOCK: "write its items as block scalars",
    SINGLE: "quote its items with single quotes",
    DOUBLE: "quote its items with double quotes",
}

# YAML 1.2 (core schema) and common YAML 1.1 parsers read these as non-strings, even when
# PyYAML (YAML 1.1) keeps them as strings; quoting them is therefore never a defect.
_YAML12_NON_STRING = re.compile(
    r"[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[yYnN]|~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF"
    r"|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|\d+(?::[0-5]?\d)+(?:\.\d*)?"
)
_SAFE_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,/()?_+=~^$-]*")  # certainly a plain string in block context
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff\n\t\r]")
_OPEN_BEFORE = set("([{<\u2014-/")
_CLOSE_AFTER = set(")]}>.,;:!?\u2014-/")


# --------------------------------------------------------------------------- YAML helpers


def _load(src: str) -> Any:
    loader = _Loader(src)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _parses_to(raw: str, value: Any, context: str) -> bool:
    """True when ``raw`` written as a top-level value (or list item) parses to exactly ``value``."""
    if context == "flow":
        src, want = f"k: [{raw}]", [value]
    elif context == "block":
        src, want = f"k:\n- {raw}", [value]
    else:
        src, want = f"k: {raw}", value
    try:
        got = _load(src)
    except (yaml.YAMLError, ValueError, RecursionError):
        return False
    return isinstance(got, dict) and list(got) == ["k"] and type(got["k"]) is type(want) and got["k"] == want


def _plain_ok(value: str, context: str) -> bool:
    """Could ``value`` be written without quotes and still be the same string (everywhere)?"""
    if not value or value != value.strip() or _NEEDS_ESCAPE.search(value):
        return False
    if _YAML12_NON_STRING.fullmatch(value):
        return False
    if context != "flow" and _SAFE_PLAIN.fullmatch(value) and value.lower() not in _WORDS:
        return True
    return _parses_to(value, value, context)


_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _render(value: str, style: str) -> str | None:
    if style == PLAIN:
        return value
    if style == SINGLE:
        if _NEEDS_ESCAPE.search(value):
            return None
        return "'" + value.replace("'", "''") + "'"
    if style == DOUBLE:
        out = []
        for ch in value:
            if ch == "\\":
                out.append("\\\\")
            elif ch == '"':
                out.append('\\"')
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\t":
                out.append("\\t")
            elif ch == "\r":
                out.append("\\r")
            elif _NEEDS_ESCAPE.match(ch):
                code = ord(ch)
                out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    return None


def _char_preference(value: str) -> str | None:
    """The quote character the content itself calls for, or None when the choice is free."""
    if _NEEDS_ESCAPE.search(value):
        return DOUBLE
    has_s, has_d = "'" in value, '"' in value or "\\" in value
    if has_s and not has_d:
        return DOUBLE
    if has_d and not has_s:
        return SINGLE
    if has_s and has_d:
        return "both"
    return None


def _wrap_width(value: Any) -> int:
    """How many characters wrap the string at each end: 1 for a literal quote mark (`_is_wrapped`),
    2 for a backslash and a quote mark ('\\"How to X\\"' in single quotes, where YAML keeps the
    backslash: an escape written for double quotes), 0 for none."""
    if isinstance(value, str) and len(value) >= 5 and value[0] == "\\" and value[-2] == "\\" \
            and value[1] in "\"'" and value[-1] == value[1] and _is_wrapped(value[1:-2] + value[1]):
        return 2
    return 1 if _is_wrapped(value) else 0


def _is_wrapped(value: Any) -> bool:
    """Does the string start and end with one literal quote mark that wraps all of it?"""
    if not isinstance(value, str) or len(value) < 3:
        return False
    q = value[0]
    if q not in "\"'" or value[-1] != q:
        return False
    inner = value[1:-1]
    if not inner.strip():
        return False
    depth = 1
    n = len(inner)
    for i, ch in enumerate(inner):
        if ch != q:
            continue
        prev = inner[i - 1] if i else " "
        nxt = inner[i + 1] if i + 1 < n else " "
        opening = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
        closing = (nxt.isspace() or nxt in _CLOSE_AFTER) and not prev.isspace()
        if opening and not closing:
            depth += 1
        elif closing and not opening:
            depth -= 1
            if depth == 0:
                return False  # the first mark closes before the end: '"A" and "B"'
    return True


_TOML_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_TOML_LITERAL = re.compile(r"'[^'\n]*'")


def _unwrap_fix(fmt: str, style: str, raw: str, value: str, context: str) -> str | None:
    """Replacement text for a double-escaped value, in its own style, or None."""
    width = _wrap_width(value) or 1
    inner = value[width:-width]
    if fmt == "yaml":
        if style not in (SINGLE, DOUBLE):
            return None
        new = _render(inner, style)
        return new if new is not None and _parses_to(new, inner, context) else None
    if fmt == "toml":
        if style == DOUBLE and _TOML_BASIC.fullmatch(raw):
            new = json.dumps(inner, ensure_ascii=False)
        elif style == SINGLE and _TOML_LITERAL.fullmatch(raw) and "'" not in inner:
            new = "'" + inner + "'"
        else:
            return None
        try:
            ok = tomllib.loads(f"k = {new}\n").get("k") == inner and tomllib.loads(f"k = {raw}\n").get("k") == value
        except (tomllib.TOMLDecodeError, ValueError):
            ok = False
        return new if ok else None
    if fmt == "json" and raw.startswith('"'):
        try:
            if json.loads(raw) != value:
                return None
        except ValueError:
            return None
        return json.dumps(inner, ensure_ascii=False)
    return None


# --------------------------------------------------------------------------- summaries
#
# A post's summary is a small tuple of plain values:
#   (format, values)
# where each value is a tuple
#   (slot, key, index, context, style, line, column, start, end, text, wrap, plain_ok, pref)
# slot is the key for scalars and "key[]" for list items; index is the item index (-1 for
# scalars); context is "scalar", "flow" or "block"; text is the parsed string; wrap is None
# unless the value is double-escaped, then the unwrapped replacement text ("" when no safe one);
# plain_ok says whether the value could be written bare; pref is the quote character its content
# calls for (None when the choice is free).

_V_SLOT, _V_KEY, _V_INDEX, _V_CTX, _V_STYLE, _V_LINE, _V_COL, _V_START, _V_END, _V_TEXT, _V_WRAP, _V_PLAIN, _V_PREF = range(13)


def _category(style: str) -> str:
    if style == PLAIN:
        return PLAIN
    if style in (SINGLE, DOUBLE):
        return QUOTED
    return BLOCK


def _habit_style(v: tuple) -> str | None:
    """How one value is written, as evidence of the site's habit (None for defects)."""
    if v[_V_WRAP] is not None:
        return None  # double-escaped values are defects, not habits
    style = v[_V_STYLE]
    return style if style in (PLAIN, SINGLE, DOUBLE) else BLOCK


class _Habits:
    """Per slot (key, or "key[]" for list items): how many posts write it each way.

    A post counts once per way it uses (a list may use several); "#" holds the number of posts.
    The counts are what the posts look like, whatever the reason for a style: quotes YAML needs
    are part of a site's normal variety just as habitual ones are.
    """

    __slots__ = ("styles",)

    def __init__(self) -> None:
        self.styles: dict[str, Counter] = defaultdict(Counter)

    @staticmethod
    def of_post(values: Iterable[tuple]) -> dict[str, frozenset]:
        by_slot: dict[str, set] = {}
        for v in values:
            h = _habit_style(v)
            if h:
                by_slot.setdefault(v[_V_SLOT], set()).add(h)
        return {k: frozenset(x) for k, x in by_slot.items()}

    def add(self, profile: Mapping[str, frozenset], sign: int = 1) -> None:
        for slot, ways in profile.items():
            c = self.styles[slot]
            c["#"] += sign
            for x in ways:
                c[x] += sign


# --------------------------------------------------------------------------- the rule


class FrontmatterQuoting(Rule):
    code = "LK301"
    name = "frontmatter-quoting"
    summary = "Front-matter values quoted twice, mixing quote styles, or against the site's quoting convention"
    severity = Severity.WARNING
    tags = ("style", "frontmatter")
    scope = "corpus"
    fix_safety = FixSafety.SAFE
    options = {
        "style": Option(
            "consistent",
            str,
            "consistent: infer each key's convention from the site; plain/single/double: enforce that style",
            choices=("consistent", "plain", "single", "double"),
        ),
        "min-share": Option(0.9, float, "share of the other posts that must agree before a habit is a convention", minimum=0.5, maximum=1.0),
        "min-posts": Option(10, int, "posts that must write a key freely before its convention counts; smallest folder that forms its own site", minimum=2),
        "ignore-keys": Option([], list, "keys never checked against a convention or configured style"),
    }

    BLOCK_SHARE = 0.99  # block scalars are compared only against a (near-)unanimous site
    FOLD_WIDTH = 80  # formatters fold longer values into block scalars: never flagged

    # ------------------------------------------------------------------ collect

    def collect(self, post: Any) -> Any:
        fm = post.front_matter
        if fm is None or not fm.present or fm.error or fm.format not in ("yaml", "toml", "json"):
            return None
        values: list[tuple] = []
        for key, info in fm.keys.items():
            if info.kind == "scalar":
                if isinstance(info.value, str):
                    values.append(self._value(fm.format, key, key, -1, "scalar", info.style, info.value_line,
                                              info.value_column, info.start, info.end, info.value, info.raw))
            elif info.kind == "list":
                ctx = "flow" if info.style == "flow" else "block"
                for i, item in enumerate(info.items):
                    if isinstance(item.value, str):
                        values.append(self._value(fm.format, key + "[]", key, i, ctx, item.style, item.line,
                                                  item.column, item.start, item.end, item.value, item.raw))
        if not values:
            return None
        return (fm.format, tuple(values))

    @staticmethod
    def _value(fmt, slot, key, index, ctx, style, line, col, start, end, text, raw) -> tuple:
        if style not in (PLAIN, SINGLE, DOUBLE):
            end = start + len(raw.rstrip())  # a block scalar's node runs on to the next key
        wrap = None
        if style in (SINGLE, DOUBLE) and _wrap_width(text):
            wrap = _unwrap_fix(fmt, style, raw, text, ctx) or ""
        if fmt == "yaml":
            plain_ok = style != PLAIN and wrap is None and _plain_ok(text, ctx)
            pref = _char_preference(text)
        else:
            plain_ok, pref = False, "both"
        return (slot, key, index, ctx, style, line, col, start, end, text, wrap, plain_ok, pref)

    # ------------------------------------------------------------------ corpus

    def check_corpus(self, summaries: Mapping[str, Any], site: Any) -> Iterable[Finding]:
        posts = {p: s for p, s in summaries.items() if s}
        if not posts:
            return []
        min_posts = int(self.config["min-posts"])
        ignore = set(self.config["ignore-keys"])
        profiles = {p: _Habits.of_post(v for v in s[1] if v[_V_KEY] not in ignore) for p, s in posts.items() if s[0] == "yaml"}
        groups = group_sites(list(profiles), profiles, min_posts)
        findings: list[Finding] = []
        for label, members in groups:
            habits = _Habits()
            for p in members:
                habits.add(profiles[p])
            for p in members:
                if site.reports(p):
                    findings.extend(self._check_post(p, posts[p], profiles[p], habits, label))
        for p, s in posts.items():  # TOML / JSON: only double-escaped values
            if s[0] != "yaml" and site.reports(p):
                findings.extend(self._check_post(p, s, {}, None, ""))
        findings.sort(key=lambda f: f.sort_key)
        return findings

    def _check_post(self, path: str, summary: tuple, profile: dict, habits: _Habits | None, label: str) -> Iterator[Finding]:
        fmt, values = summary
        flagged: set[int] = set()
        # 1. double-escaped values
        for i, v in enumerate(values):
            if v[_V_WRAP] is not None:
                flagged.add(i)
                yield self._escaped(path, v)
        if fmt != "yaml":
            return
        ignore = set(self.config["ignore-keys"])
        live = [(i, v) for i, v in enumerate(values) if i not in flagged and v[_V_KEY] not in ignore]
        style = self.config["style"]
        # 3. convention (configured, or inferred from the site without this post)
        if style != "consistent":
            for i, v in live:
                f = self._against_style(path, v, style)
                if f:
                    flagged.add(i)
                    yield f
        elif habits is not None:
            habits.add(profile, -1)
            try:
                for i, v in live:
                    f = self._against_site(path, v, habits, label)
                    if f:
                        flagged.add(i)
                        yield f
                char_majority = self._site_char(habits)
            finally:
                habits.add(profile, +1)
        else:
            char_majority = None
        if style != "consistent":
            char_majority = style if style in (SINGLE, DOUBLE) else None
        # 2. mixing within the post
        live = [(i, v) for i, v in live if i not in flagged]
        yield from self._mixed_chars(path, live, char_majority)
        yield from self._uneven_lists(path, live)

    # ------------------------------------------------------------------ the three checks

    def _escaped(self, path: str, v: tuple) -> Finding:
        text, style = v[_V_TEXT], v[_V_STYLE]
        width = _wrap_width(text) or 1
        q = text[:width]
        inner = text[width:-width]
        shown = inner if len(inner) <= 50 else inner[:47] + "..."
        what = f"{v[_V_KEY]}: list item" if v[_V_INDEX] >= 0 else f"{v[_V_KEY]}:"
        outer = {SINGLE: "single", DOUBLE: "double"}.get(style, style)
        msg = (f"{what} double-escaped value: the literal {q} marks inside the {outer} quotes are part of the text, "
               f"so it reads {q}{shown}{q} with the quote marks on the page")
        fix = None
        if v[_V_WRAP]:
            fix = Fix((Edit(v[_V_START], v[_V_END], v[_V_WRAP]),), FixSafety.SAFE, f"remove the literal {q} marks")
        return self.finding(path, v[_V_LINE], v[_V_COL], msg, fix=fix, subject=f"{v[_V_KEY]}:escaped")

    def _against_site(self, path: str, v: tuple, habits: _Habits, label: str) -> Finding | None:
        """Compare one value with how the *other* posts of the site write the same key."""
        min_share, min_posts = float(self.config["min-share"]), int(self.config["min-posts"])
        c = habits.styles.get(v[_V_SLOT])
        others = c.get("#", 0) if c else 0
        if not c or others <= 0 or others + 1 < min_posts:
            return None
        style, text = v[_V_STYLE], v[_V_TEXT]
        mine = _habit_style(v)
        dom, n = max(((k, x) for k, x in c.items() if k != "#"), key=lambda kv: (kv[1], kv[0]), default=(None, 0))
        if dom is None or dom == mine:
            return None
        share = n / others
        one_line = "\n" not in text.rstrip("\n") and not (mine == BLOCK and len(text) > self.FOLD_WIDTH)
        need = max(min_share, self.BLOCK_SHARE) if BLOCK in (mine, dom) else min_share
        target = None
        if share >= need:
            if dom == PLAIN and mine in (SINGLE, DOUBLE, BLOCK) and one_line and (v[_V_PLAIN] or mine == BLOCK and _plain_ok(text, v[_V_CTX])):
                target = PLAIN
            elif dom in (SINGLE, DOUBLE) and mine in (PLAIN, BLOCK) and one_line:
                target = dom
            elif dom in (SINGLE, DOUBLE) and mine in (SINGLE, DOUBLE) and v[_V_PREF] in (None, dom):
                target = dom
        if target is None and mine == PLAIN:
            quoted = c.get(SINGLE, 0) + c.get(DOUBLE, 0)
            if quoted / others >= min_share:  # quoted with either character, near-unanimously
                share, dom = quoted / others, QUOTED
                target = DOUBLE if c.get(DOUBLE, 0) >= c.get(SINGLE, 0) else SINGLE
        if target is None:
            return None
        words = _ITEM_HABIT_WORDS if v[_V_INDEX] >= 0 else _HABIT_WORDS
        how = _STYLE_WORDS.get(style, style)
        if mine in (SINGLE, DOUBLE) and target == PLAIN:
            how += " although YAML does not need quotes here"
        amount = f"all {others} other posts" if share >= 1.0 else f"{share:.0%} of the {others} other posts"
        msg = f"{_subject(v)} is {how}, but {amount} in {label} {words[dom]}"
        return self._finding_with_fix(path, v, target, msg)

    def _against_style(self, path: str, v: tuple, style: str) -> Finding | None:
        cur, text = v[_V_STYLE], v[_V_TEXT]
        cat = _category(cur)
        what = _subject(v)
        if style == PLAIN:
            if cat == QUOTED and v[_V_PLAIN]:
                msg = f"{what} is {_STYLE_WORDS[cur]} but YAML does not need quotes here; the configured style is bare values"
                return self._finding_with_fix(path, v, PLAIN, msg)
            return None
        if cat == BLOCK or cur == style:
            return None
        if cat == PLAIN:
            msg = f"{what} is bare; the configured style is {_STYLE_WORDS[style].replace('-quoted', ' quotes')}"
            return self._finding_with_fix(path, v, style, msg)
        if v[_V_PREF] in (None, style):
            msg = f"{what} is {_STYLE_WORDS[cur]}; the configured style is {_STYLE_WORDS[style].replace('-quoted', ' quotes')}"
            return self._finding_with_fix(path, v, style, msg)
        return None

    def _mixed_chars(self, path: str, live: list[tuple[int, tuple]], site_char: str | None) -> Iterator[Finding]:
        free = [(i, v) for i, v in live if v[_V_STYLE] in (SINGLE, DOUBLE) and v[_V_PREF] is None]
        by_value = Counter(v[_V_STYLE] for _, v in free)
        if len(by_value) < 2:
            return
        # each key votes once per character it uses, so a long list does not outvote the title
        by_key = Counter(style for _, style in {(v[_V_SLOT], v[_V_STYLE]) for _, v in free})
        if by_key[SINGLE] != by_key[DOUBLE]:
            keep = SINGLE if by_key[SINGLE] > by_key[DOUBLE] else DOUBLE
        elif site_char in (SINGLE, DOUBLE):
            keep = site_char
        elif by_value[SINGLE] != by_value[DOUBLE]:
            keep = SINGLE if by_value[SINGLE] > by_value[DOUBLE] else DOUBLE
        else:
            keep = free[0][1][_V_STYLE]
        odd = DOUBLE if keep == SINGLE else SINGLE
        keys = sorted({v[_V_KEY] for _, v in free if v[_V_STYLE] == keep})
        for _, v in free:
            if v[_V_STYLE] == odd:
                others = ", ".join(keys[:3]) + ("..." if len(keys) > 3 else "")
                msg = (f"{_subject(v)} is {_STYLE_WORDS[odd]}, but this post quotes its other values with "
                       f"{_STYLE_WORDS[keep].replace('-quoted', ' quotes')} ({others}); nothing in the value needs {_QUOTE_OF[odd]}")
                yield self._finding_with_fix(path, v, keep, msg)

    def _uneven_lists(self, path: str, live: list[tuple[int, tuple]]) -> Iterator[Finding]:
        lists: dict[str, list[tuple]] = defaultdict(list)
        for _, v in live:
            if v[_V_INDEX] >= 0:
                lists[v[_V_KEY]].append(v)
        for key, items in lists.items():
            bare = [v for v in items if v[_V_STYLE] == PLAIN]
            quoted = [v for v in items if v[_V_STYLE] in (SINGLE, DOUBLE) and v[_V_PLAIN]]
            if not bare or not quoted:
                continue
            if len(quoted) > len(bare):
                continue  # mostly quoted: the bare ones are the items that follow no need; leave to the convention
            for v in quoted:
                msg = (f"{_subject(v)} is {_STYLE_WORDS[v[_V_STYLE]]} but YAML does not need quotes here, "
                       f"and {len(bare)} other item{'s' if len(bare) != 1 else ''} of this list {'are' if len(bare) != 1 else 'is'} bare")
                yield self._finding_with_fix(path, v, PLAIN, msg)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _site_char(habits: _Habits) -> str | None:
        """The quote character the site's posts use more, or None on a tie."""
        single = sum(c.get(SINGLE, 0) for c in habits.styles.values())
        double = sum(c.get(DOUBLE, 0) for c in habits.styles.values())
        if single == double:
            return None
        return SINGLE if single > double else DOUBLE

    def _finding_with_fix(self, path: str, v: tuple, target: str, msg: str) -> Finding:
        text, ctx = v[_V_TEXT], v[_V_CTX]
        fix = None
        new = _render(text, target)
        if new is not None and (target != PLAIN or _plain_ok(text, ctx)) and _parses_to(new, text, ctx):
            word = {PLAIN: "remove the quotes", SINGLE: "use single quotes", DOUBLE: "use double quotes"}[target]
            fix = Fix((Edit(v[_V_START], v[_V_END], new),), FixSafety.SAFE, word)
        return self.finding(path, v[_V_LINE], v[_V_COL], msg, fix=fix, subject=f"{v[_V_KEY]}:{v[_V_STYLE]}")


def _subject(v: tuple) -> str:
    if v[_V_INDEX] >= 0:
        return f"{v[_V_KEY]}: list item {_excerpt(v[_V_TEXT])}"
    return f"{v[_V_KEY]}:"


def _excerpt(text: str, limit: int = 40) -> str:
    t = text if len(text) <= limit else text[: limit - 3] + "..."
    return json.dumps(t, ensure_ascii=False)


# --------------------------------------------------------------------------- sites


def _disagree(a: _Habits, b: _Habits, min_posts: int) -> bool:
    """Do two groups of posts write some key in clearly different ways?

    Only bare / single / double are compared: block scalars follow value length (and
    formatters) more than a site's habit.
    """
    for slot in a.styles.keys() & b.styles.keys():
        x, y = a.styles[slot], b.styles[slot]
        nx = sum(x.get(k, 0) for k in (PLAIN, SINGLE, DOUBLE))
        ny = sum(y.get(k, 0) for k in (PLAIN, SINGLE, DOUBLE))
        if nx < min_posts or ny < min_posts:
            continue
        if any(abs(x.get(k, 0) / nx - y.get(k, 0) / ny) >= 0.5 for k in (PLAIN, SINGLE, DOUBLE)):
            return True
    return False


def group_sites(paths: list[str], profiles: Mapping[str, Mapping], min_posts: int) -> list[tuple[str, list[str]]]:
    """Partition posts into sites: [(label, paths)]. See the module docstring for the scheme."""
    if not paths:
        return []
    norm = {p: os.path.normpath(p).replace("\\", "/") for p in paths}
    dirs = [os.path.dirname(n) for n in norm.values()]
    try:
        root = os.path.commonpath(dirs) if all(dirs) else ""
    except ValueError:  # absolute and relative paths mixed
        norm = {p: os.path.abspath(p).replace("\\", "/") for p in paths}
        root = os.path.commonpath([os.path.dirname(n) for n in norm.values()])
    root = root.replace("\\", "/")
    root_name = (os.path.basename(root.rstrip("/")) or root or ".") + "/"

    # tree: directory (tuple of parts below root) -> (child names, loose posts)
    children: dict[tuple, set] = defaultdict(set)
    loose: dict[tuple, list] = defaultdict(list)
    for p, n in norm.items():
        rel = os.path.relpath(os.path.dirname(n), root) if root else os.path.dirname(n)
        parts = tuple(x for x in rel.replace("\\", "/").split("/") if x not in ("", "."))
        loose[parts].append(p)
        for k in range(len(parts)):
            children[parts[:k]].add(parts[k])

    def label(d: tuple) -> str:
        return "/".join(d) + "/" if d else root_name

    def resolve(d: tuple) -> tuple[list[tuple[str, list[str]]], list[str], bool]:
        """(groups, all posts under d, homogeneous)"""
        sub = [resolve(d + (c,)) for c in sorted(children.get(d, ()))]
        everything = list(loose.get(d, ()))
        for _, ps, _ in sub:
            everything.extend(ps)
        split = any(not h for _, _, h in sub)
        big = [(g, ps) for g, ps, h in sub if h and len(ps) >= min_posts]
        rest = list(loose.get(d, ()))
        for g, ps, h in sub:
            if h and len(ps) < min_posts:
                rest.extend(ps)
        if not split:
            parts = [ps for _, ps in big] + ([rest] if len(rest) >= min_posts else [])
            if len(parts) >= 2:
                hs = []
                for ps in parts:
                    h = _Habits()
                    for p in ps:
                        h.add(profiles[p])
                    hs.append(h)
                split = any(_disagree(hs[i], hs[j], min_posts) for i in range(len(hs)) for j in range(i + 1, len(hs)))
        if not split:
            return [(label(d), everything)], everything, True
        groups: list[tuple[str, list[str]]] = []
        for g, ps, h in sub:
            if not h or len(ps) >= min_posts:
                groups.extend(g)
        if rest:
            groups.append((label(d), rest))
        return groups, everything, False

    groups, _, _ = resolve(())
    return groups
