"""Writes: a failure half-way leaves the old file intact and no temporary file behind, and nothing is
overwritten without --force where a command promises that.

The failure is simulated at the two places it can happen: the data write (disk full) and the
final rename.
"""

from __future__ import annotations

import os

import pytest

from conftest import CORPUS
from hostile_check import invoke

OLD = "old content, must survive\n"
TREATY = ("AGREEMENT\non Cooperation in Testing\n\nThe Parties have agreed as follows:\n\nArticle 1\n\n"
          "This text is a test fixture, not a real instrument.\n")


def writers(tmp_path):
    """(name, target file, argv that writes it, promises --force) for every command that writes."""
    src = tmp_path / "treaty.txt"
    src.write_text(TREATY)
    (tmp_path / "out").mkdir(exist_ok=True)  # `schema` writes into a folder that exists, never makes one
    return {
        "schema": (tmp_path / "out" / "instrument.schema.json", ["schema", "--out-dir", tmp_path / "out"], False),
        "render -o": (tmp_path / "out.md", ["render", "heavy-machinery", "-f", "md", "--as-of", "2026-01-01",
                                             "--corpus", CORPUS, "-o", tmp_path / "out.md"], True),
        "import": (tmp_path / "draft.yaml", ["import", src, "--id", "draft", "-o", tmp_path / "draft.yaml"], True),
    }


def leftovers(folder):
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp"))


def break_write(monkeypatch):
    """Make the data write fail half-way: some bytes written, then ENOSPC."""
    import cistreaty.io.files as fsio

    real_fdopen = os.fdopen

    class HalfFile:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.fh.__exit__(*exc)

    monkeypatch.setattr(fsio.os, "fdopen", lambda fd, mode: HalfFile(real_fdopen(fd, mode)))


def break_rename(monkeypatch):
    import cistreaty.io.files as fsio

    def refuse(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fsio.os, "replace", refuse)


@pytest.mark.parametrize("name", ["schema", "render -o", "import"])
@pytest.mark.parametrize("breaker", [break_write, break_rename], ids=["write", "rename"])
def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch, name, breaker):
    target, argv, promises_force = writers(tmp_path)[name]
    target.parent.mkdir(exist_ok=True)
    target.write_text(OLD)
    breaker(monkeypatch)
    result = invoke(*argv, *(["--force"] if promises_force else []))
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stderr.startswith("cistreaty: error: cannot write"), result.stderr
    assert target.read_text() == OLD
    assert leftovers(target.parent) == []


@pytest.mark.parametrize("name", ["render -o", "import"])
def test_no_overwrite_without_force(tmp_path, name):
    target, argv, _ = writers(tmp_path)[name]
    target.write_text(OLD)
    result = invoke(*argv)
    assert result.exit_code == 2 and "--force" in result.stderr, result.stderr
    assert target.read_text() == OLD
    result = invoke(*argv, "--force")
    assert result.exit_code in (0, 1), result.stderr  # import lints its draft: 1 means findings
    assert target.read_text() != OLD and leftovers(target.parent) == []


def test_successful_writes_leave_no_temporary_files(tmp_path):
    for name, (target, argv, _) in writers(tmp_path).items():
        result = invoke(*argv)
        assert result.exit_code in (0, 1), (name, result.stderr)
        assert target.exists() and leftovers(target.parent) == [], name


def test_write_atomic_refuses_a_directory_and_a_missing_parent_cleanly(tmp_path):
    from cistreaty.io.files import WriteError, write_atomic

    (tmp_path / "dir").mkdir()
    with pytest.raises(WriteError):
        write_atomic(tmp_path / "dir", "x")
    assert (tmp_path / "dir").is_dir() and leftovers(tmp_path) == []
    (tmp_path / "file").write_text(OLD)
    with pytest.raises(WriteError):
        write_atomic(tmp_path / "file" / "below", "x")  # the parent is a file
    assert (tmp_path / "file").read_text() == OLD


def test_interrupt_during_write_removes_the_temporary_file(tmp_path, monkeypatch):
    import cistreaty.io.files as fsio

    target = tmp_path / "t.txt"
    target.write_text(OLD)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(fsio.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fsio.write_atomic(target, "new")
    assert target.read_text() == OLD and leftovers(tmp_path) == []
