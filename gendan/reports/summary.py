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
from gendan.domain.calendar import Forecast, WorkCalendar
from gendan.domain.payments import payment_summary  # the one computation (re-exported)


@dataclass
class MilestoneDue:
    key: str
    due: date
    owner: str | None
    revised: bool
    working_days_late: int  # positive: overdue by that many working days; negative: due in that many
    forecast: date | None = None
    slack: int | None = None  # working days it can slip before the forecast ex-factory moves

    def as_row(self) -> dict:
        return {
            "milestone": self.key,
            "due": self.due,
            "forecast": self.forecast,
            "owner": self.owner,
            "revised": self.revised,
            "working_days_late": self.working_days_late,
            "slack": self.slack,
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
    forecast: Forecast | None = None

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
            "forecast_ex_factory": self.forecast.ex_factory if self.forecast else None,
            "working_days_late": self.forecast.late_days if self.forecast else 0,
            "chain": self.forecast.chain if self.forecast else [],
            "why": self.forecast.chain_text() if self.forecast and self.forecast.at_risk else "",
        }


def next_milestones(order: Order, fc: Forecast, cal: WorkCalendar, today: date, limit: int = 5) -> list[MilestoneDue]:
    """Milestones not done yet (the one notion of done) with a due date, soonest first."""
    due = []
    for step in fc.steps.values():
        if step.done.done or step.due is None:
            continue
        held = order.milestones.get(step.key)
        owner = (held.owner if held else None) or step.owner
        late = max(1, cal.between(step.due, today)) if step.due < today else -cal.between(today, step.due)
        due.append(MilestoneDue(step.key, step.due, owner, step.revised is not None, late, step.forecast, step.slack))
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
    from gendan.domain.calendar import forecast, order_calendar

    cal = order_calendar(order, config, today)
    fc = forecast(order, config, cal, today)
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
        next_milestones(order, fc, cal, today, upcoming),
        fc,
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
