"""What each command imports: printing loads qrcode without its Pillow drawing code, and the
read-only commands load neither reportlab nor qrcode; once the built-in data is cached, no
command loads the YAML parser, nor pydantic to load the cached catalogue, figures and theme
and draw them (fresh processes, as users run them)."""

import subprocess
import sys

import pytest

PROBE = """
import sys
from limber.cli import main
try:
    main({args!r})
except SystemExit as end:
    assert not end.code, end.code
print(" ".join(sorted(m for m in ("PIL.ImageDraw", "reportlab", "qrcode", "pypdfium2", "yaml", "pydantic") if m in sys.modules)))
"""


def imported(args: list[str]) -> set[str]:
    """The watched modules the command loaded, run a second time so that the cache is warm."""
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    return set(result.stdout.split("\n")[-2].split())


def test_printing_a_deck_loads_qrcode_without_pillow_drawing(tmp_path):
    assert imported(["deck", "--all", "-o", str(tmp_path / "all.pdf")]) == {"reportlab", "qrcode"}
    assert (tmp_path / "all.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "walking-knee-hug"],
        ["validate"],
        ["--help"],
        ["list", "--json"],
        ["show", "walking-knee-hug", "--json"],
        ["routine", "post-run-mobility"],
    ],
)
def test_read_only_commands_load_no_pdf_or_qr_library(args):
    assert imported(args) == set()
