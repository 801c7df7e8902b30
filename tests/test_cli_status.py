"""`gendan status`: the pipeline per stage, risks, holds, ex-factory this week and next."""

import json

from tests.helpers import REPORT_BROKEN, REPORT_CONFIG, REPORT_FILES, make_workspace, run


def test_status_json(tmp_path):
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG)
    result = run(root, "status", "--as-of", "2026-11-30", "--format", "json")
    assert result.exit_code == 0, result.output
    st = json.loads(result.stdout)
    assert st["pipeline"] == [
        {"group": "", "stage": "sampling", "orders": 1, "pieces": 200, "value": {"USD": "2000.00"}},
        {"group": "", "stage": "inspection", "orders": 1, "pieces": 500, "value": {"EUR": "2125.00"}},
        {"group": "", "stage": "closed", "orders": 1, "pieces": 10, "value": {"USD": "20.00"}},
        {"group": "", "stage": "on_hold", "orders": 1, "pieces": 10, "value": {"USD": "10.00"}},
    ]
    assert [(r["order"], r["ex_factory"], r["forecast"], r["working_days_late"]) for r in st["at_risk"]] == [
        # SO-A's fit sample, due 2026-10-21, is not in: fit comments, PP sample, PP approval and cutting follow
        # it, and cutting + 27 working days crosses the 2027 closure
        ("SO-A", "2027-01-14", "2027-03-05", 21),
        # SO-B's forwarder is not booked (due 2026-11-20): booked today at the earliest, ex-factory 10 working
        # days later, Mon 2026-12-14: 6 working days after Fri 2026-12-04 (Dec 7..11, 14)
        ("SO-B", "2026-12-04", "2026-12-14", 6),
    ]
    assert [r["chain"] for r in st["at_risk"]][1] == (
        "ex_factory 2026-12-14 ← forwarder_booking 2026-11-30 (due 2026-11-20, not done by today)"
    )
    assert st["on_hold"] == [
        {
            "order": "SO-C",
            "customer": "Acme",
            "merchandiser": "Chen Li",
            "since": "2026-11-02",
            "from": "materials",
            "reason": "customer review",
        }
    ]
    # ISO weeks from Monday 2026-11-30; SO-B's forecast ex-factory (Mon 2026-12-14) is after next week
    assert (st["this_week"]["from"], st["this_week"]["to"], st["this_week"]["orders"]) == (
        "2026-11-30",
        "2026-12-06",
        [],
    )
    assert st["next_week"]["orders"] == []


def test_status_by_merchandiser_table(tmp_path):
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG)
    result = run(root, "status", "--as-of", "2026-11-30", "--group-by", "merchandiser")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Pipeline as of 2026-11-30"
    assert lines[1].split() == ["merchandiser", "stage", "orders", "pieces", "value"]
    assert [line.split()[:3] for line in lines[3:7]] == [
        ["Chen", "Li", "sampling"],
        ["Chen", "Li", "closed"],
        ["Chen", "Li", "on_hold"],
        ["Wang", "Min", "inspection"],
    ]
    assert "EUR 2,125.00" in lines[6]
    assert "Ex-factory this week (2026-11-30 to 2026-12-06)\n(none)" in result.stdout


def test_status_examples(examples):
    result = run(examples, "status", "--as-of", "2026-11-30", "--format", "json")
    assert result.exit_code == 0, result.output
    st = json.loads(result.stdout)
    pipeline = {r["stage"]: r for r in st["pipeline"]}
    assert list(pipeline)[:3] == ["inquiry", "confirmed", "reviewed"]
    assert list(pipeline)[-2:] == ["on_hold", "cancelled"]
    assert pipeline["production"] == {
        "group": "",
        "stage": "production",
        "orders": 1,
        "pieces": 1200,
        "value": {"USD": "22200.00"},
    }
    # worst first: 0142 waits for its fabric (24 working days), 0127 for its overdue fabric (9), and
    # 0133's PP approval, expected 2026-12-21, leaves no 5 working days before cutting on 2026-12-22 (4)
    assert [(r["order"], r["working_days_late"]) for r in st["at_risk"]] == [
        ("SO-2026-0142", 24),
        ("SO-2026-0127", 9),
        ("SO-2026-0133", 4),
    ]
    assert st["at_risk"][0]["chain"] == (
        "ex_factory 2027-03-25 ← cutting_start 2027-01-26 ← fabric_in_house 2027-01-12 (revised: mill delay)"
    )
    assert [r["order"] for r in st["on_hold"]] == ["SO-2026-0098"]
    assert [(r["order"], r["ex_factory"]) for r in st["this_week"]["orders"]] == [("SO-2026-0120", "2026-12-04")]
    by = run(examples, "status", "--as-of", "2026-11-30", "--group-by", "merchandiser", "--format", "json")
    groups = {r["group"] for r in json.loads(by.stdout)["pipeline"]}
    assert {"Chen Li", "Zhang Wei"} <= groups


def test_status_csv_markdown_html_empty_and_broken(tmp_path):
    root = make_workspace(tmp_path, REPORT_FILES, REPORT_CONFIG)
    assert run(root, "status", "--as-of", "2026-11-30", "--format", "csv").stdout.splitlines()[:2] == [
        "stage,orders,pieces,value",
        'sampling,1,200,"USD 2,000.00"',
    ]
    assert "## On hold" in run(root, "status", "--format", "markdown").stdout
    assert "<h2>On hold</h2>" in run(root, "status", "--format", "html").stdout
    empty = make_workspace(tmp_path / "e", {})
    result = run(empty, "status")
    assert result.exit_code == 0 and "Pipeline as of" in result.stdout and "(none)" in result.stdout
    (root / "2026/SO-E").mkdir()
    (root / "2026/SO-E/order.yaml").write_text(REPORT_BROKEN)
    bad = run(root, "status", "--format", "json")
    assert bad.exit_code == 1 and "SO-E/order.yaml:4:13: E104" in bad.stderr
    assert len(json.loads(bad.stdout)["pipeline"]) == 4
