"""Find every rule: the engine's own, and those registered under the entry-point group
``lintkit.rules`` (the built-in pack registers there exactly like a third-party package).

An entry point may name a `Rule` subclass, a module (its ``RULES`` list, or every Rule subclass
it defines) or a list of rules. Only installed entry points are loaded: nothing in a checked
file or in a config file can make lintkit import code.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from importlib.metadata import entry_points

from .engine_rules import ENGINE_RULES
from .rule import Rule, iter_rule_classes

ENTRY_POINT_GROUP = "lintkit.rules"
_CODE = re.compile(r"[A-Z]{1,5}[0-9]{1,5}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RegistryError(Exception):
    pass


@dataclass
class Registry:
    rules: dict[str, type[Rule]] = field(default_factory=dict)  # code -> class
    sources: dict[str, str] = field(default_factory=dict)  # code -> entry point ("engine" for ours)

    def add(self, cls: type[Rule], source: str) -> None:
        code, name = cls.code, cls.name
        if not _CODE.fullmatch(code or ""):
            raise RegistryError(f"rule {cls.__qualname__} from {source}: code {code!r} is not like 'LK201'")
        if not _NAME.fullmatch(name or ""):
            raise RegistryError(f"rule {code} from {source}: name {name!r} is not kebab-case")
        if cls.scope not in ("file", "corpus"):
            raise RegistryError(f"rule {code} from {source}: scope must be 'file' or 'corpus'")
        if code in self.rules and self.rules[code] is not cls:
            raise RegistryError(f"rule code {code} is registered twice: by {self.sources[code]} and by {source}")
        other = self.by_name().get(name)
        if other is not None and other is not cls:
            raise RegistryError(f"rule name {name!r} is registered twice: by {self.sources[other.code]} and by {source}")
        self.rules[code] = cls
        self.sources[code] = source

    def by_name(self) -> dict[str, type[Rule]]:
        return {cls.name: cls for cls in self.rules.values()}

    def get(self, ref: str) -> type[Rule] | None:
        """A rule by code (``LK201``) or name (``ad-markup``), case-insensitively."""
        ref = ref.strip()
        return self.rules.get(ref.upper()) or self.by_name().get(ref.lower())

    def tags(self) -> set[str]:
        return {t for cls in self.rules.values() for t in cls.tags}

    def resolve(self, selector: str) -> set[str]:
        """Codes matching a selector: ``ALL``, a code, a code prefix, a name or a tag."""
        sel = selector.strip()
        if not sel:
            return set()
        if sel.upper() == "ALL":
            return set(self.rules)
        cls = self.get(sel)
        if cls is not None:
            return {cls.code}
        up = sel.upper()
        by_prefix = {c for c in self.rules if c.startswith(up)} if re.fullmatch(r"[A-Z]+[0-9]*", up) else set()
        if by_prefix:
            return by_prefix
        by_tag = {c for c, cls in self.rules.items() if sel.lower() in cls.tags}
        if by_tag:
            return by_tag
        raise RegistryError(f"unknown rule or selector {selector!r}{self.suggest(sel)}")

    def suggest(self, ref: str) -> str:
        names = [cls.name for cls in self.rules.values()] + list(self.rules) + sorted(self.tags())
        close = difflib.get_close_matches(ref.lower(), [n.lower() for n in names], n=1, cutoff=0.6)
        if close:
            match = next(n for n in names if n.lower() == close[0])
            return f" (did you mean {match!r}?)"
        return ""

    def sorted(self) -> list[type[Rule]]:
        return [self.rules[c] for c in sorted(self.rules)]


def discover() -> Registry:
    """The engine rules plus every rule registered under the ``lintkit.rules`` entry points."""
    reg = Registry()
    for cls in ENGINE_RULES:
        reg.add(cls, "engine")
    eps = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name != "builtin", ep.name))
    seen_values = set()
    for ep in eps:
        if ep.value in seen_values:  # the same distribution seen twice on sys.path
            continue
        seen_values.add(ep.value)
        source = f"entry point {ep.name!r} ({ep.value})"
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin is a configuration error, not a traceback
            raise RegistryError(f"cannot load rules from {source}: {type(exc).__name__}: {exc}") from exc
        found = list(iter_rule_classes(obj))
        if not found:
            raise RegistryError(f"{source} exports no lintkit Rule classes")
        for cls in found:
            if cls.code in reg.rules and reg.rules[cls.code] is cls:
                continue
            reg.add(cls, source)
    return reg
