"""Tables laid out by tabulate from one cell per column print exactly what cell-by-cell tabulate prints."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate as per_cell

from gendan.render.tables import display_width, fit, render, tabulate

# text as it reaches the layout: on one line (one_line escapes line and control characters),
# with spaces around it, empty, CJK, figures, "True" (a bool to tabulate's guessing)
cell = st.one_of(
    st.sampled_from(["", " ", "True", "False", "12", "-3.50", "SO-2026-00001", "宏达服装", " x ", "USD 1,250.00"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")), max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.lists(st.lists(cell, min_size=n, max_size=n), max_size=8)))
def test_joined_columns_lay_out_as_cells(table):
    width = len(table[0]) if table else 3
    headers = [f"column {i}" for i in range(width)]
    for fmt in ("simple", "github"):
        assert tabulate(table, headers, fmt) == per_cell(table, headers=headers, tablefmt=fmt, disable_numparse=True)
    if table:
        assert tabulate(table, None, "plain") == per_cell(table, tablefmt="plain", disable_numparse=True)


def test_render_rows_of_values():
    """Figures are text to the layout (left-aligned, as before); booleans print yes/no, None blank."""
    rows = [
        {"order": "SO-1", "qty": 1200, "ok": True, "note": None, "who": "Chen"},
        {"order": "SO-22", "qty": -3, "ok": False, "note": " padded ", "who": "Li\tNa"},
    ]
    assert render(rows, "table").splitlines() == [
        "order    qty    ok    note    who",
        "-------  -----  ----  ------  ------",
        "SO-1     1200   yes           Chen",
        "SO-22    -3     no    padded  Li\\tNa",
    ]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(["a", " ", "\n", "\t", "\x1b", "\u3000", "\xa0", "\u202e", "\u2028", "宏", "\r"]))
)
def test_terminal_fast_path_keeps_what_the_slow_path_keeps(text):
    """terminal() checks a many-line report at C speed; it returns what the character-by-character
    path would have (the newlines and tabs kept, everything else unsafe escaped)."""
    from gendan.core.text import _escape, _unsafe, terminal

    slow = "".join(ch if ch in " \n\t" or not _unsafe(ch) else _escape(ch) for ch in text)
    assert terminal(text) == slow


def _wcswidth_width(text: str) -> int:
    """What display_width measured every cell with before its ASCII fast path."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(st.characters(max_codepoint=127)),  # ASCII, control characters and NUL included
        st.text(st.sampled_from("aZ 9-…跟单订单ＡＢé\u0301\u200b\x00\x1b\t\n\x7f")),
        st.text(),
    )
)
def test_display_width_fast_path_agrees_with_wcswidth(text):
    assert display_width(text) == _wcswidth_width(text)


def test_fit_measures_ascii_and_chinese_cells_alike():
    # 17 columns: the id column takes 4, the gap 2, what is left is 11 columns for the text
    table = [["SO-1", "跟单 ok"], ["SO-22", "plain text"]]  # "跟单 ok" is 7 columns wide
    assert fit(table, ["id", "what"], 17) == (table, ["id", "what"], 0, 2)
    cut, _, dropped, _ = fit([["SO-1", "a" * 30]], ["id", "what"], 17)
    assert cut == [["SO-1", "a" * 10 + "…"]] and dropped == 0
    cut, _, dropped, _ = fit([["SO-1", "跟单" * 10]], ["id", "what"], 17)
    assert cut == [["SO-1", "跟单跟单跟…"]] and display_width(cut[0][1]) == 11


def _fit_cell_by_cell(table, headers, width):
    """fit as it was written first, measuring and cutting every cell on its own (the reference)."""
    from gendan.render.tables import GAP, MIN_COLUMN, display_width, is_figure

    ncols = len(headers) if headers is not None else (len(table[0]) if table else 0)
    head = [display_width(h) for h in headers] if headers is not None else [0] * ncols
    cells = [max([display_width(r[i]) for r in table] + [0]) for i in range(ncols)]
    padding = 2
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
        lo, hi = 1, max(widths)
        while lo < hi:
            cap = (lo + hi + 1) // 2
            if sum(max(min(n, cap), f) for n, f in zip(widths, floor, strict=True)) <= budget:
                lo = cap
            else:
                hi = cap - 1
        widths = [max(min(n, lo), f) for n, f in zip(widths, floor, strict=True)]
        spare = budget - sum(widths)
        for i, n in enumerate(natural[:kept]):
            extra = min(spare, n - widths[i])
            widths[i] += extra
            spare -= extra

    def one(text, w):  # shorten, character by character
        from wcwidth import wcwidth

        if display_width(text) <= w:
            return text
        out, used = [], 0
        for ch in text:
            cw = max(wcwidth(ch), 0)
            if used + cw > w - 1:
                break
            out.append(ch)
            used += cw
        return "".join(out).rstrip() + "…"

    cut = [[one(c, w) for c, w in zip(r[:kept], widths, strict=True)] for r in table]
    return cut, headers[:kept] if headers is not None else None, ncols - kept, padding


_cell = st.text(alphabet=st.sampled_from(["a", "b", " ", "-", "1", ".", "宏", "達", "é"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(_cell, min_size=n, max_size=n), max_size=8),
            st.one_of(st.none(), st.lists(_cell, min_size=n, max_size=n)),
        )
    ),
    st.integers(min_value=8, max_value=120),
)
def test_fit_column_by_column_is_fit_cell_by_cell(shape, width):
    """fit measures and cuts a column at a time (printable ASCII by len at C speed): the same
    cells, headers and verdicts as measuring and cutting every cell on its own."""
    from gendan.render.tables import fit

    table, headers = shape
    assert fit(table, headers, width) == _fit_cell_by_cell(table, headers, width)
