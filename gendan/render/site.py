"""Static status pages (`gendan site`): plain HTML files, no server, no script.

Layout of the output folder (relative links only, so it works from file:// and any static host):

    index.html                      pipeline by stage, at risk, overdue, every order
    orders/ID.html                  one page per order: timeline, T&A, payments, documents
    orders/ID/FILE                  copies of the order's generated documents (out/)
    customers/SLUG/index.html       one customer's orders only, to share with that buyer
    customers/SLUG/ID.html          that customer's order pages
    customers/SLUG/files/ID/FILE    that customer's customer-facing documents
    calendars/all.ics               the open milestones as a calendar feed (`gendan calendar`)
    calendars/OWNER.ics             one feed per owner, to subscribe to from a phone or Outlook

A customer folder is self-contained and never links outside itself: it holds that
customer's orders and nothing about any other (no pipeline, no other customer's id, name
or PO), nor the company-internal parts of its own orders (factory, costing, notes, the
reasons in the history, documents meant for the factory or suppliers).

Pages are rendered by the one Jinja environment of `gendan.render.documents` (sandboxed,
autoescaped), from templates/site-*.html.j2 (a workspace may override them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from gendan.core import money
from gendan.core.errors import GendanError, Problem, said
from gendan.core.progress import Progress, steps
from gendan.domain.calendar import EX_FACTORY
from gendan.render.i18n import Words
from gendan.render.links import absolute, href
from gendan.reports.facts import Facts, all_facts, is_open, overdue, status
from gendan.store.paths import output_folder
from gendan.store.workspace import Loaded, Workspace

MARKER = ".gendan-site"
# What a buyer's folder may show is configured in gendan.yaml: `buyer_documents` (default the PI,
# invoice, packing list and marks; never the production notice, supplier POs, inspection report
# naming the factory) and `buyer_milestones` (the T&A a buyer follows; never costing, order review,
# bookings or the factory's own steps).


@dataclass
class Page:
    path: Path  # relative to the output folder
    html: str
    chart: Callable[[], str] | None = None  # drawn when written, into GANTT_SLOT (a chart per page is big)


# Where an order page's Gantt chart goes; order text cannot produce it (HTML escapes "<").
GANTT_SLOT = "<!--gendan:gantt-->"


@dataclass
class SiteResult:
    pages: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    customers: dict[str, str] = field(default_factory=dict)  # customer name -> folder
    feeds: list[Path] = field(default_factory=list)  # the calendar feeds among the pages
    problems: list[Problem] = field(default_factory=list)  # of the order files left out


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def customer_slugs(names: list[str]) -> dict[str, str]:
    """A distinct folder name per customer."""
    from gendan.render.documents import slug

    taken: dict[str, str] = {}
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        base = slug(name) if slug(name) != "supplier" else "customer"
        s, n = base, 2
        while s in taken:
            s, n = f"{base}-{n}", n + 1
        taken[s] = name
        out[name] = s
    return out


def _history(o, internal: bool, w: Words) -> list[tuple[date, str]]:
    events = []
    for h in o.history:
        if not internal and h.action == "override":
            continue
        text = w(h.action) + (f" {w.stage(h.from_)} → {w.stage(h.to)}" if h.to else "")
        if internal and h.reason:
            text += f": {h.reason}"
        if internal:
            text += f" ({h.by})"
        events.append((h.date, text))
    return events


def _timeline(o, internal: bool, shown_milestones: set[str] | None = None, w: Words | None = None) -> list[dict]:
    w = w or Words("en")
    events: list[tuple[date, str]] = []
    if o.po_date:
        events.append((o.po_date, w("PO received")))
    events += _history(o, internal, w)
    for key, m in o.milestones.items():
        if m.actual and (internal or shown_milestones is None or key in shown_milestones):
            events.append((m.actual, w("{milestone} done", milestone=w.milestone(key))))
    for s in o.samples:
        if s.sent:
            events.append((s.sent, w("{type} sample round {round} sent", type=w(s.type), round=s.round)))
        if s.reply:
            verdict = s.verdict.replace("_", " ")
            events.append(
                (
                    s.reply,
                    w("{type} sample round {round}: {verdict}", type=w(s.type), round=s.round, verdict=w(verdict)),
                )
            )
    for p in o.payments:
        if p.received:
            amount = f" {money.labelled(p.amount, o.currency)}" if p.amount is not None else ""
            events.append((p.received, w("{kind} received{amount}", kind=w(p.kind), amount=amount)))
    for c in o.changes:
        if internal or not c.field.startswith(INTERNAL_FIELDS):
            events.append((c.date, w("change {field}: {old} → {new}", field=c.field, old=_s(c.old), new=_s(c.new))))
    for i in o.inspections:
        if i.date and i.result != "pending":
            events.append((i.date, w("{type} inspection: {result}", type=w(i.type), result=w(i.result))))
    if o.shipment and o.shipment.shipped:
        events.append((o.shipment.shipped, w("shipped")))
    events.sort(key=lambda e: e[0])
    return [{"date": d.isoformat(), "what": w} for d, w in events]


INTERNAL_FIELDS = ("costing", "factory", "materials", "merchandiser", "notes")


def _documents(loaded: Loaded, internal: bool, allowed: tuple[str, ...] = ()) -> list[Path]:
    out = loaded.folder / "out"
    if not out.is_dir() or out.is_symlink() or out.resolve().parent != loaded.folder.resolve():
        return []  # a linked out/ could publish any folder of the machine
    files = sorted(p for p in out.iterdir() if p.is_file() and not p.is_symlink() and not p.name.startswith("."))
    if internal:
        return files
    return [
        p
        for p in files
        if any(p.stem == k or p.stem.startswith(k + "-") for k in allowed) and not p.stem.startswith("po-")
    ]


def order_context(
    loaded: Loaded,
    f: Facts,
    config,
    internal: bool,
    doc_prefix: tuple[str, ...],
    today: date | None = None,
    words: Words | None = None,
) -> dict:
    """What an order page shows; `internal` adds factory, costing-free internal notes and reasons.
    Its words in `words`' language (English without)."""
    w = words or Words("en", config)
    o = loaded.order
    cur = o.currency
    fc = f.forecast
    risk = chain = ""
    if internal and is_open(o, config) and fc.at_risk:
        risk = w(
            "at risk: forecast ex-factory {forecast}, {n} working days late", forecast=_s(fc.ex_factory), n=fc.late_days
        )
        chain = w.chain(fc.chain_detail())
    ctx = {
        "id": o.id,
        "customer": o.customer.name,
        "po": _s(o.customer.po),
        "stage": w.stage(o.stage),
        "style": _s(o.style.number) if o.style else "",
        "description": _s(o.style.description) if o.style else "",
        "merchandiser": _s(o.merchandiser),
        "ex_factory": _s(o.ex_factory),
        "forecast": _s(fc.ex_factory) if internal else "",
        "risk": risk,
        "chain": chain if internal else "",
        "gantt": _slot() if today and internal else "",  # buyers see no forecast (nor its picture)
        "quantity": money.number_text(o.quantity, 0),
        "currency": _s(cur),
        "value": money.labelled(o.value, cur) if o.lines else "",
        "lines": [
            {
                "colour": ln.colour,
                "sizes": " ".join(f"{k}: {v}" for k, v in ln.sizes.items()),
                "quantity": money.number_text(ln.quantity, 0),
                "price": money.labelled_price(ln.unit_price, cur),
                "amount": money.labelled(o.line_amount(ln), cur),
            }
            for ln in o.lines
        ],
        "milestones": [
            {
                "key": w.milestone(m.key),
                "owner": w.role(m.owner) if internal else "",
                "planned": _s(m.planned),
                "revised": _s(m.revised),
                "reason": _s(m.reason) if internal else "",
                "actual": _s(m.actual),
                "forecast": _s(m.forecast) if internal else "",
                "status": m.status.replace("_", " ") if w.lang == "en" else w(m.status),
                "css": m.status.replace("_", "-"),
                "slack": "" if m.slack is None or m.done else m.slack,
            }
            for m in f.milestones
            if internal or m.key in set(config.buyer_milestones)
        ],
        "payments": [
            {
                "kind": w(p.kind),
                "amount": money.labelled(p.amount, cur) if p.amount is not None else "",
                "due": _s(p.due),
                "received": _s(p.received),
                "confirmed_by": _s(p.confirmed_by) if internal else "",
            }
            for p in o.payments
        ],
        "timeline": _timeline(o, internal, set(config.buyer_milestones), w),
        "documents": [
            {"name": p.name, "href": href(*doc_prefix, p.name)}
            for p in _documents(loaded, internal, tuple(config.buyer_documents))
        ],
        "factory": (o.factory.name if o.factory else "") if internal else "",
        "notes": _s(o.notes) if internal else "",
    }
    return ctx


def build(ws: Workspace, out: Path, today: date, lang: str = "en", progress: Progress | None = None) -> SiteResult:
    """Render the whole site into `out` (created; an existing folder must be an earlier site or empty),
    in `lang` (the pages' words, stage, milestone and status names; the templates get it as `t`);
    `progress` is shown each long step (gendan/core/progress.py)."""
    from gendan.render.documents import environment

    out = output_folder(out, f"-o {out}", ws.root).resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise GendanError(
            f"{out} exists and is not an earlier gendan site; not writing into it (give a new or empty folder)"
        )
    loaded, _problems = ws.load_all(progress=progress)
    # The id names the site's files: only an id equal to its folder's name (E110) is a safe one.
    _problems += [
        Problem(lo.shown, 1, 1, "E110", f"id {lo.order.id!r} differs from the folder name {lo.id}")
        for lo in loaded
        if lo.order.id != lo.id
    ]
    # ... and an id that two folders have names two orders: neither is published (E113).
    twice = ws.duplicates()
    _problems += twice
    left_out = {p.path for p in twice}
    loaded = [lo for lo in loaded if lo.order.id == lo.id and lo.shown not in left_out]
    loaded.sort(key=lambda lo: lo.order.id)
    orders = [lo.order for lo in loaded]
    config = ws.config
    facts = all_facts(orders, config, today, config.alert_days, progress)
    by_id = {f.order.id: f for f in facts}
    st = status(orders, config, today, facts=facts)
    items = overdue(orders, config, today, facts=facts)
    slugs = customer_slugs([o.customer.name for o in orders])
    env = environment(ws.root)
    words = Words(lang, config)
    common = {"company": config.company.name, "today": today.isoformat(), "t": words, "lang": lang}

    result = SiteResult(customers=dict(slugs), problems=sorted(_problems))
    pages: list[Page] = []
    copies: list[tuple[Path, Path]] = []

    order_rows = []
    for lo in steps(loaded, "order pages", progress):
        o, f = lo.order, by_id[lo.order.id]
        ctx = order_context(lo, f, config, internal=True, doc_prefix=(o.id,), today=today, words=words)
        order_rows.append({**ctx, "customer_href": href("customers", slugs[o.customer.name], "index.html")})
        pages.append(
            Page(
                Path("orders") / f"{o.id}.html",
                _render(env, "site-order.html.j2", order=ctx, home="../index.html", internal=True, **common),
                _gantt(o, f, config, today, True, words),
            )
        )
        copies += [(p, Path("orders") / o.id / p.name) for p in _documents(lo, True)]

    pipeline = [
        {
            "stage": words.stage(r.stage),
            "orders": r.orders,
            "pieces": money.number_text(r.pieces, 0),
            "value": ", ".join(money.labelled(v, c or None) for c, v in r.values.items()),
        }
        for r in st.pipeline
    ]
    risks = [
        {
            "order": r["order"],
            "customer": r["customer"],
            "ex_factory": _s(r["ex_factory"]),
            "forecast": _s(r["forecast"]),
            "working_days_late": r["working_days_late"],
        }
        for r in st.at_risk
    ]
    late = [
        {
            "order": i.order,
            "customer": i.customer,
            "milestone": words.milestone(i.milestone),
            "owner": words.role(i.owner),
            "due": _s(i.due),
            "working_days_late": i.working_days_late,
            "kind": words(i.kind),
            "detail": words.detail(i.detail),
        }
        for i in items
    ]
    customers = [
        {
            "name": n,
            "href": href("customers", s, "index.html"),
            "orders": sum(1 for o in orders if o.customer.name == n),
        }
        for n, s in sorted(slugs.items())
    ]
    feed_pages, calendars = _feeds(orders, facts, config, today, lang)
    calendars = [{**c, "owner": words.role(c["owner"])} for c in calendars]  # a role (buyer) in the language
    pages += feed_pages
    pages.append(
        Page(
            Path("index.html"),
            _render(
                env,
                "site-index.html.j2",
                pipeline=pipeline,
                at_risk=risks,
                overdue=late,
                orders=order_rows,
                customers=customers,
                calendars=calendars,
                board=_board(facts, config, today, words),
                problems=len({p.path for p in _problems}),
                **common,
            ),
        )
    )

    for name, s in steps(slugs.items(), "customer pages", progress, len(slugs)):
        mine = [lo for lo in loaded if lo.order.customer.name == name]
        rows = []
        for lo in mine:
            o = lo.order
            ctx = order_context(lo, by_id[o.id], config, internal=False, doc_prefix=("files", o.id), words=words)
            rows.append(ctx)
            pages.append(
                Page(
                    Path("customers") / s / f"{o.id}.html",
                    _render(env, "site-order.html.j2", order=ctx, home="index.html", internal=False, **common),
                )
            )
            copies += [
                (p, Path("customers") / s / "files" / o.id / p.name)
                for p in _documents(lo, False, tuple(config.buyer_documents))
            ]
        pages.append(
            Page(
                Path("customers") / s / "index.html",
                _render(env, "site-customer.html.j2", customer=name, orders=rows, **common),
            )
        )

    _write(out, pages, copies, result, progress)
    return result


FEEDS = "calendars"


def _feeds(orders, facts: list[Facts], config, today: date, lang: str) -> tuple[list[Page], list[dict]]:
    """The calendar feeds: every open milestone (calendars/all.ics) and one feed per owner, made
    as `gendan calendar` makes them (the same entries, UIDs and text), and the index's links."""
    from gendan.render.documents import slug
    from gendan.render.ical import Wording, calendar_bytes
    from gendan.reports.feeds import entries, feed_name
    from gendan.reports.filters import Filters

    wording = Wording(lang, config.site.url or "", config)
    everything = entries(orders, config, today, Filters(), facts)
    owners = sorted({e.owner for e in everything if e.owner})
    names: dict[str, str] = {}
    for owner in owners:  # a distinct file per owner ("all" is the whole feed's)
        base = slug(owner) if slug(owner) not in ("supplier", "all") else "owner"
        name, n = base, 2
        while name in names.values():
            name, n = f"{base}-{n}", n + 1
        names[owner] = name
    feeds: list[tuple[str | None, str, list]] = [(None, "all", everything)]
    feeds += [(o, names[o], [e for e in everything if e.owner == o]) for o in owners]
    pages: list[Page] = []
    links: list[dict] = []
    for who, name, chosen in feeds:
        ics = calendar_bytes(chosen, config, today, feed_name(config, lang, who), 1, wording)
        path = Path(FEEDS) / f"{name}.ics"
        pages.append(Page(path, ics.decode("utf-8")))
        links.append(
            {
                "owner": who or "",
                "href": href(FEEDS, f"{name}.ics"),
                "url": absolute(config.site.url, FEEDS, f"{name}.ics") if config.site.url else "",
                "events": len(chosen),
                "overdue": sum(e.overdue for e in chosen),
            }
        )
    return pages, links


def _board(facts: list[Facts], config, today: date, words: Words):
    """The open orders' key milestones and forecast ex-factory against the contract date."""
    from markupsafe import Markup

    from gendan.render.gantt import board_svg

    rows = [
        (f.order, f.forecast)
        for f in facts
        if is_open(f.order, config) and f.order.ex_factory and not f.forecast.steps[EX_FACTORY].done.done
    ]
    rows.sort(key=lambda r: (r[1].ex_factory or r[0].ex_factory or today, r[0].id))
    return Markup(board_svg(rows, config.tracker_milestones, today, words)) if rows else ""


def _slot():
    from markupsafe import Markup

    return Markup(GANTT_SLOT)


def _gantt(order, f: Facts, config, today: date, internal: bool, words: Words) -> Callable[[], str]:
    """The order's Gantt chart, drawn when its page is written (self-contained SVG, text escaped)."""

    def draw() -> str:
        from gendan.render.gantt import gantt_svg

        return gantt_svg(order, f.forecast, f.calendar, config, today, reasons=internal, words=words)

    return draw


def _render(env, name: str, **ctx) -> str:
    """A page from its template; a broken or sandbox-stopped workspace template is a clean error."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from gendan.render.documents import RenderLimit, render_bounded

    try:
        return render_bounded(env.get_template(name), ctx)
    except RenderLimit as e:
        raise GendanError(f"site: template {name} stopped: it {e}; nothing written") from None
    except RecursionError:
        raise GendanError(f"site: template {name} calls itself without end (a recursive macro?)") from None
    except TemplateSyntaxError as e:
        raise GendanError(f"template syntax error: {e.message}", path=e.filename or name, line=e.lineno) from None
    except SecurityError as e:
        raise GendanError(f"site: template {name} was stopped by the sandbox: {e}") from None
    except TemplateError as e:
        raise GendanError(f"site: template {name}: {e}") from None
    except (TypeError, ValueError, ArithmeticError) as e:
        raise GendanError(f"site: template {name} failed: {type(e).__name__}: {e}") from None


def _write(
    out: Path, pages: list[Page], copies: list[tuple[Path, Path]], result: SiteResult, progress: Progress | None = None
) -> None:
    """Write the whole site into a new folder beside `out`, then swap it in: a site is either the
    earlier one or the new one, whole (a killed or failed run leaves `out` as it was)."""
    import os
    import tempfile

    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except PermissionError:
        if not out.is_dir():
            raise
        _write_in_place(out, pages, copies, result, progress)  # only the folder itself is ours (/srv/www/orders)
        return
    try:
        os.chmod(tmp, 0o755)
        (tmp / MARKER).write_bytes(b"written by gendan site; the folder is replaced on each run\n")
        for page in steps(pages, "writing pages", progress):
            target = tmp / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            html = page.html if page.chart is None else page.html.replace(GANTT_SLOT, page.chart(), 1)
            target.write_bytes(html.encode("utf-8"))
            (result.feeds if page.path.suffix == ".ics" else result.pages).append(page.path)
        for src, rel in copies:
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
            result.files.append(rel)
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_in_place(
    out: Path, pages: list[Page], copies: list[tuple[Path, Path]], result: SiteResult, progress: Progress | None = None
) -> None:
    """Where the folder beside `out` cannot be made: page by page into `out` (each page whole,
    the site as a whole not: a killed run leaves some pages old)."""
    from gendan.store.yamlio import atomic_write

    atomic_write(out / MARKER, b"written by gendan site; the folder is replaced on each run\n")
    for sub in ("orders", "customers", FEEDS):  # pages of orders that are gone must not linger
        if (out / sub).is_symlink():
            (out / sub).unlink()  # the link goes, not what it points to
        elif (out / sub).is_dir():
            shutil.rmtree(out / sub)
    for page in steps(pages, "writing pages", progress):
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = page.html if page.chart is None else page.html.replace(GANTT_SLOT, page.chart(), 1)
        atomic_write(target, html.encode("utf-8"))
        (result.feeds if page.path.suffix == ".ics" else result.pages).append(page.path)
    for src, rel in copies:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        result.files.append(rel)


def _swap_in(new: Path, out: Path) -> None:
    """Put the folder `new` at `out`: a rename if `out` is not there, else an atomic exchange
    (renameat2 RENAME_EXCHANGE on Linux; elsewhere two renames) and the old site removed."""
    import os

    if not out.exists() and not out.is_symlink():
        os.rename(new, out)
        return
    if out.is_symlink() or not out.is_dir():
        raise GendanError.worded(said(("{path} is not a folder gendan wrote; not replacing it", {"path": out})))
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # now the old site
        return
    old = out.with_name(f".{out.name}.{os.getpid()}.old")
    os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    import ctypes
    import os

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)


def _remove_leftovers(out: Path) -> None:
    """Folders a killed `site` left beside `out`: only those named exactly as `_write` names
    them (`.NAME.<8 random>.tmp`, `.NAME.<pid>.old`), whatever state the kill left them in."""
    import re

    ours = re.compile(rf"\.{re.escape(out.name)}\.(?:[A-Za-z0-9_]{{8}}\.tmp|\d+\.old)")
    for left in out.parent.glob(f".{out.name}.*"):
        if ours.fullmatch(left.name) and left.is_dir() and not left.is_symlink():
            shutil.rmtree(left, ignore_errors=True)
