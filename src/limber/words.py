"""Counts as people read them: "1 card", "2 cards", "1.5 minutes".

Takes: a number (an int, a float, or anything that prints as one, such as a dose's
``Count``) and the word for one of it. Gives: ``count``, the number and the word, singular
exactly when the number reads "1". Every count limber shows goes through it.
"""

from __future__ import annotations


def count(number: object, singular: str, plural: str | None = None) -> str:
    """'1 card', '3 cards', '1 copy' / '2 copies' (with ``plural``), '1.5 minutes', '12-15 reps'.

    The word follows the number as it is shown: a float is shown with ``:g``."""
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {singular if shown == '1' else plural or singular + 's'}"
