"""The formats of a text diff: [-markers-]{+like wdiff+}, Markdown, a unified patch, rich text, JSON.

The comparison itself is `engine/diff.py`; this module only presents its records.
"""

from __future__ import annotations

import difflib
import re

from ..articles import article_key
from ..engine.diff import DELETE, EQUAL, HEADING, INSERT, ArticleDiff, Segment, article_text
from ..models import Instrument
from ..textsafe import printable


def heading(d: ArticleDiff, by: dict[str, list[str]] | None) -> str:
    """'Article 5 (changed by Article 3 of P)': every format names what made the change."""
    made = (by or {}).get(d.number)
    return f"Article {d.number} ({d.kind} by {'; '.join(made)})" if made else f"Article {d.number} ({d.kind})"


def rich_lines(title: str, diffs, summary: str, by: dict[str, list[str]] | None = None) -> list:
    """Rich Text objects, never markup: text from YAML is shown as written, brackets and all."""
    from rich.text import Text  # only the terminal format needs rich

    out = [Text(printable(title), style="bold")]
    for d in diffs:
        out += [Text(""), Text(printable(heading(d, by), newlines=False), style="bold")]
        for line in d.lines:
            text = Text(line.prefix)
            for tag, chunk in line.segments:
                text.append(printable(chunk),
                            style=None if tag == EQUAL else "red strike" if tag == DELETE else "green")
            out.append(text)
    out += [Text(""), Text(summary)]
    return out


def article_json(d: ArticleDiff, lang: str, by: dict[str, list[str]] | None = None) -> dict:
    return {"article": d.number, "kind": d.kind, "by": list((by or {}).get(d.number, [])),
            "before": article_text(d.before, lang) if d.before else None,
            "after": article_text(d.after, lang) if d.after else None}


def format_markers(title: str, diffs: list[ArticleDiff], by: dict[str, list[str]] | None = None) -> str:
    """Plain text with [-deleted-] and {+inserted+} (wdiff's notation), for no colour."""
    out = [title]
    for d in diffs:
        out += ["", heading(d, by)]
        for line in d.lines:
            marked = "".join(text if tag == EQUAL else f"[-{text}-]" if tag == DELETE else f"{{+{text}+}}"
                             for tag, text in line.segments)
            out.append(line.prefix + marked)
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")


def _md_line_start(m: re.Match) -> str:
    # "- x" becomes "\- x"; "1. x" becomes "1\. x" (a backslash before a digit escapes nothing).
    lead, mark = m.group(1), m.group(2)
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"


def md_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as formatting, so the text shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))


def _md_mark(text: str, mark: str) -> str:
    # GitHub only reads ~~x~~ and **x** when the marks touch non-space characters.
    core = text.strip()
    if not core:
        return "" if mark == "~~" else text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{md_escape(core)}{mark}{trail}"


_WORD_END = re.compile(r"\w+$")
_WORD_START = re.compile(r"^\w+")


def _widen(segments: tuple[Segment, ...]) -> list[Segment]:
    """Grow a change that begins or ends with punctuation next to a letter by that whole word.

    GitHub reads `enterprises**, organizations**` as plain asterisks (a mark between a letter and
    a punctuation mark does not open emphasis); `~~enterprises~~**enterprises, organizations**` works.
    """
    groups: list[list] = []  # [EQUAL, text] or [None, deleted, inserted]
    for tag, text in segments:
        if tag == EQUAL:
            groups.append([EQUAL, text])
        elif groups and groups[-1][0] is None:
            groups[-1][1 if tag == DELETE else 2] += text
        else:
            groups.append([None, text if tag == DELETE else "", text if tag == INSERT else ""])
    for k, g in enumerate(groups):
        if g[0] is not None:
            continue
        changed = [t for t in g[1:] if t]
        before = groups[k - 1] if k and groups[k - 1][0] == EQUAL else None
        after = groups[k + 1] if k + 1 < len(groups) and groups[k + 1][0] == EQUAL else None
        if before and any(not t[0].isspace() and not t[0].isalnum() for t in changed):
            m = _WORD_END.search(before[1])
            if m:
                before[1] = before[1][: m.start()]
                g[1], g[2] = m.group(0) + g[1], m.group(0) + g[2]
        if after and any(not t[-1].isspace() and not t[-1].isalnum() for t in changed):
            m = _WORD_START.match(after[1])
            if m:
                after[1] = after[1][m.end():]
                g[1], g[2] = g[1] + m.group(0), g[2] + m.group(0)
    out: list[Segment] = []
    for g in groups:
        if g[0] == EQUAL:
            if g[1]:
                out.append((EQUAL, g[1]))
            continue
        out += [(tag, text) for tag, text in ((DELETE, g[1]), (INSERT, g[2])) if text]
    return out


def format_md(title: str, diffs: list[ArticleDiff], by: dict[str, list[str]] | None = None) -> str:
    """Markdown: ~~deleted~~ and **inserted**, one Markdown paragraph per line of the article."""
    out = [f"# {md_escape(title)}"]
    for d in diffs:
        out += ["", f"## {md_escape(heading(d, by))}"]
        for line in d.lines:
            parts = []
            for k, (tag, text) in enumerate(_widen(line.segments)):
                if tag == EQUAL:
                    piece = md_escape(text)
                    if k == 0 and not line.prefix.strip():
                        piece = _MD_LINE_START.sub(_md_line_start, piece)
                    parts.append(piece)
                else:
                    parts.append(_md_mark(text, "~~" if tag == DELETE else "**"))
            prefix = line.prefix.lstrip()
            if prefix[:1].isdigit():
                prefix = prefix.replace(". ", "\\. ")
            elif prefix == HEADING:
                prefix = "*Heading:* "
            out += ["", prefix + "".join(parts)]
    return "\n".join(out) + "\n"


def document_lines(inst: Instrument, lang: str) -> list[str]:
    out: list[str] = []
    for art in inst.articles:
        if out:
            out.append("")
        out.extend(article_text(art, lang).split("\n"))
    return out


def format_unified(before: Instrument, after: Instrument, lang: str, old_label: str, new_label: str,
                   by: dict[str, list[str]] | None = None) -> str:
    """A patch of the rendered articles (every article, three lines of context).

    What made each change is said in lines before the `---` header, where patch and git apply
    read a description, as in a mailed patch."""
    lines = difflib.unified_diff(document_lines(before, lang), document_lines(after, lang),
                                 fromfile=old_label, tofile=new_label, lineterm="")
    text = "\n".join(lines)
    if not text:
        return ""
    header = [f"Article {number}: {'; '.join(labels)}"
              for number, labels in sorted((by or {}).items(), key=lambda item: article_key(item[0]))]
    return "\n".join(header + [text]) + "\n"
