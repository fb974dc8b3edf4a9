"""Measure the performance targets of docs/performance.md, side by side in one run.

    python benchmarks/run.py [--quick]

Generates the synthetic corpora in a temporary folder, runs every figure several times in fresh
processes and prints medians and the ratios the targets are stated in. Never part of the test
suite: machines are shared and noisy, so figures belong in a report, not in assertions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

PY = sys.executable
CISTREATY = [PY, "-m", "cistreaty"]
COMPOSE = """
import sys, yaml
for p in sys.argv[1:]:
    with open(p, encoding="utf-8") as fh:
        yaml.compose(fh.read(), Loader=yaml.CSafeLoader)
"""


def timed(cmd: list[str], env: dict | None = None, cwd: str | None = None) -> tuple[float, int, int]:
    """Wall seconds, exit code and the peak RSS (KiB) of the largest process the command ran."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "dt = time.perf_counter() - t\n"
        "print(dt, rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([PY, "-c", wrapper, *cmd], capture_output=True, text=True, env=env, cwd=cwd, check=True)
    dt, rc, rss = out.stdout.split()
    return float(dt), int(rc), int(rss)


def median_of(n: int, cmd: list[str], env=None, cwd=None, before=None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(n):
        if before:
            before()
        dt, rc, rss = timed(cmd, env, cwd)
        if rc not in (0, 1):
            raise SystemExit(f"{' '.join(cmd[:6])}... exited {rc}")
        times.append(dt)
        peaks.append(rss)
    return statistics.median(times), max(peaks)


def row(label: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "n/a" if ok is None else ("met" if ok else "NOT met")
    print(f"{label:<58} {value:>20}  {target:<16} {verdict}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer repetitions and no 10,000-file figures")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    runs = 2 if args.quick else args.runs

    work = Path(tempfile.mkdtemp(prefix="cistreaty-bench-"))
    env = {**os.environ, "NO_COLOR": "1", "CISTREATY_CACHE_DIR": str(work / "cache")}
    try:
        small = work / "c2000"
        files = [str(p) for p in generate(small, 2000)]
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {len(files)} files of "
              f"~{sum(os.path.getsize(f) for f in files) // len(files) // 1024} KiB; medians of {runs} runs\n")

        compose_t, _ = median_of(runs, [PY, "-c", COMPOSE, *files], env)
        lint_t, _ = median_of(runs, [*CISTREATY, "lint", "--no-cache", str(small)], env)
        print(f"compose loop, 1 process: {compose_t:.2f} s   cistreaty lint --no-cache: {lint_t:.2f} s")
        row("1. lint 2,000 files / yaml.compose loop", f"{lint_t / compose_t:.2f}x", "<= 0.90x", lint_t / compose_t <= 0.9)

        cj = shutil.which("check-jsonschema")
        if cj:
            schema = HERE.parent / "schemas" / "instrument.schema.json"
            cj_t, _ = median_of(1, [cj, "--schemafile", str(schema), *files], env)
            print(f"check-jsonschema: {cj_t:.2f} s (1 run)")
            row("2. check-jsonschema / lint, same 2,000 files", f"{cj_t / lint_t:.1f}x", ">= 30x", cj_t / lint_t >= 30)
        else:
            row("2. check-jsonschema / lint (pip install check-jsonschema)", "not installed", ">= 30x", None)

        def clear_cache():
            shutil.rmtree(work / "cache", ignore_errors=True)

        cold_t, _ = median_of(runs, [*CISTREATY, "lint", str(small)], env, before=clear_cache)
        timed([*CISTREATY, "lint", str(small)], env)  # fill the cache
        warm_t, _ = median_of(runs, [*CISTREATY, "lint", str(small)], env)
        print(f"lint with an empty cache: {cold_t:.2f} s   with a full cache: {warm_t:.3f} s")
        row("3. second lint (cache) / first lint", f"{warm_t / cold_t:.3f}x", "<= 0.10x", warm_t / cold_t <= 0.1)

        base_t, _ = median_of(runs * 2, [PY, "-c", "import typer, rich.console, rich.table, pydantic, yaml"], env)
        status_t, _ = median_of(runs * 2, [*CISTREATY, "status", "heavy-machinery"], env, cwd=str(work))
        help_t, _ = median_of(runs * 2, [*CISTREATY, "--help"], env, cwd=str(work))
        print(f"import baseline: {base_t * 1000:.0f} ms   status heavy-machinery: {status_t * 1000:.0f} ms   "
              f"--help: {help_t * 1000:.0f} ms")
        row("5a. status heavy-machinery cold / import baseline", f"{status_t / base_t:.2f}x", "<= 1.20x",
            status_t / base_t <= 1.2)
        row("5b. --help / import baseline", f"{help_t / base_t:.2f}x", "<= 1.00x", help_t / base_t <= 1.0)

        if not args.quick:
            big = work / "c10000"
            generate(big, 10000)
            big_lint, peak = median_of(max(1, runs // 2), [*CISTREATY, "lint", "--no-cache", str(big)], env)
            print(f"lint 10,000 files: {big_lint:.2f} s, largest process peak RSS {peak / 1024:.0f} MiB")
            row("4. peak RSS linting 10,000 files (largest process)", f"{peak / 1024:.0f} MiB", "< 150 MiB",
                peak / 1024 < 150)
            big_status, _ = median_of(max(1, runs // 2), [*CISTREATY, "status", "--corpus", str(big)], env)
            print(f"status over 10,000 instruments: {big_status:.2f} s")
            row("6. status 10,000 / lint 10,000", f"{big_status / big_lint:.2f}x", "<= 1.50x",
                big_status / big_lint <= 1.5)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
