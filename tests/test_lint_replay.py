"""A whole run kept by lint/replay.py answers exactly what `--no-cache` answers, whatever happens to the
files: the cases of test_cache_exact.py, on a run large enough to be kept (replay.MIN_FILES files)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_cache_exact import BASE, BROKEN, CLEAN, PROTOCOL, _age, codes, lint

from cistreaty.lint import replay


def entries(cache: Path) -> list[Path]:
    folder = cache / "lint-runs-v1"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def fill(folder: Path, n: int) -> None:
    for i in range(n):
        (folder / f"f{i:03d}.yaml").write_text(CLEAN.format(id=f"f{i:03d}"))


@pytest.fixture
def kept(tmp_path):
    """A folder of MIN_FILES clean files whose run is kept: (folder, doc.yaml in it, cache)."""
    folder = tmp_path / "c"
    folder.mkdir()
    doc = folder / "doc.yaml"
    doc.write_text(CLEAN.format(id="doc"))
    fill(folder, replay.MIN_FILES - 1)
    _age(folder)
    cache = tmp_path / "cache"
    assert lint(cache, folder) == (0, [])
    assert len(entries(cache)) == 1, "a run whose every file is trusted by its stat is kept"
    first = entries(cache)[0].read_bytes()
    assert lint(cache, folder) == (0, [])
    assert entries(cache)[0].read_bytes() == first, "a replayed run writes nothing"
    return folder, doc, cache


def rechecked(folder: Path, cache: Path) -> None:
    assert codes(lint(cache, folder)) == codes(lint(None, folder)) == ["C111", "S001"]


def test_same_size_and_mtime_is_rechecked(kept):
    folder, doc, cache = kept
    before = doc.stat()
    doc.write_text(BROKEN.format(id="doc"))
    os.utime(doc, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r`: only ctime moves
    rechecked(folder, cache)


def test_change_right_after_the_run_is_rechecked(kept):
    folder, doc, cache = kept
    assert lint(cache, folder) == (0, [])
    before = doc.stat()
    doc.write_text(BROKEN.format(id="doc"))  # within the same second as the run that replayed
    os.utime(doc, ns=(before.st_atime_ns, before.st_mtime_ns))
    rechecked(folder, cache)


def test_file_replaced_by_rename_is_rechecked(kept):
    folder, doc, cache = kept
    before = doc.stat()
    new = folder / ".new.tmp"
    new.write_text(BROKEN.format(id="doc"))
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(new, doc)
    rechecked(folder, cache)


def test_mtime_moved_into_the_past_is_rechecked(kept):
    # As after a clock that went backwards: the new mtime is older than the one stored.
    folder, doc, cache = kept
    doc.write_text(BROKEN.format(id="doc"))
    past = doc.stat().st_mtime_ns - 86_400 * 10**9
    os.utime(doc, ns=(past, past))
    rechecked(folder, cache)


def test_files_added_and_removed_are_another_run(kept):
    folder, doc, cache = kept
    (folder / "zz.yaml").write_text(BROKEN.format(id="zz"))
    assert codes(lint(cache, folder)) == codes(lint(None, folder)) == ["C111", "S001"]
    (folder / "zz.yaml").unlink()
    assert lint(cache, folder) == (0, [])


def test_files_changed_within_the_racy_window_are_not_kept(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    fill(folder, replay.MIN_FILES)
    ahead = time.time_ns() + 3600 * 10**9  # stamped ahead of the clock: racy however slow the run
    os.utime(folder / "f007.yaml", ns=(ahead, ahead))
    cache = tmp_path / "cache"
    assert lint(cache, folder) == (0, [])
    assert entries(cache) == []
    (folder / "f007.yaml").write_text(BROKEN.format(id="f007"))
    os.utime(folder / "f007.yaml", ns=(ahead, ahead))
    assert codes(lint(cache, folder)) == codes(lint(None, folder)) == ["C111", "S001"]


def test_a_protocols_base_changed_to_same_size_and_mtime(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "base.yaml").write_text(BASE.format(word="old"))
    (folder / "proto.yaml").write_text(PROTOCOL)
    fill(folder, replay.MIN_FILES)
    _age(folder)
    cache = tmp_path / "cache"
    assert lint(cache, folder) == (0, [])
    assert lint(cache, folder) == (0, []) and len(entries(cache)) == 1
    base = folder / "base.yaml"
    before = base.stat()
    base.write_text(BASE.format(word="odd"))
    os.utime(base, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert codes(lint(cache, folder)) == ["C114"] == codes(lint(None, folder))


@pytest.mark.parametrize("damage", [b"", b"garbage", "valid checksum, wrong shape"])
def test_a_damaged_entry_is_a_miss(kept, damage):
    from cistreaty.own_state import blake2b

    folder, doc, cache = kept
    entry = entries(cache)[0]
    if isinstance(damage, str):
        import marshal

        body = marshal.dumps(("cistreaty-lint-run-1", ["1 2 3"] * replay.MIN_FILES, [None] * replay.MIN_FILES))
        damage = blake2b(body, digest_size=20).digest() + body
    entry.write_bytes(damage)
    doc.write_text(BROKEN.format(id="doc"))
    rechecked(folder, cache)


def test_a_replayed_run_reads_no_row_and_loads_no_parser(kept, tmp_path):
    folder, _, cache = kept
    code = ("import sys, atexit\n"
            "atexit.register(lambda: print('LOADED', sorted(m for m in ('sqlite3', 'json', 'yaml', 'pydantic', "
            "'typer') if m in sys.modules)))\n"
            "from cistreaty.entry import main\nmain(['lint', sys.argv[1]])\n")
    env = {**os.environ, "CISTREATY_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "LOADED []"
    assert out.stderr == f"{replay.MIN_FILES} files checked, no problems found\n"


def test_at_most_keep_entries_are_kept_those_used_last(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    fill(folder, replay.MIN_FILES + replay.KEEP + 2)
    _age(folder)
    cache = tmp_path / "cache"
    assert lint(cache, folder) == (0, [])
    (everyday,) = entries(cache)
    names = sorted(folder.iterdir())
    for n in range(replay.KEEP + 1):  # more other runs than are kept, the everyday one in between
        assert lint(cache, *(names[:n] + names[n + 1:])) == (0, [])
        assert lint(cache, folder) == (0, [])
    assert everyday in entries(cache) and len(entries(cache)) == replay.KEEP


def test_pruning_keeps_the_new_entry_and_clears_stale_temporaries(tmp_path):
    where = tmp_path / "runs"
    where.mkdir()
    ahead = time.time_ns() + 86_400 * 10**9  # written before the clock was set back a day
    for n in range(replay.KEEP):
        (where / f"old{n}").write_bytes(b"x")
        os.utime(where / f"old{n}", ns=(ahead, ahead))
    stale, fresh = where / ".tmp-stale", where / ".tmp-fresh"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    hours_ago = time.time_ns() - 2 * 3600 * 10**9
    os.utime(stale, ns=(hours_ago, hours_ago))
    new = where / "new"
    new.write_bytes(b"x")
    replay._prune(str(where), str(new))
    left = sorted(p.name for p in where.iterdir())
    assert "new" in left and ".tmp-fresh" in left and ".tmp-stale" not in left
    assert len([n for n in left if not n.startswith(".")]) == replay.KEEP


def test_keeping_a_run_never_fails_it(tmp_path, monkeypatch):
    from cistreaty.lint.report import FileReport

    files = [(f"f{i}.yaml", tmp_path / f"f{i}.yaml") for i in range(replay.MIN_FILES)]
    reports = [FileReport(path=d) for d, _ in files]

    def gone():
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(os, "getcwd", gone)
    replay.keep(tmp_path, "prefix", files, None, ["1 2 3"] * len(files), reports)  # no exception
    assert not (tmp_path / "lint-runs-v1").exists() or entries(tmp_path) == []
