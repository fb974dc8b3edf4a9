"""The `cistreaty-lint` pre-commit hook, run for real with `pre-commit try-repo`.

Slow (pre-commit builds a virtualenv and pip-installs this repository into it, from PyPI), so it
skips, saying why, when pre-commit or git is missing, when CISTREATY_SKIP_SLOW is set, or when the
hook environment cannot be built (no network).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import tooling
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def test_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "cistreaty-lint")
    assert hook["language"] == "python" and hook["entry"] == "cistreaty lint"
    assert hook["require_serial"] is True
    # The whole corpus on every commit: deletions and unchanged files count for ids and amends.
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    assert hook["files"] == r"^agreements/.*\.ya?ml$"


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def _hook_repo(dest: Path) -> Path:
    """This working tree's package as a one-commit repository: try-repo installs from git, and
    would otherwise miss files not yet committed."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(ROOT / "src", dest / "src", ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", ".pre-commit-hooks.yaml"):
        if (ROOT / name).is_file():
            shutil.copy(ROOT / name, dest / name)
    if not (dest / "README.md").is_file():
        (dest / "README.md").write_text("cistreaty\n")  # pyproject names it
    _git(dest, "init", "-q")
    _git(dest, "add", ".")
    _git(dest, "commit", "-q", "-m", "hook under test")
    return dest


def test_try_repo_passes_good_and_fails_bad(tmp_path):
    if os.environ.get("CISTREATY_SKIP_SLOW"):
        pytest.skip("CISTREATY_SKIP_SLOW is set")
    exe = shutil.which("pre-commit")
    if exe is None or shutil.which("git") is None:
        tooling.missing("pre-commit or git", "pip install -e '.[test]'")
    hook_repo = _hook_repo(tmp_path / "hook-repo")
    repo = tmp_path / "corpus"
    (repo / "agreements").mkdir(parents=True)
    shutil.copy(FIXTURES / "pass" / "all-rules-pass.yaml", repo / "agreements")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CISTREATY_OUTPUT_FORMAT")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), CISTREATY_CACHE_DIR=str(tmp_path / "cache"),
               PIP_DISABLE_PIP_VERSION_CHECK="1")

    def run():
        return subprocess.run([exe, "try-repo", str(hook_repo), "cistreaty-lint", "--all-files", "--color", "never"],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    good = run()
    if good.returncode != 0 and "Passed" not in good.stdout:
        if "An unexpected error has occurred" in good.stdout + good.stderr or "CalledProcessError" in good.stdout:
            tooling.missing("a pre-commit that can build the hook environment (network?): "
                            + (good.stdout + good.stderr).strip().splitlines()[-1], "pip install pre-commit")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "cistreaty lint" in good.stdout and "Passed" in good.stdout

    shutil.copy(FIXTURES / "fail" / "c104-party-code.yaml", repo / "agreements")
    (repo / "notes.yaml").write_text("not: [an instrument\n")  # outside agreements/: not checked
    _git(repo, "add", ".")
    bad = run()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "agreements/c104-party-code.yaml:9:3: C104" in bad.stdout
    assert "notes.yaml" not in bad.stdout


def test_commits_are_checked_against_the_whole_corpus(tmp_path):
    """A real `git commit` through the installed hook: a staged file whose id an unchanged file
    already has, and a commit that deletes what another file `amends`, both fail."""
    exe = shutil.which("pre-commit")
    if exe is None or shutil.which("git") is None:
        tooling.missing("pre-commit or git", "pip install -e '.[test]'")
    hook_repo = _hook_repo(tmp_path / "hook-repo")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True,
                         check=True).stdout.strip()
    repo = tmp_path / "corpus"
    (repo / "agreements").mkdir(parents=True)

    def instrument(name, ident, extra=""):
        (repo / "agreements" / f"{name}.yaml").write_text(
            f'# Test fixture, not a real instrument.\nid: {ident}\ntype: {"protocol" if extra else "agreement"}\n'
            f'title: {{en: "Fixture"}}\ntext: not-held\nrecord: {{basis: no-depositary-record}}\n{extra}')

    instrument("base", "base")
    instrument("amending", "amending", "amends: base\n")
    instrument("first", "first")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(
        {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "cistreaty-lint"}]}]}))
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CISTREATY_OUTPUT_FORMAT")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), CISTREATY_CACHE_DIR=str(tmp_path / "cache"),
               PIP_DISABLE_PIP_VERSION_CHECK="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    git("init", "-q")
    assert subprocess.run([exe, "install"], cwd=repo, env=env, capture_output=True).returncode == 0
    git("add", ".")
    first = git("commit", "-q", "-m", "a clean corpus")
    if first.returncode != 0 and "An unexpected error has occurred" in first.stdout + first.stderr:
        tooling.missing("a pre-commit that can build the hook environment (network?)", "pip install pre-commit")
    assert first.returncode == 0, first.stdout + first.stderr

    # A new file takes the id of a file the commit does not touch.
    instrument("second", "first")
    git("add", "agreements/second.yaml")
    dup = git("commit", "-q", "-m", "a duplicate id")
    out = dup.stdout + dup.stderr
    assert dup.returncode != 0, out
    assert "agreements/second.yaml:2:5: C102 id 'first' is also declared by agreements/first.yaml" in out, out
    git("rm", "-q", "--cached", "agreements/second.yaml")
    (repo / "agreements" / "second.yaml").unlink()

    # Deleting the instrument a protocol amends: no instrument file is staged, only the deletion.
    git("rm", "-q", "agreements/base.yaml")
    gone = git("commit", "-q", "-m", "delete the amended agreement")
    out = gone.stdout + gone.stderr
    assert gone.returncode != 0, out
    assert "agreements/amending.yaml" in out and "C108" in out, out

    # The corpus as it was passes again, from the cache.
    git("reset", "-q", "--hard")
    (repo / "agreements" / "notes.txt").write_text("not an instrument\n")
    git("add", ".")
    again = git("commit", "-q", "-m", "a note")
    assert again.returncode == 0, again.stdout + again.stderr
