"""done / revise / change through the CLI, on a copy of the example order."""

from __future__ import annotations

import pytest

from gendan.store.yamlio import load_file
from tests.helpers import run

AS_OF = ("--as-of", "2026-11-30")
ORDER = "2026/SO-2026-0142/order.yaml"


def data(root):
    return load_file(root / ORDER)


def test_done_records_the_actual_date(examples):
    result = run(examples, "done", "SO-2026-0142", "fabric_in_house", "--date", "2026-11-27", *AS_OF)
    assert result.exit_code == 0, result.output
    assert result.output == "SO-2026-0142: fabric_in_house done on 2026-11-27, 46 days early\n"
    assert data(examples)["milestones"]["fabric_in_house"] == {
        "planned": "2027-01-05",
        "revised": "2027-01-12",
        "reason": "mill delay",
        "actual": "2026-11-27",
    }
    again = run(examples, "done", "SO-2026-0142", "fabric_in_house", *AS_OF)
    assert again.exit_code == 1
    assert "already done on 2026-11-27 (give --date to correct the date)" in again.stderr


def test_done_today_on_a_new_milestone(examples):
    result = run(examples, "done", "SO-2026-0142", "trims_in_house", *AS_OF)
    assert result.output == "SO-2026-0142: trims_in_house done on 2026-11-30\n"
    assert data(examples)["milestones"]["trims_in_house"] == {"actual": "2026-11-30"}
    assert "  trims_in_house: {actual: 2026-11-30}\n" in (examples / ORDER).read_text()


@pytest.mark.parametrize(
    "args,message",
    [
        (["fabric_in_hous"], "unknown milestone 'fabric_in_hous' (did you mean 'fabric_in_house'?)"),
        (["fabric_in_house", "--date", "27/11/2026"], "'27/11/2026' is ambiguous (day/month or month/day?)"),
        (["fabric_in_house", "--date", "Nov 27"], "write it like 2026-12-02, 2026/12/02, 2026.12.02, 2026年12月2日"),
        (["fabric_in_house", "--date", "2026-02-30"], "2026-02-30 is not a real date"),
        (["fabric_in_house", "--date", "2026-12-05"], "2026-12-05 is after today (2026-11-30)"),
    ],
)
def test_done_bad_input(examples, args, message):
    before = (examples / ORDER).read_text()
    result = run(examples, "done", "SO-2026-0142", *args, *AS_OF)
    assert result.exit_code == 2
    assert message in result.stderr
    assert (examples / ORDER).read_text() == before


def test_revise_keeps_the_plan_and_records_the_reason(examples):
    result = run(
        examples, "revise", "SO-2026-0142", "fabric_in_house", "2027-01-15", "--reason", "mill: dyeing re-done", *AS_OF
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "SO-2026-0142: fabric_in_house revised to 2027-01-15 (planned 2027-01-05): mill: dyeing re-done\n"
    )
    assert data(examples)["milestones"]["fabric_in_house"] == {
        "planned": "2027-01-05",
        "revised": "2027-01-15",
        "reason": "mill: dyeing re-done",
    }
    assert run(examples, "revise", "SO-2026-0142", "fabric_in_house", "2027-01-15", *AS_OF).exit_code == 2
    bad = run(examples, "revise", "SO-2026-0142", "fabric_in_house", "15.01.2027", "--reason", "x", *AS_OF)
    assert bad.exit_code == 2 and "'15.01.2027' is ambiguous" in bad.stderr and "2027-04-03" in bad.stderr
    done = run(examples, "revise", "SO-2026-0142", "pp_sample_approved", "2026-12-01", "--reason", "x", *AS_OF)
    assert done.exit_code == 1 and "already done on 2026-11-10" in done.stderr


def test_change_quantity_is_logged(examples):
    result = run(
        examples,
        "change",
        "SO-2026-0142",
        "qty.Black.M",
        "450",
        "--requested-by",
        "Ingrid Berg",
        "--approved-by",
        "Zhang Wei",
        "--reason",
        "extra store",
        *AS_OF,
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "SO-2026-0142: qty.Black.M 400 -> 450 (requested by Ingrid Berg, approved by Zhang Wei)",
        "  order quantity 1200 -> 1250 pcs",
    ]
    d = data(examples)
    assert d["lines"][0]["sizes"] == {"S": 200, "M": 450, "L": 400, "XL": 200}
    assert d["changes"] == [
        {
            "date": "2026-11-30",
            "field": "qty.Black.M",
            "old": 400,
            "new": 450,
            "requested_by": "Ingrid Berg",
            "approved_by": "Zhang Wei",
            "reason": "extra store",
        }
    ]
    assert "sizes: {S: 200, M: 450, L: 400, XL: 200}" in (examples / ORDER).read_text()


def test_change_ex_factory_suggests_the_replan(examples):
    result = run(
        examples,
        "change",
        "SO-2026-0142",
        "ex_factory",
        "2027-03-05",
        "--requested-by",
        "Ingrid Berg",
        "--approved-by",
        "Zhang Wei",
        *AS_OF,
    )
    assert result.exit_code == 0, result.output
    assert "ex_factory 2027-02-20 -> 2027-03-05" in result.output
    assert "re-plan with: gendan plan SO-2026-0142 --write" in result.output
    assert data(examples)["ex_factory"] == "2027-03-05"


def test_change_packing_carton(examples):
    result = run(
        examples,
        "change",
        "SO-2026-0142",
        "packing.carton",
        "60x40x35",
        "--requested-by",
        "Ingrid Berg",
        "--approved-by",
        "Zhang Wei",
        *AS_OF,
    )
    assert result.exit_code == 0, result.output
    assert data(examples)["packing"]["carton"] == {"length": 60, "width": 40, "height": 35}
    assert data(examples)["changes"][-1]["new"] == "60x40x35"


@pytest.mark.parametrize(
    "args,message",
    [
        (["qty.Blak.M", "450"], "no colour 'Blak' in SO-2026-0142 (did you mean 'Black'?)"),
        (["qty.Black.XXL", "450"], "no size 'XXL' in the size run of SO-2026-0142 (did you mean 'XL'?)"),
        (["qty.Black.M", "many"], "a quantity is a whole number of pieces, got 'many'"),
        (["ex_factory", "2027-13-01"], "2027-13-01 is not a real date"),
        (["ex_factroy", "2027-03-01"], "cannot change 'ex_factroy' (did you mean 'ex_factory'?)"),
        (["packing.carton", "big"], "a carton is LENGTHxWIDTHxHEIGHT in cm"),
        (["qty.Black.M", "400"], "qty.Black.M is already 400; nothing to change"),
    ],
)
def test_change_bad_input(examples, args, message):
    before = (examples / ORDER).read_text()
    result = run(examples, "change", "SO-2026-0142", *args, "--requested-by", "I", "--approved-by", "Z", *AS_OF)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert (examples / ORDER).read_text() == before


def test_change_needs_who_asked_and_who_approved(examples):
    result = run(examples, "change", "SO-2026-0142", "qty.Black.M", "450", "--requested-by", "I", *AS_OF)
    assert result.exit_code == 2
    assert "--approved-by" in result.stderr


PACKED = """\
id: SO-1
customer: {name: A}
stage: confirmed
lines:
  - colour: Black
    unit_price: 10.00
    sizes: {S: 24, M: 48}
packing:
  rules:
    - {mode: solid, pieces_per_carton: 12}   # 12 a carton, one size
"""


def test_change_removes_a_size_and_sets_pieces_per_carton(tmp_path):
    from tests.helpers import make_workspace

    root = make_workspace(tmp_path, {"SO-1/order.yaml": PACKED})
    who = ("--requested-by", "I", "--approved-by", "Z", *AS_OF)
    result = run(root, "change", "SO-1", "qty.Black.S", "0", *who)
    assert result.exit_code == 0, result.output
    result = run(root, "change", "SO-1", "packing.pieces_per_carton", "24", *who)
    assert result.exit_code == 0, result.output
    text = (root / "SO-1/order.yaml").read_text()
    assert "    sizes: {M: 48}\n" in text
    assert "    - {mode: solid, pieces_per_carton: 24}   # 12 a carton, one size\n" in text
    assert [(c["field"], c["old"], c["new"]) for c in load_file(root / "SO-1/order.yaml")["changes"]] == [
        ("qty.Black.S", 24, 0),
        ("packing.pieces_per_carton", 12, 24),
    ]
    last = run(root, "change", "SO-1", "qty.Black.M", "0", *who)
    assert last.exit_code == 2 and "Black would have no sizes left" in last.stderr
