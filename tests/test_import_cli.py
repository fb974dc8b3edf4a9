"""`cistreaty import` end to end: the published heavy-machinery text, a Russian text, files and errors."""

from __future__ import annotations

import pytest

from cistreaty.io.loader import load_file, load_text

from conftest import CORPUS, FIXTURES

IMPORT = FIXTURES / "import"
HEAVY = IMPORT / "004_418b15b5313a4753.txt"  # copied verbatim from ../shared/sources/
# Written for these tests, not a real instrument (its first line says so): «Статья» headings with
# heading lines, a wrapped sentence, list items, «Совершено в городе Бишкеке ...», «За Правительство ...».
RUSSIAN = IMPORT / "ru-laboratories.txt"


def _text_of(inst):
    """What the import is responsible for, as plain data: preamble, articles, closing."""
    return {
        "preamble": [p.model_dump() for p in inst.preamble],
        "articles": [a.model_dump() for a in inst.articles],
        "closing": inst.closing,
    }


def _without(lang, data):
    """`data` with the texts in `lang` taken out (the corpus file also holds the Tajik preamble read)."""
    if isinstance(data, dict):
        return {k: _without(lang, v) for k, v in data.items() if k != lang}
    if isinstance(data, list):
        return [_without(lang, v) for v in data]
    return data


def _import(cli, tmp_path, source, ident, *extra):
    out = tmp_path / f"{ident}.yaml"
    result = cli("import", source, "--id", ident, "-o", out, *extra)
    assert result.exit_code == 0, result.stderr
    return out, result


def test_heavy_machinery_text_matches_the_corpus_file(cli, tmp_path):
    out, result = _import(cli, tmp_path, HEAVY, "heavy-machinery")
    imported = load_file(out)
    assert imported.diagnostics == []
    corpus = load_file(CORPUS / "heavy-machinery.yaml").instrument
    got = imported.instrument
    # The import reads the English text; the corpus file holds that text plus the Tajik preamble read.
    assert _text_of(got) == _without("tg", _text_of(corpus))
    assert [a.number for a in got.articles] == [str(n) for n in range(1, 15)]
    assert got.title["en"] == corpus.title["en"]
    assert got.signed.date == corpus.signed.date and got.signed.place == corpus.signed.place
    assert got.languages.authentic == ["en"] and got.source == "text"
    assert got.sources["text"].title == f"Imported from {HEAVY.name}"


def test_heavy_machinery_signature_block_claims_no_signatory(cli, tmp_path):
    # The block is two columns copied as one: "Signature" lines cannot be matched to states.
    out, _ = _import(cli, tmp_path, HEAVY, "heavy-machinery")
    assert load_file(out).instrument.parties == {}
    text = out.read_text(encoding="utf-8")
    assert "cannot be matched to the states" in text
    for code, line in (("AZ", 138), ("RU", 140), ("KG", 168), ("UA", 170), ("MD", 174)):
        assert f"#   {code}  " in text and f"(line {line})" in text


def test_heavy_machinery_output_starts_with_schema_line_and_quotes_the_clauses(cli, tmp_path):
    out, _ = _import(cli, tmp_path, HEAVY, "heavy-machinery")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/instrument.schema.json"
    assert lines[2:4] == ["id: heavy-machinery", "type: agreement"]
    i = lines.index("entry_into_force:")
    assert lines[i - 2] == ('# Article 12, read by `cistreaty import` (check it): "The Agreement enters into force '
                            '30 days after the depository receives the third notification of the completion of procedures."')
    assert lines[i - 1].startswith('# Article 12, read by `cistreaty import` (check it): "For Parties that complete')
    assert not any(line.startswith("# TODO: entry_into_force") for line in lines)


def test_heavy_machinery_reports_what_it_left_out(cli, tmp_path):
    _, result = _import(cli, tmp_path, HEAVY, "heavy-machinery")
    err = result.stderr
    assert f"{HEAVY}:1: note: lines 1-14 left out (before the title)" in err
    assert f"{HEAVY}:175: note: line 175 left out (site menu)" in err
    assert f"{HEAVY}:177: note: lines 177-185 left out (page matter from 'Read also:' on)" in err
    assert "the draft passes lint" in err


def test_russian_text(cli, tmp_path):
    out, result = _import(cli, tmp_path, RUSSIAN, "test-labs")
    inst = load_file(out).instrument
    assert inst.title == {"ru": "Соглашение о сотрудничестве государств – участников Содружества Независимых "
                                "Государств в области испытательных лабораторий"}
    assert inst.type == "agreement" and inst.languages.authentic == ["ru"]
    assert str(inst.signed.date) == "2023-10-26" and inst.signed.place == "Бишкек"
    assert [p.texts["ru"] for p in inst.preamble][-1] == "согласились о нижеследующем:"
    assert [(a.number, a.heading["ru"]) for a in inst.articles] == [
        ("1", "Термины и определения"), ("2", "Цель Соглашения"), ("3", "Формы сотрудничества"),
        ("4", "Вступление в силу"), ("5", "Срок действия и выход из Соглашения")]
    art1 = inst.articles[0].paragraphs[0]
    assert art1.texts["ru"].endswith("понятия:") and len(art1.items) == 3
    assert art1.items[-1]["ru"] == "протокол испытаний – документ, содержащий результаты испытаний."
    assert inst.articles[1].paragraphs[0].texts["ru"] == (
        "Целью настоящего Соглашения является создание условий для взаимного признания результатов "
        "испытаний продукции.")
    art3 = inst.articles[2].paragraphs
    assert [i["ru"] for i in art3[0].items] == [
        "обмен информацией;", "проведение совместных испытаний; и", "подготовка специалистов."]
    assert art3[1].texts["ru"] == "Стороны могут определять иные формы сотрудничества."
    assert inst.closing["ru"].startswith("Совершено в городе Бишкеке 26 октября 2023 года")
    assert inst.closing["ru"].endswith("его заверенную копию.")
    # Belarus and Russia show "(подпись)"; Kazakhstan only a blank line, so it is a TODO.
    assert {c: str(p.signed) for c, p in inst.parties.items()} == {"BY": "2023-10-26", "RU": "2023-10-26"}
    assert "#   KZ  Республики Казахстан (line 47)" in out.read_text(encoding="utf-8")
    assert f"{RUSSIAN}:53: warning: not placed (in the signature block)" in result.stderr
    assert f"{RUSSIAN}:1: note: lines 1-2 left out (before the title)" in result.stderr


@pytest.mark.parametrize("source,ident", [(HEAVY, "heavy-machinery"), (RUSSIAN, "test-labs")])
def test_output_passes_lint(cli, tmp_path, source, ident):
    out, result = _import(cli, tmp_path, source, ident)
    assert "the draft passes lint" in result.stderr
    lint = cli("lint", out)
    assert lint.exit_code == 0, lint.stdout + lint.stderr


def test_stdout(cli, tmp_path):
    result = cli("import", RUSSIAN, "--id", "test-labs", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server:")
    loaded = load_text(result.stdout, "<stdout>")
    assert loaded.diagnostics == [] and loaded.instrument.id == "test-labs"
    assert list(tmp_path.iterdir()) == []


def test_output_is_deterministic(cli):
    first = cli("import", HEAVY, "--id", "heavy-machinery", "-o", "-").stdout
    assert first == cli("import", HEAVY, "--id", "heavy-machinery", "-o", "-").stdout


def test_refuses_to_overwrite(cli, tmp_path):
    out = tmp_path / "test-labs.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = cli("import", RUSSIAN, "--id", "test-labs", "-o", out)
    assert result.exit_code == 2
    assert "exists: pass --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test-labs.yaml"]  # no temporary file left
    forced = cli("import", RUSSIAN, "--id", "test-labs", "-o", out, "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_default_output_path(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("import", RUSSIAN, "--id", "test-labs").exit_code == 0
    assert (tmp_path / "test-labs.yaml").is_file()
    (tmp_path / "agreements").mkdir()
    assert cli("import", RUSSIAN, "--id", "test-labs").exit_code == 0
    assert (tmp_path / "agreements" / "test-labs.yaml").is_file()


def test_crlf_and_bom(cli, tmp_path):
    source = tmp_path / "crlf.txt"
    source.write_bytes(b"\xef\xbb\xbf" + RUSSIAN.read_bytes().replace(b"\n", b"\r\n"))
    plain = cli("import", RUSSIAN, "--id", "test-labs", "-o", "-")
    crlf = cli("import", source, "--id", "test-labs", "-o", "-")
    assert crlf.exit_code == 0
    assert crlf.stdout == plain.stdout.replace(RUSSIAN.name, source.name)
    assert f"{source}:53: warning:" in crlf.stderr  # line numbers are unchanged by CRLF and the BOM


def test_invalid_utf8(cli, tmp_path):
    source = tmp_path / "bad.txt"
    source.write_bytes("Соглашение о чём-то\n\nСтатья 1\n".encode() + b"\xff\xfe bad\n")
    result = cli("import", source, "--id", "bad", "-o", tmp_path / "bad.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"cistreaty: error: {source}:4:1: invalid UTF-8 (byte 0xff): save the file as UTF-8"]
    assert not (tmp_path / "bad.yaml").exists()


def test_missing_file_and_bad_id(cli, tmp_path):
    missing = cli("import", tmp_path / "nope.txt", "--id", "x", "-o", "-")
    assert missing.exit_code == 2 and "nope.txt" in missing.stderr and "Traceback" not in missing.stderr
    bad_id = cli("import", RUSSIAN, "--id", "Bad_Id", "-o", "-")
    assert bad_id.exit_code == 2 and "kebab-case" in bad_id.stderr


def test_no_title_is_an_error(cli, tmp_path):
    source = tmp_path / "no-title.txt"
    source.write_text("Some news.\n\nArticle 1.\n\nText.\n", encoding="utf-8")
    result = cli("import", source, "--id", "x", "-o", "-")
    assert result.exit_code == 2 and "no title found" in result.stderr and result.stdout == ""


def test_corpus_file_is_not_clobbered(cli, corpus_copy, monkeypatch):
    # The default output in a corpus folder is the file a maintainer curated by hand.
    monkeypatch.chdir(corpus_copy.parent)
    before = (corpus_copy / "heavy-machinery.yaml").read_bytes()
    result = cli("import", HEAVY, "--id", "heavy-machinery")
    assert result.exit_code == 2 and "exists: pass --force" in result.stderr
    assert (corpus_copy / "heavy-machinery.yaml").read_bytes() == before


def test_a_draft_on_stdout_is_linted_as_the_written_file_is(cli, tmp_path):
    """`-o -` and `-o FILE` run the same one-file checks, hidden characters included."""
    src = tmp_path / "treaty.txt"
    text = (IMPORT / "ru-laboratories.txt").read_text(encoding="utf-8")
    src.write_text(text.replace("Целью настоящего", "Целью \u202eнастоящего", 1), encoding="utf-8")
    shown = cli("import", src, "--id", "labs", "-o", "-")
    written = cli("import", src, "--id", "labs", "-o", tmp_path / "labs.yaml")
    assert shown.exit_code == written.exit_code == 0, (shown.stderr, written.stderr)

    def codes(stderr):
        return sorted(line.split(": ")[1].split()[0] for line in stderr.splitlines() if ": C1" in line)

    assert "C118" in codes(shown.stderr)
    assert codes(shown.stderr) == codes(written.stderr)
