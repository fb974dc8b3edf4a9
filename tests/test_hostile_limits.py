"""Resource attacks and odd characters: one clear diagnostic each, at a position inside the file.

The attack files are the ones benchmarks/attacks.py measures (time and memory are figures in
docs/reliability.md, never assertions here).
"""

from __future__ import annotations

import importlib.util
import os

import pytest

from conftest import ROOT
from hostile_check import invoke, lint_json

_spec = importlib.util.spec_from_file_location("attacks", ROOT / "benchmarks" / "attacks.py")
attacks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(attacks)


@pytest.mark.parametrize("name", list(attacks.ATTACKS))
def test_attack_ends_in_one_diagnostic(tmp_path, name):
    generate, code = attacks.ATTACKS[name]
    path = tmp_path / "attack.yaml"
    generate(path)
    diags = lint_json(path, expect=(1,))
    assert [d["code"] for d in diags] == [code], diags


def test_limits_hold_below_the_size_limit():
    """Each in-file limit must be reachable in a file the size limit lets through."""
    from cistreaty.io import yamlio

    assert yamlio.MAX_NODES * len("a:\n") < yamlio.MAX_FILE_BYTES
    assert yamlio.MAX_SCALAR_CHARS < yamlio.MAX_FILE_BYTES


@pytest.mark.parametrize("text,code", [
    ("x: " + "1" * 31 + "\n", "Y015"),
    ("x: -" + "1" * 31 + "\n", "Y015"),
    ("x: 1" + "0" * 40 + ".5\n", "Y015"),
    ("x: 2025-02-30\n", "Y008"),
    ("x: 2025-13-01\n", "Y008"),
    ("x: 0000-01-01\n", "Y008"),
])
def test_numbers_and_dates_the_constructor_would_raise_on(tmp_path, text, code):
    path = tmp_path / "n.yaml"
    path.write_text(text)
    assert [d["code"] for d in lint_json(path, expect=(1,))] == [code]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x7f", "\ufffe"])
def test_control_character_is_reported_where_it_is(tmp_path, char):
    path = tmp_path / "ctl.yaml"
    path.write_bytes(f'id: ctl\ntitle: {{en: "é{char}x"}}\n'.encode())
    result = invoke("lint", path)
    if char == "\x7f":  # DEL is printable for YAML: a schema finding, not a reader error
        assert result.exit_code == 1
        return
    assert result.stdout.startswith(f"{path}:2:15: Y001 character U+{ord(char):04X} is not allowed"), result.stdout
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
def test_yaml_1_1_line_breaks_do_not_shift_positions(tmp_path, brk):
    # libyaml counts NEL/LS/PS as line breaks; editors and GitHub do not: the key on line 4 is on line 4.
    path = tmp_path / "ls.yaml"
    path.write_text(f'id: ls\ntitle: {{en: "a{brk}b{brk}c"}}\ntype: agreement\ncolour: red\ncolour: blue\n',
                    encoding="utf-8")
    codes = {(d["code"], d["line"], d["column"], d["message"]) for d in lint_json(path, expect=(1,))}
    assert ("Y002", 5, 1, "duplicate key 'colour' (first at line 4); the second would silently win") in codes


def test_syntax_error_after_a_line_separator_names_the_right_line(tmp_path):
    path = tmp_path / "ls.yaml"
    path.write_text('id: ls\ntitle: "a\u2028b"\nbroken: [\n', encoding="utf-8")
    diags = lint_json(path, expect=(1,))
    assert [(d["code"], d["line"]) for d in diags] == [("Y001", 4)]


def test_invalid_utf8_after_a_lone_carriage_return(tmp_path):
    # A lone CR is a line break for YAML and libyaml: Y005 counts lines the same way.
    path = tmp_path / "cr.yaml"
    path.write_bytes(b"id: cr\rtitle: caf\xe9\n")
    assert [(d["code"], d["line"], d["column"]) for d in lint_json(path, expect=(1,))] == [("Y005", 2, 11)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_named_yaml_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it would block until a writer comes
    os.symlink("/dev/zero", tmp_path / "zero.yaml")  # reading it would never end
    (tmp_path / "good.yaml").write_text('id: good\ntype: agreement\ntitle: {en: "Fixture"}\ntext: not-held\n')
    diags = lint_json(tmp_path, expect=(1,))
    assert sorted((os.path.basename(d["path"]), d["code"]) for d in diags) == [
        ("pipe.yaml", "Y012"), ("zero.yaml", "Y012")]
