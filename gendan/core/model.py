"""The order model: what an `order.yaml` may hold, as typed dataclasses.

The dataclasses are validated by pydantic (one declaration gives the checks and the
JSON Schema); the rest of gendan works on these objects, never on raw dicts. Money
is `Decimal`, dates are `date`, quantities `int`. The YAML reader hands over
`Decimal` for every number with a point, so no float ever enters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema

STRICT = ConfigDict(extra="forbid")

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_THOUSANDS_RE = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    return repr(value)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)  # a PO number written without quotes is still text
    raise ValueError(f"expected text, got {_kind(value)}")


# One date object per distinct date text: 10,000 orders share a few thousand dates, and
# shared objects make the parse cache smaller and quicker to load (and memory smaller).
_DATES: dict[str, date] = {}


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        known = _DATES.get(value)
        if known is not None:
            return known
        m = _DATE_RE.match(value.strip())
        if m:
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as e:
                raise ValueError(f"{value} is not a real date ({e})") from None
            if len(_DATES) < 100_000:
                _DATES[value] = day
            return day
    raise ValueError(f"expected a date like 2026-11-30, got {_kind(value)}")


def _money(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise ValueError(f"expected an amount like 18.50, got {_kind(value)}")
    if isinstance(value, str):
        if _THOUSANDS_RE.match(value.strip()):
            raise ValueError(f"{value!r}: write amounts without thousands separators, "
                             f"e.g. {value.replace(',', '')}")
        raise ValueError(f"expected an amount like 18.50, got {value!r}")
    d = value if isinstance(value, Decimal) else Decimal(value)  # the reader's (shared) object
    if not d.is_finite():
        raise ValueError(f"expected an amount like 18.50, got {value}")
    if d < 0:
        raise ValueError(f"amount cannot be negative, got {value}")
    return d


def _number(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"expected a number, got {_kind(value)}")
    d = value if isinstance(value, Decimal) else Decimal(value)
    if not d.is_finite() or d < 0:
        raise ValueError(f"expected a number of zero or more, got {value}")
    return d


def _positive(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"expected a number, got {_kind(value)}")
    d = Decimal(value)
    if not d.is_finite() or d <= 0:
        raise ValueError(f"expected a number above zero, got {value}")
    return d


def _qty(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        if isinstance(value, str) and value.replace(",", "").strip().isdigit():
            raise ValueError(f"{value!r}: write quantities as plain numbers, "
                             f"e.g. {value.replace(',', '').strip()}")
        raise ValueError(f"expected a quantity in pieces, got {_kind(value)}")
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValueError(f"quantities are whole pieces, got {value}")
        value = int(value)
    if value <= 0:
        raise ValueError(f"quantities must be positive, got {value}")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        else:
            raise ValueError(f"expected a whole number, got {_kind(value)}")
    if value < 0:
        raise ValueError(f"expected zero or more, got {value}")
    return value


def _sizes(value: Any) -> Any:
    if isinstance(value, dict):
        for k, v in value.items():
            if v is None and isinstance(k, int) and not isinstance(k, bool):
                # `{S: 200, M: 1,200}` reads as M: 1 and a size "200" without pieces
                raise ValueError(f"size {k} has no quantity: inside {{...}} a comma separates "
                                 "entries, so write 1200, not 1,200")
        return {_text(k): v for k, v in value.items()}
    raise ValueError(f"expected sizes as a mapping like {{S: 100, M: 200}}, got {_kind(value)}")


Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": ["string", "number"]})]
Day = Annotated[date, BeforeValidator(_date),
                WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                                "description": "a date, YYYY-MM-DD"})]
Money = Annotated[Decimal, BeforeValidator(_money), WithJsonSchema({"type": "number", "minimum": 0})]
Number = Annotated[Decimal, BeforeValidator(_number), WithJsonSchema({"type": "number", "minimum": 0})]
Positive = Annotated[Decimal, BeforeValidator(_positive),
                     WithJsonSchema({"type": "number", "exclusiveMinimum": 0})]
Qty = Annotated[int, BeforeValidator(_qty), WithJsonSchema({"type": "integer", "minimum": 1})]
Count = Annotated[int, BeforeValidator(_count), WithJsonSchema({"type": "integer", "minimum": 0})]
Sizes = Annotated[dict[str, Qty], BeforeValidator(_sizes),
                  WithJsonSchema({"type": "object", "additionalProperties": {"type": "integer", "minimum": 1},
                                  "description": "pieces per size, e.g. {S: 200, M: 400}"})]

# true/false only: pydantic would otherwise take "on", "yes", "1" (YAML 1.1 habits) as booleans
Flag = Annotated[bool, Strict()]
# a whole number as written, not the text "0012" nor 1.0
Whole = Annotated[int, Strict()]

PaymentTerms = Literal["deposit_balance", "lc", "dp", "da", "tt_before_shipment"]
SampleType = Literal["proto", "fit", "approval", "size_set", "pp", "photo", "shipment", "other"]
Verdict = Literal["pending", "approved", "approved_with_comments", "rejected"]
PaymentKind = Literal["deposit", "balance", "lc", "full", "other"]
InspectionType = Literal["inline", "mid", "final"]
InspectionResult = Literal["pass", "fail", "pending"]
MaterialKind = Literal["fabric", "trim", "packing", "other"]
Level = Literal["I", "II", "III"]


@dataclass
class Party:
    __pydantic_config__ = STRICT
    name: Text
    name_zh: Optional[Text] = None
    country: Optional[Text] = None
    po: Optional[Text] = None
    contact: Optional[Text] = None
    address: Optional[Text] = None
    email: Optional[Text] = None
    phone: Optional[Text] = None
    mark: Optional[Text] = None  # the buyer's shipping mark / initials


@dataclass
class Style:
    __pydantic_config__ = STRICT
    number: Text
    description: Optional[Text] = None
    description_zh: Optional[Text] = None
    product_type: Optional[Text] = None
    fabric: Optional[Text] = None
    season: Optional[Text] = None
    hs_code: Optional[Text] = None


@dataclass
class Payment:
    __pydantic_config__ = STRICT
    terms: PaymentTerms
    deposit_pct: Optional[Number] = None
    days: Optional[Count] = None  # D/A or balance days
    lc_number: Optional[Text] = None
    note: Optional[Text] = None


@dataclass
class Line:
    __pydantic_config__ = STRICT
    colour: Text
    unit_price: Money
    sizes: Sizes
    colour_zh: Optional[Text] = None
    colour_code: Optional[Text] = None
    note: Optional[Text] = None

    @property
    def quantity(self) -> int:
        return sum(self.sizes.values())

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Milestone:
    __pydantic_config__ = STRICT
    planned: Optional[Day] = None
    revised: Optional[Day] = None
    reason: Optional[Text] = None
    actual: Optional[Day] = None
    owner: Optional[Text] = None
    note: Optional[Text] = None

    @property
    def due(self) -> Optional[date]:
        return self.revised or self.planned


@dataclass
class Sample:
    __pydantic_config__ = STRICT
    type: SampleType
    round: Count = 1
    sent: Optional[Day] = None
    reply: Optional[Day] = None
    verdict: Verdict = "pending"
    comments: Optional[Text] = None
    reference: Optional[Text] = None
    by: Optional[Text] = None


@dataclass
class PaymentRecord:
    __pydantic_config__ = STRICT
    kind: PaymentKind
    amount: Optional[Money] = None
    due: Optional[Day] = None
    received: Optional[Day] = None
    confirmed_by: Optional[Text] = None
    reference: Optional[Text] = None
    note: Optional[Text] = None


@dataclass
class CostItem:
    __pydantic_config__ = STRICT
    item: Text
    cost: Money  # per piece, in the order currency


@dataclass
class Approval:
    __pydantic_config__ = STRICT
    by: Text
    date: Day
    note: Optional[Text] = None


@dataclass
class Costing:
    __pydantic_config__ = STRICT
    items: list[CostItem] = field(default_factory=list)
    approval: Optional[Approval] = None  # the general manager's, when the margin is low
    note: Optional[Text] = None

    @property
    def cost_per_piece(self) -> Decimal:
        return sum((i.cost for i in self.items), Decimal(0))


@dataclass
class SpecialApproval:
    """特批: a written override of a rule (R4, R6...) by name, date and reason."""
    __pydantic_config__ = STRICT
    rule: Text
    by: Text
    date: Day
    reason: Text


@dataclass
class Change:
    __pydantic_config__ = STRICT
    date: Day
    field: Text
    old: Any = None
    new: Any = None
    requested_by: Optional[Text] = None
    approved_by: Optional[Text] = None
    reason: Optional[Text] = None
    effect: Optional[Text] = None


@dataclass
class Defects:
    __pydantic_config__ = STRICT
    critical: Count = 0
    major: Count = 0
    minor: Count = 0


@dataclass
class Inspection:
    __pydantic_config__ = STRICT
    type: InspectionType
    date: Optional[Day] = None
    inspector: Optional[Text] = None
    lot: Optional[Qty] = None
    level: Level = "II"
    aql_major: Optional[Number] = None
    aql_minor: Optional[Number] = None
    sample_size: Optional[Count] = None
    cartons_opened: Optional[Count] = None
    defects: Defects = field(default_factory=Defects)
    result: InspectionResult = "pending"
    note: Optional[Text] = None


@dataclass
class Material:
    __pydantic_config__ = STRICT
    item: Text
    kind: MaterialKind = "trim"
    supplier: Optional[Text] = None
    colour: Optional[Text] = None  # the order colour it is for; None: every colour
    description: Optional[Text] = None
    quantity: Optional[Number] = None
    unit: Optional[Text] = None
    unit_price: Optional[Money] = None
    placement: Optional[Text] = None
    ordered: Optional[Day] = None
    due: Optional[Day] = None
    received: Optional[Day] = None


@dataclass
class Carton:
    """Outside dimensions of a carton, in cm."""
    __pydantic_config__ = STRICT
    length: Positive
    width: Positive
    height: Positive


@dataclass
class PackRule:
    """How one colour (or all colours) is packed: solid size per carton, or a size ratio."""
    __pydantic_config__ = STRICT
    mode: Literal["solid", "ratio"] = "solid"
    colour: Optional[Text] = None  # None: every colour not packed by another rule
    pieces_per_carton: Optional[Qty] = None  # solid
    ratio: Optional[Sizes] = None  # ratio, pieces of each size in one carton
    cartons: Optional[Qty] = None  # a fixed number of full cartons (the buyer's packing instruction)
    carton: Optional[Carton] = None
    net_kg: Optional[Positive] = None  # per full carton
    gross_kg: Optional[Positive] = None


@dataclass
class Packing:
    __pydantic_config__ = STRICT
    rules: list[PackRule] = field(default_factory=list)
    carton: Optional[Carton] = None  # default for every rule
    net_kg: Optional[Positive] = None
    gross_kg: Optional[Positive] = None
    instructions: Optional[Text] = None
    instructions_zh: Optional[Text] = None


@dataclass
class Shipment:
    __pydantic_config__ = STRICT
    mode: Literal["sea", "air", "rail", "truck", "courier"] = "sea"
    port_of_loading: Optional[Text] = None
    port_of_discharge: Optional[Text] = None
    destination: Optional[Text] = None
    forwarder: Optional[Text] = None
    booking: Optional[Text] = None
    vessel: Optional[Text] = None
    container: Optional[Text] = None
    bl_number: Optional[Text] = None
    bl_released: Optional[Day] = None
    etd: Optional[Day] = None
    eta: Optional[Day] = None
    shipped: Optional[Day] = None
    note: Optional[Text] = None


@dataclass
class HistoryEntry:
    __pydantic_config__ = STRICT
    date: Day
    by: Text
    action: Text  # advance, back, hold, resume, cancel, override...
    to: Optional[Text] = None
    reason: Optional[Text] = None
    overrides: list[Text] = field(default_factory=list)
    approved_by: Optional[Text] = None
    # `from` is a Python keyword: it is `from` in YAML, `from_` here
    from_: Annotated[Optional[Text], Field(alias="from")] = None


@dataclass
class Order:
    __pydantic_config__ = STRICT
    id: Text
    customer: Party
    stage: Text
    merchandiser: Optional[Text] = None
    factory: Optional[Party] = None
    style: Optional[Style] = None
    incoterm: Optional[Text] = None
    currency: Optional[Text] = None
    payment: Optional[Payment] = None
    quality: Optional[Text] = None
    po_date: Optional[Day] = None
    ex_factory: Optional[Day] = None
    lines: list[Line] = field(default_factory=list)
    milestones: dict[str, Milestone] = field(default_factory=dict)
    samples: list[Sample] = field(default_factory=list)
    payments: list[PaymentRecord] = field(default_factory=list)
    costing: Optional[Costing] = None
    approvals: list[SpecialApproval] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    packing: Optional[Packing] = None
    shipment: Optional[Shipment] = None
    tags: list[Text] = field(default_factory=list)
    notes: Optional[Text] = None
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def value(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def sizes(self) -> list[str]:
        """Every size of the order, in the order they first appear."""
        seen: dict[str, None] = {}
        for line in self.lines:
            for s in line.sizes:
                seen.setdefault(s, None)
        return list(seen)

    def approval_for(self, rule: str) -> Optional[SpecialApproval]:
        for a in self.approvals:
            if a.rule.upper() == rule.upper():
                return a
        return None
