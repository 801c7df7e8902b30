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
    assert [(r["order"], r["ex_factory"], r["forecast"], r["late_days"]) for r in st["at_risk"]] == [
        ("SO-B", "2026-12-04", "2026-12-11", 5)
    ]
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
    # ISO weeks from Monday 2026-11-30; SO-B's forecast ex-factory (Fri 2026-12-11) is next week
    assert (st["this_week"]["from"], st["this_week"]["to"], st["this_week"]["orders"]) == (
        "2026-11-30",
        "2026-12-06",
        [],
    )
    assert [r["order"] for r in st["next_week"]["orders"]] == ["SO-B"]


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
    assert [r["order"] for r in st["at_risk"]] == ["SO-2026-0127", "SO-2026-0142"]
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
