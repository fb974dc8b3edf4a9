"""`render --format md` as GitHub renders it: cmark-gfm (Debian `cmark-gfm`, installed by .ci/run)
with its autolink extension. URLs and e-mail addresses are linked to exactly what the file says, and
the text reads exactly as written, markup characters included."""

from __future__ import annotations

import html
import json
import re
import subprocess

import pytest

from hostile_check import invoke
from tooling import command

URL = "https://example.org/some_path_file.html?a=1&b=2"
TEXTS = [
    f"See {URL} for the *full* text_of [it].",
    "Write to treaty_desk@example.org, or see www.example.org/x_y_z.",
    "In brackets (https://example.org/p_q) and *https://example.org/a_b* too.",
    "No link here: file_name_1 and 2 * 3 < 4 & 5 > 1.",
    "A URL then a tag: https://example.org/x<b>bold</b> and an entity: https://example.org/y&copy; end.",
]
# The rare forms GFM's autolinks get wrong, each with the link GitHub must show for it.
RARE = [
    ("https://example.org/x<b>bold</b>", "https://example.org/x"),
    ("see https://example.org/y&copy; end", "https://example.org/y&copy;"),
    ("(www.example.org/q?a=1&amp;).", "http://www.example.org/q?a=1&amp;"),
    ("https://example.org/a_b*c*\\d>e&x;<i>", "https://example.org/a_b*c*\\d>e&x;"),
]


def _gfm(markdown: str) -> str:
    exe = command("cmark-gfm", "apt-get install cmark-gfm")
    done = subprocess.run([exe, "-e", "autolink"], input=markdown.encode(), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode()


def _text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.fixture
def page(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    paragraphs = "".join(f"      - en: {json.dumps(text)}\n" for text in TEXTS)  # JSON strings are YAML
    (folder / "links.yaml").write_text(
        '# Test fixture, not a real instrument.\nid: links\ntype: agreement\ntitle: {en: "Links"}\n'
        'articles:\n  - number: "1"\n    paragraphs:\n' + paragraphs)
    result = invoke("render", "links", "-f", "md", "--as-of", "2026-01-01", "--corpus", folder)
    assert result.exit_code == 0, result.stderr
    return result.stdout, _gfm(result.stdout)


def test_urls_and_addresses_are_untouched_in_the_markdown(page):
    markdown, _ = page
    assert URL in markdown and "treaty_desk@example.org" in markdown and "www.example.org/x_y_z" in markdown
    assert "some\\_path" not in markdown and "%5C" not in markdown


def test_github_links_them_to_exactly_what_the_file_says(page):
    _, rendered = page
    hrefs = [html.unescape(h) for h in re.findall(r'<a href="([^"]+)"', rendered)]
    assert URL in hrefs
    assert "mailto:treaty_desk@example.org" in hrefs
    assert "http://www.example.org/x_y_z" in hrefs
    assert "https://example.org/p_q" in hrefs and "https://example.org/a_b" in hrefs
    assert "https://example.org/x" in hrefs and "https://example.org/y&copy;" in hrefs
    assert not any("%5C" in h or "\\" in h for h in hrefs), hrefs


def test_the_text_reads_as_written(page):
    _, rendered = page
    text = _text(rendered)
    for line in TEXTS:
        assert line in text, (line, text)
    assert "<em>" not in rendered and "<b>" not in rendered  # markup characters stay characters


@pytest.mark.parametrize("line", TEXTS)
def test_escape_of_one_line(line):
    from cistreaty.render.markdown import escape

    assert _text(_gfm(escape(line))).strip() == line


@pytest.mark.parametrize(("line", "href"), RARE)
def test_a_url_gfm_would_cut_is_a_link_to_exactly_the_url(line, href):
    from cistreaty.render.markdown import escape

    rendered = _gfm(escape(line))
    links = re.findall(r'<a href="([^"]+)">([^<]*)</a>', rendered)
    assert len(links) == 1, rendered
    # cmark-gfm percent-encodes a backslash and `>` in any href, its own autolinks' too.
    assert html.unescape(links[0][0]) == href.replace("\\", "%5C").replace(">", "%3E"), rendered
    assert html.unescape(links[0][1]) == (href.removeprefix("http://") if "www." in line else href)
    assert _text(rendered).strip() == line
