"""Document arithmetic, recomputed from the printed documents (issue 14).

Every check reads the numbers as the document prints them and recomputes them the way
a bank's document checker or a warehouse would: quantity x printed unit price = printed
line amount, the total = the sum of the printed lines, cartons x printed weight per carton
= the printed row weight, each column's rows add up to its total row, and the packing
list's pieces per colour and size are the invoice's.

Hand check (done once on the rendered files, 2026-12-02):
- USD order, Black 101 pcs at 0.875: 101 x 0.875 = 88.375 -> 88.38 printed; Navy the same;
  total printed 176.76 = 88.38 + 88.38 (the unrounded sum 176.75 would not add up), and
  the price prints as 0.875, not 0.88. Red 48 pcs at 3.125 = 150.00 exactly.
- JPY order, 3 pcs at 1,234.5: 3,703.5 -> 3,704 per line, two lines 7,408 (not 7,407).
- Packing, 15 colours of 25 pcs (S 13, M 12), solid 12 per carton, cartons 60 x 40 x 35 and,
  for Colour 15, 57.5 x 38 x 33.5: per colour 2 full cartons and 1 tail carton of S 1;
  45 cartons; a tail weighs 9.60 x 1/12 = 0.80 kg net, 0.80 + 1.20 tare = 2.00 kg gross;
  Colour 15's rows: 2 x 0.0731975 = 0.146395 -> 0.146 m3, 1 x 0.0731975 -> 0.073 m3;
  total CBM 14 x (0.168 + 0.084) + 0.146 + 0.073 = 3.747.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import make_workspace, run

AS_OF = "2026-12-01"
CONFIG = "company: {name: Test Export Co, address: 1 Harbour Road}\n"


def order_yaml(lines: str, currency: str = "USD", packing: str = "", extra: str = "") -> str:
    return f"""\
id: SO-1
customer: {{name: Bayside Ltd, po: BS-1, address: 1 Quay St, mark: BAYSIDE}}
style: {{number: ST-1, description: tee}}
incoterm: FOB Ningbo
currency: {currency}
payment: {{terms: lc}}
quality: as sample
ex_factory: 2027-03-01
stage: production
shipment: {{port_of_loading: Ningbo, port_of_discharge: Auckland}}
lines:
{lines}
{packing}{extra}"""


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("*", "").split()[-1])


def md_table(text: str, first_header: str) -> tuple[list[str], list[list[str]]]:
    """The pipe table whose first header cell is `first_header`: headers and rows of cells."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([c.strip().strip("*").strip() for c in line.strip("|").split("|")])
    headers = [c.strip() for c in lines[start].strip("|").split("|")]
    return headers, rows


def render(root: Path, kind: str, fmt: str = "md", *extra: str) -> str:
    result = run(root, "doc", "SO-1", kind, "--format", fmt, "--as-of", AS_OF, *extra)
    assert result.exit_code == 0, result.output + result.stderr
    path = root / "SO-1" / "out" / f"{kind}.{fmt}"
    return path.read_text(encoding="utf-8") if fmt != "xlsx" else str(path)


USD_LINES = """\
  - {colour: Black, unit_price: 0.875, sizes: {S: 101}}
  - {colour: Navy, unit_price: 0.875, sizes: {S: 101}}
  - {colour: Red, unit_price: 3.125, sizes: {S: 48}}
"""
JPY_LINES = """\
  - {colour: Black, unit_price: 1234.5, sizes: {S: 3}}
  - {colour: Navy, unit_price: 1234.5, sizes: {S: 3}}
"""


def check_invoice_lines(text: str, first_header: str, qty_col: str, price_col: str, amount_col: str):
    headers, rows = md_table(text, first_header)
    q, p, a = (next(i for i, h in enumerate(headers) if h.startswith(c)) for c in (qty_col, price_col, amount_col))
    body, total = rows[:-1], rows[-1]
    printed = []
    for r in body:
        qty, price, amount = Decimal(r[q].replace(",", "")), money(r[p]), money(r[a])
        places = -amount.as_tuple().exponent
        assert amount == (qty * price).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP"), r
        printed.append(amount)
    assert money(total[a]) == sum(printed)
    return body, total, p, a


@pytest.mark.parametrize("kind,first", [("pi", "Colour"), ("commercial-invoice", "Description of goods")])
def test_usd_three_decimal_prices_print_whole_and_the_total_is_the_printed_lines(tmp_path, kind, first):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order_yaml(USD_LINES)}, CONFIG)
    text = render(root, kind)
    body, total, p, a = check_invoice_lines(text, first, "Qty", "Unit price", "Amount")
    assert [r[p] for r in body] == ["0.875", "0.875", "3.125"]
    assert [r[a] for r in body] == ["88.38", "88.38", "150.00"]
    assert total[a] == "USD 326.76"
    assert "THREE HUNDRED AND TWENTY SIX AND CENTS SEVENTY SIX" in text


def test_jpy_prices_keep_their_half_yen_and_lines_round_once(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order_yaml(JPY_LINES, "JPY")}, CONFIG)
    for kind, first in (("pi", "Colour"), ("commercial-invoice", "Description of goods")):
        text = render(root, kind)
        body, total, p, a = check_invoice_lines(text, first, "Qty", "Unit price", "Amount")
        assert [r[p] for r in body] == ["1,234.5", "1,234.5"]
        assert [r[a] for r in body] == ["3,704", "3,704"]
        assert total[a] == "JPY 7,408"


def test_pi_workbook_total_is_the_sum_of_its_line_cells(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order_yaml(USD_LINES)}, CONFIG)
    sheet = openpyxl.load_workbook(render(root, "pi", "xlsx")).active
    rows = [[c for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r[0].value == "Colour")
    col = {c.value: i for i, c in enumerate(header) if c.value}
    lines = [r for r in rows if r[0].value in ("Black", "Navy", "Red")]
    total = next(r for r in rows if r[0].value == "Total")
    amounts = [Decimal(str(r[col["Amount (USD)"]].value)) for r in lines]
    assert amounts == [Decimal("88.38"), Decimal("88.38"), Decimal("150")]
    assert Decimal(str(total[col["Amount (USD)"]].value)) == sum(amounts) == Decimal("326.76")
    prices = [r[col["Unit price (USD)"]] for r in lines]
    assert [Decimal(str(c.value)) for c in prices] == [Decimal("0.875"), Decimal("0.875"), Decimal("3.125")]
    assert prices[0].number_format == "#,##0.000"  # printed as 0.875, not 0.88


COLOURS = [f"Colour {i}" for i in range(1, 16)]
PACKING = """\
packing:
  carton: {length: 60, width: 40, height: 35}
  net_kg: 9.6
  gross_kg: 10.8
  rules:
    - {colour: Colour 15, pieces_per_carton: 12, carton: {length: 57.5, width: 38, height: 33.5}}
    - {pieces_per_carton: 12}
"""


def fifteen_colours(tmp_path) -> Path:
    lines = "".join(f"  - {{colour: {c}, unit_price: 2.5, sizes: {{S: 13, M: 12}}}}\n" for c in COLOURS)
    return make_workspace(tmp_path, {"SO-1/order.yaml": order_yaml(lines, packing=PACKING)}, CONFIG)


def test_packing_list_columns_add_up_and_agree_with_the_invoice(tmp_path):
    root = fifteen_colours(tmp_path)
    text = render(root, "packing-list")
    headers, rows = md_table(text, "Carton No.")
    col = {h: i for i, h in enumerate(headers)}
    body, total = rows[:-1], rows[-1]
    num = lambda cell: Decimal(cell.replace(",", "")) if cell else Decimal(0)  # noqa: E731
    for r in body:
        ctns = num(r[col["Ctns"]])
        assert num(r[col["Pcs"]]) == ctns * num(r[col["Pcs/ctn"]]) == ctns * (num(r[col["S"]]) + num(r[col["M"]]))
        assert num(r[col["N.W. kg"]]) == ctns * num(r[col["N.W./ctn kg"]])
        assert num(r[col["G.W. kg"]]) == ctns * num(r[col["G.W./ctn kg"]])
        length, width, height = (Decimal(x) for x in r[col["Meas. cm"]].split("×"))
        exact = ctns * length * width * height / 1_000_000
        assert num(r[col["CBM"]]) == exact.quantize(Decimal("0.001"), rounding="ROUND_HALF_UP")
    for h in ("Ctns", "Pcs", "N.W. kg", "G.W. kg", "CBM"):
        assert sum(num(r[col[h]]) for r in body) == num(total[col[h]]), h
    for size, ordered in (("S", 13 * 15), ("M", 12 * 15)):  # the invoice's pieces per size
        assert sum(num(r[col["Ctns"]]) * num(r[col[size]]) for r in body) == num(total[col[size]]) == ordered
    assert total[col["Pcs"]] == "375" and total[col["Ctns"]] == "45" and total[col["CBM"]] == "3.747"
    # every carton size in the footer, with its count
    assert "- Carton 1: 60 × 40 × 35 cm, 42 ctns" in text
    assert "- Carton 2: 57.5 × 38 × 33.5 cm, 3 ctns" in text
    ci = render(root, "commercial-invoice")
    assert "45 cartons, N.W. " + total[col["N.W. kg"]] + " kg, G.W. " + total[col["G.W. kg"]] + " kg, 3.747 CBM" in ci
    _, ci_rows = md_table(ci, "Description of goods")
    assert ci_rows[-1][3] == "375"


def test_packing_that_misses_the_invoice_is_refused_where_it_is_wrong(tmp_path, monkeypatch):
    packing = "packing:\n  rules:\n    - {mode: ratio, ratio: {S: 1, M: 2, L: 2}, cartons: 30}\n"
    lines = "  - {colour: Navy, unit_price: 5, sizes: {S: 100, M: 200, L: 200}}\n"
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order_yaml(lines, packing=packing)}, CONFIG)
    monkeypatch.chdir(root)
    for kind in ("packing-list", "commercial-invoice", "shipping-marks"):
        result = run(root, "doc", "SO-1", kind, "--format", "md", "--as-of", AS_OF)
        assert result.exit_code == 1, kind
        assert result.stderr.splitlines()[:3] == [
            "SO-1/order.yaml:16:7: E230 packing does not match the order: Navy S packs 30 pcs, the order has 100",
            "SO-1/order.yaml:16:7: E230 packing does not match the order: Navy M packs 60 pcs, the order has 200",
            "SO-1/order.yaml:16:7: E230 packing does not match the order: Navy L packs 60 pcs, the order has 200",
        ]
        assert "--draft" in result.stderr
        assert not (root / "SO-1" / "out").exists()
    text = render(root, "packing-list", "md", "--draft")
    assert text.startswith("# DRAFT · PACKING LIST")
    html = render(root, "packing-list", "html", "--draft")
    assert '<div class="draft">DRAFT</div>' in html and "<title>DRAFT " in html


def test_internal_notes_stay_off_the_buyer_copy(tmp_path):
    packing = "packing:\n  rules:\n    - {mode: ratio, ratio: {'90': 1, '100': 1}}\n"
    lines = "  - {colour: Navy, unit_price: 5, sizes: {'90': 10, '100': 11}}\n"
    root = make_workspace(tmp_path, {"SO-1/order.yaml": order_yaml(lines, packing=packing)}, CONFIG)
    buyer = render(root, "packing-list")
    assert "does not divide" not in buyer and "remainder" not in buyer
    factory = render(root, "packing-list", "md", "--for", "factory")
    assert "ratio 90:1 100:1 does not divide the quantities" in factory
    assert "Bayside" not in factory
    assert re.search(r"Consignee: Bayside Ltd", buyer)
