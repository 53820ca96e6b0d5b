"""What corpus rules know about the site being checked."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Site:
    """The posts a run sees.

    ``paths`` are every post of the site (the files checked plus any ``--corpus`` folders);
    ``report_paths`` are the posts findings may be reported on (the files checked). A corpus
    rule reads every summary but yields findings only for ``report_paths``.
    """

    paths: list[str] = field(default_factory=list)
    report_paths: set[str] = field(default_factory=set)

    def reports(self, path: str) -> bool:
        return path in self.report_paths
