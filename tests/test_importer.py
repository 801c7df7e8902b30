"""Import from an Excel tracking sheet: realistic workbooks built here with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from gendan.domain import importer
from tests.helpers import make_workspace, run

TODAY = "2026-11-30"


def tracker(
    path: Path,
    rows: list[list],
    header_row: int = 4,
    title: str | None = "2026年订单跟踪表",
    sheet: str = "订单",
    header: list | None = None,
) -> Path:
    """A tracking sheet as merchandisers keep them: a merged title, the header on row 4."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    header = header or [
        "订单号",
        "客户",
        "PO号",
        "款号",
        "颜色",
        "数量",
        "单价",
        "币种",
        "下单日期",
        "交期",
        "跟单",
        "工厂",
    ]
    if title:
        ws.cell(1, 1, title)
        ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=len(header))
        ws.cell(3, 1, "制表: 陈丽")
    for c, h in enumerate(header, 1):
        ws.cell(header_row, c, h)
    for r, row in enumerate(rows, header_row + 1):
        for c, v in enumerate(row, 1):
            if v is not None:
                ws.cell(r, c, v)
    wb.save(path)
    return path


ROWS = [
    # a real Excel date, a price as a number
    [
        "SO-2026-0201",
        "Nordic Outdoor AS",
        "NO-90001",
        "JK-3001",
        "Black",
        1200,
        18.5,
        "USD",
        datetime(2026, 11, 2),
        datetime(2027, 3, 15),
        "Chen Li",
        "宁波宏达服装厂",
    ],
    # a serial number date and a text quantity
    [
        "SO-2026-0202",
        "Nordic Outdoor AS",
        "NO-90002",
        "JK-3002",
        "Navy",
        "1,200 pcs",
        "USD 21.00",
        None,
        "2026/11/05",
        46477,
        "Chen Li",
        "宁波宏达服装厂",
    ],
    # 11月30日 without a year: the PO date's year; no PO, no price: an inquiry
    ["SO-2026-0203", "Bergen Sport", None, "PT-10", "Red", "800件", None, "USD", None, "12月20日", "Wang Fang", None],
]


@pytest.fixture
def ws(tmp_path):
    return make_workspace(tmp_path, {})


def test_import_creates_valid_orders(ws, tmp_path):
    book = tracker(tmp_path / "跟踪表.xlsx", ROWS)
    r = run(ws, "--as-of", TODAY, "import", str(book), "--dir", "2026")
    assert r.exit_code == 0, r.output + r.stderr
    assert "header on row 4" in r.stdout
    assert "created SO-2026-0201 (inquiry)" in r.stdout  # no quality column: R1 keeps it at inquiry
    assert "3 created, 0 already there, 0 rows not imported" in r.stdout
    text = (ws / "2026/SO-2026-0202/order.yaml").read_text(encoding="utf-8")
    assert "ex_factory: 2027-03-31" in text  # serial 46477
    assert "sizes: {ALL: 1200}" in text and "unit_price: 21.00" in text
    assert "po_date: 2026-11-05" in text
    third = (ws / "2026/SO-2026-0203/order.yaml").read_text(encoding="utf-8")
    assert "ex_factory: 2026-12-20" in third and "lines:" not in third
    assert "800 pcs" in third  # the quantity is kept, in the notes, until a price is given
    v = run(ws, "--as-of", TODAY, "validate")
    assert v.exit_code == 0, v.output
    assert "3 orders checked, no problems" in v.stdout


def test_confirmed_when_the_four_essentials_are_there(ws, tmp_path):
    header = ["Order No.", "Customer", "PO", "Style No", "Colour", "Qty", "Unit Price", "Ex-factory", "Quality", "Curr"]
    book = tracker(
        tmp_path / "t.xlsx",
        [["SO-1", "Acme", "P1", "S1", "Black", 100, Decimal("9.90"), date(2027, 1, 15), "AQL 2.5 as PP sample", "USD"]],
        header_row=1,
        title=None,
        header=header,
    )
    r = run(ws, "--as-of", TODAY, "import", str(book))
    assert r.exit_code == 0, r.output
    assert "created SO-1 (confirmed) SO-1/order.yaml" in r.stdout.replace(str(ws) + "/", "")
    assert run(ws, "--as-of", TODAY, "validate").exit_code == 0


def test_running_twice_creates_nothing_and_never_overwrites(ws, tmp_path):
    book = tracker(tmp_path / "t.xlsx", ROWS)
    assert run(ws, "--as-of", TODAY, "import", str(book)).exit_code == 0
    edited = ws / "SO-2026-0201/order.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "tags: [edited]\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in ws.rglob("order.yaml")}
    r = run(ws, "--as-of", TODAY, "import", str(book), "--dir", "elsewhere")
    assert r.exit_code == 0
    assert "0 created, 3 already there" in r.stdout
    assert "exists SO-2026-0201" in r.stdout
    assert {p: p.read_bytes() for p in ws.rglob("order.yaml")} == before
    assert not (ws / "elsewhere").exists()


def test_dry_run_writes_nothing(ws, tmp_path):
    book = tracker(tmp_path / "t.xlsx", ROWS)
    r = run(ws, "--as-of", TODAY, "import", str(book), "--dry-run")
    assert r.exit_code == 0
    assert "would create SO-2026-0201" in r.stdout
    assert list(ws.rglob("order.yaml")) == []


def test_bad_rows_are_listed_with_row_number_and_reason(ws, tmp_path):
    rows = [
        ROWS[0],
        ["SO-9", "Acme", "P", "S", "Black", "many", 1, "USD", None, "2026-13-40", "X", None],
        ["SO-10", None, "P", "S", "Black", 10, 1, "USD", None, "2027-01-10", "X", None],
        ["../evil", "Acme", None, None, None, 10, None, None, None, None, None, None],
        [None, "Acme", None, None, None, 10, None, None, None, None, None, None],
        ["合计", None, None, None, None, 1200, None, None, None, None, None, None],
    ]
    book = tracker(tmp_path / "t.xlsx", rows)
    r = run(ws, "--as-of", TODAY, "import", str(book))
    assert r.exit_code == 1
    assert "row 6: not imported (SO-9): quantity (quantity): 'many' is not a quantity" in r.stderr
    assert "'2026-13-40' is not a real date" in r.stderr
    assert "row 7: not imported (SO-10): no customer" in r.stderr
    assert "row 8: not imported (../evil): '../evil' is not a usable order id" in r.stderr
    assert "row 9: skipped: no order number" in r.stdout
    assert "row 10: skipped: a total row (合计)" in r.stdout
    assert [p.parent.name for p in ws.rglob("order.yaml")] == ["SO-2026-0201"]


def test_duplicates_in_the_sheet(ws, tmp_path):
    second_colour = ROWS[0][:4] + ["White", 600, 18.5] + ROWS[0][7:]
    conflicting = ["SO-2026-0202"] + ["Other Buyer"] + ROWS[1][2:]
    rows = [ROWS[0], list(ROWS[0]), second_colour, ROWS[1], conflicting]
    book = tracker(tmp_path / "t.xlsx", rows)
    r = run(ws, "--as-of", TODAY, "import", str(book))
    assert r.exit_code == 1
    assert "row 6: skipped: a copy of row 5" in r.stdout
    assert "created SO-2026-0201" in r.stdout
    text = (ws / "SO-2026-0201/order.yaml").read_text(encoding="utf-8")
    assert 'colour: "Black"' in text and 'colour: "White"' in text  # two rows, two colours, one order
    assert "row 8: not imported (SO-2026-0202): order SO-2026-0202 is on rows 8, 9 with different customer" in r.stderr
    assert "row 9: not imported (SO-2026-0202)" in r.stderr
    assert not (ws / "SO-2026-0202").exists()


def test_merged_customer_cells_fill_every_row(ws, tmp_path):
    book = tmp_path / "t.xlsx"
    tracker(book, [ROWS[0], ["SO-2026-0210"] + [None] + ROWS[0][2:]])
    from openpyxl import load_workbook

    wb = load_workbook(book)
    wb.active.merge_cells("B5:B6")
    wb.save(book)
    r = run(ws, "--as-of", TODAY, "import", str(book))
    assert r.exit_code == 0, r.output
    assert 'name: "Nordic Outdoor AS"' in (ws / "SO-2026-0210/order.yaml").read_text(encoding="utf-8")


def test_bilingual_headers_and_a_mapping_file(ws, tmp_path):
    header = ["合同号\nContract No", "Client", "款号", "总件数", "Price", "Delivery"]
    book = tracker(
        tmp_path / "t.xlsx",
        [["HT-77", "Acme", "S-1", "2,400", "$4.20", "2027/2/1"]],
        header=header,
        header_row=2,
        title=None,
    )
    mapfile = tmp_path / "map.yaml"
    mapfile.write_text("columns:\n  quantity: 总件数\ndefaults:\n  quality: as approved sample\n", encoding="utf-8")
    r = run(ws, "--as-of", TODAY, "import", str(book), "--map", str(mapfile), "--dry-run")
    assert r.exit_code == 0, r.output
    assert "id=合同号\nContract No" in r.stdout or "id=合同号" in r.stdout
    assert "quantity=总件数" in r.stdout
    assert "would create HT-77 (inquiry)" in r.stdout  # no PO: not confirmed
    mapfile.write_text("colums: {}\n", encoding="utf-8")
    bad = run(ws, "import", str(book), "--map", str(mapfile))
    assert bad.exit_code == 2 and "unknown key 'colums' (did you mean 'columns'?)" in bad.stderr


def test_not_a_workbook(ws, tmp_path):
    fake = tmp_path / "tracker.xlsx"
    fake.write_text("订单号,客户\nSO-1,Acme\n", encoding="utf-8")
    r = run(ws, "import", str(fake))
    assert r.exit_code == 2
    assert "is not an Excel .xlsx workbook" in r.stderr
    assert "Traceback" not in r.output
    old = tmp_path / "tracker.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 (Excel 97) file
    r = run(ws, "import", str(old))
    assert r.exit_code == 2 and "is an old .xls workbook" in r.stderr and "save it as .xlsx" in r.stderr
    r = run(ws, "import", str(tmp_path / "missing.xlsx"))
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_sheet_without_a_recognisable_header(ws, tmp_path):
    book = tracker(tmp_path / "t.xlsx", [["a", "b"]], header=["Foo", "Bar", "Baz"])
    r = run(ws, "import", str(book))
    assert r.exit_code == 2
    assert "has no recognisable header in its first 20 rows" in r.stderr
    r = run(ws, "import", str(book), "--sheet", "Sheet2")
    assert r.exit_code == 2 and "has no sheet 'Sheet2'" in r.stderr


# the cell parsers ------------------------------------------------------------


@given(st.dates(min_value=date(1960, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_kind_reads_back(d):
    assert importer.parse_date(datetime(d.year, d.month, d.day)) == d
    assert importer.parse_date((d - importer.EXCEL_EPOCH).days) == d
    assert importer.parse_date(float((d - importer.EXCEL_EPOCH).days)) == d
    assert importer.parse_date(f"{d.year}/{d.month}/{d.day}") == d
    assert importer.parse_date(d.isoformat()) == d
    assert importer.parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert importer.parse_date(f"{d.month}月{d.day}日", year=d.year) == d
    assert importer.parse_date(d.strftime("%d-%b-%Y")) == d


@given(st.text(max_size=12))
def test_date_parser_never_crashes(text):
    try:
        importer.parse_date(text, year=2026)
    except ValueError:
        pass


def test_dates_that_are_not():
    for bad, why in (
        ("2026-02-30", "not a real date"),
        ("3/4/2026", "ambiguous"),
        ("11月30日", "no year"),
        (12.5, "not a date"),
        (5, "not a date"),
        ("soon", "not a date"),
    ):
        with pytest.raises(ValueError, match=why):
            importer.parse_date(bad)


@given(st.integers(min_value=1, max_value=10**7), st.sampled_from(["", " pcs", "pcs", "件", " PCS", " pieces"]))
def test_quantities_read_back(n, unit):
    assert importer.parse_quantity(n) == n
    assert importer.parse_quantity(float(n)) == n
    assert importer.parse_quantity(f"{n}{unit}") == n
    assert importer.parse_quantity(f"{n:,}{unit}") == n


@given(st.text(max_size=10))
def test_quantity_parser_never_crashes(text):
    try:
        assert importer.parse_quantity(text) > 0
    except ValueError:
        pass


def test_quantities_that_are_not():
    for bad in (0, -5, 12.5, "1,20", "lots", "1.200,00", True):
        with pytest.raises(ValueError):
            importer.parse_quantity(bad)


def test_prices_stay_decimal():
    assert importer.parse_price(18.5) == (Decimal("18.5"), None)
    assert importer.parse_price(0.1 + 0.2)[0] == Decimal("0.30000000000000004")  # as Excel stored it
    assert importer.parse_price("USD 18.50") == (Decimal("18.50"), "USD")
    assert importer.parse_price("$4.20") == (Decimal("4.20"), "USD")
    assert importer.parse_price("4.20 EUR") == (Decimal("4.20"), "EUR")
    with pytest.raises(ValueError):
        importer.parse_price("cheap")


@given(st.text(max_size=30).filter(lambda t: t.strip() == t and t))
def test_any_cell_text_reads_back_from_the_written_yaml(text):
    from gendan.core.errors import InvalidFile
    from gendan.store.ordertext import scalar
    from gendan.store.yamlio import loads

    try:
        assert loads(f"name: {scalar(text)}\n", "x.yaml") == {"name": text}
    except ValueError:  # undecodable text (lone surrogates) is refused before it is written
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    except InvalidFile as e:  # control characters are refused by the reader, never misread
        assert e.problems[0].code in ("E001", "E002")


# --- bounded work (issue 15): hostile workbooks are refused fast, with a sentence ----------------


def _rewrite_part(book: Path, part: str, change) -> Path:
    """Rewrite one XML part of a saved workbook (what Excel never writes, an attacker may)."""
    import zipfile

    out = book.with_name("hostile-" + book.name)
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
    return out


def _import_quickly(ws, book: Path) -> str:
    import time

    started = time.monotonic()
    result = run(ws, "--as-of", TODAY, "import", str(book))
    took = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert took < 1.0, f"{took:.2f} s"
    assert not list(ws.rglob("order.yaml"))
    return result.output


def test_a_cell_at_row_200000_column_16000_is_refused_fast(ws, tmp_path):
    """Issue 15: a 5 KB workbook with one far cell ran past 120 s and 3-4 GB."""
    book = tracker(tmp_path / "t.xlsx", ROWS)
    wb = openpyxl.load_workbook(book)
    wb.active.cell(row=200_000, column=16_000, value="x")
    wb.save(book)
    assert book.stat().st_size < 10_000
    out = _import_quickly(ws, book)
    assert "has a cell at row 200,000; gendan imports at most 20,000 rows and 256 columns" in out


def test_a_cell_far_to_the_right_is_refused_fast(ws, tmp_path):
    book = tracker(tmp_path / "t.xlsx", ROWS)
    wb = openpyxl.load_workbook(book)
    wb.active.cell(row=6, column=16_000, value="x")
    wb.save(book)
    assert "has a cell in column WQJ (column 16,000)" in _import_quickly(ws, book)


def test_a_merge_to_the_last_row_is_refused_fast(ws, tmp_path):
    """Issue 15: a merge A3:M1048576 ran past 120 s."""
    book = tracker(tmp_path / "t.xlsx", ROWS)
    wb = openpyxl.load_workbook(book)
    assert wb.active.merged_cells.ranges  # the title's merge: one more beside it
    big = b'<mergeCell ref="A3:M1048576" />'
    hostile = _rewrite_part(
        book,
        "xl/worksheets/sheet1.xml",
        lambda x: x.replace(b'<mergeCells count="1">', b'<mergeCells count="2">' + big),
    )
    assert "a merged range A3:M1048576 reaching past row 20,000" in _import_quickly(ws, hostile)


def test_a_zip_bomb_is_refused_fast(ws, tmp_path):
    """Issue 15: a 1 MB zip bomb ran past 120 s. Here 256 MB of spaces in the sheet, about 250 KB zipped."""
    import zipfile

    book = tracker(tmp_path / "t.xlsx", ROWS)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open(info.filename, "w") as f:
                    f.write(data.replace(b"</worksheet>", b""))
                    chunk = b" " * (1 << 20)
                    for _ in range(256):
                        f.write(chunk)
                    f.write(b"</worksheet>")
            else:
                dst.writestr(info.filename, data)
    assert bomb.stat().st_size < 1_500_000
    assert "unpacks to 256 MB; gendan imports workbooks of at most 64 MB unpacked (a zip bomb?)" in _import_quickly(
        ws, bomb
    )


def test_a_workbook_declaring_xml_entities_is_refused(ws, tmp_path):
    """Issue 15: an XXE workbook ended in "internal error ... please report it"."""
    book = tracker(tmp_path / "t.xlsx", ROWS)
    dtd = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    hostile = _rewrite_part(book, "xl/worksheets/sheet1.xml", lambda x: dtd + x.replace(b"<c ", b"<c>&xxe;</c><c ", 1))
    out = _import_quickly(ws, hostile)
    assert "xl/worksheets/sheet1.xml declares XML entities (<!DOCTYPE/<!ENTITY)" in out


# the import nits of issue 17 ---------------------------------------------------------------


def test_a_total_row_is_skipped_as_a_total_wherever_its_label_is(ws, tmp_path):
    """合计 / Total / 总计 in any column of a row without an order number (typically under the
    customer or in a first 序号 column), or as a word of the id cell: a total row, not an order
    without a number. A real order whose remarks say "total" is still imported."""
    header = ["序号", "订单号", "客户", "颜色", "数量", "单价", "币种", "交期", "备注"]
    rows = [
        [1, "SO-1", "Acme", "Black", 100, 9.9, "USD", "2027/1/15", "total of 2 colours"],
        [None, None, "合计", None, 100, None, None, None, None],
        ["Total:", None, None, None, 100, None, None, None, None],
        [None, "总计 Grand total", None, None, 100, None, None, None, None],
        [None, None, "Acme", None, 100, None, None, None, None],
        [None, None, None, None, 12345, None, None, None, None],  # a number alone: no label
    ]
    book = tracker(tmp_path / "t.xlsx", rows, header=header, header_row=1, title=None)
    r = run(ws, "--as-of", TODAY, "import", str(book), "--dry-run")
    assert r.exit_code == 0, r.output
    assert "would create SO-1" in r.stdout
    skipped = [line for line in r.stdout.splitlines() if line.startswith("row ")]
    assert skipped == [
        "row 3: skipped: a total row (合计)",
        "row 4: skipped: a total row (Total:)",
        "row 5: skipped: a total row (总计 Grand total)",
        "row 6: skipped: no order number",
        "row 7: skipped: no order number",
    ]
    assert "1 would create, 0 already there, 0 rows not imported" in r.stdout


def test_id_mapped_to_the_style_column_still_fills_the_style(ws, tmp_path):
    """A sheet keyed by style number (`id: 款号` in the mapping): the id and the style both 款号."""
    header = ["款号", "客户", "颜色", "数量", "单价", "币种", "交期"]
    book = tracker(
        tmp_path / "t.xlsx",
        [["JK-3001", "Acme", "Black", 100, "9.90", "USD", "2027/1/15"]],
        header=header,
        header_row=1,
        title=None,
    )
    mapfile = tmp_path / "map.yaml"
    mapfile.write_text("columns:\n  id: 款号\n", encoding="utf-8")
    r = run(ws, "--as-of", TODAY, "import", str(book), "--map", str(mapfile))
    assert r.exit_code == 0, r.output
    assert "id=款号" in r.stdout and "style=款号" in r.stdout
    text = (ws / "JK-3001/order.yaml").read_text(encoding="utf-8")
    assert 'number: "JK-3001"' in text
    shown = run(ws, "--as-of", TODAY, "show", "JK-3001", "--format", "json")
    assert shown.exit_code == 0, shown.output
    import json

    assert json.loads(shown.stdout)["style"] == "JK-3001"
    # a style column of its own keeps its own cells: the mapping's id column fills only the id
    header2 = ["款号", "客户", "Style", "颜色", "数量", "单价", "币种", "交期"]
    book2 = tracker(
        tmp_path / "t2.xlsx",
        [["K-1", "Acme", "ST-9", "Black", 100, "9.90", "USD", "2027/1/15"]],
        header=header2,
        header_row=1,
        title=None,
    )
    r = run(ws, "--as-of", TODAY, "import", str(book2), "--map", str(mapfile))
    assert r.exit_code == 0, r.output
    assert 'number: "ST-9"' in (ws / "K-1/order.yaml").read_text(encoding="utf-8")


def test_a_price_without_a_currency_is_refused_with_the_fix(ws, tmp_path):
    """No currency column, no currency in the cell, no default: the row is refused (a guessed
    currency would put a CNY price on a USD invoice). The fixes the message names each work."""
    header = ["订单号", "客户", "颜色", "数量", "单价", "交期"]
    book = tracker(
        tmp_path / "t.xlsx",
        [
            ["SO-1", "Acme", "Black", 100, 18.5, "2027/1/15"],
            ["SO-2", "Acme", "Black", 100, "USD 18.50", "2027/1/15"],  # the cell says it
            ["SO-3", "Acme", "Black", 100, None, "2027/1/15"],  # no price: no currency needed
        ],
        header=header,
        header_row=1,
        title=None,
    )
    r = run(ws, "--as-of", TODAY, "import", str(book))
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "row 2: not imported (SO-1): unit_price (unit_price): the price 18.5 has no currency; write it with "
        "one (USD 18.50, $18.50), add a currency column (币种/Currency), or give one for every row in a "
        "mapping file (--map with defaults: {currency: USD})"
    ]
    assert 'currency: "USD"' in (ws / "SO-2/order.yaml").read_text(encoding="utf-8")
    assert (ws / "SO-3/order.yaml").is_file() and not (ws / "SO-1").exists()
    mapfile = tmp_path / "map.yaml"
    mapfile.write_text("defaults:\n  currency: EUR\n", encoding="utf-8")
    again = run(ws, "--as-of", TODAY, "import", str(book), "--map", str(mapfile))
    assert again.exit_code == 0, again.output
    text = (ws / "SO-1/order.yaml").read_text(encoding="utf-8")
    assert 'currency: "EUR"' in text and "unit_price: 18.50" in text
    # the mapping's default is for rows that do not say: a price with its own currency keeps it
    book2 = tracker(
        tmp_path / "t2.xlsx",
        [["SO-4", "Acme", "Black", 100, "USD 9.00", "2027/1/15"]],
        header=header,
        header_row=1,
        title=None,
    )
    mixed = run(ws, "--as-of", TODAY, "import", str(book2), "--map", str(mapfile))
    assert mixed.exit_code == 0, mixed.output
    assert 'currency: "USD"' in (ws / "SO-4/order.yaml").read_text(encoding="utf-8")
