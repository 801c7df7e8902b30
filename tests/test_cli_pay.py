"""gendan pay: money received, recorded on the order; partial payments add up."""

from __future__ import annotations

import pytest

from gendan.store.yamlio import load_file
from tests.helpers import make_workspace, run

AS_OF = ("--as-of", "2026-11-30")
ORDER = "2026/SO-2026-0142/order.yaml"

EUR_ORDER = """\
id: SO-9
customer: {name: Negozio SRL}
currency: EUR
payment: {terms: deposit_balance, deposit_pct: 30}
stage: confirmed
quality: as approved sample
po_date: 2026-11-02
ex_factory: 2027-03-01
lines:
  - {colour: Nero, unit_price: 14.56, sizes: {S: 100, M: 100, L: 100}}
payments:
  - {kind: deposit, amount: 1310.40, due: 2026-11-20}
"""


def text(root, rel=ORDER):
    return (root / rel).read_text(encoding="utf-8")


def test_pay_fills_in_the_planned_payment(examples):
    result = run(
        examples,
        "pay",
        "SO-2026-0142",
        "balance",
        "15540.00",
        "--date",
        "2026-11-28",
        "--ref",
        "DNB TT 1128",
        "--by",
        "Liu Fang",
        *AS_OF,
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "SO-2026-0142: balance USD 15,540.00 received on 2026-11-28 (DNB TT 1128)\n"
        "  received USD 22,200.00 of USD 22,200.00, outstanding USD 0.00\n"
    )
    assert (
        "  - {kind: balance, amount: 15540.00, due: 2027-03-05, received: 2026-11-28, confirmed_by: Liu Fang, "
        "reference: DNB TT 1128}\n" in text(examples)
    )
    show = run(examples, "show", "SO-2026-0142", *AS_OF)
    assert "received USD 22,200.00, outstanding USD 0.00" in show.output


def test_partial_payments_add_up(tmp_path):
    root = make_workspace(tmp_path, {"SO-9/order.yaml": EUR_ORDER})
    first = run(root, "pay", "SO-9", "deposit", "1000", "--date", "2026-11-20", "--by", "Liu Fang", *AS_OF)
    assert first.exit_code == 0, first.output
    # 300 pcs x 14.56 = 4,368.00; 30% = 1,310.40
    assert first.output.splitlines()[1:] == [
        "  deposit received EUR 1,000.00 of EUR 1,310.40 (30%): short by EUR 310.40, R4 does not hold yet",
        "  received EUR 1,000.00 of EUR 4,368.00, outstanding EUR 3,368.00",
    ]
    second = run(root, "pay", "SO-9", "deposit", "EUR 310.40", "--by", "Liu Fang", *AS_OF)
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[1:] == [
        "  deposit received EUR 1,310.40 of EUR 1,310.40 (30%)",
        "  received EUR 1,310.40 of EUR 4,368.00, outstanding EUR 3,057.60",
    ]
    payments = load_file(root / "SO-9/order.yaml")["payments"]
    assert [(str(p["amount"]), p.get("received")) for p in payments] == [
        ("1310.40", None),  # the plan stays: the receipts differ from it
        ("1000.00", "2026-11-20"),
        ("310.40", "2026-11-30"),
    ]
    assert "  - {kind: deposit, amount: 1000.00, received: 2026-11-20, confirmed_by: Liu Fang}\n" in text(
        root, "SO-9/order.yaml"
    )


@pytest.mark.parametrize(
    "args,message",
    [
        (["deposit", "-100"], "an amount received is above zero, got '-100'"),
        (["deposit", "0"], "an amount received is above zero, got '0'"),
        (["deposit", "lots"], "an amount is a number like 4368.00"),
        (["deposit", "1,310.40"], "write amounts without thousands separators: 1310.40, not 1,310.40"),
        (["deposit", "USD 100"], "the order is in EUR, the payment is in USD"),
        (["deposit", "100 usd"], "the order is in EUR, the payment is in USD"),
        (["deposit", "100.005"], "EUR has 2 decimals"),
        (["deposit", "100", "--date", "2026-12-01"], "2026-12-01 is after today (2026-11-30)"),
        (["deposit", "100", "--date", "2026-02-30"], "2026-02-30 is not a real date"),
        (["refund", "100"], "a payment is one of deposit, balance, full; got 'refund'"),
    ],
)
def test_pay_bad_input_writes_nothing(tmp_path, args, message):
    root = make_workspace(tmp_path, {"SO-9/order.yaml": EUR_ORDER})
    before = text(root, "SO-9/order.yaml")
    result = run(root, "pay", "SO-9", *args, *AS_OF)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert text(root, "SO-9/order.yaml") == before
