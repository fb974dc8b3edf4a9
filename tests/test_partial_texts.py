"""Partial texts read in several languages: each passage in the language it was read in.

heavy-machinery holds the English translation in full and the Tajik preamble in part; protocols that
amend its articles give new wording in English, the language its articles are held in.
"""

from cistreaty.engine.amend import apply
from cistreaty.models import Instrument


def _base(text):
    return Instrument.model_validate({
        "id": "base", "type": "agreement", "title": {"ru": "Заголовок"},
        "languages": {"authentic": ["ru"], "held": ["en", "tg"]}, "text": text,
        "preamble": [{"en": "The Parties,", "tg": "Тарафҳо,"}],
        "articles": [{"number": "1", "paragraphs": [{"en": "Old wording."}]}],
    })


PROTOCOL = Instrument.model_validate({
    "id": "p", "type": "protocol", "title": {"en": "Protocol"}, "amends": "base", "text": "not-held",
    "amendments": [{"op": "substitute", "article": "1", "paragraph": 1, "text": {"en": "New wording."}}],
})


def test_new_wording_in_the_language_the_partial_articles_are_held_in_applies():
    result = apply(_base("partial"), PROTOCOL)
    assert result.errors == []
    assert result.instrument.articles[0].paragraphs[0].texts == {"en": "New wording."}


def test_a_file_holding_the_whole_text_still_needs_every_language():
    result = apply(_base("held"), PROTOCOL)
    assert [e.message for e in result.errors] == ["the new text lacks tg, which the amended instrument holds"]


def test_lint_accepts_passages_in_one_held_language_only_in_a_partial_file(cli, tmp_path):
    path = tmp_path / "base.yaml"
    body = ("id: base\ntype: agreement\ntitle: {ru: Заголовок}\nlanguages: {authentic: [ru], held: [en, tg]}\n"
            "text: TEXT\npreamble:\n  - {en: 'The Parties,', tg: 'Тарафҳо,'}\n"
            "articles:\n  - number: '1'\n    paragraphs: [{en: Old wording.}]\n")
    path.write_text(body.replace("TEXT", "partial"), encoding="utf-8")
    assert cli("lint", path).exit_code == 0
    path.write_text(body.replace("TEXT", "held"), encoding="utf-8")
    result = cli("lint", path)
    assert result.exit_code == 1 and "C109 text lacks tg" in result.stdout
