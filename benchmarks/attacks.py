"""Resource attacks on `cistreaty lint`: each must end in one clear diagnostic, fast, in little memory.
Then attacks on the other commands (issue 19): work that grew faster than the input, and crashes.

    python benchmarks/attacks.py [--runs 5] [--only NAME] [--commands-only]

Generates each attack file in a temporary folder, runs `cistreaty lint FILE` in a fresh subprocess
several times, and prints a table: attack, file size, diagnostic code, median wall time, peak RSS.
Peak RSS is measured by a small wrapper process that runs the command and reports
resource.getrusage(RUSAGE_CHILDREN).ru_maxrss for that one child, so runs do not share a maximum.
tests/test_hostile_limits.py imports ATTACKS from here, so the test and the figures attack the
same files (the tests assert the outcome only, never the time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def billion_laughs(path: Path) -> None:
    rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    path.write_text("\n".join(rows) + "\n")


def deep_flow(path: Path) -> None:
    path.write_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n")


def deep_block(path: Path) -> None:
    # Compact block sequences: `- - - ... x`, 100,000 levels on one line.
    path.write_text("x:\n  " + "- " * 100_000 + "x\n")


def deep_block_indented(path: Path) -> None:
    # As deep as 2 MiB of indented mappings allows (about 2,000 levels).
    path.write_text("".join(" " * i + "a:\n" for i in range(2_000)))


def scalar_50mb(path: Path) -> None:
    with open(path, "w") as fh:
        fh.write("x: '")
        chunk = "a" * (1 << 20)
        for _ in range(50):
            fh.write(chunk)
        fh.write("'\n")


def keys_1m(path: Path) -> None:
    path.write_text("".join(f"k{i}: 0\n" for i in range(1_000_000)))


def keys_250k(path: Path) -> None:
    # Below the size limit (about 1.7 MB): the node limit must stop it.
    path.write_text("".join(f"{i:x}:\n" for i in range(250_000)))


def wide_list(path: Path) -> None:
    path.write_text("x: [" + ",".join(["0"] * 900_000) + "]\n")


def scalar_300k(path: Path) -> None:
    path.write_text("x: '" + "a" * 300_000 + "'\n")


def key_1_9m(path: Path) -> None:
    path.write_text("a" * 1_900_000 + ": 1\n")


def huge_int(path: Path) -> None:
    path.write_text("x: " + "9" * 1_000_000 + "\n")


# name -> (generator, the one diagnostic code expected)
ATTACKS = {
    "billion laughs (anchors/aliases)": (billion_laughs, "Y003"),
    "100,000-deep flow list [[[...": (deep_flow, "Y009"),
    "100,000-deep block list - - -": (deep_block, "Y009"),
    "2,000-deep indented mappings": (deep_block_indented, "Y009"),
    "50 MB scalar": (scalar_50mb, "Y010"),
    "1,000,000 tiny keys (10 MB)": (keys_1m, "Y010"),
    "250,000 tiny keys (1.7 MB)": (keys_250k, "Y014"),
    "900,000-item flow list (1.8 MB)": (wide_list, "Y014"),
    "300,000-char scalar": (scalar_300k, "Y014"),
    "1.9 MB mapping key": (key_1_9m, "Y014"),
    "1,000,000-digit integer": (huge_int, "Y014"),
}

def _corpus(folder: Path, n: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import generate

    generate.generate(folder, n)
    return folder


def render_site(n: int):
    def setup(tmp: Path) -> list[str]:
        corpus = _corpus(tmp / f"c{n}", n)
        return ["render", "--corpus", str(corpus), "-f", "html", "--as-of", "2030-01-01", "--out-dir",
                str(tmp / "site"), "--force"]
    return setup


def _diff_files(tmp: Path, words: int, both_ends: bool) -> list[str]:
    import random

    rng = random.Random(1)
    text = " ".join(rng.choice(["the", "party", "shall", "notify", "a", "depositary", "of", "changes"])
                    for _ in range(words))
    old, new = (f"Start {text} end", f"Begin {text} finish") if both_ends else (f"{text} end", f"{text} finish")
    folder = tmp / f"d{words}{both_ends}"
    folder.mkdir()
    (folder / "base.yaml").write_text('id: base\ntype: agreement\ntitle: {en: "Benchmark, not an instrument"}\n'
                                      f'articles:\n  - number: "1"\n    paragraphs:\n      - {{en: "{old}"}}\n')
    (folder / "base-protocol.yaml").write_text(
        'id: base-protocol\ntype: protocol\namends: base\ntitle: {en: "Benchmark"}\n'
        f'amendments:\n  - {{op: substitute, article: "1", paragraphs: [{{en: "{new}"}}]}}\n')
    return ["diff", "base-protocol", "--corpus", str(folder)]


def diff_paragraph(words: int, both_ends: bool = False):
    return lambda tmp: _diff_files(tmp, words, both_ends)


def calendar_9999(tmp: Path) -> list[str]:
    folder = tmp / "far"
    folder.mkdir()
    (folder / "far.yaml").write_text(
        'id: far\ntype: agreement\ntitle: {en: "Benchmark, not an instrument"}\ntext: not-held\n'
        "sources: {s: {title: s}}\nentry_into_force: {general: {count: 1, delay: {days: 0}}}\n"
        "duration: {years: 1, renew_years: 1}\n"
        "parties:\n  KG: {signed: 9989-01-01, events: [{type: notification, date: 9990-01-01, source: s}]}\n")
    return ["calendar", "--corpus", str(folder), "--as-of", "9998-01-01", "--days", "36500"]


def status_long_id(tmp: Path) -> list[str]:
    return ["status", "a" * 300, "--corpus", str(_corpus(tmp / "one", 1))]


# name -> (setup(tmp) -> argv, expected exit code)
COMMAND_ATTACKS = {
    "render --out-dir, 1,000 files": (render_site(1_000), 0),
    "render --out-dir, 4,000 files": (render_site(4_000), 0),
    "diff: 2,000-word paragraph changed at its end": (diff_paragraph(2_000), 0),
    "diff: 8,000-word paragraph changed at its end": (diff_paragraph(8_000), 0),
    "diff: 30,000-word paragraph changed at both ends": (diff_paragraph(30_000, True), 0),
    "calendar past year 9999": (calendar_9999, 0),
    "status with a 300-character id": (status_long_id, 2),
}


# Run in a fresh interpreter per measurement: runs the command, prints its exit code, wall time and
# the child's own peak RSS (KiB on Linux), as JSON.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": proc.returncode, "wall": wall, "peak_kib": peak,
                  "stdout": proc.stdout, "stderr": proc.stderr}))
"""


def command(*args: str) -> list[str]:
    exe = shutil.which("cistreaty")
    return [exe, *args] if exe else [sys.executable, "-m", "cistreaty", *args]


def lint_command(path: Path) -> list[str]:
    return command("lint", str(path))


def run_measured(argv: list[str], runs: int) -> list[dict]:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout))
    return results


def measure(path: Path, runs: int) -> dict:
    results = run_measured(lint_command(path), runs)
    last = results[-1]
    lines = last["stdout"].splitlines()
    return {
        "rc": last["rc"],
        "lines": lines,
        "code": lines[0].split(": ", 1)[1].split()[0] if lines else "-",
        "wall": statistics.median(r["wall"] for r in results),
        "peak_mib": max(r["peak_kib"] for r in results) / 1024,
        "traceback": any("Traceback" in r["stderr"] or "internal error" in r["stderr"] for r in results),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="run the attacks whose name contains this text")
    parser.add_argument("--commands-only", action="store_true", help="only the attacks on other commands")
    args = parser.parse_args()
    print(f"# {dt.date.today()}  nproc={os.cpu_count()}  Python {platform.python_version()}  "
          f"{platform.system()} {platform.machine()}  runs={args.runs}")
    baseline = None
    with tempfile.TemporaryDirectory() as tmp:
        ok_file = Path(tmp) / "ok.yaml"
        ok_file.write_text('id: ok\ntype: agreement\ntitle: {en: "Benchmark file, not an instrument"}\n'
                           "text: not-held\n")
        baseline = measure(ok_file, args.runs)
        print(f"baseline (a clean 4-line file): {baseline['wall']:.2f} s, {baseline['peak_mib']:.0f} MiB\n")
        print(f"| attack | file size | diagnostic | exit | median wall | peak RSS |")
        print(f"|---|---:|---|---:|---:|---:|")
        failed = False
        for name, (generate, expected) in ATTACKS.items():
            if args.commands_only:
                break
            if args.only and args.only not in name:
                continue
            path = Path(tmp) / "attack.yaml"
            generate(path)
            size = path.stat().st_size
            m = measure(path, args.runs)
            good = m["code"] == expected and m["rc"] == 1 and len(m["lines"]) == 1 and not m["traceback"]
            failed |= not good
            print(f"| {name} | {size / 1e6:.2f} MB | {m['code']}{'' if good else ' (UNEXPECTED)'} | {m['rc']} | "
                  f"{m['wall']:.2f} s | {m['peak_mib']:.0f} MiB |", flush=True)
            path.unlink()
        print("\n| attack on a command | exit | median wall | peak RSS | stderr (last line) |")
        print("|---|---:|---:|---:|---|")
        for name, (setup, expected) in COMMAND_ATTACKS.items():
            if args.only and args.only not in name:
                continue
            runs = run_measured(command(*setup(Path(tmp))), args.runs)
            bad = any(r["rc"] != expected or "Traceback" in r["stderr"] or "internal error" in r["stderr"]
                      for r in runs)
            failed |= bad
            last = (runs[-1]["stderr"].strip().splitlines() or [""])[-1][:90]
            print(f"| {name} | {runs[-1]['rc']}{' (UNEXPECTED)' if bad else ''} | "
                  f"{statistics.median(r['wall'] for r in runs):.2f} s | "
                  f"{max(r['peak_kib'] for r in runs) / 1024:.0f} MiB | {last} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
