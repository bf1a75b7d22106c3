"""``python -m limber``: the same as the ``limber`` command."""

from .cli import main

main()
