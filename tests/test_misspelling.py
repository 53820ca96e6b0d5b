"""misspelling (LK104): dictionary, morphology, site vocabulary, positions, options, fixes."""

from __future__ import annotations

from pathlib import Path

from lintkit import spelling as sp
from lintkit.config import Settings
from lintkit.engine_rules import ENGINE_RULES
from lintkit.registry import Registry
from lintkit.runner import run
from lintkit.rules.misspelling import Misspelling

FILLER = (
    "The garden was quiet in the early morning, and the gardener walked slowly between the beds "
    "of lettuce, looking for snails under the broad leaves before the sun rose over the wall."
)


def registry() -> Registry:
    reg = Registry()
    for cls in (*ENGINE_RULES, Misspelling):
        reg.add(cls, "test")
    return reg


def lint(folder: Path, files: dict[str, str], options: dict | None = None, newline: str = "\n") -> dict[str, list]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.replace("\n", newline).encode("utf-8"))
    settings = Settings(root=folder, rule_options={"LK104": options} if options else {})
    res = run([str(folder)], settings, registry(), jobs=1, cache_dir=str(folder.parent / f".cache-{folder.name}"))
    assert not [f for f in res.findings if f.rule == "internal-error"], res.findings
    out: dict[str, list] = {name: [] for name in files}
    for f in res.findings:
        if f.rule == "misspelling":
            out[Path(f.path).name].append(f)
    return out


def post(body: str, title: str = "A note from the garden", extra_fm: str = "") -> str:
    return f"---\ntitle: {title}\n{extra_fm}---\n\n{body}\n"


def words_of(findings) -> list[str]:
    return [f.subject for f in findings]


def test_position_and_ranked_suggestions(tmp_path):
    out = lint(tmp_path / "a", {"a.md": post("You will recieve a letter.\n\n" + FILLER)})
    (f,) = out["a.md"]
    assert (f.line, f.column) == (5, 10)
    assert "'receive'" in f.message and f.message.index("'receive'") < f.message.index("'relieve'")


def test_front_matter_title_and_description_columns(tmp_path):
    text = post(FILLER, title='"The seedlign at dawn"', extra_fm="description: Snails adn lettuce\n")
    (f1, f2) = sorted(lint(tmp_path / "a", {"a.md": text})["a.md"], key=lambda f: f.line)
    assert (f1.line, f1.column, f1.subject) == (2, 13, "seedlign")
    assert (f2.line, f2.column, f2.subject) == (3, 21, "adn")


def test_crlf_and_text_after_code_fence(tmp_path):
    body = "```\nrecieve = thsi + tghe\n```\n\nAfter the fence we mroe the beds.\n\n" + FILLER
    (f,) = lint(tmp_path / "a", {"a.md": post(body)}, newline="\r\n")["a.md"]
    assert (f.line, f.column, f.subject) == (9, 20, "mroe")


def test_curly_apostrophes_are_part_of_words(tmp_path):
    body = "The gardener’s tools don’t rust, and it’s the snails’ season. " + FILLER
    assert lint(tmp_path / "a", {"a.md": post(body)})["a.md"] == []


def test_must_not_flag_categories(tmp_path):
    body = (
        "Run `recieve --thsi` or see https://example.com/recieve/tghe and mail adn@example.org.\n"
        "Open src/recieve_file.py, the tghe.txt file, <span class=\"recieve\">x</span>, {{ recieve }}.\n"
        "Commit 3fa9c1d on v2.3.1-rc1 runs on x86_64 with an iPhone, GitHub and the NASA API.\n\n"
        "```python\nrecieve = 1\n```\n\n" + FILLER
    )
    assert lint(tmp_path / "a", {"a.md": post(body, extra_fm="recieve_key: 1\n")})["a.md"] == []


def test_locale_option(tmp_path):
    body = "The colour of the organised beds is a favorite of mine. " + FILLER
    assert lint(tmp_path / "any", {"a.md": post(body)})["a.md"] == []
    us = words_of(lint(tmp_path / "us", {"a.md": post(body)}, {"locale": "en-US"})["a.md"])
    assert sorted(us) == ["colour", "organised"]
    gb = words_of(lint(tmp_path / "gb", {"a.md": post(body)}, {"locale": "en-GB"})["a.md"])
    assert gb == ["favorite"]


def test_words_and_words_file(tmp_path):
    body = "We planted zorblat and quenchwort beside the lettuce. " + FILLER
    assert sorted(words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"])) == []  # no near word: not a typo
    body = "The seedlign and the snial met. " + FILLER
    assert sorted(words_of(lint(tmp_path / "b", {"a.md": post(body)})["a.md"])) == ["seedlign", "snial"]
    wf = tmp_path / "words.txt"
    wf.write_text("# my words\nsnial\n", encoding="utf-8")
    got = lint(tmp_path / "c", {"a.md": post(body)}, {"words": ["Seedlign"], "words-file": str(wf)})["a.md"]
    assert got == []


def test_cspell_comment_and_disable_line(tmp_path):
    body = "<!-- cSpell:ignore seedlign -->\n\nThe seedlign waved.\n\n<!-- lintkit-disable-next-line misspelling -->\nThe snial waved.\n\n" + FILLER
    assert lint(tmp_path / "a", {"a.md": post(body)})["a.md"] == []


def test_site_vocabulary_accepts_jargon_but_not_copied_typos(tmp_path):
    files = {}
    for i in range(4):
        files[f"p{i}.md"] = post(f"Post {i} tunes the grapnel fastener number {i} for season {i}. " + FILLER)
    copied = "The gardener will recieve new seeds each spring and sow them. " + FILLER
    for i in range(4):
        files[f"c{i}.md"] = post(copied, title=f"Copy {i}")
    out = lint(tmp_path / "a", files)
    assert all(out[f"p{i}.md"] == [] for i in range(4))
    assert all(words_of(out[f"c{i}.md"]) == ["recieve"] for i in range(4))


def test_split_and_run_together_words(tmp_path):
    body = "We read thelatest notes on the c omputer in the shed. " + FILLER
    got = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    msgs = " | ".join(f.message for f in got)
    assert "'the latest'" in msgs and "'computer'" in msgs
    assert post("A dropdown and a keepalive timer.") and lint(tmp_path / "b", {"b.md": post("A dropdown menu and a keepalive timer. " + FILLER)})["b.md"] == []


def test_unsafe_fix_edit_replaces_the_word(tmp_path):
    text = post("Thsi year we will recieve more seeds. " + FILLER)
    got = lint(tmp_path / "a", {"a.md": text})["a.md"]
    fixed = text
    for f in sorted(got, key=lambda f: -f.fix.edits[0].start):
        assert str(f.fix.safety) == "unsafe"
        e = f.fix.edits[0]
        fixed = fixed[: e.start] + e.replacement + fixed[e.end :]
    assert "This year we will receive more seeds." in fixed


def test_speller_morphology():
    s = sp.Speller()
    for w in ("stopped", "making", "organisations", "favorite", "traveled", "dropdown", "reinstalls"):
        assert s.known(w), w
    for w in ("useing", "beeing", "reseting", "thelatest", "recieve"):
        assert s.known(w) is None, w
    assert s.suggest("tje")[0][0] == "the"
    assert s.split("thelatest") == ("the", "latest")


# ---------------------------------------------------------------------------- round two


def test_slip_kinds():
    assert sp.close_kind("tghe", "the") == "fat"  # a neighbouring key caught with the intended one
    assert sp.close_kind("anbd", "and") == "fat"
    assert sp.close_kind("ggardens", "gardens") == ""  # a doubled first letter: a handle more often
    assert sp.close_kind("gardenz", "garden") == ""  # an extra last letter is no slip
    assert sp.close_kind("gardne", "garden") == "swap"


def test_sound_alike_endings_and_kept_e():
    s = sp.Speller()
    assert s.spelled_otherwise("contributer") == "contributor"
    assert s.spelled_otherwise("reproducable") == "reproducible"
    assert s.known("noticable") is None  # a soft c keeps its e before -able
    assert s.known("noticeable") and s.known("manageable")
    assert s.spelled_otherwise("gardener") is None  # -er where the dictionary has no -or twin
    # an adjective in -ic makes its adverb in -ically ("publicly" is a word of its own)
    assert s.known("automaticly") is None and s.spelled_otherwise("automaticly") == "automatically"
    assert s.known("publicly") is not None


def test_a_british_twin_loses_to_a_far_commoner_slip():
    s = sp.Speller()
    # "waether" would be the ae-spelling of "wether", but it is "weather" with two letters swapped
    assert s.known("waether") is None
    for british in ("anaemia", "paediatric", "colour", "organise"):
        assert s.known(british) is not None, british


def test_british_re_spellings_need_an_re_word_under_them():
    s = sp.Speller()
    for british in ("centred", "kilometres", "microfibre", "calibre"):
        assert s.known(british) is not None, british
    # "er" typed backwards in a word English never writes with -re
    for typo in ("bettre", "watre", "filtre"):
        assert s.known(typo) is None, typo


def test_ending_tripled_letter_and_run_together_findings(tmp_path):
    body = "Every contributer was stilll in the shed with anumber of seed trays. " + FILLER
    got = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    msgs = {f.subject: f.message for f in got}
    assert "'contributor'" in msgs["contributer"]
    assert "'still'" in msgs["stilll"]
    assert "'a number'" in msgs["anumber"]
    # four or more of a letter is emphasis, not a slip
    assert lint(tmp_path / "b", {"a.md": post("The beds were sooooo dry. " + FILLER)})["a.md"] == []


def test_long_words_may_have_other_edits_short_ones_need_a_slip(tmp_path):
    got = words_of(lint(tmp_path / "a", {"a.md": post("The repitition of the rows helps. " + FILLER)})["a.md"])
    assert got == ["repitition"]  # a vowel for a vowel, ten letters long
    # six letters, one unlikely edit from a word: jargon as often as a typo
    assert lint(tmp_path / "b", {"a.md": post("We rebase the beds each year. " + FILLER)})["a.md"] == []


def test_word_in_the_posts_code_or_a_url_segment_is_an_identifier(tmp_path):
    code = post("Run the gardne job each night.\n\n```\ngardne --all\n```\n\n" + FILLER)
    handle = post("Thanks to [gardne](https://example.com/people/gardne) for the seeds. " + FILLER)
    slug = post("Read [the gardne post](https://example.com/notes/the-gardne-post) first. " + FILLER)
    assert lint(tmp_path / "a", {"a.md": code})["a.md"] == []
    assert lint(tmp_path / "b", {"a.md": handle})["a.md"] == []
    assert words_of(lint(tmp_path / "c", {"a.md": slug})["a.md"]) == ["gardne"]  # a slug copies the title, typos included


def test_word_on_three_lines_of_one_post_is_its_topic(tmp_path):
    body = "The gardne tool sorts seeds.\n\nWe like the gardne tool.\n\nA gardne tool is cheap.\n\n" + FILLER
    assert lint(tmp_path / "a", {"a.md": post(body)})["a.md"] == []
    once = "The gardne tool sorts seeds. " + FILLER
    assert words_of(lint(tmp_path / "b", {"a.md": post(once)})["a.md"]) == ["gardne"]


def test_program_name_endings():
    s = sp.Speller()
    assert sp.identifier_like(s, "gardend")  # a daemon named after a word
    assert sp.identifier_like(s, "seedsdb")
    assert not sp.identifier_like(s, "andd")  # a doubled key, not a daemon
    assert not sp.identifier_like(s, "gardened")


def test_short_word_needs_its_correction_to_fit_the_context():
    assert sp.in_context("to", "the", "")  # "walked to tghe shed"
    assert not sp.in_context("the", "until", "crate")  # "the util crate": no such pair
    assert sp.in_context("", "the", "")  # no common neighbour: no evidence either way


def test_handle_inside_a_longer_url_segment(tmp_path):
    body = "Thanks to [Ann Gardne](https://example.com/people/anngardne) for the seeds. " + FILLER
    assert lint(tmp_path / "a", {"a.md": post(body)})["a.md"] == []


def test_plural_of_a_word_the_site_uses(tmp_path):
    files = {f"p{i}.md": post(f"The gardne number {i} holds the net in season {i}. " + FILLER) for i in range(3)}
    files["q.md"] = post("Both gardnes held. " + FILLER)
    assert lint(tmp_path / "a", files)["q.md"] == []
    assert words_of(lint(tmp_path / "b", {"q.md": files["q.md"]})["q.md"]) == ["gardnes"]


def test_list_of_names_is_left_alone_but_a_wrong_form_is_not(tmp_path):
    body = "Thanks to:\n\n- ann gardne\n- bob flise\n\nand every contributer.\n\n- the contributer\n\n" + FILLER
    got = words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"])
    assert got == ["contributer", "contributer"]


def test_line_keys_agree_with_tokens():
    # the cheap first look at a line gives the same keys as the full tokeniser, and the
    # other alphabetic words only when a one-letter word is on the line
    lines = [
        "The quick brown fox's den, near `code` and /usr/bin and x86_64 -- HTTP OK.",
        "A c omputer is in the shed\u2003with JSON and an iPhone.",
        "Nothing here but plain words",
        "   ",
        "don’t stop; it's a (walk) [to] the “park”",
    ]
    for text in lines + lines:  # the second time from the caches
        toks = sp.line_tokens(text)
        keys, probes = sp.line_keys(text)
        assert list(keys) == [k for _c, _w, k in toks if k is not None]
        one = any(len(w) == 1 for _c, w, _k in toks)
        assert (probes is not None) == one
        if one:
            assert list(probes) == [w.lower() for _c, w, k in toks if k is None and len(w) > 1 and w.isalpha()]
        for c, w, _k in toks:
            assert text[c : c + len(w)] == w


def test_line_memory_stays_bounded():
    # a worker reads thousands of posts: the remembered lines are the last MEMO_SIZE, not all
    from lintkit.text import MEMO_SIZE

    for i in range(MEMO_SIZE + 300):
        sp.line_keys(f"line number {i} of a long site")
    assert sp.line_keys.cache_info().currsize <= MEMO_SIZE
    again = sp.line_keys("line number 3 of a long site")  # forgotten, computed again
    assert again == sp.line_keys.__wrapped__("line number 3 of a long site")


def test_sentence_start_without_regex():
    from lintkit.rules import misspelling as m

    for text in ("Done. Next", "He said “Next", "a - Next", "a -Next", "(Next", "x.) Next", "so Next", "  Next", "a: 'Next"):
        for col in range(len(text) + 1):
            assert m._sentence_start(text, col) == bool(m._SENT_END.search(text[:col])), (text, col)


def test_broken_word_alone_on_a_line(tmp_path):
    # the only unknown part of the line is the broken word's tail; a line of known words with
    # a one-letter word is looked at no further
    body = "Our new c omputer sits in a shed.\n\nA cat and a dog sat by a b c list.\n\n" + FILLER
    got = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert [f.message for f in got] == ["'c omputer' looks like one word broken in two: 'computer'"]


def test_letter_moved_two_places_in_a_short_common_word(tmp_path):
    assert "just" in sp.moved_letter("jstu") and "very" in sp.moved_letter("vyer")
    assert "just" not in sp.moved_letter("jsut")  # one place is a swap, found as a slip
    assert sp.moved_letter("ab") == set()
    body = "The seeds came up, jstu as the gardener hoped. " + FILLER
    got = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert words_of(got) == ["jstu"] and "'just'" in got[0].message
    # no common word is a moved letter away: a name or a handle, left alone
    assert lint(tmp_path / "b", {"a.md": post("The seeds came up, qrtx said. " + FILLER)})["a.md"] == []


def test_function_word_with_a_letter_added_but_not_jargon(tmp_path):
    body = "The beds are alsot full of snails this week. " + FILLER
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["alsot"]
    # a short word one letter longer than a common content word is jargon as often as a typo
    jargon = "The beds are printk full of snails this week. " + FILLER
    assert lint(tmp_path / "b", {"a.md": post(jargon)})["a.md"] == []
    # an "e" is an ending for other words, not for a function word of three letters or more;
    # capitalised, it is a name (a town called Frome)
    body = "Snails came frome the wall. We drove to Frome on Sunday. " + FILLER
    assert [(f.subject, f.column) for f in lint(tmp_path / "c", {"a.md": post(body)})["a.md"]] == [("frome", 13)]


def test_nine_letter_word_two_edits_from_its_only_common_candidate(tmp_path):
    body = "Is a net neccesary for the beds this year? " + FILLER
    got = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert words_of(got) == ["neccesary"] and "'necessary'" in got[0].message
    # a word that extends its candidate is a derived word or a compound, not a slip
    assert lint(tmp_path / "b", {"a.md": post("The changeset is small this year. " + FILLER)})["a.md"] == []


def test_vowel_spoken_into_a_long_word(tmp_path):
    body = "The culpurit was a snail under the broad leaves. " + FILLER
    got = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert words_of(got) == ["culpurit"] and "'culprit'" in got[0].message


def test_wrapped_paragraph_line_is_no_name_list_once_the_site_knows_its_words(tmp_path):
    # "Zorblex" is the site's own name for a tool (used on many lines of several posts), so
    # the short wrapped line below is not a list of names, and its typo is found
    files = {f"p{i}.md": post(f"Zorblex sorted bed {i} today.\n\nZorblex then watered row {i}.\n\n" + FILLER)
             for i in range(3)}
    files["q.md"] = post("The tool\nZorblex erronously watered\nthe lettuce twice. " + FILLER)
    assert words_of(lint(tmp_path / "a", files)["q.md"]) == ["erronously"]
    # without the site, the line is two unknown words of three: a name list, left alone
    assert lint(tmp_path / "b", {"q.md": files["q.md"]})["q.md"] == []


# A French paragraph whose words are often one slip from English ones ("langage", "garder").
FRENCH = (
    "Quand un projet grandit, les fichiers de configuration se multiplient et la racine du "
    "dépôt devient difficile à lire. Il faut garder un peu d'ordre : nous regroupons les "
    "fichiers selon leur usage, puis nous documentons ce choix dans le fichier principal. "
    "Le langage du projet ne change rien à cette méthode, qui reste simple et utile."
)


def test_a_post_in_another_language_is_not_checked(tmp_path):
    out = lint(tmp_path / "a", {
        "fr.md": post(FRENCH, title="Ranger ses fichiers"),
        "declared.md": post(FRENCH, title="Ranger ses fichiers", extra_fm="lang: fr-FR\n"),
        "english.md": post("You will recieve a letter.\n\n" + FILLER, extra_fm="lang: fr\n"),
        "mixed.md": post(FRENCH + "\n\n" + FRENCH + "\n\nYou will recieve a letter.", title="Ranger ses fichiers"),
        "forced.md": post(FRENCH + "\n\n" + FRENCH + "\n\nYou will recieve a letter.", title="Ranger ses fichiers", extra_fm="lang: en\n"),
    })
    assert out["fr.md"] == [] and out["declared.md"] == [] and out["mixed.md"] == []
    assert out["english.md"] == []  # declared French: not judged by the English dictionary
    # declared English: checked as English (its French phrases are left alone as such)
    assert "recieve" in words_of(out["forced.md"])


def test_an_english_post_of_names_and_numbers_is_still_checked(tmp_path):
    # few English function words, but no other language's either: a changelog stays English
    rows = "\n".join(f"- Version 2.{i}: faster parser, smaller wheels, clearer errors" for i in range(8))
    out = lint(tmp_path / "a", {"log.md": post(rows + "\n- Version 3.0: recieve hooks")})
    assert words_of(out["log.md"]) == ["recieve"]


def test_language_tags_and_content():
    from lintkit.language import declared_language, is_english_tag, looks_english

    assert declared_language({"lang": "pt_BR"}) == "pt_br"
    assert declared_language({"language": "python", "locale": "de-DE"}) == "de-de"  # python is no language
    assert declared_language({"title": "x"}) is None and declared_language(["not", "a", "map"]) is None
    assert is_english_tag("en-GB") and is_english_tag("English") and not is_english_tag("es")
    french = FRENCH.lower().replace(",", " ").replace(".", " ").split()
    assert not looks_english(french)
    assert looks_english(FILLER.lower().split() * 2)
    assert looks_english(french[:10])  # too few words to tell


def test_a_brand_the_site_always_capitalises_is_no_misspelt_ending(tmp_path):
    # "Sculpter" reads like "sculptor" with the wrong ending; a site that names it, capitalised
    # inside sentences, on many lines of several posts is writing about a product
    brand = ("We tried Sculpter on a small model first.\n\nThen Sculpter exported the mesh.\n\n"
             "Our verdict on Sculpter is mixed.\n\n")
    typo = brand.replace("Sculpter", "the sculpter")
    named = lint(tmp_path / "a", {"a.md": post(brand + FILLER), "b.md": post(brand + FILLER, title="More clay")})
    assert named == {"a.md": [], "b.md": []}
    misspelt = lint(tmp_path / "b", {"a.md": post(typo + FILLER), "b.md": post(typo + FILLER, title="More clay")})
    assert set(words_of(misspelt["a.md"])) == {"sculpter"}


def test_file_extensions_and_particle_plurals_are_not_words(tmp_path):
    body = ("Save the result as a .txt file, then convert the txt to subtitles.\n\n"
            "Remove the browser add-ons and plug-ins you no longer use; it is easy to mis-weight them.\n\n"
            "Export the clip as .mov and keep the mov next to the project.\n\n" + FILLER)
    assert lint(tmp_path / "a", {"a.md": post(body)})["a.md"] == []
    # without its dotted form in the post, a short slip still counts
    out = lint(tmp_path / "b", {"a.md": post("Then convert the txt to subtitles.\n\n" + FILLER)})
    assert words_of(out["a.md"]) == ["txt"]


def test_regular_forms_of_an_added_word_are_words(tmp_path):
    # "prepended" is one edit from the far commoner "pretended": a rare base alone does not
    # vouch for its forms, a base the word list (or the user) adds does
    assert sp.Speller().known("prepended") is None
    assert sp.Speller(frozenset({"prepend"})).known("prepended") is not None
    body = ("The tool kept recursing into folders, prepending a header and linting ascii files "
            "in the repl.\n\nYou will recieve a report.\n\n" + FILLER)
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["recieve"]


def test_shipped_technical_words_are_words(tmp_path):
    # the data file's words the dictionary lacks: lower-case platform names, standard tech
    # spellings of -er words, and C and URL identifiers written in prose
    body = ("The tests fail on macos and ios when the requestor has no mailto link; the "
            "implementor fixed the sizeof check and the howto page, and posted it on linkedin.\n\n"
            "You will recieve a report.\n\n" + FILLER)
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["recieve"]


def test_commonest_word_pairs_written_as_one_word(tmp_path):
    body = ("We painted the shed aswell, then sat ontop of the wall and talked to eachother for "
            "alot of the afternoon.\n\nI was workin late and the file keeps its atime.\n\n" + FILLER)
    found = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert sorted(f.message for f in found) == sorted(
        f"'{w}' looks like two words run together: '{p}'"
        for w, p in (("aswell", "as well"), ("ontop", "on top"), ("eachother", "each other"), ("alot", "a lot")))
    assert [f.line for f in found] == [found[0].line] * 4


def test_a_capitalised_typo_opening_a_table_cell_is_checked_like_a_sentence_start(tmp_path):
    table = "| Day | Smell |\n|---|---|\n| 3 | Smels like vinegar |\n| 4 | Sweet and yeasty |\n\n"
    found = lint(tmp_path / "a", {"a.md": post(table + FILLER)})["a.md"]
    assert words_of(found) == ["Smels"]
    # inside a sentence a capitalised word may be a name: left alone
    found = lint(tmp_path / "b", {"a.md": post("The starter went to Smels for a week.\n\n" + FILLER)})["a.md"]
    assert words_of(found) == []


def test_loan_words_ending_in_a_and_the_privative_prefix_are_no_missed_spaces(tmp_path):
    body = ("I whisked the Matcha and left the avascular tissue alone, then counted each macronutrient.\n\n"
            "She left abook on the table.\n\n" + FILLER)
    found = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert [f.message for f in found] == ["'abook' looks like two words run together: 'a book'"]


def test_a_double_put_on_the_wrong_letter(tmp_path):
    # two edits from the word, but one slip: the doubled letter moved ("tommorow", "begginers")
    assert sorted(sp.moved_double("tommorow")) and "tomorrow" in sp.moved_double("tommorow")
    body = "See you tommorow at the class for begginers in the hall.\n\n" + FILLER
    found = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert [(words_of([f])[0], f.message.split("did you mean ")[1].split(",")[0].strip("'?")) for f in found] == [
        ("tommorow", "tomorrow"), ("begginers", "beginners")]


def test_a_word_broken_beside_a_known_part_and_the_e_kept_before_ly(tmp_path):
    body = ("Hang a small cabi net by the door. It was truely the best week.\n\n"
            "We sat on the sofa net curtain side, and lived completely freely and safely.\n\n" + FILLER)
    found = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    assert [f.message for f in found] == [
        "'cabi net' looks like one word broken in two: 'cabinet'",
        "possible misspelling 'truely'; did you mean 'truly'?",
    ]
    assert sp.Speller().spelled_otherwise("truely") == "truly" and sp.Speller().known("completely")


def test_a_name_the_site_writes_on_many_lines_beside_a_commoner_one(tmp_path):
    # "Merigan" is one letter short of "Merrigan", which the site names far more often; a typo
    # is not repeated on two dozen lines of two posts, a second person's name is
    def credits(name: str, lines: range) -> str:
        return "\n\n".join(f"- Fixed the parser for list number {i} ({name})." for i in lines)

    many = {
        "a.md": post(credits("Ola Merrigan", range(0, 70)) + "\n\n" + credits("Ida Merigan", range(0, 13)) + "\n\n" + FILLER),
        "b.md": post(credits("Ola Merrigan", range(70, 140)) + "\n\n" + credits("Ida Merigan", range(13, 26)) + "\n\n" + FILLER, title="More notes"),
    }
    assert lint(tmp_path / "a", many) == {"a.md": [], "b.md": []}
    few = dict(many, **{"b.md": post(credits("Ola Merrigan", range(70, 140)) + "\n\nThanks to Merigan for the review.\n\n" + FILLER, title="More notes")})
    few["a.md"] = post(credits("Ola Merrigan", range(0, 70)) + "\n\nAnd Merigan fixed the build.\n\n" + FILLER)
    out = lint(tmp_path / "b", few)
    assert words_of(out["a.md"]) == ["Merigan"] and words_of(out["b.md"]) == ["Merigan"]


def test_parts_of_a_hyphenated_word_the_dictionary_writes_closed(tmp_path):
    body = "Score the aubergine in a criss-cross pattern.\n\nThen recieve-and-send the tray.\n\n" + FILLER
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["recieve"]
    # a combining form in -o before a hyphen is a prefix, not a word run together ("lac to")
    body = "A lacto-vegetarian menu near the old meteo-station.\n\n" + FILLER
    assert words_of(lint(tmp_path / "b", {"a.md": post(body)})["a.md"]) == []


def test_words_of_a_phrase_in_another_language_are_left_alone(tmp_path):
    body = ("We walked on to the Palacio de Bellas Artes and ate pescado a la talla.\n\n"
            "The metro runs to Parque das Nações in ten minutes.\n\n"
            "As Smith et al. showed, the train will recieve more carriages.\n\n" + FILLER)
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["recieve"]
    # the function word itself, between a foreign word and a name, is foreign too; between
    # English words it is a typo
    body = "They bury pots of cozido das Furnas by the lake.\n\nWe spent three das in town.\n\n" + FILLER
    out = lint(tmp_path / "d", {"a.md": post(body)})
    assert [(f.subject, f.line) for f in out["a.md"]] == [("das", 7)]
    # the same words without the foreign function word beside them are judged as usual
    out = lint(tmp_path / "b", {"a.md": post("We ate pescado and talla by the sea.\n\n" + FILLER)})
    assert "talla" in words_of(out["a.md"])
    # "de-" is an English prefix too: the word after it is checked
    out = lint(tmp_path / "c", {"a.md": post("Then we de-dupicate the list.\n\n" + FILLER)})
    assert words_of(out["a.md"]) == ["dupicate"]


def test_a_run_of_unknown_words_is_names_or_foreign_terms_not_typos(tmp_path):
    body = ("Toast the ancho, mulato and pasilla chiles.\n\n"
            "We disabled colour formating in the tests (Ardal Quenby Merigan).\n\n" + FILLER)
    # three unknown words within three words of each other are a list; a parenthesis of names
    # beside a typo does not hide it
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["formating"]
    out = lint(tmp_path / "b", {"a.md": post("Toast the mulato chiles in a dry pan.\n\n" + FILLER)})
    assert words_of(out["a.md"]) == ["mulato"]


def test_a_scientific_name_in_italics_or_brackets_is_latin(tmp_path):
    body = ("Otters (*Lutra lutra*) fish below the weir, and the hedge is dog rose (Rosa canina).\n\n"
            "An _R. canina_ hip is red.\n\n" + FILLER)
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == []
    # emphasis alone is no Latin name, nor is a name in running text
    body = "It is *Very importnat* to look.\n\nThe hedge is a Rosa canina hedge.\n\n" + FILLER
    assert words_of(lint(tmp_path / "b", {"a.md": post(body)})["a.md"]) == ["importnat", "canina"]


def test_a_capitalised_word_beside_an_accented_name_is_foreign(tmp_path):
    body = "We stayed near the Maison Pérou for two nights.\n\n" + FILLER
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == []
    # a comma between them: no name of two words
    body = "We stayed near the Maison, then Pérou.\n\n" + FILLER
    assert words_of(lint(tmp_path / "b", {"a.md": post(body)})["a.md"]) == ["Maison"]


def test_a_prefixed_form_is_another_word_only_by_a_slip_of_the_fingers(tmp_path):
    # "reposted" is "re" + "post" + "ed", one letter from the far commoner "reported", but r and
    # s are not neighbouring keys; "unrested" ("unrest" is a word of its own) stays a word too
    body = "The talk was reposted on the blog and we felt unrested.\n\n" + FILLER
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == []


def test_an_italic_phrase_of_mostly_unknown_words_is_foreign(tmp_path):
    body = "In Porto they say *vou a fazer* instead.\n\n" + FILLER
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == []
    # italics with mostly English words (or one word alone) are still checked
    body = "It is *very importnat* to look, and *realy* useful.\n\n" + FILLER
    assert words_of(lint(tmp_path / "b", {"a.md": post(body)})["a.md"]) == ["importnat", "realy"]


def test_a_neighbouring_key_at_the_end_where_no_word_ends_so(tmp_path):
    # no English word ends in "lw", "cg" or "oq": the last letter is a slip, not an ending
    body = ("Check the schedulw first.\n\nThe brancg is old.\n\nOpen the windoq now.\n\n"
            "She has mad skillz.\n\nThe link has more bandw idth now.\n\n" + FILLER)
    found = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    # a final z for an s is a slang plural; a word broken in two is one finding, not two
    assert words_of(found) == ["schedulw", "brancg", "windoq", "bandw idth"]
    assert [f.message.split("'")[3] for f in found[:3]] == ["schedule", "branch", "window"]


def test_a_one_off_slip_of_a_word_the_post_writes_is_a_typo(tmp_path):
    a = ("The sprocket wore out after a year.\n\nA new sprocket costs little.\n\n"
         "Fit the sprockwet with care.\n\n" + FILLER)
    # the same slip where the post never writes the word has too little evidence (a rare word)
    b = "Fit the sprockwet with care.\n\n" + FILLER
    out = lint(tmp_path / "a", {"a.md": post(a), "b.md": post(b, title="Another note")})
    assert [(f.subject, f.message.split("'")[3]) for f in out["a.md"]] == [("sprockwet", "sprocket")]
    assert out["b.md"] == []


def test_two_function_words_run_together(tmp_path):
    body = "We wouldhave gone earlier, but it shouldbe fine now. Ask lindwill about it.\n\n" + FILLER
    found = lint(tmp_path / "a", {"a.md": post(body)})["a.md"]
    # a content word and a rarer function word ("lindwill") may be a handle: not judged so
    assert [f.message for f in found] == ["'wouldhave' looks like two words run together: 'would have'",
                                          "'shouldbe' looks like two words run together: 'should be'"]


def test_a_credit_in_brackets_is_names(tmp_path):
    # each surname alone in a sentence is one slip from a common word ("Stange": "strange")
    body = ("- Fixed the cache key on Windows (Evert Stange) [#1201](https://example.org/pull/1201)\n"
            "- Sped up the parser (Teodor Marsk, Nils Hamer)\n\n" + FILLER)
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == []
    # a bracket with other words, or one capitalised word alone, is still judged
    body = ("We fixed the bug (thanks to Evert Stange and the recieved report).\n\n"
            "Sped up the parser (Marsk).\n\n" + FILLER)
    assert words_of(lint(tmp_path / "b", {"a.md": post(body)})["a.md"]) == ["Stange", "recieved", "Marsk"]

def test_rare_real_words_of_the_large_list_but_not_its_wrong_forms(tmp_path):
    # masala, intubation, shaders, unary: in SCOWL's large lists, not in the frequency list;
    # the large list also holds "accidently", "wich" and "formating", which stay typos (a form
    # wrong in itself, a short word whose correction fits between its neighbours, a doubled
    # letter written once), and obscure words one edit from a common word ("searcing" beside
    # "searching", "positons" beside "positions") stay typos
    body = (
        "The masala was mild. The intubation went well. The shaders compile. A unary operator.\n\n"
        "I broke it accidently. I know wich one to pick. The formating is off.\n\n"
        "We were searcing for the right positons.\n\n" + FILLER
    )
    assert sp.Speller().in_large("masala") and not sp.Speller().known("masala") and sp.Speller().in_large("searcing")
    assert sorted(words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"])) == ["accidently", "formating", "positons", "searcing", "wich"]


def test_large_word_list_builder_keeps_lower_case_words_the_frequency_list_lacks(tmp_path):
    import gzip

    src = tmp_path / "words"
    src.write_text("masala\nMasala\nFrome\nthe\nox\ncafé\nshaders\nit's\n", encoding="utf-8")
    out = tmp_path / "large.txt.gz"
    assert sp.build_large_file([str(src)], str(out)) == 2
    assert gzip.open(out, "rt", encoding="utf-8").read().split() == ["masala", "shaders"]
    assert sp.double_slip("formating", "formatting") and sp.double_slip("tittles", "titles")
    assert not sp.double_slip("statin", "station")


def test_a_bold_term_opening_a_list_item_before_a_dash_is_a_name(tmp_path):
    # "Ronan" is one key from "Roman": as the bold term of a list of names it is a name
    body = ("1. **Ronan** – Irish, meaning little seal.\n"
            "2. **Fionn** — Irish, meaning fair.\n\n"
            "We asked Ronan to recieve the guests.\n\n" + FILLER)
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["Ronan", "recieve"]


def test_a_final_double_vowel_typed_once(tmp_path):
    # an edit at the last letter looks like an ending, but not a final "ee"/"oo" typed once;
    # a final double consonant typed once is as often a name ("Russel")
    body = "| Litres of coffe brewed | 40 |\n|---|---|\n\nThe committe met. We thanked Russel for the shampoo.\n\n" + FILLER
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["coffe", "committe"]


def test_a_past_tense_with_its_e_dropped_where_it_fits_but_not_a_daemon(tmp_path):
    # "happend" ends like "systemd" (a word and a d), but "something happened" is a word pair
    # of English; "launchd" before "daemon" or after "restarted" is the program
    body = ("Something happend on the river. The launchd daemon starts it, and systemd too.\n\n"
            "We restarted launchd.\n\n" + FILLER)
    assert [(f.subject, f.line) for f in lint(tmp_path / "a", {"a.md": post(body)})["a.md"]] == [("happend", 5)]


def test_surnames_of_a_reference_and_an_infraspecific_epithet_are_names(tmp_path):
    from lintkit.rules.misspelling import _cited_names

    line = "> **Paper:** Deiner, K., Bik, H. M., Mächler, E., et al. (2017). As Seymour et al. showed"
    assert [line[a:b] for a, b in _cited_names(line)] == ["Deiner", "Bik", "Mächler", "Seymour"]
    line = "Crowberry (*Empetrum nigrum* subsp. *hermaphroditum*) covers the heath."
    assert [line[a:b] for a, b in _cited_names(line)] == ["hermaphroditum"]
    assert _cited_names("Hello, I. Then, we left. Thanks, Anna.") == []
    # judged like names: a typo elsewhere is still found
    body = ("> **Paper:** Deiner, K., Seymour, M. and Altermatt, F. (2017). Environmental DNA metabarcoding.\n\n"
            "The samples were recieved in May.\n\n" + FILLER)
    assert words_of(lint(tmp_path / "a", {"a.md": post(body)})["a.md"]) == ["recieved"]
