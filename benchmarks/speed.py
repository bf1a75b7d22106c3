"""Benchmark: limber against a bare reportlab canvas program, and the CLI's start-up.

Prints, in one run: for decks of 33, 330 and 2,013 cards (the whole catalogue, 1, 10 and
61 copies with ``limber deck --all --copies N``: x1, x10, x61) and for a deck of 330
distinct cards (the catalogue and a generated catalogue file of 297 more exercises, which
limber reads and validates like any file of yours: own) the whole-process time of ``limber
deck`` and of ``benchmarks/floor.py`` drawing the same sheets (alternating runs, medians,
and the median ratio of paired runs), milliseconds and bytes per card, and each one's peak
RSS; then
the whole-process time of ``limber --help``, ``list``, ``show ID`` and ``validate`` against
``python -c pass``. Every run is a fresh process, as a user's is. Each figure comes with the
CPU time of the same runs: on a busy machine the wall clock also counts waiting for a core.

    python benchmarks/speed.py [--runs N] [--sizes 1,10,61] [--distinct 297] [--startup-runs N]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# what the installed ``limber`` command runs
LIMBER = [sys.executable, "-c", "import sys; from limber.cli import main; sys.exit(main())"]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    if (ROOT / "src" / "limber").is_dir():  # a source checkout: run this checkout's limber
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
        # Byte-compiled, as pip leaves an installed package and as the floor's libraries are:
        # otherwise every run of a checkout whose environment says PYTHONDONTWRITEBYTECODE
        # would compile limber's sources again, which no installed limber does.
        compileall.compile_dir(str(ROOT / "src" / "limber"), quiet=1)
    return env


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall time (s), peak RSS (KiB) and CPU time (s, user + system) of one child process;
    fails loudly if the child does. CPU time is what the wall time would be on an idle machine
    (every run is single-threaded), so it is the steadier figure on a busy one."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    errors = proc.stderr.read().decode()
    proc.stderr.close()
    if proc.returncode:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{errors}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def _box(item) -> list:
    """One laid-out box as the floor program's plain JSON (mm)."""
    from limber.boxes import Circle, Group, Line, Link, Polyline, Qr, Rect, TextBox

    if isinstance(item, TextBox):
        return ["text", [[r.x, r.y, r.text, r.font, r.size, r.color] for r in item.runs]]
    if isinstance(item, Rect):
        return [
            "rect",
            item.x,
            item.y,
            item.w,
            item.h,
            item.fill,
            item.stroke,
            item.width,
            item.radius,
            list(item.dash),
        ]
    if isinstance(item, Line):
        return ["line", item.x1, item.y1, item.x2, item.y2, item.color, item.width, list(item.dash)]
    if isinstance(item, Polyline):
        return ["poly", [list(p) for p in item.points], item.color, item.width, item.closed, item.fill]
    if isinstance(item, Circle):
        return ["circle", item.cx, item.cy, item.r, item.stroke, item.width, item.fill]
    if isinstance(item, Qr):
        return ["qr", item.x, item.y, item.size, item.url, item.quiet, item.color]
    if isinstance(item, Link):
        return ["link", item.x, item.y, item.w, item.h, item.url]
    if isinstance(item, Group):
        return ["group", *_group(item)]
    raise TypeError(type(item))


def _group(group) -> list:
    return [
        [_box(i) for i in group.items],
        list(group.clip) if group.clip else None,
        group.dx,
        group.dy,
        group.rotate,
    ]


def write_floor_input(path: Path, catalogues: tuple[Path, ...] = ()) -> int:
    """The ``deck --all`` deck (with ``catalogues``), laid out by limber once, as the floor
    program's input; returns its number of cards."""
    sys.path.insert(0, str(ROOT / "src"))
    from limber.catalogue.load import load_catalogue
    from limber.fonts import FILES, REGULAR
    from limber.products import DeckOptions, deck_pages
    from limber.resources import fonts_dir

    pages, meta = deck_pages(load_catalogue(catalogues), [], DeckOptions(), everything=True)
    fronts, backs = pages[0::2], pages[1::2]
    per = len(fronts[0].bookmarks)
    cards = []
    for front, back in zip(fronts, backs):
        n = len(front.bookmarks)
        for title, face, rear in zip(front.bookmarks, front.items[:n], back.items[:n]):
            cards.append({"title": title, "front": _group(face)[0], "back": _group(rear)[0]})
    deck = {
        "fonts": {name: str(fonts_dir() / file) for name, file in FILES.items()},
        "initial_font": REGULAR,
        "paper": [fronts[0].width, fronts[0].height],
        "meta": {
            "title": meta.title,
            "author": meta.author,
            "subject": meta.subject,
            "keywords": ", ".join(meta.keywords),
            "creator": "limber",
        },
        "front_slots": [_group(g)[1:] for g in fronts[0].items[:per]],
        "back_slots": [_group(g)[1:] for g in backs[0].items[:per]],
        "front_marks": [_box(i) for i in fronts[0].items[per:]],
        "back_marks": [_box(i) for i in backs[0].items[per:]],
        "cards": cards,
    }
    path.write_text(json.dumps(deck), encoding="utf-8")
    return len(cards)


def write_own_catalogue(path: Path, count: int) -> None:
    """A catalogue file of ``count`` distinct exercises: the built-in ones again under new ids
    and names (so every card, title and QR code differs), without figures."""
    sys.path.insert(0, str(ROOT / "src"))
    import yaml

    from limber.catalogue.load import load_catalogue
    from limber.catalogue.rules import dump

    built_in = list(load_catalogue().exercises.values())
    exercises = []
    for n in range(count):
        ex = built_in[n % len(built_in)]
        data = dump(ex, exclude_none=True, exclude={"figure", "pairs_with"})
        data.update(id=f"{ex.id}-{n + 2}", name=f"{ex.name} {n + 2}")
        exercises.append(data)
    path.write_text(yaml.safe_dump({"exercises": exercises}, sort_keys=False), encoding="utf-8")


def prepare(tmp: Path, distinct: int) -> None:
    """The floor's inputs and the catalogue file of distinct exercises (run in a child)."""
    write_floor_input(tmp / "deck.json")
    if distinct:
        write_own_catalogue(tmp / "own.yaml", distinct)
        write_floor_input(tmp / "own.json", (tmp / "own.yaml",))


def deck_rows(tmp: Path, sizes: list[int], distinct: int, runs: int, env: dict[str, str]) -> None:
    py = sys.executable
    # in a child, so that this process stays small: a child's peak RSS counts its parent's
    # memory up to exec
    subprocess.run([py, __file__, "--prepare", str(tmp), "--distinct", str(distinct)], env=env, check=True)
    workloads = [
        (f"x{copies}", 33 * copies, ["--copies", str(copies)], tmp / "deck.json", copies) for copies in sizes
    ]
    if distinct:
        workloads.append(("own", 33 + distinct, ["--catalogue", str(tmp / "own.yaml")], tmp / "own.json", 1))
    print(
        f"{'deck':>4} {'cards':>6} {'limber s':>9} {'floor s':>8} {'ratio':>6} {'cpu ratio':>9} {'ms/card':>8} "
        f"{'floor':>6} {'B/card':>7} {'floor':>6} {'peak MiB':>9} {'floor':>6}"
    )
    for label, cards, options, floor_input, copies in workloads:
        ours_pdf, floor_pdf = tmp / "limber.pdf", tmp / "floor.pdf"
        ours_cmd = [*LIMBER, "deck", "--all", *options, "-o", str(ours_pdf)]
        floor_cmd = [py, str(HERE / "floor.py"), str(floor_input), str(floor_pdf), "--copies", str(copies)]
        timed(ours_cmd, env), timed(floor_cmd, env)  # warm the file cache (and limber's catalogue cache)
        ours, floor = [], []
        for _ in range(runs):  # alternating, so machine noise hits both alike
            ours.append(timed(ours_cmd, env))
            floor.append(timed(floor_cmd, env))
        ratio = statistics.median(o[0] / f[0] for o, f in zip(ours, floor))
        cpu_ratio = statistics.median(o[2] / f[2] for o, f in zip(ours, floor))
        t_ours, t_floor = statistics.median(o[0] for o in ours), statistics.median(f[0] for f in floor)
        rss_ours, rss_floor = max(o[1] for o in ours) / 1024, max(f[1] for f in floor) / 1024
        print(
            f"{label:>4} {cards:>6} {t_ours:>9.3f} {t_floor:>8.3f} {ratio:>6.2f} {cpu_ratio:>9.2f} "
            f"{t_ours * 1000 / cards:>8.2f} {t_floor * 1000 / cards:>6.2f} "
            f"{ours_pdf.stat().st_size / cards:>7.0f} {floor_pdf.stat().st_size / cards:>6.0f} "
            f"{rss_ours:>9.1f} {rss_floor:>6.1f}"
        )


def startup_rows(runs: int, env: dict[str, str]) -> None:
    py = sys.executable
    commands = {"python -c pass": [py, "-c", "pass"]}
    for args in (["--help"], ["list"], ["show", "walking-knee-hug"], ["validate"]):
        commands[f"limber {' '.join(args)}"] = [*LIMBER, *args]
    for argv in commands.values():
        timed(argv, env)
    times: dict[str, list[tuple[float, int, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(timed(argv, env))
    print(f"\n{'command':<30} {'median ms':>9} {'min ms':>7} {'cpu ms':>7}")
    for name, values in times.items():
        wall = [v[0] for v in values]
        print(
            f"{name:<30} {statistics.median(wall) * 1000:>9.0f} {min(wall) * 1000:>7.0f} "
            f"{statistics.median(v[2] for v in values) * 1000:>7.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="paired deck runs per size (default 5)")
    parser.add_argument(
        "--sizes", default="1,10,61", help="copies of the 33-card catalogue deck (empty: none)"
    )
    parser.add_argument(
        "--distinct",
        type=int,
        default=297,
        help="exercises of a generated catalogue file for the last deck (0: none)",
    )
    parser.add_argument("--startup-runs", type=int, default=11)
    parser.add_argument("--prepare", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(Path(args.prepare), args.distinct)
        return
    env = child_env()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="limber-speed-") as tmp:
        deck_rows(Path(tmp), [int(s) for s in args.sizes.split(",") if s], args.distinct, args.runs, env)
    startup_rows(args.startup_runs, env)


if __name__ == "__main__":
    main()
