"""Body signatures for near-duplicate detection: normalised words, shingles, MinHash.

* `body_sentences(post, skip_lines)`: the words a reader sees as the post's own text, as
  sentences of lower-cased words: prose only (no code, URLs, HTML tags, ad markup, link
  destinations), without the given lines (link lists) and without a leading heading (copies
  usually carry their own title heading). Text that Markdown swallows into an HTML block (a
  paragraph written right under an ad snippet without a blank line, which browsers still show)
  is read too, so the same article with ads placed differently normalises to the same words.
  Sentences end at ``. ! ? ; :`` and at every block boundary (paragraph, list item, heading).
* `shingle_hashes(sentences, k)`: stable 32-bit hashes of word k-grams taken inside
  sentences, so reordering sentences or paragraphs keeps most shingles.
* `sentence_shingles(sentences, k)`: the same hashes, per sentence and in order (for telling
  which parts of a body another body covers).
* `ad_region_lines(post)`: lines between ad-marker comments (``<!-- ads begin -->`` ...
  ``<!-- ads end -->``), which `body_sentences` leaves out like link lists.
* `is_distinctive(word)`: numbers, versions and words rare in general English (names,
  products, identifiers): the tokens that change between two issues of a templated post.
* `minhash(hashes)`: a MinHash signature (``rensa``), for LSH candidate search; candidates are
  then verified with the exact similarity of the shingle sets (`jaccard`, `containment`).
"""

from __future__ import annotations

import re
import zlib
from array import array
from functools import lru_cache
from typing import Iterable, Sequence

from .document import _HEADING_TAIL, _LINE_PREFIX, _MARKUP_CHARS, _mask, mask_inline_code, mask_non_prose
from .text import background_idf, normalise_apostrophes, remembered, stem, words

SHINGLE_SIZE = 4
NUM_PERM = 128
MAX_SHINGLES = 8192  # bottom-k cap: Jaccard on very long bodies is estimated from the smallest hashes
DISTINCTIVE_IDF = 14.0  # background idf from which a word counts as rare (names, products, jargon)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n{2,}")
_PROSE_BLOCKS = ("paragraph", "block_text", "heading")
_TAG_START = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]{0,40})")
_RAW_TEXT_TAGS = ("script", "style", "textarea", "template", "pre")  # their lines are never prose
_MARKER_COMMENT = re.compile(r"[ \t]{0,40}<!--(.{0,300}?)-->[ \t]{0,40}")
# Words that make a comment alone on its line an ad marker, and words that make it an end marker.
_AD_MARKER_WORDS = frozenset(
    "ad ads adsense adsbygoogle advert adverts advertisement advertisements advertising affiliate "
    "affiliates sponsor sponsored sponsors banner promo promotion".split()
)
_AD_END_WORDS = frozenset("end ends stop close closed".split())
MAX_AD_REGION_LINES = 60  # a longer "ad region" is more likely a stray marker than one ad
_NEW_UNIT = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s)")


def body_sentences(post, skip_lines: Iterable[int] = ()) -> list[list[str]]:
    """The post's prose as sentences of lower-cased words (see module docs)."""
    return [list(s) for text in _body_blocks(post, skip_lines) for s in _block_sentences(text)]


def body_shingles(post, skip_lines: Iterable[int] = ()) -> list[list[int]]:
    """`sentence_shingles` of `body_sentences` (the site index and duplicate-body both hash
    the same sentences)."""
    return [list(h) for text in _body_blocks(post, skip_lines) for h in _block_shingles(text)]


def _body_blocks(post, skip_lines: Iterable[int]) -> list[str]:
    """The prose of each block `body_sentences` reads, as text (its lines joined by newlines).

    Memoised on the post per set of skipped lines: the site index and duplicate-body both ask.
    Sentences never run across a block boundary (a blank line between blocks ended a sentence
    when the body was split as one text), so each block is split and hashed on its own, and the
    last few thousand blocks' sentences and shingles are remembered (a site repeats them).
    """
    memo = post.__dict__.setdefault("_body_blocks_memo", {}) if hasattr(post, "__dict__") else {}
    memo_key = frozenset(skip_lines)
    if memo_key not in memo:
        memo[memo_key] = _find_body_blocks(post, memo_key)
    return memo[memo_key]


def _find_body_blocks(post, skip_lines: frozenset[int]) -> list[str]:
    skip = set(skip_lines) | ad_region_lines(post)
    units = [u for u in _prose_units(post) if u[0] not in skip]
    # Drop a heading that opens the body: retitled copies carry their own.
    while units and units[0][2] == "heading":
        first = units[0][1]
        units = [u for u in units if u[1] != first]
    blocks: list[list[str]] = []
    prev_key = None
    for _line, key, _kind, text in units:
        if key != prev_key or not blocks:
            blocks.append([text])
        else:
            blocks[-1].append(text)
        prev_key = key
    return ["\n".join(parts) for parts in blocks]


@remembered
def _block_sentences(text: str) -> tuple[list[str], ...]:
    """The sentences of one block's prose, as lists of words (shared: callers copy them)."""
    return tuple(ws for ws in map(words, _SENTENCE_END.split(normalise_apostrophes(text))) if ws)


@remembered
def _block_shingles(text: str) -> tuple[array, ...]:
    """`sentence_shingles` of one block's sentences (shared: callers copy them), as 32-bit
    arrays: a remembered block costs 4 bytes a shingle, not a Python int each."""
    return tuple(array("I", hs) for hs in sentence_shingles(_block_sentences(text)))


def ad_region_lines(post) -> set[int]:
    """Lines between an ad-marker comment and its end marker (``<!-- ads begin -->`` ...
    ``<!-- affiliate ads end -->``, ``<!-- Sponsored -->`` ... ``<!-- /sponsored -->``), ends
    included: an ad block's visible text (a product blurb) is not the post's own text."""
    if "<!--" not in post.text:
        return set()
    markers: list[tuple[int, str]] = []
    code = post.code_lines
    for ln in range(post.body_line, len(post.lines) + 1):
        line = post.lines[ln - 1]
        if "<!--" not in line or ln in code:
            continue
        m = _MARKER_COMMENT.fullmatch(line)
        if not m:
            continue
        inner = m.group(1).strip().lower()
        ws = re.findall(r"[a-z]+", inner)
        if not ws or len(ws) > 8 or not any(w in _AD_MARKER_WORDS for w in ws):
            continue
        end = inner.startswith("/") or any(w in _AD_END_WORDS for w in ws)
        markers.append((ln, "end" if end else "begin"))
    out: set[int] = set()
    for (l1, k1), (l2, k2) in zip(markers, markers[1:]):
        if k1 == "begin" and k2 == "end" and l2 - l1 <= MAX_AD_REGION_LINES:
            out.update(range(l1, l2 + 1))
    return out


def _prose_units(post) -> list[tuple[int, object, str, str]]:
    """(line, block key, kind, text) for every prose line, swallowed HTML-block text included."""
    owner: dict[int, int] = {}
    for i, b in enumerate(post.blocks):
        if b.type in _PROSE_BLOCKS:
            for ln in range(b.line, b.end_line + 1):
                owner[ln] = i
    units: list[tuple[int, object, str, str]] = []
    for p in post.prose:
        units.append((p.line, owner.get(p.line, -p.line), p.block, p.text.strip()))
    for b in post.blocks:
        if b.type == "block_html":
            key, prev = None, 0
            for ln, text in _html_text_lines(post.lines, b.line, b.end_line):
                kind = "paragraph"
                if key is None or ln != prev + 1 or _NEW_UNIT.match(text):
                    key = ("html", ln)  # a new paragraph, list item or heading
                prev = ln
                if re.match(r"^\s{0,3}#{1,6}(?:\s|$)", text):
                    kind = "heading"
                masked = _mask_line(text, kind)
                if masked.strip():
                    units.append((ln, key, kind, masked.strip()))
    units.sort(key=lambda u: u[0])
    return units


def _mask_line(line: str, kind: str) -> str:
    """A Markdown line read as prose: the same masking as `Post.prose`."""
    line = mask_inline_code(line)
    line = mask_non_prose(line)
    m = _LINE_PREFIX.match(line)
    if m and m.end():
        line = " " * m.end() + line[m.end() :]
    if kind == "heading":
        line = _mask(line, _HEADING_TAIL)
    return _mask(line, _MARKUP_CHARS)


def _html_text_lines(lines: Sequence[str], start: int, end: int) -> list[tuple[int, str]]:
    """Lines of an HTML block that are plain text: they start outside any tag, comment or
    script and do not begin with ``<``. Markdown keeps them in the block (no blank line after
    the markup), yet a browser shows them; a line opening with a tag is markup (ads, embeds)."""
    out: list[tuple[int, str]] = []
    state: tuple | None = None  # None: text; ("tag", name, closing, quote); ("comment",); ("raw", name)
    for ln in range(start, min(end, len(lines)) + 1):
        line = lines[ln - 1]
        if state is None and line.strip() and not line.lstrip().startswith("<"):
            out.append((ln, line))
        state = _scan_html(line, state)
    return out


def _scan_html(line: str, state: tuple | None) -> tuple | None:
    """The HTML tokenizer state after ``line`` (tags, quoted attributes, comments, raw text)."""
    i, n = 0, len(line)
    while i < n:
        if state is None:
            j = line.find("<", i)
            if j < 0:
                return None
            if line.startswith("<!--", j):
                state, i = ("comment",), j + 4
                continue
            m = _TAG_START.match(line, j)
            if m:
                state, i = ("tag", m.group(1).lower(), line[j + 1] == "/", ""), m.end()
            else:
                i = j + 1
        elif state[0] == "comment":
            j = line.find("-->", i)
            if j < 0:
                return state
            state, i = None, j + 3
        elif state[0] == "raw":
            m = re.compile(r"</" + re.escape(state[1]) + r"\b", re.I).search(line, i)
            if not m:
                return state
            state, i = ("tag", state[1], True, ""), m.end()
        else:  # inside a tag
            _, name, closing, quote = state
            while i < n:
                c = line[i]
                if quote:
                    if c == quote:
                        quote = ""
                elif c in "\"'":
                    quote = c
                elif c == ">":
                    break
                i += 1
            if i >= n:
                return ("tag", name, closing, quote)
            i += 1
            self_closing = line[i - 2] == "/" if i >= 2 else False
            state = ("raw", name) if name in _RAW_TEXT_TAGS and not closing and not self_closing else None
    return state


def shingle_hashes(sentences: Sequence[Sequence[str]], k: int = SHINGLE_SIZE) -> array:
    """Sorted unique 32-bit hashes of word k-grams within sentences (a short sentence is one shingle)."""
    return unique_hashes(sentence_shingles(sentences, k))


def unique_hashes(per_sentence: Iterable[Sequence[int]]) -> array:
    """`shingle_hashes` from the per-sentence hashes (`sentence_shingles`, `body_shingles`)."""
    seen: set[int] = set()
    for hs in per_sentence:
        seen.update(hs)
    values = sorted(seen)
    if len(values) > MAX_SHINGLES:
        values = values[:MAX_SHINGLES]
    return array("I", values)


def sentence_shingles(sentences: Sequence[Sequence[str]], k: int = SHINGLE_SIZE) -> list[list[int]]:
    """Per sentence, in order: the hashes of its word k-grams (one shingle for a short sentence)."""
    crc = zlib.crc32
    out = []
    for ws in sentences:
        if len(ws) <= k:
            out.append([crc(" ".join(ws).encode("utf-8"))])
        else:
            out.append([crc(" ".join(ws[i : i + k]).encode("utf-8")) for i in range(len(ws) - k + 1)])
    return out


_WORD_HASHES: dict[str, int] = {}


def word_hash(w: str) -> int:
    """A stable 32-bit hash of a word (summaries and features cross processes: not ``hash``)."""
    h = _WORD_HASHES.get(w)
    if h is None:
        h = zlib.crc32(w.encode("utf-8"))
        if len(_WORD_HASHES) < 500_000:
            _WORD_HASHES[w] = h
    return h


def rare_word_hashes(sentences: Sequence[Sequence[str]]) -> array:
    """Sorted unique `word_hash` of the body's distinctive words (`is_distinctive`), from its
    sentences of two words or more (a number alone is a list label, not a value)."""
    return array("I", sorted({word_hash(w) for ws in sentences if len(ws) > 1 for w in ws if is_distinctive(w)}))


@lru_cache(maxsize=200_000)
def is_distinctive(word: str) -> bool:
    """A number, version or date, or a word rare in general English (a name, product, identifier)."""
    if any(c.isdigit() for c in word):
        return True
    return len(word) > 2 and background_idf(stem(word)) >= DISTINCTIVE_IDF


def minhash(hashes: Sequence[int]) -> array:
    """A MinHash signature of the shingle hashes (rensa, ``NUM_PERM`` permutations)."""
    import rensa

    m = rensa.RMinHash(num_perm=NUM_PERM, seed=1)
    m.update([str(h) for h in hashes])
    return array("I", m.digest())


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Exact Jaccard similarity of two sorted hash arrays."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    inter = len(sa & sb)
    return inter / (len(sa) + len(sb) - inter)


def containment(a: Sequence[int], b: Sequence[int]) -> float:
    """Share of ``a``'s shingles that are also in ``b``."""
    if not a:
        return 0.0
    sb = set(b)
    return sum(1 for h in a if h in sb) / len(a)
