"""The word-level diff and its formats, as pure functions."""

import io

from rich.console import Console

from cistreaty.models import Instrument
from cistreaty.engine.diff import DELETE, EQUAL, INSERT, compare, summary, tokens, word_diff
from cistreaty.render.diffview import format_markers, format_md, md_escape, rich_lines


def test_tokens_keep_punctuation_apart_and_lose_nothing():
    text = "Article 3, paragraph 2 — the Parties' «rights».\n"
    assert "".join(tokens(text)) == text
    assert tokens("depository.") == ["depository", "."]


def test_word_diff_reads_as_both_texts():
    before, after = "the depository of the completion.", "the depositary of the full completion!"
    segs = word_diff(before, after)
    assert "".join(t for tag, t in segs if tag != INSERT) == before
    assert "".join(t for tag, t in segs if tag != DELETE) == after
    assert segs == [(EQUAL, "the "), (DELETE, "depository"), (INSERT, "depositary"), (EQUAL, " of the "),
                    (INSERT, "full "), (EQUAL, "completion"), (DELETE, "."), (INSERT, "!")]


def test_changes_separated_by_a_space_only_are_one_change():
    assert word_diff("one red car", "one blue bike") == [(EQUAL, "one "), (DELETE, "red car"),
                                                         (INSERT, "blue bike")]


def test_identical_texts_have_no_change():
    assert word_diff("same text.", "same text.") == [(EQUAL, "same text.")]


def inst(*articles):
    return Instrument.model_validate({"id": "x", "type": "agreement", "title": {"en": "x"},
                                      "articles": list(articles)})


BEFORE = inst({"number": "1", "paragraphs": [{"en": "Text with *stars* and [brackets] and _under_."}]},
              {"number": "2", "paragraphs": [{"en": "1. Looks like a list."}]})
AFTER = inst({"number": "1", "paragraphs": [{"en": "Text with *stars* and [links](x) and _under_."}]},
             {"number": "2", "paragraphs": [{"en": "1. Looks like a list, still."}]})


def test_markdown_escapes_text_from_yaml():
    assert md_escape("a *b* _c_ [d] <e> `f` | ~g~ # & \\") == \
        "a \\*b\\* \\_c\\_ \\[d\\] \\<e\\> \\`f\\` \\| \\~g\\~ \\# \\& \\\\"
    out = format_md("t", compare(BEFORE, AFTER, "en"))
    assert "Text with \\*stars\\* and \\[~~brackets~~**links**\\]**(x)** and \\_under\\_." in out
    # A paragraph that starts like a list item stays a paragraph.
    assert "\n1\\. Looks like a ~~list~~**list, still**.\n" in out


def test_markdown_keeps_spaces_outside_the_marks():
    out = format_md("t", compare(inst({"number": "1", "paragraphs": [{"en": "a b"}]}),
                                 inst({"number": "1", "paragraphs": [{"en": "a new b"}]}), "en"))
    assert "\na **new** b\n" in out


def test_markers_and_summary():
    diffs = compare(BEFORE, AFTER, "en")
    assert format_markers("t", diffs).splitlines()[3:] == [
        "Text with *stars* and [[-brackets-]{+links+}]{+(x)+} and _under_.", "", "Article 2 (changed)",
        "1. Looks like a list{+, still+}."]
    assert summary(diffs) == "2 articles changed, 0 inserted, 0 repealed"
    assert summary(diffs[:1]) == "1 article changed, 0 inserted, 0 repealed"


def test_rich_output_styles_changes_and_never_reads_text_as_markup():
    before = inst({"number": "1", "paragraphs": [{"en": "keep [bold]this[/bold] old"}]})
    after = inst({"number": "1", "paragraphs": [{"en": "keep [bold]this[/bold] new"}]})
    diffs = compare(before, after, "en")
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, color_system="standard", width=200, highlight=False)
    for line in rich_lines("t [red]x[/red]", diffs, summary(diffs)):
        console.print(line)
    out = buf.getvalue()
    assert "[bold]this[/bold]" in out and "t [red]x[/red]" in out
    assert "\x1b[9;31mold" in out or "\x1b[31;9mold" in out  # red, struck through
    assert "\x1b[32mnew" in out
