"""Import from the Excel order tracking sheet (订单跟踪表): one row per order, one new order folder each.

`read_sheet` opens the workbook (openpyxl, imported here only), fills merged cells with
their top-left value, and finds the header row among the first `HEADER_SCAN` rows: the
row whose cells name the most known fields (English or Chinese headers, or the headers a
mapping file names). `plan_import` turns the rows into orders: every cell parsed (Excel
dates, serial numbers, text dates such as `2026/11/30` or `11月30日`, quantities such as
`1,200 pcs`), the order text written, read back and checked by the same rules as
`gendan validate`, at stage `confirmed` when the four essentials and a PO are there, else
`inquiry`. `write_orders` creates only new files: an order that already exists is never
touched, so running an import twice creates nothing the second time.

Several rows with one order number are one order with several colours when they differ
only in colour, quantity and price; rows that are exact copies are reported as
duplicates; rows that disagree on anything else are all refused (the sheet must say which
one is right).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from gendan.core import money
from gendan.core.dates import parse_day
from gendan.core.errors import GendanError, InvalidFile, Pieces, Unfit, said
from gendan.core.progress import Progress, steps
from gendan.store.paths import display, inside_workspace, workspace_folder
from gendan.store.workspace import ORDER_NAME, Workspace, check_id

HEADER_SCAN = 20
# What `import` reads of a workbook at most (an order book is a few thousand rows): a sheet
# past these is refused before it costs minutes and gigabytes (issue 15: one cell at row
# 200,000 / column 16,000, a merge to row 1,048,576, a zip bomb).
MAX_ROWS = 20_000
MAX_COLUMNS = 256
MAX_MERGES = 2_000
MAX_UNCOMPRESSED = 64 * 1024 * 1024  # bytes of all the workbook's parts together
MAX_PARTS = 2_000
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 in Excel's (leap-bug) 1900 system
SERIAL_RANGE = (20000, 80000)  # 1954..2119: a number in this range in a date column is a serial

# Known headers per field, compared after `norm` (lower case, no spaces or punctuation).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "订单号",
        "订单编号",
        "订单no",
        "合同号",
        "合同编号",
        "销售订单号",
        "单号",
        "orderno",
        "ordernumber",
        "order",
        "orderid",
        "order#",
        "sono",
        "salesorder",
        "contractno",
        "scno",
    ),
    "customer": ("客户", "客户名称", "客户名", "客人", "customer", "customername", "client", "buyer"),
    "po": ("po号", "客户po", "客户po号", "客户订单号", "po", "pono", "ponumber", "customerpo", "buyerpo"),
    "style": ("款号", "款式号", "款式编号", "style", "styleno", "stylenumber", "style#", "itemno", "article"),
    "description": ("品名", "款式", "描述", "产品名称", "货品名称", "description", "product", "itemdescription"),
    "quantity": ("数量", "订单数量", "订单数", "件数", "总数", "qty", "quantity", "orderqty", "totalqty", "pcs"),
    "delivery": ("交期", "交货期", "交货日期", "客户交期", "delivery", "deliverydate", "duedate"),
    "ex_factory": (
        "出货日期",
        "出货期",
        "出厂日期",
        "走货期",
        "走货日期",
        "exfactory",
        "exfactorydate",
        "xfty",
        "exfty",
        "shipdate",
        "shipmentdate",
    ),
    "po_date": ("下单日期", "接单日期", "订单日期", "podate", "orderdate"),
    "unit_price": ("单价", "unitprice", "price", "fobprice", "fob"),
    "colour": ("颜色", "顏色", "色号", "colour", "color", "col"),
    "merchandiser": ("跟单", "跟单员", "业务跟单", "merchandiser", "merch"),
    "factory": ("工厂", "加工厂", "生产工厂", "factory", "supplier", "vendor"),
    "currency": ("币种", "币别", "货币", "currency", "curr", "ccy"),
    "incoterm": ("价格条款", "贸易条款", "incoterm", "incoterms", "tradeterm", "priceterm"),
    "quality": ("品质要求", "质量要求", "quality", "qualityrequirement"),
    "product_type": ("产品类别", "类别", "producttype", "category"),
    "country": ("国家", "country"),
    "notes": ("备注", "remarks", "remark", "notes", "note", "comments"),
}
FIELDS = tuple(ALIASES)
LINE_FIELDS = ("colour", "quantity", "unit_price")  # what may differ between rows of one order
TOTAL_WORDS = {"合计", "总计", "小计", "total", "subtotal", "grandtotal", "sum"}
CURRENCY_WORDS = {
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "美元": "USD",
    "美金": "USD",
    "eur": "EUR",
    "€": "EUR",
    "欧元": "EUR",
    "gbp": "GBP",
    "£": "GBP",
    "英镑": "GBP",
    "rmb": "CNY",
    "cny": "CNY",
    "人民币": "CNY",
    "jpy": "JPY",
    "日元": "JPY",
    "hkd": "HKD",
    "港币": "HKD",
}
MAP_KEYS = ("sheet", "header_row", "year", "columns", "defaults")
DEFAULT_FIELDS = (
    "customer",
    "merchandiser",
    "factory",
    "currency",
    "incoterm",
    "quality",
    "product_type",
    "country",
    "colour",
)
_PUNCT = re.compile(r"[\s.:：_\-()（）【】\[\]/\\'\"’]+")
_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}


def norm(text: Any) -> str:
    """A header as compared: lower case, without spaces and punctuation."""
    return _PUNCT.sub("", str(text)).lower()


# cell parsers ---------------------------------------------------------------


def parse_date(value: Any, year: int | None = None) -> date:
    """A date cell: an Excel date, a serial number, or text like 2026/11/30, 2026年11月30日,
    30-Nov-2026, or 11月30日 (then in `year`). Raises ValueError saying why not."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise Unfit(said(("{value!r} is not a date", {"value": value})))
    if isinstance(value, (int, float, Decimal)):
        if value != int(value) or not SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            raise Unfit(said(("{value} is not a date (nor an Excel date serial number)", {"value": value})))
        return EXCEL_EPOCH + timedelta(days=int(value))
    if not isinstance(value, str):
        raise Unfit(said(("{value!r} is not a date", {"value": value})))
    text = value.strip()
    try:
        if re.match(r"\d{4}\s*[-/.年]", text):  # year first: the command line's parser
            return parse_day(text, relative=False)
        m = re.fullmatch(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", text)
        if m:
            if year is None:
                raise Unfit(said(("{text!r} has no year (give --year)", {"text": text})))
            return date(year, int(m[1]), int(m[2]))
        m = re.fullmatch(r"(\d{1,2})[-\s]([A-Za-z]{3})[A-Za-z]*\.?[-\s,]+(\d{4})", text)
        if m and m[2].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        m = re.fullmatch(r"([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", text)
        if m and m[1].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    except ValueError as e:
        if "year" in str(e) or "write it like" in str(e):
            raise
        raise Unfit(said(("{text!r} is not a real date", {"text": text}))) from None
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", text):
        raise Unfit(said(("{text!r} is ambiguous (day/month or month/day?): write 2026-11-30", {"text": text})))
    raise Unfit(said(("{text!r} is not a date (write 2026-11-30, 2026/11/30 or 11月30日)", {"text": text})))


_QTY = re.compile(
    r"(\d{1,3}(?:[,，\s]\d{3})+|\d+)(?:\.0+)?\s*(?:pcs|pc|pieces|piece|件|套|条|个|只|pairs|prs)?\.?", re.IGNORECASE
)


def parse_quantity(value: Any) -> int:
    """Pieces: a whole number, or text like `1,200 pcs` or `1200件`. Raises ValueError."""
    if isinstance(value, bool):
        raise Unfit(said(("{value!r} is not a quantity", {"value": value})))
    if isinstance(value, (int, float, Decimal)):
        if value != int(value):
            raise Unfit(said(("{value} is not a whole number of pieces", {"value": value})))
        n = int(value)
    elif isinstance(value, str):
        m = _QTY.fullmatch(value.strip())
        if not m:
            raise Unfit(said(("{value!r} is not a quantity (write e.g. 1200 or 1,200 pcs)", {"value": value.strip()})))
        n = int(re.sub(r"[,，\s]", "", m[1]))
    else:
        raise Unfit(said(("{value!r} is not a quantity", {"value": value})))
    if n <= 0:
        raise Unfit(said(("quantity must be above zero, got {n}", {"n": n})))
    return n


def parse_price(value: Any) -> tuple[Decimal, str | None]:
    """A unit price as Decimal, and the currency if the cell says it (`USD 18.50`, `$18.5`)."""
    if isinstance(value, bool):
        raise Unfit(said(("{value!r} is not a price", {"value": value})))
    if isinstance(value, float):
        value = Decimal(repr(value))  # the shortest text of the float: 18.5, never 18.4999...
    if isinstance(value, (int, Decimal)):
        amount, cur = Decimal(value), None
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        m = re.fullmatch(r"([^\d\s.]*)\s*(\d+(?:\.\d+)?)\s*([^\d\s.]*)(?:/(?:pc|pcs|件))?", text, re.IGNORECASE)
        if not m or (m[1] and m[3]):
            raise Unfit(said(("{value!r} is not a price (write e.g. 18.50 or USD 18.50)", {"value": value.strip()})))
        word = (m[1] or m[3]).lower()
        cur = parse_currency(word) if word else None
        amount = Decimal(m[2])
    else:
        raise Unfit(said(("{value!r} is not a price", {"value": value})))
    if not amount.is_finite() or amount < 0:
        raise Unfit(said(("{value} is not a price", {"value": value})))
    return amount, cur


def parse_currency(value: Any) -> str:
    word = str(value).strip()
    if word.lower() in CURRENCY_WORDS:
        return CURRENCY_WORDS[word.lower()]
    if re.fullmatch(r"[A-Za-z]{3}", word):
        return word.upper()
    raise Unfit(said(("{word!r} is not a currency (write USD, EUR, CNY...)", {"word": word})))


def cell_text(value: Any) -> str | None:
    """A cell as text: numbers without a spurious `.0`, dates as ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    text = str(value).strip()
    return text or None


# reading the sheet ----------------------------------------------------------


@dataclass
class Mapping:
    """What a mapping file says: sheet, header row, year, field -> header, constant fields."""

    sheet: str | None = None
    header_row: int | None = None
    year: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping YAML file (see the README, "Moving from Excel")."""
    from gendan.core.text import guessed
    from gendan.store.yamlio import loads, read_text

    shown = display(path)
    data = loads(read_text(path, shown), shown) or {}
    if not isinstance(data, dict):
        message = "the mapping file must be a mapping with columns: and defaults:"
        raise GendanError.worded(said((message, {})), path=shown)
    for key in data:
        if key not in MAP_KEYS:
            raise GendanError.worded(
                said(
                    ("unknown key {key!r}", {"key": key}),
                    *guessed(str(key), MAP_KEYS),
                    ("; expected {keys}", {"keys": ", ".join(MAP_KEYS)}),
                ),
                path=shown,
            )
    columns = data.get("columns") or {}
    defaults = data.get("defaults") or {}
    if not isinstance(columns, dict) or not isinstance(defaults, dict):
        raise GendanError.worded(said(("columns: and defaults: must be mappings of field: text", {})), path=shown)
    for name in columns:
        if name not in FIELDS:
            raise GendanError.worded(
                said(
                    ("columns: unknown field {name!r}", {"name": name}),
                    *guessed(str(name), FIELDS),
                    ("; fields: {fields}", {"fields": ", ".join(FIELDS)}),
                ),
                path=shown,
            )
    for name in defaults:
        if name not in DEFAULT_FIELDS:
            raise GendanError.worded(
                said(
                    ("defaults: field {name!r} cannot have a default", {"name": name}),
                    *guessed(str(name), DEFAULT_FIELDS),
                    ("; possible: {fields}", {"fields": ", ".join(DEFAULT_FIELDS)}),
                ),
                path=shown,
            )
    header_row, year = data.get("header_row"), data.get("year")
    for key, value in (("header_row", header_row), ("year", year)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise GendanError.worded(
                said(("{key} must be a positive whole number, got {value!r}", {"key": key, "value": value})), path=shown
            )
    return Mapping(
        sheet=cell_text(data.get("sheet")),
        header_row=header_row,
        year=year,
        columns={k: str(v) for k, v in columns.items()},
        defaults={k: str(v) for k, v in defaults.items() if v is not None},
    )


@dataclass
class Sheet:
    """The rows of one worksheet below its header, with the column of each field."""

    name: str
    header_row: int
    columns: dict[str, int]  # field -> 0-based column index
    headers: dict[str, str]  # field -> header text as in the sheet
    rows: list[tuple[int, list[Any]]]  # (1-based row number, cell values)


def read_sheet(path: Path, sheet: str | None = None, mapping: Mapping | None = None) -> Sheet:
    """Open the workbook and find the header; GendanError when it is not a workbook or has no header."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    mapping = mapping or Mapping()
    shown = display(path)
    if not path.is_file():
        raise GendanError.worded(said(("{path}: no such file", {"path": shown})))
    _check_archive(path, shown)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError, SyntaxError) as e:
        if path.suffix.lower() == ".xls":
            raise GendanError.worded(
                said(
                    (
                        "{path} is an old .xls workbook, which cannot be read: open it in Excel or "
                        "LibreOffice and save it as .xlsx",
                        {"path": shown},
                    )
                )
            ) from None
        raise GendanError.worded(
            said(("{path} is not an Excel .xlsx workbook ({error})", {"path": shown, "error": type(e).__name__}))
        ) from None
    try:
        name = sheet or mapping.sheet
        if name is not None and name not in wb.sheetnames:
            from gendan.core.text import guessed

            raise GendanError.worded(
                said(
                    ("{path} has no sheet {name!r}", {"path": shown, "name": name}),
                    *guessed(name, wb.sheetnames),
                    ("; sheets: {sheets}", {"sheets": ", ".join(wb.sheetnames)}),
                )
            )
        ws = wb[name] if name is not None else wb.worksheets[0]
        try:
            grid = _bounded_grid(ws, shown)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError) as e:
            raise GendanError(f"{shown}: sheet {ws.title!r} cannot be read ({type(e).__name__})") from None
    finally:
        wb.close()
    header_at, columns = _find_header(grid, mapping)
    if header_at is None:
        raise GendanError(
            f"{shown}: sheet {ws.title!r} has no recognisable header in its first {HEADER_SCAN} rows "
            "(expected an order number column, 订单号/Order No, and others such as 客户/Customer, "
            "数量/Qty, 交期/Delivery); "
            "name the columns in a mapping file and pass --map"
        )
    _also_named(grid[header_at], columns, mapping)
    headers = {f: cell_text(grid[header_at][c]) or "" for f, c in columns.items()}
    rows = [(n + 1, grid[n]) for n in range(header_at + 1, len(grid))]
    return Sheet(ws.title, header_at + 1, columns, headers, rows)


def _check_archive(path: Path, shown: str) -> None:
    """Refuse, before openpyxl reads anything, a workbook whose parts unpack past MAX_UNCOMPRESSED
    (a zip bomb) or that declares XML entities (a DTD: entity expansion, external entities)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
            if len(parts) > MAX_PARTS:
                raise GendanError(
                    f"{shown} has {len(parts):,} parts; a workbook gendan imports has at most {MAX_PARTS:,}"
                )
            total = sum(p.file_size for p in parts)
            if total > MAX_UNCOMPRESSED:
                raise GendanError(
                    f"{shown} unpacks to {total / 2**20:,.0f} MB; gendan imports workbooks of at most "
                    f"{MAX_UNCOMPRESSED // 2**20} MB unpacked (a zip bomb?); nothing imported"
                )
            for p in parts:
                if p.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_entities(z, p):
                    raise GendanError(
                        f"{shown}: {p.filename} declares XML entities (<!DOCTYPE/<!ENTITY), which no "
                        "workbook saved by Excel has; refusing to read it"
                    )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return  # not a zip at all: openpyxl says what it is (an .xls, not a workbook)


def _declares_entities(z: Any, part: Any) -> bool:
    tail = b""
    with z.open(part) as f:
        while chunk := f.read(1 << 16):
            window = (tail + chunk).upper()
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                return True
            tail = chunk[-16:]
    return False


def _bounded_grid(ws: Any, shown: str) -> list[list[Any]]:
    """The sheet's values as rows of cells, read as a stream and refused as soon as a cell or a
    merged range lies past MAX_ROWS / MAX_COLUMNS; merged blocks take their top-left value."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import WorkSheetParser

    def refuse(where: str) -> GendanError:
        return GendanError(
            f"{shown}: sheet {ws.title!r} has {where}; gendan imports at most {MAX_ROWS:,} rows and "
            f"{MAX_COLUMNS} columns (delete the stray cells, or copy the orders to a new sheet); nothing imported"
        )

    wb = ws.parent
    rows: dict[int, dict[int, Any]] = {}
    width = 0
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for idx, cells in parser.parse():
            if idx > MAX_ROWS:
                raise refuse(f"a cell at row {idx:,}")
            for cell in cells:
                col = cell["column"]
                if col > MAX_COLUMNS:
                    raise refuse(f"a cell in column {get_column_letter(min(col, 16384))} (column {col:,})")
                if cell["value"] is not None:
                    rows.setdefault(idx, {})[col] = cell["value"]
                    width = max(width, col)
        merges = parser.merged_cells.mergeCell if parser.merged_cells else []
    if len(merges) > MAX_MERGES:
        raise refuse(f"{len(merges):,} merged ranges (at most {MAX_MERGES:,})")
    from openpyxl.worksheet.cell_range import CellRange

    ranges: list[CellRange] = []
    for m in merges:
        block = CellRange(m.ref)
        if block.max_row > MAX_ROWS or block.max_col > MAX_COLUMNS:
            raise refuse(f"a merged range {m.ref} reaching past row {MAX_ROWS:,} or column {MAX_COLUMNS}")
        ranges.append(block)
        width = max(width, block.max_col)
    height = max([*rows, *(block.max_row for block in ranges)], default=0)
    grid = [[rows.get(n, {}).get(c) for c in range(1, width + 1)] for n in range(1, height + 1)]
    for rng in ranges:  # every cell of a merged block takes the block's value
        top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else None
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            for c in range(rng.min_col - 1, min(rng.max_col, width)):
                grid[r][c] = top
    return grid


def _field_of(header: Any, mapped: dict[str, str]) -> str | None:
    text = cell_text(header)
    if not text:
        return None
    key = norm(text)
    for f, h in mapped.items():
        if norm(h) == key:
            return f
    parts = [key] + [norm(p) for p in re.split(r"[\n/|]", text) if norm(p)]
    for part in parts:
        for f, names in ALIASES.items():
            if f not in mapped and part in names:
                return f
    return None


def _columns_of(row: list[Any], mapped: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, value in enumerate(row):
        f = _field_of(value, mapped)
        if f and f not in found:
            found[f] = c
    return found


def _also_named(header: list[Any], columns: dict[str, int], mapping: Mapping) -> None:
    """A column the mapping gives to one field also fills the field its header names, when that
    field has no column of its own: with `id: 款号` the style number is the order number, and
    the style is still filled from 款号."""
    for f, c in list(columns.items()):
        if f not in mapping.columns:
            continue
        named = _field_of(header[c], {})  # what the header says without the mapping
        if named and named != f and named not in columns and named not in mapping.columns:
            columns[named] = c


def _find_header(grid: list[list[Any]], mapping: Mapping) -> tuple[int | None, dict[str, int]]:
    candidates = [mapping.header_row - 1] if mapping.header_row else range(min(HEADER_SCAN, len(grid)))
    best: int | None = None
    best_cols: dict[str, int] = {}
    for r in candidates:
        if r >= len(grid):
            continue
        cols = _columns_of(grid[r], mapping.columns)
        if "id" in cols and len(cols) >= 2 and len(cols) > len(best_cols):
            best, best_cols = r, cols
    return best, best_cols


# from rows to orders --------------------------------------------------------


@dataclass
class Rejected:
    row: int
    order: str | None
    reason: str
    words: Pieces = ()  # the reason as words any language can say (empty: English only)

    @classmethod
    def of(cls, row: int, order: str | None, reason: tuple[str, Pieces]) -> Rejected:
        return cls(row, order, reason[0], reason[1])


@dataclass
class Planned:
    """An order the import would create."""

    id: str
    rows: list[int]
    stage: str
    path: Path
    text: str


@dataclass
class ImportResult:
    sheet: str
    header_row: int
    headers: dict[str, str]
    created: list[Planned] = field(default_factory=list)
    existing: list[tuple[list[int], str, Path]] = field(default_factory=list)
    skipped: list[Rejected] = field(default_factory=list)  # blank-id, total and copied rows (not errors)
    rejected: list[Rejected] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    values: dict[str, Any]  # parsed: field -> value


def _parse_row(
    number: int, cells: list[Any], columns: dict[str, int], mapping: Mapping, today: date, year: int | None
) -> _Row:
    raw = {f: (cells[c] if c < len(cells) else None) for f, c in columns.items()}
    defaulted = set()
    for f, v in mapping.defaults.items():
        if cell_text(raw.get(f)) is None:
            raw[f] = v
            defaulted.add(f)
    values: dict[str, Any] = {}
    problems: list[tuple[str, Pieces]] = []

    def col(f: str) -> str:
        return f"{f} ({mapping.columns.get(f) or f})"

    def at(f: str, e: ValueError) -> tuple[str, Pieces]:  # `field (header): why`, with its words if it has them
        head = said(("{column}: ", {"column": col(f)}))
        words = getattr(e, "words", ())
        return head[0] + str(e), head[1] + words if words else ()

    context_year = year
    if context_year is None and raw.get("po_date") is not None:
        try:
            context_year = parse_date(raw["po_date"]).year
        except ValueError:
            pass
    for f, value in raw.items():
        if cell_text(value) is None:
            continue
        try:
            _parse_cell(f, value, values, context_year or today.year)
        except ValueError as e:
            problems.append(at(f, e))
    if problems:
        raise Unfit(_all_of(problems))
    cur = values.pop("currency_from_price", None)
    if cur and "currency" in defaulted:  # the price's own currency beats the mapping's default
        values["currency"] = cur
    if cur and values.get("currency") and values["currency"] != cur:
        raise Unfit(
            said(
                (
                    "the price is in {price} but the currency column says {column}",
                    {"price": cur, "column": values["currency"]},
                )
            )
        )
    if cur:
        values.setdefault("currency", cur)
    if "unit_price" in values and not values.get("currency"):
        # Not guessed: a CNY price taken for USD is seven times off on the PI and the invoice.
        raise Unfit(
            said(
                (
                    "{column}: the price {price} has no currency; write it with one "
                    "(USD 18.50, $18.50), add a currency column (币种/Currency), or give one for every row "
                    "in a mapping file (--map with defaults: {{currency: USD}})",
                    {"column": col("unit_price"), "price": values["unit_price"]},
                )
            )
        )
    return _Row(number, values)


def _all_of(problems: list[tuple[str, Pieces]]) -> tuple[str, Pieces]:
    """A row's problems in one message, `; ` between them; its words only when each has words
    (a message is said whole in the user's language, or as worded)."""
    words: Pieces = ()
    if all(w for _, w in problems):
        for i, (_, w) in enumerate(problems):
            words += (said(("; ", {}))[1] if i else ()) + w
    return "; ".join(t for t, _ in problems), words


def _parse_cell(f: str, value: Any, values: dict[str, Any], year: int) -> None:
    """Parse the cell of field `f` into `values` (a price's currency into `currency_from_price`)."""
    if f in ("delivery", "ex_factory", "po_date"):
        d = parse_date(value, year)
        if isinstance(value, str) and "年" not in value and re.fullmatch(r"\s*\d{1,2}\s*月.*", value):
            po = values.get("po_date")
            if po and d < po:  # 11月 after a PO in 2026-12 is next year's
                d = d.replace(year=d.year + 1)
        values[f] = d
    elif f == "quantity":
        values[f] = parse_quantity(value)
    elif f == "unit_price":
        values[f], cur = parse_price(value)
        if cur:
            values.setdefault("currency_from_price", cur)
    elif f == "currency":
        values[f] = parse_currency(value)
    else:
        values[f] = cell_text(value)


def plan_import(
    ws: Workspace,
    sheet: Sheet,
    today: date,
    mapping: Mapping | None = None,
    subfolder: str | None = None,
    year: int | None = None,
    source: str = "",
    by: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Which orders the rows make, which exist already, which rows cannot be imported and why
    (`progress`: gendan/core/progress.py)."""
    mapping = mapping or Mapping()
    year = year or mapping.year
    result = ImportResult(sheet.name, sheet.header_row, sheet.headers)
    groups: dict[str, list[_Row]] = {}
    for number, cells in steps(sheet.rows, "reading rows", progress):
        ident = cell_text(cells[sheet.columns["id"]]) if sheet.columns["id"] < len(cells) else None
        if all(cell_text(cells[c]) is None for c in sheet.columns.values() if c < len(cells)):
            continue  # an empty row
        total = _total_label(cells) if ident is None or _total_label([ident]) else None
        if total is not None:  # 合计 / Total in the id column or, the id empty, in any other one
            result.skipped.append(Rejected.of(number, None, said(("a total row ({label})", {"label": total}))))
            continue
        if ident is None:
            result.skipped.append(Rejected.of(number, None, said(("no order number", {}))))
            continue
        try:
            check_id(ident)
        except GendanError as e:
            result.rejected.append(Rejected(number, ident, e.message))
            continue
        try:
            row = _parse_row(number, cells, sheet.columns, mapping, today, year)
        except ValueError as e:
            result.rejected.append(Rejected(number, ident, str(e), getattr(e, "words", ())))
            continue
        groups.setdefault(ident, []).append(row)

    existing = {p.parent.name: p for p in ws.order_files()}
    base = ws.root if subfolder is None else workspace_folder(ws.root, subfolder, f"--dir {subfolder}")
    for ident, rows in steps(groups.items(), "checking orders", progress, len(groups)):
        rows = _drop_copies(ident, rows, result)
        numbers = [r.number for r in rows]
        if ident in existing:
            result.existing.append((numbers, ident, existing[ident]))
            continue
        try:
            inside_workspace(ws.root, base / ident, display(base / ident))  # a symlinked order folder
        except GendanError as e:
            result.rejected += [Rejected(r.number, ident, e.message) for r in rows]
            continue
        try:
            merged, lines = _merge(ident, rows)
            text, stage = _order_text(ident, merged, lines, ws, base / ident, today, source, numbers, by)
        except ValueError as e:
            for r in rows:
                result.rejected.append(Rejected(r.number, ident, str(e), getattr(e, "words", ())))
            continue
        result.created.append(Planned(ident, numbers, stage, base / ident / ORDER_NAME, text))
    result.rejected.sort(key=lambda r: r.row)
    result.skipped.sort(key=lambda r: r.row)
    return result


def _total_label(cells: list[Any]) -> str | None:
    """The text of the first cell saying 合计, 总计, Total... (alone, or as a word of the cell:
    `合计 Total`, `Total:`), else None."""
    for value in cells:
        text = cell_text(value)
        if text is None or isinstance(value, (int, float, Decimal, date)):
            continue
        words = [text, *re.split(r"[\s/|]+", text)]
        if any(norm(w) in TOTAL_WORDS for w in words if w):
            return text
    return None


def _drop_copies(ident: str, rows: list[_Row], result: ImportResult) -> list[_Row]:
    kept: list[_Row] = []
    for r in rows:
        first = next((k for k in kept if k.values == r.values), None)
        if first is not None:
            result.skipped.append(Rejected.of(r.number, ident, said(("a copy of row {row}", {"row": first.number}))))
        else:
            kept.append(r)
    return kept


def _merge(ident: str, rows: list[_Row]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The order fields (equal on every row) and one line per row."""
    merged: dict[str, Any] = {}
    for r in rows:
        for f, v in r.values.items():
            if f in LINE_FIELDS:
                continue
            if f in merged and merged[f] != v:
                where = ", ".join(str(x.number) for x in rows)
                raise Unfit(
                    said(
                        (
                            "order {id} is on rows {rows} with different {field} ({one} / {other}); "
                            "keep one row per order, or rows that differ only by colour",
                            {"id": ident, "rows": where, "field": f, "one": merged[f], "other": v},
                        )
                    )
                )
            merged.setdefault(f, v)
    colours = [r.values.get("colour") for r in rows]
    if len(rows) > 1 and (None in colours or len(set(colours)) != len(colours)):
        where = ", ".join(str(x.number) for x in rows)
        raise Unfit(
            said(
                (
                    "order number {id} appears on rows {rows}: rows of one order must each have their own colour",
                    {"id": ident, "rows": where},
                )
            )
        )
    lines = [{f: r.values[f] for f in LINE_FIELDS if f in r.values} for r in rows]
    if not merged.get("customer"):
        raise Unfit(said(("no customer", {})))
    return merged, lines


def _order_text(
    ident: str,
    o: dict[str, Any],
    lines: list[dict[str, Any]],
    ws: Workspace,
    folder: Path,
    today: date,
    source: str,
    rows: list[int],
    by: str,
) -> tuple[str, str]:
    """The order.yaml text, and its stage: `confirmed` when it validates there, else `inquiry`."""
    from gendan.store import ordertext

    where = ", ".join(map(str, rows))
    values = _order_values(o, lines, _notes(o, lines))
    values["history"] = [
        {
            "date": today,
            "by": by or "gendan import",
            "action": ordertext.Plain("import"),
            "reason": f"{source} row {where}",
        }
    ]
    comment = f"imported from {source} row{'s' * (len(rows) > 1)} {where} on {today.isoformat()}"
    schema = ordertext.schema_ref(ws.root, folder)
    stages = ["confirmed", "inquiry"] if o.get("po") or o.get("po_date") else ["inquiry"]
    last: list[str] = []
    for stage in stages:
        text = ordertext.order_text(ident, stage, values, schema=schema, comments=[comment])
        last = _problems(ident, text, ws, today)
        if not last:
            return text, stage
    raise ValueError("the order would not validate: " + "; ".join(last))


def _order_values(o: dict[str, Any], lines: list[dict[str, Any]], notes: list[str]) -> dict[str, Any]:
    """The keys of the order file (see `gendan.store.ordertext.FIELDS`) from a tracker's rows."""
    from gendan.store.ordertext import Commented, Plain

    values: dict[str, Any] = {key: o.get(key) for key in ("merchandiser", "incoterm", "currency", "quality", "po_date")}
    values["customer"] = {"name": o["customer"], "country": o.get("country"), "po": o.get("po")}
    values["factory"] = {"name": o.get("factory")}
    if o.get("style"):  # without a style number, a description goes to the notes
        values["style"] = {
            "number": o["style"],
            "description": o.get("description"),
            "product_type": o.get("product_type"),
        }
    values["ex_factory"] = o.get("ex_factory") or o.get("delivery")
    if _priced(lines):
        values["lines"] = [
            {
                "colour": ln.get("colour") or "ALL",
                "unit_price": money.price(ln["unit_price"], o.get("currency")),
                "sizes": Commented({Plain("ALL"): ln["quantity"]}, "size breakdown still to come"),
            }
            for ln in lines
        ]
    values["notes"] = "; ".join(notes) or None
    return values


def _priced(lines: list[dict[str, Any]]) -> bool:
    """Every line has a price and a quantity (else the lines go to the notes)."""
    return bool(lines) and all("unit_price" in ln and "quantity" in ln for ln in lines)


def _notes(o: dict[str, Any], lines: list[dict[str, Any]]) -> list[str]:
    """What the tracker says that has no key of its own in order.yaml yet."""
    notes: list[str] = []
    if o.get("delivery") and o.get("ex_factory") and o["delivery"] != o["ex_factory"]:
        notes.append(f"delivery date in the tracker: {o['delivery'].isoformat()}")
    if o.get("style") is None and o.get("description"):
        notes.append(f"description: {o['description']}")
    if not _priced(lines):
        for ln in lines:
            bits = [f"{ln[k]}" + (" pcs" if k == "quantity" else "") for k in LINE_FIELDS if k in ln]
            if bits:
                missing = "a price" if "unit_price" not in ln else "a quantity"
                notes.append(f"tracker line without {missing}: " + " ".join(bits))
    if o.get("notes"):
        notes.append(str(o["notes"]))
    return notes


def _problems(ident: str, text: str, ws: Workspace, today: date) -> list[str]:
    from gendan.core.model import Order
    from gendan.domain.rules import check_order
    from gendan.store.parse import build
    from gendan.store.yamlio import loads

    try:
        order = build(Order, loads(text, ORDER_NAME), ORDER_NAME, text)
    except InvalidFile as e:
        return [f"{p.code} {p.message}" for p in e.problems]
    return [f"{f.code} {f.message}" for f in check_order(order, ident, ws.config, today)]


def write_orders(result: ImportResult, progress: Progress | None = None) -> list[Planned]:
    """Create the planned order files; an order file that appeared meanwhile is left alone."""
    from gendan.store.yamlio import create_new

    written: list[Planned] = []
    for p in steps(result.created, "writing orders", progress):
        try:
            p.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                create_new(p.path, p.text.encode("utf-8"))
            except FileExistsError:
                result.existing.append((p.rows, p.id, p.path))
                continue
        except OSError as e:  # a read-only folder, a full disk: this order is not imported, say why
            reason = f"cannot write {display(p.path)}: {e.strerror or e}; nothing was written"
            result.rejected += [Rejected(row, p.id, reason) for row in p.rows]
            continue
        written.append(p)
    result.created = written
    return written
