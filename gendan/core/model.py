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
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema

from gendan.core import money
from gendan.core.dates import FIRST_DAY, LAST_DAY
from gendan.core.errors import Pieces, Unfit, said
from gendan.core.text import SAFE_ID, id_problem

STRICT = ConfigDict(extra="forbid")

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Bounds of what an order may say, so that every sum stays exact (see gendan/core/money.py).
MAX_AMOUNT = 10**12  # money and other numbers stay below this
MONEY_PLACES = 6  # decimals in an amount or price
MAX_PIECES = 10**9  # per size
# Dates an order, gendan.yaml or an option may name: FIRST_DAY to LAST_DAY (gendan/core/dates.py).
MAX_DAYS = 3660  # a period in days (presentation of documents, a template offset, a slip): ten years at most

_THOUSANDS_RE = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")


def _kind(value: Any) -> tuple[str, dict[str, Any]]:
    """What a value is, as a piece of a message (`said`): "a mapping", "the number 3", 'abc'."""
    if isinstance(value, bool):
        return ("true/false", {})
    if isinstance(value, dict):
        return ("a mapping", {})
    if isinstance(value, list):
        return ("a list", {})
    if value is None:
        return ("nothing", {})
    if isinstance(value, (int, Decimal)):
        return ("the number {value}", {"value": value})
    return ("{value!r}", {"value": value})


def _text(value: Any) -> str:
    if isinstance(value, str):
        bad = _bad_char(value)
        if bad:
            raise Unfit(bad)
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)  # a PO number written without quotes is still text
    raise Unfit(said(("expected text, got ", {}), _kind(value)))


def _bad_char(value: str) -> tuple[str, Pieces] | None:
    """Why text cannot be used (a lone surrogate, a control character, a bidi override), or None.
    A newline and a tab are text (notes span lines); everything else a terminal, a workbook or a
    web page would take as a command is refused where it is written, not where it is printed."""
    if value.isprintable():
        return None
    import unicodedata

    for ch in value:
        if ch in "\n\t":
            continue
        kind = unicodedata.category(ch)
        code = f"{ord(ch):04X}"
        if kind == "Cs":
            return said(("text holds a lone surrogate U+{code}, which no file or page can hold", {"code": code}))
        if kind == "Cc":
            return said(
                ("text holds the control character U+{code}; remove it (a tab or a line break is fine)", {"code": code})
            )
        if kind == "Cf" and (0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069):
            return said(
                (
                    "text holds the bidi control U+{code}, which shows text in another order than it is stored",
                    {"code": code},
                )
            )
    return None


def _order_id(value: Any) -> str:
    text = _text(value)
    problem = id_problem(text)
    if problem:
        raise Unfit(said(problem))
    return text


# One date object per distinct date text: 10,000 orders share a few thousand dates, and
# shared objects make the parse cache smaller and quicker to load (and memory smaller).
_DATES: dict[str, date] = {}


def _outside(day: Any) -> Unfit:
    return Unfit(
        said(
            (
                "{day} is outside the dates gendan plans with ({first} to {last})",
                {"day": day, "first": FIRST_DAY, "last": LAST_DAY},
            )
        )
    )


def _date(value: Any) -> date:
    if isinstance(value, date):
        if not FIRST_DAY <= value <= LAST_DAY:  # (gendan/core/dates.py in_range, its words kept)
            raise _outside(value)
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
                raise Unfit(_not_real(value, str(e))) from None
            if not FIRST_DAY <= day <= LAST_DAY:
                raise _outside(value.strip())
            if len(_DATES) < 100_000:
                _DATES[value] = day
            return day
    raise Unfit(said(("expected a date like 2026-11-30, got ", {}), _kind(value)))


# why a date is not real, as Python's date() says it: its words for the user's language
_NOT_REAL = {
    "month must be in 1..12": "{value} is not a real date (month must be in 1..12)",
    "day is out of range for month": "{value} is not a real date (day is out of range for month)",
    "year 0 is out of range": "{value} is not a real date (year 0 is out of range)",
}


def _not_real(value: str, why: str) -> tuple[str, Pieces]:
    if why in _NOT_REAL:
        return said((_NOT_REAL[why], {"value": value}))
    return said(("{value} is not a real date ({why})", {"value": value, "why": why}))


def _money(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise Unfit(said(("expected an amount like 18.50, got ", {}), _kind(value)))
    if isinstance(value, str):
        if _THOUSANDS_RE.match(value.strip()):
            raise Unfit(
                said(
                    (
                        "{value!r}: write amounts without thousands separators, e.g. {plain}",
                        {"value": value, "plain": value.replace(",", "")},
                    )
                )
            )
        raise Unfit(said(("expected an amount like 18.50, got {value!r}", {"value": value})))
    d = value if isinstance(value, Decimal) else Decimal(value)  # the reader's (shared) object
    if not d.is_finite():
        raise Unfit(said(("expected an amount like 18.50, got {value}", {"value": value})))
    if d < 0:
        raise Unfit(said(("amount cannot be negative, got {value}", {"value": value})))
    if d >= MAX_AMOUNT:
        raise Unfit(said(("expected an amount below {max:,}, got {value}", {"max": MAX_AMOUNT, "value": value})))
    places = d.normalize().as_tuple().exponent
    if isinstance(places, int) and places < -MONEY_PLACES:
        raise Unfit(
            said(("at most {places} decimals in an amount, got {value}", {"places": MONEY_PLACES, "value": value}))
        )
    return d


def _number(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise Unfit(said(("expected a number, got ", {}), _kind(value)))
    d = value if isinstance(value, Decimal) else Decimal(value)
    if not d.is_finite() or d < 0:
        raise Unfit(said(("expected a number of zero or more, got {value}", {"value": value})))
    if d >= MAX_AMOUNT:
        raise Unfit(said(("expected a number below {max:,}, got {value}", {"max": MAX_AMOUNT, "value": value})))
    return d


def _percent(value: Any) -> Decimal:
    d = _number(value)
    if d > 100:
        raise Unfit(said(("expected a percentage from 0 to 100, got {value}", {"value": value})))
    return d


def _days(value: Any) -> int:
    days = _count(value)
    if days > MAX_DAYS:
        raise Unfit(said(("expected at most {max} days, got {days}", {"max": MAX_DAYS, "days": days})))
    return days


def _positive(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise Unfit(said(("expected a number, got ", {}), _kind(value)))
    d = Decimal(value)
    if not d.is_finite() or d <= 0:
        raise Unfit(said(("expected a number above zero, got {value}", {"value": value})))
    if d >= MAX_AMOUNT:
        raise Unfit(said(("expected a number below {max:,}, got {value}", {"max": MAX_AMOUNT, "value": value})))
    return d


def _qty(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        if isinstance(value, str) and value.replace(",", "").strip().isdigit():
            raise Unfit(
                said(
                    (
                        "{value!r}: write quantities as plain numbers, e.g. {plain}",
                        {"value": value, "plain": value.replace(",", "").strip()},
                    )
                )
            )
        raise Unfit(said(("expected a quantity in pieces, got ", {}), _kind(value)))
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise Unfit(said(("quantities are whole pieces, got {value}", {"value": value})))
    qty = int(value)
    if qty <= 0:
        raise Unfit(said(("quantities must be positive, got {qty}", {"qty": qty})))
    if qty > MAX_PIECES:
        raise Unfit(said(("expected at most {max:,} pieces, got {qty}", {"max": MAX_PIECES, "qty": qty})))
    return qty


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if not (isinstance(value, Decimal) and value == value.to_integral_value()):
            raise Unfit(said(("expected a whole number, got ", {}), _kind(value)))
    count = int(value)
    if count < 0:
        raise Unfit(said(("expected zero or more, got {count}", {"count": count})))
    return count


def _sizes(value: Any) -> Any:
    if isinstance(value, dict):
        for k, v in value.items():
            if v is None and isinstance(k, int) and not isinstance(k, bool):
                # `{S: 200, M: 1,200}` reads as M: 1 and a size "200" without pieces
                raise Unfit(
                    said(
                        (
                            "size {size} has no quantity: inside {{...}} a comma separates entries, so write 1200, "
                            "not 1,200",
                            {"size": k},
                        )
                    )
                )
        return {_text(k): v for k, v in value.items()}
    raise Unfit(said(("expected sizes as a mapping like {S: 100, M: 200}, got ", {}), _kind(value)))


Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": ["string", "number"]})]
OrderId = Annotated[
    str,
    BeforeValidator(_order_id),
    WithJsonSchema({"type": ["string", "number"], "pattern": "^" + SAFE_ID.pattern + "$", "maxLength": 80}),
]
Day = Annotated[
    date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "a date, YYYY-MM-DD"}),
]
Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    WithJsonSchema({"type": "number", "minimum": 0, "exclusiveMaximum": MAX_AMOUNT}),
]
Number = Annotated[
    Decimal, BeforeValidator(_number), WithJsonSchema({"type": "number", "minimum": 0, "exclusiveMaximum": MAX_AMOUNT})
]
Positive = Annotated[
    Decimal,
    BeforeValidator(_positive),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": MAX_AMOUNT}),
]
Percent = Annotated[
    Decimal, BeforeValidator(_percent), WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100})
]
Days = Annotated[int, BeforeValidator(_days), WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_DAYS})]
Qty = Annotated[int, BeforeValidator(_qty), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_PIECES})]
Count = Annotated[int, BeforeValidator(_count), WithJsonSchema({"type": "integer", "minimum": 0})]
Sizes = Annotated[
    dict[str, Qty],
    BeforeValidator(_sizes),
    WithJsonSchema(
        {
            "type": "object",
            "additionalProperties": {"type": "integer", "minimum": 1, "maximum": MAX_PIECES},
            "description": "pieces per size, e.g. {S: 200, M: 400}",
        }
    ),
]

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
    name_zh: Text | None = None
    country: Text | None = None
    po: Text | None = None
    contact: Text | None = None
    address: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    mark: Text | None = None  # the buyer's shipping mark / initials


@dataclass
class Style:
    __pydantic_config__ = STRICT
    number: Text
    description: Text | None = None
    description_zh: Text | None = None
    product_type: Text | None = None
    fabric: Text | None = None
    season: Text | None = None
    hs_code: Text | None = None
    composition: Text | None = None  # fibre content as customs wants it: "100% polyester"
    construction: Literal["knit", "woven"] | None = None  # US apparel entries need it


@dataclass
class Payment:
    __pydantic_config__ = STRICT
    terms: PaymentTerms
    deposit_pct: Percent | None = None
    # deposit_balance: the balance against a copy of the B/L (the usual; the originals wait
    # for it) or before shipment
    balance: Literal["against_copy_bl", "before_shipment"] | None = None
    days: Count | None = None  # D/A or balance days
    lc_number: Text | None = None
    lc_date: Day | None = None
    lc_bank: Text | None = None  # the issuing bank
    # the L/C's terms (UCP 600): amount tolerance, latest shipment, expiry, days to present
    # the documents after the B/L date (21 when not given); its amount is the `lc` payment's
    lc_tolerance_pct: Percent | None = None
    latest_shipment: Day | None = None
    expiry: Day | None = None
    presentation_days: Days | None = None
    note: Text | None = None


@dataclass
class Contract:
    """Terms of sale a PI states beyond price and payment (the quantity tolerance is the
    order's `tolerance_pct`, the latest shipment date the payment's `latest_shipment`)."""

    __pydantic_config__ = STRICT
    validity_days: Days | None = None  # the PI's offer is valid this many days from its date
    partial_shipment: Flag | None = None  # allowed?
    transhipment: Flag | None = None  # allowed?
    insurance: Text | None = None  # CIF/CIP: who covers what, e.g. "110% of invoice value, ICC (A)"


@dataclass
class Line:
    __pydantic_config__ = STRICT
    colour: Text
    unit_price: Money
    sizes: Sizes
    colour_zh: Text | None = None
    colour_code: Text | None = None
    note: Text | None = None
    shipped: Sizes | None = None  # pieces shipped per size, once the goods have gone

    @property
    def quantity(self) -> int:
        return sum(self.sizes.values())

    @property
    def shipped_quantity(self) -> int:
        return sum(self.shipped.values()) if self.shipped else 0


@dataclass
class Milestone:
    __pydantic_config__ = STRICT
    planned: Day | None = None
    revised: Day | None = None
    reason: Text | None = None
    actual: Day | None = None
    owner: Text | None = None
    note: Text | None = None
    # a milestone the template does not have may say what it follows (like a template's)
    anchor: Text | None = None
    offset: Whole | None = None

    @property
    def due(self) -> date | None:
        return self.revised or self.planned


@dataclass
class Sample:
    __pydantic_config__ = STRICT
    type: SampleType
    round: Count = 1
    sent: Day | None = None
    reply: Day | None = None
    verdict: Verdict = "pending"
    comments: Text | None = None
    reference: Text | None = None
    by: Text | None = None


@dataclass
class PaymentRecord:
    __pydantic_config__ = STRICT
    kind: PaymentKind
    amount: Money | None = None
    due: Day | None = None
    received: Day | None = None
    confirmed_by: Text | None = None
    reference: Text | None = None
    note: Text | None = None


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
    note: Text | None = None


@dataclass
class Costing:
    __pydantic_config__ = STRICT
    items: list[CostItem] = field(default_factory=list)
    approval: Approval | None = None  # the general manager's, when the margin is low
    note: Text | None = None

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
    requested_by: Text | None = None
    approved_by: Text | None = None
    reason: Text | None = None
    effect: Text | None = None


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
    date: Day | None = None
    inspector: Text | None = None
    lot: Qty | None = None
    level: Level | None = None  # None: the workspace's aql.level
    aql_major: Number | None = None
    aql_minor: Number | None = None
    sample_size: Count | None = None
    cartons_opened: Count | None = None
    defects: Defects = field(default_factory=Defects)
    result: InspectionResult = "pending"
    defect_list: list[Text] = field(default_factory=list)  # what was found, e.g. "major: open seam 2"
    measurements: Text | None = None  # e.g. "5 pcs per size measured, all within tolerance"
    carton_check: Text | None = None  # cartons, marks and assortment as checked
    note: Text | None = None


@dataclass
class Material:
    __pydantic_config__ = STRICT
    item: Text
    kind: MaterialKind = "trim"
    supplier: Text | None = None
    colour: Text | None = None  # the order colour it is for; None: every colour
    description: Text | None = None
    quantity: Number | None = None
    unit: Text | None = None
    unit_price: Money | None = None
    currency: Text | None = None  # the supplier's (a Chinese mill: CNY); default the order's
    vat_pct: Percent | None = None  # the price includes this VAT (含税), e.g. 13
    composition: Text | None = None  # fabric spec: fibre content
    width_cm: Positive | None = None  # fabric spec: usable width
    weight_gsm: Positive | None = None  # fabric spec: grams per square metre
    consumption: Positive | None = None  # units per garment (the basis of the quantity)
    wastage_pct: Percent | None = None  # added to consumption x pieces
    placement: Text | None = None
    ordered: Day | None = None
    due: Day | None = None
    received: Day | None = None


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
    colour: Text | None = None  # None: every colour not packed by another rule
    pieces_per_carton: Qty | None = None  # solid
    ratio: Sizes | None = None  # ratio, pieces of each size in one carton
    cartons: Qty | None = None  # a fixed number of full cartons (the buyer's packing instruction)
    carton: Carton | None = None
    net_kg: Positive | None = None  # per full carton
    gross_kg: Positive | None = None


@dataclass
class Packing:
    __pydantic_config__ = STRICT
    rules: list[PackRule] = field(default_factory=list)
    carton: Carton | None = None  # default for every rule
    net_kg: Positive | None = None
    gross_kg: Positive | None = None
    instructions: Text | None = None
    instructions_zh: Text | None = None
    # leftover pieces of a colour combined into mixed-size cartons (false: one part carton per size)
    mixed_tails: Flag = True


@dataclass
class Shipment:
    __pydantic_config__ = STRICT
    mode: Literal["sea", "air", "rail", "truck", "courier"] = "sea"
    port_of_loading: Text | None = None
    port_of_discharge: Text | None = None
    destination: Text | None = None
    forwarder: Text | None = None
    booking: Text | None = None
    vessel: Text | None = None
    container: Text | None = None
    seal: Text | None = None
    bl_number: Text | None = None
    bl_date: Day | None = None  # on board date: payment days run from it
    bl_released: Day | None = None
    etd: Day | None = None
    eta: Day | None = None
    shipped: Day | None = None
    freight: Money | None = None  # CIF/CFR: the freight inside the invoice total
    insurance: Money | None = None  # CIF: the insurance inside the invoice total
    note: Text | None = None
    # one of several shipments (`shipments:`): the pieces it carries, per colour and size
    quantities: dict[Text, Sizes] | None = None


@dataclass
class IssuedDocument:
    """A document given a number (`gendan doc ID KIND --issue`): later renders reuse it."""

    __pydantic_config__ = STRICT
    kind: Text
    number: Text
    date: Day
    digest: Text  # sha256 of what the document says, to notice a change after issue
    seq: Count = 0  # its place in the company's sequence
    revision: Count = 0  # 0 the original, 1 for R1...
    supplier: Text | None = None  # a PO's supplier
    shipment: Count | None = None  # a split shipment's invoice or packing list: shipments[N-1]


@dataclass
class HistoryEntry:
    __pydantic_config__ = STRICT
    date: Day
    by: Text
    action: Text  # advance, back, hold, resume, cancel, override...
    to: Text | None = None
    reason: Text | None = None
    overrides: list[Text] = field(default_factory=list)
    approved_by: Text | None = None
    # `from` is a Python keyword: it is `from` in YAML, `from_` here
    from_: Annotated[Text | None, Field(alias="from")] = None


@dataclass
class Order:
    __pydantic_config__ = STRICT
    id: OrderId
    customer: Party
    stage: Text
    merchandiser: Text | None = None
    factory: Party | None = None
    style: Style | None = None
    incoterm: Text | None = None
    tolerance_pct: Percent | None = None  # more or less: the quantity may be shipped within ±this %
    currency: Text | None = None
    payment: Payment | None = None
    contract: Contract | None = None
    notify: Party | None = None  # the notify party of the B/L and invoice
    quality: Text | None = None
    po_date: Day | None = None
    ex_factory: Day | None = None
    over_cut_pct: Percent | None = None  # cutting quantity = order quantity plus this
    lines: list[Line] = field(default_factory=list)
    milestones: dict[str, Milestone] = field(default_factory=dict)
    samples: list[Sample] = field(default_factory=list)
    payments: list[PaymentRecord] = field(default_factory=list)
    costing: Costing | None = None
    approvals: list[SpecialApproval] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    packing: Packing | None = None
    shipment: Shipment | None = None
    shipments: list[Shipment] = field(default_factory=list)  # split shipments, each with its quantities
    tags: list[Text] = field(default_factory=list)
    notes: Text | None = None
    documents: list[IssuedDocument] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    def line_amount(self, line: Line) -> Decimal:
        """Quantity × unit price, rounded once to the order currency's exponent."""
        return money.line_amount(line.quantity, line.unit_price, self.currency)

    @property
    def value(self) -> Decimal:
        """The sum of the rounded line amounts: the total every document and report prints."""
        return money.total(self.line_amount(line) for line in self.lines)

    @property
    def sizes(self) -> list[str]:
        """Every size of the order in size-run order: the first line's sizes, and a size
        another line adds right after the size that comes before it on that line."""
        run: list[str] = []
        for line in self.lines:
            at = 0
            for s in line.sizes:
                if s in run:
                    at = run.index(s) + 1
                else:
                    run.insert(at, s)
                    at += 1
        return run

    def approval_for(self, rule: str) -> SpecialApproval | None:
        for a in self.approvals:
            if a.rule.upper() == rule.upper():
                return a
        return None
