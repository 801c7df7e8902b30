"""The order model's value types: quantities, money and dates, by property."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gendan.core.errors import InvalidFile
from gendan.core.model import FIRST_DAY, LAST_DAY, Line, Order
from gendan.store.parse import build


def line(price, qty):
    data = {"colour": "Black", "unit_price": price, "sizes": {"S": qty}}
    return build(Line, data, "t.yaml", "")


def problem(price, qty):
    with pytest.raises(InvalidFile) as e:
        line(price, qty)
    return e.value.problems[0]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.decimals(min_value=0, max_value=10**6, places=4))
def test_positive_whole_quantities_and_decimal_prices_are_kept_exactly(qty, price):
    got = line(price, qty)
    assert got.sizes == {"S": qty} and type(got.sizes["S"]) is int
    assert got.unit_price == price and isinstance(got.unit_price, Decimal)
    assert got.quantity == qty


@given(st.integers(max_value=0))
def test_zero_and_negative_quantities_are_refused(qty):
    p = problem(Decimal("1.00"), qty)
    assert (p.code, p.message) == ("E106", f"'sizes.S': quantities must be positive, got {qty}")


@given(st.decimals(min_value=Decimal("0.001"), max_value=10**6, places=3).filter(lambda d: d % 1 != 0))
def test_fractional_quantities_are_refused(qty):
    p = problem(Decimal("1.00"), qty)
    assert (p.code, p.message) == ("E106", f"'sizes.S': quantities are whole pieces, got {qty}")


@given(st.integers(min_value=1000, max_value=10**9))
def test_quantity_with_thousands_separator_is_refused_with_the_fix(qty):
    text = f"{qty:,}"
    p = problem(Decimal("1.00"), text)
    assert (p.code, p.message) == ("E106", f"'sizes.S': {text!r}: write quantities as plain numbers, e.g. {qty}")


@given(st.decimals(min_value=1000, max_value=10**9, places=2))
def test_price_with_thousands_separator_is_refused_with_the_fix(price):
    text = f"{price:,}"
    p = problem(text, 1)
    assert (p.code, p.message) == (
        "E105",
        f"'unit_price': {text!r}: write amounts without thousands separators, e.g. {text.replace(',', '')}",
    )


@given(st.decimals(min_value=-(10**9), max_value=Decimal("-0.01"), places=2))
def test_negative_prices_are_refused(price):
    assert problem(price, 1).message == f"'unit_price': amount cannot be negative, got {price}"


def test_true_is_not_a_quantity_and_text_is_not_a_price():
    assert problem(Decimal(1), True).message == "'sizes.S': expected a quantity in pieces, got true/false"
    assert problem("cheap", 1).message == "'unit_price': expected an amount like 18.50, got 'cheap'"


def order(extra: dict):
    return build(Order, {"id": "SO-1", "customer": {"name": "N"}, "stage": "inquiry", **extra}, "t.yaml", "")


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_real_dates_read_from_text(day):
    assert order({"po_date": day.isoformat()}).po_date == day


@given(st.one_of(st.dates(max_value=FIRST_DAY - timedelta(days=1)), st.dates(min_value=LAST_DAY + timedelta(days=1))))
def test_dates_outside_the_planning_range_are_errors(day):
    """A date past 2100 (9999-11-01 took every report of the workspace down: OverflowError)."""
    with pytest.raises(InvalidFile) as err:
        order({"po_date": day.isoformat()})
    p = err.value.problems[0]
    assert p.code == "E104"
    assert f"{day.isoformat()} is outside the dates gendan plans with (1990-01-01 to 2100-12-31)" in p.message


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(29, 35))
def test_impossible_dates_are_errors_not_strings(year, month, day):
    try:
        date(year, month, day)
        return  # a real date
    except ValueError as e:
        reason = str(e)
    with pytest.raises(InvalidFile) as err:
        order({"po_date": f"{year:04d}-{month:02d}-{day:02d}"})
    p = err.value.problems[0]
    assert (p.code, p.message) == ("E104", f"'po_date': {year:04d}-{month:02d}-{day:02d} is not a real date ({reason})")


@pytest.mark.parametrize("value", ["30.11.2026", "2026/11/30", "tomorrow", 20261130])
def test_other_date_spellings_are_refused(value):
    with pytest.raises(InvalidFile) as err:
        order({"po_date": value})
    assert err.value.problems[0].code == "E104"


def test_order_totals():
    o = order(
        {
            "lines": [
                {"colour": "Black", "unit_price": Decimal("18.50"), "sizes": {"S": 200, "M": 400}},
                {"colour": "Navy", "unit_price": Decimal("18.50"), "sizes": {"M": 100, "XL": 50}},
            ]
        }
    )
    assert (o.quantity, o.value, o.sizes) == (750, Decimal("13875.00"), ["S", "M", "XL"])
