from __future__ import annotations

import json

from tests.helpers import make_workspace, run

SHOW_0127 = """\
order         SO-2026-0127
customer      Fjord Kids AS (NO)
PO            FK-2026-0419
merchandiser  Chen Li
factory       Ningbo Hongda Garment Co.
style         FK-PJ-26 kids' padded winter jacket with detachable hood
stage         materials (面辅料)
incoterm      FOB Ningbo
payment       deposit_balance 30%
PO date       2026-09-14
ex-factory    2027-01-08
pieces        2,160
value         USD 36,504.00

colour       98    104    110    116    122    128    total    price    amount
-----------  ----  -----  -----  -----  -----  -----  -------  -------  -------------
Red          80    120    160    160    120    80     720      16.90    USD 12,168.00
Navy         80    120    160    160    120    80     720      16.90    USD 12,168.00
Olive Night  80    120    160    160    120    80     720      16.90    USD 12,168.00
total        240   360    480    480    360    240    2160              USD 36,504.00

kind     amount         due    received    confirmed_by
-------  -------------  -----  ----------  --------------
deposit  USD 10,951.20         2026-09-25  Liu Fang
balance  USD 25,552.80

received USD 10,951.20, outstanding USD 25,552.80

next milestones (as of 2026-11-30):
milestone        due         owner      revised    late
---------------  ----------  ---------  ---------  ------------
fabric_in_house  2026-11-13  Li Na                 17 days late
pp_meeting       2026-11-24  Wang Gang             6 days late
trims_in_house   2026-11-25  Zhou Min              5 days late
cutting_start    2026-11-27  Wang Gang             3 days late
"""


def test_show_late_order(examples):
    result = run(examples, "--as-of", "2026-11-30", "show", "SO-2026-0127", "--wide")
    assert result.exit_code == 0, result.output
    assert result.stdout == SHOW_0127


def test_show_json_has_totals_and_outstanding(examples):
    result = run(examples, "show", "SO-2026-0148", "--as-of", "2026-11-30", "--format", "json")
    data = json.loads(result.stdout)
    assert data["style"] == "0012"
    assert data["sizes"] == ["90", "100", "110", "120", "130", "140"]
    assert data["totals"] == {"90": 400, "100": 600, "110": 800, "120": 800, "130": 600, "140": 400, "total": 3600}
    assert (data["value"], data["received"], data["outstanding"]) == ("1368000", "0", "1368000")  # an L/C is not cash
    assert data["next_milestones"] == [
        {"milestone": "deposit_received", "due": "2026-12-04", "owner": "Liu Fang", "revised": True, "late_days": -4}
    ]


def test_show_sizes_missing_in_a_colour_count_as_zero(tmp_path):
    root = make_workspace(
        tmp_path,
        {
            "SO-1/order.yaml": """\
        id: SO-1
        customer: {name: N}
        stage: inquiry
        currency: EUR
        lines:
          - {colour: Ecru, unit_price: 9.40, sizes: {36: 10, 38: 20}}
          - {colour: Rouge, unit_price: 9.40, sizes: {38: 5, 40: 5}}
        """
        },
    )
    out = run(root, "show", "SO-1").stdout
    assert "Ecru      10    20    0     30       9.40     EUR 282.00" in out
    assert "total     10    25    5     40                EUR 376.00" in out
    assert "received EUR 0.00, outstanding EUR 376.00" in out


def test_show_invalid_order_is_located(tmp_path, monkeypatch):
    root = make_workspace(
        tmp_path, {"SO-1/order.yaml": "id: SO-1\ncustomer: {name: N}\nstage: inquiry\nex_factory: 2027-02-30\n"}
    )
    monkeypatch.chdir(root)
    result = run(root, "show", "SO-1")
    assert result.exit_code == 2
    assert result.stderr == (
        "SO-1/order.yaml:4:13: E104 'ex_factory': 2027-02-30 is not a real date (day is out of range for month)\n"
    )


def test_show_unknown_id_suggests(examples):
    result = run(examples, "show", "SO-2026-142")
    assert result.exit_code == 2
    assert "no order SO-2026-142 in" in result.stderr and "(did you mean 'SO-2026-0142'?)" in result.stderr
