"""Findings the engine itself produces. They are listed, selectable and documented like rules."""

from __future__ import annotations

from .rule import Rule, Severity


class ParseError(Rule):
    """A file that could not be read or parsed.

    ## What it flags
    A file lintkit could not turn into a post: it cannot be read, is binary, is not UTF-8, is
    larger than `max-file-size`, or its front matter does not parse (the finding gives the line
    and what is wrong). The other files of the run are still checked.

    ## Why it matters
    A static site generator fails on, or silently skips, such a file.

    ## Example
    Bad:

    ```markdown
    ---
    title: [unclosed
    ---
    Body.
    ```

    Good:

    ```markdown
    ---
    title: "[closed]"
    ---
    Body.
    ```

    ## Fix
    None: fix the file by hand.
    """

    code = "LK001"
    name = "parse-error"
    summary = "File cannot be read, or its front matter does not parse"
    severity = Severity.ERROR
    tags = ("engine",)


class InternalError(Rule):
    """A rule crashed on a file: a bug in lintkit or in a plugin.

    ## What it flags
    A rule raised an exception while checking a file. The finding names the rule, the file and
    the exception; the run goes on with the other rules and files and exits with code 2.

    ## Why it matters
    A crash must never hide findings silently. Please report it with the file that caused it.

    ## Fix
    None: report the bug.
    """

    code = "LK002"
    name = "internal-error"
    summary = "A rule crashed on a file (a lintkit or plugin bug)"
    severity = Severity.ERROR
    tags = ("engine",)


class InvalidSuppression(Rule):
    """An inline `lintkit-disable` comment that names a rule lintkit does not know.

    ## What it flags
    `<!-- lintkit-disable-next-line no-such-rule -->`: the comment suppresses nothing, which is
    usually a typo in the rule's name or code.

    ## Example
    Bad:

    ```markdown
    ---
    title: A post
    ---
    <!-- lintkit-disable-next-line ad-markupp -->
    Text.
    ```

    Good:

    ```markdown
    ---
    title: A post
    ---
    <!-- lintkit-disable-next-line ad-markup -->
    Text.
    ```

    ## Fix
    None: correct the rule name (`lintkit rules` lists them).
    """

    code = "LK003"
    name = "invalid-suppression"
    summary = "Inline suppression comment names an unknown rule"
    severity = Severity.WARNING
    tags = ("engine",)


ENGINE_RULES = [ParseError, InternalError, InvalidSuppression]
