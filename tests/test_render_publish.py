"""A page fit to publish (issue 15.3), as `cistreaty render --out-dir` writes it: sources numbered with
titles and links and cited from the facts, the closing formula and signature after the last article,
contents, `lang` on text in another language, schema.org Legislation JSON-LD, a link back to the index,
a print stylesheet, and an index grouped by status. Checked in the HTML as written and, in
test_render_browser.py, in the DOM Chromium builds."""

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import CORPUS

AS_OF = "2026-11-22"


class Page(HTMLParser):
    """Elements as (tag, attrs, text) in document order."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        el = [tag, dict(attrs), ""]
        self.elements.append(el)
        if tag not in ("br", "meta", "link", "img", "hr", "input"):
            self.stack.append(el)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for el in self.stack:
            el[2] += data

    def find(self, tag, **attrs):
        return [e for e in self.elements if e[0] == tag and all(e[1].get(k) == v for k, v in attrs.items())]

    def ids(self):
        return [e[1]["id"] for e in self.elements if "id" in e[1]]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from typer.testing import CliRunner

    from cistreaty.cli import app

    out = tmp_path_factory.mktemp("site") / "site"
    for fmt in ("html", "md"):
        result = CliRunner().invoke(app, ["render", "--format", fmt, "--out-dir", str(out / fmt),
                                          "--corpus", str(CORPUS), "--as-of", AS_OF])
        assert result.exit_code == 0, result.output
    return out


def page(site, ident="heavy-machinery"):
    return Page((site / "html" / f"{ident}.html").read_text(encoding="utf-8"))


def test_sources_are_a_numbered_list_with_titles_and_links_cited_from_the_facts(site):
    from cistreaty.io.corpus import load_corpus

    inst = load_corpus(CORPUS).get("heavy-machinery")
    p = page(site)
    section = p.find("section", **{"class": "sources"})
    assert section
    items = [e for e in p.elements if e[0] == "li" and e[1].get("id", "").startswith("source-")]
    assert len(items) == len(inst.sources)
    titles = [e[2] for e in items]
    for src in inst.sources.values():
        assert any(src.title in t for t in titles), src.title
    links = {e[1]["href"] for e in p.find("a") if e[1].get("href", "").startswith("http")}
    assert {s.url for s in inst.sources.values() if s.url and s.url.startswith("http")} <= links
    cites = [e for e in p.elements if e[0] == "a" and e[1].get("class") == "cite"]
    assert cites, "no fact cites its source"
    ids = set(p.ids())
    for a in cites:
        assert a[1]["href"].lstrip("#") in ids
        number = a[1]["href"].rsplit("-", 1)[1]
        assert a[2] == f"[{number}]"
    # The status line names tj-546: its citation points at that source's entry.
    n = sorted(inst.sources).index("tj-546") + 1
    assert f'source tj-546 <a class="cite" href="#source-{n}">[{n}]</a>' in (site / "html" / "heavy-machinery.html").read_text()


def test_closing_formula_and_signature_are_their_own_section_after_the_last_article(site):
    p = page(site)
    ids = p.ids()
    assert ids.index("closing") > ids.index("article-14")
    closing = p.find("section", **{"class": "closing"})[0][2]
    assert "The Agreement was signed in Dushanbe on June 5, 2025" in closing
    assert "Signed at Dushanbe on 2025-06-05" in closing
    article14 = [e for e in p.find("section", **{"class": "article"}) if "Article 14" in e[2]][0][2]
    assert "The Agreement was signed in Dushanbe" not in article14


def test_contents_list_articles_then_the_sections_after_them(site):
    p = page(site)
    nav = p.find("nav", **{"class": "toc"})[0][2]
    assert "Article 14" in nav and "Closing formula and signature" in nav and "Sources" in nav and "Status" in nav
    hrefs = [a[1]["href"] for a in p.find("a") if a[1].get("href", "").startswith("#")]
    ids = set(p.ids())
    assert all(h[1:] in ids for h in hrefs)


def test_contents_name_an_article_by_its_heading():
    from cistreaty.render import publish
    from cistreaty.render.view import ArticleView

    art = ArticleView("12", "article-12", "Article 12", (("en", "Entry into force"),), (), ())
    assert publish.toc_label(art) == "12. Entry into force"
    assert publish.toc_label(ArticleView("3", "article-3", "Article 3", (), (), ())) == "Article 3"


def test_text_in_another_language_says_which(site):
    p = page(site)
    assert p.find("html")[0][1]["lang"] == "en"
    russian = [e for e in p.find("dd", lang="ru")]
    assert russian and "Соглашение о сотрудничестве" in russian[0][2]
    assert p.find("dd", lang="tg")


def test_schema_org_legislation_json_ld_in_the_head(site):
    text = (site / "html" / "heavy-machinery.html").read_text(encoding="utf-8")
    head = text.split("</head>")[0]
    m = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', head, re.S)
    assert m
    doc = json.loads(m.group(1))
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "Legislation"
    assert doc["legislationDate"] == "2025-06-05"
    assert {n["@language"] for n in doc["name"]} == {"en", "ru", "tg"}
    assert doc["inLanguage"] == ["en"]
    assert {j["identifier"] for j in doc["legislationJurisdiction"]} >= {"KG", "TJ", "BY"}
    assert "legislationLegalForce" not in doc  # unknown stays unknown
    in_force = Page((site / "html" / "mineral-resources-1997.html").read_text(encoding="utf-8"))
    script = in_force.find("script", type="application/ld+json")[0][2]
    assert json.loads(script)["legislationLegalForce"] == "https://schema.org/InForce"


def test_every_page_links_back_to_the_index_and_prints_without_navigation(site):
    for path in (site / "html").glob("*.html"):
        if path.name == "index.html":
            continue
        p = Page(path.read_text(encoding="utf-8"))
        back = p.find("nav", **{"class": "site"})
        assert back and p.find("a", href="index.html"), path.name
    text = (site / "html" / "heavy-machinery.html").read_text(encoding="utf-8")
    assert "@media print" in text and re.search(r"nav\.toc, nav\.site \{ display: none; \}", text)
    md = (site / "md" / "heavy-machinery.md").read_text(encoding="utf-8")
    assert md.startswith("[← All instruments](index.md)\n")


def test_the_index_groups_by_status_and_says_what_each_is(site):
    p = Page((site / "html" / "index.html").read_text(encoding="utf-8"))
    groups = [e[2] for e in p.find("h2")]
    assert groups[0].startswith("In force (") and any(g.startswith("Status not established (") for g in groups)
    in_force = p.find("section", id="in-force")[0][2]
    assert "Agreement on cooperation in the study, exploration and use of mineral resources" in in_force
    assert "agreement, signed 1997-03-27 at Moscow, 9 parties recorded. In force since 1998-12-21" in in_force
    # Newest first within a group.
    assert in_force.index("2020-01-13") < in_force.index("1998-12-21")
    unknown = p.find("section", id="unknown")[0][2]
    assert "agreement, signed 2025-06-05 at Dushanbe, 9 parties recorded." in unknown


def test_markdown_has_the_same_sections(site):
    md = (site / "md" / "heavy-machinery.md").read_text(encoding="utf-8")
    for heading in ("Closing formula and signature", "Signatures", "Status", "Sources"):
        assert re.search(rf"^## <a id=\"[a-z]+\"></a>{heading}$", md, re.M), heading
    assert md.index("Closing formula") > md.index('<a id="article-14">')
    assert re.search(r"source tj-546 \[\\\[\d+\\\]\]\(#source-\d+\)", md)
    assert re.search(r"^1\\\. <a id=\"source-1\"></a>\*", md, re.M)
    index = (site / "md" / "index.md").read_text(encoding="utf-8")
    assert "## In force (" in index and "## Status not established (" in index


def test_a_javascript_url_in_a_source_is_shown_not_linked():
    from cistreaty.render import publish

    assert publish.web_url("javascript:alert(1)") is None
    assert publish.web_url("https://example.org/a") == "https://example.org/a"


def test_a_list_of_sources_cites_each_known_one():
    from cistreaty.render import publish

    out = publish.cite("(sources a-1, b.2 and zz; source a-1.)", {"a-1": 1, "b.2": 2}, lambda n, k: f"[{n}]")
    assert out == "(sources a-1[1], b.2[2] and zz; source a-1[1].)"
