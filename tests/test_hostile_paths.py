"""Paths: every file that cannot be read gets its own diagnostic, and the run goes on to the others.

Tests run as root in CI, where chmod 000 does not stop reading: an unreadable file is simulated by
making open() raise PermissionError for that one path.
"""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from hostile_check import invoke, lint_json

GOOD = 'id: {id}\ntype: agreement\ntitle: {{en: "Test fixture, not a real instrument"}}\ntext: not-held\n'


def good(folder: Path, ident: str) -> Path:
    path = folder / f"{ident}.yaml"
    path.write_text(GOOD.format(id=ident))
    return path


def by_name(diags) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in diags:
        out.setdefault(os.path.basename(d["path"]), []).append(d["code"])
    return out


def test_links_and_folders_named_yaml(tmp_path):
    good(tmp_path, "a-good")
    os.symlink("loop-b.yaml", tmp_path / "loop-a.yaml")
    os.symlink("loop-a.yaml", tmp_path / "loop-b.yaml")
    os.symlink("nowhere.yaml", tmp_path / "dangling.yaml")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "back-up")  # a directory loop: never followed
    good(tmp_path / "sub", "z-good")
    diags = lint_json(tmp_path, expect=(1,))
    assert by_name(diags) == {"loop-a.yaml": ["Y011"], "loop-b.yaml": ["Y011"], "dangling.yaml": ["Y011"],
                              "folder.yaml": ["Y012"]}
    assert all(d["message"].startswith(("cannot read", "is a directory")) for d in diags)


def test_symlink_loop_given_by_name(tmp_path):
    os.symlink("self.yaml", tmp_path / "self.yaml")
    result = invoke("lint", tmp_path / "self.yaml", good(tmp_path, "ok"))
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path}/self.yaml:0:0: Y011 cannot read the file: Too many levels of symbolic links\n"
    assert "in 1 of 2 files" in result.stderr


def test_permission_denied(tmp_path, monkeypatch):
    secret = good(tmp_path, "secret")
    good(tmp_path, "visible")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if os.fspath(file) == os.fspath(secret):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    diags = lint_json(tmp_path, expect=(1,))
    assert [(os.path.basename(d["path"]), d["code"], d["message"]) for d in diags] == [
        ("secret.yaml", "Y011", "cannot read the file: Permission denied")]


def test_undecodable_file_name(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.yaml"), "wb") as fh:
        fh.write(GOOD.format(id="cafe").encode())
    good(tmp_path, "plain")
    result = invoke("lint", "-f", "json", tmp_path)
    assert result.exit_code == 1
    import json

    diags = json.loads(result.stdout)
    # The name is shown with the bad byte escaped, and C101 compares the id with it.
    assert [(os.path.basename(d["path"]), d["code"]) for d in diags] == [("caf\\xe9.yaml", "C101")]
    for fmt in ("text", "github"):
        out = invoke("lint", "-f", fmt, tmp_path).stdout
        out.encode("utf-8")  # printable: no lone surrogates reach stdout
        assert "caf\\xe9.yaml" in out


def test_file_that_vanishes_after_listing(tmp_path, monkeypatch):
    from cistreaty.io import corpus

    gone = good(tmp_path, "gone")
    good(tmp_path, "stays")
    real = corpus.list_files

    def list_then_delete(paths):
        listing = real(paths)
        gone.unlink()
        return listing

    monkeypatch.setattr(corpus, "list_files", list_then_delete)
    diags = lint_json(tmp_path, expect=(1,))
    assert [(os.path.basename(d["path"]), d["code"]) for d in diags] == [("gone.yaml", "Y011")]


def test_corpus_loading_for_status_and_render_survives_bad_paths(tmp_path):
    good(tmp_path, "ok")
    os.symlink("loop.yaml", tmp_path / "loop.yaml")
    (tmp_path / "folder.yaml").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")
    for args in (["status", "ok", "--json"], ["render", "ok", "-f", "txt"]):
        result = invoke(*args, "--corpus", tmp_path)
        assert result.exit_code == 0, (args, result.stderr)


@pytest.mark.parametrize("name", ["does-not-exist.yaml", "missing/dir"])
def test_missing_argument_is_a_finding(tmp_path, name):
    result = invoke("lint", tmp_path / name)
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / name}:0:0: Y011 no such file or directory\n"
    assert "Traceback" not in result.stderr
