"""Documents from Jinja templates: PI, production notice, PO, packing list, marks, reports.

One Jinja environment, built in `environment()`: sandboxed, StrictUndefined,
autoescaped for HTML, the workspace's `templates/` folder in front of the built-in
templates (top-level `templates/` of a checkout, `gendan/templates/` in a wheel).
The order is handed to templates as data (nested dicts that know their key path),
never rendered as a template itself; a field a template needs and the order lacks
stops the render with `KIND needs FIELD (FILE)`, and nothing is written.

The context carries the numbers as printed (amounts from `gendan.core.money`, packing
rows already rounded by `gendan.domain.packing`), one main-mark wording for every
document (`main_mark`), and refuses a packing plan that misses the order (E230) unless
the document is a draft. Issued documents (`plan_issue`): a number from the company's
sequence, recorded with its date and a digest of what the document says; PDF is the
HTML printed by WeasyPrint (`pdf`). See docs/domain.md, section 5.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from gendan.core import money
from gendan.core.errors import GendanError, Pieces, RefusedError, said
from gendan.domain import amounts
from gendan.store.paths import display, inside_workspace, output_file
from gendan.store.workspace import Loaded, Workspace


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    formats: tuple[str, ...] = ("html", "md", "pdf")


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("pi", "Proforma invoice", ("html", "md", "xlsx", "pdf")),
        Kind("production-notice", "Production notice 生产通知单"),
        Kind("po", "Purchase order 采购单 (one per supplier)"),
        Kind("packing-list", "Packing list 装箱单", ("html", "md", "xlsx", "pdf")),
        Kind("shipping-marks", "Shipping marks 唛头 (main and side marks)"),
        Kind("inspection-report", "Inspection report 验货报告"),
        Kind("commercial-invoice", "Commercial invoice"),
    )
}
SHARED_TEMPLATES = ("base.html.j2",)


def kind(name: str) -> Kind:
    if name not in KINDS:
        raise GendanError.worded(
            said(("unknown document kind '{kind}'; kinds: {kinds}", {"kind": name, "kinds": ", ".join(KINDS)}))
        )
    return KINDS[name]


def builtin_dir(package: Path | None = None) -> Path:
    """The built-in templates: inside the installed package, else the checkout's templates/."""
    here = package or Path(__file__).resolve().parent.parent  # the gendan package
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "base.html.j2").is_file():
            return candidate
    raise GendanError("the built-in templates are missing (neither gendan/templates nor templates/ exists)")


def template_name(kind_name: str, fmt: str) -> str:
    return f"{kind_name}.{fmt}.j2"


def template_source(ws_root: Path | None, name: str) -> str:
    if ws_root is not None and (ws_root / "templates" / name).is_file():
        return "workspace"
    return "built-in"


# -- data for templates ----------------------------------------------------------


class Data(dict):
    """A mapping of order data that knows where it came from (for 'needs FIELD' messages)."""

    def __init__(self, items: dict, path: str, source: str):
        super().__init__(items)
        self.path = path
        self.source = source


def to_data(value: Any, path: str, source: str) -> Any:
    """Dataclasses and dicts to Data, lists to lists; None and empty values left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name.rstrip("_"): getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        items = {}
        for k, v in value.items():
            if v is None or (isinstance(v, (list, dict)) and not v):
                continue
            items[str(k)] = to_data(v, f"{path}.{k}" if path else str(k), source)
        return Data(items, path, source)
    if isinstance(value, list):
        return [to_data(v, f"{path}[{i}]", source) for i, v in enumerate(value)]
    return value


def _confined_loader(folder: Path):
    """A loader for the workspace's `templates/` that reads only files really inside it: the
    folder itself, any folder below it and the template file may not be symlinks (a link to
    ~/.ssh/id_rsa plus `{% include %}` would publish the key through `site` or `doc`), and
    `..` is refused by Jinja itself. A refusal names the link; nothing is read through it."""
    from jinja2 import FileSystemLoader
    from jinja2.loaders import split_template_path

    class ConfinedLoader(FileSystemLoader):
        def get_source(self, environment, template):
            pieces = split_template_path(template)  # TemplateNotFound for '..'
            path = folder
            for piece in ("", *pieces):
                path = path / piece if piece else path
                if path.is_symlink():
                    shown = "templates/" + "/".join(pieces[: len(path.relative_to(folder).parts)])
                    raise GendanError(
                        f"{shown} is a symlink; gendan reads workspace templates only from real files "
                        "inside templates/ (copy the file there instead of linking it)"
                    )
            return super().get_source(environment, template)

        def list_templates(self):
            return [] if folder.is_symlink() else super().list_templates()

    return ConfinedLoader(str(folder), followlinks=False)


def environment(ws_root: Path | None):
    """The one Jinja environment: sandboxed, strict, HTML autoescaped, workspace first."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class FieldUndefined(StrictUndefined):
        __slots__ = ()

        @property
        def _undefined_message(self) -> str:
            obj = self._undefined_obj
            if isinstance(obj, Data):
                return f"needs {obj.path + '.' if obj.path else ''}{self._undefined_name}\x00{obj.source}"
            if self._undefined_hint is None and obj is _MISSING_OBJ():
                return f"needs {self._undefined_name}"
            return super()._undefined_message

    class Environment(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def getattr(self, obj, attribute):
            if isinstance(obj, Data) and attribute not in ("items", "keys", "values", "get"):
                return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

        def getitem(self, obj, argument):
            if isinstance(obj, Data) and isinstance(argument, str):
                return obj[argument] if argument in obj else self.undefined(obj=obj, name=argument)
            return super().getitem(obj, argument)

    loaders = []
    if ws_root is not None and ((ws_root / "templates").is_dir() or (ws_root / "templates").is_symlink()):
        loaders.append(_confined_loader(ws_root / "templates"))
    loaders.append(FileSystemLoader(str(builtin_dir())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=FieldUndefined,
        autoescape=lambda name: bool(name) and (name.endswith(".html.j2") or name.endswith(".html")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    filters = dict(
        money=_amount_filter,
        price=_price_filter,
        qty=lambda v: money.number_text(v, 0),
        kg=lambda v: money.number_text(v, 2),
        cbm=lambda v: money.number_text(v, 3),
        sizes_text=lambda d: " ".join(f"{k}:{v}" for k, v in d.items()),
        day=lambda d: d.isoformat() if isinstance(d, date) else str(d),
    )
    env.filters.update({name: _strict(f) for name, f in filters.items()})
    return env


# What one template may cost (issue 15: nested range(99999) hung, 'a' * 2000000000 took 2 GB).
MAX_RENDER_SECONDS = 10.0
MAX_RENDER_CHARS = 32 * 1024 * 1024


class RenderLimit(Exception):
    """A template ran past MAX_RENDER_SECONDS or MAX_RENDER_CHARS."""


def _check_binop(operator: str, left: Any, right: Any) -> None:
    from jinja2.exceptions import SecurityError

    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_RENDER_CHARS:
                raise SecurityError(f"{type(seq).__name__} * {n:,} would be longer than {MAX_RENDER_CHARS:,}")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if abs(left) > 1 and right > 0 and abs(left).bit_length() * right > 100_000:
            raise SecurityError(f"{left} ** {right} is too large a number")


def render_bounded(template: Any, ctx: dict) -> str:
    """Render with a time and an output-size limit (RenderLimit past either); a template that
    recurses without end is a RecursionError the callers report."""
    import signal
    import threading
    import time

    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    started = time.monotonic()

    def expired(signum, frame):
        raise RenderLimit(f"took longer than {MAX_RENDER_SECONDS:g} seconds")

    if alarm:
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, MAX_RENDER_SECONDS)
    try:
        out: list[str] = []
        size = 0
        for chunk in template.generate(ctx):
            size += len(chunk)
            if size > MAX_RENDER_CHARS:
                raise RenderLimit(f"wrote more than {MAX_RENDER_CHARS:,} characters")
            if not alarm and time.monotonic() - started > MAX_RENDER_SECONDS:
                raise RenderLimit(f"took longer than {MAX_RENDER_SECONDS:g} seconds")
            out.append(chunk)
        return "".join(out)
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _strict(f):
    """A filter that fails on a missing field the way printing it would (naming the field)."""
    from jinja2 import Undefined

    def apply(value, *args):
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
        return f(value, *args)

    return apply


def _MISSING_OBJ():
    from jinja2.utils import missing

    return missing


def _amount_filter(value: Any, currency: str | None = None) -> str:
    """`{{ line.amount | money(currency) }}`: an amount at the currency's decimals."""
    return money.text(Decimal(value), currency)


def _price_filter(value: Any, currency: str | None = None) -> str:
    """`{{ line.unit_price | price(currency) }}`: a unit price at its own precision, never rounded."""
    return money.price_text(Decimal(value), currency)


def context(
    kind_name: str,
    loaded: Loaded,
    ws: Workspace,
    today: date,
    supplier: str | None = None,
    draft: bool = False,
    audience: str = "buyer",
) -> dict:
    """Everything a template may use; all of it data."""
    order = loaded.order
    src = loaded.shown
    cfg = display(ws.root / "gendan.yaml")
    ctx: dict[str, Any] = {
        "order": to_data(order, "", src),
        "company": to_data(ws.config.company, "company", cfg),
        "today": today,
        "origin": ws.config.company.origin,
        "audience": audience,
        "doc": {
            "kind": kind_name,
            "title": KINDS[kind_name].title,
            "number": f"{_PREFIX[kind_name]}-{order.id}",
            "date": today,
            "draft": draft,
            "issued": False,
        },
    }
    _lines(ctx, loaded)
    _payment(ctx, order)
    plan = _packing(ctx, loaded, draft)
    ctx["mark"] = main_mark(order, plan, ws.config.company.origin)
    if plan is not None:  # the marks sheet: one mark per carton range, in the same wording
        for row in ctx["packing"]["rows"]:
            row["mark"] = main_mark(
                order,
                plan,
                ws.config.company.origin,
                row["colour"],
                row["per_carton"],
                f"{row['cartons']} OF {plan.cartons}",
            )
    if order.inspections:
        _inspection(ctx, loaded, ws)
    if order.materials:
        _suppliers(ctx, loaded, supplier, ws, today)
    _production(ctx, order)
    _terms(ctx, order)
    return ctx


VERDICTS = {
    "pending": "pending 待回复",
    "approved": "approved 批准",
    "approved_with_comments": "approved with comments 带意见批准",
    "rejected": "rejected 不批",
}


def _production(ctx: dict, order) -> None:
    """What the factory must know: PP comments, cutting quantities, inspection dates."""
    ctx["pp_samples"] = [
        {
            "name": s.reference or f"PP round {s.round}",
            "reply": s.reply.isoformat() if s.reply else "no reply yet",
            "verdict": VERDICTS[s.verdict],
            "comments": s.comments or "",
        }
        for s in order.samples
        if s.type == "pp"
    ]
    if order.over_cut_pct is not None:
        pct = order.over_cut_pct
        cut = [line.quantity + (line.quantity * pct / 100).to_integral_value(ROUND_CEILING) for line in order.lines]
        ctx["cutting"] = {"pct": _pct(pct), "lines": [int(c) for c in cut], "total": int(sum(cut))}
    dates = []
    for i in order.inspections:
        if i.date:
            dates.append({"what": f"{i.type} 验货", "date": i.date})
    if not dates:
        for key, m in order.milestones.items():
            if "inspection" in key and m.due:
                dates.append({"what": key.replace("_", " "), "date": m.due})
    ctx["inspection_dates"] = dates


def _dated(ctx: dict, order) -> None:
    """What follows from the document's date (the issue date once issued): the PI's validity."""
    from datetime import timedelta

    c = order.contract
    if c is not None and c.validity_days is not None:
        ctx["valid_until"] = ctx["doc"]["date"] + timedelta(days=c.validity_days)


def _terms(ctx: dict, order) -> None:
    """The freight and insurance inside a CIF/CFR total."""
    sh = order.shipment
    term = (order.incoterm or "").upper()
    if (
        sh is not None
        and (sh.freight is not None or sh.insurance is not None)
        and term[:3] in ("CIF", "CFR", "CIP", "CPT")
    ):
        freight = sh.freight or Decimal(0)
        insurance = sh.insurance or Decimal(0)
        split = [{"label": "FOB value", "amount": ctx["total_amount"] - freight - insurance}]
        if sh.freight is not None:
            split.append({"label": "Freight", "amount": freight})
        if sh.insurance is not None:
            split.append({"label": "Insurance", "amount": insurance})
        ctx["split"] = split


def _lines(ctx: dict, loaded: Loaded) -> None:
    """Order lines with their printed amounts; totals are sums of what is printed."""
    order = loaded.order
    currency = order.currency
    lines = []
    size_totals: dict[str, int] = {}
    total = Decimal(0)
    for i, line in enumerate(order.lines):
        data = to_data(line, f"lines[{i}]", loaded.shown)
        data["quantity"] = line.quantity
        data["amount"] = order.line_amount(line)
        total += data["amount"]
        lines.append(data)
        for s, q in line.sizes.items():
            size_totals[s] = size_totals.get(s, 0) + q
    ctx.update(lines=lines, sizes=order.sizes, size_totals=size_totals, total_qty=order.quantity, total_amount=total)
    if currency:
        ctx["currency"] = currency
        ctx["amount_words"] = amounts.words_en(total, currency)
        if currency.upper() in ("CNY", "RMB"):
            ctx["amount_words_zh"] = amounts.words_zh(total)


def _payment(ctx: dict, order) -> None:
    """Payment in the words a bank reads, with the deposit and balance amounts (adding up to the total)."""
    pay = order.payment
    if pay is None:
        return
    currency = order.currency
    total = ctx["total_amount"]
    days = pay.days
    out: dict[str, Any] = {}
    if pay.terms == "deposit_balance":
        pct = pay.deposit_pct if pay.deposit_pct is not None else Decimal(30)
        deposit = money.rounded(total * pct / 100, currency)
        balance = total - deposit
        out.update(deposit=deposit, balance=balance, deposit_pct=pct, balance_pct=100 - pct)
        when = f"{days} days after B/L date" if days else "against copy of B/L"
        if pay.balance == "before_shipment":
            when = "before shipment"
        text = (
            f"T/T: {_pct(pct)}% deposit ({_amt(deposit, currency)}) with the order, "
            f"{_pct(100 - pct)}% balance ({_amt(balance, currency)}) {when}"
        )
    elif pay.terms == "lc":
        text = "Irrevocable L/C " + (f"at {days} days after B/L date" if days else "at sight")
        if pay.lc_number:
            text += f", L/C No. {pay.lc_number}"
            if pay.lc_date:
                text += f" dated {pay.lc_date.isoformat()}"
            if pay.lc_bank:
                text += f", issued by {pay.lc_bank}"
            if pay.expiry:
                text += f", expiring {pay.expiry.isoformat()}"
    elif pay.terms == "dp":
        text = "D/P " + (f"at {days} days after sight" if days else "at sight")
    elif pay.terms == "da":
        text = "D/A" + (f" at {days} days after sight" if days else "")
    else:
        text = f"100% T/T before shipment ({_amt(total, currency)})"
    if pay.note:
        text += f"; {pay.note}"
    out["text"] = text
    ctx["payment"] = out


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _amt(value: Decimal, currency: str | None) -> str:
    return money.labelled(value, currency)


def _packing(ctx: dict, loaded: Loaded, draft: bool):
    """The packing plan as a packing list prints it; refused when it does not match the order."""
    from gendan.domain import aql, packing

    order = loaded.order
    if order.packing is None or not order.packing.rules or not order.lines:
        return None
    plan = packing.build_plan(order)
    refuse_mismatch(loaded, plan, draft)
    rows = packing.plan_rows(plan)
    for row, rng in zip(rows, plan.ranges, strict=True):
        row["sizes_map"] = rng.sizes
        row["carton"] = rng.carton
    ctx["cartons_to_open"] = aql.cartons_to_open(plan.cartons)
    ctx["packing"] = {
        "rows": rows,
        "totals": packing.plan_totals(plan),
        "size_totals": packing.size_totals(plan),
        "sizes": [s for s in order.sizes if s in packing.size_totals(plan)],
        "carton_sizes": [{"carton": c, "cartons": n} for c, n in packing.carton_sizes(plan)],
        "notes": plan.notes,  # internal (the factory's copy, `gendan packing`), never the buyer's
        "colours": [{"colour": c, "rows": [r for r in rows if r["colour"] == c]} for c in plan.colours()],
    }
    return plan


def refuse_mismatch(loaded: Loaded, plan, draft: bool) -> None:
    """A packing plan whose pieces differ from the order's: located E230, unless a draft."""
    from gendan.domain import packing
    from gendan.store.parse import to_problems

    found = [f for f in packing.packing_findings(loaded.order, None) if f.code == "E230"]
    if not found or draft:
        return
    problems = to_problems(found, loaded.shown, loaded.path.read_text(encoding="utf-8"))
    first, rest = problems[0], problems[1:]
    tail = "".join(f"\n{p}" for p in rest)
    raise RefusedError(
        f"{first.message}{tail}\nthe packing list would not agree with the invoice; fix the packing, "
        "or render a watermarked draft with --draft",
        first.path,
        first.line,
        first.col,
        "E230",
    )


def main_mark(
    order,
    plan,
    origin: str = "China",
    colour: str | None = None,
    pieces: int | None = None,
    numbers: str | None = None,
) -> list[str]:
    """The main shipping mark, one wording for the PI, packing list, invoice and marks sheet.

    UNECE Recommendation 15 order: buyer mark, reference (PO), style, colour, quantity,
    destination, package numbers, origin. The marks sheet fills colour, pieces and carton
    numbers per carton; documents print the whole shipment's.
    """
    c = order.customer
    dest = None
    if order.shipment is not None:
        dest = order.shipment.destination or order.shipment.port_of_discharge
    colours = colour or ", ".join(dict.fromkeys(line.colour for line in order.lines))
    if numbers is None:
        numbers = f"1-{plan.cartons}" if plan is not None else "1-UP"
    qty = pieces if pieces is not None else order.quantity
    return [
        (c.mark or c.name).upper(),
        f"PO NO.: {c.po or order.id}",
        f"STYLE NO.: {order.style.number if order.style else '-'}",
        f"COLOUR: {colours.upper()}",
        f"QTY: {money.number_text(qty, 0)} PCS",
        f"DEST.: {(dest or '-').upper()}",
        f"C/NO.: {numbers}",
        f"MADE IN {origin.upper()}",
    ]


def _inspection(ctx: dict, loaded: Loaded, ws: Workspace) -> None:
    from gendan.domain import aql

    order = loaded.order
    chosen = next((x for x in reversed(order.inspections) if x.type == "final"), order.inspections[-1])
    index = order.inspections.index(chosen)
    ctx["inspection"] = to_data(chosen, f"inspections[{index}]", loaded.shown)
    if not chosen.lot:
        return
    done = chosen.result != "pending"
    sampled = aql.for_inspection(chosen, ws.config.aql)
    ctx["inspection"]["level"] = sampled.level  # the workspace's when the record gives none
    plans = sampled.plans
    largest = max((p.sample_size for p in plans.values() if p.sample_size), default=None)
    rows = []
    for cls in ("critical", "major", "minor"):
        found = getattr(chosen.defects, cls)
        p = plans.get(cls)
        accept = p.accept if p else 0
        rows.append(
            {
                "class": cls,
                "aql": p.aql if p else "0 (zero tolerance)",
                # zero tolerance: every piece of the largest sample is checked for critical defects
                "sample": p.sample_size if p else largest,
                "accept": accept,
                "reject": p.reject if p else 1,
                "found": found if done else None,
                "verdict": ("accept" if found <= accept else "reject") if done else "not inspected",
            }
        )
    verdict = "not inspected yet"
    if done:
        verdict = "accept" if all(r["verdict"] == "accept" for r in rows) else "reject"
    ctx["aql"] = {"letter": sampled.letter, "rows": rows, "verdict": verdict, "done": done}


def _suppliers(ctx: dict, loaded: Loaded, supplier: str | None, ws: Workspace, today: date) -> None:
    from gendan.domain.calendar import material_due, order_forecast

    order = loaded.order
    fc = order_forecast(order, ws.config, today)
    suppliers: dict[str, list] = {}
    for i, m in enumerate(order.materials):
        if m.supplier is None:
            continue
        item = to_data(m, f"materials[{i}]", loaded.shown)
        if m.due is None and (need := material_due(m.kind, fc)) is not None:
            item["due"] = need  # the order gives none: when the plan needs it in house
        currency = m.currency or order.currency
        if m.quantity is not None and m.unit_price is not None:
            item["amount"] = money.line_amount(m.quantity, m.unit_price, currency)
        item["currency"] = currency or ""
        item["spec"] = material_spec(m, order.quantity)
        item["quantity_text"] = "" if m.quantity is None else f"{m.quantity.normalize():,f}"
        suppliers.setdefault(m.supplier, []).append(item)
    if supplier is not None:
        match = {k: v for k, v in suppliers.items() if k.lower() == supplier.lower()}
        if not match:
            raise GendanError(
                f"no material of order {order.id} is bought from {supplier}; suppliers: "
                + (", ".join(suppliers) or "none")
            )
        suppliers = match
    if not suppliers:
        return
    out = []
    for name, items in suppliers.items():
        currencies = list(dict.fromkeys(x["currency"] for x in items if x["currency"]))
        priced = [x for x in items if "amount" in x]
        totals = [
            {"currency": cur, "amount": sum((x["amount"] for x in priced if x["currency"] == cur), Decimal(0))}
            for cur in currencies
            if any(x["currency"] == cur for x in priced)
        ]
        out.append(
            {
                "name": name,
                "materials": items,
                "number": _po_shown(order, name),
                "totals": totals,
                "unpriced": len(priced) < len(items),
            }
        )
    ctx["suppliers"] = out


def material_spec(m, pieces: int) -> str:
    """What a mill or trim supplier needs to make the right thing, and the basis of the quantity."""
    parts = [x for x in (m.description, m.composition) if x]
    if m.width_cm is not None:
        parts.append(f"width {m.width_cm.normalize():f} cm")
    if m.weight_gsm is not None:
        parts.append(f"{m.weight_gsm.normalize():f} g/m²")
    if m.consumption is not None:
        basis = f"consumption {m.consumption.normalize():f} {m.unit or ''}/pc × {pieces:,} pcs".replace(" /", "/")
        if m.wastage_pct is not None:
            basis += f" + {m.wastage_pct.normalize():f}% wastage"
        parts.append(basis)
    if m.placement:
        parts.append(f"({m.placement})")
    return ", ".join(parts)


def _po_shown(order, supplier: str) -> str:
    record = issued_record(order, "po", supplier)
    if record is None:
        return po_number(order.id, supplier)
    return record.number + (f" R{record.revision}" if record.revision else "")


def po_number(order_id: str, supplier: str) -> str:
    """A supplier's PO number, from the supplier's name: adding a material never renumbers a PO."""
    return f"PO-{order_id}-{slug(supplier).upper()}"


_PREFIX = {
    "pi": "PI",
    "production-notice": "PN",
    "po": "PO",
    "packing-list": "PL",
    "shipping-marks": "SM",
    "inspection-report": "IR",
    "commercial-invoice": "CI",
}
# the kinds made per shipment (`--shipment N`): what one shipment carries
SHIPPED_KINDS = ("commercial-invoice", "packing-list", "shipping-marks")


# -- rendering ------------------------------------------------------------------


def render(
    kind_name: str,
    fmt: str,
    loaded: Loaded,
    ws: Workspace,
    today: date,
    supplier: str | None = None,
    draft: bool = False,
    audience: str = "buyer",
) -> bytes:
    """The document as bytes; raises GendanError (nothing partial) when it cannot be made."""
    return make(kind_name, fmt, loaded, ws, today, supplier, draft, audience)[0]


def make(
    kind_name: str,
    fmt: str,
    loaded: Loaded,
    ws: Workspace,
    today: date,
    supplier: str | None = None,
    draft: bool = False,
    audience: str = "buyer",
    issue: bool = False,
    revise: bool = False,
    shipment: int | None = None,
) -> tuple[bytes, Issue | None]:
    """The document as bytes and what issuing it means (the record to append, if any).

    An invoice, packing list or marks sheet shows one shipment's pieces (`shipment`, 1-based
    into `shipments:`; required when the order has several), the shipped quantities once
    recorded, else the whole order."""
    k = kind(kind_name)
    if fmt not in k.formats:
        raise GendanError.worded(
            said(
                (
                    "{kind} is made as {formats}, not {format}",
                    {"kind": kind_name, "formats": ", ".join(k.formats), "format": fmt},
                )
            )
        )
    if (issue or revise) and draft:
        raise GendanError.worded(said(("a draft is never issued: drop --draft, or --issue/--revise", {})))
    split = bool(loaded.order.shipments)
    if kind_name in SHIPPED_KINDS:
        from gendan.domain.shipments import shipment_order

        try:
            cut = shipment_order(loaded.order, shipment)
        except ValueError as e:
            raise GendanError(str(e)) from None
        loaded = Loaded(cut, loaded.folder, loaded.path)
        if not split:
            shipment = None  # one shipment: numbered and recorded as the order's, as before
    elif shipment is not None:
        raise GendanError.worded(
            said(("--shipment is for {kinds}, not {kind}", {"kinds": ", ".join(SHIPPED_KINDS), "kind": kind_name}))
        )
    ctx = context(kind_name, loaded, ws, today, supplier, draft, audience)
    if shipment is not None:
        ctx["doc"]["number"] += f"-{shipment}"
        ctx["doc"]["shipment"] = shipment
        ctx["doc"]["shipments"] = len(loaded.order.shipments)
    if kind_name == "po" and (issue or revise) and len(ctx.get("suppliers", [])) != 1:
        raise GendanError.worded(said(("a purchase order is issued to one supplier: give --supplier NAME", {})))
    po_supplier = ctx["suppliers"][0]["name"] if kind_name == "po" and len(ctx.get("suppliers", [])) == 1 else None
    planned = plan_issue(ctx, loaded.order, ws, kind_name, today, po_supplier, issue, revise, loaded.shown, shipment)
    if planned is not None:
        ctx["doc"].update(number=planned.number, date=planned.day, revision=planned.revision, issued=True)
        if kind_name == "po":
            ctx["suppliers"][0]["number"] = planned.number + (f" R{planned.revision}" if planned.revision else "")
    _dated(ctx, loaded.order)
    if fmt == "xlsx":
        from gendan.render import xlsxdoc

        try:
            return xlsxdoc.build(kind_name, ctx), planned
        except KeyError as e:
            raise _needs(kind_name, e.args[0], loaded.shown) from None
    if fmt == "pdf":
        html = render_template(template_name(kind_name, "html"), ws.root, ctx, kind_name, loaded.shown)
        return pdf(html, kind_name), planned
    text = render_template(template_name(kind_name, fmt), ws.root, ctx, kind_name, loaded.shown)
    return text.encode("utf-8"), planned


def pdf(html: str, kind_name: str) -> bytes:
    """The HTML document printed to PDF by WeasyPrint (the optional extra `gendan[pdf]`).

    A4 and the page boxes come from the template's @page rule (document number and page x
    of y on every page). Nothing is fetched: no file, no network, only `data:` URLs, so a
    template cannot pull a file of the machine into a document.
    """
    try:
        import weasyprint
    except ImportError:
        raise GendanError(
            "PDF output needs WeasyPrint: pip install 'gendan[pdf]' (and Pango, e.g. apt install libpango-1.0-0)"
        ) from None
    except OSError as e:  # the Python package is there, the Pango library is not
        raise GendanError(f"WeasyPrint cannot start ({e}); install Pango (e.g. apt install libpango-1.0-0)") from None

    def no_fetch(url: str, timeout: int = 10, ssl_context=None):
        if url.startswith("data:"):
            return weasyprint.default_url_fetcher(url, timeout, ssl_context)
        raise ValueError(f"{kind_name}: not fetching {url} (documents are self-contained)")

    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html, url_fetcher=no_fetch).write_pdf()


def issue_lock(ws: Workspace):
    """One issuer at a time in a workspace: two PIs must never get the same number."""
    from filelock import FileLock

    folder = ws.root / ".gendan"
    folder.mkdir(exist_ok=True)
    return FileLock(str(folder / "issue.lock"), timeout=10)


def render_template(name: str, ws_root: Path | None, ctx: dict, kind_name: str, shown: str) -> str:
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    env = environment(ws_root)
    try:
        template = env.get_template(name)
        return render_bounded(template, ctx)
    except RenderLimit as e:
        raise GendanError(f"{kind_name}: template {name} stopped: it {e}; nothing written") from None
    except RecursionError:
        raise GendanError(f"{kind_name}: template {name} calls itself without end (a recursive macro?)") from None
    except TemplateSyntaxError as e:
        where = e.filename or name
        raise GendanError(
            f"template syntax error: {e.message}",
            path=display(Path(where)) if e.filename else where,
            line=e.lineno,
            col=1,
        ) from None
    except TemplateNotFound as e:
        raise GendanError(f"template {e.name} not found (in templates/ or the built-in ones)") from None
    except UndefinedError as e:
        text = str(e)
        if text.startswith("needs "):
            field, _, source = text[6:].partition("\x00")
            raise _needs(kind_name, field, source or shown) from None
        raise GendanError(f"{kind_name}: template {name}: {text}") from None
    except SecurityError as e:
        raise GendanError(f"{kind_name}: template {name} was stopped by the sandbox: {e}") from None
    except TemplateError as e:
        raise GendanError(f"{kind_name}: template {name}: {e}") from None
    except (TypeError, ValueError, ArithmeticError) as e:  # e.g. a text given to the money filter
        raise GendanError(f"{kind_name}: template {name} failed: {type(e).__name__}: {e}") from None


def _needs(kind_name: str, field: str, where: str) -> GendanError:
    return GendanError.worded(
        said(("{kind} needs {field} ({path})", {"kind": kind_name, "field": field, "path": where}))
    )


# -- issued documents ------------------------------------------------------------

DEFAULT_PATTERN = "{prefix}-{yyyy}-{seq:04}"
_PATTERN_FIELDS = {"prefix", "yyyy", "yy", "seq", "order"}


def digest(ctx: dict, ws_root: Path | None, kind_name: str, shown: str) -> str:
    """sha256 of what a document says: its markdown text without its number and date."""
    import hashlib

    doc = {**ctx["doc"], "number": "", "date": date(1970, 1, 1), "revision": 0, "draft": False}
    same = {**ctx, "doc": doc}
    if "suppliers" in ctx:
        same["suppliers"] = [{**sup, "number": ""} for sup in ctx["suppliers"]]
    text = render_template(template_name(kind_name, "md"), ws_root, same, kind_name, shown)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def issued_record(order, kind_name: str, supplier: str | None = None, shipment: int | None = None):
    """The latest issue of a kind (of a PO: to that supplier; of a split shipment's invoice:
    for that shipment), or None."""
    found = [
        d
        for d in order.documents
        if d.kind == kind_name and (d.supplier or "").lower() == (supplier or "").lower() and d.shipment == shipment
    ]
    return found[-1] if found else None


def number_for(pattern: str, kind_name: str, order_id: str, day: date, seq: int) -> str:
    """A document number from the company's pattern, e.g. 'PI-{yy}{seq:04}' -> 'PI-260151'."""
    import string

    try:
        parts = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(pattern) if f is not None]
        fields = {f for f, _, _ in parts}
        if fields - _PATTERN_FIELDS or "seq" not in fields or len(pattern) > 100:
            raise ValueError
        for f, spec, conv in parts:  # only a width for {seq} ({seq:04}); nothing else is formatted
            if conv or (spec and (f != "seq" or not re.fullmatch(r"0\d{1,2}d?|d", spec))):
                raise ValueError
        return pattern.format(
            prefix=_PREFIX[kind_name], yyyy=f"{day.year:04}", yy=f"{day.year % 100:02}", seq=seq, order=order_id
        )
    except (ValueError, IndexError, KeyError):
        raise GendanError(
            f"numbering.{kind_name}: {pattern!r} is not a number pattern; use the fields "
            "{seq} (required, e.g. {seq:04}), {yyyy}, {yy}, {prefix}, {order}",
            "gendan.yaml",
        ) from None


def next_seq(ws: Workspace, kind_name: str, pattern: str, day: date) -> int:
    """The next number of the company's sequence for a kind (per year when the pattern shows the year)."""
    loaded, _ = ws.load_all()
    yearly = "{yy" in pattern or "{yyyy" in pattern
    seqs = [
        d.seq
        for lo in loaded
        for d in lo.order.documents
        if d.kind == kind_name and d.revision == 0 and (not yearly or d.date.year == day.year)
    ]
    return max(seqs, default=0) + 1


@dataclass
class Issue:
    """What `doc --issue/--revise` decided: the record to append (None: nothing to record)."""

    record: dict | None
    number: str
    revision: int
    day: date
    message: str
    words: Pieces = ()  # the message as words any language can say


def plan_issue(
    ctx: dict,
    order,
    ws: Workspace,
    kind_name: str,
    today: date,
    supplier: str | None,
    issue: bool,
    revise: bool,
    shown: str = "",
    shipment: int | None = None,
) -> Issue | None:
    """Number, date and revision of the document about to be written, and what to record.

    Not issued and not asked to: None (a plain render, numbered by the order). Issued:
    the recorded number and date, refused if the content changed (unless --revise).
    """
    current = issued_record(order, kind_name, supplier, shipment)
    if current is None and not (issue or revise):
        return None
    fingerprint = digest(ctx, ws.root, kind_name, shown)
    if current is None:
        if revise:
            raise RefusedError.worded(
                said(
                    (
                        "{kind} of {id} was never issued; issue it first with --issue",
                        {"kind": kind_name, "id": order.id},
                    )
                )
            )
        if not issue:
            return None
        pattern = ws.config.numbering.get(kind_name, DEFAULT_PATTERN)
        # the shipments of one order share a number, told apart by a suffix: CI-2026-0007-1, -2
        sibling = [d for d in order.documents if d.kind == kind_name and d.shipment is not None] if shipment else []
        if sibling:
            seq, base = sibling[0].seq, sibling[0].number.rsplit("-", 1)[0]
        else:
            seq = next_seq(ws, kind_name, pattern, today)
            base = number_for(pattern, kind_name, order.id, today, seq)
        number = f"{base}-{shipment}" if shipment else base
        record = {"kind": kind_name, "number": number, "date": today, "digest": fingerprint, "seq": seq}
        if supplier:
            record["supplier"] = supplier
        if shipment:
            record["shipment"] = shipment
        return Issue(record, number, 0, today, *said(("issued {number}", {"number": number})))
    shown = current.number + (f" R{current.revision}" if current.revision else "")
    if revise:
        if current.digest == fingerprint:
            raise RefusedError.worded(
                said(("{number} says the same as when it was issued; nothing to revise", {"number": shown}))
            )
        record = {
            "kind": kind_name,
            "number": current.number,
            "date": today,
            "digest": fingerprint,
            "seq": current.seq,
            "revision": current.revision + 1,
        }
        if supplier:
            record["supplier"] = supplier
        if shipment:
            record["shipment"] = shipment
        return Issue(
            record,
            current.number,
            current.revision + 1,
            today,
            *said(("revised {number} R{revision}", {"number": current.number, "revision": current.revision + 1})),
        )
    if current.digest != fingerprint and not ctx["doc"]["draft"]:
        raise RefusedError.worded(
            said(
                (
                    "{shown} was issued on {day} and the order has changed since; "
                    "--revise to issue {number} R{revision}, or --draft for a watermarked copy",
                    {
                        "shown": shown,
                        "day": current.date.isoformat(),
                        "number": current.number,
                        "revision": current.revision + 1,
                    },
                )
            )
        )
    return Issue(
        None,
        current.number,
        current.revision,
        current.date,
        *said(("{number} (issued {day})", {"number": shown, "day": current.date.isoformat()})),
    )


# -- files ----------------------------------------------------------------------


SLUG_LENGTH = 60  # characters of a name in a file or folder name (60 CJK characters: 180 of 255 bytes)


def slug(text: str) -> str:
    """A name as part of a file name: letters, digits and CJK, at most SLUG_LENGTH characters."""
    made = re.sub(r"[^A-Za-z0-9\u4e00-\u9fff]+", "-", text).strip("-").lower()
    return made[:SLUG_LENGTH].strip("-") or "supplier"


def output_path(
    ws_root: Path,
    folder: Path,
    kind_name: str,
    fmt: str,
    output: str | None,
    supplier: str | None = None,
    shipment: int | None = None,
) -> Path:
    """Where a document goes: out/KIND.FORMAT in the order folder (inside the workspace), or
    the -o PATH the user names (anywhere but an order file, gendan.yaml, .git/, .gendan/)."""
    ext = {"html": "html", "md": "md", "xlsx": "xlsx", "pdf": "pdf"}[fmt]
    if output is None:
        stem = kind_name + (f"-{slug(supplier)}" if supplier else "") + (f"-{shipment}" if shipment else "")
        out = inside_workspace(ws_root, folder / "out", display(folder / "out"))
        return out / f"{stem}.{ext}"
    return output_file(Path(output), f"-o {output}")


def listing(ws_root: Path | None) -> list[dict]:
    """Each kind, its formats and the template each format uses (built-in or workspace)."""
    rows = [
        {
            "kind": "(base)",
            "format": "html",
            "template": "base.html.j2",
            "source": template_source(ws_root, "base.html.j2"),
            "title": "letterhead and print CSS of every HTML document",
        }
    ]
    for k in KINDS.values():
        for fmt in k.formats:
            if fmt == "pdf":
                rows.append(
                    {
                        "kind": k.name,
                        "format": fmt,
                        "template": template_name(k.name, "html") + " (printed by WeasyPrint)",
                        "source": template_source(ws_root, template_name(k.name, "html")),
                        "title": k.title,
                    }
                )
                continue
            if fmt == "xlsx":
                rows.append(
                    {
                        "kind": k.name,
                        "format": fmt,
                        "template": "(built in code: gendan/render/xlsxdoc.py)",
                        "source": "built-in",
                        "title": k.title,
                    }
                )
                continue
            name = template_name(k.name, fmt)
            rows.append(
                {
                    "kind": k.name,
                    "format": fmt,
                    "template": name,
                    "source": template_source(ws_root, name),
                    "title": k.title,
                }
            )
    return rows


def copy_template(kind_name: str, ws_root: Path) -> list[Path]:
    """Copy a kind's built-in templates into the workspace's templates/ (and base.html.j2 once)."""
    if kind_name == "base":
        wanted = ["base.html.j2"]
    else:
        wanted = [template_name(kind_name, f) for f in kind(kind_name).formats if f not in ("xlsx", "pdf")]
    from gendan.store.yamlio import atomic_write

    dest = inside_workspace(ws_root, ws_root / "templates", "templates/")

    def present(name: str) -> bool:  # a dangling link counts: writing there would create its target
        return (dest / name).exists() or (dest / name).is_symlink()

    existing = [n for n in wanted if present(n)]
    if existing:
        raise RefusedError.worded(
            said(
                (
                    "templates/{name} already exists in the workspace; remove it first to copy the built-in one again",
                    {"name": existing[0]},
                )
            )
        )
    if kind_name != "base" and not present("base.html.j2"):
        wanted.append("base.html.j2")  # the letterhead a company edits first
    dest.mkdir(exist_ok=True)
    copied = []
    for n in wanted:
        atomic_write(dest / n, (builtin_dir() / n).read_bytes())
        copied.append(dest / n)
    return copied
