"""Hostile text (HTML, Markdown control characters, very long lines, RTL and Cyrillic) renders as text.

The fixture in tests/fixtures/render/ is made up and says so; it is not a real instrument.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cistreaty.io.loader import load_file
from cistreaty.models import Instrument
from cistreaty.render import Options, RenderError, render

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "render" / "hostile-fixture.yaml"
AS_OF = dt.date(2026, 1, 1)
OUR_HTML = re.compile(r'<a id="[a-z0-9-]+">|</a>')


@pytest.fixture(scope="module")
def hostile() -> Instrument:
    result = load_file(FIXTURE)
    assert result.instrument is not None, result.diagnostics
    return result.instrument


def _all_texts(inst: Instrument, lang: str = "en") -> list[str]:
    out = [p.texts[lang] for p in inst.preamble]
    for art in inst.articles:
        for p in art.paragraphs:
            out += [p.texts[lang]] + [i[lang] for i in p.items or ()]
    return out


def _tokens(text: str):
    return MarkdownIt("commonmark").parse(text)


def _walk(tokens):
    for t in tokens:
        yield t
        yield from t.children or ()


def test_markdown_has_no_html_or_links_from_the_text(hostile):
    for lang in ("en", "all"):
        tokens = list(_walk(_tokens(render(hostile, "md", Options(as_of=AS_OF, lang=lang)))))
        html = [t.content for t in tokens if t.type in ("html_block", "html_inline")]
        assert all(OUR_HTML.fullmatch(h.strip()) for h in html), html
        kinds = {t.type for t in tokens}
        links = [t.attrs["href"] for t in tokens if t.type == "link_open"]
        assert all(re.fullmatch(r"#article-[a-z0-9-]+", h) for h in links), links  # our contents only
        assert not kinds & {"image", "em_open", "code_inline",
                            "code_block", "fence", "blockquote_open", "ordered_list_open", "hr"}
        # Bold is ours only: the metadata labels.
        strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
        assert strong and all(s.endswith(":") and "*" not in s for s in strong), strong
        assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1


def test_markdown_text_reads_back_verbatim(hostile):
    """What the parser gives back as text is the text of the file, character for character."""
    tokens = _tokens(render(hostile, "md", Options(as_of=AS_OF)))
    inlines = []
    for t in tokens:
        if t.type == "inline":
            inlines.append("".join(c.content if c.type == "text" else "\n"
                                   for c in t.children if c.type in ("text", "hardbreak", "softbreak")))
    for text in _all_texts(hostile):
        expected = "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())
        assert expected in inlines, text[:80]
    h2 = [t for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert len(h2) == 3 + 3  # articles 1, 7.1, 8, then Signatures, Status and Notes


def test_html_escapes_every_text(hostile):
    for lang in ("en", "ru", "ar", "all"):
        out = render(hostile, "html", Options(as_of=AS_OF, lang=lang))
        assert "<script" not in out and "<img" not in out and "<b>" not in out
        assert "&lt;script&gt;alert(" in out
    out = render(hostile, "html", Options(as_of=AS_OF, lang="all"))
    assert '<div lang="ar" dir="rtl">' in out and '<div lang="he" dir="rtl">' in out
    assert "يحتفظ كل طرف بنسخة واحدة &lt;script&gt;" in out
    assert "Каждая сторона хранит один экземпляр" in out
    assert 'id="article-7-1"' in out


def test_text_wraps_at_80_except_unbreakable_words(hostile):
    out = render(hostile, "txt", Options(as_of=AS_OF, lang="all"))
    long_lines = [ln for ln in out.splitlines() if len(ln) > 80]
    assert long_lines and all(" " not in ln.strip() for ln in long_lines), long_lines
    assert "<script>alert(1)</script>" in out  # plain text shows the text as it is
    assert "[ar] يحتفظ كل طرف بنسخة واحدة" in out and "[ru] Каждая сторона" in out
    flat = " ".join(out.split())
    for text in _all_texts(hostile):
        assert " ".join(text.split()) in flat


def test_json_round_trips(hostile):
    data = json.loads(render(hostile, "json", Options(as_of=AS_OF)))
    data.pop("status")
    data.pop("status_section")
    assert Instrument.model_validate_json(json.dumps(data)) == hostile
    raw = render(hostile, "json", Options(as_of=AS_OF))
    assert "Каждая" in raw and "\\u" not in raw  # ensure_ascii=False keeps the text readable


def test_missing_language_is_marked_not_substituted(hostile):
    out = render(hostile, "md", Options(as_of=AS_OF, lang="ru"))
    assert "\\[not held in Russian\\]" in out and "Каждая сторона" in out
    assert "Each party keeps one copy" not in out
    with pytest.raises(RenderError, match="held in en, ru, ar, he"):
        render(hostile, "md", Options(as_of=AS_OF, lang="fr"))


def test_side_by_side_markdown_table(hostile):
    out = render(hostile, "md", Options(as_of=AS_OF, lang="all"))
    assert "| English | Russian | Arabic | Hebrew |" in out
    assert "\\*\\*מודגש\\*\\*" in out  # table cells are escaped too
