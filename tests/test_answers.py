"""The kept answers of `status` and `render` (answers.py), in real processes: a replay is the bytes,
stderr and exit code a fresh run gives, and anything the answer depends on that changed is a miss."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _copy(where: Path) -> Path:
    """A copy of agreements/ in a fresh folder, old enough not to count as just changed (2 s)."""
    shutil.copytree(REPO / "agreements", where / "agreements")
    time.sleep(2.1)
    return where


@pytest.fixture()
def corpus(tmp_path):
    return _copy(tmp_path)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One corpus for the tests that change no file; each test has its own cache (CACHE)."""
    return _copy(tmp_path_factory.mktemp("answers"))


CACHE: dict = {}


@pytest.fixture()
def cached(shared, tmp_path):
    CACHE["dir"] = tmp_path / "cache"
    yield shared
    CACHE.clear()


def _cache(cwd: Path) -> Path:
    return CACHE.get("dir") or cwd / "cache"


def _run(cwd, *args, env=None, importtime=False):
    full = dict(os.environ, CISTREATY_CACHE_DIR=str(_cache(cwd)), **(env or {}))
    full.pop("CISTREATY_CORPUS", None)
    cmd = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "cistreaty", *args]
    proc = subprocess.run(cmd, cwd=cwd, env=full, capture_output=True)
    if importtime:
        lines = proc.stderr.decode().splitlines(keepends=True)
        modules = {line.split("|")[-1].strip() for line in lines if line.startswith("import time:")}
        stderr = "".join(line for line in lines if not line.startswith("import time:")).encode()
        return proc.returncode, proc.stdout, stderr, modules
    return proc.returncode, proc.stdout, proc.stderr


def _fresh(cwd, *args, env=None):
    return _run(cwd, *args, "--no-cache", env=env)


def _entries(cwd) -> list[Path]:
    folder = _cache(cwd) / "answers-v1"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


COMMANDS = [
    ("status", "heavy-machinery"),
    ("status", "heavy-machinery", "--json", "--explain", "--party", "RU"),
    ("status", "--party", "RU"),
    ("render", "cellular-1997", "-f", "html"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_repeated_request_is_replayed_byte_for_byte(cached, args):
    corpus = cached
    first = _run(corpus, *args)
    assert first[0] == 0, first[2].decode()
    assert len(_entries(corpus)) == 1
    code, out, err, modules = _run(corpus, *args, importtime=True)
    assert (code, out, err) == first == _fresh(corpus, *args)
    assert "typer" not in modules and "pydantic" not in modules and "cistreaty.cli" not in modules


def test_a_changed_file_is_read_again(corpus):
    args = ("render", "heavy-machinery")
    before = _run(corpus, *args)
    path = corpus / "agreements" / "heavy-machinery.yaml"
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    # Same size and the same mtime: only the content (and the ctime no program sets back) differ.
    changed = text.replace("Machine", "Machinx", 1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = _run(corpus, *args)
    assert after == _fresh(corpus, *args)
    assert after != before and b"Machinx" in after[1]


def test_a_new_protocol_changes_the_rendered_text(corpus):
    args = ("render", "cellular-1997", "--as-of", "2030-01-01")
    protocol = corpus / "agreements" / "cellular-protocol-2018.yaml"
    moved = corpus / "cellular-protocol-2018.yaml"
    shutil.move(protocol, moved)
    time.sleep(2.1)  # the corpus folder just changed
    without = _run(corpus, *args)
    assert _run(corpus, *args, importtime=True)[3].isdisjoint({"typer"})  # kept and replayed
    shutil.move(moved, protocol)
    with_it = _run(corpus, *args)
    assert with_it == _fresh(corpus, *args)
    assert with_it[1] != without[1]


def test_a_request_read_from_a_file_the_run_could_not_find_sees_it_appear(corpus):
    """status ID for an id whose file is named otherwise looks through the corpus; once ID.yaml
    exists it is read instead."""
    src = corpus / "agreements" / "heavy-machinery.yaml"
    other = corpus / "agreements" / "zz-renamed.yaml"
    shutil.move(src, other)
    time.sleep(2.1)
    args = ("status", "heavy-machinery")
    first = _run(corpus, *args)
    assert first[0] == 0
    assert _run(corpus, *args) == first
    text = other.read_text(encoding="utf-8").replace("Machine", "Machinx", 1)
    src.write_text(text, encoding="utf-8")
    other.unlink()
    after = _run(corpus, *args)
    assert after == _fresh(corpus, *args) and b"Machinx" in after[1]


@pytest.mark.parametrize("env", [{"COLUMNS": "60", "FORCE_COLOR": "1"}])
def test_terminal_facts_are_part_of_the_request(cached, env):
    corpus = cached
    args = ("status", "heavy-machinery")
    plain = _run(corpus, *args)
    other = _run(corpus, *args, env=env)
    assert other == _fresh(corpus, *args, env=env)
    assert _run(corpus, *args, env=env) == other
    assert _run(corpus, *args) == plain
    assert other != plain


def test_options_and_dates_are_part_of_the_request(cached):
    corpus = cached
    plain = _run(corpus, "status", "heavy-machinery")
    for args in (("status", "heavy-machinery", "--as-of", "1995-01-01"), ("--color", "always", "status", "heavy-machinery")):
        assert _run(corpus, *args) == _fresh(corpus, *args) != plain
    assert _run(corpus, "status", "heavy-machinery") == plain


def test_a_damaged_entry_is_computed_again(cached):
    corpus = cached
    args = ("render", "heavy-machinery")
    first = _run(corpus, *args)
    (entry,) = _entries(corpus)
    good = entry.read_bytes()
    for damage in (b"", good[:-7], b"x" * 20 + good[20:], good[:30] + bytes([good[30] ^ 1]) + good[31:]):
        entry.write_bytes(damage)
        code, out, err, modules = _run(corpus, *args, importtime=True)
        assert (code, out, err) == first
        assert "typer" in modules  # computed, not replayed
    assert _run(corpus, *args, importtime=True)[3].isdisjoint({"typer"})  # and kept again


def test_no_cache_and_failures_keep_nothing(cached):
    corpus = cached
    assert _fresh(corpus, "status", "heavy-machinery")[0] == 0
    assert _entries(corpus) == []
    code, _out, err = _run(corpus, "status", "no-such-instrument")
    assert code == 2 and b"no-such-instrument" in err
    assert _entries(corpus) == []
    assert _run(corpus, "render", "heavy-machinery", "-o", str(CACHE["dir"].parent / "out.md"))[0] == 0
    assert _entries(corpus) == []


def test_warnings_on_stderr_are_replayed_with_the_output(corpus):
    (corpus / "agreements" / "broken.yaml").write_text("id: [unclosed\n")
    time.sleep(2.1)
    args = ("status", "--party", "RU")
    fresh = _fresh(corpus, *args)
    assert fresh[0] == 0 and b"broken.yaml" in fresh[2] and b"warning" in fresh[2] and fresh[1]
    assert _run(corpus, *args) == fresh
    code, out, err, modules = _run(corpus, *args, importtime=True)
    assert (code, out, err) == fresh and "typer" not in modules


def test_a_file_just_written_is_not_kept(tmp_path):
    shutil.copytree(REPO / "agreements", tmp_path / "agreements")
    assert _run(tmp_path, "status", "heavy-machinery")[0] == 0
    assert _entries(tmp_path) == []  # written less than 2 s ago: its stat may not show the next write


def test_a_new_instrument_changes_the_party_list(corpus):
    """status --party lists the corpus: an instrument that appears is seen, as one that goes."""
    args = ("status", "--party", "RU")
    kept = corpus / "agreements" / "cellular-1997.yaml"
    moved = corpus / "cellular-1997.yaml"
    shutil.move(kept, moved)
    time.sleep(2.1)  # the corpus folder just changed
    without = _run(corpus, *args)
    assert _run(corpus, *args, importtime=True)[3].isdisjoint({"typer"})  # kept and replayed
    shutil.move(moved, kept)
    with_it = _run(corpus, *args)
    assert with_it == _fresh(corpus, *args)
    assert with_it[1] != without[1] and b"cellular-1997" in with_it[1] and b"cellular-1997" not in without[1]


_ON_DAY = ("import sys, time; real = time.localtime; "
           "time.localtime = lambda *a: time.struct_time((int(sys.argv[1]), 1, 2) + tuple(real(*a))[3:]); "
           "from cistreaty.entry import main; main(sys.argv[2:])")


def test_another_day_is_another_request(cached):
    """Today's date is part of the key (status without --as-of answers for today): a run on another
    day computes, even with every file and option the same."""
    corpus = cached
    full = dict(os.environ, CISTREATY_CACHE_DIR=str(_cache(corpus)))
    full.pop("CISTREATY_CORPUS", None)

    def on(year):
        cmd = [sys.executable, "-X", "importtime", "-c", _ON_DAY, str(year), "status", "heavy-machinery"]
        proc = subprocess.run(cmd, cwd=corpus, env=full, capture_output=True)
        assert proc.returncode == 0, proc.stderr.decode()
        return "import time:" in proc.stderr.decode() and b"typer" in proc.stderr

    assert on(2040)  # computed and kept
    assert not on(2040)  # replayed
    assert on(2041)  # another day: computed
    assert len(_entries(corpus)) == 2
