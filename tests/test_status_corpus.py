"""`status` over the corpus (cli/status_corpus.py): the workers send back only what is printed, and
`--party --explain` quotes the clause across the corpus as `status ID --explain` does."""

import datetime as dt
import json

import pytest

from conftest import CORPUS, FIXTURES

# heavy-machinery with three notifications (in force 2026-02-11) and Russia's later one: Russia's
# date comes from the "later parties" sentence of Article 12, which the file holds.
EVENTS = (("KG", "2026-01-10"), ("TJ", "2026-01-11"), ("BY", "2026-01-12"), ("RU", "2026-03-01"))
LATER = ('Article 12 says: "For Parties that complete the procedures later, the Agreement enters into force 30 '
         'days from the date of receipt of the relevant notifications."')


@pytest.fixture
def notified(tmp_path):
    text = (CORPUS / "heavy-machinery.yaml").read_text(encoding="utf-8")
    for code, day in EVENTS:
        head = f"\n  {code}:\n    events:\n"
        assert head in text
        text = text.replace(head, head + f"      - type: notification\n        date: {day}\n", 1)
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "heavy-machinery.yaml").write_text(text, encoding="utf-8")
    (folder / "paris-agreement.yaml").write_text((FIXTURES / "status" /
                                                  "paris-agreement.yaml").read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [False, True])
def test_party_explain_across_the_corpus_quotes_the_clause(cli, monkeypatch, notified, workers):
    from cistreaty.io import corpus as corpus_mod

    if workers:
        monkeypatch.setattr(corpus_mod, "PARALLEL_THRESHOLD", 1)
    args = ("status", "--party", "RU", "--explain", "--as-of", "2027-12-01", "--corpus", notified)
    text = cli(*args, env={"NO_COLOR": "1", "COLUMNS": "400"})
    assert text.exit_code == 0, text.output
    lines = [line.strip() for line in text.stdout.splitlines()]
    start = lines.index("heavy-machinery: in-force")
    later = next(i for i in range(start, len(lines)) if lines[i].startswith("RU notification received 2026-03-01"))
    assert lines[later + 1] == LATER
    # The same lines as the one-instrument view prints for Russia.
    one = cli("status", "heavy-machinery", "--party", "RU", "--explain", "--as-of", "2027-12-01",
              "--corpus", notified, env={"NO_COLOR": "1", "COLUMNS": "400"})
    assert LATER in [line.strip() for line in one.stdout.splitlines()]

    js = cli(*args, "--json")
    assert js.exit_code == 0, js.output
    items = json.loads(js.stdout)
    assert [item["id"] for item in items] == ["heavy-machinery"]  # paris-agreement does not name Russia
    assert [p["party"] for p in items[0]["parties"]] == ["RU"]
    assert LATER in items[0]["parties"][0]["explain"]


def _plain(value) -> bool:
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (str, bool, int, dt.date)


@pytest.mark.parametrize("json_out", [False, True])
def test_workers_return_only_what_is_printed(json_out):
    """What crosses from a worker is plain values (a row, or a JSON text), never a model or status."""
    from cistreaty.cli.status_corpus import _party_item, _printed_row
    from cistreaty.io.loader import load_file

    inst = load_file(CORPUS / "heavy-machinery.yaml").instrument
    when = dt.date(2026, 11, 22)
    for ident, value in (_printed_row(inst, when, json_out), _party_item(inst, "KG", when, True, json_out)):
        assert ident == "heavy-machinery"
        if json_out:
            assert isinstance(value, str) and json.loads(value)["id"] == ident
        else:
            assert _plain(value), value
    assert _party_item(inst, "CN", when, False, json_out) is None  # not a party: nothing is sent
