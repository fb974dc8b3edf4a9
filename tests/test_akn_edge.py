"""Akoma Ntoso at the edges: a protocol with its own articles, awkward numbers and characters,
list-only paragraphs, --articles, an instrument with no date, deep XML."""

import shutil

import pytest

from akn_schema import NS, errors, parse
from conftest import CORPUS

PROTOCOL = """\
# EXAMPLE — NOT A REAL INSTRUMENT (test fixture).
id: own-articles-protocol
type: protocol
title: {en: "Protocol with its own articles (EXAMPLE)"}
signed: {date: 2026-03-01}
languages: {authentic: [en]}
amends: heavy-machinery
articles:
  - number: "1"
    paragraphs:
      - en: "Article 4 of the Agreement is amended as set out below."
  - number: "2"
    heading: {en: "Entry into force"}
    paragraphs:
      - en: "This Protocol enters into force on the date of its signature."
amendments:
  - op: repeal
    article: "11"
  - op: replace-words
    cite: "1"
    article: "4"
    paragraph: 2
    lang: en
    words: "Working groups"
    by: "Joint working groups"
"""

AWKWARD = """\
# EXAMPLE — NOT A REAL INSTRUMENT (test fixture).
id: awkward-test
type: agreement
title: {en: "Agreement <on> \\"things\\" & stuff (EXAMPLE)"}
signed: {date: 2024-01-02}
languages: {authentic: [en]}
preamble:
  - en: "Considering A & B < C,"
    items:
      - {en: "first;"}
      - {en: "second."}
  - items:
      - {en: "a list without an introduction"}
articles:
  - number: "1 bis"
    paragraphs:
      - en: "Line one\\nline two ]]> <not-a-tag/> &amp;"
      - items:
          - {en: "only items;"}
      - items:
          - {en: "and again."}
  - number: "7.1"
    heading: {en: "Heading"}
closing: {en: "Done."}
"""


@pytest.fixture
def corpus(tmp_path):
    dest = tmp_path / "agreements"
    dest.mkdir()
    shutil.copy(CORPUS / "heavy-machinery.yaml", dest)
    (dest / "own-articles-protocol.yaml").write_text(PROTOCOL, "utf-8")
    (dest / "awkward-test.yaml").write_text(AWKWARD, "utf-8")
    return dest


def _round_trip(cli, corpus, tmp_path, ident, *extra):
    first = tmp_path / "first.xml"
    r = cli("render", ident, "--corpus", corpus, "--format", "akn", "--as-of", "2026-04-01", *extra, "-o", first)
    assert r.exit_code == 0, r.output
    text = first.read_text("utf-8")
    assert errors(text) == []
    again = tmp_path / "again"
    again.mkdir()
    r = cli("import", first, "-o", again / f"{ident}.yaml")
    assert r.exit_code == 0, r.output
    shutil.copy(corpus / "heavy-machinery.yaml", again)
    second = tmp_path / "second.xml"
    r = cli("render", ident, "--corpus", again, "--format", "akn", "--as-of", "2026-04-01", *extra, "-o", second)
    assert r.exit_code == 0, r.output
    assert second.read_text("utf-8") == text
    return parse(text)


def test_a_protocol_with_its_own_articles_puts_its_operations_after_them(cli, corpus, tmp_path):
    doc = _round_trip(cli, corpus, tmp_path, "own-articles-protocol")
    x = lambda path: doc.xpath(path, namespaces=NS)  # noqa: E731
    assert x("//a:body/a:article/@eId") == ["art_1", "art_2"]
    assert x("//a:body/a:hcontainer[@name='amendments']/a:paragraph/@eId") == [
        "hcontainer_amendments__para_1", "hcontainer_amendments__para_2"]
    assert [m.get("{urn:cistreaty:akn:1}op") for m in x("//a:textualMod")] == ["repeal", "replace-words"]
    assert x("//a:textualMod[2]/a:destination/@href")[0].endswith("/heavy-machinery/!main#art_4__para_2")


def test_awkward_numbers_and_characters_stay_valid_and_come_back(cli, corpus, tmp_path):
    doc = _round_trip(cli, corpus, tmp_path, "awkward-test")
    x = lambda path: doc.xpath(path, namespaces=NS)  # noqa: E731
    assert x("//a:article/@eId") == ["art_1-bis", "art_7.1"]
    assert x("//a:article[@eId='art_1-bis']/a:num/text()") == ["Article 1 bis"]
    assert x("//a:paragraph[@eId='art_1-bis__para_1']//a:p/text()") == ["Line one\nline two ]]> <not-a-tag/> &amp;"]
    assert x("//a:paragraph[@eId='art_1-bis__para_2']/a:content/a:p") == []
    assert x("//a:item[@eId='art_1-bis__para_3__list_1__item_1']/a:p/text()") == ["and again."]
    assert x("//a:preamble/a:blockList/@eId") == ["preamble__list_1", "preamble__list_2"]
    assert x("//a:docTitle/text()") == ['Agreement <on> "things" & stuff (EXAMPLE)']


def test_control_characters_become_visible_escapes(cli, corpus):
    path = corpus / "awkward-test.yaml"
    path.write_text(path.read_text("utf-8").replace('en: "Done."', 'en: "Done\\x01\\x1b[31m."'), "utf-8")
    r = cli("render", "awkward-test", "--corpus", corpus, "--format", "akn")
    assert r.exit_code == 0, r.output
    assert errors(r.stdout) == []
    assert "Done\\x01\\x1b[31m." in r.stdout and "\x01" not in r.stdout and "\x1b" not in r.stdout


def test_articles_selects_the_body(cli, corpus):
    r = cli("render", "heavy-machinery", "--corpus", corpus, "--format", "akn", "--articles", "12-14")
    assert r.exit_code == 0 and errors(r.stdout) == []
    doc = parse(r.stdout)
    assert doc.xpath("//a:body/a:article/@eId", namespaces=NS) == ["art_12", "art_13", "art_14"]
    assert doc.xpath("//a:preamble|//a:conclusions", namespaces=NS) == []


def test_an_instrument_without_any_date_cannot_be_named(cli, corpus):
    (corpus / "undated-test.yaml").write_text(
        "id: undated-test\ntype: agreement\ntitle: {en: \"Undated (EXAMPLE)\"}\ntext: not-held\n", "utf-8")
    r = cli("render", "undated-test", "--corpus", corpus, "--format", "akn")
    assert r.exit_code == 2 and "needs a date of signature or adoption" in r.stderr
    assert "Traceback" not in r.output


def test_deep_xml_is_refused_with_its_line(cli, tmp_path):
    f = tmp_path / "deep.xml"
    f.write_text('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n'
                 + "<x>" * 5000 + "</x>" * 5000 + "</akomaNtoso>\n", "utf-8")
    r = cli("import", f, "-o", tmp_path / "out.yaml")
    assert r.exit_code == 2 and "nested more than 200 deep" in r.stderr and f"{f}:2:" in r.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_out_dir_writes_the_others_when_one_cannot_be_named(cli, corpus, tmp_path):
    (corpus / "undated-test.yaml").write_text(
        "id: undated-test\ntype: agreement\ntitle: {en: \"Undated (EXAMPLE)\"}\ntext: not-held\n", "utf-8")
    out = tmp_path / "site"
    r = cli("render", "--format", "akn", "--corpus", corpus, "--out-dir", out)
    assert r.exit_code == 1
    assert "undated-test.yaml" in r.stderr and "(not written)" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["awkward-test.xml", "heavy-machinery.xml",
                                                     "own-articles-protocol.xml"]


def test_an_act_without_its_wrapper_and_a_utf16_file_are_read(cli, corpus, tmp_path):
    r = cli("render", "heavy-machinery", "--corpus", corpus, "--format", "akn", "--as-of", "2026-01-01")
    text = r.stdout
    bare = text.split("\n", 2)[2].rsplit("</akomaNtoso>", 1)[0].replace(
        "<act ", '<act xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" '
                 'xmlns:cis="urn:cistreaty:akn:1" ', 1)
    outs = []
    for name, data in (("bare.xml", bare.encode("utf-8")),
                       ("utf16.xml", text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))):
        f = tmp_path / name
        f.write_bytes(data)
        r = cli("import", f, "-o", "-")
        assert r.exit_code == 0, r.output
        outs.append(r.stdout.split("\n", 2)[2].replace(name, "FILE"))
    assert outs[0] == outs[1]
    assert '  - number: "14"' in outs[0]
