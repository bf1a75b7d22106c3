"""The one place that converts units.

Takes: millimetres (layout's unit) or points (font sizes, stroke widths).
Gives: ``pt(mm)`` points, ``mm(pt)`` millimetres.
"""

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
PT_PER_MM = PT_PER_INCH / MM_PER_INCH


def pt(mm_value: float) -> float:
    """Millimetres to points."""
    return mm_value * PT_PER_MM


def mm(pt_value: float) -> float:
    """Points to millimetres."""
    return pt_value / PT_PER_MM
