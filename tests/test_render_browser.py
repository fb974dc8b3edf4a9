"""The HTML page as a real browser builds it (headless Chromium; Debian's `chromium`, which .ci/run
installs). Without one the tests skip locally and fail under CI=true (tests/tooling.py).

A parser in Python can disagree with a browser about what is markup; the DOM Chromium builds is
what a reader's browser would run.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from html.parser import HTMLParser
from pathlib import Path


import tooling
from cistreaty.io.corpus import load_corpus
from cistreaty.io.loader import load_file
from cistreaty.render import Options, render

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "render" / "hostile-fixture.yaml"
AS_OF = dt.date(2026, 11, 22)



def dump_dom(page: Path, tmp_path: Path) -> str:
    chromium = tooling.command("chromium", "apt-get install chromium")
    profile = tmp_path / "profile"
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        tooling.missing(f"a Chromium that runs ({exc})", "apt-get install chromium")
    if done.returncode != 0 or not done.stdout.strip():
        tooling.missing(f"a Chromium that runs (exit {done.returncode}: "
                        f"{done.stderr.decode(errors='replace')[-300:]})", "apt-get install chromium")
    return done.stdout.decode("utf-8")


class _Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.headings: list[tuple[str, str | None, str]] = []
        self.text: list[str] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3"):
            self._open = [tag, dict(attrs).get("id"), ""]

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self.headings.append(tuple(self._open))
            self._open = None

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._open[2] += data


def _dom(text: str) -> _Dom:
    d = _Dom()
    d.feed(text)
    return d


def test_article_headings_in_the_browser_dom(tmp_path):
    heavy = load_corpus(ROOT / "agreements").get("heavy-machinery")
    page = tmp_path / "heavy.html"
    page.write_text(render(heavy, "html", Options(as_of=AS_OF)), encoding="utf-8")
    dom = _dom(dump_dom(page, tmp_path))
    articles = [(i, t) for tag, i, t in dom.headings if tag == "h2" and (i or "").startswith("article-")]
    assert articles == [(f"article-{n}", f"Article {n}") for n in range(1, 15)]
    assert [t for tag, _, t in dom.headings if tag == "h1"] == [heavy.title["en"]]


def test_no_script_element_comes_from_the_text(tmp_path):
    hostile = load_file(FIXTURE).instrument
    page = tmp_path / "hostile.html"
    page.write_text(render(hostile, "html", Options(as_of=AS_OF, lang="all")), encoding="utf-8")
    dom = _dom(dump_dom(page, tmp_path))
    # The one script element is the page's own schema.org JSON-LD in the head; none comes from the text.
    assert dom.tags.count("script") == 1 and "img" not in dom.tags and "b" not in dom.tags
    text = "".join(dom.text)
    assert "<script>alert(1)</script>" in text  # shown to the reader as text
    assert "<img src=x onerror=alert(2)>" in text
    assert [i for tag, i, _ in dom.headings if tag == "h2" and i] == [
        "article-1", "article-7-1", "article-8", "closing", "signatures", "status", "notes"]
