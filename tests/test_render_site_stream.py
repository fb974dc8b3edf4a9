"""`render --out-dir` built streaming (cli/render_site.py): in worker processes above 200 files, each
page the one the whole-corpus build gave (tests/goldens/site-*), and the bookkeeping that replaces a
page built before its protocols were known."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, GOLDENS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

SITE = FIXTURES / "site"
AS_OF = "2026-11-22"


def _golden_pages(name: str) -> dict[str, str]:
    text = (GOLDENS / name).read_text(encoding="utf-8")
    pages = {}
    for chunk in text.split("==> ")[1:]:
        head, _, body = chunk.partition(" <==\n")
        pages[head] = body
    return pages


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The site fixture among 210 synthetic instruments: enough files for the worker processes."""
    corpus = tmp_path_factory.mktemp("large") / "corpus"
    shutil.copytree(SITE, corpus)
    for i in range(210):
        (corpus / f"synthetic-{i:06d}.yaml").write_text(generate.instrument(i), encoding="utf-8")
    return corpus


@pytest.mark.parametrize("fmt", ["md", "akn"])
def test_pages_built_in_workers_are_the_recorded_ones(cli, large, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(large.parent)
    out = tmp_path / "site"
    result = cli("render", "--out-dir", out, "--corpus", "corpus", "--as-of", AS_OF, "--format", fmt)
    assert result.exit_code == (1 if fmt == "akn" else 0), result.stderr
    expected = _golden_pages(f"site-{fmt}.txt")
    written = sorted(os.listdir(out))
    assert len(written) == 210 + len(expected) - 1  # the synthetic pages, the fixture's pages (and index)
    for name, body in expected.items():
        if name not in ("stderr", "index.md"):
            assert (out / name).read_text(encoding="utf-8") == body, name
    assert f"wrote {len(written)} files to" in result.stderr
    assert result.stderr.count("do not load cleanly: corpus/broken.yaml") == 1
    if fmt == "md":
        index = (out / "index.md").read_text(encoding="utf-8")
        assert "218 instruments" in index and "synthetic-000209.md" in index and "broken" not in index


def test_an_instrument_called_index_moves_the_txt_index_and_changes_no_page(cli, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SITE, corpus)
    text = (SITE / "fixture-base.yaml").read_text(encoding="utf-8").replace("id: fixture-base", "id: index")
    (corpus / "index.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = cli("render", "--out-dir", out, "--corpus", corpus, "--as-of", AS_OF, "--format", "txt")
    assert result.exit_code == 0, result.stderr
    expected = _golden_pages("site-txt.txt")
    assert (out / "index.txt").read_text(encoding="utf-8").startswith("Fixture agreement")
    assert "index.txt: " in (out / "_index.txt").read_text(encoding="utf-8")
    for name, body in expected.items():
        if name not in ("stderr", "index.txt"):
            assert (out / name).read_text(encoding="utf-8") == body, name


class _Folder:
    """A stand-in for io.site.Site that records what is written."""

    def __init__(self):
        self.files: dict[str, str] = {}
        self.count = 0

    def write(self, name, text, again=False):
        assert (name in self.files) == again
        self.files[name] = text
        self.count += 0 if again else 1

    def remove(self, name):
        del self.files[name]
        self.count -= 1


def test_a_page_built_first_is_replaced_or_taken_back():
    from cistreaty.cli.render_site import _Build

    folder = _Folder()
    build = _Build(folder, "akn")
    build.read(("p.yaml", "p.yaml"), "p", "b", True, False, ("page", "p.xml", "without its base", None))
    build.read(("b.yaml", "b.yaml"), "b", None, False, False, ("page", "b.xml", "as signed", None))
    build.read(("c.yaml", "c.yaml"), "c", None, False, True, ("page", "c.xml", "alone", None))
    build.read(("b2.yaml", "b2.yaml"), "b", None, False, False, ("page", "b.xml", "a later file of b", None))
    assert folder.files == {"p.xml": "without its base", "b.xml": "as signed", "c.xml": "alone"}
    assert build.broken == ["c.yaml"]
    # The protocol names its base and the base has a protocol: both are built again; c is not.
    again = build.dependent(every=False)
    assert [(i, files, protos, base) for i, files, protos, base in again] == [
        ("b", ("b.yaml", "b.yaml"), [("p.yaml", "p.yaml")], None),
        ("p", ("p.yaml", "p.yaml"), [], ("b.yaml", "b.yaml"))]
    build.take("b", ("page", "b.xml", "consolidated", None))
    build.take("p", ("refused", "cannot name it"))
    assert folder.files == {"b.xml": "consolidated", "c.xml": "alone"} and folder.count == 2
    assert build.failed == {"p": ("refused", "cannot name it")}
    # Other formats build only a base that is not itself a protocol again.
    md = _Build(_Folder(), "md")
    md.read(("p.yaml", "p.yaml"), "p", "b", True, False, ("page", "p.md", "", None))
    md.read(("b.yaml", "b.yaml"), "b", None, False, False, ("page", "b.md", "", None))
    assert [i for i, *_ in md.dependent(every=False)] == ["b"]
    assert [i for i, *_ in md.dependent(every=True)] == ["b", "p"]


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry))
    return out


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers' parent-death signal is Linux's")
def test_sigkill_during_the_pages_leaves_no_worker_behind(large, tmp_path):
    """SIGKILL cannot be handled, but the workers end with the main process: none is left waiting
    for work with the caller's pipes open (a pipeline reading stderr would never end)."""
    import subprocess
    import time

    site = tmp_path / "site"
    proc = subprocess.Popen([sys.executable, "-m", "cistreaty", "render", "--corpus", str(large), "--out-dir",
                             str(site), "--as-of", AS_OF], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline:
        new = [n for n in os.listdir(tmp_path) if ".cistreaty-" in n]
        workers = workers or _children(proc.pid)
        if new and len(os.listdir(tmp_path / new[0])) >= 5 and workers:
            break
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.01)
    else:
        proc.kill()
        raise AssertionError("no pages written within 120 s")
    proc.kill()
    proc.communicate(timeout=60)  # returns: nothing holds the pipes any more
    deadline = time.monotonic() + 30
    while any(_running(w) for w in workers):
        assert time.monotonic() < deadline, f"workers {workers} outlived the main process"
        time.sleep(0.05)
    assert not site.exists()  # the site was never swapped in; its new folder stays beside it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers' parent-death signal is Linux's")
def test_sigkill_during_lint_leaves_no_worker_behind(tmp_path):
    """lint's workers (io/workers.run_chunks) are the same Pool's: they end with the main process too."""
    import subprocess
    import time

    corpus = tmp_path / "corpus"
    generate.generate(corpus, 1500)
    proc = subprocess.Popen([sys.executable, "-m", "cistreaty", "lint", "--no-cache", str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while not workers:
        assert proc.poll() is None, "lint ended before its workers were seen"
        assert time.monotonic() < deadline, "no worker within 120 s"
        workers = _children(proc.pid)
        time.sleep(0.005)
    proc.kill()
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while any(_running(w) for w in workers):
        assert time.monotonic() < deadline, f"workers {workers} outlived the main process"
        time.sleep(0.05)
