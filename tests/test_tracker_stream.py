"""The tracker's fast path (lxml, the streamed save, rows made as written) changes no cell.

The golden files `tests/reference_files/tracker-*.json` describe the workbook cell by cell
(value, type, number format, bold, fill), with the column widths, frozen panes, autofilter,
conditional formats, data validations, print setup and document properties, as openpyxl reads
them back. They were made with the tracker as it was before the fast path (et_xmlfile, the
workbook stored in memory, all rows built first), from the examples (in English and in Chinese) and from a
12-order generated workspace (benchmarks/generate.py, seed 1).
Hand check, once, of tracker-examples-en.json: Orders holds one row per example order, SO-2026-0142 at
22200 USD for 1200 pieces (number format #,##0.00 and #,##0); its header cells are bold on
DDEBF7; widths 8..60; panes frozen at B2; the Overdue rules are $H2="normal" (amber, stop)
and $H2<>"normal" (red). Regenerate with `GENDAN_REGEN=1 python -m pytest tests/test_tracker_stream.py`
only when the tracker is meant to change.
"""

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import REPORT_CONFIG, REPORT_FILES, ROOT, make_workspace, process_env, run

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

REFERENCE = Path(__file__).parent / "reference_files"
REGEN = os.environ.get("GENDAN_REGEN") == "1"
AS_OF = "2026-11-30"


def describe(path: Path) -> dict:
    """Everything a reader of the workbook sees, as openpyxl reads it back, as plain data."""
    wb = openpyxl.load_workbook(path)
    props = wb.properties
    out: dict = {
        "sheets": wb.sheetnames,
        "properties": [props.creator, props.lastModifiedBy, str(props.created), str(props.modified), props.title],
    }
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            cells.append([cell(c) for c in row])
        rules = []
        for cf in ws.conditional_formatting:
            for r in cf.rules:
                rules.append(
                    [
                        str(cf.sqref),
                        r.type,
                        r.formula,
                        r.stopIfTrue,
                        r.priority,
                        r.dxf.fill.bgColor.rgb if r.dxf else None,
                    ]
                )
        setup = ws.page_setup
        out[ws.title] = {
            "dimensions": ws.dimensions,
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
            "freeze_panes": ws.freeze_panes,
            "auto_filter": ws.auto_filter.ref,
            "conditional_formats": rules,
            "data_validations": [[str(v.sqref), v.type, v.formula1] for v in ws.data_validations.dataValidation],
            "print": [
                setup.paperSize,
                setup.orientation,
                setup.fitToWidth,
                setup.fitToHeight,
                ws.sheet_properties.pageSetUpPr.fitToPage,
                str(ws.print_title_rows),
                str(ws.print_title_cols),
                ws.print_options.gridLines,
                ws.page_margins.left,
                ws.page_margins.right,
                ws.oddHeader.left.text,
                ws.oddHeader.center.text,
                ws.oddHeader.right.text,
                ws.oddFooter.right.text,
            ],
            "cells": cells,
        }
    return out


def cell(c) -> object:
    """A cell as JSON: its value (a date as "date:ISO", in format yyyy-mm-dd unless said; the
    JSON type shows text and numbers apart), or [value, number format, bold, fill, data type]
    when it has any format or style or an unusual type (an empty text cell reads back as None
    of type inlineStr)."""
    value = c.value
    date_format = "General"
    if isinstance(value, datetime):
        value = "date:" + (
            value.date().isoformat() if value == datetime.combine(value.date(), time()) else value.isoformat()
        )
        date_format = "yyyy-mm-dd"  # openpyxl's own for a date: implied
    assert value is None or isinstance(value, (str, int, float)), (c.coordinate, value)
    usual = (c.data_type, type(value).__name__) in {("n", "NoneType"), ("s", "str"), ("n", "int"), ("n", "float")}
    usual = usual or (c.data_type == "d" and isinstance(c.value, datetime))
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type else None
    if c.number_format == date_format and not c.font.b and fill is None and usual:
        return value
    return [value, c.number_format, bool(c.font.b), fill, c.data_type]


def dumps(description: dict) -> str:
    """One line per row: the golden file diffs readably."""
    parts = []
    for key, value in description.items():
        if isinstance(value, dict) and "cells" in value:
            head = {k: v for k, v in value.items() if k != "cells"}
            rows = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in value["cells"])
            parts.append(f'"{key}": {{{json.dumps(head, ensure_ascii=False)[1:-1]}, "cells": [\n{rows}\n]}}')
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def check_golden(name: str, book: Path) -> None:
    text = dumps(describe(book))
    golden = REFERENCE / name
    if REGEN:
        golden.write_text(text, encoding="utf-8")
    assert json.loads(text) == json.loads(golden.read_text(encoding="utf-8")), f"{name} differs"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "ws"
    generate.generate(root, 12, seed=1)
    return root


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_examples_workbook_is_the_one_before(examples, tmp_path, lang):
    out = tmp_path / "t.xlsx"
    assert run(examples, "--as-of", AS_OF, "tracker", "-o", str(out), "--lang", lang).exit_code == 0
    check_golden(f"tracker-examples-{lang}.json", out)


@pytest.mark.parametrize("lang", ["en"])
def test_generated_workbook_is_the_one_before(generated, tmp_path, lang):
    out = tmp_path / "t.xlsx"
    result = run(generated, "--as-of", AS_OF, "tracker", "-o", str(out), "--lang", lang)
    assert result.exit_code == 0, result.output
    check_golden(f"tracker-generated-{lang}.json", out)


def test_the_golden_files_are_not_empty():
    """The comparison above compares something: every sheet has rows, rules and widths."""
    for name in ("tracker-examples-zh.json", "tracker-generated-en.json"):
        book = json.loads((REFERENCE / name).read_text(encoding="utf-8"))
        for sheet in ("Orders", "Milestones", "Payments", "Overdue"):
            assert len(book[sheet]["cells"]) > 2 and book[sheet]["widths"], (name, sheet)
        assert len(book["Orders"]["conditional_formats"]) > 4 and book["Overdue"]["conditional_formats"]


WRITE = """\
import sys
from datetime import date, datetime, time
from pathlib import Path
from gendan.render import excel
from gendan.store.workspace import Workspace
ws = Workspace.open(Path(sys.argv[1]))
orders = [item.order for item in ws.load_all()[0]]
if sys.argv[3] == "plain":
    excel._save = lambda wb, stamp, out, progress=None: excel._plain_save(wb, stamp, out)
Path(sys.argv[2]).write_bytes(excel.tracker_bytes(orders, ws.config, date(2026, 11, 30)))
"""


def write_with(root: Path, out: Path, save: str, lxml: bool, rows: str = "fast") -> bytes:
    env = process_env(OPENPYXL_LXML=str(lxml), GENDAN_TRACKER_ROWS=rows)
    done = subprocess.run([sys.executable, "-c", WRITE, str(root), str(out), save], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr.decode()
    return out.read_bytes()


def test_streamed_save_gives_the_plain_saves_bytes(generated, tmp_path):
    """With either XML writer, the streamed save writes the bytes the in-memory save writes."""
    for lxml in (True, False):
        streamed = write_with(generated, tmp_path / "s.xlsx", "streamed", lxml)
        plain = write_with(generated, tmp_path / "p.xlsx", "plain", lxml)
        assert streamed == plain, lxml
    with zipfile.ZipFile(io.BytesIO(streamed)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 30, 0, 0, 0)}
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}


def test_rows_written_as_openpyxl_writes_them(generated, tmp_path):
    """`_RowWriter` gives the bytes `ws.append` gives, on generated orders and on text that
    needs openpyxl's own path (a formula-like customer, a leading + or -, an empty reason)."""
    root = make_workspace(tmp_path / "odd", REPORT_FILES, REPORT_CONFIG)
    for where in (generated, root):
        fast = write_with(where, tmp_path / "f.xlsx", "streamed", True)
        plain = write_with(where, tmp_path / "o.xlsx", "streamed", True, rows="openpyxl")
        assert fast == plain, where


def test_the_row_writer_is_pinned_to_the_checked_openpyxl(monkeypatch, generated):
    """`_RowWriter` writes openpyxl 3.1's row XML: on another version, `ws.append` is used
    (and this test fails: compare the row XML, then move FAST_ROWS_OPENPYXL)."""
    from gendan.render import excel
    from gendan.store.workspace import Workspace

    assert openpyxl.__version__.split(".")[:2] == excel.FAST_ROWS_OPENPYXL.split(".")
    ws = Workspace.open(generated)
    orders = [item.order for item in ws.load_all()[0]]
    fast = excel.tracker_bytes(orders, ws.config, date(2026, 11, 30))
    monkeypatch.setattr(excel._RowWriter, "write", lambda *a: pytest.fail("the row writer ran"))
    monkeypatch.setattr(openpyxl, "__version__", "3.2.0")
    monkeypatch.setattr(excel, "_save", lambda wb, stamp, out, progress=None: excel._plain_save(wb, stamp, out))
    assert excel.tracker_bytes(orders, ws.config, date(2026, 11, 30)) == fast


def test_lxml_and_et_xmlfile_write_the_same_cells(generated, tmp_path):
    with_lxml = tmp_path / "lxml.xlsx"
    without = tmp_path / "plain.xlsx"
    write_with(generated, with_lxml, "streamed", True)
    write_with(generated, without, "streamed", False)
    assert describe(with_lxml) == describe(without)


def test_the_tracker_writes_with_lxml():
    """lxml is installed (a dependency) and openpyxl's write-only sheets serialise with it."""
    code = "import openpyxl.xml, openpyxl.xml.functions as f; print(openpyxl.xml.LXML, f.xmlfile.__module__)"
    env = {k: v for k, v in process_env().items() if k != "OPENPYXL_LXML"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.split() == ["True", "lxml.etree"], done.stderr


def test_the_streamed_save_is_pinned_to_the_checked_openpyxl():
    """`_StampedZip` relies on ExcelWriter adding entries by writestr/write: checked on this minor
    version. On another, this fails: check ExcelWriter, then move STREAMED_OPENPYXL."""
    from gendan.render.excel import STREAMED_OPENPYXL

    assert openpyxl.__version__.split(".")[:2] == STREAMED_OPENPYXL.split(".")


def test_another_openpyxl_falls_back_to_the_plain_save(monkeypatch, generated):
    from gendan.render import excel
    from gendan.store.workspace import Workspace

    ws = Workspace.open(generated)
    orders = [item.order for item in ws.load_all()[0]]
    streamed = excel.tracker_bytes(orders, ws.config, date(2026, 11, 30))
    calls = []
    plain = excel._plain_save
    monkeypatch.setattr(excel, "_plain_save", lambda *a: calls.append(1) or plain(*a))
    monkeypatch.setattr(openpyxl, "__version__", "3.2.0")
    assert excel.tracker_bytes(orders, ws.config, date(2026, 11, 30)) == streamed
    assert calls == [1]


def test_orders_are_iterated_once(examples):
    """A progress wrapper (an iterable over the orders) fits: the tracker takes any iterable."""
    from gendan.render import excel
    from gendan.store.workspace import Workspace

    ws = Workspace.open(examples)
    orders = [item.order for item in ws.load_all()[0]]
    seen = []

    def wrapper():
        for o in orders:
            seen.append(o.id)
            yield o

    assert excel.tracker_bytes(wrapper(), ws.config, date(2026, 11, 30)) == excel.tracker_bytes(
        orders, ws.config, date(2026, 11, 30)
    )
    assert sorted(seen) == sorted(o.id for o in orders) and len(seen) == len(orders)
