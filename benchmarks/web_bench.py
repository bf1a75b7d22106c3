"""How fast ``limber serve`` previews a card and an A3 poster, against the library doing the same.

Starts ``limber serve --port 0 --no-open`` as a user would, and asks it through HTTP (the
standard library's ``urllib``) for previews: ``POST /api/preview/card`` and ``/api/preview/poster``,
each the PDF and PNG images of its pages, as the page shows them. The baseline is the same
product made with the library directly in this process: ``card_pages`` or ``poster_pages``,
``render.pdf.render`` and ``images.page_pngs`` at the same sizes, after a warm-up, as a worker
of the server does it. The ratio is the server's median over the library's.

Then 20 previews are asked for at once (threads), and each must succeed.

    python benchmarks/web_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

TARGETS = {
    "card": {"target": "post-run-stretches"},
    "poster A3": {"target": "post-run-stretches", "paper": "a3"},
    "deck A4": {"target": "post-run-stretches", "sheet": "a4"},
}
BUDGET_MS = {"card": 300, "poster A3": 800}


def start_server() -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "limber", "serve", "--port", "0", "--no-open"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"serving (http://\S+/)", line)
    if not found:
        process.kill()
        raise SystemExit(f"limber serve did not start: {line}")
    return process, found.group(1)


def post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def served(base: str, kind: str, runs: int) -> list[float]:
    product = kind.split()[0]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        status, found = post(f"{base}api/preview/{product}", TARGETS[kind])
        times.append(time.perf_counter() - start)
        assert status == 200, found
    return times


def direct(kind: str, runs: int) -> list[float]:
    """The same preview, made with the library in this process."""
    from limber.api import load_catalogue
    from limber.images import page_pngs
    from limber.posters import PosterOptions, poster_pages
    from limber.products import DeckOptions, build_deck_pages, card_pages, resolve_targets
    from limber.render.pdf import render
    from limber.web.jobs import CARD_SIDE, PREVIEW_PAGES, SHEET_SIDE

    catalogue = load_catalogue()
    catalogue, found = resolve_targets(catalogue, ["post-run-stretches"], [])

    def once() -> None:
        if kind == "card":
            pages, meta = card_pages(catalogue, found[0])
            side = CARD_SIDE
        elif kind == "poster A3":
            pages, meta, _ = poster_pages(catalogue, found, PosterOptions(paper="a3"))
            side = SHEET_SIDE
        else:
            deck = build_deck_pages(catalogue, found, DeckOptions())
            pages, meta, side = list(deck.pages()), deck.meta, SHEET_SIDE
        pdf = render(pages, meta)
        page_pngs(pdf, list(range(min(len(pages), PREVIEW_PAGES))), long_side=side)

    once()  # warm: fonts, imports, caches, as a worker is before its first request
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    return times


def concurrent(base: str, count: int = 20) -> tuple[list[int], float, float]:
    kinds = ["card", "poster A3"]

    def one(n: int) -> tuple[int, float]:
        kind = kinds[n % 2]
        start = time.perf_counter()
        status, _ = post(f"{base}api/preview/{kind.split()[0]}", TARGETS[kind])
        return status, time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(count) as pool:
        results = list(pool.map(one, range(count)))
    return [s for s, _ in results], time.perf_counter() - start, max(t for _, t in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    process, base = start_server()
    try:
        for kind in TARGETS:  # the workers warm up and the figures are made
            served(base, kind, 2)
        print(
            f"{'preview':<10} {'served ms':>10} {'p90 ms':>8} {'library ms':>11} {'ratio':>6} {'budget ms':>10}"
        )
        for kind in TARGETS:
            web = served(base, kind, args.runs)
            lib = direct(kind, args.runs)
            web_ms, lib_ms = statistics.median(web) * 1000, statistics.median(lib) * 1000
            p90 = sorted(web)[int(len(web) * 0.9) - 1] * 1000
            budget = BUDGET_MS.get(kind)
            print(
                f"{kind:<10} {web_ms:>10.0f} {p90:>8.0f} {lib_ms:>11.0f} {web_ms / lib_ms:>6.2f} "
                f"{budget if budget else '':>10}"
            )
        statuses, wall, slowest = concurrent(base)
        ok = sum(1 for s in statuses if s == 200)
        print(
            f"\n20 previews at once (cards and A3 posters): {ok} of 20 succeeded in {wall:.2f} s, the slowest {slowest:.2f} s"
        )
        if ok != 20:
            raise SystemExit(f"statuses: {statuses}")
    finally:
        process.terminate()
        process.wait(20)


if __name__ == "__main__":
    main()
