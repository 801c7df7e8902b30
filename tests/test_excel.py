"""`gendan tracker`: the workbook read back with openpyxl (and LibreOffice when present)."""

import csv
import os
import shutil
import subprocess
from datetime import datetime

import openpyxl
import pytest

from tests.helpers import REPORT_BROKEN, REPORT_CONFIG, REPORT_FILES, make_workspace, run

AS_OF = ("--as-of", "2026-11-30")


@pytest.fixture
def book(tmp_path):
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG)
    out = tmp_path / "tracker.xlsx"
    result = run(root, "tracker", "-o", str(out), *AS_OF)
    assert result.exit_code == 0, result.output
    return out


def rows_of(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_orders_sheet_cells_and_formats(book):
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Orders", "Milestones", "Payments", "Overdue"]
    ws = wb["Orders"]
    head = [c.value for c in ws[1]]
    assert head[:12] == [
        "Order",
        "Customer",
        "Customer PO",
        "Style",
        "Merchandiser",
        "Factory",
        "Quantity",
        "Value",
        "Currency",
        "Ex-factory",
        "Forecast ex-factory",
        "Stage",
    ]
    assert head[12:16] == [
        "deposit_received due",
        "deposit_received actual",
        "lab_dip_approved due",
        "lab_dip_approved actual",
    ]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert ids == ["SO-A", "SO-B", "SO-C", "SO-D"]
    b = {h: c for h, c in zip(head, ws[3], strict=False)}
    # text that looks like a formula stays text
    assert b["Customer"].value == '=HYPERLINK("http://x")' and b["Customer"].data_type == "s"
    assert b["Customer PO"].value == "+PO-2" and b["Style"].value == "-TS-9"
    assert b["Quantity"].value == 500 and b["Quantity"].number_format == "#,##0"
    assert b["Value"].value == 2125 and b["Value"].number_format == "#,##0.00"
    assert b["Ex-factory"].value == datetime(2026, 12, 4) and b["Ex-factory"].number_format == "yyyy-mm-dd"
    assert b["Forecast ex-factory"].value == datetime(2026, 12, 14)  # forwarder not booked: today + 10 working days
    # the deposit recorded under payments counts as the milestone's actual date
    assert b["deposit_received actual"].value == datetime(2026, 9, 10)
    assert b["lab_dip_approved actual"].value == "(stage passed)"
    a = {h: c for h, c in zip(head, ws[2], strict=False)}
    assert a["lab_dip_approved due"].value == datetime(2026, 10, 28) and a["lab_dip_approved actual"].value is None
    for sheet in wb:
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert all(c.font.bold for c in sheet[1])
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert c.data_type == "s", (sheet.title, c.coordinate)
    assert ws.column_dimensions["B"].width == len('=HYPERLINK("http://x")') + 2
    assert ws.column_dimensions["A"].width == 8


def test_conditional_formatting_against_today(book):
    wb = openpyxl.load_workbook(book)
    rules = {
        str(cf.sqref): [(r.formula, r.dxf.fill.bgColor.rgb) for r in cf.rules]
        for cf in wb["Orders"].conditional_formatting
    }
    assert rules["K2:K5"] == [(["AND(ISNUMBER(K2),ISNUMBER(J2),K2>J2)"], "00FFC7CE")]
    assert rules["M2:M5"] == [
        (["AND(ISNUMBER(M2),ISBLANK(N2),M2<TODAY())"], "00FFC7CE"),
        (["AND(ISNUMBER(M2),ISBLANK(N2),M2>=TODAY(),M2<=TODAY()+7)"], "00FFEB9C"),
    ]
    ms = {str(cf.sqref): [r.formula for r in cf.rules] for cf in wb["Milestones"].conditional_formatting}
    last = wb["Milestones"].max_row
    assert ms == {
        f"K2:K{last}": [
            ['AND(ISNUMBER(K2),ISBLANK(J2),M2<>"passed",K2<TODAY())'],
            ['AND(ISNUMBER(K2),ISBLANK(J2),M2<>"passed",K2>=TODAY(),K2<=TODAY()+7)'],
        ]
    }
    ov = {str(cf.sqref): [r.formula for r in cf.rules] for cf in wb["Overdue"].conditional_formatting}
    assert list(ov.values()) == [[['$H2="normal"'], ['$H2<>"normal"']]]


def test_milestones_payments_overdue_sheets(book):
    wb = openpyxl.load_workbook(book)
    ms = rows_of(wb["Milestones"])
    assert ms[0][12:] == ["Status as of 2026-11-30", "Working days late as of 2026-11-30"]
    lab = next(r for r in ms if r[0] == "SO-A" and r[2] == "lab_dip_approved")
    assert lab[5:] == [
        "Chen Li",
        datetime(2026, 10, 28),
        None,
        None,
        None,
        datetime(2026, 10, 28),
        datetime(2026, 12, 9),  # lab dip submitted (overdue) today at the earliest, + 7 working days
        "overdue",
        23,  # working days: Oct 29, 30, Nov 2..27 (20), Nov 30
    ]
    fin = next(r for r in ms if r[0] == "SO-B" and r[2] == "final_inspection")
    assert fin[6:10] == [datetime(2026, 12, 3), datetime(2026, 12, 10), "sewing line short", None]
    assert fin[12:] == ["open", -8]  # due in 8 working days: Dec 1..4, 7..10
    pay = {r[0]: r for r in rows_of(wb["Payments"])[1:]}
    # SO-B: EUR 2,125.00 at 30% deposit = 637.50 received; balance 1,487.50 outstanding
    assert pay["SO-B"][2:] == [
        "deposit_balance",
        "EUR",
        2125,
        30,
        637.5,
        637.5,
        datetime(2026, 9, 10),
        1487.5,
        0,
        None,
        None,
        637.5,
        1487.5,
    ]
    assert pay["SO-A"][6:9] == [600, 0, None] and pay["SO-A"][-1] == 2000
    assert wb["Payments"]["E3"].number_format == "#,##0.00"
    over = rows_of(wb["Overdue"])
    assert over[0][5] == "Working days late as of 2026-11-30"
    assert over[2][:8] == [
        "SO-B",
        '=HYPERLINK("http://x")',
        "ex_factory",
        "Wang Min",
        datetime(2026, 12, 4),
        6,
        "at_risk",
        "critical",
    ]
    assert len(over) == 21  # the same 20 items as `gendan overdue`


def test_chinese_headers_and_config_language(tmp_path):
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG + "language: zh\n")
    out = tmp_path / "zh.xlsx"
    assert run(root, "tracker", "-o", str(out), *AS_OF).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert [c.value for c in wb["Orders"][1]][:3] == ["订单号", "客户", "客户订单号"]
    assert wb["Milestones"]["M1"].value == "状态（截至 2026-11-30）"
    assert wb["Orders"]["N3"].value == datetime(2026, 9, 10)
    out_en = tmp_path / "en.xlsx"
    assert run(root, "tracker", "-o", str(out_en), "--lang", "en", *AS_OF).exit_code == 0
    assert openpyxl.load_workbook(out_en)["Orders"]["A1"].value == "Order"


def test_every_heading_is_in_the_trackers_catalogue(tmp_path):
    """The tracker's words come from ZH_TRACKER (gendan/render/i18n.py): each has its Chinese there,
    with the same placeholders, and no other section says one of them differently (the sections are
    merged: the later one would win for every report)."""
    from gendan.render import excel, i18n

    english = [*excel.HEADERS.values(), excel.DUE, excel.ACTUAL, excel.PASSED]
    assert set(english) == set(i18n.ZH_TRACKER)
    for en in english:
        assert placeholders(i18n.ZH_TRACKER[en]) == placeholders(en), en
    for name in ("ZH", "ZH_ALERTS", "ZH_RULES", "ZH_CHECKS", "ZH_COMMANDS"):
        section = getattr(i18n, name)
        assert {k: section[k] for k in i18n.ZH_TRACKER if k in section} == {}, name
    # a zh workbook's headings, every sheet: no English heading left (the --lang en run shows the scan finds them)
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG)
    for lang in ("zh", "en"):
        out = tmp_path / f"{lang}.xlsx"
        assert run(root, "tracker", "-o", str(out), "--lang", lang, *AS_OF).exit_code == 0
        wb = openpyxl.load_workbook(out)
        heads = [c.value for ws in wb.worksheets for c in ws[1]]
        left = [h for h in heads if any(h == en.format(today="2026-11-30", milestone="") for en in english)]
        left += [h for h in heads if h.endswith((" due", " actual"))]
        if lang == "zh":
            assert left == [], left
            assert heads[:3] == ["订单号", "客户", "客户订单号"] and "定金到账 应完成" in heads
            assert wb["Overdue"]["F1"].value == "逾期工作日（截至 2026-11-30）"
        else:
            assert len(left) == len(heads) and "deposit_received due" in heads


def placeholders(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_deterministic_bytes(tmp_path, book):
    root = make_workspace(tmp_path / "again", REPORT_FILES, REPORT_CONFIG)
    again = tmp_path / "again.xlsx"
    run(root, "tracker", "-o", str(again), *AS_OF)
    assert again.read_bytes() == book.read_bytes()
    props = openpyxl.load_workbook(book).properties
    assert props.created == props.modified == datetime(2026, 11, 30)


def test_money_is_exact(tmp_path):
    order = (
        REPORT_FILES["2026/SO-A/order.yaml"]
        .replace("unit_price: 10.00", "unit_price: 0.10")
        .replace("M: 100}", "M: 100, L: 1}")
    )
    root = make_workspace(tmp_path, {"SO-A/order.yaml": order}, REPORT_CONFIG)
    out = tmp_path / "t.xlsx"
    run(root, "tracker", "-o", str(out), *AS_OF)
    import zipfile

    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>20.1</v>" in sheet  # 201 x 0.10, not 20.100000000000001


def test_bad_inputs(tmp_path):
    root = make_workspace(tmp_path, {**REPORT_FILES, "2026/SO-E/order.yaml": REPORT_BROKEN}, REPORT_CONFIG)
    out = tmp_path / "t.xlsx"
    result = run(root, "tracker", "-o", str(out), *AS_OF)
    assert result.exit_code == 1 and "SO-E/order.yaml:4:13: E104" in result.stderr
    assert [c.value for c in openpyxl.load_workbook(out)["Orders"]["A"]][1:] == ["SO-A", "SO-B", "SO-C", "SO-D"]
    # a missing folder is made, as for every output (gendan.store.paths.write_file)
    assert run(root, "tracker", "-o", str(tmp_path / "new" / "t.xlsx"), *AS_OF).exit_code == 1  # SO-E
    assert (tmp_path / "new" / "t.xlsx").is_file()
    # unwritable: a file where a folder should be, and a read-only folder; nothing half-written is left behind
    (tmp_path / "file").write_text("")
    under_file = run(root, "tracker", "-o", str(tmp_path / "file" / "t.xlsx"), *AS_OF)
    assert (
        under_file.exit_code == 2 and "cannot write" in under_file.stderr and "nothing was written" in under_file.stderr
    )
    bad_date = run(root, "tracker", "-o", str(out), "--as-of", "next friday")  # yesterday is a date now
    assert bad_date.exit_code == 2 and "--as-of" in bad_date.stderr and "2026年12月2日" in bad_date.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder(tmp_path):
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run(root, "tracker", "-o", str(locked / "t.xlsx"), *AS_OF)
        assert result.exit_code == 2 and "cannot write" in result.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_replacing_an_existing_file_is_atomic(tmp_path, book):
    root = make_workspace(tmp_path / "w", REPORT_FILES, REPORT_CONFIG)
    book.chmod(0o644)
    before = book.read_bytes()
    (tmp_path / "dir.xlsx").mkdir()
    result = run(root, "tracker", "-o", str(tmp_path / "dir.xlsx"), *AS_OF)
    assert result.exit_code == 2
    assert book.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_empty_workspace(tmp_path):
    root = make_workspace(tmp_path, {})
    out = tmp_path / "t.xlsx"
    assert run(root, "tracker", "-o", str(out), *AS_OF).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert [ws.max_row for ws in wb] == [1, 1, 1, 1]


def test_examples_tracker(examples, tmp_path):
    out = tmp_path / "t.xlsx"
    assert run(examples, "tracker", "-o", str(out), *AS_OF).exit_code == 0
    wb = openpyxl.load_workbook(out)
    head = [c.value for c in wb["Orders"][1]]
    rows = {r[0]: dict(zip(head, r, strict=False)) for r in wb["Orders"].iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(list(examples.glob("*/*/order.yaml")))
    row = rows["SO-2026-0142"]
    assert row["Value"] == 22200 and row["Quantity"] == 1200 and row["Currency"] == "USD"
    assert row["Forecast ex-factory"] > row["Ex-factory"]  # the mill delay puts it at risk
    assert row["pp_sample_approved actual"] == datetime(2026, 11, 10)
    over = [r[:3] + r[6:7] for r in wb["Overdue"].iter_rows(min_row=2, values_only=True)]
    assert over[0] == ("SO-2026-0142", "Nordic Outdoor AS", "ex_factory", "at_risk")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_every_sheet(book, tmp_path):
    profile = tmp_path / "lo-profile"
    outdir = tmp_path / "csv"
    cmd = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        str(outdir),
        str(book),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    sheets = {p.stem.rsplit("-", 1)[-1]: list(csv.reader(p.open(encoding="utf-8"))) for p in outdir.glob("*.csv")}
    assert set(sheets) == {"Orders", "Milestones", "Payments", "Overdue"}, sorted(outdir.iterdir())
    orders = sheets["Orders"]
    assert orders[0][:3] == ["Order", "Customer", "Customer PO"]
    assert orders[2][:4] == ["SO-B", '=HYPERLINK("http://x")', "+PO-2", "-TS-9"]  # text, not formulas
    assert orders[2][6:11] == ["500", "2125", "EUR", "2026-12-04", "2026-12-14"]  # raw values (not "as shown")
    pay = next(r for r in sheets["Payments"] if r[0] == "SO-B")
    assert pay[-1] == "1487.5"
    assert sheets["Overdue"][2][:6] == ["SO-B", '=HYPERLINK("http://x")', "ex_factory", "Wang Min", "2026-12-04", "6"]


def test_text_that_looks_like_anything_stays_text(tmp_path):
    from datetime import date

    from gendan.core.config import Config
    from gendan.core.model import Order
    from gendan.render.excel import tracker_bytes
    from gendan.store.configfile import merge_defaults
    from gendan.store.parse import adapter

    config = adapter(Config).validate_python(merge_defaults({"company": {"name": "T"}}))
    # (a control character, "a\x01b", was here too: an order can no longer hold one, E103)
    tricky = ["#N/A", "=", "=1+1", "@SUM(A1)", "+86 574", "-1", "\tTAB", "x" * 40000, "#DIV/0!", "TRUE"]
    orders = [
        adapter(Order).validate_python(
            {"id": f"SO-{i}", "customer": {"name": t}, "stage": "inquiry", "merchandiser": t}
        )
        for i, t in enumerate(tricky)
    ]
    out = tmp_path / "t.xlsx"
    out.write_bytes(tracker_bytes(orders, config, date(2026, 11, 30)))
    ws = openpyxl.load_workbook(out)["Orders"]
    got = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(2, ws.max_row + 1)}
    for i, t in enumerate(tricky):
        cell = got[f"SO-{i}"]
        assert cell.data_type == "s", t
        expected = t[:32767]
        assert cell.value == expected


def test_the_tracker_and_the_documents_store_text_alike():
    """One writer behaviour: a control character or lone surrogate that reached a workbook from
    anywhere (validate refuses them in order files) is dropped by both writers, never a crash."""
    from openpyxl import Workbook

    from gendan.render.excel import _text_cell
    from gendan.render.xlsxdoc import put

    text = "a\x01b\ud800c\x1b"
    wb = Workbook(write_only=True)
    tracker_cell = _text_cell(wb.create_sheet(), text)
    document_cell = put(Workbook().active, 1, 1, text)
    assert tracker_cell.value == document_cell.value == "abc"
    assert tracker_cell.data_type == document_cell.data_type == "s"
