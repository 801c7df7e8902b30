"""Packing arithmetic (docs/domain.md §6): cartons, carton numbers, part cartons, weights, CBM.

A colour is packed by the first rule naming it, else by the rule without a colour.
Solid packs hold one size, `pieces_per_carton` each. Ratio (assorted) packs hold `ratio` pieces of each size; the number
of full cartons is what every size allows (or the rule's fixed `cartons`), and what
a ratio leaves over is packed into part cartons of at most one carton's pieces, so
the plan still accounts for every piece (and says the ratio does not divide).
Leftover pieces of a colour (the part cartons) are combined into mixed-size cartons of
at most one carton's pieces (`packing.mixed_tails: false` keeps one part carton per size).
Carton numbers run 1..N across the order, colour by colour. Weights are per full
carton; a part carton weighs its share of the net weight plus the carton's tare.
CBM = L x W x H (cm) / 1,000,000 per carton. Everything is Decimal.

One rounding rule per quantity kind, half-up like money: a carton's weight is rounded
to 0.01 kg once (a row is cartons x that printed weight), a row's CBM is rounded to
0.001 m3 once (cartons x L x W x H), and every total is the sum of the printed rows,
so each column adds up to its total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from gendan.core.errors import Finding, GendanError, Pieces, said
from gendan.core.model import Carton, Order, PackRule

CM3_PER_M3 = Decimal(1_000_000)
KG = Decimal("0.01")  # weights: 2 decimals
M3 = Decimal("0.001")  # volume: 3 decimals


def kg(value: Decimal) -> Decimal:
    """A weight rounded the one way weights are rounded: 0.01 kg, half-up."""
    return value.quantize(KG, rounding=ROUND_HALF_UP)


def m3(value: Decimal) -> Decimal:
    """A volume rounded the one way volumes are rounded: 0.001 m3, half-up."""
    return value.quantize(M3, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CartonRange:
    """Cartons first..last, each holding the same pieces of one colour."""

    first: int
    last: int
    colour: str
    sizes: dict[str, int]  # pieces of each size in one carton
    part: bool = False
    carton: Carton | None = None
    net_kg: Decimal | None = None  # per carton, rounded to 0.01 kg
    gross_kg: Decimal | None = None

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def numbers(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    @property
    def pieces_per_carton(self) -> int:
        return sum(self.sizes.values())

    @property
    def pieces(self) -> int:
        return self.count * self.pieces_per_carton

    @property
    def cbm_per_carton(self) -> Decimal | None:
        """Exact (unrounded) volume of one carton."""
        c = self.carton
        return None if c is None else c.length * c.width * c.height / CM3_PER_M3

    @property
    def cbm(self) -> Decimal | None:
        """The row's volume: cartons x L x W x H, rounded once to 0.001 m3."""
        per = self.cbm_per_carton
        return None if per is None else m3(per * self.count)

    @property
    def total_net_kg(self) -> Decimal | None:
        return None if self.net_kg is None else self.net_kg * self.count

    @property
    def total_gross_kg(self) -> Decimal | None:
        return None if self.gross_kg is None else self.gross_kg * self.count


@dataclass
class PackingPlan:
    """Every carton of an order, and what the plan has to say about it."""

    ranges: list[CartonRange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def cartons(self) -> int:
        return sum(r.count for r in self.ranges)

    @property
    def pieces(self) -> int:
        return sum(r.pieces for r in self.ranges)

    def _total(self, attr: str) -> Decimal | None:
        values = [getattr(r, attr) for r in self.ranges]
        if not values or any(v is None for v in values):
            return None
        return sum(values, Decimal(0))

    @property
    def net_kg(self) -> Decimal | None:
        return self._total("total_net_kg")

    @property
    def gross_kg(self) -> Decimal | None:
        return self._total("total_gross_kg")

    @property
    def cbm(self) -> Decimal | None:
        return self._total("cbm")

    def colours(self) -> list[str]:
        return list(dict.fromkeys(r.colour for r in self.ranges))

    def packed(self) -> dict[str, dict[str, int]]:
        """Pieces packed per colour and size."""
        out: dict[str, dict[str, int]] = {}
        for r in self.ranges:
            sizes = out.setdefault(r.colour, {})
            for size, pcs in r.sizes.items():
                sizes[size] = sizes.get(size, 0) + pcs * r.count
        return out


def rule_for(order: Order, colour: str) -> tuple[int, PackRule] | None:
    """The rule packing a colour (by name, case-insensitively; else the colourless rule)."""
    rules = order.packing.rules if order.packing else []
    for i, rule in enumerate(rules):
        if rule.colour is not None and rule.colour.strip().lower() == colour.strip().lower():
            return i, rule
    for i, rule in enumerate(rules):
        if rule.colour is None:
            return i, rule
    return None


def _refused(message: tuple[str, Pieces]) -> GendanError:
    """A plan that cannot be made, with its words (`said(...)`, GendanError.words): E230 says them
    in the user's language."""
    return GendanError(message[0], words=message[1])


def build_plan(order: Order) -> PackingPlan:
    """The packing plan of an order; a rule that cannot be applied raises GendanError."""
    if order.packing is None or not order.packing.rules:
        raise _refused(said(("order {id} has no packing rules (packing: rules: ...)", {"id": order.id})))
    plan = PackingPlan()
    next_no = 1
    for line in order.lines:
        found = rule_for(order, line.colour)
        if found is None:
            raise _refused(
                said(
                    (
                        "packing: no rule packs colour {colour} (add a rule with colour: {colour}, or one without a "
                        "colour)",
                        {"colour": line.colour},
                    )
                )
            )
        index, rule = found
        carton = rule.carton or order.packing.carton
        net = rule.net_kg if rule.net_kg is not None else order.packing.net_kg
        gross = rule.gross_kg if rule.gross_kg is not None else order.packing.gross_kg
        if rule.mode == "solid":
            cartons = _solid(line.colour, line.sizes, rule, index, order.packing.mixed_tails)
        else:
            cartons, note = _ratio(line.colour, line.sizes, rule, index)
            if note:
                plan.notes.append(note)
        capacity = _capacity(rule)
        for sizes, count, part in _runs(cartons):
            pcs = sum(sizes.values())
            plan.ranges.append(
                CartonRange(
                    next_no,
                    next_no + count - 1,
                    line.colour,
                    sizes,
                    part,
                    carton,
                    _part_weight(net, None, pcs, capacity),
                    _part_weight(gross, net, pcs, capacity),
                )
            )
            next_no += count
    return plan


def _runs(cartons: list[tuple[dict[str, int], int, bool]]) -> list[tuple[dict[str, int], int, bool]]:
    """Consecutive cartons with the same contents as one range (201-202 rather than 201, 202)."""
    out: list[tuple[dict[str, int], int, bool]] = []
    for sizes, count, part in cartons:
        if out and out[-1][0] == sizes and out[-1][2] == part:
            out[-1] = (sizes, out[-1][1] + count, part)
        else:
            out.append((sizes, count, part))
    return out


def _capacity(rule: PackRule) -> int:
    """Pieces in a full carton of a rule `_solid` or `_ratio` has accepted."""
    if rule.mode == "solid":
        assert rule.pieces_per_carton is not None  # _solid refuses a solid rule without it
        return rule.pieces_per_carton
    assert rule.ratio is not None  # _ratio refuses a ratio rule without it
    return sum(rule.ratio.values())


def _solid(colour: str, sizes: dict[str, int], rule: PackRule, index: int, mixed_tails: bool = True):
    if rule.pieces_per_carton is None:
        raise _refused(
            said(
                (
                    "packing rule {n} ({colour}): a solid pack needs pieces_per_carton",
                    {"n": index + 1, "colour": colour},
                )
            )
        )
    if rule.cartons is not None:
        raise _refused(
            said(
                (
                    "packing rule {n} ({colour}): a fixed number of cartons is for ratio packs",
                    {"n": index + 1, "colour": colour},
                )
            )
        )
    per = rule.pieces_per_carton
    out = []
    left: dict[str, int] = {}
    for size, qty in sizes.items():
        full, rest = divmod(qty, per)
        if full:
            out.append(({size: per}, full, False))
        if rest and not mixed_tails:
            out.append(({size: rest}, 1, True))
        elif rest:
            left[size] = rest
    out.extend((p, 1, True) for p in _fill(left, per))
    return out


def _ratio(colour: str, sizes: dict[str, int], rule: PackRule, index: int):
    if not rule.ratio:
        raise _refused(
            said(
                (
                    "packing rule {n} ({colour}): a ratio pack needs ratio, e.g. {{S: 1, M: 2}}",
                    {"n": index + 1, "colour": colour},
                )
            )
        )
    ratio = rule.ratio
    if rule.cartons is not None:
        full = rule.cartons
    else:
        full = min(sizes.get(size, 0) // r for size, r in ratio.items())
    out = [(dict(ratio), full, False)] if full else []
    if rule.cartons is not None:
        return out, ""
    left = {size: qty - full * ratio.get(size, 0) for size, qty in sizes.items()}
    left = {s: q for s, q in left.items() if q}
    if not left:
        return out, ""
    capacity = sum(ratio.values())
    parts = _fill(left, capacity)
    out.extend((p, 1, True) for p in parts)
    ratio_text = sizes_text(ratio)
    left_text = sizes_text(left)
    return out, (
        f"{colour}: ratio {ratio_text} does not divide the quantities; {full} full cartons, "
        f"remainder {left_text} ({sum(left.values())} pcs) in {len(parts)} part carton"
        f"{'s' * (len(parts) != 1)}"
    )


def _fill(left: dict[str, int], capacity: int) -> list[dict[str, int]]:
    """Leftover pieces, size by size, into cartons of at most `capacity` pieces."""
    cartons: list[dict[str, int]] = []
    current: dict[str, int] = {}
    room = capacity
    for size, qty in left.items():
        while qty:
            take = min(qty, room)
            current[size] = current.get(size, 0) + take
            qty -= take
            room -= take
            if room == 0:
                cartons.append(current)
                current, room = {}, capacity
    if current:
        cartons.append(current)
    return cartons


def _part_weight(weight: Decimal | None, net: Decimal | None, pcs: int, capacity: int) -> Decimal | None:
    """A carton's weight for `pcs` pieces: the full weight, or its share plus the carton's tare."""
    if weight is None:
        return None
    if pcs == capacity:
        return kg(weight)
    if net is not None and net <= weight:  # gross: the goods' share plus the empty carton
        return kg(net * pcs / capacity) + kg(weight - net)
    return kg(weight * pcs / capacity)


def mismatches(order: Order, plan: PackingPlan) -> list[tuple[str, str, int, int]]:
    """Where the plan's pieces differ from the order's: (colour, size, packed, ordered)."""
    packed = plan.packed()
    out = []
    ordered = {line.colour: line.sizes for line in order.lines}
    for colour, sizes in ordered.items():
        got = packed.get(colour, {})
        for size in dict.fromkeys([*sizes, *got]):
            want, have = sizes.get(size, 0), got.get(size, 0)
            if want != have:
                out.append((colour, size, have, want))
    return out


def packing_findings(order: Order, config) -> list:
    """E230: a packing plan that cannot be made, or whose pieces differ from the order."""

    if order.packing is None or not order.lines:
        return []
    found = []
    names = {line.colour.strip().lower() for line in order.lines}
    for i, rule in enumerate(order.packing.rules):
        if rule.colour is not None and rule.colour.strip().lower() not in names:
            found.append(
                Finding.said(
                    "E230",
                    ("packing", "rules", i, "colour"),
                    "packing rule {n} is for colour {colour}, which the order does not have",
                    n=i + 1,
                    colour=rule.colour,
                )
            )
    try:
        plan = build_plan(order)
    except GendanError as e:
        return found + [Finding("E230", ("packing",), e.message, words=e.words)]
    for colour, size, have, want in mismatches(order, plan):
        where = rule_for(order, colour)
        keypath = ("packing", "rules", where[0]) if where else ("packing",)
        found.append(
            Finding.said(
                "E230",
                keypath,
                "packing does not match the order: {colour} {size} packs {have} pcs, the order has {want}",
                colour=colour,
                size=size,
                have=have,
                want=want,
            )
        )
    return found


ROW_COLUMNS = [
    "cartons",
    "colour",
    "sizes",
    "per_carton",
    "count",
    "pieces",
    "net_per",
    "gross_per",
    "net_kg",
    "gross_kg",
    "cbm",
]
ROW_HEADERS = [
    "carton no.",
    "colour",
    "sizes per carton",
    "pcs/ctn",
    "ctns",
    "pcs",
    "N.W./ctn kg",
    "G.W./ctn kg",
    "N.W. kg",
    "G.W. kg",
    "CBM",
]


def sizes_text(sizes: dict[str, int]) -> str:
    """{S: 1, M: 2} -> 'S:1 M:2' (a size named 90 stays apart from its count: '90:1')."""
    return " ".join(f"{size}:{pcs}" for size, pcs in sizes.items())


def plan_rows(plan: PackingPlan) -> list[dict]:
    """One row per carton range, numbers as a packing list prints them (already rounded)."""
    return [
        {
            "cartons": r.numbers,
            "colour": r.colour,
            "sizes": sizes_text(r.sizes),
            "per_carton": r.pieces_per_carton,
            "count": r.count,
            "pieces": r.pieces,
            "net_per": r.net_kg,
            "gross_per": r.gross_kg,
            "net_kg": r.total_net_kg,
            "gross_kg": r.total_gross_kg,
            "cbm": r.cbm,
            "part": r.part,
        }
        for r in plan.ranges
    ]


def plan_totals(plan: PackingPlan) -> dict:
    """Totals: each the sum of its printed column."""
    return {
        "cartons": plan.cartons,
        "pieces": plan.pieces,
        "net_kg": plan.net_kg,
        "gross_kg": plan.gross_kg,
        "cbm": plan.cbm,
    }


def size_totals(plan: PackingPlan) -> dict[str, int]:
    """Pieces packed per size over every carton (a packing list's size columns' totals)."""
    out: dict[str, int] = {}
    for r in plan.ranges:
        for size, pcs in r.sizes.items():
            out[size] = out.get(size, 0) + pcs * r.count
    return out


def carton_sizes(plan: PackingPlan) -> list[tuple[Carton, int]]:
    """Every carton size of the plan with how many cartons have it, in order of first use."""
    counts: dict[tuple, int] = {}
    boxes: dict[tuple, Carton] = {}
    for r in plan.ranges:
        if r.carton is None:
            continue
        key = (r.carton.length, r.carton.width, r.carton.height)
        boxes.setdefault(key, r.carton)
        counts[key] = counts.get(key, 0) + r.count
    return [(boxes[k], n) for k, n in counts.items()]
