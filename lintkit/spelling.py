"""Spelling: an English dictionary with word frequencies, morphology, British and American
endings, closed compounds, a suggestion engine and the tokeniser of prose lines.

The dictionary is the English unigram list shipped inside ``symspellpy``
(``frequency_dictionary_en_82_765.txt``: SCOWL words with Google Books counts; nothing is
downloaded). Every question is answered once per distinct word and cached.

* `tokens(text)`: the words of a prose line worth checking, with their columns. Chunks that look
  like code (paths, file names, hosts, ``snake_case``, ``a.b``, ``a::b``, ``C++``, e-mail),
  words with digits or inner capitals and all-caps acronyms are left out.
* `Speller.known(word)`: in the dictionary, or a regular inflection or derivation of a word
  that is (suffixes with the e-drop, y-to-i and consonant-doubling rules; common prefixes),
  or the British/American twin of one, or a closed compound of two content words.
* `Speller.suggest(word)`: dictionary words near ``word`` ranked by likelihood: edit
  distance (Damerau; a transposition is one edit), key adjacency of substitutions, whether the
  first letter is kept, and the word's frequency.
* `Speller.split(word)`: a run-together pair ("thelatest" -> "the latest").
* `secondary()`: pyspellchecker's English list (words with counts of 100 or more), and
  `large_list()`: the rarer words of SCOWL's largest lists (shipped in ``lintkit/data``), read
  only when a word would otherwise be flagged; `bigrams()` and `in_context()`: the symspellpy word-pair
  list, read only when a short word is judged.
* Distance-2 candidates come from a deletes index of the long, common words that is built for
  one first letter at a time, when a long word needs it (a one-file check stays fast).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
import re
from itertools import chain
from typing import Iterable, Iterator

from .text import remembered

# --------------------------------------------------------------------------- tokens

_CHUNK = re.compile(r"\S+")
_WORDISH = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# A chunk holding any of these between word characters is code, a path, a host or an address.
_CODEISH = re.compile(r"[\w)\]](?:[/\\@=<>{}#$%^~|+]|\.(?=\w)|::?(?=\w)|_)|[/\\@=<>{}$%^~|+][\w(]|[\w]\(|^[#$@~]\w")
_HAS_DIGIT = re.compile(r"\d")
_INNER_CAP = re.compile(r".[A-Z]")
APOSTROPHES = "'’"
MAX_WORD_LENGTH = 64  # [hostile input, issue 7] longer 'words' are not checked


def tokens(text: str) -> Iterator[tuple[int, str]]:
    """(0-based column, word) for every word of ``text`` outside code-like chunks."""
    for c, w, _k in line_tokens(text):
        yield c, w


_CHUNK_CACHE: dict[str, tuple[tuple[int, str, str | None], ...]] = {}
_CHUNK_CACHE_MAX = 400_000


def line_tokens(text: str) -> list[tuple[int, str, str | None]]:
    """(0-based column, word, key) for every word of ``text`` outside code-like chunks; the key
    (lower case, possessive stripped, straight apostrophes) is None when the word is not
    checkable (`checkable`). Chunks repeat a lot across posts, so each is analysed once."""
    out: list[tuple[int, str, str | None]] = []
    get = _CHUNK_CACHE.get
    find = text.find
    base = 0
    for chunk in text.split():  # the runs of non-space, as ``\S+`` finds them
        base = find(chunk, base)  # only spaces lie between the last chunk and this one
        info = get(chunk)
        if info is None:
            info = _chunk_info(chunk)
            if len(_CHUNK_CACHE) < _CHUNK_CACHE_MAX:
                _CHUNK_CACHE[chunk] = info
        if info:
            if len(info) == 1:
                s, w, k = info[0]
                out.append((base + s, w, k))
            else:
                out.extend([(base + s, w, k) for s, w, k in info])
        base += len(chunk)
    return out


def _chunk_info(chunk: str) -> tuple[tuple[int, str, str | None], ...]:
    """The words of a chunk (`_chunk_words`); a chunk of plain letters, the common case, directly."""
    if chunk.isalpha() and chunk.isascii():
        if len(chunk) < 3 or len(chunk) > MAX_WORD_LENGTH or chunk.isupper() or not chunk[1:].islower():
            return ((0, chunk, None),)
        return ((0, chunk, chunk.lower()),)
    return tuple(_chunk_words(chunk))


# For `line_keys`, by chunk: the keys of its checkable words; the lower case of its alphabetic
# words of two letters or more that are not checkable; whether it holds a one-letter word.
_KEYS_CACHE: dict[str, tuple[str, ...]] = {}
_PROBES_CACHE: dict[str, tuple[str, ...]] = {}
_ONE_LETTER: set[str] = set()


@remembered  # lines repeat across posts (a content farm's copies, a blog's boilerplate)
def line_keys(text: str) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """The keys of ``text``'s checkable words in order (as `line_tokens` gives them, without the
    columns), and, when the line has a one-letter word, the lower case of its other alphabetic
    words that are not checkable (two letters, acronyms); None when it has none. The cheap
    first look at a line: most lines hold only known words and need nothing more."""
    chunks = text.split()  # the same runs of non-space as ``\S+``
    infos = list(map(_KEYS_CACHE.get, chunks))
    if None in infos:
        for c in chunks:
            if c not in _KEYS_CACHE:
                _chunk_keys(c)
        infos = list(map(_KEYS_CACHE.get, chunks))
        if None in infos:  # the cache is full: the long way
            ks: list[str] = []
            ps: list[str] = []
            one = False
            for c in chunks:
                k, p, o = _chunk_keys(c)
                ks.extend(k)
                ps.extend(p)
                one = one or o
            return tuple(ks), tuple(ps) if one else None
    keys = tuple(chain.from_iterable(infos))
    if _ONE_LETTER.isdisjoint(chunks):
        return keys, None
    return keys, tuple(chain.from_iterable(map(_PROBES_CACHE.__getitem__, chunks)))


def _chunk_keys(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    info = _CHUNK_CACHE.get(chunk)
    if info is None:
        info = _chunk_info(chunk)
    keys = tuple(k for _s, _w, k in info if k is not None)
    probes = tuple(w.lower() for _s, w, k in info if k is None and len(w) > 1 and w.isalpha())
    one = any(len(w) == 1 for _s, w, _k in info)
    if len(_KEYS_CACHE) < _CHUNK_CACHE_MAX:
        _PROBES_CACHE[chunk] = probes
        if one:
            _ONE_LETTER.add(chunk)
        _KEYS_CACHE[chunk] = keys  # last: a chunk in this cache is in the other two
    return keys, probes, one


def _chunk_words(chunk: str) -> Iterator[tuple[int, str, str | None]]:
    if _CODEISH.search(chunk):
        return
    for wm in _WORDISH.finditer(chunk):
        w = wm.group(0)
        if _HAS_DIGIT.search(w) or not w.isascii() and not _ascii_letters(w):
            continue
        # a word glued to a digit in its chunk ("10px", "x86-64") is a unit or an identifier;
        # one right after a dot (".txt", ".mov,") a file extension
        s, e = wm.start(), wm.end()
        if (s > 0 and (chunk[s - 1].isdigit() or chunk[s - 1] == ".")) or (e < len(chunk) and chunk[e].isdigit()):
            continue
        key = strip_possessive(w).replace("’", "'").lower() if checkable(w) else None
        if key is not None and len(key) == 3 and ((s > 0 and chunk[s - 1] == "-") or chunk[e : e + 1] == "-"):
            key = None  # a prefix or a particle's plural ("mis-weight", "add-ons"), like "on" unchecked
        yield s, w, key


def _ascii_letters(w: str) -> bool:
    return all(c.isascii() or c in APOSTROPHES for c in w)


def checkable(word: str) -> bool:
    """False for acronyms, words with inner capitals, one- and two-letter words."""
    core = strip_possessive(word)
    # [hostile input, issue 7] no word is longer than MAX_WORD_LENGTH letters; longer runs
    # are junk, and the speller's split/compound/edit searches are quadratic in the length
    # (a 10 MB run of one letter hung the run)
    if len(core) < 3 or len(core) > MAX_WORD_LENGTH:
        return False
    letters = core.replace("'", "").replace("’", "")
    if letters.isupper():
        return False
    if _INNER_CAP.search(letters):
        return False
    return True


def strip_possessive(word: str) -> str:
    for a in APOSTROPHES:
        if word.endswith(a + "s") or word.endswith(a + "S"):
            return word[:-2]
        if word.endswith(a):
            return word[:-1]
    return word


# --------------------------------------------------------------------------- keyboard

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEYPOS = {c: (r, i + 0.5 * r) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}


def adjacent_keys(a: str, b: str) -> bool:
    pa, pb = _KEYPOS.get(a), _KEYPOS.get(b)
    if pa is None or pb is None:
        return False
    return abs(pa[0] - pb[0]) <= 1 and abs(pa[1] - pb[1]) <= 1.0


# --------------------------------------------------------------------------- edit distance


def damerau(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (a transposition is one edit), capped at ``limit``+1."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ca = a[i - 1]
        best = cur[0]
        for j in range(1, lb + 1):
            cb = b[j - 1]
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < best:
                best = v
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[lb]


def edit_kind(a: str, b: str) -> str:
    """For words one edit apart: substitution, transposition, insertion or deletion (of ``a``
    relative to ``b``); "" otherwise."""
    la, lb = len(a), len(b)
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return "sub"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "swap"
        return ""
    if la == lb + 1:  # a has an extra letter
        for i in range(la):
            if a[:i] + a[i + 1 :] == b:
                return "ins"
        return ""
    if lb == la + 1:
        for i in range(lb):
            if b[:i] + b[i + 1 :] == a:
                return "del"
        return ""
    return ""


def moved_letter(w: str) -> set[str]:
    """The words made by moving one letter of ``w`` (not the first) two or more places ("jstu"
    -> "just", "vyer" -> "very"): a letter typed early or late; a move of one place is a swap."""
    out = set()
    for i in range(1, len(w)):
        rest = w[:i] + w[i + 1 :]
        for j in range(1, len(w)):
            if abs(j - i) >= 2:
                out.add(rest[:j] + w[i] + rest[j:])
    out.discard(w)
    return out


def moved_double(w: str) -> set[str]:
    """The words made by writing one doubled letter of ``w`` single and doubling another
    ("tommorow" -> "tomorrow", "begginers" -> "beginners"): the double put on the wrong letter."""
    out = set()
    for i in range(len(w) - 1):
        if w[i] == w[i + 1] and w[i].isalpha():
            single = w[:i] + w[i + 1 :]
            for j in range(1, len(single)):
                ch = single[j]
                # a letter not already doubled, other than the one made single
                if ch.isalpha() and ch != w[i] and single[j - 1] != ch and single[j + 1 : j + 2] != ch:
                    out.add(single[: j + 1] + ch + single[j + 1 :])
    out.discard(w)
    return out


def substitution_pair(a: str, b: str) -> tuple[str, str] | None:
    if len(a) != len(b):
        return None
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) != 1:
        return None
    return a[diff[0]], b[diff[0]]


# --------------------------------------------------------------------------- dictionary

_DICT: dict[str, int] | None = None


def dictionary() -> dict[str, int]:
    """Lower-case word -> count, from the symspellpy English frequency list."""
    global _DICT
    if _DICT is None:
        from importlib.resources import files

        text = files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
        d: dict[str, int] = {}
        for line in text.splitlines():
            w, _, c = line.partition(" ")
            if c.strip().isdigit():
                d[w] = int(c)
        _DICT = d
    return _DICT


_SECOND: dict[str, int] | None = None
SECOND_MIN = 100  # lower counts in that list include common misspellings ("accidently": 50)


def secondary() -> dict[str, int]:
    """A second English word list with counts (pyspellchecker's, when installed), read lazily:
    only a word the first list lacks is looked up."""
    global _SECOND
    if _SECOND is None:
        _SECOND = {}
        try:
            import gzip
            import json
            from importlib.resources import files

            res = files("spellchecker").joinpath("resources", "en.json.gz")
            with gzip.open(res.open("rb"), "rt", encoding="utf-8") as fh:
                _SECOND = {w: c for w, c in json.load(fh).items() if c >= SECOND_MIN}
        except (ImportError, OSError, ValueError):
            _SECOND = {}
    return _SECOND


LARGE_FILE = "scowl_words.txt.gz"  # in lintkit/data/, built by `build_large_file`
_LARGE: "_HashSet | None" = None


def large_list() -> "_HashSet":
    """The rarer real words of SCOWL's largest English lists ("masala", "intubation", "shaders",
    "unary"): read on first use, only when a word would otherwise be flagged."""
    global _LARGE
    if _LARGE is None:
        import gzip
        from importlib.resources import files

        try:
            with gzip.open(files("lintkit").joinpath("data", LARGE_FILE).open("rb"), "rt", encoding="utf-8") as fh:
                _LARGE = _HashSet(fh.read().split())
        except (OSError, ValueError):
            _LARGE = _HashSet(())
    return _LARGE


def build_large_file(sources: Iterable[str], out: str) -> int:
    """Write the large word list: the lower-case, ASCII, alphabetic entries of three letters or
    more of the word-list files ``sources`` that the frequency list lacks (capitalised entries,
    names, are left out: "Frome" is no word for "from"). Built from Debian's wamerican-huge and
    wbritish-huge (SCOWL size 80; licence: lintkit/data/SCOWL-LICENSE.txt):

        python -c "from lintkit.spelling import build_large_file as b; b(['/usr/share/dict/american-english-huge', '/usr/share/dict/british-english-huge'], 'lintkit/data/scowl_words.txt.gz')"
    """
    import gzip

    freq = dictionary()
    words: set[str] = set()
    for src in sources:
        with open(src, encoding="utf-8") as fh:
            for w in fh:
                w = w.strip()
                if len(w) >= 3 and w.isascii() and w.isalpha() and w.islower() and w not in freq:
                    words.add(w)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(("\n".join(sorted(words)) + "\n").encode("utf-8"))
    return len(words)


_BIGRAMS: "_HashSet | None" = None
PHRASE_MIN = 450_000_000  # a word pair this frequent in the bigram list is a set phrase
_PHRASES: frozenset[str] | None = None
CONTEXT_MIN = 10_000_000  # a neighbour this common has its usual pairs in the bigram list


class _HashSet:
    """Membership of strings (word pairs "the cat", words), kept as a sorted array of their
    string hashes: about 8 bytes a string instead of a set's 60-150 (the bigram list has
    ~190,000 pairs, the large word list ~180,000 words). Built in the process that asks, so
    Python's per-process string hash is consistent."""

    def __init__(self, pairs: Iterable[str]) -> None:
        self._hashes = array("q", sorted({hash(p) for p in pairs}))

    def __contains__(self, pair: object) -> bool:
        h = hash(pair)
        i = bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h

    def __len__(self) -> int:
        return len(self._hashes)


def bigrams() -> _HashSet:
    """The common word pairs ("word word") of the symspellpy English bigram list (read on first use)."""
    if _BIGRAMS is None:
        _read_bigrams()
    return _BIGRAMS


def _read_bigrams() -> None:
    """Read the bigram list once for `bigrams` (pairs of common words) and `common_phrase`."""
    global _BIGRAMS, _PHRASES
    from importlib.resources import files

    text = files("symspellpy").joinpath("frequency_bigramdictionary_en_243_342.txt").read_text(encoding="utf-8")
    freq = dictionary()  # only pairs of common words are ever asked for
    pairs: list[str] = []
    phrases: set[str] = set()
    for line in text.splitlines():
        pair, _, c = line.rpartition(" ")
        if not c.isdigit():
            continue
        a, _, b = pair.partition(" ")
        if freq.get(a, 0) >= CONTEXT_MIN and freq.get(b, 0) >= CONTEXT_MIN:
            pairs.append(pair)
        if len(c) >= 9 and int(c) >= PHRASE_MIN:  # 9 digits and more: cheap to rule out
            phrases.add(pair)
    _BIGRAMS, _PHRASES = _HashSet(pairs), frozenset(phrases)


def common_phrase(a: str, b: str) -> bool:
    """Whether "a b" is one of the few thousand commonest word pairs of English ("as well",
    "each other", "a lot", "on top", "in case"): written as one word, a missed space."""
    if _PHRASES is None:
        _read_bigrams()
    return f"{a} {b}" in _PHRASES


def in_context(prev: str, word: str, nxt: str, evidence: bool = False) -> bool:
    """``word`` forms a known word pair with the word before or after it; True when neither
    neighbour is a common word (the bigram list only knows the pairs of common words), unless
    ``evidence`` asks for a pair that is there."""
    freq = dictionary()
    prev = prev if prev.isalpha() and freq.get(prev, 0) >= CONTEXT_MIN else ""
    nxt = nxt if nxt.isalpha() and freq.get(nxt, 0) >= CONTEXT_MIN else ""
    if not prev and not nxt:
        return not evidence
    b = bigrams()
    return (bool(prev) and f"{prev} {word}" in b) or (bool(nxt) and f"{word} {nxt}" in b)


# --------------------------------------------------------------------------- morphology

_VOWELS = set("aeiou")
# Function words: a closed compound never contains one ("thelatest" is two words run together).
FUNCTION_WORDS = frozenset(
    """a an the and or nor but if of to in on at by for from with as is are was were be been am
    it its this that these those he she we you they i me my our your their his her him them us
    not no so than then there here what which who whom whose when where why how all any each
    some such only also just very too can will would should could may might must shall do does
    did has have had""".split()
)
_PREFIXES = ("un", "re", "pre", "non", "dis", "mis", "sub", "super", "over", "under", "inter", "multi",
             "auto", "co", "de", "anti", "semi", "micro", "macro", "mega", "nano", "mini", "out", "up",
             "self", "cross", "meta", "hyper", "post", "counter", "bi", "tri", "mid", "ultra", "pseudo",
             "cyber", "geo", "bio")


def _other_prefix(w: str, c: str) -> bool:
    """``w`` and ``c`` are one word with two different prefixes ("macro-", "micro-")."""
    for p in _PREFIXES:
        if w.startswith(p):
            rest = w[len(p) :]
            head = c[: len(c) - len(rest)]
            if len(rest) >= 4 and c.endswith(rest) and head != p and head in _PREFIXES:
                return True
    return False


def _doubles(base: str) -> bool:
    """A base whose final consonant may double before a vowel suffix (stop -> stopped)."""
    return len(base) >= 2 and base[-1] not in _VOWELS and base[-1] not in "wxy" and base[-2] in _VOWELS


def base_candidates(w: str) -> Iterator[tuple[str, str]]:
    """(base, suffix) pairs that regular English suffix rules could have built ``w`` from."""
    n = len(w)

    def strip(suf: str) -> str | None:
        return w[: n - len(suf)] if w.endswith(suf) and n - len(suf) >= 2 else None

    for suf in ("s", "es"):
        b = strip(suf)
        if b:
            if suf == "s" and not b.endswith("s"):
                yield b, "s"
            elif suf == "es" and b.endswith(("s", "x", "z", "ch", "sh", "o")):
                yield b, "s"
    b = strip("ies")
    if b and b[-1] not in _VOWELS:
        yield b + "y", "s"
    for suf in ("ed", "ing", "er", "est", "ers", "able", "ability", "ably", "ingly", "edly", "ings"):
        b = strip(suf)
        if not b:
            continue
        key = suf.rstrip("s") if suf in ("ers", "ings") else suf
        if b[-1] == "e" and key in ("ed", "er", "est") :
            continue  # "makeed": the e was dropped before a vowel suffix
        if not (b.endswith("e") and key in ("ing", "ingly", "able", "ably") and not b.endswith(("ee", "ye", "oe", "ge", "ce"))):
            yield b, key
        # e-drop: making <- make, used <- use; a soft c or g keeps its e before a or o
        # ("noticeable", "manageable")
        if not b.endswith("e") and not (b.endswith(("c", "g")) and key[0] in "ao"):
            yield b + "e", key
        if len(b) >= 3 and b[-1] == b[-2] and b[-1] not in _VOWELS and _doubles(b[:-1]):
            yield b[:-1], key  # stopped <- stop
        if b.endswith("i") and key in ("ed", "er", "est", "able", "ably", "ability"):
            yield b[:-1] + "y", key  # tried <- try
        if b.endswith("y") and key == "ing" and len(b) >= 2:
            if b[:-1] + "ie" != b:
                yield b[:-1] + "ie", key  # dying <- die
        if b.endswith("ck") and key in ("ed", "ing", "er"):
            yield b[:-1], key  # panicked <- panic
    for suf, repl in (("ily", "y"), ("ly", ""), ("ally", ""), ("ically", "ic"), ("iness", "y"), ("ness", ""),
                      ("ment", ""), ("ments", ""), ("ful", ""), ("less", ""), ("lessly", ""), ("fully", ""),
                      ("ish", ""), ("like", ""), ("wise", ""), ("ship", ""), ("hood", ""), ("ism", ""),
                      ("ist", ""), ("ists", ""), ("ity", ""), ("ities", ""), ("al", ""), ("ize", ""), ("ise", ""),
                      ("ization", "ize"), ("isation", "ise"), ("izations", "ize"), ("isations", "ise"),
                      ("ation", "ate"), ("ations", "ate"), ("ation", "e"), ("ation", ""), ("ive", "e"),
                      ("ively", "e"), ("ably", "able"), ("bly", "ble"), ("ly", "le"),
                      ("ies", "y"), ("ier", "y"), ("iest", "y"), ("ical", "ic"), ("ic", ""), ("ics", "ic"),
                      ("ee", ""), ("ees", ""), ("or", "e"), ("ors", "e")):
        b = strip(suf)
        if b and len(b) >= 3:
            yield b + repl, suf


_GB_US = tuple((gb, us, gb.startswith("ll")) for gb, us in (
    ("isation", "ization"), ("ise", "ize"), ("ising", "izing"), ("ised", "ized"), ("iser", "izer"),
    ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
    ("tre", "ter"), ("tres", "ters"), ("tred", "tered"), ("tring", "tering"), ("bre", "ber"), ("bres", "bers"),
    ("dgement", "dgment"),
    ("llation", "lation"), ("ogue", "og"), ("ogues", "ogs"),
    ("ence", "ense"), ("ences", "enses"), ("lled", "led"), ("lling", "ling"), ("ller", "ler"),
    ("llers", "lers")))


def _starts(w: str, sub: str) -> list[int]:
    """Where ``sub`` starts in ``w``, left to right, without overlaps."""
    out = []
    i = w.find(sub)
    while i >= 0:
        out.append(i)
        i = w.find(sub, i + len(sub))
    return out


def spelling_variants(w: str) -> Iterator[tuple[str, str]]:
    """British/American twins of ``w`` as (twin, which-spelling-``w``-is): "gb" or "us"."""
    n = len(w)
    for i in range(3, n - 1) if ("or" in w or "our" in w) else ():
        if w.startswith("our", i) and n >= 5:
            yield w[:i] + "or" + w[i + 3 :], "gb"  # colour -> color
        elif w.startswith("or", i) and (i + 2 == n or w[i + 2] not in _VOWELS or w[i + 2:].startswith(("ite", "ed", "ing", "able", "er", "ite"))):
            if w[i - 1] in "lvnbmdpruih" and n >= 5:
                yield w[:i] + "our" + w[i + 2 :], "us"  # color -> colour
    for gb, us, double_l in _GB_US:
        if gb in w:
            for i in _starts(w, gb):
                if i >= 2 and (not double_l or (i >= 4 and w[i - 1] in "eao")):
                    yield w[:i] + us + w[i + len(gb) :], "gb"
        if us in w:
            for i in _starts(w, us):
                if i >= 2 and (not double_l or (i >= 4 and w[i - 1] in "eao")):
                    yield w[:i] + gb + w[i + len(us) :], "us"
    for dig in ("ae", "oe"):  # paediatric, oestrogen
        i = w.find(dig, 1)
        if len(w) >= 7 and 1 <= i < len(w) - 3:
            yield w[:i] + "e" + w[i + 2 :], "gb"


# --------------------------------------------------------------------------- the speller

_LETTERS = "abcdefghijklmnopqrstuvwxyz"



# Endings that sound alike; a word built with one where the dictionary has the other is wrong.
_ALTERNATIONS = (("er", "or"), ("ers", "ors"), ("able", "ible"), ("ably", "ibly"), ("ability", "ibility"),
                 ("ant", "ent"), ("ants", "ents"), ("ance", "ence"), ("ancy", "ency"), ("ence", "ance"),
                 ("ent", "ant"), ("ently", "entally"), ("icly", "ically"), ("ibility", "ability"), ("ible", "able"))
ALTERNATION_MIN = 100_000
NEIGHBOUR_MIN = 100_000
VARIANT_SLIP_RATIO = 100  # a slip-neighbour this many times commoner than a spelling twin wins
NEIGHBOUR_RATIO = 1
D2_MIN_LEN = 9  # only words this long get distance-2 suggestions (shorter ones have too many)
D2_INDEX_MIN = 100_000  # and only words at least this common are suggested two edits away  # an attested word this common one edit away makes a derived form suspect
COMPOUND_PART_MIN = 1_000_000  # each part of a closed compound is at least this common
FINAL_PAIR_MIN = 100_000  # words this common tell which two letters English words end with


class Speller:
    """Questions about single lower-case words, each answered once and cached."""

    def __init__(self, extra: frozenset[str] = frozenset()) -> None:
        self.freq = dictionary()
        self.extra = extra
        self._known: dict[str, tuple[str, str] | None] = {}
        self.good: set[str] = set()  # the words `known` has accepted so far
        self._sugg: dict[str, list[tuple[str, float, int]]] = {}
        self._del_index: dict[str, dict[str, list[str]]] = {}
        self._first: dict[str, list[str]] | None = None
        self._near: dict[str, list[tuple[str, int]]] = {}
        self._roots: dict[str, set[str]] = {}
        self._final_pairs: set[str] | None = None

    def ends_like_a_word(self, w: str) -> bool:
        """Whether common English words end with the last two letters of ``w`` ("switcg" does
        not: no word ends in "cg", so its last letter is a slip, not an ending)."""
        if self._final_pairs is None:
            self._final_pairs = {x[-2:] for x, f in self.freq.items() if f >= FINAL_PAIR_MIN and len(x) >= 3}
        return w[-2:] in self._final_pairs

    def in_second(self, w: str) -> bool:
        """In the second word list (read only when a word would otherwise be flagged)."""
        return secondary().get(w, 0) >= SECOND_MIN

    def in_large(self, w: str) -> bool:
        """In the large word list (`large_list`; read only when a word would otherwise be flagged)."""
        return w in large_list()

    def count(self, w: str) -> int:
        return self.freq.get(w, 0)

    def in_dict(self, w: str) -> bool:
        return w in self.freq or w in self.extra

    # ---------------------------------------------------------------- known

    def known(self, w: str) -> tuple[str, str] | None:
        """How ``w`` (lower case, apostrophes straight) is a word: ("dict", w), ("derived", base),
        ("variant:gb"/"variant:us", twin), ("compound", "a b"), or None."""
        r = self._known.get(w, False)
        if r is False:
            r = self._known[w] = self._classify(w)
            if r is not None:
                self.good.add(w)
        return r  # type: ignore[return-value]

    def _classify(self, w: str) -> tuple[str, str] | None:
        if self.in_dict(w):
            return ("dict", w)
        if "'" in w:
            head, _, tail = w.partition("'")
            if tail in ("s", "t", "re", "ve", "ll", "d", "m") or w.endswith("n't"):
                core = head[:-1] if w.endswith("n't") else head
                if core in ("ca", "wo", "sha", "ai") or (self.known(core) if len(core) > 1 else core in ("i",)):
                    return ("dict", w)
            return None
        if "-" in w:
            parts = [p for p in w.split("-") if p]
            if parts and all(len(p) < 3 or self.known(p) for p in parts):
                return ("dict", w)
            return None
        m = self._morph(w, 2)
        if m and not self._wrong_form(w, m):
            return ("derived", m)
        for twin, side in spelling_variants(w):
            if (self.in_dict(twin) or self._morph(twin, 1)) and not self._commoner_slip(w, twin) \
                    and self._re_attested(w, twin):
                return ("variant:" + side, twin)
        c = self.compound(w)
        if c and not self._wrong_form(w, c.split()[0]) and not any(
                f >= NEIGHBOUR_MIN for _n, f in self.neighbours(w)) and not any(
                self.count(m) >= NEIGHBOUR_MIN for m in moved_double(w)):  # "begginers": "beg" + "giners"
            return ("compound", c)  # not "successfull" (successful), "priorties" (priorities)
        return None

    def _re_attested(self, w: str, twin: str) -> bool:
        """For a British -re spelling of an American -er ("centred", "microfibre"): the -re word
        it is built on is in the dictionary ("centre", "fibre"). English writes -re in a few
        dozen words only; elsewhere it is "er" typed backwards ("bettre", "watre", "filtre")."""
        i = next((j for j in range(min(len(w), len(twin))) if w[j] != twin[j]), -1)
        if i < 0 or w[i : i + 2] != "re" or twin[i : i + 2] != "er":
            return True
        head = w[: i + 2]
        return any(self.in_dict(head[j:]) for j in range(len(head) - 3))

    def _commoner_slip(self, w: str, twin: str) -> bool:
        """A word one slip of the fingers from ``w`` is far more common than ``w``'s dictionary
        twin: "waether" is "weather" with two letters swapped, not the British spelling of
        "wether" (a twin the dictionary only derives is not compared)."""
        base = self.count(twin)
        return bool(base) and any(
            c != twin and f >= VARIANT_SLIP_RATIO * base and close_kind(w, c) in ("swap", "drop", "double", "key")
            for c, f in self.neighbours(w))

    def spelled_otherwise(self, w: str) -> str | None:
        """The dictionary's spelling of a regular-looking form that English spells with the
        other of two sound-alike endings ("contributer": "contributor", "reproducable":
        "reproducible", "respondant": "respondent", "accidently": "accidentally"), or without
        the e before -ly ("truely": "truly")."""
        for a, b in _ALTERNATIONS:
            if w.endswith(a) and len(w) - len(a) >= 3:
                c = w[: len(w) - len(a)] + b
                if self.count(c) >= ALTERNATION_MIN:
                    return c
        if w.endswith("ely") and len(w) >= 5 and self.in_dict(w[:-3] + "ly"):
            return w[:-3] + "ly"  # the e dropped before -ly: "truely" (truly), "duely", "wholely"
        return None

    def _wrong_form(self, w: str, base: str) -> bool:
        """A regular-looking form the dictionary spells otherwise ("reseting": "resetting"), or
        one edit from a different, attested word ("beeing": "being", "outweight": "outweigh")."""
        if self.spelled_otherwise(w):
            return True
        for suf in ("ing", "ed", "er", "est"):
            if w.endswith(suf):
                stem_ = w[: -len(suf)]
                if len(stem_) >= 3 and stem_[-1] == stem_[-2] and stem_[-1] != "l":
                    if self.in_dict(stem_[:-1] + suf):
                        return True
                elif len(stem_) >= 3 and stem_[-1] not in _VOWELS and stem_[-1] != "l":
                    if self.in_dict(stem_ + stem_[-1] + suf):
                        return True
        mine = self.roots(w) | {base}
        if self.extra and not self.extra.isdisjoint(mine):
            # an added word ("prepend", "recurse", the `words` option) is vouched for: its
            # regular forms are words too ("prepended" is no "pretended", however rare "prepend")
            return False
        # the neighbour must also be much more common than the base: "beeing" (bee, being),
        # not "kinded" (kind, kindred) or "gists" (gist, gifts)
        # (a prefix is no suffix: "outweight" is "out" + "weight" beside "outweigh")
        # built with a prefix, directly ("un" + "decoded") or below an ending ("repost" + "ed")
        prefixed = (w.endswith(base) and w != base) or (not self.in_dict(base) and any(
            base.startswith(p) and len(base) - len(p) >= 4
            and (self.in_dict(base[len(p) :]) or self._morph(base[len(p) :], 1) is not None)
            for p in _PREFIXES))
        floor = NEIGHBOUR_MIN if prefixed else max(NEIGHBOUR_MIN, NEIGHBOUR_RATIO * self.count(base))
        for c, f in self.neighbours(w):
            if c in mine or f < NEIGHBOUR_MIN:
                continue
            if self.roots(c) & mine:
                # the dictionary's own form of the same word, one edit inside it: "complier"
                # (compiler), "reconcilation" (reconciliation); not an ending ("matchers"),
                # nor another prefix on the same word ("macronutrient" beside "micronutrient")
                if not (w[:-1] == c[:-1] or w[:-1] == c or c[:-1] == w) and not _other_prefix(w, c):
                    return True
            elif f >= floor and (not prefixed or close_kind(w, c)):
                # a prefixed word is another word's slip only by a slip of the fingers:
                # "reposted" is no "reported", nor "unsetting" "upsetting"
                return True
        return False

    def roots(self, w: str) -> set[str]:
        r = self._roots.get(w)
        if r is None:
            r = {w}
            for base, _ in base_candidates(w):
                if len(base) >= 3 and self.in_dict(base):
                    r.add(base)
            for p in _PREFIXES:
                if w.startswith(p) and len(w) - len(p) >= 4:
                    r.add(w[len(p):])
            self._roots[w] = r
        return r

    def _morph(self, w: str, depth: int) -> str | None:
        if depth <= 0 or len(w) < 4:
            return None
        for base, _suf in base_candidates(w):
            if len(base) >= 3 and (self.in_dict(base) or self._morph(base, depth - 1)):
                return base
        for p in _PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 4:
                rest = w[len(p) :]
                if self.in_dict(rest) or self._morph(rest, depth - 1):
                    return rest
        return None

    def compound(self, w: str) -> str | None:
        """"a b" when ``w`` is two content words written together (dropdown, keepalive)."""
        if len(w) < 6:
            return None
        best = None
        for i in range(3, len(w) - 3):
            a, b = w[:i], w[i:]
            if a in FUNCTION_WORDS or b in FUNCTION_WORDS:
                continue
            if self.count(a) >= COMPOUND_PART_MIN and (self.count(b) >= COMPOUND_PART_MIN or (self._morph(b, 1) and len(b) >= 5)):
                score = min(self.count(a), self.count(b) or 1)
                if best is None or score > best[0]:
                    best = (score, f"{a} {b}")
        return best[1] if best else None

    def split(self, w: str) -> tuple[str, str] | None:
        """The most likely pair of dictionary words ``w`` is run together from, if any."""
        best = None
        for i in range(1, len(w)):
            a, b = w[:i], w[i:]
            if len(a) == 1 and a not in ("a", "i"):
                continue
            if len(b) == 1 and b not in ("a", "i"):
                continue
            ca, cb = self.count(a), self.count(b)
            if not ca or not cb:
                continue
            score = math.log(ca) + math.log(cb)
            if best is None or score > best[0]:
                best = (score, a, b)
        return (best[1], best[2]) if best else None

    # ---------------------------------------------------------------- suggestions

    def neighbours(self, w: str) -> list[tuple[str, int]]:
        """Dictionary words one edit from ``w`` with their counts (cached)."""
        r = self._near.get(w)
        if r is None:
            get = self.freq.get
            r = self._near[w] = [(c, f) for c in self.edits1(w) if (f := get(c, 0))]
        return r

    def edits1(self, w: str) -> set[str]:
        splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
        out = {a + b[1:] for a, b in splits if b}
        out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        out |= {a + c + b for a, b in splits for c in _LETTERS}
        out.discard(w)
        return out

    def _deletes_index(self, first: str) -> dict[str, list[str]]:
        """Single deletions (never of the first letter) of the long, common dictionary words
        that start with ``first``, built for one first letter at a time, when needed."""
        idx = self._del_index.get(first)
        if idx is None:
            idx = {}
            for word in self._by_first().get(first, ()):
                for i in range(1, len(word)):
                    idx.setdefault(word[:i] + word[i + 1 :], []).append(word)
            self._del_index[first] = idx
        return idx

    def _by_first(self) -> dict[str, list[str]]:
        if self._first is None:
            self._first = {}
            for word, f in self.freq.items():
                if len(word) >= D2_MIN_LEN - 2 and f >= D2_INDEX_MIN:
                    self._first.setdefault(word[0], []).append(word)
        return self._first

    def candidates2(self, w: str) -> set[str]:
        """Dictionary words (of at least ``D2_INDEX_MIN`` uses) two edits from ``w`` that keep
        its first letter (words of ``D2_MIN_LEN`` letters or more)."""
        if len(w) < D2_MIN_LEN:
            return set()
        idx = self._deletes_index(w[0])
        dels1 = {w[:i] + w[i + 1 :] for i in range(1, len(w))}
        dels2 = {d[:i] + d[i + 1 :] for d in dels1 for i in range(1, len(d))}
        out: set[str] = set()
        for d in {w} | dels1 | dels2:
            if d in self.freq and len(d) >= 4:
                out.add(d)
            out.update(idx.get(d, ()))
        return {c for c in out if damerau(w, c, 2) == 2}

    def suggest(self, w: str, n: int = 3) -> list[tuple[str, float, int]]:
        """Up to ``n`` (word, score, distance), best first. Higher scores are likelier."""
        key = w
        if key in self._sugg:
            return self._sugg[key][:n]
        scored: list[tuple[str, float, int]] = []
        for c, f in self.neighbours(w):
            scored.append((c, self._score(w, c, 1, f), 1))
        if len(w) >= D2_MIN_LEN:
            for c in self.candidates2(w):
                scored.append((c, self._score(w, c, 2, self.count(c)), 2))
        scored.sort(key=lambda t: (-t[1], t[0]))
        self._sugg[key] = scored[:5]
        return scored[:n]

    def _score(self, w: str, c: str, dist: int, f: int) -> float:
        s = math.log10(max(f, 1))
        if dist == 1:
            kind = edit_kind(w, c)
            if kind == "sub":
                a, b = substitution_pair(w, c) or ("", "")
                if adjacent_keys(a, b):
                    s -= 0.5
                elif a in _VOWELS and b in _VOWELS:
                    s -= 1.0
                else:
                    s -= 2.0
            elif kind == "swap":
                s -= 0.3
            elif kind == "ins":  # w has an extra letter
                i = next((k for k in range(len(w)) if w[:k] + w[k + 1 :] == c), 0)
                doubled = (i > 0 and w[i - 1] == w[i]) or (i + 1 < len(w) and w[i + 1] == w[i])
                fat = (i > 0 and adjacent_keys(w[i], w[i - 1])) or (i + 1 < len(w) and adjacent_keys(w[i], w[i + 1]))
                s -= 0.3 if doubled else 0.5 if fat else 0.8
            else:  # w lacks a letter
                s -= 0.6
            if w[0] != c[0] and kind != "swap":
                s -= 1.5
        else:
            s -= 4.0
            if w[0] != c[0]:
                s -= 1.5
        return s


# Endings of program and project names glued to a word: systemd, etcd, mongodb, nodejs, kubectl,
# cdylib, procfs, tokio-io.
_IDENT_TAILS = ("d", "db", "js", "ctl", "lib", "fs", "io", "ql", "kit", "sdk", "cli", "api")


def identifier_like(speller: "Speller", w: str) -> bool:
    """A lower-case word that is a known word glued to a program-name ending ("systemd")."""
    for t in _IDENT_TAILS:
        if w.endswith(t) and len(w) - len(t) >= 4:
            head = w[: -len(t)]
            if head[-1] == t[0] or (t == "d" and head[-1] in _VOWELS):
                continue  # "used", "agreed": a past tense, not a daemon; "andd": a doubled key
            if speller.in_dict(head) and speller.count(head) >= NEIGHBOUR_MIN:
                return True
    return False


_OXFORD = ("ize", "izing", "ized", "izer", "ization", "izations", "izes")


def locale_twin(speller: "Speller", w: str, locale: str) -> str | None:
    """The spelling ``locale`` ("en-US" or "en-GB") uses for ``w``, when ``w`` is the other
    side's spelling of a word; None when ``w`` is fine in ``locale``."""
    if locale not in ("en-US", "en-GB"):
        return None
    wrong = "gb" if locale == "en-US" else "us"
    for twin, side in spelling_variants(w):
        if side != wrong:
            continue
        if wrong == "us" and any(x in w for x in _OXFORD) and "is" in twin and "iz" not in twin:
            continue  # Oxford spelling: -ize is British too
        if speller.in_dict(twin) or speller._morph(twin, 1):
            return twin
    return None


def double_slip(w: str, c: str) -> bool:
    """``w`` is ``c`` with a doubled letter written once, or a single letter written twice
    ("formating", "tittles"): the commonest misspelling there is."""
    if len(c) == len(w) + 1:
        longer, shorter = c, w
    elif len(w) == len(c) + 1:
        longer, shorter = w, c
    else:
        return False
    return any(longer[i] == longer[i + 1] and longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer) - 1))


def close_kind(w: str, c: str) -> str:
    """The edit from ``w`` to ``c`` when it is a likely slip of the fingers: "swap" (two letters
    swapped), "key" (an adjacent key, not the first letter), "drop" (``w`` lacks a letter, not
    the first), "double" (``w`` has a doubled letter ``c`` has once), "fat" (``w`` has an extra
    letter, not the first or the last, whose key is next to a neighbouring letter's); ""
    otherwise."""
    kind = edit_kind(w, c)
    if kind == "swap":
        return "swap"
    if kind == "sub":
        a, b = substitution_pair(w, c) or ("", "")
        return "key" if w[0] == c[0] and adjacent_keys(a, b) else ""
    if kind == "del":
        return "drop" if w[0] == c[0] else ""
    if kind == "ins":
        for i in range(1, len(w)):
            if w[:i] + w[i + 1 :] == c:
                if i == 1 and w[0] == w[1]:
                    return ""  # a doubled first letter is a handle ("ggomez") more often than a slip
                if w[i - 1] == w[i] or (i + 1 < len(w) and w[i + 1] == w[i]):
                    return "double"
                # a neighbouring key caught with the intended one ("tghe", "anbd")
                if i + 1 < len(w) and (adjacent_keys(w[i], w[i - 1]) or adjacent_keys(w[i], w[i + 1])):
                    return "fat"
    return ""
