"""`render --out-dir`: one page per instrument plus an index, built without holding the corpus.

Worker processes read each file once and build its page as if nothing amended it, which is the
page of nearly every instrument; they send back the page and what the index and the links between
files need (id, `amends`, type, the index entry). Once every file is read, the pages that depend on
other files are built again from their own files: an instrument that protocols amend (its text in
force), for AKN also a protocol (it names its base), and every page of a site where an instrument
has the id `index` (they link to `_index`). Each page is written as it comes into the folder that
replaces DIR whole (io/site.py); only the index entries are kept until the index is written.

The pages are the ones a build from the whole loaded corpus gives: the first file of an id wins,
protocols apply in corpus order, and a failure is reported for the first instrument in id order,
as if the pages had been built one by one in that order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import typer

from . import common, shell


@dataclass(frozen=True)
class Spec:
    """What every page is built with (sent to the workers)."""
    fmt: str
    options: object  # render.Options
    index: str  # the index's file name, which html and md pages link to


def _load(display: str, path: str):
    from ..io.loader import load_file

    result = load_file(Path(path), display)
    broken = result.instrument is None or any(d.severity == "error" for d in result.diagnostics)
    return result.instrument, broken


def _build(spec: Spec, inst, protocols: list, base) -> tuple:
    """("page", name, content, entry), or what stopped it: ("refused", message) for a page the format
    cannot give, ("protocol", id, [(index, loc, message)]) for a protocol that does not apply,
    ("bug", type name, message) for anything else."""
    from ..engine.amend import ProtocolDoesNotApply
    from ..render import RenderError

    try:
        if spec.fmt == "akn":
            from ..render.akn import document
            from ..textsafe import safe_output

            text = document(inst, spec.options, protocols=protocols, base=base)
            return "page", f"{inst.id}.xml", safe_output(text, "html"), None
        from ..render import register

        return ("page", *register.page(inst, protocols, spec.fmt, spec.options, spec.index))
    except RenderError as exc:
        return "refused", str(exc)
    except ProtocolDoesNotApply as exc:
        # Plain data: the engine's exceptions do not survive pickling.
        return "protocol", exc.protocol, [(e.index, e.loc, e.message) for e in exc.errors]
    except Exception as exc:  # noqa: BLE001 - reported as cli/shell.guard reports it, naming the file
        return "bug", type(exc).__name__, str(exc)


def _first(job) -> list[tuple]:
    """Each file of the chunk: (id, amends, is a protocol, broken, outcome); id None when the file
    does not load."""
    spec, chunk = job
    out = []
    for display, path in chunk:
        inst, broken = _load(display, path)
        if inst is None:
            out.append((None, None, False, broken, None))
        else:
            out.append((inst.id, inst.amends, inst.type == "protocol", broken, _build(spec, inst, [], None)))
    return out


def _again(job) -> list[tuple]:
    """(id, outcome) of each page built again with the files it depends on."""
    spec, items = job
    out = []
    for ident, (display, path), protocol_files, base_file in items:
        inst, _ = _load(display, path)
        if inst is None or inst.id != ident:
            out.append((ident, ("bug", "RuntimeError", f"{display} changed while the pages were built")))
            continue
        protocols = [p for p in (_load(*f)[0] for f in protocol_files) if p is not None]
        base = _load(*base_file)[0] if base_file else None
        out.append((ident, _build(spec, inst, protocols, base)))
    return out


class _Build:
    """What the parent keeps: where each id's file is, who amends whom, the index entries, and what
    failed. Not the instruments."""

    def __init__(self, site, fmt: str):
        self.site, self.fmt = site, fmt
        self.files: dict[str, tuple[str, str]] = {}  # id -> (display, path) of its first file
        self.amends: dict[str, str] = {}
        self.amending: dict[str, list[str]] = {}  # id -> the ids that amend it, in corpus order
        self.protocols: set[str] = set()
        self.entries: dict = {}
        self.written: set[str] = set()
        self.failed: dict[str, tuple] = {}
        self.broken: list[str] = []

    def read(self, file: tuple[str, str], ident, amends, protocol, broken, outcome) -> None:
        """One file's result; `file` is (display, path)."""
        if broken:
            self.broken.append(file[0])
        if ident is None or ident in self.files:  # not loaded, or a later file of an id
            return
        self.files[ident] = file
        if amends:
            self.amends[ident] = amends
            self.amending.setdefault(amends, []).append(ident)
        if protocol:
            self.protocols.add(ident)
        self.take(ident, outcome)

    def take(self, ident: str, outcome: tuple) -> None:
        """Write the page (again), or take it back and remember why it failed."""
        if outcome[0] == "page":
            _, name, content, entry = outcome
            self.site.write(name, content, again=ident in self.written)
            self.written.add(ident)
            self.failed.pop(ident, None)
            if entry is not None:
                self.entries[ident] = entry
            return
        if ident in self.written:
            self.site.remove(self.page_name(ident))
            self.written.discard(ident)
        self.entries.pop(ident, None)
        self.failed[ident] = outcome

    def page_name(self, ident: str) -> str:
        from ..render import EXTENSIONS

        return f"{ident}.{'xml' if self.fmt == 'akn' else EXTENSIONS[self.fmt]}"

    def dependent(self, every: bool) -> list[tuple]:
        """The pages to build again, in id order, each with the files it needs."""
        out = []
        for ident in sorted(self.files):
            protocols = self.amending.get(ident, ())
            if self.fmt == "akn":
                base = self.amends.get(ident)
                base = base if base in self.files else None
                needed = bool(protocols) or base is not None
            else:
                base = None
                needed = bool(protocols) and ident not in self.protocols
            if every or needed:
                out.append((ident, self.files[ident], [self.files[p] for p in protocols],
                            self.files[base] if base else None))
        return out


def write_site(root: Path, fmt: str, options, out_dir: Path, force: bool) -> None:
    """Every instrument of the corpus at `root` as a page in `out_dir`, plus an index (not for akn)."""
    import dataclasses

    from ..io.corpus import list_files
    from ..io.files import WriteError
    from ..io.site import Site
    from ..io.workers import PARALLEL_THRESHOLD, Pool, chunks, default_jobs
    from ..render import EXTENSIONS, register

    listing = list_files([root])
    todo = [(display, os.fspath(path)) for display, path in listing.files]
    unread = [d.path for d in listing.diagnostics]
    del listing  # a Path per file: more than the rest of what is kept
    jobs = default_jobs() if len(todo) >= PARALLEL_THRESHOLD else 1
    if fmt == "akn":
        options = dataclasses.replace(options, lang_preference=True)
    spec = Spec(fmt, options, "" if fmt == "akn" else register.index_name(fmt, ()))
    try:
        pages = tuple(f".{ext}" for ext in (*EXTENSIONS.values(), "xml"))
        with Site(out_dir, force, pages) as site, Pool(jobs) as pool:
            build = _Build(site, fmt)
            # Files listed but not read (links out of the folder, unreadable folders) are broken too.
            build.broken = unread
            parts = chunks(todo)
            for chunk, part in zip(parts, pool.map(_first, ((spec, chunk) for chunk in parts))):
                for file, item in zip(chunk, part):
                    build.read(file, *item)
            common.warn_broken(build.broken)
            again_spec = spec
            if fmt != "akn":
                index = register.index_name(fmt, build.files)
                if fmt in ("html", "md") and index != spec.index:  # every page links to it
                    again_spec = dataclasses.replace(spec, index=index)
            items = build.dependent(every=again_spec != spec)
            for part in pool.map(_again, [(again_spec, chunk) for chunk in chunks(items, 16)]):
                for ident, outcome in part:
                    build.take(ident, outcome)
            refused = _stop_at_first_failure(build, fmt)
            if fmt != "akn":
                entries = [build.entries[i] for i in sorted(build.entries)]
                site.write(index, register.index(entries, fmt, options))
    except WriteError as exc:
        common.fail(str(exc))
    typer.echo(f"wrote {site.count} file{'' if site.count == 1 else 's'} to {out_dir}", err=True)
    for line in refused:
        common.echo_safe(f"cistreaty: error: {line} (not written)", err=True)
    if refused:
        raise typer.Exit(1)


def _stop_at_first_failure(build: _Build, fmt: str) -> list[str]:
    """Report the first failure in id order as building the pages in that order would have, and
    stop; for AKN, a page it cannot give is left out and the others go on: those are returned."""
    refused = []
    for ident in sorted(build.failed):
        outcome = build.failed[ident]
        display = build.files[ident][0]
        if outcome[0] == "refused":
            if fmt == "akn":
                refused.append(f"{display}: {outcome[1]}")
                continue
            common.fail(outcome[1])
        if outcome[0] == "protocol":
            from ..engine.amend import AmendmentError
            from . import report

            _, protocol, errors = outcome
            report.protocol(build.files.get(protocol, (protocol,))[0], ident,
                            [AmendmentError(*error) for error in errors])
        shell.CURRENT_FILE = display
        raise type(outcome[1], (Exception,), {})(outcome[2])
    return refused
