"""Issue 15, data loss and crashes: every date, text and number `validate` accepts is one every
command handles; what it refuses is refused where it enters (file, option, gendan.yaml), with
exit 2 and nothing written. Each test is a reproduction that failed on the main of 2026-12-02.
"""

from __future__ import annotations

import pytest

from tests.helpers import copy_examples, run

AS_OF = "2026-11-30"
ORDER = "2026/SO-2026-0150/order.yaml"
RANGE = "is outside the dates gendan plans with (1990-01-01 to 2100-12-31)"
REPORTS = [
    ("status",),
    ("overdue",),
    ("list",),
    ("plan", "SO-2026-0150"),
    ("show", "SO-2026-0150"),
    ("whatif", "--slip", "fabric_in_house=5"),
]


@pytest.fixture
def ws(tmp_path):
    return copy_examples(tmp_path / "ws")


def assert_every_report_runs(root, as_of=AS_OF, broken=False):
    """Every report runs; with `broken` (SO-2026-0150 invalid), commands on that one order say so."""
    for args in REPORTS:
        result = run(root, "--as-of", as_of, *args)
        if broken and "SO-2026-0150" in args:
            assert result.exit_code in (1, 2) and RANGE in result.output, (args, result.output)
            continue
        assert result.exit_code in (0, 1), (args, result.output)
        assert "internal error" not in result.output
    out = root.parent / "out"
    out.mkdir(exist_ok=True)
    for args in (("tracker", "-o", str(out / "t.xlsx")), ("site", "-o", str(out / "site"))):
        result = run(root, "--as-of", as_of, *args)
        assert result.exit_code == (1 if broken else 0), (args, result.output)
        assert "internal error" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("change", "SO-2026-0150", "ex_factory", "9999-11-01", "--requested-by", "b", "--approved-by", "a"),
        ("revise", "SO-2026-0150", "fabric_in_house", "9999-12-25", "--reason", "x"),
        ("revise", "SO-2026-0150", "fabric_in_house", "9999-12-31", "--reason", "x"),
        ("done", "SO-2026-0150", "fabric_in_house", "--date", "1899-12-31"),
    ],
)
def test_a_far_date_in_an_edit_is_refused_and_nothing_written(ws, args):
    before = (ws / ORDER).read_bytes()
    result = run(ws, *args, "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert RANGE in result.output and "internal error" not in result.output
    assert (ws / ORDER).read_bytes() == before
    assert_every_report_runs(ws)


def test_a_far_date_in_an_order_file_is_a_located_problem_and_reports_go_on(ws):
    text = (ws / ORDER).read_text(encoding="utf-8")
    (ws / ORDER).write_text(text.replace("ex_factory: 2027-04-15", "ex_factory: 9999-11-01"), encoding="utf-8")
    result = run(ws, "validate", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert f"{ORDER}:23:13: E104 'ex_factory': 9999-11-01 {RANGE}" in result.output
    assert_every_report_runs(ws, broken=True)  # the bad order is left out, the others reported


@pytest.mark.parametrize("where", ["--as-of", "global"])
def test_as_of_far_in_the_future_is_a_usage_error(ws, where):
    args = ("--as-of", "9999-12-31", "status") if where == "global" else ("status", "--as-of", "9999-12-31")
    result = run(ws, *args)
    assert result.exit_code == 2
    assert f"9999-12-31 {RANGE}" in result.output


def test_the_last_plannable_day_works_in_every_report(ws):
    assert_every_report_runs(ws, as_of="2100-12-31")
    result = run(ws, "whatif", "--slip", "fabric_in_house=3660", "--as-of", "2100-12-31")
    assert result.exit_code in (0, 1) and "internal error" not in result.output


@pytest.mark.parametrize("slip", ["fabric_in_house=99999999", "fabric_in_house=-3661"])
def test_a_huge_slip_is_refused(ws, slip):
    result = run(ws, "whatif", "--slip", slip, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "at most 3660 working days either way" in result.output


def test_a_template_offset_is_bounded(ws):
    """A template offset of 5,000,000 working days took every report down."""
    from gendan.store.configfile import DEFAULTS_PATH

    defaults = DEFAULTS_PATH.read_text(encoding="utf-8")
    templates = defaults[defaults.index("milestone_templates:") : defaults.index("tracker_milestones:")]
    old = "{key: po_received, anchor: po_date, offset: 0,"
    assert old in templates
    with (ws / "gendan.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + templates.replace(old, "{key: po_received, anchor: po_date, offset: 5000000,"))
    result = run(ws, "status", "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert "less than or equal to 3660" in result.output and "internal error" not in result.output


def test_a_closure_to_9999_is_refused(ws):
    cfg = ws / "gendan.yaml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace("to: 2027-02-19}", "to: 9999-02-19}"), encoding="utf-8")
    result = run(ws, "status", "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert f"9999-02-19 {RANGE}" in result.output and "internal error" not in result.output
