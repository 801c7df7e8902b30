"""The order tracking workbook (订单跟踪表): sheets Orders, Milestones, Payments, Overdue.

Built with openpyxl in write-only mode (lxml's C serializer under it), one order's facts at
a time, from the same facts as `overdue` and `status` (`gendan.reports.facts.iter_facts`); the
file is streamed into the zip, so memory does not grow with the sheets. Cells hold real
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

Progress (gendan/core/progress.py): the orders are counted as their facts are worked out
("forecasting"), then every row of the four sheets as it is written ("writing sheets"), then
the sheets' pieces as they go into the file ("compressing"). Without a progress nothing is
added to any of these loops.
"""

from __future__ import annotations

import io
import itertools
import os
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, BinaryIO, TypeVar

from gendan.core import money
from gendan.core.config import Config
from gendan.core.model import Order
from gendan.core.progress import Progress, steps
from gendan.render.i18n import Words, text
from gendan.render.xlsxdoc import cell_text, number_format
from gendan.reports.digest import severity_key
from gendan.reports.facts import Facts, Item, MilestoneFact, calendars, digest_of, iter_facts
from gendan.reports.summary import payment_summary

QTY_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
RED = "FFC7CE"
AMBER = "FFEB9C"
HEADER_FILL = "DDEBF7"

# column key -> its heading in English (the other languages: gendan/render/i18n.py, ZH_TRACKER)
HEADERS: dict[str, str] = {
    "id": "Order",
    "customer": "Customer",
    "customer_po": "Customer PO",
    "style": "Style",
    "merchandiser": "Merchandiser",
    "factory": "Factory",
    "quantity": "Quantity",
    "value": "Value",
    "currency": "Currency",
    "ex_factory": "Ex-factory",
    "forecast_ex_factory": "Forecast ex-factory",
    "stage": "Stage",
    "milestone": "Milestone",
    "name": "Name",
    "owner": "Owner",
    "planned": "Planned",
    "revised": "Revised",
    "reason": "Reason",
    "actual_date": "Actual",
    "due_date": "Due",
    "forecast": "Forecast",
    "status": "Status as of {today}",
    "days_late": "Working days late as of {today}",
    "terms": "Payment terms",
    "deposit_pct": "Deposit %",
    "deposit": "Deposit",
    "deposit_received": "Deposit received",
    "deposit_date": "Deposit received on",
    "balance": "Balance",
    "balance_received": "Balance received",
    "balance_date": "Balance received on",
    "lc_received": "L/C received on",
    "received": "Received in total",
    "outstanding": "Outstanding",
    "rule": "Milestone or rule",
    "kind": "Kind",
    "severity": "Severity",
    "detail": "Detail",
}

# the Orders sheet's pair of columns for each milestone, and a milestone whose stage has passed
DUE, ACTUAL = "{milestone} due", "{milestone} actual"
PASSED = "(stage passed)"


@dataclass(frozen=True)
class Col:
    header: str
    kind: str = "text"  # text, currency (text), date, money (in the row's currency), qty, int, pct


def header(key: str, lang: str, today: date) -> str:
    """The heading of column `key` in `lang`."""
    return text(lang, HEADERS[key], today=today.isoformat())


def tracker_bytes(
    orders: Iterable[Order], config: Config, today: date, lang: str | None = None, progress: Progress | None = None
) -> bytes:
    """The tracking workbook of `orders` as .xlsx bytes, the same for the same input and `today`
    (`progress`: gendan/core/progress.py)."""
    out = io.BytesIO()
    write_tracker(out, orders, config, today, lang, progress)
    return out.getvalue()


def write_tracker(
    out: BinaryIO,
    orders: Iterable[Order],
    config: Config,
    today: date,
    lang: str | None = None,
    progress: Progress | None = None,
) -> None:
    """Write the tracking workbook of `orders` to the seekable binary file `out`, the same bytes
    for the same input and `today`. `orders` is iterated once (a progress wrapper fits).

    Memory stays flat in the number of orders beyond the orders themselves: the facts of one
    order at a time become its rows, which wait in a temp file per sheet (`_Spool`) until the
    sheet's column widths are known (they come before the rows in the file); the sheets' XML
    goes from openpyxl's temp files into the zip in pieces (`_save`)."""
    try:
        from lxml.etree import SerialisationError as failed_write  # lxml's word for a failed write
    except ImportError:  # without lxml, openpyxl's own writer raises the OSError itself
        failed_write = OSError
    try:
        _write_tracker(out, orders, config, today, lang or config.language, progress)
    except failed_write as e:  # of a sheet's temp file
        raise _io_error(e) from None


def _io_error(e: Exception) -> Exception:
    """The OSError behind lxml's SerialisationError("IO_EFBIG") (disk full, `ulimit -f`), so
    it is told like any refused write; anything else as it is."""
    import errno

    code = getattr(errno, str(e).removeprefix("IO_"), None) if str(e).startswith("IO_") else None
    return OSError(code, os.strerror(code)) if isinstance(code, int) else e


def _write_tracker(
    out: BinaryIO, orders: Iterable[Order], config: Config, today: date, lang: str, progress: Progress | None
) -> None:
    from openpyxl import Workbook

    within = config.alert_days
    ordered = sorted(orders, key=lambda o: o.id)
    known = config.milestone_keys()
    keys = [k for k in config.tracker_milestones if k in known]
    names = _milestone_names(config, lang)
    words = Words(lang, config)
    terms = Words(lang)
    passed = words(PASSED)
    spools = [
        _Spool(_columns(ORDERS_COLUMNS, lang, today) + _milestone_columns(keys, names, lang)),
        _Spool(_columns(MILESTONES_COLUMNS, lang, today)),
        _Spool(_columns(PAYMENTS_COLUMNS, lang, today)),
        _Spool(_columns(OVERDUE_COLUMNS, lang, today)),
    ]
    orders_rows, milestones_rows, payments_rows, overdue_rows = spools
    items: list[Item] = []
    cal = calendars(config, today)  # the closed orders' (the open ones' come with their facts)
    for f in iter_facts(ordered, config, today, within, progress):
        orders_rows.add(_order_row(f, keys, passed, words))
        for m in f.milestones:
            milestones_rows.add(_milestone_row(f, m, names, words))
        payments_rows.add(_payment_row(f.order, terms))
        items.extend(Item(*t) for t in digest_of(f.order, config, today, within, cal, f).items[within])
    for it in sorted(items, key=severity_key):  # as `overdue` lists them (facts.overdue)
        overdue_rows.add(
            [
                it.order,
                it.customer,
                words.milestone(it.milestone),
                words.role(it.owner),
                it.due,
                it.working_days_late,
                words(it.kind),
                words(it.severity),
                words.detail(it.detail),
            ]
        )
    del items

    wb = Workbook(write_only=True)
    ticks = _Ticks("writing sheets", sum(s.count for s in spools), progress)
    try:
        ws = _sheet(wb, "Orders", orders_rows, ticks)
        n = orders_rows.count + 1
        if n > 1:
            _late_rule(ws, "K", "J", n)
            for i in range(len(keys)):
                due, actual = _letter(13 + 2 * i), _letter(14 + 2 * i)
                _due_rules(ws, due, actual, n, within)
        ws = _sheet(wb, "Milestones", milestones_rows, ticks)
        if milestones_rows.count:
            _due_rules(ws, "K", "J", milestones_rows.count + 1, within, status=("M", words("passed")))
        _sheet(wb, "Payments", payments_rows, ticks)
        ws = _sheet(wb, "Overdue", overdue_rows, ticks)
        ticks.done()
        if overdue_rows.count:
            _severity_rules(ws, f"A2:I{overdue_rows.count + 1}", words("normal"))
        for ws in wb.worksheets:
            _print_header(ws, config.company.name, today)
        stamp = datetime(today.year, today.month, today.day)
        wb.properties.creator = "gendan"
        wb.properties.lastModifiedBy = "gendan"
        wb.properties.created = stamp
        wb.properties.modified = stamp
        wb.properties.title = f"Order tracker as of {today}"
        _save(wb, stamp, out, progress)
    except BaseException:
        ticks.stop()
        _discard(wb)
        raise


T = TypeVar("T")


class _Ticks:
    """One progress step counted over several loops (the rows of the four sheets, the pieces of
    the file): `over(items)` passes them through, one count each; `tick()` counts one. Without a
    progress, `over` gives back the items themselves and `tick` does nothing."""

    def __init__(self, label: str, length: int, progress: Progress | None) -> None:
        self._bar: Iterator[None] | None = None
        if progress is not None and length:
            self._bar = iter(steps(itertools.repeat(None, length), label, progress, length))

    def over(self, items: Iterable[T]) -> Iterable[T]:
        return items if self._bar is None else self._counted(items, self._bar)

    @staticmethod
    def _counted(items: Iterable[T], bar: Iterator[None]) -> Iterator[T]:
        for item in items:
            next(bar, None)
            yield item

    def tick(self) -> None:
        if self._bar is not None:
            next(self._bar, None)

    def done(self) -> None:
        """The step is over: the bar (if shown) counts the rest and ends its line."""
        if self._bar is not None:
            for _ in self._bar:
                pass
            self._bar = None

    def stop(self) -> None:
        """The step failed: the bar (if shown) ends its line where it is, before the error is told."""
        close = getattr(self._bar, "close", None)
        if close is not None:
            close()
        self._bar = None


def _discard(wb) -> None:
    """After a failed write: close the sheets' open XML writers (their errors are the one being
    raised already) and remove their temp files, so nothing more is said at exit."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            writer.xf.close()
        except Exception:  # noqa: S110 - the first error is the one to tell
            pass
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass


# The openpyxl minor version whose ExcelWriter `_StampedZip` was checked against (it adds every
# entry by `writestr`, or by `write` from a sheet's temp file); tests/test_excel.py fails on another.
STREAMED_OPENPYXL = "3.1"


def _save(wb, stamp: datetime, out: BinaryIO, progress: Progress | None = None) -> None:
    """Save without openpyxl stamping the current time: every zip entry deflated and dated
    `stamp`, written as openpyxl hands it over (a sheet is copied from its temp file in pieces,
    never read whole; `progress` counts the pieces). With another openpyxl than the one checked,
    the plain way (in memory)."""
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    if not openpyxl.__version__.startswith(STREAMED_OPENPYXL + "."):
        _plain_save(wb, stamp, out)
        return
    if progress is None:
        archive = _StampedZip(out, stamp)
        ExcelWriter(wb, archive).save()  # closes the archive
    else:
        ticks = _Ticks("compressing", _pieces(wb), progress)
        archive = _StampedZip(out, stamp, ticks)
        try:
            ExcelWriter(wb, archive).save()
        except BaseException:
            ticks.stop()
            raise
        ticks.done()
    if any(info.date_time != archive.stamp for info in archive.infolist()):
        raise RuntimeError("openpyxl added a zip entry behind _StampedZip's back (see STREAMED_OPENPYXL)")


class _StampedZip(zipfile.ZipFile):
    """The archive openpyxl's ExcelWriter writes into: entries deflated, dated `stamp`, mode
    0600, whether openpyxl gives their text (`writestr`) or a file to copy (`write`)."""

    def __init__(self, out: BinaryIO, stamp: datetime, ticks: _Ticks | None = None) -> None:
        super().__init__(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.stamp = stamp.timetuple()[:6]
        self.ticks = ticks

    def _entry(self, name: str, size: int) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=self.stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        entry.file_size = size  # as writestr sets it: the zip64 decision is made from it
        return entry

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        if isinstance(data, str):
            data = data.encode("utf-8")
        super().writestr(self._entry(name, len(data)), data)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:
        import os
        import shutil

        name = arcname if arcname is not None else os.path.basename(filename)
        with open(filename, "rb") as src, self.open(self._entry(name, os.path.getsize(filename)), "w") as dst:
            if self.ticks is None:
                shutil.copyfileobj(src, dst, PIECE)
                return
            while piece := src.read(PIECE):
                dst.write(piece)
                self.ticks.tick()


PIECE = 1 << 20  # a sheet is copied into the zip a MiB at a time


def _pieces(wb) -> int:
    """How many pieces `_StampedZip.write` will copy: the sheets' temp files as they are (their
    last lines, written at close, can add a piece: the bar then ends at 100% a moment early)."""
    n = 0
    for ws in wb.worksheets:
        name = getattr(getattr(ws, "_writer", None), "out", None)
        if isinstance(name, str) and os.path.exists(name):
            n += -(-os.path.getsize(name) // PIECE)
    return n


def _plain_save(wb, stamp: datetime, out: BinaryIO) -> None:
    """The fallback of `_save`: the whole workbook stored in memory, then copied entry by entry."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))


# sheets ---------------------------------------------------------------------

ORDERS_COLUMNS = (
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
MILESTONES_COLUMNS = (
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
PAYMENTS_COLUMNS = (
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
OVERDUE_COLUMNS = (
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


def _columns(spec: tuple[tuple[str, str], ...], lang: str, today: date) -> list[Col]:
    return [Col(header(k, lang, today), kind) for k, kind in spec]


def _milestone_columns(keys: list[str], names: dict[str, str], lang: str) -> list[Col]:
    """The Orders sheet's due / actual pair of each of `tracker_milestones`."""
    cols = []
    for k in keys:
        cols.append(Col(text(lang, DUE, milestone=names.get(k, k)), "date"))
        cols.append(Col(text(lang, ACTUAL, milestone=names.get(k, k)), "date"))
    return cols


def _order_row(f: Facts, keys: list[str], passed: str, words: Words) -> list[Any]:
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
            row += [m.due, m.actual or (passed if m.status == "passed" else None)]
    return row


def _milestone_row(f: Facts, m: MilestoneFact, names: dict[str, str], words: Words) -> list[Any]:
    return [
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


def _payment_row(o: Order, terms: Words) -> list[Any]:
    s = payment_summary(o)
    s.update(id=o.id, customer=o.customer.name, currency=o.currency)
    row = [s[k] for k, _ in PAYMENTS_COLUMNS]
    row[2] = terms(row[2]) if row[2] else row[2]  # the terms, in the language
    return row


def _severity_rules(ws, area: str, normal: str) -> None:
    """The Overdue sheet's rows: amber when normal (`normal`: its word), red otherwise."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    ws.conditional_formatting.add(
        area, FormulaRule(formula=[f'$H2="{normal}"'], stopIfTrue=True, fill=PatternFill("solid", bgColor=AMBER))
    )
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[f'$H2<>"{normal}"'], fill=PatternFill("solid", bgColor=RED))
    )


class _Spool:
    """A sheet's rows in a temp file, in batches, until its column widths (measured as the rows
    come) are known: openpyxl writes the widths before the rows."""

    BATCH = 2000

    def __init__(self, cols: list[Col]) -> None:
        self.cols = cols
        self.widths = [_width(col.header) for col in cols]
        self.count = 0
        self._batch: list[list] = []
        self._file: Any = None

    def add(self, row: list) -> None:
        widths = self.widths
        for i, value in enumerate(row):
            if value is not None:
                kind_of = type(value)
                if kind_of is date:
                    w = 10  # yyyy-mm-dd
                elif kind_of is str and value.isascii() and "\n" not in value:
                    w = len(value)
                else:
                    w = _width(_shown(value))
                if w > widths[i]:
                    widths[i] = w
        self.count += 1
        self._batch.append(row)
        if len(self._batch) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        import pickle
        import tempfile

        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="gendan-tracker.")
        pickle.dump(self._batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._batch = []

    def rows(self) -> Iterator[list]:
        """Every row added, in order, once (the temp file is closed after)."""
        import pickle

        if self._file is None:
            yield from self._batch
            return
        self._flush()
        with self._file as f:
            f.seek(0)
            while True:
                try:
                    batch = pickle.load(f)
                except EOFError:
                    return
                yield from batch


# cells ------------------------------------------------------------------------


def _sheet(wb, title: str, rows: _Spool, ticks: _Ticks):
    """A write-only sheet: widths, frozen header and id column, autofilter, then the rows (each
    counted by `ticks`)."""
    from openpyxl.styles import Font, PatternFill

    ws = wb.create_sheet(title)
    _print_setup(ws, title)
    cols = rows.cols
    for i, width in enumerate(rows.widths):
        ws.column_dimensions[_letter(i + 1)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{_letter(len(cols))}{rows.count + 1}"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    head = []
    for col in cols:
        cell = _text_cell(ws, col.header)
        cell.font, cell.fill = bold, fill
        head.append(cell)
    if _fast_rows_fit(ws):
        _RowWriter(ws, cols).write(head, ticks.over(rows.rows()))
        return ws
    ws.append(head)
    formats = dict(FORMATS)
    currency = _currency_column(cols)
    for r in ticks.over(rows.rows()):
        formats["money"] = _money_format(r, currency)
        ws.append(_cells(ws, cols, r, formats))
    return ws


FORMATS = {"date": DATE_FORMAT, "qty": QTY_FORMAT, "pct": "0.##", "int": "0"}


def _currency_column(cols: list[Col]) -> int | None:
    return next((i for i, col in enumerate(cols) if col.kind == "currency"), None)


def _money_format(row: list, currency: int | None) -> str:
    """The number format of the row's money: as many decimals as its currency has."""
    return _money_format_of(row[currency] if currency is not None else None)


@lru_cache(maxsize=256)
def _money_format_of(currency: str | None) -> str:
    return number_format(money.exponent(currency))


def _cells(ws, cols: list[Col], row: list, formats: dict[str, str]) -> list[Any]:
    """What `ws.append` is given for a row of values: text forced to text where it could be
    read as something else, numbers with their column's format."""
    from openpyxl.cell import WriteOnlyCell

    out: list[Any] = []
    for col, value in zip(cols, row, strict=False):
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
    return out


# The openpyxl minor version whose write-only internals `_RowWriter` was checked against (its
# WriteOnlyWorksheet._write_rows, WorksheetWriter.write_row and lxml_write_cell); on another,
# or without lxml, rows go through `ws.append`. tests/test_tracker_stream.py fails on another.
FAST_ROWS_OPENPYXL = "3.1"


def _fast_rows_fit(ws) -> bool:
    import openpyxl

    return (
        openpyxl.__version__.startswith(FAST_ROWS_OPENPYXL + ".")
        and openpyxl.LXML
        and not ws.parent.iso_dates
        and os.environ.get("GENDAN_TRACKER_ROWS") != "openpyxl"  # the tests' way to compare
    )


class _RowWriter:
    """Writes a write-only sheet's rows as openpyxl 3.1 does (`ws.append` -> `write_row` ->
    `lxml_write_cell`), to the same bytes, but one lxml element per row built in C calls
    instead of a cell object, a bound value and three nested writer contexts per cell: the
    cells are openpyxl's cells, serialised by lxml, with openpyxl's style ids (taken as the
    plain path would take them, format by format as first met, so their numbering is the
    same). A row holding anything else (text needing a forced text cell, an empty text, a
    datetime) goes through openpyxl's own row writer."""

    def __init__(self, ws, cols: list[Col]) -> None:
        from lxml.etree import Element, SubElement
        from openpyxl.compat import safe_string
        from openpyxl.utils.datetime import to_excel

        self.ws = ws
        self.cols = cols
        self.kinds = [col.kind for col in cols]
        self.letters = [_letter(i + 1) for i in range(len(cols))]
        self.currency = _currency_column(cols)
        self.formats = dict(FORMATS)
        self.styles: dict[str, str | None] = {}
        self.epoch = ws.parent.epoch
        self.serials: dict[date, str] = {}
        self.Element, self.SubElement, self.safe_string, self.to_excel = Element, SubElement, safe_string, to_excel

    def write(self, head: list, rows: Iterable[list]) -> None:
        ws = self.ws
        ws._get_writer()  # writes the sheet's top (properties, views, widths)
        writer = ws._writer
        xf = writer.xf.send(True)
        with xf.element("sheetData"):
            writer.write_row(xf, ws._values_to_row(head, 1), 1)
            for idx, r in enumerate(rows, 2):
                self.formats["money"] = _money_format(r, self.currency)
                el = self.row(idx, r)
                if el is None:
                    writer.write_row(xf, ws._values_to_row(_cells(ws, self.cols, r, self.formats), idx), idx)
                else:
                    xf.write(el)
        writer.xf.send(None)  # the sheet's tail is written when the workbook is saved
        ws._rows = _no_rows()  # as if appended: close() does not write rows again

    def style(self, fmt: str, value: Any) -> str | None:
        """The style id of a plain cell in number format `fmt`, registered on first use."""
        if fmt not in self.styles:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self.ws, value)
            cell.number_format = fmt
            self.styles[fmt] = f"{cell.style_id}" if cell.has_style else None
        return self.styles[fmt]

    def row(self, idx: int, values: list):
        SubElement = self.SubElement
        el = self.Element("row", {"r": f"{idx}"})
        for letter, kind, value in zip(self.letters, self.kinds, values, strict=False):
            if value is None:
                continue
            kind_of = type(value)
            if kind_of is str:
                if not value or not _plain(value):
                    return None
                c = SubElement(el, "c", {"r": f"{letter}{idx}", "t": "inlineStr"})
                t = SubElement(SubElement(c, "is"), "t", _SPACE if value != value.strip() else {})
                t.text = value
                continue
            if kind_of is date:
                fmt: str | None = DATE_FORMAT
                number: Any = self.serial(value)
            elif kind_of not in (int, Decimal, float):
                return None
            elif kind == "int":
                fmt, number = None, value  # given to openpyxl as it is: no format
            else:
                fmt, number = self.formats.get(kind, "General"), value
            attrs = {"r": f"{letter}{idx}"}
            sid = self.style(fmt, value) if fmt is not None else None
            if sid is not None:
                attrs["s"] = sid
            attrs["t"] = "n"
            SubElement(SubElement(el, "c", attrs), "v").text = number if kind_of is date else self.safe_string(number)
        return el

    def serial(self, day: date) -> str:
        """A date as openpyxl writes it: its Excel serial number, text (the same dates recur)."""
        text = self.serials.get(day)
        if text is None:
            text = self.serials[day] = self.safe_string(self.to_excel(day, self.epoch))
        return text


def _no_rows() -> Iterator[None]:
    yield from ()


_SPACE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}


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
    errors, illegal, surrogate = _text_rules()
    return (
        not text.startswith("=")
        and text not in errors
        and len(text) <= 32767
        and illegal(text) is None
        and (text.isascii() or surrogate(text) is None)
    )


@lru_cache(maxsize=1)
def _text_rules():
    import re

    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    return ERROR_CODES, ILLEGAL_CHARACTERS_RE.search, re.compile("[\ud800-\udfff]").search


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
