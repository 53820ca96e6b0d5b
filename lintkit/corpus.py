"""The site index that corpus rules share (duplicate bodies, title fit, related-link topics).

One streaming pass: each worker turns a parsed post into small `PostFeatures` (title and
metadata, the body's shingle hashes and MinHash signature, capped term counts of the body and
its lead, the related-link lists), which are cached on disk by content hash (`lintkit.cache`),
so a re-run re-parses only the posts that changed. The main process builds a `CorpusIndex`
from the features once, lazily, for the rules that ask for it (``site.index``):

* document frequencies and an inverted index over body terms (a title query touches only the
  postings of its own terms), blended with general-English background statistics;
* near-duplicate groups: exact fingerprints, then MinHash LSH buckets (banding), every
  candidate pair verified by its exact shingle Jaccard similarity. No all-pairs loop.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from sys import intern
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from . import shingles as sh
from .cache import allow
from .linklists import find_link_lists, list_lines
from .text import STOP_WORDS, background_idf, background_max, stem, terms

FEATURE_VERSION = 3  # bump when extract() or lintkit.shingles changes what it computes
MAX_TERMS = 400
LEAD_WORDS = 120
MIN_TOPIC_TERMS = 10  # distinct body terms of a post that counts in the site's term statistics


@allow
@dataclass
class LinkListInfo:
    header: str
    line: int
    end_line: int
    links: list[tuple[str, str, int]]  # (text, url, line)


@allow
@dataclass
class PostFeatures:
    path: str
    title: str = ""
    title_line: int = 0
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    date: str = ""
    body_line: int = 1  # first non-blank line of the body
    n_words: int = 0  # words of the normalised body
    fingerprint: str = ""  # hash of the normalised body words: equal bodies, equal fingerprints
    shingles: array = field(default_factory=lambda: array("I"))
    minhash: array = field(default_factory=lambda: array("I"))
    rare: array = field(default_factory=lambda: array("I"))  # hashes of its rare words and numbers (`sh.rare_word_hashes`)
    body_terms: dict[str, int] = field(default_factory=dict)  # stemmed term -> count (top MAX_TERMS)
    lead_terms: dict[str, int] = field(default_factory=dict)  # terms of the first LEAD_WORDS words
    heading_terms: list[str] = field(default_factory=list)
    link_lists: list[LinkListInfo] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._share_terms()

    def __setstate__(self, state: dict) -> None:  # unpickled from a worker
        self.__dict__.update(state)
        self._share_terms()

    def _share_terms(self) -> None:
        """One string object per distinct term across all posts (the main process holds every
        post's features until the site-wide pass: separate copies cost ~8 KB a post)."""
        self.body_terms = {intern(t): c for t, c in self.body_terms.items()}
        self.lead_terms = {intern(t): c for t, c in self.lead_terms.items()}
        self.heading_terms = [intern(t) for t in self.heading_terms]

    @property
    def title_terms(self) -> list[str]:
        return terms(self.title)


def has_topic(f: PostFeatures) -> bool:
    """The body uses enough distinct terms to say what it is about (and to count in the site's
    term statistics)."""
    return len(f.body_terms) >= MIN_TOPIC_TERMS


def _find_link_lists(post: Any) -> list[LinkListInfo]:
    return [LinkListInfo(ll.header, ll.line, ll.end_line, [(lk.text, lk.url, lk.line) for lk in ll.links])
            for ll in find_link_lists(post)]


def extract(post: Any) -> PostFeatures:
    """Features of one parsed post (runs in a worker; the post is dropped afterwards)."""
    fm_title = post.front_matter.keys.get("title") or post.front_matter.keys.get("linkTitle")
    title_line = fm_title.line if fm_title is not None else next((h.line for h in post.headings if h.level == 1), 0)
    date = post.front_matter.data.get("date") if post.front_matter.ok else None
    lists = _find_link_lists(post)
    skip = list_lines(lists)
    sentences = sh.body_sentences(post, skip)
    flat = [w for s in sentences for w in s]
    hashes = sh.unique_hashes(sh.body_shingles(post, skip))
    body_line = next((i for i in range(post.body_line, len(post.lines) + 1) if post.lines[i - 1].strip()), post.body_line)
    prose_words: Counter = Counter()
    for p, ws in zip(post.prose, post.prose_words):
        if p.line not in skip and p.block != "heading":
            prose_words.update(ws)
    counts: Counter = Counter()
    for w, n in prose_words.items():  # each distinct word stemmed once
        if w not in STOP_WORDS and len(w) >= 3 and not w.isdigit():
            counts[stem(w)] += n
    lead = Counter(terms(" ".join(flat[:LEAD_WORDS])))
    heading_terms = sorted({t for h in post.headings[1:] for t in terms(h.text)})
    return PostFeatures(
        path=post.path,
        title=post.title,
        title_line=title_line,
        description=post.description,
        keywords=post.keywords,
        tags=post.tags,
        date=str(date) if date is not None else "",
        body_line=body_line,
        n_words=len(flat),
        fingerprint=hashlib.blake2b(" ".join(flat).encode("utf-8"), digest_size=12).hexdigest() if flat else "",
        shingles=hashes,
        minhash=sh.minhash(hashes) if hashes else array("I"),
        rare=sh.rare_word_hashes(sentences),
        body_terms=dict(counts.most_common(MAX_TERMS)),
        lead_terms=dict(lead),
        heading_terms=heading_terms,
        link_lists=lists,
    )


# --------------------------------------------------------------------------- the index


@dataclass
class DuplicateGroup:
    """Posts whose bodies are identical or nearly so. ``pairs`` holds the verified similarities."""

    members: list[str]
    pairs: dict[tuple[str, str], float]

    def similarity(self, a: str, b: str) -> float:
        return self.pairs.get((a, b)) or self.pairs.get((b, a)) or 0.0

    def partners(self, path: str) -> list[tuple[str, float]]:
        out = [(other, self.similarity(path, other)) for other in self.members if other != path]
        return sorted(out, key=lambda x: (-x[1], x[0]))


class CorpusIndex:
    """Built once per run from every post's features (main process)."""

    def __init__(self, features: Iterable[PostFeatures]) -> None:
        self.features: dict[str, PostFeatures] = {f.path: f for f in features}
        # Term statistics count only posts with a topic: a stub, an empty file or a generated
        # page repeating one word ("link 1, link 2, ...") would otherwise shift every idf.
        self.n = 0
        df: Counter = Counter()
        postings: dict[str, list[str]] = defaultdict(list)
        for path, f in self.features.items():
            if not has_topic(f):
                continue
            self.n += 1
            for t in f.body_terms:
                df[t] += 1
                postings[t].append(path)
        self.df = df
        self._postings = postings
        self._groups: dict[tuple[float, int], list[DuplicateGroup]] = {}

    # ---------------------------------------------------------------- term statistics

    def postings(self, term: str) -> list[str]:
        """Posts whose body uses ``term`` (stemmed)."""
        return self._postings.get(term, [])

    def site_idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

    def idf(self, term: str) -> float:
        """Informativeness of a term: the site's own idf blended with general English.

        With few posts the background dominates; with hundreds the site's statistics do, so
        words every post of a site shares (its name, "2024", "[New]") weigh little.
        """
        bg = background_idf(term) / background_max() * math.log(1000)  # on the scale of a 1,000-post site
        if self.n < 2:
            return bg
        w = min(1.0, self.n / 200)
        return w * self.site_idf(term) + (1 - w) * bg

    # ---------------------------------------------------------------- near duplicates

    def duplicate_groups(self, threshold: float = 0.5, min_words: int = 50, bands: int = 32) -> list[DuplicateGroup]:
        """Groups of posts whose bodies are the same or nearly so (Jaccard >= threshold).

        Exact duplicates share a fingerprint. Near duplicates come from LSH: the MinHash
        signature cut into ``bands`` bands; posts sharing a band are candidates, and each
        candidate pair is kept only if its exact shingle Jaccard reaches ``threshold``.
        Groups are the connected components of the kept pairs.
        """
        key = (threshold, min_words, bands)
        if key in self._groups:
            return self._groups[key]
        feats = [f for f in self.features.values() if f.n_words >= min_words and len(f.minhash) == sh.NUM_PERM]
        pairs: dict[tuple[str, str], float] = {}
        by_print: dict[str, list[str]] = defaultdict(list)
        for f in feats:
            by_print[f.fingerprint].append(f.path)
        rep: dict[str, str] = {}
        for paths in by_print.values():
            paths.sort()
            for p in paths:
                rep[p] = paths[0]
            for i in range(1, len(paths)):
                pairs[(paths[0], paths[i])] = 1.0
        reps = [f for f in feats if rep[f.path] == f.path]
        rows = sh.NUM_PERM // bands
        buckets: dict[tuple, list[str]] = defaultdict(list)
        for f in reps:
            mh = f.minhash
            for b in range(bands):
                buckets[(b, *mh[b * rows : (b + 1) * rows])].append(f.path)
        checked: set[tuple[str, str]] = set()
        for members in buckets.values():
            if len(members) < 2:
                continue
            if len(members) > 500:  # a degenerate bucket (boilerplate): compare neighbours only
                members = sorted(members)
                cands = zip(members, members[1:])
            else:
                cands = ((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
            for a, b in cands:
                pair = (a, b) if a < b else (b, a)
                if pair in checked:
                    continue
                checked.add(pair)
                sim = sh.jaccard(self.features[a].shingles, self.features[b].shingles)
                if sim >= threshold:
                    pairs[pair] = sim
        out = []
        for members in connected_components(pairs):
            sub: dict[tuple[str, str], float] = {}
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if rep[a] == rep[b]:
                        sub[(a, b)] = 1.0  # exact copies
                    else:  # copies of a representative match what it matches
                        ra, rb = sorted((rep[a], rep[b]))
                        if (ra, rb) in pairs:
                            sub[(a, b)] = pairs[(ra, rb)]
            out.append(DuplicateGroup(members, sub))
        out.sort(key=lambda g: g.members[0])
        self._groups[key] = out
        return out

    def group_of(self, path: str, **kw: Any) -> DuplicateGroup | None:
        for g in self.duplicate_groups(**kw):
            if path in g.members:
                return g
        return None


def connected_components(pairs: Iterable[tuple[str, str]]) -> Iterator[list[str]]:
    """Groups of paths joined by ``pairs`` (union-find), each sorted."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        comps[find(x)].append(x)
    for members in comps.values():
        yield sorted(members)
