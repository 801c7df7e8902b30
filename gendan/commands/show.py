from __future__ import annotations

import click

from gendan.commands import options


@click.command(epilog="Examples: gendan show SO-2026-0142 · gendan show SO-2026-0142 --format json")
@options.order_id
@click.option(
    "--upcoming", default=5, show_default=True, type=click.IntRange(0), help="How many open milestones to list."
)
@options.as_of
@options.output_format("table", "json")
@click.pass_context
def show(ctx: click.Context, order_id: str, upcoming: int, as_of, fmt: str) -> None:
    """Show one order at a glance: quantities, value, payments, next milestones."""
    import json

    from gendan.core import money
    from gendan.render.tables import jsonable, render
    from gendan.reports import summary

    ws = ctx.obj.workspace()
    order = ws.load(ws.find(order_id)).order
    today = options.today(ctx, as_of)
    v = summary.view(order, ws.config, today, upcoming)
    if fmt == "json":
        options.echo(json.dumps(jsonable({"as_of": today, **v.as_dict()}), ensure_ascii=False, indent=2))
        return
    o, cur = order, order.currency
    facts = [
        ("order", o.id),
        (
            "customer",
            " ".join(filter(None, [o.customer.name, f"({o.customer.country})" if o.customer.country else None])),
        ),
        ("PO", o.customer.po),
        ("merchandiser", o.merchandiser),
        ("factory", o.factory.name if o.factory else None),
        ("style", " ".join(filter(None, [o.style.number, o.style.description])) if o.style else None),
        ("stage", v.stage_name),
        ("incoterm", o.incoterm),
        ("payment", _terms(o)),
        ("PO date", o.po_date),
        ("ex-factory", o.ex_factory),
        ("pieces", f"{o.quantity:,}" + (f" (±{o.tolerance_pct}%)" if o.tolerance_pct else "")),
        (
            "shipped",
            f"{sum(line.shipped_quantity for line in o.lines):,}" if any(ln.shipped for ln in o.lines) else None,
        ),
        ("value", money.labelled(o.value, cur)),
    ]
    out = [render([{"k": k, "v": val} for k, val in facts if val], "plain", ["k", "v"])]
    if v.rows:
        cols = ["colour", *v.sizes, "total", "unit_price", "amount"]
        rows = [
            {**r, "unit_price": money.price_text(r["unit_price"], cur), "amount": money.labelled(r["amount"], cur)}
            for r in v.rows
        ]
        rows.append({"colour": "total", **v.totals, "amount": money.labelled(o.value, cur)})
        out.append(render(rows, "table", cols, ["colour", *v.sizes, "total", "price", "amount"]))
    if v.payments:
        rows = [
            {**p.as_row(), "amount": money.labelled(p.amount, cur) if p.amount is not None else None}
            for p in v.payments
        ]
        out.append(render(rows, "table", ["kind", "amount", "due", "received", "confirmed_by"]))
    out.append(f"received {money.labelled(v.received, cur)}, outstanding {money.labelled(v.outstanding, cur)}")
    if v.next_milestones:
        rows = [
            {
                **m.as_row(),
                "late": f"{m.late_days} days late" if m.late_days > 0 else "",
                "revised": "revised" if m.revised else "",
            }
            for m in v.next_milestones
        ]
        out.append(
            f"next milestones (as of {today}):\n"
            + render(rows, "table", ["milestone", "due", "owner", "revised", "late"])
        )
    options.echo("\n\n".join(out))


def _terms(order) -> str | None:
    p = order.payment
    if p is None:
        return None
    return f"{p.terms} {p.deposit_pct}%" if p.deposit_pct is not None else p.terms
