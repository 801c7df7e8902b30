from __future__ import annotations

import click

from gendan.commands import options

COLUMNS = ("milestone", "owner", "stage", "computed", "planned", "revised", "actual", "forecast", "slack", "note")
HEADERS = ("milestone", "owner", "stage", "template", "planned", "revised", "actual", "forecast", "slack", "note")


@click.command(epilog="Examples: gendan plan SO-2026-0142 · gendan plan SO-2026-0142 --write")
@options.order_id
@click.option(
    "--write", is_flag=True, help="Write the template's dates as planned dates (never touches actual or revised dates)."
)
@options.as_of
@options.output_format("table", "json", "csv", "markdown")
@click.option("--strict", is_flag=True, help="Exit 1 when the plan cannot hold (the W warnings).")
@click.pass_context
def plan(ctx: click.Context, order_id: str, write: bool, as_of, fmt: str, strict: bool) -> None:
    """Show the T&A calendar the template computes beside the order's dates."""
    from dataclasses import asdict

    from gendan.domain import tracking
    from gendan.render.tables import render
    from gendan.store import edit

    ws = ctx.obj.workspace()
    draft = edit.open_order(ws, order_id)
    today = options.today(ctx, as_of)
    order = draft.order
    rows, fc = tracking.plan_rows(order, ws.config, today)
    patch = tracking.plan_patch(order, rows) if write else None
    if patch:  # show the calendar as written
        order = edit.write(draft, patch)
        rows, fc = tracking.plan_rows(order, ws.config, today)
    if fmt in ("table", "markdown"):
        click.echo(render([asdict(r) for r in rows], fmt, COLUMNS, HEADERS))
        click.echo(f"\n{tracking.forecast_note(fc)}")
    else:  # for scripts: whether each milestone is done (gendan's one notion of done)
        headers = None if fmt == "json" else (*HEADERS, "done")
        click.echo(render([asdict(r) for r in rows], fmt, (*COLUMNS, "done"), headers))
    if patch:
        click.echo(
            f"{len(patch.sets)} planned date{'s' * (len(patch.sets) != 1)} written to {draft.shown}",
            err=fmt not in ("table", "markdown"),
        )
    elif write:
        click.echo("planned dates already match the template; nothing written", err=True)
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.domain.calendar import order_calendar, plan_warnings
    from gendan.store.parse import to_problems

    warnings = plan_warnings(order, ws.config, order_calendar(order, ws.config, today), today, fc)
    text = draft.path.read_text(encoding="utf-8-sig") if patch else draft.text
    for problem in sorted(to_problems(warnings, draft.shown, text)):
        click.echo(str(problem), err=True)
    if strict and warnings:
        ctx.exit(EXIT_FINDINGS)
