"""Print a pip constraints file that pins every direct dependency to its declared floor.

    python3 .ci/floors.py [pyproject.toml] > floors.txt
    PIP_CONSTRAINT=floors.txt pip install -c floors.txt -e '.[test]'

Reads ``pyproject.toml``: the runtime dependencies, the ``test`` extra and the build system's
requirements. Each must declare a lower bound with ``>=``; it is pinned with ``==`` to that
version (extras dropped, since pip refuses them in constraints; an environment marker kept).
A requirement without a ``>=`` floor, or one package given two different floors, is refused:
the script names it and exits with status 1, so that CI cannot test floors that are not
declared. Standard library only, so that it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

EXTRAS = ("test",)

# PEP 508, as far as a floor needs: a name, optional [extras], the version specifiers (with or
# without parentheses) and an optional "; marker". A direct reference ("name @ url") has no floor.
REQUIREMENT = re.compile(
    r"""\s*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*
        (?:\[[^\]]*\])?\s*
        \(?(?P<specs>[^;()@]*)\)?\s*
        (?:;\s*(?P<marker>.*?))?\s*""",
    re.VERBOSE,
)
FLOOR = re.compile(r">=\s*(?P<version>[A-Za-z0-9.!+*_-]+)")


class NoFloor(ValueError):
    """A requirement that declares no ``>=`` floor (or two different ones)."""


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def floor_pin(requirement: str) -> tuple[str, str, str]:
    """(normalized name, floor, 'name==floor[; marker]') for one PEP 508 requirement string."""
    match = REQUIREMENT.fullmatch(requirement)
    specs = [spec.strip() for spec in match["specs"].split(",")] if match else []
    floors = [found["version"] for found in map(FLOOR.fullmatch, specs) if found]
    if not floors:
        raise NoFloor(f"{requirement!r} declares no '>=' floor")
    if len(floors) > 1:
        raise NoFloor(f"{requirement!r} declares more than one '>=' floor")
    pin = f"{match['name']}=={floors[0]}"
    if match["marker"]:
        pin += f"; {match['marker']}"
    return normalize(match["name"]), floors[0] + "; " + (match["marker"] or ""), pin


def requirements(pyproject: dict) -> list[tuple[str, str]]:
    """(where, requirement) for every direct dependency the floors cover."""
    project = pyproject.get("project", {})
    found = [("dependencies", r) for r in project.get("dependencies", [])]
    extras = project.get("optional-dependencies", {})
    for extra in EXTRAS:
        found += [(f"the {extra} extra", r) for r in extras.get(extra, [])]
    found += [("build-system requires", r) for r in pyproject.get("build-system", {}).get("requires", [])]
    return found


def constraints(pyproject: dict) -> list[str]:
    """The constraint lines, one per package, in the order the packages first appear."""
    pins: dict[str, tuple[str, str, str]] = {}  # name -> (where, floor and marker, pin)
    for where, requirement in requirements(pyproject):
        try:
            name, floor, pin = floor_pin(requirement)
        except NoFloor as error:
            raise NoFloor(f"{where}: {error}") from None
        if name in pins and pins[name][1] != floor:
            first, _, first_pin = pins[name]
            raise NoFloor(f"{name} has two different floors: {first_pin} ({first}) and {pin} ({where})")
        pins.setdefault(name, (where, floor, pin))
    return [pin for _, _, pin in pins.values()]


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parents[1] / "pyproject.toml")
    with path.open("rb") as handle:
        pyproject = tomllib.load(handle)
    try:
        lines = constraints(pyproject)
    except NoFloor as error:
        print(f"floors.py: {path}: {error}", file=sys.stderr)
        return 1
    print(f"# every direct dependency in {path.name} at its declared floor")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
