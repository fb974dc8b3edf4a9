"""Configuration files: discovery, precedence, validation with positions, and their effect on lint."""

import json
from pathlib import Path

import pytest

from conftest import CORPUS

from cistreaty.lint.config import Config, ConfigError, discover, load

FAIL = Path(__file__).parent / "fixtures" / "rules" / "fail"
BAD = FAIL / "c104-party-code.yaml"  # one C104 at 9:3


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    for var in ("GITHUB_ACTIONS", "CISTREATY_OUTPUT_FORMAT", "CISTREATY_CORPUS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CISTREATY_CACHE_DIR", str(tmp_path / "cache"))


def test_found_upward_and_first_found_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cistreaty]\nignore = ["C104"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert discover(sub) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".cistreaty.yaml").write_text("select: [C1]\n")
    assert discover(sub) == tmp_path / "a" / ".cistreaty.yaml"
    # In one folder .cistreaty.yaml comes before pyproject.toml.
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.cistreaty]\nselect = ["Y"]\n')
    assert discover(sub) == tmp_path / "a" / ".cistreaty.yaml"
    assert load(start=sub).select == ["C1"]


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover(tmp_path) != tmp_path / "pyproject.toml"


def test_yaml_errors_have_file_line_col(tmp_path):
    path = tmp_path / ".cistreaty.yaml"
    path.write_text("select: [C1]\nignor: [C105]\n")
    with pytest.raises(ConfigError) as exc:
        load(path)
    assert str(exc.value).startswith(f"{path}:2:1: unknown key 'ignor'")
    path.write_text("ignore:\n  - C105\n  - 42\n")
    with pytest.raises(ConfigError, match=r":3:5: 42 is not a rule code"):
        load(path)
    path.write_text("per-file-ignores:\n  'x/*.yaml': C9\n")
    with pytest.raises(ConfigError, match=r":2:15: 'C9' matches no rule"):
        load(path)
    path.write_text("output-format: xml\n")
    with pytest.raises(ConfigError, match=r":1:16: `output-format` is one of"):
        load(path)
    path.write_text("select: [C1\n")
    with pytest.raises(ConfigError, match=r"\.cistreaty\.yaml:\d+:\d+: YAML syntax error"):
        load(path)
    path.write_text("select: [C1]\nselect: [Y]\n")
    with pytest.raises(ConfigError, match=r":2:1: .*duplicate"):
        load(path)


def test_toml_errors_name_the_key_path(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.cistreaty]\nselect = ["C1", 5]\n')
    with pytest.raises(ConfigError) as exc:
        load(path)
    assert str(exc.value) == f"{path}: tool.cistreaty.select[1]: 5 is not a rule code or prefix (C105, C1, Y)"
    path.write_text('[tool.cistreaty]\ncorpus = 3\n')
    with pytest.raises(ConfigError, match=r"tool\.cistreaty\.corpus: `corpus` is a folder path"):
        load(path)
    path.write_text('[tool.cistreaty\n')
    with pytest.raises(ConfigError, match="invalid TOML"):
        load(path)


def test_empty_yaml_configures_nothing(tmp_path):
    path = tmp_path / ".cistreaty.yaml"
    path.write_text("")
    assert load(path) == Config(path=path)


def test_selection_logic():
    cfg = Config(path=Path("/p/.cistreaty.yaml"), select=["C1", "Y"], ignore=["C105"],
                 per_file_ignores=[("*-draft.yaml", ["C109"]), ("agreements/old/*", ["C"])])
    assert cfg.is_selected("C104", "agreements/a.yaml")
    assert not cfg.is_selected("S001", "agreements/a.yaml")  # not selected
    assert not cfg.is_selected("C105", "agreements/a.yaml")  # ignored
    assert not cfg.is_selected("C109", "agreements/deep/x-draft.yaml")  # bare glob: any folder
    assert cfg.is_selected("C109", "agreements/x.yaml")
    assert not cfg.is_selected("C104", "agreements/old/x.yaml")
    assert cfg.is_selected("Y001", "agreements/old/x.yaml")


def _write_bad(folder: Path) -> Path:
    corpus = folder / "agreements"
    corpus.mkdir()
    target = corpus / BAD.name
    target.write_bytes(BAD.read_bytes())
    return target


def test_lint_applies_the_configuration_and_options_override(cli, tmp_path, monkeypatch):
    _write_bad(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("lint").exit_code == 1
    (tmp_path / ".cistreaty.yaml").write_text("ignore: [C104]\noutput-format: json\n")
    result = cli("lint")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert cli("lint", "--no-config").exit_code == 1
    # --ignore replaces the configuration's list; -f wins over output-format.
    result = cli("lint", "--ignore", "C105", "-f", "text")
    assert result.exit_code == 1 and ": C104 " in result.stdout
    result = cli("lint", "--select", "Y")
    assert result.exit_code == 0


def test_per_file_ignores_relative_to_the_config_file(cli, tmp_path, monkeypatch):
    _write_bad(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cistreaty]\n[tool.cistreaty.per-file-ignores]\n"agreements/c104-*.yaml" = ["C104"]\n')
    sub = tmp_path / "agreements"
    monkeypatch.chdir(sub)
    assert cli("lint", "c104-party-code.yaml").exit_code == 0
    assert cli("lint", "--no-config", "c104-party-code.yaml").exit_code == 1


def test_config_corpus_is_relative_to_the_file_and_env_and_option_win(cli, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / BAD.name).write_bytes(BAD.read_bytes())
    (tmp_path / ".cistreaty.yaml").write_text("corpus: data\n")
    sub = tmp_path / "elsewhere"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert cli("lint").exit_code == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("lint", "--corpus", empty).exit_code == 0
    assert cli("lint", env={"CISTREATY_CORPUS": str(empty)}).exit_code == 0


def test_bad_config_exits_2_with_one_line(cli, tmp_path, monkeypatch):
    (tmp_path / ".cistreaty.yaml").write_text("select: nonsense-value\n")
    monkeypatch.chdir(tmp_path)
    result = cli("lint", BAD)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"cistreaty: error: {tmp_path / '.cistreaty.yaml'}:1:9: ")
    assert "Traceback" not in result.stderr
    assert cli("lint", "--config", tmp_path / "missing.yaml", BAD).exit_code == 2


@pytest.mark.parametrize("setting", ["select: []\n", "select: ''\n"])
def test_an_empty_select_is_refused_not_a_clean_run(cli, tmp_path, monkeypatch, setting):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".cistreaty.yaml").write_text(setting)
    (tmp_path / "x.yaml").write_text("id: y\n")
    result = cli("lint", "x.yaml")
    assert result.exit_code == 2 and "selects no rule" in result.stderr, result.output


@pytest.mark.parametrize("value", ["", " , "])
def test_an_empty_select_option_is_refused(cli, tmp_path, value):
    (tmp_path / "x.yaml").write_text("id: y\n")
    result = cli("lint", "--select", value, tmp_path / "x.yaml")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"cistreaty: error: --select: {value!r} selects no rule"), result.stderr
    assert cli("lint", "--ignore", value, tmp_path / "x.yaml").exit_code == 1  # ignoring nothing is fine


def test_configuration_errors_name_the_configuration(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CISTREATY_CORPUS", raising=False)
    (tmp_path / ".cistreaty.yaml").write_text("- a\n")
    result = cli("lint", tmp_path)
    assert result.exit_code == 2 and "root is a list: a configuration is a mapping of corpus" in result.stderr
    (tmp_path / ".cistreaty.yaml").write_text("corpus: nowhere\n")
    for args in (["lint"], ["status", "heavy-machinery"]):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        assert f"{tmp_path / '.cistreaty.yaml'}: corpus: {tmp_path / 'nowhere'} is not a directory" in result.stderr
    result = cli("lint", "--config", tmp_path, "--no-cache", tmp_path / ".cistreaty.yaml")
    assert result.exit_code == 2 and f"{tmp_path}: a folder, not a configuration file" in result.stderr


@pytest.mark.parametrize("codec,bom", [("utf-16", b""), ("utf-16-le", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_a_pyproject_in_another_encoding_is_refused_by_name_not_skipped(cli, tmp_path, monkeypatch, codec, bom):
    # PowerShell 5's `>` writes UTF-16: discovery used to pass over it, and its settings silently did nothing.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(bom + '[tool.cistreaty]\nselect = ["C105"]\n'.encode(codec))
    result = cli("lint", CORPUS)
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'pyproject.toml'}:1:1: the file is " in result.stderr
    assert "TOML files are plain UTF-8" in result.stderr


def test_no_config_also_leaves_the_configured_corpus_alone(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CISTREATY_CORPUS", raising=False)
    (tmp_path / ".cistreaty.yaml").write_text("corpus: nowhere\n")
    result = cli("lint", "--no-config")  # the shipped corpus, as without a configuration
    assert result.exit_code == 0 and "files checked, no problems found" in result.stderr, result.output
