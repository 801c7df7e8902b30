"""One total everywhere: an order whose line amount has a half cent (8.605 × 1,001 pcs).

Before gendan.core.money, `show`, `list` and `status` rounded the unrounded sum half-even
(USD 25,813.60) while the PI and commercial invoice rounded it half-up (USD 25,813.61), and
the documents printed the unit price as 8.61, so quantity × printed price was not the printed
amount. Now a line amount is quantity × unit price rounded once, half-up, to the currency's
exponent; the order's value is the sum of the rounded line amounts; the unit price is printed
at its own precision. Every check below recomputes from the *printed* text.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, REFERENCE, make_workspace, run

TOTAL = "25,813.61"  # 8,613.61 (8.605 × 1,001 = 8,613.605, half-up) + 8,600.00 + 8,600.00


@pytest.fixture
def half_cent(tmp_path: Path) -> Path:
    """A workspace with SO-2026-0112 only, its White line at 8.605 × 1,001 pcs."""
    root = tmp_path / "ws"
    (root / "2026").mkdir(parents=True)
    shutil.copy(EXAMPLES / "gendan.yaml", root / "gendan.yaml")
    shutil.copytree(EXAMPLES / "2026" / "SO-2026-0112", root / "2026" / "SO-2026-0112")
    path = root / "2026" / "SO-2026-0112" / "order.yaml"
    text = path.read_text(encoding="utf-8")
    old = "unit_price: 8.60\n    sizes: {S: 150, M: 300"
    assert old in text
    path.write_text(text.replace(old, "unit_price: 8.605\n    sizes: {S: 151, M: 300", 1), encoding="utf-8")
    return root


def _d(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _check_lines(lines: list[tuple[str, str, str]], total: str) -> None:
    """(qty, price, amount) as printed: qty × price = amount to the cent, and the amounts add up to the total."""
    assert lines, "no line rows found"
    for qty, price, amount in lines:
        exact = _d(qty) * _d(price)
        assert abs(exact - _d(amount)) <= Decimal("0.005"), (qty, price, amount)
    assert sum(_d(a) for _, _, a in lines) == _d(total)
    assert ("1,001", "8.605", "8,613.61") in lines


def test_show_prints_the_total_of_the_rounded_lines(half_cent):
    out = run(half_cent, "--as-of", "2026-11-30", "show", "SO-2026-0112").stdout
    assert f"value         USD {TOTAL}\n" in out
    rows = re.findall(r"^(?:White|Light Blue|Pink Stripe)\s.*?(\d+)\s+([\d.]+)\s+USD ([\d,.]+)$", out, re.M)
    _check_lines([(f"{int(q):,}", p, a) for q, p, a in rows], TOTAL)
    assert re.search(rf"^total\s.*USD {TOTAL}$", out, re.M)
    assert f"outstanding USD {TOTAL}" in out


def test_show_json_and_list_json_give_the_same_value(half_cent):
    shown = json.loads(run(half_cent, "--as-of", "2026-11-30", "show", "SO-2026-0112", "--format", "json").stdout)
    assert shown["value"] == "25813.61"
    assert [r["amount"] for r in shown["lines"]] == ["8613.61", "8600.00", "8600.00"]
    listed = json.loads(run(half_cent, "list", "--format", "json").stdout)
    assert [r["value"] for r in listed] == ["25813.61"]


def test_status_pipeline_value(half_cent):
    out = run(half_cent, "--as-of", "2026-11-30", "status").stdout
    assert re.search(rf"^shipping\s+1\s+3,001\s+USD {TOTAL}$", out, re.M), out
    data = json.loads(run(half_cent, "--as-of", "2026-11-30", "status", "--format", "json").stdout)
    assert [r["value"] for r in data["pipeline"]] == [{"USD": "25813.61"}]


@pytest.mark.parametrize("kind", ["pi", "commercial-invoice"])
def test_markdown_documents_add_up_from_their_printed_numbers(half_cent, kind):
    result = run(half_cent, "--as-of", "2026-11-30", "doc", "SO-2026-0112", kind, "--format", "md")
    assert result.exit_code == 0, result.output
    text = (half_cent / "2026" / "SO-2026-0112" / "out" / f"{kind}.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\|.*\| ([\d,]+) \| ([\d.,]+) \| ([\d.,]+) \|$", text, re.M)
    _check_lines(rows, TOTAL)
    assert f"**USD {TOTAL}**" in text
    assert "8.61" not in text
    assert "TWENTY FIVE THOUSAND EIGHT HUNDRED AND THIRTEEN AND CENTS SIXTY ONE ONLY" in text


@pytest.mark.parametrize("kind", ["pi", "commercial-invoice"])
def test_html_documents_add_up_from_their_printed_numbers(half_cent, kind):
    result = run(half_cent, "--as-of", "2026-11-30", "doc", "SO-2026-0112", kind)
    assert result.exit_code == 0, result.output
    text = (half_cent / "2026" / "SO-2026-0112" / "out" / f"{kind}.html").read_text(encoding="utf-8")
    cells = r'<td class="num">([\d,.]+)</td>'
    rows = re.findall(cells * 3 + r"</tr>", text)
    _check_lines(rows, TOTAL)
    assert f'<td class="num">USD {TOTAL}</td>' in text


def _shown(cell) -> str:
    """A numeric xlsx cell as Excel displays it with its number format (#,##0 and places)."""
    fmt = cell.number_format
    places = len(fmt.split(".", 1)[1]) if "." in fmt else 0
    assert fmt == "#,##0" + ("." + "0" * places if places else ""), fmt
    return f"{Decimal(str(cell.value)):,.{places}f}"


def test_pi_xlsx_adds_up_from_its_displayed_numbers(half_cent):
    from openpyxl import load_workbook

    result = run(half_cent, "--as-of", "2026-11-30", "doc", "SO-2026-0112", "pi", "--format", "xlsx")
    assert result.exit_code == 0, result.output
    ws = load_workbook(half_cent / "2026" / "SO-2026-0112" / "out" / "pi.xlsx").active
    rows = list(ws.iter_rows())
    header = next(i for i, r in enumerate(rows) if r[0].value == "Colour")
    names = [c.value for c in rows[header]]
    q, p, a = names.index("Qty (pcs)"), names.index("Unit price (USD)"), names.index("Amount (USD)")
    lines = []
    for r in rows[header + 1 :]:
        if r[0].value == "Total":
            assert _shown(r[a]) == TOTAL
            break
        lines.append((_shown(r[q]), _shown(r[p]), _shown(r[a])))
    _check_lines(lines, TOTAL)


def test_tracker_orders_sheet_value(half_cent, tmp_path):
    from openpyxl import load_workbook

    out = half_cent / "tracker.xlsx"
    result = run(half_cent, "--as-of", "2026-11-30", "tracker", "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = load_workbook(io.BytesIO(out.read_bytes()))["Orders"]
    rows = list(ws.iter_rows())
    header = next(i for i, r in enumerate(rows) if "Value" in [c.value for c in r])
    col = [c.value for c in rows[header]].index("Value")
    cell = rows[header + 1][col]
    assert _shown(cell) == TOTAL
    assert Decimal(str(cell.value)) == Decimal("25813.61")


LINE = (
    "id: SO-1\ncustomer: {name: N}\nstage: inquiry\ncurrency: USD\n"
    "lines:\n  - {colour: Black, unit_price: PRICE, sizes: {S: QTY}}\n"
)


@pytest.mark.parametrize(
    "price, qty, message",
    [
        ("1e30", "10", "6:33: E105 'lines[0].unit_price': expected an amount below 1,000,000,000,000, got 1E+30"),
        ("8.6050001", "10", "6:33: E105 'lines[0].unit_price': at most 6 decimals in an amount, got 8.6050001"),
        (
            "8.605",
            "10000000000",
            "6:51: E106 'lines[0].sizes.S': expected at most 1,000,000,000 pieces, got 10000000000",
        ),
    ],
)
def test_amounts_too_large_to_add_up_exactly_are_refused_where_written(tmp_path, price, qty, message):
    """Before the bounds, a price of 1e30 passed `validate` and `show` died in Decimal.quantize."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": LINE.replace("PRICE", price).replace("QTY", qty)})
    result = run(root, "validate")
    assert result.exit_code == 1
    assert result.stdout == f"{root / 'SO-1' / 'order.yaml'}:{message}\n1 problem in 1 file (1 order checked)\n"
    for args in (("show", "SO-1"), ("list",), ("status",), ("doc", "SO-1", "pi")):
        result = run(root, *args)
        assert result.exit_code in (1, 2), (args, result.output)
        assert "internal error" not in result.output and "Traceback" not in result.output


def test_the_largest_amounts_allowed_still_add_up_exactly(tmp_path):
    price, qty = "999999999999.999999", 10**9
    sizes = ", ".join(f"S{i}: {qty}" for i in range(50))
    text = LINE.replace("PRICE", price).replace("{S: QTY}", "{" + sizes + "}")
    root = make_workspace(tmp_path, {"SO-1/order.yaml": text + text[text.index("  - ") :].replace("Black", "Red")})
    shown = json.loads(run(root, "show", "SO-1", "--format", "json").stdout)
    line = Decimal(price) * 50 * qty
    assert shown["value"] == str(2 * line.quantize(Decimal("0.01")))
    assert [r["amount"] for r in shown["lines"]] == [str(line.quantize(Decimal("0.01")))] * 2


def test_purchase_order_prints_a_trim_price_to_the_tenth_of_a_cent(tmp_path):
    """Trims are priced in fractions of a cent: 0.0375 × 3,001 = 112.5375 -> 112.54, price printed 0.0375."""
    root = tmp_path / "ws"
    shutil.copytree(REFERENCE / "workspace", root)
    path = root / "2026" / "SO-2026-0150" / "order.yaml"
    text = path.read_text(encoding="utf-8")
    old = "quantity: 3000, unit: pcs, unit_price: 0.04"
    assert old in text
    path.write_text(text.replace(old, "quantity: 3001, unit: pcs, unit_price: 0.0375"), encoding="utf-8")
    result = run(root, "--as-of", "2026-12-01", "doc", "SO-2026-0150", "po", "--format", "md")
    assert result.exit_code == 0, result.output
    po = (root / "2026" / "SO-2026-0150" / "out" / "po.md").read_text(encoding="utf-8")
    label = po[po.index("Ningbo Label Co.") :]
    # the PO prints each price and amount with the supplier's currency: "| USD 0.0375 | USD 112.54 |"
    rows = re.findall(r"^\| [a-z ]+ \|.*?\| ([\d,]+) \| pcs \| USD ([\d.]+) \| USD ([\d,.]+) \|", label, re.M)
    assert rows == [("3,001", "0.0375", "112.54"), ("3,000", "0.06", "180.00")]
    assert "**USD 292.54**" in label  # 112.54 + 180.00, the printed amounts


PAID = """\
id: SO-1
customer: {name: B}
stage: inquiry
currency: USD
payment: {terms: deposit_balance, deposit_pct: 30}
lines: [{colour: Navy, unit_price: 8.605, sizes: {S: 1001}}]
payments:
  - {kind: deposit, received: 2026-11-01}
  - {kind: lc, amount: 9000, received: 2026-11-02}
"""


def test_show_and_the_tracker_agree_on_received_and_outstanding(tmp_path):
    """One payment computation: a deposit recorded as received without an amount is the 30 %
    that was due (2,584.08 of 8,613.61); an L/C is not cash. Before, `show` counted the deposit
    as 0 (outstanding 8,613.61) while the tracker said 6,029.53."""
    from openpyxl import load_workbook

    root = make_workspace(tmp_path, {"SO-1/order.yaml": PAID})
    out = run(root, "--as-of", "2026-11-30", "show", "SO-1").stdout
    assert "received USD 2,584.08, outstanding USD 6,029.53\n" in out
    shown = json.loads(run(root, "--as-of", "2026-11-30", "show", "SO-1", "--format", "json").stdout)
    assert (shown["value"], shown["received"], shown["outstanding"]) == ("8613.61", "2584.08", "6029.53")
    assert run(root, "--as-of", "2026-11-30", "tracker", "-o", str(root / "t.xlsx")).exit_code == 0
    rows = list(load_workbook(root / "t.xlsx")["Payments"].iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert [f"{Decimal(str(row[k])):,.2f}" for k in ("Value", "Received in total", "Outstanding")] == [
        "8,613.61",
        "2,584.08",
        "6,029.53",
    ]


def test_site_pages_print_the_same_total_and_the_price_as_written(half_cent):
    result = run(half_cent, "--as-of", "2026-11-30", "site", "-o", str(half_cent / "site"))
    assert result.exit_code == 0, result.output
    page = (half_cent / "site" / "orders" / "SO-2026-0112.html").read_text(encoding="utf-8")
    assert f"<dd>USD {TOTAL}</dd>" in page
    assert '<td class="num">USD 8.605</td><td class="num">USD 8,613.61</td>' in page
    index = (half_cent / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<td class="num">USD {TOTAL}</td>' in index
