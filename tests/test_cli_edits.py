"""Everyday edits without opening the file: change (plain values, sizes and colours, prices,
refused when the order would become invalid) and done with several milestones."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gendan.store.yamlio import load_file
from tests.helpers import make_workspace, run

AS_OF = ("--as-of", "2026-11-30")
WHO = ("--requested-by", "Ingrid Berg", "--approved-by", "Zhang Wei", *AS_OF)
ORDER = "2026/SO-2026-0142/order.yaml"

TWO_LINES = """\
id: SO-1
customer: {name: A}
currency: USD
stage: confirmed
quality: as approved sample
po_date: 2026-11-02
ex_factory: 2027-03-01
lines:
  - colour: Black
    unit_price: 10.00
    sizes: {S: 100, M: 200, L: 200, XL: 100}
  - colour: Navy   # second colour
    unit_price: 10.00
    sizes: {S: 50, M: 100, L: 100, XL: 50}
"""


def text(root, rel=ORDER):
    return (root / rel).read_text(encoding="utf-8")


def test_change_writes_plain_numbers_not_tags(examples):
    # the reproduction: `length: !!float '58'`, `net_kg: !!float '10'`, also in `changes`
    assert run(examples, "change", "SO-2026-0142", "packing.carton", "58x38x40", *WHO).exit_code == 0
    assert run(examples, "change", "SO-2026-0142", "packing.net_kg", "10", *WHO).exit_code == 0
    assert run(examples, "change", "SO-2026-0142", "packing.gross_kg", "11.50", *WHO).exit_code == 0
    body = text(examples)
    assert "!!" not in body
    assert "  carton: {length: 58, width: 38, height: 40}\n" in body
    assert "  net_kg: 10\n" in body and "  gross_kg: 11.50\n" in body
    changes = load_file(examples / ORDER)["changes"]
    assert [(c["field"], c.get("old"), c["new"]) for c in changes] == [
        ("packing.carton", "60x40x45", "58x38x40"),
        ("packing.net_kg", None, 10),
        ("packing.gross_kg", None, Decimal("11.50")),
    ]
    assert "new: 10," in body and "new: 11.50," in body
    assert run(examples, "validate", "--as-of", "2026-11-30").exit_code == 0


def test_a_change_that_would_make_the_order_invalid_writes_nothing(tmp_path):
    # no packing rules: a carton alone is a packing that cannot be planned (E230)
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    before = text(root, "SO-1/order.yaml")
    result = run(root, "change", "SO-1", "packing.carton", "58x38x40", *WHO)
    assert result.exit_code == 1, result.output
    assert "SO-1: nothing written; the change would make the order invalid:" in result.stderr
    assert "SO-1/order.yaml:" in result.stderr and "E230" in result.stderr
    assert text(root, "SO-1/order.yaml") == before
    assert run(root, "validate", *AS_OF).exit_code == 0


def test_a_removed_size_comes_back_in_its_place(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    assert run(root, "change", "SO-1", "qty.Black.M", "0", *WHO).exit_code == 0
    assert "    sizes: {S: 100, L: 200, XL: 100}\n" in text(root, "SO-1/order.yaml")
    show = run(root, "show", "SO-1", *AS_OF)
    header = next(line for line in show.output.splitlines() if line.startswith("colour"))
    assert header.split()[:5] == ["colour", "S", "M", "L", "XL"]  # not M last
    back = run(root, "change", "SO-1", "qty.Black.M", "180", *WHO)
    assert back.exit_code == 0, back.output
    assert back.output.splitlines()[:3] == [
        "SO-1: qty.Black.M (none) -> 180 (requested by Ingrid Berg, approved by Zhang Wei)",
        "  new size M for Black",
        "  order quantity 700 -> 880 pcs",
    ]
    assert "    sizes: {S: 100, M: 180, L: 200, XL: 100}\n" in text(root, "SO-1/order.yaml")


def test_a_size_removed_from_every_line_comes_back_from_the_changes_log(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    assert run(root, "change", "SO-1", "qty.Black.L", "0", *WHO).exit_code == 0
    assert run(root, "change", "SO-1", "qty.Navy.L", "0", *WHO).exit_code == 0
    assert run(root, "change", "SO-1", "qty.Navy.L", "90", *WHO).exit_code == 0
    assert "    sizes: {S: 50, M: 100, L: 90, XL: 50}\n" in text(root, "SO-1/order.yaml")


def test_a_size_outside_the_run_needs_add_and_goes_in_size_order(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    before = text(root, "SO-1/order.yaml")
    refused = run(root, "change", "SO-1", "qty.Black.XXL", "30", *WHO)
    assert refused.exit_code == 2
    assert "no size 'XXL' in the size run of SO-1 (did you mean 'XL'?); sizes: S, M, L, XL" in refused.stderr
    assert "--add" in refused.stderr
    typo = run(root, "change", "SO-1", "qty.Black.MM", "30", *WHO)
    assert typo.exit_code == 2 and "(did you mean 'M'?)" in typo.stderr
    assert text(root, "SO-1/order.yaml") == before
    assert run(root, "change", "SO-1", "qty.Black.XS", "30", "--add", *WHO).exit_code == 0
    assert "    sizes: {XS: 30, S: 100, M: 200, L: 200, XL: 100}\n" in text(root, "SO-1/order.yaml")


def test_a_new_colour_needs_add_and_takes_its_price(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    before = text(root, "SO-1/order.yaml")
    typo = run(root, "change", "SO-1", "qty.Blak.M", "100", *WHO)
    assert typo.exit_code == 2 and "no colour 'Blak' in SO-1 (did you mean 'Black'?)" in typo.stderr
    assert text(root, "SO-1/order.yaml") == before
    added = run(root, "change", "SO-1", "qty.Olive.M", "120", "--add", "--price", "10.50", *WHO)
    assert added.exit_code == 0, added.output
    assert "  new colour Olive at USD 10.50 a piece" in added.output
    assert text(root, "SO-1/order.yaml").endswith(
        "  - colour: Olive\n    unit_price: 10.50\n    sizes: {M: 120}\nchanges:\n"
        "  - {date: 2026-11-30, field: qty.Olive.M, new: 120, requested_by: Ingrid Berg, approved_by: Zhang Wei, "
        "effect: new colour Olive at USD 10.50 a piece}\n"
    )
    same = run(root, "change", "SO-1", "qty.Sand.S", "60", "--add", *WHO)  # lines differ in price now
    assert same.exit_code == 2 and "--price" in same.stderr
    both = run(root, "change", "SO-1", "qty.Black.M", "60", "--price", "9", *WHO)
    assert both.exit_code == 2 and "price.Black" in both.stderr


def test_change_price(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    result = run(root, "change", "SO-1", "price.Navy", "8.75", *WHO)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "SO-1: price.Navy 10.00 -> 8.75 (requested by Ingrid Berg, approved by Zhang Wei)",
        "  order value USD 9,000.00 -> USD 8,625.00",  # 600 + 300 pcs at 10, then 300 at 8.75
    ]
    body = text(root, "SO-1/order.yaml")
    assert "  - colour: Navy   # second colour\n    unit_price: 8.75\n" in body
    assert load_file(root / "SO-1/order.yaml")["changes"][0]["new"] == Decimal("8.75")
    assert "old: 10.00, new: 8.75" in body


@pytest.mark.parametrize(
    "value,message",
    [
        ("1,200.50", "write prices without thousands separators: 1200.50, not 1,200.50"),
        ("-3", "a price is a number above zero, got '-3'"),
        ("0", "a price is a number above zero, got '0'"),
        ("cheap", "a price is a number like 8.75, got 'cheap'"),
        ("NaN", "a price is a number above zero"),
    ],
)
def test_change_price_bad_input(tmp_path, value, message):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    before = text(root, "SO-1/order.yaml")
    result = run(root, "change", "SO-1", "price.Navy", value, *WHO)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert text(root, "SO-1/order.yaml") == before


def test_change_quantity_with_a_thousands_comma(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": TWO_LINES})
    result = run(root, "change", "SO-1", "qty.Black.M", "1,200", *WHO)
    assert result.exit_code == 2 and "got '1,200', e.g. 1200" in result.stderr


def test_done_several_milestones_at_once(examples):
    result = run(
        examples,
        "done",
        "SO-2026-0142",
        "trims_in_house",
        "pp_meeting",
        "cutting_start",
        "--date",
        "2026-11-27",
        *AS_OF,
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "SO-2026-0142: trims_in_house done on 2026-11-27\n"
        "SO-2026-0142: pp_meeting done on 2026-11-27\n"
        "SO-2026-0142: cutting_start done on 2026-11-27\n"
    )
    milestones = load_file(examples / ORDER)["milestones"]
    assert {k: milestones[k] for k in ("trims_in_house", "pp_meeting", "cutting_start")} == {
        "trims_in_house": {"actual": "2026-11-27"},
        "pp_meeting": {"actual": "2026-11-27"},
        "cutting_start": {"actual": "2026-11-27"},
    }


def test_done_with_one_unknown_milestone_writes_nothing(examples):
    before = text(examples)
    result = run(examples, "done", "SO-2026-0142", "trims_in_house", "cuting_start", "pp_meeting", *AS_OF)
    assert result.exit_code == 2
    assert "nothing written: unknown milestone 'cuting_start' (did you mean 'cutting_start'?)" in result.stderr
    assert text(examples) == before


def test_done_with_one_already_done_writes_nothing(examples):
    before = text(examples)
    result = run(examples, "done", "SO-2026-0142", "trims_in_house", "pp_sample_approved", *AS_OF)
    assert result.exit_code == 1
    assert "pp_sample_approved is already done on 2026-11-10 (give --date to correct the date); nothing written" in (
        result.stderr
    )
    assert text(examples) == before
    assert run(examples, "done", "SO-2026-0142", *AS_OF).exit_code == 2  # at least one milestone
