"""The PI and the packing list as Excel workbooks (forwarders and buyers expect .xlsx).

Built from the same context as the templates. Every string is written as a text
cell (`data_type = "s"`), so a customer name like `=HYPERLINK(...)` stays text;
numbers are written as exact Decimals with a number format, never floats.
A KeyError names the field a document needs and the order lacks.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from gendan.core import money


def build(kind_name: str, ctx: dict) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if kind_name == "pi":
        _pi(ws, ctx)
    elif kind_name == "packing-list":
        _packing_list(ws, ctx)
    else:  # pragma: no cover - documents.render only asks for these two
        raise ValueError(kind_name)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def cell_text(text: str) -> str:
    """Text as every xlsx writer stores it: what a workbook cannot hold (control characters, lone
    surrogates) removed, cut at Excel's 32,767 characters. `validate` refuses such characters in
    order files; this keeps the tracker and the documents alike for text from anywhere else."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff")
    return text[:32767]


def put(ws, row: int, col: int, value: Any, fmt: str | None = None, bold: bool = False):
    """One cell: text stays text, numbers stay exact."""
    from openpyxl.styles import Font

    cell = ws.cell(row=row, column=col)
    if value is None:
        return cell
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = fmt or ("#,##0" if isinstance(value, int) else "#,##0.00")
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = cell_text(str(value))
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _need(mapping, key: str, path: str):
    if key not in mapping:
        raise KeyError(path)
    return mapping[key]


def number_format(places: int) -> str:
    """Excel's format for a number with thousands separators and fixed places: #,##0.00."""
    return "#,##0" + ("." + "0" * places if places else "")


def _header(ws, ctx: dict, title: str) -> int:
    company = ctx["company"]
    put(ws, 1, 1, company["name"], bold=True)
    row = 2
    for key in ("name_zh", "address"):
        if key in company:
            put(ws, row, 1, company[key])
            row += 1
    put(ws, row + 1, 1, title, bold=True)
    put(ws, row + 2, 1, "No.")
    put(ws, row + 2, 2, ctx["doc"]["number"])
    put(ws, row + 3, 1, "Date")
    put(ws, row + 3, 2, ctx["doc"]["date"])
    return row + 5


def _pi(ws, ctx: dict) -> None:
    order = ctx["order"]
    customer = order["customer"]
    currency = _need(ctx, "currency", "currency")
    amount_format = number_format(money.exponent(currency))
    ws.title = "PI"
    row = _header(ws, ctx, "PROFORMA INVOICE")
    put(ws, row, 1, "Buyer")
    put(ws, row, 2, customer["name"])
    put(ws, row + 1, 2, _need(customer, "address", "customer.address"))
    put(ws, row + 2, 1, "Customer PO")
    put(ws, row + 2, 2, customer.get("po", ""))
    put(ws, row + 3, 1, "Style")
    put(ws, row + 3, 2, _need(order, "style", "style")["number"])
    row += 5
    sizes = ctx["sizes"]
    headers = ["Colour", *sizes, "Qty (pcs)", f"Unit price ({currency})", f"Amount ({currency})"]
    for col, text in enumerate(headers, 1):
        put(ws, row, col, text, bold=True)
    for line in ctx["lines"]:
        row += 1
        put(ws, row, 1, line["colour"])
        for col, size in enumerate(sizes, 2):
            put(ws, row, col, line["sizes"].get(size))
        n = len(sizes) + 2
        put(ws, row, n, line["quantity"])
        price = line["unit_price"]
        put(ws, row, n + 1, money.price(price, currency), number_format(money.price_places(price, currency)))
        put(ws, row, n + 2, line["amount"], amount_format)
    row += 1
    put(ws, row, 1, "Total", bold=True)
    for col, size in enumerate(sizes, 2):
        put(ws, row, col, ctx["size_totals"][size], bold=True)
    n = len(sizes) + 2
    put(ws, row, n, ctx["total_qty"], bold=True)
    put(ws, row, n + 2, ctx["total_amount"], amount_format, bold=True)
    put(ws, row + 2, 1, ctx["amount_words"])
    row += 4
    put(ws, row, 1, "Price term")
    put(ws, row, 2, _need(order, "incoterm", "incoterm"))
    put(ws, row + 1, 1, "Delivery")
    put(ws, row + 1, 2, _need(order, "ex_factory", "ex_factory"))
    ws.column_dimensions["A"].width = 18


def _packing_list(ws, ctx: dict) -> None:
    order = ctx["order"]
    packing = _need(ctx, "packing", "packing")
    ws.title = "Packing list"
    row = _header(ws, ctx, "PACKING LIST")
    put(ws, row, 1, "Consignee")
    put(ws, row, 2, order["customer"]["name"])
    put(ws, row + 1, 1, "Customer PO")
    put(ws, row + 1, 2, order["customer"].get("po", ""))
    row += 3
    headers = ["Carton No.", "Colour", "Sizes per carton", "Pcs/ctn", "Ctns", "Pcs", "N.W. kg", "G.W. kg", "CBM"]
    for col, text in enumerate(headers, 1):
        put(ws, row, col, text, bold=True)
    for r in packing["rows"]:
        row += 1
        values = [r["cartons"], r["colour"], r["sizes"], r["per_carton"], r["count"], r["pieces"]]
        for col, value in enumerate(values, 1):
            put(ws, row, col, value)
        put(ws, row, 7, r["net_kg"], "#,##0.00")
        put(ws, row, 8, r["gross_kg"], "#,##0.00")
        put(ws, row, 9, r["cbm"], "#,##0.000")
    row += 1
    t = packing["totals"]
    put(ws, row, 1, "Total", bold=True)
    put(ws, row, 5, t["cartons"], bold=True)
    put(ws, row, 6, t["pieces"], bold=True)
    put(ws, row, 7, t["net_kg"], "#,##0.00", bold=True)
    put(ws, row, 8, t["gross_kg"], "#,##0.00", bold=True)
    put(ws, row, 9, t["cbm"], "#,##0.000", bold=True)
    for note in packing["notes"]:
        row += 2
        put(ws, row, 1, note)
    ws.column_dimensions["C"].width = 22
