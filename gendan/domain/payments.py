"""Money in: what the payment terms require, what has been received, what is outstanding.

One place for the arithmetic the gates (R4, R6, `balance`, `settled`), `show`, `overdue`
and `gendan pay` share. Amounts are in the order's currency; the L/C itself is an
instrument, not money received. A receipt short of what is due by no more than the bank
charges (`bank_charges_pct` of gendan.yaml, percent of the amount due) counts as paid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from gendan.core import money
from gendan.core.config import Config
from gendan.core.errors import Finding, GendanError, Pieces, said
from gendan.core.model import Order
from gendan.core.patch import Change, Patch

KINDS = ("deposit", "balance", "full")  # what `gendan pay` records


def required_deposit(order: Order) -> Decimal | None:
    """The deposit the terms require (deposit_pct of the order value), None without one."""
    return _required_deposit(order, None)


def _required_deposit(order: Order, value: Decimal | None) -> Decimal | None:
    """required_deposit, of the order's value when the caller has it already."""
    p = order.payment
    if p is None or p.terms != "deposit_balance" or not p.deposit_pct:
        return None
    return money.rounded((order.value if value is None else value) * p.deposit_pct / 100, order.currency)


def payment_summary(order: Order) -> dict:
    """Deposit and balance due and received, and what is outstanding, in the currency's decimals.

    The one computation behind `show` (received, outstanding), the tracker's Payments sheet,
    the money gates and `overdue`. A payment recorded as received without an amount counts as
    what was due (the deposit, or the balance for `balance` and `full`); an L/C is an
    instrument, not cash, so only its date counts; nothing is outstanding below zero."""
    value = order.value
    terms = order.payment.terms if order.payment else None
    pct = order.payment.deposit_pct if order.payment else None
    deposit = _required_deposit(order, value) or Decimal(0)
    balance = value - deposit

    def got(kinds: tuple[str, ...], default: Decimal, confirmed: bool = False) -> tuple[Decimal, date | None]:
        records = [p for p in order.payments if p.kind in kinds and p.received and (p.confirmed_by or not confirmed)]
        amount = sum((p.amount if p.amount is not None else default for p in records), Decimal(0))
        return amount, max((p.received for p in records if p.received), default=None)

    dep_got, dep_date = got(("deposit",), deposit)
    bal_got, bal_date = got(("balance", "full"), balance)
    other_got, _ = got(("other",), Decimal(0))
    lc_date = max((p.received for p in order.payments if p.kind == "lc" and p.received), default=None)
    received = dep_got + bal_got + other_got
    return {
        "terms": terms,
        "deposit_pct": pct,
        "value": value,
        "deposit": deposit,
        "deposit_received": dep_got,
        "deposit_confirmed": got(("deposit",), deposit, confirmed=True)[0],
        "deposit_date": dep_date,
        "balance": balance,
        "balance_received": bal_got,
        "balance_date": bal_date,
        "lc_received": lc_date,
        "received": received,
        "outstanding": max(value - received, Decimal(0)),
    }


def received(order: Order) -> Decimal:
    """The money recorded as received (not the L/C itself)."""
    return payment_summary(order)["received"]


def outstanding(order: Order) -> Decimal:
    """The order value not yet received (never below zero)."""
    return payment_summary(order)["outstanding"]


def tolerance(due: Decimal, config: Config, currency: str | None) -> Decimal:
    """How much short of `due` still counts as paid: the banks' charges."""
    return money.rounded(due * config.bank_charges_pct / 100, currency)


def short_by(due: Decimal, got: Decimal, config: Config, currency: str | None) -> Decimal:
    """How much `got` falls short of `due` beyond the tolerance; 0 when it counts as paid."""
    gap = due - got
    return gap if gap > tolerance(due, config, currency) else Decimal(0)


def written_off(order: Order) -> bool:
    """Whether what is outstanding was written off by a special approval (`settled`)."""
    return order.approval_for("settled") is not None


def settled(order: Order, config: Config, summary: dict | None = None) -> bool:
    """Nothing outstanding beyond the bank charges, or written off. `summary`: the order's
    `payment_summary`, when the caller has it (the sums are computed once per order)."""
    if written_off(order):
        return True
    paid = summary if summary is not None else payment_summary(order)
    return short_by(paid["value"], paid["received"], config, order.currency) == 0


# L/C watch ------------------------------------------------------------------

PRESENTATION_DAYS = 21  # UCP 600 art. 14(c), when the L/C says nothing


@dataclass(frozen=True)
class LcAlert:
    """Something about an order's L/C that needs doing, by `due` (None: now)."""

    code: str
    keypath: tuple[str | int, ...]
    message: str
    due: date | None
    # the message as words any language can say: pieces (English template, ((name, value), ...));
    # message == the pieces filled in and joined (gendan.render.i18n.Words.pieces says them)
    words: Pieces = ()

    def finding(self) -> Finding:
        return Finding(self.code, self.keypath, self.message, words=self.words)


def lc_amount(order: Order) -> Decimal | None:
    """The L/C's amount: the last `lc` payment entry with one (an amendment is a new entry)."""
    amounts = [p.amount for p in order.payments if p.kind == "lc" and p.amount is not None]
    return amounts[-1] if amounts else None


def _when(today: date, day: date) -> tuple[str, dict[str, Any]]:
    """`is in 4 days` / `passed 2 days ago` as a piece of an alert's message."""
    left = (day - today).days
    if left < 0:
        return ("passed {n} day ago" if left == -1 else "passed {n} days ago"), {"n": -left}
    return ("is in {n} day" if left == 1 else "is in {n} days"), {"n": left}


def lc_alerts(order: Order, config: Config, today: date) -> list[LcAlert]:
    """An open L/C order's value against the L/C amount, and its latest shipment, expiry and
    presentation dates falling due (within `alert_days`) or passed; none once the bank paid."""
    p = order.payment
    if p is None or p.terms != "lc" or order.stage == "cancelled" or received(order) > 0:
        return []
    alerts = []

    amount = lc_amount(order)
    if amount is not None:
        pct = p.lc_tolerance_pct or Decimal(0)
        limit = amount * (100 + pct) / 100
        value = order.value
        if value > limit:
            text, words = said(
                (
                    "order value {value} is above the L/C amount {amount} (+{pct}%): ask the buyer to amend the L/C",
                    {
                        "value": money.labelled(value, order.currency),
                        "amount": money.labelled(amount, order.currency),
                        "pct": pct,
                    },
                )
            )
            alerts.append(LcAlert("W301", ("payments",), text, p.latest_shipment, words))
    shipped = _shipped_on(order)
    soon = config.alert_days

    def near(day: date) -> str | None:
        """`is in 4 days` / `passed 2 days ago` for a date within the alert window or past."""
        left = (day - today).days
        if left < 0:
            return f"passed {-left} day{'s' * (left != -1)} ago"
        return f"is in {left} day{'s' * (left != 1)}" if left <= soon else None

    if p.latest_shipment and shipped is None:
        ex_factory = order.ex_factory
        if ex_factory and ex_factory > p.latest_shipment:
            text, words = said(
                (
                    "ex-factory {ex_factory} is after the L/C's latest shipment date {latest}: ask for an amendment",
                    {"ex_factory": ex_factory, "latest": p.latest_shipment},
                )
            )
            alerts.append(LcAlert("W302", ("payment", "latest_shipment"), text, p.latest_shipment, words))
        elif near(p.latest_shipment):
            text, words = said(
                ("the L/C's latest shipment date {latest} ", {"latest": p.latest_shipment}),
                _when(today, p.latest_shipment),
            )
            alerts.append(LcAlert("W302", ("payment", "latest_shipment"), text, p.latest_shipment, words))
    presented = order.milestones.get("shipping_documents")
    if presented and presented.actual:
        return alerts
    if shipped is not None:
        deadline = shipped + timedelta(days=p.presentation_days or PRESENTATION_DAYS)
        if p.expiry and p.expiry < deadline:
            deadline = p.expiry
        if near(deadline):
            days = p.presentation_days or PRESENTATION_DAYS
            pieces = [
                ("the documents must reach the bank by {deadline}, which ", {"deadline": deadline}),
                _when(today, deadline),
                (": shipped {shipped}, {days} days to present", {"shipped": shipped, "days": days}),
            ]
            if p.expiry:
                pieces.append((", L/C expiry {expiry}", {"expiry": p.expiry}))
            text, words = said(*pieces)
            alerts.append(LcAlert("W304", ("payment",), text, deadline, words))
    elif p.expiry and near(p.expiry):
        text, words = said(("the L/C's expiry date {expiry} ", {"expiry": p.expiry}), _when(today, p.expiry))
        alerts.append(LcAlert("W303", ("payment", "expiry"), text, p.expiry, words))
    return alerts


def lc_findings(order: Order, config: Config, today: date) -> list[Finding]:
    return [a.finding() for a in lc_alerts(order, config, today)]


def _shipped_on(order: Order) -> date | None:
    """The B/L (on board) date: the shipment's, else the recorded ex-factory date."""
    if order.shipment and order.shipment.shipped:
        return order.shipment.shipped
    held = order.milestones.get("ex_factory")
    return held.actual if held else None


# gendan pay -----------------------------------------------------------------

_AMOUNT = re.compile(r"^\s*(?:([A-Za-z]{3})\s*)?([^\sA-Za-z]+)\s*(?:([A-Za-z]{3}))?\s*$")


def parse_amount(text: str, currency: str | None) -> Decimal:
    """An amount as typed: `4368.00`, `USD 4368`, `4368 USD`; in the order's currency."""
    m = _AMOUNT.match(text)
    if not m or (m[1] and m[3]):
        raise _refusal(
            "an amount is a number like 4368.00, optionally with the currency (USD 4368.00); got '{text}'", text=text
        )
    code, number = (m[1] or m[3] or "").upper(), m[2]
    if code and currency and code != currency.upper():
        raise _refusal(
            "the order is in {currency}, the payment is in {code}: "
            "record the {currency} amount credited (convert it first)",
            currency=currency.upper(),
            code=code,
        )
    if code and not currency:
        raise _refusal("the order has no currency; add currency: {code} to it first", code=code)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):
        raise _refusal(
            "write amounts without thousands separators: {plain}, not {number}",
            plain=number.replace(",", ""),
            number=number,
        )
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise _refusal("an amount is a number like 4368.00, got '{text}'", text=text) from None
    if not amount.is_finite() or amount <= 0:
        raise _refusal("an amount received is above zero, got '{text}'", text=text)
    if -amount.as_tuple().exponent > money.exponent(currency):  # type: ignore[operator]
        decimals = money.exponent(currency)
        if currency:
            raise _refusal("{currency} has {n} decimals; got '{text}'", currency=currency, n=decimals, text=text)
        raise _refusal("the currency has {n} decimals; got '{text}'", n=decimals, text=text)
    return money.rounded(amount, currency)  # written as a person writes it: 100.00


def _refusal(template: str, **values: Any) -> GendanError:
    """A usage error (exit 2) with its words kept, for the user's language."""
    return GendanError.worded(said((template, values)))


def pay(
    order: Order,
    config: Config,
    kind: str,
    amount_text: str,
    when: date | None,
    today: date,
    by: str,
    reference: str | None = None,
) -> Change:
    """Record money received: a new payment, or the planned one of that kind and amount filled in.
    Its message and notes keep their words (Change.words, Change.note_words)."""
    if kind not in KINDS:
        raise _refusal("a payment is one of {kinds}; got '{kind}'", kinds=", ".join(KINDS), kind=kind)
    amount = parse_amount(amount_text, order.currency)
    day = when or today
    if day > today:
        raise _refusal("{day} is after today ({today}): record a payment when it is received", day=day, today=today)
    cur = order.currency
    patch = Patch()
    planned = [i for i, p in enumerate(order.payments) if p.kind == kind and p.received is None and p.amount == amount]
    if planned:
        i = planned[0]
        patch.set("payments", i, "received", value=day).set("payments", i, "confirmed_by", value=by)
        if reference:
            patch.set("payments", i, "reference", value=reference)
    else:
        entry = {"kind": kind, "amount": amount, "received": day, "confirmed_by": by, "reference": reference}
        patch.append("payments", entry)
    message = said(
        ("{id}: ", {"id": order.id}),
        (kind, {}),
        (" {amount} received on {day}", {"amount": money.labelled(amount, cur), "day": day}),
        *([(" ({reference})", {"reference": reference})] if reference else []),
    )
    notes = []
    value = order.value
    if kind == "deposit":
        need = required_deposit(order)
        got = payment_summary(order)["deposit_confirmed"] + amount
        if need is not None:
            short = short_by(need, got, config, cur)
            pct = order.payment.deposit_pct  # type: ignore[union-attr]
            values = {"got": money.labelled(got, cur), "need": money.labelled(need, cur), "pct": pct}
            shortfall = [(": short by {short}, R4 does not hold yet", {"short": money.labelled(short, cur)})]
            notes.append(said(("deposit received {got} of {need} ({pct}%)", values), *(shortfall if short else [])))
    total = received(order) + amount
    rest = value - total
    if rest < 0:
        values = {"total": money.labelled(total, cur), "over": money.labelled(-rest, cur)}
        notes.append(said(("received {total}, {over} more than the order value", values)))
    else:
        values = {
            "total": money.labelled(total, cur),
            "value": money.labelled(value, cur),
            "rest": money.labelled(rest, cur),
        }
        notes.append(said(("received {total} of {value}, outstanding {rest}", values)))
    return Change(patch, message[0], [n for n, _ in notes], words=(message[1],), note_words=tuple(w for _, w in notes))
