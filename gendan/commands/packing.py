from __future__ import annotations

import click

from gendan.commands import options


@click.command(epilog="Example: gendan packing SO-2026-0142 · gendan packing SO-2026-0142 --format csv")
@options.order_id
@options.output_format("table", "json", "csv", "markdown")
@click.pass_context
def packing(ctx: click.Context, order_id: str, fmt: str) -> None:
    """Print an order's packing plan: carton numbers, pieces, weights and CBM."""
    from gendan.core.errors import EXIT_FINDINGS, GendanError
    from gendan.domain import packing as pk
    from gendan.domain.checks import located
    from gendan.render.i18n import Words, for_people, problem
    from gendan.render.tables import render

    ws = ctx.obj.workspace()
    w = Words(for_people(ctx.obj.lang, ws.config.language, fmt), ws.config)
    loaded = ws.load(ws.find(order_id))
    problems = located(loaded, pk.packing_findings(loaded.order, ws.config))  # E230, as validate words it
    said = options.words(ctx, ws.config)  # the problems: for people, any --format
    try:
        plan = pk.build_plan(loaded.order)
    except GendanError:
        if not problems:
            raise  # no packing rules at all: a usage error, not a finding
        for p in problems:
            options.echo(problem(said, p), err=True)
        ctx.exit(EXIT_FINDINGS)
    rows = pk.plan_rows(plan)
    if fmt == "json":
        import json

        from gendan.render.tables import jsonable

        options.echo(
            json.dumps(
                {"order": loaded.order.id, "cartons": rows, "totals": pk.plan_totals(plan), "notes": plan.notes},
                default=jsonable,
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        total = pk.plan_totals(plan)
        rows.append(
            {
                "cartons": w("total"),
                "count": total["cartons"],
                "pieces": total["pieces"],
                "net_kg": total["net_kg"],
                "gross_kg": total["gross_kg"],
                "cbm": total["cbm"],
            }
        )
        options.echo(render(rows, fmt, columns=pk.ROW_COLUMNS, headers=w.heads(pk.ROW_HEADERS), lang=w.lang))
        for note in plan.notes:
            options.echo(w("note: {note}", note=note))
    for p in problems:
        options.echo(problem(said, p), err=True)
    if problems:
        ctx.exit(EXIT_FINDINGS)
