"""Post bodies that are copies of another post's body: identical, or nearly so.

## What it flags
Every post whose body is the same text as another post of the site, or nearly the same, under
whatever title, front matter and headings. Before bodies are compared they are normalised: only
the text a reader sees counts (no front matter, code, URLs, link destinations, HTML tags, ad
blocks between `<!-- ad -->` marker comments, "Also read"/"Related posts" link lists, Markdown
syntax), in lower case, with the heading that opens the body set aside. So a copy is found even
when it:

- is exact but has other ads, another link list, another title or title heading;
- has its paragraphs or sentences reordered;
- has a few words swapped for synonyms;
- has its first paragraph rewritten, a new intro added or a closing paragraph dropped or added
  (the sentences only one of the two posts has, at its start or end, are set aside before the
  rest is compared);
- has sections cut out of its middle, the rest kept word for word;
- is *spun*: reworded sentence by sentence, most words swapped for synonyms or phrases, the
  names and numbers kept (the finding says "reworded" and how much of the wording is the same).

Each post of a group gets one finding, at the first line of its body, naming how many other
posts share its body, the closest few with their similarity, and the oldest post of the group by
date (front matter `date`, else a `YYYY-MM-DD-` file or folder name), the likely original:

    body shared with 2 other posts: posts/b.md (100%), posts/c.md (84%); oldest: posts/a.md (2023-01-04)

Not flagged: posts that share a **template** but are different posts. Release notes, meeting
notices, election or survey announcements repeat most of their wording from issue to issue, but
the parts that change are the point of each post: versions, dates, names, numbers. Two bodies
count as copies only when their shared text agrees on those too (see below). Nor are posts that
share a section, a standard intro or a closing paragraph: the shared text must make up most of
one post and a good part of the other. Bodies under `min-words` words are not compared.

How it decides. Bodies are cut into word 4-grams taken within sentences (so reordering keeps
them). Exact copies share a fingerprint. Other candidates come from MinHash LSH over the
4-grams (no all-pairs loop); each candidate pair is then verified exactly:

1. a run of leading and a run of trailing sentences of each body that the other body lacks
   (under 20% of their 4-grams found there) are set aside: a new, rewritten or dropped intro
   or outro. What remains is the *shared core*; it must be at least 60% of one body, 45% of
   the other and `min-words` words long;
2. the similarity is the Jaccard similarity of the two cores' 4-grams; it must reach
   `threshold`;
3. the numbers and rare words (names, products, versions, dates: words uncommon in general
   English; a number standing alone, like a list label, does not count) of the two cores must
   agree: at least 80% of them shared, or at most one differing. A copied article keeps them;
   the next issue of a templated post changes them. A copy with sections cut out lacks some of
   its original's but adds none of its own, keeps at least 95% of its 4-grams verbatim in the
   other core, and the shared cores are at least 80% of both bodies: that is a copy too.

Spun copies share too few 4-grams for this. They are found apart: bodies whose sets of rare
words and numbers (six at least) agree (Jaccard at least 0.75; found through an inverted index
over those words, not by comparing all pairs) are compared sentence by sentence, in order: when
at least 80% of the sentences of four words or more find a sentence of the other body sharing
at least 40% of their words, the body is a reworded copy. A template's next issue changes its
names and numbers, so it never gets this far.

## Why it matters
Search engines index one of the copies and may treat the rest as duplicate content, splitting
or losing the ranking of all of them; readers who land on two of them see the site repeat
itself. In content farms the same article is published again and again under fresh titles, and
in any site a copied body under a new title is usually an editing accident (a post started from
another post's file and never rewritten).

## Example
Bad:

```markdown
---
title: Growing basil on a windowsill
date: 2024-05-02
---
Basil wants six hours of sun, warm feet and soil that drains fast. A south-facing windowsill
gives it the light; a terracotta pot on a saucer gives it the drainage. Water in the morning,
only when the top centimetre of soil is dry, and never leave the pot standing in water.
Pinch out the tips every week once the plant has three pairs of leaves: each cut makes two
new shoots, and a pinched plant grows bushy instead of tall. Remove flower buds as soon as
they appear, because flowering makes the leaves bitter.
<!-- example: needs a copy in the site -->
```

Good:

```markdown
---
title: Growing basil on a windowsill
date: 2024-05-02
---
Basil wants six hours of sun, warm feet and soil that drains fast. A south-facing windowsill
gives it the light; a terracotta pot on a saucer gives it the drainage. Water in the morning,
only when the top centimetre of soil is dry, and never leave the pot standing in water.
```

The Bad example is a defect only beside a copy of itself in the same site (say
`basil-indoors.md` with the same body under the title "Indoor basil tips"): both posts are
then flagged. The Good example is a post whose body no other post shares.

## Options
| option | type | default | meaning |
|---|---|---|---|
| `threshold` | float | `0.55` | lowest similarity (0 to 1) of two bodies' shared cores that counts as a copy: the Jaccard similarity of their word 4-grams after a new intro or outro is set aside. Lower it to catch more heavily edited copies, raise it to report only near-verbatim ones |
| `min-words` | int | `30` | bodies with fewer words (after normalising), and shared cores shorter than this, are not compared |

## Fix
None. Which copy to keep, and whether to delete, rewrite or redirect the others, is an
editorial decision; the message names the oldest post of the group, usually the original.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, OrderedDict, defaultdict
from itertools import combinations
from typing import Any, Iterable, Mapping

from lintkit import shingles as sh
from lintkit.corpus import connected_components
from lintkit.linklists import find_link_lists, list_lines
from lintkit.rule import Finding, Option, Rule, Severity

# ----------------------------------------------------------------------------- tuning
# Measured on the labelled benchmarks (copies: exact, new intro, reordered sentences, synonyms;
# templated release/meeting/election posts of real blogs; content-farm copies).
LSH_ROWS = 3  # MinHash rows per band: a pair with a 4-gram Jaccard of 0.45 is a candidate 98% of the time
MAX_BUCKET = 20  # a bigger LSH bucket (shared boilerplate, a big family) is compared ...
BUCKET_WINDOW = 4  # ... each body with its next few neighbours by length only
EDGE_COVERED = 0.2  # a leading/trailing run of sentences with less of its 4-grams in the other body is new text
MIN_CORE_SHARE = 0.6  # the shared core must be at least this share of one body's words ...
MIN_CORE_SHARE_OTHER = 0.45  # ... and at least this share of the other's
MIN_DISTINCTIVE = 0.8  # Jaccard of the cores' numbers and rare words (template slots differ) ...
MAX_DISTINCTIVE_DIFF = 1  # ... unless at most this many of them differ
CUT_CONTAINED = 0.95  # ... or one core has none of its own and this share of its 4-grams is in the other's
CUT_CORE_SHARE = 0.8  # ... and the shared cores are at least this share of both bodies (sections cut from the middle)
MAX_VERIFY_COMPONENT = 60  # groups up to this many bodies get every pair verified (LSH may miss some)
MAX_LISTED = 3  # partners named in a message
MAX_SHINGLES = 50_000  # per post, kept in the summary
BODY_CACHE = 4096  # bodies whose shingle sets are kept in memory while verifying pairs
SUMMARY_VERSION = "s2"
# Reworded copies ("spun": most words swapped for synonyms, every sentence kept in its place)
# share few 4-grams but keep their names and numbers and, sentence by sentence, most words.
SPUN_MIN_DISTINCT = 6  # rare words and numbers each body needs to be compared this way
SPUN_DISTINCT = 0.75  # Jaccard of the two bodies' rare words and numbers ...
SPUN_SENTENCES = 0.8  # ... and share of sentences (of four words or more) matched in order ...
SPUN_SENTENCE_MATCH = 0.4  # ... by a word Jaccard of at least this
SPUN_MAX_POSTINGS = 30  # a rare word in more bodies than this proposes no pairs (a site's own name)
SPUN_MIN_SHARED = 3  # ... and a pair needs this many of the others in common to be compared
SPUN_WINDOW = (3, 6)  # sentences back and ahead of the last match searched for the next one


def summarise(sentences: list[list[str]], shingles: list[list[int]] | None = None) -> tuple:
    """A post's body structure: words per sentence, sentence 4-grams in order (``shingles``:
    `sh.sentence_shingles` of the sentences, when already made), and the hashes of each
    sentence's distinctive words (numbers, rare words)."""
    words = array("I")
    offsets = array("I", [0])
    seq = array("I")
    doffsets = array("I", [0])
    dseq = array("I")
    uoffsets = array("I", [0])
    useq = array("H")  # 16 bits a word: a sentence's words, compared with a neighbour's, rarely collide
    if shingles is None:
        shingles = sh.sentence_shingles(sentences)
    distinctive = {w for w in set().union(*sentences) if sh.is_distinctive(w)}
    for ws, hs in zip(sentences, shingles):
        if len(seq) + len(hs) > MAX_SHINGLES:
            break
        words.append(len(ws))
        seq.extend(hs)
        offsets.append(len(seq))
        if len(ws) > 1:  # a number alone is a list label ("1", "Step 2" split off), not a value
            dseq.extend(sorted({sh.word_hash(w) for w in distinctive.intersection(ws)}))
        doffsets.append(len(dseq))
        useq.extend(sorted({sh.word_hash(w) & 0xFFFF for w in ws}))
        uoffsets.append(len(useq))
    return (SUMMARY_VERSION, words, offsets, seq, doffsets, dseq, uoffsets, useq)


_EMPTY_SUMMARY = (SUMMARY_VERSION, array("I"), array("I", [0]), array("I"), array("I", [0]), array("I"),
                  array("I", [0]), array("H"))


class _Body:
    """A summary, with its shingle sets built on first use."""

    __slots__ = ("n_words", "words", "offsets", "seq", "doffsets", "dseq", "uoffsets", "useq", "_set", "_sents")

    def __init__(self, summary: tuple) -> None:
        _, self.words, self.offsets, self.seq, self.doffsets, self.dseq, self.uoffsets, self.useq = summary
        self.n_words = sum(self.words)
        self._set: set[int] | None = None
        self._sents: list[set[int]] | None = None

    def word_sets(self) -> list[set[int]]:
        """The words of each sentence of four words or more, in order."""
        o, u, n = self.uoffsets, self.useq, self.words
        return [set(u[o[i] : o[i + 1]]) for i in range(len(o) - 1) if n[i] >= 4]

    @property
    def shingles(self) -> set[int]:
        if self._set is None:
            self._set = set(self.seq)
        return self._set

    @property
    def sentences(self) -> list[set[int]]:
        if self._sents is None:
            o, s = self.offsets, self.seq
            self._sents = [set(s[o[i] : o[i + 1]]) for i in range(len(o) - 1)]
        return self._sents

    def distinctive(self, lo: int, hi: int) -> set[int]:
        o = self.doffsets
        return set(self.dseq[o[lo] : o[hi + 1]])


def _core(a: _Body, other: set[int]) -> tuple[int, int] | None:
    """First and last sentence of ``a``'s shared core with ``other``, or None.

    A leading and a trailing run of sentences that ``other`` lacks are set aside: a new intro or
    outro. Each run is cut where it is most clearly new text: the cut maximises the run's
    4-grams missing from ``other`` minus ``1/EDGE_COVERED - 1`` times those present, so a run
    in which under `EDGE_COVERED` of the 4-grams are shared is set aside (an odd phrase in
    common does not stop it), while an edited sentence (a version or a date changed) keeps most
    of its 4-grams and stays in the core.
    """
    sents = a.sentences
    n = len(sents)
    weight = 1.0 / EDGE_COVERED
    score = [len(s) - weight * len(s & other) for s in sents]
    lo, best, run = 0, 0.0, 0.0
    for i in range(n):
        run += score[i]
        if run > best:
            lo, best = i + 1, run
    hi, best, run = n - 1, 0.0, 0.0
    for i in range(n - 1, lo - 1, -1):
        run += score[i]
        if run > best:
            hi, best = i - 1, run
    return (lo, hi) if hi >= lo else None


def compare(a: _Body, b: _Body) -> dict[str, float]:
    """The measures `DuplicateBody.accept` decides on.

    ``jaccard``: of the whole bodies' 4-grams; ``core``: of the shared cores' 4-grams (a new
    intro or outro set aside); ``share_lo``/``share_hi``: the cores' shares of their bodies'
    words; ``core_words``: words of the smaller core; ``distinct``: Jaccard of the cores'
    distinctive words, ``ddiff`` how many of them only one core has, ``dextra`` how many of
    them the core with fewer such extra words has that the other lacks (0: one core's names and
    numbers are all in the other, as in a copy with sections cut out); ``contain``: the share of
    the smaller core's 4-grams found in the other core.
    """
    sa, sb = a.shingles, b.shingles
    inter = len(sa & sb)
    out: dict[str, float] = {"jaccard": inter / max(1, len(sa) + len(sb) - inter)}
    ca, cb = _core(a, sb), _core(b, sa)
    if ca is None or cb is None:
        out.update(core=0.0, share_lo=0.0, share_hi=0.0, core_words=0, distinct=0.0, ddiff=0, dextra=0, contain=0.0)
        return out
    core_a = set().union(*a.sentences[ca[0] : ca[1] + 1])
    core_b = set().union(*b.sentences[cb[0] : cb[1] + 1])
    ci = len(core_a & core_b)
    wa = sum(a.words[ca[0] : ca[1] + 1])
    wb = sum(b.words[cb[0] : cb[1] + 1])
    lo, hi = sorted((wa / max(1, a.n_words), wb / max(1, b.n_words)))
    da, db = a.distinctive(*ca), b.distinctive(*cb)
    du, di = len(da | db), len(da & db)
    out.update(
        core=ci / max(1, len(core_a) + len(core_b) - ci),
        share_lo=lo,
        share_hi=hi,
        core_words=min(wa, wb),
        distinct=di / du if du else 1.0,
        ddiff=du - di,
        dextra=min(len(da - db), len(db - da)),
        contain=ci / max(1, min(len(core_a), len(core_b))),
    )
    return out


def reworded(a: _Body, b: _Body) -> float:
    """The share of sentences (of four words or more, of the body with more of them) that find,
    in order, a sentence of the other body sharing at least `SPUN_SENTENCE_MATCH` of their words
    (Jaccard): a copy spun with synonyms or reworded sentence by sentence keeps most of each
    sentence's words, and its sentences in their places."""
    sa, sb = a.word_sets(), b.word_sets()
    if not sa or not sb:
        return 0.0
    back, ahead = SPUN_WINDOW
    j = matched = 0
    used: set[int] = set()
    for x in sa:
        best, at = 0.0, -1
        for k in range(max(0, j - back), min(len(sb), j + ahead)):
            if k in used:
                continue
            y = sb[k]
            inter = len(x & y)
            sim = inter / (len(x) + len(y) - inter)
            if sim > best:
                best, at = sim, k
        if best >= SPUN_SENTENCE_MATCH:
            matched += 1
            used.add(at)
            j = at + 1
    return matched / max(len(sa), len(sb))


_Near = dict[str, list[tuple[str, float]]]  # representative -> (near copy, similarity)


class DuplicateBody(Rule):
    code = "LK101"
    name = "duplicate-body"
    summary = "A body identical or nearly identical to another post's body"
    severity = Severity.WARNING
    tags = ("spam", "duplicates")
    scope = "corpus"
    uses_index = True
    options = {
        "threshold": Option(0.55, float, "lowest similarity (0-1) of two bodies' shared cores that counts as a copy", minimum=0.0, maximum=1.0),
        "min-words": Option(30, int, "bodies (and shared cores) with fewer words are not compared", minimum=1),
    }

    # ------------------------------------------------------------------ per post

    def collect(self, post: Any) -> Any:
        """The body's sentence structure (`summarise`), link lists left out like the site index does."""
        skip = list_lines(find_link_lists(post))
        return summarise(sh.body_sentences(post, skip), sh.body_shingles(post, skip))

    # ------------------------------------------------------------------ site

    def accept(self, m: Mapping[str, float]) -> bool:
        """Whether the measures of a pair (`compare`) say one body is a copy of the other."""
        if m["core"] < self.config["threshold"] or m["core_words"] < self.config["min-words"]:
            return False
        if m["share_hi"] < MIN_CORE_SHARE or m["share_lo"] < MIN_CORE_SHARE_OTHER:
            return False
        if m["ddiff"] > MAX_DISTINCTIVE_DIFF and m["distinct"] < MIN_DISTINCTIVE and not (
                m["dextra"] == 0 and m["contain"] >= CUT_CONTAINED and m["share_lo"] >= CUT_CORE_SHARE):
            # a shared template, different numbers and names: not a copy (a copy with sections
            # cut out lacks some of its original's names and numbers, but adds none, keeps the
            # rest of its text verbatim, and both bodies are nearly all shared core; a page
            # whose only shared part is a standard section is not one)
            return False
        return True

    def copies(self, summaries: Mapping[str, Any], site: Any) -> tuple[dict[str, list[str]], _Near, set[tuple[str, str]]]:
        """The site's copies: exact copies grouped under a representative (the first path of
        each group), each representative's near copies (other representatives) with their
        similarity, and which of those pairs (sorted) are reworded copies. Kept in this form,
        not as every pair of posts: a body copied into m posts would be m x m pairs."""
        min_words = self.config["min-words"]
        feats = site.features
        # summaries are read (and, from the cache, decoded) only for the bodies compared
        compared: list[str] = []
        for path in site.paths:
            f = feats.get(path)
            if f is None or not f.fingerprint or f.n_words < min_words or len(f.minhash) != sh.NUM_PERM:
                continue
            compared.append(path)
        # exact copies share a fingerprint: one representative each
        by_print: dict[str, list[str]] = defaultdict(list)
        for path in sorted(compared):
            by_print[feats[path].fingerprint].append(path)
        # no summary: exact copies are still found
        reps = sorted(ps[0] for ps in by_print.values() if ps[0] in summaries)
        # LSH: posts sharing a band of their MinHash signature are candidates
        rows = LSH_ROWS
        buckets: dict[tuple, list[str]] = defaultdict(list)
        for p in reps:
            mh = feats[p].minhash
            for b in range(sh.NUM_PERM // rows):
                buckets[(b, *mh[b * rows : (b + 1) * rows])].append(p)
        groups = [members for members in buckets.values() if len(members) > 1]
        wanted: set[str] | None = None
        if len(site.report_paths) < len(site.paths):
            # Checking a few posts against a site (pre-commit): only the candidates connected to
            # them, through any chain of shared buckets, can end up in their groups.
            rep_of = {p: ps[0] for ps in by_print.values() for p in ps}
            wanted = {rep_of[p] for p in site.report_paths if p in rep_of}
            near = set()
            for comp in connected_components((m[0], x) for m in groups for x in m[1:]):
                if wanted.intersection(comp):
                    near.update(comp)
            groups = [m for m in groups if m[0] in near]
        cache: OrderedDict[str, _Body] = OrderedDict()

        def body(p: str) -> _Body:
            b = cache.get(p)
            if b is None:
                summary = summaries.get(p)
                if not (isinstance(summary, tuple) and summary and summary[0] == SUMMARY_VERSION):
                    summary = _EMPTY_SUMMARY  # an unreadable or old summary matches nothing
                b = cache[p] = _Body(summary)
                if len(cache) > BODY_CACHE:
                    cache.popitem(last=False)
            else:
                cache.move_to_end(p)
            return b

        checked: dict[tuple[str, str], float | None] = {}
        spun: set[tuple[str, str]] = set()

        def verify(x: str, y: str) -> None:
            key = (x, y) if x < y else (y, x)
            if key not in checked:
                m = compare(body(key[0]), body(key[1]))
                checked[key] = min(m["core"], 0.99) if self.accept(m) else None

        for members in groups:
            if len(members) <= MAX_BUCKET:
                cands: Iterable[tuple[str, str]] = combinations(members, 2)
            else:  # near-linear even when a whole site shares one band
                members = sorted(members, key=lambda p: (feats[p].n_words, p))
                cands = ((x, y) for i, x in enumerate(members) for y in members[i + 1 : i + 1 + BUCKET_WINDOW])
            for x, y in cands:
                verify(x, y)
        # reworded copies: bodies sharing nearly all their rare words and numbers, compared
        # sentence by sentence (an inverted index over those words: no all-pairs loop)
        for x, y in self._spun_candidates(reps, feats, min_words):
            if wanted is not None and x not in wanted and y not in wanted:
                continue  # checking a few posts against a site: only their pairs matter
            key = (x, y) if x < y else (y, x)
            if checked.get(key) is None and reworded(body(x), body(y)) >= SPUN_SENTENCES:
                checked[key] = min(compare(body(x), body(y))["core"], 0.99)
                spun.add(key)
        # complete small groups: pairs the LSH bands did not propose
        for comp in connected_components(k for k, v in checked.items() if v is not None):
            if len(comp) <= MAX_VERIFY_COMPONENT:
                for x, y in combinations(comp, 2):
                    verify(x, y)
        members_of = {ps[0]: ps for ps in by_print.values()}
        near: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for (x, y), sim in checked.items():
            if sim is not None:
                near[x].append((y, sim))
                near[y].append((x, sim))
        return members_of, near, spun

    @staticmethod
    def _spun_candidates(reps: list[str], feats: Mapping[str, Any], min_words: int) -> list[tuple[str, str]]:
        """Pairs of bodies whose rare words and numbers agree (Jaccard >= `SPUN_DISTINCT`), from
        the site features (every body's summary stays undecoded until a pair is verified)."""
        sets: dict[str, set[int]] = {}
        index: dict[int, list[str]] = defaultdict(list)
        for p in reps:
            f = feats[p]
            if len(f.rare) >= SPUN_MIN_DISTINCT and f.n_words >= min_words:
                sets[p] = d = set(f.rare)
                for h in d:
                    index[h].append(p)
        shared: Counter = Counter()
        for posts in index.values():
            if 1 < len(posts) <= SPUN_MAX_POSTINGS:
                shared.update(combinations(posts, 2))
        out = []
        for (x, y), n in shared.items():
            # n counts only the words in few bodies; the Jaccard below counts them all
            if n >= SPUN_MIN_SHARED:
                a, b = sets[x], sets[y]
                inter = len(a & b)
                if inter / (len(a) + len(b) - inter) >= SPUN_DISTINCT:
                    out.append((x, y))
        return out

    def check_corpus(self, summaries: Mapping[str, Any], site: Any) -> Iterable[Finding]:
        members_of, near, spun = self.copies(summaries, site)
        feats = site.features
        rep_of = {p: rep for rep, ps in members_of.items() for p in ps}
        oldest: dict[str, list[tuple[str, str]]] = {}  # representative -> its group's two oldest

        def oldest_of(rep: str) -> list[tuple[str, str]]:
            out = oldest.get(rep)
            if out is None:
                out = oldest[rep] = sorted((d, p) for p in members_of[rep] if (d := post_date(p, feats[p].date)))[:2]
            return out

        findings = []
        for path in sorted(p for p in rep_of if site.reports(p)):
            rep = rep_of[path]
            group = members_of[rep]  # sorted by path; only its first few are named
            exact = [q for q in group[: MAX_LISTED + 1] if q != path][:MAX_LISTED]
            others = sorted(near.get(rep, ()), key=lambda x: -x[1])
            n = len(group) - 1 + sum(len(members_of[y]) for y, _ in others)
            if not n:
                continue
            # the closest few: exact copies, then near copies by similarity and path (every post
            # of a similarity level is taken before the list is cut, so the order is exact)
            mine = [(q, 1.0, "") for q in exact]
            for y, sim in others:
                if len(mine) >= MAX_LISTED and sim < mine[-1][1]:
                    break
                how = "reworded" if ((rep, y) if rep < y else (y, rep)) in spun else ""
                mine.extend((q, sim, how) for q in members_of[y])
            mine.sort(key=lambda x: (-x[1], x[0]))
            listed = ", ".join(f"{p} ({_similarity(s, how)})" for p, s, how in mine[:MAX_LISTED])
            more = f", and {n - MAX_LISTED} more" if n > MAX_LISTED else ""
            msg = f"body shared with {n} other post{'s' if n != 1 else ''}: {listed}{more}"
            own = post_date(path, feats[path].date)
            dated = ([(own, path)] if own else []) + oldest_of(rep) + [x for y, _ in others for x in oldest_of(y)]
            if dated:
                d, p = min(dated)
                msg += f"; oldest: {p} ({d}{', this post' if p == path else ''})"
            f = feats[path]
            findings.append(self.finding(path, f.body_line, 1, msg, subject=f.fingerprint))
        return findings


def _pct(sim: float) -> str:
    return f"{int(sim * 100 + 1e-9)}%"


def _similarity(sim: float, how: str) -> str:
    """A partner's similarity as a message shows it: "84%", or "reworded, 26% same wording"."""
    return f"reworded, {_pct(sim)} same wording" if how == "reworded" else _pct(sim)


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAME_DATE = re.compile(r"(?:^|/)(\d{4})-(\d{2})-(\d{2})[-_][^/]*$")


def post_date(path: str, value: str) -> str:
    """A post's date as YYYY-MM-DD: the front matter's, else a Jekyll-style file or folder name's."""
    m = _DATE.search(value or "")
    if not m:
        p = path.replace("\\", "/")
        if p.rsplit("/", 1)[-1].split(".")[0] in ("index", "_index"):
            p = p.rsplit("/", 1)[0]
        m = _NAME_DATE.search(p)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"
