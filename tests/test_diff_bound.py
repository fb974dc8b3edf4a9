"""diff's time is bounded: no word-level match over more than MAX_PAIRS token pairs, whatever the
paragraphs; what is too long is compared sentence by sentence, then shown replaced whole, and the
command says so. (No timings here: the bound is asserted on the work done.)"""

from __future__ import annotations

import difflib
import random

import pytest

from cistreaty.engine import diff as textdiff
from hostile_check import invoke

WORDS = ["the", "party", "shall", "notify", "a", "depositary", "of", "changes"]


def paragraph(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


@pytest.fixture
def sizes(monkeypatch):
    seen = []
    real = difflib.SequenceMatcher

    class Counting(real):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            # Word by word (autojunk off) within MAX_PAIRS; sentence by sentence within its own bound.
            bound = textdiff.MAX_SENTENCE_PAIRS if autojunk else textdiff.MAX_PAIRS
            seen.append(len(a) * len(b) / bound)
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(textdiff.difflib, "SequenceMatcher", Counting)
    return seen


def test_a_long_paragraph_changed_at_its_end_is_exact(sizes):
    words = paragraph(8_000)
    segments = textdiff.word_diff(words + " end.", words + " finish.")
    assert [s for s in segments if s[0] != textdiff.EQUAL] == [("delete", "end"), ("insert", "finish")]
    assert max(sizes, default=0) <= 1


def test_changes_at_both_ends_of_many_sentences_stay_word_by_word(sizes):
    text = " ".join(f"Sentence {i} says {paragraph(8, i)}." for i in range(3_000))
    new = text.replace("Sentence 7 says", "Sentence 7 now says").replace("Sentence 2999 says", "It said")
    coarse: list = []
    segments = textdiff.word_diff(text, new, coarse)
    changes = [s for s in segments if s[0] != textdiff.EQUAL]
    assert ("insert", "now ") in changes and coarse == []
    assert "".join(t for tag, t in segments if tag != "insert") == text
    assert "".join(t for tag, t in segments if tag != "delete") == new
    assert max(sizes) <= 1


def test_one_huge_sentence_is_shown_replaced_whole(sizes):
    words = paragraph(30_000)
    coarse: list = []
    segments = textdiff.word_diff("Start " + words + " end", "Begin " + words + " finish", coarse)
    assert coarse and [tag for tag, _ in segments] == ["delete", "insert"]
    assert max(sizes, default=0) <= 1


def test_the_command_says_when_it_showed_a_passage_whole(tmp_path):
    words = paragraph(30_000)
    (tmp_path / "base.yaml").write_text(
        'id: base\ntype: agreement\ntitle: {en: "Test fixture, not a real instrument"}\n'
        f'articles:\n  - number: "1"\n    paragraphs:\n      - {{en: "Start {words} end"}}\n')
    (tmp_path / "base-protocol.yaml").write_text(
        'id: base-protocol\ntype: protocol\namends: base\ntitle: {en: "Test fixture"}\n'
        f'amendments:\n  - {{op: substitute, article: "1", paragraphs: [{{en: "Begin {words} finish"}}]}}\n')
    result = invoke("diff", "base-protocol", "--corpus", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Article 1: 1 passage(s) too long to compare word by word" in result.stderr
