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
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__

CACHE_DIR_NAME = ".lintkit_cache"
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def namespace(kind: str, **shape: Any) -> str:
    """A key prefix naming what is stored and everything that shapes it."""
    blob = json.dumps(shape, sort_keys=True, default=str)
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


# --------------------------------------------------------------------------- tagged JSON


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
        if all(isinstance(k, str) for k in obj):
            return {"~d": {k: _encode(v) for k, v in obj.items()}}
        return {"~D": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, array):
        return {"~a": [obj.typecode, base64.b64encode(obj.tobytes()).decode("ascii")]}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        cls = type(obj)
        return {"~c": f"{cls.__module__}:{cls.__qualname__}", "f": {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    raise TypeError(f"cannot cache a {type(obj).__name__}")


# Only these dataclasses may be rebuilt from the cache.
_ALLOWED: dict[str, type] = {}


def allow(cls: type) -> type:
    _ALLOWED[f"{cls.__module__}:{cls.__qualname__}"] = cls
    return cls


def _decode(obj: Any) -> Any:
    if isinstance(obj, list):
        return [_decode(x) for x in obj]
    if not isinstance(obj, dict):
        return obj
    if "~t" in obj:
        return tuple(_decode(x) for x in obj["~t"])
    if "~s" in obj:
        return {_decode(x) for x in obj["~s"]}
    if "~d" in obj:
        return {k: _decode(v) for k, v in obj["~d"].items()}
    if "~D" in obj:
        return {_decode(k): _decode(v) for k, v in obj["~D"]}
    if "~a" in obj:
        code, data = obj["~a"]
        if code not in ("I", "i", "H", "B", "d", "f", "L", "l", "Q", "q"):
            raise ValueError("bad array type")
        out = array(code)
        out.frombytes(base64.b64decode(data))
        return out
    if "~c" in obj:
        cls = _ALLOWED.get(obj["~c"])
        if cls is None:
            raise ValueError(f"class {obj['~c']} may not be loaded from the cache")
        return cls(**{k: _decode(v) for k, v in obj["f"].items()})
    raise ValueError("untagged object in cache")


def dumps(obj: Any) -> str:
    return json.dumps(_encode(obj), separators=(",", ":"))


def loads(text: str) -> Any:
    return _decode(json.loads(text))


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

    def get_many(self, keys: list[str]) -> dict[str, Any]:
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
                    try:
                        out[key] = loads(value)
                    except (ValueError, TypeError, KeyError):
                        continue  # a stale or foreign entry: recompute it
        except sqlite3.Error:
            self.broken = True
            return {}
        return out

    def put_many(self, items: dict[str, Any]) -> None:
        if not items or self.broken:
            return
        conn = self._connect(write=True)
        if conn is None:
            return
        rows = []
        for k, v in items.items():
            try:
                rows.append((k, dumps(v)))
            except (TypeError, ValueError):
                continue  # a summary the cache cannot hold safely: recomputed next time
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)
        except sqlite3.DatabaseError:
            # A damaged file: start afresh next time.
            try:
                conn.close()
                os.replace(self.path, self.path.with_suffix(".damaged"))
            except OSError:
                pass
        finally:
            conn.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
