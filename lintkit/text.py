"""Words for topic and similarity rules: tokenising, stop words, a light stemmer, background
word statistics.

* `words(text)`: lower-cased word tokens (letters and digits, inner apostrophes and hyphens
  kept as part of the word; curly apostrophes normalised).
* `terms(text)`: content terms: `words` minus stop words and very short tokens, stemmed.
* `stem(word)`: a light, predictable English suffix stripper (plural, -ing, -ed, -ly ...), so
  "recovery"/"recover"/"recovering" and "photos"/"photo" meet. Not a linguistic stemmer.
* `background_idf(term)`: how informative a term is in general English, from the word counts
  of a general corpus shipped inside the ``symspellpy`` package (nothing is downloaded). Used
  when a run has too few posts for the site's own statistics, and blended with them otherwise.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache, wraps
from typing import Any, Callable, TypeVar

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_WORD_LOWER = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*", re.UNICODE)  # on text already lower-cased

# A general English stop-word list (function words and the most generic verbs/adverbs).
STOP_WORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and another any anyone
    anything are aren't around as at be became because become been before being below between both but by
    can can't cannot could couldn't did didn't do does doesn't doing don't done down during each either
    else enough even ever every few for from further get gets getting got had hadn't has hasn't have
    haven't having he her here hers herself him himself his how however i if in into is isn't it it's its
    itself just least less let let's like likely made make makes many may maybe me might mine more most
    much must my myself neither never no nor not now of off often on once one only or other others our
    ours ourselves out over own per perhaps quite rather really same see seen several shall she should
    shouldn't since so some something sometimes still such than that that's the their theirs them
    themselves then there there's these they they're this those though through thus to too toward
    towards under until up upon us use used uses using very via was wasn't we we're were weren't what
    what's when where whether which while who whom whose why will with within without won't would
    wouldn't yet you you're your yours yourself yourselves able across already anyway etc e.g i.e vs
    new way ways well want need needs go goes going know take takes first two three next last back
    """.split()
)


# Per-block and per-line results that depend only on the text (a block's prose, a line's words,
# a block's sentences, a link-free line's kind in a link list) are remembered in each worker: a
# site repeats its boilerplate and a content farm its paragraphs (about half the non-blank lines
# of the shared corpora are repeats). Only the last few thousand of each (an LRU: memory stays
# flat on any site; repeats are mostly within a site, which a worker reads in runs of
# neighbouring files), and no text longer than MEMO_CHARS (seldom repeated).
T = TypeVar("T")
MEMO_SIZE = 2048
MEMO_CHARS = 2_000


def remembered(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn(text, *more)`` with the results for the last `MEMO_SIZE` texts of up to `MEMO_CHARS`
    characters remembered (longer texts are computed each time). Results are shared between
    callers: do not modify them. ``.cache_info()`` as `functools.lru_cache` gives it."""
    memo = lru_cache(maxsize=MEMO_SIZE)(fn)

    @wraps(fn)
    def call(text: str, *more: Any) -> T:
        return memo(text, *more) if len(text) <= MEMO_CHARS else fn(text, *more)

    call.cache_info = memo.cache_info  # type: ignore[attr-defined]
    return call


_LABEL_SEP = re.compile(r"[\s_-]+")


def label_key(text: str) -> str:
    """A tag, category or keyword as one key ("Road-Trip", "road_trip", "road trip": "road trip")."""
    return " ".join(_LABEL_SEP.split(text.strip().lower())).strip()


def normalise_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    # Lower-casing first gives the same tokens (the pattern has no case) in one C call per text.
    if "\u0130" in text:  # 'İ' lower-cases to two code points: tokenise first, then lower
        return [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return _WORD_LOWER.findall(text.lower().replace("’", "'"))


# Irregular past forms and plurals -> their base word, where the form has no other common
# meaning ("caught" is "catch"; not "left", "found", "saw", "rose", "felt", "thought", "lives")
IRREGULAR_FORMS = {
    form: base
    for base, forms in (
        ("catch", "caught"), ("teach", "taught"), ("buy", "bought"), ("bring", "brought"),
        ("fight", "fought"), ("seek", "sought"), ("run", "ran"), ("write", "wrote written"),
        ("eat", "ate eaten"), ("drive", "drove driven"), ("give", "gave given"), ("take", "took taken"),
        ("grow", "grew grown"), ("know", "knew known"), ("fly", "flew flown"), ("swim", "swam swum"),
        ("begin", "began begun"), ("sing", "sang sung"), ("ride", "rode ridden"), ("choose", "chose chosen"),
        ("freeze", "froze frozen"), ("speak", "spoken"), ("break", "broke broken"), ("steal", "stole stolen"),
        ("go", "went gone"), ("see", "seen"), ("sell", "sold"), ("tell", "told"), ("keep", "kept"),
        ("sleep", "slept"), ("mean", "meant"), ("hear", "heard"), ("pay", "paid"), ("build", "built"),
        ("send", "sent"), ("spend", "spent"), ("lose", "lost"), ("understand", "understood"),
        ("forget", "forgot forgotten"), ("hide", "hid hidden"), ("bite", "bitten"), ("shake", "shook shaken"),
        ("fall", "fallen"), ("mouse", "mice"), ("child", "children"), ("woman", "women"), ("foot", "feet"),
        ("tooth", "teeth"), ("goose", "geese"), ("knife", "knives"), ("wife", "wives"), ("wolf", "wolves"),
        ("half", "halves"), ("shelf", "shelves"), ("calf", "calves"), ("loaf", "loaves"), ("thief", "thieves"),
    )
    for form in forms.split()
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Strip common English inflectional suffixes (light and predictable); an irregular form
    becomes the stem of its base word (`IRREGULAR_FORMS`: "caught" -> "catch")."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    base = IRREGULAR_FORMS.get(w)
    if base is not None:
        return stem(base)
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl, min_len in (
        ("ational", "ate", 4), ("ization", "ize", 4), ("fulness", "ful", 4), ("ousness", "ous", 4),
        ("iveness", "ive", 4), ("ies", "y", 3), ("ied", "y", 3), ("sses", "ss", 3), ("ments", "ment", 4),
        ("ingly", "", 4), ("edly", "", 4), ("ing", "", 4), ("ed", "", 4), ("ery", "er", 4),
        ("ers", "er", 3), ("ly", "", 5), ("es", "e", 4), ("s", "", 3),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= min_len:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            base = w[: len(w) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop, running -> run
            return base
    return w


def terms(text: str) -> list[str]:
    """Content terms of ``text``: no stop words, no tokens shorter than 3 letters, stemmed."""
    out = []
    for w in words(text):
        if w in STOP_WORDS or len(w) < 3 or w.isdigit():
            continue
        out.append(stem(w))
    return out


# --------------------------------------------------------------------------- background statistics

_BACKGROUND: dict[str, float] | None = None
_BACKGROUND_MAX = 0.0


BACKGROUND_FILE = "background_terms.txt"  # in lintkit/data/, built by `build_background_file`


def _stem_digest() -> str:
    """Names the stemmer a shipped table was built with: a changed stemmer makes it stale."""
    import hashlib
    import inspect

    source = inspect.getsource(stem.__wrapped__) + repr(sorted(IRREGULAR_FORMS.items()))
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def background_counts() -> dict[str, int]:
    """Stemmed term -> count, summed over the symspellpy English unigram counts (slow: ~0.6 s)."""
    counts: dict[str, int] = {}
    try:
        from importlib.resources import files

        text = files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    except (ImportError, OSError, ModuleNotFoundError):  # pragma: no cover - dependency missing
        text = ""
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            t = stem(parts[0])
            counts[t] = counts.get(t, 0) + int(parts[1])
    return counts


def build_background_file(path: str | None = None) -> str:
    """Write the stemmed background table shipped in lintkit/data/ (run after changing `stem`)."""
    from pathlib import Path

    target = Path(path) if path else Path(__file__).with_name("data") / BACKGROUND_FILE
    counts = background_counts()
    lines = [f"# stemmed unigram counts from symspellpy frequency_dictionary_en_82_765.txt; stem {_stem_digest()}"]
    lines += [f"{t}\t{c}" for t, c in sorted(counts.items())]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(target)


def _shipped_counts() -> dict[str, int] | None:
    """The prebuilt table, when present and built with this stemmer (a fast load: ~50 ms)."""
    from pathlib import Path

    try:
        text = (Path(__file__).with_name("data") / BACKGROUND_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    head, _, body = text.partition("\n")
    if not head.endswith(f"stem {_stem_digest()}"):
        return None
    counts = {}
    for line in body.splitlines():
        t, _, c = line.partition("\t")
        if c.isdigit():
            counts[t] = int(c)
    return counts


def _load_background() -> dict[str, float]:
    """idf-like weights from the symspellpy English unigram counts, keyed by stemmed term."""
    global _BACKGROUND, _BACKGROUND_MAX
    if _BACKGROUND is not None:
        return _BACKGROUND
    counts = _shipped_counts()
    if counts is None:
        counts = background_counts()
    total = sum(counts.values()) or 1
    # The 82,765 words cover ordinary English; anything missing is rarer than the rarest listed.
    _BACKGROUND = {t: math.log(total / c) for t, c in counts.items()}
    _BACKGROUND_MAX = max(_BACKGROUND.values(), default=20.0) + 1.0
    return _BACKGROUND


def background_idf(term: str) -> float:
    """-log(relative frequency) of a stemmed term in general English (unknown: rarer than all)."""
    table = _load_background()
    return table.get(term, _BACKGROUND_MAX)


def background_max() -> float:
    _load_background()
    return _BACKGROUND_MAX


def is_common_word(word: str, max_idf: float = 12.0) -> bool:
    """True for words frequent in general English (used to tell generic from topical terms)."""
    return background_idf(stem(word)) <= max_idf
