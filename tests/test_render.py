"""The heavy machinery agreement in every format: all articles, in order, with their full text."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cistreaty.io.corpus import load_corpus
from cistreaty.models import Instrument
from cistreaty.render import Options, RenderError, render
from cistreaty.render.markdown import escape

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "agreements")


@pytest.fixture(scope="module")
def heavy(corpus) -> Instrument:
    return corpus.get("heavy-machinery")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _paragraph_texts(inst: Instrument, lang: str = "en") -> list[str]:
    out = []
    for art in inst.articles:
        for p in art.paragraphs:
            out.append(p.texts[lang])
            out += [i[lang] for i in p.items or ()]
    return out


def _inline_text(token) -> str:
    return "".join(c.content for c in token.children or () if c.type == "text")


def md_tokens(text: str):
    return MarkdownIt("commonmark").parse(text)


def md_headings(tokens) -> list[tuple[str, str]]:
    """(tag, text) of every heading, read from the token stream."""
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append((tok.tag, _inline_text(tokens[i + 1])))
    return out


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.headings, self.text = [], [], [], []
        self.tags: list[str] = []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, a.get("id"), ""]

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._heading[2] += data


def parse_html(text: str) -> _Html:
    p = _Html()
    p.feed(text)
    p.close()
    return p


def test_markdown_heading_structure_and_full_text(heavy):
    out = render(heavy, "md", Options(as_of=AS_OF))
    tokens = md_tokens(out)
    heads = md_headings(tokens)
    assert heads[0] == ("h1", heavy.title["en"])
    assert [t for t, _ in heads].count("h1") == 1
    articles = [text for tag, text in heads if tag == "h2" and text.startswith("Article")]
    assert articles == [f"Article {n}" for n in range(1, 15)]
    assert [text for tag, text in heads if tag == "h2"][-3:] == ["Signatures", "Status", "Notes"]
    # Every paragraph and list item, in order, as text the parser gives back (not raw markup).
    shown = [_inline_text(t) for t in tokens if t.type == "inline"]
    expected = _paragraph_texts(heavy)
    pos = 0
    for text in expected:
        pos = shown.index(text, pos) + 1
    bullets = sum(1 for t in tokens if t.type == "bullet_list_open")
    assert bullets >= 3  # metadata, articles 1 and 3
    html_tokens = [t.content for t in tokens if t.type in ("html_inline", "html_block")]
    html_tokens += [c.content for t in tokens if t.type == "inline" for c in t.children if c.type == "html_inline"]
    assert all(re.fullmatch(r'<a id="[a-z0-9-]+">|</a>', h.strip()) for h in html_tokens), html_tokens


def test_anchors_are_stable_in_every_format(heavy):
    expected = [f"article-{n}" for n in range(1, 15)]
    md = render(heavy, "md", Options(as_of=AS_OF))
    assert re.findall(r'<a id="(article-[^"]+)"></a>', md) == expected
    page = parse_html(render(heavy, "html", Options(as_of=AS_OF)))
    assert [i for i in page.ids if i.startswith("article-")] == expected
    assert [h for h in page.hrefs if h.startswith("#article-")] == ["#" + a for a in expected]


def test_html_full_text_in_order(heavy):
    out = render(heavy, "html", Options(as_of=AS_OF))
    page = parse_html(out)
    assert out.startswith("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">")
    assert [h[2] for h in page.headings if h[0] == "h2" and h[1].startswith("article-")] == \
        [f"Article {n}" for n in range(1, 15)]
    body = _flat(" ".join(page.text))
    pos = 0
    for text in _paragraph_texts(heavy):
        pos = body.index(_flat(text), pos)
    assert "@media print" in out and "<link" not in out and "src=" not in out
    assert page.tags.count("ul") >= 3


def test_text_full_text_wrapped(heavy):
    out = render(heavy, "txt", Options(as_of=AS_OF))
    assert max(len(line) for line in out.splitlines()) <= 80
    headings = re.findall(r"^(Article \d+)\n-+$", out, flags=re.M)
    assert headings == [f"Article {n}" for n in range(1, 15)]
    flat = _flat(out)
    pos = 0
    for text in _paragraph_texts(heavy):
        pos = flat.index(_flat(text), pos)
    assert "\n  - heavy machine engineering - industries" in out


def test_json_round_trips_with_status(heavy):
    data = json.loads(render(heavy, "json", Options(as_of=AS_OF)))
    assert [a["number"] for a in data["articles"]] == [str(n) for n in range(1, 15)]
    status = data.pop("status")
    assert data.pop("status_section")["summary"].startswith("Unknown: no depositary record")
    assert Instrument.model_validate_json(json.dumps(data)) == heavy
    assert status["id"] == "heavy-machinery" and status["as_of"] == "2026-11-22"
    # No depositary record of it was found: whether it is in force is unknown, not "no".
    assert status["in_force"] is None and status["instruments_needed"] == 3
    assert status["record_as_of"] is None and status["record_basis"] == "no-depositary-record"


def test_output_is_deterministic(heavy):
    for fmt in ("md", "html", "txt", "json"):
        assert render(heavy, fmt, Options(as_of=AS_OF)) == render(heavy, fmt, Options(as_of=AS_OF))


def test_metadata_says_which_text_is_shown(heavy):
    out = render(heavy, "md", Options(as_of=AS_OF))
    assert "**Authentic languages:** Russian" in out
    assert "**Text shown:** English (the text held; the authentic text is in Russian and is not held)" in out
    assert ("**Status:** As of 2026-11-22: Unknown: no depositary record; 0 notifications recorded; "
            "domestic approval by TJ (2025-10-31, source tj-546), KG (2025-12-24, source mts-kg) and "
            "BY (reported 2026-02-06, source by-cm-2026)") in out


def test_default_language_is_the_text_held_and_other_languages_are_refused(heavy):
    assert render(heavy, "md", Options(as_of=AS_OF)) == render(heavy, "md", Options(as_of=AS_OF, lang="en"))
    with pytest.raises(RenderError, match=r"does not hold its text in 'ru': the text is held in en"):
        render(heavy, "md", Options(as_of=AS_OF, lang="ru"))


def test_status_in_force_and_party(corpus):
    proto = corpus.get("rules-of-origin-protocol-2015")
    out = render(proto, "md", Options(as_of=AS_OF, party="RU"))
    assert ("**Status:** As of 2026-11-22: In force since 2017-05-21; as recorded on 2017-05-16, "
            "later events are not recorded") in out
    assert "**Status for Russian Federation:** in-force (in force from 2017-05-21); as recorded on 2017-05-16" in out
    assert "The text of this instrument is not held." in out
    before = render(proto, "txt", Options(as_of=dt.date(2016, 1, 1)))
    assert "Status: As of 2016-01-01: Not in force: 0 of 3 notifications received" in before
    assert json.loads(render(proto, "json", Options(as_of=AS_OF)))["status"]["entry_into_force"] == "2017-05-21"


def test_signatures_mark_uncertain_ones(heavy, corpus):
    out = render(heavy, "md", Options(as_of=AS_OF))
    assert "- Kyrgyzstan (KG), 2025-06-05 (uncertain)" in out
    proto = render(corpus.get("rules-of-origin-protocol-2015"), "txt", Options(as_of=AS_OF))
    assert "  - Kyrgyzstan (KG), 2015-10-30\n" in proto


def test_article_selection(heavy):
    out = render(heavy, "md", Options(as_of=AS_OF, articles="1,12-14"))
    heads = [t for tag, t in md_headings(md_tokens(out)) if tag == "h2"]
    assert heads == ["Article 1", "Article 12", "Article 13", "Article 14"]
    assert "governments of the states" not in out  # no preamble in an extract
    data = json.loads(render(heavy, "json", Options(as_of=AS_OF, articles="3-4")))
    assert [a["number"] for a in data["articles"]] == ["3", "4"]
    for bad, msg in (("15", "no article '15'"), ("5-2", "runs backwards"), ("1,,2", "empty entry")):
        with pytest.raises(RenderError, match=msg):
            render(heavy, "md", Options(as_of=AS_OF, articles=bad))


def test_amendment_notes_render_under_their_article(heavy):
    notes = {"7": ["Article 7 amended by protocol X, in force from 2027-01-01"]}
    opts = Options(as_of=AS_OF, notes=notes)
    md = render(heavy, "md", opts)
    note = md.index("> **Note:** Article 7 amended")
    assert md.index('<a id="article-7"></a>') < note < md.index('<a id="article-8"></a>')
    assert "Article 7 amended by protocol X" in render(heavy, "html", opts)
    assert "Note: Article 7 amended by protocol X" in render(heavy, "txt", opts)
    assert json.loads(render(heavy, "json", opts))["article_notes"] == notes
    assert "**Consolidated text:** as in force on 2026-11-22; each changed article says" in md
    assert "Consolidated text" not in render(heavy, "md", Options(as_of=AS_OF))


def test_not_held_instrument_says_so(corpus):
    inst = corpus.get("outer-space-2018")
    for fmt in ("md", "html", "txt"):
        assert "The text of this instrument is not held." in render(inst, fmt, Options(as_of=AS_OF))
    with pytest.raises(RenderError, match="its text is not held"):
        render(inst, "md", Options(as_of=AS_OF, lang="tg"))


def test_markdown_escape_unit():
    assert escape("1. a") == "1\\. a"
    assert escape("- a") == "\\- a"
    assert escape("a <b> & *c*") == "a \\<b\\> \\& \\*c\\*"
    assert escape("    code") == "code"


def test_status_line_announces_a_date_still_to_come(heavy):
    data = heavy.model_dump(mode="json", by_alias=True, exclude_none=True)
    for code, day in (("KG", "2026-11-01"), ("TJ", "2026-11-02"), ("BY", "2026-11-03")):
        data["parties"][code]["events"].append({"type": "notification", "date": day})
    made_up = Instrument.model_validate_json(json.dumps(data))  # a what-if, not a recorded fact
    out = render(made_up, "txt", Options(as_of=dt.date(2026, 11, 10), party="KG"))
    assert "Status: As of 2026-11-10: Enters into force on 2026-12-03 (coming)" in out
    assert "Status for Kyrgyzstan: pending (in force from 2026-12-03)" in out
