"""The published site in a real browser (issue 15.3): the system Chromium driven by playwright-core,
screenshots at 1280 and 390 pixels wide, the DOM Chromium builds, and an axe-core audit with no
serious or critical violation. Without Chromium, node or the npm packages the tests skip locally
and fail under CI=true (tests/tooling.py); .ci/run installs them."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import pytest

import tooling
from conftest import CORPUS

AS_OF = "2026-11-22"
WIDTHS = ("1280", "390")
SCRIPT = Path(__file__).with_name("browser_audit.js")
PAGES = ("heavy-machinery", "mineral-resources-1997", "index")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from typer.testing import CliRunner

    from cistreaty.cli import app

    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(app, ["render", "-f", "html", "--out-dir", str(out / "html"), "--corpus", str(CORPUS),
                                      "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return out


def audit(site: Path, name: str) -> tuple[dict, Path]:
    chromium = tooling.command("chromium", "apt-get install chromium")
    node = tooling.command("node", "apt-get install nodejs")
    modules = tooling.node_package("playwright-core").parent
    tooling.node_package("axe-core")
    shots = site / f"shots-{name}"
    shots.mkdir(exist_ok=True)
    page = (site / "html" / f"{name}.html").as_uri()
    try:
        done = subprocess.run([node, str(SCRIPT), chromium, str(modules), page, str(shots), *WIDTHS],
                              capture_output=True, text=True, timeout=240, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        tooling.missing(f"a Chromium that runs ({exc})", "apt-get install chromium")
    if done.returncode != 0:
        tooling.missing(f"a Chromium that playwright-core can start ({done.stderr[-400:]})", "apt-get install chromium")
    return json.loads(done.stdout), shots


def png_width(path: Path) -> int:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", head[16:20])[0]


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_axe_violation_and_no_sideways_scroll(site, name):
    result, shots = audit(site, name)
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
    for w in WIDTHS:
        assert png_width(shots / f"page-{w}.png") == int(w)
        assert result["widths"][w] == int(w), f"the page scrolls sideways at {w} px"


def test_the_instrument_page_in_the_browser_dom(site):
    result, _ = audit(site, "heavy-machinery")
    dom = result["dom"]
    assert dom["sources"] == 10 and dom["sourceLinks"] >= 8
    assert dom["cites"] and all(text == f"[{href.rsplit('-', 1)[1]}]" for href, text in dom["cites"])
    assert dom["brokenAnchors"] == []
    h2 = dom["h2"]
    assert h2.index("closing") > h2.index("article-14") and h2[-2:] == ["notes", "sources"]
    assert "ru" in dom["langs"] and "tg" in dom["langs"]
    assert dom["back"] == ["index.html"]
    (ld,) = dom["jsonld"]
    assert ld["@type"] == "Legislation" and ld["legislationDate"] == "2025-06-05"
    assert {n["@language"] for n in ld["name"]} == {"en", "ru", "tg"}
    assert dom["printRules"] == 1
