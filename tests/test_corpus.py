"""The real corpus: it lints clean, its schema is current, and the package finds it anywhere."""

import json
import re
import subprocess
import sys

from conftest import CORPUS, ROOT

HEADER = "# yaml-language-server: $schema=../schemas/instrument.schema.json\n"


def test_every_corpus_file_lints_clean(cli):
    result = cli("lint", CORPUS)
    assert result.exit_code == 0, result.stdout


def test_every_corpus_file_declares_the_schema_for_editors():
    for path in sorted(CORPUS.glob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith(HEADER), path.name


def test_schema_file_matches_the_models():
    from cistreaty.schema import render_schema

    assert (ROOT / "schemas" / "instrument.schema.json").read_text(encoding="utf-8") == render_schema()


def test_schema_validates_the_corpus_and_rejects_typos():
    import jsonschema

    from cistreaty.io import yamlio

    schema = json.loads((ROOT / "schemas" / "instrument.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in sorted(CORPUS.glob("*.yaml")):
        value = yamlio.loads(path.read_text(encoding="utf-8")).value
        value = json.loads(json.dumps(value, default=str))  # dates as ISO strings, as editors see them
        errors = list(validator.iter_errors(value))
        assert not errors, (path.name, errors[0].message)
        value["titel"] = {"en": "typo"}
        assert list(validator.iter_errors(value)), "unknown keys must fail in the schema too"


def test_schema_check_detects_stale_and_writes_atomically(cli, tmp_path):
    assert cli("schema", "--check", "--out-dir", tmp_path).exit_code == 1
    result = cli("schema", "--out-dir", tmp_path)
    assert result.exit_code == 0
    assert cli("schema", "--check", "--out-dir", tmp_path).exit_code == 0
    (tmp_path / "instrument.schema.json").write_text("{}")
    assert cli("schema", "--check", "--out-dir", tmp_path).exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["instrument.schema.json"]  # no temporary left


def test_every_source_key_is_cited_or_titled():
    # Facts cite sources; a source entry must at least carry a title saying what it is.
    from cistreaty.io.loader import load_file

    for path in sorted(CORPUS.glob("*.yaml")):
        inst = load_file(path).instrument
        assert inst.sources, f"{path.name} cites no source"
        assert all(s.title for s in inst.sources.values())


def test_heavy_machinery_holds_the_full_published_text():
    from cistreaty.io.loader import load_file

    inst = load_file(CORPUS / "heavy-machinery.yaml").instrument
    assert [a.number for a in inst.articles] == [str(n) for n in range(1, 15)]
    source = (ROOT.parent / "shared" / "sources" / "004_418b15b5313a4753.txt")
    if source.exists():
        published = source.read_text(encoding="utf-8")
        for art in inst.articles:
            for para in art.paragraphs:
                for text in [para.texts.get("en")] + [i["en"] for i in para.items or []]:
                    if text:
                        assert text in published, text[:60]


def test_installed_package_finds_its_bundled_corpus_from_any_directory(tmp_path):
    code = "from cistreaty.io.corpus import find_corpus; print(find_corpus(cwd=__import__('pathlib').Path('.')))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    found = proc.stdout.strip()
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"agreements$", found)
    assert (__import__("pathlib").Path(found) / "heavy-machinery.yaml").exists()
