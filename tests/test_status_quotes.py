"""`status --explain` quotes the words each date comes from, when the file holds the article's text."""

import shutil

from conftest import CORPUS

ASSUME = ["--assume", "KG:notification=2026-01-10", "--assume", "TJ:notification=2026-01-11",
          "--assume", "BY:notification=2026-01-12", "--assume", "RU:notification=2026-03-01",
          "--assume", "UZ:accession=2026-04-01", "--assume", "KG:withdrawal=2027-01-01"]
ART12 = ('Article 12 says: "The Agreement enters into force 30 days after the depository receives the third '
         'notification of the completion of procedures."')


def _lines(result):
    return [line.strip() for line in result.stdout.splitlines()]


def test_each_date_is_followed_by_its_words(cli):
    result = cli("status", "--corpus", CORPUS, "heavy-machinery", "--explain", "--as-of", "2027-12-01", *ASSUME)
    assert result.exit_code == 0, result.stderr
    lines = _lines(result)
    general = lines.index(ART12)
    assert lines[general - 1].startswith("Article 12: enters into force 30 days after")
    later = next(i for i, x in enumerate(lines) if "Article 12, later parties: 2026-03-01 + 30 days" in x)
    assert lines[later + 1].startswith('Article 12 says: "For Parties that complete the procedures later')
    accession = next(i for i, x in enumerate(lines) if x.startswith("UZ accession received 2026-04-01"))
    assert lines[accession + 1].startswith('Article 13 says: "For the acceding state')
    withdrawal = next(i for i, x in enumerate(lines) if x.startswith("KG withdrawal received 2027-01-01"))
    assert lines[withdrawal + 1].startswith('Article 14 says: "The Agreement is concluded for an indefinite period')


def test_no_quotes_without_explain_or_in_json_without_it(cli):
    plain = cli("status", "--corpus", CORPUS, "heavy-machinery", *ASSUME)
    assert "says:" not in plain.stdout
    js = cli("status", "--corpus", CORPUS, "heavy-machinery", "--json", *ASSUME)
    assert "says:" not in js.stdout
    js = cli("status", "--corpus", CORPUS, "heavy-machinery", "--json", "--explain", *ASSUME)
    assert js.exit_code == 0 and 'Article 12 says: \\"For Parties that complete' in js.stdout


def test_provisional_application_quoted_in_russian(cli, tmp_path):
    corpus = tmp_path / "agreements"
    corpus.mkdir()
    text = (CORPUS / "unified-registration-2011.yaml").read_text(encoding="utf-8")
    text = text.replace("\npreamble:", "\nparties:\n  RU:\n    signed: 2011-10-18\npreamble:", 1)
    (corpus / "unified-registration-2011.yaml").write_text(text, encoding="utf-8")
    lines = _lines(cli("status", "--corpus", corpus, "unified-registration-2011", "--explain"))
    i = next(i for i, x in enumerate(lines) if x.startswith("provisional application from signature: 2011-10-18"))
    assert lines[i + 1].startswith('Article 7 says: "Настоящее Соглашение временно применяется с даты подписания')


def test_words_that_disagree_with_the_data_are_not_quoted(cli, tmp_path):
    corpus = tmp_path / "agreements"
    shutil.copytree(CORPUS, corpus)
    path = corpus / "heavy-machinery.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    count: 3", "    count: 2"), encoding="utf-8")
    lines = _lines(cli("status", "--corpus", corpus, "heavy-machinery", "--explain", *ASSUME))
    assert ART12 not in lines
    assert any(x.startswith('Article 12 says: "For Parties') for x in lines)  # the later rule still agrees


def test_a_file_without_the_text_has_no_quotes(cli):
    result = cli("status", "--corpus", CORPUS, "rules-of-origin-protocol-2015", "--explain")
    assert result.exit_code == 0 and "says:" not in result.stdout
