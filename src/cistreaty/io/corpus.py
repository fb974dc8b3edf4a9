"""Where the corpus lives, which files are in it, and loading it for the commands that read it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from .files import UNREADABLE
from .workers import PARALLEL_THRESHOLD, Pool, chunks, default_jobs, run_chunks

ENV_VAR = "CISTREATY_CORPUS"
SUFFIXES = (".yaml", ".yml")


class CorpusError(Exception):
    """A usage problem with the corpus location (exit 2)."""


def bundled_corpus() -> Path | None:
    here = Path(__file__).resolve().parent.parent  # the package folder
    for candidate in (here / "data" / "agreements", here.parent.parent / "agreements"):
        if candidate.is_dir():
            return candidate
    return None


def find_corpus(explicit: str | os.PathLike | None = None, cwd: Path | None = None, label: str = "--corpus") -> Path:
    """--corpus, then $CISTREATY_CORPUS, then ./agreements, then the corpus shipped with the package.
    `label` names where `explicit` came from in an error (a configuration's `corpus`)."""
    for given, what in ((explicit, label), (os.environ.get(ENV_VAR) or None, ENV_VAR)):
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
    # Displays of listed files the directory listing showed are not symbolic links: a rule that must
    # know (C130's corpus test) need not lstat them again.
    not_links: set[str] = field(default_factory=set)


def _walk_error(exc: OSError, out: FileList):
    out.diagnostics.append(Diagnostic(os.fsdecode(exc.filename or "?"), 0, 0, UNREADABLE.code,
                                      f"cannot read the directory: {exc.strerror or exc}"))


def list_files(paths: list[Path]) -> FileList:
    """Expand directories into their YAML files, sorted, following no symlinked directories.

    A path given explicitly that does not exist is an `unreadable` diagnostic; the others are still listed.
    """
    out = FileList()
    seen: set[str] = set()
    for path in paths:
        if not os.path.lexists(path):
            # A finding, not a usage error: the other paths are still checked (as ruff's E902).
            out.diagnostics.append(Diagnostic(_display(path), 0, 0, UNREADABLE.code, "no such file or directory"))
            continue
        if path.is_dir() and not path.name.endswith(SUFFIXES):
            found, plain = [], set()
            for root, dirs, names in os.walk(path, onerror=lambda e: _walk_error(e, out)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # Plain strings: building Path objects was most of listing a 10,000-file corpus.
                for d in dirs:
                    if d.endswith(SUFFIXES):
                        found.append(os.path.join(root, d))
                wanted = [name for name in names if name.endswith(SUFFIXES) and not name.startswith(".")]
                found.extend(os.path.join(root, name) for name in wanted)
                plain.update(os.path.join(root, name) for name in _not_links(root, wanted))
            candidates = []
            inside = os.path.realpath(path)
            for f in sorted(found, key=os.fsencode):
                if (f not in plain and os.path.islink(f)
                        and os.path.commonpath([inside, os.path.realpath(f)]) != inside
                        and os.path.isfile(f)):  # a device or pipe is refused as such (Y012)
                    # A link out of the folder (to /etc/..., to a private repository) is not read:
                    # its keys and values would be quoted in messages, in a CI log anyone can read.
                    out.diagnostics.append(Diagnostic(_display(f), 0, 0, UNREADABLE.code, (
                        f"a symbolic link to a file outside {_display(path)}: not read (name the file "
                        "itself to check it)")))
                    continue
                candidates.append(f)
        else:
            candidates, plain = [path], set()
        for p in candidates:
            display = _display(p)
            # Several paths may name one file in two spellings (`agreements $PWD/agreements/x.yaml`,
            # `. x.yaml`): checked once, under the first, or C102 would find its id declared twice.
            # Not resolving links: two names of one file by a link are two files, as in one folder.
            where = os.path.abspath(p) if len(paths) > 1 else display
            if display not in seen and where not in seen:
                seen.add(display)
                seen.add(where)
                out.files.append((display, Path(p)))
                if p in plain:
                    out.not_links.add(display)
    return out


def _not_links(folder: str, names: list[str]) -> list[str]:
    """Those of `names` the folder's listing says are not symbolic links: one more readdir, where an
    lstat per file was a third of listing 10,000 files. Any doubt (an unreadable folder, a name gone
    meanwhile) leaves the name out, and its caller asks the file itself."""
    if not names:
        return []
    wanted = set(names)
    try:
        with os.scandir(folder) as entries:
            return [e.name for e in entries if e.name in wanted and not e.is_symlink()]
    except OSError:
        return []


def _display(p: Path | str) -> str:
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

    _amending: dict | None = field(default=None, repr=False, compare=False)
    _amending_key: tuple = field(default=(), repr=False, compare=False)

    def protocols_of(self, ident: str) -> list:
        """The instruments that amend `ident`, in corpus order. One pass builds an index for all
        ids (asking for each instrument in turn was quadratic: 24 of 33 s on 8,000 files); it is
        rebuilt when instruments are added or removed."""
        key = (id(self.instruments), len(self.instruments))
        if self._amending is None or self._amending_key != key:
            index: dict = {}
            for inst in self.instruments.values():
                if inst.amends:
                    index.setdefault(inst.amends, []).append(inst)
            self._amending, self._amending_key = index, key
        return list(self._amending.get(ident, ()))


def _load_chunk(chunk: list[tuple[str, str]], raw: bool = False) -> list[tuple[str, object, bool]]:
    from .loader import load_file

    out = []
    for display, path in chunk:
        result = load_file(Path(path), display, keep_value=raw)
        broken = result.instrument is None or any(d.severity == "error" for d in result.diagnostics)
        if raw:
            # Plain YAML values cross the process boundary far faster than pydantic models do
            # (measured: unpickling the models cost more than the parsing saved).
            out.append((display, result.value if result.instrument is not None else None, broken))
        else:
            out.append((display, result.instrument, broken))
    return out


def _load_raw_chunk(chunk: list[tuple[str, str]]) -> list[tuple[str, object, bool]]:
    return _load_chunk(chunk, raw=True)


def _load_all(files: list[tuple[str, Path]], jobs: int) -> list[tuple[str, object, bool]]:
    todo = [(display, os.fspath(path)) for display, path in files]
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        return _load_chunk(todo)
    from ..models import Instrument

    parts = [item for part in run_chunks(_load_raw_chunk, chunks(todo), jobs) for item in part]
    # The value validated once in the worker: validating it again here cannot fail.
    return [(display, None if value is None else Instrument.model_validate(value), broken)
            for display, value, broken in parts]


def _map_chunk(job) -> list[tuple[str, object, bool]]:
    func, chunk = job
    return [(display, None if inst is None else func(inst), broken) for display, inst, broken in _load_chunk(chunk)]


def map_corpus(root: Path, func, jobs: int | None = None, each=None) -> tuple[list[tuple[str, object]], list[str]]:
    """`func(instrument)` for every instrument of the corpus, computed where it was parsed.

    For commands that need a small result per instrument (the status overview): only the
    results cross between processes. `func` must be picklable (a module-level function or a
    functools.partial of one). Returns ([(display, result)], broken displays), in file order;
    with `each`, `each(display, result)` is called as the results come, in file order, and none
    is kept here (the list returned is empty).
    """
    jobs = default_jobs() if jobs is None else jobs
    listing = list_files([root])
    todo = [(display, os.fspath(path)) for display, path in listing.files]
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        jobs = 1
    results: list[tuple[str, object]] = []
    keep = each or (lambda display, out: results.append((display, out)))
    broken = [d.path for d in listing.diagnostics]
    with Pool(jobs) as pool:
        for part in pool.map(_map_chunk, [(func, c) for c in chunks(todo)]):
            for display, out, bad in part:
                if out is not None:
                    keep(display, out)
                if bad:
                    broken.append(display)
    return results, broken


def load_corpus(root: Path, jobs: int | None = None) -> Corpus:
    """Every instrument of the corpus; files that do not load are listed in `broken`.

    Large corpora are parsed in worker processes (parsing is nearly all of the cost).
    """
    corpus = Corpus(root)
    listing = list_files([root])
    # Files listed but not read (links out of the folder, unreadable folders) are broken too.
    corpus.broken.extend(d.path for d in listing.diagnostics)
    loaded = _load_all(listing.files, default_jobs() if jobs is None else jobs)
    corpus.broken += [display for display, _inst, broken in loaded if broken]
    first, _later = first_of_each([(d, inst) for d, inst, _ in loaded if inst is not None], key=lambda x: x[1].id)
    for ident, (display, inst) in first.items():
        corpus.instruments[ident] = inst
        corpus.paths[ident] = display
    return corpus


def load_one(root: Path, ident: str):
    """The instrument `ident` read from `root/ident.yaml` alone, or None when that file is not it.

    `status ID` and `render ID` need one file: reading the whole corpus would make every call
    as slow as the corpus is large.
    """
    from .loader import load_file

    for suffix in SUFFIXES:
        path = root / f"{ident}{suffix}"
        try:
            found = path.is_file()
        except OSError:  # a name longer than the file system allows (ENAMETOOLONG): no such file
            found = False
        if found:
            result = load_file(path, _display(path))
            inst = result.instrument
            if inst is not None and inst.id == ident and not any(d.severity == "error" for d in result.diagnostics):
                return inst, result.path
            return None
    return None


def sibling_ids(paths: list[str], corpus: str | None = None) -> set[str]:
    """Ids of the instrument files next to the given ones (and in `corpus`), so that linting one
    changed file (as pre-commit does) still resolves `amends:` against the rest of its corpus."""
    ids = set()
    folders = {os.path.dirname(p) or "." for p in paths} | ({corpus} if corpus else set())
    for folder in sorted(folders):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        ids.update(n.rsplit(".", 1)[0] for n in names if n.endswith(SUFFIXES))
    return ids


def first_of_each(items: list, key) -> tuple[dict, list]:
    """The first item of each key, and (later item, first item) for the others, in order.

    The first file of an id wins everywhere: loading the corpus, the status overview, and the
    id-unique lint rule, which reports the later ones.
    """
    first: dict = {}
    later = []
    for item in items:
        k = key(item)
        if k in first:
            later.append((item, first[k]))
        else:
            first[k] = item
    return first, later
