"""The lint cache and worker pool change how fast lint is, never what it says."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES

FAIL = FIXTURES / "rules" / "fail"


def lint_json(cli, *args):
    result = cli("lint", "-f", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_cached_run_reports_the_same_findings(cli, tmp_path):
    cache = tmp_path / "cache"
    first = lint_json(cli, "--cache-dir", cache, FAIL)
    assert list(cache.iterdir()), "the first run stores results"
    assert lint_json(cli, "--cache-dir", cache, FAIL) == first
    assert first == lint_json(cli, "--no-cache", FAIL)


def test_editing_a_file_invalidates_its_entry(cli, tmp_path):
    cache = tmp_path / "cache"
    path = tmp_path / "doc.yaml"
    path.write_text('id: doc\ntype: agreement\ntitle: {en: X}\ntext: not-held\n')
    assert lint_json(cli, "--cache-dir", cache, path) == (0, [])
    path.write_text('id: other\ntype: agreement\ntitle: {en: X}\ntext: not-held\n')
    code, diags = lint_json(cli, "--cache-dir", cache, path)
    assert code == 1 and [d["code"] for d in diags] == ["C101"]


def test_changing_the_base_invalidates_the_protocol(cli, tmp_path):
    # C114 looks at the amended instrument: a cached protocol result must notice its base changed.
    base = tmp_path / "base.yaml"
    base.write_text('id: base\ntype: agreement\ntitle: {en: X}\narticles:\n'
                    '  - number: "1"\n    paragraphs: [{en: "The old words."}]\n')
    proto = tmp_path / "proto.yaml"
    proto.write_text('id: proto\ntype: protocol\namends: base\ntitle: {en: P}\n'
                     'amendments:\n  - {op: replace-words, article: "1", lang: en, words: "old", by: "new"}\n')
    cache = tmp_path / "cache"
    assert lint_json(cli, "--cache-dir", cache, proto)[0] == 0
    base.write_text(base.read_text().replace("old", "former"))
    code, diags = lint_json(cli, "--cache-dir", cache, proto)
    assert code == 1 and [d["code"] for d in diags] == ["C114"]


def test_no_cache_stores_nothing(cli, tmp_path):
    cache = tmp_path / "cache"
    cli("lint", "--no-cache", "--cache-dir", cache, CORPUS)
    assert not cache.exists()


def test_unusable_cache_dir_degrades_to_no_cache(cli, tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert lint_json(cli, "--cache-dir", blocker / "cache", CORPUS) == (0, [])


def test_worker_pool_gives_the_same_result_as_one_process(cli, tmp_path, monkeypatch):
    from cistreaty.lint import runner

    one = lint_json(cli, "--no-cache", "-j", "1", FAIL)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(runner, "CHUNK", 2)
    assert lint_json(cli, "--no-cache", "-j", "2", FAIL) == one


def test_two_runs_sharing_the_cache_at_once(tmp_path):
    # pre-commit may start several cistreaty processes on one cache.
    cache = tmp_path / "cache"
    cmd = [sys.executable, "-m", "cistreaty", "lint", "-f", "json", "--cache-dir", str(cache), str(FAIL)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1]
    assert len({o for o, _ in outs}) == 1
    assert all("Traceback" not in e for _, e in outs)


@pytest.mark.parametrize("jobs", ["0", "-1", "x"])
def test_bad_jobs_is_a_usage_error(cli, jobs):
    assert cli("lint", "-j", jobs, CORPUS).exit_code == 2


def _poison(cache_dir, display):
    """Replace every stored result by a finding no check makes: seeing it means a cache hit.
    (The cache refuses a row whose findings name another file, so it names `display`.)"""
    import sqlite3

    db = sqlite3.connect(next(cache_dir.glob("*.sqlite3")))
    with db:
        for key, raw in db.execute("SELECT ident, value FROM entries").fetchall():
            value = json.loads(raw)
            value["diagnostics"] = [{"path": display, "line": 1, "col": 1, "code": "Y999",
                                     "message": "from the cache", "severity": "error"}]
            db.execute("UPDATE entries SET value = ? WHERE ident = ?", (json.dumps(value), key))
    db.close()


@pytest.mark.parametrize("library", ["pyyaml", "libyaml", "pydantic", "pydantic-core"])
def test_a_result_stored_with_other_library_versions_is_not_reused(cli, tmp_path, monkeypatch, library):
    # The key reads the libraries' files without importing them (lint/cache.py library_versions):
    # the same packages installed again elsewhere, with one file changed as another release or
    # another build would change it, must miss.
    import shutil

    from cistreaty.lint import cache as cache_mod

    package, changed = {"pyyaml": ("yaml", "__init__.py"), "libyaml": ("yaml", "_yaml"),
                        "pydantic": ("pydantic", "version.py"),
                        "pydantic-core": ("pydantic_core", "_pydantic_core")}[library]
    real = cache_mod._package_dir
    installed = tmp_path / "site" / package
    installed.mkdir(parents=True)
    for f in os.listdir(real(package)):
        if f.startswith(changed) and os.path.isfile(os.path.join(real(package), f)):
            shutil.copy2(os.path.join(real(package), f), installed / f)
    path = tmp_path / "doc.yaml"
    path.write_text('id: doc\ntype: agreement\ntitle: {en: X}\ntext: not-held\n')
    cache = tmp_path / "cache"
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    assert lint_json(cli, "--cache-dir", cache, path) == (0, [])
    _poison(cache, str(path))
    hit = cli("lint", "-f", "json", "--cache-dir", cache, path)
    assert "Y999" in hit.stdout, "the poisoned entry is what a cache hit returns"

    before = cache_mod.library_versions()
    monkeypatch.setattr(cache_mod, "_package_dir", lambda name: str(installed) if name == package else real(name))
    if changed.endswith(".py"):  # another release: the version its source states
        source = installed / changed
        source.write_text(re.sub(r"^(__version__|VERSION) = '([^']+)'$", r"\1 = '\2.post9'",
                                 source.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    after = cache_mod.library_versions()
    assert after != before and library.replace("-", "_") in after.replace("-", "_")
    if changed.endswith(".py"):
        assert ".post9" in after
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    assert lint_json(cli, "--cache-dir", cache, path) == (0, []), f"a {library} change must miss the cache"


def test_a_fully_cached_run_loads_no_parser_models_or_rules(tmp_path):
    # The warm path answers from the cache alone (docs/performance.md): what it would not need
    # must not be imported, or its start-up is the run's cost.
    import shutil
    import time

    corpus = tmp_path / "agreements"
    shutil.copytree(CORPUS, corpus)
    time.sleep(2.1)  # past the racy window: every file is then trusted by its stat
    heavy = ["yaml", "pydantic", "pydantic_core", "cistreaty.models", "cistreaty.io.yamlio",
             "cistreaty.engine.status", "cistreaty.engine.clause_reader", "cistreaty.lint.check"]
    code = ("import sys\nfrom cistreaty.cli import main\ntry:\n"
            f"    main(['lint', '--color', 'never', {str(corpus)!r}])\n"
            "except SystemExit as exc:\n    print('EXIT', exc.code)\n"
            f"print('LOADED', [m for m in {heavy!r} if m in sys.modules])\n")
    env = {**os.environ, "CISTREATY_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
            for _ in range(2)]
    first, second = (r.stdout.rsplit("LOADED", 1) for r in runs)
    assert "'yaml'" in first[1] and "'pydantic'" in first[1], "the first run parses and validates"
    assert second[1].strip() == "[]", second[1]
    assert second[0] == first[0] == "EXIT 0\n"
    assert runs[1].stderr == runs[0].stderr and "files checked" in runs[1].stderr


def test_a_shared_libyaml_upgrade_is_another_key(tmp_path):
    # PyYAML built against the system's libyaml: its own files stay the same when libyaml is upgraded,
    # so the key holds the stat of the library the extension names (lint/cache.py _shared_libyaml).
    from importlib.machinery import EXTENSION_SUFFIXES

    from cistreaty.lint import cache as cache_mod

    package, libs = tmp_path / "yaml", tmp_path / "lib"
    package.mkdir()
    libs.mkdir()
    (package / ("_yaml" + EXTENSION_SUFFIXES[0])).write_bytes(b"\x7fELF..." + b"libyaml-0.so.2\x00" + b"x" * 64)
    assert cache_mod._shared_libyaml(str(package), (str(libs),)) == "+libyaml-0.so.2:not-found"
    lib = libs / "libyaml-0.so.2"
    lib.write_bytes(b"libyaml 0.2.5")
    before = cache_mod._shared_libyaml(str(package), (str(tmp_path / "none"), str(libs)))
    lib.unlink()
    lib.write_bytes(b"libyaml 0.2.6!")  # the upgrade: another file under the same name
    after = cache_mod._shared_libyaml(str(package), (str(tmp_path / "none"), str(libs)))
    assert before.startswith("+libyaml-0.so.2:") and after.startswith("+libyaml-0.so.2:") and before != after
    # PyPI's wheels link libyaml in: nothing to add, and the installed PyYAML is read as it is.
    (package / ("_yaml" + EXTENSION_SUFFIXES[0])).write_bytes(b"\x7fELF...static" + b"x" * 64)
    assert cache_mod._shared_libyaml(str(package), (str(libs),)) == ""
    assert cache_mod._shared_libyaml(None) == ""
    assert "libyaml=" in cache_mod.library_versions()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", ".", "..", "", "x.yaml", "/", "c d", "é"]),
                         min_size=1, max_size=5), min_size=1, max_size=8))
def test_row_keys_are_hashes_of_each_files_absolute_path(tmp_path_factory, names):
    # _idents takes abspath once per folder: the keys must be those of abspath per file.
    import hashlib

    from cistreaty.lint import cache as cache_mod

    cache = cache_mod.Cache(tmp_path_factory.mktemp("keys"))
    files = [(f"shown-{i}", Path("/".join(parts))) for i, parts in enumerate(names)]
    keys = cache._idents(files, "corpus")
    for i, (display, path) in enumerate(files):
        h = hashlib.blake2b(os.fsencode(cache.prefix) + b"\0", digest_size=20)
        h.update(os.fsencode(os.path.abspath(path)) + b"\0" + os.fsencode(display) + b"\0"
                 + os.fsencode(os.path.abspath("corpus")) + b"\0")
        assert keys[i] == h.hexdigest(), path
    cache.close()
