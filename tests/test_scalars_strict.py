"""Booleans are true/false only and dates YYYY-MM-DD only, in the loader and in the JSON Schema.

Anything else where a boolean or a date goes is one positioned S001 that says what is allowed.
The YAML 1.2 core-schema points where the loader differs on purpose are in docs/format.md
("Scalars"); the conformance test over the YAML test suite is tests/test_yaml_suite.py.
"""

from __future__ import annotations

import json
import math

import pytest

from conftest import ROOT
from hostile_check import lint_json

HEAD = ('# Test fixture, not a real instrument.\nid: strict\ntype: agreement\ntitle: {en: "Strict"}\n'
        "text: not-held\nsources:\n  s: {title: \"A source\"}\n")


def _lint(tmp_path, body):
    path = tmp_path / "strict.yaml"
    path.write_text(HEAD + body)
    return lint_json(path, expect=(0, 1))


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "'true'", '"false"', "1", "0", "True",
                                  "FALSE", "~x"])
def test_a_boolean_is_true_or_false_only(tmp_path, word):
    body = f"parties:\n  KG:\n    events:\n      - {{type: signature, date: 2025-06-05, uncertain: {word}, source: s}}\n"
    diags = _lint(tmp_path, body)
    col = body.splitlines()[3].index("uncertain: ") + len("uncertain: ") + 1
    assert [(d["code"], d["line"], d["column"]) for d in diags] == [("S001", 11, col)], diags
    assert diags[0]["message"].endswith("(write true or false)"), diags[0]["message"]


@pytest.mark.parametrize("word", ["true", "false"])
def test_true_and_false_pass(tmp_path, word):
    body = f"parties:\n  KG:\n    events:\n      - {{type: signature, date: 2025-06-05, uncertain: {word}, source: s}}\n"
    assert _lint(tmp_path, body) == []


@pytest.mark.parametrize("value", ["2025-6-5", "2025-06-5", "2025-6-05", "'2025-06-05'", "20250605",
                                   "2025-06-05T00:00:00", "2025-06-05 10:00", "0"])
def test_a_date_is_zero_padded_yyyy_mm_dd_only(tmp_path, value):
    diags = _lint(tmp_path, f"signed: {{date: {value}}}\n")
    assert [(d["code"], d["line"], d["column"]) for d in diags] == [("S001", 8, 16)], diags
    assert "YYYY-MM-DD" in diags[0]["message"], diags[0]["message"]


def test_a_padded_date_passes(tmp_path):
    assert _lint(tmp_path, "signed: {date: 2025-06-05}\n") == []


@pytest.mark.parametrize("text,value", [
    ("true", True), ("false", False),
    ("True", "True"), ("TRUE", "TRUE"), ("False", "False"), ("yes", "yes"), ("NO", "NO"), ("on", "on"),
    ("2025-06-05", "date"), ("2025-6-5", "2025-6-5"),
    ("0o7", "0o7"), ("0x3A", "0x3A"), ("007", 7), ("-12", -12), ("1_000", "1_000"),
    (".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf), (".iNf", ".iNf"), (".NaN", "nan"),
    (".nAn", ".nAn"), ("~", None), ("null", None), ("NULL", None), ("1.5", 1.5), ("1e3", 1000.0),
])
def test_plain_scalars_resolve_as_documented(text, value):
    import datetime as dt

    from cistreaty.io import yamlio

    got = yamlio.loads(f"x: {text}\n").value["x"]
    if value == "date":
        assert got == dt.date(2025, 6, 5)
    elif value == "nan":
        assert isinstance(got, float) and math.isnan(got)
    else:
        assert got == value and type(got) is type(value), (got, value)


def _schema():
    return json.loads((ROOT / "schemas" / "instrument.schema.json").read_text())


@pytest.mark.parametrize("date,ok", [("2025-06-05", True), ("2025-6-5", False), ("2025-06-5", False),
                                     ("2025-06-05T00:00:00", False)])
def test_schema_dates_are_yyyy_mm_dd(date, ok):
    import jsonschema

    doc = {"id": "strict", "type": "agreement", "title": {"en": "Strict"}, "text": "not-held",
           "signed": {"date": date}}
    errors = list(jsonschema.Draft202012Validator(_schema()).iter_errors(doc))
    assert (errors == []) == ok, [e.message for e in errors]


@pytest.mark.parametrize("value,ok", [(True, True), (False, True), ("yes", False), ("true", False), (1, False)])
def test_schema_booleans_are_booleans(value, ok):
    import jsonschema

    doc = {"id": "strict", "type": "agreement", "title": {"en": "Strict"}, "text": "not-held",
           "sources": {"s": {"title": "A source"}},
           "parties": {"KG": {"events": [{"type": "signature", "date": "2025-06-05", "uncertain": value,
                                          "source": "s"}]}}}
    errors = list(jsonschema.Draft202012Validator(_schema()).iter_errors(doc))
    assert (errors == []) == ok, [e.message for e in errors]
