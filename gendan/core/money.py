"""Money: the one place amounts are rounded and printed.

- A currency's exponent (digits after the point) comes from ISO 4217: 0, 3 and 4 for the
  currencies listed in `EXPONENTS`, 2 for every other code (and for an order without a
  currency).
- One rounding rule, half-up (`ROUNDING`), applied once: a line amount is quantity × unit
  price rounded to the currency's exponent (`line_amount`), and an order's or a document's
  total is the sum of those rounded amounts (`total`), so every printed column adds up.
- A unit price is never rounded: `price_text` prints it at its own precision, with at least
  the currency's exponent (18.5 USD -> '18.50', 8.605 -> '8.605', JPY 1234.5 -> '1,234.5').
- Amounts print with thousands separators at the currency's exponent (`text`, `labelled`).
- Quantities, weights and volumes print with `number_text` (fixed places, same rounding).

See docs/domain.md (documents) for how invoices use these numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

ROUNDING = ROUND_HALF_UP
# Arithmetic here is exact: amounts below 10^12 with at most 6 decimals (the model's bounds)
# times at most 10^9 pieces per size need far fewer digits than this, so nothing is rounded
# by the context, only by `rounded`.
EXACT = Context(prec=60, rounding=ROUNDING)

# ISO 4217 minor units of every currency whose exponent is not 2.
EXPONENTS: dict[str, int] = {
    **dict.fromkeys("JPY KRW VND CLP ISK UGX XAF XOF PYG RWF KMF GNF DJF BIF VUV XPF UYI".split(), 0),
    **dict.fromkeys("BHD IQD JOD KWD LYD OMR TND".split(), 3),
    **dict.fromkeys("CLF UYW".split(), 4),
}
DEFAULT_EXPONENT = 2


def exponent(currency: str | None) -> int:
    """Digits after the point for a currency code (case-insensitive): JPY 0, USD 2, KWD 3."""
    return EXPONENTS.get((currency or "").strip().upper(), DEFAULT_EXPONENT)


_QUANTA = [Decimal(1).scaleb(-places) for places in range(13)]  # made once: amounts are rounded often


def _quantum(places: int) -> Decimal:
    return _QUANTA[places] if 0 <= places < len(_QUANTA) else Decimal(1).scaleb(-places)


def rounded(amount: Decimal | int, currency: str | None) -> Decimal:
    """An amount rounded half-up to the currency's exponent (8613.605 USD -> 8613.61)."""
    return Decimal(amount).quantize(_quantum(exponent(currency)), rounding=ROUNDING, context=EXACT)


def line_amount(quantity: Decimal | int, unit_price: Decimal | int, currency: str | None) -> Decimal:
    """Quantity × unit price, rounded once to the currency's exponent."""
    return rounded(EXACT.multiply(Decimal(quantity), Decimal(unit_price)), currency)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The sum of (already rounded) amounts: what a document's total row prints."""
    result = Decimal(0)
    for amount in amounts:
        result = EXACT.add(result, amount)
    return result


def text(amount: Decimal | int, currency: str | None) -> str:
    """An amount with thousands separators at the currency's exponent: '12,450.00', JPY '12,450'."""
    return f"{rounded(amount, currency):,}"


def labelled(amount: Decimal | int, currency: str | None) -> str:
    """'USD 12,450.00', or the bare amount when there is no currency."""
    return f"{currency} {text(amount, currency)}" if currency else text(amount, currency)


def price_places(price: Decimal | int, currency: str | None) -> int:
    """Digits after the point a unit price is printed with: its own, at least the currency's."""
    digits = Decimal(price).normalize().as_tuple().exponent
    own = -digits if isinstance(digits, int) and digits < 0 else 0
    return max(own, exponent(currency))


def price(price: Decimal | int, currency: str | None) -> Decimal:
    """The unit price at the precision it is printed with (never rounded): 18.5 USD -> 18.50."""
    return Decimal(price).quantize(_quantum(price_places(price, currency)), context=EXACT)


def price_text(value: Decimal | int, currency: str | None) -> str:
    """A unit price as printed: '8.605', '18.50', JPY '1,234.5', JPY '380'."""
    return f"{price(value, currency):,}"


def labelled_price(value: Decimal | int, currency: str | None) -> str:
    """'USD 8.605', or the bare price when there is no currency."""
    return f"{currency} {price_text(value, currency)}" if currency else price_text(value, currency)


def number_text(value: Decimal | int, places: int = 0) -> str:
    """A quantity, weight or volume with thousands separators: 1200 -> '1,200'; (9.6, 2) -> '9.60'."""
    return f"{Decimal(value).quantize(_quantum(places), rounding=ROUNDING, context=EXACT):,}"


def parse(shown: str) -> Decimal:
    """A printed amount or price back to a Decimal: '25,813.61' -> Decimal('25813.61')."""
    return Decimal(shown.replace(",", ""))
