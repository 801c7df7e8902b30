from __future__ import annotations

import csv
import io
import json

from tests.helpers import make_workspace, run


def test_list_filters_by_stage_and_customer(examples):
    result = run(examples, "list", "--stage", "production", "--stage", "materials", "--customer", "KIDS", "--wide")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "id            customer       style     stage      pieces    value          ex-factory\n"
        "------------  -------------  --------  ---------  --------  -------------  ------------\n"
        "SO-2026-0127  Fjord Kids AS  FK-PJ-26  materials  2,160     USD 36,504.00  2027-01-08\n"
    )


def test_list_every_example_once(examples):
    rows = json.loads(run(examples, "list", "--format", "json").stdout)
    assert len(rows) == 14
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    jp = next(r for r in rows if r["id"] == "SO-2026-0148")
    assert jp == {
        "id": "SO-2026-0148",
        "customer": "Kawamura Shoji Co., Ltd.",
        "style": "0012",
        "stage": "reviewed",
        "pieces": 3600,
        "value": "1368000",
        "currency": "JPY",
        "ex_factory": "2027-03-12",
    }


def test_list_merchandiser_csv_and_markdown(examples):
    out = run(examples, "list", "--merchandiser", "zhang", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [
        "SO-2026-0098",
        "SO-2026-0104",
        "SO-2026-0120",
        "SO-2026-0133",
        "SO-2026-0148",
        "SO-2026-0150",
    ]
    assert rows[0]["value"] == "10080.00" and rows[0]["currency"] == "USD"
    md = run(examples, "list", "--stage", "closed", "--format", "markdown").stdout
    assert (
        md.splitlines()[2]
        == "| SO-2025-0356 | Nordic Outdoor AS | FL-1180 | closed  | 2,700    | USD 26,730.00 | 2026-03-13   |"
    )


def test_list_unknown_stage_is_a_usage_error(examples):
    result = run(examples, "list", "--stage", "shiping")
    assert result.exit_code == 2
    assert result.stderr.startswith("gendan: unknown stage 'shiping' (did you mean 'shipping'?); stages are inquiry,")


def test_list_reports_invalid_orders_and_lists_the_rest(tmp_path, monkeypatch):
    root = make_workspace(
        tmp_path,
        {
            "SO-1/order.yaml": "id: SO-1\ncustomer: {name: Nordic}\nstage: inquiry\n",
            "SO-2/order.yaml": "id: SO-2\ncustomer: {name: Broken}\nstage: inquiry\nlines: {}\n",
        },
    )
    monkeypatch.chdir(root)
    result = run(root, "list", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout == "id,customer,style,stage,pieces,value,currency,ex-factory\nSO-1,Nordic,,inquiry,0,0,,\n"
    assert result.stderr.startswith("SO-2/order.yaml:4:8: E103 ")


def test_list_nothing_matches(examples):
    result = run(examples, "list", "--customer", "nobody")
    assert (result.exit_code, result.stdout) == (0, "(no orders)\n")
