"""title-mismatch (LK102): titles that promise a topic the body does not cover."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from lintkit.config import Settings
from lintkit.corpus import extract
from lintkit.document import Post
from lintkit.engine_rules import ENGINE_RULES
from lintkit.registry import Registry
from lintkit.runner import run
from lintkit.site import Site
from lintkit.rules import title_mismatch as mod
from lintkit.rules.title_mismatch import TitleMismatch

# Invented articles on unrelated topics (two paragraphs each).
BODIES = {
    "kayak": (
        "Sea kayaking in late autumn rewards the paddler who plans around the tide tables. The water is "
        "colder than it looks, so a drysuit matters more than any other kit on the kayak. Leave a float "
        "plan with someone ashore and tell them when to raise the alarm if the kayak is not back.\n\n"
        "Launch an hour before slack water so the crossing to the skerries happens while the current "
        "rests. Seals haul out on the western rocks and watch every kayak that passes. Practise the low "
        "brace in sheltered water first and the afternoon chop becomes a game for the paddler."
    ),
    "cheese": (
        "Making halloumi cheese at home needs only milk, rennet, salt and a large pot with a thermometer. "
        "Warm four litres of whole milk slowly and stir in the rennet. After forty minutes the curd should "
        "break cleanly over a finger, and the cheese is ready to cut.\n\n"
        "Cut the curd into cubes, drain them in a cloth and press the cheese under a weight. Poach the "
        "slabs in hot whey until they float, then roll the halloumi in salt and dried mint. Stored in "
        "brine the cheese keeps for weeks and squeaks when it is grilled."
    ),
    "clock": (
        "Restoring a pendulum clock starts with a careful look at the escapement before anything is taken "
        "apart. Photograph every wheel and spring of the clock movement from two sides; those pictures "
        "are the only manual you will have on the bench.\n\n"
        "Clean the clock plates in a warm bath and peg out every pivot hole with sharpened pegwood. Worn "
        "bushings show up as oval holes and must be replaced. Oil the pivots sparingly, set the beat of "
        "the pendulum by ear and let the clock run for a week before judging it."
    ),
    "bees": (
        "A beehive needs inspecting every nine days in early summer, when the colony decides whether to "
        "swarm. Look for queen cells along the bottom of the frames; a few capped cells mean the bees "
        "are preparing to leave with the old queen.\n\n"
        "Give the colony more room by adding a super of empty frames above the brood box. Smoke the "
        "entrance gently, lift each frame slowly and look for eggs, which prove the queen laid in the "
        "last three days. Harvest the honey only from frames the bees have capped."
    ),
    "chess": (
        "The Sicilian Defence answers the king's pawn opening with an immediate fight for the centre. "
        "Black gives up symmetry and accepts a cramped position in exchange for counterplay on the "
        "queenside, and chess players at every level use it to play for a win.\n\n"
        "Study the Najdorf variation through model games rather than memorised move lists. Learn why "
        "the bishop belongs on e7, when the knight jumps to d4 and which pawn breaks open the position. "
        "A chess opening is understood when its middlegame plans are."
    ),
    "bike": (
        "Truing a bicycle wheel needs a spoke key, a truing stand and patience. Spin the wheel and watch "
        "the rim against a fixed pointer; where the rim drifts left, tighten the spokes that pull right "
        "by a quarter turn and loosen their neighbours.\n\n"
        "Check the tension of every spoke by plucking it like a guitar string, since a bicycle wheel "
        "with even tension stays true for years. Finish by pressing pairs of spokes together to settle "
        "them, then spin the wheel again and correct what moved."
    ),
}
TITLES = {
    "kayak": "Sea Kayaking Among the Skerries in Autumn",
    "cheese": "Making Halloumi Cheese at Home",
    "clock": "Restoring a Pendulum Clock Movement",
    "bees": "Inspecting a Beehive for Queen Cells",
    "chess": "Understanding the Sicilian Defence in Chess",
    "bike": "Truing a Bicycle Wheel with a Spoke Key",
}


def post(title: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-03-01\n{extra}---\n\n{body}\n'


def check(files: dict[str, str], options: dict | None = None, report: set[str] | None = None):
    """Run the rule over an invented site: {path: text} -> findings."""
    rule = TitleMismatch(options or {})
    posts = [Post.from_text(p, t) for p, t in files.items()]
    features = {p.path: extract(p) for p in posts}
    summaries = {p.path: rule.collect(p) for p in posts}
    site = Site(paths=list(features), report_paths=report if report is not None else set(features), features=features)
    return sorted(rule.check_corpus(summaries, site), key=lambda f: f.path)


def site_files(**overrides: tuple[str, str]) -> dict[str, str]:
    files = {f"posts/{k}.md": post(TITLES[k], BODIES[k]) for k in BODIES}
    for k, (title, body) in overrides.items():
        files[f"posts/{k}.md"] = post(title, body)
    return files


def test_clean_site_is_silent():
    assert check(site_files()) == []


def test_title_of_another_posts_body_is_flagged_at_title_line():
    # The chess post carries the beehive title; the beehive post keeps its own.
    files = site_files(chess=(TITLES["bees"], BODIES["chess"]))
    found = check(files)
    assert [f.path for f in found] == ["posts/chess.md"]
    f = found[0]
    assert (f.line, f.column, f.code, f.rule) == (2, 1, "LK102", "title-mismatch")
    assert "'beehive'" in f.message and "'cells'" in f.message and "never mentions them" in f.message
    assert "it fits posts/bees.md better" in f.message


def test_swapped_titles_flag_both_posts():
    files = site_files(clock=(TITLES["bike"], BODIES["clock"]), bike=(TITLES["clock"], BODIES["bike"]))
    found = check(files)
    assert [f.path for f in found] == ["posts/bike.md", "posts/clock.md"]
    by_path = {f.path: f.message for f in found}
    assert "posts/clock.md" in by_path["posts/bike.md"] and "pendulum" in by_path["posts/bike.md"]
    assert "posts/bike.md" in by_path["posts/clock.md"] and "spoke" in by_path["posts/clock.md"]


def test_only_reported_posts_get_findings():
    files = site_files(clock=(TITLES["bike"], BODIES["clock"]), bike=(TITLES["clock"], BODIES["bike"]))
    found = check(files, report={"posts/clock.md"})
    assert [f.path for f in found] == ["posts/clock.md"]


@pytest.mark.parametrize("title", ["Announcing 2.0", "Salt, Rennet and Patience", "A Squeaky Weekend", "Notes from the Kitchen"])
def test_short_playful_title_is_not_flagged(title):
    body = BODIES["cheese"].replace("Making halloumi", "Version 2.0 of our recipe: making halloumi")
    assert check(site_files(cheese=(title, body))) == []


def test_related_paraphrased_title_is_not_flagged():
    files = site_files(
        kayak=("Paddling Out to the Seals Before Winter Comes", BODIES["kayak"]),
        clock=("Bringing an Old Pendulum Clock Back to Life", BODIES["clock"]),
    )
    assert check(files) == []


def test_single_post_with_unrelated_title_uses_background_statistics():
    files = {"only.md": post("Deploying Kubernetes Clusters with Helm Charts and Terraform", BODIES["bees"])}
    found = check(files)
    assert len(found) == 1 and found[0].line == 2
    msg = found[0].message
    assert "'kubernetes'" in msg and "never mentions them" in msg
    assert "the body is about" in msg and ("'bees'" in msg or "'colony'" in msg or "'frames'" in msg)


def test_single_post_with_fitting_title_is_silent():
    assert check({"only.md": post(TITLES["bees"], BODIES["bees"])}) == []
    assert check({"only.md": post("Swarm Season", BODIES["bees"])}) == []


def test_farm_group_flags_the_off_topic_titles_only():
    farm = {
        "farm/a.md": post("Sea Kayaking Among the Skerries in Autumn", BODIES["kayak"]),
        "farm/b.md": post("Autumn Kayak Trips: Tides, Drysuits and Seals", BODIES["kayak"]),
        "farm/c.md": post("Best Budget Laptops for Students Reviewed", BODIES["kayak"]),
        "farm/d.md": post("Mortgage Rates Explained for First-Time Buyers", BODIES["kayak"]),
        "farm/e.md": post("Top Smartphone Camera Apps Compared", BODIES["kayak"]),
    }
    files = {**site_files(), **farm}
    found = check(files)
    assert sorted(f.path for f in found) == ["farm/c.md", "farm/d.md", "farm/e.md"]
    msg = next(f.message for f in found if f.path == "farm/d.md")
    assert "'mortgage'" in msg and "same body is also published as" in msg


def test_title_words_repeated_as_opening_heading_are_no_evidence():
    body = "## Best Budget Laptops for Students Reviewed\n\n" + BODIES["kayak"]
    found = check({"only.md": post("Best Budget Laptops for Students Reviewed", body)})
    assert len(found) == 1


def test_version_numbers_tell_release_posts_apart():
    def release(v: str, feature: str) -> str:
        return (f"We are happy to announce Widget {v}. The {v} release brings {feature} and many fixes. "
                f"Upgrade to {v} with the installer; the changelog of {v} lists every change. ") * 3
    files = {f"rel/{v}.md": post(f"Announcing Widget {v}", release(v, feat)) for v, feat in
             [("1.37.0", "faster parsing"), ("1.38.0", "a new cache"), ("1.39.0", "better errors"),
              ("1.40.0", "smaller binaries"), ("1.41.0", "plugin hooks")]}
    assert check(files) == []
    # The titles of two release posts exchanged: only the version numbers tell.
    files["rel/1.38.0.md"] = post("Announcing Widget 1.41.0", release("1.38.0", "a new cache"))
    files["rel/1.41.0.md"] = post("Announcing Widget 1.38.0", release("1.41.0", "plugin hooks"))
    found = check(files)
    assert [f.path for f in found] == ["rel/1.38.0.md", "rel/1.41.0.md"]
    assert "'1.41.0'" in found[0].message or "1.41" in found[0].message


def test_acronyms_match_spelled_out_words():
    body = BODIES["kayak"] + "\n\nWith virtual reality goggles the crossing can be rehearsed at home."
    assert check({"only.md": post("VR Kayaking Among the Skerries", body)}) == []


def test_irregular_forms_meet_their_base_word():
    from lintkit.text import stem

    # a body that says the fish were "caught" mentions the title's "catch"
    assert stem("caught") == stem("catch") and stem("children") == stem("child") and stem("Wrote") == stem("write")
    assert [k for k, _ in mod.title_words("Catch and release")] == [k for k, _ in mod.title_words("Caught and release")]
    assert stem("left") == "left" and stem("thought") == "thought"  # forms with another common meaning stay


def test_non_latin_titles_and_tiny_bodies_are_not_judged():
    assert check({"a.md": post("シーカヤックの楽しみ方", BODIES["bees"])}) == []
    assert check({"a.md": post("Deploying Kubernetes Clusters with Helm and Terraform", "A short note.")}) == []


def test_ignore_words_option():
    title = "Deploying Kubernetes Clusters with Helm Charts"
    assert check({"a.md": post(title, BODIES["bees"])})
    assert not check({"a.md": post(title, BODIES["bees"])}, {"ignore-words": ["Deploying", "Kubernetes", "Clusters", "Helm", "Charts"]})


def test_max_fit_option_validates():
    with pytest.raises(ValueError):
        TitleMismatch({"max-fit": 2.0})


def test_title_words_and_keys():
    assert mod.title_words("Restoring Degraded H.264 Files") == [("h.264", "H.264"), ("restor", "restoring"), ("degrad", "degraded"), ("file", "files")]
    assert [k for k, _ in mod.title_words("Inside Outlook on VR: Good & Bad")] == ["insid", "outlook", "VR", "good", "bad"]
    assert [k for k, _ in mod.title_words("Using auto-instrumentation in 2019-10-22")] == ["auto", "instrumentation"]
    assert mod.keys_of_term("pre-release") == ["prereleas", "pre", "releas"]
    assert mod.numbers("Rust 1.59.0, v2.5 and 2024") == ["1.59", "2.5", "2024"]
    assert mod.related("restor", "restoration") and not mod.related("micro", "macro")


def test_through_the_runner_with_a_copied_title(tmp_path: Path):
    for k in BODIES:
        (tmp_path / f"{k}.md").write_text(post(TITLES[k], BODIES[k]), encoding="utf-8")
    (tmp_path / "kayak.md").write_text(post(TITLES["cheese"], BODIES["kayak"], extra="tags: [food]\n"), encoding="utf-8")
    reg = Registry()
    for cls in (*ENGINE_RULES, TitleMismatch):
        reg.add(cls, "test")
    result = run([str(tmp_path)], Settings(root=tmp_path), reg, jobs=1)
    mine = [f for f in result.findings if f.rule == "title-mismatch"]
    assert len(mine) == 1 and mine[0].path.endswith("kayak.md") and mine[0].line == 2
    assert "cheese.md better" in mine[0].message
    assert mine[0].source.startswith("title:")


_EXAMPLE = re.compile(r"^(Bad|Good):[ \t]*\n+```markdown\n(.*?)\n```", re.M | re.S)


def test_documented_examples_alone(tmp_path: Path):
    doc = TitleMismatch.documentation()
    examples = _EXAMPLE.findall(doc)
    assert {k for k, _ in examples} == {"Bad", "Good"}
    reg = Registry()
    for cls in (*ENGINE_RULES, TitleMismatch):
        reg.add(cls, "test")
    for i, (kind, body) in enumerate(examples):
        d = tmp_path / str(i)
        d.mkdir()
        (d / "example.md").write_text(textwrap.dedent(body) + "\n", encoding="utf-8")
        result = run([str(d)], Settings(root=d), reg, jobs=1)
        mine = [f for f in result.findings if f.code == "LK102"]
        assert bool(mine) == (kind == "Bad"), (kind, [f.message for f in mine])


def test_candidate_bodies_are_the_ones_that_use_the_title_words_most(monkeypatch):
    # With room for one candidate body per title word, the body that uses the words most is
    # the one a wrong title is matched with, however many other bodies use each word once.
    monkeypatch.setattr(mod, "MAX_POSTINGS", 1)
    orchard = ("Pruning apple trees is winter work. Cut the apple branches that cross, then thin the "
               "apple spurs so light reaches the fruit. Pruning young trees shapes them; pruning old "
               "trees renews them. In winter the apple wood is bare and every cut is easy to see.")
    files = site_files(chess=("Pruning Apple Trees in Winter", BODIES["chess"]))
    files["posts/orchard.md"] = post("An afternoon in the orchard", orchard)
    for i in range(3):  # bodies that use every title word once, in passing
        files[f"posts/aside{i}.md"] = post(f"Kayak notes {i}", BODIES["kayak"] + " Pruning apple trees waits for winter.")
    found = [f for f in check(files) if f.path == "posts/chess.md"]
    assert found and "it fits posts/orchard.md better" in found[0].message, found


def test_numbers_and_raw_keys_are_read_line_by_line_alike():
    # Both are computed per line (lines repeat across a site and are remembered): the result
    # must be what the whole text gives, for short and for very long lines.
    from lintkit.text import MEMO_CHARS, words
    from lintkit.rules import title_mismatch as tm

    long_line = "Release v3.10.0 of the kettle-timer " + "filler " * (MEMO_CHARS // 7) + "build 2042"
    lines = ["Install 1.59.0 then v2.5.0, not 18.0.0 or 7.", "<div class='Widget-Box'>Kettle's timer</div>",
             long_line, "Install 1.59.0 then v2.5.0, not 18.0.0 or 7.", "no digits here"]
    text = "\n".join(lines)
    assert tm.numbers(text) == ["1.59", "2.5", "18.0", "3.10", "2042", "1.59", "2.5", "18.0"]
    assert tm._raw_keys(lines) == {k for w in set(words(text)) for k in tm._word_keys_cached(w)}
    assert {"kettl", "timer", "widget", "box"} <= tm._raw_keys(lines)


def finding_on_kayak_line_4(extra_front_matter: str):
    """The one finding on the site when the kayak post gets ``extra_front_matter`` (line 4)."""
    files = site_files()
    files["posts/kayak.md"] = post(TITLES["kayak"], BODIES["kayak"], extra_front_matter)
    (f,) = check(files)
    assert (f.path, f.line, f.column) == ("posts/kayak.md", 4, 1)
    assert f.message.endswith("but the body never mentions them")
    return f


def test_a_description_about_another_topic_is_flagged_at_its_line():
    f = finding_on_kayak_line_4('description: "Grilling halloumi cheese with mint and rennet"\n')
    assert f.message.startswith("description promises ")
    assert "'halloumi'" in f.message and "'rennet'" in f.message
    assert f.subject == "Grilling halloumi cheese with mint and rennet"


def test_keywords_about_another_topic_are_flagged_at_their_line():
    f = finding_on_kayak_line_4('keywords: "halloumi recipe, rennet, brine for cheese 2024"\ntags: [kayak]\n')
    assert f.message.startswith("keywords promise ")
    assert "'halloumi'" in f.message and f.message.count("'") == 6  # the three most telling words
    assert f.subject == "halloumi recipe, rennet, brine for cheese 2024"
    # as a block list, with a generic word the body uses ("best") and a digit (a label)
    f = finding_on_kayak_line_4("keywords:\n  - best halloumi 2024\n  - rennet dosing\n  - whey pressing\n")
    assert "'halloumi'" in f.message and "'best'" not in f.message


def test_keywords_the_body_answers_and_tags_alone_are_not_flagged():
    files = site_files()
    # one phrase the body answers is enough: a keyword is often broader than the post
    files["posts/kayak.md"] = post(TITLES["kayak"], BODIES["kayak"], 'keywords: "sea kayak, halloumi, seals"\n')
    # tags name categories, often in other words than the body ("kids" over "the children")
    files["posts/cheese.md"] = post(TITLES["cheese"], BODIES["cheese"], "tags: [woodworking, lathe, chisels]\n")
    assert check(files) == []
    # a keyword phrase most posts of the site carry is the site's label, not this post's promise
    labelled = {p: t.replace("date: 2024-03-01\n", "date: 2024-03-01\nkeywords: [woodworking, lathe, chisels]\n")
                for p, t in site_files().items()}
    assert check(labelled) == []
    alone = {"posts/kayak.md": labelled["posts/kayak.md"]}
    assert [f.message[:17] for f in check(alone)] == ["keywords promise "]


def test_a_description_whose_only_words_in_the_body_are_generic_is_flagged():
    files = site_files()
    # "plan" is in the kayak body (once the title's words are set aside, no other word is)
    files["posts/kayak.md"] = post(TITLES["kayak"], BODIES["kayak"],
                                   'description: "Plan your halloumi brining, rennet dosing, whey pressing and curd milling"\n')
    (f,) = check(files)
    assert f.line == 4 and f.message.startswith("description promises ") and "'halloumi'" in f.message
    # a paraphrase that carries a fair share of the description's weight is left alone
    files["posts/kayak.md"] = post(TITLES["kayak"], BODIES["kayak"],
                                   'description: "Paddling past seals to the skerries, with halloumi for lunch"\n')
    assert check(files) == []


def test_a_description_the_body_answers_or_too_short_to_judge_is_not_flagged():
    files = site_files()
    files["posts/kayak.md"] = post(TITLES["kayak"], BODIES["kayak"],
                                   "summary: Plan the tide, wear a drysuit and watch the seals on the skerries\n")
    files["posts/cheese.md"] = post(TITLES["cheese"], BODIES["cheese"], "description: Fast cars\n")
    assert check(files) == []
    # the same description on a body too short to judge
    short = {"posts/a.md": post("Kayak notes", "Tides and seals.", 'description: "Grilling halloumi cheese with mint"\n')}
    assert check(short) == []
