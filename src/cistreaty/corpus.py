"""Where the corpus lives, which files are in it, and loading it for the commands that read it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic

ENV_VAR = "CISTREATY_CORPUS"
SUFFIXES = (".yaml", ".yml")


class CorpusError(Exception):
    """A usage problem with the corpus location (exit 2)."""


def bundled_corpus() -> Path | None:
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "agreements", here.parent.parent / "agreements"):
        if candidate.is_dir():
            return candidate
    return None


def find_corpus(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    """--corpus, then $CISTREATY_CORPUS, then ./agreements, then the corpus shipped with the package."""
    for given, what in ((explicit, "--corpus"), (os.environ.get(ENV_VAR) or None, ENV_VAR)):
        if given:
            path = Path(given)
            if not path.is_dir():
                raise CorpusError(f"{what}: {os.fsdecode(path)} is not a directory")
            return path
    local = (cwd or Path.cwd()) / "agreements"
    if local.is_dir():
        return Path("agreements") if cwd is None else local
    bundled = bundled_corpus()
    if bundled is None:
        raise CorpusError("no corpus found: pass --corpus DIR or set CISTREATY_CORPUS")
    return bundled


@dataclass
class FileList:
    files: list[tuple[str, Path]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _walk_error(exc: OSError, out: FileList):
    out.diagnostics.append(Diagnostic(os.fsdecode(exc.filename or "?"), 0, 0, "Y011",
                                      f"cannot read the directory: {exc.strerror or exc}"))


def list_files(paths: list[Path]) -> FileList:
    """Expand directories into their YAML files, sorted, following no symlinked directories.

    A path given explicitly that does not exist raises CorpusError (a usage error).
    """
    out = FileList()
    seen: set[str] = set()
    for path in paths:
        if not os.path.lexists(path):
            raise CorpusError(f"{os.fsdecode(path)}: no such file or directory")
        if path.is_dir() and not path.name.endswith(SUFFIXES):
            found = []
            for root, dirs, names in os.walk(path, onerror=lambda e: _walk_error(e, out)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for d in dirs:
                    if d.endswith(SUFFIXES):
                        found.append(Path(root) / d)
                for name in names:
                    if name.endswith(SUFFIXES) and not name.startswith("."):
                        found.append(Path(root) / name)
            candidates = sorted(found, key=lambda p: os.fsencode(p))
        else:
            candidates = [path]
        for p in candidates:
            display = _display(p)
            if display not in seen:
                seen.add(display)
                out.files.append((display, p))
    return out


def _display(p: Path) -> str:
    # An undecodable file name shows its bytes (caf\xe9.yaml), never a lone surrogate that would
    # break printing or a misleading \udce9.
    return os.fsencode(p).decode("utf-8", "backslashreplace")


@dataclass
class Corpus:
    """The valid instruments of a corpus, by id; files that do not load are counted, not hidden."""

    root: Path
    instruments: dict = field(default_factory=dict)  # id -> Instrument
    paths: dict = field(default_factory=dict)  # id -> display path
    broken: list[str] = field(default_factory=list)

    def get(self, ident: str):
        return self.instruments.get(ident)

    def protocols_of(self, ident: str) -> list:
        return [i for i in self.instruments.values() if i.amends == ident]


def load_corpus(root: Path) -> Corpus:
    from .loader import load_file

    corpus = Corpus(root)
    listing = list_files([root])
    for display, path in listing.files:
        result = load_file(path, display)
        inst = result.instrument
        if inst is None or any(d.severity == "error" for d in result.diagnostics):
            corpus.broken.append(display)
            if inst is None:
                continue
        if inst.id not in corpus.instruments:
            corpus.instruments[inst.id] = inst
            corpus.paths[inst.id] = display
    return corpus
