"""The `record`, `related` and event-text fields: accepted as documented, refused with a position when incomplete."""

import textwrap

BASE = """\
id: demo
type: agreement
title: {en: "Demo agreement (a test fixture, not a real instrument)"}
text: not-held
sources:
  dep: {title: "A depositary record"}
"""


def _write(tmp_path, body):
    path = tmp_path / "demo.yaml"
    path.write_text(BASE + textwrap.dedent(body), encoding="utf-8")
    return path


def test_full_record_block_and_event_texts_lint_clean(cli, tmp_path):
    path = _write(tmp_path, """\
        record: {basis: depositary-record, as_of: 2017-05-16, source: dep, signatories: unknown}
        related: [{id: other-agreement, relation: cited in the preamble, source: dep}]
        parties:
          AM:
            events:
              - {type: reservation, date: 2011-05-31, text: {ru: "с оговоркой"}, source: dep}
              - {type: objection, date: 2012-01-10, against: BY, text: {en: "objects"}, source: dep}
              - {type: territorial-application, date: 2012-02-01, territory: "Some territory", source: dep}
              - {type: formal-confirmation, date: 2012-03-01, source: dep}
          BY:
            events:
              - {type: reservation, date: 2011-06-01, text: {en: "reserves"}, source: dep}
        """)
    result = cli("lint", path)
    assert result.exit_code == 0, result.stdout


def test_depositary_record_without_as_of_and_source_is_an_error_at_the_record(cli, tmp_path):
    path = _write(tmp_path, "record: {basis: depositary-record}\n")
    result = cli("lint", path)
    assert result.exit_code == 1
    assert f"{path}:7:" in result.stdout
    assert "needs as_of and source" in result.stdout


def test_other_bases_need_no_date(cli, tmp_path):
    for basis in ("complete", "no-depositary-record"):
        path = _write(tmp_path, f"record: {{basis: {basis}}}\n")
        assert cli("lint", path).exit_code == 0


def test_unknown_basis_and_bad_against_code_are_refused(cli, tmp_path):
    path = _write(tmp_path, "record: {basis: guessed}\n")
    assert cli("lint", path).exit_code == 1
    path = _write(tmp_path, """\
        parties:
          AM:
            events: [{type: objection, against: by}]
        """)
    result = cli("lint", path)
    assert result.exit_code == 1 and "against" in result.stdout
