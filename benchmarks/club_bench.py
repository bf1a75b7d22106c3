"""Benchmark ``limber club``: a roster of N members with two built-in routines each.

Prints, for each roster size: seconds (and CPU seconds of all processes, which a busy
machine does not inflate), members per second, bytes per member file, the bytes
of the combined file, and the peak resident memory of the run (the main process and, with
--jobs above 1, its largest worker), each measured in a child process of its own so that
the sizes do not share a heap.

    python benchmarks/club_bench.py                  # 500 members, --jobs 2, then RSS at 100/500/2000
    python benchmarks/club_bench.py --members 500 --jobs 1 --no-rss
    python benchmarks/club_bench.py --club examples/club.yaml --no-rss   # with the club's logo
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = [
    ("post-run-mobility", "full-warm-up-and-stretch"),
    ("post-run-stretches", "advanced-leg-mobility"),
    ("low-back-release", "later-in-the-day-stretches"),
    ("full-warm-up-and-stretch", "post-run-stretches"),
]
GROUPS = ["Group A", "Group B", "Group C", "Walkers"]

CHILD = """
import json, resource, sys, time
from limber.clubs import ClubOptions, run_club
start = time.perf_counter()
club = sys.argv[4] or None
summary, problems = run_club(sys.argv[1], sys.argv[2], ClubOptions(jobs=int(sys.argv[3])), club)
seconds = time.perf_counter() - start
assert not problems, problems
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
own, workers = me.ru_maxrss, kids.ru_maxrss
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"seconds": seconds, "members": summary.members, "cards": summary.cards,
                  "pages": summary.pages, "files": summary.files, "bytes": summary.bytes,
                  "combined": summary.combined.stat().st_size, "rss_kb": own, "worker_rss_kb": workers,
                  "cpu": cpu}))
"""


BASELINE = """
import sys, time
from limber.catalogue.load import load_catalogue
from limber.products import DeckOptions, deck_pages, write_pdf
pairs = %r
cat = load_catalogue()
start = time.process_time()
for n in range(int(sys.argv[1])):
    routines = [cat.routines[r] for r in pairs[n %% len(pairs)]]
    pages, meta = deck_pages(cat, routines, DeckOptions())
    write_pdf(f"{sys.argv[2]}/member-{n}.pdf", pages, meta)
print(time.process_time() - start)
""" % (PAIRS,)  # noqa: UP031 (the code holds braces of its own)


def baseline(members: int) -> float:
    """CPU seconds of a plain loop over the deck code, one file per member, one process."""
    with tempfile.TemporaryDirectory(prefix="limber-club-base-") as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run(
            [sys.executable, "-c", BASELINE, str(members), tmp],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return float(done.stdout.strip().splitlines()[-1])


def write_roster(path: Path, members: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["name", "group", "routines"])
        for n in range(members):
            out.writerow([f"Member {n + 1:04d}", GROUPS[n % len(GROUPS)], ";".join(PAIRS[n % len(PAIRS)])])


def run(members: int, jobs: int, club: str = "") -> dict:
    with tempfile.TemporaryDirectory(prefix="limber-club-bench-") as tmp:
        roster = Path(tmp) / "roster.csv"
        write_roster(roster, members)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(roster), str(Path(tmp) / "out"), str(jobs), club],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["process_seconds"] = time.perf_counter() - start
        return result


def report(result: dict, jobs: int) -> str:
    m = result["members"]
    member_bytes = (result["bytes"] - result["combined"]) / m
    return (
        f"{m:5d} members, --jobs {jobs}: {result['seconds']:6.1f} s ({result['process_seconds']:.1f} s with "
        f"start-up; {result['cpu']:.1f} s of CPU), {m / result['seconds']:6.1f} members/s, {result['cards']} cards, {result['pages']} pages, "
        f"{member_bytes / 1024:.0f} KiB per member file, combined {result['combined'] / 1e6:.1f} MB "
        f"({result['combined'] / m / 1024:.1f} KiB per member), peak RSS {result['rss_kb'] / 1024:.0f} MiB"
        + (f" (largest worker {result['worker_rss_kb'] / 1024:.0f} MiB)" if jobs > 1 else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-rss", action="store_true", help="Skip the memory runs at 100, 500 and 2,000.")
    parser.add_argument(
        "--club",
        default="",
        metavar="FILE",
        help="A club file: its name, colours and logo on the separators.",
    )
    parser.add_argument(
        "--baseline",
        type=int,
        default=100,
        metavar="N",
        help="Also time a plain loop over the deck code for N members (0: skip).",
    )
    args = parser.parse_args()
    if args.baseline:
        cpu = baseline(args.baseline)
        print(
            f"baseline: a plain loop over the deck code, one process: {cpu:.1f} s of CPU for {args.baseline} "
            f"members, {cpu / args.baseline * args.members:.1f} s for {args.members} (no combined file)",
            flush=True,
        )
    club = str(Path(args.club).resolve()) if args.club else ""
    print(report(run(args.members, args.jobs, club), args.jobs), flush=True)
    if not args.no_rss:
        for members in (100, 500, 2000):
            print(report(run(members, args.jobs, club), args.jobs), flush=True)


if __name__ == "__main__":
    main()
