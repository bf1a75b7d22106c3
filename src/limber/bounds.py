"""The bounds of the numbers a user gives limber, in one place for every face that takes them.

Takes: nothing. Gives: ``MINUTES``, the lengths a built routine may be asked for; and
``POSTER_DISTANCES``, the reading distances (m) a poster may be made for, which are also
the only distances a "does not fit" message may suggest. The command line's options, the
library's requests and the layout's advice all read them here; importing this costs nothing.
"""

MINUTES = (1, 120)
POSTER_DISTANCES = (0.3, 10.0)
