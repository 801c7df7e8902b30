"""Reminders by stage: an inquiry is chased for what its stage needs, not for production
gates; an order whose goods have gone stays in `overdue` until its money is in."""

from __future__ import annotations

import json

from tests.helpers import make_workspace, run

AS_OF = ("--as-of", "2026-11-30")

# imported from the Excel tracker: an inquiry, no price yet, PO date months ago
INQUIRY = """\
id: SO-I
customer: {name: Fjord Kids AS}
merchandiser: Chen Li
currency: USD
payment: {terms: deposit_balance, deposit_pct: 30}
po_date: 2026-08-03
ex_factory: 2026-12-18
stage: inquiry
lines:
  - {colour: Red, unit_price: 0, sizes: {S: 100}}
"""

# delivered; the GM let the original B/L go before the balance (a `balance` approval)
NORDIC = """\
id: SO-N
customer: {name: Nordic Outdoor AS}
merchandiser: Chen Li
currency: USD
payment: {terms: deposit_balance, deposit_pct: 30}
quality: as approved PP sample
po_date: 2026-06-01
ex_factory: 2026-10-02
stage: delivered
lines:
  - {colour: Black, unit_price: 18.50, sizes: {S: 400, M: 788}}
costing: {items: [{item: all, cost: 12.00}]}
payments:
  - {kind: deposit, amount: 6593.40, received: 2026-06-10, confirmed_by: Liu Fang}
  - {kind: balance, amount: 15384.60, due: 2026-10-20}
samples:
  - {type: pp, sent: 2026-08-01, reply: 2026-08-10, verdict: approved}
inspections:
  - {type: final, date: 2026-10-01, lot: 1188, sample_size: 80, result: pass}
approvals:
  - {rule: balance, by: Zhang Wei, date: 2026-10-21, reason: long-standing customer; B/L released on promise}
"""

CLOSED_PAID = (
    NORDIC.replace("id: SO-N", "id: SO-P")
    .replace("stage: delivered", "stage: closed")
    .replace(
        "  - {kind: balance, amount: 15384.60, due: 2026-10-20}",
        "  - {kind: balance, amount: 15384.60, due: 2026-10-20, received: 2026-10-19}",
    )
)
CLOSED_WRITTEN_OFF = (
    NORDIC.replace("id: SO-N", "id: SO-W").replace("stage: delivered", "stage: closed")
    + "  - {rule: settled, by: Zhang Wei, date: 2026-11-02, reason: customer insolvent; written off}\n"
)
CLOSED_UNPAID = NORDIC.replace("id: SO-N", "id: SO-U").replace("stage: delivered", "stage: closed")


def items(root, *args):
    result = run(root, "overdue", *AS_OF, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_an_inquiry_is_chased_for_its_stage_only(tmp_path):
    root = make_workspace(tmp_path, {"SO-I/order.yaml": INQUIRY})
    got = items(root)
    kinds = {i["kind"] for i in got}
    assert kinds <= {"overdue", "due_soon"}  # no R4/R5/R6 or at-risk items for an inquiry
    # quotation and costing steps and samples, none of deposit, materials, production, shipping
    assert {i["milestone"] for i in got} == {
        "po_received",
        "order_review",
        "costing",
        "lab_dip_submitted",
        "lab_dip_approved",
        "fit_sample_submitted",
        "fit_sample_comments",
        "pp_sample_submitted",
        "pp_sample_approved",
    }
    # once confirmed, the production gates come back
    confirmed = INQUIRY.replace("stage: inquiry", "stage: confirmed").replace("unit_price: 0", "unit_price: 4.00")
    root = make_workspace(tmp_path / "b", {"SO-I/order.yaml": confirmed + "quality: ok\n"})
    kinds = {i["kind"] for i in items(root)}
    assert {"R4", "R5"} <= kinds


def test_money_outstanding_stays_in_overdue_until_paid(tmp_path):
    files = {
        "SO-N/order.yaml": NORDIC,
        "SO-P/order.yaml": CLOSED_PAID,
        "SO-W/order.yaml": CLOSED_WRITTEN_OFF,
        "SO-U/order.yaml": CLOSED_UNPAID,
    }
    root = make_workspace(tmp_path, files)
    got = [
        (i["order"], i["milestone"], i["owner"], i["due"], i["days_late"], i["kind"], i["severity"], i["detail"])
        for i in items(root)
    ]
    # 1,188 pcs x 18.50 = 21,978.00; deposit 6,593.40 in, balance 15,384.60 out
    assert got == [
        (
            "SO-U",
            "balance",
            "Chen Li",
            "2026-10-20",
            41,
            "payment",
            "critical",
            "outstanding USD 15,384.60 of USD 21,978.00",
        ),
        (
            "SO-N",
            "balance",
            "Chen Li",
            "2026-10-20",
            41,
            "payment",
            "high",
            "outstanding USD 15,384.60 of USD 21,978.00",
        ),
    ]
    nordic = run(root, "overdue", *AS_OF, "--customer", "Nordic", "--wide")
    assert "nothing overdue" not in nordic.output and "outstanding USD 15,384.60" in nordic.output
    # recording the money ends the reminder
    assert run(root, "pay", "SO-N", "balance", "15384.60", "--by", "Liu Fang", *AS_OF).exit_code == 0
    assert [i["order"] for i in items(root)] == ["SO-U"]
