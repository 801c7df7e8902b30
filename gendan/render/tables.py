"""Rendering rows for people and machines: table, json, csv, markdown, html.

Every command that prints data goes through `render`, so formats behave the same
everywhere. Tables for people (`table`, `plain`) are measured by display width (a
Chinese character takes two columns; tabulate does it with `wcwidth`) and fitted to
the terminal: `fit` shortens the widest text with an ellipsis and, when even that is
not enough, leaves out columns from the right and says so. `--wide` (`set_wide`) turns
fitting off; csv, json, markdown and html are never shortened. CSV cells that a
spreadsheet would run as a formula get a leading `'` (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ELLIPSIS = "…"
MIN_COLUMN = 10  # no column is shortened below this (or its header, or its own width if narrower)
GAP = 2  # tabulate's "simple" and "plain" formats put two spaces between columns

_wide = False


def set_wide(wide: bool) -> None:
    """--wide: print tables whole, whatever the terminal's width (set once per run by the CLI)."""
    global _wide
    _wide = wide


def terminal_width() -> int | None:
    """The width tables are fitted to: None under --wide, else $COLUMNS, else the terminal's
    width, else 80 (output to a file or a pipe)."""
    if _wide:
        return None
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def _plain(text: str) -> bool:
    """Printable ASCII: one display column a character (what wcwidth says too, at C speed)."""
    return text.isascii() and text.isprintable()


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: East Asian wide characters count two."""
    if _plain(text):
        return len(text)
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def shorten(text: str, width: int) -> str:
    """`text` cut to at most `width` display columns, ending in an ellipsis when cut."""
    if _plain(text):  # one column a character
        return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + ELLIPSIS
    if display_width(text) <= width:
        return text
    from wcwidth import wcwidth

    out, used = [], 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


_FIGURE = None


def is_figure(text: str) -> bool:
    """A number, date, amount (`USD 36,504.00`, several joined by "; ") or quantity: never shortened
    (a cut figure reads as another figure)."""
    global _FIGURE
    if _FIGURE is None:
        import re

        _FIGURE = re.compile(r"(?:[A-Z]{3} )?[-+]?\d[\d,./:%-]*(?: ?[a-z%]{1,3})?")
    return all(_FIGURE.fullmatch(part) for part in text.split("; "))


def fit(
    table: list[list[str]], headers: list[str] | None, width: int
) -> tuple[list[list[str]], list[str] | None, int, int]:
    """Cells shortened so the table is at most `width` display columns wide. Returns the cells,
    the headers, how many columns (from the right) had to be left out, and the padding tabulate
    is to give headers (2 as usual; 0 when the table has to be narrowed). The first column (the
    row's key, an order id), figures (is_figure) and headers are never shortened; no other column
    goes below MIN_COLUMN; the widest text gives first."""
    ncols = len(headers) if headers is not None else (len(table[0]) if table else 0)
    head = [display_width(h) for h in headers] if headers is not None else [0] * ncols
    columns = [[r[i] for r in table] for i in range(ncols)]
    plain = [_plain("".join(column)) for column in columns]  # (10,000 rows: measured column by column)
    cells = [
        max(map(len, column), default=0) if plain[i] else max([display_width(c) for c in column] + [0])
        for i, column in enumerate(columns)
    ]
    padding = 2  # tabulate makes a column at least its header + MIN_PADDING wide
    if sum(max(c, h + padding) for c, h in zip(cells, head, strict=True)) + GAP * (ncols - 1) <= width:
        return table, headers, 0, padding
    padding = 0
    natural = [max(c, h) for c, h in zip(cells, head, strict=True)]
    fixed = [i == 0 or all(is_figure(r[i]) for r in table if r[i]) for i in range(ncols)]
    floor = [n if fixed[i] else min(n, max(MIN_COLUMN, head[i])) for i, n in enumerate(natural)]
    kept = ncols
    while kept > 1 and sum(floor[:kept]) + GAP * (kept - 1) > width:
        kept -= 1
    budget = width - GAP * (kept - 1)
    widths, floor = natural[:kept], floor[:kept]
    if sum(widths) > budget:
        # the largest cap such that every column at min(natural, max(cap, floor)) fits
        lo, hi = 1, max(widths)
        while lo < hi:
            cap = (lo + hi + 1) // 2
            if sum(max(min(n, cap), f) for n, f in zip(widths, floor, strict=True)) <= budget:
                lo = cap
            else:
                hi = cap - 1
        widths = [max(min(n, lo), f) for n, f in zip(widths, floor, strict=True)]
        spare = budget - sum(widths)
        for i, n in enumerate(natural[:kept]):  # what the cap leaves over goes to the leftmost cut columns
            extra = min(spare, n - widths[i])
            widths[i] += extra
            spare -= extra
    cut_columns = []
    for i, w in enumerate(widths):
        column = columns[i]
        if cells[i] <= w:  # nothing in it is wider
            cut_columns.append(column)
        elif plain[i]:
            cut_columns.append([c if len(c) <= w else c[: max(w - 1, 0)].rstrip() + ELLIPSIS for c in column])
        else:
            cut_columns.append([shorten(c, w) for c in column])
    cut = [list(r) for r in zip(*cut_columns, strict=True)]
    return cut, headers[:kept] if headers is not None else None, ncols - kept, padding


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def csv_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


TERMINAL = -1  # render's default width: the terminal's (see terminal_width)


def render(
    rows: Sequence[dict],
    fmt: str,
    columns: Sequence[str] | None = None,
    headers: Sequence[str] | None = None,
    *,
    width: int | None = TERMINAL,
    lang: str = "en",
) -> str:
    """Rows (dicts) as text in `fmt`; `columns` picks and orders the keys. `table` and `plain`
    are fitted to `width` display columns (default: the terminal's; None: never shortened);
    the note on columns left out is in `lang`."""
    columns = list(columns or (rows[0].keys() if rows else []))
    headers = list(headers or columns)
    if fmt == "json":
        return json.dumps([{c: jsonable(r.get(c)) for c in columns} for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(headers)
        for r in rows:
            # only text can carry a formula; a number such as -2 stays a number
            writer.writerow([csv_safe(v) if isinstance(v, str) else cell_text(v) for v in (r.get(c) for c in columns)])
        return buf.getvalue().rstrip("\n")
    if fmt == "html":
        from html import escape

        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(cell_text(r.get(c)))}</td>" for c in columns) + "</tr>" for r in rows
        )
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>"
    from gendan.core.text import one_line

    # for a terminal: an order's text must not carry escape sequences or break rows
    table = [[one_line(v if type(v) is str else cell_text(v)) for v in (r.get(c) for c in columns)] for r in rows]
    if fmt == "markdown":
        return tabulate(table, headers, "github")
    if width == TERMINAL:
        width = terminal_width()
    plain = fmt == "plain"  # aligned columns, no header line (key/value blocks)
    left_out, padding = 0, 2
    if width is not None:
        table, fitted, left_out, padding = fit(table, None if plain else headers, width)
        headers = fitted or headers
    import tabulate as tabulate_module

    usual, tabulate_module.MIN_PADDING = tabulate_module.MIN_PADDING, padding
    try:
        if plain:
            text = tabulate(table, None, "plain")
        else:
            text = tabulate(table, headers, "simple")
    finally:
        tabulate_module.MIN_PADDING = usual
    return text + _left_out(left_out, lang)


def wrap(text: str, width: int | None = TERMINAL, indent: str = "") -> str:
    """A line of prose (a heading, a summary, a log entry) wrapped to `width` (default: the
    terminal's), measured in display columns (a Chinese character takes two); the lines after
    the first start with `indent`. Words are never broken: a longer word keeps its line."""
    if width == TERMINAL:
        width = terminal_width()
    if width is None or display_width(text) <= width:
        return text
    from wcwidth import wrap as wrap_lines

    lines = wrap_lines(text, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines)


def _left_out(columns: int, lang: str = "en") -> str:
    if not columns:
        return ""
    from gendan.render.i18n import Words

    return "\n" + Words(lang).plural(
        columns, "({n} more column: --wide shows it)", "({n} more columns: --wide shows them)"
    )


def tabulate(table: list[list[str]], headers: Sequence[str] | None, tablefmt: str) -> str:
    """`table` (cells already text, on one line each: one_line) laid out by tabulate, left-aligned.

    tabulate guesses every cell's type with regular expressions, `disable_numparse` or not (a
    third of `overdue` at 10,000 orders). Fed one cell per column holding the column's cells as
    lines, it guesses once per column and lays the lines out exactly as it lays out rows: the
    same text (tests/test_tables.py compares the two), in milliseconds.
    """
    from tabulate import tabulate as lay_out

    if not table or not "".join(table[-1]).strip():  # a blank last line would be lost in the joined cells
        return lay_out(table, headers=headers or (), tablefmt=tablefmt, disable_numparse=True)
    # tabulate strips each cell before padding; stripped here, as it would strip the joined cell whole
    joined = ["\n".join(cell.strip() for cell in column) for column in zip(*table, strict=True)]
    import tabulate as tabulate_module

    # printable ASCII only: each character one column, so tabulate may measure with len (wcwidth
    # measures the same, a character at a time)
    wide = tabulate_module.WIDE_CHARS_MODE
    if _plain("".join(headers or ()) + "".join(joined).replace("\n", "")):
        tabulate_module.WIDE_CHARS_MODE = False
    try:
        return lay_out(
            [joined],
            headers=headers or (),
            tablefmt=tablefmt,
            disable_numparse=True,
            colalign=["left"] * len(joined),
            preserve_whitespace=True,
        )
    finally:
        tabulate_module.WIDE_CHARS_MODE = wide
