"""`cistreaty render` on the command line: output files, the whole-corpus register, errors."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from cistreaty.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "agreements"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "render"
AS_OF = ["--as-of", "2026-11-22"]


def run(*args: str):
    return CliRunner().invoke(app, ["render", *args, "--corpus", str(CORPUS)])


def _ids():
    return sorted(p.stem for p in CORPUS.glob("*.yaml"))


def test_stdout_matches_file_and_is_deterministic(tmp_path):
    first = run("heavy-machinery", *AS_OF)
    assert first.exit_code == 0, first.output
    target = tmp_path / "out" / "heavy.md"
    written = run("heavy-machinery", *AS_OF, "-o", str(target))
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == first.stdout == run("heavy-machinery", *AS_OF).stdout
    assert [p.name for p in target.parent.iterdir()] == ["heavy.md"]  # no temporary file left behind


def test_default_date_is_today(monkeypatch):
    import datetime as dt

    from cistreaty.cli import common

    monkeypatch.setattr(common, "today", lambda: dt.date(2016, 1, 1))
    out = run("rules-of-origin-protocol-2015").stdout
    assert "As of 2016-01-01: Not in force" in out


@pytest.mark.parametrize("args, message", [
    (["no-such-thing"], "no instrument with id 'no-such-thing'"),
    (["heavy-machinry"], "did you mean heavy-machinery?"),
    (["heavy-machinery", "--lang", "ru"], "does not hold its text in 'ru': the text is held in en"),
    (["heavy-machinery", "--lang", "Russian"], "is not a language code"),
    (["heavy-machinery", "--articles", "99"], "has no article '99'"),
    (["heavy-machinery", "--format", "pdf"], "--format: 'pdf' is not one of md, html, txt, json"),
    (["heavy-machinery", "--party", "XX"], "not an ISO 3166-1 alpha-2 code"),
    (["heavy-machinery", "--as-of", "2025-02-30"], "is not a date"),
    (["--articles", "1"], "give its ID"),
    (["heavy-machinery", "--out-dir", "x"], "--out-dir renders the whole corpus"),
    (["-o", "x.md", "--out-dir", "x"], "exclude each other"),
])
def test_errors_are_one_line_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cistreaty: error: ") and message in lines[0], result.stderr
    assert result.stdout == "" and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_existing_output_is_refused_without_force(tmp_path):
    target = tmp_path / "heavy.md"
    target.write_text("keep me", encoding="utf-8")
    result = run("heavy-machinery", "-o", str(target))
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run("heavy-machinery", *AS_OF, "-o", str(target), "--force")
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# Agreement on Cooperation")
    assert sorted(os.listdir(tmp_path)) == ["heavy.md"]


def test_unknown_id_for_a_file_that_does_not_load(tmp_path):
    (tmp_path / "broken-thing.yaml").write_text("id: broken-thing\ntype: nonsense\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", "broken-thing", "--corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "broken-thing.yaml:2:7: S001 type: Input should be" in result.stderr
    assert "(the file does not load; 1 more: run `cistreaty lint " in result.stderr


def test_fixture_corpus_renders_from_the_cli():
    result = CliRunner().invoke(app, ["render", "hostile-fixture", "--corpus", str(FIXTURES),
                                      "--format", "html", "--lang", "all", "--as-of", "2026-01-01"])
    assert result.exit_code == 0 and "&lt;script&gt;" in result.stdout
    # The one script element is the page's schema.org JSON-LD.
    assert result.stdout.count("<script") == result.stdout.count('<script type="application/ld+json">') == 1


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])


def _html_links(text: str) -> _Links:
    p = _Links()
    p.feed(text)
    return p


def _md_links(text: str) -> tuple[set[str], list[str]]:
    tokens = MarkdownIt("commonmark").parse(text)
    hrefs = [c.attrs["href"] for t in tokens if t.type == "inline" for c in t.children if c.type == "link_open"]
    return set(re.findall(r'<a id="([^"]+)"></a>', text)), hrefs


def _check_links(folder: Path, parse) -> int:
    """Every link resolves to an existing file and, with a fragment, to an anchor in it."""
    anchors = {p.name: parse(p.read_text(encoding="utf-8"))[0] for p in folder.iterdir()}
    checked = 0
    for name in anchors:
        for href in parse((folder / name).read_text(encoding="utf-8"))[1]:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue  # a source's address, in the Sources list
            assert not parts.scheme and not parts.netloc, href
            target = parts.path or name
            assert target in anchors, f"{name}: {href} does not resolve"
            if parts.fragment:
                assert parts.fragment in anchors[target], f"{name}: #{parts.fragment} is not in {target}"
            checked += 1
    return checked


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_out_dir_register_links_resolve(tmp_path, fmt):
    out = tmp_path / "site"
    result = run("--format", fmt, "--out-dir", str(out), *AS_OF)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{i}.{fmt}" for i in _ids()] + [f"index.{fmt}"])
    index = (out / f"index.{fmt}").read_text(encoding="utf-8")
    for ident in _ids():
        assert f'{ident}.{fmt}' in index
    assert "In force since 2017-05-21" in index
    parse = (lambda t: (_html_links(t).ids, _html_links(t).hrefs)) if fmt == "html" else _md_links
    assert _check_links(out, parse) >= len(_ids()) + 14


def test_out_dir_refuses_to_overwrite_anything_without_force(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "heavy-machinery.txt").write_text("keep me", encoding="utf-8")
    result = run("--format", "txt", "--out-dir", str(out), *AS_OF)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert os.listdir(out) == ["heavy-machinery.txt"]  # nothing else was written either
    assert run("--format", "txt", "--out-dir", str(out), *AS_OF, "--force").exit_code == 0
    assert (out / "heavy-machinery.txt").read_text(encoding="utf-8").startswith("Agreement on Cooperation")


def test_out_dir_json_index(tmp_path):
    out = tmp_path / "data"
    assert run("--format", "json", "--out-dir", str(out), *AS_OF).exit_code == 0
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in index["instruments"]] == [f"{i}.json" for i in _ids()]
    for entry in index["instruments"]:
        assert json.loads((out / entry["file"]).read_text(encoding="utf-8"))["id"] == entry["id"]


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json"])
def test_whole_corpus_to_stdout_has_a_table_of_contents(fmt):
    result = run("--format", fmt, *AS_OF)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        assert [i["id"] for i in json.loads(out)["instruments"]] == _ids()
        return
    positions = [out.index(ident) for ident in _ids()]
    assert positions == sorted(positions)  # the contents list, in id order
    if fmt == "md":
        ids, hrefs = _md_links(out)
        local = {h for h in hrefs if not h.startswith(("http://", "https://"))}  # sources' addresses aside
        assert hrefs[:len(_ids())] == [f"#{i}" for i in _ids()] and local <= {"#" + i for i in ids}
        assert "heavy-machinery-article-14" in ids
    if fmt == "html":
        links = _html_links(out)
        assert all(h[1:] in links.ids for h in links.hrefs if h.startswith("#"))
