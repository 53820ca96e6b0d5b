"""An on-disk cache of per-post corpus data, keyed by file content (not mtime: CI checkouts have
meaningless mtimes), lintkit version and the options that shape the data.

Stored in ``.lintkit_cache/cache.sqlite`` (a ``.gitignore`` inside keeps it out of git). Values
are tagged JSON, never pickle: a cache folder that came with a repository cannot make lintkit run
code. A damaged cache is ignored and rebuilt. Workers read it; only the main process writes.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import importlib
import json
import os
import sqlite3
from array import array
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import __version__

CACHE_DIR_NAME = ".lintkit_cache"
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
SITE_ENTRIES = 4  # site-wide results kept per rule (a full site's are ~1 MB of JSON at most per rule)


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def namespace(kind: str, **shape: Any) -> str:
    """A key prefix naming what is stored and everything that shapes it."""
    blob = json.dumps({**shape, "codec": CODEC_VERSION}, sort_keys=True, default=str)
    return f"{kind}/{__version__}/{hashlib.blake2b(blob.encode(), digest_size=6).hexdigest()}"


@lru_cache(maxsize=None)
def code_digest(*modules: str) -> str:
    """A hash of the source files of ``modules``: a cached summary is stale once its code changes.

    Keys on the code itself, not only on version numbers, so an edited rule (a plugin in
    development, a patched install) never reads summaries its older self computed.
    """
    h = hashlib.blake2b(digest_size=8)
    for name in modules:
        try:
            module = importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that cannot load still gets a stable key
            module = None
        path = getattr(module, "__file__", None)
        try:
            h.update(Path(path).read_bytes() if path else name.encode())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()


@lru_cache(maxsize=None)
def package_digest() -> str:
    """A hash of lintkit's own files (code and data, the built-in rule pack's included).

    Every cache namespace carries it: a rule's summary, a post's index features and its own
    findings depend on helpers well beyond any one module (the parser, the prose, the
    tokeniser, the spelling dictionary, the link-list reader), and a checkout that edits any
    of them without a new version number must not read what the older code computed.
    (`code_digest` adds a plugin rule's own module, which lives outside lintkit.)
    """
    import lintkit
    import lintkit.rules

    h = hashlib.blake2b(digest_size=8)
    for root in dict.fromkeys(Path(p).resolve() for p in (*lintkit.__path__, *lintkit.rules.__path__)):
        for path in sorted(root.rglob("*")):
            if "__pycache__" in path.parts or path.suffix not in (".py", ".txt", ".yaml", ".json"):
                continue
            try:
                h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
            except OSError:
                h.update(path.name.encode())
    return h.hexdigest()


# --------------------------------------------------------------------------- tagged JSON


# Plain JSON for plain data (lists, str-keyed dicts, scalars), a one-key tagged object for the
# rest: {"~t": [...]} tuple, {"~s": [...]} set, {"~D": [[k, v], ...]} a dict with non-string keys
# or keys starting with "~" (so a plain dict is never mistaken for a tag), {"~a": [typecode,
# base64]} array, {"~p": "json"} a `Packed` part decoded on use, {"~c": "module:Class", "f":
# {...}} an allowed dataclass. Decoding is
# json.loads with an object hook: lists and scalars never reach Python code.
CODEC_VERSION = 2


def _encode(obj: Any) -> Any:
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, list):
        return [_encode(x) for x in obj]
    if isinstance(obj, tuple):
        return {"~t": [_encode(x) for x in obj]}
    if isinstance(obj, (set, frozenset)):
        return {"~s": [_encode(x) for x in sorted(obj, key=repr)]}
    if isinstance(obj, dict):
        if all(isinstance(k, str) and not k.startswith("~") for k in obj):
            return {k: _encode(v) for k, v in obj.items()}
        return {"~D": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, array):
        return {"~a": [obj.typecode, base64.b64encode(obj.tobytes()).decode("ascii")]}
    if isinstance(obj, Packed):
        return {"~p": obj._text if obj._text is not None else dumps(obj._value)}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        cls = type(obj)
        return {"~c": f"{cls.__module__}:{cls.__qualname__}", "f": {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    raise TypeError(f"cannot cache a {type(obj).__name__}")


# Only these dataclasses may be rebuilt from the cache.
_ALLOWED: dict[str, type] = {}
_ARRAY_CODES = frozenset("IiHBdfLlQq")


def allow(cls: type) -> type:
    _ALLOWED[f"{cls.__module__}:{cls.__qualname__}"] = cls
    return cls


def _hashable(x: Any) -> Any:
    return tuple(_hashable(v) for v in x) if isinstance(x, list) else x


def _object_hook(obj: dict) -> Any:
    """Rebuild a tagged object (its contents are already decoded: the hook runs bottom-up)."""
    if len(obj) > 2 or not obj:
        return obj
    tag = next(iter(obj))
    if not tag.startswith("~"):
        return obj
    value = obj[tag]
    if tag == "~t" and len(obj) == 1:
        return tuple(value)
    if tag == "~s" and len(obj) == 1:
        return {_hashable(x) for x in value}
    if tag == "~D" and len(obj) == 1:
        return {_hashable(k): v for k, v in value}
    if tag == "~p" and len(obj) == 1 and isinstance(value, str):
        return Packed(text=value)
    if tag == "~a" and len(obj) == 1:
        code, data = value
        if code not in _ARRAY_CODES:
            raise ValueError("bad array type")
        out = array(code)
        out.frombytes(base64.b64decode(data))
        return out
    if tag == "~c" and len(obj) == 2 and isinstance(obj.get("f"), dict):
        cls = _ALLOWED.get(value)
        if cls is None:
            raise ValueError(f"class {value} may not be loaded from the cache")
        return cls(**obj["f"])
    raise ValueError(f"unknown tag {tag!r} in cache")


def dumps(obj: Any) -> str:
    return json.dumps(_encode(obj), separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text, object_hook=_object_hook)


class Packed:
    """A part of a rule summary that the cache keeps as JSON text until the rule reads ``.value``.

    A corpus rule wraps the bulky part of its summary (what it needs only for the posts it
    reports on) in `Packed`, so a pre-commit run, which reads every post's summary from the
    cache but reports on one post, does not decode the rest.
    """

    __slots__ = ("_value", "_text")

    def __init__(self, value: Any = None, *, text: str | None = None) -> None:
        self._value, self._text = value, text

    @property
    def value(self) -> Any:
        if self._text is not None:
            self._value, self._text = loads(self._text), None
        return self._value

    def __getstate__(self) -> tuple:
        # sent from a worker as its JSON text: the main process holds every post's summary
        # until the site-wide pass and decodes only what a rule reads (and the cache stores
        # the text as it is)
        if self._text is None:
            try:
                return (None, dumps(self._value))
            except (TypeError, ValueError):
                pass
        return (self._value, self._text)

    def __setstate__(self, state: tuple) -> None:
        self._value, self._text = state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Packed) and self.value == other.value

    def __repr__(self) -> str:
        return f"Packed({self.value!r})"


class Deferred:
    """A cached value still in its JSON form."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def load(self) -> Any:
        """The value, or None when the entry cannot be decoded (a damaged or foreign cache)."""
        try:
            return loads(self.text)
        except (ValueError, TypeError, KeyError):
            return None


class LazyValues(Mapping):
    """A read-only mapping whose `Deferred` values are decoded on first access."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        value = self._data[key]
        if isinstance(value, Deferred):
            value = self._data[key] = value.load()
        return value

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data


# --------------------------------------------------------------------------- the store


class Cache:
    """Read in workers (read-only connections), written once per run by the main process."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / "cache.sqlite"
        self._conn: sqlite3.Connection | None = None
        self.broken = False

    def _connect(self, write: bool) -> sqlite3.Connection | None:
        if self.broken:
            return None
        try:
            if write:
                self.folder.mkdir(parents=True, exist_ok=True)
                gi = self.folder / ".gitignore"
                if not gi.exists():
                    gi.write_text("# created by lintkit\n*\n", encoding="utf-8")
                conn = sqlite3.connect(self.path, timeout=30)
                conn.execute(_SCHEMA)
                return conn
            if not self.path.exists():
                return None
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
            return conn
        except (sqlite3.Error, OSError):
            self.broken = True
            return None

    def get_many(self, keys: list[str], defer: "Callable[[str], bool] | None" = None) -> dict[str, Any]:
        """Decoded values of the keys found; keys for which ``defer(key)`` is true come back as
        `Deferred` (decoded on first use: a pre-commit run touches few of the site's entries)."""
        if not keys:
            return {}
        if self._conn is None:
            self._conn = self._connect(write=False)
            if self._conn is None:
                return {}
        out: dict[str, Any] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = self._conn.execute(
                    f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
                for key, value in rows:
                    if defer is not None and defer(key):
                        out[key] = Deferred(value)
                        continue
                    try:
                        out[key] = loads(value)
                    except (ValueError, TypeError, KeyError):
                        continue  # a stale or foreign entry: recompute it
        except sqlite3.Error:
            self.broken = True
            return {}
        return out

    def put_many(self, items: dict[str, Any], current: "Iterable[str]" = ()) -> None:
        """Store ``items``; drop entries of the same kinds as the ``current`` namespaces that
        belong to other namespaces (an older lintkit, rule code or option set), so the cache
        does not grow with every upgrade or config change."""
        if not items or self.broken:
            return
        conn = self._connect(write=True)
        if conn is None:
            return
        def rows() -> Iterator[tuple[str, str]]:
            # encoded one at a time as sqlite takes them: the JSON of a whole site's entries
            # held at once came to ~40 KB a post
            for k, v in items.items():
                if isinstance(v, Deferred):  # encoded already (in a worker)
                    yield k, v.text
                    continue
                try:
                    yield k, dumps(v)
                except (TypeError, ValueError):
                    continue  # a summary the cache cannot hold safely: recomputed next time

        try:
            with conn:
                for ns in current:
                    kind = ns.rsplit("/", 2)[0] + "/"  # "rule/LK101/" of "rule/LK101/0.1.0/ab12"
                    conn.execute(
                        "DELETE FROM entries WHERE key >= ? AND key < ? AND NOT (key >= ? AND key < ?)",
                        (kind, kind[:-1] + "0", ns + ":", ns + ";"),
                    )
                conn.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows())
        except sqlite3.DatabaseError:
            # A damaged file: start afresh next time.
            try:
                conn.close()
                os.replace(self.path, self.path.with_suffix(".damaged"))
            except OSError:
                pass
        finally:
            conn.close()

    def put_site(self, items: dict[str, Any]) -> None:
        """Store site-wide results (``ns:site-KEY``), keeping the newest `SITE_ENTRIES` of each
        namespace: a full check and the pre-commit runs on single posts between two full checks
        each find their own (one entry alone made each evict the other)."""
        if not items or self.broken:
            return
        conn = self._connect(write=True)
        if conn is None:
            return
        try:
            with conn:
                for key, value in items.items():
                    ns = key.split(":site-", 1)[0]
                    lo, hi = ns + ":site-", ns + ":site."
                    # INSERT OR REPLACE gives the row a new rowid: rowids order the entries by age
                    conn.execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, dumps(value)))
                    conn.execute(
                        "DELETE FROM entries WHERE key >= ? AND key < ? AND rowid NOT IN "
                        "(SELECT rowid FROM entries WHERE key >= ? AND key < ? ORDER BY rowid DESC LIMIT ?)",
                        (lo, hi, lo, hi, SITE_ENTRIES),
                    )
        except (sqlite3.Error, TypeError, ValueError):
            pass
        finally:
            conn.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
