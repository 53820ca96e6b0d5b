"""Split a post into front matter and body, and parse the front matter safely with positions.

Supported blocks: YAML between ``---`` lines (closed by ``---`` or ``...``), TOML between
``+++`` lines, and a JSON object starting on the first line (Hugo). YAML is parsed with a safe
loader (the C one when libyaml is present) and bounded: size, nesting and alias expansion are
limited, so no front matter can hang the run or exhaust memory. Errors are data
(`FrontMatter.error`, `FrontMatter.error_line`), never exceptions.

Every top-level key is described by a `KeyInfo`: value, 1-based line and column, quoting style
(``plain``, ``single``, ``double``, ``literal``, ``folded``, or ``flow``/``block`` for lists and
mappings), the raw source text of the value, and the same for each list item.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons only
    import tomli as tomllib

try:  # the C loader is about 10x faster; fall back to pure Python when libyaml is missing
    _YamlLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader

MAX_FRONT_MATTER_CHARS = 256 * 1024
MAX_NESTING = 64
MAX_NODES = 50_000

STYLE_NAMES = {None: "plain", "": "plain", "'": "single", '"': "double", "|": "literal", ">": "folded"}

_YAML_OPEN = re.compile(r"---[ \t]*")
_YAML_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*")


@dataclass
class ItemInfo:
    """One list item of a front-matter value."""

    value: Any
    line: int
    column: int
    style: str
    raw: str
    start: int  # offset of the raw text in the post's text
    end: int


@dataclass
class KeyInfo:
    """One top-level front-matter key and where its value is written."""

    key: str
    value: Any
    line: int  # line of the key
    column: int  # column of the key
    style: str  # plain/single/double/literal/folded for scalars; flow/block for lists and maps
    raw: str  # the value's source text
    value_line: int
    value_column: int
    start: int  # offset of the value's source in the post's text
    end: int
    kind: str = "scalar"  # scalar, list, map
    items: list[ItemInfo] = field(default_factory=list)


@dataclass
class FrontMatter:
    format: str | None = None  # "yaml", "toml", "json" or None when the post has none
    start_line: int = 0  # line of the opening fence (1-based; 0 when absent)
    end_line: int = 0  # line of the closing fence
    data: dict = field(default_factory=dict)
    keys: dict[str, KeyInfo] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    error: str | None = None
    error_line: int | None = None
    error_column: int | None = None

    @property
    def present(self) -> bool:
        return self.format is not None

    @property
    def ok(self) -> bool:
        return self.error is None


def split(lines: list[str]) -> tuple[str | None, int, int]:
    """Find the front matter block in the file's lines (newlines removed).

    Returns (format, index of the opening line, index of the closing line), 0-based; format is
    None when there is no front matter. An unterminated block returns a closing index of -1.
    """
    if not lines:
        return None, 0, 0
    first = lines[0]
    if _YAML_OPEN.fullmatch(first):
        for i in range(1, len(lines)):
            if _YAML_CLOSE.fullmatch(lines[i]):
                return "yaml", 0, i
        return "yaml", 0, -1
    if _TOML_FENCE.fullmatch(first):
        for i in range(1, len(lines)):
            if _TOML_FENCE.fullmatch(lines[i]):
                return "toml", 0, i
        return "toml", 0, -1
    if first.strip() == "{":
        for i in range(1, len(lines)):
            if lines[i].rstrip() == "}":
                return "json", 0, i
        return "json", 0, -1
    return None, 0, 0


def parse(lines: list[str], line_starts: list[int], text: str) -> FrontMatter:
    """Parse the front matter of a post given its lines and the offset where each line starts."""
    fmt, open_i, close_i = split(lines)
    fm = FrontMatter(format=fmt)
    if fmt is None:
        return fm
    fm.start_line = open_i + 1
    if close_i < 0:
        fence = {"yaml": "---", "toml": "+++", "json": "}"}[fmt]
        fm.end_line = 0  # the body then starts on line 1
        fm.error = f"front matter opened on line {fm.start_line} is never closed (no '{fence}' line)"
        fm.error_line = fm.start_line
        return fm
    fm.end_line = close_i + 1
    if fmt == "json":
        src_start = line_starts[open_i]
        src = "\n".join(lines[open_i : close_i + 1])
    else:
        src_start = line_starts[open_i + 1] if open_i + 1 <= close_i else line_starts[close_i]
        src = "\n".join(lines[open_i + 1 : close_i])
    if len(src) > MAX_FRONT_MATTER_CHARS:
        fm.error = f"front matter is too large ({len(src):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,})"
        fm.error_line = fm.start_line
        return fm
    first_line = fm.start_line + (0 if fmt == "json" else 1)
    if fmt == "yaml":
        _parse_yaml(fm, src, first_line, line_starts, text)
    elif fmt == "toml":
        _parse_toml(fm, src, first_line, line_starts, text)
    else:
        _parse_json(fm, src, first_line, line_starts, text)
    return fm


# --------------------------------------------------------------------------- YAML


class _TooComplex(Exception):
    pass


def _nesting_guard(src: str) -> str | None:
    """Refuse input that would make a recursive parser overflow its stack."""
    depth = 0
    deepest = 0
    for ch in src:
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "]}":
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        return f"front matter nests flow collections {deepest} levels deep (the limit is {MAX_NESTING})"
    indents = 0
    for line in src.split("\n"):
        stripped = line.lstrip(" -")
        if stripped and len(line) - len(stripped) > 4 * MAX_NESTING:
            indents += 1
    if indents:
        return f"front matter is indented more than {4 * MAX_NESTING} columns deep"
    return None


def _parse_yaml(fm: FrontMatter, src: str, first_line: int, line_starts: list[int], text: str) -> None:
    problem = _nesting_guard(src)
    if problem:
        fm.error, fm.error_line = problem, first_line
        return
    loader = _YamlLoader(src)
    try:
        node = loader.get_single_node()
        if node is None:
            return  # empty front matter
        _check_size(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        fm.error = f"invalid YAML front matter: {problem}"
        if exc.context and exc.problem:
            fm.error = f"invalid YAML front matter: {exc.problem} ({exc.context}"
            ctx = exc.context_mark
            if ctx is not None and mark is not None and ctx.line != mark.line:
                fm.error += f" that starts on line {first_line + ctx.line}"
            fm.error += ")"
        if mark is not None:
            fm.error_line = first_line + mark.line
            fm.error_column = mark.column + 1
        else:
            fm.error_line = first_line
        return
    except yaml.YAMLError as exc:
        fm.error, fm.error_line = f"invalid YAML front matter: {exc}", first_line
        return
    except _TooComplex as exc:
        fm.error, fm.error_line = str(exc), first_line
        return
    except (RecursionError, MemoryError):
        fm.error, fm.error_line = "front matter is nested too deeply to parse", first_line
        return
    except ValueError as exc:  # e.g. a timestamp out of range
        fm.error, fm.error_line = f"invalid YAML front matter: {exc}", first_line
        return
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__} scalar"
        fm.error = f"front matter must be a mapping of keys to values, but it is {kind}"
        fm.error_line = first_line
        return
    fm.data = data
    if not isinstance(node, yaml.MappingNode):
        return
    base = first_line - 1  # node marks are 0-based lines within src

    def offset(mark: Any) -> int:
        return line_starts[base + mark.line] + mark.column

    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = key_node.value
        key_line = base + key_node.start_mark.line + 1
        if key in seen:
            fm.duplicate_keys.append((key, key_line))
        seen[key] = key_line
        start, end = offset(value_node.start_mark), offset(value_node.end_mark)
        raw = text[start:end]
        if isinstance(value_node, yaml.ScalarNode):
            kind, style = "scalar", STYLE_NAMES.get(value_node.style, "plain")
        elif isinstance(value_node, yaml.SequenceNode):
            kind, style = "list", "flow" if value_node.flow_style else "block"
        else:
            kind, style = "map", "flow" if getattr(value_node, "flow_style", False) else "block"
        info = KeyInfo(
            key=str(key),
            value=data.get(key) if isinstance(key, str) else None,
            line=key_line,
            column=key_node.start_mark.column + 1,
            style=style,
            raw=raw.rstrip() if kind != "scalar" else raw,
            value_line=base + value_node.start_mark.line + 1,
            value_column=value_node.start_mark.column + 1,
            start=start,
            end=end,
            kind=kind,
        )
        if kind == "list":
            values = info.value if isinstance(info.value, list) else []
            for i, item in enumerate(value_node.value):
                if not isinstance(item, yaml.ScalarNode):
                    continue
                s, e = offset(item.start_mark), offset(item.end_mark)
                info.items.append(
                    ItemInfo(
                        value=values[i] if i < len(values) else item.value,
                        line=base + item.start_mark.line + 1,
                        column=item.start_mark.column + 1,
                        style=STYLE_NAMES.get(item.style, "plain"),
                        raw=text[s:e],
                        start=s,
                        end=e,
                    )
                )
        fm.keys[str(key)] = info


def _check_size(root: Any) -> None:
    """Walk the node graph counting every visit (aliases included): a bounded expansion."""
    visits = 0
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        visits += 1
        if visits > MAX_NODES:
            raise _TooComplex(
                f"front matter expands to more than {MAX_NODES:,} values (YAML aliases used as a 'billion laughs' bomb?)"
            )
        if depth > MAX_NESTING:
            raise _TooComplex(f"front matter nests more than {MAX_NESTING} levels deep")
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))


# --------------------------------------------------------------------------- TOML and JSON

_TOML_KEY = re.compile(r"[ \t]*([A-Za-z0-9_.-]{1,200}|\"[^\"\n]{1,200}\")[ \t]*=[ \t]*")


def _parse_toml(fm: FrontMatter, src: str, first_line: int, line_starts: list[int], text: str) -> None:
    try:
        data = tomllib.loads(src)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        fm.error = f"invalid TOML front matter: {msg}"
        fm.error_line = first_line + int(m.group(1)) - 1 if m else first_line
        return
    fm.data = data
    in_table = False
    for i, line in enumerate(src.split("\n")):
        if line.lstrip().startswith("["):
            in_table = True  # keys below a [table] header are not top-level
            continue
        m = _TOML_KEY.match(line)
        if not m or in_table:
            continue
        key = m.group(1).strip('"')
        if key not in data:
            continue
        ln = first_line + i
        start = line_starts[ln - 1] + m.end()
        raw = line[m.end() :].rstrip()
        value = data[key]
        style = "plain"
        if raw.startswith('"'):
            style = "double"
        elif raw.startswith("'"):
            style = "single"
        kind = "list" if isinstance(value, list) else "map" if isinstance(value, dict) else "scalar"
        if kind == "list":
            style = "flow"
        fm.keys[key] = KeyInfo(key, value, ln, m.start(1) + 1, style, raw, ln, m.end() + 1, start, start + len(raw), kind)


def _parse_json(fm: FrontMatter, src: str, first_line: int, line_starts: list[int], text: str) -> None:
    try:
        data = json.loads(src)
    except json.JSONDecodeError as exc:
        fm.error = f"invalid JSON front matter: {exc.msg}"
        fm.error_line = first_line + exc.lineno - 1
        fm.error_column = exc.colno
        return
    except RecursionError:
        fm.error, fm.error_line = "front matter is nested too deeply to parse", first_line
        return
    if not isinstance(data, dict):
        fm.error, fm.error_line = "front matter must be a JSON object", first_line
        return
    fm.data = data
    for i, line in enumerate(src.split("\n")):
        m = re.match(r'[ \t]*"([^"\n]{1,200})"[ \t]*:[ \t]*', line)
        if m and m.group(1) in data and m.group(1) not in fm.keys:
            ln = first_line + i
            raw = line[m.end() :].rstrip().rstrip(",")
            value = data[m.group(1)]
            kind = "list" if isinstance(value, list) else "map" if isinstance(value, dict) else "scalar"
            start = line_starts[ln - 1] + m.end()
            style = "double" if raw.startswith('"') else ("flow" if kind != "scalar" else "plain")
            fm.keys[m.group(1)] = KeyInfo(m.group(1), value, ln, m.start(1), style, raw, ln, m.end() + 1, start, start + len(raw), kind)
