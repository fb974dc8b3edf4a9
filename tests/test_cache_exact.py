"""The lint cache answers exactly what `--no-cache` answers, whatever happens to the files.

Every case runs cistreaty as a real process, as an editor save, a `git checkout` or pre-commit
meets it: a file rewritten during the run, a protocol's base looked up in another corpus, a
damaged row, and the stat fast path (docs/performance.md, "The cache") fooled by a same-size
rewrite, a rewrite within the same second, a rename over the file and an mtime moved into the past.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

# Two contents of the same size: A lints clean, B has an unknown key (S001), so no `text:` and no
# articles either (C111: lint runs the rules on what validated).
CLEAN = "id: {id}\ntype: agreement\ntitle: {{en: X}}\ntext: not-held\n"
BROKEN = "id: {id}\ntype: agreement\ntitle: {{en: X}}\ntexx: not-held\n"
BASE = ('id: base\ntype: agreement\ntitle: {{en: X}}\narticles:\n'
        '  - number: "1"\n    paragraphs: [{{en: "The {word} words."}}]\n')
PROTOCOL = ('id: proto\ntype: protocol\namends: base\ntitle: {en: P}\n'
            'amendments:\n  - {op: replace-words, article: "1", lang: en, words: "old", by: "new"}\n')


def lint(cache: Path, *args, cwd=None) -> tuple[int, list]:
    cmd = [sys.executable, "-m", "cistreaty", "lint", "-f", "json", *map(str, args)]
    cmd[4:4] = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=cwd)
    assert out.returncode in (0, 1), out.stderr[-2000:]
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr[-2000:]
    return out.returncode, json.loads(out.stdout)


def codes(result) -> list[str]:
    return [d["code"] for d in result[1]]


def rows(cache: Path) -> list[tuple]:
    with sqlite3.connect(next(cache.glob("*.sqlite3"))) as db:
        return db.execute("SELECT stat, digest FROM entries").fetchall()


def replace(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def test_files_rewritten_while_lint_runs(tmp_path):
    """Each result is stored under the digest of the bytes it came from, never of another version."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(240):
        (corpus / f"f{n:03d}.yaml").write_text(CLEAN.format(id=f"f{n:03d}"))
    flipping = [corpus / f"f{n:03d}.yaml" for n in range(0, 240, 20)]
    stop = threading.Event()

    def flip():
        k = 0
        while not stop.is_set():
            for path in flipping:
                replace(path, (CLEAN if k % 2 else BROKEN).format(id=path.stem))
            k += 1
            time.sleep(0.003)

    cache = tmp_path / "cache"
    thread = threading.Thread(target=flip)
    thread.start()
    try:
        for jobs in ("1", "2"):
            lint(cache, "-j", jobs, corpus)
    finally:
        stop.set()
        thread.join()
    for template in (CLEAN, BROKEN, CLEAN):
        for path in flipping:
            replace(path, template.format(id=path.stem))
        assert lint(cache, corpus) == lint(None, corpus)


def test_base_looked_up_in_another_corpus(tmp_path):
    proto = tmp_path / "drafts" / "proto.yaml"
    proto.parent.mkdir()
    proto.write_text(PROTOCOL)
    for name, word in (("a", "old"), ("b", "former")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "base.yaml").write_text(BASE.format(word=word))
    cache = tmp_path / "cache"
    assert codes(lint(cache, proto, "--corpus", tmp_path / "a")) == []
    expected = lint(None, proto, "--corpus", tmp_path / "b")
    assert codes(expected) == ["C114"]
    assert lint(cache, proto, "--corpus", tmp_path / "b") == expected
    assert codes(lint(cache, proto, "--corpus", tmp_path / "a")) == []


def test_base_changed_to_same_size_same_mtime(tmp_path):
    """A dependency is trusted by stat like the file itself, and caught by its ctime likewise."""
    (tmp_path / "base.yaml").write_text(BASE.format(word="old"))
    proto = tmp_path / "proto.yaml"
    proto.write_text(PROTOCOL)
    _age(tmp_path)
    cache = tmp_path / "cache"
    assert codes(lint(cache, proto)) == []
    base = tmp_path / "base.yaml"
    before = base.stat()
    base.write_text(BASE.format(word="odd"))
    os.utime(base, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert codes(lint(cache, proto)) == ["C114"] == codes(lint(None, proto))


DAMAGE = ["not json", "[]", "{}", '{"diagnostics": 5}', "null", '{"diagnostics": [{"path": 1}], "id": null, '
          '"id_pos": [0, 0], "amends": null, "amends_pos": [0, 0], "deps": []}']


def test_damaged_rows_are_misses(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    for n in range(len(DAMAGE)):
        (folder / f"f{n}.yaml").write_text((CLEAN if n % 2 else BROKEN).format(id=f"f{n}"))
    cache = tmp_path / "cache"
    expected = lint(None, folder)
    assert lint(cache, folder) == expected
    for db_path in cache.glob("*.sqlite3"):
        with sqlite3.connect(db_path) as db:
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
                if "value" in columns:
                    keys = [k for (k,) in db.execute(f"SELECT {columns[0]} FROM {table}")]
                    assert len(keys) == len(DAMAGE)
                    for key, damage in zip(keys, DAMAGE):
                        db.execute(f"UPDATE {table} SET value = ? WHERE {columns[0]} = ?", (damage, key))
    assert lint(cache, folder) == expected
    assert lint(cache, folder) == expected  # the damaged rows were replaced


# The stat fast path. Files are aged past the racy window first, so that the first run trusts
# their stat (checked on the rows) and only a changed stat can make the second run read them.

def _age(folder: Path) -> None:
    """Wait until every file in `folder` changed longer ago than the racy window."""
    from cistreaty.lint.snapshot import RACY_NS

    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in folder.iterdir())
    time.sleep(max(0.0, (newest + RACY_NS - time.time_ns()) / 1e9) + 0.05)


@pytest.fixture
def trusted(tmp_path):
    """A clean file whose row the cache trusts by stat: (path, cache)."""
    path = tmp_path / "c" / "doc.yaml"
    path.parent.mkdir()
    path.write_text(CLEAN.format(id="doc"))
    _age(path.parent)
    cache = tmp_path / "cache"
    assert lint(cache, path) == (0, [])
    assert [stat is not None for stat, _ in rows(cache)] == [True]
    return path, cache


def test_same_size_and_mtime_is_rechecked(trusted):
    path, cache = trusted
    subprocess.run(["cp", "-p", path, path.with_suffix(".ref")], check=True)
    path.write_text(BROKEN.format(id="doc"))
    subprocess.run(["touch", "-r", path.with_suffix(".ref"), path], check=True)
    path.with_suffix(".ref").unlink()
    assert codes(lint(cache, path)) == codes(lint(None, path)) == ["C111", "S001"]


def test_change_within_the_same_second_is_rechecked(tmp_path):
    path = tmp_path / "doc.yaml"
    path.write_text(CLEAN.format(id="doc"))
    cache = tmp_path / "cache"
    assert lint(cache, path) == (0, [])
    before = path.stat()
    path.write_text(BROKEN.format(id="doc"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert codes(lint(cache, path)) == codes(lint(None, path)) == ["C111", "S001"]


def test_a_file_changed_at_or_after_the_read_is_not_trusted(tmp_path):
    """The racy rule: a file whose mtime is not older than the read by the window is stored
    without its stat (here stamped ahead of the clock, so however slow the machine is)."""
    path = tmp_path / "doc.yaml"
    path.write_text(CLEAN.format(id="doc"))
    ahead = time.time_ns() + 3600 * 10**9
    os.utime(path, ns=(ahead, ahead))
    cache = tmp_path / "cache"
    assert lint(cache, path) == (0, [])
    assert [stat for stat, _ in rows(cache)] == [None]
    path.write_text(BROKEN.format(id="doc"))
    os.utime(path, ns=(ahead, ahead))
    assert codes(lint(cache, path)) == codes(lint(None, path)) == ["C111", "S001"]


def test_file_replaced_by_rename_is_rechecked(trusted):
    path, cache = trusted
    before = path.stat()
    new = path.with_name("new.tmp")
    new.write_text(BROKEN.format(id="doc"))
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(new, path)
    assert codes(lint(cache, path)) == codes(lint(None, path)) == ["C111", "S001"]


def test_mtime_moved_into_the_past_is_rechecked(trusted):
    # As after a clock that went backwards: the new mtime is older than the one stored.
    path, cache = trusted
    path.write_text(BROKEN.format(id="doc"))
    past = path.stat().st_mtime_ns - 86_400 * 10**9
    os.utime(path, ns=(past, past))
    assert codes(lint(cache, path)) == codes(lint(None, path)) == ["C111", "S001"]


def test_touched_unchanged_file_is_hit_and_trusted_again(trusted):
    path, cache = trusted
    (old_stat, digest), = rows(cache)
    os.utime(path)  # as a checkout that rewrites files with the same content
    _age(path.parent)
    assert lint(cache, path) == (0, [])
    (new_stat, new_digest), = rows(cache)
    assert new_digest == digest and new_stat not in (None, old_stat)
