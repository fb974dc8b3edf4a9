"""Lint output formats. Machine formats go to stdout without colour; the summary goes to stderr.

Every format is deterministic (same diagnostics, same bytes): no timestamps, no absolute paths
that the input did not already contain.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic
from ..textsafe import ci_line, json_text, printable, xml_text

FORMATS = ("text", "json", "json-lines", "github", "sarif", "junit")
ENV_VAR = "CISTREATY_OUTPUT_FORMAT"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# The project's home, as the JSON Schema's $id names it (schema.SCHEMA_ID).
INFORMATION_URI = "https://github.com/cistreaty/cistreaty"
# Absolute paths are given relative to this base (SARIF §3.4.4), never as file: URIs, which GitHub
# code scanning refuses without a checkout path (sarif-multitool's GH1006).
ROOT_BASE = "FILESYSTEM_ROOT"


def _gh_data(text: str) -> str:
    # The runner decodes %25, %0D and %0A; other controls (ESC...) cannot be encoded for it and
    # are shown as escapes instead, like everywhere else.
    encoded = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(encoded).replace("\t", " ")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    level = "error" if d.severity == "error" else "warning"
    props = [f"file={_gh_property(d.path)}"]
    if d.line:
        props.append(f"line={d.line}")
    if d.col:
        props.append(f"col={d.col}")
    props.append(f"title={_gh_property(f'cistreaty ({d.code})')}")
    return f"::{level} {','.join(props)}::{_gh_data(d.message)}"


def text_line(d: Diagnostic) -> str:
    # One line per finding, whatever the message holds; no control character reaches a terminal
    # or a CI log (messages quote keys and values from the file), and a file named `::notice...`
    # does not start a workflow command.
    return ci_line(d.format())


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    if not diagnostics:
        return f"{files} file{'s' if files != 1 else ''} checked, no problems found"
    bad = len({d.path for d in diagnostics})
    n = len(diagnostics)
    return f"{n} problem{'s' if n != 1 else ''} in {bad} of {files} file{'s' if files != 1 else ''}"


def sarif_location(path: str) -> dict:
    """The artifactLocation of a displayed path: a relative URI reference, resolved against the
    checkout by consumers; an absolute path relative to the `FILESYSTEM_ROOT` base, `file:///`."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        drive, rest = os.path.splitdrive(posix)
        rest = (drive + rest).lstrip("/")
        return {"uri": quote(rest), "uriBaseId": ROOT_BASE}
    if posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix)}



def sarif(diagnostics: list[Diagnostic]) -> dict:
    # Imported here: the registry imports every rule, which only SARIF's rule table needs.
    from .registry import RULES

    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        rule = RULES[code]
        rules.append({
            "id": code,
            "name": _camel(rule.name),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation},
            "help": {"text": f"{rule.summary} {rule.explanation} (cistreaty rules {code})"},
            "defaultConfiguration": {"level": rule.severity},
        })
    results = []
    for d in diagnostics:
        result = {"ruleId": d.code}
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        result["level"] = "error" if d.severity == "error" else "warning"
        result["message"] = {"text": d.message}
        location: dict = {"artifactLocation": sarif_location(d.path)}
        # Line 0 is a finding about the file as a whole (too large, unreadable, not a file): it
        # points at line 1, because GitHub requires a startLine and validators a region.
        region = {"startLine": d.line if d.line > 0 else 1}
        if d.line > 0 and d.col > 0:
            region["startColumn"] = d.col
        location["region"] = region
        result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    run = {
        "tool": {"driver": {"name": "cistreaty", "version": __version__, "informationUri": INFORMATION_URI,
                            "rules": rules}},
    }
    if any("uriBaseId" in r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results):
        run["originalUriBaseIds"] = {ROOT_BASE: {"uri": "file:///"}}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            **run,
            # The loader counts columns in characters, not in SARIF's default UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _camel(name: str) -> str:
    # SARIF recommends rule names in PascalCase; the registry's kebab-case names map one to one.
    return "".join(part.capitalize() for part in name.split("-"))


def junit(diagnostics: list[Diagnostic], checked: list[str]) -> str:
    """One testcase per file, with one failure that lists its diagnostics: what CI test reporters
    display. One failure per testcase keeps `failures` what readers recount (junitparser counts
    failure elements); the attributes are those of junit-10.xsd (no `file` on a testcase)."""
    import xml.etree.ElementTree as ET

    by_path: dict[str, list[Diagnostic]] = {p: [] for p in checked}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    total = str(len(by_path))
    failed = str(sum(1 for ds in by_path.values() if ds))
    root = ET.Element("testsuites", name="cistreaty", tests=total, failures=failed, errors="0")
    suite = ET.SubElement(root, "testsuite", name="cistreaty lint", tests=total, failures=failed,
                          errors="0", skipped="0")
    for path in sorted(by_path):
        case = ET.SubElement(suite, "testcase", classname="cistreaty.lint", name=xml_text(path))
        found = by_path[path]
        if found:
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            failure = ET.SubElement(case, "failure", type=first.code,
                                    message=xml_text(f"{first.line}:{first.col}: {first.code} {first.message}{more}"))
            # One line per finding, none of which may start a workflow command (a file `::x.yaml`).
            failure.text = "\n".join(xml_text(ci_line(d.format())) for d in found)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def emit(diagnostics: list[Diagnostic], fmt: str, files: int, out=None, err=None,
         checked: list[str] | None = None) -> None:
    """Write `diagnostics` in `fmt`; `checked` (the files linted) gives junit its passing testcases."""
    out = out or sys.stdout
    err = err or sys.stderr
    if fmt == "json":
        out.write(json_text([d.to_json() for d in diagnostics], indent=2) + "\n")
    elif fmt == "json-lines":
        out.write("".join(json_text(d.to_json()) + "\n" for d in diagnostics))
    elif fmt == "sarif":
        out.write(json_text(sarif(diagnostics), indent=2) + "\n")
    elif fmt == "junit":
        out.write(junit(diagnostics, checked or []))
    else:
        lines = []
        if fmt == "github" and diagnostics:
            # These lines are workflow commands on purpose: past the stdout guard (cli/stream.py),
            # which keeps every other line from reading as one.
            getattr(out, "write_commands", out.write)("\n".join(github_line(d) for d in diagnostics) + "\n")
        lines.extend(text_line(d) for d in diagnostics)
        if lines:
            out.write("\n".join(lines) + "\n")
    out.flush()
    err.write(summary(diagnostics, files) + "\n")
