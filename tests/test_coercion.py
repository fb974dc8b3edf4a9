"""cli/coercion.py converts option values without pydantic exactly as typer's adapter does, and hands
every value it does not convert (errors included) to that adapter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from typer import _coercion
from typer._click.exceptions import BadParameter

from cistreaty.cli import app, coercion


def _params():
    root = typer.main.get_command(app)
    out = [(None, p) for p in root.params]
    for name, cmd in root.commands.items():
        out += [(name, p) for p in cmd.params]
    return out


VALUES = ["", "a", " a ", "5", "05", "-3", "+4", " 7 ", "1_000", "5.0", "0", "1", "x", "٥", "99999999999999999999",
          "bash", "BASH", "md", "json", "terminal", "ru", "Ru", "protocol", "-", ".", "a/b", "ab\x00c", "/",
          "/etc/hostname", "/no/such/dir"]


_CTX = typer.Context(typer.main.get_command(app))


def _answer(runtime, value, param):
    ctx = _CTX
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
        return "ok", got, type(got)
    except BadParameter as exc:
        return "error", exc.message


@pytest.mark.parametrize("where,param", _params(), ids=lambda x: getattr(x, "name", str(x)))
def test_every_parameter_answers_as_typers_adapter(where, param):
    fast = coercion.build_runtime_param(param.type_descriptor)
    slow = coercion._original(param.type_descriptor)
    assert not isinstance(slow, coercion.FastRuntimeParam)
    multi = param.multiple or param.nargs == -1
    for value in VALUES:
        if value == "" and fast.leaf is coercion._path:
            continue  # refused on purpose: test_an_empty_path_is_a_usage_error
        value = [value, "b"] if multi else value
        assert _answer(fast, value, param) == _answer(slow, value, param), (where, param.name, value)


def test_the_declared_types_take_the_fast_path():
    kinds = {type(coercion.build_runtime_param(p.type_descriptor)) for _w, p in _params()}
    assert kinds == {coercion.FastRuntimeParam}


def test_other_types_keep_typers_adapter():
    from datetime import datetime

    from typer.models import OptionInfo

    for annotation, info in ((float, OptionInfo()), (datetime, OptionInfo()), (Path, OptionInfo(exists=True)),
                             (int, OptionInfo(clamp=True, min=1)), (str, OptionInfo(parser=str.upper))):
        descriptor = _coercion.resolve_type_descriptor(annotation, info)
        assert not isinstance(coercion.build_runtime_param(descriptor), coercion.FastRuntimeParam)


def _run(*code):
    return subprocess.run([sys.executable, "-c", "\n".join(code)], capture_output=True, text=True, check=True).stdout


def test_parsing_options_imports_no_pydantic():
    """A command that needs no model (rules) parses its options without importing pydantic."""
    out = _run("import sys",
               "from cistreaty.cli import main",
               "try:",
               "    main(['rules', 'C131', '--color', 'never'])",
               "except SystemExit:",
               "    pass",
               "print('PYDANTIC', 'pydantic' in sys.modules)")
    assert out.strip().endswith("PYDANTIC False")
    assert "C131" in out


def test_bad_values_keep_typers_messages(tmp_path):
    from typer.testing import CliRunner

    runner = CliRunner()
    res = runner.invoke(app, ["lint", "--jobs", "0", str(tmp_path)])
    assert res.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1" in res.output
    res = runner.invoke(app, ["lint", "--jobs", "two", str(tmp_path)])
    assert res.exit_code == 2
    assert "Input should be a valid integer, unable to parse string as an integer" in res.output
    res = runner.invoke(app, ["diff", "x", "--format", "zz"])
    assert res.exit_code == 2
    assert "Value error, 'zz' is not one of 'terminal', 'md', 'unified', 'json'." in res.output


@pytest.mark.parametrize("args", [["lint", ""], ["lint", "--cache-dir", "", "."], ["lint", "--config", ""],
                                  ["status", "--corpus", ""], ["render", "heavy-machinery", "-o", ""]])
def test_an_empty_path_is_a_usage_error(cli, tmp_path, monkeypatch, args):
    # typer reads '' as '.': `cistreaty lint "$UNSET"` linted the working directory.
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "an empty path: name a file or folder" in result.stderr
    assert list(tmp_path.iterdir()) == []
