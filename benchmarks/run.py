"""Measure the performance targets of docs/performance.md, side by side in one run.

    python benchmarks/run.py [--runs N] [--quick] [--curve 1000,10000,30000 | --no-curve]

Generates the synthetic corpora in a temporary folder, runs every figure several times in fresh
processes and prints medians and the ratios the targets are stated in, then the cost curve (time
and peak RSS) of lint, the status overview and `render --out-dir` at each corpus size, so that a
step that grows faster than the input shows. Never part of the test suite: machines are shared and
noisy, so figures belong in a report, not in assertions.
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
from generate import generate, long_protocol  # noqa: E402

PY = sys.executable
CISTREATY = [PY, "-m", "cistreaty"]
BASELINE = [PY, "-c", "import typer, rich.console, rich.table, pydantic, yaml"]
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


def median_of(n: int, cmd: list[str], env=None, cwd=None, before=None) -> tuple[float, float]:
    """(median wall seconds, largest peak RSS in MiB) over n runs."""
    times, peaks = [], []
    for _ in range(n):
        if before:
            before()
        dt, rc, rss = timed(cmd, env, cwd)
        if rc not in (0, 1):
            raise SystemExit(f"{' '.join(cmd[:8])}... exited {rc}")
        times.append(dt)
        peaks.append(rss)
    return statistics.median(times), max(peaks) / 1024


def row(label: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "n/a" if ok is None else ("met" if ok else "NOT met")
    print(f"{label:<62} {value:>24}  {target:<10} {verdict}", flush=True)


class Bench:
    def __init__(self, work: Path, runs: int):
        self.work, self.runs = work, runs
        self.env = {**os.environ, "NO_COLOR": "1", "CISTREATY_CACHE_DIR": str(work / "cache")}
        self.corpora: dict[int, Path] = {}

    def corpus(self, n: int) -> Path:
        if n not in self.corpora:
            self.corpora[n] = self.work / f"c{n}"
            generate(self.corpora[n], n)
        return self.corpora[n]

    def drop(self, n: int) -> None:
        shutil.rmtree(self.corpora.pop(n), ignore_errors=True)

    def clear_cache(self) -> None:
        shutil.rmtree(self.work / "cache", ignore_errors=True)

    def run(self, cmd, n=None, cwd=None, before=None):
        return median_of(self.runs if n is None else n, cmd, self.env, cwd or str(self.work), before)

    def out_dir(self) -> str:
        target = self.work / "site"
        shutil.rmtree(target, ignore_errors=True)
        return str(target)


def figures(b: Bench, quick: bool) -> None:
    runs = b.runs
    small = b.corpus(2000)
    files = sorted(str(p) for p in small.iterdir())
    where = "a venv" if sys.prefix != sys.base_prefix else "no venv"
    print(f"python {sys.version.split()[0]} ({PY}, {where}), {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}, {len(files)} files of "
          f"~{sum(os.path.getsize(f) for f in files) // len(files) // 1024} KiB; medians of {runs} runs\n")

    compose_t, _ = b.run([PY, "-c", COMPOSE, *files])
    lint_t, _ = b.run([*CISTREATY, "lint", "--no-cache", str(small)])
    print(f"compose loop, 1 process: {compose_t:.2f} s   cistreaty lint --no-cache: {lint_t:.2f} s")
    row("1. lint --no-cache 2,000 files / yaml.compose loop", f"{lint_t / compose_t:.2f}x", "<= 0.85x",
        lint_t / compose_t <= 0.85)

    cj = shutil.which("check-jsonschema")
    if cj:
        schema = HERE.parent / "schemas" / "instrument.schema.json"
        cj_t, _ = b.run([cj, "--schemafile", str(schema), *files], n=1)
        print(f"check-jsonschema: {cj_t:.2f} s (1 run)")
        row("2. check-jsonschema / lint, same 2,000 files", f"{cj_t / lint_t:.1f}x", ">= 30x", cj_t / lint_t >= 30)
    else:
        row("2. check-jsonschema / lint (pip install check-jsonschema)", "not installed", ">= 30x", None)

    sizes = [2000] if quick else [2000, 10000]
    for n in sizes:
        folder = str(b.corpus(n))
        reps = runs if n <= 2000 else max(3, runs // 2)
        cold_t, _ = b.run([*CISTREATY, "lint", folder], n=reps, before=b.clear_cache)
        b.run([*CISTREATY, "lint", folder], n=1)  # fill the cache (and let racy files age into it)
        warm_t, _ = b.run([*CISTREATY, "lint", folder])
        print(f"{n:,} files: lint with an empty cache {cold_t:.2f} s, with a full cache {warm_t:.3f} s")
        row(f"3. second lint (cache) / first lint, {n:,} files", f"{warm_t / cold_t:.3f}x", "<= 0.05x",
            warm_t / cold_t <= 0.05)
    one = str(small / "synthetic-000000.yaml")
    b.run([*CISTREATY, "lint", one], n=1)
    one_t, _ = b.run([*CISTREATY, "lint", one], n=runs * 2)

    base_t, _ = b.run(BASELINE, n=runs * 2)
    print(f"import baseline: {base_t * 1000:.0f} ms   lint of one cached file (pre-commit): {one_t * 1000:.0f} ms")
    row("   lint of one cached file / import baseline", f"{one_t / base_t:.2f}x", "", None)
    for label, args, target in (
            ("5a. status heavy-machinery", ["status", "heavy-machinery"], 1.2),
            ("5a. status heavy-machinery --json", ["status", "heavy-machinery", "--json"], 1.2),
            ("5a. status --party KG", ["status", "--party", "KG"], 1.2),
            ("5a. render heavy-machinery", ["render", "heavy-machinery"], 1.2),
            ("5b. --help", ["--help"], 1.0)):
        if args[0] == "--help":
            t, _ = b.run([*CISTREATY, *args], n=runs * 2)
            row(f"{label} ({t * 1000:.0f} ms) / import baseline", f"{t / base_t:.2f}x", f"<= {target:.2f}x",
                t / base_t <= target)
            continue
        # status and render keep their answer (docs/performance.md, "Answer cache"): the first run of a
        # request computes it, a repeated one replays it. Both are printed.
        first, _ = b.run([*CISTREATY, *args], n=runs * 2, before=b.clear_cache)
        b.run([*CISTREATY, *args], n=1)
        again, _ = b.run([*CISTREATY, *args], n=runs * 2)
        row(f"{label}, first run ({first * 1000:.0f} ms) / import baseline", f"{first / base_t:.2f}x",
            f"<= {target:.2f}x", first / base_t <= target)
        row(f"{label}, repeated ({again * 1000:.0f} ms) / import baseline", f"{again / base_t:.2f}x",
            f"<= {target:.2f}x", again / base_t <= target)

    folder = long_protocol(b.work / "long", 5000, 3000)
    base_l, _ = b.run([*CISTREATY, "lint", "--no-cache", str(folder[0])])
    proto_l, _ = b.run([*CISTREATY, "lint", "--no-cache", str(folder[1])])
    row(f"   lint 3,000-op protocol ({proto_l:.2f} s) / its 5,000-article base", f"{proto_l / base_l:.2f}x", "", None)

    if quick:
        return
    big = str(b.corpus(10000))
    reps = max(3, runs // 2)
    big_lint, lint_peak = b.run([*CISTREATY, "lint", "--no-cache", big], n=reps)
    print(f"lint --no-cache 10,000 files: {big_lint:.2f} s, largest process peak RSS {lint_peak:.0f} MiB")
    row("4. peak RSS linting 10,000 files (largest process)", f"{lint_peak:.0f} MiB", "< 150 MiB", lint_peak < 150)
    b.clear_cache()
    cold_lint, _ = b.run([*CISTREATY, "lint", big], n=1)
    over_t, over_peak = b.run([*CISTREATY, "status", "--corpus", big], n=reps)
    row(f"6. status overview ({over_t:.2f} s) / lint ({cold_lint:.2f} s), 10,000", f"{over_t / cold_lint:.2f}x",
        "<= 1.00x", over_t / cold_lint <= 1.0)
    party_t, party_peak = b.run([*CISTREATY, "status", "--party", "RU", "--corpus", big], n=reps)
    site_t, site_peak = b.run([*CISTREATY, "render", "--out-dir", b.out_dir(), "--corpus", big], n=1)
    for label, peak in (("status overview", over_peak), (f"status --party RU ({party_t:.1f} s)", party_peak),
                        (f"render --out-dir ({site_t:.1f} s, 1 run)", site_peak)):
        row(f"7. peak RSS of {label}, 10,000", f"{peak:.0f} MiB", "< 150 MiB", peak < 150)


def curve(b: Bench, sizes: list[int]) -> None:
    print("\ncost curve (1 run each; time per 1,000 files shows a step that grows faster than the input)")
    print(f"{'files':>7}  {'command':<18} {'wall s':>8} {'s/1,000':>8} {'peak MiB':>9}")
    for n in sizes:
        folder = str(b.corpus(n))
        b.clear_cache()
        for label, cmd in (("lint", ["lint", folder]),
                           ("lint (cached)", ["lint", folder]),
                           ("status", ["status", "--corpus", folder]),
                           ("render --out-dir", ["render", "--out-dir", b.out_dir(), "--corpus", folder])):
            t, peak = b.run([*CISTREATY, *cmd], n=1)
            print(f"{n:>7,}  {label:<18} {t:>8.2f} {t / n * 1000:>8.3f} {peak:>9.0f}", flush=True)
        shutil.rmtree(b.work / "site", ignore_errors=True)
        if n not in (2000, 10000):
            b.drop(n)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="2 runs, no 10,000-file figures and no curve")
    ap.add_argument("--small", action="store_true", help="no 10,000-file figures and no curve, --runs runs")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--curve", default="1000,10000,30000", help="corpus sizes of the cost curve")
    ap.add_argument("--no-curve", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cistreaty-bench-"))
    try:
        b = Bench(work, 2 if args.quick else args.runs)
        figures(b, args.quick or args.small)
        if not (args.quick or args.small or args.no_curve):
            curve(b, [int(n) for n in args.curve.split(",")])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
