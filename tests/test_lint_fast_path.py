"""`cistreaty lint [PATH...]` with no option runs without typer (entry.py, cli/lint_run.py): it must
print the same bytes and exit with the same code as the same request parsed by typer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import CORPUS, EXAMPLE

# The typer path for the very same arguments: cli.main, which entry.py only bypasses.
VIA_TYPER = "import sys\nfrom cistreaty.cli import main\nmain(sys.argv[1:])\n"
# The command as installed (entry.main), and what it imported.
VIA_ENTRY = ("import sys, atexit\n"
             "atexit.register(lambda: sys.__stderr__.write('TYPER %s\\n' % ('typer' in sys.modules)))\n"
             "from cistreaty.entry import main\nmain(sys.argv[1:])\n")


def _run(code: str, args: list[str], cwd, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=cwd, env=env, timeout=120)


def both(args: list[str], cwd, **env_extra) -> tuple[subprocess.CompletedProcess, bool]:
    """(the result, whether typer was imported) of the installed command, checked against typer's path."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CISTREATY_OUTPUT_FORMAT")}
    env.update(env_extra)
    reference = _run(VIA_TYPER, args, cwd, env)
    fast = _run(VIA_ENTRY, args, cwd, env)
    stderr, _, flag = fast.stderr.rpartition(b"TYPER ")
    assert (fast.returncode, fast.stdout, stderr) == (reference.returncode, reference.stdout, reference.stderr)
    return fast, flag.strip() == b"True"


@pytest.fixture
def work(tmp_path):
    corpus = tmp_path / "agreements"
    shutil.copytree(CORPUS, corpus)
    return tmp_path


def test_a_clean_corpus_and_a_file_with_findings(work):
    bad = work / "bad.yaml"
    bad.write_text("id: bad\ntitle: [unclosed\n", encoding="utf-8")
    cache = str(work / "cache")
    for args in (["lint"], ["lint", "agreements"], ["lint", "bad.yaml", "agreements"], ["lint", str(EXAMPLE)]):
        result, typer_loaded = both(args, work, CISTREATY_CACHE_DIR=cache)
        assert not typer_loaded, args
        assert result.returncode == (1 if "bad.yaml" in args else 0), (args, result.stderr)
    result, _ = both(["lint", "bad.yaml"], work, CISTREATY_CACHE_DIR=cache)
    assert result.stdout.startswith(b"bad.yaml:3:1: Y001 YAML syntax error")


def test_usage_errors_exit_2_with_the_same_message(work):
    result, typer_loaded = both(["lint", "agreements"], work, CISTREATY_OUTPUT_FORMAT="bogus")
    assert result.returncode == 2 and not typer_loaded
    assert b"cistreaty: error: CISTREATY_OUTPUT_FORMAT: 'bogus' is not one of" in result.stderr
    (work / ".cistreaty.yaml").write_text("select: [Q9]\n", encoding="utf-8")
    result, _ = both(["lint", "agreements"], work)
    assert result.returncode == 2 and b".cistreaty.yaml:1:10: 'Q9' matches no rule" in result.stderr
    (work / ".cistreaty.yaml").unlink()
    result, _ = both(["lint"], work, CISTREATY_CORPUS=str(work / "nowhere"))
    assert result.returncode == 2 and b"nowhere" in result.stderr


def test_the_environment_and_configuration_choose_the_same_format(work):
    (work / "agreements" / "cis-charter.yaml").write_text("id: x\n", encoding="utf-8")
    for extra in ({"CISTREATY_OUTPUT_FORMAT": "json"}, {"GITHUB_ACTIONS": "true"}, {}):
        result, _ = both(["lint", "agreements"], work, **extra)
        assert result.returncode == 1
    (work / ".cistreaty.yaml").write_text("output-format: json-lines\nignore: [C101]\n", encoding="utf-8")
    result, _ = both(["lint", "agreements"], work)
    assert result.returncode == 1 and result.stdout.startswith(b"{") and b"C101" not in result.stdout


def test_any_option_goes_to_typer(work):
    for args in (["lint", "--no-cache", "agreements"], ["lint", "agreements", "--format", "json"],
                 ["lint", "--", "agreements"], ["lint", ""], ["lint", "-h"]):
        _, typer_loaded = both(args, work)
        assert typer_loaded, args


def test_a_cached_run_is_the_first_run_byte_for_byte(work):
    env = {"CISTREATY_CACHE_DIR": str(work / "cache")}
    first, _ = both(["lint", "agreements"], work, **env)
    time.sleep(2.1)  # past the racy window, so that the next runs trust every file's stat
    second, _ = both(["lint", "agreements"], work, **env)
    third, _ = both(["lint", "agreements"], work, **env)
    assert first.stdout == second.stdout == third.stdout and first.stderr == second.stderr == third.stderr
