"""Packing arithmetic: every piece in exactly one carton, numbers 1..N, weights and CBM."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gendan.core.errors import GendanError
from gendan.core.model import Order
from gendan.domain.packing import build_plan, mismatches, packing_findings
from gendan.store.parse import adapter
from tests.helpers import make_workspace, run

SIZES = ["XS", "S", "M", "L", "XL", "XXL"]


def order(lines, rules, **packing) -> Order:
    data = {
        "id": "SO-1",
        "customer": {"name": "B"},
        "stage": "inquiry",
        "lines": [{"colour": c, "unit_price": 1, "sizes": s} for c, s in lines],
        "packing": {"rules": rules, **packing},
    }
    return adapter(Order).validate_python(data)


quantities = st.dictionaries(st.sampled_from(SIZES), st.integers(1, 3000), min_size=1, max_size=6)


@settings(max_examples=200)
@given(quantities, st.integers(1, 60))
def test_solid_cartons_times_pieces_plus_part_cartons_equal_the_quantities(sizes, per):
    plan = build_plan(order([("Black", sizes)], [{"mode": "solid", "pieces_per_carton": per}]))
    full = {r.sizes and next(iter(r.sizes)): r.count * r.pieces_per_carton for r in plan.ranges if not r.part}
    part = {next(iter(r.sizes)): r.pieces for r in plan.ranges if r.part}
    for size, qty in sizes.items():
        assert full.get(size, 0) + part.get(size, 0) == qty
        assert part.get(size, 0) < per
        assert full.get(size, 0) == (qty // per) * per
    assert mismatches(order([("Black", sizes)], []), plan) == []
    assert [r.first for r in plan.ranges] == [1] + [r.last + 1 for r in plan.ranges[:-1]]
    assert plan.ranges[-1].last == plan.cartons


@settings(max_examples=200)
@given(quantities, st.dictionaries(st.sampled_from(SIZES), st.integers(1, 6), min_size=1, max_size=6))
def test_ratio_packs_account_for_every_piece(sizes, ratio):
    o = order([("Navy", sizes)], [{"mode": "ratio", "ratio": ratio}])
    plan = build_plan(o)
    assert plan.packed() == {"Navy": sizes}
    capacity = sum(ratio.values())
    for r in plan.ranges:
        assert 0 < r.pieces_per_carton <= capacity
    full = [r for r in plan.ranges if not r.part]
    fits = all(sizes.get(s, 0) == (full[0].count if full else 0) * q for s, q in ratio.items()) and set(sizes) <= set(
        ratio
    )
    assert (plan.notes == []) == fits


def test_non_dividing_ratio_gives_part_cartons_and_the_remainder():
    o = order(
        [("Navy", {"S": 105, "M": 212, "L": 200, "XL": 99})],
        [{"mode": "ratio", "ratio": {"S": 1, "M": 2, "L": 2, "XL": 1}}],
        carton={"length": 60, "width": 40, "height": 35},
        net_kg=Decimal("9.6"),
        gross_kg=Decimal("10.8"),
    )
    plan = build_plan(o)
    assert [(r.numbers, r.sizes) for r in plan.ranges] == [
        ("1-99", {"S": 1, "M": 2, "L": 2, "XL": 1}),
        ("100", {"S": 6}),
        ("101", {"M": 6}),
        ("102", {"M": 6}),
        ("103", {"M": 2, "L": 2}),
    ]
    assert plan.notes == [
        "Navy: ratio S1 M2 L2 XL1 does not divide the quantities; 99 full cartons, "
        "remainder S 6 M 14 L 2 (22 pcs) in 4 part cartons"
    ]
    assert plan.ranges[-1].net_kg == Decimal("6.40")  # 4 of 6 pieces
    assert plan.ranges[-1].gross_kg == Decimal("7.60")  # plus the 1.2 kg carton
    assert plan.cbm == Decimal("8.652")  # 103 x 0.084
    assert plan.pieces == 616


def test_fixed_carton_count_that_misses_the_order_is_e230():
    o = order([("Navy", {"S": 100, "M": 200})], [{"mode": "ratio", "ratio": {"S": 1, "M": 2}, "cartons": 90}])
    findings = packing_findings(o, None)
    assert [f.message for f in findings] == [
        "packing does not match the order: Navy S packs 90 pcs, the order has 100",
        "packing does not match the order: Navy M packs 180 pcs, the order has 200",
    ]
    assert findings[0].keypath == ("packing", "rules", 0)


def test_colour_without_rule_and_rule_for_unknown_colour():
    o = order([("Navy", {"S": 10})], [{"colour": "Red", "pieces_per_carton": 5}])
    with pytest.raises(GendanError, match="no rule packs colour Navy"):
        build_plan(o)
    assert [f.message for f in packing_findings(o, None)] == [
        "packing rule 1 is for colour Red, which the order does not have",
        "packing: no rule packs colour Navy (add a rule with colour: Navy, or one without a colour)",
    ]


def test_solid_rule_without_pieces_per_carton():
    o = order([("Navy", {"S": 10})], [{"mode": "solid"}])
    with pytest.raises(GendanError, match="solid pack needs pieces_per_carton"):
        build_plan(o)


BAD = """\
id: SO-1
customer: {name: B}
stage: inquiry
lines: [{colour: Navy, unit_price: 1, sizes: {S: 10}}]
packing:
  carton: {length: 60, width: 0, height: -35}
  rules: [{pieces_per_carton: 0}]
"""


def test_zero_or_negative_carton_sizes_are_rejected(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": BAD})
    result = run(root, "validate", "--as-of", "2026-11-30")
    assert result.exit_code == 1
    out = [line.split("ws/", 1)[1] for line in result.output.splitlines()[:3]]
    assert out == [
        "SO-1/order.yaml:6:31: E105 'packing.carton.width': expected a number above zero, got 0",
        "SO-1/order.yaml:6:42: E105 'packing.carton.height': expected a number above zero, got -35",
        "SO-1/order.yaml:7:31: E106 'packing.rules[0].pieces_per_carton': quantities must be positive, got 0",
    ]


GOOD = """\
id: SO-1
customer: {name: B}
stage: inquiry
lines: [{colour: Navy, unit_price: 1, sizes: {S: 25, M: 24}}]
packing:
  carton: {length: 60, width: 40, height: 35}
  net_kg: 9.6
  gross_kg: 10.8
  rules: [{pieces_per_carton: 12}]
"""


def test_cli_packing(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": GOOD})
    result = run(root, "packing", "SO-1", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "carton no.,colour,sizes per carton,pcs/ctn,ctns,pcs,N.W./ctn kg,G.W./ctn kg,N.W. kg,G.W. kg,CBM\n"
        "1-2,Navy,S:12,12,2,24,9.60,10.80,19.20,21.60,0.168\n"
        "3,Navy,S:1,1,1,1,0.80,2.00,0.80,2.00,0.084\n"
        "4-5,Navy,M:12,12,2,24,9.60,10.80,19.20,21.60,0.168\n"
        "total,,,,5,49,,,39.20,45.20,0.420\n"
    )
    bad = GOOD.replace("[{pieces_per_carton: 12}]", "[{mode: ratio, ratio: {S: 1, M: 1}, cartons: 20}]")
    (root / "SO-1/order.yaml").write_text(bad)
    result = run(root, "packing", "SO-1")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{root / 'SO-1' / 'order.yaml'}:9:11: E230 packing does not match the order: "
        "Navy M packs 20 pcs, the order has 24\n"
        f"{root / 'SO-1' / 'order.yaml'}:9:11: E230 packing does not match the order: "
        "Navy S packs 20 pcs, the order has 25\n"
    )


@pytest.mark.parametrize(
    "change",
    [
        ("[{pieces_per_carton: 12}]", "[{mode: ratio, ratio: {S: 1, M: 1}, cartons: 20}]"),  # pieces differ
        ("[{pieces_per_carton: 12}]", "[{pieces_per_carton: 12}, {colour: Red, pieces_per_carton: 6}]"),  # no Red
        ("[{pieces_per_carton: 12}]", "[{pieces_per_carton: 12, cartons: 3}]"),  # a plan that cannot be made
    ],
)
def test_packing_prints_the_e230_lines_of_validate(tmp_path, change):
    """One producer of E230: `gendan packing` prints validate's located lines, word for word."""
    root = make_workspace(tmp_path, {"SO-1/order.yaml": GOOD.replace(*change)})
    checked = run(root, "validate", "--as-of", "2026-11-30")
    e230 = [line for line in checked.stdout.splitlines() if " E230 " in line]
    assert e230, checked.output
    result = run(root, "packing", "SO-1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == e230
    assert all(line.startswith(f"{root / 'SO-1' / 'order.yaml'}:") for line in e230)
