"""Shell completion (typer's): scripts for bash, zsh and fish; instrument ids and party codes."""

from pathlib import Path

import pytest

CAL = Path(__file__).parent / "fixtures" / "ecosystem" / "calendar"


# What only that shell's script has: bash's `complete -F` function, zsh's `#compdef` header, fish's
# `complete --command`; and the request it sends back names the shell.
MARKS = {"bash": ("complete -o default -F _cistreaty_completion cistreaty", "complete_bash"),
         "zsh": ("#compdef cistreaty", "complete_zsh"),
         "fish": ("complete --command cistreaty", "complete_fish")}


@pytest.mark.parametrize("shell", list(MARKS))
def test_show_completion_prints_that_shells_script(cli, shell, monkeypatch):
    monkeypatch.setenv("SHELL", "/bin/bash")  # the shell the command runs in must not matter
    result = cli("--show-completion", shell)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "_CISTREATY_COMPLETE" in result.stdout
    for other, marks in MARKS.items():
        for mark in marks:
            assert (mark in result.stdout) == (other == shell), (shell, other, mark)


def test_show_completion_names_the_shell(cli):
    missing = cli("--show-completion")
    assert missing.exit_code == 2 and "requires an argument" in missing.stderr
    unknown = cli("--show-completion", "tcsh")
    assert unknown.exit_code == 2 and "tcsh" in unknown.stderr


def _complete(cli, shell, words, monkeypatch):
    monkeypatch.setenv("_CISTREATY_COMPLETE", f"complete_{shell}")
    if shell == "bash":
        parts = words.split(" ")
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", str(len(parts) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", words)
        if shell == "fish":
            monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    from typer.testing import CliRunner

    from cistreaty.cli import app

    return CliRunner().invoke(app, [], prog_name="cistreaty").stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_party_codes(cli, shell, monkeypatch):
    out = _complete(cli, shell, "cistreaty calendar --party K", monkeypatch)
    assert "KG" in out and "KZ" in out and "RU" not in out
    if shell != "bash":
        assert "Kyrgyzstan" in out  # zsh and fish show the help beside the value


def test_lower_case_party_is_offered_in_lower_case(cli, monkeypatch):
    out = _complete(cli, "bash", "cistreaty calendar --party k", monkeypatch)
    assert "kg" in out.split()


def test_ids_from_the_corpus_folder(monkeypatch):
    from cistreaty.cli import common

    class Ctx:
        params = {"corpus": CAL}

    assert common.complete_ids(Ctx(), "fictional-p") == ["fictional-pact"]
    assert common.complete_ids(Ctx(), "") == ["fictional-old-convention", "fictional-pact"]
    Ctx.params = {"corpus": CAL / "missing"}
    assert common.complete_ids(Ctx(), "") == []  # never an error inside the shell


@pytest.mark.parametrize("words,expected", [
    ("cistreaty render heavy", "heavy-machinery"),
    ("cistreaty diff rules-of-origin-p", "rules-of-origin-protocol-2015"),
    ("cistreaty render --party K", "KG"),
    ("cistreaty diff x --party T", "TJ"),
    ("cistreaty status heavy", "heavy-machinery"),
    ("cistreaty status --party K", "KZ"),
])
def test_commands_of_others_complete_ids_and_parties(cli, monkeypatch, words, expected):
    monkeypatch.setenv("CISTREATY_CORPUS", str(Path(__file__).resolve().parent.parent / "agreements"))
    assert expected in _complete(cli, "zsh", words, monkeypatch)
