"""A folder holding one broken file per loader case, linted in one run.

Each file gets its own diagnostic at the right position, the run exits 1 without a traceback,
and the good files in the same folder are still checked.
"""

import json
import os

import pytest

GOOD = 'id: {id}\ntype: agreement\ntitle: {{en: "Test fixture, not a real instrument"}}\ntext: not-held\n'


def build(folder):
    """Write the broken folder; return {file name: (code, line, col)} expected."""
    files = {
        "syntax.yaml": ("id: x\ntitle: [unclosed\n", ("Y001", 3, 1)),
        "duplicate.yaml": (GOOD.format(id="duplicate") + "type: treaty\n", ("Y002", 5, 1)),
        "anchor.yaml": ("id: anchor\nbase: &b {en: X}\ntitle: *b\n", ("Y003", 2, 7)),
        "tab.yaml": ("id: tab\ntitle:\n\ten: X\n", ("Y004", 3, 1)),
        "empty.yaml": ("", ("Y006", 1, 1)),
        "comments-only.yaml": ("# nothing here\n", ("Y006", 1, 1)),
        "list-root.yaml": ("\n- id: x\n", ("Y007", 2, 1)),
        "bad-date.yaml": ("id: bad-date\ntype: agreement\nsigned: {date: 2025-02-30}\n", ("Y008", 3, 16)),
        "deep.yaml": ("id: deep\nx: " + "[" * 100 + "]" * 100 + "\n", ("Y009", 2, 67)),
        "python-tag.yaml": ("id: t\ntype: !!python/object/apply:os.system [echo]\n", ("Y013", 2, 7)),
        "huge-int.yaml": ("id: n\nx: " + "9" * 5000 + "\n", ("Y015", 2, 4)),
        "schema.yaml": (GOOD.format(id="schema") + "colour: blue\n", ("S001", 5, 1)),
        "semantic.yaml": (GOOD.format(id="not-the-file-name"), ("C101", 1, 5)),
    }
    for name, (text, _) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    expected = {name: exp for name, (_, exp) in files.items()}

    (folder / "invalid-utf8.yaml").write_bytes(b"id: x\ntitle: {en: \"caf\xe9\"}\n")
    expected["invalid-utf8.yaml"] = ("Y005", 2, 17)
    (folder / "utf16.yaml").write_bytes(GOOD.format(id="utf16").encode("utf-16"))
    expected["utf16.yaml"] = ("Y005", 1, 1)
    for codec in ("utf-16-le", "utf-16-be"):  # no byte-order mark, as some editors save it
        (folder / f"{codec}.yaml").write_bytes(GOOD.format(id=codec).encode(codec))
        expected[f"{codec}.yaml"] = ("Y005", 1, 1)
    (folder / "too-large.yaml").write_bytes(b"id: big\nx: '" + b"a" * (2 * 1024 * 1024) + b"'\n")
    expected["too-large.yaml"] = ("Y010", 0, 0)
    os.symlink("loop.yaml", folder / "loop.yaml")  # a symlink to itself: unreadable
    expected["loop.yaml"] = ("Y011", 0, 0)
    (folder / "folder.yaml").mkdir()
    expected["folder.yaml"] = ("Y012", 0, 0)
    # Good files, one with a BOM: both must be read and found clean.
    (folder / "good.yaml").write_text(GOOD.format(id="good"), encoding="utf-8")
    (folder / "with-bom.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.format(id="with-bom").encode())
    return expected


def test_each_broken_file_has_its_own_positioned_diagnostic(cli, tmp_path):
    expected = build(tmp_path)
    result = cli("lint", "--output-format", "json", tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    diags = json.loads(result.stdout)
    by_file = {}
    for d in diags:
        by_file.setdefault(os.path.basename(d["path"]), []).append((d["code"], d["line"], d["column"]))
    for name, exp in expected.items():
        assert exp in by_file.get(name, []), (name, by_file.get(name))
    # The good files were checked and are clean; the summary counts every file.
    assert "good.yaml" not in by_file and "with-bom.yaml" not in by_file
    assert f"in {len(by_file)} of {len(expected) + 2} files" in result.stderr


def test_text_output_is_one_line_per_finding(cli, tmp_path):
    build(tmp_path)
    result = cli("lint", tmp_path)
    lines = result.stdout.splitlines()
    assert lines and all(line.count(": ") >= 1 and line.startswith(str(tmp_path)) for line in lines)
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))


@pytest.mark.parametrize("text,code", [
    ("a: 1\nb: &x [1]\nc: *x\n", "Y003"),
    ("a: !!binary aGVsbG8=\n", "Y013"),
    ("a: !custom 1\n", "Y013"),
    ("--- {a: 1}\n--- {b: 2}\n", "Y001"),
])
def test_loader_refusals(text, code):
    from cistreaty.io import yamlio

    with pytest.raises(yamlio.LoadError) as info:
        yamlio.loads(text, "f.yaml")
    assert info.value.diagnostics[0].code == code


def test_yaml_1_2_booleans_keep_norway_a_string():
    from cistreaty.io import yamlio

    value = yamlio.loads("parties: {NO: {}, ON: {}}\nflag: true\nword: yes\n").value
    assert set(value["parties"]) == {"NO", "ON"}
    assert value["flag"] is True and value["word"] == "yes"


def test_strict_dates_refuse_integers(cli, tmp_path):
    path = tmp_path / "epoch.yaml"
    path.write_text('id: epoch\ntype: agreement\ntitle: {en: X}\ntext: not-held\nsigned: {date: 0}\n')
    result = cli("lint", path)
    assert result.exit_code == 1
    assert f"{path}:5:16: S001 signed.date: Input should be a valid date (write it unquoted, as YYYY-MM-DD)" in result.stdout


def test_missing_key_points_at_the_mapping_that_lacks_it(cli, tmp_path):
    path = tmp_path / "missing.yaml"
    path.write_text('id: missing\ntype: agreement\ntitle: {en: X}\ntext: not-held\n'
                    'parties:\n  KG:\n    events:\n      - {date: 2020-01-01}\n')
    result = cli("lint", path)
    assert f"{path}:8:9: S001 missing required key 'type'" in result.stdout


def test_duplicate_keys_are_capped_per_file():
    from cistreaty.io import yamlio

    text = "a: 0\n" + "".join("a: %d\n" % i for i in range(1, 501))
    dups = yamlio.loads(text, "f.yaml").diagnostics
    assert len(dups) == yamlio.MAX_DUPLICATE_REPORTS + 1
    assert [d.line for d in dups[:3]] == [2, 3, 4]
    assert dups[-1].message == "480 more duplicate keys from here on (not listed one by one)"
    assert dups[-1].line == yamlio.MAX_DUPLICATE_REPORTS + 2


def test_pattern_errors_say_what_the_pattern_means_and_point_at_keys(cli, tmp_path):
    path = tmp_path / "pat.yaml"
    path.write_text("id: Heavy_M\ntype: agreement\ntitle: {EN: X}\ntext: not-held\nparties:\n  kg: {}\n")
    lines = cli("lint", "--no-cache", path).stdout.splitlines()
    assert lines == [
        f"{path}:1:5: S001 id: an id is lowercase kebab-case: letters, digits and single hyphens (heavy-machinery)",
        f"{path}:3:9: S001 title.EN: a language code is 2 or 3 lowercase letters (en, ru)",
        f"{path}:6:3: S001 parties.kg: a party is an ISO 3166-1 alpha-2 code in capitals (KG, RU)",
    ]
