"""The T&A picture: `gendan plan ID --format svg` and the site's charts, checked as XML and in
headless Chromium."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import run
from tests.test_site import CHROMIUM, chromium, console_messages, png_pixels

AS_OF = ("--as-of", "2026-11-30")
SVG = "{http://www.w3.org/2000/svg}"


def svg_of(examples, ident: str, *more: str) -> str:
    r = run(examples, *AS_OF, "plan", ident, "--format", "svg", *more)
    assert r.exit_code == 0, r.output
    return r.stdout


def rows(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-key"): g for g in root.iter(f"{SVG}g") if "milestone" in (g.get("class") or "")}


def x_of(element: ET.Element) -> float:
    """The x of a marker: a diamond's centre (its top point), a circle's cx, a line's x1."""
    if element.tag == f"{SVG}polygon":
        return float(element.get("points").split()[0].split(",")[0])
    if element.tag == f"{SVG}circle":
        return float(element.get("cx"))
    return float(element.get("x1"))


def test_plan_svg_of_the_late_order(examples):
    text = svg_of(examples, "SO-2026-0142")
    root = ET.fromstring(text)  # well-formed XML
    # self-contained: no script, no link to anything outside, generic fonts only
    assert "<script" not in text and "href" not in text and "@import" not in text and "url(" not in text
    assert root.get("viewBox") and root.find(f"{SVG}title").text.startswith("SO-2026-0142 Nordic Outdoor AS")
    by_key = rows(root)
    assert list(by_key)[:3] == ["po_received", "order_review", "costing"] and len(by_key) == 26
    # the driving chain is highlighted: its rows, and a line through their forecasts
    assert {k for k, g in by_key.items() if "on-chain" in g.get("class")} == {
        "ex_factory",
        "cutting_start",
        "fabric_in_house",
    }
    chain = [p for p in root.iter(f"{SVG}polyline") if p.get("class") == "chain"]
    assert len(chain) == 1 and "fabric_in_house 2027-01-12 (revised: mill delay)" in chain[0].find(f"{SVG}title").text
    # planned vs forecast vs actual
    cutting = by_key["cutting_start"]
    planned = next(e for e in cutting if e.get("class") == "planned")
    forecast = next(e for e in cutting if "forecast" in (e.get("class") or ""))
    assert planned.find(f"{SVG}title").text == "cutting_start planned 2026-12-23"
    assert forecast.find(f"{SVG}title").text == "cutting_start forecast 2027-01-26, slack 0 working days"
    assert x_of(forecast) > x_of(planned)
    assert any(e.get("class") == "slip" for e in cutting)  # the bar from the plan to the forecast
    actual = next(e for e in by_key["deposit_received"] if e.get("class") == "actual")
    assert actual.find(f"{SVG}title").text == "deposit_received done 2026-10-20"
    # today's line, the contract date, the 2027 closure shaded and named; days are in order on the axis
    today = root.find(f".//{SVG}line[@id='today']")
    contract = root.find(f".//{SVG}line[@id='contract']")
    assert x_of(today) < x_of(contract) < x_of(next(e for e in by_key["ex_factory"] if "forecast" in e.get("class")))
    closures = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "closure"]
    assert [c.find(f"{SVG}title").text for c in closures] == [
        "Chinese New Year 2027 factory closure: 2027-02-01 to 2027-02-19"
    ]
    holidays = [r.find(f"{SVG}title").text for r in root.iter(f"{SVG}rect") if r.get("class") == "holiday"]
    assert "public holiday: 2027-01-01" in holidays  # New Year's Day, a Friday
    assert "AT RISK: forecast ex-factory 2027-03-25, 24 working days after the contract date 2027-02-20" in text


def test_plan_svg_to_a_file_and_on_time(examples, tmp_path):
    out = tmp_path / "plan.svg"
    r = run(examples, *AS_OF, "plan", "SO-2026-0139", "--format", "svg", "-o", str(out))
    assert r.exit_code == 0 and f"wrote {out}" in r.stderr and r.stdout == ""
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert not [p for p in root.iter(f"{SVG}polyline")]  # on time: no chain drawn as the cause of a delay
    assert "forecast ex-factory 2027-03-05, contract 2027-03-05: on time" in out.read_text(encoding="utf-8")
    refused = run(examples, *AS_OF, "plan", "SO-2026-0139", "--format", "svg", "-o", str(examples / "gendan.yaml"))
    assert refused.exit_code == 2 and "never overwrites" in refused.stderr


def test_order_text_is_escaped_in_the_svg(examples):
    path = examples / "2026/SO-2026-0142/order.yaml"
    text = path.read_text(encoding="utf-8").replace("name: Nordic Outdoor AS", 'name: "<b>Nordic & Co</b>"')
    path.write_text(text.replace("reason: mill delay", 'reason: "</title><script>x</script>"'), encoding="utf-8")
    svg = svg_of(examples, "SO-2026-0142")
    ET.fromstring(svg)
    assert "<script>" not in svg and "&lt;/title&gt;&lt;script&gt;" in svg and "&lt;b&gt;Nordic &amp; Co" in svg


def test_site_pages_carry_the_charts_and_buyers_see_no_forecast(examples, tmp_path):
    dest = tmp_path / "site"
    assert run(examples, *AS_OF, "site", "-o", str(dest)).exit_code == 0
    internal = (dest / "orders/SO-2026-0142.html").read_text(encoding="utf-8")
    buyer = (dest / "customers/nordic-outdoor-as/SO-2026-0142.html").read_text(encoding="utf-8")
    assert internal.count("<svg") == 1 and 'class="chain"' in internal and "mill delay" in internal
    # a buyer's page shows no forecast, so no chart of it (and no reason)
    assert "<svg" not in buyer and "mill delay" not in buyer
    index = (dest / "index.html").read_text(encoding="utf-8")
    board = ET.fromstring(re.search(r"<svg.*?</svg>", index, re.S).group(0))
    orders = [g.get("data-order") for g in board.iter(f"{SVG}g") if g.get("data-order")]
    # the open orders not yet shipped, by forecast ex-factory; the late ones marked
    assert orders[0] == "SO-2026-0120" and set(orders) >= {"SO-2026-0127", "SO-2026-0142", "SO-2026-0151"}
    assert "SO-2025-0356" not in orders and "SO-2026-0098" not in orders  # closed, on hold
    late = {g.get("data-order") for g in board.iter(f"{SVG}g") if "at-risk" in (g.get("class") or "")}
    assert late == {"SO-2026-0127", "SO-2026-0133", "SO-2026-0142"}


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_svg_loads_in_chromium(examples, tmp_path):
    svg = tmp_path / "plan.svg"
    assert run(examples, *AS_OF, "plan", "SO-2026-0142", "--format", "svg", "-o", str(svg)).exit_code == 0
    dom = chromium(tmp_path, "--dump-dom", svg.as_uri())
    assert dom.returncode == 0 and not console_messages(dom.stderr), dom.stderr
    assert 'id="today"' in dom.stdout and 'class="chain"' in dom.stdout and 'data-key="fabric_in_house"' in dom.stdout
    shot = tmp_path / "plan.png"
    done = chromium(tmp_path, "--window-size=1100,700", f"--screenshot={shot}", svg.as_uri())
    assert done.returncode == 0 and shot.exists(), done.stderr
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1100, 700)
    assert len(set(pixels)) > 20  # drawn, not a blank page


def test_the_readme_picture_is_current(examples, tmp_path):
    """docs/img/plan-SO-2026-0142.svg, shown in the README, is what gendan draws now
    (regenerate: GENDAN_REGEN=1 python -m pytest tests/test_gantt.py)."""
    import os
    from pathlib import Path

    picture = Path(__file__).resolve().parent.parent / "docs" / "img" / "plan-SO-2026-0142.svg"
    fresh = tmp_path / "plan.svg"
    assert run(examples, *AS_OF, "plan", "SO-2026-0142", "--format", "svg", "-o", str(fresh)).exit_code == 0
    if os.environ.get("GENDAN_REGEN") == "1":
        picture.write_text(fresh.read_text(encoding="utf-8"), encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == picture.read_text(encoding="utf-8")
    readme = (picture.parent.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "](docs/img/plan-SO-2026-0142.svg)" in readme
