"""limber: runners' exercise routines as printable pocket cards, card decks and posters.

Takes: the bundled catalogue and the user's YAML files. Gives: the ``limber`` command
(``limber.cli``) and the library API (``limber.api``).
"""

__version__ = "0.1.0"
