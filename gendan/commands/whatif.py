from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    epilog="Examples: gendan whatif --slip fabric_in_house=7 --factory Hongda · "
    "gendan whatif --slip pp_sample_approved=5 --customer Nordic --format csv"
)
@click.option(
    "--slip",
    required=True,
    metavar="MILESTONE=DAYS",
    shell_complete=complete.slip,
    help="Slip this milestone by DAYS working days (e.g. fabric_in_house=7).",
)
@options.filters()
@options.as_of
@options.output_format("table", "json", "csv", "markdown")
@click.pass_context
def whatif(ctx: click.Context, slip: str, filters, as_of, fmt: str) -> None:
    """Show which deliveries a milestone slip would make late, using the orders' forecast."""
    from gendan.commands.reporting import load_orders
    from gendan.render.tables import render, wrap
    from gendan.reports import filters as chosen
    from gendan.reports import whatif as domain

    ws, orders, _ = load_orders(ctx)
    orders = chosen.orders(orders, ws.config, filters)
    key, days = domain.parse_slip(slip, ws.config)
    today = options.today(ctx, as_of)
    effects = domain.whatif(orders, ws.config, today, key, days)
    if fmt not in ("table", "markdown"):
        options.echo(render([e.as_row() for e in effects], fmt, domain.COLUMNS))
        return

    w = options.words(ctx, ws.config)
    if fmt == "markdown" and w.lang == "en":
        options.echo(render([e.as_row() for e in effects], fmt, domain.COLUMNS))
        return
    if not effects:
        options.echo(
            w("no open order matching has {key} still ahead (as of {today})", key=w.milestone(key), today=today)
        )
        return
    headers = [w.milestone(key) if c == "milestone" else w(c.replace("_", " ")) for c in domain.COLUMNS]
    rows = [e.as_row() for e in effects]
    if w.lang != "en":
        rows = [
            {**r, "verdict": _verdict(w, e), "chain": w.chain(e.chain_detail)}
            for r, e in zip(rows, effects, strict=True)
        ]
    options.echo(render(rows, fmt, domain.COLUMNS, headers, lang=w.lang))
    if fmt != "table":
        return
    late = [e for e in effects if e.late_after > 0]
    new = [e for e in late if e.late_before <= 0]
    moved = [e for e in effects if e.moves > 0]
    options.echo(
        "\n"
        + wrap(
            w.said(
                f"{key} +{days} working days: {len(effects)} order{'s' * (len(effects) != 1)} affected, "
                f"ex-factory moves on {len(moved)}, "
                f"{len(new)} become{'s' * (len(new) == 1)} late, {len(late) - len(new)} already at risk",
                "{key} +{days} working days: {n} orders affected, ex-factory moves on {moved}, {new} become late, "
                "{risk} already at risk",
                key=w.milestone(key),
                days=days,
                n=len(effects),
                moved=len(moved),
                new=len(new),
                risk=len(late) - len(new),
            )
        )
    )


def _verdict(w, e) -> str:
    """Effect.verdict in the language."""
    if e.late_after <= 0:
        return w("on time")
    if e.late_before > 0:
        more = e.late_after - e.late_before
        return w("already at risk, {n} more", n=more) if more > 0 else w("already at risk")
    return w("becomes late")
