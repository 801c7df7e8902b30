"""Split shipments: what one shipment of an order carries, and the checks on `shipments:`.

An order ships in one `shipment:` (the whole order, or the `lines[].shipped` quantities once
they are recorded) or in several `shipments:`, each listing its own pieces per colour and
size (`quantities: {Navy: {S: 100, M: 200}}`). Invoices and packing lists are made per
shipment from the order this module cuts down to that shipment's pieces (README, Documents).
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

from gendan.core.config import Config
from gendan.core.errors import Finding, Unfit, said
from gendan.core.model import Order


def shipment_order(order: Order, number: int | None) -> Order:
    """The order as one shipment carries it: lines cut to that shipment's pieces.

    `number` is 1-based into `shipments:`; None means the only shipment: the shipped
    quantities once recorded (`lines[].shipped`), else the whole order. Lines with no
    pieces in the shipment are left out; `shipment` becomes the chosen one.
    Raises ValueError (said to the user; with its words, `Unfit.words`) for a number the order does
    not have.
    """
    if number is None:
        if order.shipments:
            raise Unfit(
                said(
                    (
                        "{id} ships in {n} shipments: give --shipment N (1 to {n})",
                        {"id": order.id, "n": len(order.shipments)},
                    )
                )
            )
        if not any(line.shipped for line in order.lines):
            return order
        lines = [replace(line, sizes=dict(line.shipped)) for line in order.lines if line.shipped]
        return replace(order, lines=lines)
    count = len(order.shipments)
    if count == 0:
        if number == 1:
            return shipment_order(order, None)
        raise Unfit(
            said(("{id} has one shipment; --shipment {number} does not exist", {"id": order.id, "number": number}))
        )
    if not 1 <= number <= count:
        raise Unfit(
            said(
                (
                    "{id} has {n} shipments; --shipment {number} does not exist (1 to {n})",
                    {"id": order.id, "n": count, "number": number},
                )
            )
        )
    chosen = order.shipments[number - 1]
    quantities = chosen.quantities or {}
    lines = []
    for line in order.lines:
        sizes = {s: q for s, q in quantities.get(line.colour, {}).items() if s in line.sizes}
        if sizes:
            lines.append(replace(line, sizes={s: sizes[s] for s in line.sizes if s in sizes}))
    return replace(order, lines=lines, shipment=chosen)


def shipments_findings(order: Order, config: Config) -> list[Finding]:
    """E250: `shipments:` that do not fit the order: given with `shipment:` too, a shipment
    without quantities, a colour or size the order lacks, a colour on two lines (which one
    ships?), or pieces of a colour and size above the order's plus `tolerance_pct`."""
    if not order.shipments:
        return []
    found: list[Finding] = []
    if order.shipment is not None:
        found.append(
            Finding.said("E250", ("shipment",), "give either `shipment:` (one) or `shipments:` (several), not both")
        )
    colours: dict[str, int] = {}
    for i, line in enumerate(order.lines):
        if line.colour in colours:
            found.append(
                Finding.said(
                    "E250",
                    ("lines", i, "colour"),
                    "colour {colour} is on two lines; split shipments name each colour once",
                    colour=line.colour,
                )
            )
        colours.setdefault(line.colour, i)
    pct = order.tolerance_pct or Decimal(0)
    total: dict[tuple[str, str], int] = {}
    for n, sh in enumerate(order.shipments):
        if not sh.quantities:
            found.append(
                Finding.said(
                    "E250", ("shipments", n), "shipment {n} has no quantities (pieces per colour and size)", n=n + 1
                )
            )
            continue
        for colour, sizes in sh.quantities.items():
            if colour not in colours:
                found.append(
                    Finding.said(
                        "E250",
                        ("shipments", n, "quantities", colour),
                        "shipment {n}: colour {colour} is not on the order",
                        n=n + 1,
                        colour=colour,
                    )
                )
                continue
            line = order.lines[colours[colour]]
            for size, qty in sizes.items():
                if size not in line.sizes:
                    found.append(
                        Finding.said(
                            "E250",
                            ("shipments", n, "quantities", colour, size),
                            "shipment {n}: {colour} size {size} is not on the order",
                            n=n + 1,
                            colour=colour,
                            size=size,
                        )
                    )
                    continue
                total[colour, size] = total.get((colour, size), 0) + qty
    for (colour, size), shipped in total.items():
        ordered = order.lines[colours[colour]].sizes[size]
        high = math.floor(ordered * (100 + pct) / 100)
        if shipped > high:
            found.append(
                Finding.said(
                    "E250",
                    ("lines", colours[colour], "sizes", size),
                    "{colour} {size}: the shipments carry {shipped:,} pcs of {ordered:,} ordered, "
                    "above +{pct}% ({high:,})",
                    colour=colour,
                    size=size,
                    shipped=shipped,
                    ordered=ordered,
                    pct=pct,
                    high=high,
                )
            )
    return found
