"""Misspelled words in prose, the title and the description.

## What it flags
Words that are not English words and are not the site's own vocabulary, in the prose a reader
sees: headings, paragraphs, list items, table cells, link text, image alt text, and the
`title` and `description` (or `summary`, `excerpt`, `subtitle`) values of the front matter.
Each finding gives the word's line and column and up to three suggestions ranked by
likelihood:

    possible misspelling 'recieve'; did you mean 'receive', 'relieve'?

Also flagged: two words run together when one of them is one of the commonest function words or
both are function words ("thelatest" -> "the latest", "wouldhave" -> "would have"; closed
compounds such as *dropdown* or *keepalive* are words; a word ending in "a" is a loan word,
"matcha", and "a" before a rarer word the prefix of "avascular"), or when they are one of the
few thousand commonest word pairs of English in the bigram list shipped with `symspellpy` and
the second has three letters or more ("aswell", "eachother", "ontop", "alot"; not "workin"), and
a word broken in two by a stray space ("c omputer" -> "computer"; with one part a word of three
letters or more, only into a word of 5M uses or more: "cabi net" -> "cabinet").

A word counts as English when the dictionary has it (the English word list with frequencies
shipped inside `symspellpy`; pyspellchecker's list too, when that package is installed; and for a
word that would otherwise be flagged as a likely edit of another, the rarer real words of SCOWL's
largest lists, shipped in `lintkit/data`: "masala", "intubation", "shaders", "unary", but not a
short word, a form wrong in itself, a doubled letter written once or an edit of a word of 6M uses
or more, "wich", "accidently", "formating", "searcing", which those lists hold as rare words or
variants), or when
it is a regular inflection or derivation of a dictionary word (suffixes with the e-drop, y-to-i
and consonant-doubling rules, common prefixes), its British or American twin (a British -re
form only when built on an -re word the dictionary has: "microfibre" on "fibre", not "bettre";
and not when one slip of the fingers from a word a hundred times commoner than the twin:
"waether" is no British "wether" but "weather" with two letters swapped), or a closed compound
of two common content words. A regular-looking form is still flagged when the
dictionary spells it otherwise: "reseting" (resetting), "noticable" (a soft c or g keeps its e),
"contributer", "reproducable", "respondant", "automaticly" (the other of two sound-alike
endings), "truely" (the e dropped before -ly: "truly"), "complier" (the dictionary's own form of
the same word is one edit away; another prefix on the same word is no such form: "macronutrient"
beside "micronutrient"), "beeing" (one edit from a different, much more common word), unless the
site always capitalises it, inside sentences too, on several distinct lines of two posts or more
("Razer" is a brand, not "razor" misspelt). A tripled letter ("stilll") is always a typo.

An unknown word is flagged when it is likely a typo of a common word: one slip of the fingers
away (two letters swapped, a letter dropped or doubled, a neighbouring key pressed instead of or
along with the intended one), the first letter kept, from a word common enough; words of seven
letters or more may also be one other edit away (a vowel for a vowel, or a vowel spoken into the
word as in "culpurit", costs less; the longer the word, the less common the corrected word must
be) from a very common word, or a common word plus a final letter no English ending ends with
("althought"; for a function word such as *also* or *will* from five letters: "alsot"; for a
function word of three letters or more an "e" too, which ends other words but no function word:
"frome", only in lower case), words of
ten letters or more two edits, and words of nine two edits from their only candidate, a common
word they do not merely extend ("neccesary", not "changeset"), and words of six letters or more
whose doubled letter sits on the wrong letter ("tommorow", "begginers"). A change at the last
letter alone looks like an ending ("callee", "lexer") and counts only as a swap or a doubled
letter (or a final "ee"/"oo" typed once: "coffe", "committe"), or as a neighbouring key where
no common word ends with the typo's last two letters
("switcg", "windoq"; not a final z for an s, a slang plural: "skillz"). A lower-case word on one
line of a post, one slip from a word the post writes on two lines or more, is that word misspelt
however rare the word ("sprockwet" in a post about its "sprocket"). A word of three or four
letters must be a slip of a very common word (for four letters, also a letter typed two places
early or late: "jstu", "vyer") *and* that word must pair, in the bigram list shipped with
`symspellpy`, with a common neighbouring word ("walked to tghe shed").

Never checked: code blocks and inline code, URLs, e-mail addresses, file paths and host names,
`snake_case`, `a.b` and `a::b` identifiers, HTML tags and attributes, template tags, front-matter
keys, words with digits (`x86_64`, hashes, versions) or inner capitals (`iPhone`, `GitHub`),
all-caps acronyms, words of one or two letters and words with non-English letters, a word right
after a dot (a file extension: `.txt`), three-letter parts of hyphenated words (prefixes and
particle plurals: `mis-weight`, `add-ons`, `plug-ins`), the parts of a hyphenated word the
dictionary writes closed (`criss-cross`), a combining form in -o before a hyphen
(`lacto-vegetarian`, `meteo-station`), and words of a name or phrase in another language:
within two words of a function word of French, Spanish, Portuguese, Italian, German or Dutch in
the same clause, not joined to it by a hyphen ("Palacio de Bellas Artes", "pescado a la talla";
"de-dupicate" is still checked), or such a word itself between two capitalised words ("Parque
das Nações") or after an unknown word and before a capitalised or unknown one ("cozido das
Furnas"; "three das in town" is a typo), or a capitalised word one space from a capitalised
word with a letter English does not write ("Salle Pérou", "Villa Müller"), or an
italic phrase of two words or more, most of them unknown ("*vou a fazer*": italics set off a
phrase of another language).

Names, brands and jargon: a word the site itself uses on several distinct prose lines is
accepted (`site-min-lines`; lines copied verbatim into many posts count once, so a typo in a
body copied across a content farm is still flagged), and so is its plural in -s, and a word on
three distinct lines of one post (the post's own topic). A word one slip from a word the run
uses far more often needs much more evidence, and is flagged when that word is one the site
builds itself ("Kuberentes" beside "Kubernetes"), unless the site writes it on `NEIGHBOUR_LINES`
(20) distinct lines of two posts or more: a typo is not repeated that often, a second name is
("Merigan" beside "Merrigan"). Also accepted: a word that stands on its line outside the prose
as a whole URL segment or in code (`[name](https://host/name)`; a hyphenated slug does not
count, it copies the title), a word that appears in the post's code, a short word the post also
writes as a file extension ("convert the txt" beside "save it as .txt"), a common word glued to
a program-name ending (`systemd`, `mongodb`; but not a past tense with its e dropped where the
past tense forms a common word pair with a neighbour: "something happend"), a short list of
technical words the dictionary lacks (`repl`, `ascii`, `prepend`; `data/misspelling.yaml`), the `words` option, the words of
the `words-file` (the regular forms of all of these too: `prepended`, `recursing`), the words
listed in a `cSpell:ignore` / `cSpell:words` / `spell-checker: ignore` comment in the post, and
lines under `<!-- lintkit-disable-next-line misspelling -->`. A capitalised word inside a
sentence (likely a name; the first word of a table cell opens one) is flagged only when it is
one slip from a common word (or a swap of a word the run uses far more often: "Andorid"); a line
whose distinct words are mostly unknown, or a list item of one or two words (a list of names or
handles), or a word with two other unknown words within three words of it in the same sentence
and outside its brackets (a run of names or foreign terms: "ancho, mulato and pasilla chiles",
"tokio, serde and reqwest"), or a word of a credit (two to four capitalised words alone in
brackets: "fix the cache (Jana Kowalczyk)") or of a scientific name (a genus and a Latin epithet
in italics or alone in brackets: "*Salix alba*", "(Salix alba)"), or the bold term opening a
list item before a dash (a glossary or a list of names: "9. **Ronan** – Irish, meaning little
seal"), or a surname of a reference ("Deiner, K., Bik, H. M.", "Deiner et al.") or an epithet
after a rank ("subsp. *hermaphroditum*"), is left alone but for wrong
forms and tripled letters (a line of a paragraph whose other unknown words are the site's
vocabulary is no such list: "Clippy erronously suggested" still flags its lower-case typo), and
on a line of mostly capitalised words only a long word one slip from a common word is flagged.

Posts in another language are not checked: the dictionary is English, and every other word of
a French or Spanish post is "one slip" from an English one ("langage", "garder"). A post is in
another language when its front matter says so (`lang`, `language` or `locale` with an ISO 639-1
tag or a language name: `fr`, `de-DE`, `pt_BR`, `Español`; `en`, `en-GB` and `English` are
English; `language: python` says nothing), or when its prose, of 30 words or more, has hardly
any English function words and many of German, French, Spanish, Portuguese, Italian or Dutch
(`lintkit.language`). `lang: en` makes the rule check a post whatever its words.

## Why it matters
Typos make a post look careless, and in titles and headings they cost search traffic: readers
search for the right spelling. Content farms that copy and spin articles leave telltale typos
across dozens of posts.

## Example
Bad:

```markdown
---
title: Choosing a backup tool
---
You will recieve an email when the backup is finished, adn the report lists every file.
```

Good:

```markdown
---
title: Choosing a backup tool
---
You will receive an email when the backup is finished, and the report lists every file
copied by `rsync` to `/srv/backup/` (see https://example.com/docs).
```

## Options
| option | type | default | meaning |
|---|---|---|---|
| `locale` | 'any' \\| 'en-US' \\| 'en-GB' | `'any'` | `any` accepts British and American spellings alike; `en-US` flags British spellings (colour, organise, centre, travelled) and `en-GB` American ones (color, center, traveled, analyze; `-ize` is accepted, as in Oxford spelling) |
| `words` | list[str] | `[]` | extra words to accept (case-insensitive) |
| `words-file` | str | `''` | a text file of extra words, one per line (`#` starts a comment); a relative path is read from the current directory |
| `site-min-lines` | int | `3` | an unknown word the site uses on at least this many distinct prose lines (of at least two posts) is site vocabulary and accepted |

## Fix
None by default. When the top suggestion is clearly ahead of the others, the finding carries an
**unsafe** fix that replaces the word by it (keeping the word's capitalisation); run-together
words get the space back, broken words lose it. Apply with `--fix --unsafe-fixes` after
reviewing: a name or a deliberate spelling could be "corrected" too.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Mapping

from lintkit import spelling as sp
from lintkit.language import OTHER_FUNCTION_WORDS, written_in_english
from lintkit.rule import Edit, Finding, Fix, FixSafety, Option, Rule, Severity

SUMMARY_VERSION = "m5"
FM_KEYS = ("title", "linkTitle", "description", "summary", "excerpt", "subtitle")
_CSPELL = re.compile(r"(?i)(?:cspell|spell-?checker)\s*:\s*(?:ignore|words)\b([^\n]{0,2000})")
_CSPELL_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_RUNS = re.compile(r"(.)\1*")
_SENT_END = re.compile(r"[.!?:;]['\"’”)\]]*\s*$|^\s*$|[\"“(\[]\s*$|\s[-–—]\s*$")

# ----------------------------------------------------------------------------- tuning
# Measured on the labelled benchmarks.
NAME_LINE_LONG = 7  # on a line of capitalised words, only a word this long one slip from a common word is flagged
NAME_LINE_SHARE = 0.5  # a line where at least this share of the distinct checked words are unknown is a name list
NEIGHBOUR_LINES = 20  # a word one slip from a word the run uses far more often needs this many lines to be vocabulary
SITE_NEIGHBOUR_RATIO = 5  # a site word used this many times more often one slip away makes a word suspect
RUN_RATIO = 10  # a one-slip neighbour the run uses this many times more often than the word's lines
RUN_STRONG = 50  # a swap of a word the run uses this many times more often is suspect even capitalised
CLEAR_LEAD = 1.0  # the top suggestion's score lead over the second that earns an unsafe fix
BROKEN_MIN = 1_000_000  # a word broken in two is a common word
BROKEN_HALF_MIN = 5_000_000  # ... and more common when one of its parts is a word ("cabi net")
SHORT_MIN = 30_000_000  # a short word (up to 4 letters) is a misspelling only of a very common word
SHORT_FIRST_SWAP_MIN = 1_000_000_000  # a short word with its first two letters swapped, or a
# three-letter word with a wrong key: only of the commonest words
MOVED_DOUBLE_MIN = 1_000_000  # a word this common, its double put on another letter, is a typo
A_JOINED_MIN = 50_000_000  # "a" run into a word this common is a missed space ("abook"), else a prefix
LARGE_CORRECTION_MAX = 6_000_000  # the large list vouches for no word one edit from a word this common
CAPITAL_MIN = 3_000_000  # a capitalised word is a misspelling only of a common word one slip away
EVIDENCE_MIN = 5.0  # log10 of the corrected word's count, less the edit's penalty, for a typo
# A neighbouring key pressed with the intended one ("useing") often builds a real morpheme
# instead ("matchers", "tiering"); a wrong neighbouring key less so.
SLIP_PENALTY = {"fat": 1.3, "key": 0.5}
VOWEL_PENALTY = 0.7  # a vowel written for another ("repitition")
OTHER_PENALTY = 1.6  # any other edit that keeps the first letter
FAR_LEN = 7  # a word needs this many letters to be flagged for an edit that is not a slip
LONG_FROM = 8  # each letter beyond this lowers the evidence needed for an edit that is no slip ...
LONG_BONUS = 0.25  # ... by this much
ENDING_LETTERS = "sdeyrnhlg"  # letters English endings (and program names) end with
LONG_D2 = 10  # words this long may be two edits from their correction
D2_MIN = 100_000  # a word two edits away must be at least this common
D2_SHORT_MIN = 10_000_000  # ... and for a word one letter shorter, common and the only candidate
CLUSTER_REACH = 3  # an unknown word with two more this many words away or closer is in a run of names
POST_LINES = 3  # an unknown word on this many distinct lines of one post is the post's own term
POST_WORD_LINES = 2  # a word the post writes on this many lines makes a one-off slip of it a typo
PLURAL_BASE_MIN = 3  # uses of a word in the run that make its plural in -s a word too


def _key(word: str) -> str:
    return sp.strip_possessive(word).replace("’", "'").lower()


class Misspelling(Rule):
    code = "LK104"
    name = "misspelling"
    summary = "Misspelled words in prose, headings, link text, alt text, the title and the description"
    severity = Severity.WARNING
    tags = ("prose", "spelling")
    scope = "corpus"
    fix_safety = FixSafety.UNSAFE
    options = {
        "locale": Option("any", str, "accept British and American spellings, or only one", choices=("any", "en-US", "en-GB")),
        "words": Option([], list, "extra accepted words"),
        "words-file": Option("", str, "a file of extra accepted words, one per line"),
        "site-min-lines": Option(3, int, "distinct prose lines on which the site must use a word to accept it", minimum=1),
    }

    def setup(self) -> None:
        extra = set(_data_words())
        extra |= {w.strip().lower().replace("’", "'") for w in self.config["words"] if w.strip()}
        wf = self.config["words-file"]
        if wf:
            for line in Path(wf).read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    extra.add(line.lower().replace("’", "'"))
        self._extra = frozenset(extra)
        self._speller: sp.Speller | None = None

    @property
    def speller(self) -> sp.Speller:
        if self._speller is None:
            self._speller = _shared_speller(self._extra)
        return self._speller

    # ------------------------------------------------------------------ per post

    def collect(self, post: Any) -> Any:
        """Unknown words with their places, and the post's broken-word candidates."""
        if not written_in_english(post):  # the dictionary is English: a French post is no typo list
            return (SUMMARY_VERSION, [], [], "")
        ignore = set()
        if "spell" in post.text.lower():
            for m in _CSPELL.finditer(post.text):
                ignore.update(w.lower().replace("’", "'") for w in _CSPELL_WORD.findall(m.group(1)))
        lines: list[tuple[int, int, str, str]] = []  # (line, col0, text, block)
        for key in FM_KEYS:
            info = post.front_matter.keys.get(key)
            if info is None or info.kind != "scalar" or not isinstance(info.value, str):
                continue
            raw = post.text[info.start : info.end]
            for i, part in enumerate(raw.split("\n")):
                ln, col = post.position(info.start + sum(len(x) + 1 for x in raw.split("\n")[:i]))
                lines.append((ln, col - 1, part.rstrip("\r"), "title"))
        for p in post.prose:
            lines.append((p.line, 0, p.text, p.block))
        code_text: list[str] = []  # the post's code (blocks and inline), lower case, read lazily
        occ: list[list] = []
        broken: list[list] = []
        counts: Counter[str] = Counter()
        count_keys = counts.update
        sp_ = self.speller
        known = sp_.known
        good = sp_.good  # the words known so far: most lines hold nothing else
        extra = self._extra
        locale = self.config["locale"]
        any_locale = locale == "any"
        for ln, col0, text, block in lines:
            keys, probes = sp.line_keys(text)
            count_keys(keys)
            if locale == "any" and (good.issuperset(keys) or _all_known(keys, good, known)):
                # no unknown word; a word broken by a stray space needs an unknown part too
                if probes is None or good.issuperset(probes) or _all_known(probes, good, known):
                    continue
            toks = sp.line_tokens(text)
            checked = 0
            unknown: list[tuple[int, str, str, int]] = []
            for i, (c, w, k) in enumerate(toks):
                if k is None or k in ignore or k in extra:
                    continue
                checked += 1
                if any_locale and k in good:
                    continue
                how = known(k)
                if how is None and (_hyphen_joined(toks, i, text, known) or _combining_form(toks, i, text, known)):
                    continue  # a part of a word the dictionary writes closed ("criss-cross"), or a prefix ("lacto-")
                if how is None and _in_foreign_phrase(toks, i, text, known):
                    continue  # "Palacio de Bellas Artes", "Tarta de Santiago", "a la talla"
                if how is None or (locale != "any" and sp.locale_twin(sp_, k, locale)):
                    unknown.append((c, w, k, i))
            if unknown:
                off0 = post.offset(ln, col0 + 1)
                lh = zlib.crc32(" ".join(text.split()).lower().encode("utf-8"))
                caps = sum(1 for c, w, k in toks[1:] if k is not None and w[:1].isupper())
                # 1: mostly unknown words (a list of names or handles); 2: mostly capitalised
                # words (a list of names, or a line in Title Case)
                n_unknown = len({u[2] for u in unknown})  # distinct: a handle named twice counts once
                n_checked = n_unknown + len({k for _c, _w, k in toks if k is not None and k not in ignore
                                             and k not in extra and (k in good or known(k) is not None)})
                share = checked >= 3 and n_unknown >= NAME_LINE_SHARE * n_checked
                small_item = block == "block_text" and checked <= 2
                title_case = 2 if (checked >= 4 and caps >= NAME_LINE_SHARE * checked
                                   and block != "heading" and block != "title") else 0
                namey = 1 if share or small_item else title_case
                # a paragraph line that is a name list only by the dictionary's count is judged
                # again once the site vocabulary is known ("Clippy erronously suggested"); list
                # items and table cells stay as they are (lists of handles)
                recheck = n_checked if share and not small_item and block == "paragraph" else 0
                raw_line = post.line_text(ln)
                raw = raw_line.lower()
                prose_low = text.lower()
                # credits, scientific names and italic foreign phrases: judged like names
                credits = _name_groups(text)
                if block != "title":
                    credits += (_binomials(raw_line) + _foreign_emphasis(raw_line, known) + _bold_lead_term(raw_line)
                                + _cited_names(raw_line))
                for c, w, k, i in unknown:
                    # two more unknown words within CLUSTER_REACH words of the same sentence: a
                    # run of names or foreign terms ("ancho, mulato and pasilla"), not three
                    # typos in a row (a handle named twice counts once)
                    near = len({u[2] for u in unknown if u[2] != k and abs(u[3] - i) <= CLUSTER_REACH
                                and not _SENTENCE_BREAK.search(text, min(c, u[0]), max(c, u[0]))})
                    # the words before and after, for the context of a short word
                    prev = toks[i - 1][1].lower() if i and not _gap(text, toks, i - 1).strip() else ""
                    nxt = toks[i + 1][1].lower() if i + 1 < len(toks) and not _gap(text, toks, i).strip() else ""
                    start = (_sentence_start(text, c) or block in ("heading", "title")
                             or raw_line[: col0 + c].rstrip().endswith("|"))  # a table cell's first word
                    # the word also stands outside the prose on its line: in a URL, a path or
                    # inline code ("[name](https://host/name)"): a handle or an identifier
                    ident = _outside_prose(k, raw, prose_low, col0)
                    if not ident:
                        if not code_text:
                            code_text.extend((_code_text(post), post.text.lower()))
                        # the word is in the post's code: an identifier
                        ident = k in code_text[0] and re.search(rf"(?<![a-z]){re.escape(k)}(?![a-z])", code_text[0]) is not None
                        # a file extension the post also writes with its dot ("save it as .txt",
                        # "convert mov to mp4"): the name of a format
                        if not ident and len(k) <= 4 and "." + k in code_text[1]:
                            ident = re.search(rf"(?<!\.)\.{re.escape(k)}(?![a-z])", code_text[1]) is not None
                    ident = int(ident)
                    credit = any(a <= c < b for a, b in credits)
                    occ.append([w, ln, col0 + c, lh, int(start), 1 if near >= 2 or credit else namey, block, off0 + c, ident, prev, nxt,
                                recheck, title_case])
            # a word broken by a stray space: "c omputer", "**e** xport"
            if not unknown and not any(len(w) == 1 for _, w, _k in toks):
                continue
            # (only next to an alphabetic word that may be unknown: the rest are known words)
            maybe = [len(w) > 1 and w.isalpha() and (len(w) > sp.MAX_WORD_LENGTH or (
                (lw := w.lower()) not in good and known(lw) is None)) for _c, w, _k in toks]
            if not any(maybe):
                continue
            off0 = post.offset(ln, col0 + 1)
            for j, ((c1, w1, _k1), (c2, w2, _k2)) in enumerate(zip(toks, toks[1:])):
                if not (maybe[j] or maybe[j + 1]):
                    continue
                gap = text[c1 + len(w1) : c2]
                if gap.strip() or not 1 <= len(gap) <= 6 or not (w1 + w2).isalpha():
                    continue
                k1, k2 = w1.lower(), w2.lower()
                frag1 = len(k1) == 1 and k1 not in ("a", "i")
                frag2 = len(k2) == 1 and k2 not in ("a", "i")
                unk1 = len(k1) > 1 and known(k1) is None
                unk2 = len(k2) > 1 and known(k2) is None
                # an unknown part beside a known one of three letters or more ("cabi net"):
                # only into a word common enough that the split is the likelier story
                half = (unk1 != unk2) and len(k1) >= 3 and len(k2) >= 3
                if not ((frag1 and unk2) or (frag2 and unk1) or (unk1 and unk2) or half):
                    continue
                joined = k1 + k2
                if len(joined) >= 5 and sp_.count(joined) >= (BROKEN_HALF_MIN if half else BROKEN_MIN):
                    broken.append([w1, w2, ln, col0 + c1, col0 + c2 + len(w2), off0 + c1, off0 + c2 + len(w2)])
        # the word counts as one string ("word word:3 ..."): a dict per post held ~25 KB in the
        # main process, which keeps every post's summary until the site-wide pass
        return (SUMMARY_VERSION, occ, broken, " ".join(k if n == 1 else f"{k}:{n}" for k, n in counts.items()))

    # ------------------------------------------------------------------ site-wide

    def check_corpus(self, summaries: Mapping[str, Any], site: Any) -> Iterable[Finding]:
        lines_of: dict[str, set[int]] = defaultdict(set)
        posts_of: dict[str, set[str]] = defaultdict(set)
        run_count: dict[str, int] = defaultdict(int)
        in_post: dict[str, int] = defaultdict(int)  # most distinct lines in one post
        # words the site writes in lower case somewhere, and words it capitalises inside a sentence
        lower: set[str] = set()
        capital_inside: set[str] = set()
        for path, s in summaries.items():
            if not s or s[0] != SUMMARY_VERSION:
                continue
            for k, n in _line_counts(s[3]).items():
                run_count[k] += n
            mine: dict[str, set[int]] = defaultdict(set)
            for w, ln, col, lh, start, *_rest in s[1]:
                k = _key(w)
                lines_of[k].add(lh)
                posts_of[k].add(path)
                mine[k].add(lh)
                if not w[:1].isupper():
                    lower.add(k)
                elif not start:
                    capital_inside.add(k)
            for k, v in mine.items():
                if len(v) > in_post[k]:
                    in_post[k] = len(v)
        site_count = {k: len(v) for k, v in lines_of.items()}
        min_lines = self.config["site-min-lines"]
        verdict: dict[str, Any] = {}

        def judge(k: str) -> Any:
            if k in verdict:
                return verdict[k]
            v = self._judge(k, site_count, run_count, len(posts_of[k]), min_lines, in_post[k],
                            name=k in capital_inside and k not in lower)
            if v is not None and v[0] != "locale" and self.speller.in_second(k):
                v = None  # the second word list knows it (read only now, for the few flagged words)
            elif v is not None and v[0] == "spelling" and v[2] < 3 and not sp.double_slip(k, v[1][0]) \
                    and self.speller.count(v[1][0]) < LARGE_CORRECTION_MAX and self.speller.in_large(k):
                # a rare real word ("masala", "shaders"); not a short word ("wich", "bein"), a
                # form wrong in itself ("accidently"), a doubled letter written once or a single
                # one twice ("formating", "tittles"), nor an edit of a common word ("positons",
                # "searcing": the large list holds obscure words that are a typo of a common one)
                v = None
            verdict[k] = v
            return v

        out: list[Finding] = []
        for path in sorted(summaries):
            s = summaries[path]
            if not site.reports(path) or not s or s[0] != SUMMARY_VERSION:
                continue
            # the unknown words of each line that are not the site's vocabulary either
            suspect: dict[int, set[str]] = defaultdict(set)
            for w, ln, *_rest in s[1]:
                k = _key(w)
                if site_count.get(k, 0) < min_lines or len(posts_of[k]) < 2:
                    suspect[ln].add(k)
            # a part of a word broken in two is reported with its other part, not alone
            broken_spans = defaultdict(list)
            for _w1, _w2, ln, c1, c2, _o1, _o2 in s[2]:
                broken_spans[ln].append((c1, c2))
            post_lines: dict[str, int] | None = None  # lines of the post per word, read on demand
            for w, ln, col, lh, start, namey, block, off, ident, prev, nxt, recheck, title_case in s[1]:
                if any(c1 <= col < c2 for c1, c2 in broken_spans.get(ln, ())):
                    continue
                k = _key(w)
                v = judge(k)
                if v is None and len(k) >= 5 and not w[:1].isupper() and site_count.get(k, 0) < min_lines:
                    if post_lines is None:
                        post_lines = _line_counts(s[3])
                    v = self._slip_of_a_post_word(k, post_lines)
                if v is None:
                    continue
                if recheck and not w[:1].isupper() and len(k) >= 5 and len(suspect[ln]) < NAME_LINE_SHARE * recheck:
                    namey = title_case  # its other unknown words are the site's own: no name list
                kind, sugg, strict = v
                if ident and kind != "locale":
                    continue  # also in a URL, a path or code on its line: a handle or an identifier
                capital = w[:1].isupper()
                if namey == 2 and not capital:
                    pass  # a lower-case word on a line of capitalised words is no name
                elif namey == 1 and strict < 3:
                    continue  # a list of names or handles
                elif namey and (strict < 2 or (capital and len(k) < NAME_LINE_LONG)):
                    continue  # a list of names or handles
                if capital and len(k) <= 4 and not start:
                    continue
                if capital and strict < (1 if start else 2):
                    continue  # a capitalised word: a name, unless one slip from a common word
                if kind == "past" and not sp.in_context(prev, sugg[0], nxt, evidence=True):
                    continue  # "launchd" before "daemon": a program, not a dropped e
                if kind == "short" and not sp.in_context(prev, sugg[0], nxt):
                    continue  # the short word's correction does not fit between its neighbours
                out.append(self._finding(path, w, ln, col, off, kind, sugg))
            for w1, w2, ln, c1, c2, o1, o2 in s[2]:
                joined = w1 + w2
                out.append(self.finding(
                    path, ln, c1 + 1,
                    f"'{w1} {w2}' looks like one word broken in two: '{joined}'",
                    end_column=c2 + 1, subject=f"{w1} {w2}",
                    fix=Fix((Edit(o1, o2, joined),), FixSafety.UNSAFE, f"join into '{joined}'"),
                ))
        return out

    def _slip_of_a_post_word(self, k: str, post_lines: Mapping[str, int]) -> Any:
        """("spelling", [word], 2) when the post writes, on `POST_WORD_LINES` lines or more, a
        word ``k`` is one slip of the fingers from ("calipwer" in a post about its "caliper"),
        and ``k`` itself on one line only; None otherwise."""
        if post_lines.get(k, 0) > 1:
            return None
        for c, _f in self.speller.neighbours(k):
            kind = sp.close_kind(k, c)
            if kind and post_lines.get(c, 0) >= POST_WORD_LINES and not (
                    _tail_edit(k, c) and kind not in ("swap", "double")):
                return ("spelling", [c], 2)
        return None

    def _judge(self, k: str, site_count: Mapping[str, int], run_count: Mapping[str, int], n_posts: int,
               min_lines: int, post_lines: int = 1, name: bool = False) -> Any:
        """None (accept) or (kind, suggestions, strictness) for an unknown lower-case word;
        ``name``: the site always capitalises it, inside sentences too (a brand, a person).

        strictness: 3 = flag anywhere, even on a line of names (the form itself is wrong),
        2 = flag anywhere else, 1 = flag where a capital is expected (sentence start, heading,
        title) or in lower case, 0 = flag only in lower case."""
        sp_ = self.speller
        if sp_.known(k) is not None:  # known, but not in the chosen locale
            twin = sp.locale_twin(sp_, k, self.config["locale"])
            return ("locale", [twin], 2) if twin else None
        if "'" in k or "-" in k:
            return None
        lines = site_count.get(k, 0)
        # a word the site uses far more often one edit away ("Kuberentes" beside "Kubernetes")
        # (five letters or more, the first letter kept, not an ending: "consts" beside "const")
        other = sp_.spelled_otherwise(k)
        if other and name and lines >= min_lines and n_posts >= 2:
            other = None  # "Razer", a brand the site names on many lines, is no "razor" misspelt
        if other:  # "contributer": the dictionary spells the ending otherwise, however often used
            return ("spelling", [other] + [c for c, _, _ in sp_.suggest(k, 3) if c != other][:2], 3)
        need = max(SITE_NEIGHBOUR_RATIO * lines, min_lines)
        # (a word the site builds, like a compound "wondershare", counts by its uses in the run)
        site_better = []
        # (not a word the site itself writes on many lines of several posts: a name beside a
        # more frequent one, "Cheng" beside "Cheung", is no typo repeated that often)
        if len(k) >= 5 and not (lines >= NEIGHBOUR_LINES and n_posts >= 2):
            need_run = max(SITE_NEIGHBOUR_RATIO * run_count.get(k, 1), need)
            for c in sp_.edits1(k):
                rc = run_count.get(c)  # every checkable word of the run, so most edits miss
                if rc and (site_count.get(c, 0) >= need or (rc >= need_run and c not in sp_.freq)) \
                        and not _tail_edit(k, c) and sp.close_kind(k, c):
                    site_better.append(c)
        sugg = sp_.suggest(k, 3)
        if site_better:
            site_better.sort(key=lambda c: -max(site_count.get(c, 0), run_count.get(c, 0)))
            return ("spelling", site_better[:1] + [c for c, _, _ in sugg if c not in site_better][:2], 2)
        d1 = [(c, sc) for c, sc, d in sugg if d == 1]
        slips = [c for c, _f in sp_.neighbours(k) if _slip(sp_, k, c)]
        # site vocabulary: used on enough distinct lines, unless a slip away from a word the run
        # uses far more often ("tghe" beside "the")
        crowded = any(run_count.get(c, 0) >= RUN_RATIO * max(lines, 1) for c in slips)
        if lines >= (NEIGHBOUR_LINES if crowded else min_lines) and n_posts >= 2:
            return None
        # the plural of a word the site uses ("dats" where the site writes about "dat")
        if k.endswith("s") and len(k) >= 4 and not k.endswith("ss") and (
                site_count.get(k[:-1], 0) >= min_lines or run_count.get(k[:-1], 0) >= PLURAL_BASE_MIN):
            return None
        # the topic of one post: a typo is a one-off, a name or a term the post is about recurs
        if post_lines >= POST_LINES and not crowded:
            return None
        if sp.identifier_like(sp_, k):
            past = k[:-1] + "ed"
            if k.endswith("d") and sp_.count(past) >= sp.CONTEXT_MIN:
                # "happend" like "systemd", but a past tense with its e dropped where the past
                # tense fits a neighbour ("something happened"), judged at each use ("past")
                return ("past", [past], 1)
            return None
        runs = [m.group(0) for m in _RUNS.finditer(k)]
        if any(len(r) == 3 for r in runs) and all(len(r) <= 3 for r in runs):
            # "keylesss": no English word triples a letter (four or more is emphasis)
            fixes = [c for c in ("".join(r[:2] for r in runs), "".join(r[:1] if len(r) == 3 else r for r in runs))
                     if sp_.known(c)]
            if fixes:
                return ("spelling", fixes[:1], 3)
        if len(k) >= 6 and not d1:
            # the double put on the wrong letter ("tommorow", "begginers"): two edits, one slip
            moved = sorted((c for c in sp.moved_double(k) if sp_.count(c) >= MOVED_DOUBLE_MIN), key=lambda c: -sp_.count(c))
            if moved:
                strict = 2 if sp_.count(moved[0]) >= CAPITAL_MIN else 1
                return ("spelling", moved[:1] + [c for c, _, _ in sugg if c not in moved][:2], strict)
        split = sp_.split(k)
        if split and (split[1] == "a" or (split[0] == "a" and sp_.count(split[1]) < A_JOINED_MIN)):
            # a word ending in "a" is a loan word more often than a missed space ("matcha"), and
            # "a" before a rarer word is the prefix of "without" ("avascular", "acellular")
            split = None
        if split and len(k) >= 4 and len(split[1]) >= 3 and sp.common_phrase(*split):
            # one of the commonest word pairs written as one word: "aswell", "eachother", "alot"
            # (a two-letter second part is as often a clipped ending: "workin'", "bein'")
            return ("split", [f"{split[0]} {split[1]}"], 1)
        if split and (split[0] in RUN_TOGETHER or split[1] in RUN_TOGETHER or (  # two function
                split[0] in sp.FUNCTION_WORDS and split[1] in sp.FUNCTION_WORDS)) and len(k) >= 5 and \
                all(c in split for c, _ in d1):  # "anumber": its only neighbour, "number", is a part
            a, b = split
            if sp_.count(a) >= CAPITAL_MIN and sp_.count(b) >= CAPITAL_MIN:
                return ("split", [f"{a} {b}"], 1)
        if not sugg:
            return None
        top = sugg[0][0]
        if len(k) <= 4:
            # three letters are a slip away from many words: only a swap, a dropped or a
            # doubled letter counts
            ok = [c for c in slips if sp_.count(c) >= SHORT_MIN and (
                len(k) > 3 or sp.close_kind(k, c) in ("swap", "drop", "double") or sp_.count(c) >= SHORT_FIRST_SWAP_MIN)
                and not (sp.close_kind(k, c) == "key" and k[:-1] == c[:-1])  # "bool" for "book"
                and not (k[1] == c[0] and k[0] == c[1] and sp_.count(c) < SHORT_FIRST_SWAP_MIN)]
            if not ok and len(k) == 4:  # "jstu": a letter typed two places early or late
                ok = [c for c in sp.moved_letter(k) if sp_.count(c) >= SHORT_FIRST_SWAP_MIN // 10]
            ok.sort(key=lambda c: -sp_.count(c))
            if not ok:
                return None
            return ("short", ok[:1] + [c for c, _, _ in sugg if c not in ok[:1]][:2], 1)
        if d1:
            # evidence for a typo: how common the word one edit away is, less a penalty for an
            # unlikely edit (a slip of the fingers costs nothing, a vowel for a vowel a little,
            # anything else more); the first letter is kept; an edit at the last letter looks
            # like an inflection or jargon ("fuzzer", "callee") and needs a slip
            best: tuple[float, str] | None = None
            for c, _ in d1:
                f = sp_.count(c)
                if c[0] != k[0] and c not in slips:
                    continue
                if c in slips:
                    ev = math.log10(f) - SLIP_PENALTY.get(sp.close_kind(k, c), 0.0)
                elif _tail_edit(k, c) and not (len(k) == len(c) + 1 and k[-1] not in ENDING_LETTERS) \
                        and not _function_word_and_e(k, c):
                    continue  # an ending, unless a letter no ending ends with was added ("althought")
                else:
                    pair = sp.substitution_pair(k, c)
                    # a vowel for a vowel ("repitition"), or a vowel spoken into a word ("culpurit")
                    vowel = (pair is not None and pair[0] in "aeiouy" and pair[1] in "aeiouy") or (
                        len(k) == len(c) + 1 and _added_letter(k, c) in "aeiou")
                    ev = math.log10(f) - (VOWEL_PENALTY if vowel else OTHER_PENALTY)
                # a slip first, then the likeliest other edit; a long word has few neighbours by
                # chance, so any edit near a word is more telling
                if ev >= EVIDENCE_MIN - (0 if c in slips else LONG_BONUS * max(0, len(k) - LONG_FROM)) and (best is None or (c in slips, ev) > (best[1] in slips, best[0])):
                    best = (ev, c)
            if best is None:
                return None
            c = best[1]
            if c in slips and sp.close_kind(k, c) == "swap" and len(k) >= 5 and \
                    run_count.get(c, 0) >= RUN_STRONG * max(run_count.get(k, 0), 1) and run_count.get(c, 0) >= RUN_STRONG:
                # the run itself uses the corrected word far more often ("Andorid" beside "android")
                return ("spelling", [c] + [x for x, _, _ in sugg if x != c][:2], 2)
            if c not in slips and len(k) < FAR_LEN and not (
                    k[:-1] == c and c in sp.FUNCTION_WORDS and (k[-1] not in ENDING_LETTERS or _function_word_and_e(k, c))):
                # short jargon is often one unlikely edit from a word ("gists", "rebase", "codec");
                # a function word takes no ending: one with a letter added is a slip ("alsot")
                return None
            if c not in slips:
                return ("spelling", [c] + [x for x, _, _ in sugg if x != c][:2], 0)  # a name, if capitalised
            strict = 2 if c in slips and sp_.count(c) >= CAPITAL_MIN else 1
            return ("spelling", [c] + [x for x, _, _ in sugg if x != c][:2], strict)
        if top[0] == k[0] and (len(k) >= LONG_D2 and sp_.count(top) >= D2_MIN or (
                len(k) == LONG_D2 - 1 and len(sugg) == 1 and sp_.count(top) >= D2_SHORT_MIN
                and not k.startswith(top))):  # "changeset" is "changes" and more, not a slip
            return ("spelling", [c for c, _, _ in sugg], 0)
        return None

    def _finding(self, path: str, w: str, ln: int, col: int, off: int, kind: str, sugg: list[str]) -> Finding:
        core = sp.strip_possessive(w)
        if kind == "locale":
            msg = f"'{core}' is not {self.config['locale']} spelling; use '{_match_case(sugg[0], core)}'"
        elif kind == "split":
            msg = f"'{core}' looks like two words run together: '{_match_case(sugg[0], core)}'"
        elif sugg:
            msg = f"possible misspelling '{core}'; did you mean " + ", ".join(f"'{_match_case(s, core)}'" for s in sugg) + "?"
        else:
            msg = f"possible misspelling '{core}'"
        fix = None
        if sugg and self._clear(core.lower(), kind, sugg):
            fix = Fix((Edit(off, off + len(core), _match_case(sugg[0], core)),), FixSafety.UNSAFE, f"replace with '{_match_case(sugg[0], core)}'")
        return self.finding(path, ln, col + 1, msg, end_column=col + 1 + len(core), subject=core, fix=fix)

    def _clear(self, k: str, kind: str, sugg: list[str]) -> bool:
        if kind in ("locale", "split"):
            return True
        scored = self.speller.suggest(k, 3)
        if not scored or scored[0][0] != sugg[0]:
            return len(sugg) == 1
        return len(scored) == 1 or scored[0][1] - scored[1][1] >= CLEAR_LEAD


# Words that run together with a neighbour by a missed space ("thelatest"); rarer function words
# make too many handles and names ("pierwill") look like two words.
RUN_TOGETHER = frozenset("the a an and of to in is for with this that your you are was it".split())

_SPELLERS: dict[frozenset, sp.Speller] = {}
_DATA_WORDS: list[str] = []


def _data_words() -> list[str]:
    """Technical words the dictionary lacks (``data/misspelling.yaml``)."""
    if not _DATA_WORDS:
        import yaml

        text = None
        if __package__:
            try:
                from importlib.resources import files

                text = files(__package__).joinpath("data", "misspelling.yaml").read_text(encoding="utf-8")
            except (ImportError, OSError, TypeError, ValueError):
                text = None
        if text is None:
            text = (Path(__file__).parent / "data" / "misspelling.yaml").read_text(encoding="utf-8")
        _DATA_WORDS.extend(str(yaml.safe_load(text).get("words") or "").split())
    return _DATA_WORDS


def _shared_speller(extra: frozenset) -> sp.Speller:
    s = _SPELLERS.get(extra)
    if s is None:
        s = _SPELLERS[extra] = sp.Speller(extra)
    return s


def _outside_prose(k: str, raw: str, prose: str, col0: int) -> bool:
    """``k`` stands on its raw line outside the prose (a URL, a path, inline code), as a whole
    segment ("github.com/name", "`name`"), not as one word of a hyphenated slug, which copies
    the title, typos included."""
    if raw.count(k) <= prose.count(k):
        return False
    for m in re.finditer(re.escape(k), raw):
        i = m.start() - col0
        if 0 <= i and prose[i : i + len(k)] == k:
            continue
        a, b = m.start(), m.end()
        while a > 0 and raw[a - 1].isalnum():
            a -= 1
        while b < len(raw) and raw[b].isalnum():
            b += 1
        # the whole segment around it ("chrisname" in ".../chrisname"), unless a slug word
        if (a > 0 and raw[a - 1] == "-") or (b < len(raw) and raw[b] == "-"):
            continue
        return True
    return False


def _code_text(post: Any) -> str:
    """The code of a post (code blocks and inline code), lower case."""
    body = post.body_line - 1
    parts = []
    for raw, unc in zip(post.lines[body:], post.uncoded_lines[body:]):
        if raw != unc:
            parts.append("".join(r for r, u in zip(raw, unc) if r != u) if unc.strip() else raw)
    return "\n".join(parts).lower()


def _all_known(words: Iterable[str], good: set[str], known: Any) -> bool:
    """Every word is known (asking the speller about the ones it has not answered yet); a word
    over the length limit is not asked about."""
    for w in words:
        if w not in good and (len(w) > sp.MAX_WORD_LENGTH or known(w) is None):
            return False
    return True


# Function words of other languages (`lintkit.language`) that English prose does not use next
# to its own words ("et al.", "en route", "Al", "lo and behold", "op-ed" are English): an
# unknown word beside one belongs to a name or a phrase in that language.
_FOREIGN_NEAR = (OTHER_FUNCTION_WORDS | {"de", "da", "das", "dos", "los", "las", "y", "von"}) - {"et", "en", "al", "lo", "op"}
FOREIGN_REACH = 2  # words on either side, within one clause


def _beside_accented_name(text: str, start: int, end: int) -> bool:
    """The word at ``start:end`` of ``text`` has, one space before or after it, a capitalised
    Latin word with a letter English does not write (an accent, a cedilla, a stroke)."""
    after = text[end : end + 41]
    before = text[max(0, start - 41) : start]
    words_ = []
    if after[:1] == " " and after[1:2] != " " and after[1:].strip():
        words_.append(after[1:].split(None, 1)[0].rstrip(".,;:!?)\"'”’"))  # "... Salle Pérou."
    if before[-1:] == " " and before[-2:-1] != " " and before[:-1].strip():
        words_.append(before[:-1].rsplit(None, 1)[-1])  # no comma: "Crème, brulee" is a list
    for x in words_:
        if x[:1].isupper() and x.isalpha() and any(127 < ord(ch) < 0x250 for ch in x) and all(ord(ch) < 0x250 for ch in x):
            return True
    return False


def _in_foreign_phrase(toks: list, i: int, text: str, known: Any) -> bool:
    """Word ``i`` stands within `FOREIGN_REACH` words of a function word of another language,
    in the same clause ("Palacio de Bellas Artes", "para todo mal"), or is one between two
    capitalised words ("Parque das Nações") or between an unknown word and a capitalised or
    unknown one ("cozido das Furnas"), or is a capitalised word beside an accented one
    ("Salle Pérou")."""
    c, w, _k = toks[i]
    if w[:1].isupper() and _beside_accented_name(text, c, c + len(w)):
        return True  # "Salle Pérou": a capitalised word beside an accented name
    if w.lower() in _FOREIGN_NEAR:
        def unknown(j: int) -> bool:
            return 0 <= j < len(toks) and toks[j][2] is not None and known(toks[j][2]) is None

        if i == 0 or _gap(text, toks, i - 1).strip():
            return False
        # (the next word may hold letters the tokens skip: "Nações")
        next_cap = text[c + len(w) :].lstrip()[:1].isupper()
        next_unknown = i + 1 < len(toks) and not _gap(text, toks, i).strip() and unknown(i + 1)
        if toks[i - 1][1][:1].isupper():
            return next_cap
        return unknown(i - 1) and (next_cap or next_unknown)
    for j in range(max(0, i - FOREIGN_REACH), min(len(toks), i + FOREIGN_REACH + 1)):
        if j != i and toks[j][1].lower() in _FOREIGN_NEAR:
            a, b = (toks[j][0], toks[i][0]) if j < i else (toks[i][0], toks[j][0])
            if abs(j - i) == 1 and _gap(text, toks, min(i, j)) == "-":
                continue  # an English prefix or a hyphenated word ("de-dupicate", "y-axis")
            if not _CLAUSE_BREAK.search(text, a, b):
                return True
    return False


_SENTENCE_BREAK = re.compile(r"[.!?;:]\s|[()\[\]]")
_BRACKETED = re.compile(r"\(([^()\n]{3,80})\)")
_NAME_PART_SEP = re.compile(r"\s*[,&]\s*|\s+")
NAME_GROUP_WORDS = (2, 4)  # a credit in brackets: this many capitalised words


_EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?![\s*_])([^*_\n]{1,200}?)(?<![\s*_])\1(?![*_\w])")
_SPAN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _foreign_emphasis(raw: str, known: Any) -> list[tuple[int, int]]:
    """Spans of the italic phrases of a source line in which most words are not English
    ("*vou a fazer*"): italics are how English prose sets off a phrase of another language."""
    if "*" not in raw and "_" not in raw:
        return []
    out = []
    for m in _EMPHASIS.finditer(raw):
        ws = _SPAN_WORD.findall(m.group(2))
        if len(ws) >= 2 and 2 * sum(1 for w in ws if known(w.lower().replace("’", "'")) is None) > len(ws):
            out.append(m.span(2))
    return out


# A scientific name: a capitalised genus (or its initial) and a lower-case epithet with a Latin
# ending, in italics or alone in brackets ("*Salix alba*", "(Vulpes vulpes)", "_R. canina_").
_LATIN_EPITHET = r"[a-z]{1,30}(?:us|a|um|is|ae|i|or|ur|er|ans|ens|ix|ex|es|on|as|os)"
_BINOMIAL = re.compile(
    (r"(?P<em>[*_]{1,2})(?P<a>[A-Z](?:[a-z]{1,30}|\.)\sLATIN(?:\sLATIN)?)(?P=em)(?![*_])"
     r"|\((?P<b>[A-Z][a-z]{1,30}\sLATIN)\)").replace("LATIN", _LATIN_EPITHET)
)


# A list item that opens with a bold term and a dash: "9. **Ronan** – Irish, meaning ..."
_BOLD_LEAD_TERM = re.compile(r"^\s{0,8}(?:[-*+]|\d{1,4}[.)])\s+\*\*([^*\n]{1,60})\*\*\s*[–—-]\s")


def _bold_lead_term(raw: str) -> list[tuple[int, int]]:
    """The span of the bold term that opens a list item before a dash (a glossary or a list of
    names, products or places): judged like names."""
    if "**" not in raw:
        return []
    m = _BOLD_LEAD_TERM.match(raw)
    return [m.span(1)] if m else []


# Names in a reference: a surname before initials ("Deiner, K., Bik, H. M.") or before "et al."
# ("Seymour et al."), and the Latin epithet after a rank ("subsp. *hermaphroditum*").
_CITED = re.compile(r"(?<![\w.])([A-Z][^\W\d_]{1,40}),\s(?=(?:[A-Z]\.\s?-?){1,3}(?:[,;&)]|$|\s(?:and|&)\s|\s\())"
                    r"|(?<![\w.])([A-Z][^\W\d_]{1,40})\s(?=et\sal\b)"
                    r"|(?<![\w.])(?:subsp|ssp|var|cv)\.\s[*_]([a-z]{2,40})[*_]")


def _cited_names(raw: str) -> list[tuple[int, int]]:
    """Spans of the surnames of a reference and of infraspecific epithets on a source line."""
    if "," not in raw and " et al" not in raw and "." not in raw:
        return []
    out = []
    for m in _CITED.finditer(raw):
        g = next(i for i in (1, 2, 3) if m.group(i))
        out.append(m.span(g))
    return out


def _binomials(raw: str) -> list[tuple[int, int]]:
    """Spans of the scientific names of a source line (genus and epithet are Latin, not typos)."""
    if "*" not in raw and "_" not in raw and "(" not in raw:
        return []
    return [m.span("a") if m.group("a") else m.span("b") for m in _BINOMIAL.finditer(raw)]


def _name_groups(text: str) -> list[tuple[int, int]]:
    """Spans of bracketed groups of two to four capitalised words and nothing else: a credit
    or an attribution ("(Jana Kowalczyk)", "(Brin, Odell Vasque)"), written after a change, a
    quote or a photo. Its words are names, judged like a list of names."""
    if "(" not in text:
        return []
    out = []
    lo, hi = NAME_GROUP_WORDS
    for m in _BRACKETED.finditer(text):
        parts = [x for x in _NAME_PART_SEP.split(m.group(1).strip()) if x]
        if lo <= len(parts) <= hi and all(x[:1].isupper() and x.replace("-", "").replace("'", "").replace(".", "").isalpha()
                                         for x in parts):
            out.append((m.start(1), m.end(1)))
    return out
_CLAUSE_BREAK = re.compile(r"[.!?:;,()\[\]\"“”]")


def _gap(text: str, toks: list, j: int) -> str:
    """The text between token ``j`` and the next one."""
    return text[toks[j][0] + len(toks[j][1]) : toks[j + 1][0]]


def _hyphen_joined(toks: list, i: int, text: str, known: Any) -> bool:
    """Word ``i`` is one part of a hyphenated word that, written closed, is a word
    ("criss-cross": "crisscross", "e-mail": "email")."""
    a = b = i
    while a > 0 and _gap(text, toks, a - 1) == "-":
        a -= 1
    while b + 1 < len(toks) and _gap(text, toks, b) == "-":
        b += 1
    if a == b:
        return False
    joined = "".join(t[1] for t in toks[a : b + 1]).lower()
    return len(joined) <= sp.MAX_WORD_LENGTH and joined.isalpha() and known(joined) is not None


def _combining_form(toks: list, i: int, text: str, known: Any) -> bool:
    """Word ``i`` is a Greek or Latin combining form ending in -o joined by a hyphen to a word
    ("lacto-vegetarian", "meteo-station", "neuro-symbolic"): a prefix, not a word of its own."""
    w = toks[i][1]
    return (len(w) >= 4 and w[-1] in "oO" and i + 1 < len(toks) and _gap(text, toks, i) == "-"
            and known(toks[i + 1][1].lower()) is not None)


def _added_letter(k: str, c: str) -> str:
    """The letter ``k`` has that ``c`` (one letter shorter) lacks; "" if none is."""
    for i in range(len(k)):
        if k[:i] + k[i + 1 :] == c:
            return k[i]
    return ""


def _slip(speller: Any, k: str, c: str) -> bool:
    """``k`` is ``c`` typed with a slip of the fingers (`sp.close_kind`). An edit at the end of a
    word of five letters or more looks like an ending instead, unless it is a swap, a doubled
    letter, a final double vowel typed once ("coffe"), or a neighbouring key where no word ends so
    ("switcg" is "switch"; "usuallt" may be jargon; a final z for an s is a slang plural: "skillz")."""
    kind = sp.close_kind(k, c)
    if not kind or len(k) < 5 or not _tail_edit(k, c) or kind in ("swap", "double"):
        return bool(kind)
    if kind == "drop" and c[:-1] == k and c[-2:] in ("ee", "oo"):
        return True  # a final double vowel typed once: "coffe", "committe" (not "Russel": names)
    return kind == "key" and not speller.ends_like_a_word(k) and k[-1] + c[-1] != "zs"


def _line_counts(packed: str) -> dict[str, int]:
    """The per-line word counts of a summary ("word word:3 ...") as a dict."""
    out: dict[str, int] = {}
    for item in packed.split():
        k, _, n = item.rpartition(":")
        if k and n.isdigit():
            out[k] = int(n)
        else:
            out[item] = 1
    return out


def _function_word_and_e(k: str, c: str) -> bool:
    """``k`` is a function word of three letters or more with an "e" added ("frome", "ande"):
    no ending, since function words take none (two-letter ones make words: "ore", "ane")."""
    return len(c) >= 3 and k == c + "e" and c in sp.FUNCTION_WORDS


def _tail_edit(k: str, c: str) -> bool:
    """The two words differ only in their last letter, or by one letter added at the end."""
    return k[:-1] == c[:-1] or k[:-1] == c or c[:-1] == k


def _sentence_start(text: str, col: int) -> bool:
    """What comes before column ``col`` ends a sentence or opens a quote, a bracket or an aside
    (or is blank): the word there starts one. (``_SENT_END``, without searching the whole line.)"""
    head = text[:col].rstrip()
    if not head:
        return True
    last = head[-1]
    if last in "\"“([":
        return True
    if last in "-–—":
        return len(head) >= 2 and head[-2].isspace()
    return head.rstrip("'\"’”)]")[-1:] in _SENT_PUNCT


_SENT_PUNCT = frozenset(".!?:;")


def _match_case(s: str, like: str) -> str:
    if like[:1].isupper():
        return s[:1].upper() + s[1:]
    return s
