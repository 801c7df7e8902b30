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

from gendan.core import money
from gendan.core.config import SIDE_STAGES, Config
from gendan.core.errors import GendanError, Pieces, RefusedError, said
from gendan.core.model import Order, _date
from gendan.core.patch import Change, Patch
from gendan.core.text import guessed

if TYPE_CHECKING:
    from gendan.domain.calendar import Forecast

CHANGEABLE = (
    "qty.COLOUR.SIZE",
    "price.COLOUR",
    "shipped.COLOUR.SIZE",
    "tolerance_pct",
    "ex_factory",
    "packing.instructions",
    "packing.instructions_zh",
    "packing.carton",
    "packing.net_kg",
    "packing.gross_kg",
    "packing.pieces_per_carton[.COLOUR]",
)
_CARTON = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:cm)?\s*$")


def known_milestones(order: Order, config: Config) -> list[str]:
    """The milestones a user may name: the order's template's first, then any other known one.
    Also where a new milestone entry goes in the file, so two people's `done` on different
    milestones touch different lines and merge cleanly in git (appending both at the end conflicts)."""
    known = [m.key for m in config.template_for(order.style.product_type if order.style else None)]
    return known + [k for k in sorted(config.milestone_keys() | set(order.milestones)) if k not in known]


def open_milestones(order: Order, config: Config) -> list[str]:
    """The milestones of the order's template (and its own) not done yet, in template order
    (done as `calendar.completion` says): what `done ID` and `revise ID` are offered."""
    from gendan.domain.calendar import completion, template_of

    template = template_of(order, config)
    stages = {m.key: m.stage for m in template}
    keys = [m.key for m in template] + [k for k in order.milestones if k not in stages]
    return [k for k in keys if not completion(k, stages.get(k), order, config).done]


def milestone_key(order: Order, config: Config, name: str) -> str:
    """A milestone the user named: one of the templates', or one the order already has."""
    known = known_milestones(order, config)
    if name in known:
        return name
    raise GendanError.worded(said(*_unknown_milestone(name, known), (_LISTED, {})))


_LISTED = "; the milestones are listed by `gendan plan ID`"


def _unknown_milestone(name: str, known: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """`unknown milestone 'x' (did you mean 'y'?)` as pieces of a message (`said`)."""
    return [("unknown milestone '{name}'", {"name": name}), *guessed(name, known)]


def done(order: Order, config: Config, names: list[str] | str, when: date | None, today: date) -> Change:
    """Record that milestones happened (today unless `when`): all of them, or none.

    Every name is checked before anything is written: an unknown one (named, with the
    closest known milestone) or one already done (without `when` to correct it) refuses
    the whole list.
    """
    if isinstance(names, str):
        names = [names]
    if not names:
        raise GendanError.worded(said(("name at least one milestone", {}), (_LISTED, {})))
    known = known_milestones(order, config)
    unknown = [_unknown_milestone(n, known) for n in names if n not in known]
    if unknown:
        refused: list[tuple[str, dict[str, Any]]] = [("nothing written: " if len(names) > 1 else "", {})]
        for i, one in enumerate(unknown):
            refused += [("; ", {})] if i else []
            refused += one
        raise GendanError.worded(said(*refused, (_LISTED, {})))
    keys = list(dict.fromkeys(names))
    day = when or today
    if day > today:
        raise GendanError.worded(
            said(
                (
                    "{day} is after today ({today}): a milestone is done when it has happened",
                    {"day": day, "today": today},
                )
            )
        )
    already = [(k, order.milestones[k].actual) for k in keys if order.milestones.get(k) and order.milestones[k].actual]
    if already and when is None:
        refused = [("{id}: ", {"id": order.id})]
        for i, (k, d) in enumerate(already):
            refused += [(", ", {})] if i else []
            refused.append(("{milestone} is already done on {day}", {"milestone": k, "day": d}))
        refused.append((" (give --date to correct the date)", {}))
        refused.append(("; nothing written" if len(keys) > 1 else "", {}))
        raise RefusedError.worded(said(*refused))
    from gendan.domain.calendar import order_calendar

    cal = order_calendar(order, config, today)
    patch = Patch().order_keys("milestones", keys=known_milestones(order, config))
    lines = []
    for key in keys:
        held = order.milestones.get(key)
        pieces: list[tuple[str, dict]] = [
            ("{id}: {milestone} done on {day}", {"id": order.id, "milestone": key, "day": day})
        ]
        if held and held.actual and held.actual != day:
            pieces.append((" (was {was})", {"was": held.actual}))
        if held and held.due:
            late = cal.between(held.due, day)  # working days, like every delay gendan states
            if late:
                ending = ("late" if late > 0 else "early") + ("" if abs(late) == 1 else "s")
                phrase = {
                    "late": ", {n} working day late",
                    "lates": ", {n} working days late",
                    "early": ", {n} working day early",
                    "earlys": ", {n} working days early",
                }[ending]
                pieces.append((phrase, {"n": abs(late)}))
            else:
                pieces.append((", on time", {}))
        patch.set("milestones", key, "actual", value=day)
        lines.append(tuple(pieces))
    message = "\n".join("".join(t.format(**v) for t, v in line) for line in lines)
    return Change(patch, message, words=tuple(lines))


def revise(order: Order, config: Config, name: str, when: date, reason: str) -> Change:
    """Move a milestone's due date (the plan stays as it was), with the reason."""
    key = milestone_key(order, config, name)
    if not reason or not reason.strip():
        raise GendanError.worded(said(("revise needs --reason TEXT", {})))
    from gendan.domain.calendar import completion, template_of

    held = order.milestones.get(key)
    stage = next((m.stage for m in template_of(order, config) if m.key == key), None)
    done = completion(key, stage, order, config)
    if done.when is not None:  # a milestone of a stage passed may still be awaited: revising says so
        raise RefusedError.worded(
            said(
                (
                    "{id}: {milestone} is already done on {day}; a done milestone is not revised",
                    {"id": order.id, "milestone": key, "day": done.when},
                )
            )
        )
    planned = held.planned if held else None
    message, words = said(
        ("{id}: {milestone} revised to {day}", {"id": order.id, "milestone": key, "day": when}),
        (" (planned {planned})" if planned else "", {"planned": planned} if planned else {}),
        (": {reason}", {"reason": reason}),
    )
    patch = Patch().order_keys("milestones", keys=known_milestones(order, config))
    patch.set("milestones", key, "revised", value=when).set("milestones", key, "reason", value=reason)
    return Change(patch, message, words=(words,))


def change(
    order: Order,
    config: Config,
    fieldname: str,
    value: str,
    today: date,
    requested_by: str,
    approved_by: str,
    reason: str | None = None,
    add: bool = False,
    price: str | None = None,
) -> Change:
    """Apply an order change (R9) and log it with old and new values.

    `add` allows a colour the order does not have yet (its unit price `price`, else the
    one price every line has) or a size outside the order's size run.
    """
    if order.stage == "cancelled" or order.stage == config.stage_keys[-1]:
        raise RefusedError.worded(
            said(("{id} is {stage}; it cannot be changed", {"id": order.id, "stage": order.stage}))
        )
    for who, option in ((requested_by, "--requested-by"), (approved_by, "--approved-by")):
        if not who or not who.strip():
            raise GendanError.worded(
                said(("a change needs {option} NAME (R9: who asked, who approved)", {"option": option}))
            )
    patch = Patch()
    notes: list[tuple[str, Pieces]] = []
    effect = None
    old: Any
    new: Any
    parts = fieldname.split(".")
    if parts[0] == "qty" and len(parts) >= 3:
        colour, size = fieldname[4:].rsplit(".", 1)
        old, new, effect = _change_qty(order, colour, size, value, patch, add, price)
        total = order.quantity - (old or 0) + new
        notes.append(said(("order quantity {old} -> {new} pcs", {"old": order.quantity, "new": total})))
        if _started(order, config):
            notes.append(
                said(
                    (
                        "production has started: materials already bought for the old quantity are charged to the "
                        "customer (R9)",
                        {},
                    )
                )
            )
    elif parts[0] == "price" and len(parts) >= 2:
        old, new = _change_price(order, fieldname[6:], value, patch)
        notes.append(said(("order value {old} -> {new}", _value_after(order, fieldname[6:], new))))
    elif parts[0] == "shipped" and len(parts) >= 3:
        colour, size = fieldname[8:].rsplit(".", 1)
        old, new = _change_shipped(order, colour, size, value, patch)
    elif fieldname == "tolerance_pct":
        old, new = order.tolerance_pct, _percent(value)
        patch.set("tolerance_pct", value=new)
    elif fieldname == "ex_factory":
        old, new = order.ex_factory, _day(value)
        patch.set("ex_factory", value=new)
        notes.append(
            said(("the T&A plan was made for the old date; re-plan with: gendan plan {id} --write", {"id": order.id}))
        )
    elif parts[0] == "packing" and len(parts) >= 2:
        old, new = _change_packing(order, parts[1:], value, patch)
    else:
        raise _unchangeable(fieldname)
    if (add or price is not None) and not fieldname.startswith("qty."):
        raise GendanError.worded(said(("--add and --price are for qty.COLOUR.SIZE (a new colour or size)", {})))
    if old == new:
        raise GendanError.worded(
            said(("{field} is already {new}; nothing to change", {"field": fieldname, "new": new}))
        )
    entry = {
        "date": today,
        "field": fieldname,
        "old": old,
        "new": new,
        "requested_by": requested_by,
        "approved_by": approved_by,
        "reason": reason,
        "effect": effect[0] if effect else None,
    }
    patch.append("changes", entry)
    message, words = said(
        (
            "{id}: {field} {old} -> {new} (requested by {requested_by}, approved by {approved_by})"
            if old is not None
            else "{id}: {field} (none) -> {new} (requested by {requested_by}, approved by {approved_by})",
            {"id": order.id, "field": fieldname, "old": old, "new": new}
            | {"requested_by": requested_by, "approved_by": approved_by},
        )
    )
    if effect:
        notes.insert(0, effect)
    return Change(patch, message, [t for t, _ in notes], words=(words,), note_words=tuple(w for _, w in notes))


def _unchangeable(fieldname: str) -> GendanError:
    """`cannot change 'x' (did you mean 'y'?); changeable: ...`"""
    return GendanError.worded(
        said(
            ("cannot change '{field}'", {"field": fieldname}),
            *guessed(fieldname, CHANGEABLE),
            ("; changeable: {fields}", {"fields": ", ".join(CHANGEABLE)}),
        )
    )


def _started(order: Order, config: Config) -> bool:
    stages = config.stage_keys
    stage = order.stage if order.stage not in SIDE_STAGES else None
    return bool(stage in stages and "production" in stages and stages.index(stage) >= stages.index("production"))


def _line_of(order: Order, colour: str) -> int | None:
    colours = [line.colour for line in order.lines]
    if colours.count(colour) > 1:
        raise GendanError.worded(
            said(("colour '{colour}' is on several lines of {id}; edit the file", {"colour": colour, "id": order.id}))
        )
    return colours.index(colour) if colour in colours else None


def _no_colour(order: Order, colour: str, add: bool) -> GendanError:
    colours = [line.colour for line in order.lines]
    return GendanError.worded(
        said(
            ("no colour '{colour}' in {id}", {"colour": colour, "id": order.id}),
            *guessed(colour, colours),
            ("; colours: {colours}", {"colours": ", ".join(colours)}),
            (" (--add adds a new colour)" if add else "", {}),
        )
    )


def _change_qty(
    order: Order, colour: str, size: str, value: str, patch: Patch, add: bool, price: str | None
) -> tuple[int | None, int, tuple[str, Pieces] | None]:
    if not re.fullmatch(r"[0-9]+|-[0-9]+", value.strip()):
        plain = value.replace(",", "")
        raise GendanError.worded(
            said(
                ("a quantity is a whole number of pieces, got '{value}'", {"value": value}),
                (", e.g. {plain}" if plain.strip().isdigit() else "", {"plain": plain}),
            )
        )
    qty = int(value.strip())
    if qty < 0:
        raise GendanError.worded(said(("a quantity cannot be negative, got {qty}", {"qty": qty})))
    i = _line_of(order, colour)
    run = size_run(order)
    if size not in run and not add:
        raise GendanError.worded(
            said(
                ("no size '{size}' in the size run of {id}", {"size": size, "id": order.id}),
                *guessed(size, run),
                ("; sizes: {sizes} (--add adds a size outside the run)", {"sizes": ", ".join(run)}),
            )
        )
    if i is None:
        if not add:
            raise _no_colour(order, colour, True)
        if qty == 0:
            raise GendanError.worded(
                said(("a new colour needs pieces; got 0 for {colour} {size}", {"colour": colour, "size": size}))
            )
        unit = _price(price) if price is not None else _common_price(order, colour)
        patch.append("lines", {"colour": colour, "unit_price": unit, "sizes": {size: qty}})
        return (
            None,
            qty,
            said(
                (
                    "new colour {colour} at {price} a piece",
                    {"colour": colour, "price": money.labelled_price(unit, order.currency)},
                )
            ),
        )
    if price is not None:
        raise GendanError.worded(
            said(("{colour} is already on the order; change its price with price.{colour}", {"colour": colour}))
        )
    line = order.lines[i]
    if size not in line.sizes:
        if qty == 0:
            raise GendanError.worded(
                said(("{colour} has no size {size}; nothing to remove", {"colour": colour, "size": size}))
            )
        keys = [s for s in sized(run, size) if s in line.sizes or s == size]
        patch.order_keys("lines", i, "sizes", keys=keys)
        patch.set("lines", i, "sizes", size, value=qty)
        return None, qty, said(("new size {size} for {colour}", {"size": size, "colour": colour}))
    if qty == 0:
        if len(line.sizes) == 1:
            raise GendanError.worded(
                said(("{colour} would have no sizes left; cancel the order or edit the file", {"colour": colour}))
            )
        patch.delete("lines", i, "sizes", size)
    else:
        patch.set("lines", i, "sizes", size, value=qty)
    return line.sizes[size], qty, None


# Letter sizes in their order; numbers (EU sizes, heights in cm) sort as numbers.
_LETTER_SIZES = {
    s: rank
    for rank, names in enumerate(
        (
            ("XXXS", "3XS"),
            ("XXS", "2XS"),
            ("XS",),
            ("S",),
            ("M",),
            ("L",),
            ("XL",),
            ("XXL", "2XL"),
            ("XXXL", "3XL"),
            ("XXXXL", "4XL"),
            ("5XL",),
            ("6XL",),
        )
    )
    for s in names
}


def _size_rank(size: str) -> tuple[int, float] | None:
    up = size.strip().upper()
    if up in _LETTER_SIZES:
        return (0, _LETTER_SIZES[up])
    try:
        return (1, float(up))
    except ValueError:
        return None


def sized(run: list[str], size: str) -> list[str]:
    """The size run with `size` in its place: where the run has it, else before the first
    size that ranks after it (S < M < L, 36 < 38), else last."""
    if size in run:
        return run
    rank = _size_rank(size)
    if rank is not None:
        for j, s in enumerate(run):
            other = _size_rank(s)
            if other is not None and other[0] == rank[0] and other > rank:
                return [*run[:j], size, *run[j:]]
    return [*run, size]


def size_run(order: Order) -> list[str]:
    """The order's sizes in order, with the sizes a logged change removed put back in place."""
    run = order.sizes
    for c in order.changes:
        parts = c.field.split(".")
        if parts[0] == "qty" and len(parts) >= 3:
            run = sized(run, parts[-1])
    return run


def _change_shipped(order: Order, colour: str, size: str, value: str, patch: Patch) -> tuple[int | None, int]:
    """Pieces shipped of one colour and size (0 removes the entry); a size must be on the line."""
    i = _line_of(order, colour)
    if i is None:
        raise _no_colour(order, colour, False)
    line = order.lines[i]
    if size not in line.sizes:
        raise GendanError.worded(
            said(
                ("no size '{size}' in {colour}", {"size": size, "colour": colour}),
                *guessed(size, list(line.sizes)),
                ("; sizes: {sizes}", {"sizes": ", ".join(line.sizes)}),
            )
        )
    if not re.fullmatch(r"[0-9]+", value.strip()):
        raise GendanError.worded(said(("shipped pieces are a whole number, got '{value}'", {"value": value})))
    qty = int(value.strip())
    old = (line.shipped or {}).get(size)
    if qty == 0:
        patch.delete("lines", i, "shipped", size)
    else:
        patch.order_keys("lines", i, "shipped", keys=list(line.sizes))
        patch.set("lines", i, "shipped", size, value=qty)
    return old, qty


def _percent(value: str) -> Decimal:
    try:
        d = Decimal(value.strip().rstrip("%"))
    except InvalidOperation:
        raise GendanError.worded(
            said(("a tolerance is a percentage like 3, got '{value}'", {"value": value}))
        ) from None
    if not d.is_finite() or not 0 <= d <= 100:
        raise GendanError.worded(said(("a tolerance is a percentage from 0 to 100, got '{value}'", {"value": value})))
    return d


def _common_price(order: Order, colour: str) -> Decimal:
    prices = {line.unit_price for line in order.lines}
    if len(prices) != 1:
        raise GendanError.worded(
            said(("the lines of {id} have different prices; give the new colour's: --price 8.75", {"id": order.id}))
        )
    return prices.pop()


def _change_price(order: Order, colour: str, value: str, patch: Patch) -> tuple[Decimal, Decimal]:
    i = _line_of(order, colour)
    if i is None:
        raise _no_colour(order, colour, False)
    new = _price(value)
    patch.set("lines", i, "unit_price", value=new)
    return order.lines[i].unit_price, new


def _value_after(order: Order, colour: str, price: Decimal) -> dict[str, str]:
    value = money.total(
        money.line_amount(line.quantity, price if line.colour == colour else line.unit_price, order.currency)
        for line in order.lines
    )
    return {"old": money.labelled(order.value, order.currency), "new": money.labelled(value, order.currency)}


def _price(value: str) -> Decimal:
    """A unit price as typed: 8.75; no thousands commas, no sign, above zero."""
    text = value.strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
        raise GendanError.worded(
            said(
                (
                    "write prices without thousands separators: {plain}, not {text}",
                    {"plain": text.replace(",", ""), "text": text},
                )
            )
        )
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise GendanError.worded(said(("a price is a number like 8.75, got '{value}'", {"value": value}))) from None
    if not d.is_finite() or d <= 0:
        raise GendanError.worded(said(("a price is a number above zero, got '{value}'", {"value": value})))
    return d


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
            raise GendanError.worded(
                said(("a carton is LENGTHxWIDTHxHEIGHT in cm, e.g. 60x40x35; got '{value}'", {"value": value}))
            )
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
            raise GendanError.worded(
                said(
                    ("{id} has {n} solid packing rules", {"id": order.id, "n": len(rules)}),
                    (" for {colour}" if colour else "", {"colour": colour} if colour else {}),
                    (
                        "; name the colour: packing.pieces_per_carton.COLOUR"
                        if rules
                        else "; edit the packing in the file",
                        {},
                    ),
                )
            )
        i, rule = rules[0]
        try:
            pcs = int(value)
            if pcs <= 0:
                raise ValueError
        except ValueError:
            raise GendanError.worded(
                said(("pieces per carton is a whole number above 0, got '{value}'", {"value": value}))
            ) from None
        patch.set("packing", "rules", i, "pieces_per_carton", value=pcs)
        return rule.pieces_per_carton, pcs
    raise _unchangeable("packing." + ".".join(parts))


def _carton(*dims) -> str:
    return "x".join(str(d) for d in dims)


def _number(value: str) -> Decimal:
    try:
        d = Decimal(value)
    except InvalidOperation:
        raise GendanError.worded(said(("expected a number like 12.5, got '{value}'", {"value": value}))) from None
    if not d.is_finite() or d < 0:
        raise GendanError.worded(said(("expected a number of zero or more, got '{value}'", {"value": value})))
    return d


def _day(value: str) -> date:
    try:
        return _date(value)
    except ValueError as e:  # (the model's refusal, with its words)
        raise GendanError(str(e), words=getattr(e, "words", ())) from None


@dataclass
class PlanRow:
    """One milestone: the date the template computes beside what the order holds, and the forecast."""

    milestone: str
    owner: str | None
    stage: str | None
    computed: date | None
    planned: date | None
    revised: date | None
    actual: date | None
    forecast: date | None
    slack: int | None
    note: str = ""
    done: bool = False
    note_detail: tuple = ()  # the note as data, for words in any language (_note_detail)


def plan_rows(order: Order, config: Config, today: date) -> tuple[list[PlanRow], Forecast]:
    """The T&A calendar of an order: template dates, held dates, forecast, slack (docs/domain.md §7)."""
    from gendan.domain.calendar import forecast, order_calendar, template_of

    cal = order_calendar(order, config, today)
    fc = forecast(order, config, cal, today)
    keys = [m.key for m in template_of(order, config)]
    keys += [k for k in order.milestones if k not in keys]
    rows = []
    for key in keys:
        step = fc.steps[key]
        held = order.milestones.get(key)
        rows.append(
            PlanRow(
                key,
                (held.owner if held else None) or step.owner,
                step.stage,
                step.template,
                held.planned if held else None,
                held.revised if held else None,
                step.actual,
                step.forecast,
                None if step.done.done else step.slack,
                _note(step, held),
                step.done.done,
                _note_detail(step, held),
            )
        )
    return rows, fc


_DONE_NOTES = {
    "payment": "done (payment recorded)",
    "sample": "done (PP sample approved)",
    "stage passed": "stage passed",
}


def _note(step, held) -> str:
    if step.done.done:
        return _DONE_NOTES.get(step.done.how, "done")
    if step.template is None and step.in_template:
        return "no anchor date (po_date / ex_factory)"
    if not step.in_template and step.template is None:
        return "not in the template"
    notes = []
    if held is None or held.planned is None:
        notes.append("not planned yet")
    elif held.planned != step.template:
        notes.append("plan differs")
    if step.late > 0:
        why = {"today": "not done", "revised": "revised"}.get(step.driver or "", f"after {step.driver}")
        notes.append(f"slips {step.late} working day{'s' * (step.late != 1)} ({why})")
    return ", ".join(notes)


def _note_detail(step, held) -> tuple:
    """_note as data: `(("done", how),)`, `(("no anchor",),)`, `(("not in the template",),)`, or
    some of `("not planned yet",)`, `("plan differs",)`, `("slips", days, driver)`."""
    if step.done.done:
        return (("done", step.done.how or ""),)
    if step.template is None and step.in_template:
        return (("no anchor",),)
    if not step.in_template and step.template is None:
        return (("not in the template",),)
    notes: list[tuple] = []
    if held is None or held.planned is None:
        notes.append(("not planned yet",))
    elif held.planned != step.template:
        notes.append(("plan differs",))
    if step.late > 0:
        notes.append(("slips", step.late, step.driver or ""))
    return tuple(notes)


def plan_patch(order: Order, rows: list[PlanRow]) -> Patch:
    """Planned dates for every milestone not yet done; actual and revised dates, and done
    milestones, untouched (a done milestone's plan is history, not a slip)."""
    patch = Patch().order_keys("milestones", keys=[row.milestone for row in rows])
    for row in rows:
        if row.computed is not None and not row.done and row.planned != row.computed:
            patch.set("milestones", row.milestone, "planned", value=row.computed)
    return patch


def plan_change(order: Order, rows: list[PlanRow], shown: str) -> Change:
    """`plan --write`: the template's dates as planned dates, and what was written where."""
    patch = plan_patch(order, rows)
    if not patch:
        message, words = said(("planned dates already match the template; nothing written", {}))
        return Change(patch, message, words=(words,))
    n = len(patch.sets)
    message, words = said(
        (
            "{n} planned date written to {path}" if n == 1 else "{n} planned dates written to {path}",
            {"n": n, "path": shown},
        )
    )
    return Change(patch, message, words=(words,))


def replanned(order: Order, rows: list[PlanRow]) -> Order:
    """The order as `plan --write` leaves it (the same planned dates as `plan_patch` writes)."""
    import dataclasses

    from gendan.core.model import Milestone

    milestones = dict(order.milestones)
    for row in rows:
        if row.computed is not None and not row.done and row.planned != row.computed:
            held = milestones.get(row.milestone) or Milestone()
            milestones[row.milestone] = dataclasses.replace(held, planned=row.computed)
    return dataclasses.replace(order, milestones=milestones)
