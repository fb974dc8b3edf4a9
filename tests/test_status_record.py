"""Issue 14: say exactly what is known — the extent of the record, `unknown`, one instrument per party,
published facts, reservations and the other notes, withdrawal without a clause."""

import datetime as dt
import json
import re

import pytest
import yaml

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES

from cistreaty.engine import dates
from cistreaty.engine.status import compute_status
from cistreaty.io.loader import load_file
from cistreaty.models import Instrument

D = dt.date
WIDE = {"COLUMNS": "220"}


def load(path):
    return load_file(path).instrument


def make(**data) -> Instrument:
    base = {"id": "made-up", "type": "agreement", "title": {"en": "Made up"}, "text": "not-held"}
    return Instrument.model_validate_json(json.dumps({**base, **data}))


def _three_with_a_second_notification():
    # The example: KG notifies twice; TJ and BY once each.
    return make(entry_into_force={"general": {"count": 3, "instruments": ["notification"], "delay": {"days": 30}},
                                  "later": {"delay": {"days": 30}}},
                parties={"KG": {"signed": "2025-06-05", "events": [
                             {"type": "notification", "date": "2026-03-02"},
                             {"type": "notification", "date": "2026-04-20"}]},
                         "TJ": {"signed": "2025-06-05", "events": [{"type": "notification", "date": "2026-03-10"}]},
                         "BY": {"signed": "2025-06-05", "events": [{"type": "notification", "date": "2026-04-01"}]}})


def test_the_count_and_the_party_use_the_same_first_instrument():
    res = compute_status(_three_with_a_second_notification(), D(2026, 6, 1))
    assert res.entry_into_force == D(2026, 5, 1)
    kg = res.party("KG")
    # KG's own date is the general date, from the notification the count used, not the second one.
    assert (kg.in_force_from, kg.instrument["date"], kg.status) == (D(2026, 5, 1), "2026-03-02", "in-force")
    assert any("2026-04-20: ignored, a second instrument of consent" in x for x in kg.explain)
    assert any(x.startswith("counted: KG notification received 2026-03-02") for x in kg.explain)
    assert kg.ignored == [{"type": "notification", "date": "2026-04-20", "why": "a second instrument of consent"}]


def test_a_re_accession_after_a_withdrawal_binds_anew():
    inst = make(entry_into_force={"general": {"count": 1, "delay": {"days": 0}}},
                withdrawal={"notice": {"months": 6}},
                parties={"KG": {"signed": "2020-01-01", "events": [
                    {"type": "ratification", "date": "2020-02-01"},
                    {"type": "withdrawal", "date": "2021-01-01"},
                    {"type": "accession", "date": "2023-01-01"}]}})
    kg = compute_status(inst, D(2024, 1, 1)).party("KG")
    assert kg.instrument["type"] == "accession" and kg.status == "in-force"


def test_formal_confirmation_counts_where_ratification_counts():
    clause = {"general": {"count": 2, "instruments": ["ratification"], "delay": {"days": 30}}}
    inst = make(entry_into_force=clause, parties={
        "BY": {"signed": "2020-01-01", "events": [{"type": "ratification", "date": "2020-02-01"}]},
        "EU": {"signed": "2020-01-01", "events": [{"type": "formal-confirmation", "date": "2020-03-01"}]}})
    res = compute_status(inst, D(2021, 1, 1))
    assert res.entry_into_force == D(2020, 3, 31) and res.party("EU").status == "in-force"


@st.composite
def histories(draw):
    """Random parties, each with one to three consent instruments and no withdrawal."""
    codes = draw(st.lists(st.sampled_from(["AM", "AZ", "BY", "KG", "KZ", "RU", "TJ"]), min_size=1, max_size=7,
                          unique=True))
    day = st.dates(min_value=D(2020, 1, 1), max_value=D(2022, 12, 31))
    parties = {}
    for code in codes:
        kinds = draw(st.lists(st.sampled_from(["notification", "ratification", "approval"]), min_size=0, max_size=3))
        parties[code] = {"signed": "2019-06-01",
                         "events": [{"type": k, "date": draw(day).isoformat()} for k in kinds]}
    count = draw(st.integers(1, 4))
    delay = draw(st.sampled_from([{"days": 0}, {"days": 30}, {"months": 3}]))
    later = draw(st.sampled_from([{"days": 0}, {"days": 30}, {"days": 90}]))
    clause = {"general": {"count": count, "delay": delay}, "later": {"delay": later}}
    return make(entry_into_force=clause, parties=parties)


@settings(max_examples=150, deadline=None)
@given(histories())
def test_count_and_party_dates_agree_for_random_histories(inst):
    res = compute_status(inst, D(2030, 1, 1))
    firsts = sorted(min(D.fromisoformat(e.date.isoformat()) for e in p.events)
                    for p in inst.parties.values() if p.events)
    general = inst.entry_into_force.general
    if len(firsts) < general.count:
        assert res.entry_into_force is None
        assert all(p.in_force_from is None for p in res.parties)
        return
    # The general date is the N-th distinct party's first instrument plus the delay.
    assert res.entry_into_force == dates.apply(firsts[general.count - 1], general.delay)
    for p in res.parties:
        party = inst.parties[p.party]
        if not party.events:
            assert p.in_force_from is None
            continue
        first = min(e.date for e in party.events)
        # Each party's date comes from its first instrument, the one the count used ...
        assert p.instrument["date"] == first.isoformat()
        # ... and no party is in force before the general date.
        assert p.in_force_from is not None and p.in_force_from >= res.entry_into_force
        if first <= firsts[general.count - 1]:
            assert p.in_force_from == res.entry_into_force


def test_record_as_of_and_the_dates_that_stay_facts(cli):
    out = json.loads(cli("status", "rules-of-origin-protocol-2015", "--as-of", "2026-12-01", "--json",
                         "--corpus", CORPUS).stdout)
    assert out["record_as_of"] == "2017-05-16" and out["record_basis"] == "depositary-record"
    # The third notification (2017-04-21) is recorded: the entry into force 30 days later is a fact.
    assert (out["in_force"], out["entry_into_force"]) == (True, "2017-05-21")
    table = cli("status", "rules-of-origin-protocol-2015", "--as-of", "2026-12-01", "--corpus", CORPUS, env=WIDE)
    assert "as recorded on 2017-05-16, later events are not recorded" in table.stdout
    assert "Statuses are as recorded on 2017-05-16" in table.stdout
    # Asked for a date inside the record, nothing is qualified.
    inside = cli("status", "rules-of-origin-protocol-2015", "--as-of", "2017-05-01", "--corpus", CORPUS, env=WIDE)
    assert "as recorded" not in inside.stdout


def test_after_the_record_a_count_not_met_is_unknown_not_false():
    inst = load(CORPUS / "rules-of-origin-protocol-2015.yaml")
    parties = dict(inst.parties)
    parties.pop("RU")
    inst = inst.model_copy(update={"parties": parties, "entry_into_force":
                                   inst.entry_into_force.model_copy(update={"published": None})})
    assert compute_status(inst, D(2017, 5, 1)).in_force is False  # within the record: a fact
    late = compute_status(inst, D(2026, 12, 1))
    assert late.in_force is None
    assert any("later events are not recorded, so whether it is in force on 2026-12-01 is unknown" in x
               for x in late.explain)


def test_heavy_machinery_says_what_is_known(cli):
    result = cli("status", "heavy-machinery", "--as-of", "2026-12-01", "--corpus", CORPUS, env=WIDE)
    assert result.exit_code == 0
    assert ("As of 2026-12-01: Unknown: no depositary record; 0 notifications recorded; domestic approval by "
            "TJ (2025-10-31, source tj-546), KG (2025-12-24, source mts-kg) and BY (reported 2026-02-06, "
            "source by-cm-2026)") in result.stdout
    assert "Not in force" not in result.stdout
    data = json.loads(cli("status", "heavy-machinery", "--as-of", "2026-12-01", "--json", "--corpus", CORPUS).stdout)
    assert data["in_force"] is None and data["record_basis"] == "no-depositary-record"
    assert all(p["signature_uncertain"] is True for p in data["parties"])


def test_the_overview_party_view_and_render_say_the_same_line(cli):
    line = ("Unknown: no depositary record; 0 notifications recorded; domestic approval by TJ (2025-10-31, "
            "source tj-546), KG (2025-12-24, source mts-kg) and BY (reported 2026-02-06, source by-cm-2026)")
    wide = {"COLUMNS": "600"}
    assert line in cli("status", "--as-of", "2026-12-01", "--corpus", CORPUS, env=wide).stdout
    assert line in cli("status", "--party", "KG", "--as-of", "2026-12-01", "--corpus", CORPUS, env=wide).stdout
    for fmt in ("md", "txt", "html"):
        out = cli("render", "heavy-machinery", "--format", fmt, "--as-of", "2026-12-01", "--corpus", CORPUS).stdout
        # md and html follow each "source KEY" with a link to its number in the Sources list.
        out = re.sub(r' \[\\\[\d+\\\]\]\(#source-\d+\)| <a class="cite" href="#source-\d+">\[\d+\]</a>', "", out)
        assert line in " ".join(out.split()), fmt


def test_forest_pests_party_without_known_signature_is_unknown(cli):
    data = json.loads(cli("status", "--party", "BY", "--as-of", "2026-12-01", "--json", "--corpus", CORPUS).stdout)
    forest = next(x for x in data if x["id"] == "forest-pests-2018")
    (by,) = forest["parties"]
    assert (by["status"], by["signature_uncertain"]) == ("unknown", True)
    assert forest["in_force"] is None
    # --party --json says what each instrument waits on.
    assert all("waiting_on" in p for x in data for p in x["parties"])
    heavy = next(x for x in data if x["id"] == "heavy-machinery")
    assert heavy["parties"][0]["waiting_on"] == "its own notification (none recorded; no depositary record found)"


def test_no_clause_is_unknown_in_the_headline(cli):
    result = cli("status", "outer-space-2018", "--as-of", "2026-12-01", "--corpus", CORPUS, env=WIDE)
    assert "As of 2026-12-01: Unknown: no entry-into-force clause is recorded" in result.stdout
    assert "Not in force" not in result.stdout


def test_a_withdrawal_without_a_clause_names_the_vienna_convention():
    inst = make(entry_into_force={"general": {"count": 1, "delay": {"days": 0}}},
                parties={"KG": {"signed": "2020-01-01", "events": [
                    {"type": "ratification", "date": "2020-02-01"}, {"type": "withdrawal", "date": "2021-01-01"}]}})
    kg = compute_status(inst, D(2022, 1, 1)).party("KG")
    assert kg.status == "withdrawal-pending" and kg.withdrawal_effective is None
    assert any("no effective date is computed" in x and "art. 56(2)" in x and "twelve months" in x
               for x in kg.explain)


def test_a_published_party_date_stands_where_its_deposit_is_not_known():
    inst = make(entry_into_force={"general": {"count": 3, "delay": {"days": 30}}},
                sources={"arlis": {"title": "ARLIS"}},
                parties={"AM": {"signed": "2017-05-01", "published": {"date": "2019-04-22", "source": "arlis"}}})
    am = compute_status(inst, D(2020, 1, 1)).party("AM")
    assert (am.status, am.in_force_from) == ("in-force", D(2019, 4, 22))
    assert "published by the depositary: in force for AM from 2019-04-22 (source arlis)" in am.explain


def _with_notes():
    return make(languages={"authentic": ["ru"], "held": ["en", "ru"]},
                entry_into_force={"general": {"count": 1, "delay": {"days": 0}}},
                sources={"s": {"title": "A record"}},
                parties={
                    "UA": {"signed": "2020-01-01", "events": [
                        {"type": "ratification", "date": "2020-02-01", "source": "s"},
                        {"type": "reservation", "date": "2020-02-01", "source": "s",
                         "text": {"en": "Article 5 does not apply to Ukraine.", "ru": "Статья 5 не применяется."}},
                        {"type": "territorial-application", "date": "2020-03-01", "territory": "Crimea",
                         "text": {"en": "Applies to the territory named."}}]},
                    "BY": {"signed": "2020-01-01", "events": [
                        {"type": "objection", "date": "2020-04-01", "against": "UA",
                         "text": {"en": "Belarus objects to the reservation of Ukraine."}}]}})


def test_reservations_objections_and_territories_are_numbered_footnotes(cli, tmp_path):
    res = compute_status(_with_notes(), D(2021, 1, 1))
    assert [(f["number"], f["party"], f["type"]) for f in res.footnotes] == [
        (1, "BY", "objection"), (2, "UA", "reservation"), (3, "UA", "territorial-application")]
    assert res.footnotes[0]["against"] == "UA" and res.footnotes[2]["territory"] == "Crimea"
    assert res.party("UA").footnotes == [2, 3]
    assert any("see note 2" in x for x in res.party("UA").explain)
    data = _with_notes().model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    (tmp_path / "made-up.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table = cli("status", "made-up", "--as-of", "2021-01-01", "--corpus", tmp_path, env=WIDE).stdout
    assert "Ukraine (UA) 2,3" in table
    assert "2. Ukraine (UA), reservation, 2020-02-01, source s" in table
    assert "[en] Article 5 does not apply to Ukraine." in table and "[ru] Статья 5 не применяется." in table
    assert "1. Belarus (BY), objection to the reservation of Ukraine (UA), 2020-04-01" in table
    data = json.loads(cli("status", "made-up", "--as-of", "2021-01-01", "--json", "--corpus", tmp_path).stdout)
    assert data["footnotes"][1]["text"] == {"en": "Article 5 does not apply to Ukraine.",
                                            "ru": "Статья 5 не применяется."}


def test_assume_before_the_signature_is_a_usage_error(cli):
    result = cli("status", "rules-of-origin-protocol-2015", "--corpus", CORPUS, "--assume", "KZ:notification=2015-01-01")
    assert result.exit_code == 2 and result.stdout == ""
    assert "dated before KZ signed on 2015-10-30" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["status", "calendar"])
def test_assume_by_a_state_that_is_no_party_is_a_usage_error(cli, command):
    # A typo (US for UZ) brought the agreement into force on a notification by a state not in it.
    args = [command, "heavy-machinery", "--corpus", CORPUS]
    result = cli(*args, "--assume", "UA:notification=2026-01-01")
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert "UA is not a party of heavy-machinery" in result.stderr and "UA:accession=DATE" in result.stderr
    joined = cli(*args, "--assume", "UA:accession=2026-01-01", "--assume", "UA:notification=2026-01-02")
    assert joined.exit_code == 0, joined.output


def test_status_names_the_findings_of_a_file_and_still_answers(cli):
    fail = FIXTURES / "rules" / "fail"
    for ident, code, where in (("c134-record-before-signature", "C134", ":12:10:"),
                               ("c135-note-language", "C135", ":15:11:"),
                               ("c136-objection-target", "C136", ":14:54:"),
                               ("c131-second-consent", "C131", ":17:16:")):
        result = cli("status", ident, "--as-of", "2026-06-01", "--corpus", fail)
        assert result.exit_code == 0, result.stderr
        assert f"{where} {code} " in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_event_field_is_a_positioned_error(cli, tmp_path):
    (tmp_path / "odd.yaml").write_text(
        "id: odd\ntype: agreement\ntitle: {en: Odd}\ntext: not-held\nparties:\n  KG:\n    events:\n"
        "      - {type: reservation, date: 2020-01-01, wording: {en: x}}\n", encoding="utf-8")
    lint = cli("lint", tmp_path / "odd.yaml")
    assert lint.exit_code == 1 and ":8:" in lint.stdout and "S001" in lint.stdout
    status = cli("status", "odd", "--corpus", tmp_path)
    assert status.exit_code == 2 and ":8:" in status.stderr and "Traceback" not in status.stderr


def _notes_corpus(tmp_path):
    data = _with_notes().model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    (tmp_path / "made-up.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


def test_every_render_format_has_the_status_section_with_the_notes_under_each_party(cli, tmp_path):
    corpus = _notes_corpus(tmp_path)

    def render(fmt):
        result = cli("render", "made-up", "--format", fmt, "--as-of", "2021-01-01", "--corpus", corpus)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    md = render("md")
    assert '## <a id="status"></a>Status' in md
    assert "| Party | Signature | Instrument | In force from | Withdrawal | Status |" in md
    assert "| Ukraine (UA) 2,3 | 2020-01-01 | ratification 2020-02-01 | 2020-02-01 | — | in-force |" in md
    # The notes follow the table, each under its party, in full and in every language recorded.
    ua = md.index("### Ukraine (UA)")
    assert md.index("| Ukraine (UA)") < md.index("### Belarus (BY)") < ua
    # "source s" is followed by a link to its entry in the Sources list.
    assert md.index("2\\. **Reservation, 2020-02-01 (source s [\\[1\\]](#source-1))**") > ua
    assert "> \\[ru\\] Статья 5 не применяется." in md
    txt = render("txt")
    # Too wide for 80 columns as a table: one block per party, the same cells labelled.
    assert "Status\n------" in txt
    assert "Ukraine (UA) 2,3\n  Signature: 2020-01-01\n  Instrument: ratification 2020-02-01\n" in txt
    assert "  1. Objection to the reservation of Ukraine (UA), 2020-04-01" in txt
    assert "     [en] Article 5 does not apply to Ukraine." in txt
    html = render("html")
    assert '<section class="status" lang="en" dir="ltr">' in html
    assert '<dt id="status-note-3">3. Territorial application (Crimea), 2020-03-01</dt>' in html
    assert '<dd lang="ru" dir="ltr">Статья 5 не применяется.</dd>' in html
    data = json.loads(render("json"))
    section = data["status_section"]
    assert section["columns"] == ["Party", "Signature", "Instrument", "In force from", "Withdrawal", "Status"]
    ua_row = next(r for r in section["rows"] if r["party"] == "UA")
    assert ua_row["cells"][2] == "ratification 2020-02-01"
    assert [n["number"] for n in ua_row["notes"]] == [2, 3]
    assert data["status"]["footnotes"][1]["text"]["ru"] == "Статья 5 не применяется."


def test_render_says_how_far_the_record_runs(cli):
    for fmt in ("md", "txt", "html"):
        out = cli("render", "rules-of-origin-protocol-2015", "--format", fmt, "--as-of", "2026-12-01",
                  "--corpus", CORPUS).stdout
        flat = " ".join(out.split())
        assert "as recorded on 2017-05-16, later events are not recorded" in flat, fmt
        assert "Statuses are as recorded on 2017-05-16" in flat, fmt
    data = json.loads(cli("render", "rules-of-origin-protocol-2015", "--format", "json", "--as-of", "2026-12-01",
                          "--corpus", CORPUS).stdout)
    assert data["status"]["record_as_of"] == "2017-05-16"
