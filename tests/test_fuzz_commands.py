"""Fuzzing: mutate real corpus files and run every read-only command on the result, in-process.

The outcome must always be a documented exit code with diagnostics that point inside the file:
0 or 1 for lint; for commands that take an ID, 0 when the corpus still holds an instrument with
that id and 2 ("no instrument with id ...") when the mutation removed it. Examples are generated
deterministically (derandomize) so CI sees the same ones every run; set CISTREATY_FUZZ_SAVE=DIR
to keep the bytes of a failing example, then add them to tests/fixtures/hostile/.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings, strategies as st

from conftest import CORPUS
from hostile_check import assert_position_inside, invoke, lint_json

settings.register_profile(
    "hostile", max_examples=int(os.environ.get("CISTREATY_FUZZ_EXAMPLES", "150")), deadline=None,
    derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FUZZ = settings.get_profile("hostile")

EXAMPLE = CORPUS.parent / "examples" / "heavy-machinery-amending-protocol.yaml"
# The instruments with the most structure (and the invented protocol, the only one with amendments
# for `diff` to apply): they give mutations the most to break. Only these make up the fuzz corpus,
# because every command run loads the whole corpus and a small one keeps the suite fast.
NAMES = ["heavy-machinery", "rules-of-origin-2009", "rules-of-origin-protocol-2015", "outer-space-2018",
         "forest-pests-2018", "cellular-protocol-2018"]
SOURCES = [CORPUS / f"{n}.yaml" for n in NAMES if (CORPUS / f"{n}.yaml").is_file()]
if EXAMPLE.is_file():
    SOURCES.append(EXAMPLE)
TARGETS = SOURCES
AS_OF = "2026-01-01"  # fixed, so that the same example gives the same run on any day

REPLACEMENTS = [
    b"[]", b"{}", b"[1, 2]", b"{a: 1}", b"0", b"-1", b"3.5", b"1e999", b"-.inf", b".nan", b"true",
    b"null", b"~", b'""', b"''", b"9" * 31, b"-" + b"9" * 400, b"1" * 29, b"0x1F", b"0o17", b"1_000",
    b"2025-02-30", b"0000-01-01", b"9999-12-31", b"2025-13-01", b"2025-1-1", b"2024-02-29T25:00:00",
    b'"a\x00b"', b'"\x1b[31mred\x1b[0m"', b'"[bold]x[/bold]"', b'"\xe2\x80\xa8"', b'"\xc2\x85"',
    b'"x\\u2028y"', b'"x\\ud800y"', b'"\\x85"', b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x07",
    b"\x7f", b"\r", b"|\n  block\n  text", b">-", b"&a x", b"*a", b"!!python/name:os.system",
    b"!foo x", b"!<tag:example.com,2000:x> y", b"!!binary aGVsbG8=", b"!!set {a}", b"%TAG",
    b"---", b"...", b"? complex", b"x: y: z", b"'unclosed", b'"unclosed', b"[unclosed", b"{a: ",
    b"<script>alert(1)</script>", b"%0A::error::x", b"a" * 5000,
]


@st.composite
def mutated(draw):
    """(corpus file, mutated bytes): a few line-level edits, then perhaps a truncation."""
    source = draw(st.sampled_from(TARGETS))
    lines = source.read_bytes().split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "replace", "insert"]))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            prefix = draw(st.sampled_from([b" ", b"  ", b"\t", b"    ", b""]))
            lines[i] = prefix + lines[i].lstrip(b" ") if draw(st.booleans()) else prefix + lines[i]
        elif kind == "replace":
            new = draw(st.sampled_from(REPLACEMENTS))
            head, sep, _ = lines[i].partition(b": ")
            lines[i] = head + sep + new if sep else lines[i] + new
        else:
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(st.sampled_from(REPLACEMENTS + [draw(st.binary(min_size=1, max_size=4))]))
            lines[i] = lines[i][:at] + junk + lines[i][at:]
    data = b"\n".join(lines)
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return source, data


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    dest = tmp_path_factory.mktemp("fuzz") / "agreements"
    dest.mkdir()
    for source in SOURCES:
        shutil.copy(source, dest / source.name)
    return dest


class Planted:
    """Write the mutated file into the corpus copy for one example, and put the original back."""

    def __init__(self, corpus_dir: Path, source: Path, data: bytes):
        self.path = corpus_dir / source.name
        self.id = source.stem
        self.data = data
        self.original = source.read_bytes()

    def __enter__(self):
        self.path.write_bytes(self.data)
        return self

    def __exit__(self, *exc):
        if exc[0] is not None and os.environ.get("CISTREATY_FUZZ_SAVE"):
            save = Path(os.environ["CISTREATY_FUZZ_SAVE"])
            save.mkdir(parents=True, exist_ok=True)
            (save / f"{self.id}-{abs(hash(self.data)) % 10**8}.yaml").write_bytes(self.data)
        self.path.write_bytes(self.original)


def still_declared(corpus_dir: Path, ident: str) -> bool:
    from cistreaty.io.corpus import load_corpus

    return load_corpus(corpus_dir).get(ident) is not None


def assert_id_command(result, ident: str, declared: bool) -> None:
    """Exit 0 when the instrument is there; the documented usage error (2) naming it when not."""
    if declared:
        assert result.exit_code == 0, (result.exit_code, result.stderr[-1000:])
    else:
        assert result.exit_code == 2, (result.exit_code, result.stdout[-500:])
        assert result.stderr.startswith("cistreaty: error:") and ident in result.stderr, result.stderr


@FUZZ
@given(mutated())
def test_lint_on_mutated_file(corpus_dir, example):
    source, data = example
    note(repr(data[:3000]))
    with Planted(corpus_dir, source, data) as planted:
        lint_json(planted.path, data)
        text = invoke("lint", "-f", "text", planted.path)
        assert text.exit_code in (0, 1)
        for line in text.stdout.splitlines():  # one finding per line, each with a position
            assert line.startswith(f"{planted.path}:"), line
            row, col = line[len(str(planted.path)) + 1:].split(":")[:2]
            assert_position_inside({"line": int(row), "column": int(col), "code": line.split()[1]}, data)
        github = invoke("lint", "-f", "github", planted.path)
        assert all(l.startswith(("::error ", "::warning ", str(planted.path))) for l in github.stdout.splitlines())


@FUZZ
@given(mutated(), st.sampled_from(["md", "html", "txt", "json"]))
def test_read_commands_on_mutated_corpus(corpus_dir, example, fmt):
    source, data = example
    note(repr(data[:3000]))
    with Planted(corpus_dir, source, data) as planted:
        declared = still_declared(corpus_dir, planted.id)
        result = invoke("render", planted.id, "--corpus", corpus_dir, "--format", fmt, "--as-of", AS_OF)
        assert_id_command(result, planted.id, declared)
        if declared and fmt == "json":
            json.loads(result.stdout)
        result = invoke("status", planted.id, "--corpus", corpus_dir, "--json", "--as-of", AS_OF)
        assert_id_command(result, planted.id, declared)
        if declared:
            assert json.loads(result.stdout)["id"] == planted.id
        if declared:
            from cistreaty.io.corpus import load_corpus

            inst = load_corpus(corpus_dir).get(planted.id)
            if inst.type == "protocol":
                result = invoke("diff", planted.id, "--corpus", corpus_dir)
                # 2 is diff's documented refusal of a protocol it cannot apply (no amendments, its
                # target missing or not held): one line naming the protocol.
                assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr[-1000:])
                if result.exit_code == 2:
                    assert result.stderr.startswith(f"cistreaty: error: {planted.id} "), result.stderr
                    assert result.stderr.count("\n") == 1, result.stderr


FIXTURES = Path(__file__).parent / "fixtures" / "hostile"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.name)
def test_regression_examples(corpus_dir, fixture):
    """Examples the fuzzer found, planted as the instrument their name starts with."""
    data = fixture.read_bytes()
    diags = lint_json(fixture, data)
    for d in diags:
        assert_position_inside(d, data)
    source = next((s for s in SOURCES if fixture.name.startswith(s.stem + "-")), None)
    if source is None:
        return
    with Planted(corpus_dir, source, data) as planted:
        declared = still_declared(corpus_dir, planted.id)
        for fmt in ("md", "html", "txt", "json"):
            result = invoke("render", planted.id, "--corpus", corpus_dir, "--format", fmt, "--as-of", AS_OF)
            assert_id_command(result, planted.id, declared)
