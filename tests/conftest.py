import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT / "agreements"
EXAMPLE = ROOT / "examples" / "heavy-machinery-amending-protocol.yaml"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read or fill the user's lint cache (a warm cache would hide what they test)."""
    import os

    os.environ["CISTREATY_CACHE_DIR"] = str(tmp_path_factory.mktemp("lint-cache"))
    yield


@pytest.fixture
def cli():
    """Run the CLI in-process as a user would: cli(args) -> result with exit_code, stdout, stderr."""
    from cistreaty.cli import app

    runner = CliRunner()

    def run(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], **kwargs)

    return run


@pytest.fixture
def corpus_copy(tmp_path):
    """A private copy of the real corpus, for tests that add or break files."""
    dest = tmp_path / "agreements"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture
def example_corpus(tmp_path):
    """The real corpus plus the example protocol, as a user trying the tour would set it up."""
    dest = tmp_path / "agreements"
    shutil.copytree(CORPUS, dest)
    shutil.copy(EXAMPLE, dest)
    return dest


def corpus_and_example_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def whole_corpus(tmp_path_factory):
    """agreements/ and examples/ in one folder, so that the example protocol finds its base. Read only."""
    dest = tmp_path_factory.mktemp("whole") / "agreements"
    dest.mkdir()
    for f in corpus_and_example_files():
        shutil.copy(f, dest / f.name)
    return dest


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite tests/goldens/ from the current output instead of comparing with it.")


GOLDENS = Path(__file__).resolve().parent / "goldens"


@pytest.fixture
def golden(request):
    """golden(name, text): compare text with tests/goldens/NAME, or rewrite it under --update-goldens.

    Update every golden file with one command: `pytest tests/test_goldens.py --update-goldens`,
    then review the diff (`git diff tests/goldens`) before committing it.
    """
    update = request.config.getoption("--update-goldens")

    def check(name: str, text: str) -> None:
        path = GOLDENS / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            return
        assert path.is_file(), f"no golden file {path}: run pytest tests/test_goldens.py --update-goldens"
        with open(path, encoding="utf-8", newline="") as fh:
            expected = fh.read()
        assert text == expected, (f"output differs from tests/goldens/{name}; if the change is intended, run "
                                  "pytest tests/test_goldens.py --update-goldens and review git diff tests/goldens")

    return check
