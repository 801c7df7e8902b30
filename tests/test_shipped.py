"""Quantity tolerance (more or less) and shipped quantities: recorded with `change`, warned
about (W305) in `validate` when outside the tolerance."""

from __future__ import annotations

import pytest

from tests.helpers import make_workspace, run

AS_OF = ("--as-of", "2026-11-30")
WHO = ("--requested-by", "Ingrid Berg", "--approved-by", "Zhang Wei", *AS_OF)

ORDER = """\
id: SO-1
customer: {name: A}
currency: USD
payment: {terms: dp}
stage: shipping
quality: as approved sample
po_date: 2026-08-02
ex_factory: 2026-11-20
lines:
  - colour: Black
    unit_price: 10.00
    sizes: {S: 100, M: 200, L: 200}
  - colour: Navy
    unit_price: 10.00
    sizes: {S: 50, M: 100, L: 50}
costing: {items: [{item: all, cost: 7.00}]}
samples: [{type: pp, reply: 2026-09-01, verdict: approved}]
inspections: [{type: final, date: 2026-11-18, result: pass}]
"""


def text(root):
    return (root / "SO-1/order.yaml").read_text(encoding="utf-8")


def warnings(root):
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 0, result.output  # warnings only
    return [line.split(": ", 1)[1] for line in result.output.splitlines() if ": W305 " in line]


def test_shipped_quantities_against_the_tolerance(tmp_path):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    assert run(root, "change", "SO-1", "tolerance_pct", "3", *WHO).exit_code == 0
    assert "tolerance_pct: 3\n" in text(root)
    for size, qty in (("L", "195"), ("S", "98"), ("M", "203")):  # entered out of order: kept in size order
        result = run(root, "change", "SO-1", f"shipped.Black.{size}", qty, *WHO)
        assert result.exit_code == 0, result.output
    assert "    sizes: {S: 100, M: 200, L: 200}\n    shipped: {S: 98, M: 203, L: 195}\n" in text(root)
    # Black 496 of 500 is within ±3%; Navy shipped nothing yet, the order 496 of 700 is not
    assert warnings(root) == [
        "W305 the order: shipped 496 pcs of 700 ordered, outside ±3% (679 to 721)",
        "W305 Navy: shipped 0 pcs of 200 ordered, outside ±3% (194 to 206)",
    ]
    assert run(root, "change", "SO-1", "shipped.Navy.M", "104", *WHO).exit_code == 0
    assert run(root, "change", "SO-1", "shipped.Navy.S", "50", *WHO).exit_code == 0
    assert run(root, "change", "SO-1", "shipped.Navy.L", "50", *WHO).exit_code == 0
    assert warnings(root) == []  # Navy 204 of 200, the order 700 of 700
    show = run(root, "show", "SO-1", *AS_OF).output
    assert "pieces      700 (±3%)\n" in show and "shipped     700\n" in show
    # without a tolerance every shipped piece must match
    assert run(root, "change", "SO-1", "tolerance_pct", "0", *WHO).exit_code == 0
    assert warnings(root) == [
        "W305 Black: shipped 496 pcs of 500 ordered, outside ±0% (500 to 500)",
        "W305 Navy: shipped 204 pcs of 200 ordered, outside ±0% (200 to 200)",
    ]


@pytest.mark.parametrize(
    "args,message",
    [
        (["shipped.Black.XL", "10"], "no size 'XL' in Black (did you mean 'L'?)"),
        (["shipped.Blak.M", "10"], "no colour 'Blak' in SO-1 (did you mean 'Black'?)"),
        (["shipped.Black.M", "many"], "shipped pieces are a whole number, got 'many'"),
        (["tolerance_pct", "150"], "a tolerance is a percentage from 0 to 100, got '150'"),
        (["tolerance_pct", "lots"], "a tolerance is a percentage like 3, got 'lots'"),
    ],
)
def test_bad_input_writes_nothing(tmp_path, args, message):
    root = make_workspace(tmp_path, {"SO-1/order.yaml": ORDER})
    before = text(root)
    result = run(root, "change", "SO-1", *args, *WHO)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert text(root) == before


def test_a_shipped_size_not_on_the_order_is_a_warning(tmp_path):
    root = make_workspace(
        tmp_path,
        {
            "SO-1/order.yaml": ORDER.replace(
                "sizes: {S: 50, M: 100, L: 50}",
                "sizes: {S: 50, M: 100, L: 50}\n    shipped: {S: 50, M: 100, L: 50, XL: 2}",
            )
        },
    )
    found = warnings(root)
    assert "W305 Navy: shipped size XL not on the order" in found
