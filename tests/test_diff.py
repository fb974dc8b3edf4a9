"""`cistreaty diff` as a user runs it: every format on the example protocol, dates, usage errors."""

import json

import pytest

from conftest import CORPUS, EXAMPLE, FIXTURES

SUMMARY = "6 articles changed, 1 inserted, 1 repealed"



def diff(cli, *args, env=None):
    return cli("diff", *args, "--corpus", CORPUS, env=env or {"NO_COLOR": "1"})


def test_terminal_without_colour_marks_words_with_markers(cli):
    result = diff(cli, EXAMPLE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "heavy-machinery-amending-protocol amending heavy-machinery"
    assert lines[-1] == SUMMARY
    for expected in [
        "Article 5 (changed by Article 7 of heavy-machinery-amending-protocol)",
        "1. The Parties designate their authorized bodies and notify the [-depository-]{+depositary+} of the "
        "completion of necessary internal procedures.",
        "2. Each Party notifies the [-depository-]{+depositary+} of changes in the list of authorized bodies "
        "within 30 days.",
        "2. They may involve enterprises{+, organizations+} and [-organizations-]{+research centres+} with the "
        "necessary experience for the implementation of cooperation activities.",
        "The coordinator of the interaction is the Council on Industrial Policy of the CIS countries{+, which "
        "reports annually to the Economic Council of the CIS+}.",
        "  - {+regular +}exchange of information on legislation in the field of production cooperation;",
        "3. {+The working groups report on their activities to the authorized bodies of the Parties.+}",
        "Article 7.1 (inserted by Article 4 of heavy-machinery-amending-protocol)",
        "Heading: {+Register of joint projects+}",
        "Article 8 (changed by Article 3 of heavy-machinery-amending-protocol)",
        "Heading: {+Financing+}",
        "Article 9 (repealed by Article 6 of heavy-machinery-amending-protocol)",
        "[-The Agreement does not affect the rights and obligations of the Parties arising from other "
        "international treaties.-]",
    ]:
        assert expected in lines, expected
    # Unchanged articles are not shown; the first item of Article 3 ("exchange of information" once) is
    # context, not a change.
    assert "Article 1 (changed)" not in lines and "Article 2 (changed)" not in lines
    assert "  - exchange of information on priority products for heavy machine engineering based on national " \
           "strategies;" in lines
    assert result.stderr == ""


def test_order_of_articles_follows_their_numbers(cli):
    lines = diff(cli, EXAMPLE).stdout.splitlines()
    headers = [line for line in lines if line.startswith("Article ")]
    by = "of heavy-machinery-amending-protocol"
    assert headers == [f"Article 3 (changed by Article 7 {by})", f"Article 4 (changed by Article 5 {by})",
                       f"Article 5 (changed by Article 7 {by})", f"Article 6 (changed by Article 2 {by})",
                       f"Article 7 (changed by Article 1 {by})", f"Article 7.1 (inserted by Article 4 {by})",
                       f"Article 8 (changed by Article 3 {by})", f"Article 9 (repealed by Article 6 {by})"]


def test_markdown_strikes_deletions_and_bolds_insertions(cli):
    result = diff(cli, EXAMPLE, "--format", "md")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# heavy-machinery-amending-protocol amending heavy-machinery"
    assert lines[-1] == SUMMARY
    for expected in [
        "## Article 5 (changed by Article 7 of heavy-machinery-amending-protocol)",
        "1\\. The Parties designate their authorized bodies and notify the ~~depository~~**depositary** of the "
        "completion of necessary internal procedures.",
        # A mark between a letter and a comma would not render on GitHub: the word joins the change.
        "2\\. They may involve ~~enterprises~~**enterprises, organizations** and ~~organizations~~**research "
        "centres** with the necessary experience for the implementation of cooperation activities.",
        "- **regular** exchange of information on legislation in the field of production cooperation;",
        "## Article 7.1 (inserted by Article 4 of heavy-machinery-amending-protocol)",
        "*Heading:* **Register of joint projects**",
        "## Article 9 (repealed by Article 6 of heavy-machinery-amending-protocol)",
        "~~The Agreement does not affect the rights and obligations of the Parties arising from other "
        "international treaties.~~",
    ]:
        assert expected in lines, expected
    assert result.stderr == ""


def test_unified_is_a_patch_of_the_rendered_articles(cli):
    result = diff(cli, EXAMPLE, "--format", "unified")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    lines = lines[lines.index("--- heavy-machinery (before)"):]  # after the lines saying what made each change
    assert lines[:2] == ["--- heavy-machinery (before)",
                         "+++ heavy-machinery (after heavy-machinery-amending-protocol)"]
    assert lines[2].startswith("@@ ")
    for expected in [
        "-1. The Parties designate their authorized bodies and notify the depository of the completion of "
        "necessary internal procedures.",
        "+1. The Parties designate their authorized bodies and notify the depositary of the completion of "
        "necessary internal procedures.",
        "+Article 7.1",
        "+Heading: Register of joint projects",
        "-Article 9",
    ]:
        assert expected in lines, expected
    assert result.stderr == SUMMARY + "\n"


def test_json_has_articles_and_operations_with_before_and_after(cli):
    result = diff(cli, EXAMPLE, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert result.stdout == json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert (doc["protocol"], doc["amends"], doc["lang"]) == ("heavy-machinery-amending-protocol",
                                                             "heavy-machinery", "en")
    assert doc["summary"] == {"changed": 6, "inserted": 1, "repealed": 1}
    assert [(a["article"], a["kind"]) for a in doc["articles"]] == [
        ("3", "changed"), ("4", "changed"), ("5", "changed"), ("6", "changed"), ("7", "changed"),
        ("7.1", "inserted"), ("8", "changed"), ("9", "repealed")]
    # Each changed article names the protocol's article that changed it, as the terminal does.
    assert [a["by"] for a in doc["articles"]] == [
        [f"Article {n} of heavy-machinery-amending-protocol"] for n in ("7", "5", "7", "2", "1", "4", "3", "6")]
    ops = doc["operations"]
    assert [(o["index"], o["op"], o["article"], o["cite"], o["kind"]) for o in ops] == [
        (0, "substitute", "7", "1", "changed"), (1, "substitute", "6", "2", "changed"),
        (2, "substitute", "8", "3", "changed"), (3, "insert", "7.1", "4", "inserted"),
        (4, "insert", "4", "5", "changed"), (5, "repeal", "9", "6", "repealed"),
        (6, "replace-words", "3", "7", "changed"), (7, "replace-words", "5", "7", "changed")]
    assert ops[3]["before"] is None and ops[3]["after"].startswith("Article 7.1\nHeading: Register")
    assert ops[5]["after"] is None
    assert ops[7]["operation"] == {"op": "replace-words", "cite": "7", "article": "5", "lang": "en",
                                   "words": "depository", "occurrence": "all", "by": "depositary"}
    assert "depositary" in ops[7]["after"] and "depository" in ops[7]["before"]
    assert result.stderr == SUMMARY + "\n"


@pytest.mark.parametrize("fmt", ["terminal", "md", "unified", "json"])
def test_output_is_deterministic(cli, fmt):
    first = diff(cli, EXAMPLE, "--format", fmt)
    second = diff(cli, EXAMPLE, "--format", fmt)
    assert first.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes and first.stderr_bytes == second.stderr_bytes


def test_protocol_by_id_in_the_corpus(cli, example_corpus):
    result = cli("diff", "heavy-machinery-amending-protocol", "--corpus", example_corpus, env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert result.stdout == diff(cli, EXAMPLE).stdout


def test_between_two_dates_for_a_party(cli, example_corpus):
    # In the example, the protocol is in force for KG and TJ from 2026-06-03, for BY from 2027-02-14.
    def run(*args):
        return cli("diff", "heavy-machinery", *args, "--corpus", example_corpus, env={"NO_COLOR": "1"})

    kg = run("--from", "2026-01-01", "--to", "2026-07-01", "--party", "KG")
    assert kg.exit_code == 0, kg.output
    assert kg.stdout.splitlines()[0] == "heavy-machinery: text in force for KG on 2026-01-01 and on 2026-07-01"
    assert kg.stdout.splitlines()[-1] == SUMMARY
    assert "notify the [-depository-]{+depositary+} of the completion" in kg.stdout
    by = run("--from", "2026-01-01", "--to", "2026-07-01", "--party", "by")
    assert by.stdout.splitlines()[-1] == "0 articles changed, 0 inserted, 0 repealed"
    assert run("--from", "2026-01-01", "--to", "2027-02-14", "--party", "BY").stdout.splitlines()[-1] == SUMMARY
    general = run("--from", "2026-06-02", "--to", "2026-06-03", "--format", "json")
    doc = json.loads(general.stdout)
    assert (doc["protocols"], doc["party"], doc["summary"]["inserted"]) == (
        ["heavy-machinery-amending-protocol"], None, 1)
    assert "operations" not in doc
    assert run("--from", "2026-06-03", "--to", "2030-01-01").stdout.splitlines()[-1] == \
        "0 articles changed, 0 inserted, 0 repealed"


def test_a_protocol_that_does_not_apply_exits_1_with_positions(cli):
    broken = FIXTURES / "amend" / "fixture-broken.yaml"
    result = cli("diff", broken, "--corpus", FIXTURES / "amend")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 11
    assert lines[0] == (f"{broken}:9:14: C114 amendment 1 does not apply to fixture-base: article 99 does not "
                        "exist in the text being amended")
    assert result.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["no-such-id"], "no instrument with id 'no-such-id'"),
    (["heavy-machinery"], "heavy-machinery is not a protocol: to compare its text between two dates, give --from"),
    (["rules-of-origin-protocol-2015"], "rules-of-origin-protocol-2015 has no amendments to apply (its text is not held)"),
    (["heavy-machinery", "--from", "2026-01-01"], "give both --from and --to"),
    (["heavy-machinery", "--from", "2026-02-30", "--to", "2027-01-01"], "--from: '2026-02-30' is not a date"),
    (["heavy-machinery", "--from", "2027-01-01", "--to", "2026-01-01"], "--from 2027-01-01 is after --to 2026-01-01"),
    (["heavy-machinery", "--from", "2026-01-01", "--to", "2027-01-01", "--party", "XX"],
     "--party: 'XX' is not an ISO 3166-1 alpha-2 country code"),
    (["rules-of-origin-protocol-2015", "--from", "2026-01-01", "--to", "2027-01-01"],
     "rules-of-origin-protocol-2015 is a protocol: diff it without --from/--to"),
    (["rules-of-origin-2009", "--from", "2026-01-01", "--to", "2027-01-01"], "the text of rules-of-origin-2009 is not held"),
    ([str(EXAMPLE), "--party", "KG"], "--party needs --from and --to"),
    (["examples/no-such-file.yaml"], "examples/no-such-file.yaml: no such file"),
    ([str(EXAMPLE), "--lang", "ru"], "--lang ru: heavy-machinery holds en"),
])
def test_usage_errors_exit_2_with_one_line(cli, args, message):
    result = diff(cli, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("cistreaty: error: ") and message in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_format_is_a_usage_error(cli):
    result = diff(cli, EXAMPLE, "--format", "html")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_protocol_file_that_does_not_load_exits_1_with_positions(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntype: protocol\ntitle: {en: x}\namends: heavy-machinery\namendments:\n  - op: erase\n")
    result = diff(cli, bad)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{bad}:6:") and " S001 " in result.stderr


def test_diff_of_a_file_that_does_not_load_names_its_first_finding(cli, tmp_path):
    (tmp_path / "ctl.yaml").write_text("id: ctl\ntype: protocol\ntitle: {en: [x\n", encoding="utf-8")
    result = cli("diff", "ctl", "--corpus", tmp_path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"{tmp_path}/ctl.yaml:4:1: Y001 YAML syntax error" in result.stderr


def test_unified_patch_says_what_made_each_change_before_its_header(cli):
    out = diff(cli, EXAMPLE, "--format", "unified").stdout.splitlines()
    header = out[:out.index("--- heavy-machinery (before)")]
    assert header[0] == "Article 3: Article 7 of heavy-machinery-amending-protocol"
    assert "Article 9: Article 6 of heavy-machinery-amending-protocol" in header and len(header) == 8


def test_between_two_dates_each_change_names_its_protocol_article(cli, example_corpus):
    result = cli("diff", "heavy-machinery", "--from", "2026-01-01", "--to", "2027-01-01", "--party", "KG",
                 "--corpus", example_corpus, "--color", "never")
    assert result.exit_code == 0, result.stderr
    assert "Article 7.1 (inserted by Article 4 of heavy-machinery-amending-protocol)" in result.stdout.splitlines()


def test_unified_patch_with_its_description_applies_with_patch(cli, tmp_path):
    """The description lines before `---` are what patch(1) skips, as in a mailed patch."""
    import subprocess

    from cistreaty.io.corpus import load_corpus
    from cistreaty.render.diffview import document_lines

    before = load_corpus(CORPUS).get("heavy-machinery")
    target = tmp_path / "text.txt"
    target.write_text("\n".join(document_lines(before, "en")) + "\n")
    patch = diff(cli, EXAMPLE, "--format", "unified").stdout
    done = subprocess.run(["patch", str(target)], input=patch, text=True, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    text = target.read_text()
    assert "notify the depositary of the completion" in text and "notify the depository of the completion" not in text
    assert "Article 7.1\nHeading: Register of joint projects" in text
