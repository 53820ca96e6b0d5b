"""Is a post written in English? For rules whose knowledge is English (the spelling dictionary).

A multilingual site (a Hugo or Jekyll site with translations, a blog that writes some posts in
French) holds posts an English dictionary cannot judge: every other French word is "one slip"
from an English one ("langage", "garder"). `written_in_english` says no when:

* the front matter declares another language (``lang``, ``language`` or ``locale``: ``fr``,
  ``de-DE``, ``pt_BR``, ``Français``; ``en``, ``en-GB`` and ``English`` are English; a value
  that is no language tag or name, such as ``language: python``, declares nothing), or
* the prose has at least `MIN_WORDS` words, hardly any of them English function words
  ("the", "and", "with": under `MAX_ENGLISH_SHARE` of the words; English prose, even a post of
  lists and tables, has several percent) and many of them function words of another language
  that writes in Latin letters (German, French, Spanish, Portuguese, Italian, Dutch: at least
  `MIN_OTHER_SHARE`).

Both tests are needed before a post is set aside: an English changelog of version numbers and
names has few English function words but no foreign ones either, and stays checked. Scripts
other than Latin need no test: their words are never checked against the English dictionary.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Any, Iterable

LANGUAGE_KEYS = ("lang", "language", "locale")
MIN_WORDS = 30
MAX_ENGLISH_SHARE = 0.015
MIN_OTHER_SHARE = 0.05

# Frequent English words that are not also frequent words of the languages below ("is" is
# Dutch, "was" and "will" German, "of" Dutch, "for" Danish and Norwegian: left out).
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and to that it with you this are from your have not but they what which would there "
    "their been has were when more can these those about into than then our its".split()
)
# Frequent function words of German, French, Spanish, Portuguese, Italian and Dutch that are not
# English words a blog uses ("die", "den", "van", "los", "las", "mit", "per", "non", "com" and
# "do" are: left out).
OTHER_FUNCTION_WORDS = frozenset(
    # German
    "der das und ist nicht ein eine einen einem mit auf für sich auch dass wird sind wir ich "
    "oder wie bei nach noch aus zum zur über kann werden "
    # French
    "le la les des est une pour dans que qui pas sur avec du au aux ce cette et il elle nous vous "
    "sont mais leur ou être fait plus "
    # Spanish and Portuguese
    "el que en por una del con para es se lo como más pero sus al uma não mais ao pela pelo "
    "está são também "
    # Italian
    "il che di sono della delle degli gli nel alla anche questo è "
    # Dutch
    "het een en niet dat op te zijn voor wordt ook bij naar".split()
)
# ISO 639-1 codes: a ``language: python`` (a tutorial's programming language) is no language tag
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu "
    "hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb "
    "lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om "
    "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
    "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)
# Language names as a front matter may spell them (in English and in the language itself).
LANGUAGE_NAMES = frozenset(
    "english french français francais german deutsch spanish español espanol castellano "
    "portuguese português portugues italian italiano dutch nederlands swedish svenska danish "
    "dansk norwegian norsk finnish suomi polish polski czech čeština turkish türkçe russian "
    "русский ukrainian українська greek ελληνικά romanian română hungarian magyar indonesian "
    "vietnamese tiếng chinese 中文 japanese 日本語 korean 한국어 arabic العربية hebrew עברית hindi "
    "catalan català galician galego basque euskara".split()
)
_TAG = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]{2,8})*", re.I)


def declared_language(front_matter_data: Any) -> str | None:
    """The language the front matter declares, lower case (``fr-ca``, ``deutsch``), or None:
    the first of ``lang``, ``language`` and ``locale`` that is an ISO 639-1 tag (with a region
    or script: ``pt-BR``, ``zh_Hant``) or a language name."""
    if not isinstance(front_matter_data, dict):
        return None
    for key in LANGUAGE_KEYS:
        value = front_matter_data.get(key)
        if not isinstance(value, str):
            continue
        tag = value.strip().lower()
        m = _TAG.fullmatch(tag)
        if (m and m.group(1) in ISO_639_1) or tag in LANGUAGE_NAMES:
            return tag
    return None


def is_english_tag(tag: str) -> bool:
    """``en``, ``en-US``, ``en_GB``, ``English`` (any case)."""
    tag = tag.strip().lower()
    m = _TAG.fullmatch(tag)
    return (m is not None and m.group(1) == "en") or tag == "english"


def looks_english(words: Iterable[str], total: int | None = None) -> bool:
    """False when lower-cased ``words`` read as another language (see the module docs).
    ``total``, the number of words when known, lets an English text stop being read early."""
    if total is None:
        words = list(words)
        total = len(words)
    if total < MIN_WORDS:
        return True
    enough = MAX_ENGLISH_SHARE * total
    english = other = 0
    for w in words:
        if w in ENGLISH_FUNCTION_WORDS:
            english += 1
            if english >= enough:
                return True
        elif w in OTHER_FUNCTION_WORDS:
            other += 1
    return other < MIN_OTHER_SHARE * total


def written_in_english(post: Any) -> bool:
    """False when ``post`` declares another language or its prose reads as one."""
    tag = declared_language(post.front_matter.data)
    if tag is not None:
        return is_english_tag(tag)
    lines = post.prose_words
    return looks_english(chain.from_iterable(lines), sum(map(len, lines)))
