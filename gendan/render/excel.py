"""The order tracking workbook (订单跟踪表): sheets Orders, Milestones, Payments, Overdue.

Built with openpyxl in write-only mode (10,000 orders stream through in seconds) from
the same facts as `overdue` and `status` (`gendan.reports.facts.all_facts`). Cells hold real
dates and numbers (money as the Decimal amounts, never computed in float here), every
piece of text is forced to a text cell so a customer called `=HYPERLINK(...)` stays
text, the header row and id column are frozen, every sheet has an autofilter and
fitted column widths.

Colours: on Orders and Milestones, conditional formatting with formulas against
TODAY() turns an open milestone red once its due date has passed and amber while it
falls within `alert_days`, so the workbook stays right when opened days later. The
Overdue sheet is a snapshot: its "days late" and status headers say "as of" the date
it was made, and its rows are coloured by severity.

The same orders and `today` give the same bytes: the workbook's created/modified
properties and the zip entries' timestamps are set from `today`.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from gendan.core import money
from gendan.core.config import Config
from gendan.core.model import Order
from gendan.core.progress import Progress
from gendan.render.i18n import Words
from gendan.render.xlsxdoc import cell_text, number_format
from gendan.reports.facts import Facts, all_facts, overdue
from gendan.reports.summary import payment_summary

QTY_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
RED = "FFC7CE"
AMBER = "FFEB9C"
HEADER_FILL = "DDEBF7"

# column key -> (English, Chinese)
HEADERS: dict[str, tuple[str, str]] = {
    "id": ("Order", "订单号"),
    "customer": ("Customer", "客户"),
    "customer_po": ("Customer PO", "客户订单号"),
    "style": ("Style", "款号"),
    "merchandiser": ("Merchandiser", "跟单员"),
    "factory": ("Factory", "工厂"),
    "quantity": ("Quantity", "数量"),
    "value": ("Value", "金额"),
    "currency": ("Currency", "币种"),
    "ex_factory": ("Ex-factory", "出厂日期"),
    "forecast_ex_factory": ("Forecast ex-factory", "预计出厂日期"),
    "stage": ("Stage", "阶段"),
    "due": ("due", "应完成"),
    "actual": ("actual", "实际"),
    "milestone": ("Milestone", "节点"),
    "name": ("Name", "名称"),
    "owner": ("Owner", "负责人"),
    "planned": ("Planned", "计划日期"),
    "revised": ("Revised", "修改日期"),
    "reason": ("Reason", "修改原因"),
    "actual_date": ("Actual", "实际日期"),
    "due_date": ("Due", "应完成日期"),
    "forecast": ("Forecast", "预计日期"),
    "status": ("Status as of {today}", "状态（截至 {today}）"),
    "days_late": ("Working days late as of {today}", "逾期工作日（截至 {today}）"),
    "terms": ("Payment terms", "付款方式"),
    "deposit_pct": ("Deposit %", "定金比例%"),
    "deposit": ("Deposit", "应收定金"),
    "deposit_received": ("Deposit received", "已收定金"),
    "deposit_date": ("Deposit received on", "定金到账日"),
    "balance": ("Balance", "应收尾款"),
    "balance_received": ("Balance received", "已收尾款"),
    "balance_date": ("Balance received on", "尾款到账日"),
    "lc_received": ("L/C received on", "信用证收到日"),
    "received": ("Received in total", "已收合计"),
    "outstanding": ("Outstanding", "未收金额"),
    "rule": ("Milestone or rule", "节点/规则"),
    "kind": ("Kind", "类型"),
    "severity": ("Severity", "严重程度"),
    "detail": ("Detail", "说明"),
}

PASSED = {"en": "(stage passed)", "zh": "（阶段已过）"}


@dataclass(frozen=True)
class Col:
    header: str
    kind: str = "text"  # text, currency (text), date, money (in the row's currency), qty, int, pct


def header(key: str, lang: str, today: date) -> str:
    en, zh = HEADERS[key]
    return (zh if lang == "zh" else en).format(today=today.isoformat())


def tracker_bytes(
    orders: Sequence[Order], config: Config, today: date, lang: str | None = None, progress: Progress | None = None
) -> bytes:
    """The tracking workbook of `orders` as .xlsx bytes, the same for the same input and `today`
    (`progress`: gendan/core/progress.py)."""
    from openpyxl import Workbook

    lang = lang or config.language
    facts = all_facts(orders, config, today, config.alert_days, progress)
    facts.sort(key=lambda f: f.order.id)
    wb = Workbook(write_only=True)
    _orders_sheet(wb, facts, config, today, lang)
    _milestones_sheet(wb, facts, config, today, lang)
    _payments_sheet(wb, [f.order for f in facts], today, lang)
    _overdue_sheet(wb, facts, config, today, lang)
    for ws in wb.worksheets:
        _print_header(ws, config.company.name, today)
    stamp = datetime(today.year, today.month, today.day)
    wb.properties.creator = "gendan"
    wb.properties.lastModifiedBy = "gendan"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.title = f"Order tracker as of {today}"
    return _save(wb, stamp)


def _save(wb, stamp: datetime) -> bytes:
    """Save without openpyxl stamping the current time; zip entries dated `stamp`."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# sheets ---------------------------------------------------------------------


def _orders_sheet(wb, facts: list[Facts], config: Config, today: date, lang: str) -> None:
    known = config.milestone_keys()
    keys = [k for k in config.tracker_milestones if k in known]
    names = _milestone_names(config, lang)
    words = Words(lang, config)
    cols = [
        Col(header(k, lang, today), kind)
        for k, kind in (
            ("id", "text"),
            ("customer", "text"),
            ("customer_po", "text"),
            ("style", "text"),
            ("merchandiser", "text"),
            ("factory", "text"),
            ("quantity", "qty"),
            ("value", "money"),
            ("currency", "currency"),
            ("ex_factory", "date"),
            ("forecast_ex_factory", "date"),
            ("stage", "text"),
        )
    ]
    for k in keys:
        cols.append(Col(f"{names.get(k, k)} {header('due', lang, today)}", "date"))
        cols.append(Col(f"{names.get(k, k)} {header('actual', lang, today)}", "date"))
    rows = []
    for f in facts:
        o = f.order
        row: list[Any] = [
            o.id,
            o.customer.name,
            o.customer.po,
            o.style.number if o.style else None,
            o.merchandiser,
            o.factory.name if o.factory else None,
            o.quantity,
            o.value,
            o.currency,
            o.ex_factory,
            f.forecast.ex_factory,
            words.stage(o.stage),
        ]
        for k in keys:
            m = f.milestone(k)
            if m is None:
                row += [None, None]
            else:
                row += [m.due, m.actual or (PASSED[lang] if m.status == "passed" else None)]
        rows.append(row)
    ws = _sheet(wb, "Orders", cols, rows)
    n = len(rows) + 1
    if n > 1:
        _late_rule(ws, "K", "J", n)
        for i in range(len(keys)):
            due, actual = _letter(13 + 2 * i), _letter(14 + 2 * i)
            _due_rules(ws, due, actual, n, config.alert_days)


def _milestones_sheet(wb, facts: list[Facts], config: Config, today: date, lang: str) -> None:
    names = _milestone_names(config, lang)
    words = Words(lang, config)
    cols = [
        Col(header(k, lang, today), kind)
        for k, kind in (
            ("id", "text"),
            ("customer", "text"),
            ("milestone", "text"),
            ("name", "text"),
            ("stage", "text"),
            ("owner", "text"),
            ("planned", "date"),
            ("revised", "date"),
            ("reason", "text"),
            ("actual_date", "date"),
            ("due_date", "date"),
            ("forecast", "date"),
            ("status", "text"),
            ("days_late", "int"),
        )
    ]
    rows = [
        [
            f.order.id,
            f.order.customer.name,
            m.key,
            names.get(m.key, m.name),
            words.stage(m.stage),
            words.role(m.owner),
            m.planned,
            m.revised,
            m.reason,
            m.actual,
            m.due,
            m.forecast,
            words(m.status),
            m.days_late,
        ]
        for f in facts
        for m in f.milestones
    ]
    ws = _sheet(wb, "Milestones", cols, rows)
    if rows:
        _due_rules(ws, "K", "J", len(rows) + 1, config.alert_days, status=("M", words("passed")))


def _payments_sheet(wb, orders: list[Order], today: date, lang: str) -> None:
    spec = (
        ("id", "text"),
        ("customer", "text"),
        ("terms", "text"),
        ("currency", "currency"),
        ("value", "money"),
        ("deposit_pct", "pct"),
        ("deposit", "money"),
        ("deposit_received", "money"),
        ("deposit_date", "date"),
        ("balance", "money"),
        ("balance_received", "money"),
        ("balance_date", "date"),
        ("lc_received", "date"),
        ("received", "money"),
        ("outstanding", "money"),
    )
    cols = [Col(header(k, lang, today), kind) for k, kind in spec]
    words = Words(lang)
    rows = []
    for o in orders:
        s = payment_summary(o)
        s.update(id=o.id, customer=o.customer.name, currency=o.currency)
        rows.append([s[k] for k, _ in spec])
        rows[-1][2] = words(rows[-1][2]) if rows[-1][2] else rows[-1][2]  # the terms, in the language
    _sheet(wb, "Payments", cols, rows)


def _overdue_sheet(wb, facts: list[Facts], config: Config, today: date, lang: str) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    items = overdue([f.order for f in facts], config, today, config.alert_days, facts=facts)
    spec = (
        ("id", "text"),
        ("customer", "text"),
        ("rule", "text"),
        ("owner", "text"),
        ("due_date", "date"),
        ("days_late", "int"),
        ("kind", "text"),
        ("severity", "text"),
        ("detail", "text"),
    )
    cols = [Col(header(k, lang, today), kind) for k, kind in spec]
    words = Words(lang, config)
    rows = [
        [
            i.order,
            i.customer,
            words.milestone(i.milestone),
            words.role(i.owner),
            i.due,
            i.working_days_late,
            words(i.kind),
            words(i.severity),
            words.detail(i.detail),
        ]
        for i in items
    ]
    ws = _sheet(wb, "Overdue", cols, rows)
    if rows:
        area = f"A2:I{len(rows) + 1}"
        ws.conditional_formatting.add(
            area,
            FormulaRule(
                formula=[f'$H2="{words("normal")}"'], stopIfTrue=True, fill=PatternFill("solid", bgColor=AMBER)
            ),
        )
        ws.conditional_formatting.add(
            area, FormulaRule(formula=[f'$H2<>"{words("normal")}"'], fill=PatternFill("solid", bgColor=RED))
        )


# cells ------------------------------------------------------------------------


def _sheet(wb, title: str, cols: list[Col], rows: list[list]):
    """A write-only sheet: widths, frozen header and id column, autofilter, then the rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    ws = wb.create_sheet(title)
    _print_setup(ws, title)
    for i, col in enumerate(cols):
        width = max([_width(col.header)] + [_width(_shown(r[i])) for r in rows])
        ws.column_dimensions[_letter(i + 1)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{_letter(len(cols))}{len(rows) + 1}"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    head = []
    for col in cols:
        cell = _text_cell(ws, col.header)
        cell.font, cell.fill = bold, fill
        head.append(cell)
    ws.append(head)
    formats = {"date": DATE_FORMAT, "qty": QTY_FORMAT, "pct": "0.##", "int": "0"}
    currency = next((i for i, col in enumerate(cols) if col.kind == "currency"), None)
    for r in rows:
        places = money.exponent(r[currency] if currency is not None else None)
        formats["money"] = number_format(places)
        out: list[Any] = []
        for col, value in zip(cols, r, strict=False):
            if value is None:
                out.append(None)
            elif isinstance(value, str):
                out.append(value if _plain(value) else _text_cell(ws, value))
            elif type(value) is date or col.kind == "int":
                out.append(value)  # openpyxl formats a date yyyy-mm-dd by itself
            else:
                cell = WriteOnlyCell(ws, value)
                cell.number_format = formats.get(col.kind, "General")
                out.append(cell)
        ws.append(out)
    return ws


def _print_setup(ws, title: str) -> None:
    """A4 landscape, one page wide, header row and id column on every page, gridlines as borders,
    the sheet's name in the header (the company and as-of date: `tracker_bytes`), page x of y."""
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:A"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddHeader.left.text = "&A"  # the sheet's name
    ws.oddFooter.right.text = "Page &P of &N"


def _print_header(ws, company: str, today: date) -> None:
    """The company and the as-of date at the top of every printed page."""
    ws.oddHeader.center.text = company.replace("&", "&&")  # & starts a header code
    ws.oddHeader.right.text = f"as of {today.isoformat()}"


def _plain(text: str) -> bool:
    """Text openpyxl stores as text as it is: not a formula, not an error code, nothing illegal.
    Anything else goes through `_text_cell` (which is also correct for plain text, only slower)."""
    errors, illegal = _text_rules()
    return (
        not text.startswith("=")
        and text not in errors
        and len(text) <= 32767
        and illegal(text) is None
        and not any("\ud800" <= ch <= "\udfff" for ch in text)
    )


@lru_cache(maxsize=1)
def _text_rules():
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    return ERROR_CODES, ILLEGAL_CHARACTERS_RE.search


def _text_cell(ws, text: str):
    """A cell that holds text whatever the text looks like (never a formula or an error code)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, cell_text(text))
    cell.data_type = "s"
    return cell


def _due_rules(
    ws, due: str, actual: str, last_row: int, alert_days: int, status: tuple[str, str] | None = None
) -> None:
    """Red once the due date passed without an actual date; amber while due within alert_days
    (`status`: the column of the milestone's status, and its word for a stage passed)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    area = f"{due}2:{due}{last_row}"
    open_ = f"ISNUMBER({due}2),ISBLANK({actual}2)"
    if status:
        open_ += f',{status[0]}2<>"{status[1]}"'
    ws.conditional_formatting.add(
        area,
        FormulaRule(formula=[f"AND({open_},{due}2<TODAY())"], stopIfTrue=True, fill=PatternFill("solid", bgColor=RED)),
    )
    ws.conditional_formatting.add(
        area,
        FormulaRule(
            formula=[f"AND({open_},{due}2>=TODAY(),{due}2<=TODAY()+{alert_days})"],
            fill=PatternFill("solid", bgColor=AMBER),
        ),
    )


def _late_rule(ws, forecast: str, contract: str, last_row: int) -> None:
    """Forecast ex-factory after the contract date: red."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    ws.conditional_formatting.add(
        f"{forecast}2:{forecast}{last_row}",
        FormulaRule(
            formula=[f"AND(ISNUMBER({forecast}2),ISNUMBER({contract}2),{forecast}2>{contract}2)"],
            fill=PatternFill("solid", bgColor=RED),
        ),
    )


def _milestone_names(config: Config, lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for template in config.milestone_templates.values():
        for m in template:
            name = (m.name_zh or m.name) if lang == "zh" else m.name
            if name:
                names.setdefault(m.key, name)
    return names


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date):
        return "2026-01-01"
    return str(value)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    if text.isascii() and "\n" not in text:
        return len(text)
    longest = 0
    for line in text.split("\n"):
        w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        longest = max(longest, w)
    return longest
