"""The built-in rule pack, installed as ``lintkit.rules``.

It registers through the ``lintkit.rules`` entry point like any third-party pack, and each rule
lives in its own module whose docstring is the rule's documentation.
"""

from .ad_markup import AdMarkup
from .frontmatter_quoting import FrontmatterQuoting

RULES = [AdMarkup, FrontmatterQuoting]

__all__ = ["RULES", "AdMarkup", "FrontmatterQuoting"]
