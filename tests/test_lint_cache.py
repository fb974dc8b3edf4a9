"""The lint cache and worker pool change how fast lint is, never what it says."""

import json
import subprocess
import sys

import pytest

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
    import pydantic.version
    import pydantic_core
    import yaml

    from cistreaty.lint import cache as cache_mod

    path = tmp_path / "doc.yaml"
    path.write_text('id: doc\ntype: agreement\ntitle: {en: X}\ntext: not-held\n')
    cache = tmp_path / "cache"
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    assert lint_json(cli, "--cache-dir", cache, path) == (0, [])
    _poison(cache, str(path))
    hit = cli("lint", "-f", "json", "--cache-dir", cache, path)
    assert "Y999" in hit.stdout, "the poisoned entry is what a cache hit returns"

    if library == "pyyaml":
        monkeypatch.setattr(yaml, "__version__", "6.0.3-other")
    elif library == "libyaml":
        from yaml import _yaml
        monkeypatch.setattr(_yaml, "get_version_string", lambda: "0.2.9-other")
    elif library == "pydantic":
        monkeypatch.setattr(pydantic.version, "VERSION", "2.99.0")
    else:
        monkeypatch.setattr(pydantic_core, "__version__", "2.99.0")
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    assert lint_json(cli, "--cache-dir", cache, path) == (0, []), f"a {library} change must miss the cache"
    assert library.replace("-", "_") in cache_mod.library_versions().replace("-", "_")
