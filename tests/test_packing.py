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
@given(quantities, st.integers(1, 60), st.booleans())
def test_solid_cartons_times_pieces_plus_part_cartons_equal_the_quantities(sizes, per, mixed):
    o = order([("Black", sizes)], [{"mode": "solid", "pieces_per_carton": per}], mixed_tails=mixed)
    plan = build_plan(o)
    assert plan.packed() == {"Black": sizes}
    full = {next(iter(r.sizes)): r.count * r.pieces_per_carton for r in plan.ranges if not r.part}
    parts = [r for r in plan.ranges if r.part]
    rest = {size: qty % per for size, qty in sizes.items() if qty % per}
    for size, qty in sizes.items():
        assert full.get(size, 0) == (qty // per) * per
    assert all(0 < r.pieces_per_carton <= per and r.count == 1 for r in parts)
    if mixed:  # the tails share cartons: as few as the leftover pieces need
        assert len(parts) == -(-sum(rest.values()) // per)
    else:
        assert [r.sizes for r in parts] == [{s: q} for s, q in rest.items()]
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
        ("101-102", {"M": 6}),  # two cartons alike: one range
        ("103", {"M": 2, "L": 2}),
    ]
    assert plan.notes == [
        "Navy: ratio S:1 M:2 L:2 XL:1 does not divide the quantities; 99 full cartons, "
        "remainder S:6 M:14 L:2 (22 pcs) in 4 part cartons"
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
        "3-4,Navy,M:12,12,2,24,9.60,10.80,19.20,21.60,0.168\n"
        "5,Navy,S:1,1,1,1,0.80,2.00,0.80,2.00,0.084\n"
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


dims = st.decimals(min_value=Decimal("10"), max_value=Decimal("99.9"), places=1)
weights = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("30"), places=3)


@settings(max_examples=150)
@given(quantities, st.integers(1, 36), dims, dims, dims, weights, weights)
def test_every_column_adds_up_to_its_total(sizes, per, length, width, height, net, tare):
    """Recomputed from the printed rows: one rounding per kind (0.01 kg, 0.001 m3, half-up)."""
    from gendan.domain.packing import plan_rows, plan_totals

    o = order(
        [("Black", sizes), ("Navy", {s: q + 1 for s, q in sizes.items()})],
        [{"mode": "solid", "pieces_per_carton": per}],
        carton={"length": length, "width": width, "height": height},
        net_kg=net,
        gross_kg=net + tare,
    )
    plan = build_plan(o)
    rows, totals = plan_rows(plan), plan_totals(plan)
    for r in rows:
        assert r["net_per"] == r["net_per"].quantize(Decimal("0.01"))  # printed as it is
        assert r["net_kg"] == r["count"] * r["net_per"]
        assert r["gross_kg"] == r["count"] * r["gross_per"]
        exact = r["count"] * length * width * height / Decimal(1_000_000)
        assert abs(r["cbm"] - exact) <= Decimal("0.0005")
        assert r["cbm"] == r["cbm"].quantize(Decimal("0.001"))
    for column in ("count", "pieces", "net_kg", "gross_kg", "cbm"):
        assert sum(r[column] for r in rows) == totals["cartons" if column == "count" else column]


def test_half_up_for_weights_and_volume_like_money():
    # 50 x 29 x 50 cm = 0.0725 m3: half-up gives 0.073 (half-even would print 0.072)
    o = order(
        [("Black", {"S": 13})],
        [{"mode": "solid", "pieces_per_carton": 8}],
        carton={"length": 50, "width": 29, "height": 50},
        net_kg=Decimal("8.25"),
        gross_kg=Decimal("9.25"),
    )
    plan = build_plan(o)
    assert plan.ranges[0].cbm == Decimal("0.073")
    # the part carton holds 5 of 8: 8.25 x 5/8 = 5.15625 -> 5.16 (half-even and half-up agree) + 1.00 tare
    assert (plan.ranges[1].net_kg, plan.ranges[1].gross_kg) == (Decimal("5.16"), Decimal("6.16"))
    o2 = order(
        [("Black", {"S": 2})],
        [{"mode": "solid", "pieces_per_carton": 8}],
        net_kg=Decimal("0.50"),
    )
    assert build_plan(o2).ranges[0].net_kg == Decimal("0.13")  # 0.125 half-up (half-even: 0.12)


def test_tails_of_a_colour_share_cartons_and_kids_sizes_stay_readable():
    sizes = {"90": 25, "100": 27, "110": 30, "120": 22}  # 12 per carton: tails 1, 3, 6, 10
    o = order([("Red", sizes)], [{"mode": "solid", "pieces_per_carton": 12}])
    parts = [r.sizes for r in build_plan(o).ranges if r.part]
    assert parts == [{"90": 1, "100": 3, "110": 6, "120": 2}, {"120": 8}]
    separate = order([("Red", sizes)], [{"mode": "solid", "pieces_per_carton": 12}], mixed_tails=False)
    assert len([r for r in build_plan(separate).ranges if r.part]) == 4
    ratio = order([("Red", {"90": 10, "100": 11})], [{"mode": "ratio", "ratio": {"90": 1, "100": 1}}])
    assert build_plan(ratio).notes == [
        "Red: ratio 90:1 100:1 does not divide the quantities; 10 full cartons, "
        "remainder 100:1 (1 pcs) in 1 part carton"
    ]
