"""Tables at home in a Chinese merchandiser's terminal (issue 17): wide characters measured as two
columns, every table command fitted to 80 columns (or $COLUMNS), --wide shows everything, machine
formats never shortened. Alignment is checked by display width, from the printed text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth, wcwidth

from gendan.render.tables import display_width, fit, render, shorten
from tests.helpers import commit_all, copy_examples, fuzz, replace_in, run

AS_OF = ("--as-of", "2026-12-01")
ORDER = "SO-2026-0142"  # in production, late at AS_OF: it shows in every report

# every command that prints a table, on the order with the Chinese names
TABLE_COMMANDS = {
    "overdue": ["overdue", "--within", "30"],
    "status": ["status"],
    "show": ["show", ORDER],
    "list": ["list"],
    "packing": ["packing", ORDER],
    "whatif": ["whatif", "--slip", "fabric_in_house=7"],
    "plan": ["plan", ORDER],
    "doc": ["doc", "--list"],
    "aql": ["aql", "--lot", "3000", "--aql", "1.0", "--aql", "2.5", "--aql", "4.0", "--cartons", "120"],
}


@pytest.fixture
def cjk(tmp_path: Path) -> Path:
    """The examples, with SO-2026-0142 bought by 宁波宏达服装有限公司, followed by 王小梅, made in
    粉色 Pink, and its milestones owned by 王小梅."""
    root = copy_examples(tmp_path / "ws")
    order = root / "2026" / ORDER / "order.yaml"
    replace_in(order, "customer: {name: Nordic Outdoor AS,", "customer: {name: 宁波宏达服装有限公司,")
    replace_in(order, "merchandiser: Chen Li", "merchandiser: 王小梅")
    replace_in(
        order, "factory: {name: Ningbo Hongda Garment Co.,", "factory: {name: 宁波宏达服装有限公司 Ningbo Hongda,"
    )
    replace_in(order, "  - colour: Black", "  - colour: 粉色 Pink")
    text = order.read_text(encoding="utf-8").replace("owner: Chen Li}", "owner: 王小梅}")
    order.write_text(text, encoding="utf-8")
    assert run(root, *AS_OF, "validate").exit_code == 0
    return root


def tables(text: str) -> list[list[str]]:
    """Each table in `text` (tabulate's simple format): its header line, dash line and rows."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        if i and re.fullmatch(r"-+(  -+)*", line):
            rows = []
            for row in lines[i + 1 :]:
                if not row.strip() or row.startswith("("):
                    break
                rows.append(row)
            found.append([lines[i - 1], line, *rows])
    return found


def cells(line: str) -> list[str]:
    """The line as display cells: a wide character is followed by an empty cell."""
    out = []
    for ch in line:
        out.append(ch)
        out.extend([""] * (max(wcwidth(ch), 1) - 1))
    return out


def assert_aligned(table: list[str]) -> None:
    """Every column of every row starts where its dashes start, measured in display columns: the
    two cells before a column are blank in every line, and no row is wider than the dashes."""
    dashes = table[1]
    starts = [m.start() for m in re.finditer(r"-+", dashes)]
    for line in [table[0], *table[2:]]:
        shown = cells(line)
        assert len(shown) <= len(dashes), (line, dashes)
        for start in starts[1:]:
            assert shown[start - 2 : start] in ([" ", " "], [" "], []), (line, dashes)
            if start < len(shown) and shown[start] == " ":
                # an empty cell: blank up to the next column
                nxt = next((s for s in starts if s > start), len(shown))
                assert "".join(shown[start:nxt]).strip() == "", (line, dashes)


@pytest.mark.parametrize("name", sorted(TABLE_COMMANDS))
def test_every_table_fits_80_columns_with_chinese_names(cjk, name):
    result = run(cjk, *AS_OF, *TABLE_COMMANDS[name], env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip()
    for line in result.stdout.splitlines():
        assert wcswidth(line) <= 80, line
    found = tables(result.stdout)
    assert found, result.stdout
    for table in found:
        assert_aligned(table)


@pytest.mark.parametrize("name", sorted(TABLE_COMMANDS))
def test_wide_shows_every_column_aligned(cjk, name):
    result = run(cjk, *AS_OF, *TABLE_COMMANDS[name], "--wide", env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1), result.output
    assert "…" not in result.stdout and "--wide shows" not in result.stdout
    for table in tables(result.stdout):
        assert_aligned(table)


def test_the_chinese_names_are_in_the_tables(cjk):
    """The fixture's names reach the tables they belong to (else the alignment tests test nothing)."""
    wide = {name: run(cjk, *AS_OF, *args, "--wide").stdout for name, args in TABLE_COMMANDS.items()}
    assert "宁波宏达服装有限公司" in wide["overdue"] and "王小梅" in wide["overdue"]
    assert "王小梅" in wide["status"] and "宁波宏达服装有限公司" in wide["list"]
    assert "粉色 Pink" in wide["show"] and "粉色 Pink" in wide["packing"]
    assert "宁波宏达服装有限公司" in wide["whatif"]
    # at 80 columns the customer is still there, shortened by display width
    narrow = run(cjk, *AS_OF, "overdue", "--within", "30", env={"COLUMNS": "80"}).stdout
    assert "宁波" in narrow


def test_columns_follows_the_terminal(cjk):
    for width in (60, 100, 140):
        out = run(cjk, *AS_OF, "overdue", "--within", "30", env={"COLUMNS": str(width)}).stdout
        assert max(wcswidth(line) for line in out.splitlines()) <= width
    wide = run(cjk, *AS_OF, "overdue", "--within", "30", env={"COLUMNS": "400"}).stdout
    assert "…" not in wide and "--wide shows" not in wide


def test_figures_and_order_ids_are_never_shortened(cjk):
    out = run(cjk, *AS_OF, "list", env={"COLUMNS": "60"}).stdout
    wide = run(cjk, *AS_OF, "list", "--format", "json").stdout
    for order in json.loads(wide):
        line = next(ln for ln in out.splitlines() if ln.startswith(order["id"] + " "))
        assert f"{order['pieces']:,}" in line, line


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_machine_formats_are_never_shortened(cjk, fmt):
    out = run(cjk, *AS_OF, "overdue", "--within", "30", "--format", fmt, env={"COLUMNS": "40"}).stdout
    assert "…" not in out and "--wide" not in out
    assert "宁波宏达服装有限公司" in out
    assert "forecast ex-factory" in out  # the long detail column, whole


def test_mail_tables_are_whole():
    rows = [{"a": "x" * 200, "b": "宁波宏达服装有限公司"}]
    assert "x" * 200 in render(rows, "table", width=None)


# --- the fitting itself --------------------------------------------------------------------

text = st.text(st.sampled_from("ab 王小梅粉色宁波-,.1"), max_size=40)


@fuzz(400)
@given(
    st.integers(1, 6).flatmap(lambda n: st.lists(st.lists(text, min_size=n, max_size=n), min_size=1, max_size=5)),
    st.integers(20, 120),
)
def test_fit_stays_within_the_width_and_keeps_the_key(rows, width):
    headers = ["id", "name", "note", "qty", "colour", "owner"][: len(rows[0])]
    out = render([dict(zip(headers, r, strict=True)) for r in rows], "table", headers, width=width)
    lines = out.splitlines()
    body = [ln for ln in lines if not ln.startswith("(")]
    if lines[-1].startswith("("):
        assert "--wide shows" in lines[-1]
    if display_width(headers[0]) + max(display_width(r[0].strip()) for r in rows) <= width:
        assert max(wcswidth(ln) for ln in body) <= width, out
    assert_aligned(tables(out)[0])


@given(text, st.integers(1, 40))
def test_shorten(s, width):
    cut = shorten(s, width)
    assert display_width(cut) <= max(width, 1) or cut == s
    assert cut == s or (cut.endswith("…") and s.startswith(cut[:-1].rstrip()))


def test_fit_leaves_out_columns_from_the_right_and_says_so():
    table = [["SO-1", "a" * 30, "b" * 30, "c" * 30]]
    cut, headers, left_out, _ = fit(table, ["id", "x", "y", "z"], 30)
    assert headers == ["id", "x", "y"][: len(headers)] and left_out == 4 - len(headers)
    assert cut[0][0] == "SO-1"


LONG_TEXT = (
    "Each jacket folded with tissue paper, polybag with a suffocation warning in Norwegian and English, "
    "6 pieces per inner carton, solid colour solid size per export carton, shipping marks on two long "
    "sides: NORDIC OUTDOOR / PO NO-88213 / STYLE JK-2207 / COLOUR / SIZE / QTY / C/NO. / MADE IN CHINA"
)


def test_log_wraps_long_entries_under_their_entry_and_wide_keeps_them_whole(cjk):
    """A changed packing text made `log` lines of over 1,000 characters: at 80 columns every
    line fits (measured in display columns: the requester's name is Chinese), the continuation
    lines are indented under their entry, and no word is lost; --wide prints one line each."""
    commit_all(cjk, "orders")
    changed = run(
        cjk, "change", ORDER, "packing.instructions", LONG_TEXT, "--requested-by", "王小梅 宁波宏达服装有限公司",
        "--approved-by", "Chen Li", "--reason", "the Oslo warehouse could not read the marks",
    )  # fmt: skip
    assert changed.exit_code == 0, changed.output
    commit_all(cjk, "packing text")
    narrow = run(cjk, "log", ORDER, env={"COLUMNS": "80"}).stdout.splitlines()
    wide = run(cjk, "log", ORDER, "--wide", env={"COLUMNS": "80"}).stdout.splitlines()
    assert max(display_width(line) for line in wide) > 300  # the case this is about
    # (but for the file's path on top: the test's workspace path is one long word, never broken)
    assert all(display_width(line) <= 80 for line in narrow[1:]), narrow
    assert len(narrow) > len(wide)
    assert " ".join(" ".join(narrow).split()) == " ".join(" ".join(wide).split())  # same words, same order
    start = next(i for i, line in enumerate(narrow) if line.strip().startswith("packing.instructions"))
    assert narrow[start].startswith(" " * 14) and not narrow[start].startswith(" " * 15)
    follow = narrow[start + 1]
    assert follow.startswith(" " * 16) and not follow.startswith(" " * 17), narrow[start : start + 3]
    assert "宁波宏达服装有限公司" in " ".join(narrow)
