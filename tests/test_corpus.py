"""The site index and its cache: features, duplicate groups, term statistics, incremental re-runs."""

from __future__ import annotations

import sqlite3
from array import array
from pathlib import Path

import pytest

from lintkit import cache as cache_mod
from lintkit.cache import Cache, dumps, loads
from lintkit.config import Settings
from lintkit.corpus import CorpusIndex, PostFeatures, extract
from lintkit.document import Post
from lintkit.engine_rules import ENGINE_RULES
from lintkit.registry import Registry, discover
from lintkit.rule import Rule
from lintkit.runner import run

ARTICLE = (
    "Sourdough needs a lively starter before anything else can happen in the kitchen. "
    "Feed it with equal weights of flour and water every morning for a week. "
    "When it doubles within six hours it is ready to leaven a loaf. "
    "Mix the dough, rest it for an hour, then fold it four times at half hour intervals. "
    "Shape it tightly, proof it overnight in the fridge and bake it hot in a covered pot. "
    "Let the loaf cool completely before slicing or the crumb turns gummy and dense. "
)
OTHER = (
    "Cycling through the hills in winter asks for layers that breathe and keep the wind out. "
    "Mudguards save your back from the spray of every puddle along the lanes. "
    "Lights are needed even at noon when the fog settles in the valleys for days. "
    "Carry a spare tube, a pump and tyre levers because punctures love cold wet roads. "
)


def unique_body(seed: int) -> str:
    """A body of invented sentences that shares no shingles with another seed's body."""
    import random

    rng = random.Random(seed)
    vocab = [f"{a}{b}" for a in ("bra", "cle", "dro", "fen", "glo", "hur", "jav", "kel") for b in ("mon", "tis", "vel", "zar", "quo", "ped")]
    return " ".join(" ".join(rng.choice(vocab) for _ in range(12)) + "." for _ in range(10))


def post_text(title: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-01-0{len(title) % 9 + 1}\n---\n\n# {title}\n\n{body}\n{extra}'


def features(title: str, body: str, path: str = "p.md") -> PostFeatures:
    return extract(Post.from_text(path, post_text(title, body)))


def test_features_ignore_title_heading_and_link_lists():
    a = features("Bread at home", ARTICLE)
    b = extract(Post.from_text("b.md", post_text("A different title", ARTICLE, "\nAlso read:\n\n- [Cats](https://example.com/cats)\n- [Cars](https://example.com/cars)\n")))
    assert a.fingerprint == b.fingerprint
    assert a.n_words > 80 and len(a.minhash) == 128 and len(a.shingles) > 50
    assert a.title_line == 2 and a.body_line == 6
    assert "sourdough" in a.body_terms and "starter" in a.lead_terms


def test_duplicate_groups_exact_and_near_but_not_unrelated():
    near = ARTICLE.replace("every morning", "each morning").replace("completely", "fully")
    shuffled = " ".join(reversed(ARTICLE.split(". ")))
    idx = CorpusIndex([
        features("A", ARTICLE, "a.md"), features("B", ARTICLE, "b.md"), features("C", near, "c.md"),
        features("D", shuffled, "d.md"), features("E", OTHER, "e.md"),
    ])
    groups = idx.duplicate_groups(threshold=0.5, min_words=20)
    assert [g.members for g in groups] == [["a.md", "b.md", "c.md", "d.md"]]
    g = groups[0]
    assert g.similarity("a.md", "b.md") == 1.0
    assert 0.5 <= g.similarity("a.md", "c.md") < 1.0
    assert g.partners("c.md")[0][0] in ("a.md", "b.md")
    assert idx.group_of("e.md", threshold=0.5, min_words=20) is None


def test_term_statistics_and_postings():
    idx = CorpusIndex([features("A", ARTICLE, "a.md"), features("E", OTHER, "e.md")])
    assert idx.postings("sourdough") == ["a.md"]
    assert idx.df["sourdough"] == 1
    assert idx.idf("sourdough") > idx.idf("morn") or idx.idf("sourdough") > 0


def test_posts_without_a_topic_do_not_move_the_term_statistics():
    real = [features("A", ARTICLE, "a.md"), features("E", OTHER, "e.md")]
    stubs = [features("S", "body", "s.md"), features("T", "", "t.md"),
             features("L", " ".join(f"link {i}." for i in range(5000)), "l.md")]  # one word, many times
    alone, mixed = CorpusIndex(real), CorpusIndex(real + stubs)
    assert mixed.n == alone.n == 2
    assert mixed.df == alone.df and mixed.postings("link") == []
    assert mixed.idf("sourdough") == alone.idf("sourdough")
    assert len(mixed.features) == 5  # the stubs are still posts of the site, checked like any other


def test_cache_codec_round_trip_and_refuses_unknown_classes():
    f = features("Bread", ARTICLE)
    back = loads(dumps(f))
    assert isinstance(back, PostFeatures) and back == f and isinstance(back.shingles, array)
    assert loads(dumps(("a", 1, {"k": [1, 2]}, {3}))) == ("a", 1, {"k": [1, 2]}, {3})
    # dicts whose keys look like tags, non-string keys, sets of tuples, nesting: all come back as they were
    tricky = {"~t": [1], "x": {("a", 1): {2, 3}}, 5: [{"~s": "no"}], "n": None, "arr": array("I", [7, 9])}
    assert loads(dumps(tricky)) == tricky
    assert loads(dumps({frozenset({1}) and "k": {("p", "q")}})) == {"k": {("p", "q")}}
    evil = '{"~c": "os:system", "f": {}}'
    with pytest.raises(ValueError, match="may not be loaded"):
        loads(evil)


def test_cache_store_survives_damage(tmp_path):
    c = Cache(tmp_path / "c")
    c.put_many({"k1": ("x", 1)})
    assert Cache(tmp_path / "c").get_many(["k1", "k2"]) == {"k1": ("x", 1)}
    assert (tmp_path / "c" / ".gitignore").read_text().strip().endswith("*")
    with sqlite3.connect(tmp_path / "c" / "cache.sqlite") as conn:
        conn.execute("INSERT INTO entries VALUES ('k3', '{\"~c\": \"os:system\", \"f\": {}}')")
    assert Cache(tmp_path / "c").get_many(["k3"]) == {}  # refused, recomputed
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    broken = Cache(tmp_path / "d")
    assert broken.get_many(["k1"]) == {}
    broken.put_many({"k1": 1})  # no exception


class SameBody(Rule):
    """Test rule: flags posts in a duplicate group."""

    code = "TS301"
    name = "same-body"
    summary = "Body shared"
    scope = "corpus"
    uses_index = True

    def check_corpus(self, summaries, site):
        for g in site.index.duplicate_groups(threshold=0.5, min_words=20):
            for p in g.members:
                if site.reports(p):
                    yield self.finding(p, site.index.features[p].body_line, 1, f"shares its body with {len(g.members) - 1}")


def registry() -> Registry:
    reg = Registry()
    for cls in (*ENGINE_RULES, SameBody):
        reg.add(cls, "test")
    return reg


def _two_copies_among_six(tmp_path: Path) -> tuple[Path, str, Registry]:
    """A site of six posts, p0 and p1 sharing their body; a cache folder; the test registry."""
    site = tmp_path / "site"
    site.mkdir()
    for i in range(6):
        (site / f"p{i}.md").write_text(post_text(f"Post {i}", ARTICLE if i < 2 else unique_body(i)))
    return site, str(tmp_path / "cache"), registry()


def test_incremental_runs_reparse_only_changed_posts(tmp_path):
    site, cache_dir, reg = _two_copies_among_six(tmp_path)
    first = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    assert [Path(f.path).name for f in first.findings] == ["p0.md", "p1.md"]
    # pre-commit style: one post checked against the site with --corpus: the others come from the cache
    new = tmp_path / "new.md"
    new.write_text(post_text("Fresh title", ARTICLE))
    second = run([str(new)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
    assert [(Path(f.path).name, f.message) for f in second.findings] == [("new.md", "shares its body with 2")]
    assert second.extra["parsed"] == 1 and second.extra["corpus_posts"] == 6
    # editing one corpus post: only that post is parsed again
    (site / "p3.md").write_text(post_text("Post 3", ARTICLE))
    third = run([str(new)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
    assert third.extra["parsed"] == 1  # new.md's own results come from the cache too
    assert third.findings[0].message == "shares its body with 3"
    assert "index" in third.extra["timings"] and "rule:same-body" in third.extra["timings"]
    # the same run again: nothing parsed, the site-wide findings read back, not recomputed
    fourth = run([str(new)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
    assert fourth.extra["parsed"] == 0 and "index" not in fourth.extra["timings"]
    assert [(f.path, f.line, f.message) for f in fourth.findings] == [(f.path, f.line, f.message) for f in third.findings]


def test_warm_rerun_of_a_whole_site_gives_the_same_report_without_parsing(tmp_path):
    from lintkit.registry import discover

    site = tmp_path / "site"
    site.mkdir()
    (site / "ad.md").write_text(post_text("Ads", ARTICLE, '\n<ins class="adsbygoogle" data-ad-client="ca-pub-1"></ins>\n'))
    (site / "copy.md").write_text(post_text("Copy", ARTICLE))
    (site / "quiet.md").write_text("---\ntitle: Quiet\n---\n\n<!-- lintkit-disable-next-line ad-markup -->\n<img src=\"https://px.example/pixel.gif?id=1\" width=\"1\" height=\"1\">\n" + unique_body(5))
    cache_dir = str(tmp_path / "cache")
    reg = discover()
    runs = [run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir) for _ in range(2)]
    cold, warm = ([f.to_dict() | {"source": f.source} for f in r.findings] for r in runs)
    assert cold == warm and any(f["rule"] == "ad-markup" for f in cold) and any(f["rule"] == "duplicate-body" for f in cold)
    assert runs[0].suppressed == runs[1].suppressed >= 1
    assert runs[0].extra["parsed"] == 3 and runs[1].extra["parsed"] == 0
    # a changed post is checked again, and only that one
    (site / "quiet.md").write_text((site / "quiet.md").read_text() + "\nOne more line.\n")
    third = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    assert third.extra["parsed"] == 1 and [f.to_dict() for f in third.findings] == [f.to_dict() for f in runs[0].findings]


def test_identical_files_share_a_cache_entry_but_keep_their_paths(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("x.md", "y.md"):
        (site / name).write_text(post_text("Same", ARTICLE))
    reg = registry()
    cache_dir = str(tmp_path / "cache")
    run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    other = tmp_path / "z.md"
    other.write_text(post_text("Other", OTHER))
    res = run([str(other)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
    assert res.findings == []
    res = run([str(site / "x.md")], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
    assert [Path(f.path).name for f in res.findings] == ["x.md"]


def test_cache_module_has_no_pickle():
    source = Path(cache_mod.__file__).read_text()
    assert "import pickle" not in source and "marshal" not in source


def test_shipped_background_table_is_current():
    """lintkit/data/background_terms.txt is what `build_background_file` makes with today's stemmer."""
    from lintkit import text

    shipped = text._shipped_counts()
    assert shipped is not None, "stale or missing: run python -c 'from lintkit.text import build_background_file; build_background_file()'"
    assert shipped == text.background_counts()
    assert text.background_idf("the") < text.background_idf("sourdough") < text.background_max()


def test_cache_drops_entries_of_older_namespaces_of_the_same_kind(tmp_path):
    from lintkit.cache import namespace

    store = Cache(tmp_path)
    old, new, other = namespace("rule/LK901", options={"a": 1}), namespace("rule/LK901", options={"a": 2}), namespace("rule/LK902")
    store.put_many({f"{old}:k1": 1, f"{other}:k1": 3}, current=[old, other])
    store.put_many({f"{new}:k1": 2}, current=[new])
    got = Cache(tmp_path).get_many([f"{old}:k1", f"{new}:k1", f"{other}:k1"])
    assert got == {f"{new}:k1": 2, f"{other}:k1": 3}


def test_deferred_cache_values_decode_on_first_use(tmp_path):
    from lintkit.cache import Deferred, LazyValues, namespace

    ns = namespace("rule/LK903")
    Cache(tmp_path).put_many({f"{ns}:a": ("x", 1), f"{ns}:b": [2]}, current=[ns])
    got = Cache(tmp_path).get_many([f"{ns}:a", f"{ns}:b"], defer=lambda k: k.endswith(":a"))
    assert isinstance(got[f"{ns}:a"], Deferred) and got[f"{ns}:b"] == [2]
    lazy = LazyValues({"p": got[f"{ns}:a"], "q": Deferred("{not json")})
    assert lazy["p"] == ("x", 1) and lazy.get("q") is None and set(lazy) == {"p", "q"}


def test_packed_travels_between_processes_as_text_and_decodes_on_use():
    import pickle

    from lintkit.cache import Packed

    part = Packed({"title": [["bread", "Bread"]], "topic": [("loaf", 3)]})
    moved = pickle.loads(pickle.dumps(part))
    assert moved._text is not None and moved._value is None  # the main process holds the text
    assert moved.value == {"title": [["bread", "Bread"]], "topic": [("loaf", 3)]}
    assert moved._text is None  # decoded once, on first use
    assert loads(dumps({"s": moved})) == {"s": part}


def test_an_edit_to_lintkit_itself_invalidates_cached_rule_summaries(tmp_path, monkeypatch):
    # a rule's summary depends on helpers outside its module (tokeniser, dictionary): a checkout
    # that edits them, with the same version number, must not read what the older code computed
    import lintkit.runner as runner_mod

    site = tmp_path / "site"
    site.mkdir()
    (site / "a.md").write_text(post_text("Garden", ARTICLE))
    (site / "b.md").write_text(post_text("Other", OTHER))
    cache_dir = str(tmp_path / "cache")
    reg = discover()
    first = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    again = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    assert first.extra["parsed"] == 2 and again.extra["parsed"] == 0
    monkeypatch.setattr(runner_mod, "package_digest", lambda: "edited")
    edited = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    assert edited.extra["parsed"] == 2
    assert [f.to_dict() for f in edited.findings] == [f.to_dict() for f in first.findings]


def test_pre_commit_runs_do_not_evict_the_full_checks_site_wide_results(tmp_path):
    # a full check, then single posts checked against the site (a pre-commit hook), then the
    # full check again: its site-wide findings still come from the cache, and so do theirs
    site, cache_dir, reg = _two_copies_among_six(tmp_path)
    full = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    for name in ("p2.md", "p3.md"):
        one = run([str(site / name)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
        assert "rule:same-body" in one.extra["timings"]  # a new site-wide question: computed
    again = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    assert "rule:same-body" not in again.extra["timings"] and "index" not in again.extra["timings"]
    assert [(f.path, f.message) for f in again.findings] == [(f.path, f.message) for f in full.findings]
    one = run([str(site / "p2.md")], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
    assert "rule:same-body" not in one.extra["timings"]
    # only the newest few are kept: two more questions evict the oldest (the full check's)
    for name in ("p4.md", "p5.md"):
        run([str(site / name)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir, corpus=[str(site)])
    with sqlite3.connect(Path(cache_dir) / "cache.sqlite") as db:
        (n,) = db.execute("SELECT COUNT(*) FROM entries WHERE key LIKE '%:site-%'").fetchone()
    assert n == cache_mod.SITE_ENTRIES == 4
    last = run([str(site)], Settings(root=tmp_path), reg, jobs=1, cache_dir=cache_dir)
    assert "rule:same-body" in last.extra["timings"]
