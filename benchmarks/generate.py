"""Generate a realistic, deterministic gendan workspace for benchmarks.

    python benchmarks/generate.py --orders 10000 --seed 1 benchmarks/work/ws10k

Every order is valid (`gendan validate --as-of TODAY` finds nothing): all stages
(and a few held or cancelled orders), 1-6 colours, 3-8 sizes, the full milestone
calendar of the default template with some late and revised (with reasons),
payments, samples, inspections, costing, Chinese and English text, comments.
About 2.3 KB per order. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gendan.domain.aql import plans  # noqa: E402  (sample sizes and accept numbers that really pass)

TODAY = date(2026, 11, 30)

STAGES = [
    "inquiry",
    "confirmed",
    "reviewed",
    "funded",
    "sampling",
    "materials",
    "production",
    "inspection",
    "shipping",
    "paid",
    "delivered",
    "closed",
]
# (key, stage, calendar-day offset from po_date or ex_factory) mirroring the default template
MILESTONES = [
    ("po_received", "confirmed", "po", 0),
    ("order_review", "reviewed", "po", 3),
    ("costing", "reviewed", "po", 4),
    ("lab_dip_submitted", "sampling", "po", 7),
    ("lab_dip_approved", "sampling", "po", 17),
    ("fit_sample_submitted", "sampling", "po", 10),
    ("fit_sample_comments", "sampling", "po", 21),
    ("deposit_received", "funded", "po", 10),
    ("fabric_booked", "materials", "po", 11),
    ("trims_booked", "materials", "po", 21),
    ("pp_sample_submitted", "sampling", "po", 49),
    ("pp_sample_approved", "sampling", "po", 63),
    ("cutting_start", "production", "xf", -38),
    ("fabric_in_house", "materials", "xf", -52),
    ("pp_meeting", "production", "xf", -42),
    ("sewing_start", "production", "xf", -34),
    ("trims_in_house", "materials", "xf", -44),
    ("inline_inspection", "production", "xf", -28),
    ("mid_inspection", "production", "xf", -20),
    ("forwarder_booking", "inspection", "xf", -14),
    ("shipping_marks_approved", "inspection", "xf", -7),
    ("final_inspection", "inspection", "xf", -1),
    ("ex_factory", "shipping", "xf", 0),
    ("shipping_documents", "shipping", "xf", 7),
    ("balance_received", "paid", "xf", 14),
    ("after_sales_feedback", "closed", "xf", 63),
]
# milestones whose owner is written as a person (the others take the template's role)
NAMED_OWNERS = {"pp_meeting", "ex_factory"}
CUSTOMERS = [
    ("Nordic Outdoor AS", "NO"),
    ("Alpenwear GmbH", "DE"),
    ("Maison Lune SARL", "FR"),
    ("Harbour & Pine Ltd", "GB"),
    ("Kaze Apparel K.K.", "JP"),
    ("True North Outfitters Inc.", "CA"),
    ("Southern Cross Clothing Pty", "AU"),
    ("Bergström Kläder AB", "SE"),
    ("Tienda Sol S.L.", "ES"),
    ("Blue Ridge Supply Co.", "US"),
]
FACTORIES = [
    ("Ningbo Hongda Garment Co.", "宁波宏达服装厂", "Wang Gang"),
    ("Shaoxing Meili Textile Co.", "绍兴美丽纺织有限公司", "Zhou Min"),
    ("Qingdao Haiyang Apparel", "青岛海洋服饰", "Sun Lei"),
    ("Jiangyin Jinhua Knitting", "江阴金华针织厂", "Xu Jing"),
    ("Dongguan Yida Fashion", "东莞怡达时装", "Huang Wei"),
]
STYLES = [
    ("outerwear", "men's padded jacket", "男式棉服"),
    ("knit", "women's merino crew neck", "女式美利奴圆领衫"),
    ("woven", "oxford shirt, long sleeve", "牛津纺长袖衬衫"),
    ("outerwear", "hooded rain shell", "连帽防雨夹克"),
    ("knit", "kids' fleece hoodie", "童装摇粒绒卫衣"),
    ("bottoms", "stretch chino trousers", "弹力休闲裤"),
    ("woven", "linen summer dress", "亚麻连衣裙"),
]
COLOURS = [
    ("Black", "黑色"),
    ("Navy", "藏青"),
    ("Heather Grey", "麻灰"),
    ("Olive", "橄榄绿"),
    ("Off White", "米白"),
    ("Burgundy", "酒红"),
    ("Sky Blue", "天蓝"),
    ("Sand", "沙色"),
    ("Forest", "墨绿"),
    ("Rust", "铁锈红"),
]
SIZE_RUNS = [
    ["XS", "S", "M", "L", "XL", "XXL", "3XL", "4XL"],
    ["2", "4", "6", "8", "10", "12", "14", "16"],
    ["28", "30", "32", "34", "36", "38", "40", "42"],
]
MERCHANDISERS = ["Chen Li", "Liu Yang", "Zhang Wei", "Wang Fang", "Li Na"]
FINANCE = ["Liu Fang", "Zhao Qing"]
REASONS = [
    "mill delay",
    "面料染色返工 (fabric re-dyed)",
    "buyer changed trims",
    "typhoon closed the port for 2 days",
    "工厂产能不足，外发加工",
    "lab dip rejected twice",
    "Chinese New Year labour shortage",
    "zipper supplier late",
]
# days since the PO, roughly, of an order in each stage
AGES = [0, 2, 5, 10, 15, 35, 60, 95, 110, 125, 140, 190]
INCOTERMS = ["FOB Shanghai", "FOB Ningbo", "CIF Hamburg", "FOB Qingdao", "CFR Felixstowe"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (valid in flow and block context)."""
    return json.dumps(text, ensure_ascii=False)


def money(d: Decimal) -> str:
    return str(d.quantize(Decimal("0.01")))


@dataclass
class _Order:
    """What the sections of one generated order share (drawn in `_draw`, in a fixed order)."""

    rng: random.Random
    today: date
    year: int
    oid: str
    held: bool
    cancelled: bool
    stage_i: int
    po_date: date
    ex_factory: date
    customer: str
    country: str
    factory: str
    factory_zh: str
    factory_contact: str
    product_type: str
    description: str
    description_zh: str
    merch: str
    currency: str
    terms: str
    deposit_pct: int = 0
    price: Decimal = Decimal(0)
    value: Decimal = Decimal(0)
    qty: int = 0

    @property
    def stage(self) -> str:
        return STAGES[self.stage_i]

    def done(self, at_stage: str) -> bool:
        return STAGES.index(at_stage) <= self.stage_i

    def past(self, d: date) -> date:
        return min(d, self.today)


def order_text(rng: random.Random, n: int, today: date) -> tuple[str, str]:
    """(folder id, order.yaml text) of the n-th order.

    The sections draw from `rng` one after the other, always in this order: the same
    seed gives the same bytes.
    """
    o = _draw(rng, n, today)
    out = _head(o)
    for section in (_lines, _costing, _payments, _samples, _inspections, _milestones, _tail):
        out += section(o)
    return o.oid, "\n".join(out) + "\n"


def _draw(rng: random.Random, n: int, today: date) -> _Order:
    year = 2025 + n % 2
    oid = f"SO-{year}-{n:05d}"
    held = rng.random() < 0.04
    cancelled = not held and rng.random() < 0.02
    # a company keeps its orders for years: most are closed, every stage has some
    stage_i = rng.choices(range(len(STAGES)), [3, 3, 3, 3, 6, 6, 8, 4, 4, 4, 6, 50])[0]
    # orders further along are older: their calendar lies more in the past
    lead = rng.randrange(80, 120)
    age = AGES[stage_i] + rng.randrange(15)
    if STAGES[stage_i] == "closed":
        age += rng.randrange(700)
    po_date = today - timedelta(days=age)
    customer, country = rng.choice(CUSTOMERS)
    factory, factory_zh, factory_contact = rng.choice(FACTORIES)
    product_type, description, description_zh = rng.choice(STYLES)
    merch = rng.choice(MERCHANDISERS)
    terms = rng.choices(["deposit_balance", "lc", "dp", "da", "tt_before_shipment"], [70, 12, 6, 4, 8])[0]
    return _Order(
        rng,
        today,
        year,
        oid,
        held,
        cancelled,
        stage_i,
        po_date,
        po_date + timedelta(days=lead),
        customer,
        country,
        factory,
        factory_zh,
        factory_contact,
        product_type,
        description,
        description_zh,
        merch,
        "EUR" if country in ("DE", "FR", "ES") else "USD",
        terms,
    )


def _head(o: _Order) -> list[str]:
    rng = o.rng
    out = [
        f"# {o.oid}: {o.customer} — {o.description} ({o.description_zh})",
        f"# 跟单员 {o.merch}",
        f"id: {o.oid}",
        f"customer: {{name: {q(o.customer)}, country: {o.country}, po: {o.country}-{rng.randrange(10000, 99999)},"
        f" contact: {q(rng.choice(['Ingrid Berg', 'Hans Meier', 'Claire Dubois', 'Tom Hughes', 'Yuki Sato']))}}}",
        f"merchandiser: {o.merch}",
        f"factory: {{name: {q(o.factory)}, name_zh: {o.factory_zh}, contact: {o.factory_contact}}}",
        f"style: {{number: {rng.choice('JKSTDP')}{rng.choice('KTRW')}-{rng.randrange(1000, 9999)},"
        f" description: {q(o.description)}, description_zh: {o.description_zh}, product_type: {o.product_type}}}",
        f"incoterm: {rng.choice(INCOTERMS)}",
        f"currency: {o.currency}",
    ]
    o.deposit_pct = rng.choice([20, 30, 30, 30, 50])
    if o.terms == "deposit_balance":
        out.append(f"payment: {{terms: deposit_balance, deposit_pct: {o.deposit_pct}}}")
    elif o.terms == "lc":
        out.append(f"payment: {{terms: lc, lc_number: LC{rng.randrange(10**7, 10**8)}, days: 0}}")
    elif o.terms == "da":
        out.append(f"payment: {{terms: da, days: {rng.choice([30, 60, 90])}}}")
    else:
        out.append(f"payment: {{terms: {o.terms}}}")
    out.append('quality: "as approved PP sample; AQL 2.5 major / 4.0 minor"')
    out.append(f"po_date: {o.po_date}")
    out.append(f"ex_factory: {o.ex_factory}  # contract date (交期)")
    out.append(f"stage: {'on_hold' if o.held else 'cancelled' if o.cancelled else o.stage}")
    return out


def _lines(o: _Order) -> list[str]:
    rng = o.rng
    sizes = rng.choice(SIZE_RUNS)
    start = rng.randrange(0, 8 - 3 + 1)
    run = sizes[start : start + rng.randrange(3, 9)]
    if len(run) < 3:
        run = sizes[-3:]
    out = ["lines:"]
    o.price = Decimal(rng.randrange(650, 4200)) / 100
    colours = rng.choices(range(1, 7), [30, 25, 20, 12, 8, 5])[0]
    for i, (colour, colour_zh) in enumerate(rng.sample(COLOURS, colours)):
        spread = {s: rng.randrange(2, 40) * 10 for s in run}
        out.append(f"  - colour: {colour}")
        if i == 0:
            out.append(f"    colour_zh: {colour_zh}")
        out.append(f"    unit_price: {money(o.price)}")
        out.append("    sizes: {" + ", ".join(f"{q(s) if s.isdigit() else s}: {v}" for s, v in spread.items()) + "}")
        o.qty += sum(spread.values())
        o.value += o.price * sum(spread.values())
    return out


def _costing(o: _Order) -> list[str]:
    """Usually a healthy margin, sometimes a low one approved by the GM."""
    rng = o.rng
    low = rng.random() < 0.08
    cost_share = Decimal(rng.randrange(960, 995) if low else rng.randrange(70, 90) * 10) / 1000
    cost = (o.price * cost_share).quantize(Decimal("0.01"))
    fabric = (cost * Decimal("0.6")).quantize(Decimal("0.01"))
    trims = (cost * Decimal("0.12")).quantize(Decimal("0.01"))
    out = [
        "costing:",
        "  items:",
        f"    - {{item: fabric, cost: {fabric}}}",
        f"    - {{item: trims, cost: {trims}}}",
        f"    - {{item: CMT, cost: {cost - fabric - trims}}}",
    ]
    if low:
        out.append(f"  approval: {{by: Boss Huang, date: {o.po_date + timedelta(days=2)}, note: 老客户，保订单量}}")
    return out


def _payments(o: _Order) -> list[str]:
    rng, terms, value, past = o.rng, o.terms, o.value, o.past
    payments = []
    if terms == "deposit_balance" and o.done("funded"):
        amount = (value * o.deposit_pct / 100).quantize(Decimal("0.01"))
        payments.append(
            f"  - {{kind: deposit, amount: {amount}, received: {past(o.po_date + timedelta(days=9))},"
            f" confirmed_by: {rng.choice(FINANCE)}, reference: TT{rng.randrange(10**6, 10**7)}}}"
        )
    if terms == "lc" and o.done("funded"):
        payments.append(
            f"  - {{kind: lc, amount: {money(value)}, received: {past(o.po_date + timedelta(days=12))},"
            f" confirmed_by: {rng.choice(FINANCE)}, note: 信用证条款已审核}}"
        )
    if terms in ("deposit_balance", "tt_before_shipment") and o.done("shipping"):
        rest = value - (value * o.deposit_pct / 100 if terms == "deposit_balance" else 0)
        payments.append(
            f"  - {{kind: {'balance' if terms == 'deposit_balance' else 'full'}, amount: {money(rest)},"
            f" received: {past(o.ex_factory - timedelta(days=3))}, confirmed_by: {rng.choice(FINANCE)}}}"
        )
    elif terms in ("deposit_balance", "tt_before_shipment"):
        payments.append(f"  - {{kind: balance, due: {o.ex_factory - timedelta(days=3)}}}")
    if terms in ("lc", "dp", "da") and o.done("paid"):  # the bank pays after the documents (`paid` needs it)
        payments.append(
            f"  - {{kind: full, amount: {money(value)}, received: {past(o.ex_factory + timedelta(days=25))},"
            f" confirmed_by: {rng.choice(FINANCE)}}}"
        )
    return ["payments:", *payments] if payments else []


def _samples(o: _Order) -> list[str]:
    samples = []
    if o.done("sampling"):
        sent = o.past(o.po_date + timedelta(days=10))
        samples.append(
            f"  - {{type: fit, round: 1, sent: {sent}, reply: {o.past(sent + timedelta(days=6))},"
            f" verdict: approved_with_comments, comments: {q('shorten sleeve 1 cm; 袖长减1cm')}}}"
        )
        sent = o.past(o.po_date + timedelta(days=48))
        samples.append(
            f"  - {{type: pp, round: 1, sent: {sent}, reply: {o.past(sent + timedelta(days=8))},"
            f" verdict: approved, reference: PP-{o.oid[-5:]}}}"
        )
    elif o.stage_i >= 2:
        samples.append(f"  - {{type: proto, round: 1, verdict: pending, comments: {q('等待客户意见')}}}")
    return ["samples:", *samples] if samples else []


def _inspections(o: _Order) -> list[str]:
    rng, qty = o.rng, o.qty
    insp = []
    if o.done("production"):
        d = o.past(o.ex_factory - timedelta(days=28))
        insp.append(
            f"  - {{type: inline, date: {d}, inspector: QA Zhou, result: pass,"
            f" defects: {{critical: 0, major: {rng.randrange(0, 4)}, minor: {rng.randrange(0, 9)}}}}}"
        )
    if o.done("inspection"):
        d = o.past(o.ex_factory - timedelta(days=1))
        chosen = plans(qty, {"major": Decimal("2.5"), "minor": Decimal("4.0")})
        n = max(p.sample_size for p in chosen.values())
        if rng.random() < 0.1:
            insp.append(
                f"  - {{type: final, date: {d - timedelta(days=3)}, inspector: QA Zhou, lot: {qty},"
                f" sample_size: {n}, result: fail, defects: {{major: {chosen['major'].reject + 2}, minor: 9}},"
                f" note: 返工后再验}}"
            )
        insp.append(
            f"  - {{type: final, date: {d}, inspector: QA Zhou, lot: {qty}, sample_size: {n},"
            f" result: pass, defects: {{critical: 0, major: {rng.randrange(0, chosen['major'].accept + 1)},"
            f" minor: {rng.randrange(0, chosen['minor'].accept + 1)}}}}}"
        )
    return ["inspections:", *insp] if insp else []


def _milestones(o: _Order) -> list[str]:
    """The T&A calendar (an inquiry has no PO yet, so no calendar yet)."""
    if o.stage == "inquiry":
        return []
    rng = o.rng
    out = ["milestones:"]
    for key, at_stage, anchor, offset in MILESTONES:
        planned = (o.po_date if anchor == "po" else o.ex_factory) + timedelta(days=offset)
        parts = [f"planned: {planned}"]
        due = planned
        if rng.random() < 0.12:
            due = planned + timedelta(days=rng.randrange(3, 15))
            parts.append(f"revised: {due}")
            parts.append(f"reason: {q(rng.choice(REASONS))}")
        if o.done(at_stage) and planned <= o.today:
            late = rng.random() < 0.2
            actual = o.past(due + timedelta(days=rng.randrange(1, 6) if late else -rng.randrange(0, 3)))
            parts.append(f"actual: {actual}")
        if key in NAMED_OWNERS:
            parts.append(f"owner: {o.merch if at_stage in ('confirmed', 'reviewed') else o.factory_contact}")
        out.append(f"  {key}: {{{', '.join(parts)}}}")
    return out


def _tail(o: _Order) -> list[str]:
    """Shipment, tags, the hold or cancellation, notes."""
    rng = o.rng
    out = []
    if o.done("shipping"):
        out.append(
            f"shipment: {{mode: sea, port_of_loading: {rng.choice(['Shanghai', 'Ningbo', 'Qingdao'])},"
            f" vessel: {q('MSC ' + rng.choice(['Aurora', 'Maya', 'Gülsün', 'Oscar']))},"
            f" etd: {o.past(o.ex_factory + timedelta(days=4))}, bl_number: MEDU{rng.randrange(10**6, 10**7)}}}"
        )
    out.append(f"tags: [{rng.choice(['repeat', 'new-buyer', 'key-account'])}, {o.year}]")
    if o.held or o.cancelled:
        to = "on_hold" if o.held else "cancelled"
        reason = "buyer asked to pause: 客户库存积压" if o.held else "buyer cancelled the season"
        out.append("history:")
        out.append(
            f"  - {{date: {o.today - timedelta(days=3)}, by: {o.merch}, action: {'hold' if o.held else 'cancel'},"
            f" from: {o.stage}, to: {to}, reason: {q(reason)}}}"
        )
    if rng.random() < 0.3:
        out.append(f"notes: {q('客户要求每周五发生产进度照片; weekly photos every Friday')}")
    return out


CONFIG = """\
# gendan workspace generated by benchmarks/generate.py (synthetic data)
company:
  name: Ningbo Hongda Import & Export Co., Ltd.
  name_zh: 宁波宏达进出口有限公司
people:
  - {name: Chen Li, role: merchandiser, email: chen.li@example.com}
  - {name: Liu Fang, role: finance, email: liu.fang@example.com}
"""


def generate(root: Path, orders: int, seed: int = 1, today: date = TODAY) -> list[Path]:
    """Write a workspace of `orders` orders into `root` (replacing the orders there)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "gendan.yaml").write_text(CONFIG, encoding="utf-8")
    (root / ".gitignore").write_text(".gendan/\nout/\n", encoding="utf-8")
    for old in ("2025", "2026", ".gendan"):
        shutil.rmtree(root / old, ignore_errors=True)
    paths = []
    for n in range(1, orders + 1):
        oid, text = order_text(rng, n, today)
        folder = root / oid[3:7] / oid
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "order.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--orders", type=int, default=1000, help="number of orders")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    p.add_argument(
        "--today",
        type=date.fromisoformat,
        default=TODAY,
        help=f"the date the workspace is current at (default {TODAY}; pass it as --as-of)",
    )
    p.add_argument("dir", type=Path, help="workspace folder to write")
    args = p.parse_args(argv)
    paths = generate(args.dir, args.orders, args.seed, args.today)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} orders in {args.dir} ({size / max(len(paths), 1) / 1024:.2f} KB per order on average)")


if __name__ == "__main__":
    main()
