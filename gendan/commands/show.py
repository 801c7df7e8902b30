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
    from gendan.render.tables import wrap

    w = options.words(ctx, ws.config)
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
        ("stage", v.stage_name if w.lang == "en" else w.stage(o.stage)),
        ("incoterm", o.incoterm),
        ("payment", _terms(o, w)),
        ("PO date", o.po_date),
        ("ex-factory", o.ex_factory),
        ("pieces", f"{o.quantity:,}" + (f" (±{o.tolerance_pct}%)" if o.tolerance_pct else "")),
        (
            "shipped",
            f"{sum(line.shipped_quantity for line in o.lines):,}" if any(ln.shipped for ln in o.lines) else None,
        ),
        ("value", money.labelled(o.value, cur)),
    ]
    label = {"payment": "payment terms"} if w.lang != "en" else {}  # not the overdue kind `payment`
    out = [render([{"k": w(label.get(k, k)), "v": val} for k, val in facts if val], "plain", ["k", "v"], lang=w.lang)]
    if v.rows:
        cols = ["colour", *v.sizes, "total", "unit_price", "amount"]
        rows = [
            {**r, "unit_price": money.price_text(r["unit_price"], cur), "amount": money.labelled(r["amount"], cur)}
            for r in v.rows
        ]
        rows.append({"colour": w("total"), **v.totals, "amount": money.labelled(o.value, cur)})
        heads = [w("colour"), *v.sizes, w("total"), w("price"), w("amount")]
        out.append(render(rows, "table", cols, heads, lang=w.lang))
    if v.payments:
        rows = [
            {
                **p.as_row(),
                "kind": w(p.kind),
                "amount": money.labelled(p.amount, cur) if p.amount is not None else None,
            }
            for p in v.payments
        ]
        columns = ["kind", "amount", "due", "received", "confirmed_by"]
        out.append(render(rows, "table", columns, w.heads(columns), lang=w.lang))
    out.append(
        w(
            "received {received}, outstanding {outstanding}",
            received=money.labelled(v.received, cur),
            outstanding=money.labelled(v.outstanding, cur),
        )
    )
    if v.next_milestones:
        rows = [
            {
                **m.as_row(),
                "milestone": w.milestone(m.key),
                "owner": w.role(m.owner),
                "late": w.plural(m.working_days_late, "{n} working day late", "{n} working days late")
                if m.working_days_late > 0
                else "",
                "revised": w("revised") if m.revised else "",
            }
            for m in v.next_milestones
        ]
        out.append(
            w("next milestones (as of {today}):", today=today)
            + "\n"
            + render(
                rows,
                "table",
                ["milestone", "due", "forecast", "owner", "revised", "late", "slack"],
                w.heads(["milestone", "due", "forecast", "owner", "revised", "late", "slack (working days)"]),
                lang=w.lang,
            )
        )
    if v.forecast is not None and v.forecast.ex_factory is not None:
        out.append("\n".join(wrap(line) for line in w.forecast_note(v.forecast).split("\n")))
    options.echo("\n\n".join(out))


def _terms(order, w) -> str | None:
    p = order.payment
    if p is None:
        return None
    return f"{w(p.terms)} {p.deposit_pct}%" if p.deposit_pct is not None else w(p.terms)
