"""The nesting limit (64 levels, Y009) holds whatever libyaml does with deep nesting itself.

libyaml 0.2.5 (PyYAML <= 6.0.3 wheels) has no nesting limit; libyaml 0.2.6 (PyYAML 6.0.4 wheels)
stops at 1000 levels in its scanner, which reads up to 1024 characters ahead on one line, so on
`[[[[...` it fails before handing over the events where our own limit is checked. One suite run
has one PyYAML installed, so the other behaviour is reproduced by driving the loader with the
pure-Python parser: as it is (no limit, like libyaml 0.2.5) and with libyaml 0.2.6's limit added
where libyaml checks it (the scanner's flow and block levels), and with a limit below ours. The
installed parser runs too.
"""

from __future__ import annotations

import pytest
import yaml
from yaml.scanner import ScannerError

from cistreaty.io import yamlio
from hostile_check import lint_json


class _Libyaml026(yaml.SafeLoader):
    """The pure-Python parser with libyaml 0.2.6's limit: 1000 levels, refused by the scanner."""

    LIMIT = 1000

    def _refuse(self, what):
        mark = self.get_mark()
        raise ScannerError(f"while increasing {what} level", mark, "exceeded maximum nesting depth", mark)

    def fetch_flow_collection_start(self, TokenClass):
        if self.flow_level >= self.LIMIT:
            self._refuse("flow")
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column):
        if self.indent < column and len(self.indents) >= self.LIMIT:
            self._refuse("block")
        return super().add_indent(column)


class _Limit30(_Libyaml026):
    """A libyaml that would refuse nesting below our own limit."""

    LIMIT = 30


PARSERS = {
    "installed": yamlio._Loader,
    "no limit (libyaml 0.2.5)": yaml.SafeLoader,
    "limit 1000 in the scanner (libyaml 0.2.6)": _Libyaml026,
    "limit 30 in the scanner": _Limit30,
}


# Each generator makes a file nested `levels` deep (the root mapping is level 1) and gives the
# (line, column) where level 65, the first one past the limit, starts.
def flow_list(levels):
    return "x: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n", (1, 4 + 63)


def flow_map(levels):
    return "x: " + "{a: " * (levels - 1) + "b" + "}" * (levels - 1) + "\n", (1, 4 + 4 * 63)


def compact_block(levels):
    return "x:\n  " + "- " * (levels - 1) + "x\n", (2, 3 + 2 * 63)


def indented_block(levels):
    return "".join(" " * i + "a:\n" for i in range(levels)), (65, 65)


def flow_in_block(levels):
    # Four block levels, then the rest as one flow line: the look-ahead starts mid-file.
    return "a:\n  b:\n    c:\n      - " + "[" * (levels - 4) + "]" * (levels - 4) + "\n", (4, 9 + 60)


SHAPES = {"flow list": flow_list, "flow mapping": flow_map, "compact block list": compact_block,
          "indented block mapping": indented_block, "flow inside block": flow_in_block}
DEPTHS = [65, 999, 1001, 100_000]


def _cases():
    for shape, make in SHAPES.items():
        for depth in DEPTHS:
            if shape == "indented block mapping" and depth > 1001:
                continue  # 100,000 indented levels are 5 GB of text: the size limit stops them first
            yield pytest.param(make, depth, id=f"{shape}-{depth}")


@pytest.fixture(params=list(PARSERS), ids=list(PARSERS))
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlio, "_Loader", PARSERS[request.param])
    return request.param


@pytest.mark.parametrize("make,depth", list(_cases()))
def test_past_the_limit_is_one_y009_at_the_first_level_past_it(parser, make, depth):
    text, (line, col) = make(depth)
    with pytest.raises(yamlio.LoadError) as info:
        yamlio.loads(text, "deep.yaml")
    assert [(d.code, d.line, d.col) for d in info.value.diagnostics] == [("Y009", line, col)]
    assert info.value.diagnostics[0].message == "nesting deeper than 64 levels"


@pytest.mark.parametrize("make", list(SHAPES.values()), ids=list(SHAPES))
def test_at_the_limit_loads(parser, make):
    text, _ = make(64)
    loaded = yamlio.loads(text, "deep.yaml")
    depth, node = 0, loaded.value
    while isinstance(node, (dict, list)) and node:
        depth += 1
        node = next(iter(node.values())) if isinstance(node, dict) else node[0]
    # An empty innermost list or mapping counts as a level too.
    assert depth + (1 if isinstance(node, (dict, list)) else 0) == 64


@pytest.mark.parametrize("text,expected", [
    # An anchor at level 30 of a line libyaml 0.2.6 refuses: the anchor is the first finding.
    ("x: " + "[" * 29 + "&a [" + "[" * 2000 + "]" * 2030 + "\n", ("Y003", 1, 33)),
    # A tag that is not allowed, before the limit.
    ("x: " + "[" * 10 + "!!python/none [" + "[" * 2000 + "]" * 2011 + "\n", ("Y013", 1, 14)),
    # Never closed: the depth is still the first thing wrong.
    ("x: " + "[" * 5000 + "\n", ("Y009", 1, 67)),
    # A syntax error before the depth: the syntax error.
    ("x: [a: b: c, " + "[" * 2000 + "\n", None),
])
def test_same_first_finding_with_every_parser(parser, text, expected):
    with pytest.raises(yamlio.LoadError) as info:
        yamlio.loads(text, "deep.yaml")
    got = [(d.code, d.line, d.col) for d in info.value.diagnostics]
    if expected is None:
        assert [code for code, *_ in got] == ["Y001"], got
    else:
        assert got == [expected]


def test_every_parser_gives_the_same_syntax_error_position(monkeypatch):
    text = "x: [a: b: c, " + "[" * 2000 + "\n"
    seen = set()
    for cls in PARSERS.values():
        monkeypatch.setattr(yamlio, "_Loader", cls)
        with pytest.raises(yamlio.LoadError) as info:
            yamlio.loads(text, "deep.yaml")
        seen.add(tuple((d.code, d.line, d.col) for d in info.value.diagnostics))
    assert len(seen) == 1, seen


@pytest.mark.parametrize("depth", DEPTHS)
def test_lint_reports_one_y009_with_the_installed_pyyaml(tmp_path, depth):
    path = tmp_path / "deep.yaml"
    text, (line, col) = flow_list(depth)
    path.write_text(text)
    assert [(d["code"], d["line"], d["column"]) for d in lint_json(path, expect=(1,))] == [("Y009", line, col)]


def test_libyaml_refusal_is_resolved_without_the_slow_parser(monkeypatch):
    # The pure-Python parser reads a 2 MiB file in seconds: with libyaml 0.2.6's limit, libyaml
    # re-reads the text before its refusal instead, and that alone finds the Y009.
    class Unused(yaml.SafeLoader):
        def __init__(self, stream):
            raise AssertionError("the pure-Python parser was used")

    monkeypatch.setattr(yamlio, "_Loader", _Libyaml026)
    monkeypatch.setattr(yamlio, "_PyLoader", Unused)
    text = "a: 'é\u2028x'\n" + "b: " + "[" * 100_000 + "\n"
    with pytest.raises(yamlio.LoadError) as info:
        yamlio.loads(text, "deep.yaml")
    assert [(d.code, d.line, d.col) for d in info.value.diagnostics] == [("Y009", 2, 4 + 63)]
