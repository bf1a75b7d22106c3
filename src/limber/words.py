"""Words for messages: counts as people read them, and the names a misspelt one was meant to be.

Takes: a number (an int, a float, or anything that prints as one, such as a dose's
``Count``) and the word for one of it; or a name and the names it could be. Gives:
``count``, the number and the word, singular exactly when the number reads "1" (every
count limber shows goes through it); and ``suggest``, the " (did you mean ...?)" of every
message about an unknown name.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_SUGGESTED_CHARS = 200  # a longer name is compared by its start


def count(number: object, singular: str, plural: str | None = None) -> str:
    """'1 card', '3 cards', '1 copy' / '2 copies' (with ``plural``), '1.5 minutes', '12-15 reps'.

    The word follows the number as it is shown: a float is shown with ``:g``."""
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {singular if shown == '1' else plural or singular + 's'}"


def suggest(name: str, choices: Iterable[str]) -> str:
    """' (did you mean a, b?)' with the closest of ``choices`` (up to three), or ''."""
    import difflib

    close = difflib.get_close_matches(name[:MAX_SUGGESTED_CHARS], list(choices), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(close)}?)" if close else ""
