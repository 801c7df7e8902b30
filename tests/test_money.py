"""gendan.core.money: exponents, the one rounding, totals that add up, printing that reads back."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gendan.core import money
from gendan.core.model import Order
from gendan.store.parse import build

ISO_0 = "JPY KRW VND CLP ISK UGX XAF XOF PYG RWF KMF GNF DJF BIF VUV XPF UYI".split()
ISO_3 = "BHD IQD JOD KWD LYD OMR TND".split()
ISO_4 = ["CLF", "UYW"]
CURRENCIES = st.sampled_from(["USD", "EUR", "CNY", "GBP", "HUF", None, *ISO_0, *ISO_3, *ISO_4])
PRICES = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False)
QTYS = st.integers(min_value=1, max_value=10**6)


def test_exponents_follow_iso_4217():
    assert {c: money.exponent(c) for c in ISO_0} == dict.fromkeys(ISO_0, 0)
    assert {c: money.exponent(c) for c in ISO_3} == dict.fromkeys(ISO_3, 3)
    assert {c: money.exponent(c) for c in ISO_4} == dict.fromkeys(ISO_4, 4)
    for code in ("USD", "EUR", "CNY", "HUF", "usd", "jpx", "", None):
        assert money.exponent(code) == 2
    assert money.exponent("jpy") == 0  # codes are case-insensitive
    assert len(money.EXPONENTS) == len(ISO_0) + len(ISO_3) + len(ISO_4)


@pytest.mark.parametrize(
    "amount,currency,rounded",
    [
        ("8613.605", "USD", "8613.61"),  # half-up, not half-even (which gives .60)
        ("0.125", "EUR", "0.13"),
        ("0.124999", "EUR", "0.12"),
        ("1234.5", "JPY", "1235"),
        ("2.5", "JPY", "3"),
        ("1.0005", "KWD", "1.001"),
        ("1.00005", "CLF", "1.0001"),
        ("7", "USD", "7.00"),
    ],
)
def test_rounding_is_half_up_to_the_exponent(amount, currency, rounded):
    got = money.rounded(Decimal(amount), currency)
    assert str(got) == rounded


@given(QTYS, PRICES, CURRENCIES)
def test_a_line_amount_is_rounded_once_from_the_exact_product(qty, price, currency):
    got = money.line_amount(qty, price, currency)
    exact = price * qty
    places = money.exponent(currency)
    assert got == exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert abs(got - exact) <= Decimal(5).scaleb(-places - 1)  # within half a minor unit
    assert -got.as_tuple().exponent == places
    assert money.rounded(got, currency) == got  # rounding again changes nothing


@given(st.lists(st.tuples(QTYS, PRICES), min_size=1, max_size=8), CURRENCIES)
def test_an_order_value_is_the_sum_of_its_printed_line_amounts(lines, currency):
    data = {
        "id": "SO-1",
        "customer": {"name": "C"},
        "stage": "inquiry",
        "lines": [{"colour": f"c{i}", "unit_price": p, "sizes": {"S": q}} for i, (q, p) in enumerate(lines)],
    }
    if currency:
        data["currency"] = currency
    order = build(Order, data, "order.yaml", "")
    printed = [money.text(order.line_amount(ln), currency) for ln in order.lines]
    assert money.parse(money.text(order.value, currency)) == sum(money.parse(t) for t in printed)
    for ln, shown in zip(order.lines, printed, strict=True):
        price = money.parse(money.price_text(ln.unit_price, currency))
        assert price == ln.unit_price  # the printed price is the price, never rounded
        assert money.parse(shown) == money.rounded(ln.quantity * price, currency)


@given(st.decimals(min_value=0, max_value=10**12, places=4), CURRENCIES)
def test_amount_text_reads_back_as_the_rounded_amount(amount, currency):
    text = money.text(amount, currency)
    assert money.parse(text) == money.rounded(amount, currency)
    whole, _, fraction = text.partition(".")
    assert len(fraction) == money.exponent(currency)
    assert all(len(group) == 3 for group in whole.split(",")[1:])
    assert money.labelled(amount, currency) == (f"{currency} {text}" if currency else text)


@given(PRICES, CURRENCIES)
def test_price_text_reads_back_as_the_price_itself(price, currency):
    text = money.price_text(price, currency)
    assert money.parse(text) == price
    fraction = text.partition(".")[2]
    assert len(fraction) >= money.exponent(currency)
    assert len(fraction) == money.exponent(currency) or not fraction.endswith("0")  # no padding beyond


@pytest.mark.parametrize(
    "price,currency,text",
    [
        ("8.605", "USD", "8.605"),
        ("0.875", "USD", "0.875"),
        ("18.5", "USD", "18.50"),
        ("18.50", "USD", "18.50"),
        ("8.6050", "USD", "8.605"),
        ("1234.5", "JPY", "1,234.5"),
        ("380", "JPY", "380"),
        ("380.00", "JPY", "380"),
        ("1.2", "KWD", "1.200"),
        ("1234567.125", "EUR", "1,234,567.125"),
        ("1E+3", "USD", "1,000.00"),
    ],
)
def test_unit_price_is_printed_at_its_own_precision(price, currency, text):
    assert money.price_text(Decimal(price), currency) == text


def test_amount_and_number_text():
    assert money.text(Decimal("1234567.5"), "USD") == "1,234,567.50"
    assert money.text(Decimal("1234567.5"), "JPY") == "1,234,568"
    assert money.labelled(Decimal("25813.605"), "USD") == "USD 25,813.61"
    assert money.labelled(Decimal("5"), None) == "5.00"
    assert money.number_text(Decimal("9.6"), 2) == "9.60"
    assert money.number_text(1200) == "1,200"
    assert money.number_text(Decimal("0.0125"), 3) == "0.013"
