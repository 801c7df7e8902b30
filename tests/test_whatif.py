"""gendan whatif: a milestone slip through the same forecast as status and overdue."""

from __future__ import annotations

import json
from datetime import date

from gendan.domain.calendar import calendar_for
from gendan.store.workspace import Workspace
from tests.helpers import make_workspace, run

TODAY = "2026-11-30"


def order(
    ident: str,
    factory: str,
    customer: str = "Nordic Outdoor AS",
    stage: str = "materials",
    ex_factory: str = "2027-05-28",
    milestones: str = "",
) -> str:
    return f"""\
id: {ident}
customer: {{name: {customer}, po: P-{ident}}}
merchandiser: Chen Li
factory: {{name: {factory}}}
style: {{number: JK-1, product_type: outerwear}}
currency: USD
payment: {{terms: lc}}
quality: as approved PP sample
po_date: 2026-11-02
ex_factory: {ex_factory}
stage: {stage}
lines:
  - {{colour: Black, unit_price: 18.50, sizes: {{S: 100, M: 100}}}}
milestones:
{milestones or "  po_received: {actual: 2026-11-02}"}
"""


def workspace(tmp_path):
    return make_workspace(
        tmp_path,
        {
            "A/order.yaml": order("A", "Ningbo Hongda Garment Co."),
            # already at risk: fabric revised late
            "B/order.yaml": order(
                "B",
                "Hongda Knitting",
                ex_factory="2027-03-10",
                milestones="  fabric_in_house: {revised: 2027-02-26, reason: mill delay}",
            ),
            # fabric already in: a slip of fabric cannot touch it
            "C/order.yaml": order(
                "C", "Ningbo Hongda Garment Co.", milestones="  fabric_in_house: {actual: 2026-11-20}"
            ),
            "D/order.yaml": order("D", "Shaoxing Weaving", customer="Bergen Sport"),
            "E/order.yaml": order("E", "Ningbo Hongda Garment Co.", stage="closed"),
        },
    )


def test_slip_for_one_factory(tmp_path):
    ws = workspace(tmp_path)
    r = run(ws, "--as-of", TODAY, "whatif", "--slip", "fabric_in_house=7", "--factory", "hongda", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = {row["order"]: row for row in json.loads(r.stdout)}
    assert set(rows) == {"A", "B"}  # C has its fabric, D is another factory, E is closed
    w = Workspace.open(ws)
    cal = calendar_for(w.config, [2026, 2027])
    a = rows["A"]
    assert a["forecast"] == "2027-05-28" and a["contract"] == "2027-05-28"
    assert a["slipped_to"] == cal.add(date.fromisoformat(a["milestone"]), 7).isoformat()
    assert a["late_days"] == 7 and a["verdict"] == "becomes late"
    assert a["forecast_after"] == cal.add(date(2027, 5, 28), 7).isoformat()
    b = rows["B"]
    assert b["verdict"].startswith("already at risk") and b["late_days"] > 7
    assert list(rows) == ["B", "A"]  # latest first


def test_same_forecast_as_status(tmp_path):
    ws = workspace(tmp_path)
    status = json.loads(run(ws, "--as-of", TODAY, "status", "--format", "json").stdout)
    at_risk = {r["order"]: r for r in status["at_risk"]}
    rows = json.loads(run(ws, "--as-of", TODAY, "whatif", "--slip", "fabric_in_house=0", "--format", "json").stdout)
    by_id = {r["order"]: r for r in rows}
    assert by_id["B"]["forecast"] == at_risk["B"]["forecast"]
    assert by_id["B"]["late_days"] == at_risk["B"]["late_days"]
    assert by_id["A"]["forecast_after"] == by_id["A"]["forecast"]  # a zero slip changes nothing


def test_table_and_customer_filter(tmp_path):
    ws = workspace(tmp_path)
    r = run(ws, "--as-of", TODAY, "whatif", "--slip", "cutting_start=3", "--customer", "bergen", "--wide")
    assert r.exit_code == 0, r.output
    assert "D " in r.stdout and "A " not in r.stdout
    assert "cutting_start +3 working days: 1 order affected, 1 becomes late, 0 already at risk" in r.stdout
    # a milestone of a stage the order has passed (sampling, for an order in materials) cannot slip
    r = run(ws, "--as-of", TODAY, "whatif", "--slip", "pp_sample_approved=3", "--customer", "bergen")
    assert "no open order matching has pp_sample_approved still ahead" in r.stdout
    r = run(ws, "--as-of", TODAY, "whatif", "--slip", "fabric_in_house=3", "--factory", "nobody")
    assert "no open order matching has fabric_in_house still ahead" in r.stdout


def test_bad_slips(tmp_path):
    ws = workspace(tmp_path)
    r = run(ws, "whatif", "--slip", "fabric_inhouse=7")
    assert r.exit_code == 2
    assert "unknown milestone 'fabric_inhouse' (did you mean 'fabric_in_house'?)" in r.stderr
    for bad in ("fabric_in_house=7.5", "fabric_in_house=a week", "fabric_in_house="):
        r = run(ws, "whatif", "--slip", bad)
        assert r.exit_code == 2 and "DAYS must be a whole number of working days" in r.stderr, bad
    r = run(ws, "whatif", "--slip", "fabric_in_house")
    assert r.exit_code == 2 and "write MILESTONE=DAYS" in r.stderr
