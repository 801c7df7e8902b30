"""plan: the computed T&A calendar beside the order's dates; --write fills planned dates only."""

from __future__ import annotations

import json

from gendan.store.yamlio import load_file
from tests.helpers import make_workspace, run

AS_OF = ("--as-of", "2026-12-01")

# country null: only the company's own closure, so the dates below are checked by hand.
CONFIG = """\
company: {name: Test Co}
holidays:
  country: null
  closures:
    - {name: Chinese New Year, from: 2027-02-01, to: 2027-02-19}
milestone_templates:
  default:
    - {key: po_received, anchor: po_date, offset: 0}
    - {key: cutting_start, anchor: ex_factory, offset: -5, owner: factory}
    - {key: fabric_in_house, anchor: cutting_start, offset: -3, owner: QA}
    - {key: final_inspection, anchor: ex_factory, offset: -1, owner: QA}
    - {key: ex_factory, anchor: ex_factory, offset: 0, owner: factory}
"""

ORDER = """\
id: SO-1
customer: {name: A}
stage: production
po_date: 2026-11-02
ex_factory: 2027-02-24   # a Wednesday, just after the factory re-opens
milestones:
  po_received: {planned: 2026-11-01, actual: 2026-11-02}   # done: its plan stays
  fabric_in_house: {planned: 2027-01-20, revised: 2027-01-22, reason: mill delay}
"""


def test_plan_crosses_the_new_year_closure(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER}, CONFIG)
    result = run(root, "plan", "SO-1", *AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["milestone"]: r for r in json.loads(result.output)}
    # ex-factory Wed 24 Feb: -1 Tue 23, -2 Mon 22, (weekend, closure 1-19 Feb), -3 Fri 29 Jan,
    # -4 Thu 28, -5 Wed 27 Jan = cutting; fabric 3 working days before: Fri 22 Jan
    assert rows["cutting_start"]["computed"] == "2027-01-27"
    assert rows["fabric_in_house"]["computed"] == "2027-01-22"
    assert rows["final_inspection"]["computed"] == "2027-02-23"
    assert rows["fabric_in_house"]["revised"] == "2027-01-22"
    assert rows["po_received"]["note"] == "done"


def test_plan_write_fills_planned_dates_only(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER}, CONFIG)
    result = run(root, "plan", "SO-1", "--write", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "4 planned dates written to" in result.output
    text = (root / "SO-1/order.yaml").read_text()
    assert text == ORDER.replace(
        "  fabric_in_house: {planned: 2027-01-20, revised: 2027-01-22, reason: mill delay}\n",
        "  cutting_start: {planned: 2027-01-27}\n"
        "  fabric_in_house: {planned: 2027-01-22, revised: 2027-01-22, reason: mill delay}\n"
        "  final_inspection: {planned: 2027-02-23}\n"
        "  ex_factory: {planned: 2027-02-24}\n",
    )
    again = run(root, "plan", "SO-1", "--write", *AS_OF)
    assert "planned dates already match the template; nothing written" in again.stderr
    assert (root / "SO-1/order.yaml").read_text() == text


def test_plan_shows_the_forecast(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER}, CONFIG)
    run(root, "plan", "SO-1", "--write", *AS_OF)
    result = run(root, "revise", "SO-1", "cutting_start", "2027-02-22", "--reason", "line busy", *AS_OF)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        "  AT RISK: forecast ex-factory 2027-03-01, 3 working days after the contract date 2027-02-24"
    )
    table = run(root, "plan", "SO-1", *AS_OF, "--wide")
    assert table.output.rstrip().endswith(
        "AT RISK: forecast ex-factory 2027-03-01, 3 working days after the contract date 2027-02-24"
    )
    assert load_file(root / "SO-1/order.yaml")["milestones"]["cutting_start"]["planned"] == "2027-01-27"
