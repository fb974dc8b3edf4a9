"""The clause reader skips an article that holds none of its trigger words: it must never skip one it
would have read something from (or refused something in)."""

import ast
from pathlib import Path

import pytest

from cistreaty.engine import clause_patterns as p
from cistreaty.engine import clause_reader as reader
from cistreaty.engine import clause_words as w
from cistreaty.io.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
TRIGGERS = (p.EIF_VERB, p.PROVISIONAL_VERB, p.WITHDRAW, p.INDEFINITE, p.FIXED, p.AUTHORITIES)


def _test_sentences() -> list[str]:
    """Every sentence the reader's own tests use (their string literals), and the texts of the sources."""
    tree = ast.parse((ROOT / "tests" / "test_clause_reader.py").read_text(encoding="utf-8"))
    out = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
           and len(n.value) > 15]
    shared = ROOT.parent / "shared" / "sources"
    for path in sorted(shared.glob("**/*.txt")) if shared.is_dir() else ():
        out += [x for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]
    return out


def _articles():
    for folder in (ROOT / "agreements", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*.yaml")):
            inst = load_file(path).instrument
            for art in (inst.articles if inst is not None else ()):
                yield path.name, art


def test_the_test_texts_are_many():
    assert len(_test_sentences()) > 100  # the reader's own test sentences alone are 115


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_text_a_trigger_matches_holds_a_stem(lang):
    for text in _test_sentences():
        folded = w.fold(text)
        if any(t[lang].search(folded) for t in TRIGGERS):
            assert p.may_state(lang, folded), text


def _unfiltered(monkeypatch):
    """read_article as it reads without the skip."""
    def read(paras, lang):
        with monkeypatch.context() as m:
            m.setattr(reader, "may_state", lambda lang, folded: True)
            return reader.read_article(paras, lang)
    return read


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_skipping_changes_no_reading(lang, monkeypatch):
    unfiltered = _unfiltered(monkeypatch)
    for text in _test_sentences():
        assert reader.read_article([text], lang) == unfiltered([text], lang), text


def test_every_article_of_the_corpus_and_fixtures_reads_the_same(monkeypatch):
    unfiltered = _unfiltered(monkeypatch)
    read = 0
    for name, art in _articles():
        for lang in reader.LANGUAGES:
            paras = reader.article_paragraphs(art, lang)
            if paras:
                got = reader.read_article(paras, lang)
                assert got == unfiltered(paras, lang), (name, art.number, lang)
                read += bool(got.clauses)
    assert read >= 5  # the comparison covers articles that do state clauses
