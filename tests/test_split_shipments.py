"""Split shipments: `shipments:` with quantities per colour and size, one commercial invoice and
packing list per shipment (`doc ID KIND --shipment N`), numbered per shipment when issued, and
E250 from validate when the shipments do not fit the order. Single shipments invoice the
shipped quantities (`lines[].shipped`) once recorded."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from tests.helpers import copy_examples, replace_in, run

ORDER = "SO-2026-0112"
SHIPMENTS = """tolerance_pct: 3
shipments:
  - port_of_loading: Shanghai
    port_of_discharge: Los Angeles
    vessel: COSCO Shipping Aries 045E
    bl_number: COSU6421887310
    quantities:
      White: {S: 150, M: 300, L: 300, XL: 150, XXL: 100}
      Light Blue: {S: 75, M: 150, L: 150}
  - port_of_loading: Shanghai
    port_of_discharge: Los Angeles
    vessel: COSCO Shipping Leo 051E
    quantities:
      Light Blue: {S: 75, M: 150, L: 150, XL: 150, XXL: 100}
      Pink Stripe: {S: 150, M: 300, L: 300, XL: 150, XXL: 103}
"""


def order_file(root: Path) -> Path:
    return root / "2026" / ORDER / "order.yaml"


def split_order(root: Path, shipments: str = SHIPMENTS) -> Path:
    """SO-2026-0112 (3 colours × 1,000 pcs) shipped in two, with 3-decimal prices on two colours."""
    path = order_file(root)
    text = path.read_text(encoding="utf-8")
    start, end = text.index("shipment:\n  mode"), text.index("milestones:")
    text = text[:start] + shipments + text[end:]
    text = text.replace(
        "    colour_zh: 浅蓝\n    unit_price: 8.60", "    colour_zh: 浅蓝\n    unit_price: 8.625"
    ).replace("    colour_zh: 粉条\n    unit_price: 8.60", "    colour_zh: 粉条\n    unit_price: 8.875")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path) -> Path:
    root = copy_examples(tmp_path / "ws")
    split_order(root)
    return root


def num(cell: str) -> Decimal:
    return Decimal(re.sub(r"[^0-9.]", "", cell))


def invoice(root: Path, n: int, *extra: str) -> tuple[list[dict], int, Decimal]:
    """The printed lines (colour, qty, price, amount) and printed totals of shipment n's invoice."""
    result = run(root, "doc", ORDER, "commercial-invoice", "--format", "md", "--shipment", str(n), *extra)
    assert result.exit_code == 0, result.stderr
    text = (order_file(root).parent / "out" / f"commercial-invoice-{n}.md").read_text(encoding="utf-8")
    lines = []
    for row in text.splitlines():
        cells = [c.strip() for c in row.strip("|").split("|")]
        if row.startswith("| BT-OX-210"):
            lines.append(
                {"colour": cells[2], "qty": int(num(cells[3])), "price": num(cells[4]), "amount": num(cells[5])}
            )
        if row.startswith("| **Total"):
            total_qty, total_amount = int(num(cells[3])), num(cells[5])
    return lines, total_qty, total_amount


def test_two_invoices_recomputed_from_their_printed_numbers_add_up_to_the_shipped_total(ws):
    assert run(ws, "validate", ORDER).exit_code == 0
    shipments = yaml.safe_load(order_file(ws).read_text(encoding="utf-8"))["shipments"]
    grand_qty, grand_amount = 0, Decimal(0)
    for n, shipment in enumerate(shipments, 1):
        lines, total_qty, total_amount = invoice(ws, n)
        # each line's quantity is what that shipment carries of the colour
        assert {li["colour"]: li["qty"] for li in lines} == {
            c: sum(s.values()) for c, s in shipment["quantities"].items()
        }
        for li in lines:  # qty × printed price, rounded once (half up, cents)
            assert li["amount"] == (li["qty"] * li["price"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert total_qty == sum(li["qty"] for li in lines)
        assert total_amount == sum(li["amount"] for li in lines)
        grand_qty += total_qty
        grand_amount += total_amount
    # by hand: shipment 1 White 1,000 × 8.60 = 8,600.00, Light Blue 375 × 8.625 = 3,234.375 -> 3,234.38
    # (11,834.38); shipment 2 Light Blue 625 × 8.625 = 5,390.625 -> 5,390.63, Pink Stripe 1,003 × 8.875
    # = 8,901.625 -> 8,901.63 (14,292.26). Each invoice rounds its own lines: Light Blue invoices at
    # 3,234.38 + 5,390.63 = 8,625.01, a cent over the order line's 1,000 × 8.625 = 8,625.00.
    assert invoice(ws, 1)[1:] == (1375, Decimal("11834.38"))
    assert invoice(ws, 2)[1:] == (1628, Decimal("14292.26"))
    shipped = sum(sum(s.values()) for sh in shipments for s in sh["quantities"].values())
    assert grand_qty == shipped == 3003
    assert grand_amount == Decimal("26126.64")
    text = (order_file(ws).parent / "out" / "commercial-invoice-2.md").read_text(encoding="utf-8")
    assert text.startswith("# COMMERCIAL INVOICE CI-SO-2026-0112-2\n")
    assert "by COSCO Shipping Leo 051E" in text and "QTY: 1,628 PCS" in text
    assert "SAY U.S. DOLLARS FOURTEEN THOUSAND TWO HUNDRED AND NINETY TWO AND CENTS TWENTY SIX ONLY" in text


def test_packing_list_per_shipment_agrees_with_its_invoice(ws):
    for n, pieces in ((1, 1375), (2, 1628)):
        result = run(ws, "doc", ORDER, "packing-list", "--format", "md", "--shipment", str(n))
        assert result.exit_code == 0, result.stderr
        text = (order_file(ws).parent / "out" / f"packing-list-{n}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# PACKING LIST 装箱单 PL-{ORDER}-{n}\n")
        assert f"· {pieces:,} PCS" in text
        assert invoice(ws, n)[1] == pieces
    # shipment 2's Pink Stripe XXL 103 at 25 per carton: 4 full cartons and a part carton of 3
    text = (order_file(ws).parent / "out" / "packing-list-2.md").read_text(encoding="utf-8")
    assert "| Pink Stripe |  |  |  |  | 3 | 3 | 1 | 3 |" in text


def test_issue_numbers_each_shipment_separately_and_reuses_them(ws):
    first = run(ws, "doc", ORDER, "commercial-invoice", "--shipment", "2", "--issue", "--as-of", "2026-12-01")
    assert first.exit_code == 0, first.stderr
    assert first.output.splitlines()[0] == "issued CI-2026-0001-2"
    second = run(ws, "doc", ORDER, "commercial-invoice", "--shipment", "1", "--issue", "--as-of", "2026-12-03")
    assert second.output.splitlines()[0] == "issued CI-2026-0001-1"
    records = yaml.safe_load(order_file(ws).read_text(encoding="utf-8"))["documents"]
    assert [(r["number"], r["shipment"], r["seq"], str(r["date"])) for r in records] == [
        ("CI-2026-0001-2", 2, 1, "2026-12-01"),
        ("CI-2026-0001-1", 1, 1, "2026-12-03"),
    ]
    # later renders reuse each shipment's number and date
    again = run(ws, "doc", ORDER, "commercial-invoice", "--format", "md", "--shipment", "2", "--as-of", "2026-12-09")
    assert again.output.startswith("CI-2026-0001-2 (issued 2026-12-01)\n")
    text = (order_file(ws).parent / "out" / "commercial-invoice-2.md").read_text(encoding="utf-8")
    assert text.startswith("# COMMERCIAL INVOICE CI-2026-0001-2\n") and "- Date: 2026-12-01" in text
    # issuing shipment 1 again is not a new number; the packing list has its own sequence
    assert run(ws, "doc", ORDER, "commercial-invoice", "--shipment", "1", "--issue").exit_code == 0
    assert len(yaml.safe_load(order_file(ws).read_text(encoding="utf-8"))["documents"]) == 2
    pl = run(ws, "doc", ORDER, "packing-list", "--shipment", "1", "--issue", "--as-of", "2026-12-03")
    assert pl.output.splitlines()[0] == "issued PL-2026-0001-1"
    # a changed shipment 2 is refused until revised
    replace_in(order_file(ws), "XXL: 103}", "XXL: 101}")
    refused = run(ws, "doc", ORDER, "commercial-invoice", "--shipment", "2")
    assert refused.exit_code == 1 and "CI-2026-0001-2 was issued on 2026-12-01" in refused.stderr
    revised = run(ws, "doc", ORDER, "commercial-invoice", "--shipment", "2", "--revise", "--as-of", "2026-12-10")
    assert revised.output.splitlines()[0] == "revised CI-2026-0001-2 R1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "SO-2026-0112 ships in 2 shipments: give --shipment N (1 to 2)"),
        (["--shipment", "3"], "SO-2026-0112 has 2 shipments; --shipment 3 does not exist (1 to 2)"),
    ],
)
def test_invoice_of_a_split_order_names_its_shipment(ws, args, message):
    result = run(ws, "doc", ORDER, "commercial-invoice", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not (order_file(ws).parent / "out").exists()


def test_shipment_option_only_for_shipped_kinds(ws):
    result = run(ws, "doc", ORDER, "pi", "--shipment", "1")
    assert result.exit_code == 2
    assert "--shipment is for commercial-invoice, packing-list, shipping-marks, not pi" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "XXL: 103}",
            "XXL: 104}",
            "order.yaml:40:51: E250 Pink Stripe XXL: the shipments carry 104 pcs of 100 ordered, above +3% (103)",
        ),
        ("      Pink Stripe: {", "      Pink: {", "E250 shipment 2: colour Pink is not on the order"),
        (
            "Pink Stripe: {S: 150,",
            "Pink Stripe: {XS: 5, S: 150,",
            "E250 shipment 2: Pink Stripe size XS is not on the order",
        ),
        ("tolerance_pct: 3\n", "tolerance_pct: 3\nshipment: {mode: sea}\n", "E250 give either `shipment:` (one)"),
    ],
)
def test_validate_refuses_shipments_that_do_not_fit(ws, old, new, message):
    replace_in(order_file(ws), old, new)
    result = run(ws, "validate", ORDER)
    assert result.exit_code == 1
    assert message in result.output + result.stderr


def test_one_shipment_invoices_the_shipped_quantities(tmp_path):
    root = copy_examples(tmp_path / "ws")
    path = order_file(root)
    # Pink Stripe shipped short of its order, within no tolerance: the invoice says what went
    replace_in(
        path,
        "    colour_zh: 粉条\n    unit_price: 8.60\n    sizes: {S: 150, M: 300, L: 300, XL: 150, XXL: 100}\n",
        "    colour_zh: 粉条\n    unit_price: 8.60\n    sizes: {S: 150, M: 300, L: 300, XL: 150, XXL: 100}\n"
        "    shipped: {S: 150, M: 300, L: 300, XL: 150, XXL: 90}\n",
    )
    lines, qty, amount = invoice_single(root)
    # White and Light Blue have no shipped record yet: only the recorded 990 pcs are invoiced
    assert [(li["colour"], li["qty"]) for li in lines] == [("Pink Stripe", 990)]
    assert (qty, amount) == (990, Decimal("8514.00"))  # 990 × 8.60


def invoice_single(root: Path):
    result = run(root, "doc", ORDER, "commercial-invoice", "--format", "md")
    assert result.exit_code == 0, result.stderr
    text = (order_file(root).parent / "out" / "commercial-invoice.md").read_text(encoding="utf-8")
    lines = []
    for row in text.splitlines():
        cells = [c.strip() for c in row.strip("|").split("|")]
        if row.startswith("| BT-OX-210"):
            lines.append(
                {"colour": cells[2], "qty": int(num(cells[3])), "price": num(cells[4]), "amount": num(cells[5])}
            )
        if row.startswith("| **Total"):
            total_qty, total_amount = int(num(cells[3])), num(cells[5])
    return lines, total_qty, total_amount
