"""What corpus rules know about the site being checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .corpus import CorpusIndex, PostFeatures


@dataclass
class Site:
    """The posts a run sees.

    ``paths`` are every post of the site (the files checked plus any ``--corpus`` folders);
    ``report_paths`` are the posts findings may be reported on (the files checked). A corpus
    rule reads every summary but yields findings only for ``report_paths``. ``index`` is the
    shared `lintkit.corpus.CorpusIndex`, built on first use from every post's features (present
    when an enabled rule sets ``uses_index``).
    """

    paths: list[str] = field(default_factory=list)
    report_paths: set[str] = field(default_factory=set)
    features: dict[str, "PostFeatures"] = field(default_factory=dict)
    _index: Any = None

    def reports(self, path: str) -> bool:
        return path in self.report_paths

    @property
    def index(self) -> "CorpusIndex":
        if self._index is None:
            from .corpus import CorpusIndex

            self._index = CorpusIndex(self.features.values())
        return self._index
