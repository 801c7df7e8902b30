"""L/C watch: the order value against the L/C amount, and its latest shipment, expiry and
presentation dates, as warnings in `validate` (exit 0) and items in `overdue`."""

from __future__ import annotations

import json

import pytest

from tests.helpers import make_workspace, run

AS_OF = ("--as-of", "2026-11-30")

# 1,300 pcs x 12.30 = USD 15,990.00 against an L/C for USD 15,600.00
LC_ORDER = """\
id: SO-L
customer: {name: Fjord Kids AS}
merchandiser: Chen Li
currency: USD
payment: {terms: lc, lc_number: LC-1, latest_shipment: 2027-02-26, expiry: 2027-03-15}
quality: as approved PP sample
po_date: 2026-10-20
ex_factory: 2027-02-19
stage: funded
lines:
  - {colour: Red, unit_price: 12.30, sizes: {S: 500, M: 800}}
costing: {items: [{item: all, cost: 9.00}]}
payments:
  - {kind: lc, amount: 15600.00, received: 2026-11-02, confirmed_by: Liu Fang}
"""


def ws(tmp_path, text=LC_ORDER):
    return make_workspace(tmp_path, {"SO-L/order.yaml": text})


def lc_items(root, *args):
    result = run(root, "overdue", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [
        (i["milestone"], i["due"], i["days_late"], i["severity"], i["detail"])
        for i in json.loads(result.stdout)
        if i["kind"] == "lc"
    ]


def test_value_above_the_lc_amount_is_a_warning(tmp_path):
    root = ws(tmp_path)
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 0, result.output  # a warning does not fail validate
    lines = result.output.splitlines()
    assert lines[0].endswith(
        "SO-L/order.yaml:14:3: W301 order value USD 15,990.00 is above the L/C amount USD 15,600.00 (+0%): "
        "ask the buyer to amend the L/C"
    )
    assert lines[1:] == ["1 order checked, no problems, 1 warning"]
    assert "W301 order value USD 15,990.00 is above the L/C amount USD 15,600.00 (+0%)" in result.output
    assert lc_items(root, *AS_OF) == [
        (
            "lc_amount",
            "2027-02-26",
            -88,
            "high",
            "order value USD 15,990.00 is above the L/C amount USD 15,600.00 (+0%): ask the buyer to amend the L/C",
        )
    ]
    # within the L/C's tolerance (+5%: 16,380.00) it is fine
    tolerant = ws(tmp_path / "b", LC_ORDER.replace("latest_shipment:", "lc_tolerance_pct: 5, latest_shipment:"))
    assert run(tolerant, "validate", *AS_OF).output == "1 order checked, no problems\n"


FITS = LC_ORDER.replace("amount: 15600.00", "amount: 15990.00")


@pytest.mark.parametrize(
    "as_of,text,expected",
    [
        ("2026-11-30", FITS, []),
        (
            "2027-02-22",
            FITS,
            [("latest_shipment", "2027-02-26", -4, "high", "the L/C's latest shipment date 2027-02-26 is in 4 days")],
        ),
        (
            "2027-02-27",
            FITS,
            [
                (
                    "latest_shipment",
                    "2027-02-26",
                    1,
                    "critical",
                    "the L/C's latest shipment date 2027-02-26 passed 1 day ago",
                )
            ],
        ),
        (
            "2026-11-30",
            FITS.replace("ex_factory: 2027-02-19", "ex_factory: 2027-03-05"),
            [
                (
                    "latest_shipment",
                    "2027-02-26",
                    -88,
                    "high",
                    "ex-factory 2027-03-05 is after the L/C's latest shipment date 2027-02-26: ask for an amendment",
                )
            ],
        ),
        # shipped on 2027-02-20 (B/L date): 21 days to present the documents, until 2027-03-13
        (
            "2027-03-10",
            FITS + "shipment: {shipped: 2027-02-20}\n",
            [
                (
                    "presentation",
                    "2027-03-13",
                    -3,
                    "high",
                    "the documents must reach the bank by 2027-03-13, which is in 3 days: shipped 2027-02-20, "
                    "21 days to present, L/C expiry 2027-03-15",
                )
            ],
        ),
        # the expiry comes first when it is earlier than the presentation period
        (
            "2027-03-10",
            FITS.replace("expiry: 2027-03-15", "expiry: 2027-03-12") + "shipment: {shipped: 2027-02-20}\n",
            [
                (
                    "presentation",
                    "2027-03-12",
                    -2,
                    "high",
                    "the documents must reach the bank by 2027-03-12, which is in 2 days: shipped 2027-02-20, "
                    "21 days to present, L/C expiry 2027-03-12",
                )
            ],
        ),
        # documents presented: nothing more to watch
        (
            "2027-03-10",
            FITS + "shipment: {shipped: 2027-02-20}\nmilestones:\n  shipping_documents: {actual: 2027-02-25}\n",
            [],
        ),
        # not shipped and the L/C runs out
        (
            "2027-03-10",
            FITS.replace("latest_shipment: 2027-02-26, ", ""),
            [("lc_expiry", "2027-03-15", -5, "high", "the L/C's expiry date 2027-03-15 is in 5 days")],
        ),
    ],
)
def test_lc_dates(tmp_path, as_of, text, expected):
    root = ws(tmp_path, text)
    assert lc_items(root, "--as-of", as_of) == expected
    result = run(root, "validate", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    for _, _, _, _, detail in expected:
        assert detail in result.output


def test_warnings_do_not_refuse_a_change(tmp_path):
    root = ws(tmp_path)
    who = ("--requested-by", "Ingrid Berg", "--approved-by", "Zhang Wei", *AS_OF)
    result = run(root, "change", "SO-L", "qty.Red.M", "850", *who)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("latest_shipment:", "lc_tolerance_pct: 150, latest_shipment:", "expected a percentage from 0 to 100, got 150"),
        ("latest_shipment:", "presentation_days: 99999, latest_shipment:", "expected at most 3660 days, got 99999"),
        ("expiry: 2027-03-15", "expiry: 2027-02-30", "2027-02-30 is not a real date"),
        ("terms: lc,", "terms: lc, deposit_pct: -5,", "expected a number of zero or more, got -5"),
    ],
)
def test_lc_terms_out_of_bounds_are_located_errors(tmp_path, old, new, message):
    root = ws(tmp_path, LC_ORDER.replace(old, new))
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 1, result.output
    assert "SO-L/order.yaml:5:" in result.output and message in result.output
    assert run(root, "overdue", *AS_OF).exit_code == 1  # reported, left out, no traceback


def test_bank_charges_pct_is_a_percentage(tmp_path):
    root = make_workspace(tmp_path, {"SO-L/order.yaml": LC_ORDER}, config="company: {name: T}\nbank_charges_pct: 101\n")
    result = run(root, "validate", *AS_OF)
    assert result.exit_code == 1
    assert "gendan.yaml:2:" in result.output and "expected a percentage from 0 to 100, got 101" in result.output
