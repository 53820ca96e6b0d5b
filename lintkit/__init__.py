"""lintkit: a content-quality linter for Markdown posts with front matter."""

__version__ = "0.1.0"
