"""A title that promises a topic the body does not cover.

## What it flags
A post whose title names things its body never talks about: a title pasted onto the wrong
post, two posts whose titles (or bodies) were swapped, a copied article republished under a
new, unrelated title. The finding sits on the title line and names the title words the body
never mentions, and, when there is one, the post whose body the title fits better.

The title's content words (stemmed, irregular forms to their base word: "caught" is "catch";
with acronyms, version numbers and years) are weighed by
how rare they are on the site (blended with general English statistics shipped with lintkit,
so a single file is judged too) and matched against the body's prose, headings, lead and
code. A title is reported on strong evidence only:

* **another body fits it far better** than its own, and by more than one of its words (found
  through an inverted index over the site's bodies: a title only meets the posts sharing its
  words);
* **two posts look swapped**: each title fits the other body better than its own;
* **another post has the same title** and a body that fits it far better;
* **a body shared by several posts** (a farm's retitled copies) fits the other titles and not
  this one;
* or, with no site to compare with, **none of the title's informative words** appear in the
  body.

Short and playful titles ("Announcing 2.0", "This Week in Rust 512", "Rust turns three") are
not reported: too little of them is missing, or nothing else on the site fits them better.

The **description** (front matter `description`, else `summary`, `excerpt` or `subtitle`) is
held to its promise as well: a description of three content words or more, none of which the
body uses (prose, headings, code, link targets; the title's own words count as used), or whose
words the body uses carry at most 15% of its weight (rarer words weigh more: "refinancing your
mortgage ... lowest rate" over a body that says only "rate"), is reported on its line, naming
its most telling words:
`description promises 'crypto', 'exchanges', 'wallets' but the body never mentions them`. A
pasted or generated description from another post shows up here even when the title is right.
So are the **keywords** (`keywords`, a list or a comma-separated string): when two of their
phrases or more, and all of them, are absent from the body, the title and the
description, they are reported on their line (`keywords promise 'keto', 'ketosis', 'carbs' but
the body never mentions them`). A phrase is judged by its telling words ("gaming chair", not
"best"), digits are labels ("iphone 16 case" is judged by "iphone" and "case"), and a phrase more
than half the run's posts carry (or more than 5, whichever is more) is the site's label and left
out. Tags are not judged: they name categories, often in other words than the body's ("kids"
over a post about "the children").
Titles not written in Latin script and bodies under `min-body-words` words are not judged.

## Why it matters
Readers and search engines take the title as the promise of the page. A title that does not
match the body misleads both, and search engines treat it as a spam signal: content farms
republish one body under dozens of unrelated titles. On an honest site it usually means a
copy-paste slip: the front matter of one post on the body of another.

## Example
Bad:

```markdown
---
title: "Deploying Kubernetes Clusters with Helm Charts and Terraform Modules"
---

Sourdough bread needs a lively starter, so feed it flour and water every morning for a
week before you bake. When the starter doubles within six hours it is ready to leaven the
dough. Mix the flour, water, salt and starter, rest the dough for an hour, then fold it
four times at half hour intervals. Shape the loaf tightly, proof it overnight in the fridge
and bake it in a covered pot. Let the bread cool before slicing or the crumb turns gummy.
```

Good:

```markdown
---
title: "Baking Sourdough Bread at Home"
---

Sourdough bread needs a lively starter, so feed it flour and water every morning for a
week before you bake. When the starter doubles within six hours it is ready to leaven the
dough. Mix the flour, water, salt and starter, rest the dough for an hour, then fold it
four times at half hour intervals. Shape the loaf tightly, proof it overnight in the fridge
and bake it in a covered pot. Let the bread cool before slicing or the crumb turns gummy.
```

## Options
| option | type | default | meaning |
|---|---|---|---|
| `min-body-words` | int | 30 | bodies with fewer words are not judged |
| `max-fit` | float | 0.5 | a title whose weighted words the body carries at least this well is never reported (lower: fewer findings) |
| `ignore-words` | list[str] | [] | title, description and keyword words never weighed (a site or series name, "weekly", "recap") |

## Fix
None: only the author knows whether the title or the body is the wrong one, and a new title
has to be written, not computed.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from lintkit.cache import Packed
from lintkit.corpus import has_topic
from lintkit.linklists import find_link_lists, list_lines
from lintkit.rule import Finding, Option, Rule, Severity
from lintkit.text import STOP_WORDS, background_idf, background_max, label_key, remembered, stem, words

# --------------------------------------------------------------------------- words

# Version numbers (1.59.0, v2.5) and numbers of two digits or more (years, issue numbers).
_NUMBER = re.compile(r"(?<![\w.])v?(\d+(?:\.\d+)+|\d{2,})(?![\w]|\.\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")
# Acronyms in capitals (VR, HDD, GPU): kept although short, matched against capitals or the
# spelled-out words in the body ("virtual reality").
_ACRONYM = re.compile(r"\b[A-Z][A-Z]{1,4}s?\b")
_CODE_TOKEN = re.compile(r"\b[A-Za-z]{1,3}\.\d{2,4}\b")  # H.264, H.265
_WORD_CASED = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_LATIN = re.compile(r"[A-Za-z]")
# Words that say when, not what about: weak evidence either way.
_WHEN = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
_ROMAN = re.compile(r"(?=..)X{0,3}(?:IX|IV|V?I{0,3})")  # "Part II" is a number, not an acronym

PREFIX = 5  # letters two keys of one word family share (restor/restoration)
MAX_BODY_NUMBERS = 80  # numbers of a body kept in its summary
K1 = 1.2  # term-frequency saturation (BM25's k1): a word said once in a long body counts little
VERSION_WEIGHT = 5.0  # a version number names one release: as telling as a rare word
LEAD_MATCH = 0.75  # a title word in the body's lead or a heading counts this much at least
RAW_MATCH = 0.3  # ... and only in code, alt text or link targets this much
PREFER = 0.3  # a unit another body carries better by this much "prefers" that body
MAX_CANDIDATES = 40  # other bodies scored per title (the best by shared word weight)
MAX_POSTINGS = 500  # bodies a title word brings as candidates (those that use it most)

# Decision thresholds (fit = share of the title's weight the body carries, 0..1).
CONTRAST_MAX_FIT = 0.3  # another body fits better: own fit below this ...
CONTRAST_GAIN = 0.5  # ... another body's fit higher by this, with >= 2 words preferring it
SWAP_GAIN = 0.6  # two titles fit each other's body better, summed over both directions,
# with >= 3 words preferring the exchange (>= 1 each way) and either >= 4 such words or each
# title fitting the other body well (fits summing to >= 1)
TWIN_MAX_FIT, TWIN_GAP = 0.3, 0.3  # the same title on a post whose body fits it better
GROUP_MAX_FIT, GROUP_GAP = 0.2, 0.3  # a shared body that fits the other titles of the group
ABSENT_MAX_FIT, ABSENT_WEIGHT = 0.1, 8.0  # nothing informative of the title in the body
DESCRIPTION_MIN_WORDS = 3  # a description with fewer content words is not judged; one is
# reported when the body has none of them (a paraphrase shares one word or two: "a cracker
# recipe that survives a backpack" over a body about crackers that keep in a pack)
DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")
# ... or when the words it uses carry at most this share of its weight (general-English rarity):
# "refinancing your mortgage ... closing costs ... lowest rate" over a body about investing uses
# "costs" and "rate" only; an honest paraphrase carries 40% or more (lowest seen on real blogs)
DESCRIPTION_MAX_USED = 0.15
# A keyword on more than this many posts of the run (or this share of them, if more) is a
# site-wide label ("windows", "news"), not a promise about one post's body.
SITE_KEYWORD_POSTS, SITE_KEYWORD_SHARE = 5, 0.5
MAX_KEYWORDS = 20  # keyword phrases read per post
KEYWORD_TELLING_IDF = 10.0  # a keyword phrase is judged by its words rarer than this ("gaming chair", not "best")
KEYWORDS_ABSENT_SHARE = 1.0  # keywords are reported when this share of their phrases (2 or more) is absent


def key(term: str) -> str:
    """The matching key of a stemmed term: a final 'e' dropped (announce/announcing meet)."""
    if len(term) > 4 and term.endswith("e"):
        return term[:-1]
    return term


def keys_of_term(term: str) -> list[str]:
    """Keys of a stemmed term: itself, or its joined form and parts when hyphenated."""
    if "-" not in term and "'" not in term:
        return [key(term)]
    parts = [p for p in re.split(r"[-']", term) if p]
    out = [key(stem("".join(parts)))]
    for part in parts:
        if len(part) >= 3 and part not in STOP_WORDS and not part.isdigit():
            out.append(key(stem(part)))
    return out


def _word_keys(w: str) -> list[str]:
    """Keys of one lower-cased word; for a hyphenated word the joined form comes first."""
    return list(_word_keys_cached(w))


@lru_cache(maxsize=200_000)
def _word_keys_cached(w: str) -> tuple[str, ...]:
    return tuple(_word_keys_uncached(w))


def _word_keys_uncached(w: str) -> list[str]:
    if w.endswith("'s"):
        w = w[:-2]
    if w in STOP_WORDS or w.isdigit():
        return []
    if "-" in w or "'" in w:
        ks = keys_of_term(w)
        return ([] if ks[0].isdigit() else ks[:1]) + ks[1:]
    if len(w) < 3:
        return []
    return [key(stem(w))]


@lru_cache(maxsize=200_000)
def _joined_key(a: str, b: str) -> str:
    return key(stem(a + b))


def text_keys(text: str) -> list[str]:
    """Matching keys of the content words of ``text``."""
    return _keys_of_words(words(text))


def _keys_of_words(ws: list[str]) -> list[str]:
    out: list[str] = []
    for w in ws:
        out.extend(_word_keys_cached(w))
    return out


def title_words(text: str) -> list[tuple[str, str]]:
    """(key, word as written) for each content word of a title, once per key, in order.

    Hyphenated words count as their parts; acronyms keep their capitals as the key;
    ``H.264``-like tokens are kept whole.
    """
    seen: dict[str, str] = {}
    acronyms = {a for a in _ACRONYM.findall(text) if (len(a) == 2 or background_idf(a.lower()) >= 12.0) and not _ROMAN.fullmatch(a)}
    for m in _CODE_TOKEN.finditer(text):
        seen.setdefault(m.group(0).lower(), m.group(0))
    for w in _WORD_CASED.findall(text):
        if w in acronyms and w.isalpha():
            seen.setdefault(w[:-1] if len(w) > 3 and w.endswith("s") else w, w)
            continue
        low = w.lower().replace("’", "'")
        ks = _word_keys(low)
        if len(ks) > 1:  # a hyphenated word: its parts (the joined form is only matched)
            parts = [p for p in re.split(r"[-']", low) if len(p) >= 3 and p not in STOP_WORDS and not p.isdigit()]
            for k, part in zip(ks[1:], parts):
                seen.setdefault(k, part)
            continue
        for k in ks:
            if not _ROMAN.fullmatch(w):
                seen.setdefault(k, low[:-2] if low.endswith("'s") else low)
    return list(seen.items())


def related(a: str, b: str) -> bool:
    """Two keys of one word family the light stemmer keeps apart (restor/restoration)."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= PREFIX and (n == min(len(a), len(b)) or n >= 0.75 * min(len(a), len(b)))


def norm_number(tok: str) -> str:
    """1.59.0 -> 1.59, v2.5.0 -> 2.5, 18.0.0 -> 18.0: releases are written both ways."""
    parts = tok.lstrip("v").split(".")
    while len(parts) > 2 and parts[-1] == "0":
        parts.pop()
    return ".".join(parts)


def numbers(text: str) -> list[str]:
    return _numbers_of_lines(text.split("\n"))


def _numbers_of_lines(lines: Iterable[str]) -> list[str]:
    # line by line, only lines with a digit: a match never spans lines, and the pattern (a
    # look-behind first) is tried at every position of the text
    out: list[str] = []
    for line in lines:
        if _DIGIT.search(line):
            out.extend(_line_numbers(line))
    return out


@remembered  # lines repeat across a site
def _line_numbers(line: str) -> tuple[str, ...]:
    return tuple(norm_number(m.group(1)) for m in _NUMBER.finditer(line))


def _raw_keys(lines: Iterable[str]) -> set[str]:
    """The keys (`_word_keys`) of every word on ``lines`` (a word never spans lines)."""
    out: set[str] = set()
    for line in lines:
        out |= _line_keys(line)
    return out


@remembered
def _line_keys(line: str) -> frozenset[str]:
    return frozenset(k for w in set(words(line)) for k in _word_keys_cached(w))


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _LATIN.match(c)) >= 0.5 * len(letters)


@lru_cache(maxsize=50_000)
def _title_unit_keys(title: str, ignore: frozenset[str]) -> tuple[str, ...] | None:
    keys = [k.lower() for k, _ in title_words(title) if k not in ignore and k.lower() not in ignore]
    keys += [n.lower() for n in sorted(set(numbers(title)))]
    return tuple(sorted(keys)) or None


def _is_echo(heading_keys: list[str], tkeys: set[str]) -> bool:
    """A heading that repeats the title (most of its words are the title's)."""
    hk = set(heading_keys)
    if not hk or not tkeys:
        return False
    return len(hk & tkeys) >= 0.6 * len(hk)


def _acronym_found(acronym: str, body_words: list[str]) -> bool:
    """``vr`` is found in "... virtual reality ..." (consecutive words with those initials)."""
    n = len(acronym)
    for i in range(len(body_words) - n + 1):
        if all(body_words[i + j][:1] == acronym[j] for j in range(n)):
            return True
    return False


# --------------------------------------------------------------------------- the rule


@dataclass
class _Unit:
    key: str
    word: str  # as written in the title
    weight: float
    kind: str  # "term", "when", "number"


@dataclass
class _Verdict:
    path: str
    fit: float = 0.0  # share of the title's weight its own body carries
    weight: float = 0.0
    missing: list[str] = field(default_factory=list)  # title words the body never mentions
    missing_weight: float = 0.0
    best: str | None = None  # the other body the title fits best ...
    best_fit: float = 0.0  # ... how well ...
    n_prefer: int = 0  # ... and by how many of its words
    swap: str | None = None  # the post whose title and body make the best exchange ...
    swap_gain: float = -9.0  # ... the fit gained by exchanging, both directions summed ...
    swap_prefer: tuple[int, int] = (0, 0)  # ... and the words preferring it, each direction
    swap_fits: tuple[float, float] = (0.0, 0.0)  # ... and how well each title fits the other body
    twin: str | None = None  # another post with the same title whose body fits it better
    twin_gap: float = 0.0
    group_best: str | None = None  # the best-fitting other title on the same (copied) body
    group_fit: float | None = None
    reason: str = ""


class TitleMismatch(Rule):
    code = "LK102"
    name = "title-mismatch"
    summary = "The title promises a topic the body does not cover"
    severity = Severity.WARNING
    tags = ("spam", "seo")
    scope = "corpus"
    uses_index = True
    options = {
        "min-body-words": Option(30, int, "bodies with fewer words are not judged", minimum=0),
        "max-fit": Option(0.5, float, "titles their own body fits at least this well are never reported", minimum=0.0, maximum=1.0),
        "ignore-words": Option([], list, "title, description and keyword words never weighed"),
    }

    def setup(self) -> None:
        self._ignore = {k for w in self.config["ignore-words"] for k, _ in title_words(w)}
        self._ignore |= {k.lower() for k in self._ignore}

    # ------------------------------------------------------------------ per post

    def collect(self, post: Any) -> Any:
        """How often the body says each title word (prose, headings, elsewhere), and its numbers."""
        skip = list_lines(find_link_lists(post))
        tw = title_words(post.title)
        tkeys = {k for k, _ in tw}
        tlow = {k.lower() for k in tkeys}
        prose_keys: Counter = Counter()
        head_keys: Counter = Counter()
        seen_para = False
        body_words: list[str] = []
        caps: Counter = Counter()
        para_words: Counter = Counter()  # each distinct word keyed once
        for p, ws in zip(post.prose, post.prose_words):
            if p.line in skip:
                continue
            if p.block == "heading":
                hk = _keys_of_words(ws)
                if not seen_para and _is_echo(hk, tlow):
                    skip.add(p.line)  # the title repeated at the top of the body is no evidence
                    continue
                head_keys.update(hk)
            else:
                seen_para = True
                para_words.update(ws)
            body_words.extend(ws)
        for w, n in para_words.items():
            for k in _word_keys_cached(w):
                prose_keys[k] += n
        caps.update(a[:-1].lower() if len(a) > 3 and a.endswith("s") else a.lower()
                    for a in _ACRONYM.findall("\n".join(p.text for p in post.prose if p.line not in skip)))
        body_lines = range(post.body_line, len(post.lines) + 1)
        raw_lines = [post.lines[i - 1] for i in body_lines if i not in skip]
        raw = "\n".join(raw_lines)
        raw_keys = _raw_keys(raw_lines)
        raw_low = raw.lower()
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for k in set(prose_keys) | set(head_keys):
            if len(k) >= PREFIX:
                by_prefix[k[:PREFIX]].append(k)
        concat: set[str] | None = None  # keys of adjacent words run together, built when first needed
        own = {}
        for k in tkeys:
            prose, heads, raw_found, partial = prose_keys.get(k, 0), head_keys.get(k, 0), int(k in raw_keys), 0
            if k.isupper():  # an acronym: in capitals, in lower case, or spelled out
                low = k.lower()
                prose, heads = caps.get(low, 0) + prose_keys.get(low, 0), 0
                raw_found = int(prose > 0 or low in raw_keys or _acronym_found(low, body_words))
            elif _CODE_TOKEN.fullmatch(k):
                prose = raw_low.count(k) + raw_low.count(k.replace(".", ""))
                raw_found = int(prose > 0)
            if not prose and not heads and concat is None:
                # a stemmed key keeps the first three letters of its word: only pairs starting
                # like a title key can run together into it
                starts = {t[:3] for t in tkeys}
                concat = {_joined_key(a, b) for a, b in zip(body_words, body_words[1:])
                          if a[:3] in starts or (len(a) < 3 and (a + b)[:3] in starts)
                          if a.isalpha() and b.isalpha()}
            if not prose and not heads and k in concat:  # "VegasPro" ~ "Vegas Pro"
                prose = 1
            if not prose and not heads and len(k) >= PREFIX:
                partial = sum(prose_keys.get(b, 0) + head_keys.get(b, 0) for b in by_prefix.get(k[:PREFIX], ()) if related(k, b))
            own[k] = (prose, heads, raw_found, partial)
        def used(k: str) -> bool:
            """Whether the body (prose, headings, code, link targets) uses a key or its family."""
            low = k.lower()
            return (k in prose_keys or k in head_keys or k in raw_keys or low in raw_keys or low in caps
                    or low in prose_keys or (len(k) >= PREFIX and any(related(k, b) for b in by_prefix.get(k[:PREFIX], ()))))

        desc = self._description(post, tkeys, used)
        kw = self._keywords(post, tkeys, used)
        body_nums = Counter(_numbers_of_lines(raw_lines))  # code too: releases are often named in `v3.0.0`
        surface: dict[str, str] = {}
        for w in dict.fromkeys(body_words):
            ks = _word_keys_cached(w)
            if len(ks) == 1:
                surface.setdefault(ks[0], w)
        top = [k for k, _ in prose_keys.most_common(30)]
        return {
            # read for every post of the site (plain JSON: cheap to load from the cache) ...
            "tkey": _title_unit_keys(post.title, frozenset(self._ignore)) if _latin(post.title) else None,
            "tnum": {n: body_nums.get(n, 0) for n in sorted(set(numbers(post.title)))},
            "nums": dict(body_nums.most_common(MAX_BODY_NUMBERS)),
            "desc": desc,
            "kw": kw,
            # ... and only for the posts reported and those they are compared with
            "detail": Packed({
                "title": tw,
                "own": own,
                "topic": [(k, surface.get(k, k), prose_keys[k]) for k in top],
            }),
        }

    def _description(self, post: Any, tkeys: set[str], used: Any) -> list | None:
        """[line, description, its most telling words] when the body uses none of the content
        words of the post's description (summary, excerpt); None otherwise, or when it has too
        few of them to judge."""
        info = next((post.front_matter.keys[k] for k in DESCRIPTION_KEYS if k in post.front_matter.keys), None)
        if info is None or info.kind != "scalar" or not isinstance(info.value, str):
            return None
        units = [(k, w) for k, w in title_words(info.value) if k not in self._ignore and k.lower() not in self._ignore]
        if len(units) < DESCRIPTION_MIN_WORDS:
            return None
        missing = []
        total = found = 0.0
        for k, w in units:
            weight = background_idf(k.lower())
            total += weight
            if k in tkeys or used(k):
                found += weight  # the body (or the title, which answers for itself) uses this word
            else:
                missing.append((weight, -len(missing), w))
        if found > DESCRIPTION_MAX_USED * total:
            return None
        named = [w for _, _, w in sorted(missing, reverse=True)[:3]]  # the most telling first
        return [info.line, " ".join(info.value.split())[:300], named]

    def _keywords(self, post: Any, tkeys: set[str], used: Any) -> list | None:
        """[line, [(phrase, absent, [[key, word]...])...]] for the post's keywords (a list or a
        comma-separated string); None when it has none. A phrase is absent when none of its
        telling words (rarer in general English than `KEYWORD_TELLING_IDF`; all its words when it
        has none) is used by the body, the title or the description; digits are labels
        ("iphone 16 case" is judged by "iphone" and "case")."""
        info = next((post.front_matter.keys[k] for k in ("keywords", "keyword") if k in post.front_matter.keys), None)
        if info is None:
            return None
        desc = post.description
        dkeys = {k for k, _ in title_words(desc)} if desc else set()
        phrases, seen = [], set()
        for raw in post.keywords[:MAX_KEYWORDS]:  # a list, or a comma-separated string
            ph = label_key(raw)
            if not ph or ph in seen:
                continue
            seen.add(ph)
            units = [(k, w) for k, w in title_words(raw) if k not in self._ignore and k.lower() not in self._ignore
                     and not _DIGIT.search(k)]
            if not units:
                continue
            telling = [k for k, _w in units if background_idf(k.lower()) >= KEYWORD_TELLING_IDF] or [k for k, _w in units]
            absent = not any(k in tkeys or k in dkeys or used(k) for k in telling)
            phrases.append((ph, absent, [[k, w] for k, w in units]))
        return [info.line, phrases] if phrases else None

    # ------------------------------------------------------------------ the site

    def check_corpus(self, summaries: Mapping[str, Any], site: Any) -> Iterable[Finding]:
        scorer = _Scorer(summaries, site, self.config, self._ignore)
        for v in scorer.run():
            if v.reason and site.reports(v.path):
                yield self._finding(v, scorer)
        min_words = max(1, self.config["min-body-words"])
        for path, s in summaries.items():
            desc = s.get("desc") if isinstance(s, dict) else None
            f = site.features.get(path)
            if not desc or not site.reports(path) or f is None or f.n_words < min_words:
                continue
            line, text, missing = desc
            yield self.finding(path, line, 1, _never_mentioned("description", missing), subject=text)
        yield from self._keyword_findings(summaries, site, min_words)

    def _keyword_findings(self, summaries: Mapping[str, Any], site: Any, min_words: int) -> Iterable[Finding]:
        """Keywords none of whose phrases the body mentions (a phrase most of the site
        carries, a farm's "windows, drivers" on every post, promises nothing and is left out)."""
        judged = {p: s["kw"] for p, s in summaries.items() if isinstance(s, dict) and s.get("kw") and site.reports(p)}
        if not judged:
            return
        counts: Counter = Counter()
        for s in summaries.values():
            if isinstance(s, dict) and s.get("kw"):
                counts.update(ph for ph, _a, _u in s["kw"][1])
        limit = max(SITE_KEYWORD_POSTS, SITE_KEYWORD_SHARE * len(summaries))
        for path, (line, phrases) in judged.items():
            f = site.features.get(path)
            if f is None or f.n_words < min_words:
                continue
            own = [(ph, absent, units) for ph, absent, units in phrases if counts[ph] <= limit]
            gone = [(ph, units) for ph, absent, units in own if absent]
            missing = {k: w for _ph, units in gone for k, w in units}
            if len(gone) < 2 or len(gone) < KEYWORDS_ABSENT_SHARE * len(own) or len(missing) < DESCRIPTION_MIN_WORDS:
                continue
            named = [w for _, _, w in sorted(((background_idf(k.lower()), -i, w) for i, (k, w) in enumerate(missing.items())), reverse=True)]
            subject = ", ".join(ph for ph, _a, _u in phrases)[:300]
            yield self.finding(path, line, 1, _never_mentioned("keywords", named).replace(" promises ", " promise ", 1), subject=subject)

    def _finding(self, v: _Verdict, sc: "_Scorer") -> Finding:
        f = sc.F[v.path]
        if v.missing:
            msg = _never_mentioned("title", v.missing)
        else:
            msg = "title barely matches the body"
        if v.reason == "contrast":
            msg += f"; it fits {v.best} better"
        elif v.reason == "swap":
            msg += f"; it fits {v.swap} better, whose title fits this body (titles or bodies exchanged?)"
        elif v.reason == "twin":
            msg += f"; {v.twin} has the same title and a body it fits better"
        elif v.reason == "group":
            about = sc.about(v.path)
            msg += f"; the same body is also published as '{sc.F[v.group_best].title.strip()}'"
            if about:
                msg += f" and is about {about}"
        else:
            about = sc.about(v.path)
            if about:
                msg += f"; the body is about {about}"
        line = f.title_line or 1
        return self.finding(v.path, line, 1, msg, subject=f.title)


def _never_mentioned(what: str, missing: list[str]) -> str:
    """"title promises 'a', 'b', 'c' but the body never mentions them" (the first three words)."""
    words_ = ", ".join(f"'{w}'" for w in missing[:3])
    return f"{what} promises {words_} but the body never mentions {'it' if len(missing) == 1 else 'them'}"


class _Scorer:
    """Scores every post's title against its own body and the site's other bodies."""

    def __init__(self, summaries: Mapping[str, Any], site: Any, config: Mapping[str, Any], ignore: set[str]) -> None:
        self.site = site
        self.index = site.index
        self.config = config
        self.ignore = ignore
        self.S = summaries
        # `p in summaries`, not a lookup: summaries may decode on first access, and a pre-commit
        # run should decode only the posts it compares
        self.F = {p: f for p, f in site.features.items() if p in summaries}
        self.n = max(1, self.index.n)
        lens = [f.n_words for f in self.F.values() if f.n_words and has_topic(f)]
        # the median, not the mean: one giant file (a dump, a generated page) must not change how
        # every other post is scored
        self.avglen = float(statistics.median(lens)) if lens else 300.0
        self.vocab: dict[str, list[str]] = defaultdict(list)  # key -> the index's terms
        for t in self.index.df:
            for k in keys_of_term(t):
                self.vocab[k].append(t)
        self._num_index: dict[str, list[str]] | None = None
        self._detail: dict[str, dict] = {}
        self._postings: dict[str, list[str]] = {}
        self._top: dict[str, list[str]] = {}
        self._idf: dict[str, float] = {}
        self._lead: dict[str, set[str]] = {}
        self._bkeys: dict[str, Counter] = {}

    # ---------------------------------------------------------------- statistics

    @property
    def num_index(self) -> dict[str, list[str]]:
        """Posts by the numbers their body names (built when a title with a number needs it)."""
        if self._num_index is None:
            self._num_index = defaultdict(list)
            for p in self.F:
                s = self.S.get(p)
                for num in s["nums"] if s else ():
                    self._num_index[num].append(p)
        return self._num_index

    def postings(self, k: str) -> list[str]:
        """Posts whose body uses key ``k``."""
        out = self._postings.get(k)
        if out is None:
            ts = self.vocab.get(k, ())
            if len(ts) == 1:
                out = self.index.postings(ts[0])
            else:
                out = sorted({p for t in ts for p in self.index.postings(t)})
            self._postings[k] = out
        return out

    def top_postings(self, k: str) -> list[str]:
        """The posts that use key ``k`` most (at most ``MAX_POSTINGS``): where a title looks
        for a better-fitting body. Bounded, so a title query costs the same on any site size."""
        out = self._top.get(k)
        if out is None:
            out = self.postings(k)
            if len(out) > MAX_POSTINGS:
                ts = self.vocab.get(k, ())
                F = self.F

                def uses(q: str) -> int:
                    f = F.get(q)
                    return sum(f.body_terms.get(t, 0) for t in ts) if f is not None else 0

                out = sorted(out, key=lambda q: (-uses(q), q))[:MAX_POSTINGS]
            self._top[k] = out
        return out

    def idf(self, k: str) -> float:
        """The site's idf of a key blended with general English (alone for a single post)."""
        v = self._idf.get(k)
        if v is None:
            top = background_max()
            bg = min([background_idf(k), background_idf(k + "e"), top] + [background_idf(t) for t in self.vocab.get(k, ())])
            bg = bg / top * math.log(1000)  # on the scale of a 1,000-post site
            if self.n < 2:
                v = bg
            else:
                w = min(1.0, self.n / 200)
                v = w * math.log((self.n + 1) / (len(self.postings(k)) + 0.5)) + (1 - w) * bg
            self._idf[k] = v = max(v, 0.05)
        return v

    def units(self, p: str) -> list[_Unit]:
        """The title's evidence: content words weighed by idf, dates weakly, numbers."""
        s = self.S[p]
        if not _latin(self.F[p].title):
            return []
        out = []
        for k, word in self.detail(p)["title"]:
            if k in self.ignore or k.lower() in self.ignore:
                continue
            if k in _WHEN:
                out.append(_Unit(k, word, min(1.0, self.idf(k)), "when"))
            else:
                out.append(_Unit(k, word, self.idf(k.lower()), "term"))
        written = {norm_number(m.group(1)): m.group(1) for m in _NUMBER.finditer(self.F[p].title)}
        for num in s["tnum"]:
            weight = VERSION_WEIGHT if "." in num else (2.0 if _YEAR.fullmatch(num) else 1.0)
            out.append(_Unit(num, written.get(num, num), weight, "number"))
        return out

    def sat(self, tf: float, n: int) -> float:
        if tf <= 0:
            return 0.0
        k = K1 * (0.25 + 0.75 * max(n, 50) / self.avglen)
        return tf / (tf + k)

    def body_keys(self, q: str) -> Counter:
        bk = self._bkeys.get(q)
        if bk is None:
            bk = Counter()
            for t, c in self.F[q].body_terms.items():
                for k in keys_of_term(t):
                    bk[k] += c
            self._bkeys[q] = bk
        return bk

    def lead(self, q: str) -> set[str]:
        lk = self._lead.get(q)
        if lk is None:
            self._lead[q] = lk = {k for t in self.F[q].lead_terms for k in keys_of_term(t)}
        return lk

    def own_values(self, p: str, units: list[_Unit]) -> list[float]:
        """How strongly the post's own body carries each unit (0..1), from its full summary."""
        n = self.F[p].n_words
        s = self.S[p]
        lk = self.lead(p)
        out = []
        for u in units:
            if u.kind == "number":
                v = self.sat(s["tnum"].get(u.key, 0), n)
            else:
                prose, heads, raw, partial = self.detail(p)["own"].get(u.key, (0, 0, 0, 0))
                v = self.sat(prose + heads, n)
                if heads or u.key in lk:
                    v = max(v, LEAD_MATCH)
                if raw:
                    v = max(v, RAW_MATCH)
                if partial:
                    v = max(v, 0.5 * self.sat(partial, n), RAW_MATCH)
            out.append(v)
        return out

    def values(self, units: list[_Unit], q: str) -> list[float]:
        """How strongly another post's body carries each unit (from the site index)."""
        n = self.F[q].n_words
        nums = self.S[q]["nums"]
        bk = self.body_keys(q)
        lk = self.lead(q)
        out = []
        for u in units:
            if u.kind == "number":
                v = self.sat(nums.get(u.key, 0), n)
            else:
                k = u.key.lower()
                v = self.sat(bk.get(k, 0), n)
                if k in lk:
                    v = max(v, LEAD_MATCH)
            out.append(v)
        return out

    @staticmethod
    def mean(units: list[_Unit], vals: list[float]) -> float:
        total = sum(u.weight for u in units) or 1.0
        return sum(u.weight * v for u, v in zip(units, vals)) / total

    @staticmethod
    def preferred(units: list[_Unit], a: list[float], b: list[float]) -> int:
        """Units that body ``b`` carries clearly better than body ``a`` (a version counts twice:
        it names one release exactly)."""
        return sum(2 if u.kind == "number" and "." in u.key else 1 for u, x, y in zip(units, a, b) if y - x >= PREFER)

    def about(self, p: str) -> str:
        """The body's own topic in three words (for messages)."""
        top = sorted(self.detail(p).get("topic", ()), key=lambda t: -t[2] * self.idf(t[0]))[:3]
        return ", ".join(f"'{w}'" for _, w, _ in top)

    # ---------------------------------------------------------------- the verdicts

    def _base(self, p: str) -> _Verdict | None:
        """The post's units, own values and first verdict, computed once on demand (None: a post
        not judged: too short a body, no title, a non-Latin title, no weighable title word)."""
        if p in self._V:
            return self._V[p]
        v = None
        f = self.F.get(p)
        if f is not None and f.n_words >= max(1, self.config["min-body-words"]) and f.title and self.S.get(p) is not None:
            units = self.units(p)
            if units:
                ov = self.own_values(p, units)
                self._U[p], self._OV[p] = units, ov
                missing = sorted(((u.weight, -i, u.word) for i, (u, x) in enumerate(zip(units, ov)) if x == 0 and u.kind != "when"), reverse=True)
                v = _Verdict(p, fit=self.mean(units, ov), weight=sum(u.weight for u in units),
                             missing=[w for _, _, w in missing], missing_weight=sum(w for w, _, _ in missing))
        self._V[p] = v
        return v

    def _title_key(self, p: str) -> tuple | None:
        """The unit keys of a post's title, as `units` makes them (from the summary's ``tkey``)."""
        f = self.F[p]
        if f.n_words < max(1, self.config["min-body-words"]) or not f.title:
            return None
        s = self.S.get(p)
        key = s.get("tkey") if s else None
        return tuple(key) if key else None

    def detail(self, p: str) -> dict:
        """The bulky part of a post's summary (title words, own counts, topic), decoded once."""
        d = self._detail.get(p)
        if d is None:
            d = self._detail[p] = self.S[p]["detail"].value
        return d

    def run(self) -> list[_Verdict]:
        """Verdicts of the reported posts (other posts are scored only as far as those need)."""
        self._U: dict[str, list[_Unit]] = {}
        self._OV: dict[str, list[float]] = {}
        self._V: dict[str, _Verdict | None] = {}
        U, OV = self._U, self._OV
        reported = [p for p in self.F if self.site.reports(p) and self._base(p) is not None]
        max_fit = self.config["max-fit"]
        # Other bodies: the title meets only the posts sharing its words (inverted index).
        for p in reported:
            v, units = self._V[p], U[p]
            if v.fit >= max_fit:
                continue
            fp = self.F[p].fingerprint
            cand: Counter = Counter()
            for u in units:
                number = u.kind == "number"
                posts = self.num_index.get(u.key, ()) if number else self.postings(u.key.lower())
                if self.n > 20 and len(posts) > 0.5 * self.n:
                    continue  # a word of half the site tells no post apart
                if len(posts) > MAX_POSTINGS:
                    if number:
                        continue  # nor a number in that many bodies
                    posts = self.top_postings(u.key.lower())
                for q in posts:
                    cand[q] += u.weight
            cand.pop(p, None)
            for q, shared in cand.most_common(MAX_CANDIDATES):
                if shared / (v.weight or 1.0) < v.fit + 0.1:
                    break  # even a perfect match of what it shares would not beat the own body
                if q not in self.F or self.F[q].fingerprint == fp or self._base(q) is None:
                    continue
                vq = self.values(units, q)
                fq = self.mean(units, vq)
                if fq > v.best_fit:
                    v.best, v.best_fit, v.n_prefer = q, fq, self.preferred(units, OV[p], vq)
                vb = self.values(U[q], p)
                fb = self.mean(U[q], vb)
                gain = fq - v.fit + fb - self._V[q].fit
                if gain > v.swap_gain:
                    v.swap, v.swap_gain, v.swap_fits = q, gain, (fq, fb)
                    v.swap_prefer = (self.preferred(units, OV[p], vq), self.preferred(U[q], OV[q], vb))
        # The same title on another post (a title copied onto another body).
        wanted = {self._title_key(p) for p in reported}
        by_title: dict[tuple, list[str]] = defaultdict(list)
        for p in self.F:
            key = self._title_key(p)
            if key is not None and key in wanted:
                by_title[key].append(p)
        for p in reported:
            same = [o for o in by_title.get(self._title_key(p), ()) if self._base(o) is not None]
            for o in same if len(same) > 1 else ():
                vp, vo = self._V[p], self._V[o]
                if o != p and self.F[o].fingerprint != self.F[p].fingerprint and vo.fit - vp.fit > vp.twin_gap:
                    vp.twin, vp.twin_gap = o, vo.fit - vp.fit
        # The same body under other titles (exact copies, and near-duplicates of the index).
        mine = set(reported)
        for members in self._groups():
            if not mine.intersection(members):
                continue
            members = [m for m in members if self._base(m) is not None]
            for m in members:
                if m not in mine:
                    continue
                others = [(self._V[o].fit, o) for o in members if o != m and self.F[o].title != self.F[m].title]
                if others:
                    self._V[m].group_fit, self._V[m].group_best = max(others)
        out = [self._V[p] for p in reported]
        for v in out:
            v.reason = self.decide(v, max_fit)
        return out

    def _groups(self) -> list[list[str]]:
        by_print: dict[str, list[str]] = defaultdict(list)
        for p, f in self.F.items():
            if f.fingerprint:
                by_print[f.fingerprint].append(p)
        groups = [ps for ps in by_print.values() if len(ps) > 1]
        exact = {p for ps in groups for p in ps}
        for g in self.index.duplicate_groups():
            if any(m not in exact for m in g.members):
                groups.append(list(g.members))
        return groups

    @staticmethod
    def decide(v: _Verdict, max_fit: float) -> str:
        if v.fit >= max_fit:
            return ""
        if v.fit < CONTRAST_MAX_FIT and v.best_fit - v.fit >= CONTRAST_GAIN and v.n_prefer >= 2:
            return "contrast"
        if (v.swap_gain >= SWAP_GAIN and min(v.swap_prefer) >= 1 and sum(v.swap_prefer) >= 3
                and (sum(v.swap_prefer) >= 4 or sum(v.swap_fits) >= 1.0)):
            return "swap"
        if v.twin and v.fit < TWIN_MAX_FIT and v.twin_gap >= TWIN_GAP:
            return "twin"
        if v.group_fit is not None and v.fit < GROUP_MAX_FIT and v.group_fit - v.fit >= GROUP_GAP:
            return "group"
        if v.fit < ABSENT_MAX_FIT and v.missing_weight >= ABSENT_WEIGHT:
            return "absent"
        return ""
