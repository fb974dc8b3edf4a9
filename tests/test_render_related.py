"""`related` instruments (the ones a preamble cites) render as links: to sibling files in a register
(`--out-dir`) and a single document, to sections in a whole-corpus page."""

import yaml

from conftest import CORPUS

RELATED = ["production-cooperation-1993", "further-development-concept-2020", "industry-council-2012"]


def test_every_related_id_of_the_corpus_names_a_file_of_the_corpus():
    for path in sorted(CORPUS.glob("*.yaml")):
        for rel in yaml.safe_load(path.read_text(encoding="utf-8")).get("related", []):
            assert (CORPUS / f"{rel['id']}.yaml").exists(), (path.name, rel["id"])


def test_markdown_document_links_the_preamble_instruments(cli):
    result = cli("render", "heavy-machinery", "--format", "md", "--as-of", "2026-12-01", "--corpus", CORPUS)
    assert result.exit_code == 0, result.stderr
    for rid in RELATED:
        assert f"- [{rid}]({rid}.md): cited in the preamble" in result.stdout


def test_register_links_resolve_to_written_files(cli, tmp_path):
    out = tmp_path / "site"
    result = cli("render", "--format", "html", "--out-dir", out, "--as-of", "2026-12-01", "--corpus", CORPUS)
    assert result.exit_code == 0, result.stderr
    page = (out / "heavy-machinery.html").read_text(encoding="utf-8")
    for rid in RELATED:
        assert f'<a href="{rid}.html">{rid}</a>' in page
        assert (out / f"{rid}.html").exists()


def test_whole_corpus_page_links_to_sections_and_text_lists_them(cli):
    page = cli("render", "--format", "html", "--as-of", "2026-12-01", "--corpus", CORPUS)
    assert page.exit_code == 0, page.stderr
    for rid in RELATED:
        assert f'<a href="#{rid}">{rid}</a>' in page.stdout and f'<article id="{rid}"' in page.stdout
    txt = cli("render", "heavy-machinery", "--format", "txt", "--as-of", "2026-12-01", "--corpus", CORPUS)
    assert "Related instruments:\n  - production-cooperation-1993: cited in the preamble" in txt.stdout
