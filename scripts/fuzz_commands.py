"""Fuzz every limber command with hostile options and mutated input files.

Takes: a number of runs and a seed. Gives: a JSON summary on standard output (runs, exit
statuses, and every run that ended in an internal error, a traceback or a hang, with the
command line that caused it), and exit status 1 if any did.

Each run builds one command line: a command, options drawn from values people do feed a
tool (nan, inf, huge and negative numbers, blank and control-character text, very long names,
folders, FIFOs, devices, missing files) and input files made by mutating good ones (catalogue,
routine, figure, theme, club file, roster, SVG and PNG logos, PDF) line by line and byte by
byte. Runs go through click's test runner in this process, each under a time limit (SIGALRM),
so that thousands of runs take minutes. Usage:

    python scripts/fuzz_commands.py --runs 5000 --seed 1
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from limber.cli import main  # noqa: E402

HOSTILE_NUMBERS = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "1e-320",
    "99999999999999999999",
]
HOSTILE_TEXT = [
    "",
    " ",
    "   ",
    "\x1b[31mred",
    "a\u202eb",
    "\u200b",
    "x" * 81,
    "x" * 5000,
    "é" * 90,
    "名前",
    "-",
    "--",
]
OPTIONS = {
    "card": {"--size": ["poker", "credit", "a6", "10x10", "0x0", "nanxnan", "1e9x1e9", "poker-landscape"]},
    "deck": {
        "--size": ["poker", "bridge", "a7", "5x5", "1000x1000"],
        "--sheet": ["a4", "letter", "none", "a0", "x"],
        "--duplex": ["long", "short", "off", "sideways"],
        "--copies": ["1", "0", "-3", "100000", "nan"],
        "--bleed": HOSTILE_NUMBERS,
        "--offset": ["0,0", "nan,0", "1e308,1", "1", "a,b"],
    },
    "poster": {
        "--paper": ["a4", "a3", "a0", "letter", "a9"],
        "--distance": HOSTILE_NUMBERS + ["0.3", "10", "0.2"],
        "--tile": ["a4", "letter", "a3"],
        "--overlap": HOSTILE_NUMBERS + ["5"],
        "--orientation": ["portrait", "landscape", "auto", "diagonal"],
        "--title": HOSTILE_TEXT,
    },
    "build": {
        "--minutes": HOSTILE_NUMBERS + ["5", "30", "0.5"],
        "--phase": ["post-run", "warm-up", "anytime", "later"],
        "--focus": ["hips", "calves", "hip", "everything"],
        "--level": ["basic", "advanced", "expert"],
        "--equipment": ["none", "wall", "mat", "rocket"],
        "--title": HOSTILE_TEXT,
        "--exclude": ["ankle-bounce", "nothing", ""],
    },
    "list": {"--area": ["hips", "hip", ""], "--phase": ["warm-up", "x"], "--kind": ["stretch", "x"]},
    "preview": {"--dpi": ["72", "0", "-1", "100000", "nan"], "--pages": ["1", "0", "1-3", "all", "x", "2-1"]},
    "calibrate": {"--sheet": ["a4", "letter", "x"], "--offset": ["0,0", "nan,nan", "1e308,0"]},
    "club": {"--jobs": ["1", "2", "0", "-1"], "--sheet": ["a4", "letter"], "--size": ["poker", "x"]},
}
TARGETS = ["ankle-bounce", "post-run-stretches", "low-back-release", "nope", "./", "/dev/null", "-"]


def mutate_text(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        choice = rng.random()
        if choice < 0.25:
            del lines[i]
        elif choice < 0.45:
            lines.insert(i, lines[i])
        elif choice < 0.8 and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = rng.choice(
                HOSTILE_NUMBERS + HOSTILE_TEXT + ["[1, 2]", "{a: 1}", "&a [*a]", "*nope", "!!python/object"]
            )
            lines[i] = f"{key}: {value}"
        else:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = (
                lines[i][:cut]
                + rng.choice(["\x00", "\t", "'", '"', "[", "{", "\u2028", "#"])
                + lines[i][cut:]
            )
    return "\n".join(lines) + "\n"


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            break
        i = rng.randrange(len(out))
        if rng.random() < 0.5:
            out[i] = rng.randrange(256)
        else:
            del out[i : i + rng.randint(1, 64)]
    return bytes(out)


class Fixtures:
    """Good input files to mutate, and the awkward paths every run may name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.catalogue = (ROOT / "examples" / "easy-hips.yaml").read_text(encoding="utf-8")
        self.theme = "name: mine\nextends: default\ncolors:\n  ink: '#111111'\ntext:\n  floor: 6\n"
        self.club = (ROOT / "examples" / "club.yaml").read_text(encoding="utf-8")
        self.roster = (ROOT / "examples" / "club-roster.csv").read_text(encoding="utf-8")
        self.svg = (ROOT / "examples" / "club-logo.svg").read_bytes()
        self.pdf = folder / "good.pdf"
        CliRunner().invoke(main, ["card", "ankle-bounce", "-o", str(self.pdf)])
        (folder / "a-folder").mkdir()
        if hasattr(os, "mkfifo"):
            os.mkfifo(folder / "a-fifo.yaml")
        (folder / "loop.yaml").symlink_to(folder / "loop.yaml")

    def file(self, kind: str, rng: random.Random, n: int) -> str:
        path = self.folder / f"in-{n}-{kind}"
        if kind == "catalogue":
            path = path.with_suffix(".yaml")
            path.write_text(mutate_text(self.catalogue, rng), encoding="utf-8", errors="surrogateescape")
        elif kind == "theme":
            path = path.with_suffix(".yaml")
            path.write_text(mutate_text(self.theme, rng), encoding="utf-8", errors="surrogateescape")
        elif kind == "club":
            path = path.with_suffix(".yaml")
            logo = self.folder / f"logo-{n}.svg"
            logo.write_bytes(mutate_bytes(self.svg, rng) if rng.random() < 0.5 else self.svg)
            text = mutate_text(self.club, rng).replace("club-logo.svg", logo.name)
            path.write_text(text, encoding="utf-8", errors="surrogateescape")
        elif kind == "roster":
            path = path.with_suffix(".csv")
            path.write_text(mutate_text(self.roster, rng), encoding="utf-8", errors="surrogateescape")
        elif kind == "pdf":
            path = path.with_suffix(".pdf")
            path.write_bytes(mutate_bytes(self.pdf.read_bytes(), rng))
        return str(path)

    def awkward_path(self, rng: random.Random) -> str:
        return str(self.folder / rng.choice(["a-folder", "a-fifo.yaml", "loop.yaml", "missing.yaml"]))


def one_command(fx: Fixtures, rng: random.Random, n: int) -> list[str]:
    command = rng.choice(sorted(OPTIONS) + ["validate", "show", "routine", "gallery"])
    out = str(fx.folder / f"out-{n}.pdf")
    args: list[str] = [command]
    if command in ("card", "deck", "poster"):
        args += [rng.choice(TARGETS) if rng.random() < 0.7 else fx.file("catalogue", rng, n)]
        args += ["-o", out if rng.random() < 0.9 else fx.awkward_path(rng)]
    elif command == "show":
        args += [rng.choice(TARGETS)]
    elif command == "routine":
        args += [rng.choice(TARGETS[:4]) if rng.random() < 0.5 else fx.file("catalogue", rng, n)]
    elif command == "validate":
        args += [fx.file("catalogue", rng, n) if rng.random() < 0.8 else fx.awkward_path(rng)]
    elif command == "preview":
        args += [
            fx.file("pdf", rng, n) if rng.random() < 0.8 else str(fx.pdf),
            "-o",
            str(fx.folder / f"png-{n}"),
        ]
    elif command in ("calibrate", "gallery"):
        args += ["-o", out]
    elif command == "club":
        args += [
            fx.file("roster", rng, n),
            "-o",
            str(fx.folder / f"club-{n}"),
            "--club",
            fx.file("club", rng, n),
        ]
    elif command == "build":
        args += ["--minutes", "5", "--phase", "post-run"]
    for option, values in OPTIONS.get(command, {}).items():
        if rng.random() < 0.35:
            args += [option, rng.choice(values)]
    if command in ("card", "deck", "poster", "gallery") and rng.random() < 0.3:
        args += ["--theme", fx.file("theme", rng, n)]
    if command in ("card", "deck", "poster", "list", "validate") and rng.random() < 0.2:
        args += ["--catalogue", fx.file("catalogue", rng, n)]
    if rng.random() < 0.1:
        args.append("--force")
    return args


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def run(runs: int, seed: int, limit: float) -> dict:
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="limber-fuzz-"))
    os.environ["LIMBER_CACHE_DIR"] = str(folder / "cache")
    statuses: dict[str, int] = {}
    bad: list[dict] = []
    signal.signal(signal.SIGALRM, _alarm)
    start = time.monotonic()
    try:
        fx = Fixtures(folder)
        for n in range(runs):
            args = one_command(fx, rng, n)
            signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                result = CliRunner().invoke(main, args, catch_exceptions=True)
                code, output = result.exit_code, result.output
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    code, output = 1, f"exception escaped: {result.exception!r}"
            except Hang:
                code, output = "hang", f"over {limit:g} s"
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            statuses[str(code)] = statuses.get(str(code), 0) + 1
            if code in (1, "hang") or "Traceback" in output:
                bad.append({"args": args, "status": code, "output": output[-600:]})
            for leftover in folder.glob(f"*-{n}*"):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "runs": runs,
        "seed": seed,
        "seconds": round(time.monotonic() - start, 1),
        "statuses": statuses,
        "bad": bad,
    }


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--limit", type=float, default=30.0, help="seconds a run may take before it counts as a hang"
    )
    args = parser.parse_args()
    summary = run(args.runs, args.seed, args.limit)
    json.dump(summary, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 1 if summary["bad"] else 0


if __name__ == "__main__":
    sys.exit(cli())
