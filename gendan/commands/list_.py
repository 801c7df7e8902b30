from __future__ import annotations

import click

from gendan.commands import options


@click.command(
    "list", epilog="Examples: gendan list · gendan list --stage production · gendan list --customer nordic --format csv"
)
@options.filters()
@options.output_format("table", "json", "csv", "markdown")
@click.pass_context
def list_(ctx: click.Context, filters, fmt: str) -> None:
    """List the orders, one line each: customer, style, stage, pieces, value, ex-factory."""
    from gendan.commands.reporting import load_digests
    from gendan.core import money
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.render import i18n
    from gendan.render.tables import render
    from gendan.reports import filters as chosen
    from gendan.reports.digest import list_rows

    ws, found, had_problems = load_digests(ctx, options.today(ctx, None))
    rows = list_rows(chosen.digests(found, ws.config, filters))
    cols = ["id", "customer", "style", "stage", "pieces", "value", "currency", "ex_factory"]
    w = i18n.Words(
        i18n.language_of(ctx.obj.lang, ws.config.language) if fmt in ("table", "markdown") else "en", ws.config
    )
    if fmt in ("table", "markdown"):
        rows = [
            {
                **r,
                "pieces": f"{r['pieces']:,}",
                "value": money.labelled(r["value"], r["currency"]),
                "stage": w.stage(r["stage"]),
            }
            for r in rows
        ]
        cols.remove("currency")
    if rows or fmt != "table":
        options.echo(render(rows, fmt, cols, [w(c.replace("_", "-")) for c in cols]))
    else:
        options.echo(w("(no orders)"))
    ctx.exit(EXIT_FINDINGS if had_problems else 0)
