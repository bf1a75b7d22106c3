"""How much a QR code on a card can hold: the one capacity rule, for layout and for loading.

Takes: nothing (the card's QR area and module size are constants here). Gives:
``MAX_URL_BYTES``, the most bytes (UTF-8) of a URL whose QR code, error correction M,
fits ``CARD_QR_SIDE`` mm with its 4-module quiet zone at modules of ``CARD_MODULE`` mm;
``oversize(url)``, a URL's size when a card cannot hold it; ``max_bytes(side, module)``
for any other area; and ``qrcode_main()``, the qrcode package
loaded without its Pillow image makers.

``MAX_URL_BYTES`` is written out so that loading a catalogue does not import qrcode; a test
checks it against ``max_bytes()``, which reads qrcode's own capacity table.
"""

from __future__ import annotations

import sys
from functools import cache

QUIET = 4  # modules of quiet zone on each side
CARD_QR_SIDE = 30.0  # mm: the largest QR code a card gives a link, quiet zone included
CARD_MODULE = 0.5  # mm: the module size that scans reliably from a pocket card


def max_version(side: float, module: float) -> int:
    """The largest QR version whose code and quiet zone fit ``side`` mm at ``module`` mm."""
    modules = int(side / module + 1e-9) - 2 * QUIET
    return max(0, min(40, (modules - 17) // 4))


def max_bytes(side: float = CARD_QR_SIDE, module: float = CARD_MODULE) -> int:
    """Bytes of data (byte mode, level M) that a code of ``side`` mm at ``module`` mm holds."""
    version = max_version(side, module)
    if version < 1:
        return 0
    qrcode = qrcode_main()
    length_bits = 8 if version < 10 else 16
    table = qrcode.util.BIT_LIMIT_TABLE[qrcode.constants.ERROR_CORRECT_M]
    return (table[version] - 4 - length_bits) // 8


MAX_URL_BYTES = 152  # == max_bytes(): version 8 at 0.5 mm in 30 mm


def oversize(url: str) -> int:
    """The URL's size in bytes when a card's QR code cannot hold it, else 0."""
    size = len(url.encode("utf-8"))
    return size if size > MAX_URL_BYTES else 0


@cache
def qrcode_main():
    """The qrcode package without its Pillow image makers: they are optional (qrcode loads
    them only if Pillow's drawing module imports) and only the module matrix is used here, so
    that module is made to fail to import while qrcode loads. It stays importable afterwards."""
    blocked = next((name for name in ("PIL", "PIL.ImageDraw") if name not in sys.modules), None)
    if blocked:
        # None there is documented (importing the name then raises ImportError); typeshed omits it
        sys.modules[blocked] = None  # type: ignore[assignment]
    try:
        import qrcode.main
        import qrcode.util
    finally:
        if blocked:
            del sys.modules[blocked]
    return qrcode
