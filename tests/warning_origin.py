"""Who emitted a warning that failed a test.

Every warning is an error in the tests (``filterwarnings = ["error"]``), so that a
dependency's deprecation is seen the day it ships. Its traceback shows where it was raised
but not which installed package that code belongs to; ``describe`` names it: the distribution
that holds the innermost frame (the code that called ``warnings.warn``), with its version and
file:line, then each package the call came through on the way out, down to limber's own code.
The hook ``pytest_exception_interact`` (which ``conftest.py`` imports, and so pytest uses)
adds that text to the report of every test, or test file's collection, failed by a warning.
"""

from __future__ import annotations

import platform
import sys
import sysconfig
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from types import TracebackType

import limber

LIMBER = Path(limber.__file__).resolve().parent
TESTS = Path(__file__).resolve().parent
STDLIB = {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib")}
STDLIB_NAME = f"the Python {platform.python_version()} standard library"
UNKNOWN = "code of no installed distribution"


def distribution_of(filename: str) -> str:
    """The installed distribution a source file belongs to, with its version: 'PyYAML 6.0.2'
    for .../site-packages/yaml/reader.py, 'limber 0.1.0' for limber's own code."""
    if filename.startswith("<frozen "):  # importlib and the like, frozen into the interpreter
        return STDLIB_NAME
    path = Path(filename).resolve()
    if path.is_relative_to(LIMBER):
        return f"limber {limber.__version__}"
    if path.is_relative_to(TESTS):
        return "limber's tests"
    # The import path entry that holds the file (the deepest, since site-packages may lie
    # inside the standard library's folder); the first name below it is the top-level module.
    roots = sorted({Path(p).resolve() for p in sys.path if p}, key=lambda p: len(p.parts), reverse=True)
    for root in roots:
        if path.is_relative_to(root) and path != root:
            top = path.relative_to(root).parts[0].split(".")[0]  # yaml/..., _yaml.cpython-311-...so
            names = sorted(set(metadata.packages_distributions().get(top, [])))
            if names:
                return ", ".join(f"{name} {metadata.version(name)}" for name in names)
            if root in STDLIB:
                return STDLIB_NAME
            break
    return UNKNOWN


def _frames(tb: TracebackType | None) -> Iterator[tuple[str, int]]:
    while tb is not None:
        yield tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next


def describe(warning: Warning, tb: TracebackType | None) -> str:
    """Which package emitted ``warning`` (raised as an error, with traceback ``tb``), where,
    and through which packages the call came to it, innermost first, up to the first code
    that is not a dependency's (limber's, its tests', or a script's)."""
    steps: list[tuple[str, str, int]] = []  # (distribution, file, line) where each one was left
    for file, line in reversed(list(_frames(tb))):
        owner = distribution_of(file)
        if not steps or steps[-1][0] != owner:
            steps.append((owner, file, line))
        if owner.startswith("limber") or owner == UNKNOWN:
            break
    if not steps:
        return f"{type(warning).__name__}: {warning} (no traceback)"
    (owner, file, line), *callers = steps
    lines = [f"{type(warning).__name__} emitted by {owner} at {file}:{line}", f"  {warning}"]
    lines += [f"  called from {who} at {where}:{number}" for who, where, number in callers]
    return "\n".join(lines)


def warning_in(error: BaseException | None) -> Warning | None:
    """The warning among ``error`` and the exceptions it was raised while handling, if any:
    limber turns an unexpected exception into an internal error (exit 1), and a warning raised
    as an error is one."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, Warning):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def pytest_exception_interact(node, call, report):
    """A test, or the collection of a test file, failed by a warning (an error here, see
    ``filterwarnings``): its report gets a section that names the package that emitted it,
    with its version and file:line."""
    if call.excinfo is not None and isinstance(call.excinfo.value, Warning):
        report.sections.append(("warning emitted by", describe(call.excinfo.value, call.excinfo.tb)))
