"""Hostile inputs for lintkit, generated on the fly (nothing large is committed).

`write_hostile(folder)` writes one file per case and returns what each must give: a finding of
the named rule whose message contains the given text. Files that are valid Markdown (however
odd) end with an ad snippet, so their ``ad-markup`` finding proves the body was really checked.
Used by tests/test_hostile.py and bench/hostile_corpus_check.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

AD = '\n\n<ins class="adsbygoogle"></ins>\n'
FM = "---\ntitle: A hostile post\n---\n"
MB = 1024 * 1024
DEFAULT_LIMIT = 10 * MB  # lintkit.config.DEFAULT_MAX_FILE_SIZE


@dataclass(frozen=True)
class Expect:
    rule: str  # rule name of the finding the file must get
    text: str  # a piece of its message
    big: bool = False  # a case of several MB (left out of the quick sets)
    bench_only: bool = False  # tens of seconds: only in bench/hostile_corpus_check.py


def _billion_laughs() -> str:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n---\nbody\n"


def cases(pwned: str = "/nonexistent/lintkit-pwned") -> dict[str, tuple[bytes, Expect]]:
    """File name -> (content, expectation). ``pwned``: a path an unsafe YAML tag would create."""
    ad = ("ad-markup", "")
    c: dict[str, tuple[bytes | str, Expect]] = {
        # ---- front matter
        "fm-unterminated.md": ("---\ntitle: x\nno closing fence\n" + AD, Expect("parse-error", "never closed")),
        "fm-tabs.md": ("---\ntitle: x\n\tdate: 2020-01-01\n---\nbody\n" + AD, Expect("parse-error", "tab")),
        "fm-duplicate-keys.md": ("---\ntitle: a\ntitle: b\n---\nbody\n" + AD, Expect("parse-error", "appears more than once")),
        "fm-billion-laughs.md": (_billion_laughs(), Expect("parse-error", "expands to more than")),
        "fm-python-object.md": (f"---\ntitle: !!python/object/apply:os.system ['touch {pwned}']\n---\nbody\n",
                                Expect("parse-error", "could not determine a constructor")),
        "fm-python-name.md": ("---\ntitle: !!python/name:os.system\n---\nbody\n", Expect("parse-error", "constructor")),
        "fm-python-new.md": (f"---\nx: !!python/object/new:subprocess.check_output [['touch', '{pwned}']]\n---\nb\n",
                             Expect("parse-error", "constructor")),
        "fm-custom-tag.md": ("---\ntitle: !include /etc/passwd\n---\nbody\n", Expect("parse-error", "constructor")),
        "fm-5mb.md": ("---\n" + "".join(f"key{i}: {'v' * 80}\n" for i in range(5 * MB // 90)) + "---\nbody\n",
                      Expect("parse-error", "front matter is too large", big=True)),
        "fm-nested-10000.md": ("---\nx:\n" + "- " * 10_000 + "deep\n---\nbody\n", Expect("parse-error", "deep")),
        "fm-nested-flow-10000.md": ("---\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\nbody\n",
                                    Expect("parse-error", "nests flow collections")),
        "fm-nested-indented.md": ("---\nx:\n" + "".join(" " * i + "- \n" for i in range(1, 400)) + "---\nbody\n",
                                  Expect("parse-error", "deep")),
        "fm-list.md": ("---\n- a\n- b\n---\nbody\n" + AD, Expect("parse-error", "it is a list")),
        "fm-scalar.md": ("---\njust a string\n---\nbody\n" + AD, Expect("parse-error", "must be a mapping")),
        "fm-toml-valid.md": ('+++\ntitle = "A TOML post"\n+++\nbody\n' + AD, Expect(*ad)),
        "fm-toml-broken.md": ('+++\ntitle = \n+++\nbody\n' + AD, Expect("parse-error", "invalid TOML")),
        "fm-json-valid.md": ('{\n"title": "A JSON post"\n}\nbody\n' + AD, Expect(*ad)),
        "fm-json-broken.md": ('{\n"title": \n}\nbody\n' + AD, Expect("parse-error", "invalid JSON")),
        "fm-json-deep.md": ('{\n"a": ' + "[" * 100_000 + "]" * 100_000 + "\n}\nbody\n",
                            Expect("parse-error", "nested too deeply")),
        "fm-bom.md": ("\ufeff" + FM + "body\n" + AD, Expect(*ad)),
        "fm-dashes-in-body.md": (FM + "body\n\n---\n\nmore: text\n\n---\n" + AD, Expect(*ad)),
        # ---- body
        "body-only-front-matter.md": ("---\ntitle: x\n---\n<ins class=\"adsbygoogle\"></ins>\n", Expect(*ad)),
        "body-50mb.md": (b"", Expect("parse-error", "larger than max-file-size", big=True)),  # written sparse below
        "body-10mb-line.md": (FM + "w" * (10 * 1000 * 1000 - 200) + AD, Expect("ad-markup", "", big=True)),
        "body-10mb-words.md": (FM + "word " * (2 * 1000 * 1000 - 50) + AD, Expect("ad-markup", "", True, True)),
        "body-100k-links.md": (FM + "".join("".join(f"[link {i}](https://e{i}.example/) " for i in range(k, k + 100))
                                            + "\n\n" for k in range(0, 100_000, 100)) + AD, Expect("ad-markup", "", big=True)),
        "body-100k-link-list.md": (FM + "".join(f"- [link {i}](https://e{i}.example/)\n" for i in range(100_000)) + AD,
                                   Expect("ad-markup", "", True, True)),
        "body-nested-lists.md": (FM + "- " * 10_000 + "a\n\n" + "".join("  " * i + "- a\n" for i in range(1000)) + AD,
                                 Expect(*ad)),
        "body-nested-ordered.md": (FM + "1. " * 10_000 + "a\n" + AD, Expect(*ad)),
        "body-nested-quotes.md": (FM + ">" * 10_000 + " a\n\n" + "".join("> " * i + "a\n" for i in range(1000)) + AD,
                                  Expect(*ad)),
        "body-nested-mixed.md": (FM + "> - " * 5000 + "a\n" + AD, Expect(*ad)),
        "body-unclosed-html.md": (FM + AD + "<div><span><a href='x'>" * 5000 + "\n<!-- never closed\n", Expect(*ad)),
        "body-unclosed-fence.md": (FM + AD + "\n```python\ncode\n" * 3, Expect(*ad)),
        "body-brackets.md": (FM + "[" * 1_000_000 + "\n" + AD, Expect(*ad)),
        "body-nul.md": (FM.encode() + b"bo\x00dy\n", Expect("parse-error", "NUL")),
        "body-invalid-utf8.md": (FM.encode() + b"caf\xe9 \xff\xfe\n", Expect("parse-error", "not valid UTF-8")),
        "body-utf16-le.md": (("\ufeff" + FM + "body\n").encode("utf-16-le"), Expect("parse-error", "UTF-16")),
        "body-utf16-be.md": (("\ufeff" + FM + "body\n").encode("utf-16-be"), Expect("parse-error", "UTF-16")),
        "body-mixed-newlines.md": ((FM + "one\r\ntwo\nthree\r\n" + AD).encode(), Expect(*ad)),
        "body-lone-cr.md": ((FM + "one\rtwo\r" + AD).replace("\n", "\r").encode(), Expect(*ad)),
        # ---- names
        "name with spaces.md": (FM + AD, Expect(*ad)),
        "name\nwith\nnewlines.md": (FM + AD, Expect(*ad)),
        "nämé ünïcødé 日本語 🙂.md": (FM + AD, Expect(*ad)),
    }
    return {k: (v.encode("utf-8") if isinstance(v, str) else v, e) for k, (v, e) in c.items()}


def write_hostile(folder: Path, big: bool = True, pwned: str = "/nonexistent/lintkit-pwned",
                  bench: bool = False) -> dict[str, Expect]:
    """Write the cases into ``folder`` (the big ones when ``big``, the bench-only ones when
    ``bench``); return name -> expectation."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (data, expect) in cases(pwned).items():
        if (expect.big and not big) or (expect.bench_only and not bench):
            continue
        path = folder / name
        if name == "body-50mb.md":
            with open(path, "wb") as fh:  # 50 MB of Markdown: a short head, then a sparse tail
                fh.write((FM + "body\n").encode())
                fh.truncate(50 * MB)
            with open(path, "r+b") as fh:  # sparse zeros are NULs: make the end text again
                fh.seek(50 * MB - 1)
                fh.write(b"\n")
        else:
            path.write_bytes(data)
        out[name] = expect
    return out


def write_path_cases(folder: Path) -> dict[str, Expect]:
    """A FIFO and symlink loops (a file linking to itself, a folder linking to its parent)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "path-fifo.md")
    os.symlink("path-self-loop.md", folder / "path-self-loop.md")
    os.symlink(".", folder / "path-dir-loop")
    return {
        "path-fifo.md": Expect("parse-error", "not a regular file"),
        "path-self-loop.md": Expect("parse-error", "cannot read file"),
    }
