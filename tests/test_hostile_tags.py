"""Tags and objects: nothing in a YAML file can run code, build objects or open files.

Each payload, if a loader ever constructed it, would create a marker file. The marker must not
exist afterwards, and every command that reads the corpus must refuse the file with Y013.
"""

from __future__ import annotations

import pytest

from hostile_check import invoke, lint_json

HEADER = 'id: tagged\ntype: agreement\ntitle: {en: "Test fixture, not a real instrument"}\ntext: not-held\n'


def payloads(marker) -> list[tuple[str, str]]:
    cmd = f"touch {marker}"
    return [
        ("object/apply", f"x: !!python/object/apply:os.system ['{cmd}']\n"),
        ("object/apply, mapping form", f"x: !!python/object/apply:os.system {{args: ['{cmd}']}}\n"),
        ("object/new", f"x: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n"),
        ("object", "x: !!python/object:pathlib.Path {}\n"),
        ("name", "x: !!python/name:os.system\n"),
        ("module", "x: !!python/module:os\n"),
        ("tuple", "x: !!python/tuple [1, 2]\n"),
        ("binary", "x: !!binary aGVsbG8=\n"),
        ("set", "x: !!set {a, b}\n"),
        ("omap", "x: !!omap [{a: 1}]\n"),
        ("pairs", "x: !!pairs [{a: 1}]\n"),
        ("local tag", "x: !foo bar\n"),
        ("local tag on a mapping", "x: !foo {a: 1}\n"),
        ("verbatim tag", "x: !<tag:example.com,2000:app/foo> bar\n"),
        ("verbatim python tag", f"x: !<tag:yaml.org,2002:python/object/apply:os.system> ['{cmd}']\n"),
        ("%TAG directive", f"%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\nx: !p!os.system ['{cmd}']\n"),
        ("tagged key", "? !!python/name:os.system\n: 1\n"),
    ]


def cases(tmp_path):
    marker = tmp_path / "ran"
    return marker, payloads(marker)


@pytest.mark.parametrize("index", range(17))
def test_tag_is_refused_and_nothing_runs(tmp_path, index):
    marker, all_cases = cases(tmp_path)
    name, payload = all_cases[index]
    folder = tmp_path / "agreements"
    folder.mkdir()
    path = folder / "tagged.yaml"
    text = payload if payload.startswith("%") else HEADER + payload
    path.write_text(text)
    diags = lint_json(path, expect=(1,))
    assert [d["code"] for d in diags] == ["Y013"], (name, diags)
    assert "not allowed" in diags[0]["message"]
    for args in (["render", "tagged", "-f", "json"], ["status", "tagged", "--json"]):
        result = invoke(*args, "--corpus", folder)
        assert result.exit_code == 2 and "does not load" in result.stderr, (name, args, result.stderr)
    assert not marker.exists(), f"{name}: the payload ran"


def test_every_payload_is_covered():
    _, all_cases = cases(__import__("pathlib").Path("/nonexistent"))
    assert len(all_cases) == 17


def test_standard_tags_on_plain_data_still_load(tmp_path):
    # The core schema's own tags say what a plain value already is: refusing them would be noise.
    path = tmp_path / "std.yaml"
    path.write_text(HEADER.replace("tagged", "std") + 'notes: [!!str 12, !!str "x"]\n')
    assert lint_json(path) == []
