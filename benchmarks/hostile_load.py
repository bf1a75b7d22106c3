"""Loading limits: a 20 MB valid catalogue validates quickly, and alias bombs are refused at once.

Run: ``python benchmarks/hostile_load.py``. Writes its files to a temporary folder, runs
``limber validate`` on each in a child process (with a 4 GB address-space limit, so that a
regression can never exhaust the machine) and prints the wall time, the child's peak
resident memory and its exit status. Goals: the 20 MB catalogue in under 10 s and under
500 MB; each alias bomb refused (exit 3) in under 1 s.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_BYTES = 20 * 1024 * 1024
LIMIT_BYTES = 4 * 1024**3

EXERCISE = """\
  - id: generated-stretch-{n}
    name: Generated stretch number {n}
    kind: stretch
    phases: [post-run, anytime]
    areas: [calves, hamstrings]
    benefits: [Eases tight calves after a long run, Keeps the back of the leg supple]
    steps:
      - Stand facing a wall with both hands on it at shoulder height
      - Step one foot back and keep its heel on the floor
      - Lean in slowly until you feel the stretch in the back leg
      - Hold, breathing slowly, then switch legs
    cues:
      do: [Keep the back knee straight, "Press the heel down, gently"]
      avoid: [Bouncing into the stretch]
    dose: {{hold_s: 20-30, per_side: true, side: leg}}
    dose_note: A usual hold for a static stretch after running.
"""


def big_catalogue(path: Path, size_bytes: int = TARGET_BYTES) -> int:
    """A valid catalogue of about ``size_bytes``; returns the number of exercises."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("exercises:\n")
        size = 11
        while size < size_bytes:
            text = EXERCISE.format(n=n)
            out.write(text)
            size += len(text)
            n += 1
        out.write(
            "routines:\n  - id: generated-routine\n    title: Generated routine\n    phase: post-run\n"
            "    summary: Three generated stretches.\n    items:\n"
        )
        for k in range(3):
            out.write(f"      - exercise: generated-stretch-{k}\n")
    return n


def alias_bomb(levels: int, width: int) -> str:
    """A 'billion laughs' document: each level lists the previous one ``width`` times."""
    names = "abcdefghijklmnopqrstuvwxyz"
    lines = [f"a: &a [{','.join(['lol'] * width)}]"]
    for level in range(1, levels + 1):
        name, before = names[level], names[level - 1]
        lines.append(f"{name}: &{name} [{','.join([f'*{before}'] * width)}]")
    return "\n".join(lines) + "\n"


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def run_validate(path: Path) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MB, exit status and the last line of output of
    ``limber validate`` (CPU time does not depend on what else the machine is doing)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "limber", "validate", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=_limit,
    )
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = output.strip().splitlines()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, child.returncode, lines[-1].strip() if lines else ""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.yaml"
        count = big_catalogue(big)
        bombs = {"bomb-9^9": alias_bomb(8, 9), "bomb-10^10": alias_bomb(9, 10)}
        print(f"{'file':<14} {'bytes':>10} {'seconds':>8} {'cpu s':>6} {'peak MB':>8} {'exit':>5}  result")
        failures = 0
        for name, path in [("catalogue", big)] + [(k, folder / f"{k}.yaml") for k in bombs]:
            if name in bombs:
                path.write_text(bombs[name], encoding="utf-8")
            seconds, cpu, peak, code, last = run_validate(path)
            goal = (
                (seconds < 10 and peak < 500 and code == 0)
                if name == "catalogue"
                else (seconds < 1 and code == 3)
            )
            failures += not goal
            print(
                f"{name:<14} {path.stat().st_size:>10} {seconds:>8.2f} {cpu:>6.2f} {peak:>8.0f} {code:>5}  "
                f"{'ok' if goal else 'MISSED'}: {last[:90]}"
            )
        print(f"(the catalogue holds {count} exercises)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
