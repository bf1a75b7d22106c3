"""QR code matrices for layout.

Takes: a URL. Gives: the module matrix (rows of one byte per module, 1 dark, 0 light; no
quiet zone) at error correction M, built once per URL with the smallest version that holds
it and a fixed mask pattern (the automatic mask search costs about seven times as much; the
codes still decode with a real decoder, which the tests check; the qrcode package is loaded
without Pillow), and ``qr_box`` which sizes a ``Qr`` box so that modules are never smaller
than a product's minimum.
"""

from __future__ import annotations

from functools import lru_cache

from ..boxes import Qr
from ..qrcap import QUIET, qrcode_main

FIXED_MASK = 0


@lru_cache(maxsize=4096)
def matrix(url: str) -> tuple[bytes, ...]:
    """The matrix built once per URL (a card asks for it while it is measured and again while
    it is laid out, and a deck may print it in each copy): about 2.6 KB for an 80-character URL."""
    qrcode = qrcode_main()
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=FIXED_MASK)
    code.add_data(url)
    code.make(fit=True)
    return tuple(bytes(row) for row in code.get_matrix())


def side_for(url: str, min_module: float) -> float:
    """The smallest side (mm, quiet zone included) that gives modules of ``min_module`` mm."""
    return (len(matrix(url)) + 2 * QUIET) * min_module


def qr_box(url: str, x: float, y: float, size: float, color: str = "#000000") -> Qr:
    return Qr(x, y, size, matrix(url), url, QUIET, color)
