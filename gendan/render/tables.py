"""Rendering rows for people and machines: table, json, csv, markdown, html.

Every command that prints data goes through `render`, so formats behave the same
everywhere. CSV cells that a spreadsheet would run as a formula get a leading `'`
(OWASP's advice for CSV injection).
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


def render(
    rows: Sequence[dict], fmt: str, columns: Sequence[str] | None = None, headers: Sequence[str] | None = None
) -> str:
    """Rows (dicts) as text in `fmt`; `columns` picks and orders the keys."""
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
    if fmt == "plain":  # aligned columns, no header line (key/value blocks)
        return tabulate(table, None, "plain")
    return tabulate(table, headers, "simple")


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
    return lay_out(
        [joined],
        headers=headers or (),
        tablefmt=tablefmt,
        disable_numparse=True,
        colalign=["left"] * len(joined),
        preserve_whitespace=True,
    )
