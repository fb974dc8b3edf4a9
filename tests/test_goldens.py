"""Snapshot tests: the exact bytes of every lint output format and of the status and render text.

Each output is compared with a file in tests/goldens/ (ruff's CLI snapshots are the model). When a
change to an output is intended, rewrite them all with one command and review the diff:

    pytest tests/test_goldens.py --update-goldens
    git diff tests/goldens

Inputs are fixtures (never the growing corpus), paths are relative to the repository and every
date is given with --as-of, so the files hold no machine-specific path and no date that changes.
"""

import os
import re

import pytest

from conftest import FIXTURES, ROOT

FAIL = FIXTURES / "rules" / "fail"
# A small fixed set: one error with a key position, a cross-file pair, a warning, a noqa left unused,
# a protocol that does not apply (two files).
LINT_INPUTS = [FAIL / name for name in (
    "c102-dup-a.yaml", "c102-dup-b.yaml", "c104-party-code.yaml", "c114-amendment-applies.yaml",
    "c114-base.yaml", "c115-unused-noqa.yaml", "c118-hidden-character-in-text.yaml")]
STATUS = FIXTURES / "status"
AS_OF = "2026-11-22"


@pytest.fixture
def run(cli, monkeypatch):
    """The CLI from the repository root, with relative paths and a fixed terminal width, no colour."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    for name in ("CISTREATY_OUTPUT_FORMAT", "GITHUB_ACTIONS", "CISTREATY_CORPUS", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)

    def go(*args, code=0, stderr=False):
        result = cli(*args)
        assert result.exit_code == code, result.stderr
        assert os.fspath(ROOT) not in result.stdout  # no machine-specific absolute path
        return (result.stdout, result.stderr) if stderr else result.stdout

    return go


def _relative(paths):
    return [os.path.relpath(p, ROOT) for p in paths]


@pytest.mark.parametrize("fmt", ["text", "json", "json-lines", "github", "sarif", "junit"])
def test_lint_output_format(run, golden, fmt):
    out, err = run("lint", "--no-config", "--no-cache", "--output-format", fmt, *_relative(LINT_INPUTS), code=1,
                   stderr=True)
    golden(f"lint.{fmt}", out)
    if fmt == "text":
        golden("lint.text.stderr", err)


def test_lint_clean_text(run, golden):
    out, err = run("lint", "--no-config", "--no-cache", *_relative([FIXTURES / "rules" / "pass"]), stderr=True)
    golden("lint-clean.text.stderr", out + err)


@pytest.mark.parametrize("args, name", [
    (["paris-agreement"], "status-paris-agreement.txt"),
    (["paris-agreement", "--explain"], "status-paris-agreement-explain.txt"),
    (["paris-agreement", "--json"], "status-paris-agreement.json"),
    (["cybercrime-convention", "--party", "AL"], "status-cybercrime-convention-AL.txt"),
    ([], "status-overview.txt"),
    (["--json"], "status-overview.json"),
    (["--party", "AL"], "status-party-AL.txt"),
    (["--party", "AL", "--json"], "status-party-AL.json"),
    (["--party", "AL", "--explain"], "status-party-AL.explain.txt"),
])
def test_status_output(run, golden, args, name):
    golden(name, run("status", *args, "--corpus", os.path.relpath(STATUS, ROOT), "--as-of", AS_OF))


@pytest.mark.parametrize("fmt", ["txt", "md", "json"])
def test_render_output(run, golden, fmt):
    fixture = os.path.relpath(FIXTURES / "render", ROOT)
    golden(f"render-hostile-fixture.{fmt}",
           run("render", "hostile-fixture", "--corpus", fixture, "--format", fmt, "--as-of", AS_OF, "-o", "-"))


def test_goldens_hold_no_absolute_path_and_no_todays_date():
    import datetime as dt

    today = dt.date.today().isoformat()
    for path in sorted((ROOT / "tests" / "goldens").iterdir()):
        text = path.read_text(encoding="utf-8")
        assert os.fspath(ROOT) not in text and not re.search(r"/(home|root|tmp|Users)/", text), path.name
        assert today not in text or today == AS_OF, path.name


SITE = FIXTURES / "site"


def _site(run, out, *args, code=0):
    """Every file `render --out-dir` wrote, in name order, as one text; and its stderr."""
    _, err = run("render", "--out-dir", out, "--corpus", os.path.relpath(SITE, ROOT), "--as-of", AS_OF, *args,
                 code=code, stderr=True)
    pages = [f"==> {p.name} <==\n{p.read_text(encoding='utf-8')}" for p in sorted(out.iterdir())]
    return "".join(pages) + "==> stderr <==\n" + err.replace(os.fspath(out), "OUT")


@pytest.mark.parametrize("fmt, code", [("md", 0), ("html", 0), ("txt", 0), ("json", 0), ("akn", 1)])
def test_render_site(run, golden, tmp_path, fmt, code):
    """The site of a small corpus with protocols applied and pending, a second file of one id and a
    file that does not load: every page byte for byte (the site is built streaming, one instrument
    and its protocols at a time; these pages were recorded from the whole-corpus build)."""
    golden(f"site-{fmt}.txt", _site(run, tmp_path / "site", "--format", fmt, code=code))


def test_render_site_for_a_party(run, golden, tmp_path):
    golden("site-party-KG.md.txt", _site(run, tmp_path / "site", "--party", "KG"))


def test_render_site_with_an_instrument_called_index(run, golden, tmp_path, monkeypatch):
    """An instrument with the id `index` keeps index.md; every page then links to _index.md."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SITE, corpus)
    text = (SITE / "fixture-base.yaml").read_text(encoding="utf-8").replace("id: fixture-base", "id: index")
    (corpus / "index.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    _, err = run("render", "--out-dir", out, "--corpus", corpus, "--as-of", AS_OF, stderr=True)
    pages = "".join(f"==> {p.name} <==\n{p.read_text(encoding='utf-8')}" for p in sorted(out.iterdir()))
    golden("site-with-index-id.md.txt", pages)


def test_render_site_stops_at_a_protocol_that_does_not_apply(run, golden, tmp_path):
    """A protocol in force whose operation cannot apply: its diagnostic as lint prints it, exit 1, and
    no site written (the folder is not created)."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SITE, corpus)
    path = corpus / "heavy-machinery-amending-protocol.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('article: "9"', 'article: "99"'), encoding="utf-8")
    out = tmp_path / "site"
    _, err = run("render", "--out-dir", out, "--corpus", corpus, "--as-of", AS_OF, code=1, stderr=True)
    assert not out.exists() and os.listdir(tmp_path) == ["corpus"]  # no leftover folder beside it
    golden("site-protocol-does-not-apply.stderr", err.replace(os.fspath(tmp_path), "TMP"))
