"""Tables laid out by tabulate from one cell per column print exactly what cell-by-cell tabulate prints."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate as per_cell

from gendan.render.tables import render, tabulate

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


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text(alphabet=st.sampled_from(["a", "宏", "\u3000"])))
def test_display_width_of_ascii_is_what_wcwidth_says(text):
    """Printable ASCII is measured at C speed (one column a character), everything else by
    wcwidth: the same widths either way."""
    from wcwidth import wcswidth

    from gendan.render.tables import display_width

    width = wcswidth(text)
    assert display_width(text) == (width if width >= 0 else len(text))
