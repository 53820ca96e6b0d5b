"""Body signatures for near-duplicate detection: normalised words, shingles, MinHash.

* `body_words(post, skip_lines)`: the words a reader sees as the post's own text: prose only
  (no code, URLs, HTML, ad markup, link destinations), without the given lines (link lists)
  and without a leading heading (copies usually carry their own title heading), lower-cased.
* `shingle_hashes(words_by_sentence, k)`: stable 32-bit hashes of word k-grams taken inside
  sentences, so reordering sentences or paragraphs keeps most shingles.
* `minhash(hashes)`: a MinHash signature (``rensa``), for LSH candidate search; candidates are
  then verified with the exact Jaccard similarity of the shingle sets (`jaccard`).
"""

from __future__ import annotations

import re
import zlib
from array import array
from typing import Iterable, Sequence

from .text import normalise_apostrophes, words

SHINGLE_SIZE = 4
NUM_PERM = 128
MAX_SHINGLES = 8192  # bottom-k cap: Jaccard on very long bodies is estimated from the smallest hashes
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n{2,}")


def body_sentences(post, skip_lines: Iterable[int] = ()) -> list[list[str]]:
    """The post's prose as sentences of lower-cased words (see module docs)."""
    skip = set(skip_lines)
    prose = [p for p in post.prose if p.line not in skip]
    # Drop a heading that opens the body: retitled copies carry their own.
    while prose and prose[0].block == "heading":
        first = prose[0].line
        prose = [p for p in prose if p.line != first]
    text = "\n".join(p.text.strip() if p.block != "heading" else "\n\n" + p.text.strip() + "\n\n" for p in prose)
    text = normalise_apostrophes(text)
    out = []
    for sentence in _SENTENCE_END.split(text):
        ws = words(sentence)
        if ws:
            out.append(ws)
    return out


def shingle_hashes(sentences: Sequence[Sequence[str]], k: int = SHINGLE_SIZE) -> array:
    """Sorted unique 32-bit hashes of word k-grams within sentences (a short sentence is one shingle)."""
    seen: set[int] = set()
    crc = zlib.crc32
    for ws in sentences:
        if len(ws) <= k:
            seen.add(crc(" ".join(ws).encode("utf-8")))
            continue
        for i in range(len(ws) - k + 1):
            seen.add(crc(" ".join(ws[i : i + k]).encode("utf-8")))
    values = sorted(seen)
    if len(values) > MAX_SHINGLES:
        values = values[:MAX_SHINGLES]
    return array("I", values)


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
