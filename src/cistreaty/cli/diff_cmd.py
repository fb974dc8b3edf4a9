"""`cistreaty diff`: what a protocol changes, or what changed in the text in force between two dates."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import common, report


class DiffFormat(str, Enum):
    terminal = "terminal"
    md = "md"
    unified = "unified"
    json = "json"


def diff(
    target: str = typer.Argument(..., metavar="PROTOCOL", autocompletion=common.complete_ids,
                                 help="A protocol (its id in the corpus, or the path of its YAML file), "
                                      "or with --from/--to the id of any instrument."),
    from_: Optional[str] = typer.Option(None, "--from", metavar="DATE",
                                        help="Compare the text in force on this date (YYYY-MM-DD)...",
                                        show_default=False),
    to: Optional[str] = typer.Option(None, "--to", metavar="DATE", help="...with the text in force on this date.",
                                     show_default=False),
    party: Optional[str] = typer.Option(None, "--party", metavar="CODE", autocompletion=common.complete_party,
                                        help="With --from/--to: only the protocols in force for this party.",
                                        show_default=False),
    fmt: DiffFormat = typer.Option(DiffFormat.terminal, "--format", "-f", metavar="terminal|md|unified|json",
                                   help="terminal (colours, or [-deleted-]{+inserted+} without them), md, "
                                        "unified (a patch of the rendered articles) or json."),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="CODE",
                                       help="Language of the text compared. Default: the first the file holds.",
                                       show_default=False),
    corpus: Optional[Path] = common.CorpusOption,
    color: Optional[str] = common.ColorOption,
) -> None:
    """Show, word by word, what a protocol changes in the instrument it amends."""
    from ..engine import diff as textdiff
    from ..render import diffview

    if (from_ is None) != (to is None):
        common.fail("give both --from and --to, or neither")
    if from_ is None:
        if party is not None:
            common.fail("--party needs --from and --to: a protocol's changes are the same for every party")
        title, before, after, base, extra = _protocol_mode(target, corpus)
    else:
        title, before, after, base, extra = _dates_mode(target, from_, to, party, corpus)
    lang = _language(base, lang)
    diffs = textdiff.compare(before, after, lang)
    summary = textdiff.summary(diffs)
    for d in diffs:
        if d.coarse:
            common.echo_safe(f"cistreaty: note: Article {d.number}: {d.coarse} passage(s) too long to compare word by "
                             f"word (over {textdiff.MAX_PAIRS:,} word pairs even sentence by sentence) are shown "
                             "deleted and inserted whole", err=True)
    by = extra["by"]
    if fmt is DiffFormat.json:
        doc = {k: v for k, v in extra.items() if k not in ("labels", "operations", "by")}
        doc.update(lang=lang, summary=textdiff.counts(diffs),
                   articles=[diffview.article_json(d, lang, by) for d in diffs])
        if "operations" in extra:
            doc["operations"] = extra["operations"](lang)
        from ..textsafe import json_text

        typer.echo(json_text(doc, indent=2, sort_keys=True))
        common.echo_safe(summary, err=True)
    elif fmt is DiffFormat.unified:
        old, new = extra["labels"]
        common.echo_safe(diffview.format_unified(before, after, lang, old, new, by), nl=False)
        common.echo_safe(summary, err=True)
    elif fmt is DiffFormat.md:
        common.echo_safe(diffview.format_md(title, diffs, by) + "\n" + summary, form="md")
    elif _colour():
        _print_rich(title, diffs, summary, by)
    else:
        common.echo_safe(diffview.format_markers(title, diffs, by) + "\n" + summary)


def _colour() -> bool:
    # Without colour the marks must survive as characters, so NO_COLOR and pipes get markers.
    return common.color_enabled()


def _print_rich(title: str, diffs, summary: str, by) -> None:
    from ..render.diffview import rich_lines

    common.print_safe(common.make_console(), *rich_lines(title, diffs, summary, by))


def _looks_like_path(target: str) -> bool:
    return target.endswith((".yaml", ".yml")) or "/" in target or os.sep in target


def _load_target(target: str, corpus_opt):
    """(instrument, display path of its file, corpus)."""
    from ..io.loader import load_file

    store = common.load_corpus(corpus_opt)
    if _looks_like_path(target):
        import stat

        from ..io.files import file_kind

        path = Path(target)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            common.fail(f"{target}: no such file")
        except OSError as exc:  # a name too long, a loop of links, no permission
            common.fail(f"{target}: {exc.strerror or exc}")
        if not stat.S_ISREG(info.st_mode):
            common.fail(f"{target} is {file_kind(info.st_mode)}, not an instrument file")
        result = load_file(path, target)
        errors = [d for d in result.diagnostics if d.severity == "error"]
        if result.instrument is None or errors:
            report.diagnostics(errors or result.diagnostics)
            raise typer.Exit(1)
        return result.instrument, target, store
    inst = store.get(target)
    if inst is None:
        common.fail_unknown_id(store, target)
    return inst, store.paths[target], store


def _protocol_mode(target: str, corpus_opt):
    from ..engine.amend import apply

    inst, display, store = _load_target(target, corpus_opt)
    if inst.type != "protocol" or not inst.amends:
        common.fail(f"{inst.id} is not a protocol: to compare its text between two dates, give --from and --to")
    if not inst.amendments:
        common.fail(f"{inst.id} has no amendments to apply"
                    + (" (its text is not held)" if inst.text == "not-held" else ""))
    base = store.get(inst.amends)
    if base is None:
        common.fail(f"{inst.id} amends {inst.amends!r}, which is not in {os.fsdecode(store.root)}")
    if base.text == "not-held":
        common.fail(f"{inst.id} amends {base.id}, whose text is not held")
    result = apply(base, inst)
    if result.errors:
        report.protocol(display, base.id, result.errors)
    from ..engine.amend import made_by

    extra = {"protocol": inst.id, "amends": base.id, "by": made_by(result.changes),
             "labels": (f"{base.id} (before)", f"{base.id} (after {inst.id})"),
             "operations": lambda lang: _operations_json(base, inst, lang)}
    title = f"{inst.id} amending {base.id}"
    return title, base, result.instrument, base, extra


def _operations_json(base, protocol, lang: str) -> list[dict]:
    from ..engine.amend import apply
    from ..engine.diff import article_text

    def text_of(inst, number):
        art = next((a for a in inst.articles if a.number == number), None)
        return article_text(art, lang) if art is not None else None

    out, current = [], base
    for index, op in enumerate(protocol.amendments):
        step = apply(current, protocol.model_copy(update={"amendments": [op]}))
        change = step.changes[0]
        out.append({"index": index, "op": op.op, "article": change.article, "cite": op.cite, "kind": change.kind,
                    "before": text_of(current, change.article), "after": text_of(step.instrument, change.article),
                    "operation": op.model_dump(mode="json", exclude_none=True)})
        current = step.instrument
    return out


def _dates_mode(target: str, from_: str, to: str, party: Optional[str], corpus_opt):
    from ..engine.amend import ProtocolDoesNotApply, consolidate, made_by, protocols_in_force
    from ..countries import is_valid

    start, end = common.parse_date(from_, "--from"), common.parse_date(to, "--to")
    if start > end:
        common.fail(f"--from {start} is after --to {end}")
    if party is not None:
        party = party.upper()
        if not is_valid(party):
            common.fail(f"--party: {party!r} is not an ISO 3166-1 alpha-2 country code")
    inst, _, store = _load_target(target, corpus_opt)
    if inst.type == "protocol":
        common.fail(f"{inst.id} is a protocol: diff it without --from/--to, or give {inst.amends or 'the'} "
                    "instrument it amends")
    if inst.text == "not-held":
        common.fail(f"the text of {inst.id} is not held")
    protocols = [p for p in store.protocols_of(inst.id) if p.amendments]
    try:
        before, _ = consolidate(inst, protocols, start, party)
        applied: list = []
        after, _ = consolidate(inst, protocols, end, party, trace=applied)
    except ProtocolDoesNotApply as exc:
        report.protocol(store.paths.get(exc.protocol, exc.protocol), inst.id, exc.errors)
    earlier = {p.id for _, p in protocols_in_force(protocols, start, party)}
    entered = [p.id for _, p in protocols_in_force(protocols, end, party) if p.id not in earlier]
    whom = f" for {party}" if party else ""
    extra = {"id": inst.id, "from": start.isoformat(), "to": end.isoformat(), "party": party,
             "protocols": entered, "by": made_by([c for c in applied if c.protocol in entered]), "labels": (f"{inst.id} (in force{whom} on {start})",
                                              f"{inst.id} (in force{whom} on {end})")}
    title = f"{inst.id}: text in force{whom} on {start} and on {end}"
    return title, before, after, inst, extra


def _language(base, lang: Optional[str]) -> str:
    held = base.languages.text_languages if base.languages else sorted(
        {k for a in base.articles for p in a.paragraphs for k in p.texts}) or ["en"]
    if lang is None:
        return held[0]
    if lang not in held:
        common.fail(f"--lang {lang}: {base.id} holds {', '.join(held)}")
    return lang
