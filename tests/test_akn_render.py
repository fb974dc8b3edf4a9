"""`cistreaty render --format akn`: valid Akoma Ntoso 3.0 for every instrument, with FRBR identity,
eIds, references, lifecycle and textual modifications (docs/akn.md)."""

import shutil

import pytest

from akn_schema import NS, errors, parse
from conftest import ROOT, corpus_and_example_files

A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
WORK = "/akn/xc/act/agreement/2025-06-05/heavy-machinery"
PROTO_WORK = "/akn/xc/act/protocol/2026-02-10/heavy-machinery-amending-protocol"


def _render(cli, *args):
    r = cli("render", *args, "--format", "akn")
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("as_of,party", [("2026-01-01", None), ("2026-07-01", None), ("2026-07-01", "KG"),
                                         ("2027-03-01", "BY")])
def test_every_file_of_the_corpus_and_examples_renders_to_valid_akn(cli, whole_corpus, tmp_path, as_of, party):
    # The corpus grows while this is written: whatever the folders hold is rendered and validated.
    out = tmp_path / "out"
    args = ["--corpus", whole_corpus, "--out-dir", out, "--as-of", as_of] + (["--party", party] if party else [])
    r = cli("render", "--format", "akn", *args)
    assert r.exit_code == 0, r.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f.stem + ".xml" for f in corpus_and_example_files())
    for name in written:
        assert errors((out / name).read_text("utf-8")) == [], name


def test_the_validator_rejects_what_the_schema_forbids(cli, whole_corpus):
    # A test that cannot fail proves nothing: the same document with a duplicated eId and with an
    # element AKN does not have must both be refused.
    text = _render(cli, "heavy-machinery", "--corpus", whole_corpus, "--as-of", "2026-01-01")
    assert errors(text) == []
    assert errors(text.replace('eId="art_2"', 'eId="art_1"', 1))
    assert errors(text.replace("<conclusions>", "<conclusion>").replace("</conclusions>", "</conclusion>"))


def test_identity_structure_and_references_of_an_agreement(cli, whole_corpus):
    doc = parse(_render(cli, "heavy-machinery", "--corpus", whole_corpus, "--as-of", "2026-01-01"))
    act = doc.find("a:act", NS)
    assert act.get("name") == "agreement" and act.get("contains") == "originalVersion"
    x = lambda path: doc.xpath(path, namespaces=NS)  # noqa: E731
    assert x("//a:FRBRWork/a:FRBRuri/@value") == [WORK]
    assert x("//a:FRBRWork/a:FRBRthis/@value") == [WORK + "/!main"]
    assert x("//a:FRBRWork/a:FRBRcountry/@value") == ["xc"]
    assert x("//a:FRBRWork/a:FRBRdate/@date") == ["2025-06-05"]
    assert x("//a:FRBRExpression/a:FRBRuri/@value") == [WORK + "/eng@"]
    assert x("//a:FRBRExpression/a:FRBRlanguage/@language") == ["eng"]
    # The English text is a translation of the Russian original, which is not held.
    assert x("//a:FRBRExpression/a:FRBRtranslation/@fromLanguage") == ["rus"]
    assert x("//a:FRBRManifestation/a:FRBRthis/@value") == [WORK + "/eng@/!main.xml"]
    # Structure and eIds.
    assert len(x("//a:body/a:article")) == 14
    assert x("//a:article[@eId='art_12']/a:num/text()") == ["Article 12"]
    assert x("//a:paragraph[@eId='art_12__para_1']//a:p/text()")[0].startswith("The Agreement enters into force")
    assert len(x("//a:blockList[@eId='art_3__para_1__list_1']/a:item")) == 13
    assert x("//a:item[@eId='art_1__para_1__list_1__item_3']/a:p/text()")[0].startswith("authorized organizations")
    assert len(x("//a:preamble/a:p")) == 9
    assert x("//a:conclusions/a:p/text()")[0].startswith("The Agreement was signed in Dushanbe")
    assert x("//a:preface//a:docTitle/text()")[0].startswith("Agreement on Cooperation")
    # Every party a TLCLocation, the depositary a TLCOrganization.
    assert sorted(x("//a:references/a:TLCLocation/@eId")) == sorted(
        ["az", "am", "by", "kz", "kg", "ru", "tj", "tm", "uz"])
    assert x("//a:TLCOrganization[@eId='cis-executive-committee']/@showAs") == ["CIS Executive Committee"]
    # Lifecycle: the signature; per-party steps only for dated, certain events (the signatures are uncertain).
    assert x("//a:lifecycle/a:eventRef/@date") == ["2025-06-05"]
    assert [(s.get("by"), s.get("date"), s.get("refersTo")) for s in x("//a:workflow/a:step")] == [
        ("#kg", "2025-12-24", "#domestic-act"), ("#tj", "2025-10-31", "#domestic-act")]


def test_a_document_adopted_by_a_body_is_a_doc_authored_by_it(cli, whole_corpus):
    doc = parse(_render(cli, "further-development-concept-2020", "--corpus", whole_corpus))
    root = doc.find("a:doc", NS)
    assert root is not None and root.get("name") == "concept"
    x = lambda path: doc.xpath(path, namespaces=NS)  # noqa: E731
    assert x("//a:FRBRWork/a:FRBRuri/@value") == ["/akn/xc/doc/concept/2020-12-18/further-development-concept-2020"]
    assert x("//a:FRBRWork/a:FRBRdate/@name") == ["adoption"]
    author = x("//a:FRBRWork/a:FRBRauthor/@href")[0]
    assert x(f"//a:TLCOrganization[@eId='{author[1:]}']/@showAs") == ["Council of Heads of State of the CIS"]
    assert x("//a:mainBody/a:hcontainer/@name") == ["textNotHeld"]
    assert x("//cis:instrument/@text") == ["not-held"]


def _eids(doc) -> set:
    return set(doc.xpath("//@eId"))


def test_a_protocol_carries_its_operations_as_active_modifications(cli, whole_corpus):
    proto = parse(_render(cli, "heavy-machinery-amending-protocol", "--corpus", whole_corpus))
    base = parse(_render(cli, "heavy-machinery", "--corpus", whole_corpus, "--as-of", "2026-01-01"))
    mods = proto.xpath("//a:activeModifications/a:textualMod", namespaces=NS)
    assert [m.get("type") for m in mods] == ["substitution", "substitution", "substitution", "insertion",
                                             "insertion", "repeal", "substitution", "substitution"]
    own, base_eids = _eids(proto), _eids(base)
    for m in mods:
        source = m.find("a:source", NS).get("href")
        assert source.startswith("#") and source[1:] in own
        dest = m.find("a:destination", NS)
        work, _, eid = dest.get("href").partition("/!main#")
        assert work == WORK
        if dest.get("pos") != "before":  # a new paragraph 3 goes before a paragraph that does not exist yet
            assert eid in base_eids, eid
    assert mods[1].find("a:destination", NS).get("href").endswith("#art_6__para_2")
    assert mods[3].find("a:destination", NS).get("pos") == "after"
    new_article = proto.xpath("//a:mod[@eId='art_4__para_1__mod_1']/a:quotedStructure/a:article/a:heading/text()",
                              namespaces=NS)
    assert new_article == ["Register of joint projects"]
    assert proto.xpath("//a:mod[@eId='art_7__para_1__mod_1']/a:quotedText/text()", namespaces=NS) == [
        "exchange of information", "regular exchange of information"]
    assert proto.xpath("//a:activeRef/@href", namespaces=NS) == [WORK]


def test_a_consolidated_text_names_the_protocols_applied(cli, whole_corpus):
    text = _render(cli, "heavy-machinery", "--corpus", whole_corpus, "--as-of", "2026-07-01", "--party", "KG")
    assert errors(text) == []
    doc = parse(text)
    x = lambda path: doc.xpath(path, namespaces=NS)  # noqa: E731
    assert x("//a:act/@contains") == ["singleVersion"]
    assert x("//a:FRBRExpression/a:FRBRuri/@value") == [WORK + "/eng@2026-06-03;kg"]
    assert x("//a:passiveRef/@href") == [PROTO_WORK]
    passive = x("//a:passiveModifications/a:textualMod")
    assert len(passive) == 8
    assert all(m.find("a:source", NS).get("href").startswith(PROTO_WORK + "/!main#art_") for m in passive)
    assert x("//a:lifecycle/a:eventRef[@type='amendment']/@date") == ["2026-06-03"]
    assert x("//a:article[@eId='art_9']/@status") == ["removed"]
    assert x("//a:article[@eId='art_7.1']/a:heading/text()") == ["Register of joint projects"]
    assert "regular exchange of information" in text
    # Not yet bound for Belarus on that date: the text as signed, no modifications.
    by = parse(_render(cli, "heavy-machinery", "--corpus", whole_corpus, "--as-of", "2026-07-01", "--party", "BY"))
    assert by.xpath("//a:FRBRExpression/a:FRBRuri/@value", namespaces=NS) == [WORK + "/eng@"]
    assert by.xpath("//a:passiveModifications", namespaces=NS) == []


BILINGUAL = """\
id: bilingual-test
type: convention
title: {en: "Test Convention (EXAMPLE)", ru: "Тестовая конвенция (ПРИМЕР)"}
signed: {date: 2024-03-01, place: Minsk}
languages: {authentic: [ru, en]}
preamble:
  - {en: "The Parties agreed:", ru: "Стороны согласились:"}
articles:
  - number: "1"
    heading: {en: "Scope", ru: "Сфера"}
    paragraphs:
      - {en: "It applies.", ru: "Применяется."}
closing: {en: "Done at Minsk.", ru: "Совершено в Минске."}
"""


def test_one_expression_per_language(cli, tmp_path):
    corpus = tmp_path / "agreements"
    corpus.mkdir()
    (corpus / "bilingual-test.yaml").write_text(BILINGUAL, "utf-8")
    docs = {}
    for lang in ("ru", "en"):
        text = _render(cli, "bilingual-test", "--corpus", corpus, "--lang", lang)
        assert errors(text) == []
        docs[lang] = parse(text)
    work = "/akn/xc/act/convention/2024-03-01/bilingual-test"
    for lang, code, heading in (("ru", "rus", "Сфера"), ("en", "eng", "Scope")):
        d = docs[lang]
        assert d.xpath("//a:FRBRExpression/a:FRBRuri/@value", namespaces=NS) == [f"{work}/{code}@"]
        assert d.xpath("//a:FRBRlanguage/@language", namespaces=NS) == [code]
        assert d.xpath("//a:article[@eId='art_1']/a:heading/text()", namespaces=NS) == [heading]
        assert d.xpath("//a:FRBRtranslation", namespaces=NS) == []
    assert docs["ru"].xpath("//a:article/a:num/text()", namespaces=NS) == ["Статья 1"]
    # The default is the first authentic language; `all` cannot be one expression.
    assert parse(_render(cli, "bilingual-test", "--corpus", corpus)).xpath(
        "//a:FRBRlanguage/@language", namespaces=NS) == ["rus"]
    r = cli("render", "bilingual-test", "--corpus", corpus, "--format", "akn", "--lang", "all")
    assert r.exit_code == 2 and "one language expression" in r.stderr


def test_output_is_deterministic_and_written_atomically(cli, whole_corpus, tmp_path):
    args = ["heavy-machinery", "--corpus", whole_corpus, "--as-of", "2026-07-01", "--party", "KG"]
    assert _render(cli, *args) == _render(cli, *args)
    out = tmp_path / "hm.xml"
    r = cli("render", *args, "--format", "akn", "-o", out)
    assert r.exit_code == 0 and out.read_text("utf-8") == _render(cli, *args)


def test_out_dir_refuses_to_overwrite_and_writes_nothing(cli, whole_corpus, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "heavy-machinery.xml").write_text("mine", "utf-8")
    r = cli("render", "--format", "akn", "--corpus", whole_corpus, "--out-dir", out)
    assert r.exit_code == 2 and "--force" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["heavy-machinery.xml"]
    assert (out / "heavy-machinery.xml").read_text("utf-8") == "mine"


def test_akn_needs_an_id_or_an_out_dir(cli, whole_corpus):
    r = cli("render", "--format", "akn", "--corpus", whole_corpus)
    assert r.exit_code == 2 and "one document per instrument" in r.stderr


def test_a_protocol_whose_base_is_missing_is_refused_with_a_message(cli, tmp_path):
    corpus = tmp_path / "agreements"
    corpus.mkdir()
    shutil.copy(ROOT / "examples" / "heavy-machinery-amending-protocol.yaml", corpus)
    r = cli("render", "heavy-machinery-amending-protocol", "--corpus", corpus, "--format", "akn")
    assert r.exit_code == 2 and "not in the corpus" in r.stderr
    assert "Traceback" not in r.output
