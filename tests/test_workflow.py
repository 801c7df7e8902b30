"""gendan.domain.workflow as plain functions: gates of the stages entered, moves and their patches."""

from __future__ import annotations

from datetime import date

import pytest

from gendan.core.config import Config
from gendan.core.errors import GendanError, RefusedError
from gendan.core.model import Order
from gendan.domain import workflow
from gendan.store.configfile import default_data, merge_defaults
from gendan.store.parse import build

TODAY = date(2026, 11, 30)


def make_order(**fields) -> Order:
    data = {
        "id": "SO-1",
        "customer": {"name": "A"},
        "stage": "reviewed",
        "quality": "as sample",
        "ex_factory": "2027-03-20",
        "payment": {"terms": "deposit_balance"},
        "lines": [{"colour": "Black", "unit_price": 10, "sizes": {"M": 100}}],
        "costing": {"items": [{"item": "all", "cost": 5}]},
        **fields,
    }
    return build(Order, data, "order.yaml", "")


def config(**overrides) -> Config:
    return build(Config, merge_defaults({"company": {"name": "T"}, **overrides}), "gendan.yaml", "")


def test_unmet_gates_of_every_stage_entered_each_finding_once():
    unmet = workflow.unmet_gates(make_order(), config(), ["funded", "sampling", "materials", "production"])
    assert [(u.gate, u.stage) for u in unmet] == [("R4", "funded"), ("R5", "production")]
    assert unmet[0].rule == "R4"
    assert "-> record it: gendan pay SO-1 deposit AMOUNT" in str(unmet[0])


def test_milestones_gate_names_each_missing_milestone():
    cfg = config()
    order = make_order(milestones={"order_review": {"actual": "2026-11-02"}})
    found = workflow.milestones_gate(order, cfg, "reviewed")
    assert [f.keypath for f in found] == [("milestones", "costing")]
    assert found[0].code == "E210"
    approved = make_order(approvals=[{"rule": "milestones:reviewed", "by": "Z", "date": "2026-11-02", "reason": "r"}])
    assert workflow.milestones_gate(approved, cfg, "reviewed") == []


def test_override_move_patch_records_approvals_and_history():
    move = workflow.advance(
        make_order(),
        config(),
        TODAY,
        "Chen Li",
        to="production",
        override=True,
        approved_by="Zhang Wei",
        reason="trusted customer",
    )
    assert [u.gate for u in move.overridden] == ["R4", "R5"]
    patch = move.patch()
    assert patch.sets == [(("stage",), "production")]
    assert patch.appends[0] == (
        "approvals",
        {"rule": "R4", "by": "Zhang Wei", "date": TODAY, "reason": "trusted customer"},
    )
    assert patch.appends[-1] == (
        "history",
        {
            "date": TODAY,
            "by": "Chen Li",
            "action": "advance",
            "from": "reviewed",
            "to": "production",
            "reason": "trusted customer",
            "overrides": ["R4", "R5"],
            "approved_by": "Zhang Wei",
        },
    )


def test_plain_move_history_has_no_empty_fields_after_writing():
    from gendan.store.edit import expected_data

    move = workflow.advance(
        make_order(payments=[{"kind": "deposit", "received": "2026-11-01", "confirmed_by": "Liu", "amount": 1110}]),
        config(),
        TODAY,
        "A",
    )
    data = expected_data({"id": "SO-1"}, move.patch())
    assert data["history"] == [
        {"date": "2026-11-30", "by": "A", "action": "advance", "from": "reviewed", "to": "funded"}
    ]


def test_unknown_gate_in_a_config_that_skipped_check_config():
    stages = [*default_data()["stages"][:1], {"key": "confirmed", "gates": ["R7"]}]
    cfg = config(stages=stages)
    with pytest.raises(GendanError, match="unknown gate 'R7'"):
        workflow.advance(make_order(stage="inquiry"), cfg, TODAY, "A")


def test_invalid_problems_refuse_forward_but_not_back():
    from gendan.core.errors import Problem

    bad = [Problem("order.yaml", 3, 1, "E204", "R4 deposit not received")]
    with pytest.raises(RefusedError, match="fix it first"):
        workflow.advance(make_order(), config(), TODAY, "A", invalid=bad)
    back = workflow.advance(make_order(), config(), TODAY, "A", to="confirmed", reason="re-price", invalid=bad)
    assert (back.action, back.to) == ("back", "confirmed")
