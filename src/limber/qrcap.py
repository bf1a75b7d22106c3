"""How much a QR code on a card can hold: the one capacity rule, for layout and for loading.

Takes: nothing (the card's QR area and module size are constants here). Gives:
``MAX_URL_BYTES``, the most bytes (UTF-8) of a URL whose QR code, error correction M,
fits ``CARD_QR_SIDE`` mm with its 4-module quiet zone at modules of ``CARD_MODULE`` mm;
and ``max_bytes(side, module)`` for any other area.
"""

from __future__ import annotations

from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import BIT_LIMIT_TABLE

QUIET = 4               # modules of quiet zone on each side
CARD_QR_SIDE = 30.0     # mm: the largest QR code a card gives a link, quiet zone included
CARD_MODULE = 0.5       # mm: the module size that scans reliably from a pocket card


def max_version(side: float, module: float) -> int:
    """The largest QR version whose code and quiet zone fit ``side`` mm at ``module`` mm."""
    modules = int(side / module + 1e-9) - 2 * QUIET
    return max(0, min(40, (modules - 17) // 4))


def max_bytes(side: float = CARD_QR_SIDE, module: float = CARD_MODULE) -> int:
    """Bytes of data (byte mode, level M) that a code of ``side`` mm at ``module`` mm holds."""
    version = max_version(side, module)
    if version < 1:
        return 0
    length_bits = 8 if version < 10 else 16
    return (BIT_LIMIT_TABLE[ERROR_CORRECT_M][version] - 4 - length_bits) // 8


MAX_URL_BYTES = max_bytes()
