"""The company's rules (docs/domain.md §3) as pure checks on one order.

Each gate function returns the findings that keep it from holding (empty: the gate
holds). The same functions serve `validate` (every gate up to the order's stage
must hold) and `advance` (the gates of the stages being entered). A written special
approval (特批) in the order's `approvals` for a rule satisfies that rule.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from gendan.core import money
from gendan.core.config import SIDE_STAGES, Config
from gendan.core.errors import Finding
from gendan.core.model import Order
from gendan.core.text import closest
from gendan.domain import aql, packing, payments, shipments


def r1_four_essentials(order: Order, config: Config) -> list[Finding]:
    # one template per essential: what is missing is words, not a value (each language says it)
    found = []
    if not order.lines:
        found.append(
            Finding.said(
                "E201",
                ("lines",),
                "R1 four essentials: quantity (lines with colours and sizes) is missing",
                "add {key} to the order",
                key="lines",
            )
        )
    elif any(line.unit_price <= 0 for line in order.lines):
        found.append(
            Finding.said(
                "E201",
                ("lines",),
                "R1 four essentials: price (a unit price above zero on every line) is missing",
                "add {key} to the order",
                key="lines",
            )
        )
    if not order.quality and not any(s.reference for s in order.samples):
        found.append(
            Finding.said(
                "E201",
                ("quality",),
                "R1 four essentials: quality requirement (quality: or an approved sample reference) is missing",
                "add {key} to the order",
                key="quality",
            )
        )
    if order.ex_factory is None:
        found.append(
            Finding.said(
                "E201",
                ("ex_factory",),
                "R1 four essentials: delivery date (ex_factory) is missing",
                "add {key} to the order",
                key="ex_factory",
            )
        )
    return found


def margin_pct(order: Order) -> Decimal | None:
    """Margin in percent of the selling value, from the cost analysis; None without one."""
    if order.costing is None or not order.costing.items or order.value == 0:
        return None
    cost = order.costing.cost_per_piece * order.quantity
    return ((order.value - cost) / order.value * 100).quantize(Decimal("0.01"))


def r3_margin(order: Order, config: Config) -> list[Finding]:
    if order.approval_for("R3"):
        return []
    margin = margin_pct(order)
    if margin is None:
        return [
            Finding.said(
                "E203", ("costing",), "R3 no cost analysis recorded", "add costing.items (cost per piece) to the order"
            )
        ]
    approval = order.costing.approval if order.costing else None  # (a margin means a costing)
    if margin < config.min_margin_pct and approval is None:
        return [
            Finding.said(
                "E203",
                ("costing",),
                "R3 margin {margin}% is below {min_margin}% and has no general manager approval",
                "record costing.approval: {{by: NAME, date: DATE}}",
                margin=margin,
                min_margin=config.min_margin_pct,
            )
        ]
    return []


def r4_money_before_production(order: Order, config: Config, entering: bool = True) -> list[Finding]:
    """Entering a stage: the deposit in the amount the terms require. Once past it (`validate`):
    a deposit was received; a later change of quantity or price does not un-fund the order."""
    if order.approval_for("R4"):
        return []
    terms = order.payment.terms if order.payment else None
    if terms is None:
        return [Finding.said("E204", ("payment",), "R4 payment terms are missing", "add payment: {terms: ...}")]
    if terms == "deposit_balance":
        return _deposit_findings(order, config, entering)
    if terms == "lc":
        if any(p.kind == "lc" and p.received and p.confirmed_by for p in order.payments):
            return []
        return [
            Finding.said(
                "E204",
                ("payments",),
                "R4 L/C not received and checked against the contract",
                "record the L/C with kind: lc, received: DATE and confirmed_by: NAME (who checked it), "
                "or a special approval (approvals: rule R4)",
            )
        ]
    # D/P, D/A, T/T before shipment: production may start after contract review.
    if r3_margin(order, config):
        # the terms by name in each language: one template for each
        review = (
            "R4 dp terms: the contract review (R3) is not done"
            if terms == "dp"
            else "R4 da terms: the contract review (R3) is not done"
            if terms == "da"
            else "R4 tt_before_shipment terms: the contract review (R3) is not done"
        )
        return [Finding.said("E204", ("costing",), review, "complete the cost analysis first")]
    return []


def _deposit_findings(order: Order, config: Config, entering: bool) -> list[Finding]:
    """The deposit received and confirmed by finance, in the amount the terms require."""
    hint = (
        "record it: gendan pay {id} deposit AMOUNT --date DATE (by finance), or a special approval (approvals: rule R4)"
    )
    if not any(p.kind == "deposit" and p.received and p.confirmed_by for p in order.payments):
        return [
            Finding.said(
                "E204", ("payments",), "R4 deposit not received or not confirmed by finance", hint, id=order.id
            )
        ]
    need = payments.required_deposit(order)
    if need is None or not entering:  # no percentage in the terms: any confirmed deposit
        return []
    got = payments.payment_summary(order)["deposit_confirmed"]
    short = payments.short_by(need, got, config, order.currency)
    if not short:
        return []
    return [
        Finding.said(
            "E204",
            ("payments",),
            "R4 deposit short: received {received} of the {pct}% deposit {need}, short by {short} "
            "(more than the bank charges, {charges}%)",
            hint,
            received=money.labelled(got, order.currency),
            pct=order.payment.deposit_pct,  # type: ignore[union-attr]
            need=money.labelled(need, order.currency),
            short=money.labelled(short, order.currency),
            charges=config.bank_charges_pct,
            id=order.id,
        )
    ]


def r5_pp_sample(order: Order, config: Config) -> list[Finding]:
    if order.approval_for("R5"):
        return []
    if any(s.type == "pp" and s.verdict in ("approved", "approved_with_comments") for s in order.samples):
        return []
    return [
        Finding.said(
            "E205",
            ("samples",),
            "R5 no approved pre-production (PP) sample",
            "record the PP sample with verdict: approved",
        )
    ]


def balance_before_shipment(order: Order) -> bool:
    """Whether the terms want all the money before the goods ship (else, for a deposit order,
    the balance is paid against a copy of the B/L: the originals wait for it)."""
    p = order.payment
    return p is not None and (
        p.terms == "tt_before_shipment" or (p.terms == "deposit_balance" and p.balance == "before_shipment")
    )


def _paid_in_full(order: Order, config: Config) -> tuple[Decimal, Decimal, Decimal]:
    """(order value, received, short beyond the bank charges)."""
    value = order.value
    got = payments.received(order)
    return value, got, payments.short_by(value, got, config, order.currency)


def _amounts(order: Order, value: Decimal, got: Decimal) -> dict[str, str]:
    """The values of `received {received} of {value}, outstanding {outstanding}`, as money prints."""
    return {
        "received": money.labelled(got, order.currency),
        "value": money.labelled(value, order.currency),
        "outstanding": money.labelled(value - got, order.currency),
    }


def r6_money_before_goods(order: Order, config: Config) -> list[Finding]:
    """Before shipment, only where the terms want the money first (T/T before shipment, or a
    deposit order whose balance is due before shipment). Against a copy of the B/L the
    goods ship and the originals wait for the balance (the `balance` gate of `paid`);
    under L/C, D/P and D/A the bank holds the documents."""
    if not balance_before_shipment(order) or order.approval_for("R6"):
        return []
    value, got, short = _paid_in_full(order, config)
    if not short:
        return []
    return [
        Finding.said(
            "E206",
            ("payments",),
            "R6 the terms want the money before shipment: received {received} of {value}, outstanding {outstanding}",
            "record it: gendan pay {id} balance AMOUNT, or an exception "
            "(approvals: rule R6, by the supervisor, with reason; tell finance)",
            id=order.id,
            **_amounts(order, value, got),
        )
    ]


def balance_received(order: Order, config: Config) -> list[Finding]:
    """`paid`: the balance is recorded as received (within the bank charges); the original
    documents (B/L) are released against it."""
    if order.approval_for("balance"):
        return []
    value, got, short = _paid_in_full(order, config)
    if not short:
        return []
    return [
        Finding.said(
            "E211",
            ("payments",),
            "balance not received: received {received} of {value}, outstanding {outstanding}",
            "record it: gendan pay {id} balance AMOUNT --date DATE --ref BANK-REF",
            id=order.id,
            **_amounts(order, value, got),
        )
    ]


def nothing_outstanding(order: Order, config: Config) -> list[Finding]:
    """`closed`: nothing outstanding, or what is left written off by a special approval."""
    if payments.written_off(order):
        return []
    value, got, short = _paid_in_full(order, config)
    if not short:
        return []
    return [
        Finding.said(
            "E212",
            ("payments",),
            "money outstanding and not written off: received {received} of {value}, outstanding {outstanding}",
            "record it with gendan pay {id} ..., or write it off: "
            "gendan advance {id} --override --approved-by NAME --reason TEXT",
            id=order.id,
            **_amounts(order, value, got),
        )
    ]


def r8_final_inspection(order: Order, config: Config) -> list[Finding]:
    if order.approval_for("R8"):
        return []
    if any(i.type == "final" and i.result == "pass" for i in order.inspections):
        return []
    return [
        Finding.said(
            "E208", ("inspections",), "R8 no passed final inspection", "record the final inspection with result: pass"
        )
    ]


GATE_CHECKS: dict[str, Callable[[Order, Config], list[Finding]]] = {
    "R1": r1_four_essentials,
    "R3": r3_margin,
    "R4": r4_money_before_production,
    "R5": r5_pp_sample,
    "R6": r6_money_before_goods,
    "R8": r8_final_inspection,
    "balance": balance_received,
    "settled": nothing_outstanding,
}
# What `validate` checks of the gates an order has passed: the same, but the deposit's amount
# is checked when production money is entered, not again after every change of the order value.
HELD_CHECKS: dict[str, Callable[[Order, Config], list[Finding]]] = {
    **GATE_CHECKS,
    "R4": lambda order, config: r4_money_before_production(order, config, entering=False),
}


def effective_stage(order: Order) -> str | None:
    """The stage whose rules apply: the order's, or for a held order the one it was held at."""
    if order.stage not in SIDE_STAGES:
        return order.stage
    for entry in reversed(order.history):
        if entry.to == order.stage and entry.from_:
            return entry.from_
    return None


def check_order(order: Order, folder_name: str, config: Config, today: date) -> list[Finding]:
    """Every single-order rule of `validate` (docs/domain.md §3 R1-R8, consistency, dates)."""
    return [
        *_naming_findings(order, folder_name, config),
        *_dating_findings(order, today),
        *_gate_findings(order, config),
        *payments.lc_findings(order, config, today),  # warnings (W3xx)
    ]


def _naming_findings(order: Order, folder_name: str, config: Config) -> list[Finding]:
    """The id against its folder, the stage and the milestones against the config."""
    found: list[Finding] = []
    if order.id != folder_name:
        found.append(
            Finding.said(
                "E110", ("id",), "id {id} differs from the folder name {folder}", id=order.id, folder=folder_name
            )
        )
    stages = config.stage_keys
    if order.stage not in stages and order.stage not in SIDE_STAGES:
        guess = closest(order.stage, [*stages, *SIDE_STAGES])
        found.append(
            Finding.said(
                "E111",
                ("stage",),
                "unknown stage '{value}'" + (" (did you mean '{guess}'?)" if guess else ""),
                value=order.stage,
                guess=guess,
            )
        )
    found.extend(_milestone_keys(order, config))
    return found


def _dating_findings(order: Order, today: date) -> list[Finding]:
    """Revisions without a reason, and things done after `today`."""
    found: list[Finding] = []
    for key, m in order.milestones.items():
        if m.revised and not m.reason:
            found.append(
                Finding.said(
                    "E121",
                    ("milestones", key, "revised"),
                    "milestone {milestone} is revised without a reason",
                    milestone=key,
                )
            )
        if m.actual and m.actual > today:
            found.append(
                Finding.said(
                    "E120",
                    ("milestones", key, "actual"),
                    "milestone {milestone} is done on {day}, after {today}",
                    milestone=key,
                    day=m.actual,
                    today=today,
                )
            )
    for i, p in enumerate(order.payments):
        if p.received and p.received > today:
            found.append(
                Finding.said(
                    "E120",
                    ("payments", i, "received"),
                    "payment received on {day}, after {today}",
                    day=p.received,
                    today=today,
                )
            )
    for i, s in enumerate(order.samples):
        for key in ("sent", "reply"):
            when = getattr(s, key)
            if when and when > today:
                found.append(
                    Finding.said(
                        "E120",
                        ("samples", i, key),
                        "sample sent on {day}, after {today}"
                        if key == "sent"
                        else "sample reply on {day}, after {today}",
                        day=when,
                        today=today,
                    )
                )
    for i, insp in enumerate(order.inspections):
        if insp.date and insp.date > today and insp.result != "pending":
            found.append(
                Finding.said(
                    "E120",
                    ("inspections", i, "date"),
                    "inspection with a result dated {day}, after {today}",
                    day=insp.date,
                    today=today,
                )
            )
    return found


def _gate_findings(order: Order, config: Config) -> list[Finding]:
    """The gates up to the order's stage, then the checks that are not gates."""
    found: list[Finding] = []
    stage = effective_stage(order)
    if stage is not None and stage in config.stage_keys:
        for gate in config.gates_up_to(stage):
            check = HELD_CHECKS.get(gate)
            if check:
                found.extend(check(order, config))
    for extra in EXTRA_CHECKS:
        found.extend(extra(order, config))
    return found


def _milestone_keys(order: Order, config: Config) -> list[Finding]:
    """Every milestone the order records is a template's, or names its own anchor and offset (E112, E114)."""
    found: list[Finding] = []
    known = config.milestone_keys()
    anchors = {"po_date", "ex_factory", *known, *order.milestones}
    for key, m in order.milestones.items():
        if key not in known and not (m.anchor and m.offset is not None):
            guess = closest(key, known)
            found.append(
                Finding.said(
                    "E112",
                    ("milestones", key),
                    "unknown milestone '{key}' (did you mean '{guess}'?); "
                    "a milestone of this order alone needs `anchor` and `offset`"
                    if guess
                    else "unknown milestone '{key}'; a milestone of this order alone needs `anchor` and `offset`",
                    key=key,
                    guess=guess,
                )
            )
        if (m.anchor is None) != (m.offset is None):
            found.append(
                Finding.said(
                    "E114",
                    ("milestones", key),
                    "milestone {milestone}: `anchor` and `offset` go together",
                    milestone=key,
                )
            )
        elif m.anchor is not None and (m.anchor not in anchors or m.anchor == key):
            guess = closest(m.anchor, sorted(anchors))
            found.append(
                Finding.said(
                    "E114",
                    ("milestones", key, "anchor"),
                    "milestone {milestone} is anchored on unknown '{anchor}'"
                    + (" (did you mean '{guess}'?)" if guess else ""),
                    milestone=key,
                    anchor=m.anchor,
                    guess=guess,
                )
            )
    return found


def shipped_findings(order: Order, config: Config) -> list[Finding]:
    """W305: once quantities are shipped (`lines[].shipped`), each colour and the order within
    the order's `tolerance_pct` (more or less; 0 without one), and no size the order lacks."""
    if not any(line.shipped for line in order.lines):
        return []
    pct = order.tolerance_pct or Decimal(0)
    found = []

    def within(key: tuple[str | int, ...], colour: str | None, shipped: int, ordered: int) -> None:
        """A colour's (or, without one, the order's) shipped quantity within the tolerance."""
        low, high = ordered * (100 - pct) / 100, ordered * (100 + pct) / 100
        if not low <= shipped <= high:
            found.append(
                Finding.said(
                    "W305",
                    key,
                    "the order: shipped {shipped:,} pcs of {ordered:,} ordered, outside ±{pct}% ({low:,} to {high:,})"
                    if colour is None
                    else "{colour}: shipped {shipped:,} pcs of {ordered:,} ordered, outside ±{pct}% "
                    "({low:,} to {high:,})",
                    colour=colour,
                    shipped=shipped,
                    ordered=ordered,
                    pct=pct,
                    low=math.ceil(low),
                    high=math.floor(high),
                )
            )

    for i, line in enumerate(order.lines):
        extra = [s for s in (line.shipped or {}) if s not in line.sizes]
        if extra:
            found.append(
                Finding.said(
                    "W305",
                    ("lines", i, "shipped"),
                    "{colour}: shipped size {sizes} not on the order",
                    colour=line.colour,
                    sizes=", ".join(extra),
                )
            )
        within(
            ("lines", i, "shipped") if line.shipped else ("lines", i), line.colour, line.shipped_quantity, line.quantity
        )
    within(("lines",), None, sum(line.shipped_quantity for line in order.lines), order.quantity)
    return found


# The single-order checks that are not gates: packing against quantities (E230), inspections (E240),
# shipped quantities (W305), split shipments (E250).
EXTRA_CHECKS: list[Callable[[Order, Config], list[Finding]]] = [
    aql.inspection_findings,
    packing.packing_findings,
    shipped_findings,
    shipments.shipments_findings,
]
