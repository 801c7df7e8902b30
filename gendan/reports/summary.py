"""One order at a glance (`show`) and one line per order (`list`), as plain values.

No printing here: the commands render what these functions return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from gendan.core.config import Config
from gendan.core.model import Order
from gendan.domain.payments import payment_summary  # the one computation (re-exported)


@dataclass
class MilestoneDue:
    key: str
    due: date
    owner: str | None
    revised: bool
    late_days: int  # positive: overdue by that many calendar days

    def as_row(self) -> dict:
        return {
            "milestone": self.key,
            "due": self.due,
            "owner": self.owner,
            "revised": self.revised,
            "late_days": self.late_days,
        }


@dataclass
class PaymentLine:
    kind: str
    amount: Decimal | None
    due: date | None
    received: date | None
    confirmed_by: str | None

    def as_row(self) -> dict:
        return dict(self.__dict__)


@dataclass
class OrderView:
    """Everything `gendan show` prints about one order."""

    order: Order
    stage_name: str
    sizes: list[str]
    rows: list[dict]  # one per colour: colour, per-size pieces, total, unit_price, amount
    totals: dict  # per-size pieces and total
    received: Decimal
    outstanding: Decimal
    payments: list[PaymentLine] = field(default_factory=list)
    next_milestones: list[MilestoneDue] = field(default_factory=list)

    def as_dict(self) -> dict:
        o = self.order
        return {
            "id": o.id,
            "customer": o.customer.name,
            "country": o.customer.country,
            "po": o.customer.po,
            "merchandiser": o.merchandiser,
            "factory": o.factory.name if o.factory else None,
            "style": o.style.number if o.style else None,
            "description": o.style.description if o.style else None,
            "stage": o.stage,
            "incoterm": o.incoterm,
            "payment_terms": o.payment.terms if o.payment else None,
            "po_date": o.po_date,
            "ex_factory": o.ex_factory,
            "currency": o.currency,
            "pieces": o.quantity,
            "value": o.value,
            "received": self.received,
            "outstanding": self.outstanding,
            "sizes": self.sizes,
            "lines": self.rows,
            "totals": self.totals,
            "payments": [p.as_row() for p in self.payments],
            "next_milestones": [m.as_row() for m in self.next_milestones],
        }


def next_milestones(order: Order, today: date, limit: int = 5) -> list[MilestoneDue]:
    """Milestones not done yet with a due date (revised, else planned), soonest first."""
    due = [
        MilestoneDue(key, m.due, m.owner, m.revised is not None, (today - m.due).days)
        for key, m in order.milestones.items()
        if m.actual is None and m.due is not None
    ]
    due.sort(key=lambda m: (m.due, m.key))
    return due[:limit]


def stage_label(order: Order, config: Config) -> str:
    for s in config.stages:
        if s.key == order.stage:
            return f"{s.key} ({s.name_zh})" if s.name_zh else s.key
    return order.stage


def view(order: Order, config: Config, today: date, upcoming: int = 5) -> OrderView:
    sizes = order.sizes
    rows = []
    for line in order.lines:
        row = {
            "colour": line.colour,
            **{s: line.sizes.get(s, 0) for s in sizes},
            "total": line.quantity,
            "unit_price": line.unit_price,
            "amount": order.line_amount(line),
        }
        rows.append(row)
    totals = {s: sum(line.sizes.get(s, 0) for line in order.lines) for s in sizes}
    totals["total"] = order.quantity
    paid = payment_summary(order)
    lines = [PaymentLine(p.kind, p.amount, p.due, p.received, p.confirmed_by) for p in order.payments]
    return OrderView(
        order,
        stage_label(order, config),
        sizes,
        rows,
        totals,
        paid["received"],
        paid["outstanding"],
        lines,
        next_milestones(order, today, upcoming),
    )


def list_rows(orders: Iterable[Order]) -> list[dict[str, Any]]:
    """One row per order (chosen by `gendan.reports.filters.orders`), sorted by id."""
    rows: list[dict[str, Any]] = []
    for o in orders:
        rows.append(
            {
                "id": o.id,
                "customer": o.customer.name,
                "style": o.style.number if o.style else None,
                "stage": o.stage,
                "pieces": o.quantity,
                "value": o.value,
                "currency": o.currency,
                "ex_factory": o.ex_factory,
                "merchandiser": o.merchandiser,
            }
        )
    rows.sort(key=lambda r: r["id"])
    return rows
