"""`gendan overdue` on a small workspace and on the examples, through the CLI."""

import csv
import io
import json

import pytest

from tests.helpers import REPORT_BROKEN, REPORT_CONFIG, REPORT_FILES, make_workspace, run

AS_OF = ("--as-of", "2026-11-30")


@pytest.fixture
def ws(tmp_path):
    return make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG)


def rows(result):
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_items_kinds_owners_and_order(ws):
    result = run(ws, "overdue", *AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    got = [(i["order"], i["milestone"], i["owner"], i["due"], i["days_late"], i["kind"], i["severity"]) for i in items]
    # the at-risk order first, then overdue milestones (most late first), rule items, due soon
    assert got[0] == ("SO-B", "ex_factory", "Wang Min", "2026-12-04", 7, "at_risk", "critical")
    assert ("SO-A", "lab_dip_approved", "Chen Li", "2026-10-28", 33, "overdue", "high") in got
    assert ("SO-B", "shipping_marks_approved", "Wang Min", "2026-11-27", 3, "overdue", "high") in got
    # R4 and R5: cutting (X-27 working days = 2026-12-07) within 7 days, deposit and PP sample missing
    assert ("SO-A", "R4", "Liu Fang", "2026-12-07", -7, "R4", "high") in got
    assert ("SO-A", "R5", "Chen Li", "2026-12-07", -7, "R5", "high") in got
    # R6: ex-factory 2026-12-04, balance unpaid; finance chases it
    assert ("SO-B", "R6", "Liu Fang", "2026-12-04", -4, "R6", "high") in got
    assert ("SO-A", "pp_sample_submitted", "Chen Li", "2026-11-30", 0, "due_soon", "normal") in got
    assert got[-1] == ("SO-A", "cutting_start", "Chen Li", "2026-12-07", -7, "due_soon", "normal")
    # template milestones of stages SO-B passed are not reported; on hold and closed orders are left out
    assert not {i[1] for i in got if i[0] == "SO-B"} & {"lab_dip_submitted", "po_received", "deposit_received"}
    assert {i[0] for i in got} == {"SO-A", "SO-B"}
    ranks = [("critical", "high", "normal").index(i[6]) for i in got]
    assert ranks == sorted(ranks)
    # final inspection revised to 2026-12-10: beyond the 7-day window
    assert not [i for i in got if i[1] == "final_inspection"]


def test_within_and_filters(ws):
    wide = rows(run(ws, "overdue", *AS_OF, "--format", "csv", "--within", "14"))
    final = [r for r in wide if r["milestone"] == "final_inspection"]
    assert final == [
        {
            "order": "SO-B",
            "customer": '\'=HYPERLINK("http://x")',
            "milestone": "final_inspection",
            "owner": "Wang Min",
            "due": "2026-12-10",
            "days_late": "-10",
            "kind": "due_soon",
            "severity": "normal",
            "detail": "revised from 2026-12-03: sewing line short",
        }
    ]
    assert {r["owner"] for r in rows(run(ws, "overdue", *AS_OF, "--format", "csv", "--owner", "liu fang"))} == {
        "Liu Fang"
    }
    assert {r["order"] for r in rows(run(ws, "overdue", *AS_OF, "--format", "csv", "--merchandiser", "Wang Min"))} == {
        "SO-B"
    }
    assert {r["order"] for r in rows(run(ws, "overdue", *AS_OF, "--format", "csv", "--customer", "nordic"))} == {"SO-A"}
    assert {r["order"] for r in rows(run(ws, "overdue", *AS_OF, "--format", "csv", "--stage", "sampling"))} == {"SO-A"}


def test_csv_escapes_formulas_but_not_numbers(ws):
    text = run(ws, "overdue", *AS_OF, "--format", "csv").stdout
    assert "\n=" not in text and ",=" not in text and ',"=' not in text
    assert '"\'=HYPERLINK(""http://x"")"' in text
    assert ",-7,R4," in text  # a negative number stays a number


@pytest.mark.parametrize(
    "fmt,needle", [("markdown", "| SO-A "), ("html", "<td>SO-A</td>"), ("table", "SO-A     Nordic Outdoor AS")]
)
def test_formats(ws, fmt, needle):
    result = run(ws, "overdue", *AS_OF, "--format", fmt, "--wide")
    assert result.exit_code == 0 and needle in result.stdout


def test_quiet_and_fail_on_overdue(ws, tmp_path):
    assert run(ws, "overdue", *AS_OF, "--fail-on-overdue", "--format", "csv").exit_code == 1
    ws = make_workspace(tmp_path / "one", {"SO-A/order.yaml": REPORT_FILES["2026/SO-A/order.yaml"]}, REPORT_CONFIG)
    # SO-A has nothing past due before 2026-10-14 and the window is 0: nothing to report
    quiet = run(ws, "overdue", "--as-of", "2026-09-01", "--within", "0", "--quiet", "--fail-on-overdue")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    loud = run(ws, "overdue", "--as-of", "2026-09-01", "--within", "0")
    assert loud.stdout == "nothing overdue or due within 0 days (as of 2026-09-01)\n"
    # due soon only is not overdue
    soon = run(ws, "overdue", "--as-of", "2026-09-01", "--within", "60", "--fail-on-overdue", "--format", "csv")
    assert soon.exit_code == 0 and "due_soon" in soon.stdout and ",overdue," not in soon.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color(ws):
    from click.testing import CliRunner

    from gendan.cli import cli

    argv = ["-C", str(ws), "overdue", *AS_OF]
    coloured = CliRunner().invoke(cli, argv, color=True)
    assert "\x1b[31m" in coloured.stdout
    assert "\x1b[" not in CliRunner().invoke(cli, argv).stdout  # not a terminal
    assert "\x1b[" not in CliRunner().invoke(cli, argv, color=True, env={"NO_COLOR": "1"}).stdout


def test_invalid_order_reported_left_out_and_exit_1(tmp_path):
    root = make_workspace(tmp_path, {**REPORT_FILES, "2026/SO-E/order.yaml": REPORT_BROKEN}, REPORT_CONFIG)
    result = run(root, "overdue", *AS_OF, "--format", "csv")
    assert result.exit_code == 1
    assert "SO-E/order.yaml:4:13: E104 'ex_factory': 2026-13-01 is not a real date" in result.stderr
    assert "1 order file with problems left out of the report" in result.stderr
    assert {r["order"] for r in rows(result)} == {"SO-A", "SO-B"}


def test_empty_workspace(tmp_path):
    root = make_workspace(tmp_path, {})
    result = run(root, "overdue", *AS_OF)
    assert (result.exit_code, result.stdout) == (0, "nothing overdue or due within 7 days (as of 2026-11-30)\n")
    assert run(root, "overdue", *AS_OF, "--format", "json").stdout == "[]\n"


def test_bad_as_of(ws):
    result = run(ws, "overdue", "--as-of", "2026-11-31")
    assert result.exit_code == 2
    assert "--as-of" in result.stderr


def test_examples_on_2026_11_30(examples):
    result = run(examples, "overdue", *AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    got = [(i["order"], i["milestone"], i["owner"], i["due"], i["days_late"], i["kind"]) for i in items]
    # worst first: two orders whose forecast ex-factory is past the contract date
    assert got[:2] == [
        ("SO-2026-0127", "ex_factory", "Chen Li", "2027-01-08", 17, "at_risk"),
        ("SO-2026-0142", "ex_factory", "Chen Li", "2027-02-20", 6, "at_risk"),
    ]
    assert "11 working days after the contract date" in items[0]["detail"]
    # late fabric puts Fjord Kids at risk; the factory (Wang Gang) owns the missed cutting start
    assert ("SO-2026-0127", "fabric_in_house", "Li Na", "2026-11-13", 17, "overdue") in got
    assert ("SO-2026-0127", "cutting_start", "Wang Gang", "2026-11-27", 3, "overdue") in got
    # Atlas Workwear ships Friday with the balance unpaid: finance is told
    assert ("SO-2026-0120", "R6", "Liu Fang", "2026-12-04", -4, "R6") in got
    # the L/C amendment moved the deposit date; the reason shows
    lc = next(i for i in items if i["order"] == "SO-2026-0148" and i["milestone"] == "deposit_received")
    assert (lc["due"], lc["kind"]) == ("2026-12-04", "due_soon") and "amending the L/C" in lc["detail"]
    # held, closed, cancelled and delivered orders stay out
    assert {i["order"] for i in items}.isdisjoint({"SO-2026-0098", "SO-2025-0356", "SO-2025-0412"})
    assert run(examples, "overdue", *AS_OF, "--fail-on-overdue", "--quiet").exit_code == 1


def test_examples_mail_per_owner_rows(examples):
    result = run(examples, "overdue", *AS_OF, "--owner", "Li Na", "--format", "csv")
    assert [r["milestone"] for r in rows(result)] == [
        "trims_booked",
        "fabric_in_house",
        "fabric_booked",
        "trims_booked",
        "fabric_booked",
    ]
