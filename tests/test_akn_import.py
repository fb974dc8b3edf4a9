"""`cistreaty import FILE.xml`: an Akoma Ntoso act or doc to a YAML draft, the round trip
AKN -> YAML -> AKN, and hostile XML (malformed, not AKN, DTDs, XXE, billion laughs, duplicate eIds)."""

import http.server
import shutil
import threading

import pytest
import yaml

from akn_schema import errors
from conftest import ROOT, corpus_and_example_files


def _held_texts():
    """(id, language) for every instrument whose text is held, in every language it holds."""
    from cistreaty.io.loader import load_file
    from cistreaty.render.view import text_languages

    out = []
    for f in corpus_and_example_files():
        inst = load_file(f).instrument
        if inst is None or inst.text == "not-held":
            continue
        langs = text_languages(inst) or (inst.languages.text_languages if inst.languages else [])
        out += [(inst.id, lang) for lang in langs]
    return out


def _without_derived(text: str) -> str:
    # Entry into force is computed from the clause data, which AKN does not carry (docs/akn.md).
    return "\n".join(line for line in text.splitlines() if "entry-into-force" not in line)


def test_the_round_trip_covers_the_held_texts():
    ids = {i for i, _ in _held_texts()}
    assert {"heavy-machinery", "heavy-machinery-amending-protocol"} <= ids


@pytest.mark.parametrize("ident,lang", _held_texts())
def test_akn_to_yaml_to_akn_keeps_text_numbers_and_eids(cli, whole_corpus, tmp_path, ident, lang):
    first = tmp_path / "first.xml"
    args = ["--format", "akn", "--as-of", "2026-01-01", "--lang", lang]
    r = cli("render", ident, "--corpus", whole_corpus, *args, "-o", first)
    assert r.exit_code == 0, r.output
    corpus = tmp_path / "again"
    corpus.mkdir()
    r = cli("import", first, "-o", corpus / f"{ident}.yaml")
    assert r.exit_code == 0, r.output
    if "xml:lang=" not in first.read_text("utf-8").split("</meta>")[1]:
        # An expression complete in its language makes a clean draft; one that falls back to another
        # language where its own is missing (a partial translation) is flagged by C109, as it should be.
        assert "passes lint" in r.stderr
    data = yaml.safe_load((corpus / f"{ident}.yaml").read_text("utf-8"))
    original = yaml.safe_load((whole_corpus / f"{ident}.yaml").read_text("utf-8"))
    assert [a["number"] for a in data.get("articles", [])] == [a["number"] for a in original.get("articles", [])]
    if original.get("amends"):
        shutil.copy(whole_corpus / f"{original['amends']}.yaml", corpus)
    second = tmp_path / "second.xml"
    r = cli("render", ident, "--corpus", corpus, *args, "-o", second)
    assert r.exit_code == 0, r.output
    a, b = first.read_text("utf-8"), second.read_text("utf-8")
    assert errors(b) == []
    assert _without_derived(b) == _without_derived(a)


def test_the_draft_holds_the_structure(cli, whole_corpus, tmp_path):
    xml = tmp_path / "hm.xml"
    cli("render", "heavy-machinery", "--corpus", whole_corpus, "--format", "akn", "--as-of", "2026-01-01", "-o", xml)
    r = cli("import", xml, "-o", "-")
    assert r.exit_code == 0
    data = yaml.safe_load(r.stdout)
    assert data["id"] == "heavy-machinery" and data["type"] == "agreement"
    assert data["signed"] == {"date": __import__("datetime").date(2025, 6, 5)}
    assert data["languages"] == {"authentic": ["ru"], "held": ["en"]}
    assert data["depositary"] == "CIS Executive Committee"
    assert len(data["preamble"]) == 9 and len(data["articles"]) == 14
    assert data["articles"][11]["number"] == "12"
    assert len(data["articles"][2]["paragraphs"][0]["items"]) == 13
    assert data["closing"]["en"].startswith("The Agreement was signed in Dushanbe")
    assert data["parties"]["KG"] == {"events": [{"type": "domestic-act", "date": __import__("datetime").date(2025, 12, 24)}]}
    assert "# TODO: parties: AZ:" in r.stdout


def test_the_protocol_operations_come_back_exactly(cli, whole_corpus, tmp_path):
    xml = tmp_path / "p.xml"
    cli("render", "heavy-machinery-amending-protocol", "--corpus", whole_corpus, "--format", "akn", "-o", xml)
    r = cli("import", xml, "-o", "-")
    assert r.exit_code == 0, r.output
    got = yaml.safe_load(r.stdout)["amendments"]
    want = yaml.safe_load((ROOT / "examples" / "heavy-machinery-amending-protocol.yaml").read_text("utf-8"))["amendments"]
    assert got == want


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act">
    <meta>
      <identification source="#x">
        <FRBRWork><FRBRthis value="/akn/za/act/2009/1/!main"/><FRBRuri value="/akn/za/act/2009/1"/>
          <FRBRdate date="2009-03-01" name="Generation"/><FRBRauthor href="#x"/><FRBRcountry value="za"/>
          <FRBRnumber value="1"/><FRBRname value="Test Act" xml:lang="eng"/></FRBRWork>
        <FRBRExpression><FRBRthis value="/akn/za/act/2009/1/eng@/!main"/><FRBRuri value="/akn/za/act/2009/1/eng@"/>
          <FRBRdate date="2009-03-01" name="Generation"/><FRBRauthor href="#x"/><FRBRlanguage language="eng"/></FRBRExpression>
        <FRBRManifestation><FRBRthis value="/akn/za/act/2009/1/eng@/!main.xml"/><FRBRuri value="/akn/za/act/2009/1/eng@/!main.xml"/>
          <FRBRdate date="2009-03-01" name="Generation"/><FRBRauthor href="#x"/></FRBRManifestation>
      </identification>
      <publication date="2009-03-02" name="Gazette" showAs="Gazette" number="1"/>
    </meta>
    <body>
      <chapter eId="chp_1">
        <num>1</num>
        <article eId="art_1"><num>Article 1</num>
          <paragraph eId="art_1__para_1"><content><p>Some <b>bold</b> words.</p><table eId="t1"><tr><td><p>x</p></td></tr></table></content></paragraph>
        </article>
      </chapter>
    </body>
  </act>
</akomaNtoso>
"""


def test_what_cannot_be_mapped_is_listed_with_its_xpath_and_line(cli, tmp_path):
    f = tmp_path / "foreign.xml"
    f.write_text(FOREIGN, "utf-8")
    assert errors(FOREIGN) == []
    r = cli("import", f, "--id", "test-act", "-o", "-")
    assert r.exit_code == 0, r.output
    notes = [line for line in r.stderr.splitlines() if ": note: " in line]
    assert f"{f}:14: note: not mapped: /akomaNtoso/act/meta/publication" in notes
    assert f"{f}:18: note: not mapped: /akomaNtoso/act/body/chapter/num" in notes
    assert notes == sorted(notes, key=lambda n: int(n.split(":")[1]))
    assert any("/akomaNtoso/act/body/chapter" in n and "around articles not kept" in n for n in notes)
    assert any(n.startswith(f"{f}:20:") and "inline <b> kept as plain text" in n for n in notes)
    assert any("not mapped: /akomaNtoso/act/body/chapter/article/paragraph/content/table" in n for n in notes)
    data = yaml.safe_load(r.stdout)
    assert data["title"] == {"en": "Test Act"}
    assert data["articles"] == [{"number": "1", "paragraphs": [{"en": "Some bold words."}]}]


def _refused(cli, tmp_path, text, *needles):
    f = tmp_path / "in.xml"
    f.write_text(text, "utf-8")
    out = tmp_path / "out.yaml"
    r = cli("import", f, "--id", "x", "-o", out)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    for needle in needles:
        assert needle in r.stderr, r.stderr
    assert not out.exists()
    return r


def test_malformed_xml_names_its_line(cli, tmp_path):
    _refused(cli, tmp_path, "<akomaNtoso>\n  <act>\n  </acts>\n</akomaNtoso>\n", "in.xml:3:", "malformed XML: mismatched tag")


def test_xml_that_is_not_akn_is_refused(cli, tmp_path):
    _refused(cli, tmp_path, '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
             "in.xml:1:1:", "not an Akoma Ntoso document", "<html>")
    _refused(cli, tmp_path, '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n<judgment/></akomaNtoso>',
             "in.xml:2:", "only an <act> or a <doc>")


def test_duplicate_eids_are_refused_with_the_line(cli, whole_corpus, tmp_path):
    r = cli("render", "heavy-machinery", "--corpus", whole_corpus, "--format", "akn")
    text = r.stdout.replace('<article eId="art_2">', '<article eId="art_1">')
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if 'eId="art_1__para_1"' in ln) + 1
    second = next(n for n, ln in enumerate(text.splitlines(), 1) if n > line and 'eId="art_1"' in ln)
    _refused(cli, tmp_path, text, f"in.xml:{second}:", "duplicate eId 'art_1'")


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="agreement"><meta/>
<body><article eId="art_1"><num>1</num><paragraph eId="art_1__para_1"><content><p>&lol9;</p></content></paragraph></article></body></act></akomaNtoso>
"""


def test_billion_laughs_is_refused_before_anything_expands(cli, tmp_path):
    from cistreaty.importer import xmlsafe

    r = _refused(cli, tmp_path, LAUGHS, "in.xml:2:", "document type declaration")
    assert "lollol" not in r.output and len(r.output) < 1000
    # The parser itself stops at the declaration: no entity is declared, let alone expanded.
    with pytest.raises(xmlsafe.XmlRefused) as exc:
        xmlsafe.parse(LAUGHS.encode())
    assert exc.value.line == 2


def test_an_external_entity_naming_a_local_file_is_never_read(cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-42", "utf-8")
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="agreement"><meta/>'
            '<body><article eId="art_1"><num>1</num><paragraph eId="art_1__para_1"><content><p>&x;</p>'
            '</content></paragraph></article></body></act></akomaNtoso>\n')
    r = _refused(cli, tmp_path, text, "in.xml:2:", "DTDs and the entities they declare are never read")
    assert "TOP-SECRET-CONTENT-42" not in r.output
    # Without the declaration the reference is merely undefined: still refused, still not read.
    bare = text.replace(text.splitlines()[1] + "\n", "")
    r = _refused(cli, tmp_path, bare, "in.xml:2:", "undefined entity")
    assert "TOP-SECRET-CONTENT-42" not in r.output


@pytest.fixture
def http_server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body = b'<!ENTITY x "FETCHED-FROM-THE-NETWORK">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_no_url_in_a_dtd_or_entity_is_ever_fetched(cli, tmp_path, http_server):
    import urllib.request

    base, hits = http_server
    # The server answers (so a parser that fetched would get something) ...
    assert urllib.request.urlopen(base + "/probe").read().startswith(b"<!ENTITY")
    hits.clear()
    root = ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="agreement"><meta/>'
            '<body><article eId="art_1"><num>1</num><paragraph eId="art_1__para_1"><content><p>&x;</p>'
            '</content></paragraph></article></body></act></akomaNtoso>\n')
    attacks = [
        f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "{base}/external.dtd">\n' + root,
        f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "{base}/entity">]>\n' + root,
        f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{base}/param.dtd"> %p;]>\n' + root,
    ]
    for text in attacks:
        r = _refused(cli, tmp_path, text, "in.xml:2:")
        assert "FETCHED-FROM-THE-NETWORK" not in r.output
    # ... and was never asked.
    assert hits == []


def test_a_text_file_still_needs_an_id(cli, tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Agreement on Things\n\nArticle 1\n\nIt applies.\n", "utf-8")
    r = cli("import", f, "-o", "-")
    assert r.exit_code == 2 and "--id is required" in r.stderr
