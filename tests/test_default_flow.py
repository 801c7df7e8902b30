"""The default workspace's terms, template and gates agree: a 30% deposit order goes from
inquiry to closed with no special approval when everything is on time and paid."""

from __future__ import annotations

from gendan.store.yamlio import load_file
from tests.helpers import run

ORDER = "SO-1/order.yaml"

ESSENTIALS = """\
currency: USD
payment: {terms: deposit_balance, deposit_pct: 30}
quality: "as approved PP sample; AQL 2.5 major / 4.0 minor"
po_date: 2027-03-01
ex_factory: 2027-06-25
lines:
  - colour: Navy
    unit_price: 14.56
    sizes: {S: 60, M: 120, L: 90, XL: 30}
"""
COSTING = """\
costing:
  items:
    - {item: fabric, cost: 6.80}
    - {item: CMT, cost: 4.10}
"""
PP = "samples:\n  - {type: pp, sent: 2027-04-12, reply: 2027-04-20, verdict: approved}\n"
FINAL = "inspections:\n  - {type: final, date: 2027-06-24, lot: 300, sample_size: 50, result: pass}\n"


def test_a_deposit_order_from_inquiry_to_closed_without_any_override(tmp_path):
    root = tmp_path / "ws"
    assert run(None, "init", str(root)).exit_code == 0
    order = root / ORDER
    env = {"GENDAN_USER": "Chen Li"}

    def gendan(day: str, *args: str, code: int = 0):
        result = run(root, "--as-of", day, *args, env=env)
        assert result.exit_code == code, f"{args}\n{result.output}"
        if code == 0 and args[0] != "validate":
            check = run(root, "--as-of", day, "validate")
            assert check.exit_code == 0, f"after {args}:\n{check.output}"
        return result

    def add(text: str) -> None:
        with open(order, "a", encoding="utf-8") as f:
            f.write(text)

    gendan("2027-02-20", "new", "SO-1", "--customer", "Nordic Outdoor AS", "--merchandiser", "Chen Li")
    add(ESSENTIALS)  # the PO: 300 pcs x 14.56 = USD 4,368.00; deposit 30% = 1,310.40
    gendan("2027-03-01", "plan", "SO-1", "--write")
    gendan("2027-03-01", "advance", "SO-1")
    gendan("2027-03-01", "done", "SO-1", "po_received")
    add(COSTING)
    gendan("2027-03-04", "done", "SO-1", "order_review", "costing")
    gendan("2027-03-04", "advance", "SO-1")  # reviewed: margin (14.56 - 10.90) / 14.56 = 25%
    # the reproduction: USD 100 on a 30% deposit of 4,368 does not fund the order
    gendan("2027-03-08", "pay", "SO-1", "deposit", "100", "--by", "Liu Fang")
    refused = gendan("2027-03-08", "advance", "SO-1", code=1)
    assert "R4 deposit short: received USD 100.00 of the 30% deposit USD 1,310.40" in refused.stderr
    # the rest arrives less USD 5 bank charges (0.5% of 1,310.40 = 6.55 tolerated)
    gendan("2027-03-10", "pay", "SO-1", "deposit", "1205.40", "--by", "Liu Fang", "--ref", "DNB TT 0310")
    gendan("2027-03-10", "done", "SO-1", "deposit_received", "--date", "2027-03-10")
    gendan("2027-03-10", "advance", "SO-1")  # funded
    gendan("2027-03-10", "advance", "SO-1", "--to", "materials")
    add(PP)
    gendan("2027-04-20", "done", "SO-1", "pp_sample_submitted", "pp_sample_approved", "--date", "2027-04-20")
    gendan("2027-05-14", "advance", "SO-1")  # production: R4 and R5 hold
    gendan("2027-06-18", "advance", "SO-1")  # inspection
    add(FINAL)
    gendan("2027-06-24", "done", "SO-1", "final_inspection")
    # balance against a copy of the B/L: the goods ship before the balance is paid
    gendan("2027-06-24", "advance", "SO-1")  # shipping
    gendan("2027-06-25", "done", "SO-1", "ex_factory")
    refused = gendan("2027-06-30", "advance", "SO-1", code=1)  # paid needs the balance
    assert "balance (to enter paid): balance not received: received USD 1,305.40 of USD 4,368.00" in refused.stderr
    gendan("2027-07-05", "pay", "SO-1", "balance", "3057.60", "--by", "Liu Fang", "--ref", "DNB TT 0705")
    gendan("2027-07-05", "done", "SO-1", "balance_received")
    gendan("2027-07-05", "advance", "SO-1")  # paid: the original B/L is released
    gendan("2027-08-10", "advance", "SO-1")  # delivered
    gendan("2027-09-10", "advance", "SO-1")  # closed: USD 5.00 short, within the bank charges
    data = load_file(order)
    assert data["stage"] == "closed"
    assert "approvals" not in data
    assert [h["to"] for h in data["history"]] == [
        "confirmed",
        "reviewed",
        "funded",
        "materials",
        "production",
        "inspection",
        "shipping",
        "paid",
        "delivered",
        "closed",
    ]
    assert not any(h.get("overrides") for h in data["history"])
    assert "received USD 4,363.00, outstanding USD 5.00" in run(root, "--as-of", "2027-09-10", "show", "SO-1").output
