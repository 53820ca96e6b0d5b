"""The built-in rule pack, installed as ``lintkit.rules``.

It registers through the ``lintkit.rules`` entry point like any third-party pack, and each rule
lives in its own module whose docstring is the rule's documentation.
"""

from .ad_markup import AdMarkup
from .duplicate_body import DuplicateBody
from .frontmatter_quoting import FrontmatterQuoting
from .misspelling import Misspelling
from .off_topic_link import OffTopicLink
from .title_mismatch import TitleMismatch

RULES = [DuplicateBody, TitleMismatch, OffTopicLink, AdMarkup, FrontmatterQuoting, Misspelling]

__all__ = ["RULES", "AdMarkup", "DuplicateBody", "FrontmatterQuoting", "Misspelling", "OffTopicLink", "TitleMismatch"]
