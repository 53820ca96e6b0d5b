"""duplicate-body (LK101): copied bodies across a site, and what must not count as a copy."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from lintkit import shingles as sh
from lintkit.config import Settings
from lintkit.corpus import extract
from lintkit.document import Post
from lintkit.engine_rules import ENGINE_RULES
from lintkit.registry import Registry
from lintkit.runner import run
from lintkit.site import Site
from lintkit.rules import duplicate_body as mod
from lintkit.rules.duplicate_body import DuplicateBody

# Invented articles (three paragraphs each) that share nothing with each other.
KAYAK = [
    "Sea kayaking in late autumn rewards the paddler who plans around the tide tables. "
    "The water is colder than it looks, so a drysuit matters more than any other piece of kit. "
    "Leave a float plan with someone ashore and tell them when to raise the alarm.",
    "Launch an hour before slack water so the crossing to the skerries happens while the "
    "current rests. Seals haul out on the western rocks and watch every boat that passes. "
    "Keep fifty metres away from them, because a startled seal may abandon its pup.",
    "On the way back the wind usually rises from the south west and builds a short chop. "
    "Practise your low brace in sheltered water first and the chop becomes a game rather "
    "than a worry. Rinse the hatches with fresh water once you are home.",
]
CHEESE = [
    "Making halloumi at home needs only milk, rennet, salt and a large pot with a thermometer. "
    "Warm four litres of whole milk slowly to thirty two degrees and stir in the rennet. "
    "After forty minutes the curd should break cleanly over a finger.",
    "Cut the curd into cubes the size of hazelnuts and let them settle under the whey. "
    "Drain them in a cloth lined colander, press the mass under a weight for half an hour "
    "and cut it into slabs as thick as a thumb.",
    "Poach the slabs in the hot whey until they float, then roll them in salt and dried mint. "
    "Stored in brine in the fridge the cheese keeps for weeks and squeaks pleasantly when "
    "it is grilled. Serve it with watermelon and flatbread.",
]
CLOCKS = [
    "Restoring a pendulum clock starts with a careful look at the escapement before anything "
    "is taken apart. Photograph every wheel and spring from two sides; those pictures are the "
    "only manual you will have when the movement is spread across the bench.",
    "Clean the plates in a bath of warm ammonia free solution and peg out every pivot hole "
    "with sharpened pegwood until the wood comes out clean. Worn bushings show up as oval "
    "holes and must be replaced before the train can run freely.",
    "Oil sparingly and only where metal rubs on metal, never on the wheel teeth themselves. "
    "Set the beat by ear so that the tick and the tock sound evenly spaced, then let the clock "
    "run for a week before you judge its timekeeping.",
]


def body(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def post(title: str, text: str, date: str = "", heading: str = "", extra: str = "") -> str:
    fm = f"---\ntitle: {title}\n" + (f"date: {date}\n" if date else "") + "---\n\n"
    return fm + (f"{heading}\n\n" if heading else "") + text + extra


def registry() -> Registry:
    reg = Registry()
    for cls in (*ENGINE_RULES, DuplicateBody):
        reg.add(cls, "test")
    return reg


def lint(folder: Path, options: dict | None = None, corpus: list[Path] = ()) -> dict[str, list]:
    """path (relative to ``folder``) -> this rule's findings."""
    settings = Settings(root=folder, rule_options={"LK101": options} if options else {})
    res = run([str(folder)], settings, registry(), jobs=1, corpus=[str(c) for c in corpus], cache_dir=str(folder.parent / f".cache-{folder.name}"))
    assert not [f for f in res.findings if f.rule == "internal-error"], res.findings
    out: dict[str, list] = {}
    for f in res.findings:
        if f.code == "LK101":
            out.setdefault(Path(f.path).relative_to(folder).as_posix(), []).append(f)
    return out


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return folder


def first_body_line(text: str) -> int:
    lines = text.split("\n")
    end = lines.index("---", 1)
    return next(i + 1 for i in range(end + 1, len(lines)) if lines[i].strip())


def body_of(name: str, text: str) -> mod._Body:
    p = Post.from_text(name, text)
    return mod._Body(DuplicateBody().collect(p))


# ----------------------------------------------------------------------------- exact copies


def test_exact_copies_under_other_titles_and_headings(tmp_path):
    files = {
        "a.md": post("Autumn kayaking", body(KAYAK), "2023-01-04", "# Autumn kayaking"),
        "posts/b.md": post("Paddling the skerries", body(KAYAK), "2023-06-10", "## A trip to the seals"),
        "posts/c.md": post("Ten tips for cold water", body(KAYAK), "2024-02-01"),
        "d.md": post("Halloumi at home", body(CHEESE), "2022-12-01"),
    }
    site = write(tmp_path / "site", files)
    got = lint(site)
    assert sorted(got) == ["a.md", "posts/b.md", "posts/c.md"]
    for name, fs in got.items():
        assert len(fs) == 1
        f = fs[0]
        assert f.line == first_body_line(files[name]) and f.column == 1
        assert f.message.startswith("body shared with 2 other posts: ")
        others = {"a.md", "posts/b.md", "posts/c.md"} - {name}
        for o in others:
            assert f"{site / o} (100%)" in f.message
        assert f"oldest: {site / 'a.md'} (2023-01-04" in f.message
    assert "this post" in got["a.md"][0].message and "this post" not in got["posts/c.md"][0].message


def test_copies_differing_only_in_link_lists_and_ads_are_exact(tmp_path):
    also_read = (
        "\n**Also read:**\n\n"
        "- [Best budget laptops of the year](https://example.net/laptops)\n"
        "- [How to grow tomatoes](https://example.net/tomatoes)\n"
        "- [Crypto wallets compared](https://example.net/wallets)\n"
    )
    ads = (
        '\n<ins class="adsbygoogle"\n     style="display:block"\n     data-ad-client="ca-pub-0000000000000000"\n'
        '     data-ad-slot="1111111111"></ins>\n\n'
        "<!-- affiliate ads begin -->\n"
        '<a href="https://shop.example.com/c/123/456/789"><img src="https://shop.example.com/banner.png"/>\n\n'
        "  Spring sale: every garden tool half price this week only, order now. </a>\n"
        "<!-- affiliate ads end -->\n"
    )
    # an ad block right above a paragraph, with no blank line between: Markdown swallows the
    # paragraph into the HTML block, yet readers see it
    swallowed = body(KAYAK[:1]) + (
        "\n<!-- ad -->\n<div class=\"ad-slot\"><script src=\"https://ads.example.com/load.js\"></script></div>\n"
        + KAYAK[1] + "\n\n" + KAYAK[2] + "\n"
    )
    a = post("Autumn kayaking", body(KAYAK), "2023-01-04")
    b = post("Kayak season", ads + body(KAYAK) + also_read, "2023-03-04")
    c = post("Sea kayaks", swallowed, "2023-05-04")
    fa, fb, fc = (extract(Post.from_text(n, t)) for n, t in (("a.md", a), ("b.md", b), ("c.md", c)))
    assert fa.fingerprint == fb.fingerprint == fc.fingerprint
    got = lint(write(tmp_path / "site", {"a.md": a, "b.md": b, "c.md": c}))
    assert sorted(got) == ["a.md", "b.md", "c.md"]
    assert all("(100%)" in f.message for fs in got.values() for f in fs)


# ----------------------------------------------------------------------------- near copies


def test_copy_with_a_new_intro(tmp_path):
    intro = (
        "Our club has been asked many times what an autumn trip looks like, so here is the "
        "account one of our members sent us after her first season on the water."
    )
    files = {
        "orig.md": post("Autumn kayaking", body(KAYAK), "2022-10-01"),
        "copy.md": post("What our members did", body([intro] + KAYAK[1:]), "2024-10-01"),
        "other.md": post("Halloumi", body(CHEESE)),
    }
    a, b = body_of("orig.md", files["orig.md"]), body_of("copy.md", files["copy.md"])
    m = mod.compare(a, b)
    assert m["jaccard"] < 0.75 < m["core"]  # the replaced intro is set aside
    got = lint(write(tmp_path / "site", files))
    assert sorted(got) == ["copy.md", "orig.md"]
    msg = got["copy.md"][0].message
    assert "body shared with 1 other post: " in msg and "orig.md (" in msg and "(100%)" not in msg
    assert re.search(r"orig\.md \((9\d|8\d|7\d)%\)", msg)
    assert msg.endswith("orig.md (2022-10-01)")


def test_copy_with_shuffled_paragraphs(tmp_path):
    files = {
        "orig.md": post("Halloumi at home", body(CHEESE)),
        "copy.md": post("Cheese for beginners", body([CHEESE[2], CHEESE[0], CHEESE[1]])),
    }
    assert extract(Post.from_text("o", files["orig.md"])).fingerprint != extract(Post.from_text("c", files["copy.md"])).fingerprint
    got = lint(write(tmp_path / "site", files))
    assert sorted(got) == ["copy.md", "orig.md"]
    assert "(99%)" in got["orig.md"][0].message


SWAPS = {"careful": "close", "every": "each", "Clean": "Wash", "warm": "hot", "replaced": "renewed",
         "sparingly": "lightly", "judge": "assess", "bench": "table"}  # 8 of 128 words


def test_copy_with_a_few_words_swapped(tmp_path):
    spun = [" ".join(SWAPS.get(w, w) for w in p.split(" ")) for p in CLOCKS]
    files = {"orig.md": post("Clock repair", body(CLOCKS)), "spun.md": post("Fixing old clocks", body(spun))}
    got = lint(write(tmp_path / "site", files))
    assert sorted(got) == ["orig.md", "spun.md"]
    sim = int(re.search(r"\((\d+)%\)", got["spun.md"][0].message).group(1))
    assert 60 <= sim < 100


def test_copy_with_sections_cut_out(tmp_path):
    # two middle paragraphs cut: the copy lacks some of the original's rare words (rennet,
    # curd, whey) but adds none of its own, and the rest of its text is verbatim
    orig, cut = KAYAK + CHEESE + CLOCKS, KAYAK + CHEESE[2:] + CLOCKS
    m = mod.compare(body_of("o.md", post("A", body(orig))), body_of("c.md", post("B", body(cut))))
    assert m["distinct"] < mod.MIN_DISTINCTIVE and m["ddiff"] > mod.MAX_DISTINCTIVE_DIFF
    assert m["dextra"] == 0 and m["contain"] == 1.0
    files = {"orig.md": post("Three hobbies", body(orig)), "cut.md": post("Hobbies for autumn", body(cut))}
    got = lint(write(tmp_path / "site", files))
    assert sorted(got) == ["cut.md", "orig.md"]
    # the same cut with a name of its own in every remaining paragraph is no plain cut
    edited = [p.replace(". ", ", said Ingeborg Valtersdottir. ", 1) for p in cut]
    files["cut.md"] = post("Hobbies for autumn", body(edited))
    assert lint(write(tmp_path / "edited", files)) == {}


# An invented travel note full of names and numbers, and a spun copy: a word in four swapped for
# a synonym or a phrase, every sentence kept in its place.
TRAIN = [
    "The 07:42 train from Inverness to Kyle of Lochalsh takes two hours and 38 minutes, and a day return "
    "costs 23.50 pounds with a railcard. Sit on the left side of the carriage for the best views of Loch Carron.",
    "Between Achnasheen and Strathcarron the line climbs to 197 metres and the signal often drops for about 20 "
    "minutes. Download your tickets and the timetable before you leave, because the station at Achnasheen has no machine.",
    "In 2023 the operator added a 16:10 service on summer Saturdays. It connects with the 17:30 bus to Portree, "
    "so you can reach Skye in a single afternoon without driving along the A87 in the holiday traffic.",
]
SPIN = {"train": "service", "takes": "needs", "costs": "is", "Sit": "Take a seat", "side": "hand side", "best": "finest",
        "views": "scenery", "line": "track", "climbs": "rises", "often": "frequently", "drops": "fails", "about": "around",
        "Download": "Save", "leave": "set off", "because": "since", "machine": "ticket machine", "added": "introduced",
        "summer": "summertime", "connects": "links up", "reach": "get to", "single": "one", "driving": "motoring",
        "holiday": "vacation", "afternoon": "day", "carriage": "coach", "tickets": "passes"}


def test_copy_spun_with_synonyms_throughout(tmp_path):
    spun = [" ".join(SPIN.get(w, w) for w in p.split(" ")) for p in TRAIN]
    a, b = body_of("o.md", post("A", body(TRAIN))), body_of("s.md", post("B", body(spun)))
    m = mod.compare(a, b)
    assert m["core"] < mod.DuplicateBody.options["threshold"].default  # too few 4-grams survive
    assert mod.reworded(a, b) >= mod.SPUN_SENTENCES
    files = {"orig.md": post("Rail to Skye", body(TRAIN)), "spun.md": post("Skye by train", body(spun)),
             "other.md": post("Kayaking", body(KAYAK))}
    got = lint(write(tmp_path / "site", files))
    assert sorted(got) == ["orig.md", "spun.md"]
    assert re.search(r"spun\.md \(reworded, \d+% same wording\)", got["orig.md"][0].message)
    # a body on the same trip in other sentences shares the names and numbers, not the sentences
    retold = ["Portree, Skye, the A87, Inverness, Kyle of Lochalsh, Loch Carron, Achnasheen and Strathcarron: "
              "we saw them all in 2023, on the 07:42 and the 16:10, for 23.50 pounds, 197 metres up, 38 and 20 "
              "minutes late, and back by the 17:30 bus."]
    assert mod.reworded(a, body_of("r.md", post("C", body(retold + KAYAK)))) < mod.SPUN_SENTENCES


def test_a_spun_looking_pair_with_other_names_and_numbers_is_not_a_copy(tmp_path):
    # the same wording with other times, places and prices: a template, not a copy
    swap = {"07:42": "09:15", "Inverness": "Glasgow", "Kyle": "Mallaig", "Lochalsh": "Morar", "38": "51",
            "23.50": "31.20", "Carron": "Shiel", "Achnasheen": "Crianlarich", "Strathcarron": "Rannoch",
            "197": "411", "2023": "2021", "16:10": "18:05", "17:30": "19:00", "Portree": "Armadale", "A87": "A830"}
    other = [" ".join(swap.get(w.strip(".,"), w) for w in p.split(" ")) for p in TRAIN]
    files = {"a.md": post("Rail to Skye", body(TRAIN)), "b.md": post("Rail to Mallaig", body(other))}
    assert lint(write(tmp_path / "site", files)) == {}


def test_threshold_is_respected(tmp_path):
    spun = [" ".join(SWAPS.get(w, w) for w in p.split(" ")) for p in CLOCKS]
    files = {"orig.md": post("Clock repair", body(CLOCKS)), "spun.md": post("Fixing old clocks", body(spun)),
             "same.md": post("Clock repair again", body(CLOCKS))}
    site = write(tmp_path / "site", files)
    assert sorted(lint(site)) == ["orig.md", "same.md", "spun.md"]
    strict = lint(site, {"threshold": 0.9})
    assert sorted(strict) == ["orig.md", "same.md"]  # the exact copy still counts
    assert "spun.md" not in strict["orig.md"][0].message


# ----------------------------------------------------------------------------- not copies


def release_post(version: str, date: str, names: str, feature: str) -> str:
    text = (
        f"Version {version} of the Quillmark editor is out today, {date}. "
        "You can download it from the usual place or update from inside the app. "
        "As always the release went through two weeks of testing on the beta channel "
        "and we want to thank everyone who reported problems there.\n\n"
        f"The headline change is {feature}. "
        "The full list of changes is in the release notes, and the known issues page "
        "lists the problems we are still working on.\n\n"
        f"This release was made possible by {names}. "
        "If you want to help with the next one, join the beta channel, read the contributing "
        "guide and say hello in the chat room; we answer every question there."
    )
    return post(f"Quillmark {version} released", text + "\n")


def test_templated_release_posts_are_not_copies(tmp_path):
    files = {
        "r1.md": release_post("4.2.0", "12 March 2024", "Ana Ferreira, Tomasz Wolny and Priya Raman", "a faster spell checker"),
        "r2.md": release_post("4.3.0", "9 April 2024", "Lukas Brandt, Mei Takahashi and Ana Ferreira", "tabs that remember their scroll position"),
        "r3.md": release_post("4.3.1", "16 April 2024", "Mei Takahashi and Oskar Lind", "a fix for crashes when printing"),
    }
    a, b = body_of("r1.md", files["r1.md"]), body_of("r2.md", files["r2.md"])
    m = mod.compare(a, b)
    assert m["jaccard"] >= 0.5 and m["core"] >= 0.6  # the wording is mostly shared ...
    assert m["distinct"] < mod.MIN_DISTINCTIVE  # ... the versions, dates and names are not
    assert lint(write(tmp_path / "site", files)) == {}


def test_posts_sharing_a_standard_section_are_not_copies(tmp_path):
    footer = [
        "Thanks for reading our club newsletter. If you enjoyed this piece, forward it to a friend "
        "who might like it, and remember that membership renewals are due at the end of the month.",
        "Club nights are on Thursdays from seven in the upstairs room of the boathouse, and the "
        "equipment store opens half an hour earlier for anyone who needs to borrow gear.",
    ]
    files = {
        "kayak.md": post("Autumn kayaking", body(KAYAK + footer)),
        "cheese.md": post("Halloumi", body(CHEESE + footer)),
        "clocks.md": post("Clocks", body(footer + CLOCKS)),
    }
    a, b = body_of("kayak.md", files["kayak.md"]), body_of("cheese.md", files["cheese.md"])
    m = mod.compare(a, b)
    assert m["core"] == 1.0 and m["core_words"] >= 50  # the shared section alone is identical ...
    assert m["share_hi"] < mod.MIN_CORE_SHARE  # ... but it is not most of either post
    assert not DuplicateBody().accept(m)
    assert lint(write(tmp_path / "site", files)) == {}


def test_short_bodies_are_skipped(tmp_path):
    short = "The office is closed on Monday for the bank holiday. We reopen on Tuesday at nine."
    assert len(short.split()) < 30
    files = {"a.md": post("Closed Monday", short + "\n"), "b.md": post("Holiday notice", short + "\n")}
    site = write(tmp_path / "site", files)
    assert lint(site) == {}
    assert sorted(lint(site, {"min-words": 10})) == ["a.md", "b.md"]


def test_unrelated_posts_are_silent_and_candidate_search_is_not_all_pairs(tmp_path, monkeypatch):
    import random

    rng = random.Random(7)
    vocab = [a + b + c for a in ("ka", "lo", "mi", "ne", "pu", "ro", "sa", "ti") for b in ("ber", "dan", "fel", "gor", "hix")
             for c in ("a", "o", "um", "is")]
    files = {}
    for i in range(150):
        sents = [" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 16))).capitalize() + "." for _ in range(12)]
        files[f"p{i:03}.md"] = post(f"Post {i}", " ".join(sents) + "\n")
    calls = []
    real = mod.compare
    monkeypatch.setattr(mod, "compare", lambda a, b: calls.append(1) or real(a, b))
    assert lint(write(tmp_path / "site", files)) == {}
    assert len(calls) < 150 * 149 // 2 // 10  # LSH buckets, not every pair


# ----------------------------------------------------------------------------- --corpus


def test_only_checked_posts_are_reported(tmp_path):
    site = write(tmp_path / "site", {"orig.md": post("Halloumi", body(CHEESE), "2021-05-01"), "other.md": post("Clocks", body(CLOCKS))})
    new = write(tmp_path / "new", {"draft.md": post("My cheese", body(CHEESE), "2025-01-01")})
    got = lint(new, corpus=[site])
    assert list(got) == ["draft.md"]
    msg = got["draft.md"][0].message
    assert f"{site / 'orig.md'} (100%)" in msg and f"oldest: {site / 'orig.md'} (2021-05-01)" in msg


def test_check_corpus_reports_only_report_paths():
    texts = {"a.md": post("A", body(KAYAK)), "b.md": post("B", body(KAYAK)), "c.md": post("C", body(KAYAK))}
    posts = {p: Post.from_text(p, t) for p, t in texts.items()}
    rule = DuplicateBody()
    feats = {p: extract(x) for p, x in posts.items()}
    site = Site(paths=list(feats), report_paths={"b.md"}, features=feats)
    findings = list(rule.check_corpus({p: rule.collect(x) for p, x in posts.items()}, site))
    assert [f.path for f in findings] == ["b.md"]
    assert findings[0].message.startswith("body shared with 2 other posts: a.md (100%), c.md (100%)")


def test_checking_one_post_against_the_site_finds_what_the_full_run_finds(tmp_path):
    """A pre-commit run verifies only candidates connected to the checked post, yet reports the
    same partners as a run over the whole site (near copies included, unrelated posts left out)."""
    spun = [" ".join(SWAPS.get(w, w) for w in p.split(" ")) for p in CLOCKS]
    files = {
        "clocks.md": post("Clock repair", body(CLOCKS)), "spun.md": post("Fixing old clocks", body(spun)),
        "reordered.md": post("Old clocks", body([CLOCKS[1], CLOCKS[0], CLOCKS[2]])),
        "cheese.md": post("Halloumi", body(CHEESE)), "cheese-copy.md": post("Cheese", body(CHEESE)),
        "kayak.md": post("Kayaking", body(KAYAK)),
        "train.md": post("Rail to Skye", body(TRAIN)),
        "train-spun.md": post("Skye by rail", body([" ".join(SPIN.get(w, w) for w in p.split(" ")) for p in TRAIN])),
    }
    site = write(tmp_path / "site", files)
    full = {p: [f.message for f in fs] for p, fs in lint(site).items()}
    assert sorted(full) == ["cheese-copy.md", "cheese.md", "clocks.md", "reordered.md", "spun.md", "train-spun.md", "train.md"]
    for name in files:
        settings = Settings(root=site)
        res = run([str(site / name)], settings, registry(), jobs=1, corpus=[str(site)], cache_dir=str(tmp_path / "cache"))
        assert [f.message for f in res.findings if f.code == "LK101"] == full.get(name, []), name


# ----------------------------------------------------------------------------- pieces


def test_message_names_a_few_partners_and_counts_the_rest(tmp_path):
    files = {f"p{i}.md": post(f"Title {i}", body(CLOCKS), f"2024-0{i + 1}-15") for i in range(6)}
    got = lint(write(tmp_path / "site", files))
    msg = got["p5.md"][0].message
    assert msg.startswith("body shared with 5 other posts: ") and ", and 2 more; oldest: " in msg
    assert msg.count("(100%)") == 3 and msg.endswith("p0.md (2024-01-15)")


def test_dates_from_front_matter_or_file_names():
    assert mod.post_date("x.md", "2023-01-04 10:00:00+00:00") == "2023-01-04"
    assert mod.post_date("x.md", "2024-10-05T18:11:53.231Z") == "2024-10-05"
    assert mod.post_date("blog/2021-03-09-some-post.md", "") == "2021-03-09"
    assert mod.post_date("blog/2021-03-09-some-post/index.md", "") == "2021-03-09"
    assert mod.post_date("blog/some-post.md", "") == ""


def test_body_sentences_split_at_blocks_and_read_swallowed_text():
    text = textwrap.dedent(
        """\
        ---
        title: T
        ---
        # Heading that opens the body

        First paragraph without a full stop
        - item one
        - item two

        <div class="note"><img src="x.png"></div>
        Text right under the HTML, shown by browsers
        <span class="x"
              data-y="1">not text</span>
        """
    )
    sents = [" ".join(s) for s in sh.body_sentences(Post.from_text("t.md", text))]
    assert sents == ["first paragraph without a full stop", "item one", "item two", "text right under the html shown by browsers"]


def test_ad_marker_regions_are_not_body_text():
    text = "---\ntitle: T\n---\nKeep this.\n\n<!-- ads begin -->\nBuy our gadget today.\n<!-- ads end -->\n\nAnd this.\n"
    p = Post.from_text("t.md", text)
    assert sh.ad_region_lines(p) == {6, 7, 8}
    assert [" ".join(s) for s in sh.body_sentences(p)] == ["keep this", "and this"]


def test_documented_bad_example_is_flagged_beside_a_copy(tmp_path):
    doc = DuplicateBody.documentation()
    bad = re.search(r"^Bad:\n+```markdown\n(.*?)\n```", doc, re.M | re.S).group(1) + "\n"
    good = re.search(r"^Good:\n+```markdown\n(.*?)\n```", doc, re.M | re.S).group(1) + "\n"
    assert "<!-- example: needs a copy in the site -->" in bad
    for opt in DuplicateBody.options:
        assert f"`{opt}`" in doc
    got = lint(write(tmp_path / "bad", {"example.md": bad, "copy-of-example.md": bad.replace("title:", "title: Copy of", 1)}))
    assert sorted(got) == ["copy-of-example.md", "example.md"]
    assert lint(write(tmp_path / "good", {"example.md": good})) == {}


@pytest.mark.parametrize("opts", [{"threshold": 1.5}, {"min-words": 0}, {"nope": 1}])
def test_invalid_options_are_rejected(opts):
    with pytest.raises(ValueError):
        DuplicateBody(opts)


def test_body_sentences_of_a_shared_paragraph_are_split_alike_and_are_the_callers_own():
    # A block's sentences are computed once per text for the run: a second post with the same
    # paragraph gets the same sentences, never across a block boundary, and lists it may change.
    from lintkit.document import Post
    from lintkit.shingles import body_sentences

    para = "Rinse the rice twice. Cook it covered for twelve minutes;\nthen rest it off the heat\n"
    a = Post.from_text("a.md", f"---\ntitle: A\n---\n{para}")
    b = Post.from_text("b.md", f"---\ntitle: B\n---\nStart with dry rice\n\n{para}\n- Serve it warm\n")
    expected = [["rinse", "the", "rice", "twice"], ["cook", "it", "covered", "for", "twelve", "minutes"],
                ["then", "rest", "it", "off", "the", "heat"]]
    assert body_sentences(a) == expected
    got = body_sentences(b)
    assert got == [["start", "with", "dry", "rice"], *expected, ["serve", "it", "warm"]]
    got[1].append("changed")
    assert body_sentences(a) == expected and body_sentences(b)[1] == expected[0]
