"""render --as-of/--party shows the consolidated text, with a note under each article a protocol changed."""

from conftest import CORPUS, EXAMPLE

NOTE = "in force for KG from 2026-06-03"



def render(cli, corpus, *args):
    result = cli("render", "heavy-machinery", "--format", "md", "--corpus", corpus, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_changes_show_when_in_force_for_the_party(cli, example_corpus):
    out = render(cli, example_corpus, "--as-of", "2026-07-01", "--party", "KG")
    assert "notify the depositary of the completion" in out and "notify the depository" not in out
    assert "## <a id=\"article-7-1\"></a>Article 7.1. Register of joint projects" in out
    assert ("> **Note:** Inserted by heavy-machinery-amending-protocol (Article 4 of the protocol), "
            f"{NOTE}") in out
    assert ("> **Note:** Amended by heavy-machinery-amending-protocol (Article 7 of the protocol), "
            f"{NOTE}") in out
    # A repealed article keeps its number, with nothing but the note under it.
    assert ("## <a id=\"article-9\"></a>Article 9\n\n> **Note:** Repealed by heavy-machinery-amending-protocol "
            f"(Article 6 of the protocol), {NOTE}") in out
    assert "arising from other international treaties" not in out


def test_nothing_changes_before_entry_into_force_or_for_a_party_not_bound(cli, example_corpus):
    original = render(cli, CORPUS, "--as-of", "2026-07-01")
    for args in (("--as-of", "2026-06-02", "--party", "KG"), ("--as-of", "2026-07-01", "--party", "BY"),
                 ("--as-of", "2027-01-01", "--party", "KZ")):
        out = render(cli, example_corpus, *args)
        assert "notify the depository of the completion" in out and "Note:** Amended" not in out, args
        assert "Article 7.1" not in out
    assert "Article 7.1" not in original


def test_a_later_party_gets_the_changes_from_its_own_date(cli, example_corpus):
    out = render(cli, example_corpus, "--as-of", "2027-02-14", "--party", "BY")
    assert "in force for BY from 2027-02-14" in out and "notify the depositary" in out
    general = render(cli, example_corpus, "--as-of", "2026-07-01")
    assert "Amended by heavy-machinery-amending-protocol (Article 1 of the protocol), in force from 2026-06-03" \
        in general


def test_a_protocol_in_force_that_does_not_apply_stops_the_render_with_its_position(cli, example_corpus):
    path = example_corpus / EXAMPLE.name
    path.write_text(path.read_text().replace('article: "9"', 'article: "99"'))
    result = cli("render", "heavy-machinery", "--as-of", "2026-07-01", "--corpus", example_corpus)
    assert result.exit_code == 1 and result.stdout == ""
    assert " C114 amendment 6 does not apply to heavy-machinery: article 99 does not exist" in result.stderr
    assert result.stderr.startswith(f"{path}:")


def test_whole_corpus_render_and_register_use_the_text_in_force(cli, example_corpus, tmp_path):
    args = ("--format", "md", "--corpus", example_corpus, "--as-of", "2026-07-01", "--party", "KG")
    whole = cli("render", *args)
    assert whole.exit_code == 0, whole.output
    assert "notify the depositary of the completion" in whole.stdout
    assert f"Amended by heavy-machinery-amending-protocol (Article 7 of the protocol), {NOTE}" in whole.stdout
    site = tmp_path / "site"
    assert cli("render", *args, "--out-dir", site).exit_code == 0
    page = (site / "heavy-machinery.md").read_text(encoding="utf-8")
    assert "notify the depositary of the completion" in page and "notify the depository" not in page
    before = cli("render", "--format", "md", "--corpus", example_corpus, "--as-of", "2026-06-02")
    assert "notify the depository of the completion" in before.stdout and "Note:** Amended" not in before.stdout


def test_a_consolidated_text_says_when_the_instrument_itself_does_not_bind_the_party(cli, example_corpus):
    out = render(cli, example_corpus, "--as-of", "2026-07-01", "--party", "KG")
    line = next(x for x in out.splitlines() if x.startswith("- **Consolidated text:**"))
    assert ("heavy-machinery itself is not in force for Kyrgyzstan on 2026-07-01 (signed): the text is the one "
            "the protocols in force would give, not one that binds Kyrgyzstan") in line
    # Without a party, the general status of the instrument itself is said the same way.
    general = render(cli, example_corpus, "--as-of", "2026-07-01")
    assert "heavy-machinery itself is not known to be in force on 2026-07-01 (Unknown:" in general


def test_protocols_not_yet_in_force_for_the_party_are_listed(cli, example_corpus):
    out = render(cli, example_corpus, "--as-of", "2026-07-01", "--party", "BY")
    assert ("- **Not applied: protocols not in force for Belarus on 2026-07-01:** "
            "heavy-machinery-amending-protocol (signed; waiting on its own notification)") in out
    before = render(cli, example_corpus, "--as-of", "2026-05-01", "--party", "KG")
    assert "**Not applied: protocols not in force for Kyrgyzstan on 2026-05-01:** heavy-machinery-amending-protocol (" \
        in before
    # Once in force for the party, the protocol is applied and no longer listed.
    assert "Not applied" not in render(cli, example_corpus, "--as-of", "2026-07-01", "--party", "KG")


def test_not_applied_protocols_show_in_every_text_format(cli, example_corpus):
    import json

    def run(fmt):
        result = cli("render", "heavy-machinery", "--format", fmt, "--corpus", example_corpus,
                     "--as-of", "2026-07-01", "--party", "BY")
        assert result.exit_code == 0, result.output
        return result.stdout

    for fmt in ("txt", "html"):
        assert "protocols not in force for Belarus on 2026-07-01" in run(fmt), fmt
    assert json.loads(run("json"))["not_applied"] == [
        {"protocol": "heavy-machinery-amending-protocol", "status": "signed; waiting on its own notification"}]
