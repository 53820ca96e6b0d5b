"""mistune 3 block parsing with source positions.

mistune records no positions (its issue #218). We stamp them ourselves: every block token gets
``_line`` and ``_end_line``, 1-based lines of the parsed text (the caller adds the line where the
body starts). How:

* `PositionedBlockParser.parse_method` wraps every block rule: the state's ``cursor`` when the
  rule starts is the token's start offset. Paragraph text added outside rules is stamped by
  `PositionedState.add_paragraph`, indented code by ``_parse_indent_code_fast``.
* A token ends where the next token of the same state starts (trailing blank lines trimmed);
  the last one ends where its state's text ends.
* Block quotes and list items parse a child state whose text is the container's lines with the
  prefixes (``>``, list markers, indentation) removed, one source line per child line. The child
  state records the line of its parent where it starts (``line_offset``), so a child offset maps
  to a file line through its own line table.

A code fence that is never closed is not a fence here: CommonMark runs it to the end of the file,
but kramdown (Jekyll) and Python-Markdown do not make it a code block at all, and in posts it is
almost always a lost closing fence (a scraped page's stray ```` line) with prose, links and ads
after it. So `parse_blocks` keeps the opening line as a one-line code block and parses what
follows as Markdown (a few times at most, so a file of unclosed fences stays linear).

Only block tokens are stamped; inline positions (links, prose) are found by the document model
by scanning the source lines of a block, which also gives exact columns.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterator

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState

MAX_NESTING = 32
MAX_UNCLOSED_FENCES = 4  # unclosed fences re-read as Markdown per file; later ones stay code
_CLOSING_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")


class PositionedState(BlockState):
    line_offset: int = 0  # 0-based line of the root text where this state's text starts

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._line_index: list[int] | None = None
        self._anchor = 0  # cursor where the running block rule started
        self._next_item_anchor: int | None = None

    def line_of(self, pos: int) -> int:
        """0-based line in the root text of an offset in this state's text."""
        if self._line_index is None:
            src = self.src
            idx = []
            find = src.find
            i = find("\n")
            while i >= 0:
                idx.append(i)
                i = find("\n", i + 1)
            self._line_index = idx
        return self.line_offset + bisect.bisect_left(self._line_index, pos)

    def child_state(self, src: str, lazy_line_starts: Any = None) -> "PositionedState":
        child = super().child_state(src, lazy_line_starts)
        # A block quote starts where its rule started. List items: the first starts where the
        # list rule started; each later one on the line that ended the previous item's
        # collection (mistune has consumed the next item's marker line by then).
        anchor = self._next_item_anchor if self._next_item_anchor is not None else self._anchor
        child.line_offset = self.line_of(anchor)
        self._next_item_anchor = max(0, self.cursor - 1)
        return child  # type: ignore[return-value]

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        if last and last["type"] == "paragraph":
            last["text"] += text
        else:
            self.tokens.append({"type": "paragraph", "text": text, "_s": self.cursor})


class PositionedBlockParser(BlockParser):
    state_cls = PositionedState

    def parse_method(self, m: Any, state: Any) -> Any:
        start = state.cursor
        saved = (state._anchor, state._next_item_anchor)
        state._anchor, state._next_item_anchor = start, None
        n = len(state.tokens)
        try:
            return super().parse_method(m, state)
        finally:
            state._anchor, state._next_item_anchor = saved
            for tok in state.tokens[max(0, n - 1) :]:
                if "_s" not in tok:
                    tok["_s"] = start

    def _parse_indent_code_fast(self, state: Any) -> Any:
        start, n = state.cursor, len(state.tokens)
        end = super()._parse_indent_code_fast(state)
        for tok in state.tokens[n:]:
            tok.setdefault("_s", start)
        return end

    def parse(self, state: Any, rules: Any = None) -> None:
        super().parse(state, rules)
        _stamp_lines(state)


def _stamp_lines(state: PositionedState) -> None:
    tokens = state.tokens
    src = state.src
    n = len(tokens)
    for i, tok in enumerate(tokens):
        s = tok.get("_s", 0)
        e = tokens[i + 1].get("_s", len(src)) if i + 1 < n else len(src)
        if e < s:
            e = s
        # trim trailing blank space so a block ends on its last non-blank line
        while e > s and src[e - 1] in " \t\n":
            e -= 1
        while s < e and src[s] == "\n":
            s += 1
        tok["_line"] = state.line_of(s) + 1
        tok["_end_line"] = state.line_of(max(s, e - 1)) + 1 if e > s else tok["_line"]
        if tok["type"] == "list":
            _stamp_items(tok)


def _stamp_items(lst: dict) -> None:
    """List items live in their list's children, not in a state: span them by their content."""
    prev_end = lst["_line"] - 1
    for item in lst.get("children", ()):
        kids = [k for k in item.get("children", ()) if "_line" in k and k.get("type") != "blank_line"]
        if kids:
            item["_line"] = kids[0]["_line"]
            item["_end_line"] = max(k["_end_line"] for k in kids)
        else:
            item["_line"] = item["_end_line"] = prev_end + 1
        prev_end = item["_end_line"]


def _make_parser() -> mistune.Markdown:
    block = PositionedBlockParser(max_nested_level=MAX_NESTING)
    return mistune.Markdown(renderer=None, block=block)


_PARSER: mistune.Markdown | None = None


def parse_blocks(text: str) -> list[dict]:
    """Block tokens of ``text`` (LF newlines) with ``_line``/``_end_line`` 1-based in ``text``.

    Only the block phase runs: inline content stays as source text (``text``/``raw``), which is
    what the document model scans for links and prose. A fence never closed keeps only its
    opening line as code (``"unclosed": True``); the lines after it are parsed as Markdown.
    """
    if not text.endswith("\n"):
        text += "\n"
    tokens = _parse(text)
    lines: list[str] | None = None
    for _ in range(MAX_UNCLOSED_FENCES):
        last = tokens[-1] if tokens else None
        if not last or last.get("type") != "block_code" or last.get("style") != "fenced":
            break
        if lines is None:
            lines = text.split("\n")
        start = last["_line"]
        closing = start + last.get("raw", "").count("\n")  # 0-based line after the content
        if closing < len(lines) and _closes(lines[closing], last.get("marker", "")):
            break
        last.update(raw="", unclosed=True, _end_line=start)
        rest = _parse("\n".join(lines[start:]))
        for tok, _depth in walk(rest):
            if "_line" in tok:
                tok["_line"] += start
                tok["_end_line"] += start
        tokens.extend(rest)
    return tokens


def _closes(line: str, marker: str) -> bool:
    """Whether ``line`` is a closing fence for an opening ``marker`` (same character, as long)."""
    m = _CLOSING_FENCE.fullmatch(line)
    return bool(m and marker and m.group(1)[0] == marker[0] and len(m.group(1)) >= len(marker))


def _parse(text: str) -> list[dict]:
    global _PARSER
    if _PARSER is None:
        _PARSER = _make_parser()
    state = PositionedState()
    state.env = {"ref_links": {}}
    if not text.endswith("\n"):
        text += "\n"
    state.process(text)
    _PARSER.block.parse(state)
    return state.tokens


_CONTAINERS = ("list", "list_item", "block_quote")


def walk(tokens: list[dict], depth: int = 0) -> Iterator[tuple[dict, int]]:
    """Every block token in document order, with its container depth.

    Only containers hold block children; the inline children of other tokens are not walked.
    """
    for tok in tokens:
        yield tok, depth
        children = tok.get("children")
        if tok.get("type") in _CONTAINERS and isinstance(children, list):
            yield from walk(children, depth + 1)
