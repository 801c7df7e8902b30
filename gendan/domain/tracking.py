"""Milestone updates and order changes (R9) as patches on an order. Pure.

`done` records an actual date, `revise` a revised date with its reason, `change`
changes a quantity, the ex-factory date or the packing and logs old and new values
(who asked, who approved) in the order's `changes`. Each returns a
`gendan.core.patch.Change`: what to write and what to tell the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from gendan.core.config import SIDE_STAGES, Config
from gendan.core.errors import GendanError, RefusedError
from gendan.core.model import Order, _date
from gendan.core.patch import Change, Patch
from gendan.core.text import did_you_mean

if TYPE_CHECKING:
    from gendan.domain.calendar import Forecast

CHANGEABLE = (
    "qty.COLOUR.SIZE",
    "ex_factory",
    "packing.instructions",
    "packing.instructions_zh",
    "packing.carton",
    "packing.net_kg",
    "packing.gross_kg",
    "packing.pieces_per_carton[.COLOUR]",
)
_CARTON = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:cm)?\s*$")


def milestone_key(order: Order, config: Config, name: str) -> str:
    """A milestone the user named: one of the templates', or one the order already has."""
    known = milestone_order(order, config)
    if name in known:
        return name
    raise GendanError(
        f"unknown milestone '{name}'" + did_you_mean(name, known) + "; the milestones are listed by `gendan plan ID`"
    )


def milestone_order(order: Order, config: Config) -> list[str]:
    """The order's milestones as they stand in its template, then any others by name: where a new
    milestone entry goes in the file, so two people's `done` on different milestones touch
    different lines and merge cleanly in git (appending both at the end conflicts)."""
    known = [m.key for m in config.template_for(order.style.product_type if order.style else None)]
    return known + [k for k in sorted(config.milestone_keys() | set(order.milestones)) if k not in known]


def done(order: Order, config: Config, name: str, when: date | None, today: date) -> Change:
    """Record that a milestone happened (today unless `when`)."""
    key = milestone_key(order, config, name)
    day = when or today
    if day > today:
        raise GendanError(f"{day} is after today ({today}): a milestone is done when it has happened")
    held = order.milestones.get(key)
    if held and held.actual and when is None:
        raise RefusedError(f"{order.id}: {key} is already done on {held.actual} (give --date to correct the date)")
    message = f"{order.id}: {key} done on {day}"
    if held and held.actual and held.actual != day:
        message += f" (was {held.actual})"
    if held and held.due:
        late = (day - held.due).days
        message += (
            f", {abs(late)} day{'s' * (abs(late) != 1)} {'late' if late > 0 else 'early'}" if late else ", on time"
        )
    patch = Patch().order_keys("milestones", keys=milestone_order(order, config))
    return Change(patch.set("milestones", key, "actual", value=day), message)


def revise(order: Order, config: Config, name: str, when: date, reason: str) -> Change:
    """Move a milestone's due date (the plan stays as it was), with the reason."""
    key = milestone_key(order, config, name)
    if not reason or not reason.strip():
        raise GendanError("revise needs --reason TEXT")
    held = order.milestones.get(key)
    if held and held.actual:
        raise RefusedError(f"{order.id}: {key} is already done on {held.actual}; a done milestone is not revised")
    was = f" (planned {held.planned})" if held and held.planned else ""
    patch = Patch().order_keys("milestones", keys=milestone_order(order, config))
    patch.set("milestones", key, "revised", value=when).set("milestones", key, "reason", value=reason)
    return Change(patch, f"{order.id}: {key} revised to {when}{was}: {reason}")


def change(
    order: Order,
    config: Config,
    fieldname: str,
    value: str,
    today: date,
    requested_by: str,
    approved_by: str,
    reason: str | None = None,
) -> Change:
    """Apply an order change (R9) and log it with old and new values."""
    if order.stage == "cancelled" or order.stage == config.stage_keys[-1]:
        raise RefusedError(f"{order.id} is {order.stage}; it cannot be changed")
    for who, option in ((requested_by, "--requested-by"), (approved_by, "--approved-by")):
        if not who or not who.strip():
            raise GendanError(f"a change needs {option} NAME (R9: who asked, who approved)")
    patch = Patch()
    notes: list[str] = []
    old: Any  # the field's old and new values: a quantity, a date, a packing value...
    new: Any
    parts = fieldname.split(".")
    if parts[0] == "qty" and len(parts) == 3:
        old, new = _change_qty(order, parts[1], parts[2], value, patch)
        total = order.quantity - (old or 0) + new
        notes.append(f"order quantity {order.quantity} -> {total} pcs")
        if _started(order, config):
            notes.append(
                "production has started: materials already bought for the old quantity are charged to the customer (R9)"
            )
    elif fieldname == "ex_factory":
        old, new = order.ex_factory, _day(value)
        patch.set("ex_factory", value=new)
        notes.append(f"the T&A plan was made for the old date; re-plan with: gendan plan {order.id} --write")
    elif parts[0] == "packing" and len(parts) >= 2:
        old, new = _change_packing(order, parts[1:], value, patch)
    else:
        raise GendanError(
            f"cannot change '{fieldname}'"
            + did_you_mean(fieldname, CHANGEABLE)
            + f"; changeable: {', '.join(CHANGEABLE)}"
        )
    if old == new:
        raise GendanError(f"{fieldname} is already {new}; nothing to change")
    entry = {
        "date": today,
        "field": fieldname,
        "old": old,
        "new": new,
        "requested_by": requested_by,
        "approved_by": approved_by,
        "reason": reason,
    }
    patch.append("changes", entry)
    message = (
        f"{order.id}: {fieldname} {old if old is not None else '(none)'} -> {new} "
        f"(requested by {requested_by}, approved by {approved_by})"
    )
    return Change(patch, message, notes)


def _started(order: Order, config: Config) -> bool:
    stages = config.stage_keys
    stage = order.stage if order.stage not in SIDE_STAGES else None
    return bool(stage in stages and "production" in stages and stages.index(stage) >= stages.index("production"))


def _change_qty(order: Order, colour: str, size: str, value: str, patch: Patch) -> tuple[int | None, int]:
    colours = [line.colour for line in order.lines]
    if colour not in colours:
        raise GendanError(
            f"no colour '{colour}' in {order.id}" + did_you_mean(colour, colours) + f"; colours: {', '.join(colours)}"
        )
    if colours.count(colour) > 1:
        raise GendanError(f"colour '{colour}' is on several lines of {order.id}; edit the file")
    i = colours.index(colour)
    line = order.lines[i]
    if size not in line.sizes:
        raise GendanError(
            f"no size '{size}' in {colour}"
            + did_you_mean(size, list(line.sizes))
            + f"; sizes: {', '.join(line.sizes)} (add a new size by editing the file)"
        )
    try:
        qty = int(value)
    except ValueError:
        raise GendanError(f"a quantity is a whole number of pieces, got '{value}'") from None
    if qty < 0:
        raise GendanError(f"a quantity cannot be negative, got {qty}")
    if qty == 0:
        if len(line.sizes) == 1:
            raise GendanError(f"{colour} would have no sizes left; cancel the order or edit the file")
        patch.delete("lines", i, "sizes", size)
    else:
        patch.set("lines", i, "sizes", size, value=qty)
    return line.sizes[size], qty


def _change_packing(order: Order, parts: list[str], value: str, patch: Patch) -> tuple[Any, Any]:
    packing = order.packing
    key = parts[0]
    if key in ("instructions", "instructions_zh") and len(parts) == 1:
        patch.set("packing", key, value=value)
        return (getattr(packing, key) if packing else None), value
    if key in ("net_kg", "gross_kg") and len(parts) == 1:
        patch.set("packing", key, value=_number(value))
        return (getattr(packing, key) if packing else None), _number(value)
    if key == "carton" and len(parts) == 1:
        m = _CARTON.match(value)
        if not m:
            raise GendanError(f"a carton is LENGTHxWIDTHxHEIGHT in cm, e.g. 60x40x35; got '{value}'")
        dims = [_number(d) for d in m.groups()]
        patch.set("packing", "carton", value=dict(zip(("length", "width", "height"), dims, strict=True)))
        old = packing.carton if packing else None
        return (_carton(old.length, old.width, old.height) if old else None), _carton(*dims)
    if key == "pieces_per_carton" and len(parts) <= 2:
        colour = parts[1] if len(parts) == 2 else None
        rules = [
            (i, r)
            for i, r in enumerate(packing.rules if packing else [])
            if r.mode == "solid" and (colour is None or r.colour == colour)
        ]
        if len(rules) != 1:
            which = f" for {colour}" if colour else ""
            raise GendanError(
                f"{order.id} has {len(rules)} solid packing rules{which}; "
                + ("name the colour: packing.pieces_per_carton.COLOUR" if rules else "edit the packing in the file")
            )
        i, rule = rules[0]
        try:
            pcs = int(value)
            if pcs <= 0:
                raise ValueError
        except ValueError:
            raise GendanError(f"pieces per carton is a whole number above 0, got '{value}'") from None
        patch.set("packing", "rules", i, "pieces_per_carton", value=pcs)
        return rule.pieces_per_carton, pcs
    raise GendanError(
        f"cannot change 'packing.{'.'.join(parts)}'"
        + did_you_mean("packing." + ".".join(parts), CHANGEABLE)
        + f"; changeable: {', '.join(CHANGEABLE)}"
    )


def _carton(*dims) -> str:
    return "x".join(str(d) for d in dims)


def _number(value: str) -> Decimal:
    try:
        d = Decimal(value)
    except InvalidOperation:
        raise GendanError(f"expected a number like 12.5, got '{value}'") from None
    if not d.is_finite() or d < 0:
        raise GendanError(f"expected a number of zero or more, got '{value}'")
    return d


def _day(value: str) -> date:
    try:
        return _date(value)
    except ValueError as e:
        raise GendanError(str(e)) from None


@dataclass
class PlanRow:
    """One milestone: the date the template computes beside what the order holds."""

    milestone: str
    owner: str | None
    stage: str | None
    computed: date | None
    planned: date | None
    revised: date | None
    actual: date | None
    forecast: date | None
    note: str = ""


def plan_rows(order: Order, config: Config, today: date) -> tuple[list[PlanRow], Forecast]:
    """The T&A calendar of an order: template dates, held dates, forecast (docs/domain.md §7)."""
    from gendan.domain.calendar import forecast, order_calendar, plan

    cal = order_calendar(order, config, today)
    computed = plan(order, config, cal)
    fc = forecast(order, config, cal, today)
    template = config.template_for(order.style.product_type if order.style else None)
    rows = []
    for m in template:
        held = order.milestones.get(m.key)
        rows.append(
            PlanRow(
                m.key,
                m.owner,
                m.stage,
                computed.get(m.key),
                held.planned if held else None,
                held.revised if held else None,
                held.actual if held else None,
                fc.dates.get(m.key),
                _note(computed.get(m.key), held, fc.slip.get(m.key, 0)),
            )
        )
    for key, held in order.milestones.items():  # milestones the order has beyond its template
        if key not in computed:
            rows.append(
                PlanRow(
                    key, held.owner, None, None, held.planned, held.revised, held.actual, None, "not in the template"
                )
            )
    return rows, fc


def _note(computed: date | None, held, slip: int) -> str:
    if computed is None:
        return "no anchor date (po_date / ex_factory)"
    if held is None or held.planned is None:
        return "done" if held and held.actual else "not planned yet"
    if held.actual:
        return "done"
    notes = []
    if held.planned != computed:
        notes.append("plan differs")
    if slip > 0:
        notes.append(f"slips {slip} working day{'s' * (slip != 1)}")
    return ", ".join(notes)


def plan_patch(order: Order, rows: list[PlanRow]) -> Patch:
    """Planned dates for every milestone not yet done; actual and revised dates untouched."""
    patch = Patch().order_keys("milestones", keys=[row.milestone for row in rows])
    for row in rows:
        if row.computed is not None and row.actual is None and row.planned != row.computed:
            patch.set("milestones", row.milestone, "planned", value=row.computed)
    return patch


def plan_change(order: Order, rows: list[PlanRow], shown: str) -> Change:
    """`plan --write`: the template's dates as planned dates, and what was written where."""
    patch = plan_patch(order, rows)
    if not patch:
        return Change(patch, "planned dates already match the template; nothing written")
    n = len(patch.sets)
    return Change(patch, f"{n} planned date{'s' * (n != 1)} written to {shown}")


def forecast_note(order: Order, config: Config, today: date) -> str:
    """One line: the forecast ex-factory date against the contract date."""
    from gendan.domain.calendar import forecast, order_calendar

    fc = forecast(order, config, order_calendar(order, config, today), today)
    if fc.ex_factory is None or fc.contract is None:
        return "no forecast: the order has no ex-factory date"
    if fc.at_risk:
        return (
            f"AT RISK: forecast ex-factory {fc.ex_factory}, {fc.late_days} working "
            f"day{'s' * (fc.late_days != 1)} after the contract date {fc.contract}"
        )
    return f"forecast ex-factory {fc.ex_factory}, contract {fc.contract}: on time"
