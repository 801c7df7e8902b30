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
        table = _pi(ws, ctx)
        landscape = len(ctx["sizes"]) > 6
    elif kind_name == "packing-list":
        table = _packing_list(ws, ctx)
        landscape = True
    else:  # pragma: no cover - documents.render only asks for these two
        raise ValueError(kind_name)
    doc = ctx["doc"]
    number = doc["number"] + (f" R{doc['revision']}" if doc.get("revision") else "")
    if doc.get("draft"):
        number = "DRAFT " + number
    print_ready(ws, table, landscape, ctx["company"]["name"], number, f"{doc['date']:%Y-%m-%d}")
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


def print_ready(ws, table: tuple[int, int, int], landscape: bool, left: str, centre: str, right: str) -> None:
    """A4, one page wide, the table's header row repeated, header and page x of y, borders, and
    column widths that fit the printed values (LibreOffice prints '###' in a column too narrow).

    `table` is (header row, last row, last column) of the document's main table.
    """
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    head, last, cols = table
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.print_title_rows = f"{head}:{head}"
    ws.print_area = f"A1:{get_column_letter(max(cols, ws.max_column))}{ws.max_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddHeader.left.text = _hf(left)
    ws.oddHeader.center.text = _hf(centre)
    ws.oddHeader.right.text = _hf(right)
    ws.oddFooter.right.text = "Page &P of &N"
    thin = Side(style="thin", color="444444")
    for row in ws.iter_rows(min_row=head, max_row=last, max_col=cols):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            in_table = head <= cell.row <= last and cell.column <= cols
            if cell.value is None:
                continue
            if isinstance(cell.value, str) and not in_table and ws.cell(cell.row, cell.column + 1).value is None:
                continue  # free text runs over an empty neighbour; it never prints as ###
            widths[cell.column] = max(widths.get(cell.column, 0), _display_width(cell))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 6), 50)


def _hf(text: str) -> str:
    return text.replace("&", "&&")  # & starts a header/footer code


def _display_width(cell) -> int:
    """Characters the cell prints as (bold a little wider), CJK counting double."""
    import unicodedata

    value = cell.value
    if isinstance(value, date):
        text = "2026-01-01"
    elif isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        fmt = cell.number_format or ""
        places = len(fmt.split(".", 1)[1]) if "." in fmt else 0
        text = f"{Decimal(str(value)):,.{places}f}"
    else:
        text = str(value)
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return width + (width // 8 if cell.font is not None and cell.font.b else 0)


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


def _pi(ws, ctx: dict) -> tuple[int, int, int]:
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
    head = row
    sizes = ctx["sizes"]
    headers = ["Colour", *sizes, "Qty (pcs)", f"Unit price ({currency})", f"Amount ({currency})"]
    for col, text in enumerate(headers, 1):
        put(ws, row, col, text, bold=True)
    n = len(sizes) + 2
    for line in ctx["lines"]:
        row += 1
        put(ws, row, 1, line["colour"])
        for col, size in enumerate(sizes, 2):
            put(ws, row, col, line["sizes"].get(size))
        put(ws, row, n, line["quantity"])
        price = line["unit_price"]
        put(ws, row, n + 1, money.price(price, currency), number_format(money.price_places(price, currency)))
        put(ws, row, n + 2, line["amount"], amount_format)
    row += 1
    put(ws, row, 1, "Total", bold=True)
    for col, size in enumerate(sizes, 2):
        put(ws, row, col, ctx["size_totals"][size], bold=True)
    put(ws, row, n, ctx["total_qty"], bold=True)
    put(ws, row, n + 2, ctx["total_amount"], amount_format, bold=True)
    table = (head, row, n + 2)
    put(ws, row + 2, 1, ctx["amount_words"])
    row += 4
    terms = [
        ("Price term", _need(order, "incoterm", "incoterm")),
        ("Payment", ctx["payment"]["text"] if "payment" in ctx else None),
        ("Delivery", f"ex-factory {_need(order, 'ex_factory', 'ex_factory'):%Y-%m-%d}"),
        ("Valid until", f"{ctx['valid_until']:%Y-%m-%d}" if "valid_until" in ctx else None),
        ("Quality", order.get("quality")),
        *(("Shipping marks" if i == 0 else "", line) for i, line in enumerate(ctx["mark"])),
    ]
    bank = ctx["company"].get("bank", {})
    if "account" in bank:
        terms += [
            ("Beneficiary", bank.get("beneficiary", ctx["company"]["name"])),
            ("Bank", bank.get("name")),
            ("Account", bank.get("account")),
            ("SWIFT", bank.get("swift")),
        ]
    for label, value in terms:
        if value:
            if label:
                put(ws, row, 1, label, bold=True)
            put(ws, row, 2, value)
            row += 1
    row += 2
    put(ws, row, 1, f"For the seller: {ctx['company']['name']}")
    put(ws, row, n, f"Confirmed by the buyer: {customer['name']}")
    put(ws, row + 2, 1, "Signature and stamp: ____________________")
    put(ws, row + 2, n, "Signature and stamp: ____________________")
    return table


def _packing_list(ws, ctx: dict) -> tuple[int, int, int]:
    order = ctx["order"]
    packing = _need(ctx, "packing", "packing")
    ws.title = "Packing list"
    row = _header(ws, ctx, "PACKING LIST")
    if ctx.get("audience", "buyer") == "buyer":
        put(ws, row, 1, "Consignee")
        put(ws, row, 2, order["customer"]["name"])
        put(ws, row + 1, 1, "Customer PO")
        put(ws, row + 1, 2, order["customer"].get("po", ""))
    row += 3
    sizes = packing["sizes"]
    headers = [
        "Carton No.",
        "Colour",
        *sizes,
        "Pcs/ctn",
        "Ctns",
        "Pcs",
        "N.W./ctn kg",
        "G.W./ctn kg",
        "N.W. kg",
        "G.W. kg",
        "Meas. cm",
        "CBM",
    ]
    head = row
    for col, text in enumerate(headers, 1):
        put(ws, row, col, text, bold=True)
    n = 3 + len(sizes)  # first column after the sizes
    for r in packing["rows"]:
        row += 1
        put(ws, row, 1, r["cartons"])
        put(ws, row, 2, r["colour"])
        for col, size in enumerate(sizes, 3):
            put(ws, row, col, r["sizes_map"].get(size))
        for col, value in enumerate([r["per_carton"], r["count"], r["pieces"]], n):
            put(ws, row, col, value)
        put(ws, row, n + 3, r["net_per"], KG)
        put(ws, row, n + 4, r["gross_per"], KG)
        put(ws, row, n + 5, r["net_kg"], KG)
        put(ws, row, n + 6, r["gross_kg"], KG)
        c = r["carton"]
        if c is not None:
            put(ws, row, n + 7, f"{c.length}×{c.width}×{c.height}")
        put(ws, row, n + 8, r["cbm"], CBM)
    row += 1
    t = packing["totals"]
    put(ws, row, 1, "Total", bold=True)
    for col, size in enumerate(sizes, 3):
        put(ws, row, col, packing["size_totals"][size], bold=True)
    put(ws, row, n + 1, t["cartons"], bold=True)
    put(ws, row, n + 2, t["pieces"], bold=True)
    put(ws, row, n + 5, t["net_kg"], KG, bold=True)
    put(ws, row, n + 6, t["gross_kg"], KG, bold=True)
    put(ws, row, n + 8, t["cbm"], CBM, bold=True)
    table = (head, row, n + 8)
    row += 2
    put(ws, row, 1, f"SAY TOTAL {t['cartons']:,} CARTONS ONLY · {t['pieces']:,} PCS")
    for i, c in enumerate(packing["carton_sizes"], 1):
        box = c["carton"]
        row += 1
        put(ws, row, 1, f"Carton {i}: {box.length} × {box.width} × {box.height} cm, {c['cartons']:,} ctns")
    row += 2
    put(ws, row, 1, "Shipping mark", bold=True)
    for line in ctx["mark"]:
        row += 1
        put(ws, row, 1, line)
    if ctx.get("audience") == "factory":
        for note in packing["notes"]:
            row += 2
            put(ws, row, 1, note)
    return table


KG = "#,##0.00"
CBM = "#,##0.000"
